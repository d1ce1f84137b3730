//! Full-text search over claims and sources, and a data version per situation.
//!
//! Search: on SQLite, two FTS5 tables (`claim_search` over claim text, `source_search` over a
//! source's title and text) that borrow their content from the tables they index and are kept
//! in step by triggers; on PostgreSQL, a generated `search_vector` column on each table with a
//! GIN index. Rows that exist when the migration runs are indexed by it.
//!
//! Versions: `situation.data_version` grows whenever anything of the situation changes (its
//! claims, sources, actors and everything hanging off them), bumped by triggers in the same
//! transaction as the write, so a page cached under one version can never outlive a write.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables with their own `situation_id` column.
const OWNED: &[&str] = &[
    "actor",
    "claim",
    "dispute",
    "observation",
    "prediction",
    "relation",
    "revision",
    "source",
    "warning",
];

/// Tables that reach their situation through a parent: (table, its column, the parent table).
const CHILDREN: &[(&str, &str, &str)] = &[
    ("claim_actor", "claim_id", "claim"),
    ("actor_alias", "actor_id", "actor"),
    ("actor_role", "actor_id", "actor"),
    ("resolution", "prediction_id", "prediction"),
    ("resolution_evidence", "claim_id", "claim"),
];

/// The three kinds of write a version trigger follows.
const EVENTS: &[&str] = &["INSERT", "UPDATE", "DELETE"];

/// The SQL of the search tables on SQLite, with the triggers that keep them in step and the
/// statements that index the rows already there.
fn sqlite_search_up() -> Vec<String> {
    let tokenizer = "tokenize = 'porter unicode61 remove_diacritics 2'";
    vec![
        format!(
            "CREATE VIRTUAL TABLE claim_search USING fts5(text, content = 'claim', \
             content_rowid = 'id', {tokenizer})"
        ),
        "CREATE TRIGGER claim_search_insert AFTER INSERT ON claim BEGIN \
         INSERT INTO claim_search (rowid, text) VALUES (new.id, new.text); END"
            .to_string(),
        "CREATE TRIGGER claim_search_delete AFTER DELETE ON claim BEGIN \
         INSERT INTO claim_search (claim_search, rowid, text) VALUES ('delete', old.id, old.text); \
         END"
        .to_string(),
        "CREATE TRIGGER claim_search_update AFTER UPDATE OF text ON claim BEGIN \
         INSERT INTO claim_search (claim_search, rowid, text) VALUES ('delete', old.id, old.text); \
         INSERT INTO claim_search (rowid, text) VALUES (new.id, new.text); END"
            .to_string(),
        "INSERT INTO claim_search (claim_search) VALUES ('rebuild')".to_string(),
        format!(
            "CREATE VIRTUAL TABLE source_search USING fts5(title, text, content = 'source', \
             content_rowid = 'id', {tokenizer})"
        ),
        "CREATE TRIGGER source_search_insert AFTER INSERT ON source BEGIN \
         INSERT INTO source_search (rowid, title, text) VALUES (new.id, new.title, new.text); END"
            .to_string(),
        "CREATE TRIGGER source_search_delete AFTER DELETE ON source BEGIN \
         INSERT INTO source_search (source_search, rowid, title, text) \
         VALUES ('delete', old.id, old.title, old.text); END"
            .to_string(),
        "CREATE TRIGGER source_search_update AFTER UPDATE OF title, text ON source BEGIN \
         INSERT INTO source_search (source_search, rowid, title, text) \
         VALUES ('delete', old.id, old.title, old.text); \
         INSERT INTO source_search (rowid, title, text) VALUES (new.id, new.title, new.text); END"
            .to_string(),
        "INSERT INTO source_search (source_search) VALUES ('rebuild')".to_string(),
    ]
}

