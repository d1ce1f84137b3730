//! Writing the revision that goes with every change: the author (an account, or a named
//! process), the time, the reason, and the changed thing's fields before and after as JSON.

use super::UseCaseError;
use crate::domain::{Author, RevisedEntity, RevisionAction, RevisionId, SituationId};
use crate::storage::{self, Tx, insert::NewRevision};
use serde::Serialize;

/// One change to record.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a, B, A> {
    /// The situation it happened in.
    pub situation: Option<SituationId>,
    /// What sort of thing changed.
    pub entity: RevisedEntity,
    /// Its id.
    pub entity_id: i64,
    /// What was done.
    pub action: RevisionAction,
    /// Its fields before (`None` for a creation).
    pub before: Option<&'a B>,
    /// Its fields after (`None` for a removal).
    pub after: Option<&'a A>,
    /// Who.
    pub author: &'a Author,
    /// Why.
    pub reason: &'a str,
}

/// Records `change` in `tx`, beside the change itself.
pub async fn record<B: Serialize, A: Serialize>(
    tx: &Tx,
    change: Change<'_, B, A>,
) -> Result<RevisionId, UseCaseError> {
    let before = change.before.map(to_json).transpose()?;
    let after = change.after.map(to_json).transpose()?;
    Ok(storage::insert::insert_revision(
        tx,
        &NewRevision {
            situation: change.situation,
            entity: change.entity,
            entity_id: Some(change.entity_id),
            action: change.action,
            before: before.as_deref(),
            after: after.as_deref(),
            author: &change.author.name,
            author_user: change.author.user,
            reason: change.reason,
            created_at: storage::now(),
        },
    )
    .await?)
}

fn to_json(value: &impl Serialize) -> Result<String, UseCaseError> {
    serde_json::to_string(value)
        .map_err(|e| UseCaseError::invalid(format!("cannot record the revision: {e}")))
}
