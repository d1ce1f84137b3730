//! The web layer: the router ([`app`]), shared state ([`AppState`]), errors ([`error`]), the
//! JSON API with its OpenAPI document ([`api`]), the HTML pages ([`pages`]), and the server
//! itself ([`serve`], [`Server`]) with tracing, a request body limit, a timeout, caught panics
//! and graceful shutdown.

pub mod api;
pub mod auth;
pub mod cache;
mod connections;
pub mod error;
pub mod limits;
pub mod pages;
pub mod timeline;

pub use error::{AppError, AppJson, AppPath, AppQuery, ErrorBody, PageError, PagePath, PageQuery};

use crate::config::{Config, redact_url};
use crate::storage::{self, Database, StorageError};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Which claims readers see on every public view: those an analyst accepted and published.
pub const READER_VISIBILITY: storage::Visibility = storage::Visibility::Published;

/// How long a request may take before the server gives up on it with a 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// State shared by every handler: a handle on one [`SharedState`]. Cloning it (every layer
/// and handler of every request does) counts one reference.
#[derive(Clone, Debug)]
pub struct AppState(Arc<SharedState>);

impl std::ops::Deref for AppState {
    type Target = SharedState;

    fn deref(&self) -> &SharedState {
        &self.0
    }
}

/// What every handler shares: the database, the configuration, the caches and the limits.
#[derive(Debug)]
pub struct SharedState {
    /// The open, migrated database.
    pub db: Database,
    /// How the server was started.
    pub config: Arc<Config>,
    /// Rendered public pages of situations, by their data version.
    pub pages: cache::PageCache,
    /// The limits every expensive route shares ([`limits`]).
    pub expensive: Arc<limits::ExpensiveGate>,
    /// When the database last answered the health check.
    pub health: Arc<HealthMemory>,
    /// Situations' actor graphs, by their data version.
    pub graphs: crate::app::graph::GraphCache,
}

/// How long a good answer from the database stands for `/healthz`: probes and load balancers
/// ask often, and a round trip to the database per probe would cost more than the rest of the
/// check. A failed answer is never remembered; the next probe asks again.
pub const HEALTH_FRESH: Duration = Duration::from_secs(1);

/// When the database last answered `/healthz` (see [`HEALTH_FRESH`]).
#[derive(Debug, Default)]
pub struct HealthMemory {
    last_good: std::sync::Mutex<Option<Instant>>,
}

impl HealthMemory {
    /// Whether the database answered within [`HEALTH_FRESH`].
    fn fresh(&self) -> bool {
        self.last_good
            .lock()
            .is_ok_and(|last| last.is_some_and(|at| at.elapsed() < HEALTH_FRESH))
    }

    fn remember_good(&self) {
        if let Ok(mut last) = self.last_good.lock() {
            *last = Some(Instant::now());
        }
    }
}

impl AppState {
    /// State over an open database and a configuration.
    pub fn new(db: Database, config: Config) -> Self {
        AppState(Arc::new(SharedState {
            db,
            expensive: Arc::new(limits::ExpensiveGate::new(&config.limits)),
            config: Arc::new(config),
            pages: cache::PageCache::default(),
            health: Arc::default(),
            graphs: crate::app::graph::GraphCache::default(),
        }))
    }
}

