//! `newsgraph serve`: the JSON API and browser UI over a corpus store (see `docs/serve.md`).
//! Read-only unless `--allow-ingest`, which enables `POST /api/documents` behind a bearer
//! token read from an environment variable or a file, analysing uploads with the same reader
//! and pipeline as `newsgraph ingest`. Binds to loopback unless told otherwise.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use newsgraph_pipeline::{Analyzer, Options};
use newsgraph_serve::{Analyze, Config, IngestConfig, Upload};
use newsgraph_text::read::{self, Format, ReadOptions};

/// Flags of `newsgraph serve`.
#[derive(clap::Args)]
pub struct Args {
    /// The store file (made by `newsgraph ingest`).
    #[arg(long, default_value = "newsgraph.db", env = "NEWSGRAPH_DB")]
    db: PathBuf,
    /// Address to listen on. Loopback by default; another address exposes the store to the
    /// network (there is no authentication for reading).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Enable `POST /api/documents` (needs --token-env or --token-file).
    #[arg(long)]
    allow_ingest: bool,
    /// Name of the environment variable holding the ingest bearer token.
    #[arg(long, value_name = "VAR", conflicts_with = "token_file")]
    token_env: Option<String>,
    /// File holding the ingest bearer token (first line).
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Largest request body in bytes.
    #[arg(long, default_value_t = 8 << 20)]
    body_limit: usize,
    /// Longest time a request may take, in seconds, before it is answered 503.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// Directory of trained models for analysing uploads (default: the repository's `models/`).
    #[arg(long, env = "NEWSGRAPH_MODELS")]
    models: Option<PathBuf>,
    /// Analyse uploads without the statistical models.
    #[arg(long, conflicts_with = "models")]
    no_models: bool,
    /// Parser model file for analysing uploads instead of MODELS/parser.bin
    /// (`models/parser-beam.bin`: beam search, more accurate, about 40% of the speed);
    /// repeat it to let several parsers vote, as in `analyze --parser`.
    #[arg(long, value_name = "FILE", conflicts_with = "no_models")]
    parser: Vec<PathBuf>,
}

fn token(args: &Args) -> Result<String> {
    let token = match (&args.token_env, &args.token_file) {
        (Some(var), _) => std::env::var(var).with_context(|| format!("--token-env {var}: the variable is not set"))?,
        (None, Some(f)) => std::fs::read_to_string(f)
            .with_context(|| format!("--token-file {}: cannot read it", f.display()))?
            .lines()
            .next()
            .unwrap_or("")
            .to_string(),
        (None, None) => bail!("--allow-ingest needs a token: --token-env VAR or --token-file FILE"),
    };
    let token = token.trim().to_string();
    if token.len() < 16 {
        bail!("the ingest token is {} characters long; use at least 16 (e.g. `openssl rand -hex 16`)", token.len());
    }
    Ok(token)
}

/// The reader's format for a request's content type, `None` to sniff.
fn format_of(content_type: &str) -> Option<Format> {
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    Some(match mime.as_str() {
        "text/plain" | "text/markdown" => Format::Text,
        "text/html" | "application/xhtml+xml" => Format::Html,
        "application/json" | "application/x-ndjson" | "application/jsonl" => Format::Jsonl,
        "application/rss+xml" | "application/atom+xml" | "application/xml" | "text/xml" => Format::Feed,
        _ => return None,
    })
}

fn analyzer(args: &Args) -> Result<Analyze> {
    let models = if args.no_models { None } else { Some(crate::models_dir(args.models.clone())) };
    let analyzer = Arc::new(Analyzer::new(&Options { models, published: None, tokens: false, parser: args.parser.clone() })?);
    Ok(Arc::new(move |u: Upload<'_>| {
        let format = u.content_type.and_then(format_of);
        read::read_bytes(u.body, "POST /api/documents", format, &ReadOptions::default())
            .into_iter()
            .map(|r| match r {
                Ok(mut raw) => {
                    if raw.meta.published.is_none() {
                        raw.meta.published = u.published.map(str::to_string);
                    }
                    analyzer.analyze(raw).map_err(|e| e.to_string())
                }
                Err(e) => Err(e.to_string()),
            })
            .collect()
    }))
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut config = Config::new(args.db.clone());
    config.body_limit = args.body_limit;
    config.timeout = Duration::from_secs(args.timeout.max(1));
    if args.allow_ingest {
        config.ingest = Some(IngestConfig { token: token(&args)?, analyze: Some(analyzer(&args)?) });
    } else if args.token_env.is_some() || args.token_file.is_some() {
        bail!("a token was given without --allow-ingest; add --allow-ingest to enable POST /api/documents");
    }
    if !args.addr.ip().is_loopback() {
        eprintln!("newsgraph: warning: listening on {} makes the store readable from the network", args.addr);
    }
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the async runtime")?;
    rt.block_on(async {
        let listener =
            tokio::net::TcpListener::bind(args.addr).await.with_context(|| format!("cannot listen on {}", args.addr))?;
        let addr = listener.local_addr().unwrap_or(args.addr);
        eprintln!(
            "newsgraph: serving {} on http://{addr}/ ({}); API at http://{addr}/api, description at http://{addr}/openapi.json; Ctrl-C stops",
            args.db.display(),
            if args.allow_ingest { "ingest enabled" } else { "read-only" }
        );
        newsgraph_serve::serve(listener, config).await.map_err(|e| anyhow::anyhow!("{}", e.message))
    })?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_map_to_reader_formats() {
        assert_eq!(format_of("text/plain; charset=utf-8"), Some(Format::Text));
        assert_eq!(format_of("TEXT/HTML"), Some(Format::Html));
        assert_eq!(format_of("application/x-ndjson"), Some(Format::Jsonl));
        assert_eq!(format_of("application/rss+xml"), Some(Format::Feed));
        assert_eq!(format_of("application/octet-stream"), None);
    }
}
