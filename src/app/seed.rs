//! The demo situation in `seeds/`, compiled into the binary so that `sitrep serve` and
//! `sitrep seed` work from any directory. It is loaded through the normal import path (the
//! curated actors first, then each source extracted against them and stored), in one
//! transaction, and recorded in `seed_applied` so that it is never loaded twice.

use super::UseCaseError;
use super::import::{ImportArticle, ImportOutcome, import_article_in};
use super::predictions::{ResolutionInput, resolve_in};
use crate::domain::{ActorKind, Author, ClaimId, Outcome, ReviewState, When};
use crate::storage::{self, ActorBook, Database, NewActor, NewRole};
use chrono::NaiveDate;
use serde::Deserialize;

/// The seed files, by the names the manifest uses.
const SEED_FILES: &[(&str, &str)] = &[
    ("manifest.json", include_str!("../../seeds/manifest.json")),
    ("actors.json", include_str!("../../seeds/actors.json")),
    (
        "01-analyst-note.txt",
        include_str!("../../seeds/01-analyst-note.txt"),
    ),
    (
        "02-withdrawal-announced.txt",
        include_str!("../../seeds/02-withdrawal-announced.txt"),
    ),
    (
        "03-withdrawal-completed.txt",
        include_str!("../../seeds/03-withdrawal-completed.txt"),
    ),
    (
        "04-after-the-withdrawal.txt",
        include_str!("../../seeds/04-after-the-withdrawal.txt"),
    ),
    (
        "05-out-of-step.txt",
        include_str!("../../seeds/05-out-of-step.txt"),
    ),
    (
        "resolutions.json",
        include_str!("../../seeds/resolutions.json"),
    ),
];

/// The seed file with the demo's resolutions.
const RESOLUTIONS_FILE: &str = "resolutions.json";

/// What seeding did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedOutcome {
    /// The demo situation was loaded now.
    Applied {
        /// The situation's slug.
        slug: String,
        /// Sources stored.
        sources: usize,
        /// Claims stored.
        claims: usize,
    },
    /// It had been loaded before; nothing was written.
    AlreadyApplied {
        /// The situation's slug.
        slug: String,
    },
}

#[derive(Debug, Deserialize)]
struct Manifest {
    name: String,
    situation: ManifestSituation,
    actors: String,
    sources: Vec<ManifestSource>,
}

#[derive(Debug, Deserialize)]
struct ManifestSituation {
    slug: String,
    title: String,
    summary: String,
}

#[derive(Debug, Deserialize)]
struct ManifestSource {
    file: String,
    published: Option<NaiveDate>,
    #[serde(default)]
    review: SeedReview,
}

/// Where a seeded source stands: reviewed and published, so readers find a timeline, or
/// waiting on the desk, so a new analyst finds the desk at work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
enum SeedReview {
    #[default]
    Accepted,
    Waiting,
}

#[derive(Debug, Deserialize)]
struct ActorFile {
    actors: Vec<CuratedActor>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CuratedActor {
    name: String,
    kind: ActorKind,
    #[serde(default)]
    aliases: Vec<String>,
    parent: Option<String>,
    external_id: Option<String>,
    #[serde(default)]
    roles: Vec<CuratedRole>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CuratedRole {
    title: String,
    of: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

fn seed_file(name: &str) -> Result<&'static str, UseCaseError> {
    SEED_FILES
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, text)| *text)
        .ok_or_else(|| UseCaseError::invalid(format!("the seed file {name} is not built in")))
}

fn manifest() -> Result<Manifest, UseCaseError> {
    serde_json::from_str(seed_file("manifest.json")?)
        .map_err(|e| UseCaseError::invalid(format!("seeds/manifest.json: {e}")))
}

/// Reads a curated date, keeping its precision: `2019`, `2019-06` or `2019-06-12`.
fn curated_date(text: &str) -> Result<When, UseCaseError> {
    let bad = || UseCaseError::invalid(format!("seeds: cannot read the date {text:?}"));
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str| s.parse::<u32>().map_err(|_| bad());
    match parts.as_slice() {
        [year] => When::year(year.parse().map_err(|_| bad())?).map_err(|_| bad()),
        [year, month] => {
            When::month(year.parse().map_err(|_| bad())?, number(month)?).map_err(|_| bad())
        }
        [_, _, _] => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(When::day)
            .map_err(|_| bad()),
        _ => Err(bad()),
    }
}

