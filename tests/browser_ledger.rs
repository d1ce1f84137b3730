//! The predictions ledger in headless Chromium over the seeded demo: the situation's
//! predictions list, a prediction's page and the demo desk's track record, each on a desktop
//! and at a 390 px phone width without sideways scrolling; then an analyst resolves a
//! prediction through the page's form. Screenshots go to `target/screenshots/`. Skips (or fails
//! under `SITREP_REQUIRE_SERVICES=1`) without Chromium.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod webdriver;

use common::app::{Auth, TestApp};
use sitrep::app::seed::seed_demo;
use webdriver::{APPEAR, Browser, Installation, screenshot_path};

const DEMO: &str = "kazakhstan-2022";

/// Scrolls `css` into view and screenshots the desktop view of it.
async fn chart(browser: &Browser, css: &str, name: &str) {
    browser
        .execute(
            &format!("document.querySelector('{css}').scrollIntoView({{behavior: 'instant', block: 'start'}});"),
            &[],
        )
        .await;
    browser
        .screenshot(&screenshot_path(&format!("{name}-chart-desktop.png")))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ledger_pages_read_well_and_an_analyst_resolves_from_the_page() {
    let Some(installation) = Installation::or_skip() else {
        return;
    };
    let app = TestApp::new(common::Engine::Sqlite).await.unwrap();
    seed_demo(app.db()).await.unwrap();
    let list = app
        .get(
            &format!("/api/v1/situations/{DEMO}/predictions"),
            Auth::Anonymous,
        )
        .await
        .json();
    let troops = list["predictions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["hedge"] == "might")
        .unwrap()
        .clone();
    let id = troops["id"].as_i64().unwrap();
    let desk = troops["forecaster"]["id"].as_i64().unwrap();
    let server = app.serve().await;
    let browser = Browser::start(&installation).await;
    browser.set_window_size(1280, 900).await;

    browser
        .goto(&format!("{}/situations/{DEMO}/predictions", server.url()))
        .await;
    let hedge = browser.wait_for("mark.hedge", APPEAR).await;
    assert_eq!(browser.text(&hedge).await, "might");
    let rows = browser.wait_for("#status-resolved", APPEAR).await;
    assert!(browser.text(&rows).await.contains("Resolved"));
    browser.at_both_widths("predictions", &[]).await;

    browser
        .goto(&format!("{}/predictions/{id}", server.url()))
        .await;
    let number = browser
        .wait_for(".prediction-words .hedge-number", APPEAR)
        .await;
    assert!(
        browser
            .text(&number)
            .await
            .contains("might, about 40% (25-50)")
    );
    browser.wait_for("figure.axis svg", APPEAR).await;
    browser.at_both_widths("prediction", &[]).await;
    chart(&browser, "#propositions", "prediction").await;

    browser
        .goto(&format!("{}/forecasters/{desk}", server.url()))
        .await;
    browser.wait_for("figure.reliability svg", APPEAR).await;
    let figures = browser.wait_for("dl.figures", APPEAR).await;
    assert!(browser.text(&figures).await.contains("0.120"));
    browser.at_both_widths("forecaster", &[]).await;
    chart(&browser, "#calibration", "forecaster").await;

    // An analyst resolves the prediction again through the form.
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
    browser
        .goto(&format!("{}/predictions/{id}", server.url()))
        .await;
    let rationale = browser.wait_for("#r-rationale", APPEAR).await;
    browser
        .type_into(&rationale, "Checked again against the withdrawal report")
        .await;
    let add = browser
        .wait_for(
            &format!("form[action=\"/predictions/{id}/resolutions\"] button"),
            APPEAR,
        )
        .await;
    browser.click(&add).await;
    let superseded = browser.wait_for(".tag.superseded", APPEAR).await;
    assert!(
        browser
            .text(&superseded)
            .await
            .eq_ignore_ascii_case("superseded")
    );
    browser
        .screenshot(&screenshot_path("prediction-analyst-desktop.png"))
        .await;
    browser.quit().await;
}
