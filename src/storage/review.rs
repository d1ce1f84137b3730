//! What the analyst's desk reads and writes around a source under review: a situation's
//! sources with how far their review has come, the actors a source's extraction proposed, the
//! relations and predictions read from its claims, a claim's actors replaced as a set, a
//! relation following its claim when the review is committed, the commit mark on the source,
//! and the claims deleted from a situation.

use super::entity::{claim, claim_actor, prediction, relation, source};
use super::insert::{NewClaimActor, insert_claim_actor};
use super::relations::RelationRecord;
use super::values::{IN_CHUNK, word};
use super::{ActorRow, ClaimRow, Conn, StorageError, Tx};
use crate::domain::{
    ClaimId, PredictionRecord, RelationId, ReviewState, SituationId, SourceId, SourceKind,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// A source as the desk lists it: what it is and how far its review has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceReviewRow {
    /// Its id.
    pub id: SourceId,
    /// Headline, when known.
    pub title: Option<String>,
    /// The file it came from.
    pub file_name: Option<String>,
    /// An article or an analyst's note.
    pub kind: SourceKind,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// When it was stored.
    pub recorded_at: DateTime<Utc>,
    /// When its review was committed.
    pub committed_at: Option<DateTime<Utc>>,
    /// Claims still waiting for review (standing ones only).
    pub drafts: u64,
    /// Accepted claims.
    pub accepted: u64,
    /// Rejected claims.
    pub rejected: u64,
    /// Accepted claims not yet published.
    pub unpublished: u64,
}

impl SourceReviewRow {
    /// Whether anything in it still waits for the analyst: drafts, or accepted claims not yet
    /// committed.
    pub fn waiting(&self) -> bool {
        self.drafts > 0 || self.unpublished > 0
    }
}

/// A situation's sources, newest first, each with its claims counted by review state.
pub async fn sources_for_review(
    conn: &impl Conn,
    situation: SituationId,
) -> Result<Vec<SourceReviewRow>, StorageError> {
    let exec = conn.executor();
    let sources = source::Entity::find()
        .select_only()
        .column(source::Column::Id)
        .column(source::Column::Title)
        .column(source::Column::FileName)
        .column(source::Column::Kind)
        .column(source::Column::Published)
        .column(source::Column::RecordedAt)
        .column(source::Column::CommittedAt)
        .filter(source::Column::SituationId.eq(situation.get()))
        .order_by_desc(source::Column::RecordedAt)
        .order_by_desc(source::Column::Id)
        .into_tuple::<(
            i64,
            Option<String>,
            Option<String>,
            String,
            Option<NaiveDate>,
            DateTime<Utc>,
            Option<DateTime<Utc>>,
        )>()
        .all(&exec)
        .await?;
    // (review state, published) of every standing claim, counted per source.
    let states = claim::Entity::find()
        .select_only()
        .column(claim::Column::SourceId)
        .column(claim::Column::ReviewState)
        .column(claim::Column::PublishedAt)
        .filter(claim::Column::SituationId.eq(situation.get()))
        .filter(claim::Column::DeletedAt.is_null())
        .into_tuple::<(i64, String, Option<DateTime<Utc>>)>()
        .all(&exec)
        .await?;
    let mut counts: HashMap<i64, [u64; 4]> = HashMap::new();
    for (source_id, state, published) in states {
        let entry = counts.entry(source_id).or_default();
        match word::<ReviewState>("review state", &state)? {
            ReviewState::Draft => entry[0] += 1,
            ReviewState::Accepted => {
                entry[1] += 1;
                if published.is_none() {
                    entry[3] += 1;
                }
            }
            ReviewState::Rejected => entry[2] += 1,
        }
    }
    sources
        .into_iter()
        .map(
            |(id, title, file_name, kind, published, recorded_at, committed_at)| {
                let [drafts, accepted, rejected, unpublished] =
                    counts.get(&id).copied().unwrap_or_default();
                Ok(SourceReviewRow {
                    id: SourceId::new(id),
                    title,
                    file_name,
                    kind: word("source kind", &kind)?,
                    published,
                    recorded_at,
                    committed_at,
                    drafts,
                    accepted,
                    rejected,
                    unpublished,
                })
            },
        )
        .collect()
}