/// The application: pages, JSON API, OpenAPI document and health check, wrapped in request
/// ids, tracing, uniform error shapes, panic catching, a timeout and the body limit.
pub fn app(state: AppState) -> Router {
    let body_limit = state.config.body_limit;
    let (api_routes, openapi) = api::router().split_for_parts();
    let openapi = Arc::new(openapi);
    let router = Router::new()
        .merge(api_routes)
        .route(
            "/api/openapi.json",
            get(move || {
                let openapi = Arc::clone(&openapi);
                async move { axum::Json(openapi) }
            }),
        )
        .merge(pages::routes())
        .fallback(fallback)
        // The reader's side: situation pages answered from the cache while current.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            cache::serve_cached,
        ))
        // Outside the cache, so that a cached timeline page still remembers the visit.
        .layer(axum::middleware::from_fn(pages::timeline::remember_visit))
        .with_state(state.clone());
    // The health check stands apart from the layers of pages and the API (it gets request ids
    // and security headers only): probes ask often, and the rest would cost more than the
    // check itself.
    let requests = RequestCounter::default();
    let probes = Router::new()
        .route("/healthz", get(healthz))
        .with_state(state)
        .layer(axum::middleware::from_fn(security_headers))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(requests.clone()));
    probes.merge(with_layers(router, body_limit, REQUEST_TIMEOUT, requests))
}

/// Wraps a router in the server's layers. They wrap from the inside out: the last one added
/// sees the request first. Outermost, each request gets an id and a trace span; then the
/// security headers; then error responses get the app's shape; then panics become 500s, slow requests 503s, and bodies over
/// `body_limit` 413s.
fn with_layers(
    router: Router,
    body_limit: usize,
    timeout: Duration,
    requests: RequestCounter,
) -> Router {
    router
        // The limit layer is the one body limit; axum's own default (2 MiB) would hide it.
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            timeout,
        ))
        .layer(CatchPanicLayer::new())
        .layer(axum::middleware::from_fn(auth::csrf_cookie))
        .layer(axum::middleware::from_fn(error::uniform_errors))
        .layer(axum::middleware::from_fn(security_headers))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                // Per-request lines are for debugging: at INFO they cost more than a health
                // check itself.
                .on_response(DefaultOnResponse::new().level(Level::DEBUG)),
        )
        .layer(SetRequestIdLayer::x_request_id(requests))
}

/// The Content-Security-Policy of every HTML page: the site's own stylesheet and images (and
/// `data:` images, the empty icon), no script at all beyond the site's own files (there are
/// none), no inline script or style, never framed, forms posted only to the site.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; \
     form-action 'self'";

/// Middleware: `X-Content-Type-Options: nosniff` and a `Referrer-Policy` on every response,
/// and the [`CONTENT_SECURITY_POLICY`] on every HTML one (error pages included).
async fn security_headers(request: Request, next: axum::middleware::Next) -> Response {
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    if is_html {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
    }
    response
}

/// `GET /healthz`: `ok` while the server runs and its database answers (within
/// [`HEALTH_FRESH`]), else a 503.
async fn healthz(State(state): State<AppState>) -> Response {
    let no_store = [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))];
    if state.health.fresh() {
        return (no_store, "ok").into_response();
    }
    match state.db.ping().await {
        Ok(()) => {
            state.health.remember_good();
            (no_store, "ok").into_response()
        }
        Err(error) => {
            tracing::error!(%error, "health check: the database does not answer");
            let mut response = (
                StatusCode::SERVICE_UNAVAILABLE,
                no_store,
                "database unavailable",
            )
                .into_response();
            // A plain-text answer for probes, not an error page.
            response.extensions_mut().insert(error::AppShaped);
            response
        }
    }
}

/// Anything unrouted: a 404 in the shape of the part of the site it was aimed at.
async fn fallback(uri: axum::http::Uri) -> Response {
    let error = AppError::NotFound(format!("there is nothing at {}", uri.path()));
    if error::is_api_path(uri.path()) {
        error.into_response()
    } else {
        PageError(error).into_response()
    }
}

/// Numbers requests `1`, `2`, ... for the `x-request-id` header, unless the client sent one.
#[derive(Clone, Default)]
struct RequestCounter(Arc<AtomicU64>);

impl MakeRequestId for RequestCounter {
    fn make_request_id<B>(&mut self, _request: &axum::http::Request<B>) -> Option<RequestId> {
        let n = self.0.fetch_add(1, Ordering::Relaxed) + 1;
        HeaderValue::from_str(&n.to_string())
            .ok()
            .map(RequestId::new)
    }
}

