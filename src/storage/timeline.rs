//! The reader's timeline on the read side: one keyset page of a situation's claims on any of
//! its clocks, in either direction, under any combination of filters, with the disputes of
//! each claim. Pages are walked by an opaque cursor that names the last claim shown, so every
//! page is one index range scan from where the last one ended: page 2,000 costs what page 1
//! costs.
//!
//! Order on the occurred and reported clocks: by the time's start; at the same start the longer
//! time first (so "January 2022" comes before the 1 January it contains, and an open-ended
//! "since" before both); then by id. Claims without a time on the clock come last, by id, in
//! either direction.

use super::claims::{ClaimRow, Visibility, hydrate};
use super::entity::{claim, claim_actor, dispute};
use super::values::IN_CHUNK;
use super::{Conn, StorageError, situations};
use crate::domain::{ActorId, ClaimId, ClaimKind, DisputeId, ReviewState, SourceId};
use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select,
};
use std::collections::HashMap;

/// The page size of the timeline when none is asked for.
pub const TIMELINE_PAGE_SIZE: u64 = 100;
/// The largest timeline page honoured.
pub const TIMELINE_MAX_PAGE_SIZE: u64 = 500;

/// Which of a claim's times orders the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimelineClock {
    /// When it happened or was said.
    #[default]
    Occurred,
    /// When it was reported (its observation's or source's date).
    Reported,
    /// When Sitrep recorded it.
    Recorded,
    /// When it last changed (recorded, edited or published): the order of a feed.
    Touched,
}

impl TimelineClock {
    /// The clock's name in URLs and cursors.
    pub fn as_str(self) -> &'static str {
        match self {
            TimelineClock::Occurred => "occurred",
            TimelineClock::Reported => "reported",
            TimelineClock::Recorded => "recorded",
            TimelineClock::Touched => "touched",
        }
    }

    fn start(self) -> claim::Column {
        match self {
            TimelineClock::Occurred => claim::Column::OccurredEarliest,
            TimelineClock::Reported => claim::Column::ReportedEarliest,
            TimelineClock::Recorded => claim::Column::RecordedAt,
            TimelineClock::Touched => claim::Column::TouchedAt,
        }
    }

    /// The end of the time, on clocks whose times are intervals.
    fn end(self) -> Option<claim::Column> {
        match self {
            TimelineClock::Occurred => Some(claim::Column::OccurredLatest),
            TimelineClock::Reported => Some(claim::Column::ReportedLatest),
            TimelineClock::Recorded | TimelineClock::Touched => None,
        }
    }

    /// Whether the clock's start is a UTC moment rather than a zone-less time.
    fn is_moment(self) -> bool {
        matches!(self, TimelineClock::Recorded | TimelineClock::Touched)
    }

    /// A bound of this clock as a query value of the column's own type.
    fn value(self, at: NaiveDateTime) -> sea_orm::Value {
        if self.is_moment() {
            DateTime::<Utc>::from_naive_utc_and_offset(at, Utc).into()
        } else {
            at.into()
        }
    }

    /// The (start, end) of a row on this clock.
    fn key_of(self, row: &claim::Model) -> (Option<NaiveDateTime>, Option<NaiveDateTime>) {
        match self {
            TimelineClock::Occurred => (row.occurred_earliest, row.occurred_latest),
            TimelineClock::Reported => (row.reported_earliest, row.reported_latest),
            TimelineClock::Recorded => (Some(row.recorded_at.naive_utc()), None),
            TimelineClock::Touched => (row.touched_at.map(|t| t.naive_utc()), None),
        }
    }
}

/// Which way the timeline runs. Undated claims come last either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimelineOrder {
    /// Earliest first.
    #[default]
    OldestFirst,
    /// Latest first.
    NewestFirst,
}

impl TimelineOrder {
    /// The order's name in URLs and cursors.
    pub fn as_str(self) -> &'static str {
        match self {
            TimelineOrder::OldestFirst => "oldest",
            TimelineOrder::NewestFirst => "newest",
        }
    }

    fn is_newest_first(self) -> bool {
        self == TimelineOrder::NewestFirst
    }
}

/// What was known by a moment: the "as of" of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnownBy {
    /// Claims reported by then: the whole reported time ends by the moment (a claim reported
    /// "in January" is not known on 10 January). Claims without a reported time count by when
    /// they were recorded.
    Reported(NaiveDateTime),
    /// Claims recorded in Sitrep before the moment (UTC).
    Recorded(DateTime<Utc>),
}

