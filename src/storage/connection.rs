//! Opening the database named by a URL (`sqlite://PATH` or `postgres://...`), with the settings
//! each backend needs, running the migrations, and the two handles every storage function runs
//! on: [`Database`] (reads, each statement on its own) and [`Tx`] (a transaction, for reads and
//! writes). Reads take any [`Conn`]; writes take a [`Tx`], so that a caller composes several
//! writes into one transaction with [`Database::transaction`].
//!
//! On SQLite there is one writer connection and a small pool of readers beside it (WAL mode
//! lets them read while the writer writes), and write transactions begin `IMMEDIATE`: they take
//! the write lock at once and wait their turn (the busy timeout) instead of failing when a read
//! inside them would have to be upgraded.

use super::StorageError;
use crate::config::redact_url;
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, DatabaseConnection, DatabaseExecutor, DatabaseTransaction,
    DbBackend, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};
use std::fmt;
use std::path::Path;
use std::time::Duration;

/// How long to wait for PostgreSQL to accept a connection before giving up.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a SQLite request waits for a free connection (the one writer, say) before giving
/// up.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a SQLite writer waits for another writer's lock (another process's import, say)
/// before failing.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(30);
/// Read connections beside the one SQLite writer.
const SQLITE_READERS: u32 = 4;

/// Which database engine a [`Database`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite (a file, or memory).
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// An open, migrated database. Cheap to clone: clones share the connection pools. As a
/// [`Conn`] it reads through the read pool; writes go through [`Database::transaction`].
#[derive(Clone)]
pub struct Database {
    writer: DatabaseConnection,
    /// The read pool, when reads have their own (SQLite files); else reads use the writer's.
    readers: Option<DatabaseConnection>,
    backend: Backend,
}

/// An open transaction on the writer. Dropped without [`Tx::commit`], it rolls back.
pub struct Tx {
    txn: DatabaseTransaction,
    backend: Backend,
}

impl fmt::Debug for Tx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tx")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

mod sealed {
    /// What a [`super::Conn`] hands the repository functions: something sea-orm runs
    /// statements on. Private, so that nothing outside storage names sea-orm.
    pub trait Sealed {
        /// The executor reads run on.
        fn executor(&self) -> sea_orm::DatabaseExecutor<'_>;
    }
}

/// What storage reads run on: a [`Database`] (its read pool) or a [`Tx`] (inside the
/// transaction, seeing its own uncommitted writes). Sealed: only storage implements it.
pub trait Conn: sealed::Sealed + Send + Sync {
    /// The engine.
    fn backend(&self) -> Backend;
}

impl sealed::Sealed for Database {
    fn executor(&self) -> DatabaseExecutor<'_> {
        DatabaseExecutor::Connection(self.readers.as_ref().unwrap_or(&self.writer))
    }
}

impl Conn for Database {
    fn backend(&self) -> Backend {
        self.backend
    }
}

impl sealed::Sealed for Tx {
    fn executor(&self) -> DatabaseExecutor<'_> {
        DatabaseExecutor::Transaction(&self.txn)
    }
}

impl Conn for Tx {
    fn backend(&self) -> Backend {
        self.backend
    }
}

impl Tx {
    /// The transaction, for the repository functions.
    pub(crate) fn txn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Makes every write of the transaction permanent.
    pub async fn commit(self) -> Result<(), StorageError> {
        self.txn.commit().await?;
        Ok(())
    }

    /// Undoes every write of the transaction.
    pub async fn rollback(self) -> Result<(), StorageError> {
        self.txn.rollback().await?;
        Ok(())
    }
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

    let open = |connections: u32| async move {
        let mut options = ConnectOptions::new(url.to_string());
        options
            .connect_timeout(CONNECT_TIMEOUT)
            .acquire_timeout(match backend {
                // A server that cannot be reached should fail as fast as it does to connect.
                Backend::Postgres => CONNECT_TIMEOUT,
                // Waiting for the one writer is waiting in line, not for the network.
                Backend::Sqlite => ACQUIRE_TIMEOUT,
            })
            .sqlx_logging(false)
            .max_connections(connections)
            .min_connections(1);
        if backend == Backend::Sqlite {
            options.map_sqlx_sqlite_opts(|opts| {
                opts.create_if_missing(true)
                    .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                    .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT)
                    .foreign_keys(true)
            });
        }
        sea_orm::Database::connect(options)
            .await
            .map_err(|e| unavailable(describe_connect_error(&e)))
    };
    match backend {
        Backend::Sqlite => {
            let file = sqlite_file(url);
            if let Some(path) = file {
                create_parent_directory(path).map_err(|e| {
                    unavailable(format!("cannot create the directory for {path}: {e}"))
                })?;
            }
            // One writer: SQLite allows one at a time anyway. Readers beside it, except for an
            // in-memory database, which exists only on its one connection.
            let writer = open(1).await?;
            let readers = match file {
                Some(_) => Some(open(SQLITE_READERS).await?),
                None => None,
            };
            Ok(Database {
                writer,
                readers,
                backend,
            })
        }
        Backend::Postgres => Ok(Database {
            writer: open(10).await?,
            readers: None,
            backend,
        }),
    }
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

    /// Begins a write transaction (`IMMEDIATE` on SQLite: it waits for the write lock).
    pub async fn begin(&self) -> Result<Tx, StorageError> {
        let options = TransactionOptions {
            sqlite_transaction_mode: match self.backend {
                Backend::Sqlite => Some(SqliteTransactionMode::Immediate),
                Backend::Postgres => None,
            },
            ..TransactionOptions::default()
        };
        let txn = self.writer.begin_with_options(options).await?;
        Ok(Tx {
            txn,
            backend: self.backend,
        })
    }

    /// Runs `work` in one write transaction: committed when it returns `Ok`, rolled back when
    /// it returns `Err` (or panics, or its future is dropped).
    pub async fn transaction<T, E>(
        &self,
        work: impl AsyncFnOnce(&Tx) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StorageError>,
    {
        let tx = self.begin().await?;
        match work(&tx).await {
            Ok(value) => {
                tx.commit().await?;
                Ok(value)
            }
            Err(error) => {
                if let Err(rollback) = tx.rollback().await {
                    tracing::warn!(error = %rollback, "rolling back a failed transaction");
                }
                Err(error)
            }
        }
    }

    /// Applies pending migrations and says which.
    pub async fn migrate(&self) -> Result<MigrationReport, StorageError> {
        let pending: Vec<String> = Migrator::get_pending_migrations(&self.writer)
            .await?
            .iter()
            .map(|m| m.name().to_string())
            .collect();
        Migrator::up(&self.writer, None).await?;
        for name in &pending {
            tracing::info!(migration = %name, "applied database migration");
        }
        let applied_total = Migrator::get_applied_migrations(&self.writer).await?.len();
        Ok(MigrationReport {
            applied_now: pending,
            applied_total,
        })
    }

    /// Reverts every migration, dropping every table Sitrep made (the migration history table
    /// excepted). Destroys all data: for tests of the migrations and for operators starting over.
    pub async fn revert_all_migrations(&self) -> Result<(), StorageError> {
        Migrator::down(&self.writer, None).await?;
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
            .writer
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
        self.readers.as_ref().unwrap_or(&self.writer).ping().await?;
        Ok(())
    }

    /// Closes every connection. Clones become unusable.
    pub async fn close(self) -> Result<(), StorageError> {
        if let Some(readers) = self.readers {
            readers.close().await?;
        }
        self.writer.close().await?;
        Ok(())
    }

    fn db_backend(&self) -> DbBackend {
        self.writer.get_database_backend()
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
