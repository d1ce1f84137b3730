//! The reader's timeline: when each claim last changed in any way a reader could see (its
//! `touched_at`, set when it is recorded and moved by every edit, publication included), so
//! "what is new since" and the feed read one indexed column; and the indexes the timeline's
//! keyset pages and filters walk.

use crate::common::*;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The indexes this migration adds, as (table, columns).
const TIMELINE_INDEXES: &[(&str, &[&str])] = &[
    ("claim", &["situation_id", "touched_at", "id"]),
    ("claim_actor", &["actor_id", "claim_id"]),
    ("claim", &["source_id", "occurred_earliest", "id"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("claim"))
                    .add_column(optional_moment("touched_at"))
                    .take(),
            )
            .await?;
        // Claims stored before: last seen when published, or else when recorded.
        let backfill = Query::update()
            .table(Alias::new("claim"))
            .value(
                Alias::new("touched_at"),
                Func::coalesce([
                    Expr::col(Alias::new("published_at")),
                    Expr::col(Alias::new("recorded_at")),
                ]),
            )
            .take();
        manager.exec_stmt(backfill).await?;
        create_indexes(
            manager,
            TIMELINE_INDEXES
                .iter()
                .map(|(table, columns)| index(table, columns, false))
                .collect(),
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, columns) in TIMELINE_INDEXES {
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
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("claim"))
                    .drop_column(Alias::new("touched_at"))
                    .take(),
            )
            .await
    }
}
