//! The reader's timeline, shared by its page, its JSON twin, its feed and its exports: the
//! query string every one of them reads ([`TimelineParams`]), loading one page through
//! [`storage::timeline_page`] ([`load_timeline`]), and filing the claims under days and
//! coarser bands with their dates in words ([`group_entries`], [`short_when_label`]).

use crate::domain::{ActorId, ClaimKind, Precision, ReviewState, SourceId, User, When};
use crate::http::AppError;
use crate::http::api::time::IsoDate;
use crate::http::pages::format::GroupKey;
use crate::storage::{
    self, Database, KnownBy, SituationSummary, StorageError, TIMELINE_MAX_PAGE_SIZE,
    TIMELINE_PAGE_SIZE, TimelineClock, TimelineEntryRow, TimelineFilter, TimelineOrder,
    TimelinePage, TimelineRequest, Visibility,
};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

/// Everything a timeline view is asked for in its query string. Written back by
/// [`TimelineParams::query_string`], so a view's URL can be shared and its links keep its
/// filters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TimelineParams {
    /// `clock=occurred|reported|recorded`.
    pub clock: TimelineClock,
    /// `order=oldest|newest`.
    pub order: TimelineOrder,
    /// `as_of=YYYY-MM-DD`: only what was known by the end of that day.
    pub as_of: Option<NaiveDate>,
    /// `since=YYYY-MM-DD[THH:MM]` (UTC): only what was added or changed after then.
    pub since: Option<NaiveDateTime>,
    /// `actor=ID`, repeatable: claims involving every one of them.
    pub actors: Vec<ActorId>,
    /// `kind=statement|event|assessment|prediction`, repeatable: any of them.
    pub kinds: Vec<ClaimKind>,
    /// `source=ID`, repeatable: claims from any of them.
    pub sources: Vec<SourceId>,
    /// `state=draft|accepted|rejected`, repeatable (drafts and rejected claims for analysts).
    pub states: Vec<ReviewState>,
    /// `q=words`: claims whose text contains them.
    pub text: Option<String>,
    /// `cursor=...`: where the page starts.
    pub cursor: Option<String>,
    /// `limit=N`: how many claims a page holds.
    pub limit: Option<u64>,
}

fn bad(message: String) -> AppError {
    AppError::BadRequest(message)
}

/// Reads a clock's name.
pub fn parse_clock(text: &str) -> Result<TimelineClock, AppError> {
    match text {
        "occurred" => Ok(TimelineClock::Occurred),
        "reported" => Ok(TimelineClock::Reported),
        "recorded" => Ok(TimelineClock::Recorded),
        other => Err(bad(format!(
            "clock {other:?} is not one of occurred, reported, recorded"
        ))),
    }
}

/// Reads `YYYY-MM-DD` (the start of that day) or `YYYY-MM-DDTHH:MM`, in UTC.
pub fn parse_since(text: &str) -> Result<NaiveDateTime, AppError> {
    let refuse = || {
        bad(format!(
            "since {text:?} is not a date written YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC), for \
             example 2022-01-12 or 2022-01-12T18:30"
        ))
    };
    let (date, time) = match text.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let day = IsoDate::parse(date).map_err(|_| refuse())?.0;
    let time = match time {
        None => NaiveTime::MIN,
        Some(t) => {
            let b = t.as_bytes();
            let shaped = b.len() == 5
                && b[2] == b':'
                && b.iter()
                    .enumerate()
                    .all(|(i, c)| i == 2 || c.is_ascii_digit());
            if !shaped {
                return Err(refuse());
            }
            NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| refuse())?
        }
    };
    Ok(day.and_time(time))
}

