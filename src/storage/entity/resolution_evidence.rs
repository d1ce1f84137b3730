//! The `resolution_evidence` table: a claim cited for a resolution.

use sea_orm::entity::prelude::*;

/// One row of `resolution_evidence`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "resolution_evidence")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The resolution.
    pub resolution_id: i64,
    /// The claim cited.
    pub claim_id: i64,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
