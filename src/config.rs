//! Run-time configuration: where the database is, where to listen, and limits: the body
//! limit, and the [`ServerLimits`] that keep one client (or many stalled ones) from taking the
//! server down.

use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

/// The default database: a SQLite file created on first run.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://./data/sitrep.db";
/// The default listening address.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
/// The largest request body the server accepts, in bytes.
pub const DEFAULT_BODY_LIMIT: usize = 8 * 1024 * 1024;

/// The default listening address, parsed.
pub fn default_bind() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 8080))
}

/// How the server runs.
#[derive(Clone)]
pub struct Config {
    /// `sqlite://...` or `postgres://...`.
    pub database_url: String,
    /// Where to listen.
    pub bind: SocketAddr,
    /// Whether to load the demo situation on first run.
    pub seed_demo: bool,
    /// The largest request body accepted.
    pub body_limit: usize,
    /// Timeouts, the connection cap and the limits on expensive routes.
    pub limits: ServerLimits,
}

/// How much the server takes on before it refuses: per connection, in total, and on the
/// expensive anonymous routes (`POST /api/v1/extract` and any handler that asks for an
/// [`crate::http::limits::Expensive`] permit).
#[derive(Debug, Clone, PartialEq)]
pub struct ServerLimits {
    /// How long a client may take to send a request's headers, counted from the moment the
    /// server starts waiting for them: on a new connection, and again on a kept-alive one
    /// between requests (so it is also the keep-alive idle timeout). Past it the connection is
    /// closed.
    pub header_read_timeout: Duration,
    /// How long a connection may move no bytes at all, either way, while a request is being
    /// read or its response written (a client that stops reading its answer, say) before it
    /// is closed. Longer than the request timeout, so slow handlers are not cut short.
    pub idle_timeout: Duration,
    /// Connections served at once; further ones are answered with a short 503 and closed.
    /// Clamped below the process's open-file limit.
    pub max_connections: usize,
    /// Expensive requests (extraction, and routes that opt in) running at once, server-wide;
    /// beyond it they are answered 429 at once.
    pub expensive_concurrency: usize,
    /// Expensive requests one client address may start in a burst.
    pub expensive_burst: u32,
    /// Expensive requests one client address may start per minute, after its burst.
    pub expensive_per_minute: u32,
    /// The largest body `POST /api/v1/extract` accepts, in bytes (at most the body limit).
    pub extract_body_limit: usize,
}

/// Default for [`ServerLimits::header_read_timeout`].
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Default for [`ServerLimits::idle_timeout`].
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// Default for [`ServerLimits::max_connections`].
pub const DEFAULT_MAX_CONNECTIONS: usize = 4096;
/// Default for [`ServerLimits::expensive_burst`].
pub const DEFAULT_EXPENSIVE_BURST: u32 = 10;
/// Default for [`ServerLimits::expensive_per_minute`].
pub const DEFAULT_EXPENSIVE_PER_MINUTE: u32 = 60;

/// Default for [`ServerLimits::expensive_concurrency`]: one per core.
pub fn default_expensive_concurrency() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
}

impl Default for ServerLimits {
    fn default() -> Self {
        ServerLimits {
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            expensive_concurrency: default_expensive_concurrency(),
            expensive_burst: DEFAULT_EXPENSIVE_BURST,
            expensive_per_minute: DEFAULT_EXPENSIVE_PER_MINUTE,
            extract_body_limit: DEFAULT_BODY_LIMIT,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: DEFAULT_DATABASE_URL.to_string(),
            bind: default_bind(),
            seed_demo: true,
            body_limit: DEFAULT_BODY_LIMIT,
            limits: ServerLimits::default(),
        }
    }
}

/// Hides the password in a database URL, for logs and `Debug`.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &credentials[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field("bind", &self.bind)
            .field("seed_demo", &self.seed_demo)
            .field("body_limit", &self.body_limit)
            .field("limits", &self.limits)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_the_logs() {
        let config = Config {
            database_url: "postgres://sitrep:hunter2@db:5432/sitrep".to_string(),
            ..Config::default()
        };
        let shown = format!("{config:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("postgres://sitrep:***@db:5432/sitrep"));
        assert_eq!(redact_url("sqlite://./data/x.db"), "sqlite://./data/x.db");
    }
}