/// Which claims a timeline shows, beyond its [`Visibility`]. Filters combine: a claim shows
/// when it passes every one that is set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TimelineFilter {
    /// Claims involving every one of these actors (as speaker or participant).
    pub actors: Vec<ActorId>,
    /// Claims of any of these kinds; empty for every kind.
    pub kinds: Vec<ClaimKind>,
    /// Claims read from any of these sources; empty for every source.
    pub sources: Vec<SourceId>,
    /// Claims in any of these review states; empty for every state the visibility allows.
    pub review_states: Vec<ReviewState>,
    /// Claims whose text contains these words, ignoring case (ASCII case on SQLite).
    pub text: Option<String>,
    /// Only what was known by then.
    pub known_by: Option<KnownBy>,
    /// Only claims that changed after this moment (recorded, edited or published).
    pub touched_after: Option<DateTime<Utc>>,
}

/// One page of a timeline to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineRequest {
    /// The clock that orders it.
    pub clock: TimelineClock,
    /// Which way.
    pub order: TimelineOrder,
    /// Which claims may be seen at all.
    pub visibility: Visibility,
    /// Which of those are shown.
    pub filter: TimelineFilter,
    /// The `next_cursor` of the page before; `None` for the first page.
    pub after: Option<String>,
    /// How many claims at most (clamped to 1..=[`TIMELINE_MAX_PAGE_SIZE`]).
    pub limit: u64,
}

impl Default for TimelineRequest {
    fn default() -> Self {
        TimelineRequest {
            clock: TimelineClock::default(),
            order: TimelineOrder::default(),
            visibility: Visibility::Published,
            filter: TimelineFilter::default(),
            after: None,
            limit: TIMELINE_PAGE_SIZE,
        }
    }
}

/// A standing dispute of a timeline claim, with the claim on its other side when that claim
/// may be seen under the same visibility.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputeMark {
    /// The dispute.
    pub id: DisputeId,
    /// Why, in the analyst's words.
    pub reason: String,
    /// The claim on the other side.
    pub other: ClaimId,
    /// That claim's text and source, when it may be seen.
    pub other_claim: Option<(String, SourceId)>,
}

/// One claim on a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntryRow {
    /// The claim.
    pub claim: ClaimRow,
    /// When it first could be seen under the request's visibility: published, for readers;
    /// recorded, for analysts.
    pub first_seen: DateTime<Utc>,
    /// When it last changed (recorded, edited or published).
    pub touched_at: DateTime<Utc>,
    /// Its standing disputes, in id order.
    pub disputes: Vec<DisputeMark>,
}

/// One page of a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelinePage {
    /// The claims, in the request's order.
    pub entries: Vec<TimelineEntryRow>,
    /// Pass as `after` to read the next page; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// Where a page ended: after a claim with a time on the clock (its start, its end and id) or
/// after one without.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    Dated(NaiveDateTime, Option<NaiveDateTime>, i64),
    Undated(i64),
}

const CURSOR_TIME: &str = "%Y-%m-%dT%H:%M:%S%.f";

fn encode_cursor(clock: TimelineClock, order: TimelineOrder, at: Position) -> String {
    let position = match at {
        Position::Dated(start, end, id) => format!(
            "d|{}|{}|{id}",
            start.format(CURSOR_TIME),
            end.map_or_else(|| "-".to_string(), |e| e.format(CURSOR_TIME).to_string())
        ),
        Position::Undated(id) => format!("u|{id}"),
    };
    hex::encode(format!(
        "t1|{}|{}|{position}",
        clock.as_str(),
        order.as_str()
    ))
}

