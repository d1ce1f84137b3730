//! The reader's pages beside the timeline in headless Chromium, at a desktop width and at a
//! phone's 390 pixels: search results with their marked words, an actor's page with its lane,
//! a source with its claims, names and dates marked, and the lanes chart. Each page must fit
//! the phone without sideways scrolling of the page itself (the chart scrolls in its own box).
//! Screenshots go to `target/screenshots/reader-*.png`. Skips (or fails under
//! `SITREP_REQUIRE_SERVICES=1`) without Chromium.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api_support;
mod common;
mod webdriver;

use common::app::{Auth, TestApp};
use webdriver::{APPEAR, Browser, Installation, screenshot_path};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reader_pages_render_on_desktop_and_phone() {
    let Some(installation) = Installation::or_skip() else {
        return;
    };
    let app = TestApp::new(common::Engine::Sqlite).await.unwrap();
    let source = api_support::load_fixture(app.db()).await;
    let actors = app
        .get(
            &format!("/api/v1/situations/{}/actors", api_support::SLUG),
            Auth::Anonymous,
        )
        .await
        .json();
    let borduria = actors["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Borduria")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let server = app.serve().await;
    let browser = Browser::start(&installation).await;
    let pages = [
        (
            "search",
            "/search?q=borduria+crossings".to_string(),
            "ol.hits mark",
        ),
        ("actor", format!("/actors/{borduria}"), "svg.lane-chart"),
        ("source", format!("/sources/{source}"), ".mention-actor"),
        (
            "lanes",
            format!("/situations/{}/lanes", api_support::SLUG),
            "svg.lane-chart a.mark",
        ),
    ];
    for (width, height, device) in [(1280, 900, "desktop"), (390, 844, "phone")] {
        browser.set_window_size(width, height).await;
        for (name, path, expected) in &pages {
            browser.goto(&format!("{}{path}", server.url())).await;
            browser.wait_for(expected, APPEAR).await;
            let overflow = browser
                .execute(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
                    &[],
                )
                .await;
            assert!(
                overflow.as_i64().unwrap_or(0) <= 1,
                "{name} scrolls sideways on the {device}: {overflow}"
            );
            browser
                .screenshot(&screenshot_path(&format!("reader-{name}-{device}.png")))
                .await;
        }
    }
    // A mark on the lanes leads to its claim highlighted in the source.
    browser.set_window_size(1280, 900).await;
    browser
        .goto(&format!(
            "{}/situations/{}/lanes",
            server.url(),
            api_support::SLUG
        ))
        .await;
    let href = browser
        .execute(
            "return document.querySelector('svg.lane-chart a.mark').getAttribute('href');",
            &[],
        )
        .await;
    let href = href.as_str().unwrap().to_string();
    assert!(href.starts_with("/sources/"), "{href}");
    browser.goto(&format!("{}{href}", server.url())).await;
    browser.wait_for("mark.claim-span.selected", APPEAR).await;
    browser.quit().await;
}
