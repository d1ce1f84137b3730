//! Sources (stored articles and notes, verbatim, with a content hash unique per situation) and
//! their observations (dated sections, as byte spans of the source).

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
                new_table("source")
                    .col(reference("situation_id"))
                    .col(text_null(Alias::new("file_name")))
                    .col(text_null(Alias::new("title")))
                    .col(text_null(Alias::new("publisher")))
                    .col(text_null(Alias::new("author")))
                    .col(text_null(Alias::new("url")))
                    .col(date_null(Alias::new("published")))
                    .col(string(Alias::new("language")))
                    .col(string(Alias::new("format")))
                    .col(text(Alias::new("text")))
                    .col(string(Alias::new("content_hash")))
                    .col(moment("recorded_at"))
                    .foreign_key(&mut foreign_key("source", "situation_id", "situation"))
                    .take(),
            )
            .await?;

        let mut observation = new_table("observation");
        observation
            .col(reference("situation_id"))
            .col(reference("source_id"))
            .col(big_integer(Alias::new("ordinal")))
            .col(text(Alias::new("heading")));
        add_span(&mut observation, true);
        add_when(&mut observation, "date");
        observation
            .foreign_key(&mut foreign_key("observation", "situation_id", "situation"))
            .foreign_key(&mut foreign_key("observation", "source_id", "source"));
        manager.create_table(observation).await?;

        create_indexes(
            manager,
            vec![
                index("source", &["situation_id", "content_hash"], true),
                index("source", &["situation_id", "recorded_at", "id"], false),
                index("observation", &["source_id", "ordinal"], true),
                index(
                    "observation",
                    &["situation_id", "date_earliest", "id"],
                    false,
                ),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["observation", "source"]).await
    }
}
