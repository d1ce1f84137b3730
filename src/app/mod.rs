//! The use cases: what analysts, readers and the command line do, each one function that runs
//! in one transaction over [`storage`](crate::storage), calling the extractor and writing the
//! revision of every change it makes (author, time, reason, before and after). The web layer
//! and the command line call these; they never write through storage themselves.
//!
//! - [`import`]: an article, from text to stored drafts (the one path for `sitrep import`,
//!   seeding, the web form and the API).
//! - [`seed`]: the demo situation, loaded once through [`import`].
//! - [`situations`]: creating a situation.
//! - [`claims`]: editing a claim (fields, actors, review state), deleting and restoring it.
//! - [`review`]: the analyst's desk: adding articles and notes, reviewing and committing.
//! - [`actors`]: editing, merging and splitting actors.
//! - [`disputes`]: marking two claims as disputing each other.
//! - [`predictions`]: the predictions ledger: resolving, editing and entering forecasts,
//!   suggested evidence, and forecasters' track records.
//! - [`graph`]: reading a situation's actor graph.
//! - [`revert`]: reverting one revision.
//! - [`accounts`]: accounts, sign-in with its throttle, sessions and API tokens.
//! - [`revisions`]: writing a revision beside a change.

pub mod accounts;
pub mod actors;
pub mod claims;
pub mod disputes;
mod error;
pub mod generate;
pub mod graph;
pub mod import;
pub mod predictions;
pub mod revert;
pub mod review;
pub mod revisions;
pub mod search;
pub mod seed;
pub mod situations;

pub use error::UseCaseError;
