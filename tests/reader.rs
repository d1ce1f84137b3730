//! The reader's pages beside the timeline, through `app(state).oneshot(request)` on SQLite and
//! PostgreSQL: search (ranked, marked, safe with hostile queries, published claims only for
//! readers), actor and source pages, the lanes chart, and the page cache that never serves a
//! page older than the last write.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api_support;
mod common;

use axum::http::StatusCode;
use chrono::NaiveDate;
use common::app::{Auth, TestApp};
use serde_json::Value;
use sitrep::app::import::{ImportArticle, import_extracted};
use sitrep::domain::{ClaimKind, Modality, When};
use sitrep::extract::{ClaimDraft, DocumentMeta, Extraction, ObservationDraft};

/// Stores one source of `sentences` in situation `slug`, each a dated event claim (one day
/// apart from 1 May 2030), accepted and published when `accept`.
async fn load_sentences(app: &TestApp, slug: &str, title: &str, sentences: &[&str], accept: bool) {
    let mut text = format!("{title}\n");
    let mut claims = Vec::new();
    for (i, sentence) in sentences.iter().enumerate() {
        let start = text.len();
        text.push_str(sentence);
        text.push(' ');
        let day = NaiveDate::from_ymd_opt(2030, 5, 1).unwrap() + chrono::Duration::days(i as i64);
        claims.push(ClaimDraft {
            id: format!("c{i}"),
            text: sentence.to_string(),
            start,
            end: start + sentence.len(),
            observation: 0,
            kind: ClaimKind::Event,
            modality: Modality::Asserted,
            when: Some(When::day(day)),
            reported: None,
            speaker: None,
            actors: vec![],
            participants: vec![],
            probability: None,
            prediction: None,
        });
    }
    let extraction = Extraction {
        document: DocumentMeta {
            title: Some(title.to_string()),
            language: "en".to_string(),
            ..DocumentMeta::default()
        },
        observations: vec![ObservationDraft {
            date: None,
            when: None,
            heading: String::new(),
            start: 0,
            end: text.len(),
        }],
        claims,
        ..Extraction::default()
    };
    import_extracted(
        app.db(),
        ImportArticle {
            situation: slug,
            create_title: Some(title),
            file_name: None,
            text: &text,
            published: None,
            accept,
        },
        &extraction,
    )
    .await
    .unwrap();
}

fn query_string(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap()
}

async fn search_json(app: &TestApp, pairs: &[(&str, &str)], auth: Auth<'_>) -> (StatusCode, Value) {
    let response = app
        .get(&format!("/api/v1/search?{}", query_string(pairs)), auth)
        .await;
    (response.status, response.json())
}

