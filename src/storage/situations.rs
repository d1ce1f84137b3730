//! Situations: creating them, finding them by slug, and listing them with their counts.

use super::entity::{claim, situation, source};
use super::values::now;
use super::{Database, StorageError};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;

/// The longest slug accepted.
const MAX_SLUG_LEN: usize = 100;

/// A situation with how much it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SituationSummary {
    /// Database id.
    pub id: i64,
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
pub async fn list_situations(db: &Database) -> Result<Vec<SituationSummary>, StorageError> {
    let conn = db.conn();
    let rows = situation::Entity::find()
        .order_by_asc(situation::Column::Title)
        .order_by_asc(situation::Column::Id)
        .all(conn)
        .await?;
    let claims = claim_counts(conn, None).await?;
    let sources = source_counts(conn, None).await?;
    Ok(rows
        .into_iter()
        .map(|row| summary(row, &claims, &sources))
        .collect())
}

/// The situation with this slug, or [`StorageError::NotFound`].
pub async fn get_situation(db: &Database, slug: &str) -> Result<SituationSummary, StorageError> {
    let conn = db.conn();
    let row = require(conn, slug).await?;
    let claims = claim_counts(conn, Some(row.id)).await?;
    let sources = source_counts(conn, Some(row.id)).await?;
    Ok(summary(row, &claims, &sources))
}

/// Creates a situation; [`StorageError::Conflict`] when the slug is taken.
pub async fn create_situation(
    db: &Database,
    new: &NewSituation,
) -> Result<SituationSummary, StorageError> {
    validate_slug(&new.slug)?;
    let conn = db.conn();
    if find(conn, &new.slug).await?.is_some() {
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
    let row = insert(conn, &new.slug, &title, new.summary.trim()).await?;
    Ok(summary(row, &HashMap::new(), &HashMap::new()))
}

/// The situation with this slug, if any.
pub(crate) async fn find(
    conn: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<situation::Model>, StorageError> {
    Ok(situation::Entity::find()
        .filter(situation::Column::Slug.eq(slug))
        .one(conn)
        .await?)
}

/// The situation with this slug, or [`StorageError::NotFound`].
pub(crate) async fn require(
    conn: &impl ConnectionTrait,
    slug: &str,
) -> Result<situation::Model, StorageError> {
    find(conn, slug)
        .await?
        .ok_or_else(|| StorageError::not_found("situation", slug))
}

/// The situation with this slug, created with `title` (or the slug) when missing. Returns the
/// row and whether it was created.
pub(crate) async fn find_or_create(
    conn: &impl ConnectionTrait,
    slug: &str,
    title: Option<&str>,
) -> Result<(situation::Model, bool), StorageError> {
    validate_slug(slug)?;
    if let Some(row) = find(conn, slug).await? {
        return Ok((row, false));
    }
    let title = title
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(slug);
    Ok((insert(conn, slug, title, "").await?, true))
}

/// Inserts a situation row with both timestamps set to now.
pub(crate) async fn insert(
    conn: &impl ConnectionTrait,
    slug: &str,
    title: &str,
    summary: &str,
) -> Result<situation::Model, StorageError> {
    let at = now();
    let row = situation::ActiveModel {
        slug: Set(slug.to_string()),
        title: Set(title.to_string()),
        summary: Set(summary.to_string()),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    };
    let id = situation::Entity::insert(row)
        .exec(conn)
        .await?
        .last_insert_id;
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
pub(crate) async fn touch(conn: &impl ConnectionTrait, id: i64) -> Result<(), StorageError> {
    situation::Entity::update_many()
        .col_expr(situation::Column::UpdatedAt, Expr::value(now()))
        .filter(situation::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

fn summary(
    row: situation::Model,
    claims: &HashMap<i64, i64>,
    sources: &HashMap<i64, i64>,
) -> SituationSummary {
    let count = |map: &HashMap<i64, i64>| {
        map.get(&row.id)
            .copied()
            .map_or(0, |n| u64::try_from(n).unwrap_or(0))
    };
    SituationSummary {
        claim_count: count(claims),
        source_count: count(sources),
        id: row.id,
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

async fn claim_counts(
    conn: &impl ConnectionTrait,
    only: Option<i64>,
) -> Result<HashMap<i64, i64>, StorageError> {
    let mut query = claim::Entity::find()
        .select_only()
        .column(claim::Column::SituationId)
        .column_as(Expr::from(Func::count(Expr::col(claim::Column::Id))), "n")
        .filter(claim::Column::DeletedAt.is_null())
        .group_by(claim::Column::SituationId);
    if let Some(id) = only {
        query = query.filter(claim::Column::SituationId.eq(id));
    }
    let rows: Vec<(i64, i64)> = query.into_tuple().all(conn).await?;
    Ok(rows.into_iter().collect())
}

async fn source_counts(
    conn: &impl ConnectionTrait,
    only: Option<i64>,
) -> Result<HashMap<i64, i64>, StorageError> {
    let mut query = source::Entity::find()
        .select_only()
        .column(source::Column::SituationId)
        .column_as(Expr::from(Func::count(Expr::col(source::Column::Id))), "n")
        .group_by(source::Column::SituationId);
    if let Some(id) = only {
        query = query.filter(source::Column::SituationId.eq(id));
    }
    let rows: Vec<(i64, i64)> = query.into_tuple().all(conn).await?;
    Ok(rows.into_iter().collect())
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