/// The actors a source's extraction created, in id order (merged and rejected ones included,
/// so the desk can show what became of each).
pub async fn actors_proposed_by(
    conn: &impl Conn,
    source_id: SourceId,
) -> Result<Vec<ActorRow>, StorageError> {
    let ids: Vec<i64> = super::entity::actor::Entity::find()
        .select_only()
        .column(super::entity::actor::Column::Id)
        .filter(super::entity::actor::Column::ProposedBySourceId.eq(source_id.get()))
        .order_by_asc(super::entity::actor::Column::Id)
        .into_tuple::<i64>()
        .all(&conn.executor())
        .await?;
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        rows.push(super::get_actor(conn, crate::domain::ActorId::new(id)).await?);
    }
    Ok(rows)
}

/// The ids of a source's claims, soft-deleted ones included.
async fn claim_ids_of_source(
    conn: &impl Conn,
    source_id: SourceId,
) -> Result<Vec<i64>, StorageError> {
    Ok(claim::Entity::find()
        .select_only()
        .column(claim::Column::Id)
        .filter(claim::Column::SourceId.eq(source_id.get()))
        .order_by_asc(claim::Column::Id)
        .into_tuple::<i64>()
        .all(&conn.executor())
        .await?)
}

/// The ids, sorted, of the rows of a table that refer to one of a source's claims.
async fn ids_of_source_claims<E: EntityTrait>(
    conn: &impl Conn,
    source_id: SourceId,
    id_column: E::Column,
    claim_column: E::Column,
) -> Result<Vec<i64>, StorageError> {
    let claim_ids = claim_ids_of_source(conn, source_id).await?;
    let mut ids = Vec::new();
    for chunk in claim_ids.chunks(IN_CHUNK) {
        ids.extend(
            E::find()
                .select_only()
                .column(id_column)
                .filter(claim_column.is_in(chunk.iter().copied()))
                .into_tuple::<i64>()
                .all(&conn.executor())
                .await?,
        );
    }
    ids.sort_unstable();
    Ok(ids)
}

/// The relations read from a source's claims, in id order.
pub async fn relations_of_source(
    conn: &impl Conn,
    source_id: SourceId,
) -> Result<Vec<RelationRecord>, StorageError> {
    let ids = ids_of_source_claims::<relation::Entity>(
        conn,
        source_id,
        relation::Column::Id,
        relation::Column::ClaimId,
    )
    .await?;
    let mut records = Vec::with_capacity(ids.len());
    for id in ids {
        records.push(super::get_relation(conn, RelationId::new(id)).await?);
    }
    Ok(records)
}

/// The predictions made by a source's claims, in id order.
pub async fn predictions_of_source(
    conn: &impl Conn,
    source_id: SourceId,
) -> Result<Vec<PredictionRecord>, StorageError> {
    let ids = ids_of_source_claims::<prediction::Entity>(
        conn,
        source_id,
        prediction::Column::Id,
        prediction::Column::ClaimId,
    )
    .await?;
    let mut records = Vec::with_capacity(ids.len());
    for id in ids {
        records.push(super::get_prediction(conn, crate::domain::PredictionId::new(id)).await?);
    }
    Ok(records)
}

/// Replaces the actors of a claim with `parts` (each with its role and mention span).
pub async fn replace_claim_actors(
    tx: &Tx,
    claim_id: ClaimId,
    parts: &[NewClaimActor],
) -> Result<(), StorageError> {
    claim_actor::Entity::delete_many()
        .filter(claim_actor::Column::ClaimId.eq(claim_id.get()))
        .exec(tx.txn())
        .await?;
    for part in parts {
        insert_claim_actor(tx, part).await?;
    }
    Ok(())
}

/// A relation's review fields before or after it follows its claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RelationReview {
    /// Draft, accepted or rejected.
    pub review_state: ReviewState,
    /// When it was published to readers.
    pub published_at: Option<DateTime<Utc>>,
    /// Its edit version.
    pub version: i64,
}

/// One relation that followed its claim on commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationFollowed {
    /// The relation.
    pub id: RelationId,
    /// The situation.
    pub situation: SituationId,
    /// Its review fields before.
    pub before: RelationReview,
    /// And after.
    pub after: RelationReview,
}

