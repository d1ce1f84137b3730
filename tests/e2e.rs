//! End to end: a real server on `127.0.0.1:0` over a fresh SQLite file, seeded with the demo
//! situation from `seeds/` exactly as `sitrep serve` does on first run, fetched over real HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api_support;
mod common;

use common::server::RunningServer;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_server_answers_and_stops_gracefully() {
    let server = RunningServer::start(false).await;
    let (status, _, body) = server.get("/healthz").await;
    assert_eq!((status, body.as_str()), (200, "ok"));

    let (status, content_type, body) = server.get("/no/such/page").await;
    assert_eq!(status, 404);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(body.contains("Not Found"), "{body}");

    let openapi = server.get_json("/api/openapi.json").await;
    assert_eq!(openapi["info"]["title"], "Sitrep API");

    let address = server.address;
    server.stop().await;
    assert!(
        tokio::net::TcpStream::connect(address).await.is_err(),
        "nothing listens after a graceful stop"
    );
}

const DEMO: &str = "kazakhstan-2022";

/// Every claim of a situation, following `next_cursor` from page to page.
async fn all_claims(server: &RunningServer, slug: &str, limit: usize) -> Vec<Value> {
    let base = format!("/api/v1/situations/{slug}/claims?limit={limit}");
    let mut uri = base.clone();
    let mut claims = Vec::new();
    loop {
        let page = server.get_json(&uri).await;
        let batch = page["claims"].as_array().unwrap();
        assert!(batch.len() <= limit);
        claims.extend(batch.iter().cloned());
        match page["next_cursor"].as_str() {
            Some(cursor) => uri = format!("{base}&cursor={cursor}"),
            None => return claims,
        }
    }
}

/// Checks a situation with claims over HTTP: pages of claims followed to the end give every
/// claim once in chronological order, undated last; every span is the claim's own words in
/// its source; the claims page links each claim to its highlighted sentence. Returns the count.
async fn check_claims_over_http(server: &RunningServer, slug: &str) -> usize {
    let claims = all_claims(server, slug, 2).await;
    assert!(!claims.is_empty(), "{slug} has no claims");
    let mut ids: Vec<i64> = claims.iter().map(|c| c["id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), claims.len(), "a claim appeared on two pages");
    let starts: Vec<Option<&str>> = claims
        .iter()
        .map(|c| c["occurred"]["start"].as_str())
        .collect();
    let first_undated = starts
        .iter()
        .position(Option::is_none)
        .unwrap_or(starts.len());
    assert!(
        starts[first_undated..].iter().all(Option::is_none),
        "undated claims come last"
    );

    let mut texts = std::collections::HashMap::new();
    for claim in &claims {
        let source_id = claim["source"]["id"].as_i64().unwrap();
        if let std::collections::hash_map::Entry::Vacant(slot) = texts.entry(source_id) {
            let source = server
                .get_json(&format!("/api/v1/sources/{source_id}"))
                .await;
            assert_eq!(source["situation"], slug);
            slot.insert(source["text"].as_str().unwrap().to_string());
        }
        let text = &texts[&source_id];
        let (start, end) = (
            claim["span"]["start"].as_u64().unwrap() as usize,
            claim["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], claim["text"].as_str().unwrap());
    }

    let (status, _, page) = server.get(&format!("/situations/{slug}")).await;
    assert_eq!(status, 200);
    let first = &claims[0];
    let (claim_id, source_id) = (first["id"].as_i64().unwrap(), &first["source"]["id"]);
    let link = format!("/sources/{source_id}?claim={claim_id}#c{claim_id}");
    assert!(
        page.contains(&link),
        "the list links each claim to its source: {link}"
    );
    let (status, _, source_page) = server
        .get(&format!("/sources/{source_id}?claim={claim_id}"))
        .await;
    assert_eq!(status, 200);
    assert!(source_page.contains(&format!(
        r#"<mark class="claim-span selected" id="c{claim_id}">"#
    )));
    claims.len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_seeded_demo_situation_is_served_over_http() {
    // A second, hand-built situation in the same file, so the claim checks always run even
    // when the extractor finds nothing in the seeds.
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("sitrep.db").display());
    let db = sitrep::storage::connect(&url).await.unwrap();
    api_support::load_fixture(&db).await;
    db.close().await.unwrap();

    let server = RunningServer::start_in(dir, true).await;
    let list = server.get_json("/api/v1/situations").await;
    let demo = list["situations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["slug"] == DEMO)
        .expect("the demo situation is seeded on first run")
        .clone();
    assert!(demo["counts"]["sources"].as_u64().unwrap() >= 3, "{demo}");
    let claim_count = demo["counts"]["claims"].as_u64().unwrap();

    let (status, content_type, home) = server.get("/").await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/html"));
    assert!(home.contains(&format!("/situations/{DEMO}")));
    let (status, _, page) = server.get(&format!("/situations/{DEMO}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Kazakhstan, January 2022"));

    let actors = server
        .get_json(&format!("/api/v1/situations/{DEMO}/actors"))
        .await;
    let names: Vec<&str> = actors["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert!(names.iter().any(|n| n.contains("Tokayev")), "{names:?}");

    assert_eq!(check_claims_over_http(&server, api_support::SLUG).await, 5);
    assert!(claim_count > 0, "the demo situation has claims");
    // Readers see the reviewed articles' claims; the article waiting on the desk stays off.
    let public = check_claims_over_http(&server, DEMO).await as u64;
    assert!(
        public > 0 && public < claim_count,
        "{public} of {claim_count}"
    );

    // A restart over the same database does not load the demo again.
    let dir = server.stop().await.expect("the server's own directory");
    let again = RunningServer::start_in(dir, true).await;
    let list = again.get_json("/api/v1/situations").await;
    let demos: Vec<&Value> = list["situations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["slug"] == DEMO)
        .collect();
    assert_eq!(demos.len(), 1);
    assert_eq!(demos[0]["counts"]["claims"].as_u64().unwrap(), claim_count);
    assert_eq!(demos[0]["counts"]["sources"], demo["counts"]["sources"]);
    again.stop().await;
}
