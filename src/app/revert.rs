//! Reverting one revision, itself recorded as a new revision. A revert restores the fields the
//! revision changed to what they were before it, and only those; when one of them has changed
//! again since, the revert is refused as a conflict rather than undoing the later change too.
//! Merges are undone (what moved moves back), splits are merged again, a created claim is
//! deleted, a dispute is withdrawn or stood again.

use super::UseCaseError;
use super::actors::{ActorEdit, ActorFields, apply_actor_edit, merge_in, undo_move};
use super::claims::{ActorPart, ActorPick, ClaimEdit, ClaimFields, analyst, apply_edit};
use super::disputes::{DisputeFields, set_standing};
use crate::domain::{
    ActorId, ClaimId, DisputeId, RevisedEntity, RevisionAction, RevisionId, Span, User,
};
use crate::storage::{self, Database, StorageError};
use serde::de::DeserializeOwned;

/// What a revert changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reverted {
    /// What sort of thing.
    pub entity: RevisedEntity,
    /// Its id.
    pub entity_id: i64,
}

fn fields<T: DeserializeOwned>(
    value: &Option<serde_json::Value>,
    id: RevisionId,
    side: &str,
) -> Result<T, UseCaseError> {
    let value = value
        .clone()
        .ok_or_else(|| UseCaseError::invalid(format!("revision {id} has no {side} to restore")))?;
    serde_json::from_value(value).map_err(|e| {
        UseCaseError::invalid(format!(
            "revision {id} was recorded in a shape this version cannot revert: {e}"
        ))
    })
}

fn unsupported(entity: RevisedEntity, action: RevisionAction) -> UseCaseError {
    UseCaseError::invalid(format!(
        "a revision that {action} a {entity} cannot be reverted here; change the {entity} \
         itself instead"
    ))
}

fn conflict(what: &str, field: &str) -> UseCaseError {
    StorageError::Conflict {
        message: format!(
            "the {what}'s {field} has changed since this revision; reverting it would undo the \
             later change too, so revert that one first"
        ),
    }
    .into()
}

/// Reverts revision `id` for an analyst, with `reason` (the revision reverted is named in the
/// new revision's reason).
pub async fn revert_revision(
    db: &Database,
    user: &User,
    id: RevisionId,
    reason: &str,
) -> Result<Reverted, UseCaseError> {
    let author = analyst(user, "revert revisions")?;
    let revision = storage::get_revision(db, id).await?;
    let why = match reason.trim() {
        "" => format!("reverted revision {id}"),
        given => format!("reverted revision {id}: {given}"),
    };
    let entity_id = revision
        .entity_id
        .ok_or_else(|| UseCaseError::invalid(format!("revision {id} names no object")))?;
    let (entity, action) = (revision.entity, revision.action);
    db.transaction(async |tx| {
        match entity {
            RevisedEntity::Claim => {
                let claim = ClaimId::new(entity_id);
                let current = ClaimFields::from(&storage::get_claim(tx, claim).await?);
                let edit = match action {
                    RevisionAction::Created => ClaimEdit {
                        deleted_at: Some(Some(storage::now())),
                        ..ClaimEdit::default()
                    },
                    _ => {
                        let before: ClaimFields = fields(&revision.before, id, "before")?;
                        let after: ClaimFields = fields(&revision.after, id, "after")?;
                        claim_edit_back(&before, &after, &current)?
                    }
                };
                apply_edit(
                    tx,
                    &author,
                    claim,
                    None,
                    &edit,
                    &why,
                    RevisionAction::Reverted,
                )
                .await?;
            }
            RevisedEntity::Actor => match action {
                RevisionAction::Merged => {
                    let after: ActorFields = fields(&revision.after, id, "after")?;
                    let moved = after.moved.ok_or_else(|| unsupported(entity, action))?;
                    undo_move(tx, &author, &moved, &why).await?;
                }
                RevisionAction::Split => {
                    let after: ActorFields = fields(&revision.after, id, "after")?;
                    let moved = after.moved.ok_or_else(|| unsupported(entity, action))?;
                    merge_in(tx, &author, moved.to, moved.from, &why).await?;
                }
                RevisionAction::Edited | RevisionAction::Reviewed | RevisionAction::Reverted => {
                    let before: ActorFields = fields(&revision.before, id, "before")?;
                    let after: ActorFields = fields(&revision.after, id, "after")?;
                    let actor = ActorId::new(entity_id);
                    let current = ActorFields::from(&storage::get_actor(tx, actor).await?);
                    let edit = actor_edit_back(&before, &after, &current)?;
                    apply_actor_edit(
                        tx,
                        &author,
                        actor,
                        None,
                        &edit,
                        &why,
                        RevisionAction::Reverted,
                    )
                    .await?;
                }
                _ => return Err(unsupported(entity, action)),
            },
            RevisedEntity::Dispute => {
                let dispute = DisputeId::new(entity_id);
                let standing_after = match action {
                    RevisionAction::Created => true,
                    _ => fields::<DisputeFields>(&revision.after, id, "after")?.standing,
                };
                set_standing(tx, &author, dispute, !standing_after, &why).await?;
            }
            _ => return Err(unsupported(entity, action)),
        }
        Ok(Reverted { entity, entity_id })
    })
    .await
}

