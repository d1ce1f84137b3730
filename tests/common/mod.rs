//! Shared by the integration tests: a fresh, migrated database per test, on SQLite (a temporary
//! file) or on PostgreSQL (a new database on the server named by `TEST_DATABASE_URL`, dropped
//! afterwards), so tests run in parallel without seeing each other's rows.
//!
//! When `TEST_DATABASE_URL` is unset the PostgreSQL variants print a skip line and pass, unless
//! `SITREP_REQUIRE_SERVICES=1`, in which case they fail ([`service_missing`], which the browser
//! test uses too). [`app`] is the application with its accounts for the api, pages and
//! browser tests; [`server`] runs a real server for end-to-end tests.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod app;
pub mod server;

use sitrep::storage::{self, Database};
use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};

/// The engine a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// A SQLite file in a temporary directory.
    Sqlite,
    /// A fresh database on the PostgreSQL server of `TEST_DATABASE_URL`.
    Postgres,
}

/// A database that exists for one test. Dropping it removes it.
pub struct TestDatabase {
    /// The open, migrated database.
    pub db: Database,
    /// Its URL, for running the binary against it.
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<PostgresScratch>,
}

impl TestDatabase {
    /// Opens a second, independent empty database of the same engine (for round trips).
    pub async fn sibling(&self) -> TestDatabase {
        let engine = if self.postgres.is_some() {
            Engine::Postgres
        } else {
            Engine::Sqlite
        };
        fresh_database(engine)
            .await
            .expect("the engine was available a moment ago")
    }
}

/// A scratch database on the PostgreSQL server, dropped (forcibly) when this is dropped.
struct PostgresScratch {
    admin_url: String,
    name: String,
}

impl Drop for PostgresScratch {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        // Drop runs inside the test's runtime, which cannot block; a separate thread with its
        // own runtime can.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async move {
                let admin = admin_connection(&admin_url).await?;
                use sea_orm::ConnectionTrait;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await?;
                admin.close().await?;
                Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
            })
        })
        .join();
        if let Ok(Err(error)) = dropped {
            eprintln!("could not drop the scratch database {}: {error}", self.name);
        }
    }
}

/// Returns a fresh, migrated database of the given engine, or `None` (after printing why) when
/// the engine is PostgreSQL and no server is configured. Panics when `SITREP_REQUIRE_SERVICES=1`
/// and PostgreSQL is not configured.
pub async fn fresh_database(engine: Engine) -> Option<TestDatabase> {
    match engine {
        Engine::Sqlite => {
            let dir = tempfile::tempdir().expect("a temporary directory");
            let url = format!("sqlite://{}", dir.path().join("sitrep.db").display());
            let db = storage::connect(&url).await.expect("SQLite opens");
            Some(TestDatabase {
                db,
                url,
                _dir: Some(dir),
                postgres: None,
            })
        }
        Engine::Postgres => {
            let admin_url = postgres_admin_url()?;
            let name = scratch_name();
            let admin = admin_connection(&admin_url)
                .await
                .unwrap_or_else(|e| panic!("cannot reach TEST_DATABASE_URL: {e}"));
            use sea_orm::ConnectionTrait;
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("CREATE DATABASE");
            admin.close().await.expect("close the admin connection");
            let scratch = PostgresScratch {
                admin_url: admin_url.clone(),
                name: name.clone(),
            };
            let url = with_database(&admin_url, &name);
            let db = storage::connect(&url).await.expect("PostgreSQL opens");
            Some(TestDatabase {
                db,
                url,
                _dir: None,
                postgres: Some(scratch),
            })
        }
    }
}

/// Says on the terminal, once per test binary, that some tests skip and why. Written straight to
/// stderr so the test harness's output capture does not hide it.
pub fn skip_notice(reason: &str) {
    use std::io::Write;
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = writeln!(std::io::stderr(), "SKIPPED: {reason}");
    });
}

/// Whether tests must fail, rather than skip, when a service they need is missing
/// (`SITREP_REQUIRE_SERVICES=1`, as in CI).
pub fn services_required() -> bool {
    std::env::var("SITREP_REQUIRE_SERVICES").as_deref() == Ok("1")
}

/// A service a test needs is missing: prints the skip line so the caller can return and pass,
/// or panics with the reason when services are required.
pub fn service_missing(reason: &str) {
    if services_required() {
        panic!("SITREP_REQUIRE_SERVICES=1 but {reason}");
    }
    skip_notice(reason);
}

/// `TEST_DATABASE_URL`, or `None` after printing the skip line (or a panic when services are
/// required).
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            service_missing("PostgreSQL tests need TEST_DATABASE_URL, which is not set");
            None
        }
    }
}

/// Connects to the server of `url`: to its database when that exists, else to `postgres`.
async fn admin_connection(url: &str) -> Result<sea_orm::DatabaseConnection, sea_orm::DbErr> {
    match sea_orm::Database::connect(url).await {
        Ok(conn) => Ok(conn),
        Err(_) => sea_orm::Database::connect(with_database(url, "postgres")).await,
    }
}

/// The same server URL with another database name.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let server = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

fn scratch_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "sitrep_test_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Declares one test body for both engines: `both_engines!(name, body_fn)` makes the tests
/// `name::sqlite` and `name::postgres`, each calling `body_fn(&TestDatabase)` on its own fresh
/// database.
#[macro_export]
macro_rules! both_engines {
    ($name:ident, $body:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let database = $crate::common::fresh_database($crate::common::Engine::Sqlite)
                    .await
                    .expect("SQLite is always available");
                super::$body(&database).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(database) =
                    $crate::common::fresh_database($crate::common::Engine::Postgres).await
                else {
                    return;
                };
                super::$body(&database).await;
            }
        }
    };
}

/// Runs `command` (the `sitrep` binary, with the caller's arguments) quietly, with `input` on
/// its stdin, and collects what it prints. The input is written from another thread: the
/// output may fill its pipe before the input is all in.
pub fn run_with_stdin(command: &mut Command, input: &[u8]) -> Output {
    let mut child = command
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    output
}
