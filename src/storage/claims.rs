//! Claims on the read side: a situation's claims in chronological order, one keyset page at a
//! time, each with its three clocks, speaker, actors and source span.

use super::actors::ActorRef;
use super::entity::{actor, claim, claim_actor, source};
use super::values::{IN_CHUNK, inferred, offset_from_column, when_from_columns, word};
use super::{Conn, StorageError, situations};
use crate::domain::{
    ActorId, ActorKind, ClaimId, ClaimKind, MentionRole, Modality, ObservationId, ReviewState,
    SituationId, SourceId, Span, When,
};
use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::sea_query::NullOrdering;
use sea_orm::{ColumnTrait, Condition, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// The page size when none is asked for.
pub const DEFAULT_PAGE_SIZE: u64 = 50;
/// The largest page size honoured.
pub const MAX_PAGE_SIZE: u64 = 500;

/// Which claims a view shows. Soft-deleted claims are never among them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Visibility {
    /// What readers may see: accepted by an analyst and published.
    Published,
    /// Drafts and accepted claims, not rejected ones.
    #[default]
    Unrejected,
    /// Every claim that stands, rejected ones included (for analysts).
    All,
}

impl Visibility {
    /// The condition a claim row meets under this visibility.
    pub(crate) fn condition(self) -> Condition {
        let standing = Condition::all().add(claim::Column::DeletedAt.is_null());
        match self {
            Visibility::Published => standing
                .add(claim::Column::ReviewState.eq(ReviewState::Accepted.as_str()))
                .add(claim::Column::PublishedAt.is_not_null()),
            Visibility::Unrejected => {
                standing.add(claim::Column::ReviewState.ne(ReviewState::Rejected.as_str()))
            }
            Visibility::All => standing,
        }
    }
}

/// Which page of claims to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimPageRequest {
    /// The `next_cursor` of the previous page; `None` for the first page.
    pub after: Option<String>,
    /// How many claims at most (clamped to 1..=[`MAX_PAGE_SIZE`]).
    pub limit: u64,
    /// Which claims are shown.
    pub visibility: Visibility,
}

impl Default for ClaimPageRequest {
    fn default() -> Self {
        ClaimPageRequest {
            after: None,
            limit: DEFAULT_PAGE_SIZE,
            visibility: Visibility::default(),
        }
    }
}

/// One page of claims.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimPage {
    /// Claims ordered by when they occurred (earliest bound), undated last, then by id.
    pub claims: Vec<ClaimRow>,
    /// Pass as `after` to read the next page; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// A claim with everything a timeline entry shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    /// Its id.
    pub id: ClaimId,
    /// The situation it belongs to.
    pub situation_id: SituationId,
    /// The clause, as written.
    pub text: String,
    /// Statement, event, assessment or prediction.
    pub kind: ClaimKind,
    /// Asserted, reported, denied or hypothetical.
    pub modality: Modality,
    /// First clock: the time the claim is about; `None` when the text gives none.
    pub occurred: Option<When>,
    /// Second clock: when it was reported (its observation's or source's date).
    pub reported: Option<When>,
    /// Third clock: when Sitrep recorded it.
    pub recorded_at: DateTime<Utc>,
    /// Who said it; `None` for the author's own voice.
    pub speaker: Option<ActorRef>,
    /// Every actor involved, with its part and the span of its mention.
    pub actors: Vec<ClaimActorRow>,
    /// The source it was read from.
    pub source: SourceRef,
    /// The claim's bytes in the source text.
    pub span: Span,
    /// The observation (dated section) it belongs to.
    pub observation_id: Option<ObservationId>,
    /// Position within its source.
    pub ordinal: i64,
    /// Draft, accepted or rejected.
    pub review_state: ReviewState,
    /// When it was soft-deleted; `None` while it stands.
    pub deleted_at: Option<DateTime<Utc>>,
    /// Edit version, from 1.
    pub version: i64,
    /// When it was published to readers; `None` while it waits for review.
    pub published_at: Option<DateTime<Utc>>,
}

