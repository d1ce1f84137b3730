//! The reader's timeline in headless Chromium, on the demo situation: it opens by day, the
//! reader switches the clock, sets an as-of day in the filter form, filters by an actor, and
//! opens an entry's permalink, landing on its sentence highlighted in the article. Desktop and
//! phone screenshots go to `target/screenshots/`. Skips (or fails under
//! `SITREP_REQUIRE_SERVICES=1`) without Chromium.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod webdriver;

use common::server::RunningServer;
use serde_json::Value;
use webdriver::{APPEAR, Browser, Installation, screenshot_path};

const DEMO: &str = "kazakhstan-2022";

/// The ids of the entries on the page, in order.
const ENTRY_IDS: &str =
    "return Array.from(document.querySelectorAll('article.entry')).map(e => e.id);";

/// The ids of a timeline view's entries from the JSON twin, as the page writes them.
async fn api_entry_ids(server: &RunningServer, query: &str) -> Vec<Value> {
    let body = server
        .get_json(&format!("/api/v1/situations/{DEMO}/timeline{query}"))
        .await;
    body["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["entries"].as_array().unwrap().iter())
        .map(|e| Value::String(format!("c{}", e["id"])))
        .collect()
}

/// The path and query of the page shown.
async fn shown_path(browser: &Browser, server: &RunningServer) -> String {
    browser
        .current_url()
        .await
        .trim_start_matches(&server.url())
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_replays_the_timeline_and_follows_a_permalink() {
    let Some(installation) = Installation::or_skip() else {
        return;
    };
    let server = RunningServer::start(true).await;
    let browser = Browser::start(&installation).await;
    browser.set_window_size(1280, 900).await;

    // The timeline opens by day, in the twin's order.
    browser
        .goto(&format!("{}/situations/{DEMO}", server.url()))
        .await;
    browser.wait_for("section.day article.entry", APPEAR).await;
    let shown = browser.execute(ENTRY_IDS, &[]).await;
    assert_eq!(shown, Value::Array(api_entry_ids(&server, "").await));
    browser
        .screenshot(&screenshot_path("timeline-desktop.png"))
        .await;

    // The reader switches to the reported clock.
    let reported = browser
        .wait_for("nav.view-switch a[href$=\"?clock=reported\"]", APPEAR)
        .await;
    browser.click(&reported).await;
    browser
        .wait_until("the reported clock", APPEAR, async || {
            let current = browser
                .find("nav.view-switch a[aria-current=\"true\"]")
                .await?;
            (browser.text(&current).await == "Reported").then_some(())
        })
        .await;
    let shown = browser.execute(ENTRY_IDS, &[]).await;
    assert_eq!(
        shown,
        Value::Array(api_entry_ids(&server, "?clock=reported").await)
    );

    // Sets an as-of day in the form: the banner says so and the view keeps the clock.
    let summary = browser.wait_for("details.filters summary", APPEAR).await;
    browser.click(&summary).await;
    let as_of = browser.wait_for("#timeline-as_of", APPEAR).await;
    browser
        .execute(
            "arguments[0].value = '2022-01-08';",
            &[Browser::arg(&as_of)],
        )
        .await;
    let show = browser
        .wait_for("form.timeline-filters button[type=submit]", APPEAR)
        .await;
    browser.click(&show).await;
    let banner = browser.wait_for("p.banner.as-of", APPEAR).await;
    assert!(
        browser
            .text(&banner)
            .await
            .starts_with("Known as of 8 Jan 2022"),
        "{}",
        browser.text(&banner).await
    );
    let path = shown_path(&browser, &server).await;
    assert!(
        path.contains("clock=reported") && path.contains("as_of=2022-01-08"),
        "{path}"
    );
    let query = &path[path.find('?').unwrap()..];
    let known = api_entry_ids(&server, query).await;
    let all = api_entry_ids(&server, "?clock=reported").await;
    assert!(
        !known.is_empty() && known.len() < all.len(),
        "as of 8 January the reader sees part of the record: {} of {}",
        known.len(),
        all.len()
    );
    assert_eq!(browser.execute(ENTRY_IDS, &[]).await, Value::Array(known));

    // Filters by an actor chosen in the form, on the whole record again.
    browser
        .goto(&format!("{}/situations/{DEMO}", server.url()))
        .await;
    let summary = browser.wait_for("details.filters summary", APPEAR).await;
    browser.click(&summary).await;
    let chosen = browser
        .execute(
            "const select = document.getElementById('timeline-actor');
             const option = Array.from(select.options).find(o => o.text.includes('Tokayev'));
             option.selected = true;
             return option.value;",
            &[],
        )
        .await;
    let actor = chosen.as_str().unwrap().to_string();
    let show = browser
        .wait_for("form.timeline-filters button[type=submit]", APPEAR)
        .await;
    browser.click(&show).await;
    browser.wait_for("ul.active-filters a", APPEAR).await;
    let path = shown_path(&browser, &server).await;
    assert!(path.contains(&format!("actor={actor}")), "{path}");
    let filtered = api_entry_ids(&server, &format!("?actor={actor}")).await;
    assert!(!filtered.is_empty());
    assert_eq!(
        browser.execute(ENTRY_IDS, &[]).await,
        Value::Array(filtered.clone())
    );
    let involved = browser
        .execute(
            "return Array.from(document.querySelectorAll('article.entry')).every(e =>
               e.querySelector(`a[href=\"/actors/${arguments[0]}\"]`) !== null);",
            &[Value::String(actor.clone())],
        )
        .await;
    assert_eq!(involved, Value::Bool(true), "every entry names the actor");
    browser
        .screenshot(&screenshot_path("timeline-filtered-desktop.png"))
        .await;

    // Opens the first entry's permalink: the sentence is highlighted and in view.
    let first = filtered[0].as_str().unwrap().to_string();
    let link = browser
        .wait_for(&format!("#{first} a.source-link"), APPEAR)
        .await;
    browser.click(&link).await;
    let mark = browser
        .wait_for(&format!("mark.claim-span.selected#{first}"), APPEAR)
        .await;
    assert!(browser.is_displayed(&mark).await);
    browser
        .wait_until("the highlight in view", APPEAR, async || {
            let geometry = browser
                .execute(
                    "const box = arguments[0].getBoundingClientRect();
                     return [box.top, box.bottom, window.innerHeight];",
                    &[Browser::arg(&mark)],
                )
                .await;
            let g: Vec<f64> = geometry
                .as_array()?
                .iter()
                .filter_map(Value::as_f64)
                .collect();
            (g.len() == 3 && g[0] >= 0.0 && g[1] <= g[2]).then_some(())
        })
        .await;
    browser
        .screenshot(&screenshot_path("timeline-permalink-desktop.png"))
        .await;

    // On a phone the timeline needs no sideways scrolling.
    browser.set_window_size(390, 844).await;
    browser
        .goto(&format!(
            "{}/situations/{DEMO}?clock=reported",
            server.url()
        ))
        .await;
    browser.wait_for("article.entry", APPEAR).await;
    browser
        .screenshot(&screenshot_path("timeline-phone.png"))
        .await;
    let overflowing = browser.elements_wider_than_viewport().await;
    assert!(
        overflowing.is_empty(),
        "the timeline scrolls sideways on a phone: {overflowing:?}"
    );

    browser.quit().await;
    server.stop().await;
}
