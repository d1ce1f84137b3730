//! `GET /api/v1/situations` and `GET /api/v1/situations/{slug}`: the situations being tracked,
//! with how much each holds.

use crate::http::{AppError, AppJson, AppPath, AppState, ErrorBody};
use crate::storage::{self, SituationSummary};
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Routes of this resource.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_situations))
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