impl TimelineParams {
    /// Reads a query string. Unknown keys are refused, so a mistyped filter is not silently
    /// ignored; empty values count as absent (what an empty form field sends).
    pub fn parse(query: Option<&str>) -> Result<TimelineParams, AppError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
            .map_err(|_| bad("the query string is not well-formed".to_string()))?;
        let mut params = TimelineParams::default();
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key.as_str() {
                "clock" => params.clock = parse_clock(value)?,
                "order" => {
                    params.order = match value {
                        "oldest" => TimelineOrder::OldestFirst,
                        "newest" => TimelineOrder::NewestFirst,
                        other => {
                            return Err(bad(format!(
                                "order {other:?} is not one of oldest, newest"
                            )));
                        }
                    }
                }
                "as_of" => {
                    params.as_of = Some(
                        IsoDate::parse(value)
                            .map_err(|message| bad(format!("as_of: {message}")))?
                            .0,
                    )
                }
                "since" => params.since = Some(parse_since(value)?),
                "actor" => params.actors.push(ActorId::new(
                    value
                        .parse()
                        .map_err(|_| bad(format!("actor {value:?} is not an actor's id")))?,
                )),
                "source" => params.sources.push(SourceId::new(
                    value
                        .parse()
                        .map_err(|_| bad(format!("source {value:?} is not a source's id")))?,
                )),
                "kind" => params.kinds.push(value.parse().map_err(|_| {
                    bad(format!(
                        "kind {value:?} is not one of statement, event, assessment, prediction"
                    ))
                })?),
                "state" => params.states.push(value.parse().map_err(|_| {
                    bad(format!(
                        "state {value:?} is not one of draft, accepted, rejected"
                    ))
                })?),
                "q" => params.text = Some(value.chars().take(200).collect()),
                "cursor" => params.cursor = Some(value.to_string()),
                "limit" => {
                    let n: u64 = value
                        .parse()
                        .map_err(|_| bad(format!("limit {value:?} is not a whole number")))?;
                    if !(1..=TIMELINE_MAX_PAGE_SIZE).contains(&n) {
                        return Err(bad(format!(
                            "limit {n} is outside 1 to {TIMELINE_MAX_PAGE_SIZE}"
                        )));
                    }
                    params.limit = Some(n);
                }
                other => {
                    return Err(bad(format!(
                        "{other:?} is not a timeline parameter (clock, order, as_of, since, \
                         actor, kind, source, state, q, cursor, limit)"
                    )));
                }
            }
        }
        params.actors.sort_unstable();
        params.actors.dedup();
        params.sources.sort_unstable();
        params.sources.dedup();
        params.kinds.dedup();
        params.states.dedup();
        Ok(params)
    }

    /// The query string of this view (with a leading `?`, or empty), without its cursor: what
    /// the links of a page keep.
    pub fn query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if self.clock != TimelineClock::Occurred {
            pairs.push(("clock", self.clock.as_str().to_string()));
        }
        if self.order != TimelineOrder::OldestFirst {
            pairs.push(("order", self.order.as_str().to_string()));
        }
        if let Some(day) = self.as_of {
            pairs.push(("as_of", day.format("%Y-%m-%d").to_string()));
        }
        if let Some(since) = self.since {
            pairs.push(("since", since_param(since)));
        }
        for actor in &self.actors {
            pairs.push(("actor", actor.to_string()));
        }
        for kind in &self.kinds {
            pairs.push(("kind", kind.as_str().to_string()));
        }
        for source in &self.sources {
            pairs.push(("source", source.to_string()));
        }
        for state in &self.states {
            pairs.push(("state", state.as_str().to_string()));
        }
        if let Some(text) = &self.text {
            pairs.push(("q", text.clone()));
        }
        if let Some(limit) = self.limit {
            pairs.push(("limit", limit.to_string()));
        }
        encode_pairs(&pairs)
    }

    /// The same view with its cursor: the link to the page it starts.
    pub fn query_string_at(&self, cursor: &str) -> String {
        let base = self.query_string();
        let joiner = if base.is_empty() { "?" } else { "&" };
        format!("{base}{joiner}cursor={}", encode_component(cursor))
    }

    /// Whether any filter narrows the view (clock and order do not).
    pub fn is_filtered(&self) -> bool {
        self.as_of.is_some()
            || self.since.is_some()
            || !self.actors.is_empty()
            || !self.kinds.is_empty()
            || !self.sources.is_empty()
            || !self.states.is_empty()
            || self.text.is_some()
    }
}

/// `since` as the URL writes it: a day alone when it starts at midnight.
pub fn since_param(since: NaiveDateTime) -> String {
    if since.time() == NaiveTime::MIN {
        since.format("%Y-%m-%d").to_string()
    } else {
        since.format("%Y-%m-%dT%H:%M").to_string()
    }
}

fn encode_component(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn encode_pairs(pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let joined: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect();
    format!("?{}", joined.join("&"))
}

/// Whether a claim is shown as new or changed since the `since` of the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeMark {
    /// It first could be seen after then.
    New,
    /// It could be seen before and changed after.
    Changed,
}

