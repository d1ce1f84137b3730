//! `POST /api/v1/extract`: what Sitrep would read from a text (observations, actors, claims,
//! predictions, relations, warnings), without storing anything.

use super::time::IsoDate;
use crate::extract::{ExtractOptions, Extraction, validate_text};
use crate::http::{AppError, AppJson, AppState, ErrorBody};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Routes of this resource.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(extract_text))
}

/// A text to read.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtractRequestBody {
    /// The article: plain text, HTML or Markdown.
    pub text: String,
    /// The day the text was published, used to date sections that give no date of their own.
    #[serde(default)]
    pub published: Option<IsoDate>,
}

/// The drafts read from a text, in the shape of `sitrep extract` (byte offsets into `text`).
#[derive(Debug, Serialize, ToSchema)]
#[schema(value_type = Object)]
pub struct ExtractionBody(Extraction);

/// Reads a text and returns the drafts an import would store, without storing anything.
#[utoipa::path(
    post,
    path = "/extract",
    tag = "extract",
    request_body = ExtractRequestBody,
    responses(
        (status = 200, description = "The drafts read from the text", body = ExtractionBody),
        (status = 400, description = "The body is not valid JSON", body = ErrorBody),
        (status = 413, description = "The body is larger than the server accepts", body = ErrorBody),
        (status = 422, description = "The JSON does not describe a text, or the text is binary", body = ErrorBody),
    )
)]
async fn extract_text(
    AppJson(body): AppJson<ExtractRequestBody>,
) -> Result<AppJson<ExtractionBody>, AppError> {
    validate_text(body.text.as_bytes()).map_err(|e| AppError::Unprocessable(e.to_string()))?;
    let options = ExtractOptions {
        fallback_date: body.published.map(|d| d.0),
        ..ExtractOptions::default()
    };
    // Extraction is CPU work proportional to the text; keep it off the async workers.
    let extraction =
        tokio::task::spawn_blocking(move || crate::extract::extract(&body.text, &options))
            .await
            .map_err(AppError::internal)?;
    Ok(AppJson(ExtractionBody(extraction)))
}
