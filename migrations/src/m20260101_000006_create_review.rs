//! What the review trail keeps: extraction warnings for the analyst, and revisions (every
//! change an analyst makes, with before and after, author, reason and time).

use crate::common::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut warning = new_table("warning");
        warning
            .col(reference("situation_id"))
            .col(reference("source_id"))
            .col(optional_reference("claim_id"))
            .col(string(Alias::new("kind")))
            .col(text(Alias::new("message")));
        add_span(&mut warning, true);
        warning
            .foreign_key(&mut foreign_key("warning", "situation_id", "situation"))
            .foreign_key(&mut foreign_key("warning", "source_id", "source"))
            .foreign_key(&mut foreign_key("warning", "claim_id", "claim"));
        manager.create_table(warning).await?;

        manager
            .create_table(
                new_table("revision")
                    .col(optional_reference("situation_id"))
                    .col(string(Alias::new("entity")))
                    .col(big_integer_null(Alias::new("entity_id")))
                    .col(text_null(Alias::new("before_json")))
                    .col(text_null(Alias::new("after_json")))
                    .col(text(Alias::new("author")))
                    .col(text(Alias::new("reason")))
                    .col(moment("created_at"))
                    .foreign_key(&mut foreign_key("revision", "situation_id", "situation"))
                    .take(),
            )
            .await?;

        create_indexes(
            manager,
            vec![
                index("warning", &["situation_id", "id"], false),
                index("warning", &["source_id"], false),
                index("warning", &["claim_id"], false),
                index("revision", &["situation_id", "created_at", "id"], false),
                index("revision", &["entity", "entity_id"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["revision", "warning"]).await
    }
}
