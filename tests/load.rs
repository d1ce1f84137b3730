//! Holding up under a heavy user's load: a source of 40,000 claims is a page (more ids than
//! either database takes in one statement), a NUL byte in a slug is a 404 on every engine,
//! eight `sitrep import` processes writing to one SQLite file all succeed, and a slow page
//! does not hold up the health check.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::TestDatabase;
use common::app::{Auth, TestApp};
use common::server::RunningServer;
use sitrep::app::import::{ImportArticle, import_extracted};
use sitrep::domain::{ClaimKind, Modality, SourceId};
use sitrep::extract::{ClaimDraft, Extraction};
use std::process::Command;
use std::time::{Duration, Instant};

/// Claims in the long source: past SQLite's 32,766 variables in one statement.
const LONG_SOURCE_CLAIMS: usize = 40_000;

/// Stores one accepted source of `n` one-sentence claims, through the import path but with a
/// hand-built extraction (the extractor would take far longer to find them); its id.
async fn long_source(db: &sitrep::storage::Database, n: usize) -> SourceId {
    let mut text = String::with_capacity(n * 40);
    let mut claims = Vec::with_capacity(n);
    for i in 0..n {
        let sentence = format!("Unit {i} moved at dawn.");
        let start = text.len();
        text.push_str(&sentence);
        text.push('\n');
        claims.push(ClaimDraft {
            id: format!("c{i}"),
            text: sentence.clone(),
            start,
            end: start + sentence.len(),
            observation: 0,
            kind: ClaimKind::Event,
            modality: Modality::Asserted,
            when: None,
            reported: None,
            speaker: None,
            actors: Vec::new(),
            participants: Vec::new(),
            probability: None,
            prediction: None,
        });
    }
    let extraction = Extraction {
        claims,
        ..Extraction::default()
    };
    let outcome = import_extracted(
        db,
        ImportArticle {
            situation: "long",
            create_title: Some("A long source"),
            file_name: Some("long.txt"),
            text: &text,
            published: None,
            accept: true,
        },
        &extraction,
    )
    .await
    .unwrap();
    outcome.source_id()
}

async fn a_source_of_forty_thousand_claims_is_a_page(app: &TestApp) {
    let source = long_source(app.db(), LONG_SOURCE_CLAIMS).await;
    let page = app
        .get(&format!("/sources/{}", source.get()), Auth::Anonymous)
        .await;
    assert_eq!(page.status, 200, "{}", String::from_utf8_lossy(&page.body));
    let html = page.text();
    // Every claim is marked in the text, the last as surely as the first.
    assert_eq!(
        html.matches("class=\"claim-span\" id=\"c").count(),
        LONG_SOURCE_CLAIMS
    );
    assert!(html.contains(&format!("Unit {} moved at dawn.", LONG_SOURCE_CLAIMS - 1)));
    let api = app
        .get(
            &format!("/api/v1/sources/{}", source.get()),
            Auth::Anonymous,
        )
        .await;
    assert_eq!(api.status, 200);
}
both_apps!(
    long_source_page,
    a_source_of_forty_thousand_claims_is_a_page
);

