//! Storage tests, run on a fresh SQLite database and, when `TEST_DATABASE_URL` is set, on a
//! fresh PostgreSQL database each.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::TestDatabase;

const ALL_TABLES: &[&str] = &[
    "actor",
    "actor_alias",
    "actor_role",
    "claim",
    "claim_actor",
    "observation",
    "prediction",
    "relation",
    "resolution",
    "resolution_evidence",
    "revision",
    "seed_applied",
    "situation",
    "source",
    "user_account",
    "warning",
];

async fn migrations_go_up_down_and_up_again(database: &TestDatabase) {
    let db = &database.db;
    let tables = db.table_names().await.unwrap();
    for table in ALL_TABLES {
        assert!(
            tables.iter().any(|t| t == table),
            "{table} missing: {tables:?}"
        );
    }
    db.revert_all_migrations().await.unwrap();
    let tables = db.table_names().await.unwrap();
    for table in ALL_TABLES {
        assert!(
            !tables.iter().any(|t| t == table),
            "{table} left behind: {tables:?}"
        );
    }
    let report = db.migrate().await.unwrap();
    assert_eq!(report.applied_now.len(), report.applied_total);
    assert!(report.applied_total >= 7);
    let tables = db.table_names().await.unwrap();
    for table in ALL_TABLES {
        assert!(
            tables.iter().any(|t| t == table),
            "{table} missing: {tables:?}"
        );
    }
    let again = db.migrate().await.unwrap();
    assert!(again.applied_now.is_empty(), "nothing left to apply");
}
both_engines!(migrations, migrations_go_up_down_and_up_again);
