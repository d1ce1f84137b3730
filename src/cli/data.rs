//! Data commands: import, export, import-json, migrate, seed, user, token. Each opens the database
//! named by `--database-url`, does one thing, and says on stdout what it did; errors name the
//! file or situation concerned and end with a non-zero exit.

use super::{ExportArgs, ImportArgs, ImportJsonArgs, RoleArg};
use crate::app::import::{ImportArticle, ImportOutcome, import_article};
use crate::app::seed::{SeedOutcome, seed_demo};
use crate::app::{self};
use crate::domain::UserRole;
use crate::extract::validate_text;
use crate::storage::{self, ImportJsonOutcome, SituationExport};
use anyhow::{Context, bail};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The file names an article folder is read for.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "text", "html", "htm", "md", "markdown"];

/// The files named, folders expanded into the article files they hold (recursively, sorted by
/// path, only names ending in one of [`ARTICLE_EXTENSIONS`]).
fn article_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            let mut folders = vec![path.clone()];
            while let Some(folder) = folders.pop() {
                for entry in std::fs::read_dir(&folder)
                    .with_context(|| format!("cannot read the folder {}", folder.display()))?
                {
                    let entry_path = entry
                        .with_context(|| format!("cannot read the folder {}", folder.display()))?
                        .path();
                    if entry_path.is_dir() {
                        folders.push(entry_path);
                    } else if entry_path
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| {
                            ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
                        })
                    {
                        found.push(entry_path);
                    }
                }
            }
            found.sort();
            if found.is_empty() {
                bail!(
                    "{}: the folder holds no article files (names ending .{})",
                    path.display(),
                    ARTICLE_EXTENSIONS.join(", .")
                );
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// How an import's progress is shown: a bar on a terminal, plain lines otherwise.
enum Progress {
    Bar(indicatif::ProgressBar),
    Lines { total: usize },
}

impl Progress {
    fn new(total: usize) -> Self {
        if std::io::stderr().is_terminal() && total > 1 {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} articles, {per_sec}, about {eta} left  {msg}",
            ) {
                bar.set_style(style);
            }
            Progress::Bar(bar)
        } else {
            Progress::Lines { total }
        }
    }

    /// One article done, with the line that says what became of it.
    fn done(&self, index: usize, line: &str) {
        match self {
            Progress::Bar(bar) => {
                bar.inc(1);
                bar.set_message(line.chars().take(60).collect::<String>());
            }
            Progress::Lines { total } => println!("[{}/{total}] {line}", index + 1),
        }
    }

    /// A line that must stay on screen (a failure).
    fn say(&self, line: &str) {
        match self {
            Progress::Bar(bar) => bar.println(line),
            Progress::Lines { .. } => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// `sitrep import`: files and folders of articles. Every file is read and checked before
/// anything is written, so a file that is not text stops the command with nothing stored.
/// Each article is then imported in its own transaction, keyed by its content hash: killed at
/// any moment and run again, the command stores each article exactly once (what was stored is
/// skipped, what was not is stored whole). Extraction runs on every core.
pub async fn import(database_url: &str, args: &ImportArgs) -> anyhow::Result<()> {
    storage::validate_slug(&args.situation)?;
    let files = article_files(&args.files)?;
    let mut texts: Vec<(PathBuf, String)> = Vec::with_capacity(files.len());
    for path in files {
        let text = read_text(&path)?;
        texts.push((path, text));
    }
    let db = storage::connect(database_url).await?;
    let started = std::time::Instant::now();
    // The situation first, so that concurrent imports do not race to create it.
    let created = db
        .transaction(async |tx| {
            storage::find_or_create_situation(tx, &args.situation, args.title.as_deref(), "").await
        })
        .await?
        .1;
    if created {
        println!("created situation {}", args.situation);
    }
    let progress = Progress::new(texts.len());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut pending = texts.into_iter().enumerate();
    let mut running = tokio::task::JoinSet::new();
    let (mut stored, mut skipped, mut failed) = (0usize, 0usize, 0usize);
    let mut completed = 0usize;
    loop {
        while running.len() < workers {
            let Some((index, (path, text))) = pending.next() else {
                break;
            };
            let db = db.clone();
            let situation = args.situation.clone();
            let accept = args.accept;
            running.spawn(async move {
                let outcome = import_one(&db, &situation, &path, &text, accept).await;
                (index, path, outcome)
            });
        }
        let Some(joined) = running.join_next().await else {
            break;
        };
        let (_, path, outcome) = joined.context("an import task failed")?;
        let line = match outcome {
            Ok(ImportOutcome::Created {
                source_id, counts, ..
            }) => {
                stored += 1;
                format!(
                    "{}: stored as source {source_id} in {} ({}): {}, {}, {} ({} new, {} \
                     already known), {}, {}, {}",
                    path.display(),
                    args.situation,
                    if args.accept { "accepted" } else { "drafts" },
                    plural(counts.observations, "observation"),
                    plural(counts.claims, "claim"),
                    plural(counts.actors_created + counts.actors_linked, "actor"),
                    counts.actors_created,
                    counts.actors_linked,
                    plural(counts.relations, "relation"),
                    plural(counts.predictions, "prediction"),
                    plural(counts.warnings, "warning"),
                )
            }
            Ok(ImportOutcome::AlreadyImported { source_id }) => {
                skipped += 1;
                format!(
                    "{}: already imported into {} as source {source_id}; nothing stored",
                    path.display(),
                    args.situation
                )
            }
            Err(error) => {
                failed += 1;
                let line = format!("{}: not imported: {error:#}", path.display());
                progress.say(&line);
                line
            }
        };
        progress.done(completed, &line);
        completed += 1;
    }
    progress.finish();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} in {seconds:.1} s ({:.1} articles/s): {stored} stored, {skipped} already imported, \
         {failed} failed",
        plural(completed, "article"),
        completed as f64 / seconds.max(1e-9),
    );
    if failed > 0 {
        bail!("{} not imported (see above)", plural(failed, "article"));
    }
    Ok(())
}

