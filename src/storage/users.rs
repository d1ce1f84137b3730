//! Accounts (analysts and readers), their sign-in sessions and API tokens, and the record of
//! failed sign-ins that throttles guessing. Secrets are never stored: password hashes come
//! from the `app` layer (argon2), and sessions and tokens are kept as SHA-256 hashes of the
//! random secret the client holds.

use super::entity::{api_token, user_account, user_session};
use super::values::{now, word};
use super::{Conn, StorageError, Tx};
use crate::domain::{TokenId, User, UserId, UserRole};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// The longest account name accepted.
const MAX_NAME_LEN: usize = 64;

/// An account, without its password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    /// Its id.
    pub id: UserId,
    /// Login name.
    pub name: String,
    /// What the account may do.
    pub role: UserRole,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

impl UserRow {
    /// The account as the rest of the program sees a signed-in user.
    pub fn user(&self) -> User {
        User {
            id: self.id,
            name: self.name.clone(),
            role: self.role,
        }
    }
}

/// What sign-in needs to know about an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The account.
    pub user: UserRow,
    /// Its argon2 PHC string.
    pub password_hash: String,
    /// Failed sign-ins since the last success.
    pub failed_logins: u32,
    /// Sign-ins are refused until then.
    pub locked_until: Option<DateTime<Utc>>,
}

/// An API token as its owner sees it (never the secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRow {
    /// Its id.
    pub id: TokenId,
    /// What its owner called it.
    pub label: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it was last used.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Checks an account name: 1 to 64 visible characters without spaces.
pub fn validate_user_name(name: &str) -> Result<(), StorageError> {
    if name.is_empty()
        || name.chars().count() > MAX_NAME_LEN
        || name.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(StorageError::invalid(format!(
            "account name {name:?}: use 1 to {MAX_NAME_LEN} characters without spaces"
        )));
    }
    Ok(())
}

