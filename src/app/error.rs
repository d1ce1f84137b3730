//! How a use case fails: what storage or the extractor refused, or what the use case itself
//! refuses (bad input, no permission, bad credentials, too many attempts).

use crate::extract::ExtractError;
use crate::storage::StorageError;
use std::time::Duration;

/// Why a use case could not be carried out.
#[derive(Debug, thiserror::Error)]
pub enum UseCaseError {
    /// Storage refused or failed (not found, conflict, invalid, the database is down).
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The text cannot be read as an article.
    #[error(transparent)]
    Extract(#[from] ExtractError),
    /// The input is well-formed but cannot be used; the message says why.
    #[error("{0}")]
    Invalid(String),
    /// The account may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The credentials were not accepted.
    #[error("{0}")]
    Unauthorized(String),
    /// Too many failed attempts: try again after `retry_after`.
    #[error("{message}")]
    Throttled {
        /// What to tell the person.
        message: String,
        /// How long until another attempt is considered.
        retry_after: Duration,
    },
    /// Work handed to a blocking thread did not come back (it panicked or was cancelled).
    #[error("background work failed: {0}")]
    Background(String),
}

impl UseCaseError {
    /// An [`UseCaseError::Invalid`].
    pub fn invalid(message: impl Into<String>) -> Self {
        UseCaseError::Invalid(message.into())
    }
}

/// Runs CPU-heavy work (extraction, password hashing) on the blocking pool, off the async
/// workers, so that one long article does not stall every other request.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, UseCaseError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| UseCaseError::Background(e.to_string()))
}
