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

/// `sitrep import`: every file is read and checked before anything is written, so a file that
/// is not text stops the command with nothing stored.
pub async fn import(database_url: &str, args: &ImportArgs) -> anyhow::Result<()> {
    storage::validate_slug(&args.situation)?;
    let mut texts: Vec<(&PathBuf, String)> = Vec::with_capacity(args.files.len());
    for path in &args.files {
        texts.push((path, read_text(path)?));
    }
    let db = storage::connect(database_url).await?;
    for (path, text) in &texts {
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let outcome = import_article(
            &db,
            ImportArticle {
                situation: &args.situation,
                create_title: args.title.as_deref(),
                file_name: file_name.as_deref(),
                text,
                published: None,
                accept: args.accept,
            },
        )
        .await
        .with_context(|| format!("{}: not imported", path.display()))?;
        match outcome {
            ImportOutcome::Created {
                source_id,
                situation_created,
                counts,
            } => {
                if situation_created {
                    println!("created situation {}", args.situation);
                }
                println!(
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
                );
            }
            ImportOutcome::AlreadyImported { source_id } => println!(
                "{}: already imported into {} as source {source_id}; nothing stored",
                path.display(),
                args.situation
            ),
        }
    }
    Ok(())
}

/// "1 claim", "2 claims".
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Reads a file as text, naming the file (and the byte offset) when it is not.
fn read_text(path: &Path) -> anyhow::Result<String> {
    let bytes = super::text::read_limited(path)?;
    let text = validate_text(&bytes).with_context(|| format!("{}", path.display()))?;
    Ok(text.to_string())
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
    let text = read_text(path)?;
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
