//! `GET /situations/{slug}`: the reader's timeline page, over [`crate::http::timeline`]. It
//! remembers the visitor's last visit in a cookie (no account needed) and offers what's new
//! since then.

use super::claims::{SituationTab, claim_source_href, situation_header};
use super::format::{day_label, machine_datetime, timestamp_label};
use super::situations::situation_href;
use super::source_text::claim_anchor;
use crate::domain::{ClaimKind, MentionRole, ReviewState};
use crate::http::auth::PageVisit;
use crate::http::timeline::{
    ChangeMark, Timeline, TimelineParams, clock_time, group_entries, inference_note, load_timeline,
    short_when_label, since_param,
};
use crate::http::{AppState, PageError, PagePath};
use crate::storage::{self, TimelineClock, TimelineEntryRow, TimelineOrder};
use axum::Extension;
use axum::extract::{RawQuery, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, NaiveDateTime};
use sitrep_templates::timeline::{
    ChoiceView, DisputeView, TimelineEntryView, TimelineFormView, TimelineGroupView, TimelineView,
};
use sitrep_templates::view::LinkView;

/// The cookie that remembers a visitor's visits to one situation's timeline.
pub const VISIT_COOKIE: &str = "sitrep_visit";

/// A visit closer than this to the one before is the same visit.
const SAME_VISIT: i64 = 30;

/// The href of an actor's page.
pub fn actor_href(id: crate::domain::ActorId) -> String {
    format!("/actors/{id}")
}

fn clock_label(clock: TimelineClock) -> &'static str {
    match clock {
        TimelineClock::Occurred => "Occurred",
        TimelineClock::Reported => "Reported",
        TimelineClock::Recorded => "Recorded",
        TimelineClock::Touched => "Changed",
    }
}

/// An entry as the page shows it.
pub fn entry_view(
    timeline: &Timeline,
    entry: &TimelineEntryRow,
    mark: Option<ChangeMark>,
) -> TimelineEntryView {
    let clock = timeline.params.clock;
    let claim = &entry.claim;
    let when = clock_time(clock, entry);
    let speaker_id = claim.speaker.as_ref().map(|s| s.id);
    let mut shown = std::collections::HashSet::new();
    let mut other_clocks = Vec::new();
    if clock != TimelineClock::Occurred {
        other_clocks.push(match &claim.occurred {
            Some(w) => format!("Occurred {}", super::format::when_label(w)),
            None => "Occurred: undated".to_string(),
        });
    }
    if clock != TimelineClock::Reported
        && let Some(reported) = &claim.reported
    {
        other_clocks.push(format!("Reported {}", super::format::when_label(reported)));
    }
    if clock != TimelineClock::Recorded {
        other_clocks.push(format!("Recorded {}", timestamp_label(claim.recorded_at)));
    }
    TimelineEntryView {
        anchor: claim_anchor(claim.id),
        text: claim.text.clone(),
        kind: claim.kind.as_str().to_string(),
        modality: claim.modality.as_str().to_string(),
        review_state: claim.review_state.as_str().to_string(),
        date: when.as_ref().map(short_when_label),
        datetime: when.as_ref().and_then(machine_datetime),
        date_title: when.as_ref().map(|w| {
            format!(
                "{}: {} (precision: {})",
                clock_label(clock),
                super::format::when_label(w),
                w.precision().as_str().replace('_', " ")
            )
        }),
        inferred: when.as_ref().and_then(inference_note),
        words: when
            .as_ref()
            .and_then(|w| w.words())
            .map(str::to_string)
            .filter(|w| {
                // Words that only repeat the label say nothing more.
                let repeats = when.as_ref().is_some_and(|t| {
                    w.eq_ignore_ascii_case(&super::format::when_label(t))
                        || w.eq_ignore_ascii_case(&short_when_label(t))
                });
                !w.trim().is_empty() && !repeats
            }),
        speaker: claim.speaker.as_ref().map(|s| LinkView {
            label: s.name.clone(),
            href: actor_href(s.id),
        }),
        actors: claim
            .actors
            .iter()
            .filter(|a| a.role != MentionRole::Speaker && Some(a.id) != speaker_id)
            .filter(|a| shown.insert(a.id))
            .map(|a| LinkView {
                label: a.name.clone(),
                href: actor_href(a.id),
            })
            .collect(),
        other_clocks,
        source: LinkView {
            label: claim
                .source
                .title
                .clone()
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| format!("source {}", claim.source.id)),
            href: claim_source_href(claim.source.id, claim.id),
        },
        claim_href: format!("/claims/{}", claim.id),
        disputes: entry
            .disputes
            .iter()
            .map(|d| DisputeView {
                reason: d.reason.clone(),
                other: d.other_claim.as_ref().map(|(text, source)| LinkView {
                    label: text.clone(),
                    href: claim_source_href(*source, d.other),
                }),
            })
            .collect(),
        mark: mark.map(|m| m.as_str().to_string()),
    }
}

