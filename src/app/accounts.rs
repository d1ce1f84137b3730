//! Accounts in use: adding one (argon2), signing in (with a per-account throttle after
//! repeated failures), sessions for browsers and bearer tokens for the API. Secrets are random
//! 256-bit values given to the client once; only their SHA-256 hashes are stored.

use super::UseCaseError;
use super::error::blocking;
use crate::domain::{TokenId, User, UserRole};
use crate::storage::{self, Database, TokenRow, UserRow};
use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Duration as Span, Utc};
use std::time::Duration;

/// How long a browser stays signed in.
pub const SESSION_LIFETIME: Span = Span::days(14);
/// Failed sign-ins allowed before the account is locked for a while.
pub const FAILURES_BEFORE_LOCK: u32 = 5;
/// The first lock; each further failure doubles it, up to [`MAX_LOCK`].
const FIRST_LOCK: Span = Span::seconds(30);
/// The longest lock.
const MAX_LOCK: Span = Span::minutes(15);
/// How a token starts, so that it is recognisable in a leak scanner's eyes.
const TOKEN_PREFIX: &str = "sitrep_";
/// A token's last use is written down at most this often (reads should not write each time).
const TOKEN_USE_GRANULARITY: Span = Span::minutes(1);

/// A new random secret: 32 bytes as lowercase hex.
fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// A new anti-forgery token for a visit's forms.
pub fn new_csrf_token() -> String {
    new_secret()
}

/// The stored form of a secret.
fn secret_hash(secret: &str) -> String {
    storage::content_hash(secret)
}

fn hash_password(password: &str) -> Result<String, UseCaseError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| UseCaseError::invalid(format!("cannot hash the password: {e}")))
}

fn password_matches(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// Adds an account. The name must be 1 to 64 visible characters without spaces and the
/// password non-empty; a taken name is a [`storage::StorageError::Conflict`].
pub async fn add_user(
    db: &Database,
    name: &str,
    role: UserRole,
    password: &str,
) -> Result<UserRow, UseCaseError> {
    storage::validate_user_name(name)?;
    if password.is_empty() {
        return Err(UseCaseError::invalid("the password must not be empty"));
    }
    let password = password.to_string();
    let hash = blocking(move || hash_password(&password)).await??;
    Ok(db
        .transaction(async |tx| storage::insert_user(tx, name, role, &hash).await)
        .await?)
}

/// A browser that signed in: the secret for its cookie, and when it expires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// Who signed in.
    pub user: User,
    /// The session's secret, for the cookie; never stored.
    pub secret: String,
    /// When the session ends.
    pub expires_at: DateTime<Utc>,
}

/// Signs in with a name and password. A wrong name and a wrong password get the same answer;
/// after [`FAILURES_BEFORE_LOCK`] failures in a row the account refuses every attempt, right
/// or wrong, for a while (30 s, doubling with each further failure, at most 15 min).
pub async fn sign_in(db: &Database, name: &str, password: &str) -> Result<SignedIn, UseCaseError> {
    let wrong = || UseCaseError::Unauthorized("wrong account name or password".to_string());
    let now = storage::now();
    let Some(credentials) = storage::credentials(db, name).await? else {
        // Spend the time a real check takes, so timing does not tell which names exist.
        let password = password.to_string();
        blocking(move || password_matches(&password, DUMMY_HASH)).await?;
        return Err(wrong());
    };
    if let Some(until) = credentials.locked_until
        && until > now
    {
        return Err(locked(until - now));
    }
    let given = password.to_string();
    let hash = credentials.password_hash.clone();
    let matches = blocking(move || password_matches(&given, &hash)).await?;
    let user = credentials.user.user();
    if !matches {
        let failures = credentials.failed_logins.saturating_add(1);
        let lock = lock_after(failures);
        db.transaction(async |tx| {
            storage::record_failed_login(tx, user.id, failures, lock.map(|span| now + span)).await
        })
        .await?;
        return Err(match lock {
            Some(span) => locked(span),
            None => wrong(),
        });
    }
    let secret = new_secret();
    let expires_at = now + SESSION_LIFETIME;
    db.transaction(async |tx| {
        storage::record_successful_login(tx, user.id).await?;
        storage::insert_session(tx, user.id, &secret_hash(&secret), expires_at).await
    })
    .await?;
    Ok(SignedIn {
        user,
        secret,
        expires_at,
    })
}

