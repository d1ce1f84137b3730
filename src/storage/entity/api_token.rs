//! The `api_token` table: a bearer token for the API, known by the hash of its secret.

use sea_orm::entity::prelude::*;

/// One row of `api_token`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "api_token")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The account it acts for.
    pub user_id: i64,
    /// What its owner called it.
    pub label: String,
    /// SHA-256 of the token, lowercase hex.
    pub token_hash: String,
    /// When it was made.
    pub created_at: DateTimeUtc,
    /// When it was last used.
    pub last_used_at: Option<DateTimeUtc>,
    /// When it was revoked; revoked tokens are refused.
    pub revoked_at: Option<DateTimeUtc>,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
