//! The JSON API through `app(state).oneshot(request)`, on a fresh SQLite database and, when
//! `TEST_DATABASE_URL` is set, on a fresh PostgreSQL database: bodies (as insta snapshots with
//! ids and timestamps redacted), pagination, the OpenAPI document, and every error shape.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api_support;
mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::app::{Auth, TEST_BODY_LIMIT, TestApp};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

/// Sends one request and returns the status, the content type and the body.
async fn send(app: &TestApp, request: Request<Body>) -> (StatusCode, String, Vec<u8>) {
    let response = app.send(request).await;
    (
        response.status,
        response.content_type().to_string(),
        response.body,
    )
}

async fn get_json(app: &TestApp, uri: &str) -> (StatusCode, Value) {
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let (status, content_type, body) = send(app, request).await;
    assert!(
        content_type.starts_with("application/json"),
        "{uri}: expected JSON, got {content_type:?}: {}",
        String::from_utf8_lossy(&body)
    );
    (status, serde_json::from_slice(&body).unwrap())
}

async fn post_json(app: &TestApp, uri: &str, body: impl Into<Body>) -> (StatusCode, Value) {
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

async fn unknown_api_paths_are_json_404s(app: &TestApp) {
    let (status, body) = get_json(app, "/api/v1/nothing-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_error(&body, "not_found");
}
both_apps!(unknown_api_paths, unknown_api_paths_are_json_404s);

async fn malformed_json_comes_back_in_the_apps_shape(app: &TestApp) {
    let (status, body) = post_json(app, "/api/v1/extract", "{\"text\": ").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_error(&body, "bad_request");
    assert!(body["message"].as_str().unwrap().contains("JSON"), "{body}");

    let (status, body) = post_json(app, "/api/v1/extract", r#"{"txet": "typo"}"#).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_error(&body, "bad_request");
    assert!(body["message"].as_str().unwrap().contains("txet"), "{body}");

    let request = Request::post("/api/v1/extract")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from(r#"{"text": "x"}"#))
        .unwrap();
    let (status, _, body) = send(app, request).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_error(
        &serde_json::from_slice(&body).unwrap(),
        "unsupported_media_type",
    );
}
both_apps!(malformed_json, malformed_json_comes_back_in_the_apps_shape);

async fn oversized_bodies_are_413s_in_the_apps_shape(app: &TestApp) {
    let text = "The talks went on. ".repeat(TEST_BODY_LIMIT / 10);
    let body = serde_json::to_vec(&json!({ "text": text })).unwrap();
    assert!(body.len() > TEST_BODY_LIMIT);

    // With a Content-Length, the limit answers before reading.
    let (status, body_json) = post_json(app, "/api/v1/extract", body.clone()).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_error(&body_json, "payload_too_large");

    // Streamed without a length, the limit stops the read part-way.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        body.chunks(8192).map(|c| Ok(c.to_vec())).collect();
    let stream = Body::from_stream(futures_util::stream::iter(chunks));
    let (status, body_json) = post_json(app, "/api/v1/extract", stream).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_error(&body_json, "payload_too_large");
}
both_apps!(
    oversized_bodies,
    oversized_bodies_are_413s_in_the_apps_shape
);

async fn a_wrong_method_is_a_405_that_says_what_is_allowed(app: &TestApp) {
    let request = Request::builder()
        .method(Method::DELETE)
        .uri("/api/v1/extract")
        .body(Body::empty())
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()[header::ALLOW], "POST");
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_error(
        &serde_json::from_slice(&body).unwrap(),
        "method_not_allowed",
    );
}
both_apps!(
    wrong_method,
    a_wrong_method_is_a_405_that_says_what_is_allowed
);

async fn extract_previews_claims_with_byte_spans(app: &TestApp) {
    let text = "Observation on March 3, 2031:\nThe Ruritanian foreign minister said on March 2 \
                that the border would reopen.\n";
    let (status, body) = post_json(
        app,
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
        app,
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
both_apps!(extract_preview, extract_previews_claims_with_byte_spans);

async fn health_and_request_ids(app: &TestApp) {
    let response = app
        .router
        .clone()
        .oneshot(Request::get("/healthz").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().contains_key("x-request-id"));
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(&body[..], b"ok");

    // With its database gone, the server says so to probes, once the last good answer is
    // older than it may stand for.
    app.database.db.clone().close().await.unwrap();
    tokio::time::sleep(sitrep::http::HEALTH_FRESH).await;
    let request = Request::get("/healthz").body(Body::empty()).unwrap();
    let (status, _, body) = send(app, request).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body, b"database unavailable");
}
both_apps!(health, health_and_request_ids);

/// Redactions for values that differ from run to run or engine to engine.
macro_rules! assert_redacted_json {
    ($name:expr, $value:expr) => {
        insta::assert_json_snapshot!($name, $value, {
            ".**.created_at" => "[timestamp]",
            ".**.updated_at" => "[timestamp]",
            ".**.recorded_at" => "[timestamp]",
            ".**.id" => "[id]",
            ".**.observation_id" => "[id]",
        });
    };
}

async fn situations_are_listed_with_counts(app: &TestApp) {
    let (status, body) = get_json(app, "/api/v1/situations").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({ "situations": [] }));

    api_support::load_fixture(&app.database.db).await;
    let (status, body) = get_json(app, "/api/v1/situations").await;
    assert_eq!(status, StatusCode::OK);
    assert_redacted_json!("situations", &body);

    let (status, one) = get_json(app, &format!("/api/v1/situations/{}", api_support::SLUG)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one, body["situations"][0]);
}
both_apps!(situations, situations_are_listed_with_counts);

async fn an_unknown_slug_is_a_json_404(app: &TestApp) {
    for uri in [
        "/api/v1/situations/atlantis",
        "/api/v1/situations/atlantis/claims",
        "/api/v1/situations/atlantis/actors",
    ] {
        let (status, body) = get_json(app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert_error(&body, "not_found");
        assert!(
            body["message"].as_str().unwrap().contains("atlantis"),
            "{body}"
        );
    }
}
both_apps!(unknown_slug, an_unknown_slug_is_a_json_404);

async fn claims_carry_three_clocks_speaker_actors_and_spans(app: &TestApp) {
    let source_id = api_support::load_fixture(&app.database.db).await;
    let uri = format!("/api/v1/situations/{}/claims", api_support::SLUG);
    let (status, page) = get_json(app, &uri).await;
    assert_eq!(status, StatusCode::OK);
    assert_redacted_json!("claims_page", &page);

    // Every span points at the claim's own words in the stored source.
    let (status, source) = get_json(app, &format!("/api/v1/sources/{source_id}")).await;
    assert_eq!(status, StatusCode::OK);
    let text = source["text"].as_str().unwrap();
    assert_eq!(text, api_support::article());
    let claims = page["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 5);
    for claim in claims {
        let start = claim["span"]["start"].as_u64().unwrap() as usize;
        let end = claim["span"]["end"].as_u64().unwrap() as usize;
        assert_eq!(&text[start..end], claim["text"].as_str().unwrap());
        assert_eq!(claim["source"]["id"].as_i64().unwrap(), source_id.get());
        for actor in claim["actors"].as_array().unwrap() {
            let (s, e) = (
                actor["start"].as_u64().unwrap() as usize,
                actor["end"].as_u64().unwrap() as usize,
            );
            assert!(
                text[s..e].contains(actor["name"].as_str().unwrap().split(' ').next().unwrap())
            );
        }
    }
}
both_apps!(claims, claims_carry_three_clocks_speaker_actors_and_spans);

async fn keyset_pages_cover_every_claim_once_in_order(app: &TestApp) {
    api_support::load_fixture(&app.database.db).await;
    let base = format!("/api/v1/situations/{}/claims", api_support::SLUG);
    let (_, all) = get_json(app, &base).await;
    assert!(all["next_cursor"].is_null());
    let expected: Vec<i64> = all["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();

    let mut seen = Vec::new();
    let mut uri = format!("{base}?limit=2");
    let mut pages = 0;
    loop {
        let (status, page) = get_json(app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let claims = page["claims"].as_array().unwrap();
        assert!(claims.len() <= 2);
        seen.extend(claims.iter().map(|c| c["id"].as_i64().unwrap()));
        pages += 1;
        match page["next_cursor"].as_str() {
            Some(cursor) => uri = format!("{base}?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, expected);
}
both_apps!(pagination, keyset_pages_cover_every_claim_once_in_order);

async fn bad_cursors_and_limits_are_400s(app: &TestApp) {
    api_support::load_fixture(&app.database.db).await;
    let base = format!("/api/v1/situations/{}/claims", api_support::SLUG);
    for query in [
        "cursor=not-a-cursor",
        "cursor=%F0%9F%92%A3",
        "cursor=7631",
        "limit=0",
        "limit=100000",
        "limit=-3",
        "limit=ten",
        "colour=blue",
    ] {
        let (status, body) = get_json(app, &format!("{base}?{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {body}");
        assert_error(&body, "bad_request");
    }
}
both_apps!(bad_cursor, bad_cursors_and_limits_are_400s);

async fn actors_and_sources(app: &TestApp) {
    let source_id = api_support::load_fixture(&app.database.db).await;
    let (status, actors) = get_json(
        app,
        &format!("/api/v1/situations/{}/actors", api_support::SLUG),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_redacted_json!("actors", &actors);

    let (status, mut source) = get_json(app, &format!("/api/v1/sources/{source_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(source["situation"], api_support::SLUG);
    source["text"] = json!("[text]");
    assert_redacted_json!("source", &source);

    let (status, body) = get_json(app, "/api/v1/sources/987654").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_error(&body, "not_found");
    let (status, body) = get_json(app, "/api/v1/sources/first").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_error(&body, "bad_request");
}
both_apps!(actors_and_sources, actors_and_sources);

async fn the_openapi_document_describes_every_route(app: &TestApp) {
    let (status, doc) = get_json(app, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for path in [
        "/api/v1/situations",
        "/api/v1/situations/{slug}",
        "/api/v1/situations/{slug}/claims",
        "/api/v1/situations/{slug}/actors",
        "/api/v1/sources/{id}",
        "/api/v1/extract",
    ] {
        assert!(paths.contains(&path), "{path} missing from {paths:?}");
    }
    if app.database.url.starts_with("sqlite") {
        // One snapshot is enough; the document does not depend on the engine.
        insta::assert_json_snapshot!("openapi", &doc, { ".info.version" => "[version]" });
    }
}
both_apps!(openapi, the_openapi_document_describes_every_route);

async fn creating_a_situation_needs_an_analysts_token(app: &TestApp) {
    let new = json!({ "slug": "border-talks-2031", "title": "Border talks, 2031" });
    let uri = "/api/v1/situations";

    let anonymous = app.post_json(uri, &new, Auth::Anonymous).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_error(&anonymous.json(), "unauthorized");
    assert!(anonymous.headers.contains_key(header::WWW_AUTHENTICATE));

    let forged = app
        .post_json(uri, &new, Auth::Bearer("sitrep_not-a-token"))
        .await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
    assert_error(&forged.json(), "unauthorized");

    let reader = app
        .post_json(uri, &new, Auth::Bearer(&app.reader.token))
        .await;
    assert_eq!(reader.status, StatusCode::FORBIDDEN);
    assert_error(&reader.json(), "forbidden");

    let analyst = app
        .post_json(uri, &new, Auth::Bearer(&app.analyst.token))
        .await;
    assert_eq!(analyst.status, StatusCode::CREATED, "{}", analyst.text());
    let body = analyst.json();
    assert_eq!(body["slug"], "border-talks-2031");
    assert_eq!(body["title"], "Border talks, 2031");

    // Listed, and recorded as ana's doing.
    let (_, list) = get_json(app, uri).await;
    let slugs: Vec<&str> = list["situations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, vec!["border-talks-2031"]);
    let id = sitrep::storage::situation_id(app.db(), "border-talks-2031")
        .await
        .unwrap();
    let revisions = sitrep::storage::revisions_of_situation(app.db(), id)
        .await
        .unwrap();
    assert_eq!(revisions.len(), 1);
    assert_eq!(revisions[0].author.user, Some(app.analyst.row.id));
    assert_eq!(revisions[0].author.name, "ana");
    assert_eq!(revisions[0].action, sitrep::domain::RevisionAction::Created);
    assert_eq!(
        revisions[0].after.as_ref().unwrap()["slug"],
        "border-talks-2031"
    );

    // Taken, malformed, and not JSON at all.
    let again = app
        .post_json(uri, &new, Auth::Bearer(&app.analyst.token))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_error(&again.json(), "conflict");
    for bad in ["Border Talks", "a--b", "", "a\u{0}b"] {
        let response = app
            .post_json(
                uri,
                &json!({ "slug": bad }),
                Auth::Bearer(&app.analyst.token),
            )
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
        assert_error(&response.json(), "bad_request");
    }
}
both_apps!(
    create_situation,
    creating_a_situation_needs_an_analysts_token
);

async fn a_session_writes_to_the_api_only_with_the_csrf_header(app: &TestApp) {
    let mut browser = app.signed_in(&app.analyst).await;
    let body = || Body::from(json!({ "slug": "by-session" }).to_string());
    let json_post =
        || Request::post("/api/v1/situations").header(header::CONTENT_TYPE, "application/json");
    // A cookie alone could come from a page on another site: it does not count.
    let without = browser.send(json_post(), body()).await;
    assert_eq!(without.status, StatusCode::UNAUTHORIZED);
    let token = browser.csrf().unwrap();
    let with = browser
        .send(json_post().header("x-csrf-token", token), body())
        .await;
    assert_eq!(with.status, StatusCode::CREATED, "{}", with.text());
}
both_apps!(
    session_api_writes,
    a_session_writes_to_the_api_only_with_the_csrf_header
);

async fn a_revoked_token_stops_working(app: &TestApp) {
    let user = app.analyst.row.user();
    let token = sitrep::app::accounts::create_token(app.db(), &user, "short-lived")
        .await
        .unwrap();
    let new = json!({ "slug": "before-revoking" });
    let ok = app
        .post_json("/api/v1/situations", &new, Auth::Bearer(&token.secret))
        .await;
    assert_eq!(ok.status, StatusCode::CREATED);
    sitrep::app::accounts::revoke_token(app.db(), &user, token.id)
        .await
        .unwrap();
    let refused = app
        .post_json(
            "/api/v1/situations",
            &json!({ "slug": "after-revoking" }),
            Auth::Bearer(&token.secret),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
}
both_apps!(revoked_tokens, a_revoked_token_stops_working);