fn claim_texts(body: &Value) -> Vec<String> {
    body["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["claim"]["text"].as_str().unwrap().to_string())
        .collect()
}

fn matched_words(hit: &Value) -> Vec<String> {
    hit["marked"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|run| run["matched"] == true)
        .map(|run| run["text"].as_str().unwrap().to_string())
        .collect()
}

async fn search_ranks_and_marks(app: &TestApp) {
    load_sentences(
        app,
        "flood-watch",
        "Flood watch",
        &[
            "The harbour council met about budgets, schools, roads, parking and the weather in general terms.",
            "Flooding closed the river road; the river rose and the river flooded the market.",
            "Officials mentioned the river once during a long meeting about many other things entirely.",
            "Nothing here matches at all.",
        ],
        true,
    )
    .await;
    let (status, body) = search_json(app, &[("q", "river")], Auth::Anonymous).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["claim_total"], 2, "{body}");
    let texts = claim_texts(&body);
    assert!(texts[0].starts_with("Flooding closed"), "{texts:?}");
    assert!(texts[1].starts_with("Officials mentioned"), "{texts:?}");
    let scores: Vec<f64> = body["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["score"].as_f64().unwrap())
        .collect();
    assert!(scores[0] > scores[1], "{scores:?}");
    assert_eq!(
        matched_words(&body["claims"][0]),
        vec!["river", "river", "river"]
    );
    // The runs put back together are the claim's text, byte for byte.
    let joined: String = body["claims"][0]["marked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(joined, texts[0]);

    // Every word must match; stems match too (floods, flooding, flooded).
    let (_, body) = search_json(app, &[("q", "river flood")], Auth::Anonymous).await;
    assert_eq!(claim_texts(&body).len(), 1, "{body}");
    assert_eq!(
        matched_words(&body["claims"][0]),
        vec!["Flooding", "river", "river", "river", "flooded"]
    );
    // A starred word matches the words it begins.
    let (_, body) = search_json(app, &[("q", "harb*")], Auth::Anonymous).await;
    assert_eq!(claim_texts(&body).len(), 1, "{body}");
    assert_eq!(matched_words(&body["claims"][0]), vec!["harbour"]);

    // Sources are searched too, the headline counting.
    let (_, body) = search_json(app, &[("q", "flood watch")], Auth::Anonymous).await;
    assert_eq!(body["source_total"], 1, "{body}");
    let title: Vec<String> = body["sources"][0]["title_marked"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["matched"] == true)
        .map(|r| r["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(title, vec!["Flood", "watch"]);

    // Limits and offsets page through the claims.
    let (_, first) = search_json(app, &[("q", "river"), ("limit", "1")], Auth::Anonymous).await;
    let (_, second) = search_json(
        app,
        &[("q", "river"), ("limit", "1"), ("offset", "1")],
        Auth::Anonymous,
    )
    .await;
    assert_eq!(claim_texts(&first), vec![texts[0].clone()]);
    assert_eq!(claim_texts(&second), vec![texts[1].clone()]);

    // The page marks the same words, escaped first.
    let response = app.get("/search?q=river+flood", Auth::Anonymous).await;
    assert_eq!(response.status, StatusCode::OK);
    let html = response.text();
    assert!(
        html.contains("<mark>Flooding</mark> closed the <mark>river</mark> road"),
        "{html}"
    );
    assert!(
        html.contains("1 claims and 1 sources match")
            || html.contains("Claims <span class=\"count\">(1)</span>"),
        "{html}"
    );
}
both_apps!(search_ranking, search_ranks_and_marks);

async fn search_escapes_hostile_text(app: &TestApp) {
    api_support::load_fixture(app.db()).await;
    let response = app.get("/search?q=posters", Auth::Anonymous).await;
    assert_eq!(response.status, StatusCode::OK);
    let html = response.text();
    assert!(
        html.contains("<mark>Posters</mark> reading &lt;script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<b>more</b>"), "{html}");
    // Within one situation, and an unknown situation is a 404.
    let slug = api_support::SLUG;
    let (status, body) = search_json(
        app,
        &[("q", "borduria"), ("situation", slug)],
        Auth::Anonymous,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["claim_total"], 2, "{body}");
    let (status, body) = search_json(
        app,
        &[("q", "borduria"), ("situation", "no-such-place")],
        Auth::Anonymous,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(body["error"], "not_found");
}
both_apps!(search_escaping, search_escapes_hostile_text);

async fn hostile_queries_never_break_the_search(app: &TestApp) {
    api_support::load_fixture(app.db()).await;
    let long = "border ".repeat(60);
    let queries = [
        "\"",
        "\"\"\"",
        "*",
        "border*",
        "NEAR(border crossings, 2)",
        "border OR",
        "AND",
        "NOT border",
        "border\0crossings",
        "'",
        "\\",
        ")(",
        "-border",
        "border:*",
        "^border",
        "{border}",
        "col:border",
        "a & b | !c",
        "Борду́рия",
        "🙂",
        long.as_str(),
        "",
    ];
    for q in queries {
        let (status, body) = search_json(app, &[("q", q)], Auth::Anonymous).await;
        assert!(
            status == StatusCode::OK || status == StatusCode::BAD_REQUEST,
            "{q:?}: {status} {body}"
        );
        if status == StatusCode::BAD_REQUEST {
            assert_eq!(body["error"], "bad_request", "{q:?}: {body}");
        }
        let response = app
            .get(
                &format!("/search?{}", query_string(&[("q", q)])),
                Auth::Anonymous,
            )
            .await;
        assert!(
            response.status == StatusCode::OK || response.status == StatusCode::BAD_REQUEST,
            "{q:?}: page {}",
            response.status
        );
        assert!(response.content_type().starts_with("text/html"));
    }
    // Quoted words are found as words.
    let (status, body) = search_json(app, &[("q", "\"border\" NEAR")], Auth::Anonymous).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["claim_total"], 0, "NEAR is a word to find: {body}");
    let (_, body) = search_json(app, &[("q", "\"border\"*")], Auth::Anonymous).await;
    assert_eq!(body["claim_total"], 1, "{body}");
    // Bad limits are refused.
    for limit in ["0", "101", "x"] {
        let (status, _) =
            search_json(app, &[("q", "border"), ("limit", limit)], Auth::Anonymous).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "limit {limit}");
    }
    // Too long a query, or none, is a 400 that says why.
    let (status, body) = search_json(app, &[("q", &"x".repeat(301))], Auth::Anonymous).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"].as_str().unwrap().contains("too long"),
        "{body}"
    );
}
both_apps!(hostile_queries, hostile_queries_never_break_the_search);

async fn readers_find_only_published_claims(app: &TestApp) {
    load_sentences(
        app,
        "drafts-only",
        "Unreviewed notes",
        &["A secret convoy crossed the pass at night."],
        false,
    )
    .await;
    let (_, body) = search_json(app, &[("q", "convoy")], Auth::Anonymous).await;
    assert_eq!(body["claim_total"], 0, "{body}");
    let (_, body) = search_json(app, &[("q", "convoy")], Auth::Bearer(&app.reader.token)).await;
    assert_eq!(body["claim_total"], 0, "{body}");
    let (_, body) = search_json(app, &[("q", "convoy")], Auth::Bearer(&app.analyst.token)).await;
    assert_eq!(body["claim_total"], 1, "{body}");
    assert_eq!(body["claims"][0]["claim"]["review_state"], "draft");
    // The article itself is public (its page shows its text), so it is found as a source; its
    // unreviewed claim is not found as a claim.
    let html = app.get("/search?q=convoy", Auth::Anonymous).await.text();
    assert!(html.contains("No claim contains these words."), "{html}");
    assert!(
        html.contains("Sources <span class=\"count\">(1)</span>"),
        "{html}"
    );
}
both_apps!(search_visibility, readers_find_only_published_claims);

/// The fixture's actors by name: (Anna Vesk, Borduria).
async fn fixture_actors(app: &TestApp) -> (i64, i64) {
    let response = app
        .get(
            &format!("/api/v1/situations/{}/actors", api_support::SLUG),
            Auth::Anonymous,
        )
        .await;
    let body = response.json();
    let id = |name: &str| {
        body["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {body}"))["id"]
            .as_i64()
            .unwrap()
    };
    (id("Anna Vesk"), id("Borduria"))
}

async fn actor_pages_show_claims_by_and_about(app: &TestApp) {
    api_support::load_fixture(app.db()).await;
    let (vesk, borduria) = fixture_actors(app).await;

    let response = app
        .get(&format!("/actors/{borduria}"), Auth::Anonymous)
        .await;
    assert_eq!(response.status, StatusCode::OK);
    let html = response.text();
    assert!(
        html.contains("About Borduria <span class=\"count\">(2)</span>"),
        "{html}"
    );
    assert!(
        html.contains("Said by Borduria <span class=\"count\">(0)</span>"),
        "{html}"
    );
    assert!(html.contains("Borduria closed two crossings on the evening of March 1."));
    assert!(html.contains("Borduria might reopen the crossings"));
    // Its lane: an SVG with a titled, linked mark per dated claim.
    assert!(html.contains("<svg class=\"lane-chart\""), "{html}");
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    assert_eq!(svg.matches("<a href=\"/sources/").count(), 2, "{svg}");
    assert!(
        svg.contains("<title>1 Mar 2031, evening: Borduria closed"),
        "{svg}"
    );
    assert!(html.contains(&format!(
        "/situations/{}/lanes?actor={borduria}",
        api_support::SLUG
    )));

    let html = app
        .get(&format!("/actors/{vesk}"), Auth::Anonymous)
        .await
        .text();
    assert!(
        html.contains("Said by Anna Vesk <span class=\"count\">(1)</span>"),
        "{html}"
    );
    assert!(html.contains("the border would reopen"));

    // The JSON twin.
    let body = app
        .get(&format!("/api/v1/actors/{borduria}"), Auth::Anonymous)
        .await
        .json();
    assert_eq!(body["actor"]["name"], "Borduria");
    assert_eq!(body["about_total"], 2, "{body}");
    assert_eq!(body["said_total"], 0);
    assert_eq!(body["situation"], api_support::SLUG);

    // Bad and unknown ids.
    assert_eq!(
        app.get("/actors/999999", Auth::Anonymous).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/actors/abc", Auth::Anonymous).await.status,
        StatusCode::BAD_REQUEST
    );
    let response = app.get("/api/v1/actors/999999", Auth::Anonymous).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.json()["error"], "not_found");

    // A merged actor redirects to the one it was merged into, on the page and the API.
    sitrep::app::actors::merge_actors(
        app.db(),
        &app.analyst.row.user(),
        sitrep::domain::ActorId::new(vesk),
        sitrep::domain::ActorId::new(borduria),
        "the same party in this test",
    )
    .await
    .unwrap();
    let response = app.get(&format!("/actors/{vesk}"), Auth::Anonymous).await;
    assert_eq!(response.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(response.location().unwrap(), format!("/actors/{borduria}"));
    let response = app
        .get(&format!("/api/v1/actors/{vesk}"), Auth::Anonymous)
        .await;
    assert_eq!(response.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        response.location().unwrap(),
        format!("/api/v1/actors/{borduria}")
    );
    let body = app
        .get(&format!("/api/v1/actors/{borduria}"), Auth::Anonymous)
        .await
        .json();
    assert_eq!(
        body["said_total"], 1,
        "the survivor has the merged actor's claims: {body}"
    );
}
both_apps!(actor_pages, actor_pages_show_claims_by_and_about);

async fn source_pages_mark_claims_actors_and_dates(app: &TestApp) {
    let source = api_support::load_fixture(app.db()).await;
    let (_, borduria) = fixture_actors(app).await;
    let html = app
        .get(&format!("/sources/{source}"), Auth::Anonymous)
        .await
        .text();
    assert!(
        html.contains(&format!(
            "<a class=\"mention mention-actor\" href=\"/actors/{borduria}\" title=\"Borduria, state (subject)\">Borduria</a>"
        )),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"mention mention-date\" title=\"1 Mar 2031, evening (precision: part of day)\">the evening of March 1</span>"),
        "{html}"
    );
    assert!(
        html.contains(">Observation on March 3, 2031:</span>"),
        "{html}"
    );
    // Claims keep their anchors, and the hostile sentence stays text.
    assert!(html.contains("class=\"claim-span\" id=\"c"), "{html}");
    assert!(html.contains("&lt;script&gt;alert"));
    assert!(!html.contains("<script>alert"));
}
both_apps!(source_pages, source_pages_mark_claims_actors_and_dates);

