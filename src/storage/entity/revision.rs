//! The `revision` table: one change an analyst made.

use sea_orm::entity::prelude::*;

/// One row of `revision`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "revision")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The situation concerned, if any.
    pub situation_id: Option<i64>,
    /// The table of the row changed.
    pub entity: String,
    /// The id of the row changed.
    pub entity_id: Option<i64>,
    /// The row before, as JSON.
    pub before_json: Option<String>,
    /// The row after, as JSON.
    pub after_json: Option<String>,
    /// Who changed it.
    pub author: String,
    /// Why.
    pub reason: String,
    /// When.
    pub created_at: DateTimeUtc,
    /// The account that made the change, when made through one.
    pub author_user_id: Option<i64>,
    /// What was done (`created`, `edited`, ...).
    pub action: String,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
