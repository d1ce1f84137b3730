//! The `prediction_proposition` table: one wording of a prediction's testable proposition.

use sea_orm::entity::prelude::*;

/// One row of `prediction_proposition`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "prediction_proposition")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The prediction.
    pub prediction_id: i64,
    /// 1, 2, ... within the prediction.
    pub number: i32,
    /// The wording.
    pub text: String,
    /// When it came into force.
    pub created_at: DateTimeUtc,
    /// Who wrote it (account or process name).
    pub author: String,
    /// The account, when written through one.
    pub author_user_id: Option<i64>,
    /// Why.
    pub reason: String,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
