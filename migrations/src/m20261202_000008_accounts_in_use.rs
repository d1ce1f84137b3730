//! Accounts in use and an editable record: sign-in sessions, API tokens (both stored as
//! SHA-256 hashes of the secret), a per-account throttle on failed sign-ins, revisions that
//! name the account and the action, an edit version on every editable row, when a reviewed
//! claim or relation was published to readers, and the rule an inferred claim date came from.

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
            table: "user_account",
            column: || integer(Alias::new("failed_logins")).default(0).take(),
        },
        Added {
            table: "user_account",
            column: || optional_moment("locked_until"),
        },
        Added {
            table: "revision",
            column: || optional_reference("author_user_id"),
        },
        Added {
            table: "revision",
            column: || string(Alias::new("action")).default("edited").take(),
        },
        Added {
            table: "resolution",
            column: || optional_reference("decided_by_user_id"),
        },
        Added {
            table: "claim",
            column: || text_null(Alias::new("occurred_basis")),
        },
        Added {
            table: "claim",
            column: || version(),
        },
        Added {
            table: "claim",
            column: || optional_moment("published_at"),
        },
        Added {
            table: "relation",
            column: || optional_moment("published_at"),
        },
        Added {
            table: "actor",
            column: || version(),
        },
        Added {
            table: "relation",
            column: || version(),
        },
        Added {
            table: "prediction",
            column: || version(),
        },
    ]
}

/// The edit version every editable row carries, starting at 1.
fn version() -> ColumnDef {
    big_integer(Alias::new("version")).default(1).take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                new_table("user_session")
                    .col(reference("user_id"))
                    .col(string_uniq(Alias::new("token_hash")))
                    .col(moment("created_at"))
                    .col(moment("expires_at"))
                    .col(moment("last_seen_at"))
                    .foreign_key(&mut foreign_key("user_session", "user_id", "user_account"))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                new_table("api_token")
                    .col(reference("user_id"))
                    .col(string(Alias::new("label")))
                    .col(string_uniq(Alias::new("token_hash")))
                    .col(moment("created_at"))
                    .col(optional_moment("last_used_at"))
                    .col(optional_moment("revoked_at"))
                    .foreign_key(&mut foreign_key("api_token", "user_id", "user_account"))
                    .take(),
            )
            .await?;
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
        create_indexes(
            manager,
            vec![
                index("user_session", &["user_id"], false),
                index("user_session", &["expires_at"], false),
                index("api_token", &["user_id"], false),
                index("revision", &["author_user_id"], false),
                index("resolution", &["decided_by_user_id"], false),
                index("claim", &["situation_id", "published_at"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite refuses to drop an indexed column.
        for (table, name) in [
            ("claim", "idx_claim_situation_id_published_at"),
            ("resolution", "idx_resolution_decided_by_user_id"),
            ("revision", "idx_revision_author_user_id"),
        ] {
            manager
                .drop_index(
                    Index::drop()
                        .name(name)
                        .table(Alias::new(table))
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
        drop_tables(manager, &["api_token", "user_session"]).await
    }
}
