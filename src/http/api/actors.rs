//! `GET /api/v1/situations/{slug}/actors`: the actors of a situation with their aliases, parent
//! and roles.

use super::time::WhenBody;
use crate::domain::{ActorId, ActorKind, ReviewState};
use crate::http::{AppError, AppJson, AppPath, AppState, ErrorBody};
use crate::storage::{self, ActorRef, ActorRow, RoleRow};
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Routes of this resource.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_actors))
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
