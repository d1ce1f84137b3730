//! Disputes: an analyst marks two claims of a situation as disputing each other (neither
//! replaces the other; both show as disputed), and can withdraw the mark. Each is recorded.

use super::UseCaseError;
use super::claims::{analyst, reason_given};
use super::revisions::{Change, record};
use crate::domain::{Author, ClaimId, DisputeId, RevisedEntity, RevisionAction, User};
use crate::storage::insert::{NewDispute, insert_dispute};
use crate::storage::{self, Database, DisputeRow, Tx};
use serde::{Deserialize, Serialize};

/// A dispute's fields, as its revisions record them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeFields {
    /// One claim.
    pub claim: ClaimId,
    /// The claim disputing it.
    pub other_claim: ClaimId,
    /// Why.
    pub reason: String,
    /// Whether it stands (not withdrawn).
    pub standing: bool,
}

impl From<&DisputeRow> for DisputeFields {
    fn from(d: &DisputeRow) -> Self {
        DisputeFields {
            claim: d.claim,
            other_claim: d.other_claim,
            reason: d.reason.clone(),
            standing: d.withdrawn_at.is_none(),
        }
    }
}

/// Marks `claim` and `other` as disputing each other (or stands a withdrawn mark again).
pub async fn mark_dispute(
    db: &Database,
    user: &User,
    claim: ClaimId,
    other: ClaimId,
    reason: &str,
) -> Result<DisputeRow, UseCaseError> {
    let author = analyst(user, "mark disputes")?;
    let reason = reason_given(reason)?;
    if claim == other {
        return Err(UseCaseError::invalid("a claim cannot dispute itself"));
    }
    db.transaction(async |tx| {
        let a = storage::get_claim(tx, claim).await?;
        let b = storage::get_claim(tx, other).await?;
        if a.situation_id != b.situation_id {
            return Err(UseCaseError::invalid(
                "only claims of the same situation can dispute each other",
            ));
        }
        if let Some(existing) = storage::dispute_between(tx, claim, other).await? {
            if existing.withdrawn_at.is_none() {
                return Err(storage::StorageError::Conflict {
                    message: format!(
                        "claims {claim} and {other} are already marked as disputing each other \
                         (dispute {})",
                        existing.id
                    ),
                }
                .into());
            }
            return set_standing(tx, &author, existing.id, true, reason).await;
        }
        let id = insert_dispute(
            tx,
            &NewDispute {
                situation: a.situation_id,
                claim,
                other_claim: other,
                reason,
                created_by: &author.name,
                created_by_user: author.user,
                created_at: storage::now(),
            },
        )
        .await?;
        let row = storage::get_dispute(tx, id).await?;
        record::<(), _>(
            tx,
            Change {
                situation: Some(row.situation),
                entity: RevisedEntity::Dispute,
                entity_id: id.get(),
                action: RevisionAction::Created,
                before: None,
                after: Some(&DisputeFields::from(&row)),
                author: &author,
                reason,
            },
        )
        .await?;
        storage::touch_situation(tx, row.situation).await?;
        Ok(row)
    })
    .await
}

/// Withdraws a dispute: the claims no longer show as disputed (the mark is kept, and can be
/// stood again).
pub async fn withdraw_dispute(
    db: &Database,
    user: &User,
    id: DisputeId,
    reason: &str,
) -> Result<DisputeRow, UseCaseError> {
    let author = analyst(user, "withdraw disputes")?;
    let reason = reason_given(reason)?;
    db.transaction(async |tx| set_standing(tx, &author, id, false, reason).await)
        .await
}

/// Stands or withdraws a dispute inside `tx`, with its revision.
pub async fn set_standing(
    tx: &Tx,
    author: &Author,
    id: DisputeId,
    standing: bool,
    reason: &str,
) -> Result<DisputeRow, UseCaseError> {
    let before = storage::get_dispute(tx, id).await?;
    if before.withdrawn_at.is_none() == standing {
        return Err(UseCaseError::invalid(if standing {
            format!("dispute {id} already stands")
        } else {
            format!("dispute {id} was already withdrawn")
        }));
    }
    storage::set_dispute_withdrawn(tx, id, (!standing).then(storage::now)).await?;
    let after = storage::get_dispute(tx, id).await?;
    record(
        tx,
        Change {
            situation: Some(after.situation),
            entity: RevisedEntity::Dispute,
            entity_id: id.get(),
            action: if standing {
                RevisionAction::Restored
            } else {
                RevisionAction::Deleted
            },
            before: Some(&DisputeFields::from(&before)),
            after: Some(&DisputeFields::from(&after)),
            author,
            reason,
        },
    )
    .await?;
    storage::touch_situation(tx, after.situation).await?;
    Ok(after)
}
