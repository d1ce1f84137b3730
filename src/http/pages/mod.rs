//! The HTML pages: handlers that read storage (writes go through the `app` use cases), turn
//! domain values into the templates' view models, and render them. Also the stylesheet.

pub mod accounts;
pub mod actors;
pub mod claims;
pub mod desk;
pub mod format;
pub mod graph;
pub mod lanes;
pub mod predictions;
pub mod search;
pub mod situations;
pub mod source_text;
pub mod sources;
pub mod timeline;
pub mod timeline_feed;

use super::AppState;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use sitrep_templates::{STYLESHEET, STYLESHEET_PATH};

/// The page routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(situations::list_situations_page))
        .route("/situations", post(situations::create_situation))
        .route(
            "/login",
            get(accounts::show_login_page).post(accounts::sign_in),
        )
        .route("/logout", post(accounts::sign_out))
        .route("/account", get(accounts::show_account_page))
        .route("/account/tokens", post(accounts::create_token))
        .route("/account/tokens/{id}/revoke", post(accounts::revoke_token))
        // The reader's timeline, its feed and exports; the plain list of claims beside it.
        .route("/situations/{slug}", get(timeline::show_timeline_page))
        .route("/situations/{slug}/feed.atom", get(timeline_feed::get_feed))
        .route(
            "/situations/{slug}/export/timelinejs.json",
            get(timeline_feed::get_timelinejs),
        )
        .route(
            "/situations/{slug}/export/timeline.csv",
            get(timeline_feed::get_csv),
        )
        .route(
            "/situations/{slug}/claims",
            get(claims::show_situation_page),
        )
        .route("/sources/{id}", get(sources::show_source_page))
        .route("/desk", get(desk::show_desk))
        .route("/situations/{slug}/review", get(desk::show_situation_desk))
        .route(
            "/situations/{slug}/review/{source_id}",
            get(desk::show_review),
        )
        .route("/situations/{slug}/sources", post(desk::add_article))
        .route(
            "/situations/{slug}/sources/upload",
            post(desk::upload_article),
        )
        .route("/situations/{slug}/notes", post(desk::add_note))
        .route("/situations/{slug}/deleted", get(desk::show_deleted))
        .route(
            "/sources/{id}/review-remaining",
            post(desk::review_remaining),
        )
        .route("/sources/{id}/commit", post(desk::commit_review))
        .route("/claims/{id}", get(desk::show_claim))
        .route("/claims/{id}/edit", post(desk::edit_claim))
        .route("/claims/{id}/review", post(desk::review_claim))
        .route("/claims/{id}/delete", post(desk::delete_claim))
        .route("/claims/{id}/restore", post(desk::restore_claim))
        .route("/claims/{id}/disputes", post(desk::mark_dispute))
        .route("/disputes/{id}/withdraw", post(desk::withdraw_dispute))
        .route("/actors/{id}/edit", post(desk::edit_actor))
        .route("/actors/{id}/merge", post(desk::merge_actor))
        .route("/actors/{id}/split", post(desk::split_actor))
        .route("/history/{entity}/{id}", get(desk::show_history))
        .route("/revisions/{id}/revert", post(desk::revert_revision))
        // The predictions ledger.
        .route(
            "/situations/{slug}/predictions",
            get(predictions::show_predictions),
        )
        .route(
            "/situations/{slug}/predictions.csv",
            get(predictions::predictions_csv),
        )
        .route(
            "/situations/{slug}/predictions/manual",
            post(predictions::enter_prediction),
        )
        .route("/predictions/{id}", get(predictions::show_prediction))
        .route(
            "/predictions/{id}/resolutions",
            post(predictions::resolve_prediction),
        )
        .route(
            "/predictions/{id}/evidence",
            post(predictions::resolve_with_evidence),
        )
        .route("/predictions/{id}/edit", post(predictions::edit_prediction))
        .route("/forecasters/{id}", get(predictions::show_forecaster))
        // The actor graph.
        .route("/situations/{slug}/graph", get(graph::show_graph_page))
        .route("/situations/{slug}/graph.gexf", get(graph::export_gexf))
        .route(
            "/situations/{slug}/graph.graphml",
            get(graph::export_graphml),
        )
        .route(
            "/situations/{slug}/graph/edges/{key}",
            get(graph::show_edge_page),
        )
        .route("/actors/{id}/graph", get(graph::show_ego_page))
        .route("/relations/{id}/correct", post(graph::correct_relation))
        .route(STYLESHEET_PATH, get(get_stylesheet))
        // The reader's side: search, actors, lanes.
        .route("/search", get(search::show_search_page))
        .route("/actors/{id}", get(actors::show_actor_page))
        .route("/situations/{slug}/lanes", get(lanes::show_lanes_page))
}

/// The stylesheet. Its URL carries a fingerprint of its content, so it may be cached for good.
async fn get_stylesheet() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        STYLESHEET,
    )
}
