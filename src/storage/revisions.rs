//! Revisions on the read side: the history of one object, of a whole situation, and one
//! revision by id (for reverting it).

use super::entity::revision;
use super::values::word;
use super::{Conn, StorageError};
use crate::domain::{Author, RevisedEntity, Revision, RevisionId, SituationId, UserId};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// The revisions of one object, oldest first.
pub async fn revisions_of(
    conn: &impl Conn,
    entity: RevisedEntity,
    entity_id: i64,
) -> Result<Vec<Revision>, StorageError> {
    revision::Entity::find()
        .filter(revision::Column::Entity.eq(entity.as_str()))
        .filter(revision::Column::EntityId.eq(entity_id))
        .order_by_asc(revision::Column::Id)
        .all(&conn.executor())
        .await?
        .into_iter()
        .map(revision_from_row)
        .collect()
}

/// Every revision in a situation, oldest first.
pub async fn revisions_of_situation(
    conn: &impl Conn,
    situation: SituationId,
) -> Result<Vec<Revision>, StorageError> {
    revision::Entity::find()
        .filter(revision::Column::SituationId.eq(situation.get()))
        .order_by_asc(revision::Column::Id)
        .all(&conn.executor())
        .await?
        .into_iter()
        .map(revision_from_row)
        .collect()
}

/// One revision by id.
pub async fn get_revision(conn: &impl Conn, id: RevisionId) -> Result<Revision, StorageError> {
    revision::Entity::find_by_id(id.get())
        .one(&conn.executor())
        .await?
        .map(revision_from_row)
        .transpose()?
        .ok_or_else(|| StorageError::not_found("revision", id))
}

fn revision_from_row(row: revision::Model) -> Result<Revision, StorageError> {
    let json = |text: Option<String>, what: &str| {
        text.map(|t| {
            serde_json::from_str(&t).map_err(|e| {
                StorageError::invalid(format!("revision {}: {what} is not JSON: {e}", row.id))
            })
        })
        .transpose()
    };
    Ok(Revision {
        id: RevisionId::new(row.id),
        situation: row.situation_id.map(SituationId::new),
        entity: word("revised entity", &row.entity)?,
        entity_id: row.entity_id,
        action: word("revision action", &row.action)?,
        before: json(row.before_json.clone(), "before")?,
        after: json(row.after_json.clone(), "after")?,
        author: Author {
            user: row.author_user_id.map(UserId::new),
            name: row.author,
        },
        reason: row.reason,
        created_at: row.created_at,
    })
}