fn decode_cursor(
    text: &str,
    clock: TimelineClock,
    order: TimelineOrder,
) -> Result<Position, StorageError> {
    let bad = || StorageError::invalid(format!("cursor {text:?} is not one this server made"));
    let plain = String::from_utf8(hex::decode(text).map_err(|_| bad())?).map_err(|_| bad())?;
    let parts: Vec<&str> = plain.split('|').collect();
    let time = |t: &str| NaiveDateTime::parse_from_str(t, CURSOR_TIME).map_err(|_| bad());
    let id = |t: &str| t.parse::<i64>().map_err(|_| bad());
    let (made_for, position) = match parts.as_slice() {
        ["t1", c, o, "d", start, end, i] => (
            (*c, *o),
            Position::Dated(
                time(start)?,
                if *end == "-" { None } else { Some(time(end)?) },
                id(i)?,
            ),
        ),
        ["t1", c, o, "u", i] => ((*c, *o), Position::Undated(id(i)?)),
        _ => return Err(bad()),
    };
    if made_for != (clock.as_str(), order.as_str()) {
        return Err(StorageError::invalid(format!(
            "cursor {text:?} belongs to the {} clock, {} first; start again from the first page",
            made_for.0, made_for.1
        )));
    }
    Ok(position)
}

/// The condition of the filters and visibility, without the position.
fn filter_condition(situation: i64, request: &TimelineRequest) -> Condition {
    let filter = &request.filter;
    let mut all = Condition::all()
        .add(claim::Column::SituationId.eq(situation))
        .add(request.visibility.condition());
    if !filter.review_states.is_empty() {
        all = all
            .add(claim::Column::ReviewState.is_in(filter.review_states.iter().map(|s| s.as_str())));
    }
    if !filter.kinds.is_empty() {
        all = all.add(claim::Column::Kind.is_in(filter.kinds.iter().map(|k| k.as_str())));
    }
    if !filter.sources.is_empty() {
        all = all.add(claim::Column::SourceId.is_in(filter.sources.iter().map(|s| s.get())));
    }
    for actor in &filter.actors {
        let involving = Query::select()
            .column(claim_actor::Column::ClaimId)
            .from(claim_actor::Entity)
            .and_where(claim_actor::Column::ActorId.eq(actor.get()))
            .take();
        all = all.add(
            Condition::any()
                .add(claim::Column::SpeakerActorId.eq(actor.get()))
                .add(claim::Column::Id.in_subquery(involving)),
        );
    }
    if let Some(text) = filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let mut pattern = String::from("%");
        for c in text.to_lowercase().chars() {
            if matches!(c, '%' | '_' | '\\') {
                pattern.push('\\');
            }
            pattern.push(c);
        }
        pattern.push('%');
        all = all.add(
            Expr::expr(Func::lower(Expr::col(claim::Column::Text)))
                .like(LikeExpr::new(pattern).escape('\\')),
        );
    }
    match filter.known_by {
        None => {}
        Some(KnownBy::Recorded(by)) => all = all.add(claim::Column::RecordedAt.lt(by)),
        Some(KnownBy::Reported(by)) => {
            let recorded_by = DateTime::<Utc>::from_naive_utc_and_offset(by, Utc);
            all = all.add(
                Condition::any()
                    .add(claim::Column::ReportedLatest.lte(by))
                    .add(
                        Condition::all()
                            .add(claim::Column::ReportedLatest.is_null())
                            .add(claim::Column::ReportedEarliest.lt(by)),
                    )
                    .add(
                        Condition::all()
                            .add(claim::Column::ReportedLatest.is_null())
                            .add(claim::Column::ReportedEarliest.is_null())
                            .add(claim::Column::RecordedAt.lt(recorded_by)),
                    ),
            );
        }
    }
    if let Some(after) = filter.touched_after {
        all = all.add(claim::Column::TouchedAt.gt(after));
    }
    all
}

/// The claims after `(start, end, id)` among those with a time on the clock, in the order.
fn after_dated(
    clock: TimelineClock,
    order: TimelineOrder,
    start: NaiveDateTime,
    end: Option<NaiveDateTime>,
    id: i64,
) -> Condition {
    let newest = order.is_newest_first();
    let s = Expr::col(clock.start());
    let at = clock.value(start);
    let id_after = if newest {
        claim::Column::Id.lt(id)
    } else {
        claim::Column::Id.gt(id)
    };
    // At the same start: longer times first (an open end longest of all), then by id; the
    // newest-first order is the exact reverse.
    let tie = match clock.end() {
        None => Condition::all().add(id_after),
        Some(end_column) => match (end, newest) {
            (None, false) => Condition::any()
                .add(end_column.is_not_null())
                .add(Condition::all().add(end_column.is_null()).add(id_after)),
            (Some(e), false) => Condition::all().add(end_column.is_not_null()).add(
                Condition::any()
                    .add(end_column.lt(e))
                    .add(Condition::all().add(end_column.eq(e)).add(id_after)),
            ),
            (None, true) => Condition::all().add(end_column.is_null()).add(id_after),
            (Some(e), true) => Condition::any().add(end_column.is_null()).add(
                Condition::any()
                    .add(end_column.gt(e))
                    .add(Condition::all().add(end_column.eq(e)).add(id_after)),
            ),
        },
    };
    let (within, beyond) = if newest {
        (s.clone().lte(at.clone()), s.lt(at.clone()))
    } else {
        (s.clone().gte(at.clone()), s.gt(at.clone()))
    };
    // The first conjunct bounds the index range; the rest picks up after the cursor.
    Condition::all().add(within).add(
        Condition::any().add(beyond).add(
            Condition::all()
                .add(Expr::col(clock.start()).eq(at))
                .add(tie),
        ),
    )
}

