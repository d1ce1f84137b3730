//! A relation between two actors, read from a claim: who acts on whom, with what sign, and
//! when it held.

use super::{ActorId, ClaimId, Polarity, RelationId, ReviewState, SituationId, Span, When};
use chrono::{DateTime, Utc};

/// One stored relation (`Russia -> Kazakhstan support`, cooperative).
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    /// Its id.
    pub id: RelationId,
    /// The situation it belongs to.
    pub situation: SituationId,
    /// The acting actor.
    pub source: ActorId,
    /// The actor acted upon.
    pub target: ActorId,
    /// The lexicon's name for it (`support`, `request`, `spokesman_of`, ...).
    pub kind: String,
    /// Cooperative, hostile, affiliation or neutral.
    pub polarity: Polarity,
    /// When it held, as the text says; `None` when the text gives no time.
    pub valid: Option<When>,
    /// The claim it was read from.
    pub claim: Option<ClaimId>,
    /// The words that express it, in the claim's source.
    pub span: Option<Span>,
    /// Draft, accepted or rejected.
    pub review_state: ReviewState,
    /// When Sitrep recorded it.
    pub recorded_at: DateTime<Utc>,
    /// Increases by one with every edit, for refusing stale saves.
    pub version: i64,
}
