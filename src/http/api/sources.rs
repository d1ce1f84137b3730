//! `GET /api/v1/sources/{id}`: one stored source with its verbatim text, the text every claim's
//! span points into.

use super::time::WhenBody;
use crate::domain::{DocumentFormat, ObservationId, SourceId};
use crate::http::{AppError, AppJson, AppPath, AppState, ErrorBody};
use crate::storage::{self, ObservationRow, SourceRow};
use axum::extract::State;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Routes of this resource.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_source))
}

/// A byte range of a source's text: UTF-8 offsets, end exclusive.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct SpanBody {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A dated section of a source.
#[derive(Debug, Serialize, ToSchema)]
pub struct ObservationBody {
    /// The observation's id.
    pub id: ObservationId,
    /// Its heading; empty for a whole-document observation.
    pub heading: String,
    /// Its bytes in the source text.
    pub span: SpanBody,
    /// Its date with its precision.
    pub date: Option<WhenBody>,
}

impl From<ObservationRow> for ObservationBody {
    fn from(observation: ObservationRow) -> Self {
        ObservationBody {
            id: observation.id,
            heading: observation.heading,
            span: SpanBody {
                start: observation.span.start,
                end: observation.span.end,
            },
            date: observation.date.as_ref().map(WhenBody::from),
        }
    }
}

/// A stored source with its verbatim text.
#[derive(Debug, Serialize, ToSchema)]
pub struct SourceBody {
    /// The source's id.
    pub id: SourceId,
    /// The slug of the situation it is filed under.
    pub situation: String,
    /// Its headline.
    pub title: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Its byline.
    pub author: Option<String>,
    /// Its original address.
    pub url: Option<String>,
    /// When it was published.
    pub published: Option<NaiveDate>,
    /// ISO 639-1 language code.
    pub language: String,
    /// How it was read: `text`, `html` or `markdown`.
    pub format: DocumentFormat,
    /// SHA-256 of the text, lowercase hex.
    pub content_hash: String,
    /// When it was stored in Sitrep (UTC).
    pub recorded_at: DateTime<Utc>,
    /// Its dated sections, in text order.
    pub observations: Vec<ObservationBody>,
    /// The verbatim text; every span is a byte range of it.
    pub text: String,
}

impl SourceBody {
    fn new(source: SourceRow) -> Self {
        SourceBody {
            id: source.id,
            situation: source.situation_slug,
            title: source.title,
            publisher: source.publisher,
            author: source.author,
            url: source.url,
            published: source.published,
            language: source.language,
            format: source.format,
            content_hash: source.content_hash,
            recorded_at: source.recorded_at,
            observations: source
                .observations
                .into_iter()
                .map(ObservationBody::from)
                .collect(),
            text: source.text,
        }
    }
}

/// One source with its text and observations.
#[utoipa::path(
    get,
    path = "/sources/{id}",
    tag = "sources",
    params(("id" = i64, Path, description = "The source's id")),
    responses(
        (status = 200, description = "The source with its verbatim text", body = SourceBody),
        (status = 400, description = "The id is not a number", body = ErrorBody),
        (status = 404, description = "No source has this id", body = ErrorBody),
    )
)]
async fn get_source(
    State(state): State<AppState>,
    AppPath(id): AppPath<SourceId>,
) -> Result<AppJson<SourceBody>, AppError> {
    let source = storage::get_source(&state.db, id).await?;
    Ok(AppJson(SourceBody::new(source)))
}
