//! The web layer: router, shared state, errors, the JSON API and the HTML pages.

use axum::Router;
use axum::routing::get;

/// State shared by every handler.
#[derive(Clone, Default)]
pub struct AppState {}

/// The application's router.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .with_state(state)
}

/// Serves the app on the configured address until shutdown.
pub async fn serve(config: crate::Config) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    tracing::info!(address = %config.bind, "listening");
    axum::serve(listener, app(AppState::default())).await?;
    Ok(())
}