/// One article, retried when a concurrent import made one of the same actors first (the
/// unique name wins in one transaction; the other transaction runs again and links to it).
async fn import_one(
    db: &storage::Database,
    situation: &str,
    path: &Path,
    text: &str,
    accept: bool,
) -> anyhow::Result<ImportOutcome> {
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let mut attempts = 0;
    loop {
        attempts += 1;
        let result = import_article(
            db,
            ImportArticle {
                situation,
                create_title: None,
                file_name: file_name.as_deref(),
                text,
                published: None,
                accept,
            },
        )
        .await;
        match result {
            Err(crate::app::UseCaseError::Storage(storage::StorageError::Conflict { .. }))
                if attempts < 5 => {}
            other => return Ok(other?),
        }
    }
}

/// "1 claim", "2 claims".
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The largest export `sitrep import-json` reads: exports of large situations are far larger
/// than one article may be.
const MAX_EXPORT_FILE_BYTES: usize = 4 << 30;

/// Reads an article as text, naming the file (and the byte offset) when it is not.
fn read_text(path: &Path) -> anyhow::Result<String> {
    let bytes = super::text::read_limited(path, crate::extract::MAX_INPUT_BYTES)?;
    let text = validate_text(&bytes).with_context(|| format!("{}", path.display()))?;
    Ok(text.to_string())
}

/// Reads an export (JSON, at most [`MAX_EXPORT_FILE_BYTES`]), naming the file and the byte
/// offset when it is not UTF-8.
fn read_export(path: &Path) -> anyhow::Result<String> {
    let bytes = super::text::read_limited(path, MAX_EXPORT_FILE_BYTES)?;
    String::from_utf8(bytes)
        .map_err(|error| crate::extract::ExtractError::InvalidUtf8 {
            offset: error.utf8_error().valid_up_to(),
        })
        .with_context(|| format!("{}", path.display()))
}

/// `sitrep export`: the situation as lossless JSON on stdout.
pub async fn export(database_url: &str, args: &ExportArgs) -> anyhow::Result<()> {
    let db = storage::connect(database_url).await?;
    let export = storage::export_situation(&db, &args.situation).await?;
    let json = export.to_json()?;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(json.as_bytes())
        .and_then(|()| stdout.flush())
        .context("cannot write to stdout")?;
    Ok(())
}

