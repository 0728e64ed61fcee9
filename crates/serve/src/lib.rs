//! The newsgraph server: a JSON API (`/api/...`, described by `/openapi.json`) and a
//! server-rendered browser UI over one corpus store, in one axum [`router`].
//!
//! Reads go to a small pool of read-only SQLite connections on blocking threads; the
//! optional ingest endpoint (`POST /api/documents`, bearer token) writes through one writer
//! connection. Every response carries a Content-Security-Policy that allows scripts from
//! this server only (`script-src 'self'`), so text from a document can never run as script;
//! all document text is escaped when rendered ([`html::esc`]). Text analysis is not done
//! here: the caller passes an [`Analyze`] function (the CLI wires the pipeline in).
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let config = newsgraph_serve::Config::new("newsgraph.db".into());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! newsgraph_serve::serve(listener, config).await?;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod api;
mod assets;
mod error;
pub mod highlight;
pub mod html;
mod ingest;
mod layers;
mod pages;
mod params;
mod state;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use newsgraph_core::Analysis;

pub use error::ApiError;
pub use state::AppState;

/// One upload to `POST /api/documents`, handed to the [`Analyze`] function.
#[derive(Debug, Clone, Copy)]
pub struct Upload<'a> {
    /// The request body.
    pub body: &'a [u8],
    /// Its `Content-Type`, if any (`text/plain`, `text/html`, `application/json`, ...).
    pub content_type: Option<&'a str>,
    /// `?published=YYYY-MM-DD` for documents that carry no date.
    pub published: Option<&'a str>,
}

/// Turns an upload into analyses (one per document in it), or per-document error messages.
pub type Analyze = Arc<dyn Fn(Upload<'_>) -> Vec<Result<Analysis, String>> + Send + Sync>;

/// How `POST /api/documents` is allowed.
#[derive(Clone)]
pub struct IngestConfig {
    /// The bearer token clients must send (`Authorization: Bearer TOKEN`).
    pub token: String,
    /// Analyses raw documents; without it only analysis JSON (`{"schema": ...}`) is accepted.
    pub analyze: Option<Analyze>,
}

/// Server settings.
#[derive(Clone)]
pub struct Config {
    /// The store file.
    pub db: PathBuf,
    /// `Some` enables `POST /api/documents`.
    pub ingest: Option<IngestConfig>,
    /// Largest request body in bytes.
    pub body_limit: usize,
    /// Longest time a request may take before it is answered 503.
    pub timeout: Duration,
}

impl Config {
    /// Read-only settings for `db`: 8 MiB bodies, 30 s per request.
    pub fn new(db: PathBuf) -> Config {
        Config { db, ingest: None, body_limit: 8 << 20, timeout: Duration::from_secs(30) }
    }
}

/// The Content-Security-Policy of every response: scripts, styles and connections only
/// from this server, no inline script, no plugins, no framing.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
                       font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Security headers on every response.
async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// Answer 503 when a request runs past the configured time. (The blocking query it waits
/// for finishes on its own thread; SQLite queries here are bounded by their LIMITs.)
async fn timeout(State(limit): State<Duration>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => ApiError::new(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            format!("the request took longer than {} s; narrow it (filters, smaller limit)", limit.as_secs_f64()),
        )
        .into_response(),
    }
}

/// The whole application: API, UI, assets and the OpenAPI description.
pub fn router(state: AppState) -> Router {
    let limit = state.config.timeout;
    let body_limit = state.config.body_limit;
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .merge(assets::routes())
        .route("/openapi.json", get(api::openapi))
        .route("/healthz", get(|| async { axum::Json(serde_json::json!({"ok": true})) }))
        .fallback(pages::not_found)
        .method_not_allowed_fallback(|method: axum::http::Method, uri: axum::http::Uri| async move {
            ApiError::new(axum::http::StatusCode::METHOD_NOT_ALLOWED, format!("{method} is not allowed on {}; see /openapi.json", uri.path()))
        })
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn_with_state(limit, timeout))
        .layer(middleware::from_fn(headers))
        .with_state(state)
}

/// Serve `config` on `listener` until Ctrl-C (or SIGTERM on Unix).
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> Result<(), ApiError> {
    let state = AppState::open(config)?;
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| ApiError::internal(format!("server stopped: {e}")))
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
