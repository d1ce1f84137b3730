//! `GET /situations/{slug}/lanes?actor=ID&actor=ID`: one row per actor (the most active ones
//! when none is chosen), each claim a mark at its date, a date known only roughly drawn as a
//! bar over its bounds, over a time axis whose ticks follow the span (days, weeks, months or
//! years). Also the chart builder the actor page uses for its own lane. The same data always
//! give the same drawing: coordinates are computed from the dates alone, in a fixed order.

use super::claims::{SituationTab, claim_source_href, situation_header};
use super::format::when_label;
use crate::domain::{ActorId, When};
use crate::http::auth::PageVisit;
use crate::http::{AppError, AppState, PageError, PagePath};
use crate::storage::{self, LanePoint, Visibility};
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use sitrep_templates::reader_view::{
    ActorChoiceView, LaneChartView, LaneMarkView, LaneRowView, LanesPageView, TickView,
};
use sitrep_templates::view::LinkView;
use std::collections::HashSet;

/// How many actors the chart draws when none are chosen.
pub const DEFAULT_LANES: usize = 12;
/// The most actors one chart draws.
pub const MAX_LANES: usize = 40;
/// The most marks one row draws one by one; past it, marks that would land on one already
/// drawn are left out (and counted).
const MAX_MARKS_PER_ROW: usize = 600;
/// The drawing's width, its label column and its row height, in SVG user units.
const WIDTH: f64 = 960.0;
const LABEL_WIDTH: f64 = 200.0;
const RIGHT_MARGIN: f64 = 24.0;
const ROW_HEIGHT: f64 = 34.0;
/// A time whose bounds are further apart than this is drawn as a bar, not a point.
const POINT_SPAN_HOURS: i64 = 36;

/// The page of an actor.
pub fn actor_href(id: ActorId) -> String {
    format!("/actors/{id}")
}

/// One actor's row before layout.
#[derive(Debug, Clone)]
pub struct LaneInput {
    /// The actor, linking to its page.
    pub actor: LinkView,
    /// Its claims, dated or not, in date order.
    pub points: Vec<LanePoint>,
}

/// The bounds a time is drawn between: both ends, or the one end known.
fn bounds(when: &When) -> Option<(NaiveDateTime, NaiveDateTime)> {
    match (when.earliest(), when.latest()) {
        (Some(a), Some(b)) => Some((a, b.max(a))),
        (Some(a), None) => Some((a, a)),
        (None, Some(b)) => Some((b, b)),
        (None, None) => None,
    }
}

fn seconds(at: NaiveDateTime) -> f64 {
    at.and_utc().timestamp() as f64
}

/// The axis: ticks at days, weeks, months or years, whichever gives a handful over the span.
fn ticks(start: NaiveDateTime, end: NaiveDateTime) -> Vec<NaiveDate> {
    let days = (end - start).num_days().max(1);
    let first = start.date();
    let last = end.date();
    let mut out = Vec::new();
    if days <= 16 {
        let step = if days <= 8 { 1 } else { 2 };
        let mut day = first + Duration::days(1);
        while day <= last {
            out.push(day);
            day += Duration::days(step);
        }
    } else if days <= 120 {
        let step = if days <= 70 { 7 } else { 14 };
        // Mondays.
        let mut day =
            first + Duration::days(i64::from((7 - first.weekday().num_days_from_monday()) % 7));
        if day == first {
            day += Duration::days(7);
        }
        while day <= last {
            out.push(day);
            day += Duration::days(step);
        }
    } else if days <= 366 * 4 {
        let months = days / 30;
        let step = match months {
            0..=12 => 1,
            13..=24 => 2,
            25..=36 => 3,
            _ => 6,
        };
        let mut year = first.year();
        let mut month = first.month();
        loop {
            month += 1;
            if month > 12 {
                month = 1;
                year += 1;
            }
            let Some(day) = NaiveDate::from_ymd_opt(year, month, 1) else {
                break;
            };
            if day > last {
                break;
            }
            if (month - 1).is_multiple_of(step) {
                out.push(day);
            }
        }
    } else {
        let years = i64::from(last.year() - first.year()).max(1);
        let step = (years / 10 + 1) as i32;
        let mut year = first.year() + 1;
        while let Some(day) = NaiveDate::from_ymd_opt(year, 1, 1) {
            if day > last {
                break;
            }
            if year.rem_euclid(step) == 0 {
                out.push(day);
            }
            year += 1;
        }
    }
    out
}