impl ChangeMark {
    /// `new` or `changed`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeMark::New => "new",
            ChangeMark::Changed => "changed",
        }
    }
}

/// One loaded timeline page with what its views need around it.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// The situation.
    pub situation: SituationSummary,
    /// The view asked for.
    pub params: TimelineParams,
    /// The page.
    pub page: TimelinePage,
    /// Whether drafts and rejected claims may be among the entries (an analyst asked for them
    /// with a `state` filter).
    pub shows_drafts: bool,
    /// The actors of the filter, with their names.
    pub actor_names: Vec<(ActorId, String)>,
}

impl Timeline {
    /// Whether an entry is new or changed since the view's `since`.
    pub fn mark_of(&self, entry: &TimelineEntryRow) -> Option<ChangeMark> {
        let since = self.params.since?.and_utc();
        Some(if entry.first_seen > since {
            ChangeMark::New
        } else {
            ChangeMark::Changed
        })
    }
}

/// The end of an as-of day: the first moment after it.
pub fn end_of_day(day: NaiveDate) -> NaiveDateTime {
    (day + Duration::days(1)).and_time(NaiveTime::MIN)
}

/// Loads one timeline page for `params` as `user` sees it: readers see published claims;
/// analysts too, unless they filter by review state, which lets drafts and rejected claims in.
/// Readers asking for a review state other than accepted get a 403; unknown actors and
/// sources a 404; a bad cursor a 400.
pub async fn load_timeline(
    db: &Database,
    slug: &str,
    params: TimelineParams,
    user: Option<&User>,
) -> Result<Timeline, AppError> {
    let situation = storage::get_situation(db, slug).await?;
    let analyst = user.is_some_and(User::is_analyst);
    let shows_drafts = analyst && !params.states.is_empty();
    if !analyst && params.states.iter().any(|s| *s != ReviewState::Accepted) {
        return Err(AppError::Forbidden(
            "only analysts see drafts and rejected claims; sign in as one".to_string(),
        ));
    }
    let mut actors = Vec::new();
    let mut actor_names = Vec::new();
    for id in &params.actors {
        let unknown = || AppError::NotFound(format!("no actor {id} in this situation"));
        let resolved = match storage::resolve_actor(db, *id).await {
            Ok(resolved) => resolved,
            Err(StorageError::NotFound { .. }) => return Err(unknown()),
            Err(other) => return Err(other.into()),
        };
        let actor = storage::get_actor(db, resolved).await?;
        if storage::actor_situation(db, resolved).await? != situation.id {
            return Err(unknown());
        }
        actors.push(resolved);
        actor_names.push((*id, actor.name));
    }
    for id in &params.sources {
        match storage::get_source(db, *id).await {
            Ok(source) if source.situation_id == situation.id => {}
            Ok(_) | Err(StorageError::NotFound { .. }) => {
                return Err(AppError::NotFound(format!(
                    "no source {id} in this situation"
                )));
            }
            Err(other) => return Err(other.into()),
        }
    }
    let known_by = params.as_of.map(|day| match params.clock {
        TimelineClock::Recorded => KnownBy::Recorded(end_of_day(day).and_utc()),
        _ => KnownBy::Reported(end_of_day(day)),
    });
    let request = TimelineRequest {
        clock: params.clock,
        order: params.order,
        visibility: if shows_drafts {
            Visibility::All
        } else {
            crate::http::READER_VISIBILITY
        },
        filter: TimelineFilter {
            actors,
            kinds: params.kinds.clone(),
            sources: params.sources.clone(),
            review_states: if shows_drafts {
                params.states.clone()
            } else {
                Vec::new()
            },
            text: params.text.clone(),
            known_by,
            touched_after: params.since.map(|s| s.and_utc()),
        },
        after: params.cursor.clone(),
        limit: params.limit.unwrap_or(TIMELINE_PAGE_SIZE),
    };
    let page = storage::timeline_page(db, slug, &request)
        .await
        .map_err(|error| match error {
            StorageError::Invalid { message } => AppError::BadRequest(message),
            other => other.into(),
        })?;
    Ok(Timeline {
        situation,
        params,
        page,
        shows_drafts,
        actor_names,
    })
}

