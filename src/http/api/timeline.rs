//! `GET /api/v1/situations/{slug}/timeline`: the JSON twin of the timeline page, with the same
//! query string (clock, order, as-of, since, filters, cursor) and the same grouping.

use super::time::WhenBody;
use crate::http::auth::CurrentUser;
use crate::http::pages::claims::claim_source_href;
use crate::http::pages::timeline::actor_href;
use crate::http::timeline::{
    TimelineParams, clock_time, group_entries, inference_note, load_timeline, short_when_label,
    since_param,
};
use crate::http::{AppError, AppJson, AppPath, AppState, ErrorBody};
use axum::extract::{RawQuery, State};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Routes of this resource.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_timeline))
}

/// An actor on a timeline entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineActorBody {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its part in the claim.
    pub role: String,
    /// Its page.
    pub href: String,
}

/// A standing dispute of an entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineDisputeBody {
    /// The dispute's id.
    pub id: i64,
    /// Why, in the analyst's words.
    pub reason: String,
    /// The claim on the other side.
    pub claim_id: i64,
    /// Its text, when the caller may see it.
    pub claim_text: Option<String>,
    /// Its permalink, when the caller may see it.
    pub claim_permalink: Option<String>,
}

/// One claim on the timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineEntryBody {
    /// The claim's id.
    pub id: i64,
    /// The claim in its own words.
    pub text: String,
    /// Statement, event, assessment or prediction.
    pub kind: String,
    /// Asserted, reported, denied or hypothetical.
    pub modality: String,
    /// Draft, accepted or rejected.
    pub review_state: String,
    /// The date on the view's clock, short ("c. 6 Jan", "evening of 12 Jan"); `null` when the
    /// claim has none on this clock.
    pub date_label: Option<String>,
    /// Why that date was inferred, when it was ("inferred from the report date").
    pub inferred: Option<String>,
    /// Who said it.
    pub speaker: Option<TimelineActorBody>,
    /// Every actor involved, speaker included.
    pub actors: Vec<TimelineActorBody>,
    /// When it happened or was said.
    pub occurred: Option<WhenBody>,
    /// When it was reported.
    pub reported: Option<WhenBody>,
    /// When Sitrep recorded it (UTC).
    pub recorded_at: DateTime<Utc>,
    /// When the caller could first see it (UTC).
    pub first_seen: DateTime<Utc>,
    /// When it last changed (UTC).
    pub updated_at: DateTime<Utc>,
    /// The source's id.
    pub source_id: i64,
    /// The source's title.
    pub source_title: Option<String>,
    /// The sentence highlighted in its source.
    pub permalink: String,
    /// Whether a standing dispute marks it.
    pub disputed: bool,
    /// Its standing disputes.
    pub disputes: Vec<TimelineDisputeBody>,
    /// `new` or `changed`, on a view with `since`.
    pub change: Option<String>,
}

/// A day or a coarser band.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineGroupBody {
    /// "Thursday 6 January 2022", "January 2022", "Undated".
    pub heading: String,
    /// Its machine-readable start (`2022-01-06`, `2022-01`), `null` for undated claims.
    pub date: Option<String>,
    /// Whether it is a period longer than a day.
    pub band: bool,
    /// Whether it holds the claims without a time on the clock.
    pub undated: bool,
    /// Its claims, in order.
    pub entries: Vec<TimelineEntryBody>,
}

/// The view a timeline page shows.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineViewBody {
    /// `occurred`, `reported` or `recorded`.
    pub clock: String,
    /// `oldest` or `newest`.
    pub order: String,
    /// The as-of day, when set.
    pub as_of: Option<String>,
    /// The since moment, when set.
    pub since: Option<String>,
    /// Whether drafts and rejected claims are included.
    pub drafts: bool,
    /// The query string of this view (without cursor), for links.
    pub query: String,
}

/// One page of a situation's timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineBody {
    /// The situation's slug.
    pub situation: String,
    /// Its title.
    pub title: String,
    /// The view.
    pub view: TimelineViewBody,
    /// The days and bands, in order; undated claims last.
    pub groups: Vec<TimelineGroupBody>,
    /// Pass as `cursor` (with the same query) for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
    /// The next page's URL, when there is one.
    pub next: Option<String>,
}