async fn a_nul_byte_in_a_slug_is_a_404(app: &TestApp) {
    for path in [
        "/api/v1/situations/a%00b",
        "/api/v1/situations/a%00b/claims",
        "/api/v1/situations/a%00b/actors",
    ] {
        let response = app.get(path, Auth::Anonymous).await;
        assert_eq!(response.status, 404, "{path}: {}", response.text());
        assert_eq!(response.json()["error"], "not_found", "{path}");
        let response = app.get(path, Auth::Bearer(&app.analyst.token)).await;
        assert_eq!(response.status, 404, "{path} as an analyst");
    }
    let response = app.get("/situations/a%00b", Auth::Anonymous).await;
    assert_eq!(response.status, 404, "{}", response.text());
    assert!(response.content_type().starts_with("text/html"));

    let mut browser = app.signed_in(&app.analyst).await;
    for path in [
        "/situations/a%00b",
        "/situations/a%00b/review",
        "/situations/a%00b/deleted",
    ] {
        let response = browser.get(path).await;
        assert_eq!(response.status, 404, "{path}: {}", response.text());
    }
    // A NUL byte in stored text is bad input on every engine, never a server error.
    let response = app
        .post_json(
            "/api/v1/situations",
            &serde_json::json!({ "slug": "nul-title", "title": "a\0b" }),
            Auth::Bearer(&app.analyst.token),
        )
        .await;
    assert!(!response.status.is_server_error(), "{}", response.text());
    // Nor is a NUL byte in an account name sent to the database.
    let mut visitor = app.browser().await;
    let response = visitor
        .post_form("/login", &[("name", "a\0b"), ("password", "whatever")])
        .await;
    assert!(
        response.status.is_client_error() || response.status.is_success(),
        "{}: {}",
        response.status,
        response.text()
    );
}
both_apps!(nul_in_slug, a_nul_byte_in_a_slug_is_a_404);

/// `sitrep` against `url`, quiet.
fn sitrep(url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    command.env("DATABASE_URL", url).env("RUST_LOG", "warn");
    command
}

#[test]
fn eight_imports_into_one_sqlite_file_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("sitrep.db").display());
    let migrated = sitrep(&url).arg("migrate").output().unwrap();
    assert!(
        migrated.status.success(),
        "{}",
        String::from_utf8_lossy(&migrated.stderr)
    );
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/02-withdrawal-announced.txt"),
    )
    .unwrap();
    let files: Vec<_> = (0..8)
        .map(|i| {
            let path = dir.path().join(format!("article-{i}.txt"));
            std::fs::write(
                &path,
                format!("{seed}\n\nDispatch {i}: convoy {i} was seen on Tuesday.\n"),
            )
            .unwrap();
            path
        })
        .collect();
    let children: Vec<_> = files
        .iter()
        .map(|file| {
            sitrep(&url)
                .args(["import", "--situation", "crowded", "--title", "Crowded"])
                .arg(file)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let failures: Vec<String> = children
        .into_iter()
        .map(|child| child.wait_with_output().unwrap())
        .filter(|output| !output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stderr).into_owned())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of 8 imports failed: {failures:#?}",
        failures.len()
    );

    let exported = sitrep(&url)
        .args(["export", "--situation", "crowded"])
        .output()
        .unwrap();
    assert!(exported.status.success());
    let export: serde_json::Value = serde_json::from_slice(&exported.stdout).unwrap();
    assert_eq!(
        export["sources"].as_array().unwrap().len(),
        8,
        "one source per file"
    );
}

async fn healthz_while_pages_render(database: &TestDatabase) {
    let source = long_source(&database.db, LONG_SOURCE_CLAIMS).await;
    let server = RunningServer::over(&database.url).await;
    let address = server.address;
    let path = format!("/sources/{}", source.get());
    // Two readers ask for the long page at once.
    let started = Instant::now();
    let mut pages = tokio::task::JoinSet::new();
    for _ in 0..2 {
        let path = path.clone();
        pages.spawn(async move {
            let (status, _, _) = common::server::get_once(address, &path).await;
            assert_eq!(status, 200);
            started.elapsed()
        });
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let asked = started.elapsed();
    let (status, _, body) = server.get("/healthz").await;
    let answered = started.elapsed();
    assert_eq!((status, body.as_str()), (200, "ok"));
    let mut first_page = Duration::MAX;
    while let Some(finished) = pages.join_next().await {
        first_page = first_page.min(finished.unwrap());
    }
    // The pages take a while; the health check does not wait for any of them.
    assert!(
        first_page > asked,
        "the pages were too quick to tell anything"
    );
    assert!(
        (answered - asked) * 4 < first_page - asked,
        "/healthz took {:?}, while the first page took {:?} from then",
        answered - asked,
        first_page - asked
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_page_does_not_stall_the_health_check() {
    let database = common::fresh_database(common::Engine::Sqlite)
        .await
        .unwrap();
    healthz_while_pages_render(&database).await;
}
