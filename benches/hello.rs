//! The load test's reference: a bare axum server that answers `GET /` with a fixed text, no
//! layers, no database. `benches/load.sh` measures Sitrep's pages against it in the same run.
//!
//!     bench-hello 127.0.0.1:18090

use axum::Router;
use axum::routing::get;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:18090".to_string());
    let app = Router::new().route("/", get(|| async { "Hello, world!" }));
    let listener = tokio::net::TcpListener::bind(&address).await?;
    axum::serve(listener, app).await
}
