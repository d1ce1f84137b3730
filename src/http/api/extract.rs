//! `POST /api/v1/extract`: what Sitrep would read from a text (observations, actors, claims,
//! predictions, relations, warnings), without storing anything.

use super::time::IsoDate;
use crate::extract::{ExtractOptions, Extraction, validate_text};
use crate::http::limits::Expensive;
use crate::http::{AppError, AppJson, AppState, ErrorBody};
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
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
///
/// Extraction is CPU work proportional to the text and its answer is about ten times the size
/// of the text, so the route is behind the server's [`Expensive`] gate (a server-wide
/// concurrency limit and a per-client rate, 429 beyond either), its body is capped at
/// [`crate::config::ServerLimits::extract_body_limit`], and both the extraction and the
/// writing of the answer run on a blocking thread that keeps the gate's slot until the answer
/// has been sent.
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
        (status = 429, description = "Too many extractions at once, or from this address; see Retry-After", body = ErrorBody),
    )
)]
async fn extract_text(
    permit: Expensive,
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, AppError> {
    let limit = state
        .config
        .limits
        .extract_body_limit
        .min(state.config.body_limit);
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(AppError::PayloadTooLarge);
    }
    let request = request.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    let AppJson(body) = AppJson::<ExtractRequestBody>::from_request(request, &state).await?;
    validate_text(body.text.as_bytes()).map_err(|e| AppError::Unprocessable(e.to_string()))?;
    let options = ExtractOptions {
        fallback_date: body.published.map(|d| d.0),
        ..ExtractOptions::default()
    };
    let working = permit.share();
    let answer = tokio::task::spawn_blocking(move || {
        let _working = working;
        let extraction = crate::extract::extract(&body.text, &options);
        drop(body);
        serde_json::to_vec(&ExtractionBody(extraction))
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)?;
    let response = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        Bytes::from(answer),
    )
        .into_response();
    Ok(permit.hold_until_sent(response))
}
