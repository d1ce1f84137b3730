//! Opening the database named by a URL (`sqlite://PATH` or `postgres://...`), with the settings
//! each backend needs, and running the migrations.

use super::StorageError;
use crate::config::redact_url;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use std::fmt;
use std::path::Path;
use std::time::Duration;

/// How long to wait for PostgreSQL to accept a connection before giving up.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a SQLite writer waits for another writer's lock before failing.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Which database engine a [`Database`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite (a file, or memory).
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// An open, migrated database. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Database {
    conn: DatabaseConnection,
    backend: Backend,
}

impl fmt::Debug for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Database")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

/// What `migrate` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationReport {
    /// Migrations applied by this call, oldest first.
    pub applied_now: Vec<String>,
    /// Migrations applied in total, this call's included.
    pub applied_total: usize,
}

/// Opens the database at `url` and brings its schema up to date.
///
/// `sqlite://PATH` creates the file (and its directory) on first run and opens it in WAL mode
/// with foreign keys enforced and a busy timeout; `postgres://...` gives up after a few seconds
/// when the server cannot be reached, with [`StorageError::Unavailable`].
pub async fn connect(url: &str) -> Result<Database, StorageError> {
    let database = connect_without_migrating(url).await?;
    database.migrate().await?;
    Ok(database)
}

/// Opens the database at `url` without touching its schema (for `sitrep migrate`, which reports
/// what it applies, and for tests of the migrations themselves).
pub async fn connect_without_migrating(url: &str) -> Result<Database, StorageError> {
    let unavailable = |reason: String| StorageError::Unavailable {
        url: redact_url(url),
        reason,
    };
    let backend = if url.starts_with("sqlite:") {
        Backend::Sqlite
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Backend::Postgres
    } else {
        return Err(unavailable(
            "unsupported database URL; expected sqlite://PATH or postgres://...".to_string(),
        ));
    };

    let mut options = ConnectOptions::new(url.to_string());
    options
        .connect_timeout(CONNECT_TIMEOUT)
        .acquire_timeout(CONNECT_TIMEOUT)
        .sqlx_logging(false);
    match backend {
        Backend::Sqlite => {
            if let Some(path) = sqlite_file(url) {
                create_parent_directory(path).map_err(|e| {
                    unavailable(format!("cannot create the directory for {path}: {e}"))
                })?;
            }
            // One connection: SQLite allows one writer at a time anyway, and a single connection
            // keeps an in-memory database alive and avoids lock upgrades failing between
            // connections in the middle of a transaction.
            options.max_connections(1).min_connections(1);
            options.map_sqlx_sqlite_opts(|opts| {
                opts.create_if_missing(true)
                    .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                    .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT)
                    .foreign_keys(true)
            });
        }
        Backend::Postgres => {
            options.max_connections(10);
        }
    }
    let conn = sea_orm::Database::connect(options)
        .await
        .map_err(|e| unavailable(describe_connect_error(&e)))?;
    Ok(Database { conn, backend })
}

/// The file path of a `sqlite:` URL, or `None` for an in-memory database.
fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path == ":memory:" || rest.contains("mode=memory") {
        None
    } else {
        Some(path)
    }
}

fn create_parent_directory(path: &str) -> std::io::Result<()> {
    match Path::new(path).parent() {
        Some(parent) if !parent.as_os_str().is_empty() => std::fs::create_dir_all(parent),
        _ => Ok(()),
    }
}

/// Turns the pool's "timed out" into something an operator can act on.
fn describe_connect_error(error: &sea_orm::DbErr) -> String {
    let text = error.to_string();
    if text.contains("timed out") {
        format!(
            "could not connect within {} seconds (is the server running and reachable?): {text}",
            CONNECT_TIMEOUT.as_secs()
        )
    } else {
        text
    }
}

impl Database {
    /// Which engine this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The connection, for the repository functions.
    pub(crate) fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// Applies pending migrations and says which.
    pub async fn migrate(&self) -> Result<MigrationReport, StorageError> {
        let pending: Vec<String> = Migrator::get_pending_migrations(&self.conn)
            .await?
            .iter()
            .map(|m| m.name().to_string())
            .collect();
        Migrator::up(&self.conn, None).await?;
        for name in &pending {
            tracing::info!(migration = %name, "applied database migration");
        }
        let applied_total = Migrator::get_applied_migrations(&self.conn).await?.len();
        Ok(MigrationReport {
            applied_now: pending,
            applied_total,
        })
    }

    /// Reverts every migration, dropping every table Sitrep made (the migration history table
    /// excepted). Destroys all data: for tests of the migrations and for operators starting over.
    pub async fn revert_all_migrations(&self) -> Result<(), StorageError> {
        Migrator::down(&self.conn, None).await?;
        Ok(())
    }

    /// The names of the tables in the database, sorted (the migration history table included).
    pub async fn table_names(&self) -> Result<Vec<String>, StorageError> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' ORDER BY name"
            }
            Backend::Postgres => {
                "SELECT tablename AS name FROM pg_tables \
                 WHERE schemaname = current_schema() ORDER BY tablename"
            }
        };
        let rows = self
            .conn
            .query_all_raw(Statement::from_string(self.db_backend(), sql))
            .await?;
        rows.iter()
            .map(|row| {
                row.try_get::<String>("", "name")
                    .map_err(StorageError::from)
            })
            .collect()
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), StorageError> {
        self.conn.ping().await?;
        Ok(())
    }

    /// Closes every connection. Clones become unusable.
    pub async fn close(self) -> Result<(), StorageError> {
        self.conn.close().await?;
        Ok(())
    }

    fn db_backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_paths_are_read_from_urls() {
        assert_eq!(
            sqlite_file("sqlite://./data/sitrep.db"),
            Some("./data/sitrep.db")
        );
        assert_eq!(
            sqlite_file("sqlite:///tmp/x.db?mode=rwc"),
            Some("/tmp/x.db")
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://x"), None);
    }
}
