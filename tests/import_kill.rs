//! `sitrep import` of a folder, killed with SIGKILL at several points and run again: the
//! database must hold each article exactly once with everything its extraction stores, never
//! half an article. A real child process on SQLite and on PostgreSQL (`TEST_DATABASE_URL`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Engine, TestDatabase, fresh_database};
use sitrep::storage::{self, Database};
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SLUG: &str = "imports";
const ARTICLES: usize = 60;

/// Writes `count` different articles (dated reports with speakers, actors and a forecast).
fn write_articles(dir: &Path, count: usize) {
    let people = ["Tokayev", "Shoygu", "Peskov", "Lavrov", "Putin"];
    for i in 0..count {
        let day = 1 + i % 28;
        let who = people[i % people.len()];
        let mut text = format!(
            "Report number {i} on the deployment\nJanuary {day}, 2022\nBy Desk Writer {i}\n\n"
        );
        for p in 0..8 {
            text.push_str(&format!(
                "On January {day}, {who} said that {n} more troops of the CSTO would reach \
                 Almaty within {p} days. Kazakhstan asked Russia for help on January 5. \
                 The force might stay until February, officials said in statement {i}-{p}.\n\n",
                n = 100 + i * 10 + p,
            ));
        }
        std::fs::write(dir.join(format!("article-{i:04}.txt")), text).unwrap();
    }
}

fn sitrep(url: &str, dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    command
        .args(["--database-url", url, "import"])
        .arg(dir)
        .args(["--situation", SLUG])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Content hash -> (observations, claims) for every stored source; panics on a duplicate.
async fn stored(db: &Database) -> HashMap<String, (usize, usize)> {
    let Ok(situation) = storage::situation_id(db, SLUG).await else {
        return HashMap::new();
    };
    let mut found = HashMap::new();
    for row in storage::sources_for_review(db, situation).await.unwrap() {
        let source = storage::get_source(db, row.id).await.unwrap();
        let claims = storage::claims_of_source(db, row.id).await.unwrap().len();
        let previous = found.insert(
            source.content_hash.clone(),
            (source.observations.len(), claims),
        );
        assert!(
            previous.is_none(),
            "an article is stored twice: {}",
            source.content_hash
        );
    }
    found
}

async fn count(db: &Database) -> usize {
    match storage::situation_id(db, SLUG).await {
        Ok(situation) => storage::sources_for_review(db, situation)
            .await
            .unwrap()
            .len(),
        Err(_) => 0,
    }
}

async fn killed_and_resumed(engine: Engine) {
    let Some(reference) = fresh_database(engine).await else {
        return;
    };
    let target: TestDatabase = reference.sibling().await;
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path(), ARTICLES);

    // What a clean run stores, article by article.
    let clean = sitrep(&reference.url, dir.path()).output().unwrap();
    assert!(
        clean.status.success(),
        "{}",
        String::from_utf8_lossy(&clean.stderr)
    );
    let expected = stored(&reference.db).await;
    assert_eq!(expected.len(), ARTICLES);

    // Killed as soon as some articles are in, several times, each time further along.
    let mut kills = 0;
    for at_least in [1, ARTICLES / 4, ARTICLES / 2, ARTICLES * 3 / 4] {
        let mut child = sitrep(&target.url, dir.path()).spawn().unwrap();
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if count(&target.db).await >= at_least || Instant::now() > deadline {
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
        // Whatever is stored is whole: each article once, with all its rows.
        for (hash, rows) in stored(&target.db).await {
            assert_eq!(
                Some(&rows),
                expected.get(&hash),
                "article {hash} is half-written"
            );
        }
    }
    assert!(
        kills >= 2,
        "the import finished before it could be killed: {kills} kills"
    );

    // Run again to the end: every article exactly once.
    let resumed = sitrep(&target.url, dir.path()).output().unwrap();
    assert!(
        resumed.status.success(),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    assert_eq!(stored(&target.db).await, expected);
    // And once more: nothing new.
    let again = sitrep(&target.url, dir.path()).output().unwrap();
    assert!(again.status.success());
    assert_eq!(count(&target.db).await, ARTICLES);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_and_resume_sqlite() {
    killed_and_resumed(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_and_resume_postgres() {
    killed_and_resumed(Engine::Postgres).await;
}