/// The groups of a page as the page shows them.
pub fn group_views(timeline: &Timeline) -> Vec<TimelineGroupView> {
    let entries = &timeline.page.entries;
    group_entries(timeline.params.clock, entries)
        .into_iter()
        .map(|group| TimelineGroupView {
            id: group_id(group.datetime.as_deref(), &group.heading, group.band),
            heading: group.heading,
            datetime: group.datetime,
            band: group.band,
            entries: group
                .members
                .into_iter()
                .map(|i| {
                    let entry = &entries[i];
                    entry_view(timeline, entry, timeline.mark_of(entry))
                })
                .collect(),
        })
        .collect()
}

fn group_id(datetime: Option<&str>, heading: &str, band: bool) -> String {
    let key = if band {
        heading
    } else {
        datetime.unwrap_or(heading)
    };
    let slug: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("on-{slug}")
}

fn choice(label: &str, value: &str, selected: bool) -> ChoiceView {
    ChoiceView {
        label: label.to_string(),
        value: value.to_string(),
        selected,
    }
}

/// The visits remembered in the cookie: the one before this one, and this one's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Visits {
    previous: Option<NaiveDateTime>,
    current: NaiveDateTime,
}

const VISIT_TIME: &str = "%Y-%m-%dT%H:%M";

impl Visits {
    fn read(value: Option<&str>) -> Option<Visits> {
        let value = value?;
        let (previous, current) = value.split_once('~')?;
        let parse = |t: &str| NaiveDateTime::parse_from_str(t, VISIT_TIME).ok();
        Some(Visits {
            previous: if previous.is_empty() {
                None
            } else {
                Some(parse(previous)?)
            },
            current: parse(current)?,
        })
    }

    fn write(self) -> String {
        format!(
            "{}~{}",
            self.previous
                .map(|p| p.format(VISIT_TIME).to_string())
                .unwrap_or_default(),
            self.current.format(VISIT_TIME)
        )
    }

    /// The visits after one at `now`: a new visit when the last began long enough ago.
    fn after(stored: Option<Visits>, now: NaiveDateTime) -> Visits {
        match stored {
            Some(v) if now - v.current < Duration::minutes(SAME_VISIT) && now >= v.current => v,
            Some(v) => Visits {
                previous: Some(v.current),
                current: now,
            },
            None => Visits {
                previous: None,
                current: now,
            },
        }
    }
}