/// A claim's review state, publication and deletion, as a commit reads them.
type ClaimStanding = (String, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// Makes the relations read from a source's claims follow their claims, as a commit does: a
/// relation still a draft (nobody reviewed it on its own) takes its claim's state, and an
/// accepted relation whose claim is accepted and published is published at `at`. A relation an
/// analyst rejected stays rejected. Returns what changed, for the revisions.
pub async fn relations_follow_claims(
    tx: &Tx,
    source_id: SourceId,
    at: DateTime<Utc>,
) -> Result<Vec<RelationFollowed>, StorageError> {
    let claims: HashMap<i64, ClaimStanding> = claim::Entity::find()
        .select_only()
        .column(claim::Column::Id)
        .column(claim::Column::ReviewState)
        .column(claim::Column::PublishedAt)
        .column(claim::Column::DeletedAt)
        .filter(claim::Column::SourceId.eq(source_id.get()))
        .into_tuple::<(i64, String, Option<DateTime<Utc>>, Option<DateTime<Utc>>)>()
        .all(tx.txn())
        .await?
        .into_iter()
        .map(|(id, state, published, deleted)| (id, (state, published, deleted)))
        .collect();
    let ids: Vec<i64> = claims.keys().copied().collect();
    let mut relations = Vec::new();
    for chunk in ids.chunks(IN_CHUNK) {
        relations.extend(
            relation::Entity::find()
                .filter(relation::Column::ClaimId.is_in(chunk.iter().copied()))
                .all(tx.txn())
                .await?,
        );
    }
    relations.sort_by_key(|r| r.id);
    let mut followed = Vec::new();
    for r in relations {
        let Some((state, published, deleted)) = r.claim_id.and_then(|c| claims.get(&c)) else {
            continue;
        };
        let claim_state: ReviewState = word("review state", state)?;
        let before = RelationReview {
            review_state: word("review state", &r.review_state)?,
            published_at: r.published_at,
            version: r.version,
        };
        let mut after = before;
        if before.review_state == ReviewState::Draft && claim_state != ReviewState::Draft {
            after.review_state = claim_state;
        }
        let claim_public =
            claim_state == ReviewState::Accepted && published.is_some() && deleted.is_none();
        if after.review_state == ReviewState::Accepted && claim_public {
            after.published_at = after.published_at.or(Some(at));
        }
        if after == before {
            continue;
        }
        after.version = before.version + 1;
        let result = relation::Entity::update_many()
            .col_expr(
                relation::Column::ReviewState,
                Expr::value(after.review_state.as_str()),
            )
            .col_expr(
                relation::Column::PublishedAt,
                Expr::value(after.published_at),
            )
            .col_expr(
                relation::Column::Version,
                Expr::col(relation::Column::Version).add(1),
            )
            .filter(relation::Column::Id.eq(r.id))
            .filter(relation::Column::Version.eq(before.version))
            .exec(tx.txn())
            .await?;
        if result.rows_affected != 1 {
            return Err(StorageError::conflict(format!(
                "relation {} changed while the review was committed; commit again",
                r.id
            )));
        }
        followed.push(RelationFollowed {
            id: RelationId::new(r.id),
            situation: SituationId::new(r.situation_id),
            before,
            after,
        });
    }
    Ok(followed)
}

/// Records that a source's review was committed at `at`.
pub async fn mark_source_committed(
    tx: &Tx,
    source_id: SourceId,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    source::Entity::update_many()
        .col_expr(source::Column::CommittedAt, Expr::value(Some(at)))
        .filter(source::Column::Id.eq(source_id.get()))
        .exec(tx.txn())
        .await?;
    Ok(())
}

/// A situation's soft-deleted claims, most recently deleted first.
pub async fn deleted_claims(
    conn: &impl Conn,
    situation: SituationId,
) -> Result<Vec<ClaimRow>, StorageError> {
    let ids: Vec<i64> = claim::Entity::find()
        .select_only()
        .column(claim::Column::Id)
        .filter(claim::Column::SituationId.eq(situation.get()))
        .filter(claim::Column::DeletedAt.is_not_null())
        .order_by_desc(claim::Column::DeletedAt)
        .order_by_desc(claim::Column::Id)
        .into_tuple::<i64>()
        .all(&conn.executor())
        .await?;
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        rows.push(super::get_claim(conn, ClaimId::new(id)).await?);
    }
    Ok(rows)
}
