//! The predictions ledger: where a prediction's probability came from (the lexicon, a number
//! written in the text, or an analyst's judgement) and whether it was entered by hand; the
//! versions of its testable proposition; and, on each resolution, the proposition version it
//! was judged against.

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
            table: "prediction",
            column: || string_null(Alias::new("probability_origin")),
        },
        Added {
            table: "prediction",
            column: || boolean(Alias::new("entered_by_hand")).default(false).take(),
        },
        Added {
            table: "resolution",
            column: || integer_null(Alias::new("proposition_version")),
        },
    ]
}

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
                new_table("prediction_proposition")
                    .col(reference("prediction_id"))
                    .col(integer(Alias::new("number")))
                    .col(text(Alias::new("text")))
                    .col(moment("created_at"))
                    .col(text(Alias::new("author")))
                    .col(optional_reference("author_user_id"))
                    .col(text(Alias::new("reason")))
                    .foreign_key(&mut foreign_key(
                        "prediction_proposition",
                        "prediction_id",
                        "prediction",
                    ))
                    .take(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("prediction_proposition", &["prediction_id", "number"], true),
                index("prediction_proposition", &["author_user_id"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["prediction_proposition"]).await?;
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
