//! The JSON API under `/api`: documents with all layers, entities and profiles, quotes and
//! claims with the query filters, relations, events and timelines, full-text search, graph
//! neighbourhoods, sources and duplicate clusters. Lists are paged (`limit`, `offset`) in the
//! [`Paged`] envelope; errors are `{"error": message}`. Ingest lives in `ingest`.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use newsgraph_store::QuoteFilter;
use serde::Serialize;

use crate::params::{Page, Paged, Params};
use crate::{ApiError, AppState};

/// The hand-written OpenAPI description (a test checks every path in it answers).
pub const OPENAPI: &str = include_str!("openapi.json");

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/stats", get(stats))
        .route("/api/documents", get(documents).post(crate::ingest::post_documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/entities", get(entities))
        .route("/api/entities/{id}", get(entity))
        .route("/api/entities/{id}/graph", get(graph))
        .route("/api/entities/{id}/timeline", get(timeline))
        .route("/api/attributions", get(attributions))
        .route("/api/relations", get(relations))
        .route("/api/events", get(events))
        .route("/api/search", get(search))
        .route("/api/sources", get(sources))
        .route("/api/duplicates", get(duplicates))
        .route("/api/stories", get(stories))
}

type ApiResult<T> = Result<Json<T>, ApiError>;

/// `GET /openapi.json`.
pub(crate) async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}


/// A numeric id from the path.
pub(crate) fn id(what: &str, raw: &str) -> Result<i64, ApiError> {
    raw.parse().map_err(|_| ApiError::not_found(format!("{what} {raw:?}: ids are integers")))
}

/// The quote filters of the query string: `speaker` (entity id, else part of the speaker's
/// name), `outlet`, `cue`, `kind`, `from`, `to`, `q` (words of the content), `copies`.
pub(crate) fn quote_filter(p: &Params, limit: usize) -> Result<QuoteFilter, ApiError> {
    let (speaker, speaker_text) = match p.text("speaker") {
        None => (None, None),
        Some(s) => match s.parse::<i64>() {
            Ok(id) => (Some(id), None),
            Err(_) => (None, Some(s)),
        },
    };
    let kind = p.text("kind");
    if let Some(k) = &kind {
        const KINDS: &[&str] = &["direct", "indirect", "mixed", "according_to", "report", "evidence"];
        if !KINDS.contains(&k.as_str()) {
            return Err(ApiError::bad_request(format!("kind={k:?}: expected one of {}", KINDS.join(", "))));
        }
    }
    Ok(QuoteFilter {
        speaker,
        speaker_text,
        outlet: p.text("outlet"),
        cue: p.text("cue"),
        kind,
        from: p.date("from")?,
        to: p.date("to")?,
        text: p.text("q"),
        copies: p.flag("copies")?,
        limit,
    })
}

async fn stats(State(s): State<AppState>) -> ApiResult<newsgraph_store::Counts> {
    Ok(Json(s.read(|st| Ok(st.counts()?)).await?))
}

async fn documents(State(s): State<AppState>, p: Params) -> ApiResult<Paged<newsgraph_store::query::DocRow>> {
    let page = p.page(50)?;
    let copies = p.flag("copies")?;
    let rows = s.read(move |st| Ok(st.documents(copies, page.window(), page.offset)?)).await?;
    Ok(Json(Paged::from_window(rows, page)))
}

async fn document(State(s): State<AppState>, Path(raw): Path<String>) -> ApiResult<newsgraph_store::StoredDocument> {
    let id = id("document", &raw)?;
    let doc = s.read(move |st| Ok(st.document(id)?)).await?;
    doc.map(Json).ok_or_else(|| ApiError::not_found(format!("no document {id}")))
}

async fn entities(State(s): State<AppState>, p: Params) -> ApiResult<Paged<newsgraph_store::EntityBrief>> {
    let page = p.page(50)?;
    let (kind, name) = (p.text("type"), p.text("name"));
    let rows = s.read(move |st| Ok(st.entities(kind.as_deref(), name.as_deref(), page.prefix())?)).await?;
    Ok(Json(Paged::from_prefix(rows, page)))
}

