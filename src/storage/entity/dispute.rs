//! The `dispute` table: two claims an analyst marks as disputing each other.

use sea_orm::entity::prelude::*;

/// One row of `dispute`. The pair is stored with the smaller claim id first.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "dispute")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The situation of both claims.
    pub situation_id: i64,
    /// One claim (the smaller id).
    pub claim_id: i64,
    /// The claim disputing it (the larger id).
    pub other_claim_id: i64,
    /// Why they dispute each other, in the analyst's words.
    pub reason: String,
    /// Who marked them, as named then.
    pub created_by: String,
    /// The account that marked them.
    pub created_by_user_id: Option<i64>,
    /// When they were marked.
    pub created_at: DateTimeUtc,
    /// When the dispute was withdrawn; `None` while it stands.
    pub withdrawn_at: Option<DateTimeUtc>,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
