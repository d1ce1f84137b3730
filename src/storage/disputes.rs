//! Disputes on the read side and their withdrawal: two claims an analyst marked as disputing
//! each other. Neither claim is replaced; both show as disputed wherever they are shown.

use super::entity::dispute;
use super::{Conn, StorageError, Tx};
use crate::domain::{Author, ClaimId, DisputeId, SituationId, UserId};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};

/// A dispute between two claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputeRow {
    /// Its id.
    pub id: DisputeId,
    /// The situation of both claims.
    pub situation: SituationId,
    /// One claim (the smaller id).
    pub claim: ClaimId,
    /// The claim disputing it.
    pub other_claim: ClaimId,
    /// Why, in the analyst's words.
    pub reason: String,
    /// Who marked them.
    pub created_by: Author,
    /// When.
    pub created_at: DateTime<Utc>,
    /// When it was withdrawn; `None` while it stands.
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl DisputeRow {
    /// The claim on the other side from `claim`.
    pub fn counterpart(&self, claim: ClaimId) -> ClaimId {
        if self.claim == claim {
            self.other_claim
        } else {
            self.claim
        }
    }
}

fn row(d: dispute::Model) -> DisputeRow {
    DisputeRow {
        id: DisputeId::new(d.id),
        situation: SituationId::new(d.situation_id),
        claim: ClaimId::new(d.claim_id),
        other_claim: ClaimId::new(d.other_claim_id),
        reason: d.reason,
        created_by: Author {
            user: d.created_by_user_id.map(UserId::new),
            name: d.created_by,
        },
        created_at: d.created_at,
        withdrawn_at: d.withdrawn_at,
    }
}

/// The disputes standing in a situation (withdrawn ones left out), in id order: what the
/// timeline marks as disputed.
pub async fn disputes_of(
    conn: &impl Conn,
    situation: SituationId,
) -> Result<Vec<DisputeRow>, StorageError> {
    Ok(dispute::Entity::find()
        .filter(dispute::Column::SituationId.eq(situation.get()))
        .filter(dispute::Column::WithdrawnAt.is_null())
        .order_by_asc(dispute::Column::Id)
        .all(&conn.executor())
        .await?
        .into_iter()
        .map(row)
        .collect())
}

/// Every dispute a claim is part of, withdrawn ones included, in id order.
pub async fn disputes_of_claim(
    conn: &impl Conn,
    claim: ClaimId,
) -> Result<Vec<DisputeRow>, StorageError> {
    Ok(dispute::Entity::find()
        .filter(
            Condition::any()
                .add(dispute::Column::ClaimId.eq(claim.get()))
                .add(dispute::Column::OtherClaimId.eq(claim.get())),
        )
        .order_by_asc(dispute::Column::Id)
        .all(&conn.executor())
        .await?
        .into_iter()
        .map(row)
        .collect())
}

/// The dispute between two claims, in either order, if they were ever marked.
pub async fn dispute_between(
    conn: &impl Conn,
    a: ClaimId,
    b: ClaimId,
) -> Result<Option<DisputeRow>, StorageError> {
    let (first, second) = if a <= b { (a, b) } else { (b, a) };
    Ok(dispute::Entity::find()
        .filter(dispute::Column::ClaimId.eq(first.get()))
        .filter(dispute::Column::OtherClaimId.eq(second.get()))
        .one(&conn.executor())
        .await?
        .map(row))
}

/// One dispute by id.
pub async fn get_dispute(conn: &impl Conn, id: DisputeId) -> Result<DisputeRow, StorageError> {
    dispute::Entity::find_by_id(id.get())
        .one(&conn.executor())
        .await?
        .map(row)
        .ok_or_else(|| StorageError::not_found("dispute", id))
}

/// Withdraws a dispute (`Some(at)`) or stands it again (`None`).
pub async fn set_dispute_withdrawn(
    tx: &Tx,
    id: DisputeId,
    withdrawn_at: Option<DateTime<Utc>>,
) -> Result<(), StorageError> {
    let result = dispute::Entity::update_many()
        .col_expr(dispute::Column::WithdrawnAt, Expr::value(withdrawn_at))
        .filter(dispute::Column::Id.eq(id.get()))
        .exec(tx.txn())
        .await?;
    if result.rows_affected == 0 {
        return Err(StorageError::not_found("dispute", id));
    }
    Ok(())
}
