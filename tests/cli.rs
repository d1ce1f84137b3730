//! The `sitrep` binary's data commands, run as a user would run them, against a SQLite file in
//! a temporary directory.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary working directory with its own database.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        Workspace {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn url(&self) -> String {
        format!(
            "sqlite://{}",
            self.dir.path().join("db").join("sitrep.db").display()
        )
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with_input(args, None)
    }

    fn run_with_input(&self, args: &[&str], input: Option<&str>) -> Output {
        common::run_with_stdin(
            Command::new(env!("CARGO_BIN_EXE_sitrep"))
                .args(args)
                .current_dir(self.dir.path())
                .env("DATABASE_URL", self.url()),
            input.unwrap_or("").as_bytes(),
        )
    }

    /// Runs and expects success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "sitrep {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path_arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

const NOTE: &str = "Harbour talks
March 3, 2023
By A. Writer, Example Wire

Observation on March 2, 2023:

The port authority said the harbour would reopen on March 9.
";

#[test]
fn help_is_there_for_every_data_command() {
    let workspace = Workspace::new();
    let top = workspace.ok(&["--help"]);
    for command in [
        "import",
        "export",
        "import-json",
        "migrate",
        "seed",
        "user",
        "token",
    ] {
        assert!(
            top.contains(command),
            "{command} missing from --help:\n{top}"
        );
    }
    let import = workspace.ok(&["import", "--help"]);
    assert!(
        import.contains("--situation") && import.contains("--accept"),
        "{import}"
    );
    assert!(workspace.ok(&["export", "--help"]).contains("--situation"));
    assert!(workspace.ok(&["import-json", "--help"]).contains("FILE"));
    assert!(workspace.ok(&["migrate", "--help"]).contains("migrations"));
    assert!(workspace.ok(&["seed", "--help"]).contains("demo"));
    assert!(workspace.ok(&["user", "add", "--help"]).contains("--role"));
    assert!(
        !workspace.dir.path().join("db").exists(),
        "--help touches no database"
    );
}

#[test]
fn a_file_that_is_not_text_is_refused_with_nothing_written() {
    let workspace = Workspace::new();
    let good = workspace.file("note.txt", NOTE.as_bytes());
    workspace.ok(&["import", path_arg(&good), "--situation", "harbour"]);
    let before = workspace.ok(&["export", "--situation", "harbour"]);

    let mut latin1 = b"Caf".to_vec();
    latin1.extend_from_slice(&[0xe9]);
    latin1.extend_from_slice(b" talks resumed.\n");
    let bad = workspace.file("latin1.txt", &latin1);
    let other = workspace.file("other.txt", b"Another article about the harbour.\n");
    // The good file listed first is not stored either: every file is checked before writing.
    let output = workspace.run(&[
        "import",
        path_arg(&other),
        path_arg(&bad),
        "--situation",
        "harbour",
    ]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("latin1.txt"), "{message}");
    assert!(message.contains("byte offset 3"), "{message}");
    assert!(!message.contains("panicked"), "{message}");
    assert_eq!(workspace.ok(&["export", "--situation", "harbour"]), before);

    let binary = workspace.file("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let output = workspace.run(&["import", path_arg(&binary), "--situation", "harbour"]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("image.png") && message.contains("byte offset"),
        "{message}"
    );
    assert_eq!(workspace.ok(&["export", "--situation", "harbour"]), before);

    let missing = workspace.run(&["import", "nowhere.txt", "--situation", "harbour"]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("nowhere.txt"));
}

#[test]
fn a_50_mb_file_is_refused_before_it_is_read() {
    let ws = Workspace::new();
    let path = ws.dir.path().join("huge.txt");
    // A sparse file: 50 MB long without using the disk or the memory.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(50 * 1000 * 1000)
        .unwrap();
    for args in [
        vec!["extract", path_arg(&path)],
        vec!["import", path_arg(&path), "--situation", "huge"],
    ] {
        let output = ws.run(&args);
        assert!(!output.status.success(), "{args:?} accepted a 50 MB file");
        let message = stderr(&output);
        assert!(
            message.contains("huge.txt") && message.contains("limit"),
            "{message}"
        );
    }
    let export = ws.run(&["export", "--situation", "huge"]);
    assert!(
        stderr(&export).contains("no situation huge"),
        "nothing was written"
    );
}

