//! Static assets embedded in the binary (see `assets/README.md` for versions and licenses):
//! the stylesheet, the UI script and the vendored Cytoscape.js.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::{ApiError, AppState};

const FILES: &[(&str, &str, &[u8])] = &[
    ("style.css", "text/css; charset=utf-8", include_bytes!("../assets/style.css")),
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../assets/app.js")),
    ("cytoscape.min.js", "text/javascript; charset=utf-8", include_bytes!("../assets/cytoscape.min.js")),
    ("cytoscape.LICENSE", "text/plain; charset=utf-8", include_bytes!("../assets/cytoscape.LICENSE")),
];

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/assets/{name}", get(asset))
}

async fn asset(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, mime, bytes)) => {
            ([(header::CONTENT_TYPE, *mime), (header::CACHE_CONTROL, "public, max-age=3600")], *bytes).into_response()
        }
        None => ApiError::not_found(format!("no asset {name:?}")).into_response(),
    }
}
