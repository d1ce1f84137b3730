//! Changing a stored actor: its fields (guarded by its edit version, so a save made from a
//! stale copy is refused), its aliases as a set, and the references that move when two actors
//! are merged into one or one is split in two. Every move is returned as the list of rows it
//! touched, so that the `app` layer can keep it in the revision and undo exactly that move.

use super::entity::{actor, actor_alias, actor_role, claim, claim_actor, prediction, relation};
use super::insert::insert_alias;
use super::values::IN_CHUNK;
use super::{StorageError, Tx};
use crate::domain::{ActorId, ActorKind, ClaimId, ReviewState};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::{Deserialize, Serialize};

/// The fields of an actor to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorChanges {
    /// A new canonical name (unique within the situation).
    pub name: Option<String>,
    /// A new kind.
    pub kind: Option<ActorKind>,
    /// A new parent (`Some(None)` clears it).
    pub parent: Option<Option<ActorId>>,
    /// A new review state.
    pub review_state: Option<ReviewState>,
    /// Whether it is still an unconfirmed candidate.
    pub candidate: Option<bool>,
    /// Merged into another actor (`Some(Some(id))`), or a merge undone (`Some(None)`).
    pub merged_into: Option<Option<ActorId>>,
}

impl ActorChanges {
    /// Whether nothing would change.
    pub fn is_empty(&self) -> bool {
        *self == ActorChanges::default()
    }
}

/// Applies `changes` to the actor if its version is still `expected_version`, and returns the
/// new version. [`StorageError::NotFound`] when there is no such actor,
/// [`StorageError::Conflict`] when it changed since that version (or the name is taken).
pub async fn update_actor(
    tx: &Tx,
    id: ActorId,
    expected_version: i64,
    changes: &ActorChanges,
) -> Result<i64, StorageError> {
    let mut update = actor::Entity::update_many()
        .col_expr(
            actor::Column::Version,
            Expr::col(actor::Column::Version).add(1),
        )
        .filter(actor::Column::Id.eq(id.get()))
        .filter(actor::Column::Version.eq(expected_version));
    if let Some(name) = &changes.name {
        update = update.col_expr(actor::Column::Name, Expr::value(name.clone()));
    }
    if let Some(kind) = changes.kind {
        update = update.col_expr(actor::Column::Kind, Expr::value(kind.as_str()));
    }
    if let Some(parent) = changes.parent {
        update = update.col_expr(
            actor::Column::ParentId,
            Expr::value(parent.map(ActorId::get)),
        );
    }
    if let Some(state) = changes.review_state {
        update = update.col_expr(actor::Column::ReviewState, Expr::value(state.as_str()));
    }
    if let Some(candidate) = changes.candidate {
        update = update.col_expr(actor::Column::Candidate, Expr::value(candidate));
    }
    if let Some(into) = changes.merged_into {
        update = update.col_expr(
            actor::Column::MergedIntoId,
            Expr::value(into.map(ActorId::get)),
        );
    }
    let result = update.exec(tx.txn()).await?;
    if result.rows_affected == 1 {
        return Ok(expected_version + 1);
    }
    let current = actor::Entity::find_by_id(id.get())
        .select_only()
        .column(actor::Column::Version)
        .into_tuple::<i64>()
        .one(tx.txn())
        .await?;
    match current {
        None => Err(StorageError::not_found("actor", id)),
        Some(current) => Err(StorageError::conflict(format!(
            "actor {id} was changed by someone else (it is at version {current}, the edit was \
             made from version {expected_version}); reload it and make the change again"
        ))),
    }
}

/// Replaces an actor's aliases with `aliases` (kept in the order given, blanks and repeats
/// dropped).
pub async fn set_aliases(tx: &Tx, id: ActorId, aliases: &[String]) -> Result<(), StorageError> {
    actor_alias::Entity::delete_many()
        .filter(actor_alias::Column::ActorId.eq(id.get()))
        .exec(tx.txn())
        .await?;
    let mut seen = std::collections::HashSet::new();
    for alias in aliases {
        let alias = alias.split_whitespace().collect::<Vec<_>>().join(" ");
        if !alias.is_empty() && seen.insert(alias.to_lowercase()) {
            insert_alias(tx, id, &alias).await?;
        }
    }
    Ok(())
}

