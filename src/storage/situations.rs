//! Situations: creating them, finding them by slug, and listing them with their counts.

use super::entity::{actor, claim, situation, source};
use super::insert::{NewSituationRow, insert_situation};
use super::values::now;
use super::{Conn, StorageError, Tx};
use crate::domain::SituationId;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Asterisk, Expr, ExprTrait, Func, Query};
use sea_orm::{
    ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, Select,
};

/// The longest slug accepted.
const MAX_SLUG_LEN: usize = 100;

/// A situation with how much it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SituationSummary {
    /// Its id.
    pub id: SituationId,
    /// Unique, URL-safe name (`kazakhstan-2022`).
    pub slug: String,
    /// Display title.
    pub title: String,
    /// A short description; may be empty.
    pub summary: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When anything in it last changed.
    pub updated_at: DateTime<Utc>,
    /// Claims that are not soft-deleted (drafts, accepted and rejected alike).
    pub claim_count: u64,
    /// Sources stored.
    pub source_count: u64,
    /// Actors on its list, the extractor's unconfirmed candidates included.
    pub actor_count: u64,
}

/// What a new situation is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSituation {
    /// Lowercase letters, digits and single hyphens, at most 100 characters.
    pub slug: String,
    /// Display title; the slug when empty.
    pub title: String,
    /// A short description.
    pub summary: String,
}

/// Checks that a slug is lowercase ASCII letters and digits in hyphen-separated words.
pub fn validate_slug(slug: &str) -> Result<(), StorageError> {
    let well_formed = !slug.is_empty()
        && slug.len() <= MAX_SLUG_LEN
        && slug.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if well_formed {
        Ok(())
    } else {
        Err(StorageError::invalid(format!(
            "situation slug {slug:?}: use lowercase letters, digits and single hyphens \
             (at most {MAX_SLUG_LEN} characters), like kazakhstan-2022"
        )))
    }
}

/// Every situation, by title, with its counts.
pub async fn list_situations(conn: &impl Conn) -> Result<Vec<SituationSummary>, StorageError> {
    let rows = with_counts(situation::Entity::find())
        .order_by_asc(situation::Column::Title)
        .order_by_asc(situation::Column::Id)
        .into_model::<SummaryRow>()
        .all(&conn.executor())
        .await?;
    Ok(rows.into_iter().map(SummaryRow::into_summary).collect())
}

/// The situation with this slug, or [`StorageError::NotFound`] (also for a slug that could
/// never be one, such as one with a NUL byte, which is not sent to the database at all).
pub async fn get_situation(conn: &impl Conn, slug: &str) -> Result<SituationSummary, StorageError> {
    if validate_slug(slug).is_err() {
        return Err(StorageError::not_found("situation", slug));
    }
    with_counts(situation::Entity::find())
        .filter(situation::Column::Slug.eq(slug))
        .into_model::<SummaryRow>()
        .one(&conn.executor())
        .await?
        .map(SummaryRow::into_summary)
        .ok_or_else(|| StorageError::not_found("situation", slug))
}

/// Creates a situation; [`StorageError::Conflict`] when the slug is taken.
pub async fn create_situation(
    tx: &Tx,
    new: &NewSituation,
) -> Result<SituationSummary, StorageError> {
    validate_slug(&new.slug)?;
    if find(tx, &new.slug).await?.is_some() {
        return Err(StorageError::conflict(format!(
            "a situation with the slug {} already exists",
            new.slug
        )));
    }
    let title = if new.title.trim().is_empty() {
        new.slug.clone()
    } else {
        new.title.trim().to_string()
    };
    let row = insert(tx, &new.slug, &title, new.summary.trim()).await?;
    Ok(SituationSummary {
        id: SituationId::new(row.id),
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        created_at: row.created_at,
        updated_at: row.updated_at,
        claim_count: 0,
        source_count: 0,
        actor_count: 0,
    })
}

/// The situation with this slug, if any (`None` for a slug that could never be one).
pub(crate) async fn find(
    conn: &impl Conn,
    slug: &str,
) -> Result<Option<situation::Model>, StorageError> {
    if validate_slug(slug).is_err() {
        return Ok(None);
    }
    Ok(situation::Entity::find()
        .filter(situation::Column::Slug.eq(slug))
        .one(&conn.executor())
        .await?)
}

