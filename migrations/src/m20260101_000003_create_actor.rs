//! Actors (scoped to a situation: its list is what the extractor links to), their aliases and
//! their roles with validity dates.

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
                new_table("actor")
                    .col(reference("situation_id"))
                    .col(string(Alias::new("kind")))
                    .col(text(Alias::new("name")))
                    .col(optional_reference("parent_id"))
                    .col(string_null(Alias::new("external_id")))
                    .col(boolean(Alias::new("candidate")).default(false))
                    .col(moment("created_at"))
                    .foreign_key(&mut foreign_key("actor", "situation_id", "situation"))
                    .foreign_key(&mut foreign_key("actor", "parent_id", "actor"))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                new_table("actor_alias")
                    .col(reference("actor_id"))
                    .col(text(Alias::new("alias")))
                    .foreign_key(&mut foreign_key("actor_alias", "actor_id", "actor"))
                    .take(),
            )
            .await?;

        let mut role = new_table("actor_role");
        role.col(reference("actor_id"))
            .col(text(Alias::new("title")))
            .col(optional_reference("of_actor_id"));
        add_when(&mut role, "valid_from");
        add_when(&mut role, "valid_to");
        role.foreign_key(&mut foreign_key("actor_role", "actor_id", "actor"))
            .foreign_key(&mut foreign_key("actor_role", "of_actor_id", "actor"));
        manager.create_table(role).await?;

        create_indexes(
            manager,
            vec![
                index("actor", &["situation_id", "name"], true),
                index("actor", &["parent_id"], false),
                index("actor_alias", &["actor_id", "alias"], true),
                index("actor_role", &["actor_id"], false),
                index("actor_role", &["of_actor_id"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["actor_role", "actor_alias", "actor"]).await
    }
}
