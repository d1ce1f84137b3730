//! The situation: one evolving story (a crisis, a negotiation) that sources are filed under.

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
                new_table("situation")
                    .col(string_uniq(Alias::new("slug")))
                    .col(text(Alias::new("title")))
                    .col(text(Alias::new("summary")))
                    .col(moment("created_at"))
                    .col(moment("updated_at"))
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["situation"]).await
    }
}