/// The rows a merge or split moved from one actor to another, by id, so that exactly those
/// can be moved back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovedRefs {
    /// `claim_actor` rows (mentions).
    #[serde(default)]
    pub mentions: Vec<i64>,
    /// Claims whose speaker it was.
    #[serde(default)]
    pub speaker_of: Vec<i64>,
    /// Relations it was the source of.
    #[serde(default)]
    pub relation_sources: Vec<i64>,
    /// Relations it was the target of.
    #[serde(default)]
    pub relation_targets: Vec<i64>,
    /// Predictions it made.
    #[serde(default)]
    pub forecasts: Vec<i64>,
    /// Its aliases (`actor_alias` rows).
    #[serde(default)]
    pub aliases: Vec<i64>,
    /// Roles it held (`actor_role` rows).
    #[serde(default)]
    pub roles: Vec<i64>,
    /// Roles held in it (`actor_role.of_actor_id`).
    #[serde(default)]
    pub roles_in: Vec<i64>,
    /// Actors whose parent it was.
    #[serde(default)]
    pub children: Vec<i64>,
    /// The alias added to the receiving actor for the moved actor's name, if one was.
    #[serde(default)]
    pub added_alias: Option<i64>,
}

impl MovedRefs {
    /// How many references moved.
    pub fn count(&self) -> usize {
        self.mentions.len()
            + self.speaker_of.len()
            + self.relation_sources.len()
            + self.relation_targets.len()
            + self.forecasts.len()
            + self.aliases.len()
            + self.roles.len()
            + self.roles_in.len()
            + self.children.len()
    }
}

/// Which rows to move: all of an actor's references, or only those in some claims.
#[derive(Debug, Clone, Copy)]
enum Scope<'a> {
    Everything,
    Claims(&'a [ClaimId]),
}

/// Moves every reference to `from` onto `into`: mentions, speakers, relations, forecasts,
/// aliases, roles and children, and records `from`'s name as an alias of `into` (unless it
/// has it). The actor rows themselves are left to the caller.
pub async fn move_all_refs(
    tx: &Tx,
    from: ActorId,
    into: ActorId,
) -> Result<MovedRefs, StorageError> {
    let mut moved = move_refs(tx, from, into, Scope::Everything).await?;
    let name = actor::Entity::find_by_id(from.get())
        .select_only()
        .column(actor::Column::Name)
        .into_tuple::<String>()
        .one(tx.txn())
        .await?
        .ok_or_else(|| StorageError::not_found("actor", from))?;
    let existing: Vec<String> = actor_alias::Entity::find()
        .select_only()
        .column(actor_alias::Column::Alias)
        .filter(actor_alias::Column::ActorId.eq(into.get()))
        .into_tuple::<String>()
        .all(tx.txn())
        .await?;
    let into_name = actor::Entity::find_by_id(into.get())
        .select_only()
        .column(actor::Column::Name)
        .into_tuple::<String>()
        .one(tx.txn())
        .await?
        .ok_or_else(|| StorageError::not_found("actor", into))?;
    let key = super::actors::name_key(&name);
    let known = super::actors::name_key(&into_name) == key
        || existing.iter().any(|a| super::actors::name_key(a) == key);
    if !known {
        insert_alias(tx, into, &name).await?;
        moved.added_alias = actor_alias::Entity::find()
            .select_only()
            .column(actor_alias::Column::Id)
            .filter(actor_alias::Column::ActorId.eq(into.get()))
            .filter(actor_alias::Column::Alias.eq(name))
            .into_tuple::<i64>()
            .one(tx.txn())
            .await?;
    }
    Ok(moved)
}

/// Moves `from`'s mentions, speaker parts, relations and forecasts in `claims` onto `to`.
pub async fn move_claim_refs(
    tx: &Tx,
    from: ActorId,
    to: ActorId,
    claims: &[ClaimId],
) -> Result<MovedRefs, StorageError> {
    move_refs(tx, from, to, Scope::Claims(claims)).await
}