/// An actor's part in a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimActorRow {
    /// The actor's id.
    pub id: ActorId,
    /// Its canonical name.
    pub name: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// Speaker, subject, object or mentioned.
    pub role: MentionRole,
    /// Where the claim names it, in the source text.
    pub span: Option<Span>,
}

/// A source named by a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRef {
    /// Its id.
    pub id: SourceId,
    /// Headline, if known.
    pub title: Option<String>,
}

/// Where a page ends: after a dated claim (its earliest bound and id) or an undated one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cursor {
    Dated(NaiveDateTime, i64),
    Undated(i64),
}

const CURSOR_TIME: &str = "%Y-%m-%dT%H:%M:%S%.f";

impl Cursor {
    fn encode(self) -> String {
        let plain = match self {
            Cursor::Dated(at, id) => format!("v1|d|{}|{id}", at.format(CURSOR_TIME)),
            Cursor::Undated(id) => format!("v1|u|{id}"),
        };
        hex::encode(plain)
    }

    fn decode(text: &str) -> Result<Self, StorageError> {
        let bad = || StorageError::invalid(format!("cursor {text:?} is not one this server made"));
        let bytes = hex::decode(text).map_err(|_| bad())?;
        let plain = String::from_utf8(bytes).map_err(|_| bad())?;
        let parts: Vec<&str> = plain.split('|').collect();
        match parts.as_slice() {
            ["v1", "d", at, id] => Ok(Cursor::Dated(
                NaiveDateTime::parse_from_str(at, CURSOR_TIME).map_err(|_| bad())?,
                id.parse().map_err(|_| bad())?,
            )),
            ["v1", "u", id] => Ok(Cursor::Undated(id.parse().map_err(|_| bad())?)),
            _ => Err(bad()),
        }
    }
}

/// One page of a situation's claims in chronological order (see [`ClaimPage`]). Every claim
/// appears on exactly one page when the pages are followed from the first.
pub async fn claims_page(
    conn: &impl Conn,
    slug: &str,
    request: &ClaimPageRequest,
) -> Result<ClaimPage, StorageError> {
    let situation = situations::require(conn, slug).await?;
    let limit = request.limit.clamp(1, MAX_PAGE_SIZE);
    let mut query = claim::Entity::find()
        .filter(claim::Column::SituationId.eq(situation.id))
        .filter(request.visibility.condition());
    match request.after.as_deref().map(Cursor::decode).transpose()? {
        None => {}
        Some(Cursor::Dated(at, id)) => {
            query = query.filter(
                Condition::any()
                    .add(claim::Column::OccurredEarliest.gt(at))
                    .add(
                        Condition::all()
                            .add(claim::Column::OccurredEarliest.eq(at))
                            .add(claim::Column::Id.gt(id)),
                    )
                    .add(claim::Column::OccurredEarliest.is_null()),
            );
        }
        Some(Cursor::Undated(id)) => {
            query = query
                .filter(claim::Column::OccurredEarliest.is_null())
                .filter(claim::Column::Id.gt(id));
        }
    }
    let mut rows = query
        .order_by_with_nulls(
            claim::Column::OccurredEarliest,
            Order::Asc,
            NullOrdering::Last,
        )
        .order_by_asc(claim::Column::Id)
        .limit(limit + 1)
        .all(&conn.executor())
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_cursor = match (more, rows.last()) {
        (true, Some(last)) => Some(
            match last.occurred_earliest {
                Some(at) => Cursor::Dated(at, last.id),
                None => Cursor::Undated(last.id),
            }
            .encode(),
        ),
        _ => None,
    };
    Ok(ClaimPage {
        claims: hydrate(conn, rows).await?,
        next_cursor,
    })
}