/// How long an account is locked after `failures` failures in a row, if at all.
fn lock_after(failures: u32) -> Option<Span> {
    let beyond = failures.checked_sub(FAILURES_BEFORE_LOCK)?;
    let factor = 1i32 << beyond.min(10);
    Some((FIRST_LOCK * factor).min(MAX_LOCK))
}

fn locked(remaining: Span) -> UseCaseError {
    let seconds = remaining.num_seconds().max(1);
    UseCaseError::Throttled {
        message: format!(
            "too many failed sign-ins for this account; try again in {seconds} seconds"
        ),
        retry_after: Duration::from_secs(u64::try_from(seconds).unwrap_or(1)),
    }
}

/// The account a session cookie's secret signs in, if the session is current.
pub async fn session_user(db: &Database, secret: &str) -> Result<Option<User>, UseCaseError> {
    Ok(
        storage::session_user(db, &secret_hash(secret), storage::now())
            .await?
            .map(|row| row.user()),
    )
}

/// Ends the session with this secret.
pub async fn sign_out(db: &Database, secret: &str) -> Result<(), UseCaseError> {
    let hash = secret_hash(secret);
    Ok(db
        .transaction(async |tx| storage::delete_session(tx, &hash).await)
        .await?)
}

/// A new API token: its id, and the secret to show its owner once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewToken {
    /// The token's id.
    pub id: TokenId,
    /// The bearer token itself; never stored.
    pub secret: String,
}

/// Makes an API token for the account `name` (for `sitrep token create`).
pub async fn create_token_for(
    db: &Database,
    name: &str,
    label: &str,
) -> Result<(UserRow, NewToken), UseCaseError> {
    let user = storage::find_user(db, name)
        .await?
        .ok_or_else(|| storage::StorageError::not_found("account", name))?;
    let token = create_token(db, &user.user(), label).await?;
    Ok((user, token))
}

/// Makes an API token for a signed-in account.
pub async fn create_token(
    db: &Database,
    user: &User,
    label: &str,
) -> Result<NewToken, UseCaseError> {
    let label = label.trim();
    let label = if label.is_empty() { "token" } else { label };
    if label.chars().count() > 100 {
        return Err(UseCaseError::invalid(
            "a token's label is at most 100 characters",
        ));
    }
    let secret = format!("{TOKEN_PREFIX}{}", new_secret());
    let hash = secret_hash(&secret);
    let id = db
        .transaction(async |tx| storage::insert_token(tx, user.id, label, &hash).await)
        .await?;
    Ok(NewToken { id, secret })
}

/// The account an unrevoked bearer token acts for.
pub async fn token_user(db: &Database, secret: &str) -> Result<Option<User>, UseCaseError> {
    if !secret.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    let Some((user, token, last_used)) = storage::token_user(db, &secret_hash(secret)).await?
    else {
        return Ok(None);
    };
    let now = storage::now();
    if last_used.is_none_or(|at| now - at > TOKEN_USE_GRANULARITY) {
        db.transaction(async |tx| storage::mark_token_used(tx, token).await)
            .await?;
    }
    Ok(Some(user.user()))
}

/// A signed-in account's tokens.
pub async fn tokens(db: &Database, user: &User) -> Result<Vec<TokenRow>, UseCaseError> {
    Ok(storage::tokens_of(db, user.id).await?)
}

/// Revokes one of a signed-in account's tokens.
pub async fn revoke_token(db: &Database, user: &User, token: TokenId) -> Result<(), UseCaseError> {
    Ok(db
        .transaction(async |tx| storage::revoke_token(tx, user.id, token).await)
        .await?)
}

/// An argon2 hash of a password nobody has, checked when the account name is unknown.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2l0cmVwZHVtbXlzYWx0$0p6nDXJAQE1oO4LmIWVZ9T3bmb0ccX1OO3b6d5uEQ2Q";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_start_after_five_failures_and_double() {
        assert_eq!(lock_after(4), None);
        assert_eq!(lock_after(5), Some(Span::seconds(30)));
        assert_eq!(lock_after(6), Some(Span::seconds(60)));
        assert_eq!(lock_after(40), Some(Span::minutes(15)));
    }

    #[test]
    fn passwords_hash_and_verify() {
        let hash = hash_password("correct horse").unwrap();
        assert!(password_matches("correct horse", &hash));
        assert!(!password_matches("wrong horse", &hash));
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn secrets_are_long_and_different() {
        let (a, b) = (new_secret(), new_secret());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }
}
