//! A real server for end-to-end tests: `sitrep`'s own [`Server`] on `127.0.0.1:0` over a
//! SQLite file in a temporary directory, optionally seeded with the demo situation exactly as
//! `sitrep serve` does on first run, and a minimal HTTP client to talk to it.

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use sitrep::Config;
use sitrep::config::ServerLimits;
use sitrep::http::Server;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A server running in the background, stopped gracefully by [`RunningServer::stop`].
pub struct RunningServer {
    /// Where it listens.
    pub address: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<Result<(), sitrep::http::ServeError>>,
    dir: Option<tempfile::TempDir>,
}

impl RunningServer {
    /// Starts a server over a new database file.
    pub async fn start(seed_demo: bool) -> RunningServer {
        RunningServer::start_in(tempfile::tempdir().unwrap(), seed_demo).await
    }

    /// Starts a server over the database file in `dir` (created when missing).
    pub async fn start_in(dir: tempfile::TempDir, seed_demo: bool) -> RunningServer {
        let url = format!("sqlite://{}", dir.path().join("sitrep.db").display());
        RunningServer::with(&url, seed_demo, Some(dir)).await
    }

    /// Starts a server over an existing database (a [`super::app::TestApp`]'s), not seeding.
    pub async fn over(database_url: &str) -> RunningServer {
        RunningServer::with(database_url, false, None).await
    }

    /// Starts a server over a new, unseeded database file with the given limits.
    pub async fn limited(limits: ServerLimits) -> RunningServer {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("sitrep.db").display());
        RunningServer::configured(&url, false, Some(dir), limits).await
    }

    /// Starts a server over an existing database with the given limits, not seeding.
    pub async fn over_limited(database_url: &str, limits: ServerLimits) -> RunningServer {
        RunningServer::configured(database_url, false, None, limits).await
    }

    async fn with(
        database_url: &str,
        seed_demo: bool,
        dir: Option<tempfile::TempDir>,
    ) -> RunningServer {
        RunningServer::configured(database_url, seed_demo, dir, ServerLimits::default()).await
    }

    async fn configured(
        database_url: &str,
        seed_demo: bool,
        dir: Option<tempfile::TempDir>,
        limits: ServerLimits,
    ) -> RunningServer {
        let config = Config {
            database_url: database_url.to_string(),
            bind: "127.0.0.1:0".parse().unwrap(),
            seed_demo,
            limits,
            ..Config::default()
        };
        let server = Server::bind(config).await.unwrap();
        let address = server.local_addr();
        assert_ne!(address.port(), 0);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run(async move {
            let _ = stopped.await;
        }));
        RunningServer {
            address,
            stop,
            task,
            dir,
        }
    }

    /// One GET over a new connection: status, content type, body.
    pub async fn get(&self, path: &str) -> (u16, String, String) {
        get_once(self.address, path).await
    }

    /// One GET that must answer 200 with JSON; the parsed body.
    pub async fn get_json(&self, path: &str) -> Value {
        let (status, content_type, body) = self.get(path).await;
        assert_eq!(status, 200, "{path}: {body}");
        assert!(
            content_type.starts_with("application/json"),
            "{content_type}"
        );
        serde_json::from_str(&body).unwrap()
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Asks the server to stop and waits for it to finish, as Ctrl-C or SIGTERM would; hands
    /// back the directory of its database, when it made one.
    pub async fn stop(self) -> Option<tempfile::TempDir> {
        self.stop.send(()).unwrap();
        let finished = tokio::time::timeout(Duration::from_secs(10), self.task)
            .await
            .expect("the server stops within 10 s");
        finished.unwrap().unwrap();
        self.dir
    }
}

/// One GET to the server at `address` over a new connection: status, content type, body.
pub async fn get_once(address: SocketAddr, path: &str) -> (u16, String, String) {
    let stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    let request = hyper::Request::get(path)
        .header(hyper::header::HOST, address.to_string())
        .body(Empty::<Bytes>::new())
        .unwrap();
    let response = sender.send_request(request).await.unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(hyper::header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        content_type,
        String::from_utf8(body.to_vec()).unwrap(),
    )
}
