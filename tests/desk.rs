//! The analyst's desk through the JSON API and the pages, on SQLite and PostgreSQL: adding an
//! article (JSON and multipart) and a note, reviewing, editing with revisions, the conflict on
//! a stale version, revert, soft delete and restore, merge and split, disputes, commit, and what
//! readers then see; and one table-driven test that every write route (API and pages) refuses
//! anonymous callers (401) and readers (403), and every form without its token (403).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::app::{Auth, TestApp};
use serde_json::{Value, json};

const SLUG: &str = "kz-desk";

fn article() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/02-withdrawal-announced.txt"
    ))
    .unwrap()
}

async fn situation(app: &TestApp) {
    let r = app
        .post_json(
            "/api/v1/situations",
            &json!({"slug": SLUG, "title": "Desk test"}),
            Auth::Bearer(&app.analyst.token),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

/// Adds the article and returns its review.
async fn add(app: &TestApp) -> Value {
    situation(app).await;
    let r = analyst_post(
        app,
        &format!("/api/v1/situations/{SLUG}/sources"),
        &json!({"text": article(), "url": "https://example.org/kz", "publisher": "Demo Desk"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()
}

async fn public_claims(app: &TestApp) -> Vec<Value> {
    let r = app
        .get(
            &format!("/api/v1/situations/{SLUG}/claims?limit=500"),
            Auth::Anonymous,
        )
        .await;
    r.json()["claims"].as_array().unwrap().clone()
}

/// A GET with the analyst's token, read as JSON.
async fn analyst_get(app: &TestApp, uri: &str) -> Value {
    app.get(uri, Auth::Bearer(&app.analyst.token)).await.json()
}

/// A POST of JSON with the analyst's token.
async fn analyst_post(app: &TestApp, uri: &str, body: &Value) -> common::app::TestResponse {
    app.post_json(uri, body, Auth::Bearer(&app.analyst.token))
        .await
}

async fn patch(app: &TestApp, uri: &str, body: Value) -> common::app::TestResponse {
    app.send_json(Method::PATCH, uri, &body, Auth::Bearer(&app.analyst.token))
        .await
}

async fn a_reviewed_article_reaches_readers_with_its_edits(app: &TestApp) {
    let review = add(app).await;
    let source = review["source_id"].as_i64().unwrap();
    assert_eq!(review["created"], true);
    let claims = review["claims"].as_array().unwrap();
    assert!(claims.len() >= 3, "{review}");
    assert!(claims.iter().all(|c| c["review_state"] == "draft"));
    assert!(
        public_claims(app).await.is_empty(),
        "no draft reaches readers"
    );

    // The same text again opens the same review.
    let again = analyst_post(
        app,
        &format!("/api/v1/situations/{SLUG}/sources"),
        &json!({"text": article()}),
    )
    .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["source_id"], source);

    // Edit the first claim's speaker and date; reject the second.
    let actors = app
        .get(
            &format!("/api/v1/situations/{SLUG}/actors"),
            Auth::Anonymous,
        )
        .await
        .json();
    let speaker = actors["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"].as_str().unwrap().contains("Shoygu"))
        .unwrap_or(&actors["actors"][0])
        .clone();
    let first = &claims[0];
    let id = first["id"].as_i64().unwrap();
    let r = patch(
        app,
        &format!("/api/v1/claims/{id}"),
        json!({"version": first["version"], "reason": "speaker and date checked",
               "speaker": speaker["id"], "occurred": "evening of 12 Jan 2022",
               "review_state": "accepted"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let edited = r.json();
    assert_eq!(edited["speaker"]["id"], speaker["id"]);
    assert_eq!(edited["occurred"]["precision"], "part_of_day");
    assert_eq!(edited["occurred"]["start"], "2022-01-12T18:00:00");
    assert_eq!(edited["version"], first["version"].as_i64().unwrap() + 1);

    // A save from the old version is refused, not applied.
    let stale = patch(
        app,
        &format!("/api/v1/claims/{id}"),
        json!({"version": first["version"], "reason": "late", "kind": "assessment"}),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.text());
    assert_eq!(stale.json()["error"], "conflict");

    let second = &claims[1];
    let rejected = second["id"].as_i64().unwrap();
    let r = patch(
        app,
        &format!("/api/v1/claims/{rejected}"),
        json!({"version": second["version"], "reason": "not in the article",
               "review_state": "rejected"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());

    // Commit, accepting what still waits: readers see every claim but the rejected one.
    let r = analyst_post(
        app,
        &format!("/api/v1/sources/{source}/commit"),
        &json!({"accept_pending": true}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let outcome = r.json();
    assert_eq!(outcome["published"], claims.len() - 1, "{outcome}");
    let public = public_claims(app).await;
    assert_eq!(public.len(), claims.len() - 1);
    assert!(public.iter().all(|c| c["id"] != rejected));
    let shown = public.iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(shown["speaker"]["id"], speaker["id"]);
    assert_eq!(shown["occurred"]["words"], "evening of 12 Jan 2022");

    // The history has the edit with its author, reason, before and after.
    let history = analyst_get(app, &format!("/api/v1/claims/{id}/revisions")).await;
    let revisions = history["revisions"].as_array().unwrap();
    let edit = &revisions[0];
    assert_eq!(edit["author"]["name"], "ana");
    assert_eq!(edit["reason"], "speaker and date checked");
    let fields: Vec<&str> = edit["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"speaker") && fields.contains(&"occurred"),
        "{fields:?}"
    );
    assert!(
        revisions.iter().any(|r| r["action"] == "reviewed"),
        "the commit is recorded"
    );
}
both_apps!(
    review_and_commit,
    a_reviewed_article_reaches_readers_with_its_edits
);

async fn revert_delete_restore_and_disputes(app: &TestApp) {
    let review = add(app).await;
    let claims = review["claims"].as_array().unwrap();
    let (a, b) = (&claims[0], &claims[1]);
    let id = a["id"].as_i64().unwrap();
    let r = patch(
        app,
        &format!("/api/v1/claims/{id}"),
        json!({"version": a["version"], "reason": "an event", "kind": "assessment"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let revision = analyst_get(app, &format!("/api/v1/claims/{id}/revisions")).await["revisions"]
        [0]["id"]
        .clone();
    let r = analyst_post(
        app,
        &format!("/api/v1/revisions/{revision}/revert"),
        &json!({"reason": "it was right"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let history = analyst_get(app, &format!("/api/v1/claims/{id}/revisions")).await;
    let last = history["revisions"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["action"], "reverted");
    assert_eq!(last["after"]["kind"], a["kind"]);
    // Reverting it twice would undo nothing the claim still has: refused.
    let r = analyst_post(
        app,
        &format!("/api/v1/revisions/{revision}/revert"),
        &json!({}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());

    // Soft delete, the deleted list, restore.
    let r = app
        .send(
            Request::delete(format!("/api/v1/claims/{id}?reason=duplicate"))
                .header(
                    header::AUTHORIZATION,
                    format!("Bearer {}", app.analyst.token),
                )
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let deleted = analyst_get(app, &format!("/api/v1/situations/{SLUG}/deleted")).await;
    assert_eq!(deleted["claims"][0]["id"], id);
    let r = analyst_post(
        app,
        &format!("/api/v1/claims/{id}/restore"),
        &json!({"reason": "not a duplicate"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let deleted = analyst_get(app, &format!("/api/v1/situations/{SLUG}/deleted")).await;
    assert!(deleted["claims"].as_array().unwrap().is_empty());

    // Disputes: marked once, shown on both, withdrawn.
    let other = b["id"].as_i64().unwrap();
    let r = analyst_post(
        app,
        &format!("/api/v1/claims/{id}/disputes"),
        &json!({"with": other, "reason": "the dates disagree"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let dispute = r.json()["id"].clone();
    let twice = analyst_post(
        app,
        &format!("/api/v1/claims/{other}/disputes"),
        &json!({"with": id, "reason": "again"}),
    )
    .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    let review = analyst_get(
        app,
        &format!("/api/v1/sources/{}/review", review["source_id"]),
    )
    .await;
    let marked = |claim: i64| {
        review["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == claim)
            .unwrap()["disputed_by"]
            .clone()
    };
    assert_eq!(marked(id), json!([other]));
    assert_eq!(marked(other), json!([id]));
    let r = analyst_post(
        app,
        &format!("/api/v1/disputes/{dispute}/withdraw"),
        &json!({"reason": "they agree after all"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let situation = sitrep::storage::situation_id(app.db(), SLUG).await.unwrap();
    assert!(
        sitrep::storage::disputes_of(app.db(), situation)
            .await
            .unwrap()
            .is_empty()
    );
}
both_apps!(revert_and_disputes, revert_delete_restore_and_disputes);

async fn actors_merge_and_split_back(app: &TestApp) {
    let review = add(app).await;
    let actors = app
        .get(
            &format!("/api/v1/situations/{SLUG}/actors"),
            Auth::Anonymous,
        )
        .await
        .json()["actors"]
        .as_array()
        .unwrap()
        .clone();
    let named = |needle: &str| {
        actors
            .iter()
            .find(|a| a["name"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no {needle} among {actors:?}"))
            .clone()
    };
    let (tokayev, kazakhstan) = (named("Tokayev"), named("Kazakhstan"));
    let mentions = |review: &Value, actor: &Value| {
        review["claims"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| {
                c["actors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|a| a["id"] == actor["id"])
                    || c["speaker"]["id"] == actor["id"]
            })
            .count()
    };
    let tokayev_mentions = mentions(&review, &tokayev);
    assert!(tokayev_mentions > 0);

    // An actor edit from a stale version is refused.
    let r = patch(
        app,
        &format!("/api/v1/actors/{}", tokayev["id"]),
        json!({"version": tokayev["version"], "reason": "his full name",
               "aliases": ["Kassym-Jomart Tokayev", "President Tokayev"]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let stale = patch(
        app,
        &format!("/api/v1/actors/{}", tokayev["id"]),
        json!({"version": tokayev["version"], "reason": "late", "kind": "group"}),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);

    // Merge Tokayev into Kazakhstan (wrongly), then split it back.
    let r = analyst_post(
        app,
        &format!("/api/v1/actors/{}/merge", tokayev["id"]),
        &json!({"into": kazakhstan["id"], "reason": "testing"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(
        r.json()["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == &tokayev["name"])
    );
    let merged = analyst_get(
        app,
        &format!("/api/v1/sources/{}/review", review["source_id"]),
    )
    .await;
    assert_eq!(mentions(&merged, &tokayev), 0, "every mention moved");
    let redirect = sitrep::storage::resolve_actor(
        app.db(),
        sitrep::domain::ActorId::new(tokayev["id"].as_i64().unwrap()),
    )
    .await
    .unwrap();
    assert_eq!(redirect.get(), kazakhstan["id"].as_i64().unwrap());
    let r = analyst_post(
        app,
        &format!("/api/v1/actors/{}/split", tokayev["id"]),
        &json!({"reason": "not the same"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let back = analyst_get(
        app,
        &format!("/api/v1/sources/{}/review", review["source_id"]),
    )
    .await;
    assert_eq!(
        mentions(&back, &tokayev),
        tokayev_mentions,
        "every mention came back"
    );
    let k = app
        .get(
            &format!("/api/v1/situations/{SLUG}/actors"),
            Auth::Anonymous,
        )
        .await
        .json()["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == kazakhstan["id"])
        .unwrap()
        .clone();
    assert!(
        !k["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == &tokayev["name"])
    );

    // Split to a new actor: the mentions in one claim move.
    let claim = back["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["actors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["id"] == tokayev["id"])
        })
        .unwrap()
        .clone();
    let r = analyst_post(
        app,
        &format!("/api/v1/actors/{}/split", tokayev["id"]),
        &json!({"claims": [claim["id"]], "name": "Tokayev's office", "kind": "organisation"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let office = r.json();
    assert_eq!(office["name"], "Tokayev's office");
    // And reverting that split merges the office back.
    let history = analyst_get(app, &format!("/api/v1/actors/{}/revisions", office["id"])).await;
    let split = history["revisions"][0]["id"].clone();
    let r = analyst_post(
        app,
        &format!("/api/v1/revisions/{split}/revert"),
        &json!({"reason": "one actor"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let finally = analyst_get(
        app,
        &format!("/api/v1/sources/{}/review", review["source_id"]),
    )
    .await;
    assert_eq!(mentions(&finally, &tokayev), tokayev_mentions);

    // A rejected actor's mentions are kept but no claim shows them.
    let current = analyst_get(
        app,
        &format!("/api/v1/actors/{}/revisions", kazakhstan["id"]),
    )
    .await["revisions"]
        .as_array()
        .unwrap()
        .len();
    assert!(current > 0);
    let k = app
        .get(
            &format!("/api/v1/situations/{SLUG}/actors"),
            Auth::Anonymous,
        )
        .await
        .json()["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == kazakhstan["id"])
        .unwrap()
        .clone();
    let r = patch(
        app,
        &format!("/api/v1/actors/{}", kazakhstan["id"]),
        json!({"version": k["version"], "reason": "not an actor", "review_state": "rejected"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let after = analyst_get(
        app,
        &format!("/api/v1/sources/{}/review", review["source_id"]),
    )
    .await;
    let shows = |claim: &Value| {
        claim["actors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == kazakhstan["id"])
    };
    assert!(!after["claims"].as_array().unwrap().iter().any(shows));
}
both_apps!(merge_and_split, actors_merge_and_split_back);

async fn uploads_and_notes(app: &TestApp) {
    situation(app).await;
    let boundary = "sitrepboundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nUploaded\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"kz.md\"\r\n\
         Content-Type: text/markdown\r\n\r\n{}\r\n--{boundary}--\r\n",
        article()
    );
    let r = app
        .send(
            Request::post(format!("/api/v1/situations/{SLUG}/sources"))
                .header(
                    header::AUTHORIZATION,
                    format!("Bearer {}", app.analyst.token),
                )
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["title"], "Uploaded");

    let r = analyst_post(
        app,
        &format!("/api/v1/situations/{SLUG}/notes"),
        &json!({"text": "Convoys seen leaving Almaty airport.", "occurred": "January 2022",
                    "kind": "event"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let note = r.json();
    assert_eq!(note["kind"], "analyst_note");
    assert_eq!(note["claims"][0]["occurred"]["precision"], "month");
    let source = app
        .get(
            &format!("/api/v1/sources/{}", note["source_id"]),
            Auth::Anonymous,
        )
        .await
        .json();
    assert_eq!(source["author"], "ana");
    let public = public_claims(app).await;
    assert!(
        public
            .iter()
            .any(|c| c["text"] == "Convoys seen leaving Almaty airport.")
    );

    let bad = analyst_post(
        app,
        &format!("/api/v1/situations/{SLUG}/notes"),
        &json!({"text": "x", "occurred": "whenever"}),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let bad_date = analyst_post(
        app,
        &format!("/api/v1/situations/{SLUG}/sources"),
        &json!({"text": "Some text.", "published": "14/01/2022"}),
    )
    .await;
    assert_eq!(bad_date.status, StatusCode::UNPROCESSABLE_ENTITY);
}
both_apps!(uploads_and_notes_work, uploads_and_notes);

/// Every write route of the desk, API and pages, with a body that would be valid.
fn write_routes() -> Vec<(Method, String, Value)> {
    let m = |method: Method, path: &str, body: Value| (method, path.to_string(), body);
    vec![
        m(Method::POST, "/api/v1/situations", json!({"slug": "x"})),
        m(
            Method::POST,
            &format!("/api/v1/situations/{SLUG}/sources"),
            json!({"text": "A."}),
        ),
        m(
            Method::POST,
            &format!("/api/v1/situations/{SLUG}/notes"),
            json!({"text": "A.", "occurred": "2022"}),
        ),
        m(Method::POST, "/api/v1/sources/1/commit", json!({})),
        m(
            Method::POST,
            "/api/v1/sources/1/review-remaining",
            json!({"review_state": "accepted", "reason": "r"}),
        ),
        m(
            Method::PATCH,
            "/api/v1/claims/1",
            json!({"version": 1, "reason": "r", "kind": "event"}),
        ),
        m(Method::DELETE, "/api/v1/claims/1", Value::Null),
        m(Method::POST, "/api/v1/claims/1/restore", json!({})),
        m(
            Method::POST,
            "/api/v1/claims/1/disputes",
            json!({"with": 2, "reason": "r"}),
        ),
        m(Method::POST, "/api/v1/disputes/1/withdraw", json!({})),
        m(
            Method::PATCH,
            "/api/v1/actors/1",
            json!({"version": 1, "reason": "r", "kind": "state"}),
        ),
        m(Method::POST, "/api/v1/actors/1/merge", json!({"into": 2})),
        m(Method::POST, "/api/v1/actors/1/split", json!({})),
        m(Method::POST, "/api/v1/revisions/1/revert", json!({})),
    ]
}

/// Every analyst-only read of the desk's API.
fn analyst_reads() -> Vec<String> {
    vec![
        "/api/v1/sources/1/review".to_string(),
        "/api/v1/claims/1/revisions".to_string(),
        "/api/v1/actors/1/revisions".to_string(),
        format!("/api/v1/situations/{SLUG}/deleted"),
    ]
}

/// Every form post of the pages.
fn form_routes() -> Vec<String> {
    [
        "/situations",
        "/situations/kz-desk/sources",
        "/situations/kz-desk/sources/upload",
        "/situations/kz-desk/notes",
        "/sources/1/review-remaining",
        "/sources/1/commit",
        "/claims/1/edit",
        "/claims/1/review",
        "/claims/1/delete",
        "/claims/1/restore",
        "/claims/1/disputes",
        "/disputes/1/withdraw",
        "/actors/1/edit",
        "/actors/1/merge",
        "/actors/1/split",
        "/revisions/1/revert",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Every analyst-only page.
fn analyst_pages() -> Vec<String> {
    [
        "/desk",
        "/situations/kz-desk/review",
        "/situations/kz-desk/review/1",
        "/situations/kz-desk/deleted",
        "/claims/1",
        "/history/claim/1",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

async fn every_write_route_refuses_anonymous_callers_and_readers(app: &TestApp) {
    let review = add(app).await;
    let before = review["claims"].as_array().unwrap().len();
    for (method, path, body) in write_routes() {
        for (auth, status) in [
            (Auth::Anonymous, StatusCode::UNAUTHORIZED),
            (Auth::Bearer(&app.reader.token), StatusCode::FORBIDDEN),
        ] {
            let r = app.send_json(method.clone(), &path, &body, auth).await;
            assert_eq!(r.status, status, "{method} {path}: {}", r.text());
            assert!(r.json()["error"].is_string());
        }
    }
    for path in analyst_reads() {
        let r = app.get(&path, Auth::Anonymous).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "GET {path}");
        let r = app.get(&path, Auth::Bearer(&app.reader.token)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "GET {path}");
    }

    let mut anonymous = app.browser().await;
    let mut reader = app.signed_in(&app.reader).await;
    let mut analyst = app.signed_in(&app.analyst).await;
    for path in form_routes() {
        let r = anonymous.post_form(&path, &[("reason", "r")]).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "anonymous POST {path}");
        assert!(r.content_type().starts_with("text/html"));
        let r = reader.post_form(&path, &[("reason", "r")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "reader POST {path}");
        // An analyst's form without its token is refused before it is read.
        let r = if path.ends_with("/upload") {
            let boundary = "b0undary";
            let body = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; \
                 filename=\"a.txt\"\r\n\r\nTroops left.\r\n--{boundary}--\r\n"
            );
            analyst
                .send(
                    Request::post(&path).header(
                        header::CONTENT_TYPE,
                        format!("multipart/form-data; boundary={boundary}"),
                    ),
                    Body::from(body),
                )
                .await
        } else {
            analyst.post_raw_form(&path, &[("reason", "r")]).await
        };
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "tokenless POST {path}: {}",
            r.text()
        );
    }
    for path in analyst_pages() {
        assert_eq!(
            anonymous.get(&path).await.status,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
        assert_eq!(
            reader.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    // Nothing was changed by any of it.
    let review = analyst_get(
        app,
        &format!("/api/v1/sources/{}/review", review["source_id"]),
    )
    .await;
    let claims = review["claims"].as_array().unwrap();
    assert_eq!(claims.len(), before);
    assert!(
        claims
            .iter()
            .all(|c| c["review_state"] == "draft" && c["version"] == 1)
    );
}
both_apps!(
    authorization,
    every_write_route_refuses_anonymous_callers_and_readers
);

async fn the_desk_pages_review_and_commit_through_forms(app: &TestApp) {
    let review = add(app).await;
    let source = review["source_id"].as_i64().unwrap();
    let claims = review["claims"].as_array().unwrap().clone();
    let mut browser = app.signed_in(&app.analyst).await;
    let page = browser
        .get(&format!("/situations/{SLUG}/review/{source}"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let html = page.text();
    for claim in &claims {
        assert!(
            html.contains(&format!("id=\"draft-{}\"", claim["id"])),
            "every draft listed"
        );
    }
    // Reject the first claim with its button, edit the second claim's date with the form.
    let (first, second) = (&claims[0], &claims[1]);
    let r = browser
        .post_form(
            &format!("/claims/{}/review", first["id"]),
            &[
                ("version", &first["version"].to_string()),
                ("review_state", "rejected"),
                ("back", &format!("/situations/{SLUG}/review/{source}")),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let text = second["text"].as_str().unwrap();
    let r = browser
        .post_form(
            &format!("/claims/{}/edit", second["id"]),
            &[
                ("version", &second["version"].to_string()),
                ("text", text),
                ("kind", second["kind"].as_str().unwrap()),
                ("modality", second["modality"].as_str().unwrap()),
                ("review_state", ""),
                ("speaker", ""),
                ("occurred", "13 Jan 2022"),
                ("reason", "the day it began"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    // The same form again is stale: both versions are shown, with a 409.
    let r = browser
        .post_form(
            &format!("/claims/{}/edit", second["id"]),
            &[
                ("version", &second["version"].to_string()),
                ("text", text),
                ("occurred", "14 Jan 2022"),
                ("reason", "late"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let html = r.text();
    assert!(html.contains("Your version") && html.contains("The version stored now"));
    assert!(
        html.contains("14 Jan 2022") && html.contains("13 Jan 2022"),
        "{html}"
    );

    let r = browser
        .post_form(
            &format!("/sources/{source}/commit"),
            &[("accept_pending", "true")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let public = public_claims(app).await;
    assert_eq!(public.len(), claims.len() - 1);
    let dated = public.iter().find(|c| c["id"] == second["id"]).unwrap();
    assert_eq!(dated["occurred"]["start"], "2022-01-13");

    for path in [
        "/desk".to_string(),
        format!("/situations/{SLUG}/review"),
        format!("/claims/{}", second["id"]),
        format!("/history/claim/{}", second["id"]),
        format!("/situations/{SLUG}/deleted"),
    ] {
        let r = browser.get(&path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text());
    }
    let history = browser
        .get(&format!("/history/claim/{}", second["id"]))
        .await
        .text();
    assert!(history.contains("the day it began") && history.contains("Revert this change"));
}
both_apps!(desk_pages, the_desk_pages_review_and_commit_through_forms);