/// The slug of the demo situation.
pub fn demo_slug() -> Result<String, UseCaseError> {
    Ok(manifest()?.situation.slug)
}

/// Loads the demo situation unless it was loaded before (see the module documentation), then
/// its resolutions unless they were loaded before (a database seeded before they existed gets
/// them on its next start).
pub async fn seed_demo(db: &Database) -> Result<SeedOutcome, UseCaseError> {
    let manifest = manifest()?;
    let resolutions = resolution_file()?;
    if storage::seed_applied(db, &manifest.name).await?
        && storage::seed_applied(db, &resolutions.name).await?
    {
        return Ok(SeedOutcome::AlreadyApplied {
            slug: manifest.situation.slug,
        });
    }
    db.transaction(async |tx| {
        let outcome = seed_in(tx, &manifest).await?;
        seed_resolutions_in(tx, &manifest.situation.slug, &resolutions).await?;
        Ok(outcome)
    })
    .await
}

#[derive(Debug, Deserialize)]
struct ResolutionFile {
    name: String,
    resolutions: Vec<SeedResolution>,
}

/// One resolution of the demo: its prediction and evidence named by words of their claims.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedResolution {
    prediction: String,
    outcome: Outcome,
    occurred_on: Option<NaiveDate>,
    rationale: String,
    evidence: Vec<String>,
}

fn resolution_file() -> Result<ResolutionFile, UseCaseError> {
    serde_json::from_str(seed_file(RESOLUTIONS_FILE)?)
        .map_err(|e| UseCaseError::invalid(format!("seeds/{RESOLUTIONS_FILE}: {e}")))
}

/// Resolves the demo's forecasts, once, through the ledger's own use case.
async fn seed_resolutions_in(
    tx: &storage::Tx,
    slug: &str,
    file: &ResolutionFile,
) -> Result<(), UseCaseError> {
    if storage::seed_applied(tx, &file.name).await? {
        return Ok(());
    }
    let situation = storage::situation_id(tx, slug).await?;
    let claims = storage::claims_of_situation(tx, situation, storage::Visibility::All).await?;
    let claim_with = |words: &str| {
        claims
            .iter()
            .find(|c| c.text.contains(words))
            .map(|c| c.id)
            .ok_or_else(|| {
                UseCaseError::invalid(format!(
                    "seeds/{RESOLUTIONS_FILE}: no demo claim says {words:?}"
                ))
            })
    };
    let predictions = storage::predictions_of(tx, situation).await?;
    let author = Author::process("seed");
    for entry in &file.resolutions {
        let claim = claim_with(&entry.prediction)?;
        let prediction = predictions
            .iter()
            .find(|p| p.prediction.claim == claim)
            .ok_or_else(|| {
                UseCaseError::invalid(format!(
                    "seeds/{RESOLUTIONS_FILE}: the claim {:?} makes no prediction",
                    entry.prediction
                ))
            })?;
        let evidence = entry
            .evidence
            .iter()
            .map(|words| claim_with(words))
            .collect::<Result<Vec<ClaimId>, _>>()?;
        resolve_in(
            tx,
            &author,
            prediction.prediction.id,
            &ResolutionInput {
                outcome: entry.outcome,
                occurred_on: entry.occurred_on,
                rationale: &entry.rationale,
                evidence: &evidence,
            },
            &entry.rationale,
        )
        .await?;
    }
    storage::record_seed(tx, &file.name).await?;
    Ok(())
}

