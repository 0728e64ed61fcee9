//! One module per subcommand.
pub mod analyze;
pub mod eval;
pub mod eval_attribution;
pub mod eval_html;
pub mod eval_segment;
pub mod eval_time;
pub mod eval_nlp;
pub mod tag;
pub mod train;
pub mod entity;
pub mod errors;
pub mod export;
pub mod ingest;
pub mod query;
pub mod serve;
pub mod parser;
pub mod bench;