/// Moves the rows of `moved` that still point at `from` back onto `to` (the undo of a move from
/// `to` onto `from`), and removes the alias the move added.
pub async fn move_refs_back(
    tx: &Tx,
    moved: &MovedRefs,
    from: ActorId,
    to: ActorId,
) -> Result<(), StorageError> {
    let (f, t) = (from.get(), to.get());
    for chunk in moved.mentions.chunks(IN_CHUNK) {
        claim_actor::Entity::update_many()
            .col_expr(claim_actor::Column::ActorId, Expr::value(t))
            .filter(claim_actor::Column::Id.is_in(chunk.iter().copied()))
            .filter(claim_actor::Column::ActorId.eq(f))
            .exec(tx.txn())
            .await?;
    }
    for chunk in moved.speaker_of.chunks(IN_CHUNK) {
        claim::Entity::update_many()
            .col_expr(claim::Column::SpeakerActorId, Expr::value(Some(t)))
            .filter(claim::Column::Id.is_in(chunk.iter().copied()))
            .filter(claim::Column::SpeakerActorId.eq(f))
            .exec(tx.txn())
            .await?;
    }
    for chunk in moved.relation_sources.chunks(IN_CHUNK) {
        relation::Entity::update_many()
            .col_expr(relation::Column::SourceActorId, Expr::value(t))
            .filter(relation::Column::Id.is_in(chunk.iter().copied()))
            .filter(relation::Column::SourceActorId.eq(f))
            .exec(tx.txn())
            .await?;
    }
    for chunk in moved.relation_targets.chunks(IN_CHUNK) {
        relation::Entity::update_many()
            .col_expr(relation::Column::TargetActorId, Expr::value(t))
            .filter(relation::Column::Id.is_in(chunk.iter().copied()))
            .filter(relation::Column::TargetActorId.eq(f))
            .exec(tx.txn())
            .await?;
    }
    for chunk in moved.forecasts.chunks(IN_CHUNK) {
        prediction::Entity::update_many()
            .col_expr(prediction::Column::ForecasterActorId, Expr::value(Some(t)))
            .filter(prediction::Column::Id.is_in(chunk.iter().copied()))
            .filter(prediction::Column::ForecasterActorId.eq(f))
            .exec(tx.txn())
            .await?;
    }
    for chunk in moved.aliases.chunks(IN_CHUNK) {
        actor_alias::Entity::update_many()
            .col_expr(actor_alias::Column::ActorId, Expr::value(t))
            .filter(actor_alias::Column::Id.is_in(chunk.iter().copied()))
            .filter(actor_alias::Column::ActorId.eq(f))
            .exec(tx.txn())
            .await?;
    }
    for chunk in moved.roles.chunks(IN_CHUNK) {
        actor_role::Entity::update_many()
            .col_expr(actor_role::Column::ActorId, Expr::value(t))
            .filter(actor_role::Column::Id.is_in(chunk.iter().copied()))
            .filter(actor_role::Column::ActorId.eq(f))
            .exec(tx.txn())
            .await?;
    }
    for chunk in moved.roles_in.chunks(IN_CHUNK) {
        actor_role::Entity::update_many()
            .col_expr(actor_role::Column::OfActorId, Expr::value(Some(t)))
            .filter(actor_role::Column::Id.is_in(chunk.iter().copied()))
            .filter(actor_role::Column::OfActorId.eq(f))
            .exec(tx.txn())
            .await?;
    }
    for chunk in moved.children.chunks(IN_CHUNK) {
        actor::Entity::update_many()
            .col_expr(actor::Column::ParentId, Expr::value(Some(t)))
            .filter(actor::Column::Id.is_in(chunk.iter().copied()))
            .filter(actor::Column::ParentId.eq(f))
            .exec(tx.txn())
            .await?;
    }
    if let Some(alias) = moved.added_alias {
        actor_alias::Entity::delete_many()
            .filter(actor_alias::Column::Id.eq(alias))
            .filter(actor_alias::Column::ActorId.eq(f))
            .exec(tx.txn())
            .await?;
    }
    Ok(())
}

