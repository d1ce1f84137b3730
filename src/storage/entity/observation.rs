//! The `observation` table: a dated section of a source.

use sea_orm::entity::prelude::*;

/// One row of `observation`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "observation")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The situation.
    pub situation_id: i64,
    /// The source it is a section of.
    pub source_id: i64,
    /// Position within the source, from 0.
    pub ordinal: i64,
    /// Heading text.
    pub heading: String,
    /// First byte.
    pub span_start: i64,
    /// One past the last byte.
    pub span_end: i64,
    /// Start of the section date.
    pub date_earliest: Option<DateTime>,
    /// End of the section date.
    pub date_latest: Option<DateTime>,
    /// Precision of the section date; NULL when undated.
    pub date_precision: Option<String>,
    /// Words of the section date.
    pub date_words: Option<String>,
    /// Whether the section date is approximate.
    pub date_approximate: bool,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
