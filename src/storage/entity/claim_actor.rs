//! The `claim_actor` table: an actor'\''s part in a claim.

use sea_orm::entity::prelude::*;

/// One row of `claim_actor`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "claim_actor")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The claim.
    pub claim_id: i64,
    /// The actor.
    pub actor_id: i64,
    /// Speaker, subject, object or mentioned.
    pub role: String,
    /// First byte of the mention.
    pub span_start: Option<i64>,
    /// One past the last byte of the mention.
    pub span_end: Option<i64>,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
