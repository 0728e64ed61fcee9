//! `POST /api/documents`: add documents to the store when the server runs with ingest
//! enabled. The bearer token is checked before the body is read; analysis JSON
//! (`{"schema": "newsgraph.analysis/1", ...}`, one object or JSON lines) is stored as it is,
//! anything else goes to the configured [`crate::Analyze`] function (the same reader and
//! pipeline as `newsgraph ingest`). It does not rate-limit.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use newsgraph_core::Analysis;
use newsgraph_store::{content_hash, Outcome};

use crate::api::Stored;
use crate::params::Params;
use crate::{ApiError, AppState, Upload};

/// Equal-time comparison, so the token cannot be guessed byte by byte from timings.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn unauthorized(message: &str) -> Response {
    let mut res = ApiError::new(StatusCode::UNAUTHORIZED, message.to_string()).into_response();
    res.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
    res
}

/// Analysis JSON objects in `body` (one object, or one per line), or `None` when the body
/// is not analysis JSON.
fn analyses(body: &[u8]) -> Option<Result<Vec<Analysis>, String>> {
    let text = std::str::from_utf8(body).ok()?;
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    if !first.trim_start().starts_with('{') || !first.contains("\"schema\"") {
        return None;
    }
    if let Ok(a) = serde_json::from_str::<Analysis>(text) {
        return Some(Ok(vec![a]));
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match serde_json::from_str::<Analysis>(line) {
            Ok(a) => out.push(a),
            Err(e) => return Some(Err(format!("body line {}: not an analysis object: {e}", i + 1))),
        }
    }
    Some(Ok(out))
}

/// The handler.
pub(crate) async fn post_documents(
    State(state): State<AppState>,
    headers: HeaderMap,
    p: Params,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let Some(cfg) = state.config.ingest.clone() else {
        return ApiError::new(StatusCode::FORBIDDEN, "this server is read-only; start it with --allow-ingest to add documents".into())
            .into_response();
    };
    let given = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    match given {
        None => return unauthorized("send the token as `Authorization: Bearer TOKEN`"),
        Some(t) if !same(t.trim().as_bytes(), cfg.token.as_bytes()) => return unauthorized("wrong token"),
        Some(_) => {}
    }
    let body = match body {
        Ok(b) => b,
        Err(e) => return ApiError::new(e.status(), format!("cannot read the body: {}", e.body_text())).into_response(),
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return ApiError::bad_request("empty body: send a document (text, HTML, JSON lines, a feed or analysis JSON)".into())
            .into_response();
    }
    let published = match p.date("published") {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
    let items: Vec<Result<Analysis, String>> = match analyses(&body) {
        Some(Ok(v)) => v.into_iter().map(Ok).collect(),
        Some(Err(e)) => return ApiError::bad_request(e).into_response(),
        None => match cfg.analyze.clone() {
            None => {
                return ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "this server stores analysis JSON only (no analyser configured)".into(),
                )
                .into_response()
            }
            Some(f) => {
                let job = tokio::task::spawn_blocking(move || {
                    f(Upload { body: &body, content_type: content_type.as_deref(), published: published.as_deref() })
                });
                match job.await {
                    Ok(v) => v,
                    Err(e) => return ApiError::internal(format!("analysis failed: {e}")).into_response(),
                }
            }
        },
    };
    let result = state
        .write(move |st| {
            let mut stored = Vec::new();
            let mut errors = Vec::new();
            for item in items {
                match item {
                    Err(e) => errors.push(e),
                    Ok(a) => {
                        let outcome = st.add(&a)?;
                        let hash = content_hash(&a.document.text);
                        let id: i64 = st
                            .connection()
                            .query_row("SELECT id FROM documents WHERE content_hash = ?1", [&hash], |r| r.get(0))
                            .map_err(|e| ApiError::internal(format!("stored document not found again: {e}")))?;
                        let outcome = match outcome {
                            Outcome::Added => "added",
                            Outcome::NewVersion => "new_version",
                            Outcome::Unchanged => "unchanged",
                        };
                        stored.push(Stored { id, outcome, title: a.document.title.clone() });
                    }
                }
            }
            Ok((stored, errors))
        })
        .await;
    match result {
        Err(e) => e.into_response(),
        Ok((stored, errors)) => {
            let status = if stored.is_empty() {
                StatusCode::UNPROCESSABLE_ENTITY
            } else if stored.iter().any(|s| s.outcome != "unchanged") {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            let mut body = serde_json::json!({ "documents": stored, "errors": errors });
            if status == StatusCode::UNPROCESSABLE_ENTITY {
                body["error"] = serde_json::json!("no document could be stored; see errors");
            }
            (status, Json(body)).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_comparison() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"abcd"));
    }

    #[test]
    fn analysis_json_is_recognised_and_other_bodies_are_not() {
        let a = Analysis::from_doc(&newsgraph_core::Doc::new(newsgraph_core::Meta::default(), "Text.".into()));
        let one = serde_json::to_string(&a).unwrap();
        assert_eq!(analyses(one.as_bytes()).unwrap().unwrap().len(), 1);
        let two = format!("{one}\n{one}\n");
        assert_eq!(analyses(two.as_bytes()).unwrap().unwrap().len(), 2);
        assert!(analyses(b"Plain text about Minsk.").is_none());
        assert!(analyses(br#"{"text": "a JSONL document"}"#).is_none());
        assert!(analyses(b"{\"schema\": 1}\n").unwrap().is_err());
    }
}
