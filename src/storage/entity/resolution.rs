//! The `resolution` table: an outcome decided for a prediction (append-only).

use sea_orm::entity::prelude::*;

/// One row of `resolution`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "resolution")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The prediction.
    pub prediction_id: i64,
    /// Yes, no, ambiguous or annulled.
    pub outcome: String,
    /// When the outcome happened.
    pub occurred_on: Option<Date>,
    /// When it was decided.
    pub decided_at: DateTimeUtc,
    /// Who decided (account name).
    pub decided_by: String,
    /// Why.
    pub rationale: String,
    /// The account that decided, when decided through one.
    pub decided_by_user_id: Option<i64>,
    /// The proposition version it was judged against.
    pub proposition_version: Option<i32>,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