/// `sitrep import-json`: loads a file written by `sitrep export`, all or nothing.
pub async fn import_json(database_url: &str, args: &ImportJsonArgs) -> anyhow::Result<()> {
    let path = &args.file;
    let text = read_export(path)?;
    let export =
        SituationExport::from_json(&text).with_context(|| format!("{}", path.display()))?;
    let db = storage::connect(database_url).await?;
    match storage::import_situation(&db, &export)
        .await
        .with_context(|| format!("{}: not imported", path.display()))?
    {
        ImportJsonOutcome::Created { slug, rows } => {
            println!("{}: created situation {slug} ({rows} rows)", path.display());
        }
        ImportJsonOutcome::AlreadyPresent { slug } => println!(
            "{}: situation {slug} is already present with the same content; nothing imported",
            path.display()
        ),
    }
    Ok(())
}

/// `sitrep migrate`: applies pending migrations and lists them.
pub async fn migrate(database_url: &str) -> anyhow::Result<()> {
    let db = storage::connect_without_migrating(database_url).await?;
    let report = db.migrate().await?;
    if report.applied_now.is_empty() {
        println!(
            "the database is up to date ({} migrations applied)",
            report.applied_total
        );
    } else {
        for name in &report.applied_now {
            println!("applied {name}");
        }
        println!(
            "the database is up to date ({} migrations applied, {} now)",
            report.applied_total,
            report.applied_now.len()
        );
    }
    Ok(())
}

/// `sitrep seed`: loads the demo situation unless it was loaded before.
pub async fn seed(database_url: &str) -> anyhow::Result<()> {
    let db = storage::connect(database_url).await?;
    match seed_demo(&db).await? {
        SeedOutcome::Applied {
            slug,
            sources,
            claims,
        } => println!(
            "loaded the demo situation {slug}: {}, {}",
            plural(sources, "source"),
            plural(claims, "claim")
        ),
        SeedOutcome::AlreadyApplied { slug } => {
            println!("the demo situation {slug} was loaded before; nothing changed");
        }
    }
    Ok(())
}

/// `sitrep user add`: the password is the first line of stdin (prompted for on a terminal).
pub async fn add_user(database_url: &str, name: &str, role: RoleArg) -> anyhow::Result<()> {
    let role = match role {
        RoleArg::Analyst => UserRole::Analyst,
        RoleArg::Reader => UserRole::Reader,
    };
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Password for {name} (shown as you type; end with Enter): ");
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from stdin")?;
    let password = line.strip_suffix('\n').unwrap_or(&line);
    let password = password.strip_suffix('\r').unwrap_or(password);
    if password.is_empty() {
        bail!(
            "refusing an empty password (give it on stdin: echo PASSWORD | sitrep user add {name} --role ...)"
        );
    }
    let db = storage::connect(database_url).await?;
    let user = app::accounts::add_user(&db, name, role, password).await?;
    println!("added {} {} (id {})", user.role, user.name, user.id);
    Ok(())
}

/// `sitrep token create`: prints a new API token for the account on stdout, once; only its
/// hash is stored.
pub async fn create_token(database_url: &str, name: &str, label: &str) -> anyhow::Result<()> {
    let db = storage::connect(database_url).await?;
    let (user, token) = app::accounts::create_token_for(&db, name, label).await?;
    eprintln!(
        "created token {} for {} {} (shown once; send it as \"Authorization: Bearer TOKEN\")",
        token.id, user.role, user.name
    );
    println!("{}", token.secret);
    Ok(())
}

/// `sitrep gen`: a synthetic situation, in one transaction, with how long it took.
pub async fn generate(database_url: &str, args: &super::GenArgs) -> anyhow::Result<()> {
    let db = storage::connect(database_url).await?;
    let started = std::time::Instant::now();
    let request = crate::app::generate::GenerateRequest {
        slug: &args.situation,
        claims: args.claims,
        actors: args.actors,
        sources: args.sources.unwrap_or(args.claims / 100).max(1),
    };
    let done = crate::app::generate::generate(&db, &request).await?;
    println!(
        "generated {}: {}, {}, {} in {:.1} s",
        args.situation,
        plural(done.claims, "claim"),
        plural(done.actors, "actor"),
        plural(done.sources, "source"),
        started.elapsed().as_secs_f64()
    );
    db.close().await?;
    Ok(())
}