#[test]
fn importing_the_same_file_twice_stores_it_once() {
    let workspace = Workspace::new();
    let note = workspace.file("note.txt", NOTE.as_bytes());
    let first = workspace.ok(&[
        "import",
        path_arg(&note),
        "--situation",
        "harbour",
        "--title",
        "Harbour dispute",
    ]);
    assert!(first.contains("created situation harbour"), "{first}");
    assert!(first.contains("stored as source"), "{first}");
    let exported = workspace.ok(&["export", "--situation", "harbour"]);
    let second = workspace.ok(&["import", path_arg(&note), "--situation", "harbour"]);
    assert!(second.contains("already imported"), "{second}");
    assert_eq!(
        workspace.ok(&["export", "--situation", "harbour"]),
        exported
    );
    let json: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(json["format"], "sitrep-export/1");
    assert_eq!(json["situation"]["title"], "Harbour dispute");
    assert_eq!(json["sources"].as_array().unwrap().len(), 1);
    assert_eq!(json["sources"][0]["text"], NOTE);
}

#[test]
fn export_and_import_json_round_trip_through_files() {
    let source = Workspace::new();
    let note = source.file("note.txt", NOTE.as_bytes());
    source.ok(&[
        "import",
        path_arg(&note),
        "--situation",
        "harbour",
        "--accept",
    ]);
    let exported = source.ok(&["export", "--situation", "harbour"]);

    let target = Workspace::new();
    let file = target.file("harbour.json", exported.as_bytes());
    let created = target.ok(&["import-json", path_arg(&file)]);
    assert!(created.contains("created situation harbour"), "{created}");
    assert_eq!(target.ok(&["export", "--situation", "harbour"]), exported);
    let again = target.ok(&["import-json", path_arg(&file)]);
    assert!(again.contains("already present"), "{again}");

    let garbage = target.file("garbage.json", b"{\"format\": \"something-else\"}");
    let output = target.run(&["import-json", path_arg(&garbage)]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("something-else"),
        "{}",
        stderr(&output)
    );

    let not_text = target.file("latin1.json", b"{\"format\": \"caf\xe9\"}");
    let output = target.run(&["import-json", path_arg(&not_text)]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("not valid UTF-8") && stderr(&output).contains("offset 15"),
        "{}",
        stderr(&output)
    );

    let output = target.run(&["export", "--situation", "no-such-thing"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("no-such-thing"));
}

#[test]
fn migrate_seed_and_accounts() {
    let workspace = Workspace::new();
    let migrated = workspace.ok(&["migrate"]);
    assert!(
        migrated.contains("applied m20260101_000001_create_situation"),
        "{migrated}"
    );
    assert!(workspace.ok(&["migrate"]).contains("up to date"));

    let seeded = workspace.ok(&["seed"]);
    assert!(seeded.contains("kazakhstan-2022"), "{seeded}");
    assert!(seeded.contains("5 sources"), "{seeded}");
    let before = workspace.ok(&["export", "--situation", "kazakhstan-2022"]);
    assert!(workspace.ok(&["seed"]).contains("loaded before"));
    assert_eq!(
        workspace.ok(&["export", "--situation", "kazakhstan-2022"]),
        before
    );

    let added = workspace.run_with_input(
        &["user", "add", "ann", "--role", "analyst"],
        Some("a long passphrase\n"),
    );
    assert!(added.status.success(), "{}", stderr(&added));
    assert!(String::from_utf8_lossy(&added.stdout).contains("added analyst ann"));
    let empty = workspace.run_with_input(&["user", "add", "bob", "--role", "reader"], Some("\n"));
    assert!(!empty.status.success());
    assert!(
        stderr(&empty).contains("empty password"),
        "{}",
        stderr(&empty)
    );
    let taken = workspace.run_with_input(&["user", "add", "ann", "--role", "reader"], Some("x\n"));
    assert!(!taken.status.success());
    assert!(
        stderr(&taken).contains("already exists"),
        "{}",
        stderr(&taken)
    );

    // A token is printed once, alone on stdout, so scripts can capture it; each is new.
    let token = workspace.ok(&["token", "create", "ann", "--label", "nightly"]);
    let token = token.trim();
    assert!(token.starts_with("sitrep_") && token.len() > 40, "{token}");
    let again = workspace.ok(&["token", "create", "ann"]);
    assert_ne!(again.trim(), token);
    let nobody = workspace.run(&["token", "create", "nobody"]);
    assert!(!nobody.status.success());
    assert!(stderr(&nobody).contains("nobody"), "{}", stderr(&nobody));
}

#[test]
fn an_unreachable_postgres_fails_cleanly() {
    let workspace = Workspace::new();
    let started = std::time::Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args([
            "--database-url",
            "postgres://postgres@127.0.0.1:1/x",
            "migrate",
        ])
        .current_dir(workspace.dir.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert_eq!(output.status.code(), Some(1), "an error exit, not a crash");
    let message = stderr(&output);
    assert!(message.contains("cannot open the database"), "{message}");
    assert!(message.contains("127.0.0.1:1"), "{message}");
    assert!(!message.contains("panicked"), "{message}");
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}
