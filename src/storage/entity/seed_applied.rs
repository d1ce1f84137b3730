//! The `seed_applied` table: seeds already loaded.

use sea_orm::entity::prelude::*;

/// One row of `seed_applied`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "seed_applied")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The seed name.
    pub name: String,
    /// When it was loaded.
    pub applied_at: DateTimeUtc,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