fn request_span(request: &Request) -> tracing::Span {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::debug_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        id = %request_id,
    )
}

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The demo situation could not be loaded.
    #[error(transparent)]
    Seed(#[from] crate::app::UseCaseError),
    /// The listening address could not be bound.
    #[error("cannot listen on {address}")]
    Bind {
        /// The address asked for.
        address: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// Serving failed.
    #[error("the server stopped")]
    Io(#[from] std::io::Error),
}

/// A server that is bound and ready: start it with [`Server::run`].
pub struct Server {
    listener: TcpListener,
    address: SocketAddr,
    state: AppState,
}

impl Server {
    /// Prepares everything the server needs: binds the address (port 0 picks a free port),
    /// opens and migrates the database, and loads the demo situation when asked and not done
    /// before.
    pub async fn bind(config: Config) -> Result<Server, ServeError> {
        // The address first: a taken port fails before the database is touched.
        let requested = config.bind;
        let listener = TcpListener::bind(requested)
            .await
            .map_err(|source| ServeError::Bind {
                address: requested,
                source,
            })?;
        let address = listener.local_addr()?;
        tracing::info!(database = %redact_url(&config.database_url), "opening the database");
        let db = storage::connect(&config.database_url).await?;
        if config.seed_demo {
            match crate::app::seed::seed_demo(&db).await? {
                crate::app::seed::SeedOutcome::Applied {
                    slug,
                    sources,
                    claims,
                } => tracing::info!(%slug, sources, claims, "loaded the demo situation"),
                crate::app::seed::SeedOutcome::AlreadyApplied { slug } => {
                    tracing::debug!(%slug, "the demo situation was loaded before")
                }
            }
        }
        Ok(Server {
            listener,
            address,
            state: AppState::new(db, config),
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.address
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight and returns.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServeError> {
        tracing::info!(address = %self.address, "listening on http://{}", self.address);
        let db = self.state.db.clone();
        let limits = self.state.config.limits.clone();
        connections::serve_connections(self.listener, app(self.state), &limits, shutdown).await;
        if let Err(error) = db.close().await {
            tracing::warn!(%error, "closing the database");
        }
        tracing::info!("stopped");
        Ok(())
    }
}

/// Runs the server on `config` until Ctrl-C or SIGTERM.
pub async fn serve(config: Config) -> Result<(), ServeError> {
    Server::bind(config).await?.run(shutdown_signal()).await
}

/// Completes on Ctrl-C or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C received, shutting down"),
        () = terminate => tracing::info!("SIGTERM received, shutting down"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    async fn boom() -> &'static str {
        panic!("a bug with a secret inside")
    }

    fn troublesome() -> Router {
        let router = Router::new()
            .route("/api/boom", get(boom))
            .route("/boom", get(boom))
            .route(
                "/api/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    "late"
                }),
            );
        with_layers(
            router,
            1024,
            Duration::from_millis(50),
            RequestCounter::default(),
        )
    }

    async fn fetch(router: &Router, uri: &str) -> (StatusCode, String, String) {
        let response = router
            .clone()
            .oneshot(axum::http::Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let content_type = response.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_string();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            content_type,
            String::from_utf8(body.to_vec()).unwrap(),
        )
    }

    #[tokio::test]
    async fn a_panic_is_a_500_in_the_apps_shape_without_its_message() {
        let router = troublesome();
        let (status, content_type, body) = fetch(&router, "/api/boom").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(content_type.starts_with("application/json"));
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["error"], "internal");
        assert!(!body.contains("secret"));

        let (status, content_type, body) = fetch(&router, "/boom").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(content_type.starts_with("text/html"));
        assert!(body.contains("Internal Server Error") && !body.contains("secret"));
    }

    #[tokio::test]
    async fn a_slow_request_times_out_in_the_apps_shape() {
        let (status, _, body) = fetch(&troublesome(), "/api/slow").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["error"], "timeout");
    }
}