/// The id of the situation with this slug, or [`StorageError::NotFound`].
pub async fn situation_id(conn: &impl Conn, slug: &str) -> Result<SituationId, StorageError> {
    Ok(SituationId::new(require(conn, slug).await?.id))
}

/// The situation with this slug, or [`StorageError::NotFound`].
pub(crate) async fn require(
    conn: &impl Conn,
    slug: &str,
) -> Result<situation::Model, StorageError> {
    find(conn, slug)
        .await?
        .ok_or_else(|| StorageError::not_found("situation", slug))
}

/// The situation with this slug, created with `title` (or the slug) and `summary` when
/// missing. Returns its id and whether it was created.
pub async fn find_or_create_situation(
    tx: &Tx,
    slug: &str,
    title: Option<&str>,
    summary: &str,
) -> Result<(SituationId, bool), StorageError> {
    validate_slug(slug)?;
    if let Some(row) = find(tx, slug).await? {
        return Ok((SituationId::new(row.id), false));
    }
    let title = title
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(slug);
    let row = insert(tx, slug, title, summary).await?;
    Ok((SituationId::new(row.id), true))
}

/// Inserts a situation row with both timestamps set to now.
async fn insert(
    tx: &Tx,
    slug: &str,
    title: &str,
    summary: &str,
) -> Result<situation::Model, StorageError> {
    let at = now();
    let id = insert_situation(
        tx,
        &NewSituationRow {
            slug,
            title,
            summary,
            created_at: at,
            updated_at: at,
        },
    )
    .await?
    .get();
    Ok(situation::Model {
        id,
        slug: slug.to_string(),
        title: title.to_string(),
        summary: summary.to_string(),
        created_at: at,
        updated_at: at,
    })
}

/// Marks the situation as changed now.
pub async fn touch_situation(tx: &Tx, id: SituationId) -> Result<(), StorageError> {
    situation::Entity::update_many()
        .col_expr(situation::Column::UpdatedAt, Expr::value(now()))
        .filter(situation::Column::Id.eq(id.get()))
        .exec(tx.txn())
        .await?;
    Ok(())
}

/// A situation row with its counts, as the counting query returns it.
#[derive(Debug, FromQueryResult)]
struct SummaryRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    claim_count: i64,
    source_count: i64,
    actor_count: i64,
}

impl SummaryRow {
    fn into_summary(self) -> SituationSummary {
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        SituationSummary {
            claim_count: count(self.claim_count),
            source_count: count(self.source_count),
            actor_count: count(self.actor_count),
            id: SituationId::new(self.id),
            slug: self.slug,
            title: self.title,
            summary: self.summary,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// Adds the three counts to a select of situations as correlated subqueries, so that listing
/// any number of situations is one statement; each subquery is answered from the index that
/// starts with its table's `situation_id`.
fn with_counts(select: Select<situation::Entity>) -> Select<situation::Entity> {
    let situation_id = (situation::Entity, situation::Column::Id);
    let mut claims = Query::select();
    claims
        .expr(Func::count(Expr::col(Asterisk)))
        .from(claim::Entity)
        .and_where(Expr::col((claim::Entity, claim::Column::SituationId)).equals(situation_id))
        .and_where(Expr::col((claim::Entity, claim::Column::DeletedAt)).is_null());
    let mut sources = Query::select();
    sources
        .expr(Func::count(Expr::col(Asterisk)))
        .from(source::Entity)
        .and_where(Expr::col((source::Entity, source::Column::SituationId)).equals(situation_id));
    let mut actors = Query::select();
    actors
        .expr(Func::count(Expr::col(Asterisk)))
        .from(actor::Entity)
        .and_where(Expr::col((actor::Entity, actor::Column::SituationId)).equals(situation_id));
    select
        .column_as(Expr::from(claims.take()), "claim_count")
        .column_as(Expr::from(sources.take()), "source_count")
        .column_as(Expr::from(actors.take()), "actor_count")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain() {
        assert!(validate_slug("kazakhstan-2022").is_ok());
        for bad in ["", "Kazakhstan", "a--b", "-a", "a-", "a b", "é"] {
            assert!(validate_slug(bad).is_err(), "{bad:?}");
        }
    }
}
