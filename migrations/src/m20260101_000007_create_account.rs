//! Accounts (analysts and readers, argon2 password hashes) and the record of seeds applied, so
//! that a seed is loaded once and never twice.

use crate::common::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                new_table("user_account")
                    .col(string_uniq(Alias::new("name")))
                    .col(string(Alias::new("role")))
                    .col(text(Alias::new("password_hash")))
                    .col(moment("created_at"))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                new_table("seed_applied")
                    .col(string_uniq(Alias::new("name")))
                    .col(moment("applied_at"))
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["seed_applied", "user_account"]).await
    }
}