fn ordered_dated(
    query: Select<claim::Entity>,
    clock: TimelineClock,
    order: TimelineOrder,
) -> Select<claim::Entity> {
    let (forward, backward) = if order.is_newest_first() {
        (Order::Desc, Order::Asc)
    } else {
        (Order::Asc, Order::Desc)
    };
    let mut query = query
        .filter(clock.start().is_not_null())
        .order_by(clock.start(), forward.clone());
    if let Some(end) = clock.end() {
        query = query
            .order_by(Expr::col(end).is_null(), backward.clone())
            .order_by(end, backward);
    }
    query.order_by(claim::Column::Id, forward)
}

fn ordered_undated(
    query: Select<claim::Entity>,
    clock: TimelineClock,
    order: TimelineOrder,
) -> Select<claim::Entity> {
    let forward = if order.is_newest_first() {
        Order::Desc
    } else {
        Order::Asc
    };
    query
        .filter(clock.start().is_null())
        .order_by(claim::Column::Id, forward)
}

/// One page of a situation's timeline (see [`TimelineRequest`] and the module's note on
/// order). Followed from the first page, the pages show every claim that passes the filters
/// exactly once. A cursor from another clock or order, or one this server did not make, is
/// [`StorageError::Invalid`]; an unknown situation is [`StorageError::NotFound`].
pub async fn timeline_page(
    conn: &impl Conn,
    slug: &str,
    request: &TimelineRequest,
) -> Result<TimelinePage, StorageError> {
    let situation = situations::require(conn, slug).await?;
    let (clock, order) = (request.clock, request.order);
    let position = request
        .after
        .as_deref()
        .map(|c| decode_cursor(c, clock, order))
        .transpose()?;
    let limit = request.limit.clamp(1, TIMELINE_MAX_PAGE_SIZE);
    let wanted = limit + 1;
    let base = claim::Entity::find().filter(filter_condition(situation.id, request));
    let exec = conn.executor();

    let mut rows = Vec::new();
    let undated_from = match position {
        Some(Position::Undated(id)) => Some(id),
        None | Some(Position::Dated(..)) => {
            let mut dated = ordered_dated(base.clone(), clock, order);
            if let Some(Position::Dated(start, end, id)) = position {
                dated = dated.filter(after_dated(clock, order, start, end, id));
            }
            rows = dated.limit(wanted).all(&exec).await?;
            None
        }
    };
    // Recorded times always exist; the other clocks may have claims without a time.
    let has_undated = !matches!(clock, TimelineClock::Recorded);
    if (rows.len() as u64) < wanted && has_undated {
        let mut undated = ordered_undated(base, clock, order);
        if let Some(id) = undated_from {
            undated = undated.filter(if order.is_newest_first() {
                claim::Column::Id.lt(id)
            } else {
                claim::Column::Id.gt(id)
            });
        }
        let room = wanted - rows.len() as u64;
        rows.extend(undated.limit(room).all(&exec).await?);
    }

    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_cursor = match (more, rows.last()) {
        (true, Some(last)) => {
            let at = match clock.key_of(last) {
                (Some(start), end) => Position::Dated(start, end, last.id),
                (None, _) => Position::Undated(last.id),
            };
            Some(encode_cursor(clock, order, at))
        }
        _ => None,
    };
    let seen: Vec<(DateTime<Utc>, DateTime<Utc>)> = rows
        .iter()
        .map(|r| {
            let first_seen = match request.visibility {
                Visibility::Published => r.published_at.unwrap_or(r.recorded_at),
                Visibility::Unrejected | Visibility::All => r.recorded_at,
            };
            (
                first_seen,
                std::cmp::max(r.touched_at.unwrap_or(first_seen), first_seen),
            )
        })
        .collect();
    let claims = hydrate(conn, rows).await?;
    let mut disputes = disputes_of_page(conn, &claims, request.visibility).await?;
    let entries = claims
        .into_iter()
        .zip(seen)
        .map(|(claim, (first_seen, touched_at))| TimelineEntryRow {
            disputes: disputes.remove(&claim.id).unwrap_or_default(),
            claim,
            first_seen,
            touched_at,
        })
        .collect();
    Ok(TimelinePage {
        entries,
        next_cursor,
    })
}

