//! Writing many claims at once (the synthetic situations of `sitrep gen`): the same rows the
//! one-at-a-time path writes ([`insert::claim_row`](super::insert), the claim-actor rows), in
//! multi-row statements inside the caller's transaction. Ids are handed out in order from the
//! table's current end while the table is locked against other writers, so each claim's actors
//! can be written with it without reading ids back.

use super::entity::{claim, claim_actor};
use super::insert::{NewClaim, NewClaimActor, claim_actor_row, claim_row};
use super::{Backend, Conn, StorageError, Tx};
use crate::domain::ClaimId;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

/// Rows per multi-row statement: under both engines' parameter limits (a claim has under 30
/// columns).
const ROWS_PER_STATEMENT: usize = 400;

/// A claim to write with its actors' parts (their `claim` field is filled in here).
#[derive(Debug, Clone)]
pub struct BulkClaim<'a> {
    /// The claim.
    pub claim: NewClaim<'a>,
    /// Its actors, each with its part and mention span.
    pub actors: Vec<NewClaimActor>,
}

async fn next_id(tx: &Tx, table: &str) -> Result<i64, StorageError> {
    if tx.backend() == Backend::Postgres {
        // Other writers wait until this transaction ends; readers are not held up.
        tx.txn()
            .execute_unprepared(&format!("LOCK TABLE {table} IN EXCLUSIVE MODE"))
            .await?;
    }
    let row = tx
        .txn()
        .query_one_raw(sea_orm::Statement::from_string(
            tx.txn().get_database_backend(),
            format!("SELECT COALESCE(MAX(id), 0) AS last FROM {table}"),
        ))
        .await?;
    let last = match row {
        Some(row) => row.try_get::<i64>("", "last")?,
        None => 0,
    };
    Ok(last + 1)
}

/// Moves PostgreSQL's id sequence of `table` past the ids written by hand.
async fn resync_sequence(tx: &Tx, table: &str) -> Result<(), StorageError> {
    if tx.backend() == Backend::Postgres {
        tx.txn()
            .execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table}), 1))"
            ))
            .await?;
    }
    Ok(())
}

/// Writes the claims and their actors' parts in order; returns the claims' ids.
pub async fn insert_claims_bulk(
    tx: &Tx,
    claims: &[BulkClaim<'_>],
) -> Result<Vec<ClaimId>, StorageError> {
    if claims.is_empty() {
        return Ok(Vec::new());
    }
    let first_claim = next_id(tx, "claim").await?;
    let first_link = next_id(tx, "claim_actor").await?;
    let ids: Vec<ClaimId> = (0..claims.len() as i64)
        .map(|i| ClaimId::new(first_claim + i))
        .collect();
    for (chunk_index, chunk) in claims.chunks(ROWS_PER_STATEMENT).enumerate() {
        let offset = chunk_index * ROWS_PER_STATEMENT;
        let rows = chunk.iter().enumerate().map(|(i, bulk)| {
            let mut row = claim_row(&bulk.claim);
            row.id = Set(ids[offset + i].get());
            row
        });
        claim::Entity::insert_many(rows).exec(tx.txn()).await?;
    }
    let mut link_id = first_link;
    let mut links: Vec<claim_actor::ActiveModel> = Vec::with_capacity(ROWS_PER_STATEMENT);
    for (bulk, id) in claims.iter().zip(&ids) {
        for part in &bulk.actors {
            let mut row = claim_actor_row(&NewClaimActor {
                claim: *id,
                ..*part
            });
            row.id = Set(link_id);
            link_id += 1;
            links.push(row);
            if links.len() == ROWS_PER_STATEMENT {
                claim_actor::Entity::insert_many(std::mem::take(&mut links))
                    .exec(tx.txn())
                    .await?;
            }
        }
    }
    if !links.is_empty() {
        claim_actor::Entity::insert_many(links)
            .exec(tx.txn())
            .await?;
    }
    resync_sequence(tx, "claim").await?;
    resync_sequence(tx, "claim_actor").await?;
    Ok(ids)
}