/// Adds an account with an already-hashed password; a taken name is a
/// [`StorageError::Conflict`].
pub async fn insert_user(
    tx: &Tx,
    name: &str,
    role: UserRole,
    password_hash: &str,
) -> Result<UserRow, StorageError> {
    validate_user_name(name)?;
    if find_user(tx, name).await?.is_some() {
        return Err(StorageError::conflict(format!(
            "an account named {name} already exists"
        )));
    }
    let created_at = now();
    let id = user_account::Entity::insert(user_account::ActiveModel {
        name: Set(name.to_string()),
        role: Set(role.as_str().to_string()),
        password_hash: Set(password_hash.to_string()),
        created_at: Set(created_at),
        failed_logins: Set(0),
        locked_until: Set(None),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?
    .last_insert_id;
    Ok(UserRow {
        id: UserId::new(id),
        name: name.to_string(),
        role,
        created_at,
    })
}

/// The account with this name, if any (`None` for a name that could never be one, such as one
/// with a NUL byte, which is not sent to the database at all).
pub async fn find_user(conn: &impl Conn, name: &str) -> Result<Option<UserRow>, StorageError> {
    if validate_user_name(name).is_err() {
        return Ok(None);
    }
    user_account::Entity::find()
        .filter(user_account::Column::Name.eq(name))
        .one(&conn.executor())
        .await?
        .map(user_row)
        .transpose()
}

/// The account with this name and what sign-in checks, if any (`None` for a name that could
/// never be one).
pub async fn credentials(
    conn: &impl Conn,
    name: &str,
) -> Result<Option<Credentials>, StorageError> {
    if validate_user_name(name).is_err() {
        return Ok(None);
    }
    let Some(row) = user_account::Entity::find()
        .filter(user_account::Column::Name.eq(name))
        .one(&conn.executor())
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(Credentials {
        password_hash: row.password_hash.clone(),
        failed_logins: u32::try_from(row.failed_logins).unwrap_or(0),
        locked_until: row.locked_until,
        user: user_row(row)?,
    }))
}

/// Records a failed sign-in: the count goes up, and sign-ins are refused until `locked_until`
/// when given.
pub async fn record_failed_login(
    tx: &Tx,
    user: UserId,
    failed_logins: u32,
    locked_until: Option<DateTime<Utc>>,
) -> Result<(), StorageError> {
    user_account::Entity::update_many()
        .col_expr(
            user_account::Column::FailedLogins,
            Expr::value(i32::try_from(failed_logins).unwrap_or(i32::MAX)),
        )
        .col_expr(user_account::Column::LockedUntil, Expr::value(locked_until))
        .filter(user_account::Column::Id.eq(user.get()))
        .exec(tx.txn())
        .await?;
    Ok(())
}

/// Records a successful sign-in: the failure count starts again from zero.
pub async fn record_successful_login(tx: &Tx, user: UserId) -> Result<(), StorageError> {
    record_failed_login(tx, user, 0, None).await
}

/// Every account, by name.
pub async fn list_users(conn: &impl Conn) -> Result<Vec<UserRow>, StorageError> {
    user_account::Entity::find()
        .order_by_asc(user_account::Column::Name)
        .all(&conn.executor())
        .await?
        .into_iter()
        .map(user_row)
        .collect()
}

/// Starts a session for `user`, known by the hash of its cookie's secret.
pub async fn insert_session(
    tx: &Tx,
    user: UserId,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let at = now();
    user_session::Entity::insert(user_session::ActiveModel {
        user_id: Set(user.get()),
        token_hash: Set(token_hash.to_string()),
        created_at: Set(at),
        expires_at: Set(expires_at),
        last_seen_at: Set(at),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?;
    Ok(())
}

/// The account signed in by the session with this hash, unless it has expired.
pub async fn session_user(
    conn: &impl Conn,
    token_hash: &str,
    at: DateTime<Utc>,
) -> Result<Option<UserRow>, StorageError> {
    let exec = conn.executor();
    let Some(session) = user_session::Entity::find()
        .filter(user_session::Column::TokenHash.eq(token_hash))
        .filter(user_session::Column::ExpiresAt.gt(at))
        .one(&exec)
        .await?
    else {
        return Ok(None);
    };
    user_by_id(conn, UserId::new(session.user_id)).await
}

/// Ends the session with this hash (and every expired session, to keep the table small).
pub async fn delete_session(tx: &Tx, token_hash: &str) -> Result<(), StorageError> {
    user_session::Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(user_session::Column::TokenHash.eq(token_hash))
                .add(user_session::Column::ExpiresAt.lte(now())),
        )
        .exec(tx.txn())
        .await?;
    Ok(())
}

/// Makes an API token for `user`, known by the hash of its secret.
pub async fn insert_token(
    tx: &Tx,
    user: UserId,
    label: &str,
    token_hash: &str,
) -> Result<TokenId, StorageError> {
    let id = api_token::Entity::insert(api_token::ActiveModel {
        user_id: Set(user.get()),
        label: Set(label.to_string()),
        token_hash: Set(token_hash.to_string()),
        created_at: Set(now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?
    .last_insert_id;
    Ok(TokenId::new(id))
}

/// The account an unrevoked token with this hash acts for, with the token's id and when it was
/// last used.
pub async fn token_user(
    conn: &impl Conn,
    token_hash: &str,
) -> Result<Option<(UserRow, TokenId, Option<DateTime<Utc>>)>, StorageError> {
    let Some(token) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(&conn.executor())
        .await?
    else {
        return Ok(None);
    };
    Ok(user_by_id(conn, UserId::new(token.user_id))
        .await?
        .map(|user| (user, TokenId::new(token.id), token.last_used_at)))
}

/// Notes that a token was used now.
pub async fn mark_token_used(tx: &Tx, token: TokenId) -> Result<(), StorageError> {
    api_token::Entity::update_many()
        .col_expr(api_token::Column::LastUsedAt, Expr::value(now()))
        .filter(api_token::Column::Id.eq(token.get()))
        .exec(tx.txn())
        .await?;
    Ok(())
}

/// An account's tokens, newest first, revoked ones included.
pub async fn tokens_of(conn: &impl Conn, user: UserId) -> Result<Vec<TokenRow>, StorageError> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user.get()))
        .order_by_desc(api_token::Column::Id)
        .all(&conn.executor())
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: TokenId::new(t.id),
            label: t.label,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
        })
        .collect())
}

/// Revokes one of `user`'s tokens; [`StorageError::NotFound`] when it has no such token.
/// Revoking twice keeps the first time.
pub async fn revoke_token(tx: &Tx, user: UserId, token: TokenId) -> Result<(), StorageError> {
    let Some(row) = api_token::Entity::find_by_id(token.get())
        .filter(api_token::Column::UserId.eq(user.get()))
        .one(tx.txn())
        .await?
    else {
        return Err(StorageError::not_found("token", token));
    };
    if row.revoked_at.is_none() {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::RevokedAt, Expr::value(now()))
            .filter(api_token::Column::Id.eq(row.id))
            .exec(tx.txn())
            .await?;
    }
    Ok(())
}

async fn user_by_id(conn: &impl Conn, id: UserId) -> Result<Option<UserRow>, StorageError> {
    user_account::Entity::find_by_id(id.get())
        .one(&conn.executor())
        .await?
        .map(user_row)
        .transpose()
}

fn user_row(row: user_account::Model) -> Result<UserRow, StorageError> {
    Ok(UserRow {
        role: word("user role", &row.role)?,
        id: UserId::new(row.id),
        name: row.name,
        created_at: row.created_at,
    })
}
