//! The actor graph in headless Chromium: the situation graph, its change view and one actor's
//! ego view on the demo situation (with the note of 14 January when `../shared` has it), each
//! on a desktop and a 390 px phone, saved to `target/screenshots/`; clicking an edge opens the
//! claims behind it. Skips (or fails under `SITREP_REQUIRE_SERVICES=1`) without Chromium.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod webdriver;

use common::app::{Auth, TestApp};
use sitrep::app::seed::seed_demo;
use webdriver::{APPEAR, Browser, Installation};

const SLUG: &str = "kazakhstan-2022";

/// Takes the desktop and phone screenshots of the page shown, with `focus` scrolled into view;
/// the page itself never scrolls sideways on the phone (the strip over time scrolls inside its
/// own box).
async fn both_widths(browser: &Browser, name: &str, focus: &str) {
    browser.set_window_size(1280, 900).await;
    let target = browser.wait_for(focus, APPEAR).await;
    browser
        .execute("arguments[0].scrollIntoView();", &[Browser::arg(&target)])
        .await;
    browser.at_both_widths(name, &["SVGAnimatedString"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_graph_change_and_ego_pages_in_a_browser() {
    let Some(installation) = Installation::or_skip() else {
        return;
    };
    let app = TestApp::new(common::Engine::Sqlite).await.unwrap();
    seed_demo(app.db()).await.unwrap();
    let body = app
        .get(&format!("/api/v1/situations/{SLUG}/graph"), Auth::Anonymous)
        .await
        .json();
    let tokayev = body["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "Kassym-Jomart Tokayev")
        .unwrap()["id"]
        .clone();

    let server = app.serve().await;
    let browser = Browser::start(&installation).await;
    browser.set_window_size(1280, 900).await;

    browser
        .goto(&format!(
            "{}/situations/{SLUG}/graph?as_of=2022-01-15",
            server.url()
        ))
        .await;
    browser.wait_for("svg.graph-drawing circle", APPEAR).await;
    both_widths(&browser, "graph", ".graph-caption").await;

    browser
        .goto(&format!(
            "{}/situations/{SLUG}/graph?from=2022-01-07&to=2022-01-15",
            server.url()
        ))
        .await;
    browser.wait_for(".graph-change", APPEAR).await;
    both_widths(&browser, "graph-change", "#change-heading").await;

    browser
        .goto(&format!("{}/actors/{tokayev}/graph?steps=2", server.url()))
        .await;
    browser.wait_for("svg.strip", APPEAR).await;
    both_widths(&browser, "graph-ego", ".graph-caption").await;

    // An edge is a link to the claims behind it.
    browser
        .goto(&format!("{}/situations/{SLUG}/graph", server.url()))
        .await;
    let edge = browser
        .wait_for(
            "svg.graph-drawing a[href*=\"-cooperative-asserted\"]",
            APPEAR,
        )
        .await;
    browser
        .execute(
            "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}));",
            &[Browser::arg(&edge)],
        )
        .await;
    browser
        .wait_until("the edge page", APPEAR, async || {
            browser
                .current_url()
                .await
                .contains("/graph/edges/")
                .then_some(())
        })
        .await;
    browser.wait_for(".edge-link blockquote a", APPEAR).await;
    both_widths(&browser, "graph-edge", "h2").await;
    browser.quit().await;
}