fn tick_label(day: NaiveDate, span_days: i64) -> String {
    if span_days <= 120 {
        day.format("%-d %b").to_string()
    } else if span_days <= 366 * 4 {
        if day.month() == 1 {
            day.format("%b %Y").to_string()
        } else {
            day.format("%b").to_string()
        }
    } else {
        day.format("%Y").to_string()
    }
}

/// Lays out the rows on one shared axis; `None` when no claim of any row is dated.
pub fn lane_chart(label: &str, rows: Vec<LaneInput>) -> Option<LaneChartView> {
    let dated = rows
        .iter()
        .flat_map(|row| row.points.iter())
        .filter_map(|p| p.occurred.as_ref().and_then(bounds));
    let (mut start, mut end) = dated.fold(
        None,
        |acc: Option<(NaiveDateTime, NaiveDateTime)>, (a, b)| {
            Some(match acc {
                None => (a, b),
                Some((s, e)) => (s.min(a), e.max(b)),
            })
        },
    )?;
    // A little room either side, and at least a day of axis.
    let pad = ((end - start) / 40).max(Duration::hours(12));
    start -= pad;
    end += pad;
    let plot_left = LABEL_WIDTH;
    let plot_right = WIDTH - RIGHT_MARGIN;
    let span = (seconds(end) - seconds(start)).max(1.0);
    let x = |at: NaiveDateTime| {
        plot_left + (seconds(at) - seconds(start)) / span * (plot_right - plot_left)
    };
    let span_days = (end - start).num_days();
    let ticks = ticks(start, end)
        .into_iter()
        .map(|day| TickView {
            x: x(day.and_hms_opt(0, 0, 0).unwrap_or_default()),
            label: tick_label(day, span_days),
        })
        .collect();
    let rows = rows
        .into_iter()
        .map(|row| {
            let count = row.points.len() as u64;
            let mut marks = Vec::new();
            let mut seen: HashSet<(i64, i64, String)> = HashSet::new();
            let mut hidden = 0;
            let crowded = row.points.len() > MAX_MARKS_PER_ROW;
            for point in row.points {
                let Some(when) = point.occurred.as_ref() else {
                    continue;
                };
                let Some((a, b)) = bounds(when) else { continue };
                let ranged = b - a > Duration::hours(POINT_SPAN_HOURS);
                let (mark_x, width) = if ranged {
                    let left = x(a);
                    (left, (x(b) - left).max(3.0))
                } else {
                    (x(a + (b - a) / 2), 0.0)
                };
                if crowded {
                    let key = (
                        (mark_x * 0.5).round() as i64,
                        width.round() as i64,
                        point.kind.as_str().to_string(),
                    );
                    if !seen.insert(key) {
                        hidden += 1;
                        continue;
                    }
                }
                marks.push(LaneMarkView {
                    x: mark_x,
                    width,
                    title: format!("{}: {}", when_label(when), point.text),
                    href: claim_source_href(point.source, point.claim),
                    kind: point.kind.as_str().to_string(),
                    approximate: when.is_approximate(),
                });
            }
            LaneRowView {
                actor: row.actor,
                count,
                marks,
                hidden,
            }
        })
        .collect();
    let day = |at: NaiveDateTime| at.date().format("%-d %b %Y").to_string();
    Some(LaneChartView {
        label: label.to_string(),
        width: WIDTH,
        plot_left,
        plot_right,
        row_height: ROW_HEIGHT,
        rows,
        ticks,
        span_label: format!("{} – {}", day(start + pad), day(end - pad)),
    })
}

/// The actors asked for with `actor=ID` (repeatable); a 400 for anything that is not an id.
fn chosen_actors(raw: Option<&str>) -> Result<Vec<ActorId>, AppError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
        .map_err(|e| AppError::BadRequest(format!("malformed query: {e}")))?;
    let mut chosen = Vec::new();
    for (name, value) in pairs {
        match name.as_str() {
            "actor" => {
                if value.is_empty() {
                    continue;
                }
                let id: i64 = value.parse().map_err(|_| {
                    AppError::BadRequest(format!("actor must be an actor's id, not {value:?}"))
                })?;
                let id = ActorId::new(id);
                if !chosen.contains(&id) {
                    chosen.push(id);
                }
            }
            other => {
                return Err(AppError::BadRequest(format!(
                    "unknown query parameter {other:?}; the lanes take actor=ID"
                )));
            }
        }
    }
    if chosen.len() > MAX_LANES {
        return Err(AppError::BadRequest(format!(
            "at most {MAX_LANES} actors can be drawn at once"
        )));
    }
    Ok(chosen)
}

