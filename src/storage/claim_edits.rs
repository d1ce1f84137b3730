//! Changing a stored claim: the fields an analyst corrects, guarded by the claim's edit
//! version so that a save made from a stale copy is refused instead of overwriting a newer one.

use super::entity::claim;
use super::values::{WhenColumns, offset_to_column};
use super::{StorageError, Tx};
use crate::domain::{ActorId, ClaimId, ClaimKind, Modality, ReviewState, Span, When};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

/// The fields to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimChanges {
    /// A new span and the source text it covers (kept equal to the source's bytes).
    pub span: Option<(Span, String)>,
    /// A new kind.
    pub kind: Option<ClaimKind>,
    /// A new modality.
    pub modality: Option<Modality>,
    /// A new occurred time (`Some(None)` clears it).
    pub occurred: Option<Option<When>>,
    /// A new speaker (`Some(None)`: the author's own voice).
    pub speaker: Option<Option<ActorId>>,
    /// A new review state.
    pub review_state: Option<ReviewState>,
    /// Soft-delete (`Some(Some(t))`) or restore (`Some(None)`).
    pub deleted_at: Option<Option<DateTime<Utc>>>,
    /// Publish to readers (`Some(Some(t))`) or withdraw from them (`Some(None)`).
    pub published_at: Option<Option<DateTime<Utc>>>,
}

impl ClaimChanges {
    /// Whether nothing would change.
    pub fn is_empty(&self) -> bool {
        *self == ClaimChanges::default()
    }
}

/// Applies `changes` to the claim if its version is still `expected_version`, and returns the
/// new version. [`StorageError::NotFound`] when there is no such claim; [`StorageError::Conflict`]
/// when it was changed since that version.
pub async fn update_claim(
    tx: &Tx,
    id: ClaimId,
    expected_version: i64,
    changes: &ClaimChanges,
) -> Result<i64, StorageError> {
    let mut update = claim::Entity::update_many()
        .col_expr(
            claim::Column::Version,
            Expr::col(claim::Column::Version).add(1),
        )
        .filter(claim::Column::Id.eq(id.get()))
        .filter(claim::Column::Version.eq(expected_version));
    if let Some((span, text)) = &changes.span {
        update = update
            .col_expr(
                claim::Column::SpanStart,
                Expr::value(offset_to_column(span.start)),
            )
            .col_expr(
                claim::Column::SpanEnd,
                Expr::value(offset_to_column(span.end)),
            )
            .col_expr(claim::Column::Text, Expr::value(text.clone()));
    }
    if let Some(kind) = changes.kind {
        update = update.col_expr(claim::Column::Kind, Expr::value(kind.as_str()));
    }
    if let Some(modality) = changes.modality {
        update = update.col_expr(claim::Column::Modality, Expr::value(modality.as_str()));
    }
    if let Some(occurred) = &changes.occurred {
        let c = WhenColumns::from(occurred.as_ref());
        update = update
            .col_expr(claim::Column::OccurredEarliest, Expr::value(c.earliest))
            .col_expr(claim::Column::OccurredLatest, Expr::value(c.latest))
            .col_expr(claim::Column::OccurredPrecision, Expr::value(c.precision))
            .col_expr(claim::Column::OccurredWords, Expr::value(c.words))
            .col_expr(
                claim::Column::OccurredApproximate,
                Expr::value(c.approximate),
            )
            .col_expr(claim::Column::OccurredBasis, Expr::value(c.basis));
    }
    if let Some(speaker) = changes.speaker {
        update = update.col_expr(
            claim::Column::SpeakerActorId,
            Expr::value(speaker.map(ActorId::get)),
        );
    }
    if let Some(state) = changes.review_state {
        update = update.col_expr(claim::Column::ReviewState, Expr::value(state.as_str()));
    }
    if let Some(deleted_at) = changes.deleted_at {
        update = update.col_expr(claim::Column::DeletedAt, Expr::value(deleted_at));
    }
    if let Some(published_at) = changes.published_at {
        update = update.col_expr(claim::Column::PublishedAt, Expr::value(published_at));
    }
    // Every edit moves the claim's last change, never to before its publication.
    let touched = match changes.published_at {
        Some(Some(published)) => std::cmp::max(published, super::now()),
        _ => super::now(),
    };
    update = update.col_expr(claim::Column::TouchedAt, Expr::value(Some(touched)));
    let result = update.exec(tx.txn()).await?;
    if result.rows_affected == 1 {
        return Ok(expected_version + 1);
    }
    let current = claim::Entity::find_by_id(id.get())
        .select_only()
        .column(claim::Column::Version)
        .into_tuple::<i64>()
        .one(tx.txn())
        .await?;
    match current {
        None => Err(StorageError::not_found("claim", id)),
        Some(current) => Err(StorageError::conflict(format!(
            "claim {id} was changed by someone else (it is at version {current}, the edit was \
             made from version {expected_version}); reload it and make the change again"
        ))),
    }
}
