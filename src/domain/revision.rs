//! Revisions: every change to the record, with who made it, when, why, and the fields before
//! and after. Nothing is overwritten without one.

use super::{RevisedEntity, RevisionAction, RevisionId, SituationId, UserId};
use chrono::{DateTime, Utc};

/// Who made a change: an account, or a named process (the demo seed, a command-line import).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// The account, when the change was made through one.
    pub user: Option<UserId>,
    /// The name shown for the author (the account's name, or `seed`, `cli`).
    pub name: String,
}

impl Author {
    /// A change made through an account.
    pub fn user(id: UserId, name: impl Into<String>) -> Self {
        Author {
            user: Some(id),
            name: name.into(),
        }
    }

    /// A change made by a named process without an account.
    pub fn process(name: impl Into<String>) -> Self {
        Author {
            user: None,
            name: name.into(),
        }
    }
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    /// Its id.
    pub id: RevisionId,
    /// The situation concerned, if any.
    pub situation: Option<SituationId>,
    /// What sort of thing changed.
    pub entity: RevisedEntity,
    /// The database id of the thing that changed.
    pub entity_id: Option<i64>,
    /// What was done.
    pub action: RevisionAction,
    /// The fields before, as JSON; `None` for a creation.
    pub before: Option<serde_json::Value>,
    /// The fields after, as JSON; `None` for a removal.
    pub after: Option<serde_json::Value>,
    /// Who.
    pub author: Author,
    /// Why, in the author's words.
    pub reason: String,
    /// When.
    pub created_at: DateTime<Utc>,
}
