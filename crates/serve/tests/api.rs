//! Server integration tests: a small store built from the fixtures in `tests/fixtures/` (the
//! store crate's hand-made corpus plus a hostile document full of HTML), called through the
//! router with `tower::ServiceExt::oneshot` (no socket).

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use newsgraph_core::{Analysis, Doc, Meta};
use newsgraph_serve::{router, AppState, Config, IngestConfig};
use newsgraph_store::{read_analyses, IngestOptions, Store};
use serde_json::Value;
use tower::ServiceExt;

const TOKEN: &str = "test-token-0123456789";

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// A store with the fixture corpus and the XSS document, in `dir`.
fn build_store(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("t.db");
    let mut s = Store::open(&db).unwrap();
    for f in ["corpus.jsonl", "xss.jsonl"] {
        let sum = s.ingest(read_analyses(&fixture(f)).unwrap(), &IngestOptions::default(), |_| {}).unwrap();
        assert_eq!(sum.failed, 0);
    }
    db
}

struct App {
    _dir: tempfile::TempDir,
    router: Router,
}

fn app_with(configure: impl FnOnce(&mut Config)) -> App {
    let dir = tempfile::tempdir().unwrap();
    let db = build_store(dir.path());
    let mut config = Config::new(db);
    configure(&mut config);
    App { router: router(AppState::open(config).unwrap()), _dir: dir }
}

fn app() -> App {
    app_with(|_| {})
}

async fn call(app: &App, req: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), 64 << 20).await.unwrap();
    (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
}

