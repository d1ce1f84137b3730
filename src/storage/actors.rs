//! Actors of a situation: the read side (lists, the extractor's known actors) and the
//! [`ActorBook`] that links extracted names to existing actors by name or alias, creating the
//! ones that are new.

use super::entity::{actor, actor_alias, actor_role};
use super::insert::{NewActorRow, NewRoleRow, insert_actor, insert_alias, insert_role};
use super::values::{now, when_from_columns, word};
use super::{Conn, StorageError, Tx, situations};
use crate::domain::{ActorId, ActorKind, ReviewState, SituationId, SourceId, When};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait};
use std::collections::{HashMap, HashSet};

/// An actor named in a list or a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorRef {
    /// Its id.
    pub id: ActorId,
    /// Canonical name.
    pub name: String,
}

/// An actor with its aliases and roles.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorRow {
    /// Its id.
    pub id: ActorId,
    /// What sort of actor.
    pub kind: ActorKind,
    /// Canonical name, unique within the situation.
    pub name: String,
    /// Parent actor (Kremlin -> Russia).
    pub parent: Option<ActorRef>,
    /// Wikidata QID.
    pub external_id: Option<String>,
    /// Proposed by the extractor and not yet confirmed by an analyst.
    pub candidate: bool,
    /// Other names, in the order they were recorded.
    pub aliases: Vec<String>,
    /// Roles held, in the order they were recorded.
    pub roles: Vec<RoleRow>,
    /// Edit version, from 1.
    pub version: i64,
    /// Draft (proposed by an extraction and not yet reviewed), accepted or rejected.
    pub review_state: ReviewState,
    /// The source whose extraction proposed it.
    pub proposed_by: Option<SourceId>,
    /// The actor it was merged into: set, this actor is only a redirect.
    pub merged_into: Option<ActorId>,
}

/// A role an actor holds, with its validity.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleRow {
    /// The title ("President").
    pub title: String,
    /// The actor it is held in (Kazakhstan).
    pub of: Option<ActorRef>,
    /// When it began, if known.
    pub valid_from: Option<When>,
    /// When it ended; `None` while it is held or when unknown.
    pub valid_to: Option<When>,
}

/// A situation's actors, by name. [`StorageError::NotFound`] when the situation does not exist.
pub async fn list_actors(conn: &impl Conn, slug: &str) -> Result<Vec<ActorRow>, StorageError> {
    let situation = situations::require(conn, slug).await?;
    actors_of(conn, SituationId::new(situation.id)).await
}

/// A situation's actors by the situation's id, by name, with aliases and roles. Actors merged
/// into another are left out: they are redirects, not actors (see [`get_actor`]).
pub async fn actors_of(
    conn: &impl Conn,
    situation: SituationId,
) -> Result<Vec<ActorRow>, StorageError> {
    let situation_id = situation.get();
    let actors = actor::Entity::find()
        .filter(actor::Column::SituationId.eq(situation_id))
        .order_by_asc(actor::Column::Name)
        .order_by_asc(actor::Column::Id)
        .all(&conn.executor())
        .await?;
    let all = rows_with_details(conn, situation_id, actors).await?;
    Ok(all
        .into_iter()
        .filter(|a| a.merged_into.is_none())
        .collect())
}

/// One actor by id, merged ones included (with the actor they redirect to).
pub async fn get_actor(conn: &impl Conn, id: ActorId) -> Result<ActorRow, StorageError> {
    let row = actor::Entity::find_by_id(id.get())
        .one(&conn.executor())
        .await?
        .ok_or_else(|| StorageError::not_found("actor", id))?;
    let situation_id = row.situation_id;
    rows_with_details(conn, situation_id, vec![row])
        .await?
        .pop()
        .ok_or_else(|| StorageError::not_found("actor", id))
}

/// The situation an actor belongs to.
pub async fn actor_situation(conn: &impl Conn, id: ActorId) -> Result<SituationId, StorageError> {
    actor::Entity::find_by_id(id.get())
        .select_only()
        .column(actor::Column::SituationId)
        .into_tuple::<i64>()
        .one(&conn.executor())
        .await?
        .map(SituationId::new)
        .ok_or_else(|| StorageError::not_found("actor", id))
}

