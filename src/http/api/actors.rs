//! `GET /api/v1/situations/{slug}/actors`: the actors of a situation with their aliases, parent
//! and roles.

use super::claims::ClaimBody;
use super::time::WhenBody;
use crate::domain::{ActorId, ActorKind, ReviewState};
use crate::http::auth::CurrentUser;
use crate::http::{AppError, AppJson, AppPath, AppState, ErrorBody};
use crate::storage::{self, ActorRef, ActorRow, RoleRow};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Routes of this resource.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_actors))
        .routes(routes!(get_actor_detail))
}

/// An actor named by another record.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActorRefBody {
    /// The actor's id.
    pub id: ActorId,
    /// Its canonical name.
    pub name: String,
}

impl From<ActorRef> for ActorRefBody {
    fn from(actor: ActorRef) -> Self {
        ActorRefBody {
            id: actor.id,
            name: actor.name,
        }
    }
}

/// A role an actor holds, with when it held it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleBody {
    /// The title ("President").
    pub title: String,
    /// The actor the role is held in.
    pub of: Option<ActorRefBody>,
    /// When it began, if known.
    pub valid_from: Option<WhenBody>,
    /// When it ended; `null` while held or when unknown.
    pub valid_to: Option<WhenBody>,
}

impl From<RoleRow> for RoleBody {
    fn from(role: RoleRow) -> Self {
        RoleBody {
            title: role.title,
            of: role.of.map(ActorRefBody::from),
            valid_from: role.valid_from.as_ref().map(WhenBody::from),
            valid_to: role.valid_to.as_ref().map(WhenBody::from),
        }
    }
}

/// An actor of a situation.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActorBody {
    /// The actor's id.
    pub id: ActorId,
    /// Its canonical name.
    pub name: String,
    /// What sort of actor it is.
    pub kind: ActorKind,
    /// The actor it belongs to (the Kremlin to Russia).
    pub parent: Option<ActorRefBody>,
    /// Its Wikidata id, when known.
    pub external_id: Option<String>,
    /// Proposed by the extractor and not yet confirmed by an analyst.
    pub candidate: bool,
    /// Other names it goes by.
    pub aliases: Vec<String>,
    /// Roles it holds or held.
    pub roles: Vec<RoleBody>,
    /// Draft (proposed by an extraction, not yet reviewed), accepted or rejected.
    pub review_state: ReviewState,
    /// The actor it was merged into; set, this actor is a redirect to that one.
    pub merged_into: Option<ActorId>,
    /// Its edit version; an edit must name the version it was made from.
    pub version: i64,
}

impl From<ActorRow> for ActorBody {
    fn from(actor: ActorRow) -> Self {
        ActorBody {
            id: actor.id,
            name: actor.name,
            kind: actor.kind,
            parent: actor.parent.map(ActorRefBody::from),
            external_id: actor.external_id,
            candidate: actor.candidate,
            aliases: actor.aliases,
            roles: actor.roles.into_iter().map(RoleBody::from).collect(),
            review_state: actor.review_state,
            merged_into: actor.merged_into,
            version: actor.version,
        }
    }
}

/// A situation's actors.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActorListBody {
    /// The actors, by name.
    pub actors: Vec<ActorBody>,
}

/// Lists a situation's actors with their aliases, parent and roles.
#[utoipa::path(
    get,
    path = "/situations/{slug}/actors",
    tag = "actors",
    params(("slug" = String, Path, description = "The situation's slug", example = "kazakhstan-2022")),
    responses(
        (status = 200, description = "The situation's actors, by name", body = ActorListBody),
        (status = 404, description = "No situation has this slug", body = ErrorBody),
    )
)]
async fn list_actors(
    State(state): State<AppState>,
    AppPath(slug): AppPath<String>,
) -> Result<AppJson<ActorListBody>, AppError> {
    let actors = storage::list_actors(&state.db, &slug).await?;
    Ok(AppJson(ActorListBody {
        actors: actors.into_iter().map(ActorBody::from).collect(),
    }))
}

/// An actor with the actors that belong to it and the claims by and about it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActorDetailBody {
    /// The actor, with aliases, parent and roles.
    pub actor: ActorBody,
    /// Its situation's slug.
    pub situation: String,
    /// Actors that have it as their parent.
    pub members: Vec<ActorRefBody>,
    /// Claims it made, chronological, the first 50.
    pub said: Vec<ClaimBody>,
    /// How many claims it made in all.
    pub said_total: u64,
    /// Claims it takes part in without speaking them, chronological, the first 50.
    pub about: Vec<ClaimBody>,
    /// How many in all.
    pub about_total: u64,
}

/// One actor with its claims (published ones for readers). A merged actor answers with a
/// redirect to the actor it was merged into.
#[utoipa::path(
    get,
    path = "/actors/{id}",
    tag = "actors",
    params(("id" = i64, Path, description = "The actor's id")),
    responses(
        (status = 200, description = "The actor and its claims", body = ActorDetailBody),
        (status = 307, description = "The actor was merged; `Location` names the one it was merged into"),
        (status = 400, description = "The id is not a number", body = ErrorBody),
        (status = 404, description = "No actor has this id", body = ErrorBody),
    )
)]
async fn get_actor_detail(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    AppPath(id): AppPath<ActorId>,
) -> Result<Response, AppError> {
    let analyst = user.as_ref().is_some_and(|u| u.is_analyst());
    let actor = match crate::http::pages::actors::standing_actor(&state, id, analyst).await? {
        Ok(actor) => actor,
        Err(survivor) => {
            return Ok(Redirect::temporary(&format!("/api/v1/actors/{survivor}")).into_response());
        }
    };
    let situation_id = storage::actor_situation(&state.db, id).await?;
    let situation = storage::situation_slug(&state.db, situation_id).await?;
    let visibility = if analyst {
        storage::Visibility::Unrejected
    } else {
        crate::http::READER_VISIBILITY
    };
    let claims = storage::actor_claims(
        &state.db,
        id,
        visibility,
        crate::http::pages::actors::ACTOR_CLAIMS_SHOWN,
    )
    .await?;
    let members = storage::actors_of(&state.db, situation_id)
        .await?
        .into_iter()
        .filter(|a| a.parent.as_ref().is_some_and(|p| p.id == id))
        .filter(|a| analyst || a.review_state != ReviewState::Rejected)
        .map(|a| ActorRefBody {
            id: a.id,
            name: a.name,
        })
        .collect();
    Ok(AppJson(ActorDetailBody {
        actor: ActorBody::from(actor),
        situation,
        members,
        said: claims.said.into_iter().map(ClaimBody::from).collect(),
        said_total: claims.said_total,
        about: claims.about.into_iter().map(ClaimBody::from).collect(),
        about_total: claims.about_total,
    })
    .into_response())
}
