//! `GET /actors/{id}`: an actor's names and aliases, parent and members, roles over time, its
//! lane, and the claims it made and the claims about it (published ones for readers). A merged
//! actor's page redirects to the actor it was merged into.

use super::claims::{SituationTab, claim_view, situation_header};
use super::format::when_label;
use super::lanes::{LaneInput, actor_href, lane_chart, reader_visibility};
use crate::domain::{ActorId, ReviewState};
use crate::http::auth::PageVisit;
use crate::http::{AppError, AppState, PageError, PagePath};
use crate::storage::{self, ActorRow, RoleRow};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use sitrep_templates::reader_view::{ActorPageView, RoleView};
use sitrep_templates::view::LinkView;

/// How many claims each list of the actor page shows.
pub const ACTOR_CLAIMS_SHOWN: u64 = 50;

/// "from 2019", "until 2024", "2019 – 2024", or empty.
pub fn role_period(role: &RoleRow) -> String {
    match (&role.valid_from, &role.valid_to) {
        (Some(from), Some(to)) => format!("{} – {}", when_label(from), when_label(to)),
        (Some(from), None) => format!("from {}", when_label(from)),
        (None, Some(to)) => format!("until {}", when_label(to)),
        (None, None) => String::new(),
    }
}

/// The actor a request names, or the redirect to its survivor when it was merged; readers do
/// not see actors an analyst rejected.
pub(crate) async fn standing_actor(
    state: &AppState,
    id: ActorId,
    analyst: bool,
) -> Result<Result<ActorRow, ActorId>, AppError> {
    let resolved = storage::resolve_actor(&state.db, id).await?;
    if resolved != id {
        return Ok(Err(resolved));
    }
    let actor = storage::get_actor(&state.db, id).await?;
    if actor.review_state == ReviewState::Rejected && !analyst {
        return Err(AppError::NotFound(format!("no actor {id}")));
    }
    Ok(Ok(actor))
}

/// The actor page.
pub async fn show_actor_page(
    State(state): State<AppState>,
    visit: PageVisit,
    PagePath(id): PagePath<ActorId>,
) -> Result<Response, PageError> {
    let analyst = visit.user.as_ref().is_some_and(|u| u.is_analyst());
    let actor = match standing_actor(&state, id, analyst).await? {
        Ok(actor) => actor,
        Err(survivor) => return Ok(Redirect::temporary(&actor_href(survivor)).into_response()),
    };
    let situation_id = storage::actor_situation(&state.db, id).await?;
    let slug = storage::situation_slug(&state.db, situation_id).await?;
    let situation = storage::get_situation(&state.db, &slug).await?;
    let visibility = reader_visibility(&visit);
    let claims = storage::actor_claims(&state.db, id, visibility, ACTOR_CLAIMS_SHOWN).await?;
    let children = storage::actors_of(&state.db, situation_id)
        .await?
        .into_iter()
        .filter(|a| a.parent.as_ref().is_some_and(|p| p.id == id))
        .filter(|a| analyst || a.review_state != ReviewState::Rejected)
        .map(|a| LinkView {
            label: a.name,
            href: actor_href(a.id),
        })
        .collect();
    let points = storage::lane_points(&state.db, situation_id, &[id], visibility).await?;
    let lane = lane_chart(
        &format!("Claims of {} over time", actor.name),
        vec![LaneInput {
            actor: LinkView {
                label: actor.name.clone(),
                href: actor_href(id),
            },
            points,
        }],
    );
    let view = ActorPageView {
        header: situation_header(&situation, SituationTab::None),
        kind: actor.kind.as_str().to_string(),
        review_note: match actor.review_state {
            ReviewState::Accepted if !actor.candidate => None,
            ReviewState::Rejected => Some("An analyst ruled this name out as an actor.".into()),
            _ => Some("Proposed by the extractor; not yet confirmed by an analyst.".into()),
        },
        parent: actor.parent.as_ref().map(|p| LinkView {
            label: p.name.clone(),
            href: actor_href(p.id),
        }),
        children,
        aliases: actor
            .aliases
            .iter()
            .filter(|a| **a != actor.name)
            .cloned()
            .collect(),
        roles: actor
            .roles
            .iter()
            .map(|role| RoleView {
                title: role.title.clone(),
                of: role.of.as_ref().map(|of| LinkView {
                    label: of.name.clone(),
                    href: actor_href(of.id),
                }),
                period: role_period(role),
            })
            .collect(),
        external_id: actor.external_id.clone(),
        said: claims.said.into_iter().map(claim_view).collect(),
        said_total: claims.said_total,
        about: claims.about.into_iter().map(claim_view).collect(),
        about_total: claims.about_total,
        lane,
        lanes_href: format!("/situations/{}/lanes?actor={id}", situation.slug),
        name: actor.name,
    };
    Ok(sitrep_templates::reader::actor_page(&visit.context(), &view).into_response())
}