/// The time of an entry on a clock: its occurred or reported time, or the day it was
/// recorded.
pub fn clock_time(clock: TimelineClock, entry: &TimelineEntryRow) -> Option<When> {
    match clock {
        TimelineClock::Occurred => entry.claim.occurred.clone(),
        TimelineClock::Reported => entry.claim.reported.clone(),
        TimelineClock::Recorded => Some(minute_of(entry.claim.recorded_at)),
        TimelineClock::Touched => Some(minute_of(entry.touched_at)),
    }
}

/// A recorded moment as a time at minute precision.
fn minute_of(moment: DateTime<Utc>) -> When {
    let naive = moment.naive_utc();
    let start = naive.date().and_hms_opt(naive.hour(), naive.minute(), 0);
    match start
        .and_then(|s| When::new(Some(s), Some(s + Duration::minutes(1)), Precision::Minute).ok())
    {
        Some(when) => when,
        None => When::day(naive.date()),
    }
}

/// Where an entry is filed: a day, a band coarser than a day, or the undated claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineGroup {
    /// The heading: "Thursday 6 January 2022", "January 2022", "Undated".
    pub heading: String,
    /// The machine-readable start (`2022-01-06`, `2022-01`), absent for undated claims.
    pub datetime: Option<String>,
    /// Whether the group is a period coarser or longer than a day.
    pub band: bool,
    /// Whether the group holds the claims without a time on the clock.
    pub undated: bool,
    /// Positions of its entries on the page, in order.
    pub members: Vec<usize>,
}

/// Files a page's entries, already in timeline order, under their day or band. A group met
/// again later in the order (a day interrupted by a longer time that starts on it) joins its
/// first appearance, so each heading appears once on a page.
pub fn group_entries(clock: TimelineClock, entries: &[TimelineEntryRow]) -> Vec<TimelineGroup> {
    let mut groups: Vec<TimelineGroup> = Vec::new();
    let mut undated = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let Some(when) = clock_time(clock, entry) else {
            undated.push(i);
            continue;
        };
        let key = GroupKey::of(&when);
        let band = !is_within_one_day(&when);
        match groups.iter_mut().find(|g| g.heading == key.heading) {
            Some(group) => group.members.push(i),
            None => groups.push(TimelineGroup {
                heading: key.heading,
                datetime: key.datetime,
                band,
                undated: false,
                members: vec![i],
            }),
        }
    }
    if !undated.is_empty() {
        groups.push(TimelineGroup {
            heading: "Undated".to_string(),
            datetime: None,
            band: false,
            undated: true,
            members: undated,
        });
    }
    groups
}

fn is_within_one_day(when: &When) -> bool {
    match (when.earliest(), when.latest()) {
        (Some(start), Some(end)) => {
            !when.is_approximate()
                && when.precision() >= Precision::Day
                && (end - Duration::seconds(1)).date() == start.date()
        }
        _ => false,
    }
}

fn part_of_day(hour: u32) -> &'static str {
    match hour {
        5..=11 => "morning",
        12..=16 => "afternoon",
        17..=20 => "evening",
        _ => "night",
    }
}

/// A day without its year: "6 Jan".
fn short_day(date: NaiveDate) -> String {
    date.format("%-d %b").to_string()
}

/// A span of days without the year when both ends share it: "13–19 Jan", "30 Jan – 2 Feb",
/// "30 Dec 2021 – 2 Jan 2022".
fn short_days(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        short_day(first)
    } else if first.year() != last.year() {
        format!(
            "{} – {}",
            first.format("%-d %b %Y"),
            last.format("%-d %b %Y")
        )
    } else if first.month() != last.month() {
        format!("{} – {}", short_day(first), short_day(last))
    } else {
        format!("{}–{}", first.day(), short_day(last))
    }
}

