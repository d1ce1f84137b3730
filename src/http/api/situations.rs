//! `GET /api/v1/situations` and `GET /api/v1/situations/{slug}`: the situations being tracked,
//! with how much each holds; `POST /api/v1/situations` creates one (analysts only).

use crate::app;
use crate::http::auth::Analyst;
use crate::http::{AppError, AppJson, AppPath, AppState, ErrorBody};
use crate::storage::{self, NewSituation, SituationSummary};
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Routes of this resource.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_situations, create_situation))
        .routes(routes!(get_situation))
}

/// How much a situation holds.
#[derive(Debug, Serialize, ToSchema)]
pub struct SituationCountsBody {
    /// Claims, drafts and rejected ones included (deleted ones excluded).
    pub claims: u64,
    /// Stored sources.
    pub sources: u64,
    /// Actors on the situation's list, unconfirmed candidates included.
    pub actors: u64,
}

/// A situation.
#[derive(Debug, Serialize, ToSchema)]
pub struct SituationBody {
    /// Unique, URL-safe name, used in every path about the situation.
    #[schema(example = "kazakhstan-2022")]
    pub slug: String,
    /// Display title.
    pub title: String,
    /// A short description; may be empty.
    pub summary: String,
    /// How much it holds.
    pub counts: SituationCountsBody,
    /// When it was created (UTC).
    pub created_at: DateTime<Utc>,
    /// When anything in it last changed (UTC).
    pub updated_at: DateTime<Utc>,
}

impl From<SituationSummary> for SituationBody {
    fn from(situation: SituationSummary) -> Self {
        SituationBody {
            slug: situation.slug,
            title: situation.title,
            summary: situation.summary,
            counts: SituationCountsBody {
                claims: situation.claim_count,
                sources: situation.source_count,
                actors: situation.actor_count,
            },
            created_at: situation.created_at,
            updated_at: situation.updated_at,
        }
    }
}

/// Every situation.
#[derive(Debug, Serialize, ToSchema)]
pub struct SituationListBody {
    /// The situations, by title.
    pub situations: Vec<SituationBody>,
}

/// Lists every situation with its counts.
#[utoipa::path(
    get,
    path = "/situations",
    tag = "situations",
    responses((status = 200, description = "Every situation, by title", body = SituationListBody))
)]
async fn list_situations(
    State(state): State<AppState>,
) -> Result<AppJson<SituationListBody>, AppError> {
    let situations = storage::list_situations(&state.db).await?;
    Ok(AppJson(SituationListBody {
        situations: situations.into_iter().map(SituationBody::from).collect(),
    }))
}

/// A situation to create.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSituationBody {
    /// Lowercase letters, digits and single hyphens, at most 100 characters.
    #[schema(example = "border-talks-2031")]
    pub slug: String,
    /// Display title; the slug when empty.
    #[serde(default)]
    pub title: String,
    /// A short description.
    #[serde(default)]
    pub summary: String,
}

/// Creates a situation (analysts only); the change is recorded as a revision naming the
/// analyst.
#[utoipa::path(
    post,
    path = "/situations",
    tag = "situations",
    request_body = NewSituationBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new situation", body = SituationBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 409, description = "The slug is taken", body = ErrorBody),
        (status = 422, description = "The slug is not well-formed", body = ErrorBody),
    )
)]
async fn create_situation(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppJson(body): AppJson<NewSituationBody>,
) -> Result<(StatusCode, AppJson<SituationBody>), AppError> {
    let new = NewSituation {
        slug: body.slug,
        title: body.title,
        summary: body.summary,
    };
    let created = app::situations::create_situation(&state.db, &user, &new).await?;
    Ok((StatusCode::CREATED, AppJson(created.into())))
}

/// One situation with its counts.
#[utoipa::path(
    get,
    path = "/situations/{slug}",
    tag = "situations",
    params(("slug" = String, Path, description = "The situation's slug", example = "kazakhstan-2022")),
    responses(
        (status = 200, description = "The situation", body = SituationBody),
        (status = 404, description = "No situation has this slug", body = ErrorBody),
    )
)]
async fn get_situation(
    State(state): State<AppState>,
    AppPath(slug): AppPath<String>,
) -> Result<AppJson<SituationBody>, AppError> {
    let situation = storage::get_situation(&state.db, &slug).await?;
    Ok(AppJson(situation.into()))
}
