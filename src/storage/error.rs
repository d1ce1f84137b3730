//! The storage layer's errors. Constraint violations are sorted out of the database's own
//! errors so that callers can tell "already exists" from "the database is down".

use std::fmt;

/// Why a storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The row asked for does not exist.
    #[error("no {entity} {key}")]
    NotFound {
        /// What was looked for (`situation`, `source`, ...).
        entity: &'static str,
        /// How it was named (a slug, an id).
        key: String,
    },
    /// The write would break a uniqueness or reference rule.
    #[error("conflict: {message}")]
    Conflict {
        /// What clashed.
        message: String,
    },
    /// The input is not acceptable (a bad span, an unknown word, a malformed export).
    #[error("invalid input: {message}")]
    Invalid {
        /// What is wrong, naming the offending item.
        message: String,
    },
    /// The database could not be reached or opened.
    #[error("cannot open the database at {url}: {reason}")]
    Unavailable {
        /// The database URL, password hidden.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// Any other database failure.
    #[error("database error: {0}")]
    Db(#[source] DbFailure),
}

/// A database failure that is not a constraint violation. Wraps the driver's error without
/// exposing its type.
#[derive(Debug)]
pub struct DbFailure(sea_orm::DbErr);

impl fmt::Display for DbFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for DbFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl From<sea_orm::DbErr> for StorageError {
    fn from(error: sea_orm::DbErr) -> Self {
        match error.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(message)) => StorageError::Conflict {
                message: format!("already exists ({message})"),
            },
            Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(message)) => {
                StorageError::Conflict {
                    message: format!("refers to a row that does not exist ({message})"),
                }
            }
            _ if refuses_nul_byte(&error) => StorageError::Invalid {
                message: "text with a NUL byte cannot be stored".to_string(),
            },
            _ => StorageError::Db(DbFailure(error)),
        }
    }
}

/// Whether PostgreSQL refused a value for a byte its text type cannot hold (a NUL byte,
/// SQLSTATE 22021): bad input rather than a broken database. SQLite stores such text.
fn refuses_nul_byte(error: &sea_orm::DbErr) -> bool {
    use sea_orm::{DbErr, RuntimeErr};
    match error {
        DbErr::Exec(RuntimeErr::SqlxError(sqlx)) | DbErr::Query(RuntimeErr::SqlxError(sqlx)) => {
            match sqlx.as_ref() {
                sea_orm::sqlx::Error::Database(database) => {
                    database.code().as_deref() == Some("22021")
                }
                _ => false,
            }
        }
        _ => false,
    }
}

impl StorageError {
    /// A [`StorageError::NotFound`].
    pub(crate) fn not_found(entity: &'static str, key: impl fmt::Display) -> Self {
        StorageError::NotFound {
            entity,
            key: key.to_string(),
        }
    }

    /// A [`StorageError::Invalid`].
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        StorageError::Invalid {
            message: message.into(),
        }
    }

    /// A [`StorageError::Conflict`].
    pub(crate) fn conflict(message: impl Into<String>) -> Self {
        StorageError::Conflict {
            message: message.into(),
        }
    }
}
