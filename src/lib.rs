//! Sitrep: an event-timeline tracker for evolving situations. Analysts paste articles; Sitrep
//! breaks them into dated observations and claims linked to actors with exact source spans;
//! readers follow the situation as a timeline and an actor graph; predictions are scored.
//!
//! Layers, with dependencies pointing one way: [`domain`] (pure types) <- [`extract`],
//! [`forecast`], [`graph`], [`storage`] <- [`app`] (the use cases) <- [`http`], [`cli`].

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod extract;
pub mod forecast;
pub mod graph;
pub mod http;
pub mod lexicon;
pub mod storage;

pub use config::Config;
pub use http::{AppState, app};

/// Runs the server until Ctrl-C or SIGTERM: connects and migrates the database, loads the demo
/// situation on first run when asked, and serves the app.
pub async fn run(config: Config) -> anyhow::Result<()> {
    http::serve(config).await?;
    Ok(())
}