/// A situation's timeline, a page at a time: the claims readers may see (analysts: any review
/// state, with `state`), grouped by day, periods coarser than a day in their own band at the
/// start of the period, undated claims last.
#[utoipa::path(
    get,
    path = "/situations/{slug}/timeline",
    tag = "claims",
    params(
        ("slug" = String, Path, description = "The situation's slug", example = "kazakhstan-2022"),
        ("clock" = Option<String>, Query, description = "occurred (default), reported or recorded"),
        ("order" = Option<String>, Query, description = "oldest (default) or newest"),
        ("as_of" = Option<String>, Query, description = "YYYY-MM-DD: only what had been reported (recorded, with clock=recorded) by the end of that day"),
        ("since" = Option<String>, Query, description = "YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC): only claims added or changed after then, each marked new or changed"),
        ("actor" = Option<Vec<i64>>, Query, description = "Repeatable: claims involving every one of these actors"),
        ("kind" = Option<Vec<String>>, Query, description = "Repeatable: statement, event, assessment, prediction"),
        ("source" = Option<Vec<i64>>, Query, description = "Repeatable: claims from any of these sources"),
        ("state" = Option<Vec<String>>, Query, description = "Repeatable, analysts only: draft, accepted, rejected"),
        ("q" = Option<String>, Query, description = "Words the claim's text contains"),
        ("cursor" = Option<String>, Query, description = "The next_cursor of the page before"),
        ("limit" = Option<u64>, Query, description = "Claims per page, 1 to 500 (default 100)"),
    ),
    responses(
        (status = 200, description = "One page of the timeline", body = TimelineBody),
        (status = 400, description = "A bad clock, order, date, cursor or parameter", body = ErrorBody),
        (status = 403, description = "A reader asked for drafts or rejected claims", body = ErrorBody),
        (status = 404, description = "No such situation, or an unknown actor or source", body = ErrorBody),
    )
)]
async fn get_timeline(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    AppPath(slug): AppPath<String>,
    RawQuery(query): RawQuery,
) -> Result<AppJson<TimelineBody>, AppError> {
    let params = TimelineParams::parse(query.as_deref())?;
    let timeline = load_timeline(&state.db, &slug, params, user.as_ref()).await?;
    let clock = timeline.params.clock;
    let entries = &timeline.page.entries;
    let groups = group_entries(clock, entries)
        .into_iter()
        .map(|group| TimelineGroupBody {
            heading: group.heading,
            date: group.datetime,
            band: group.band,
            undated: group.undated,
            entries: group
                .members
                .into_iter()
                .map(|i| {
                    let entry = &entries[i];
                    let claim = &entry.claim;
                    let when = clock_time(clock, entry);
                    TimelineEntryBody {
                        id: claim.id.get(),
                        text: claim.text.clone(),
                        kind: claim.kind.as_str().to_string(),
                        modality: claim.modality.as_str().to_string(),
                        review_state: claim.review_state.as_str().to_string(),
                        date_label: when.as_ref().map(short_when_label),
                        inferred: when.as_ref().and_then(inference_note),
                        speaker: claim.speaker.as_ref().map(|s| TimelineActorBody {
                            id: s.id.get(),
                            name: s.name.clone(),
                            role: "speaker".to_string(),
                            href: actor_href(s.id),
                        }),
                        actors: claim
                            .actors
                            .iter()
                            .map(|a| TimelineActorBody {
                                id: a.id.get(),
                                name: a.name.clone(),
                                role: a.role.as_str().to_string(),
                                href: actor_href(a.id),
                            })
                            .collect(),
                        occurred: claim.occurred.as_ref().map(WhenBody::from),
                        reported: claim.reported.as_ref().map(WhenBody::from),
                        recorded_at: claim.recorded_at,
                        first_seen: entry.first_seen,
                        updated_at: entry.touched_at,
                        source_id: claim.source.id.get(),
                        source_title: claim.source.title.clone(),
                        permalink: claim_source_href(claim.source.id, claim.id),
                        disputed: !entry.disputes.is_empty(),
                        disputes: entry
                            .disputes
                            .iter()
                            .map(|d| TimelineDisputeBody {
                                id: d.id.get(),
                                reason: d.reason.clone(),
                                claim_id: d.other.get(),
                                claim_text: d.other_claim.as_ref().map(|(t, _)| t.clone()),
                                claim_permalink: d
                                    .other_claim
                                    .as_ref()
                                    .map(|(_, s)| claim_source_href(*s, d.other)),
                            })
                            .collect(),
                        change: timeline.mark_of(entry).map(|m| m.as_str().to_string()),
                    }
                })
                .collect(),
        })
        .collect();
    let params = &timeline.params;
    let next = timeline.page.next_cursor.as_ref().map(|cursor| {
        format!(
            "/api/v1/situations/{}/timeline{}",
            timeline.situation.slug,
            params.query_string_at(cursor)
        )
    });
    Ok(AppJson(TimelineBody {
        situation: timeline.situation.slug.clone(),
        title: timeline.situation.title.clone(),
        view: TimelineViewBody {
            clock: params.clock.as_str().to_string(),
            order: params.order.as_str().to_string(),
            as_of: params.as_of.map(|d| d.format("%Y-%m-%d").to_string()),
            since: params.since.map(since_param),
            drafts: timeline.shows_drafts,
            query: params.query_string(),
        },
        groups,
        next_cursor: timeline.page.next_cursor.clone(),
        next,
    }))
}