/// The actor that `id` stands for now: itself, or the actor its merges lead to (the redirect
/// of a merged actor's page and links).
pub async fn resolve_actor(conn: &impl Conn, id: ActorId) -> Result<ActorId, StorageError> {
    let mut current = id;
    // A chain of merges is short; the bound only guards against a corrupt cycle.
    for _ in 0..64 {
        let next = actor::Entity::find_by_id(current.get())
            .select_only()
            .column(actor::Column::MergedIntoId)
            .into_tuple::<Option<i64>>()
            .one(&conn.executor())
            .await?
            .ok_or_else(|| StorageError::not_found("actor", current))?;
        match next {
            Some(next) => current = ActorId::new(next),
            None => return Ok(current),
        }
    }
    Err(StorageError::invalid(format!(
        "actor {id}: its merges form a cycle"
    )))
}

/// Actor rows with their aliases and roles; names of parents and role holders are read from
/// the situation's actors.
async fn rows_with_details(
    conn: &impl Conn,
    situation_id: i64,
    actors: Vec<actor::Model>,
) -> Result<Vec<ActorRow>, StorageError> {
    let exec = conn.executor();
    let names: HashMap<i64, String> = actor::Entity::find()
        .select_only()
        .column(actor::Column::Id)
        .column(actor::Column::Name)
        .filter(actor::Column::SituationId.eq(situation_id))
        .into_tuple::<(i64, String)>()
        .all(&exec)
        .await?
        .into_iter()
        .collect();
    let wanted: HashSet<i64> = actors.iter().map(|a| a.id).collect();
    let reference = |id: i64| ActorRef {
        id: ActorId::new(id),
        name: names.get(&id).cloned().unwrap_or_default(),
    };

    let mut aliases: HashMap<i64, Vec<String>> = HashMap::new();
    for alias in actor_alias::Entity::find()
        .filter(actor_alias::Column::ActorId.in_subquery(actor_ids_of(situation_id)))
        .order_by_asc(actor_alias::Column::Id)
        .all(&exec)
        .await?
        .into_iter()
        .filter(|alias| wanted.contains(&alias.actor_id))
    {
        aliases.entry(alias.actor_id).or_default().push(alias.alias);
    }
    let mut roles: HashMap<i64, Vec<RoleRow>> = HashMap::new();
    for role in actor_role::Entity::find()
        .filter(actor_role::Column::ActorId.in_subquery(actor_ids_of(situation_id)))
        .order_by_asc(actor_role::Column::Id)
        .all(&exec)
        .await?
        .into_iter()
        .filter(|role| wanted.contains(&role.actor_id))
    {
        let (valid_from, valid_to) = role_validity(&role)?;
        roles.entry(role.actor_id).or_default().push(RoleRow {
            title: role.title,
            of: role.of_actor_id.map(reference),
            valid_from,
            valid_to,
        });
    }
    actors
        .into_iter()
        .map(|a| {
            Ok(ActorRow {
                id: ActorId::new(a.id),
                version: a.version,
                kind: word("actor kind", &a.kind)?,
                parent: a.parent_id.map(reference),
                aliases: aliases.remove(&a.id).unwrap_or_default(),
                roles: roles.remove(&a.id).unwrap_or_default(),
                name: a.name,
                external_id: a.external_id,
                candidate: a.candidate,
                review_state: word("review state", &a.review_state)?,
                proposed_by: a.proposed_by_source_id.map(SourceId::new),
                merged_into: a.merged_into_id.map(ActorId::new),
            })
        })
        .collect()
}

/// `SELECT id FROM actor WHERE situation_id = ?`, for filtering aliases and roles.
fn actor_ids_of(situation_id: i64) -> sea_orm::sea_query::SelectStatement {
    actor::Entity::find()
        .select_only()
        .column(actor::Column::Id)
        .filter(actor::Column::SituationId.eq(situation_id))
        .into_query()
}

/// A role's two validity ends, read from their columns.
pub(crate) fn role_validity(
    role: &actor_role::Model,
) -> Result<(Option<When>, Option<When>), StorageError> {
    let valid_from = when_from_columns(
        "role valid_from",
        role.valid_from_earliest,
        role.valid_from_latest,
        role.valid_from_precision.as_deref(),
        role.valid_from_words.as_deref(),
        role.valid_from_approximate,
    )?;
    let valid_to = when_from_columns(
        "role valid_to",
        role.valid_to_earliest,
        role.valid_to_latest,
        role.valid_to_precision.as_deref(),
        role.valid_to_words.as_deref(),
        role.valid_to_approximate,
    )?;
    Ok((valid_from, valid_to))
}

/// The key names are compared by: trimmed, inner whitespace collapsed, lowercase.
pub(crate) fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What the book remembers of one actor.
struct Entry {
    keys: HashSet<String>,
    parent_id: Option<i64>,
    external_id: Option<String>,
}

