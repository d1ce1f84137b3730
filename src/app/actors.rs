//! Keeping a situation's actors straight: editing an actor (kind, name, aliases, parent, review
//! state) from the version the analyst saw; merging two actors that are one (every mention,
//! claim, relation, forecast, alias, role and child moves, and the merged actor stays as a
//! redirect); and splitting (undoing a merge, or moving the mentions in chosen claims to a new
//! actor). Each is one transaction with its revisions, and each can be reverted.

use super::UseCaseError;
use super::claims::{analyst, reason_given};
use super::revisions::{Change, record};
use crate::domain::{
    ActorId, ActorKind, Author, ClaimId, ReviewState, RevisedEntity, RevisionAction, User,
};
use crate::storage::insert::{NewActorRow, insert_actor};
use crate::storage::{self, ActorChanges, ActorRow, Database, MovedRefs, StorageError, Tx};
use serde::{Deserialize, Serialize};

/// What moved in a merge or a split: every reference of `from` the move put on `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveRecord {
    /// The actor the references were taken from.
    pub from: ActorId,
    /// The actor they were put on.
    pub to: ActorId,
    /// The rows moved.
    pub moved: MovedRefs,
}

/// An actor's fields, as its revisions record them (and as a revert restores them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorFields {
    /// Canonical name.
    pub name: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// Other names.
    pub aliases: Vec<String>,
    /// Parent actor.
    pub parent: Option<ActorId>,
    /// Draft, accepted or rejected.
    pub review_state: ReviewState,
    /// Still an unconfirmed candidate of the extractor.
    pub candidate: bool,
    /// The actor it was merged into.
    pub merged_into: Option<ActorId>,
    /// Its edit version.
    pub version: i64,
    /// For a merge or a split: what moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved: Option<MoveRecord>,
}

impl From<&ActorRow> for ActorFields {
    fn from(actor: &ActorRow) -> Self {
        ActorFields {
            name: actor.name.clone(),
            kind: actor.kind,
            aliases: actor.aliases.clone(),
            parent: actor.parent.as_ref().map(|p| p.id),
            review_state: actor.review_state,
            candidate: actor.candidate,
            merged_into: actor.merged_into,
            version: actor.version,
            moved: None,
        }
    }
}

impl ActorFields {
    fn with_move(mut self, record: &MoveRecord) -> Self {
        self.moved = Some(record.clone());
        self
    }
}

/// One edit of an actor; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorEdit {
    /// A new canonical name.
    pub name: Option<String>,
    /// A new kind.
    pub kind: Option<ActorKind>,
    /// The aliases, replacing the ones it has.
    pub aliases: Option<Vec<String>>,
    /// A new parent (`Some(None)` clears it).
    pub parent: Option<Option<ActorId>>,
    /// A new review state: accepted (as a new actor) or rejected (not an actor at all).
    pub review_state: Option<ReviewState>,
}

/// Applies `edit` to the actor `id` if it is still at `version`, with its revision.
pub async fn edit_actor(
    db: &Database,
    user: &User,
    id: ActorId,
    version: i64,
    edit: &ActorEdit,
    reason: &str,
) -> Result<ActorRow, UseCaseError> {
    let author = analyst(user, "edit actors")?;
    let reason = reason_given(reason)?;
    db.transaction(async |tx| {
        let action = if edit.review_state.is_some()
            && *edit
                == (ActorEdit {
                    review_state: edit.review_state,
                    ..ActorEdit::default()
                }) {
            RevisionAction::Reviewed
        } else {
            RevisionAction::Edited
        };
        apply_actor_edit(tx, &author, id, Some(version), edit, reason, action).await
    })
    .await
}

