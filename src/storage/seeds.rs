//! The record of seeds applied, so that a seed is loaded once and never twice.

use super::entity::seed_applied;
use super::values::now;
use super::{Conn, StorageError, Tx};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

/// Whether the seed called `name` was applied before.
pub async fn seed_applied(conn: &impl Conn, name: &str) -> Result<bool, StorageError> {
    Ok(seed_applied::Entity::find()
        .filter(seed_applied::Column::Name.eq(name))
        .one(&conn.executor())
        .await?
        .is_some())
}

/// Records that the seed called `name` was applied now.
pub async fn record_seed(tx: &Tx, name: &str) -> Result<(), StorageError> {
    seed_applied::Entity::insert(seed_applied::ActiveModel {
        name: Set(name.to_string()),
        applied_at: Set(now()),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?;
    Ok(())
}