/// One claim by id (soft-deleted ones included, so permalinks keep working).
pub async fn get_claim(conn: &impl Conn, id: ClaimId) -> Result<ClaimRow, StorageError> {
    let row = claim::Entity::find_by_id(id.get())
        .one(&conn.executor())
        .await?
        .ok_or_else(|| StorageError::not_found("claim", id))?;
    hydrate(conn, vec![row])
        .await?
        .pop()
        .ok_or_else(|| StorageError::not_found("claim", id))
}

/// The claims with these ids that exist, in id order (soft-deleted ones included).
pub async fn claims_by_ids(
    conn: &impl Conn,
    ids: &[ClaimId],
) -> Result<Vec<ClaimRow>, StorageError> {
    let ids: Vec<i64> = ids.iter().map(|c| c.get()).collect();
    let mut rows = Vec::new();
    for chunk in ids.chunks(IN_CHUNK) {
        rows.extend(
            claim::Entity::find()
                .filter(claim::Column::Id.is_in(chunk.iter().copied()))
                .all(&conn.executor())
                .await?,
        );
    }
    rows.sort_by_key(|c| c.id);
    rows.dedup_by_key(|c| c.id);
    hydrate(conn, rows).await
}

/// Every claim of a situation that `visibility` shows, in id order.
pub async fn claims_of_situation(
    conn: &impl Conn,
    situation: SituationId,
    visibility: Visibility,
) -> Result<Vec<ClaimRow>, StorageError> {
    let rows = claim::Entity::find()
        .filter(claim::Column::SituationId.eq(situation.get()))
        .filter(visibility.condition())
        .order_by_asc(claim::Column::Id)
        .all(&conn.executor())
        .await?;
    hydrate(conn, rows).await
}

/// Every claim read from one source, in text order (by where its span starts, then by id),
/// drafts and rejected claims included so that callers choose by
/// [`ClaimRow::review_state`]; soft-deleted claims are left out. [`StorageError::NotFound`] when
/// no source has this id.
pub async fn claims_of_source(
    conn: &impl Conn,
    source_id: SourceId,
) -> Result<Vec<ClaimRow>, StorageError> {
    let exec = conn.executor();
    let rows = claim::Entity::find()
        .filter(claim::Column::SourceId.eq(source_id.get()))
        .filter(claim::Column::DeletedAt.is_null())
        .order_by_asc(claim::Column::SpanStart)
        .order_by_asc(claim::Column::Id)
        .all(&exec)
        .await?;
    if rows.is_empty() {
        // Only an empty answer needs telling apart from a missing source.
        let exists = source::Entity::find_by_id(source_id.get())
            .select_only()
            .column(source::Column::Id)
            .into_tuple::<i64>()
            .one(&exec)
            .await?
            .is_some();
        if !exists {
            return Err(StorageError::not_found("source", source_id));
        }
    }
    hydrate(conn, rows).await
}