async fn lanes_are_drawn_deterministically(app: &TestApp) {
    api_support::load_fixture(app.db()).await;
    let (vesk, borduria) = fixture_actors(app).await;
    let path = format!("/situations/{}/lanes", api_support::SLUG);
    let first = app.get(&path, Auth::Anonymous).await;
    assert_eq!(first.status, StatusCode::OK);
    let html = first.text();
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    // One row per active actor, each dated claim a linked mark with a title; the month-long
    // claim has no actor, the week-long prediction is a bar.
    assert_eq!(svg.matches("<g class=\"lane\">").count(), 2, "{svg}");
    assert!(
        svg.contains("Borduria (2)") && svg.contains("Anna Vesk (1)"),
        "{svg}"
    );
    assert_eq!(svg.matches("<title>").count(), 1 + 3, "{svg}");
    assert!(svg.contains("<rect class=\"range\""), "{svg}");
    assert!(svg.contains("<circle class=\"point\""), "{svg}");
    assert!(svg.contains("class=\"tick-label\""), "{svg}");
    assert!(svg.contains("href=\"/sources/"), "{svg}");
    assert!(html.contains("aria-current=\"page\">Lanes</a>"), "{html}");
    // Same data, same drawing.
    let again = app.get(&path, Auth::Anonymous).await.text();
    assert_eq!(html, again);

    // The chooser draws only the actors asked for.
    let html = app
        .get(&format!("{path}?actor={vesk}"), Auth::Anonymous)
        .await
        .text();
    assert_eq!(html.matches("<g class=\"lane\">").count(), 1, "{html}");
    assert!(html.contains(&format!("value=\"{borduria}\"")));
    // Bad choices are a 400.
    for bad in ["actor=x", "actor=999999", "colour=red"] {
        let response = app.get(&format!("{path}?{bad}"), Auth::Anonymous).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    assert_eq!(
        app.get("/situations/nowhere/lanes", Auth::Anonymous)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
both_apps!(lanes, lanes_are_drawn_deterministically);

async fn the_cache_never_serves_a_page_older_than_the_last_write(app: &TestApp) {
    api_support::load_fixture(app.db()).await;
    load_sentences(app, "elsewhere", "Elsewhere", &["Quiet day."], true).await;
    // The lanes page and the claims JSON: the timeline page sets a visit cookie on every
    // first visit, and pages that set cookies are not cached.
    let page = format!("/situations/{}/lanes", api_support::SLUG);
    let json = format!("/api/v1/situations/{}/claims", api_support::SLUG);
    for path in [&page, &json] {
        let first = app.get(path, Auth::Anonymous).await;
        assert_eq!(first.status, StatusCode::OK);
        assert_eq!(first.headers["x-sitrep-cache"], "miss", "{path}");
        let second = app.get(path, Auth::Anonymous).await;
        assert_eq!(second.headers["x-sitrep-cache"], "hit", "{path}");
        assert_eq!(first.body, second.body);
        assert_eq!(first.content_type(), second.content_type());
    }
    // A write elsewhere leaves this situation's pages cached.
    load_sentences(
        app,
        "elsewhere",
        "Elsewhere again",
        &["Another quiet day."],
        true,
    )
    .await;
    assert_eq!(
        app.get(&page, Auth::Anonymous).await.headers["x-sitrep-cache"],
        "hit"
    );

    // A write to this situation: the next answer is rendered afresh and shows it.
    load_sentences(
        app,
        api_support::SLUG,
        "Late report",
        &["Borduria reopened one crossing at dawn."],
        true,
    )
    .await;
    for path in [&page, &json] {
        let after = app.get(path, Auth::Anonymous).await;
        assert_eq!(after.headers["x-sitrep-cache"], "miss", "{path}");
    }
    let after = app.get(&json, Auth::Anonymous).await;
    assert_eq!(after.headers["x-sitrep-cache"], "hit");
    assert!(after.text().contains("reopened one crossing at dawn"));
    // An analyst's edit (deleting a claim) is a write too.
    let claims = app.get(&json, Auth::Anonymous).await.json();
    let claim = claims["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"] == "Borduria reopened one crossing at dawn.")
        .unwrap()
        .clone();
    let before = app.get(&json, Auth::Anonymous).await;
    assert_eq!(before.headers["x-sitrep-cache"], "hit");
    sitrep::app::claims::delete_claim(
        app.db(),
        &app.analyst.row.user(),
        sitrep::domain::ClaimId::new(claim["id"].as_i64().unwrap()),
        None,
        "not in the sources after all",
    )
    .await
    .unwrap();
    let after = app.get(&json, Auth::Anonymous).await;
    assert_eq!(after.headers["x-sitrep-cache"], "miss");
    assert!(!after.text().contains("reopened one crossing at dawn"));

    // Signed-in visitors are never served from the cache.
    let response = app.get(&page, Auth::Bearer(&app.reader.token)).await;
    assert!(!response.headers.contains_key("x-sitrep-cache"));
}
both_apps!(
    page_cache,
    the_cache_never_serves_a_page_older_than_the_last_write
);

async fn gen_makes_a_consistent_synthetic_situation(app: &TestApp) {
    let request = sitrep::app::generate::GenerateRequest {
        slug: "synthetic",
        claims: 1234,
        actors: 15,
        sources: 7,
    };
    let done = sitrep::app::generate::generate(app.db(), &request)
        .await
        .unwrap();
    assert_eq!((done.claims, done.actors, done.sources), (1234, 15, 7));
    let summary = sitrep::storage::get_situation(app.db(), "synthetic")
        .await
        .unwrap();
    assert_eq!(summary.claim_count, 1234);
    assert_eq!(summary.source_count, 7);
    assert_eq!(summary.actor_count, 15);
    // Every span and mention points at its words, as the import path's would.
    let mut linked = 0;
    for source in 1..=7 {
        let id = sitrep::domain::SourceId::new(source);
        let Ok(row) = sitrep::storage::get_source(app.db(), id).await else {
            continue;
        };
        for claim in sitrep::storage::claims_of_source(app.db(), id)
            .await
            .unwrap()
        {
            assert_eq!(&row.text[claim.span.start..claim.span.end], claim.text);
            for actor in &claim.actors {
                let span = actor.span.unwrap();
                assert_eq!(&row.text[span.start..span.end], actor.name);
                linked += 1;
            }
        }
    }
    assert!(linked > 1234, "{linked}");
    // The bulk path keeps the search index and the ids the normal path would.
    let (_, body) = search_json(
        app,
        &[("q", "analysts judged"), ("situation", "synthetic")],
        Auth::Anonymous,
    )
    .await;
    assert!(body["claim_total"].as_u64().unwrap() > 0, "{body}");
    load_sentences(
        app,
        "synthetic-next",
        "Next",
        &["A claim after the bulk ones."],
        true,
    )
    .await;
    let page = app
        .get("/api/v1/situations/synthetic-next/claims", Auth::Anonymous)
        .await
        .json();
    assert!(page["claims"][0]["id"].as_i64().unwrap() > 1234, "{page}");
    // A second run into the same situation is refused rather than doubling it.
    assert!(
        sitrep::app::generate::generate(app.db(), &request)
            .await
            .is_err()
    );
}
both_apps!(generator, gen_makes_a_consistent_synthetic_situation);
