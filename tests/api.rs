//! The JSON API through `app(state).oneshot(request)`, on a fresh SQLite database and, when
//! `TEST_DATABASE_URL` is set, on a fresh PostgreSQL database: bodies (as insta snapshots with
//! ids and timestamps redacted), pagination, the OpenAPI document, and every error shape.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::TestDatabase;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use sitrep::{AppState, Config, app};
use tower::ServiceExt;

/// The body limit the tests run with: small, so oversized bodies are cheap to build.
const TEST_BODY_LIMIT: usize = 64 * 1024;

fn test_app(database: &TestDatabase) -> Router {
    let config = Config {
        database_url: database.url.clone(),
        body_limit: TEST_BODY_LIMIT,
        ..Config::default()
    };
    app(AppState::new(database.db.clone(), config))
}

/// Sends one request and returns the status, the content type and the body.
async fn send(app: &Router, request: Request<Body>) -> (StatusCode, String, Vec<u8>) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, content_type, body.to_vec())
}

async fn get_json(app: &Router, uri: &str) -> (StatusCode, Value) {
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let (status, content_type, body) = send(app, request).await;
    assert!(
        content_type.starts_with("application/json"),
        "{uri}: expected JSON, got {content_type:?}: {}",
        String::from_utf8_lossy(&body)
    );
    (status, serde_json::from_slice(&body).unwrap())
}

async fn post_json(app: &Router, uri: &str, body: impl Into<Body>) -> (StatusCode, Value) {
    let request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .unwrap();
    let (status, content_type, body) = send(app, request).await;
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    (status, serde_json::from_slice(&body).unwrap())
}

/// Asserts the app's error shape: exactly `error` and `message`, with the given code.
fn assert_error(body: &Value, code: &str) {
    let object = body
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {body}"));
    assert_eq!(object.len(), 2, "{body}");
    assert_eq!(body["error"], code, "{body}");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
}

async fn unknown_api_paths_are_json_404s(database: &TestDatabase) {
    let app = test_app(database);
    let (status, body) = get_json(&app, "/api/v1/nothing-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_error(&body, "not_found");
}
both_engines!(unknown_api_paths, unknown_api_paths_are_json_404s);

async fn malformed_json_comes_back_in_the_apps_shape(database: &TestDatabase) {
    let app = test_app(database);
    let (status, body) = post_json(&app, "/api/v1/extract", "{\"text\": ").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_error(&body, "bad_request");
    assert!(body["message"].as_str().unwrap().contains("JSON"), "{body}");

    let (status, body) = post_json(&app, "/api/v1/extract", r#"{"txet": "typo"}"#).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_error(&body, "bad_request");
    assert!(body["message"].as_str().unwrap().contains("txet"), "{body}");

    let request = Request::post("/api/v1/extract")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from(r#"{"text": "x"}"#))
        .unwrap();
    let (status, _, body) = send(&app, request).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_error(
        &serde_json::from_slice(&body).unwrap(),
        "unsupported_media_type",
    );
}
both_engines!(malformed_json, malformed_json_comes_back_in_the_apps_shape);

async fn oversized_bodies_are_413s_in_the_apps_shape(database: &TestDatabase) {
    let app = test_app(database);
    let text = "The talks went on. ".repeat(TEST_BODY_LIMIT / 10);
    let body = serde_json::to_vec(&json!({ "text": text })).unwrap();
    assert!(body.len() > TEST_BODY_LIMIT);

    // With a Content-Length, the limit answers before reading.
    let (status, body_json) = post_json(&app, "/api/v1/extract", body.clone()).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_error(&body_json, "payload_too_large");

    // Streamed without a length, the limit stops the read part-way.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        body.chunks(8192).map(|c| Ok(c.to_vec())).collect();
    let stream = Body::from_stream(futures_util::stream::iter(chunks));
    let (status, body_json) = post_json(&app, "/api/v1/extract", stream).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_error(&body_json, "payload_too_large");
}
both_engines!(
    oversized_bodies,
    oversized_bodies_are_413s_in_the_apps_shape
);

async fn a_wrong_method_is_a_405_that_says_what_is_allowed(database: &TestDatabase) {
    let app = test_app(database);
    let request = Request::builder()
        .method(Method::DELETE)
        .uri("/api/v1/extract")
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()[header::ALLOW], "POST");
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_error(
        &serde_json::from_slice(&body).unwrap(),
        "method_not_allowed",
    );
}
both_engines!(
    wrong_method,
    a_wrong_method_is_a_405_that_says_what_is_allowed
);

async fn extract_previews_claims_with_byte_spans(database: &TestDatabase) {
    let app = test_app(database);
    let text = "Observation on March 3, 2031:\nThe Ruritanian foreign minister said on March 2 \
                that the border would reopen.\n";
    let (status, body) = post_json(
        &app,
        "/api/v1/extract",
        serde_json::to_vec(&json!({ "text": text, "published": "2031-03-04" })).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for key in [
        "document",
        "observations",
        "actors",
        "claims",
        "relations",
        "warnings",
    ] {
        assert!(body.get(key).is_some(), "{key} missing: {body}");
    }
    for claim in body["claims"].as_array().unwrap() {
        let (start, end) = (
            claim["start"].as_u64().unwrap() as usize,
            claim["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(claim["text"].as_str().unwrap(), &text[start..end]);
    }

    let (status, body) = post_json(
        &app,
        "/api/v1/extract",
        serde_json::to_vec(&json!({ "text": "binary\u{0}junk" })).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_error(&body, "bad_request");
    assert!(
        body["message"].as_str().unwrap().contains("byte offset 6"),
        "{body}"
    );
}
both_engines!(extract_preview, extract_previews_claims_with_byte_spans);

async fn health_and_request_ids(database: &TestDatabase) {
    let app = test_app(database);
    let response = app
        .clone()
        .oneshot(Request::get("/healthz").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().contains_key("x-request-id"));
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(&body[..], b"ok");
}
both_engines!(health, health_and_request_ids);