/// Adds speakers, actors and sources to claim rows, with one query per table for every
/// [`IN_CHUNK`] ids (a source of 40,000 claims must not become one giant `IN (...)`, which
/// SQLite and PostgreSQL both refuse past their parameter limits).
pub(super) async fn hydrate(
    conn: &impl Conn,
    rows: Vec<claim::Model>,
) -> Result<Vec<ClaimRow>, StorageError> {
    let exec = conn.executor();
    let claim_ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let mut links = Vec::new();
    for chunk in claim_ids.chunks(IN_CHUNK) {
        links.extend(
            claim_actor::Entity::find()
                .filter(claim_actor::Column::ClaimId.is_in(chunk.iter().copied()))
                .order_by_asc(claim_actor::Column::Id)
                .all(&exec)
                .await?,
        );
    }
    let mut actor_ids: Vec<i64> = links.iter().map(|l| l.actor_id).collect();
    actor_ids.extend(rows.iter().filter_map(|c| c.speaker_actor_id));
    actor_ids.sort_unstable();
    actor_ids.dedup();
    let mut actors: HashMap<i64, actor::Model> = HashMap::new();
    for chunk in actor_ids.chunks(IN_CHUNK) {
        for a in actor::Entity::find()
            .filter(actor::Column::Id.is_in(chunk.iter().copied()))
            .all(&exec)
            .await?
        {
            actors.insert(a.id, a);
        }
    }
    let mut source_ids: Vec<i64> = rows.iter().map(|c| c.source_id).collect();
    source_ids.sort_unstable();
    source_ids.dedup();
    let mut titles: HashMap<i64, Option<String>> = HashMap::new();
    for chunk in source_ids.chunks(IN_CHUNK) {
        titles.extend(
            source::Entity::find()
                .select_only()
                .column(source::Column::Id)
                .column(source::Column::Title)
                .filter(source::Column::Id.is_in(chunk.iter().copied()))
                .into_tuple::<(i64, Option<String>)>()
                .all(&exec)
                .await?,
        );
    }

    let mut by_claim: HashMap<i64, Vec<ClaimActorRow>> = HashMap::new();
    for link in links {
        let Some(a) = actors.get(&link.actor_id) else {
            continue;
        };
        // An analyst ruled this name out as an actor: its mentions are kept, not shown.
        if a.review_state == ReviewState::Rejected.as_str() {
            continue;
        }
        let span = match (link.span_start, link.span_end) {
            (Some(start), Some(end)) => Some(Span::new(
                offset_from_column(start),
                offset_from_column(end),
            )),
            _ => None,
        };
        by_claim
            .entry(link.claim_id)
            .or_default()
            .push(ClaimActorRow {
                id: ActorId::new(a.id),
                name: a.name.clone(),
                kind: word("actor kind", &a.kind)?,
                role: word("mention role", &link.role)?,
                span,
            });
    }

    rows.into_iter()
        .map(|c| {
            Ok(ClaimRow {
                kind: word("claim kind", &c.kind)?,
                modality: word("modality", &c.modality)?,
                occurred: inferred(
                    when_from_columns(
                        "claim occurred",
                        c.occurred_earliest,
                        c.occurred_latest,
                        c.occurred_precision.as_deref(),
                        c.occurred_words.as_deref(),
                        c.occurred_approximate,
                    )?,
                    c.occurred_basis.as_deref(),
                ),
                reported: when_from_columns(
                    "claim reported",
                    c.reported_earliest,
                    c.reported_latest,
                    c.reported_precision.as_deref(),
                    c.reported_words.as_deref(),
                    c.reported_approximate,
                )?,
                recorded_at: c.recorded_at,
                speaker: c.speaker_actor_id.and_then(|id| {
                    actors.get(&id).map(|a| ActorRef {
                        id: ActorId::new(id),
                        name: a.name.clone(),
                    })
                }),
                actors: by_claim.remove(&c.id).unwrap_or_default(),
                source: SourceRef {
                    id: SourceId::new(c.source_id),
                    title: titles.get(&c.source_id).cloned().flatten(),
                },
                span: Span::new(
                    offset_from_column(c.span_start),
                    offset_from_column(c.span_end),
                ),
                observation_id: c.observation_id.map(ObservationId::new),
                ordinal: c.ordinal,
                review_state: word("review state", &c.review_state)?,
                deleted_at: c.deleted_at,
                published_at: c.published_at,
                version: c.version,
                situation_id: SituationId::new(c.situation_id),
                id: ClaimId::new(c.id),
                text: c.text,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn cursors_round_trip_and_refuse_forgeries() {
        let at = NaiveDate::from_ymd_opt(2022, 1, 13)
            .unwrap()
            .and_hms_micro_opt(18, 30, 0, 250)
            .unwrap();
        for cursor in [Cursor::Dated(at, 42), Cursor::Undated(7)] {
            assert_eq!(Cursor::decode(&cursor.encode()).unwrap(), cursor);
        }
        assert!(Cursor::decode("zz").is_err());
        assert!(Cursor::decode(&hex::encode("v2|u|1")).is_err());
    }
}