async fn entity(State(s): State<AppState>, Path(raw): Path<String>, p: Params) -> ApiResult<newsgraph_store::query::Profile> {
    let id = id("entity", &raw)?;
    let limit = p.page(50)?.limit;
    Ok(Json(s.read(move |st| Ok(st.profile(id, limit)?)).await?))
}

async fn graph(State(s): State<AppState>, Path(raw): Path<String>, p: Params) -> ApiResult<newsgraph_store::query::Graph> {
    let id = id("entity", &raw)?;
    let limit = p.page(30)?.limit;
    Ok(Json(s.read(move |st| Ok(st.graph(id, limit)?)).await?))
}

async fn timeline(State(s): State<AppState>, Path(raw): Path<String>, p: Params) -> ApiResult<Paged<newsgraph_store::query::EventRow>> {
    let id = id("entity", &raw)?;
    let page = p.page(100)?;
    let rows = s
        .read(move |st| {
            st.best_entity(&id.to_string(), None)?;
            Ok(st.timeline(id, page.prefix())?)
        })
        .await?;
    Ok(Json(Paged::from_prefix(rows, page)))
}

async fn attributions(State(s): State<AppState>, p: Params) -> ApiResult<Paged<newsgraph_store::query::QuoteRow>> {
    let page = p.page(50)?;
    let f = quote_filter(&p, page.prefix())?;
    let rows = s.read(move |st| Ok(st.quotes(&f)?)).await?;
    Ok(Json(Paged::from_prefix(rows, page)))
}

async fn relations(State(s): State<AppState>, p: Params) -> ApiResult<Paged<newsgraph_store::document::RelationHit>> {
    let page = p.page(50)?;
    let entity = p.int("entity")?;
    let rows = s.read(move |st| Ok(st.relations(entity, page.window(), page.offset)?)).await?;
    Ok(Json(Paged::from_window(rows, page)))
}

async fn events(State(s): State<AppState>, p: Params) -> ApiResult<Paged<newsgraph_store::query::EventRow>> {
    let page = p.page(100)?;
    let (entity, q) = (p.int("entity")?, p.text("q"));
    let rows = s
        .read(move |st| match (entity, q) {
            (Some(id), _) => Ok(st.timeline(id, page.prefix())?),
            (None, Some(q)) => Ok(st.timeline_text(&q, page.prefix())?),
            (None, None) => Err(ApiError::bad_request("give entity=ID or q=WORDS".into())),
        })
        .await?;
    Ok(Json(Paged::from_prefix(rows, page)))
}

async fn search(State(s): State<AppState>, p: Params) -> ApiResult<Paged<newsgraph_store::query::SearchHit>> {
    let page = p.page(20)?;
    let q = p.text("q").ok_or_else(|| ApiError::bad_request("q: give words to search for".into()))?;
    let rows = s.read(move |st| Ok(st.search(&q, page.prefix())?)).await?;
    Ok(Json(Paged::from_prefix(rows, page)))
}

async fn sources(State(s): State<AppState>, p: Params) -> ApiResult<Paged<newsgraph_store::query::SourceRow>> {
    let page = p.page(100)?;
    let outlet = p.text("outlet");
    let rows = s.read(move |st| Ok(st.sources(outlet.as_deref(), page.prefix())?)).await?;
    Ok(Json(Paged::from_prefix(rows, page)))
}

async fn duplicates(State(s): State<AppState>, p: Params) -> ApiResult<Paged<newsgraph_store::query::ClusterRow>> {
    let page = p.page(50)?;
    let rows = s.read(move |st| Ok(st.duplicates(page.prefix())?)).await?;
    Ok(Json(Paged::from_prefix(rows, page)))
}

async fn stories(State(s): State<AppState>, p: Params) -> ApiResult<Paged<newsgraph_store::document::StoryRow>> {
    let page: Page = p.page(50)?;
    let rows = s.read(move |st| Ok(st.stories(page.window(), page.offset)?)).await?;
    Ok(Json(Paged::from_window(rows, page)))
}

/// What `POST /api/documents` answers for each stored document.
#[derive(Debug, Serialize)]
pub(crate) struct Stored {
    /// Row id.
    pub id: i64,
    /// added, new_version or unchanged.
    pub outcome: &'static str,
    /// Headline.
    pub title: Option<String>,
}
