//! Pure domain types: ids, time with precision, byte spans, the closed vocabularies (kinds,
//! roles, modalities, outcomes), and the relations, predictions, resolutions, revisions and
//! users that extraction, storage, the graph, the forecast ledger and the web share. Nothing
//! here knows about the database or the web.

pub mod ids;
pub mod kinds;
pub mod prediction;
pub mod probability;
pub mod relation;
pub mod revision;
pub mod span;
pub mod time;
pub mod user;

pub use ids::*;
pub use kinds::*;
pub use prediction::{Prediction, PredictionRecord, PropositionVersion, Resolution};
pub use probability::Probability;
pub use relation::Relation;
pub use revision::{Author, Revision};
pub use span::{Span, covered_by};
pub use time::{Precision, When, WhenError};
pub use user::User;