fn sqlite_search_down() -> Vec<String> {
    let mut statements = Vec::new();
    for table in ["claim", "source"] {
        for event in ["insert", "delete", "update"] {
            statements.push(format!("DROP TRIGGER IF EXISTS {table}_search_{event}"));
        }
        statements.push(format!("DROP TABLE IF EXISTS {table}_search"));
    }
    statements
}

/// The version triggers on SQLite: one per table and kind of write, row by row.
fn sqlite_versions_up() -> Vec<String> {
    let mut statements = Vec::new();
    for table in OWNED {
        for event in EVENTS {
            let ids = match *event {
                "INSERT" => "new.situation_id".to_string(),
                "DELETE" => "old.situation_id".to_string(),
                _ => "old.situation_id, new.situation_id".to_string(),
            };
            statements.push(format!(
                "CREATE TRIGGER {table}_version_{} AFTER {event} ON {table} BEGIN \
                 UPDATE situation SET data_version = data_version + 1 WHERE id IN ({ids}); END",
                event.to_ascii_lowercase()
            ));
        }
    }
    for (table, column, parent) in CHILDREN {
        for event in EVENTS {
            let row = if *event == "DELETE" { "old" } else { "new" };
            statements.push(format!(
                "CREATE TRIGGER {table}_version_{} AFTER {event} ON {table} BEGIN \
                 UPDATE situation SET data_version = data_version + 1 WHERE id = \
                 (SELECT situation_id FROM {parent} WHERE id = {row}.{column}); END",
                event.to_ascii_lowercase()
            ));
        }
    }
    // A situation's own title and summary are part of its pages too.
    statements.push(
        "CREATE TRIGGER situation_version_update AFTER UPDATE OF title, summary ON situation \
         BEGIN UPDATE situation SET data_version = data_version + 1 WHERE id = new.id; END"
            .to_string(),
    );
    statements
}

fn sqlite_versions_down() -> Vec<String> {
    let mut statements = Vec::new();
    let tables = OWNED
        .iter()
        .copied()
        .chain(CHILDREN.iter().map(|(table, _, _)| *table));
    for table in tables {
        for event in EVENTS {
            statements.push(format!(
                "DROP TRIGGER IF EXISTS {table}_version_{}",
                event.to_ascii_lowercase()
            ));
        }
    }
    statements.push("DROP TRIGGER IF EXISTS situation_version_update".to_string());
    statements
}

/// The search columns and indexes on PostgreSQL. Adding a stored generated column computes it
/// for every existing row. A source's text is indexed up to its first 300,000 characters: a
/// `tsvector` is limited to one megabyte.
fn postgres_search_up() -> Vec<String> {
    vec![
        "ALTER TABLE claim ADD COLUMN search_vector tsvector GENERATED ALWAYS AS \
         (to_tsvector('english'::regconfig, coalesce(text, ''))) STORED"
            .to_string(),
        "CREATE INDEX idx_claim_search_vector ON claim USING GIN (search_vector)".to_string(),
        "ALTER TABLE source ADD COLUMN search_vector tsvector GENERATED ALWAYS AS \
         (setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || \
          setweight(to_tsvector('english'::regconfig, left(coalesce(text, ''), 300000)), 'B')) \
         STORED"
            .to_string(),
        "CREATE INDEX idx_source_search_vector ON source USING GIN (search_vector)".to_string(),
    ]
}

fn postgres_search_down() -> Vec<String> {
    vec![
        "DROP INDEX IF EXISTS idx_claim_search_vector".to_string(),
        "ALTER TABLE claim DROP COLUMN IF EXISTS search_vector".to_string(),
        "DROP INDEX IF EXISTS idx_source_search_vector".to_string(),
        "ALTER TABLE source DROP COLUMN IF EXISTS search_vector".to_string(),
    ]
}

