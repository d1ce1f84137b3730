//! Holding up under abuse and load, against a real server on loopback where the socket
//! matters: stalled and idle connections are closed within the header timeout while the
//! server keeps answering, connections over the cap are refused at once, expensive routes
//! answer 429 with `Retry-After` rather than queueing, and oversized bodies are a 413.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::server::RunningServer;
use common::{Engine, fresh_database};
use http_body_util::BodyExt;
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use sitrep::config::ServerLimits;
use sitrep::{AppState, Config, app};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::task::JoinSet;
use tower::ServiceExt;

/// Limits with a short header timeout, so that the tests wait seconds, not minutes.
fn short_timeouts(header_read: Duration) -> ServerLimits {
    ServerLimits {
        header_read_timeout: header_read,
        idle_timeout: Duration::from_secs(10),
        ..ServerLimits::default()
    }
}

/// Reads until the server closes the connection; how long after `since` that was, or `None`
/// when it was still open `within` after `since`.
async fn closed_within(
    stream: &mut TcpStream,
    since: Instant,
    within: Duration,
) -> Option<Duration> {
    let deadline = tokio::time::Instant::from_std(since + within);
    let mut buffer = [0u8; 4096];
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buffer)).await {
            Err(_) => return None,
            Ok(Ok(0) | Err(_)) => return Some(since.elapsed()),
            Ok(Ok(_)) => {}
        }
    }
}

/// A GET that must be answered within `within`.
async fn get_within(server: &RunningServer, path: &str, within: Duration) -> (u16, String) {
    let (status, _, body) = tokio::time::timeout(within, server.get(path))
        .await
        .unwrap_or_else(|_| panic!("{path} did not answer within {within:?}"));
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_connections_are_closed_while_the_server_keeps_answering() {
    let header_timeout = Duration::from_secs(2);
    let server = RunningServer::limited(short_timeouts(header_timeout)).await;

    // Half send nothing at all, half the start of a request and then nothing.
    let mut stalled = Vec::new();
    for i in 0..300 {
        let mut stream = TcpStream::connect(server.address).await.unwrap();
        let connected = Instant::now();
        if i % 2 == 1 {
            stream
                .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
                .await
                .unwrap();
        }
        stalled.push((stream, connected));
    }
    assert_eq!(
        get_within(&server, "/healthz", Duration::from_secs(5)).await,
        (200, "ok".to_string())
    );

    let mut closing = JoinSet::new();
    for (mut stream, connected) in stalled {
        closing.spawn(async move {
            closed_within(&mut stream, connected, Duration::from_secs(15)).await
        });
    }
    let mut open = 0;
    let mut earliest = Duration::MAX;
    while let Some(closed) = closing.join_next().await {
        match closed.unwrap() {
            Some(after) => earliest = earliest.min(after),
            None => open += 1,
        }
    }
    assert_eq!(
        open, 0,
        "stalled connections still open 15 s after connecting"
    );
    // Closed by the header timeout, not turned away at the door.
    assert!(earliest >= header_timeout / 2, "closed after {earliest:?}");
    assert_eq!(
        get_within(&server, "/healthz", Duration::from_secs(5)).await,
        (200, "ok".to_string())
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_kept_alive_connection_is_closed() {
    let server = RunningServer::limited(short_timeouts(Duration::from_secs(1))).await;
    let mut stream = TcpStream::connect(server.address).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 1024];
    while !String::from_utf8_lossy(&answer).ends_with("ok") {
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer))
            .await
            .expect("an answer")
            .unwrap();
        assert_ne!(n, 0, "closed before answering");
        answer.extend_from_slice(&buffer[..n]);
    }
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"));
    // Kept alive, then left idle: closed once the next request's headers are overdue.
    assert!(
        closed_within(&mut stream, Instant::now(), Duration::from_secs(10))
            .await
            .is_some(),
        "an idle kept-alive connection stayed open"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_cap_are_refused_at_once() {
    let server = RunningServer::limited(ServerLimits {
        max_connections: 20,
        header_read_timeout: Duration::from_secs(60),
        ..ServerLimits::default()
    })
    .await;
    let mut held = Vec::new();
    for _ in 0..20 {
        held.push(TcpStream::connect(server.address).await.unwrap());
    }
    // Connections are accepted in order: the 21st finds every slot taken.
    let mut extra = TcpStream::connect(server.address).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), extra.read_to_end(&mut answer))
        .await
        .expect("the refused connection is closed at once")
        .unwrap();
    let answer = String::from_utf8(answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("retry-after: 1"),
        "{answer}"
    );
    let json: Value = serde_json::from_str(answer.split_once("\r\n\r\n").unwrap().1).unwrap();
    assert_eq!(json["error"], "busy");

    // The held connections leave, and their slots serve others again.
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        // A connection that comes before the slots are given back is answered 503 before it
        // has sent anything, so ask over a raw socket that accepts either answer.
        if raw_status(server.address, "/healthz").await == Some(200) {
            break;
        }
        assert!(Instant::now() < deadline, "slots were not given back");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    server.stop().await;
}