/// A time as a timeline entry shows it, short because the day's heading carries the year:
/// "6 Jan", "c. 6 Jan" (approximate or inferred), "13–19 Jan", "evening of 12 Jan",
/// "12 Jan, 14:30", "January 2022", "since 2014".
pub fn short_when_label(when: &When) -> String {
    let hedge = if when.is_approximate() || when.is_inferred() {
        "c. "
    } else {
        ""
    };
    let label = match (when.earliest(), when.latest()) {
        (Some(start), Some(end)) => {
            let last = end - Duration::seconds(1);
            match when.precision() {
                Precision::Day | Precision::Week => short_days(start.date(), last.date()),
                Precision::PartOfDay => {
                    format!(
                        "{} of {}",
                        part_of_day(start.hour()),
                        short_day(start.date())
                    )
                }
                Precision::Hour | Precision::Minute | Precision::Second
                    if start.date() == last.date() =>
                {
                    let unit = match when.precision() {
                        Precision::Hour => Duration::hours(1),
                        _ => Duration::minutes(1),
                    };
                    if end - start <= unit {
                        format!("{}, {}", short_day(start.date()), start.format("%H:%M"))
                    } else {
                        format!(
                            "{}, {}–{}",
                            short_day(start.date()),
                            start.format("%H:%M"),
                            end.format("%H:%M")
                        )
                    }
                }
                _ => unhedged_label(when),
            }
        }
        _ => unhedged_label(when),
    };
    format!("{hedge}{label}")
}

/// The long label of a time without its "about", which the short label writes as "c.".
fn unhedged_label(when: &When) -> String {
    let label = crate::http::pages::format::when_label(when);
    match label.strip_prefix("about ") {
        Some(rest) => rest.to_string(),
        None => label,
    }
}

/// Why a date was inferred, in words: "inferred from the report date".
pub fn inference_note(when: &When) -> Option<String> {
    let basis = when.basis()?;
    Some(
        match basis {
            "report_date" => "inferred from the report date",
            "news_day" => "inferred from the day the report covers",
            "paragraph_time" => "inferred from the paragraph's date",
            "same_day" => "inferred: the same day as the sentence before",
            other => return Some(format!("inferred ({})", other.replace('_', " "))),
        }
        .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn short_labels_keep_their_precision() {
        let day = When::day(NaiveDate::from_ymd_opt(2022, 1, 6).unwrap());
        assert_eq!(short_when_label(&day), "6 Jan");
        assert_eq!(short_when_label(&day.clone().approximately()), "c. 6 Jan");
        let inferred = day.clone().inferred_by("report_date");
        assert_eq!(short_when_label(&inferred), "c. 6 Jan");
        assert_eq!(
            inference_note(&inferred).as_deref(),
            Some("inferred from the report date")
        );
        let range = When::new(
            Some(at(2022, 1, 13, 0)),
            Some(at(2022, 1, 20, 0)),
            Precision::Day,
        )
        .unwrap();
        assert_eq!(short_when_label(&range), "13–19 Jan");
        let evening = When::new(
            Some(at(2022, 1, 12, 18)),
            Some(at(2022, 1, 13, 0)),
            Precision::PartOfDay,
        )
        .unwrap();
        assert_eq!(short_when_label(&evening), "evening of 12 Jan");
        assert_eq!(
            short_when_label(&When::month(2022, 1).unwrap()),
            "January 2022"
        );
        let since = When::new(Some(at(2014, 1, 1, 0)), None, Precision::Year).unwrap();
        assert_eq!(short_when_label(&since), "since 2014");
    }

    #[test]
    fn query_strings_round_trip_and_refuse_nonsense() {
        let text = "clock=reported&order=newest&as_of=2022-01-12&since=2022-01-10T18:30\
                    &actor=3&actor=5&kind=statement&source=2&q=troops%20%26%20tanks";
        let params = TimelineParams::parse(Some(text)).unwrap();
        assert_eq!(params.clock, TimelineClock::Reported);
        assert_eq!(params.actors, vec![ActorId::new(3), ActorId::new(5)]);
        assert_eq!(params.text.as_deref(), Some("troops & tanks"));
        let again = TimelineParams::parse(Some(&params.query_string()[1..])).unwrap();
        assert_eq!(again, params);
        for nonsense in [
            "clock=later",
            "as_of=2022-1-12",
            "as_of=2022-02-30",
            "since=2022-01-12T25:00",
            "since=yesterday",
            "actor=tokayev",
            "kind=rumour",
            "limit=0",
            "limit=100000",
            "colour=red",
        ] {
            assert!(TimelineParams::parse(Some(nonsense)).is_err(), "{nonsense}");
        }
        // An empty form field is no filter at all.
        assert_eq!(
            TimelineParams::parse(Some("as_of=&q=&clock=")).unwrap(),
            TimelineParams::default()
        );
    }
}