fn cookie_value<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The page's view of a loaded timeline.
pub async fn timeline_view(
    state: &AppState,
    timeline: &Timeline,
    analyst: bool,
    last_visit: Option<NaiveDateTime>,
) -> Result<TimelineView, PageError> {
    let params = &timeline.params;
    let slug = &timeline.situation.slug;
    let href = situation_href(slug);
    let with = |p: &TimelineParams| format!("{href}{}", p.query_string());
    let actors = storage::actors_of(&state.db, timeline.situation.id).await?;
    let sources = storage::sources_of(&state.db, timeline.situation.id).await?;

    let clock_links = [
        TimelineClock::Occurred,
        TimelineClock::Reported,
        TimelineClock::Recorded,
    ]
    .into_iter()
    .map(|clock| {
        let mut p = params.clone();
        p.clock = clock;
        choice(clock_label(clock), &with(&p), clock == params.clock)
    })
    .collect();
    let mut reversed = params.clone();
    reversed.order = match params.order {
        TimelineOrder::OldestFirst => TimelineOrder::NewestFirst,
        TimelineOrder::NewestFirst => TimelineOrder::OldestFirst,
    };
    let order_link = LinkView {
        label: match params.order {
            TimelineOrder::OldestFirst => "Newest first".to_string(),
            TimelineOrder::NewestFirst => "Oldest first".to_string(),
        },
        href: with(&reversed),
    };

    let form = TimelineFormView {
        action: href.clone(),
        clocks: [
            TimelineClock::Occurred,
            TimelineClock::Reported,
            TimelineClock::Recorded,
        ]
        .into_iter()
        .map(|c| choice(clock_label(c), c.as_str(), c == params.clock))
        .collect(),
        orders: vec![
            choice(
                "Oldest first",
                "oldest",
                params.order == TimelineOrder::OldestFirst,
            ),
            choice(
                "Newest first",
                "newest",
                params.order == TimelineOrder::NewestFirst,
            ),
        ],
        as_of: params
            .as_of
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        since: params.since.map(since_param).unwrap_or_default(),
        actors: actors
            .iter()
            .filter(|a| a.review_state != ReviewState::Rejected)
            .map(|a| choice(&a.name, &a.id.to_string(), params.actors.contains(&a.id)))
            .collect(),
        kinds: [
            ClaimKind::Statement,
            ClaimKind::Event,
            ClaimKind::Assessment,
            ClaimKind::Prediction,
        ]
        .into_iter()
        .map(|k| choice(k.as_str(), k.as_str(), params.kinds.contains(&k)))
        .collect(),
        sources: sources
            .iter()
            .map(|s| {
                choice(
                    s.title
                        .as_deref()
                        .filter(|t| !t.trim().is_empty())
                        .unwrap_or("Untitled source"),
                    &s.id.to_string(),
                    params.sources.contains(&s.id),
                )
            })
            .collect(),
        states: if analyst {
            [
                ReviewState::Draft,
                ReviewState::Accepted,
                ReviewState::Rejected,
            ]
            .into_iter()
            .map(|s| choice(s.as_str(), s.as_str(), params.states.contains(&s)))
            .collect()
        } else {
            Vec::new()
        },
        text: params.text.clone().unwrap_or_default(),
    };

    let mut active_filters = Vec::new();
    let mut remove = |label: String, change: &dyn Fn(&mut TimelineParams)| {
        let mut p = params.clone();
        change(&mut p);
        active_filters.push(LinkView {
            label,
            href: with(&p),
        });
    };
    if let Some(day) = params.as_of {
        remove(format!("Known as of {}", day_label(day)), &|p| {
            p.as_of = None
        });
    }
    if let Some(since) = params.since {
        remove(format!("New since {}", since_label(since)), &|p| {
            p.since = None
        });
    }
    for (id, name) in &timeline.actor_names {
        let id = *id;
        remove(format!("Actor: {name}"), &move |p| {
            p.actors.retain(|a| *a != id)
        });
    }
    for kind in &params.kinds {
        let kind = *kind;
        remove(format!("Kind: {}", kind.as_str()), &move |p| {
            p.kinds.retain(|k| *k != kind)
        });
    }
    for source in &params.sources {
        let source = *source;
        let title = sources
            .iter()
            .find(|s| s.id == source)
            .and_then(|s| s.title.clone())
            .unwrap_or_else(|| format!("source {source}"));
        remove(format!("Source: {title}"), &move |p| {
            p.sources.retain(|s| *s != source)
        });
    }
    for state in &params.states {
        let state = *state;
        remove(format!("Review: {}", state.as_str()), &move |p| {
            p.states.retain(|s| *s != state)
        });
    }
    if let Some(text) = &params.text {
        remove(format!("Words: \u{201c}{text}\u{201d}"), &|p| p.text = None);
    }

    let as_of_banner = params.as_of.map(|day| {
        let what = match params.clock {
            TimelineClock::Recorded => "recorded in Sitrep",
            _ => "reported",
        };
        format!(
            "Known as of {}: only what had been {what} by the end of that day.",
            day_label(day)
        )
    });
    let since_banner = params.since.map(|since| {
        let (new, changed) = timeline
            .page
            .entries
            .iter()
            .fold((0, 0), |(n, c), e| match timeline.mark_of(e) {
                Some(ChangeMark::New) => (n + 1, c),
                _ => (n, c + 1),
            });
        format!(
            "What's new since {} (UTC): {new} new and {changed} changed on this page.",
            since_label(since)
        )
    });
    let last_visit = last_visit
        .filter(|_| params.since.is_none())
        .map(|previous| {
            let mut p = params.clone();
            p.since = Some(previous);
            LinkView {
                label: format!(
                    "What's new since your last visit ({} UTC)",
                    since_label(previous)
                ),
                href: with(&p),
            }
        });

    let next_page = timeline.page.next_cursor.as_ref().map(|cursor| LinkView {
        label: "Next page".to_string(),
        href: format!("{href}{}", params.query_string_at(cursor)),
    });
    let first_page = params.cursor.as_ref().map(|_| LinkView {
        label: "First page".to_string(),
        href: with(params),
    });
    let query = params.query_string();
    let downloads = vec![
        LinkView {
            label: "Atom feed of new and changed claims".to_string(),
            href: format!("{href}/feed.atom{query}"),
        },
        LinkView {
            label: "TimelineJS export (JSON)".to_string(),
            href: format!("{href}/export/timelinejs.json{query}"),
        },
        LinkView {
            label: "CSV export".to_string(),
            href: format!("{href}/export/timeline.csv{query}"),
        },
        LinkView {
            label: "This view as JSON".to_string(),
            href: format!("/api/v1/situations/{slug}/timeline{query}"),
        },
    ];
    let summary = format!(
        "{} clock, {}{}.",
        clock_label(params.clock),
        match params.order {
            TimelineOrder::OldestFirst => "oldest first",
            TimelineOrder::NewestFirst => "newest first",
        },
        if timeline.shows_drafts {
            "; drafts and rejected claims included"
        } else {
            ""
        }
    );
    Ok(TimelineView {
        header: situation_header(&timeline.situation, SituationTab::Claims),
        summary,
        clock_links,
        order_link,
        form,
        as_of_banner,
        since_banner,
        active_filters,
        last_visit,
        groups: group_views(timeline),
        next_page,
        first_page,
        downloads,
    })
}