async fn seed_in(tx: &storage::Tx, manifest: &Manifest) -> Result<SeedOutcome, UseCaseError> {
    let slug = manifest.situation.slug.clone();
    // Checked again inside the transaction: another process may have seeded meanwhile.
    if storage::seed_applied(tx, &manifest.name).await? {
        return Ok(SeedOutcome::AlreadyApplied { slug });
    }
    let (situation, _) = storage::find_or_create_situation(
        tx,
        &slug,
        Some(&manifest.situation.title),
        &manifest.situation.summary,
    )
    .await?;

    let curated: ActorFile = serde_json::from_str(seed_file(&manifest.actors)?)
        .map_err(|e| UseCaseError::invalid(format!("seeds/{}: {e}", manifest.actors)))?;
    let mut book = ActorBook::load(tx, situation).await?;
    let mut ids = Vec::with_capacity(curated.actors.len());
    for actor in &curated.actors {
        let (id, _) = book
            .link_or_create(
                tx,
                NewActor {
                    name: &actor.name,
                    kind: actor.kind,
                    aliases: &actor.aliases,
                    external_id: actor.external_id.as_deref(),
                    candidate: false,
                    review_state: ReviewState::Accepted,
                    proposed_by: None,
                },
            )
            .await?;
        ids.push(id);
    }
    let named = |name: &str| {
        book.lookup([name]).ok_or_else(|| {
            UseCaseError::invalid(format!("seeds: no curated actor is called {name:?}"))
        })
    };
    let mut links = Vec::new();
    for (actor, id) in curated.actors.iter().zip(&ids) {
        let parent = actor.parent.as_deref().map(named).transpose()?;
        let mut roles = Vec::new();
        for role in &actor.roles {
            roles.push((
                role,
                role.of.as_deref().map(named).transpose()?,
                role.from.as_deref().map(curated_date).transpose()?,
                role.to.as_deref().map(curated_date).transpose()?,
            ));
        }
        links.push((*id, parent, roles));
    }
    for (id, parent, roles) in links {
        if let Some(parent) = parent {
            book.set_parent_if_missing(tx, id, parent).await?;
        }
        for (role, of, from, to) in roles {
            book.add_role(
                tx,
                id,
                NewRole {
                    title: &role.title,
                    of,
                    valid_from: from.as_ref(),
                    valid_to: to.as_ref(),
                },
            )
            .await?;
        }
    }

    let mut sources = 0;
    let mut claims = 0;
    for entry in &manifest.sources {
        let text = seed_file(&entry.file)?;
        let outcome = import_article_in(
            tx,
            ImportArticle {
                situation: &slug,
                create_title: None,
                file_name: Some(&entry.file),
                text,
                published: entry.published,
                accept: entry.review == SeedReview::Accepted,
            },
        )
        .await?;
        if let ImportOutcome::Created {
            counts, source_id, ..
        } = outcome
        {
            sources += 1;
            claims += counts.claims;
            if entry.review == SeedReview::Accepted {
                storage::mark_source_committed(tx, source_id, storage::now()).await?;
            }
        }
    }

    storage::record_seed(tx, &manifest.name).await?;
    Ok(SeedOutcome::Applied {
        slug,
        sources,
        claims,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Precision;

    #[test]
    fn every_file_the_manifest_names_is_built_in() {
        let manifest = manifest().unwrap();
        assert_eq!(manifest.situation.slug, "kazakhstan-2022");
        assert!(seed_file(&manifest.actors).is_ok());
        assert!(manifest.sources.len() >= 4);
        let waiting = manifest
            .sources
            .iter()
            .filter(|s| s.review == SeedReview::Waiting)
            .count();
        assert_eq!(waiting, 1, "one article waits on the desk");
        for source in &manifest.sources {
            let text = seed_file(&source.file).unwrap();
            assert!(crate::extract::validate_text(text.as_bytes()).is_ok());
        }
    }

    #[test]
    fn curated_actors_parse_and_refer_to_each_other() {
        let file: ActorFile = serde_json::from_str(seed_file("actors.json").unwrap()).unwrap();
        let names: Vec<&str> = file.actors.iter().map(|a| a.name.as_str()).collect();
        for actor in &file.actors {
            if let Some(parent) = &actor.parent {
                assert!(names.contains(&parent.as_str()), "{parent}");
            }
            for role in &actor.roles {
                if let Some(of) = &role.of {
                    assert!(names.contains(&of.as_str()), "{of}");
                }
                for date in [&role.from, &role.to].into_iter().flatten() {
                    curated_date(date).unwrap();
                }
            }
        }
    }

    #[test]
    fn the_demo_resolutions_parse_and_cite_evidence() {
        let file = resolution_file().unwrap();
        assert!(file.resolutions.len() >= 3);
        assert!(file.resolutions.iter().all(|r| !r.evidence.is_empty()));
        assert_ne!(file.name, manifest().unwrap().name);
    }

    #[test]
    fn curated_dates_keep_their_precision() {
        assert_eq!(curated_date("2019").unwrap().precision(), Precision::Year);
        assert_eq!(
            curated_date("2019-06").unwrap().precision(),
            Precision::Month
        );
        assert_eq!(
            curated_date("2019-06-12").unwrap().precision(),
            Precision::Day
        );
        assert!(curated_date("June 2019").is_err());
        assert!(curated_date("2019-13").is_err());
    }
}
