//! End to end: a real server on `127.0.0.1:0` over a fresh SQLite file, seeded with the demo
//! situation from `seeds/` exactly as `sitrep serve` does on first run, fetched over real HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use sitrep::Config;
use sitrep::http::Server;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A server running in the background, stopped gracefully by [`RunningServer::stop`].
struct RunningServer {
    address: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<Result<(), sitrep::http::ServeError>>,
    _dir: tempfile::TempDir,
}

impl RunningServer {
    async fn start(seed_demo: bool) -> RunningServer {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            database_url: format!("sqlite://{}", dir.path().join("sitrep.db").display()),
            bind: "127.0.0.1:0".parse().unwrap(),
            seed_demo,
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
            _dir: dir,
        }
    }

    /// One GET over a new connection: status, content type, body.
    async fn get(&self, path: &str) -> (u16, String, String) {
        let stream = tokio::net::TcpStream::connect(self.address).await.unwrap();
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .unwrap();
        tokio::spawn(connection);
        let request = hyper::Request::get(path)
            .header(hyper::header::HOST, self.address.to_string())
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

    async fn get_json(&self, path: &str) -> Value {
        let (status, content_type, body) = self.get(path).await;
        assert_eq!(status, 200, "{path}: {body}");
        assert!(
            content_type.starts_with("application/json"),
            "{content_type}"
        );
        serde_json::from_str(&body).unwrap()
    }

    /// Asks the server to stop and waits for it to finish, as Ctrl-C or SIGTERM would.
    async fn stop(self) {
        self.stop.send(()).unwrap();
        let finished = tokio::time::timeout(Duration::from_secs(10), self.task)
            .await
            .expect("the server stops within 10 s");
        finished.unwrap().unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_server_answers_and_stops_gracefully() {
    let server = RunningServer::start(false).await;
    let (status, _, body) = server.get("/healthz").await;
    assert_eq!((status, body.as_str()), (200, "ok"));

    let (status, content_type, body) = server.get("/no/such/page").await;
    assert_eq!(status, 404);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(body.contains("Not Found"), "{body}");

    let openapi = server.get_json("/api/openapi.json").await;
    assert_eq!(openapi["info"]["title"], "Sitrep API");

    let address = server.address;
    server.stop().await;
    assert!(
        tokio::net::TcpStream::connect(address).await.is_err(),
        "nothing listens after a graceful stop"
    );
}