/// Applies an actor edit inside `tx` with its revision (`version` `None`: as stored).
pub async fn apply_actor_edit(
    tx: &Tx,
    author: &Author,
    id: ActorId,
    version: Option<i64>,
    edit: &ActorEdit,
    reason: &str,
    action: RevisionAction,
) -> Result<ActorRow, UseCaseError> {
    let before = storage::get_actor(tx, id).await?;
    if before.merged_into.is_some() {
        return Err(UseCaseError::invalid(format!(
            "actor {id} was merged into another; edit that one, or split the merge first"
        )));
    }
    let version = version.unwrap_or(before.version);
    let mut changes = ActorChanges::default();
    if let Some(name) = &edit.name {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(UseCaseError::invalid("an actor needs a name"));
        }
        if name != before.name {
            changes.name = Some(name);
        }
    }
    changes.kind = edit.kind.filter(|k| *k != before.kind);
    if let Some(parent) = edit.parent
        && parent != before.parent.as_ref().map(|p| p.id)
    {
        if let Some(parent) = parent {
            check_parent(tx, &before, parent).await?;
        }
        changes.parent = Some(parent);
    }
    if let Some(state) = edit.review_state
        && state != before.review_state
    {
        changes.review_state = Some(state);
    }
    // Any review by an analyst confirms (or rules out) the extractor's candidate.
    if edit.review_state.is_some() && before.candidate {
        changes.candidate = Some(false);
    }
    let aliases = edit
        .aliases
        .as_ref()
        .map(|aliases| {
            aliases
                .iter()
                .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|a| !a.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|aliases| *aliases != before.aliases);
    if changes.is_empty() && aliases.is_none() {
        return Err(UseCaseError::invalid("the edit changes nothing"));
    }
    storage::update_actor(tx, id, version, &changes).await?;
    if let Some(aliases) = &aliases {
        storage::set_aliases(tx, id, aliases).await?;
    }
    let after = storage::get_actor(tx, id).await?;
    record(
        tx,
        Change {
            situation: Some(situation_of(tx, id).await?),
            entity: RevisedEntity::Actor,
            entity_id: id.get(),
            action,
            before: Some(&ActorFields::from(&before)),
            after: Some(&ActorFields::from(&after)),
            author,
            reason,
        },
    )
    .await?;
    Ok(after)
}

/// Refuses a parent that is not an actor of the same situation, or that would make a cycle.
async fn check_parent(tx: &Tx, actor: &ActorRow, parent: ActorId) -> Result<(), UseCaseError> {
    let situation = situation_of(tx, actor.id).await?;
    let mut current = Some(parent);
    let mut steps = 0;
    while let Some(at) = current {
        if at == actor.id {
            return Err(UseCaseError::invalid(format!(
                "actor {parent} cannot be the parent of {}: that makes a cycle",
                actor.name
            )));
        }
        let row = storage::get_actor(tx, at).await?;
        if situation_of(tx, at).await? != situation || row.merged_into.is_some() {
            return Err(UseCaseError::invalid(format!(
                "actor {at} is not one of this situation's actors"
            )));
        }
        current = row.parent.map(|p| p.id);
        steps += 1;
        if steps > 10_000 {
            break;
        }
    }
    Ok(())
}

async fn situation_of(tx: &Tx, id: ActorId) -> Result<crate::domain::SituationId, UseCaseError> {
    Ok(storage::actor_situation(tx, id).await?)
}

/// Merges `from` into `into`: every reference moves to `into`, `from`'s name becomes an alias,
/// and `from` stays as a redirect. Both actors' histories record it. Returns `into` as it now
/// is.
pub async fn merge_actors(
    db: &Database,
    user: &User,
    from: ActorId,
    into: ActorId,
    reason: &str,
) -> Result<ActorRow, UseCaseError> {
    let author = analyst(user, "merge actors")?;
    let reason = reason_given(reason)?;
    db.transaction(async |tx| merge_in(tx, &author, from, into, reason).await)
        .await
}

/// A merge inside `tx`.
pub async fn merge_in(
    tx: &Tx,
    author: &Author,
    from: ActorId,
    into: ActorId,
    reason: &str,
) -> Result<ActorRow, UseCaseError> {
    if from == into {
        return Err(UseCaseError::invalid(
            "an actor cannot be merged into itself",
        ));
    }
    let from_before = storage::get_actor(tx, from).await?;
    let into_before = storage::get_actor(tx, into).await?;
    let situation = situation_of(tx, from).await?;
    if situation_of(tx, into).await? != situation {
        return Err(UseCaseError::invalid(
            "only actors of the same situation can be merged",
        ));
    }
    for actor in [&from_before, &into_before] {
        if let Some(target) = actor.merged_into {
            return Err(UseCaseError::invalid(format!(
                "{} was already merged into actor {target}",
                actor.name
            )));
        }
    }
    let moved = storage::move_all_refs(tx, from, into).await?;
    // A merged actor's own parent does not follow it; the survivor keeps its own.
    storage::update_actor(
        tx,
        from,
        from_before.version,
        &ActorChanges {
            merged_into: Some(Some(into)),
            ..ActorChanges::default()
        },
    )
    .await?;
    let record_of = MoveRecord {
        from,
        to: into,
        moved,
    };
    let into_after = bump(tx, into).await?;
    let from_after = storage::get_actor(tx, from).await?;
    let recorded = Moved {
        situation,
        action: RevisionAction::Merged,
        record: &record_of,
        author,
        reason,
    };
    recorded
        .record(
            tx,
            &[(&from_before, &from_after), (&into_before, &into_after)],
        )
        .await?;
    Ok(into_after)
}

