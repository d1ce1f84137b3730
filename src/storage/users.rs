//! Accounts: analysts and readers, with argon2 password hashes.

use super::entity::user_account;
use super::values::{now, word};
use super::{Database, StorageError};
use crate::domain::UserRole;
use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// The longest account name accepted.
const MAX_NAME_LEN: usize = 64;

/// An account, without its password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    /// Database id.
    pub id: i64,
    /// Login name.
    pub name: String,
    /// What the account may do.
    pub role: UserRole,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// Adds an account. The name must be 1 to 64 visible characters without spaces, the password
/// non-empty; a taken name is a [`StorageError::Conflict`].
pub async fn add_user(
    db: &Database,
    name: &str,
    role: UserRole,
    password: &str,
) -> Result<UserRow, StorageError> {
    if name.is_empty()
        || name.chars().count() > MAX_NAME_LEN
        || name.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(StorageError::invalid(format!(
            "account name {name:?}: use 1 to {MAX_NAME_LEN} characters without spaces"
        )));
    }
    if password.is_empty() {
        return Err(StorageError::invalid("the password must not be empty"));
    }
    let conn = db.conn();
    if user_account::Entity::find()
        .filter(user_account::Column::Name.eq(name))
        .one(conn)
        .await?
        .is_some()
    {
        return Err(StorageError::conflict(format!(
            "an account named {name} already exists"
        )));
    }
    let salt = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| StorageError::invalid(format!("cannot hash the password: {e}")))?
        .to_string();
    let created_at = now();
    let id = user_account::Entity::insert(user_account::ActiveModel {
        name: Set(name.to_string()),
        role: Set(role.as_str().to_string()),
        password_hash: Set(hash),
        created_at: Set(created_at),
        ..Default::default()
    })
    .exec(conn)
    .await?
    .last_insert_id;
    Ok(UserRow {
        id,
        name: name.to_string(),
        role,
        created_at,
    })
}

/// The account when `name` exists and `password` is its password; `None` otherwise (the two
/// cases are not told apart, so a caller cannot leak which names exist).
pub async fn verify_user(
    db: &Database,
    name: &str,
    password: &str,
) -> Result<Option<UserRow>, StorageError> {
    let Some(row) = user_account::Entity::find()
        .filter(user_account::Column::Name.eq(name))
        .one(db.conn())
        .await?
    else {
        return Ok(None);
    };
    let Ok(hash) = PasswordHash::new(&row.password_hash) else {
        return Ok(None);
    };
    if Argon2::default()
        .verify_password(password.as_bytes(), &hash)
        .is_err()
    {
        return Ok(None);
    }
    Ok(Some(user_row(row)?))
}

/// Every account, by name.
pub async fn list_users(db: &Database) -> Result<Vec<UserRow>, StorageError> {
    user_account::Entity::find()
        .order_by_asc(user_account::Column::Name)
        .all(db.conn())
        .await?
        .into_iter()
        .map(user_row)
        .collect()
}

fn user_row(row: user_account::Model) -> Result<UserRow, StorageError> {
    Ok(UserRow {
        role: word("user role", &row.role)?,
        id: row.id,
        name: row.name,
        created_at: row.created_at,
    })
}
