//! The `source` table: an article or note stored verbatim.

use sea_orm::entity::prelude::*;

/// One row of `source`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "source")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The situation it is filed under.
    pub situation_id: i64,
    /// The file it was imported from.
    pub file_name: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Canonical address.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<Date>,
    /// ISO 639-1 language code.
    pub language: String,
    /// How it was read (text, html, markdown).
    pub format: String,
    /// The verbatim text every span points into.
    pub text: String,
    /// SHA-256 of the text, lowercase hex; unique per situation.
    pub content_hash: String,
    /// When it was stored.
    pub recorded_at: DateTimeUtc,
    /// `article`, or `analyst_note` for an analyst's own observation.
    pub kind: String,
    /// The account that wrote it, for an analyst's note.
    pub author_user_id: Option<i64>,
    /// When an analyst committed its review (published its accepted drafts).
    pub committed_at: Option<DateTimeUtc>,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