/// The revisions of a move, one on each actor it changed, each carrying what moved.
struct Moved<'a> {
    situation: crate::domain::SituationId,
    action: RevisionAction,
    record: &'a MoveRecord,
    author: &'a Author,
    reason: &'a str,
}

impl Moved<'_> {
    async fn record(&self, tx: &Tx, actors: &[(&ActorRow, &ActorRow)]) -> Result<(), UseCaseError> {
        for (before, after) in actors {
            record(
                tx,
                Change {
                    situation: Some(self.situation),
                    entity: RevisedEntity::Actor,
                    entity_id: after.id.get(),
                    action: self.action,
                    before: Some(&ActorFields::from(*before)),
                    after: Some(&ActorFields::from(*after).with_move(self.record)),
                    author: self.author,
                    reason: self.reason,
                },
            )
            .await?;
        }
        storage::touch_situation(tx, self.situation).await?;
        Ok(())
    }
}

/// Raises an actor's version (its references changed) and returns it as it now is.
async fn bump(tx: &Tx, id: ActorId) -> Result<ActorRow, UseCaseError> {
    let current = storage::get_actor(tx, id).await?;
    storage::update_actor(tx, id, current.version, &ActorChanges::default()).await?;
    Ok(storage::get_actor(tx, id).await?)
}

/// How to split an actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// Undo the merge that made this actor a redirect: what moved moves back.
    UndoMerge,
    /// Move the actor's mentions in these claims (its parts, speaker parts, relations and
    /// forecasts read from them) to a new actor.
    ToNewActor {
        /// The new actor's name.
        name: String,
        /// Its kind.
        kind: ActorKind,
        /// The claims whose mentions move.
        claims: Vec<ClaimId>,
    },
}

/// Splits an actor (see [`Split`]); returns the actor the references moved to.
pub async fn split_actor(
    db: &Database,
    user: &User,
    id: ActorId,
    split: &Split,
    reason: &str,
) -> Result<ActorRow, UseCaseError> {
    let author = analyst(user, "split actors")?;
    let reason = reason_given(reason)?;
    db.transaction(async |tx| match split {
        Split::UndoMerge => {
            let merge = latest_merge(tx, id).await?;
            undo_move(tx, &author, &merge, reason).await
        }
        Split::ToNewActor { name, kind, claims } => {
            split_to_new(tx, &author, id, name, *kind, claims, reason).await
        }
    })
    .await
}

/// The record of the merge that made `id` a redirect.
async fn latest_merge(tx: &Tx, id: ActorId) -> Result<MoveRecord, UseCaseError> {
    let actor = storage::get_actor(tx, id).await?;
    let Some(into) = actor.merged_into else {
        return Err(UseCaseError::invalid(format!(
            "{} is not merged into another actor; to split it, choose the claims whose mentions \
             move to a new actor",
            actor.name
        )));
    };
    let revisions = storage::revisions_of(tx, RevisedEntity::Actor, id.get()).await?;
    revisions
        .iter()
        .rev()
        .filter(|r| r.action == RevisionAction::Merged)
        .filter_map(|r| r.after.clone())
        .filter_map(|after| serde_json::from_value::<ActorFields>(after).ok())
        .filter_map(|fields| fields.moved)
        .find(|m| m.from == id && m.to == into)
        .ok_or_else(|| {
            UseCaseError::invalid(format!(
                "no record of {}'s merge into actor {into} to undo",
                actor.name
            ))
        })
}