/// The status of one GET over a new raw connection, or `None` if the answer was not HTTP.
async fn raw_status(address: std::net::SocketAddr, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(address).await.ok()?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    // The server may refuse before reading the request; a failed write is then no error.
    let _ = stream.write_all(request.as_bytes()).await;
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer))
        .await
        .ok()?
        .ok()?;
    let head = String::from_utf8_lossy(&answer);
    head.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
}

/// The app over a fresh SQLite database with these limits, for in-process requests.
async fn limited_app(limits: ServerLimits) -> (common::TestDatabase, axum::Router) {
    let database = fresh_database(Engine::Sqlite).await.unwrap();
    let config = Config {
        database_url: database.url.clone(),
        limits,
        ..Config::default()
    };
    let router = app(AppState::new(database.db.clone(), config));
    (database, router)
}

fn extract_request(text: &str) -> Request<Body> {
    Request::post("/api/v1/extract")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({ "text": text }).to_string()))
        .unwrap()
}

async fn answer(router: &axum::Router, request: Request<Body>) -> (StatusCode, Option<u64>, Value) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let retry_after = response
        .headers()
        .get(header::RETRY_AFTER)
        .map(|v| v.to_str().unwrap().parse().unwrap());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&body)
        .unwrap_or_else(|_| panic!("{status}: {}", String::from_utf8_lossy(&body)));
    (status, retry_after, json)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_past_its_rate_gets_429_with_retry_after() {
    let (_database, router) = limited_app(ServerLimits {
        expensive_burst: 2,
        expensive_per_minute: 2,
        ..ServerLimits::default()
    })
    .await;
    for _ in 0..2 {
        let (status, _, _) = answer(&router, extract_request("Troops moved on Monday.")).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, retry_after, body) =
        answer(&router, extract_request("Troops moved on Monday.")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(body["error"], "too_many_requests");
    // Two a minute: the next one in about thirty seconds.
    let retry_after = retry_after.expect("a Retry-After header");
    assert!((1..=30).contains(&retry_after), "{retry_after}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_and_exports_share_the_expensive_budget() {
    let (_database, router) = limited_app(ServerLimits {
        expensive_burst: 3,
        expensive_per_minute: 1,
        ..ServerLimits::default()
    })
    .await;
    let get = |uri: &str| Request::get(uri).body(Body::empty()).unwrap();
    let fetch = |uri: &'static str| router.clone().oneshot(get(uri));
    let (status, _, body) = answer(&router, get("/api/v1/search?q=border")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page = fetch("/search?q=border").await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    // A request the gate let in counts even when it then fails.
    let missing = fetch("/situations/nowhere/export/timeline.csv")
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    for uri in [
        "/situations/nowhere/graph.gexf",
        "/situations/nowhere/export/timelinejs.json",
        "/api/v1/search?q=border",
    ] {
        let response = fetch(uri).await.unwrap();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS, "{uri}");
        assert!(
            response.headers().contains_key(header::RETRY_AFTER),
            "{uri}"
        );
    }
    let page = fetch("/search?q=border").await.unwrap();
    assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
    let html = page.into_body().collect().await.unwrap().to_bytes();
    assert!(
        String::from_utf8_lossy(&html).contains("<html"),
        "an error page, not JSON"
    );
    // Cheap routes are not counted.
    let healthz = fetch("/healthz").await.unwrap();
    assert_eq!(healthz.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extractions_over_the_concurrency_limit_are_refused_not_queued() {
    let (_database, router) = limited_app(ServerLimits {
        expensive_concurrency: 1,
        expensive_per_minute: 0,
        ..ServerLimits::default()
    })
    .await;
    // The first extraction's body arrives slowly: it holds the one slot while it does.
    let (send, receive) = tokio::sync::mpsc::channel::<Bytes>(1);
    let trickle = futures_util::stream::unfold(receive, |mut receive| async move {
        let chunk = receive.recv().await?;
        Some((Ok::<_, std::io::Error>(chunk), receive))
    });
    let slow = Request::post("/api/v1/extract")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from_stream(trickle))
        .unwrap();
    let first = tokio::spawn({
        let router = router.clone();
        async move { answer(&router, slow).await }
    });
    send.send(Bytes::from_static(b"{\"text\": \"Troops"))
        .await
        .unwrap();
    // With room for one chunk, this second send waits until the first chunk has been read, and
    // the body is read only once the slot is held: from here on the first request holds it.
    send.send(Bytes::new()).await.unwrap();

    let deadline = Instant::now() + Duration::from_secs(10);
    let (status, retry_after, body) = loop {
        let (status, retry_after, body) = answer(&router, extract_request("Shelling.")).await;
        // Until the first request has taken its slot, this one may get it.
        if status == StatusCode::TOO_MANY_REQUESTS || Instant::now() > deadline {
            break (status, retry_after, body);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(retry_after, Some(1));
    assert!(body["message"].as_str().unwrap().contains("busy"), "{body}");

    send.send(Bytes::from_static(b" moved on Monday.\"}"))
        .await
        .unwrap();
    drop(send);
    let (status, _, body) = first.await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!body["claims"].as_array().unwrap().is_empty(), "{body}");
    let (status, _, _) = answer(&router, extract_request("Shelling on Monday.")).await;
    assert_eq!(status, StatusCode::OK, "the slot is given back");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_extraction_body_is_a_413() {
    let (_database, router) = limited_app(ServerLimits {
        extract_body_limit: 256 * 1024,
        ..ServerLimits::default()
    })
    .await;
    let huge = json!({ "text": "Troops moved. ".repeat(40_000) }).to_string();
    assert!(huge.len() > 256 * 1024);
    // Announced by its length: refused before it is read.
    let announced = Request::post("/api/v1/extract")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, huge.len())
        .body(Body::from(huge.clone()))
        .unwrap();
    let (status, _, body) = answer(&router, announced).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(body["error"], "payload_too_large");
    // Sent without a length: refused once the cap is passed.
    let chunks: Vec<Result<Bytes, std::io::Error>> = huge
        .as_bytes()
        .chunks(16 * 1024)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    let streamed = Request::post("/api/v1/extract")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from_stream(futures_util::stream::iter(chunks)))
        .unwrap();
    let (status, _, body) = answer(&router, streamed).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(body["error"], "payload_too_large");
    // Under the cap it is read.
    let (status, _, _) = answer(&router, extract_request(&"Troops moved. ".repeat(1000))).await;
    assert_eq!(status, StatusCode::OK);
}

/// One POST of a JSON body over a new connection: status, `Retry-After`, body.
async fn post_json(
    address: SocketAddr,
    path: &str,
    body: String,
) -> (u16, Option<String>, Vec<u8>) {
    let stream = TcpStream::connect(address).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    let request = hyper::Request::post(path)
        .header(hyper::header::HOST, address.to_string())
        .header(hyper::header::CONTENT_TYPE, "application/json")
        .body(http_body_util::Full::new(Bytes::from(body)))
        .unwrap();
    let response = sender.send_request(request).await.unwrap();
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get(hyper::header::RETRY_AFTER)
        .map(|v| v.to_str().unwrap().to_string());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, retry_after, body.to_vec())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_large_extractions_at_once_are_bounded_by_the_limit() {
    let server = RunningServer::limited(ServerLimits {
        expensive_concurrency: 2,
        expensive_per_minute: 0,
        ..ServerLimits::default()
    })
    .await;
    let text = "On Monday troops moved toward the border, officials said. ".repeat(2_000);
    let body = json!({ "text": text }).to_string();
    let mut calls = JoinSet::new();
    for _ in 0..12 {
        let body = body.clone();
        let address = server.address;
        calls.spawn(async move { post_json(address, "/api/v1/extract", body).await });
    }
    // The server answers its health check while they run.
    assert_eq!(
        get_within(&server, "/healthz", Duration::from_secs(5)).await,
        (200, "ok".to_string())
    );
    let (mut ok, mut refused) = (0, 0);
    while let Some(call) = calls.join_next().await {
        let (status, retry_after, body) = call.unwrap();
        match status {
            200 => {
                let json: Value = serde_json::from_slice(&body).unwrap();
                assert!(!json["claims"].as_array().unwrap().is_empty());
                ok += 1;
            }
            429 => {
                assert_eq!(retry_after.as_deref(), Some("1"));
                refused += 1;
            }
            other => panic!("{other}: {}", String::from_utf8_lossy(&body)),
        }
    }
    assert_eq!(ok + refused, 12);
    assert!(ok >= 1, "none was served");
    assert!(
        refused >= 1,
        "twelve large extractions ran with a limit of two"
    );
    server.stop().await;
}

async fn stored_source(app: &common::app::TestApp, text: &str) -> i64 {
    use sitrep::app::import::{ImportArticle, import_extracted};
    let sentence_end = text.find('.').unwrap() + 1;
    let extraction = sitrep::extract::Extraction {
        claims: vec![sitrep::extract::ClaimDraft {
            id: "c0".into(),
            text: text[..sentence_end].to_string(),
            start: 0,
            end: sentence_end,
            observation: 0,
            kind: sitrep::domain::ClaimKind::Event,
            modality: sitrep::domain::Modality::Asserted,
            when: None,
            reported: None,
            speaker: None,
            actors: Vec::new(),
            participants: Vec::new(),
            probability: None,
            prediction: None,
        }],
        ..Default::default()
    };
    let article = ImportArticle {
        situation: "hostile",
        create_title: Some("Hostile \u{202E}gnp.exe"),
        file_name: None,
        text,
        published: None,
        accept: true,
    };
    import_extracted(app.db(), article, &extraction)
        .await
        .unwrap()
        .source_id()
        .get()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_html_page_carries_the_security_headers() {
    let app = common::app::TestApp::new(Engine::Sqlite).await.unwrap();
    let source = stored_source(&app, "Troops moved. Then they stopped.").await;
    let pages = [
        "/".to_string(),
        "/login".to_string(),
        "/situations/hostile".to_string(),
        format!("/sources/{source}"),
        "/situations/nowhere".to_string(),
    ];
    for path in &pages {
        let response = app.get(path, common::app::Auth::Anonymous).await;
        assert!(response.content_type().starts_with("text/html"), "{path}");
        let csp = response.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        for directive in [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ] {
            assert!(csp.contains(directive), "{path}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(response.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(
            response.headers[header::REFERRER_POLICY],
            "strict-origin-when-cross-origin"
        );
        // Nothing the policy would block: no inline script or style.
        let html = response.text();
        for inline in ["<script", "style=", "<style", " onclick=", " onload="] {
            assert!(!html.contains(inline), "{path} has {inline}");
        }
    }
    let signed_in = app.signed_in(&app.analyst).await.get("/desk").await;
    assert!(
        signed_in
            .headers
            .contains_key(header::CONTENT_SECURITY_POLICY)
    );
    assert!(!signed_in.text().contains("style="));
    let json = app
        .get("/api/v1/situations", common::app::Auth::Anonymous)
        .await;
    assert_eq!(json.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bidirectional_controls_from_a_source_are_shown_not_obeyed() {
    let app = common::app::TestApp::new(Engine::Sqlite).await.unwrap();
    let text = "Troops \u{202E}dellitnu\u{202C} moved. Then \u{2067}they\u{2069} stopped.";
    let source = stored_source(&app, text).await;
    for path in [
        format!("/sources/{source}"),
        "/situations/hostile".to_string(),
        "/".to_string(),
    ] {
        let html = app.get(&path, common::app::Auth::Anonymous).await.text();
        assert!(html.contains("[U+202E]"), "{path}: {html}");
        let text_only: String = html
            .split('<')
            .map(|piece| piece.split_once('>').map_or(piece, |(_, text)| text))
            .collect();
        assert!(
            !text_only
                .chars()
                .any(sitrep_templates::bidi::is_bidi_control),
            "{path} lays out a raw bidirectional control"
        );
    }
    let html = app
        .get(&format!("/sources/{source}"), common::app::Auth::Anonymous)
        .await
        .text();
    assert!(html.contains("[U+202E]dellitnu[U+202C] moved."), "{html}");
    assert!(html.contains("[U+2067]they[U+2069]"), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_articles_and_odd_dates_are_refused() {
    use common::app::Auth;
    let app = common::app::TestApp::new(Engine::Sqlite).await.unwrap();
    let created = app
        .post_json(
            "/api/v1/situations",
            &json!({ "slug": "strict", "title": "Strict" }),
            Auth::Bearer(&app.analyst.token),
        )
        .await;
    assert!(created.status.is_success(), "{}", created.text());
    for text in ["", "   \n\t  \n"] {
        let response = app
            .post_json(
                "/api/v1/situations/strict/sources",
                &json!({ "text": text }),
                Auth::Bearer(&app.analyst.token),
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{text:?}"
        );
        assert!(response.text().contains("empty"), "{}", response.text());
    }
    let situation = app
        .get("/api/v1/situations/strict", Auth::Anonymous)
        .await
        .json();
    assert_eq!(situation["counts"]["sources"], 0, "{situation}");

    for published in [
        "0999-12-31",
        "10000-01-01",
        "2022-1-14",
        "2022-01-4",
        "+2022-01-14",
    ] {
        for path in ["/api/v1/situations/strict/sources", "/api/v1/extract"] {
            let response = app
                .post_json(
                    path,
                    &json!({ "text": "Troops moved on Monday.", "published": published }),
                    Auth::Bearer(&app.analyst.token),
                )
                .await;
            assert_eq!(
                response.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{path} {published}: {}",
                response.text()
            );
        }
    }
    let response = app
        .post_json(
            "/api/v1/extract",
            &json!({ "text": "Troops moved on Monday.", "published": "1000-01-01" }),
            Auth::Anonymous,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
}
