//! The analyst's main path in headless Chromium: sign in, paste an article on the situation's
//! desk, edit one claim's speaker and date on the review screen, reject another, commit, and
//! find the public timeline showing the accepted claims in order, with the edit and without
//! the rejected one. Screenshots of the review screen (desktop and phone) and the timeline go to
//! `target/screenshots/`. Skips (or fails under `SITREP_REQUIRE_SERVICES=1`) without Chromium.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod webdriver;

use common::app::{Auth, TestApp};
use serde_json::{Value, json};
use webdriver::{APPEAR, Browser, Installation, screenshot_path};

const SLUG: &str = "kz-browser";

async fn review(app: &TestApp, source: i64) -> Value {
    app.get(
        &format!("/api/v1/sources/{source}/review"),
        Auth::Bearer(&app.analyst.token),
    )
    .await
    .json()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_reviews_a_pasted_article_and_readers_see_it() {
    let Some(installation) = Installation::or_skip() else {
        return;
    };
    let app = TestApp::new(common::Engine::Sqlite).await.unwrap();
    let created = app
        .post_json(
            "/api/v1/situations",
            &json!({"slug": SLUG, "title": "Kazakhstan desk"}),
            Auth::Bearer(&app.analyst.token),
        )
        .await;
    assert_eq!(created.status.as_u16(), 201);
    let server = app.serve().await;
    let browser = Browser::start(&installation).await;
    browser.set_window_size(1280, 900).await;

    // Sign in.
    browser.goto(&format!("{}/login", server.url())).await;
    let name = browser.wait_for("#login-name", APPEAR).await;
    browser.type_into(&name, "ana").await;
    let password = browser.wait_for("#login-password", APPEAR).await;
    browser.type_into(&password, &app.analyst.password).await;
    let submit = browser
        .wait_for("form[action=\"/login\"] button", APPEAR)
        .await;
    browser.click(&submit).await;
    browser.wait_for("a[href=\"/desk\"]", APPEAR).await;

    // Paste the article on the situation's desk.
    browser
        .goto(&format!("{}/situations/{SLUG}/review", server.url()))
        .await;
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/02-withdrawal-announced.txt"
    ))
    .unwrap();
    let area = browser.wait_for("#article-text", APPEAR).await;
    browser.type_into(&area, &text).await;
    let read = browser
        .wait_for(
            &format!("form[action=\"/situations/{SLUG}/sources\"] > button"),
            APPEAR,
        )
        .await;
    browser.click(&read).await;
    browser.wait_for("ol.drafts li.draft", APPEAR).await;
    let url = browser.current_url().await;
    let source: i64 = url.rsplit('/').next().unwrap().parse().unwrap();
    let drafts = review(&app, source).await;
    let claims = drafts["claims"].as_array().unwrap().clone();
    assert!(claims.len() >= 3, "{drafts}");

    // Edit the first claim's speaker and date.
    let actors = app
        .get(
            &format!("/api/v1/situations/{SLUG}/actors"),
            Auth::Anonymous,
        )
        .await
        .json();
    let shoygu = actors["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"].as_str().unwrap().contains("Shoygu"))
        .unwrap()
        .clone();
    let edited = claims
        .iter()
        .find(|c| c["speaker"]["id"] != shoygu["id"])
        .unwrap()
        .clone();
    let id = edited["id"].as_i64().unwrap();
    let summary = browser
        .wait_for(&format!("#draft-{id} details.edit > summary"), APPEAR)
        .await;
    browser.click(&summary).await;
    let option = browser
        .wait_for(
            &format!("#c{id}-speaker option[value=\"{}\"]", shoygu["id"]),
            APPEAR,
        )
        .await;
    browser.click(&option).await;
    let occurred = browser.wait_for(&format!("#c{id}-occurred"), APPEAR).await;
    browser.type_into(&occurred, "evening of 12 Jan 2022").await;
    let reason = browser.wait_for(&format!("#c{id}-reason"), APPEAR).await;
    browser.type_into(&reason, "speaker and date checked").await;
    let save = browser
        .wait_for(
            &format!("#draft-{id} form.claim-form button[type=\"submit\"]"),
            APPEAR,
        )
        .await;
    browser.click(&save).await;
    browser
        .wait_until("the edit saved", APPEAR, async || {
            let claim = review(&app, source).await["claims"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["id"] == id)
                .cloned()?;
            (claim["speaker"]["id"] == shoygu["id"]).then_some(())
        })
        .await;
    let speaker = browser
        .wait_for(&format!("#draft-{id} dd.speaker"), APPEAR)
        .await;
    assert_eq!(
        browser.text(&speaker).await,
        shoygu["name"].as_str().unwrap()
    );

    // Reject another.
    let rejected = claims.iter().find(|c| c["id"] != id).unwrap()["id"]
        .as_i64()
        .unwrap();
    let reject = browser
        .wait_for(&format!("#draft-{rejected} button.review-rejected"), APPEAR)
        .await;
    browser.click(&reject).await;
    browser
        .wait_for(
            &format!("#draft-{rejected}[data-state=\"rejected\"]"),
            APPEAR,
        )
        .await;
    browser.wait_for("#commit-button", APPEAR).await;
    browser
        .screenshot(&screenshot_path("review-desktop.png"))
        .await;
    browser.set_window_size(390, 844).await;
    let overflowing = browser.elements_wider_than_viewport().await;
    assert!(
        overflowing.is_empty(),
        "the review screen scrolls sideways on a phone: {overflowing:?}"
    );
    browser
        .screenshot(&screenshot_path("review-phone.png"))
        .await;
    browser.set_window_size(1280, 900).await;

    // Commit, accepting the rest.
    let pending = browser.wait_for("#accept-pending", APPEAR).await;
    browser.click(&pending).await;
    let commit = browser.wait_for("#commit-button", APPEAR).await;
    browser.click(&commit).await;
    browser
        .wait_until("the commit", APPEAR, async || {
            let published = review(&app, source).await["claims"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["review_state"] == "accepted")
                .count();
            (published == claims.len() - 1).then_some(())
        })
        .await;

    // The claim's page, its history and the desk, as the analyst sees them.
    for (path, shot, ready) in [
        (format!("/claims/{id}"), "claim-page.png", "#edit-claim"),
        (
            format!("/history/claim/{id}"),
            "claim-history.png",
            "table.diff",
        ),
        (
            format!("/situations/{SLUG}/review"),
            "desk.png",
            "#add-article",
        ),
    ] {
        browser.goto(&format!("{}{path}", server.url())).await;
        browser.wait_for(ready, APPEAR).await;
        browser.screenshot(&screenshot_path(shot)).await;
    }
    browser.set_window_size(390, 844).await;
    browser.screenshot(&screenshot_path("desk-phone.png")).await;
    let overflowing = browser.elements_wider_than_viewport().await;
    assert!(
        overflowing.is_empty(),
        "the desk scrolls sideways on a phone: {overflowing:?}"
    );
    browser.set_window_size(1280, 900).await;

    // Signed out, the public timeline shows the accepted claims in order, with the edit.
    let sign_out = browser
        .wait_for("form[action=\"/logout\"] button", APPEAR)
        .await;
    browser.click(&sign_out).await;
    browser.wait_for("a[href^=\"/login\"]", APPEAR).await;
    browser
        .goto(&format!("{}/situations/{SLUG}/claims", server.url()))
        .await;
    browser.wait_for("article.claim", APPEAR).await;
    let shown = browser
        .execute(
            "return Array.from(document.querySelectorAll('article.claim')).map(c => c.id);",
            &[],
        )
        .await;
    let public = server
        .get_json(&format!("/api/v1/situations/{SLUG}/claims?limit=500"))
        .await;
    let order: Vec<String> = public["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| format!("c{}", c["id"]))
        .collect();
    assert_eq!(order.len(), claims.len() - 1);
    assert_eq!(
        shown,
        json!(order),
        "the accepted claims, in the timeline's order"
    );
    assert!(!order.contains(&format!("c{rejected}")));
    let card = browser.wait_for(&format!("#c{id}"), APPEAR).await;
    let card_text = browser.text(&card).await;
    assert!(
        card_text.contains(shoygu["name"].as_str().unwrap()),
        "{card_text}"
    );
    assert!(card_text.contains("12 Jan 2022, evening"), "{card_text}");
    browser
        .screenshot(&screenshot_path("timeline-after-review.png"))
        .await;

    browser.quit().await;
    server.stop().await;
}
