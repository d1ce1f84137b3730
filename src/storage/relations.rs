//! Relations on the read side: a situation's relations (all, or those known as of a day), each
//! with the dates of the claim behind it, which is when an undated relation is taken to hold.

use super::claims::Visibility;
use super::entity::{claim, relation, source};
use super::values::{IN_CHUNK, inferred, offset_from_column, when_from_columns, word};
use super::{Conn, StorageError};
use crate::domain::{
    ActorId, ClaimId, ClaimKind, Modality, Relation, RelationId, ReviewState, SituationId,
    SourceId, Span, When,
};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// A relation with the clocks of its claim.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationRecord {
    /// The relation.
    pub relation: Relation,
    /// When its claim says the thing happened.
    pub claim_occurred: Option<When>,
    /// When its claim was reported.
    pub claim_reported: Option<When>,
}

impl RelationRecord {
    /// When the relation is taken to begin: its own validity, else its claim's occurred time,
    /// else its claim's reported time.
    pub fn effective_start(&self) -> Option<&When> {
        self.relation
            .valid
            .as_ref()
            .or(self.claim_occurred.as_ref())
            .or(self.claim_reported.as_ref())
    }
}

/// A situation's relations in id order. With `reported_by`, only those whose claim had been
/// reported by the end of that day (relations without a claim are always included).
pub async fn relations_of(
    conn: &impl Conn,
    situation: SituationId,
    reported_by: Option<NaiveDate>,
) -> Result<Vec<RelationRecord>, StorageError> {
    let rows = relation::Entity::find()
        .filter(relation::Column::SituationId.eq(situation.get()))
        .order_by_asc(relation::Column::Id)
        .all(&conn.executor())
        .await?;
    let records = records(conn, rows).await?;
    Ok(match reported_by {
        None => records,
        Some(day) => records
            .into_iter()
            .filter(|r| {
                r.claim_reported
                    .as_ref()
                    .is_none_or(|reported| !reported.starts_after_day(day))
            })
            .collect(),
    })
}

/// One relation by id.
pub async fn get_relation(
    conn: &impl Conn,
    id: RelationId,
) -> Result<RelationRecord, StorageError> {
    let row = relation::Entity::find_by_id(id.get())
        .one(&conn.executor())
        .await?
        .ok_or_else(|| StorageError::not_found("relation", id))?;
    records(conn, vec![row])
        .await?
        .pop()
        .ok_or_else(|| StorageError::not_found("relation", id))
}

/// The clocks of each relation's claim, read in chunks.
async fn records(
    conn: &impl Conn,
    rows: Vec<relation::Model>,
) -> Result<Vec<RelationRecord>, StorageError> {
    let mut claim_ids: Vec<i64> = rows.iter().filter_map(|r| r.claim_id).collect();
    claim_ids.sort_unstable();
    claim_ids.dedup();
    let mut clocks: HashMap<i64, (Option<When>, Option<When>)> = HashMap::new();
    for chunk in claim_ids.chunks(IN_CHUNK) {
        for c in claim::Entity::find()
            .filter(claim::Column::Id.is_in(chunk.iter().copied()))
            .all(&conn.executor())
            .await?
        {
            let occurred = inferred(
                when_from_columns(
                    "claim occurred",
                    c.occurred_earliest,
                    c.occurred_latest,
                    c.occurred_precision.as_deref(),
                    c.occurred_words.as_deref(),
                    c.occurred_approximate,
                )?,
                c.occurred_basis.as_deref(),
            );
            let reported = when_from_columns(
                "claim reported",
                c.reported_earliest,
                c.reported_latest,
                c.reported_precision.as_deref(),
                c.reported_words.as_deref(),
                c.reported_approximate,
            )?;
            clocks.insert(c.id, (occurred, reported));
        }
    }
    rows.into_iter()
        .map(|r| {
            let (claim_occurred, claim_reported) = r
                .claim_id
                .and_then(|id| clocks.get(&id).cloned())
                .unwrap_or_default();
            Ok(RelationRecord {
                relation: relation_from_row(r)?,
                claim_occurred,
                claim_reported,
            })
        })
        .collect()
}

