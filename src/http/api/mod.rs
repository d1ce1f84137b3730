//! The JSON API under `/api/v1`, and its OpenAPI document generated from the same route
//! declarations (`utoipa_axum::routes!`), so the two cannot drift apart. One module per
//! resource, each with `routes()`; request and response bodies are their own types (suffix
//! `Body`), separate from domain and storage types.

pub mod actors;
pub mod claims;
pub mod extract;
pub mod situations;
pub mod sources;
pub mod time;

use super::AppState;
use super::error::ErrorBody;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

/// The document's fixed parts: title, description, tags and shared schemas.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Sitrep API",
        description = "Situations, their sources, actors and claims, each claim with its three \
                       clocks (occurred, reported, recorded) and its exact span in its source. \
                       Errors are `{\"error\": \"snake_case_code\", \"message\": \"...\"}`."
    ),
    components(schemas(ErrorBody)),
    tags(
        (name = "situations", description = "Evolving situations being tracked"),
        (name = "claims", description = "Dated claims with speakers, actors and source spans"),
        (name = "actors", description = "States, organisations, people and groups"),
        (name = "sources", description = "Stored articles and notes with their verbatim text"),
        (name = "extract", description = "Previewing what Sitrep reads from a text"),
    )
)]
struct ApiDoc;

/// Every API route, nested under `/api/v1`, with the OpenAPI document they describe.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest(
        "/api/v1",
        OpenApiRouter::new()
            .merge(situations::routes())
            .merge(claims::routes())
            .merge(actors::routes())
            .merge(sources::routes())
            .merge(extract::routes()),
    )
}
