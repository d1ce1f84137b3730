//! The API's shape of a time with its precision (the `When` schema).

use crate::domain::{Precision, When};
use serde::Serialize;
use utoipa::ToSchema;

/// A time with its precision: the half-open interval `[start, end)` (either side may be open),
/// how finely it is known, whether the text hedged it, the words it came from, and whether it
/// was inferred from context rather than stated.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = When)]
pub struct WhenBody {
    /// Inclusive start (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`), `null` when open.
    pub start: Option<String>,
    /// Exclusive end, `null` when open.
    pub end: Option<String>,
    /// How finely the time is known.
    pub precision: Precision,
    /// Whether the text hedged the time ("about", "around").
    pub approximate: bool,
    /// The words the time was read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
    /// Whether the time was inferred from context (the paragraph, the report date) rather than
    /// stated in the clause.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
    /// The rule that inferred it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

impl From<&When> for WhenBody {
    fn from(when: &When) -> Self {
        WhenBody {
            start: when.earliest().map(|b| when.format_bound(b)),
            end: when.latest().map(|b| when.format_bound(b)),
            precision: when.precision(),
            approximate: when.is_approximate(),
            words: when.words().map(str::to_string),
            inferred: when.is_inferred(),
            basis: when.basis().map(str::to_string),
        }
    }
}
