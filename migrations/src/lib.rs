//! Sitrep's database migrations, one file per group of tables, each with `up` and `down`. The
//! same statements serve SQLite and PostgreSQL. Migrations never import application code: the
//! schema they build is described here on its own, and a migration is never edited after it
//! lands (a change is a new migration).

pub use sea_orm_migration::prelude::*;

mod common;
mod m20260101_000001_create_situation;
mod m20260101_000002_create_source;
mod m20260101_000003_create_actor;
mod m20260101_000004_create_claim;
mod m20260101_000005_create_prediction;
mod m20260101_000006_create_review;
mod m20260101_000007_create_account;
mod m20261202_000008_accounts_in_use;
mod m20261203_000009_analysts_desk;
mod m20261204_000011_timeline;
mod m20261204_000012_search_and_versions;
mod m20261204_000014_prediction_ledger;

/// Every migration, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20260101_000001_create_situation::Migration),
            Box::new(m20260101_000002_create_source::Migration),
            Box::new(m20260101_000003_create_actor::Migration),
            Box::new(m20260101_000004_create_claim::Migration),
            Box::new(m20260101_000005_create_prediction::Migration),
            Box::new(m20260101_000006_create_review::Migration),
            Box::new(m20260101_000007_create_account::Migration),
            Box::new(m20261202_000008_accounts_in_use::Migration),
            Box::new(m20261203_000009_analysts_desk::Migration),
            Box::new(m20261204_000011_timeline::Migration),
            Box::new(m20261204_000012_search_and_versions::Migration),
            Box::new(m20261204_000014_prediction_ledger::Migration),
        ]
    }
}
