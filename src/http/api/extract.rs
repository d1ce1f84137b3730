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
/// Extraction is expensive, so it is limited: a few run at once server-wide and each client
/// address may start a burst of them and then a steady number per minute; a request over
/// either limit is answered 429 at once, with `Retry-After` in seconds. The body has its own
/// size cap (413 beyond it).
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
    // The extraction and the writing of its (large) answer run on a blocking thread, holding
    // the gate's slot until they end even if the request times out; the answer keeps the slot
    // until it has been sent.
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