async fn get(app: &App, uri: &str) -> (StatusCode, HeaderMap, String) {
    call(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn json(app: &App, uri: &str) -> Value {
    let (status, headers, body) = get(app, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"), "{uri}");
    serde_json::from_str(&body).unwrap()
}

async fn error(app: &App, uri: &str, want: StatusCode) -> String {
    let (status, _, body) = get(app, uri).await;
    assert_eq!(status, want, "{uri}: {body}");
    let v: Value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("{uri}: not JSON: {body}"));
    v["error"].as_str().unwrap_or_else(|| panic!("{uri}: no error message: {body}")).to_string()
}

async fn entity_id(app: &App, name: &str) -> i64 {
    let v = json(app, &format!("/api/entities?name={name}")).await;
    v["items"][0]["id"].as_i64().unwrap_or_else(|| panic!("no entity {name}: {v}"))
}

async fn doc_id(app: &App, title_word: &str) -> i64 {
    let v = json(app, "/api/documents?copies=true&limit=100").await;
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"].as_str().unwrap_or("").contains(title_word))
        .and_then(|d| d["id"].as_i64())
        .unwrap_or_else(|| panic!("no document titled {title_word}"))
}

#[tokio::test]
async fn stats_and_document_pages_of_the_list() {
    let app = app();
    let stats = json(&app, "/api/stats").await;
    assert_eq!(stats["documents"], 7);
    let all = json(&app, "/api/documents?copies=true").await;
    assert_eq!(all["items"].as_array().unwrap().len(), 7);
    let folded = json(&app, "/api/documents").await;
    assert_eq!(folded["items"].as_array().unwrap().len(), 6, "the syndicated copy is folded");
    let p1 = json(&app, "/api/documents?limit=2").await;
    assert_eq!((p1["items"].as_array().unwrap().len(), p1["next_offset"].as_i64()), (2, Some(2)));
    let p2 = json(&app, "/api/documents?limit=2&offset=2").await;
    assert_ne!(p1["items"][0]["id"], p2["items"][0]["id"]);
    let last = json(&app, "/api/documents?limit=2&offset=4").await;
    assert_eq!((last["items"].as_array().unwrap().len(), last["next_offset"].clone()), (2, Value::Null));
    assert!(error(&app, "/api/documents?limit=0", StatusCode::BAD_REQUEST).await.contains("limit"));
    assert!(error(&app, "/api/documents?limit=5000", StatusCode::BAD_REQUEST).await.contains("limit"));
    assert!(error(&app, "/api/documents?offset=x", StatusCode::BAD_REQUEST).await.contains("offset"));
}

#[tokio::test]
async fn a_document_has_all_layers_and_linked_entities() {
    let app = app();
    let id = doc_id(&app, "Belarusian leader asks Wagner").await;
    let d = json(&app, &format!("/api/documents/{id}")).await;
    let a = &d["analysis"];
    assert!(a["document"]["text"].as_str().unwrap().starts_with("Aleksandr Lukashenko said on Friday"));
    for layer in ["entities", "attributions", "times", "amounts", "relations", "events"] {
        assert!(a[layer].is_array(), "{layer}");
    }
    let luka = a["entities"].as_array().unwrap().iter().find(|e| e["name"] == "Aleksandr Lukashenko").unwrap();
    assert!(luka["corpus_entity"].as_i64().is_some());
    assert_eq!(d["attribution_rows"].as_object().unwrap().len(), a["attributions"].as_array().unwrap().len());
    assert!(error(&app, "/api/documents/999999", StatusCode::NOT_FOUND).await.contains("999999"));
    assert!(error(&app, "/api/documents/abc", StatusCode::NOT_FOUND).await.contains("abc"));
}

#[tokio::test]
async fn entity_profile_graph_timeline_and_relations() {
    let app = app();
    let luka = entity_id(&app, "Lukashenko").await;
    let p = json(&app, &format!("/api/entities/{luka}")).await;
    assert_eq!(p["entity"]["name"], "Aleksandr Lukashenko");
    let quotes = p["quotes"].as_array().unwrap();
    assert!(quotes.iter().any(|q| q["content"].as_str().unwrap().contains("Unfortunately")), "{quotes:?}");
    assert!(quotes.iter().all(|q| q["speaker_id"] == luka));
    assert!(p["descriptions"].as_array().unwrap().iter().any(|d| d["value"] == "Belarusian President"));
    let g = json(&app, &format!("/api/entities/{luka}/graph")).await;
    assert_eq!(g["nodes"][0]["id"], luka);
    assert!(g["nodes"].as_array().unwrap().len() >= 3);
    assert!(g["edges"].as_array().unwrap().iter().any(|e| e["kind"] == "president"));
    let t = json(&app, &format!("/api/entities/{luka}/timeline")).await;
    assert!(t["items"].is_array());
    let r = json(&app, &format!("/api/relations?entity={luka}")).await;
    let rel = &r["items"][0];
    assert_eq!((rel["subject"].as_str(), rel["role"].as_str(), rel["object"].as_str()), (Some("Aleksandr Lukashenko"), Some("president"), Some("Belarus")));
    let ev = json(&app, &format!("/api/events?entity={luka}")).await;
    assert!(ev["items"].is_array());
    assert!(error(&app, "/api/events", StatusCode::BAD_REQUEST).await.contains("entity"));
    assert!(error(&app, "/api/entities/987654", StatusCode::NOT_FOUND).await.contains("987654"));
    assert!(error(&app, "/api/entities/987654/graph", StatusCode::NOT_FOUND).await.contains("987654"));
    let list = json(&app, "/api/entities?type=PERSON&limit=2").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    assert!(list["items"].as_array().unwrap().iter().all(|e| e["type"] == "PERSON"));
}

#[tokio::test]
async fn attribution_filters() {
    let app = app();
    let luka = entity_id(&app, "Lukashenko").await;
    let by = json(&app, &format!("/api/attributions?speaker={luka}")).await;
    let n = by["items"].as_array().unwrap().len();
    assert!(n >= 2);
    let direct = json(&app, &format!("/api/attributions?speaker={luka}&kind=direct")).await;
    assert!(direct["items"].as_array().unwrap().iter().all(|q| q["kind"] == "direct"));
    assert!(direct["items"].as_array().unwrap().len() < n);
    let added = json(&app, "/api/attributions?cue=added").await;
    assert!(added["items"].as_array().unwrap().iter().all(|q| q["cue"].as_str().unwrap().eq_ignore_ascii_case("added")));
    let by_name = json(&app, "/api/attributions?speaker=lukash").await;
    assert_eq!(by_name["items"].as_array().unwrap().len(), n);
    let text = json(&app, "/api/attributions?q=Unfortunately").await;
    assert_eq!(text["items"].as_array().unwrap().len(), 1);
    let none = json(&app, "/api/attributions?from=2030-01-01").await;
    assert!(none["items"].as_array().unwrap().is_empty());
    let dated = json(&app, "/api/attributions?from=2023-06-30&to=2023-06-30").await;
    assert!(dated["items"].as_array().unwrap().iter().all(|q| q["published"] == "2023-06-30"));
    let with_copies = json(&app, &format!("/api/attributions?speaker={luka}&copies=true")).await;
    assert!(with_copies["items"].as_array().unwrap().len() > n);
    let page = json(&app, &format!("/api/attributions?speaker={luka}&limit=1&offset=1")).await;
    assert_eq!(page["items"][0], by["items"][1]);
    assert!(error(&app, "/api/attributions?kind=rumour", StatusCode::BAD_REQUEST).await.contains("kind"));
    assert!(error(&app, "/api/attributions?from=June", StatusCode::BAD_REQUEST).await.contains("from"));
}

#[tokio::test]
async fn search_sources_duplicates_and_stories() {
    let app = app();
    let s = json(&app, "/api/search?q=Wagner").await;
    let hits = s["items"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["snippet"].as_str().unwrap().contains('[')));
    assert!(error(&app, "/api/search", StatusCode::BAD_REQUEST).await.contains('q'));
    assert!(error(&app, "/api/search?q=%22%22", StatusCode::BAD_REQUEST).await.contains("no words"));
    let src = json(&app, "/api/sources").await;
    assert!(src["items"].as_array().unwrap().iter().any(|r| r["source"] == "Aleksandr Lukashenko" && r["cue"] == "said"));
    let one = json(&app, "/api/sources?outlet=Reuters").await;
    assert!(one["items"].as_array().unwrap().iter().all(|r| r["outlet"] == "Reuters"));
    let d = json(&app, "/api/duplicates").await;
    let c = &d["items"][0];
    assert_eq!(c["canonical"]["copies"], 1);
    assert!(c["copy_sources"].as_str().unwrap().contains("Mirror Daily"));
    let st = json(&app, "/api/stories").await;
    assert!(st["items"].is_array());
}

#[tokio::test]
async fn unknown_routes_answer_json_under_api_and_html_elsewhere() {
    let app = app();
    assert!(error(&app, "/api/nothing-here", StatusCode::NOT_FOUND).await.contains("/api/nothing-here"));
    let (status, headers, body) = get(&app, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    assert!(body.contains("no page at /no/such/page"));
    let (status, _, _) = get(&app, "/entities/424242").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, body) = call(&app, Request::delete("/api/stats").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(serde_json::from_str::<Value>(&body).unwrap()["error"].as_str().unwrap().contains("DELETE"));
}

/// Every GET path of the OpenAPI description answers 200 (ids filled with real ones,
/// required parameters with their examples), and every route is described.
#[tokio::test]
async fn every_route_in_the_openapi_description_answers() {
    let app = app();
    let spec = json(&app, "/openapi.json").await;
    let luka = entity_id(&app, "Lukashenko").await;
    let doc = doc_id(&app, "Belarusian leader").await;
    let paths = spec["paths"].as_object().unwrap();
    for (path, item) in paths {
        let Some(op) = item.get("get") else { continue };
        let mut uri = if path.starts_with("/api/documents/") {
            path.replace("{id}", &doc.to_string())
        } else {
            path.replace("{id}", &luka.to_string())
        };
        let mut sep = '?';
        for p in op["parameters"].as_array().unwrap() {
            if p["in"] == "query" && p.get("example").is_some() {
                let ex = match &p["example"] {
                    Value::String(s) => s.clone(),
                    v if p["name"] == "entity" => {
                        let _ = v;
                        luka.to_string()
                    }
                    v => v.to_string(),
                };
                uri.push_str(&format!("{sep}{}={ex}", p["name"].as_str().unwrap()));
                sep = '&';
            }
        }
        let (status, _, body) = get(&app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri} (from the spec): {body}");
    }
    for route in [
        "/api/stats",
        "/api/documents",
        "/api/documents/{id}",
        "/api/entities",
        "/api/entities/{id}",
        "/api/entities/{id}/graph",
        "/api/entities/{id}/timeline",
        "/api/attributions",
        "/api/relations",
        "/api/events",
        "/api/search",
        "/api/sources",
        "/api/duplicates",
        "/api/stories",
        "/openapi.json",
        "/healthz",
    ] {
        assert!(paths.contains_key(route), "{route} is not in openapi.json");
    }
    assert!(paths["/api/documents"].get("post").is_some());
}

#[tokio::test]
async fn security_headers_on_every_response() {
    let app = app();
    for uri in ["/", "/api/stats", "/assets/app.js", "/api/nope"] {
        let (_, headers, _) = get(&app, uri).await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self'"), "{uri}");
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{uri}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }
    let (status, headers, body) = get(&app, "/assets/cytoscape.min.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/javascript"));
    assert!(body.len() > 100_000);
    assert!(error(&app, "/assets/secret.txt", StatusCode::NOT_FOUND).await.contains("secret"));
}

fn post(body: &str, content_type: &str, token: Option<&str>) -> Request<Body> {
    let mut r = Request::post("/api/documents").header(header::CONTENT_TYPE, content_type);
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    r.body(Body::from(body.to_string())).unwrap()
}

fn analysis_json(text: &str) -> String {
    let meta = Meta { title: Some("Posted".into()), published: Some("2024-02-02".into()), ..Meta::default() };
    serde_json::to_string(&Analysis::from_doc(&Doc::new(meta, text.into()))).unwrap()
}

#[tokio::test]
async fn post_documents_is_the_same_upload_as_the_api_route() {
    let app = app_with(|c| c.ingest = Some(IngestConfig { token: TOKEN.into(), analyze: None }));
    let body = analysis_json("Floods close the port of Minsk on Monday.");
    let upload = |token: Option<&str>| {
        let mut r = Request::post("/documents").header(header::CONTENT_TYPE, "application/json");
        if let Some(t) = token {
            r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        r.body(Body::from(body.clone())).unwrap()
    };
    let (status, _, _) = call(&app, upload(None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, msg) = call(&app, upload(Some(TOKEN))).await;
    assert_eq!(status, StatusCode::CREATED, "{msg}");
    let (status, _, msg) = call(&app, post(&body, "application/json", Some(TOKEN))).await;
    assert_eq!(status, StatusCode::OK, "the same document through /api/documents is unchanged: {msg}");
}

#[tokio::test]
async fn ingest_is_off_by_default() {
    let app = app();
    let (status, _, body) = call(&app, post(&analysis_json("A new story."), "application/json", Some(TOKEN))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("--allow-ingest"));
}

#[tokio::test]
async fn ingest_needs_the_token_and_stores_documents_once() {
    let app = app_with(|c| {
        c.body_limit = 4096;
        c.ingest = Some(IngestConfig { token: TOKEN.into(), analyze: None });
    });
    let body = analysis_json("Storm hits the coast of Belarus on Tuesday.");
    let (status, headers, msg) = call(&app, post(&body, "application/json", None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{msg}");
    assert_eq!(headers[header::WWW_AUTHENTICATE], "Bearer");
    let (status, _, _) = call(&app, post(&body, "application/json", Some("wrong-token-0123456789"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, msg) = call(&app, post(&body, "application/json", Some(TOKEN))).await;
    assert_eq!(status, StatusCode::CREATED, "{msg}");
    let v: Value = serde_json::from_str(&msg).unwrap();
    assert_eq!(v["documents"][0]["outcome"], "added");
    let id = v["documents"][0]["id"].as_i64().unwrap();
    let d = json(&app, &format!("/api/documents/{id}")).await;
    assert_eq!(d["analysis"]["document"]["text"], "Storm hits the coast of Belarus on Tuesday.");
    let (status, _, msg) = call(&app, post(&body, "application/json", Some(TOKEN))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(msg.contains("\"unchanged\""));
    // No analyser configured: raw text is refused; too large and empty bodies too.
    let (status, _, _) = call(&app, post("Plain text.", "text/plain", Some(TOKEN))).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (status, _, msg) = call(&app, post(&"x".repeat(5000), "text/plain", Some(TOKEN))).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{msg}");
    assert!(serde_json::from_str::<Value>(&msg).unwrap()["error"].is_string());
    let (status, _, _) = call(&app, post("  ", "text/plain", Some(TOKEN))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = call(&app, post("{\"schema\": 3}", "application/json", Some(TOKEN))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn ingest_analyses_raw_text_with_the_configured_analyser() {
    let analyze: newsgraph_serve::Analyze = Arc::new(|u: newsgraph_serve::Upload<'_>| {
        let text = String::from_utf8_lossy(u.body).trim().to_string();
        if text.contains("FAIL") {
            return vec![Err("POST /api/documents: cannot analyse".to_string())];
        }
        let meta = Meta { published: u.published.map(str::to_string), ..Meta::default() };
        vec![Ok(Analysis::from_doc(&Doc::new(meta, text)))]
    });
    let app = app_with(|c| c.ingest = Some(IngestConfig { token: TOKEN.into(), analyze: Some(analyze) }));
    let mut req = post("Floods reached Minsk.", "text/plain", Some(TOKEN));
    *req.uri_mut() = "/api/documents?published=2024-03-01".parse().unwrap();
    let (status, _, msg) = call(&app, req).await;
    assert_eq!(status, StatusCode::CREATED, "{msg}");
    let id = serde_json::from_str::<Value>(&msg).unwrap()["documents"][0]["id"].as_i64().unwrap();
    let d = json(&app, &format!("/api/documents/{id}")).await;
    assert_eq!(d["analysis"]["document"]["published"], "2024-03-01");
    let (status, _, msg) = call(&app, post("FAIL", "text/plain", Some(TOKEN))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(msg.contains("cannot analyse"));
}

#[tokio::test]
async fn ui_pages_render() {
    let app = app();
    let luka = entity_id(&app, "Lukashenko").await;
    let doc = doc_id(&app, "Belarusian leader").await;
    let (status, _, home) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains(&format!("href=\"/entities/{luka}\"")));
    let (_, _, e) = get(&app, &format!("/entities/{luka}")).await;
    assert!(e.contains("Aleksandr Lukashenko"));
    assert!(e.contains("Unfortunately, they are not here"), "quotes by him");
    assert!(e.contains("class=\"relation\"") && e.contains(">president<"), "the relation");
    assert!(e.contains(&format!("data-src=\"/api/entities/{luka}/graph?limit=30\"")));
    assert!(e.contains("/assets/cytoscape.min.js"));
    let (_, _, d) = get(&app, &format!("/documents/{doc}")).await;
    assert!(d.contains("class=\"ent ent-PERSON\""));
    assert!(d.contains("class=\"quote sp-0 kind-direct\""));
    assert!(d.contains("class=\"time\" data-value="));
    assert!(d.contains("href=\"#q-"), "facts link to their evidence");
    assert!(!d.contains("cytoscape"), "no graph library where there is no graph");
    let (_, _, s) = get(&app, "/search?q=Wagner").await;
    assert!(s.contains("<mark>Wagner</mark>"));
    let (_, _, s) = get(&app, &format!("/search?mode=quotes&speaker={luka}&cue=said")).await;
    assert!(s.contains("Unfortunately"));
    let (_, _, s) = get(&app, "/search?mode=quotes&from=2030-01-01").await;
    assert!(s.contains("None."));
    let (status, _, s) = get(&app, "/search?from=junk").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(s.contains("from=&quot;junk&quot;"), "the error page names the parameter");
    let (_, _, s) = get(&app, "/sources").await;
    assert!(s.contains("Aleksandr Lukashenko") && s.contains("Example News"));
    let (_, _, s) = get(&app, "/duplicates").await;
    assert!(s.contains("Mirror Daily"));
    for uri in ["/entities", "/entities?type=PERSON", "/documents", &format!("/entities/{luka}/graph"), "/search"] {
        let (status, _, _) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
    }
}

/// Every tag of `html` with its quoted attribute values blanked out (values cannot hide a
/// `"` or `>`: the server escapes them), so attribute names can be checked.
fn tags_without_values(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let Some(len) = rest[i..].find('>') else { break };
        let mut tag = String::new();
        let mut quoted = false;
        for c in rest[i..i + len].chars() {
            if c == '"' {
                quoted = !quoted;
            } else if !quoted {
                tag.push(c);
            }
        }
        out.push(tag);
        rest = &rest[i + len + 1..];
    }
    out
}

/// Markup in a document (text, title, names, quotes, times, removed parts) is shown as text:
/// no element or event handler from it reaches the page.
#[tokio::test]
async fn document_markup_is_escaped_everywhere() {
    let app = app();
    let doc = doc_id(&app, "Mallory").await;
    let mallory = entity_id(&app, "Mallory").await;
    let pages = [
        format!("/documents/{doc}"),
        format!("/entities/{mallory}"),
        "/".to_string(),
        "/documents".to_string(),
        "/search?q=Mallory".to_string(),
        "/search?mode=quotes&speaker=Mallory".to_string(),
        "/sources".to_string(),
        "/entities?name=Mallory".to_string(),
        "/search?q=%3Cscript%3Ealert(1)%3C/script%3E".to_string(),
    ];
    for uri in &pages {
        let (status, _, html) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        let lower = html.to_lowercase();
        for tag in ["<img", "<svg", "<b ", "<i>", "href=\"javascript:"] {
            assert!(!lower.contains(tag), "{uri}: {tag} reached the page");
        }
        // The only scripts are the server's own files.
        for (i, _) in lower.match_indices("<script") {
            assert!(lower[i..].starts_with("<script src=\"/assets/"), "{uri}: inline script at {i}");
        }
        for tag in tags_without_values(&lower) {
            assert!(!tag.contains(" on"), "{uri}: event handler attribute in {tag}");
        }
    }
    let (_, _, d) = get(&app, &format!("/documents/{doc}")).await;
    assert!(d.contains("&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;"));
    assert!(d.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(d.contains("Removed by cleaning"));
    assert!(d.contains("data-value=\"2023-07-03&quot;&gt;&lt;script&gt;alert(6)&lt;/script&gt;\""));
}

#[tokio::test]
async fn ingest_on_a_new_store_creates_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(dir.path().join("new.db"));
    assert!(AppState::open(config.clone()).is_err(), "read-only needs an existing store");
    config.ingest = Some(IngestConfig { token: TOKEN.into(), analyze: None });
    let app = App { router: router(AppState::open(config).unwrap()), _dir: dir };
    assert_eq!(json(&app, "/api/stats").await["documents"], 0);
    let (status, _, _) = call(&app, post(&analysis_json("First words."), "application/json", Some(TOKEN))).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(json(&app, "/api/stats").await["documents"], 1);
}

/// The real server on a loopback socket answers HTTP/1.1 with the security headers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_on_a_real_socket() {
    let dir = tempfile::tempdir().unwrap();
    let db = build_store(dir.path());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(newsgraph_serve::serve(listener, Config::new(db)));
    let answer = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.write_all(b"GET /api/entities?name=Lukashenko HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    })
    .await
    .unwrap();
    server.abort();
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.to_lowercase().contains("content-security-policy: default-src 'none'; script-src 'self'"));
    assert!(answer.contains("Aleksandr Lukashenko"));
}