/// "12 Jan 2022" or "12 Jan 2022, 18:30".
fn since_label(since: NaiveDateTime) -> String {
    if since.time() == chrono::NaiveTime::MIN {
        day_label(since.date())
    } else {
        format!("{}, {}", day_label(since.date()), since.format("%H:%M"))
    }
}

/// The timeline page.
pub async fn show_timeline_page(
    State(state): State<AppState>,
    visit: PageVisit,
    last_visit: Option<Extension<LastVisit>>,
    PagePath(slug): PagePath<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let params = TimelineParams::parse(query.as_deref())?;
    let timeline = load_timeline(&state.db, &slug, params, visit.user.as_ref()).await?;
    let analyst = visit.user.as_ref().is_some_and(|u| u.is_analyst());
    let previous = last_visit.and_then(|Extension(LastVisit(previous))| previous);
    let view = timeline_view(&state, &timeline, analyst, previous).await?;
    Ok(sitrep_templates::timeline_page(&visit.context(), &view).into_response())
}

/// When the visitor's previous visit to a situation's timeline began, as [`remember_visit`]
/// read it from the visit cookie: the page offers what is new since then, and the page cache
/// keeps one copy per value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastVisit(pub Option<NaiveDateTime>);

/// The path of a situation's timeline page, `/situations/{slug}`, and nothing below it.
fn is_timeline_page(path: &str) -> bool {
    path.strip_prefix("/situations/")
        .is_some_and(|slug| !slug.is_empty() && !slug.contains('/'))
}

/// Middleware around the timeline page, outside the page cache: reads the visit cookie, hands
/// the page its [`LastVisit`], and when the page is served writes the cookie back if a new
/// visit began. A page answered from the cache remembers the visit all the same.
pub async fn remember_visit(mut request: Request, next: Next) -> Response {
    if request.method() != Method::GET || !is_timeline_page(request.uri().path()) {
        return next.run(request).await;
    }
    let path = request.uri().path().to_string();
    let stored = Visits::read(cookie_value(request.headers(), VISIT_COOKIE));
    let visits = Visits::after(stored, storage::now().naive_utc());
    request.extensions_mut().insert(LastVisit(visits.previous));
    let mut response = next.run(request).await;
    if response.status() == StatusCode::OK && stored != Some(visits) {
        let cookie = format!(
            "{VISIT_COOKIE}={}; Path={path}; Max-Age=31536000; HttpOnly; SameSite=Lax",
            visits.write(),
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 2)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn a_visit_starts_after_half_an_hour_away() {
        let first = Visits::after(None, at(9, 0));
        assert_eq!(first.previous, None);
        let same = Visits::after(Some(first), at(9, 20));
        assert_eq!(same, first);
        let next = Visits::after(Some(first), at(14, 0));
        assert_eq!(next.previous, Some(at(9, 0)));
        assert_eq!(next.current, at(14, 0));
        assert_eq!(Visits::read(Some(&next.write())), Some(next));
        assert_eq!(Visits::read(Some("garbage")), None);
        assert_eq!(Visits::read(Some("~2026-13-01T00:00")), None);
    }
}