/// Which claims a visitor sees on the reader's pages.
pub fn reader_visibility(visit: &PageVisit) -> Visibility {
    if visit.user.as_ref().is_some_and(|u| u.is_analyst()) {
        Visibility::Unrejected
    } else {
        crate::http::READER_VISIBILITY
    }
}

/// The lanes page.
pub async fn show_lanes_page(
    State(state): State<AppState>,
    visit: PageVisit,
    PagePath(slug): PagePath<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let chosen = chosen_actors(raw.as_deref())?;
    let situation = storage::get_situation(&state.db, &slug).await?;
    let visibility = reader_visibility(&visit);
    let activity = storage::actor_activity(&state.db, situation.id, visibility).await?;
    // A chosen actor without claims gets an empty row; one of another situation (or none) is
    // the visitor's mistake.
    let mut activity = activity;
    for id in &chosen {
        if activity.iter().any(|a| a.id == *id) {
            continue;
        }
        let unknown =
            || AppError::BadRequest(format!("actor {id} is not an actor of this situation"));
        match storage::actor_situation(&state.db, *id).await {
            Ok(owner) if owner == situation.id => {
                let actor = storage::get_actor(&state.db, *id).await?;
                activity.push(storage::ActorActivity {
                    id: *id,
                    name: actor.name,
                    claims: 0,
                });
            }
            Ok(_) | Err(storage::StorageError::NotFound { .. }) => return Err(unknown().into()),
            Err(other) => return Err(AppError::from(other).into()),
        }
    }
    let drawn: Vec<ActorId> = if chosen.is_empty() {
        activity.iter().take(DEFAULT_LANES).map(|a| a.id).collect()
    } else {
        chosen
    };
    let points = storage::lane_points(&state.db, situation.id, &drawn, visibility).await?;
    let undated = points.iter().filter(|p| p.occurred.is_none()).count() as u64;
    let rows: Vec<LaneInput> = drawn
        .iter()
        .filter_map(|id| activity.iter().find(|a| a.id == *id))
        .map(|actor| LaneInput {
            actor: LinkView {
                label: actor.name.clone(),
                href: actor_href(actor.id),
            },
            points: points
                .iter()
                .filter(|p| p.actor == actor.id)
                .cloned()
                .collect(),
        })
        .collect();
    let chart = lane_chart(
        &format!("Claims of each actor over time in {}", situation.title),
        rows,
    );
    let view = LanesPageView {
        header: situation_header(&situation, SituationTab::Lanes),
        chart,
        choices: activity
            .iter()
            .map(|a| ActorChoiceView {
                id: a.id.to_string(),
                label: format!("{} ({})", a.name, a.claims),
                chosen: drawn.contains(&a.id),
            })
            .collect(),
        undated,
        action: format!("/situations/{}/lanes", situation.slug),
    };
    Ok(sitrep_templates::reader::lanes_page(&visit.context(), &view).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
    }

    #[test]
    fn ticks_follow_the_span() {
        let days = ticks(at(2022, 1, 1), at(2022, 1, 8));
        assert_eq!(days.len(), 7);
        let weeks = ticks(at(2022, 1, 1), at(2022, 2, 28));
        assert!(
            weeks.iter().all(|d| d.weekday() == chrono::Weekday::Mon),
            "{weeks:?}"
        );
        assert!((6..=9).contains(&weeks.len()), "{weeks:?}");
        let months = ticks(at(2022, 1, 15), at(2022, 12, 20));
        assert!(months.iter().all(|d| d.day() == 1));
        assert_eq!(months.len(), 11);
        let years = ticks(at(1990, 6, 1), at(2024, 6, 1));
        assert!(years.iter().all(|d| d.ordinal() == 1));
        assert!(years.len() <= 12, "{years:?}");
    }

    #[test]
    fn actors_are_read_from_the_query() {
        assert_eq!(
            chosen_actors(Some("actor=3&actor=5&actor=3&actor=")).unwrap(),
            vec![ActorId::new(3), ActorId::new(5)]
        );
        assert!(chosen_actors(Some("actor=x")).is_err());
        assert!(chosen_actors(Some("clock=now")).is_err());
        assert!(chosen_actors(None).unwrap().is_empty());
    }
}
