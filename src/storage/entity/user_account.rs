//! The `user_account` table: an analyst or reader account.

use sea_orm::entity::prelude::*;

/// One row of `user_account`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "user_account")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Login name, unique.
    pub name: String,
    /// Analyst or reader.
    pub role: String,
    /// Argon2 PHC string.
    pub password_hash: String,
    /// When it was created.
    pub created_at: DateTimeUtc,
    /// Failed sign-ins since the last success.
    pub failed_logins: i32,
    /// Sign-ins are refused until then, after repeated failures.
    pub locked_until: Option<DateTimeUtc>,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