/// The claim edit that puts back what a revision changed, checking that each of those fields
/// is still as the revision left it.
fn claim_edit_back(
    before: &ClaimFields,
    after: &ClaimFields,
    current: &ClaimFields,
) -> Result<ClaimEdit, UseCaseError> {
    let mut edit = ClaimEdit::default();
    let what = "claim";
    if (before.start, before.end) != (after.start, after.end) {
        if (current.start, current.end) != (after.start, after.end) {
            return Err(conflict(what, "span"));
        }
        edit.span = Some(Span::new(before.start, before.end));
    }
    macro_rules! back {
        ($field:ident, $name:literal, $wrap:expr) => {
            if before.$field != after.$field {
                if current.$field != after.$field {
                    return Err(conflict(what, $name));
                }
                edit.$field = Some($wrap(before.$field.clone()));
            }
        };
    }
    back!(kind, "kind", |v| v);
    back!(modality, "modality", |v| v);
    back!(occurred, "date", |v| v);
    back!(speaker, "speaker", |v| v);
    back!(review_state, "review state", |v| v);
    back!(published_at, "publication", |v| v);
    back!(deleted_at, "deletion", |v| v);
    if before.actors != after.actors {
        if current.actors != after.actors {
            return Err(conflict(what, "actors"));
        }
        edit.actors = Some(
            before
                .actors
                .iter()
                .map(|a| ActorPart {
                    actor: ActorPick::Existing(a.actor),
                    role: a.role,
                })
                .collect(),
        );
    }
    if edit == ClaimEdit::default() {
        return Err(UseCaseError::invalid(
            "the revision changed nothing to revert",
        ));
    }
    Ok(edit)
}

/// The actor edit that puts back what a revision changed (see [`claim_edit_back`]).
fn actor_edit_back(
    before: &ActorFields,
    after: &ActorFields,
    current: &ActorFields,
) -> Result<ActorEdit, UseCaseError> {
    let mut edit = ActorEdit::default();
    let what = "actor";
    macro_rules! back {
        ($field:ident, $name:literal) => {
            if before.$field != after.$field {
                if current.$field != after.$field {
                    return Err(conflict(what, $name));
                }
                edit.$field = Some(before.$field.clone());
            }
        };
    }
    back!(name, "name");
    back!(kind, "kind");
    back!(aliases, "aliases");
    back!(parent, "parent");
    back!(review_state, "review state");
    if edit == ActorEdit::default() {
        return Err(UseCaseError::invalid(
            "the revision changed nothing to revert",
        ));
    }
    Ok(edit)
}
