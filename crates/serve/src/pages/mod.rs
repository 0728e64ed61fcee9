//! The browser UI: server-rendered HTML pages over the same store queries as the API. Every
//! value from the store is escaped (`html::esc`); the only scripts are the vendored
//! Cytoscape.js and `assets/app.js`, loaded from this server. Shared pieces (error pages,
//! document links, quote tables, pagers) live here; one module per page.

mod document;
mod entity;
mod home;
mod lists;
mod search;

use std::fmt::Write;

use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use newsgraph_store::query::{DocRow, QuoteRow};

use crate::html::{esc, opt, page, url};
use crate::params::Page;
use crate::{ApiError, AppState};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/entities", get(lists::entities))
        .route("/entities/{id}", get(entity::entity))
        .route("/entities/{id}/graph", get(entity::graph))
        // `POST /documents` is the same upload as `POST /api/documents` (the address the
        // ingest endpoint is documented under in the issue and the README).
        .route("/documents", get(lists::documents).post(crate::ingest::post_documents))
        .route("/documents/{id}", get(document::document))
        .route("/search", get(search::search))
        .route("/sources", get(lists::sources))
        .route("/duplicates", get(lists::duplicates))
}

/// An error shown as an HTML page with its status.
pub(crate) struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let body = format!(
            "<h1>{} {}</h1><p class=\"error\">{}</p><p><a href=\"/\">Back to the start page</a></p>",
            self.0.status.as_u16(),
            esc(self.0.status.canonical_reason().unwrap_or("")),
            esc(&self.0.message)
        );
        (self.0.status, Html(page("Error", &body))).into_response()
    }
}

pub(crate) type PageResult = Result<Html<String>, PageError>;

/// Unknown paths: JSON under `/api/`, an HTML page elsewhere.
pub(crate) async fn not_found(uri: Uri) -> Response {
    let path = uri.path();
    if path.starts_with("/api/") || path == "/api" {
        ApiError::not_found(format!("no API route {path}; see /openapi.json")).into_response()
    } else {
        PageError(ApiError::new(StatusCode::NOT_FOUND, format!("no page at {path}"))).into_response()
    }
}

/// A link to a document, with date and outlet.
pub(crate) fn doc_item(out: &mut String, d: &DocRow) {
    let title = d.title.as_deref().filter(|t| !t.is_empty()).unwrap_or("(untitled)");
    let _ = write!(
        out,
        "<li><a href=\"/documents/{}\">{}</a> <span class=\"meta\">{} · {}</span>",
        d.id,
        esc(title),
        opt(&d.published),
        opt(&d.source)
    );
    if d.copies > 0 {
        let _ = write!(out, " <span class=\"badge\">+{} copies</span>", d.copies);
    }
    out.push_str("</li>");
}

/// A table of quotes and claims, each linked to its evidence in the document.
pub(crate) fn quote_table(out: &mut String, rows: &[QuoteRow]) {
    if rows.is_empty() {
        out.push_str("<p class=\"empty\">None.</p>");
        return;
    }
    out.push_str("<table class=\"quotes\"><thead><tr><th>Date</th><th>Outlet</th><th>Speaker</th><th>Cue</th><th>Kind</th><th>Content</th></tr></thead><tbody>");
    for q in rows {
        let speaker = match (q.speaker_id, &q.speaker) {
            (Some(id), Some(name)) => format!("<a href=\"/entities/{id}\">{}</a>", esc(name)),
            (_, s) => opt(s),
        };
        let _ = write!(
            out,
            "<tr class=\"quote-row\"><td>{}</td><td>{}</td><td class=\"speaker\">{speaker}</td><td>{}</td><td>{}</td><td><a href=\"/documents/{}#q-{}\">{}</a></td></tr>",
            opt(&q.published),
            opt(&q.outlet),
            opt(&q.cue),
            esc(&q.kind),
            q.doc,
            q.id,
            esc(&q.content)
        );
    }
    out.push_str("</tbody></table>");
}

/// "Previous / next" links keeping the other query parameters.
pub(crate) fn pager(out: &mut String, base: &str, keep: &[(&str, Option<String>)], page: Page, more: bool) {
    let mut q = String::new();
    for (k, v) in keep {
        if let Some(v) = v {
            let _ = write!(q, "{k}={}&", url(v));
        }
    }
    out.push_str("<nav class=\"pager\">");
    if page.offset > 0 {
        let prev = page.offset.saturating_sub(page.limit);
        let _ = write!(out, "<a rel=\"prev\" href=\"{base}?{}offset={prev}\">← Previous</a> ", esc(&q));
    }
    if more {
        let _ = write!(out, "<a rel=\"next\" href=\"{base}?{}offset={}\">Next →</a>", esc(&q), page.offset + page.limit);
    }
    out.push_str("</nav>");
}