/// A situation's actors in memory, for linking names to them within one transaction. Every
/// change goes to the database at once and into the book, so later lookups see it.
pub struct ActorBook {
    situation_id: SituationId,
    by_key: HashMap<String, i64>,
    entries: HashMap<i64, Entry>,
    roles: HashSet<(i64, String, Option<i64>)>,
}

impl ActorBook {
    /// Loads the situation's actors, aliases and roles.
    pub async fn load(tx: &Tx, situation: SituationId) -> Result<Self, StorageError> {
        let conn = tx.txn();
        let situation_id = situation.get();
        let mut book = ActorBook {
            situation_id: situation,
            by_key: HashMap::new(),
            entries: HashMap::new(),
            roles: HashSet::new(),
        };
        let actors = actor::Entity::find()
            .filter(actor::Column::SituationId.eq(situation_id))
            .order_by_asc(actor::Column::Id)
            .all(conn)
            .await?;
        // A merged actor's names lead to the actor it was merged into.
        let redirects: HashMap<i64, i64> = actors
            .iter()
            .filter_map(|a| a.merged_into_id.map(|into| (a.id, into)))
            .collect();
        let target = |mut id: i64| {
            for _ in 0..64 {
                match redirects.get(&id) {
                    Some(next) => id = *next,
                    None => break,
                }
            }
            id
        };
        let mut merged_names = Vec::new();
        for a in actors {
            if a.merged_into_id.is_some() {
                merged_names.push((target(a.id), a.name));
            } else {
                book.remember(a.id, &a.name, a.parent_id, a.external_id);
            }
        }
        for alias in actor_alias::Entity::find()
            .filter(actor_alias::Column::ActorId.in_subquery(actor_ids_of(situation_id)))
            .order_by_asc(actor_alias::Column::Id)
            .all(conn)
            .await?
        {
            book.remember_key(target(alias.actor_id), &alias.alias);
        }
        for (id, name) in merged_names {
            book.remember_key(id, &name);
        }
        for role in actor_role::Entity::find()
            .filter(actor_role::Column::ActorId.in_subquery(actor_ids_of(situation_id)))
            .all(conn)
            .await?
        {
            book.roles
                .insert((role.actor_id, name_key(&role.title), role.of_actor_id));
        }
        Ok(book)
    }

    fn remember(
        &mut self,
        id: i64,
        name: &str,
        parent_id: Option<i64>,
        external_id: Option<String>,
    ) {
        self.entries.insert(
            id,
            Entry {
                keys: HashSet::new(),
                parent_id,
                external_id,
            },
        );
        self.remember_key(id, name);
    }

    fn remember_key(&mut self, id: i64, name: &str) {
        let key = name_key(name);
        self.by_key.entry(key.clone()).or_insert(id);
        if let Some(entry) = self.entries.get_mut(&id) {
            entry.keys.insert(key);
        }
    }

    /// The actor known by the first of `names` that matches a name or an alias.
    pub fn lookup<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> Option<ActorId> {
        names
            .into_iter()
            .find_map(|name| self.by_key.get(&name_key(name)).copied())
            .map(ActorId::new)
    }

    /// Links `name` (or one of `aliases`) to an existing actor, or creates the actor. Either way
    /// the names not yet known are added as aliases, and an external id is filled in when the
    /// actor has none. Returns the id and whether the actor was created.
    pub async fn link_or_create(
        &mut self,
        tx: &Tx,
        new: NewActor<'_>,
    ) -> Result<(ActorId, bool), StorageError> {
        let name = new.name.trim();
        if name.is_empty() {
            return Err(StorageError::invalid("an actor needs a name"));
        }
        let names = std::iter::once(name).chain(new.aliases.iter().map(String::as_str));
        let (id, created) = match self.lookup(names) {
            Some(id) => (id, false),
            None => {
                let id = insert_actor(
                    tx,
                    &NewActorRow {
                        situation: self.situation_id,
                        kind: new.kind,
                        name,
                        parent: None,
                        external_id: new.external_id,
                        candidate: new.candidate,
                        created_at: now(),
                        review_state: new.review_state,
                        proposed_by: new.proposed_by,
                    },
                )
                .await?;
                self.remember(id.get(), name, None, new.external_id.map(str::to_string));
                (id, true)
            }
        };
        for alias in std::iter::once(name).chain(new.aliases.iter().map(String::as_str)) {
            self.add_alias(tx, id, alias).await?;
        }
        if let Some(external_id) = new.external_id {
            self.fill_external_id(tx, id.get(), external_id).await?;
        }
        Ok((id, created))
    }