/// The ids of rows of a table whose `column` is `actor`, within `claims` when scoped
/// (`claim_column` names the table's claim reference).
async fn ids_where<E>(
    tx: &Tx,
    id_column: E::Column,
    column: E::Column,
    claim_column: Option<E::Column>,
    actor_id: i64,
    scope: Scope<'_>,
) -> Result<Vec<i64>, StorageError>
where
    E: EntityTrait,
{
    match (scope, claim_column) {
        (Scope::Everything, _) => Ok(E::find()
            .select_only()
            .column(id_column)
            .filter(column.eq(actor_id))
            .into_tuple::<i64>()
            .all(tx.txn())
            .await?),
        (Scope::Claims(_), None) => Ok(Vec::new()),
        (Scope::Claims(claims), Some(claim_column)) => {
            let mut ids = Vec::new();
            for chunk in claims.chunks(IN_CHUNK) {
                ids.extend(
                    E::find()
                        .select_only()
                        .column(id_column)
                        .filter(column.eq(actor_id))
                        .filter(claim_column.is_in(chunk.iter().map(|c| c.get())))
                        .into_tuple::<i64>()
                        .all(tx.txn())
                        .await?,
                );
            }
            Ok(ids)
        }
    }
}

async fn move_refs(
    tx: &Tx,
    from: ActorId,
    to: ActorId,
    scope: Scope<'_>,
) -> Result<MovedRefs, StorageError> {
    let f = from.get();
    let mut moved = MovedRefs {
        mentions: ids_where::<claim_actor::Entity>(
            tx,
            claim_actor::Column::Id,
            claim_actor::Column::ActorId,
            Some(claim_actor::Column::ClaimId),
            f,
            scope,
        )
        .await?,
        speaker_of: ids_where::<claim::Entity>(
            tx,
            claim::Column::Id,
            claim::Column::SpeakerActorId,
            Some(claim::Column::Id),
            f,
            scope,
        )
        .await?,
        relation_sources: ids_where::<relation::Entity>(
            tx,
            relation::Column::Id,
            relation::Column::SourceActorId,
            Some(relation::Column::ClaimId),
            f,
            scope,
        )
        .await?,
        relation_targets: ids_where::<relation::Entity>(
            tx,
            relation::Column::Id,
            relation::Column::TargetActorId,
            Some(relation::Column::ClaimId),
            f,
            scope,
        )
        .await?,
        forecasts: ids_where::<prediction::Entity>(
            tx,
            prediction::Column::Id,
            prediction::Column::ForecasterActorId,
            Some(prediction::Column::ClaimId),
            f,
            scope,
        )
        .await?,
        aliases: ids_where::<actor_alias::Entity>(
            tx,
            actor_alias::Column::Id,
            actor_alias::Column::ActorId,
            None,
            f,
            scope,
        )
        .await?,
        roles: ids_where::<actor_role::Entity>(
            tx,
            actor_role::Column::Id,
            actor_role::Column::ActorId,
            None,
            f,
            scope,
        )
        .await?,
        roles_in: ids_where::<actor_role::Entity>(
            tx,
            actor_role::Column::Id,
            actor_role::Column::OfActorId,
            None,
            f,
            scope,
        )
        .await?,
        children: ids_where::<actor::Entity>(
            tx,
            actor::Column::Id,
            actor::Column::ParentId,
            None,
            f,
            scope,
        )
        .await?,
        added_alias: None,
    };
    // An alias the receiving actor already has would break the unique index: drop the moved
    // actor's copy from the move (it stays with the moved actor).
    if !moved.aliases.is_empty() {
        let theirs: std::collections::HashSet<String> = actor_alias::Entity::find()
            .select_only()
            .column(actor_alias::Column::Alias)
            .filter(actor_alias::Column::ActorId.eq(to.get()))
            .into_tuple::<String>()
            .all(tx.txn())
            .await?
            .into_iter()
            .collect();
        let mine: Vec<(i64, String)> = actor_alias::Entity::find()
            .select_only()
            .column(actor_alias::Column::Id)
            .column(actor_alias::Column::Alias)
            .filter(actor_alias::Column::ActorId.eq(f))
            .into_tuple::<(i64, String)>()
            .all(tx.txn())
            .await?;
        moved.aliases = mine
            .into_iter()
            .filter(|(_, alias)| !theirs.contains(alias))
            .map(|(id, _)| id)
            .collect();
    }
    // An actor never becomes its own parent.
    moved.children.retain(|child| *child != to.get());
    move_refs_back(tx, &moved, from, to).await?;
    Ok(moved)
}