/// The standing disputes of a page's claims, by claim, each with its other side when that
/// may be seen.
async fn disputes_of_page(
    conn: &impl Conn,
    claims: &[ClaimRow],
    visibility: Visibility,
) -> Result<HashMap<ClaimId, Vec<DisputeMark>>, StorageError> {
    let exec = conn.executor();
    let ids: Vec<i64> = claims.iter().map(|c| c.id.get()).collect();
    let mut found = Vec::new();
    for chunk in ids.chunks(IN_CHUNK) {
        found.extend(
            dispute::Entity::find()
                .filter(dispute::Column::WithdrawnAt.is_null())
                .filter(
                    Condition::any()
                        .add(dispute::Column::ClaimId.is_in(chunk.iter().copied()))
                        .add(dispute::Column::OtherClaimId.is_in(chunk.iter().copied())),
                )
                .all(&exec)
                .await?,
        );
    }
    if found.is_empty() {
        return Ok(HashMap::new());
    }
    found.sort_by_key(|d| d.id);
    found.dedup_by_key(|d| d.id);
    let mut others: Vec<i64> = found
        .iter()
        .flat_map(|d| [d.claim_id, d.other_claim_id])
        .collect();
    others.sort_unstable();
    others.dedup();
    let mut visible: HashMap<i64, (String, SourceId)> = HashMap::new();
    for chunk in others.chunks(IN_CHUNK) {
        let rows: Vec<(i64, String, i64)> = claim::Entity::find()
            .select_only()
            .column(claim::Column::Id)
            .column(claim::Column::Text)
            .column(claim::Column::SourceId)
            .filter(claim::Column::Id.is_in(chunk.iter().copied()))
            .filter(visibility.condition())
            .into_tuple()
            .all(&exec)
            .await?;
        for (id, text, source) in rows {
            visible.insert(id, (text, SourceId::new(source)));
        }
    }
    let on_page: std::collections::HashSet<i64> = ids.into_iter().collect();
    let mut by_claim: HashMap<ClaimId, Vec<DisputeMark>> = HashMap::new();
    for d in found {
        for (this, other) in [
            (d.claim_id, d.other_claim_id),
            (d.other_claim_id, d.claim_id),
        ] {
            if !on_page.contains(&this) {
                continue;
            }
            by_claim
                .entry(ClaimId::new(this))
                .or_default()
                .push(DisputeMark {
                    id: DisputeId::new(d.id),
                    reason: d.reason.clone(),
                    other: ClaimId::new(other),
                    other_claim: visible.get(&other).cloned(),
                });
        }
    }
    Ok(by_claim)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn cursors_round_trip_and_keep_to_their_clock() {
        let at = NaiveDate::from_ymd_opt(2022, 1, 13)
            .unwrap()
            .and_hms_micro_opt(18, 30, 0, 250)
            .unwrap();
        let (clock, order) = (TimelineClock::Reported, TimelineOrder::NewestFirst);
        for position in [
            Position::Dated(at, None, 4),
            Position::Dated(at, Some(at), 42),
            Position::Undated(7),
        ] {
            let text = encode_cursor(clock, order, position);
            assert_eq!(decode_cursor(&text, clock, order).unwrap(), position);
            assert!(decode_cursor(&text, TimelineClock::Occurred, order).is_err());
            assert!(decode_cursor(&text, clock, TimelineOrder::OldestFirst).is_err());
        }
        assert!(decode_cursor("zz", clock, order).is_err());
        assert!(decode_cursor(&hex::encode("t1|reported|newest|u|x"), clock, order).is_err());
        assert!(decode_cursor("", clock, order).is_err());
    }
}
