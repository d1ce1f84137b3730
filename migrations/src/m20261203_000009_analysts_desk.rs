//! The analyst's desk: a source's kind (an article, or an analyst's own note with the account
//! that wrote it) and when its review was committed; an actor's review state, the source whose
//! extraction proposed it, and the actor it was merged into (its redirect); and disputes, two
//! claims an analyst marks as disputing each other.

use crate::common::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A column added to an existing table.
struct Added {
    table: &'static str,
    column: fn() -> ColumnDef,
}

fn added_columns() -> Vec<Added> {
    vec![
        Added {
            table: "source",
            column: || string(Alias::new("kind")).default("article").take(),
        },
        Added {
            table: "source",
            column: || optional_reference("author_user_id"),
        },
        Added {
            table: "source",
            column: || optional_moment("committed_at"),
        },
        Added {
            table: "actor",
            column: || {
                string(Alias::new("review_state"))
                    .default("accepted")
                    .take()
            },
        },
        Added {
            table: "actor",
            column: || optional_reference("proposed_by_source_id"),
        },
        Added {
            table: "actor",
            column: || optional_reference("merged_into_id"),
        },
    ]
}

/// The indexes this migration adds on existing tables, as (table, columns).
const ADDED_INDEXES: &[(&str, &[&str])] = &[
    ("source", &["author_user_id"]),
    ("source", &["situation_id", "committed_at"]),
    ("actor", &["proposed_by_source_id"]),
    ("actor", &["merged_into_id"]),
    ("actor", &["situation_id", "review_state"]),
    ("claim", &["situation_id", "deleted_at"]),
    ("claim", &["source_id", "review_state"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for added in added_columns() {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(added.table))
                        .add_column((added.column)())
                        .take(),
                )
                .await?;
        }
        manager
            .create_table(
                new_table("dispute")
                    .col(reference("situation_id"))
                    .col(reference("claim_id"))
                    .col(reference("other_claim_id"))
                    .col(text(Alias::new("reason")))
                    .col(text(Alias::new("created_by")))
                    .col(optional_reference("created_by_user_id"))
                    .col(moment("created_at"))
                    .col(optional_moment("withdrawn_at"))
                    .foreign_key(&mut foreign_key("dispute", "situation_id", "situation"))
                    .foreign_key(&mut foreign_key("dispute", "claim_id", "claim"))
                    .foreign_key(&mut foreign_key("dispute", "other_claim_id", "claim"))
                    .take(),
            )
            .await?;
        let mut indexes: Vec<IndexCreateStatement> = ADDED_INDEXES
            .iter()
            .map(|(table, columns)| index(table, columns, false))
            .collect();
        indexes.extend([
            index("dispute", &["claim_id", "other_claim_id"], true),
            index("dispute", &["other_claim_id"], false),
            index("dispute", &["situation_id", "id"], false),
            index("dispute", &["created_by_user_id"], false),
        ]);
        create_indexes(manager, indexes).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["dispute"]).await?;
        // SQLite refuses to drop an indexed column.
        for (table, columns) in ADDED_INDEXES {
            manager
                .drop_index(
                    Index::drop()
                        .name(format!("idx_{table}_{}", columns.join("_")))
                        .table(Alias::new(*table))
                        .if_exists()
                        .to_owned(),
                )
                .await?;
        }
        for added in added_columns().into_iter().rev() {
            let name = (added.column)().get_column_name();
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(added.table))
                        .drop_column(Alias::new(name))
                        .take(),
                )
                .await?;
        }
        Ok(())
    }
}