/// Undoes a merge recorded in `merge` (`from` was merged into `to`): the rows moved go back,
/// the added alias goes, and `from` is an actor again. Recorded as a split on both.
pub async fn undo_move(
    tx: &Tx,
    author: &Author,
    merge: &MoveRecord,
    reason: &str,
) -> Result<ActorRow, UseCaseError> {
    let (from, into) = (merge.from, merge.to);
    let from_before = storage::get_actor(tx, from).await?;
    if from_before.merged_into != Some(into) {
        return Err(StorageError::Conflict {
            message: format!(
                "{} is no longer merged into actor {into}; that merge cannot be undone",
                from_before.name
            ),
        }
        .into());
    }
    let into_before = storage::get_actor(tx, into).await?;
    storage::move_refs_back(tx, &merge.moved, into, from).await?;
    storage::update_actor(
        tx,
        from,
        from_before.version,
        &ActorChanges {
            merged_into: Some(None),
            ..ActorChanges::default()
        },
    )
    .await?;
    let situation = situation_of(tx, from).await?;
    let back = MoveRecord {
        from: into,
        to: from,
        moved: merge.moved.clone(),
    };
    let into_after = bump(tx, into).await?;
    let from_after = storage::get_actor(tx, from).await?;
    let recorded = Moved {
        situation,
        action: RevisionAction::Split,
        record: &back,
        author,
        reason,
    };
    recorded
        .record(
            tx,
            &[(&from_before, &from_after), (&into_before, &into_after)],
        )
        .await?;
    Ok(from_after)
}

async fn split_to_new(
    tx: &Tx,
    author: &Author,
    id: ActorId,
    name: &str,
    kind: ActorKind,
    claims: &[ClaimId],
    reason: &str,
) -> Result<ActorRow, UseCaseError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(UseCaseError::invalid("the new actor needs a name"));
    }
    if claims.is_empty() {
        return Err(UseCaseError::invalid(
            "choose the claims whose mentions move to the new actor",
        ));
    }
    let original_before = storage::get_actor(tx, id).await?;
    if original_before.merged_into.is_some() {
        return Err(UseCaseError::invalid(format!(
            "{} is merged into another actor; undo the merge first",
            original_before.name
        )));
    }
    let situation = situation_of(tx, id).await?;
    for claim in claims {
        if storage::get_claim(tx, *claim).await?.situation_id != situation {
            return Err(UseCaseError::invalid(format!(
                "claim {claim} is not in this actor's situation"
            )));
        }
    }
    let new_id = insert_actor(
        tx,
        &NewActorRow {
            situation,
            kind,
            name: &name,
            parent: original_before.parent.as_ref().map(|p| p.id),
            external_id: None,
            candidate: false,
            created_at: storage::now(),
            review_state: ReviewState::Accepted,
            proposed_by: None,
        },
    )
    .await?;
    let moved = storage::move_claim_refs(tx, id, new_id, claims).await?;
    if moved.count() == 0 {
        return Err(UseCaseError::invalid(format!(
            "{} is not mentioned in any of the claims chosen",
            original_before.name
        )));
    }
    let split = MoveRecord {
        from: id,
        to: new_id,
        moved,
    };
    let original_after = bump(tx, id).await?;
    let new_row = storage::get_actor(tx, new_id).await?;
    record::<(), _>(
        tx,
        Change {
            situation: Some(situation),
            entity: RevisedEntity::Actor,
            entity_id: new_id.get(),
            action: RevisionAction::Split,
            before: None,
            after: Some(&ActorFields::from(&new_row).with_move(&split)),
            author,
            reason,
        },
    )
    .await?;
    let recorded = Moved {
        situation,
        action: RevisionAction::Split,
        record: &split,
        author,
        reason,
    };
    recorded
        .record(tx, &[(&original_before, &original_after)])
        .await?;
    Ok(new_row)
}

/// The actors an analyst may mean when an extraction proposed `proposed` as new: those of the
/// same situation sharing a word (of three letters or more) of a name or alias with it, most
/// shared words first, then by name. Merged actors and `proposed` itself are left out.
pub fn link_suggestions<'a>(proposed: &ActorRow, actors: &'a [ActorRow]) -> Vec<&'a ActorRow> {
    let words = |actor: &ActorRow| -> std::collections::HashSet<String> {
        std::iter::once(&actor.name)
            .chain(actor.aliases.iter())
            .flat_map(|name| {
                name.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() >= 3)
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let mine = words(proposed);
    let mut scored: Vec<(usize, &ActorRow)> = actors
        .iter()
        .filter(|a| a.id != proposed.id && a.merged_into.is_none())
        .map(|a| (words(a).intersection(&mine).count(), a))
        .filter(|(shared, _)| *shared > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    scored.into_iter().map(|(_, a)| a).collect()
}