fn relation_from_row(r: relation::Model) -> Result<Relation, StorageError> {
    let context = format!("relation {}", r.id);
    Ok(Relation {
        id: RelationId::new(r.id),
        situation: SituationId::new(r.situation_id),
        source: ActorId::new(r.source_actor_id),
        target: ActorId::new(r.target_actor_id),
        polarity: word("polarity", &r.polarity)?,
        valid: when_from_columns(
            &context,
            r.valid_earliest,
            r.valid_latest,
            r.valid_precision.as_deref(),
            r.valid_words.as_deref(),
            r.valid_approximate,
        )?,
        claim: r.claim_id.map(ClaimId::new),
        span: match (r.span_start, r.span_end) {
            (Some(start), Some(end)) => Some(Span::new(
                offset_from_column(start),
                offset_from_column(end),
            )),
            _ => None,
        },
        review_state: word("review state", &r.review_state)?,
        recorded_at: r.recorded_at,
        version: r.version,
        kind: r.kind,
    })
}

/// The claim behind a relation, as the actor graph lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationClaimRow {
    /// Its id.
    pub id: ClaimId,
    /// The source it was read from.
    pub source: SourceId,
    /// That source's headline.
    pub source_title: Option<String>,
    /// The clause, as written.
    pub text: String,
    /// Statement, event, assessment or prediction.
    pub kind: ClaimKind,
    /// Asserted, reported, denied or hypothetical.
    pub modality: Modality,
}

/// A relation for the actor graph: the relation with its claim's clocks, and the claim.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphRelationRow {
    /// The relation and its claim's clocks.
    pub record: RelationRecord,
    /// Its claim, when it has one that the visibility shows.
    pub claim: Option<RelationClaimRow>,
}

/// A situation's relations that `visibility` shows, in id order, each with its claim: for
/// readers ([`Visibility::Published`]) only accepted, published relations of published claims;
/// otherwise every relation not rejected whose claim stands and is not rejected (with
/// [`Visibility::All`], rejected ones too). Relations of deleted claims are never included.
pub async fn graph_relations(
    conn: &impl Conn,
    situation: SituationId,
    visibility: Visibility,
) -> Result<Vec<GraphRelationRow>, StorageError> {
    let mut query = relation::Entity::find()
        .filter(relation::Column::SituationId.eq(situation.get()))
        .order_by_asc(relation::Column::Id);
    query = match visibility {
        Visibility::Published => query
            .filter(relation::Column::ReviewState.eq(ReviewState::Accepted.as_str()))
            .filter(relation::Column::PublishedAt.is_not_null()),
        Visibility::Unrejected => {
            query.filter(relation::Column::ReviewState.ne(ReviewState::Rejected.as_str()))
        }
        Visibility::All => query,
    };
    let rows = query.all(&conn.executor()).await?;
    let records = records(conn, rows).await?;
    let mut claim_ids: Vec<i64> = records
        .iter()
        .filter_map(|r| r.relation.claim.map(ClaimId::get))
        .collect();
    claim_ids.sort_unstable();
    claim_ids.dedup();
    let mut claims: HashMap<i64, claim::Model> = HashMap::new();
    for chunk in claim_ids.chunks(IN_CHUNK) {
        for c in claim::Entity::find()
            .filter(claim::Column::Id.is_in(chunk.iter().copied()))
            .filter(visibility.condition())
            .all(&conn.executor())
            .await?
        {
            claims.insert(c.id, c);
        }
    }
    let mut source_ids: Vec<i64> = claims.values().map(|c| c.source_id).collect();
    source_ids.sort_unstable();
    source_ids.dedup();
    let mut titles: HashMap<i64, Option<String>> = HashMap::new();
    for chunk in source_ids.chunks(IN_CHUNK) {
        for (id, title) in source::Entity::find()
            .select_only()
            .column(source::Column::Id)
            .column(source::Column::Title)
            .filter(source::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple::<(i64, Option<String>)>()
            .all(&conn.executor())
            .await?
        {
            titles.insert(id, title);
        }
    }
    let mut out = Vec::with_capacity(records.len());
    for record in records {
        let claim = match record.relation.claim {
            // A relation whose claim the visibility hides is hidden with it.
            Some(id) => match claims.get(&id.get()) {
                Some(c) => Some(RelationClaimRow {
                    id,
                    source: SourceId::new(c.source_id),
                    source_title: titles.get(&c.source_id).cloned().flatten(),
                    text: c.text.clone(),
                    kind: word("claim kind", &c.kind)?,
                    modality: word("modality", &c.modality)?,
                }),
                None => continue,
            },
            None => None,
        };
        out.push(GraphRelationRow { record, claim });
    }
    Ok(out)
}

/// The fields of a relation an analyst corrects, as a revision records them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RelationFields {
    /// Draft, accepted or rejected.
    pub review_state: ReviewState,
    /// Its sign.
    pub polarity: crate::domain::Polarity,
    /// The first day of its validity, when it has one.
    pub valid_from: Option<NaiveDate>,
    /// When it was published to readers.
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Its edit version.
    pub version: i64,
}

