//! Run-time configuration: where the database is, where to listen, and limits.

use std::fmt;
use std::net::SocketAddr;

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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: DEFAULT_DATABASE_URL.to_string(),
            bind: default_bind(),
            seed_demo: true,
            body_limit: DEFAULT_BODY_LIMIT,
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
