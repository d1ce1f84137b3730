//! The `user_session` table: a signed-in browser, known by the hash of its cookie's secret.

use sea_orm::entity::prelude::*;

/// One row of `user_session`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "user_session")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The account signed in.
    pub user_id: i64,
    /// SHA-256 of the cookie's secret, lowercase hex.
    pub token_hash: String,
    /// When the session began.
    pub created_at: DateTimeUtc,
    /// When it stops being honoured.
    pub expires_at: DateTimeUtc,
    /// When it was last used.
    pub last_seen_at: DateTimeUtc,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