impl RelationFields {
    /// The fields of a stored relation.
    pub fn of(relation: &Relation, published_at: Option<chrono::DateTime<chrono::Utc>>) -> Self {
        RelationFields {
            review_state: relation.review_state,
            polarity: relation.polarity,
            valid_from: relation
                .valid
                .as_ref()
                .and_then(When::earliest)
                .map(|t| t.date()),
            published_at,
            version: relation.version,
        }
    }
}

/// A relation's fields and publication, read in a transaction.
pub async fn relation_fields(
    tx: &super::Tx,
    id: RelationId,
) -> Result<(Relation, RelationFields), StorageError> {
    let row = relation::Entity::find_by_id(id.get())
        .one(tx.txn())
        .await?
        .ok_or_else(|| StorageError::not_found("relation", id))?;
    let published = row.published_at;
    let relation = relation_from_row(row)?;
    let fields = RelationFields::of(&relation, published);
    Ok((relation, fields))
}

/// Writes `after` over relation `id` if it is still at `after.version - 1`: the review state,
/// the polarity, the publication, and a validity that is the whole day `valid_from` (or none)
/// when that changed. [`StorageError::Conflict`] when someone saved it in between.
pub async fn update_relation(
    tx: &super::Tx,
    id: RelationId,
    before: &RelationFields,
    after: &RelationFields,
) -> Result<(), StorageError> {
    use sea_orm::sea_query::Expr;
    let mut update = relation::Entity::update_many()
        .col_expr(
            relation::Column::ReviewState,
            Expr::value(after.review_state.as_str()),
        )
        .col_expr(
            relation::Column::Polarity,
            Expr::value(after.polarity.as_str()),
        )
        .col_expr(
            relation::Column::PublishedAt,
            Expr::value(after.published_at),
        )
        .col_expr(relation::Column::Version, Expr::value(after.version));
    if after.valid_from != before.valid_from {
        let day = after.valid_from.map(When::day);
        let earliest = day.as_ref().and_then(When::earliest);
        let latest = day.as_ref().and_then(When::latest);
        update = update
            .col_expr(relation::Column::ValidEarliest, Expr::value(earliest))
            .col_expr(relation::Column::ValidLatest, Expr::value(latest))
            .col_expr(
                relation::Column::ValidPrecision,
                Expr::value(day.as_ref().map(|d| d.precision().as_str().to_string())),
            )
            .col_expr(
                relation::Column::ValidWords,
                Expr::value(Option::<String>::None),
            )
            .col_expr(relation::Column::ValidApproximate, Expr::value(false));
    }
    let result = update
        .filter(relation::Column::Id.eq(id.get()))
        .filter(relation::Column::Version.eq(before.version))
        .exec(tx.txn())
        .await?;
    if result.rows_affected != 1 {
        return Err(StorageError::conflict(format!(
            "relation {id} was changed by someone else; reload and try again"
        )));
    }
    Ok(())
}

/// Whether the claim behind a relation is published to readers.
pub async fn claim_published(tx: &super::Tx, claim: ClaimId) -> Result<bool, StorageError> {
    Ok(claim::Entity::find_by_id(claim.get())
        .filter(Visibility::Published.condition())
        .one(tx.txn())
        .await?
        .is_some())
}
