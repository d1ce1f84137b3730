//! The reader's main path in a real browser: headless Chromium, driven through chromedriver,
//! against a real server on `127.0.0.1:0` over a fresh SQLite file seeded with the demo
//! situation. From the home page the reader follows the link to the Kazakhstan situation, reads
//! its claims grouped by day with their dates and speakers, and follows a claim to its source,
//! where the claim's sentence is highlighted and scrolled into view.
//!
//! Chromium and chromedriver come from `SITREP_CHROMIUM` / `SITREP_CHROMEDRIVER` or from
//! `chromium` / `chromedriver` on `PATH`; without them the test prints a skip line and passes,
//! unless `SITREP_REQUIRE_SERVICES=1`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod webdriver;

use chrono::NaiveDate;
use common::app::TestApp;
use common::server::RunningServer;
use serde_json::Value;
use std::time::{Duration, Instant};
use webdriver::{Browser, Installation};

const DEMO: &str = "kazakhstan-2022";
const DEMO_TITLE: &str = "Kazakhstan, January 2022";

/// How long an element may take to appear after a navigation.
const APPEAR: Duration = Duration::from_secs(15);

/// Every claim of a situation from the JSON API, in the API's (chronological) order.
async fn api_claims(server: &RunningServer, slug: &str) -> Vec<Value> {
    let mut claims = Vec::new();
    let mut uri = format!("/api/v1/situations/{slug}/claims?limit=500");
    loop {
        let page = server.get_json(&uri).await;
        claims.extend(page["claims"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(cursor) => {
                uri = format!("/api/v1/situations/{slug}/claims?limit=500&cursor={cursor}")
            }
            None => return claims,
        }
    }
}

/// What the claims page shows, read from the rendered document in one script: each day's
/// section with its heading and `<time datetime>`, and each claim card in it with its text,
/// date, speaker, source link and whether it is rendered at all.
const READ_CLAIM_LIST: &str = r#"
const fact = (card, label) => {
  for (const row of card.querySelectorAll('dl.claim-facts > div')) {
    const term = row.querySelector('dt');
    if (term && term.textContent.trim() === label) return row.querySelector('dd');
  }
  return null;
};
return Array.from(document.querySelectorAll('section.day')).map(section => {
  const heading = section.querySelector('h2');
  const time = heading && heading.querySelector('time');
  return {
    heading: heading ? heading.innerText.trim() : '',
    datetime: time ? time.getAttribute('datetime') : null,
    claims: Array.from(section.querySelectorAll('article.claim')).map(card => {
      const when = card.querySelector('.claim-meta .when');
      const whenTime = when && when.querySelector('time');
      const speaker = fact(card, 'Said by');
      const source = fact(card, 'Source');
      const link = source && source.querySelector('a');
      return {
        id: card.id,
        text: card.querySelector('.claim-text').textContent,
        shown: card.checkVisibility(),
        date_label: when ? when.innerText.trim() : null,
        date_datetime: whenTime ? whenTime.getAttribute('datetime') : null,
        speaker: speaker ? speaker.innerText.trim() : null,
        source_href: link ? link.getAttribute('href') : null,
      };
    }),
  };
});
"#;

/// The highlight's geometry and colour, to tell that a reader sees it.
const READ_HIGHLIGHT: &str = r#"
const mark = arguments[0];
const box = mark.getBoundingClientRect();
const style = getComputedStyle(mark);
return {
  text: mark.textContent,
  top: box.top,
  bottom: box.bottom,
  width: box.width,
  viewport: window.innerHeight,
  background: style.backgroundColor,
  marks: document.querySelectorAll('mark').length,
};
"#;

/// "13 January 2022", as a day heading spells the date.
fn spelled_day(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_follows_a_claim_to_its_highlighted_sentence() {
    let installation = match Installation::find() {
        Ok(installation) => installation,
        Err(reason) => {
            common::service_missing(&reason);
            return;
        }
    };
    let started = Instant::now();
    let server = RunningServer::start(true).await;
    let claims = api_claims(&server, DEMO).await;
    assert!(
        claims.len() >= 5,
        "the demo situation has too few claims for this test: {}",
        claims.len()
    );
    let browser = Browser::start(&installation).await;
    let ready = started.elapsed();

    // The home page lists the situation; the reader clicks through to it.
    browser.goto(&format!("{}/", server.url())).await;
    let link = browser
        .wait_for(&format!(r#"ul.cards a[href="/situations/{DEMO}"]"#), APPEAR)
        .await;
    assert_eq!(browser.text(&link).await, DEMO_TITLE);
    assert!(browser.is_displayed(&link).await);
    browser.click(&link).await;
    let situation_url = format!("{}/situations/{DEMO}", server.url());
    browser
        .wait_until("the situation page", APPEAR, async || {
            (browser.current_url().await == situation_url).then_some(())
        })
        .await;
    // The situation opens on its timeline; the plain list of claims is beside it.
    browser.wait_for("section.day article.entry", APPEAR).await;
    browser
        .goto(&format!("{}/situations/{DEMO}/claims", server.url()))
        .await;
    browser.wait_for("section.day article.claim", APPEAR).await;
    let heading = browser.wait_for("h1", APPEAR).await;
    assert_eq!(browser.text(&heading).await, DEMO_TITLE);

    // Claims are listed by day, in order, each with its date and speaker as stored.
    let sections = browser.execute(READ_CLAIM_LIST, &[]).await;
    let sections = sections.as_array().expect("a list of day sections");
    let datetimes: Vec<&str> = sections
        .iter()
        .filter_map(|s| s["datetime"].as_str())
        .collect();
    assert!(
        datetimes.len() >= 3,
        "the demo spans several days: {datetimes:?}"
    );
    assert!(
        datetimes.windows(2).all(|w| w[0] < w[1]),
        "days in chronological order, each once: {datetimes:?}"
    );
    if let Some(undated) = sections.iter().position(|s| s["datetime"].is_null()) {
        assert_eq!(undated, sections.len() - 1, "undated claims come last");
        assert_eq!(sections[undated]["heading"], "Undated");
    }
    let shown: Vec<(&Value, &Value)> = sections
        .iter()
        .flat_map(|section| {
            section["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |card| (section, card))
        })
        .collect();
    let shown_ids: Vec<String> = shown
        .iter()
        .map(|(_, card)| card["id"].as_str().unwrap().to_string())
        .collect();
    let stored_ids: Vec<String> = claims.iter().map(|c| format!("c{}", c["id"])).collect();
    assert_eq!(
        shown_ids, stored_ids,
        "every claim once, in the stored order"
    );
    let mut with_speaker = 0;
    for ((section, card), claim) in shown.iter().zip(&claims) {
        let id = &card["id"];
        assert_eq!(card["shown"], true, "{id} is rendered");
        assert_eq!(card["text"], claim["text"], "{id} shows its own words");
        let occurred = &claim["occurred"];
        match occurred["start"].as_str() {
            Some(start) if occurred["precision"] == "day" && occurred["approximate"] == false => {
                let day = NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap();
                assert_eq!(section["datetime"], start, "{id} is filed under its day");
                let spelled = spelled_day(day);
                let heading = section["heading"].as_str().unwrap();
                assert!(
                    heading.contains(&spelled),
                    "{id}: the heading {heading:?} names {spelled}"
                );
                assert_eq!(card["date_datetime"], start, "{id} carries its date");
                let label = card["date_label"].as_str().unwrap_or_default();
                assert!(
                    label.contains(&day.format("%-d %b %Y").to_string()),
                    "{id}: the date reads {label:?}"
                );
            }
            Some(_) => assert!(!card["date_label"].is_null(), "{id} shows its date"),
            None => {
                assert!(section["datetime"].is_null(), "{id} is undated");
                assert!(card["date_label"].is_null(), "{id} invents no date");
            }
        }
        match claim["speaker"]["name"].as_str() {
            Some(name) => {
                with_speaker += 1;
                assert_eq!(card["speaker"], name, "{id} names who said it");
            }
            None => assert!(card["speaker"].is_null(), "{id} has no speaker"),
        }
        let expected_href = format!(
            "/sources/{}?claim={}#c{}",
            claim["source"]["id"], claim["id"], claim["id"]
        );
        assert_eq!(card["source_href"], expected_href.as_str(), "{id}");
    }
    assert!(
        with_speaker >= 2,
        "the demo has statements with speakers: {with_speaker}"
    );

    // The reader follows a statement to its source.
    let claim = claims
        .iter()
        .find(|c| c["speaker"].is_object() && c["occurred"]["start"].is_string())
        .unwrap();
    let (claim_id, source_id) = (&claim["id"], &claim["source"]["id"]);
    let claim_text = claim["text"].as_str().unwrap();
    let source_link = browser
        .wait_for(
            &format!("#c{claim_id} dl.claim-facts a[href^=\"/sources/\"]"),
            APPEAR,
        )
        .await;
    browser.click(&source_link).await;
    let source_url = format!(
        "{}/sources/{source_id}?claim={claim_id}#c{claim_id}",
        server.url()
    );
    browser
        .wait_until("the source page", APPEAR, async || {
            (browser.current_url().await == source_url).then_some(())
        })
        .await;

    // There the claim's sentence is highlighted, shown, and scrolled into view.
    let mark = browser
        .wait_for(&format!("mark.claim-span.selected#c{claim_id}"), APPEAR)
        .await;
    assert!(
        browser.is_displayed(&mark).await,
        "the highlight is displayed"
    );
    assert_eq!(
        collapse_whitespace(&browser.text(&mark).await),
        collapse_whitespace(claim_text),
        "the highlight as rendered reads as the claim"
    );
    let geometry = browser
        .wait_until("the highlight in view", APPEAR, async || {
            let geometry = browser
                .execute(READ_HIGHLIGHT, &[Browser::arg(&mark)])
                .await;
            let (top, bottom, viewport) = (
                geometry["top"].as_f64()?,
                geometry["bottom"].as_f64()?,
                geometry["viewport"].as_f64()?,
            );
            (top >= 0.0 && bottom <= viewport).then_some(geometry)
        })
        .await;
    assert_eq!(
        geometry["text"], claim_text,
        "the highlight holds exactly the claim's bytes"
    );
    assert!(geometry["width"].as_f64().unwrap() > 0.0);
    assert_eq!(
        geometry["marks"], 1,
        "only the claim asked for is highlighted"
    );
    let background = geometry["background"].as_str().unwrap();
    assert!(
        !matches!(background, "rgba(0, 0, 0, 0)" | "transparent"),
        "the highlight has a background: {background}"
    );
    let quoted = browser.wait_for("aside.selected-claim q", APPEAR).await;
    assert_eq!(
        collapse_whitespace(&browser.text(&quoted).await),
        collapse_whitespace(claim_text)
    );
    // The breadcrumb leads back to the situation.
    let crumb = browser.wait_for("p.breadcrumb a", APPEAR).await;
    assert_eq!(browser.text(&crumb).await, DEMO_TITLE);
    assert_eq!(
        browser.attribute(&crumb, "href").await.as_deref(),
        Some(format!("/situations/{DEMO}").as_str())
    );

    browser.quit().await;
    server.stop().await;
    eprintln!(
        "browser test: server and browser ready in {:.1?}, whole path in {:.1?}",
        ready,
        started.elapsed()
    );
}

/// Where the browser tests leave their screenshots.
fn screenshot_path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("screenshots")
        .join(name)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_signs_in_and_creates_a_situation() {
    let installation = match Installation::find() {
        Ok(installation) => installation,
        Err(reason) => {
            common::service_missing(&reason);
            return;
        }
    };
    let app = TestApp::new(common::Engine::Sqlite).await.unwrap();
    let server = app.serve().await;
    let browser = Browser::start(&installation).await;

    // The home page offers a sign-in link, and no form to visitors.
    browser.goto(&format!("{}/", server.url())).await;
    let sign_in = browser.wait_for(r#"a[href="/login"]"#, APPEAR).await;
    assert!(browser.find("form[action=\"/situations\"]").await.is_none());
    browser.click(&sign_in).await;

    // A wrong password first: the form comes back with the reason.
    let name = browser.wait_for("#login-name", APPEAR).await;
    browser.type_into(&name, "ana").await;
    let password = browser.wait_for("#login-password", APPEAR).await;
    browser.type_into(&password, "not it").await;
    let submit = browser
        .wait_for("form[action=\"/login\"] button", APPEAR)
        .await;
    browser.click(&submit).await;
    let error = browser.wait_for("p.form-error", APPEAR).await;
    assert!(
        browser
            .text(&error)
            .await
            .contains("wrong account name or password")
    );

    let password = browser.wait_for("#login-password", APPEAR).await;
    browser.type_into(&password, &app.analyst.password).await;
    let submit = browser
        .wait_for("form[action=\"/login\"] button", APPEAR)
        .await;
    browser.click(&submit).await;

    // Signed in: the header names ana, and the home page has the form.
    let account = browser.wait_for(r#"a[href="/account"]"#, APPEAR).await;
    assert_eq!(browser.text(&account).await, "ana");
    let title = browser.wait_for("#situation-title", APPEAR).await;
    browser.type_into(&title, "Border talks, 2031").await;
    let slug = browser.wait_for("#situation-slug", APPEAR).await;
    browser.type_into(&slug, "border-talks-2031").await;
    let summary = browser.wait_for("#situation-summary", APPEAR).await;
    browser
        .type_into(&summary, "Two neighbours reopen their crossings.")
        .await;
    browser
        .screenshot(&screenshot_path("home-analyst.png"))
        .await;
    let create = browser
        .wait_for("form[action=\"/situations\"] button", APPEAR)
        .await;
    browser.click(&create).await;

    // The new situation opens, and it is listed for everyone.
    let situation_url = format!("{}/situations/border-talks-2031", server.url());
    browser
        .wait_until("the new situation's page", APPEAR, async || {
            (browser.current_url().await == situation_url).then_some(())
        })
        .await;
    let heading = browser.wait_for("h1", APPEAR).await;
    assert_eq!(browser.text(&heading).await, "Border talks, 2031");
    let listed = server.get_json("/api/v1/situations").await;
    assert_eq!(listed["situations"][0]["slug"], "border-talks-2031");

    // The account page, on a phone.
    browser.set_window_size(390, 844).await;
    browser.goto(&format!("{}/account", server.url())).await;
    browser.wait_for("#tokens", APPEAR).await;
    browser
        .screenshot(&screenshot_path("account-phone.png"))
        .await;
    let overflowing = browser.elements_wider_than_viewport().await;
    assert!(
        overflowing.is_empty(),
        "the account page scrolls sideways on a phone: {overflowing:?}"
    );

    // Signing out returns to the visitor's view.
    let sign_out = browser
        .wait_for("form[action=\"/logout\"] button", APPEAR)
        .await;
    browser.click(&sign_out).await;
    browser.wait_for(r#"a[href="/login"]"#, APPEAR).await;

    browser.quit().await;
    server.stop().await;
}
