//! The `warning` table: an inconsistency found by the extractor.

use sea_orm::entity::prelude::*;

/// One row of `warning`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "warning")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The situation.
    pub situation_id: i64,
    /// The source it concerns.
    pub source_id: i64,
    /// The claim it concerns.
    pub claim_id: Option<i64>,
    /// What sort of inconsistency.
    pub kind: String,
    /// A sentence for the analyst.
    pub message: String,
    /// First byte.
    pub span_start: i64,
    /// One past the last byte.
    pub span_end: i64,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
