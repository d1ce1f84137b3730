//! The JSON API under `/api/v1`, and its OpenAPI document generated from the same route
//! declarations (`utoipa_axum::routes!`), so the two cannot drift apart. One module per
//! resource, each with `routes()`; request and response bodies are their own types (suffix
//! `Body`), separate from domain and storage types.

pub mod actors;
pub mod claims;
pub mod edits;
pub mod extract;
pub mod graph;
pub mod predictions;
pub mod reviews;
pub mod search;
pub mod situations;
pub mod sources;
pub mod time;
pub mod timeline;

use super::AppState;
use super::error::ErrorBody;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
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
    modifiers(&BearerTokens),
    tags(
        (name = "situations", description = "Evolving situations being tracked"),
        (name = "claims", description = "Dated claims with speakers, actors and source spans"),
        (name = "actors", description = "States, organisations, people and groups"),
        (name = "sources", description = "Stored articles and notes with their verbatim text"),
        (name = "extract", description = "Previewing what Sitrep reads from a text"),
        (name = "review", description = "The analyst's desk: adding material, reviewing drafts, \
                                          committing, editing with revisions, reverting"),
        (name = "predictions", description = "The predictions ledger: forecasts harvested from \
                                               prose or entered by hand, resolutions with \
                                               evidence, scores and track records"),
        (name = "graph", description = "The actor graph: who stands with or against whom, on a \
                                         day, and what changed between two days"),
        (name = "search", description = "Full-text search over claims and sources"),
    )
)]
struct ApiDoc;

/// Declares the `bearer` security scheme the write routes name: an API token from
/// `sitrep token create` or the account page.
struct BearerTokens;

impl Modify for BearerTokens {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token (`sitrep token create NAME`, or the account page), sent as \
                         `Authorization: Bearer TOKEN`. Write routes need an analyst's token.",
                    ))
                    .build(),
            ),
        );
    }
}

/// Every API route, nested under `/api/v1`, with the OpenAPI document they describe.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest(
        "/api/v1",
        OpenApiRouter::new()
            .merge(situations::routes())
            .merge(claims::routes())
            .merge(actors::routes())
            .merge(sources::routes())
            .merge(extract::routes())
            .merge(reviews::routes())
            .merge(edits::routes())
            // The predictions ledger.
            .merge(predictions::routes())
            // The actor graph.
            .merge(graph::routes())
            // The reader's timeline.
            .merge(timeline::routes())
            // The reader's side: search.
            .merge(search::routes()),
    )
}