/// The version triggers on PostgreSQL: once per statement, over the rows it changed (a bulk
/// insert of many claims bumps the version once, not once a row).
fn postgres_versions_up() -> Vec<String> {
    let mut statements = vec![
        "CREATE FUNCTION sitrep_bump_owned_version() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN UPDATE situation SET data_version = data_version + 1 \
         WHERE id IN (SELECT DISTINCT situation_id FROM changed_rows); RETURN NULL; END $$"
            .to_string(),
        "CREATE FUNCTION sitrep_bump_situation_version() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN IF NEW.title IS DISTINCT FROM OLD.title OR NEW.summary IS DISTINCT FROM OLD.summary \
         THEN NEW.data_version := OLD.data_version + 1; END IF; RETURN NEW; END $$"
            .to_string(),
        "CREATE TRIGGER situation_version_update BEFORE UPDATE ON situation FOR EACH ROW \
         EXECUTE FUNCTION sitrep_bump_situation_version()"
            .to_string(),
    ];
    for (table, column, parent) in CHILDREN {
        statements.push(format!(
            "CREATE FUNCTION sitrep_bump_{table}_version() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN UPDATE situation SET data_version = data_version + 1 WHERE id IN \
             (SELECT DISTINCT p.situation_id FROM {parent} p JOIN changed_rows r \
             ON p.id = r.{column}); RETURN NULL; END $$"
        ));
    }
    let triggers = OWNED
        .iter()
        .map(|table| (*table, "sitrep_bump_owned_version".to_string()))
        .chain(
            CHILDREN
                .iter()
                .map(|(table, _, _)| (*table, format!("sitrep_bump_{table}_version"))),
        );
    for (table, function) in triggers {
        for event in EVENTS {
            let transition = if *event == "DELETE" { "OLD" } else { "NEW" };
            statements.push(format!(
                "CREATE TRIGGER {table}_version_{} AFTER {event} ON {table} \
                 REFERENCING {transition} TABLE AS changed_rows FOR EACH STATEMENT \
                 EXECUTE FUNCTION {function}()",
                event.to_ascii_lowercase()
            ));
        }
    }
    statements
}

fn postgres_versions_down() -> Vec<String> {
    let mut statements = Vec::new();
    let tables = OWNED
        .iter()
        .copied()
        .chain(CHILDREN.iter().map(|(table, _, _)| *table));
    for table in tables {
        for event in EVENTS {
            statements.push(format!(
                "DROP TRIGGER IF EXISTS {table}_version_{} ON {table}",
                event.to_ascii_lowercase()
            ));
        }
    }
    statements.push("DROP TRIGGER IF EXISTS situation_version_update ON situation".to_string());
    statements.push("DROP FUNCTION IF EXISTS sitrep_bump_owned_version()".to_string());
    statements.push("DROP FUNCTION IF EXISTS sitrep_bump_situation_version()".to_string());
    for (table, _, _) in CHILDREN {
        statements.push(format!(
            "DROP FUNCTION IF EXISTS sitrep_bump_{table}_version()"
        ));
    }
    statements
}

async fn run_all(manager: &SchemaManager<'_>, statements: Vec<String>) -> Result<(), DbErr> {
    let connection = manager.get_connection();
    for statement in statements {
        connection.execute_unprepared(&statement).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("situation"))
                    .add_column(
                        ColumnDef::new(Alias::new("data_version"))
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .take(),
            )
            .await?;
        let statements = match manager.get_database_backend() {
            DbBackend::Postgres => {
                let mut all = postgres_search_up();
                all.extend(postgres_versions_up());
                all
            }
            _ => {
                let mut all = sqlite_search_up();
                all.extend(sqlite_versions_up());
                all
            }
        };
        run_all(manager, statements).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let statements = match manager.get_database_backend() {
            DbBackend::Postgres => {
                let mut all = postgres_versions_down();
                all.extend(postgres_search_down());
                all
            }
            _ => {
                let mut all = sqlite_versions_down();
                all.extend(sqlite_search_down());
                all
            }
        };
        run_all(manager, statements).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("situation"))
                    .drop_column(Alias::new("data_version"))
                    .take(),
            )
            .await
    }
}