    /// Records `alias` for the actor unless it is already one of its names or, to keep names
    /// unambiguous, another actor's.
    pub async fn add_alias(
        &mut self,
        tx: &Tx,
        id: ActorId,
        alias: &str,
    ) -> Result<(), StorageError> {
        let alias = alias.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = name_key(&alias);
        if key.is_empty() || self.by_key.contains_key(&key) {
            return Ok(());
        }
        insert_alias(tx, id, &alias).await?;
        self.remember_key(id.get(), &alias);
        Ok(())
    }

    async fn fill_external_id(
        &mut self,
        tx: &Tx,
        id: i64,
        external_id: &str,
    ) -> Result<(), StorageError> {
        let conn = tx.txn();
        let Some(entry) = self.entries.get_mut(&id) else {
            return Ok(());
        };
        if entry.external_id.is_some() || external_id.trim().is_empty() {
            return Ok(());
        }
        actor::Entity::update_many()
            .col_expr(actor::Column::ExternalId, Expr::value(external_id))
            .filter(actor::Column::Id.eq(id))
            .exec(conn)
            .await?;
        entry.external_id = Some(external_id.to_string());
        Ok(())
    }

    /// Sets the actor's parent unless it already has one (or it would be its own parent).
    pub async fn set_parent_if_missing(
        &mut self,
        tx: &Tx,
        id: ActorId,
        parent: ActorId,
    ) -> Result<(), StorageError> {
        let conn = tx.txn();
        let (id, parent_id) = (id.get(), parent.get());
        if id == parent_id || self.is_ancestor(id, parent_id) {
            return Ok(());
        }
        let Some(entry) = self.entries.get_mut(&id) else {
            return Ok(());
        };
        if entry.parent_id.is_some() {
            return Ok(());
        }
        actor::Entity::update_many()
            .col_expr(actor::Column::ParentId, Expr::value(parent_id))
            .filter(actor::Column::Id.eq(id))
            .exec(conn)
            .await?;
        entry.parent_id = Some(parent_id);
        Ok(())
    }

    /// Whether `ancestor` is `id` or above it, following parents (cycles are refused).
    fn is_ancestor(&self, ancestor: i64, id: i64) -> bool {
        let mut current = Some(id);
        let mut steps = 0;
        while let Some(at) = current {
            if at == ancestor {
                return true;
            }
            steps += 1;
            if steps > self.entries.len() {
                return true;
            }
            current = self.entries.get(&at).and_then(|e| e.parent_id);
        }
        false
    }

    /// Records a role unless the actor already holds one with the same title in the same actor.
    pub async fn add_role(
        &mut self,
        tx: &Tx,
        id: ActorId,
        role: NewRole<'_>,
    ) -> Result<bool, StorageError> {
        let title = role.title.trim();
        if title.is_empty() {
            return Ok(false);
        }
        if !self
            .roles
            .insert((id.get(), name_key(title), role.of.map(ActorId::get)))
        {
            return Ok(false);
        }
        insert_role(
            tx,
            &NewRoleRow {
                actor: id,
                title,
                of: role.of,
                valid_from: role.valid_from,
                valid_to: role.valid_to,
            },
        )
        .await?;
        Ok(true)
    }
}

/// An actor to link or create.
#[derive(Debug, Clone, Copy)]
pub struct NewActor<'a> {
    /// Its name.
    pub name: &'a str,
    /// What sort of actor.
    pub kind: ActorKind,
    /// Other names.
    pub aliases: &'a [String],
    /// Wikidata QID.
    pub external_id: Option<&'a str>,
    /// Proposed by the extractor, not yet confirmed.
    pub candidate: bool,
    /// The review state a new actor starts in (draft for an extraction's proposal).
    pub review_state: ReviewState,
    /// The source whose extraction proposes it.
    pub proposed_by: Option<SourceId>,
}

/// A role to record.
#[derive(Debug, Clone, Copy)]
pub struct NewRole<'a> {
    /// The title.
    pub title: &'a str,
    /// The actor it is held in.
    pub of: Option<ActorId>,
    /// When it began.
    pub valid_from: Option<&'a When>,
    /// When it ended.
    pub valid_to: Option<&'a When>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_loosely() {
        assert_eq!(name_key("  The  Kremlin "), "the kremlin");
        assert_eq!(name_key("CSTO"), name_key("csto"));
    }
}
