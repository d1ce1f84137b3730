//! Creating a situation, recorded as a revision that names its author.

use super::UseCaseError;
use super::revisions::{Change, record};
use crate::domain::{Author, RevisedEntity, RevisionAction, User};
use crate::storage::{self, Database, NewSituation, SituationSummary};
use serde::Serialize;

/// A situation's own fields, as its revisions record them.
#[derive(Debug, Serialize)]
struct SituationFields<'a> {
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
}

/// Creates a situation for an analyst. A bad slug is [`storage::StorageError::Invalid`], a
/// taken one [`storage::StorageError::Conflict`]; readers are refused.
pub async fn create_situation(
    db: &Database,
    author: &User,
    new: &NewSituation,
) -> Result<SituationSummary, UseCaseError> {
    if !author.is_analyst() {
        return Err(UseCaseError::Forbidden(
            "only analysts can create situations".to_string(),
        ));
    }
    let author = Author::user(author.id, &author.name);
    db.transaction(async |tx| {
        let created = storage::create_situation(tx, new).await?;
        let fields = SituationFields {
            slug: &created.slug,
            title: &created.title,
            summary: &created.summary,
        };
        record::<(), _>(
            tx,
            Change {
                situation: Some(created.id),
                entity: RevisedEntity::Situation,
                entity_id: created.id.get(),
                action: RevisionAction::Created,
                before: None,
                after: Some(&fields),
                author: &author,
                reason: "created the situation",
            },
        )
        .await?;
        Ok(created)
    })
    .await
}
