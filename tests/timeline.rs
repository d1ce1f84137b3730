//! The reader's timeline, its JSON twin, feed and exports, on SQLite and PostgreSQL: grouping
//! by day with coarser bands and undated claims last, the clocks and orders, as-of and since on
//! a situation whose right answers are stated here, filters that combine, keyset pages that
//! show every claim exactly once, the feed parsing as Atom, and hostile text escaped.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api_support;
mod common;

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::app::{Auth, TestApp};
use serde_json::Value;
use sitrep::domain::ClaimId;
use sitrep::storage::{self, ClaimChanges};
use std::collections::HashSet;

const SLUG: &str = api_support::SLUG;

async fn json(app: &TestApp, uri: &str) -> Value {
    let response = app.get(uri, Auth::Anonymous).await;
    assert_eq!(
        response.status,
        StatusCode::OK,
        "{uri}: {}",
        response.text()
    );
    response.json()
}

/// The texts of a timeline body's entries, in order.
fn texts(body: &Value) -> Vec<String> {
    body["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["entries"].as_array().unwrap().iter())
        .map(|e| e["text"].as_str().unwrap().to_string())
        .collect()
}

fn headings(body: &Value) -> Vec<String> {
    body["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["heading"].as_str().unwrap().to_string())
        .collect()
}

fn entry<'a>(body: &'a Value, starting: &str) -> &'a Value {
    body["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["entries"].as_array().unwrap().iter())
        .find(|e| e["text"].as_str().unwrap().starts_with(starting))
        .unwrap_or_else(|| panic!("no entry starting {starting:?} in {body}"))
}

/// Finds a claim's id by the start of its text.
async fn claim_id(app: &TestApp, starting: &str) -> ClaimId {
    let body = json(app, &format!("/api/v1/situations/{SLUG}/timeline")).await;
    ClaimId::new(entry(&body, starting)["id"].as_i64().unwrap())
}

const VESK: &str = "Foreign Minister Anna Vesk said";
const CLOSED: &str = "Borduria closed two crossings";
const QUARREL: &str = "In March 2031 the quarrel";
const POSTERS: &str = "Posters reading";
const MIGHT: &str = "Borduria might reopen";

async fn the_timeline_groups_by_day_with_bands_and_undated_last(app: &TestApp) {
    api_support::load_fixture(app.db()).await;
    let body = json(app, &format!("/api/v1/situations/{SLUG}/timeline")).await;
    // The month starts before its first evening; the approximate week is a band of its own;
    // the undated claim comes last.
    assert_eq!(
        headings(&body),
        [
            "March 2031",
            "Saturday 1 March 2031",
            "Sunday 2 March 2031",
            "about 5–12 Mar 2031",
            "Undated"
        ]
    );
    let bands: Vec<bool> = body["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["band"].as_bool().unwrap())
        .collect();
    assert_eq!(bands, [true, false, false, true, false]);
    let vesk = entry(&body, VESK);
    assert_eq!(vesk["speaker"]["name"], "Anna Vesk");
    assert_eq!(vesk["date_label"], "2 Mar");
    assert_eq!(entry(&body, CLOSED)["date_label"], "evening of 1 Mar");
    assert_eq!(entry(&body, MIGHT)["date_label"], "c. 5–12 Mar");
    assert_eq!(entry(&body, QUARREL)["date_label"], "March 2031");
    let permalink = vesk["permalink"].as_str().unwrap();
    assert!(
        permalink.ends_with(&format!("#c{}", vesk["id"])),
        "{permalink}"
    );

    insta::assert_json_snapshot!("timeline_twin", &body, {
        ".**.id" => "[id]",
        ".**.claim_id" => "[id]",
        ".**.source_id" => "[id]",
        ".**.permalink" => "[permalink]",
        ".**.href" => "[href]",
        ".**.recorded_at" => "[timestamp]",
        ".**.first_seen" => "[timestamp]",
        ".**.updated_at" => "[timestamp]",
    });

    // Newest first reverses the dated claims; the undated one stays last.
    let newest = json(
        app,
        &format!("/api/v1/situations/{SLUG}/timeline?order=newest"),
    )
    .await;
    let mut expected = texts(&body);
    let undated = expected.pop().unwrap();
    expected.reverse();
    expected.push(undated);
    assert_eq!(texts(&newest), expected);

    // On the reported clock, the claims fall under the two observation days.
    let reported = json(
        app,
        &format!("/api/v1/situations/{SLUG}/timeline?clock=reported"),
    )
    .await;
    assert_eq!(
        headings(&reported),
        ["Monday 3 March 2031", "Wednesday 5 March 2031"]
    );
}
both_apps!(
    grouping,
    the_timeline_groups_by_day_with_bands_and_undated_last
);

/// The page, with times that change from run to run and ids replaced.
fn normalised_page(html: &str) -> String {
    let from = html.find("<div class=\"timeline\">").unwrap();
    let to = html[from..].find("</main>").unwrap() + from;
    let body = &html[from..to];
    let recorded = regex::Regex::new(r"Recorded \d+ \w+ \d{4}, \d\d:\d\d UTC").unwrap();
    let ids = regex::Regex::new(r"(/sources/|/claims/|/actors/|claim=|#c|id=.c|source=|actor=)\d+")
        .unwrap();
    let options = regex::Regex::new(r#"<option value="\d+""#).unwrap();
    let body = recorded.replace_all(body, "Recorded [timestamp]");
    let body = ids.replace_all(&body, "${1}N");
    let body = options.replace_all(&body, "<option value=\"N\"");
    body.replace("><", ">\n<")
}

async fn the_page_shows_entries_with_speakers_chips_and_permalinks(app: &TestApp) {
    let source_id = api_support::load_fixture(app.db()).await;
    let response = app
        .get(&format!("/situations/{SLUG}"), Auth::Anonymous)
        .await;
    assert_eq!(response.status, StatusCode::OK);
    let html = response.text();
    // A statement keeps its speaker; chips link to the actors' pages; the source link goes to
    // the highlighted sentence.
    assert!(html.contains("Anna Vesk</a> said: "), "{html}");
    assert!(html.contains("class=\"chip\" href=\"/actors/"));
    assert!(html.contains(&format!("href=\"/sources/{source_id}?claim=")));
    assert!(html.contains("evening of 1 Mar"));
    assert!(html.contains("<h2 id=\"on-2031-03-01\">"));
    // Every view is a link away, and so are the feed and exports.
    assert!(html.contains(&format!("href=\"/situations/{SLUG}?clock=reported\"")));
    assert!(html.contains(&format!("href=\"/situations/{SLUG}?order=newest\"")));
    assert!(html.contains(&format!("href=\"/situations/{SLUG}/feed.atom\"")));
    assert!(html.contains(&format!("href=\"/situations/{SLUG}/export/timeline.csv\"")));
    assert!(html.contains("<form class=\"timeline-filters\" method=\"get\""));
    // The first visit is remembered for "since your last visit".
    let cookie = response.headers["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("sitrep_visit=~"), "{cookie}");
    assert!(cookie.contains(&format!("Path=/situations/{SLUG}")));
    insta::assert_snapshot!("timeline_page", normalised_page(&html));
}
both_apps!(
    page,
    the_page_shows_entries_with_speakers_chips_and_permalinks
);

async fn a_returning_visitor_is_offered_what_is_new(app: &TestApp) {
    api_support::load_fixture(app.db()).await;
    let earlier = (Utc::now() - Duration::hours(5)).format("%Y-%m-%dT%H:%M");
    let request = axum::http::Request::get(format!("/situations/{SLUG}"))
        .header("cookie", format!("sitrep_visit=~{earlier}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let response = app.send(request).await;
    let html = response.text();
    let link = format!(
        "href=\"/situations/{SLUG}?since={}\"",
        earlier.to_string().replace(':', "%3A")
    );
    assert!(html.contains(&link), "{link} not in {html}");
    assert!(html.contains("since your last visit"));
    let cookie = response.headers["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with(&format!("sitrep_visit={earlier}~")),
        "{cookie}"
    );
}
both_apps!(last_visit, a_returning_visitor_is_offered_what_is_new);

async fn as_of_replays_what_had_been_reported(app: &TestApp) {
    api_support::load_fixture(app.db()).await;
    let base = format!("/api/v1/situations/{SLUG}/timeline");
    // The first observation (3 March) reported four claims, the second (5 March) one.
    assert!(texts(&json(app, &format!("{base}?as_of=2031-03-02")).await).is_empty());
    let known = texts(&json(app, &format!("{base}?as_of=2031-03-03")).await);
    assert_eq!(known.len(), 4, "{known:?}");
    assert!(!known.iter().any(|t| t.starts_with(MIGHT)));
    assert_eq!(
        texts(&json(app, &format!("{base}?as_of=2031-03-04")).await).len(),
        4
    );
    assert_eq!(
        texts(&json(app, &format!("{base}?as_of=2031-03-05")).await).len(),
        5
    );
    // On the recorded clock it is when Sitrep stored them: today, not yesterday.
    let today = Utc::now().date_naive();
    let yesterday = today - Duration::days(1);
    assert!(
        texts(&json(app, &format!("{base}?clock=recorded&as_of={yesterday}")).await).is_empty()
    );
    assert_eq!(
        texts(&json(app, &format!("{base}?clock=recorded&as_of={today}")).await).len(),
        5
    );
    let html = app
        .get(
            &format!("/situations/{SLUG}?as_of=2031-03-04"),
            Auth::Anonymous,
        )
        .await
        .text();
    assert!(
        html.contains(
            "Known as of 4 Mar 2031: only what had been reported by the end of that day."
        ),
        "{html}"
    );
}
both_apps!(as_of, as_of_replays_what_had_been_reported);

async fn since_marks_new_and_changed_claims(app: &TestApp) {
    api_support::load_fixture(app.db()).await;
    let base = format!("/api/v1/situations/{SLUG}/timeline");
    let today = Utc::now().date_naive();
    let yesterday = today - Duration::days(1);
    let tomorrow = today + Duration::days(1);
    // Everything was published today: all new since yesterday, nothing since tomorrow.
    let since = json(app, &format!("{base}?since={yesterday}")).await;
    assert_eq!(texts(&since).len(), 5);
    assert!(since["groups"][0]["entries"][0]["change"] == "new");
    assert!(texts(&json(app, &format!("{base}?since={tomorrow}")).await).is_empty());

    // A claim that readers saw two days ago and that was corrected today is changed, not new.
    let vesk = claim_id(app, VESK).await;
    let before = storage::get_claim(app.db(), vesk).await.unwrap();
    app.db()
        .transaction(async |tx| {
            storage::update_claim(
                tx,
                vesk,
                before.version,
                &ClaimChanges {
                    published_at: Some(Some(Utc::now() - Duration::days(2))),
                    ..ClaimChanges::default()
                },
            )
            .await
        })
        .await
        .unwrap();
    let since = json(app, &format!("{base}?since={yesterday}")).await;
    assert_eq!(entry(&since, VESK)["change"], "changed");
    assert_eq!(entry(&since, CLOSED)["change"], "new");
    let html = app
        .get(
            &format!("/situations/{SLUG}?since={yesterday}"),
            Auth::Anonymous,
        )
        .await
        .text();
    assert!(html.contains("4 new and 1 changed on this page"), "{html}");
    assert!(html.contains("mark mark-changed"));
}
both_apps!(since, since_marks_new_and_changed_claims);

async fn filters_combine(app: &TestApp) {
    let source_id = api_support::load_fixture(app.db()).await;
    let base = format!("/api/v1/situations/{SLUG}/timeline");
    let all = json(app, &base).await;
    let borduria = entry(&all, CLOSED)["actors"][0]["id"].as_i64().unwrap();
    let vesk_actor = entry(&all, VESK)["speaker"]["id"].as_i64().unwrap();
    let by_actor = texts(&json(app, &format!("{base}?actor={borduria}")).await);
    assert_eq!(by_actor.len(), 2, "{by_actor:?}");
    assert!(by_actor.iter().all(|t| t.starts_with("Borduria")));
    // A speaker counts as involved; two actors mean claims with both.
    assert_eq!(
        texts(&json(app, &format!("{base}?actor={vesk_actor}")).await).len(),
        1
    );
    assert!(
        texts(&json(app, &format!("{base}?actor={vesk_actor}&actor={borduria}")).await).is_empty()
    );
    let predictions = texts(&json(app, &format!("{base}?actor={borduria}&kind=prediction")).await);
    assert_eq!(predictions.len(), 1);
    assert!(predictions[0].starts_with(MIGHT));
    let kinds = texts(&json(app, &format!("{base}?kind=statement&kind=assessment")).await);
    assert_eq!(kinds.len(), 2);
    assert_eq!(
        texts(&json(app, &format!("{base}?q=CROSSINGS")).await).len(),
        2
    );
    assert_eq!(
        texts(&json(app, &format!("{base}?q=100%25")).await).len(),
        0
    );
    assert_eq!(
        texts(&json(app, &format!("{base}?source={source_id}")).await).len(),
        5
    );
    // Drafts are for analysts: readers asking for them are refused.
    let refused = app
        .get(&format!("{base}?state=draft"), Auth::Anonymous)
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let analyst = app
        .get(
            &format!("{base}?state=accepted"),
            Auth::Bearer(&app.analyst.token),
        )
        .await;
    assert_eq!(analyst.status, StatusCode::OK);
    assert_eq!(texts(&analyst.json()).len(), 5);
}
both_apps!(filters, filters_combine);

async fn disputed_claims_name_their_disputers(app: &TestApp) {
    api_support::load_fixture(app.db()).await;
    let vesk = claim_id(app, VESK).await;
    let closed = claim_id(app, CLOSED).await;
    sitrep::app::disputes::mark_dispute(
        app.db(),
        &app.analyst.row.user(),
        vesk,
        closed,
        "The crossings were closed before the minister spoke",
    )
    .await
    .unwrap();
    let body = json(app, &format!("/api/v1/situations/{SLUG}/timeline")).await;
    let disputed = entry(&body, VESK);
    assert_eq!(disputed["disputed"], true);
    assert_eq!(disputed["disputes"][0]["claim_id"], closed.get());
    assert!(
        disputed["disputes"][0]["claim_text"]
            .as_str()
            .unwrap()
            .starts_with(CLOSED)
    );
    assert_eq!(entry(&body, CLOSED)["disputed"], true);
    assert_eq!(entry(&body, QUARREL)["disputed"], false);
    let html = app
        .get(&format!("/situations/{SLUG}"), Auth::Anonymous)
        .await
        .text();
    assert!(html.contains("The crossings were closed before the minister spoke"));
    assert_eq!(
        html.matches("class=\"entry disputed\"").count(),
        2,
        "{html}"
    );
}
both_apps!(disputes, disputed_claims_name_their_disputers);

async fn pages_show_every_claim_exactly_once(app: &TestApp) {
    api_support::load_many(app.db(), "chronicle", 230).await;
    for clock in ["occurred", "reported", "recorded"] {
        for order in ["oldest", "newest"] {
            for (filter, expected) in [("", 230), ("&q=number%201", 111)] {
                let mut uri = Some(format!(
                    "/api/v1/situations/chronicle/timeline?clock={clock}&order={order}&limit=7{filter}"
                ));
                let mut seen = Vec::new();
                let mut pages = 0;
                while let Some(next) = uri {
                    let body = json(app, &next).await;
                    let ids: Vec<i64> = body["groups"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .flat_map(|g| g["entries"].as_array().unwrap().iter())
                        .map(|e| e["id"].as_i64().unwrap())
                        .collect();
                    assert!(ids.len() <= 7);
                    seen.extend(ids);
                    uri = body["next"].as_str().map(str::to_string);
                    pages += 1;
                    assert!(pages < 100, "the pages never end");
                }
                let unique: HashSet<i64> = seen.iter().copied().collect();
                assert_eq!(
                    unique.len(),
                    seen.len(),
                    "{clock} {order} {filter}: a claim twice"
                );
                assert_eq!(seen.len(), expected, "{clock} {order} {filter}");
            }
        }
    }
}
both_apps!(paging, pages_show_every_claim_exactly_once);

async fn bad_input_gets_clear_errors(app: &TestApp) {
    api_support::load_fixture(app.db()).await;
    let other_cursor = {
        let body = json(
            app,
            &format!("/api/v1/situations/{SLUG}/timeline?clock=reported&limit=1"),
        )
        .await;
        body["next_cursor"].as_str().unwrap().to_string()
    };
    for (query, status) in [
        ("clock=later".to_string(), StatusCode::BAD_REQUEST),
        ("order=sideways".to_string(), StatusCode::BAD_REQUEST),
        ("as_of=2031-02-30".to_string(), StatusCode::BAD_REQUEST),
        ("as_of=31-03-01".to_string(), StatusCode::BAD_REQUEST),
        ("since=2031-03-01T7pm".to_string(), StatusCode::BAD_REQUEST),
        ("cursor=zz".to_string(), StatusCode::BAD_REQUEST),
        (format!("cursor={other_cursor}"), StatusCode::BAD_REQUEST),
        ("actor=999999".to_string(), StatusCode::NOT_FOUND),
        ("actor=vesk".to_string(), StatusCode::BAD_REQUEST),
        ("source=999999".to_string(), StatusCode::NOT_FOUND),
        ("kind=rumour".to_string(), StatusCode::BAD_REQUEST),
        ("limit=9999".to_string(), StatusCode::BAD_REQUEST),
        ("colour=red".to_string(), StatusCode::BAD_REQUEST),
    ] {
        let api = app
            .get(
                &format!("/api/v1/situations/{SLUG}/timeline?{query}"),
                Auth::Anonymous,
            )
            .await;
        assert_eq!(api.status, status, "api {query}");
        let error = api.json();
        assert!(
            error["error"].is_string() && error["message"].is_string(),
            "{error}"
        );
        for page in [
            "",
            "/feed.atom",
            "/export/timeline.csv",
            "/export/timelinejs.json",
        ] {
            let html = app
                .get(
                    &format!("/situations/{SLUG}{page}?{query}"),
                    Auth::Anonymous,
                )
                .await;
            assert_eq!(html.status, status, "page {page} {query}");
            assert!(
                html.content_type().starts_with("text/html"),
                "{page} {query}"
            );
        }
    }
    let missing = app
        .get("/situations/atlantis/feed.atom", Auth::Anonymous)
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
both_apps!(errors, bad_input_gets_clear_errors);

async fn the_feed_is_atom_and_hostile_text_stays_text(app: &TestApp) {
    api_support::load_fixture(app.db()).await;
    let response = app
        .get(&format!("/situations/{SLUG}/feed.atom"), Auth::Anonymous)
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(response.content_type().starts_with("application/atom+xml"));
    let xml = response.text();
    assert!(!xml.contains("<script"), "{xml}");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let atom = "http://www.w3.org/2005/Atom";
    let feed = doc.root_element();
    assert!(feed.has_tag_name((atom, "feed")));
    for required in ["id", "title", "updated"] {
        assert!(
            feed.children().any(|c| c.has_tag_name((atom, required))),
            "{required}"
        );
    }
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((atom, "entry")))
        .collect();
    assert_eq!(entries.len(), 5);
    let child_text = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|c| c.has_tag_name((atom, name)))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    let hostile = entries
        .iter()
        .find(|e| child_text(**e, "content").starts_with(POSTERS))
        .unwrap();
    assert_eq!(child_text(*hostile, "content"), api_support::HOSTILE);
    let ids: HashSet<String> = entries.iter().map(|e| child_text(*e, "id")).collect();
    assert_eq!(ids.len(), 5);

    // An edit keeps the entry's id and moves its updated time to the top of the feed.
    let vesk = claim_id(app, VESK).await;
    let before = storage::get_claim(app.db(), vesk).await.unwrap();
    let old_updated = entries
        .iter()
        .find(|e| child_text(**e, "id") == format!("urn:sitrep:claim:{vesk}"))
        .map(|e| child_text(*e, "updated"))
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    app.db()
        .transaction(async |tx| {
            storage::update_claim(
                tx,
                vesk,
                before.version,
                &ClaimChanges {
                    kind: Some(sitrep::domain::ClaimKind::Assessment),
                    ..ClaimChanges::default()
                },
            )
            .await
        })
        .await
        .unwrap();
    let xml = app
        .get(&format!("/situations/{SLUG}/feed.atom"), Auth::Anonymous)
        .await
        .text();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let first = doc
        .root_element()
        .children()
        .find(|c| c.has_tag_name((atom, "entry")))
        .unwrap();
    assert_eq!(child_text(first, "id"), format!("urn:sitrep:claim:{vesk}"));
    assert!(child_text(first, "updated") > old_updated);

    // The page, the exports: text, never markup.
    let html = app
        .get(&format!("/situations/{SLUG}"), Auth::Anonymous)
        .await
        .text();
    assert!(!html.contains("<script"));
    assert!(html.contains("&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;"));
    let js = json(app, &format!("/situations/{SLUG}/export/timelinejs.json")).await;
    assert!(!js.to_string().contains("<script"));
    // Four dated claims become events; TimelineJS cannot place the undated one.
    assert_eq!(js["events"].as_array().unwrap().len(), 4);
    let month = js["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["display_date"] == "March 2031")
        .unwrap();
    assert_eq!(
        month["start_date"],
        serde_json::json!({"year": 2031, "month": 3})
    );
}
both_apps!(feed, the_feed_is_atom_and_hostile_text_stays_text);

async fn the_csv_export_follows_the_filters(app: &TestApp) {
    api_support::load_fixture(app.db()).await;
    let response = app
        .get(
            &format!("/situations/{SLUG}/export/timeline.csv?kind=event"),
            Auth::Anonymous,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(response.content_type().starts_with("text/csv"));
    let csv = response.text();
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert!(lines[0].starts_with("claim_id,date,start,end,precision"));
    // Two events: the evening closure and the hostile posters (quoted: it holds quotes).
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[1].contains(",evening of 1 Mar,2031-03-01T18:00:00,"),
        "{csv}"
    );
    assert!(
        lines[2].contains(
            "\"Posters reading <script>alert(\"\"owned\"\")</script> & <b>more</b> appeared.\""
        ),
        "{csv}"
    );
}
both_apps!(csv, the_csv_export_follows_the_filters);
