//! Pure domain types: ids, time with precision, and the closed vocabularies (kinds, roles,
//! modalities, outcomes) shared by extraction, storage and the HTTP layer. Nothing here knows
//! about the database or the web.

pub mod kinds;
pub mod probability;
pub mod span;
pub mod time;

pub use kinds::*;
pub use probability::Probability;
pub use span::{Span, covered_by};
pub use time::{Precision, When, WhenError};
