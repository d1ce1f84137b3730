//! The predictions ledger: a situation's forecasts with the status each is in (draft, open,
//! due, resolved, withdrawn, unscorable), one prediction with its proposition versions,
//! resolution history and suggested evidence, a forecaster's track record, and the analyst's
//! writes: resolving (append-only; a later resolution supersedes, the history stays), editing
//! the proposition (versioned), the probability and the due date, setting the status, and
//! entering a prediction by hand. Every write is one transaction with its revision.
//!
//! Scores are never stored: they are computed from the resolution in force each time they are
//! read, so a new resolution recomputes them.

use super::UseCaseError;
use super::claims::{analyst, reason_given};
use super::revisions::{self, Change};
use crate::domain::{
    ActorId, ActorKind, Author, ClaimId, Outcome, Prediction, PredictionId, PredictionRecord,
    PredictionStatus, Probability, ProbabilityOrigin, PropositionVersion, Resolution, ResolutionId,
    ReviewState, RevisedEntity, RevisionAction, SituationId, User, When,
};
use crate::forecast::scoring::{self, ScoreSummary, ScoredForecast};
use crate::forecast::{LEXICON_VERSION, find_hedges};
use crate::storage::insert::{NewPrediction, NewResolution, insert_prediction, insert_resolution};
use crate::storage::{
    self, ActorBook, ActorRow, ClaimRow, Conn, Database, NewActor, NewPropositionVersion,
    PredictionChanges, SituationSummary, StorageError, Tx, Visibility,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// How many suggested evidence claims a prediction shows at most.
pub const MAX_SUGGESTIONS: usize = 5;

/// A prediction as the ledger shows it: the record, the claim whose words make it, the status
/// it is in today, its forecaster's name and, once resolved yes or no, its score.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerEntry {
    /// The prediction and its resolution in force.
    pub record: PredictionRecord,
    /// The claim it was read from.
    pub claim: ClaimRow,
    /// Draft, open, due, resolved, withdrawn or unscorable, as of today.
    pub status: PredictionStatus,
    /// Its forecaster's name.
    pub forecaster_name: Option<String>,
    /// Its score, when the resolution in force is yes or no and it has a probability.
    pub score: Option<ForecastScore>,
}

/// The scores of one resolved forecast.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ForecastScore {
    /// The probability scored.
    pub probability: f64,
    /// Whether it came true.
    pub happened: bool,
    /// `(p - o)^2`.
    pub brier: f64,
    /// The clamped log score.
    pub log: f64,
}

/// The status a prediction is in as of `today`: withdrawn and unscorable as stored; resolved
/// once a resolution stands; a draft while it or its claim waits for review; due once its due
/// date has passed; open otherwise.
pub fn status_as_of(
    prediction: &Prediction,
    resolution: Option<&Resolution>,
    claim_state: ReviewState,
    today: NaiveDate,
) -> PredictionStatus {
    match prediction.status {
        PredictionStatus::Withdrawn | PredictionStatus::Unscorable => return prediction.status,
        _ => {}
    }
    if resolution.is_some() {
        return PredictionStatus::Resolved;
    }
    if prediction.status == PredictionStatus::Draft || claim_state != ReviewState::Accepted {
        return PredictionStatus::Draft;
    }
    let last_day = prediction
        .due
        .as_ref()
        .and_then(|due| due.latest().or_else(|| due.earliest()))
        .map(|t| t.date());
    match last_day {
        Some(day) if day < today => PredictionStatus::Due,
        _ => PredictionStatus::Open,
    }
}

/// The forecast as the scores see it, when its resolution in force is yes or no and it has a
/// probability (ambiguous and annulled resolutions, and forecasts without a number, are not
/// scored).
pub fn scored_forecast(record: &PredictionRecord) -> Option<ScoredForecast> {
    let happened = match record.resolution.as_ref()?.outcome {
        Outcome::Yes => true,
        Outcome::No => false,
        Outcome::Ambiguous | Outcome::Annulled => return None,
    };
    let probability = record.prediction.probability?.point;
    Some(ScoredForecast {
        probability,
        happened,
        hedge: record.prediction.hedge.clone(),
    })
}

fn score_of(record: &PredictionRecord) -> Option<ForecastScore> {
    scored_forecast(record).map(|f| ForecastScore {
        probability: f.probability,
        happened: f.happened,
        brier: scoring::brier(f.probability, f.happened),
        log: scoring::log_score(f.probability, f.happened),
    })
}

/// Today, in UTC.
fn today() -> NaiveDate {
    storage::now().date_naive()
}

/// Which claims the viewer may see predictions of: readers the published ones, analysts every
/// claim that was not rejected.
fn visibility_for(viewer: Option<&User>) -> Visibility {
    if viewer.is_some_and(User::is_analyst) {
        Visibility::Unrejected
    } else {
        crate::http::READER_VISIBILITY
    }
}

fn visible(claim: &ClaimRow, visibility: Visibility) -> bool {
    if claim.deleted_at.is_some() {
        return false;
    }
    match visibility {
        Visibility::Published => {
            claim.review_state == ReviewState::Accepted && claim.published_at.is_some()
        }
        Visibility::Unrejected => claim.review_state != ReviewState::Rejected,
        Visibility::All => true,
    }
}

/// Builds the entries of `records` the viewer may see, in the records' order.
async fn entries_of(
    conn: &impl Conn,
    records: Vec<PredictionRecord>,
    visibility: Visibility,
    names: &HashMap<ActorId, String>,
) -> Result<Vec<LedgerEntry>, UseCaseError> {
    let claim_ids: Vec<ClaimId> = records.iter().map(|r| r.prediction.claim).collect();
    let mut claims: HashMap<ClaimId, ClaimRow> = storage::claims_by_ids(conn, &claim_ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let today = today();
    let mut entries = Vec::with_capacity(records.len());
    for record in records {
        let Some(claim) = claims.remove(&record.prediction.claim) else {
            continue;
        };
        if !visible(&claim, visibility) {
            continue;
        }
        let status = status_as_of(
            &record.prediction,
            record.resolution.as_ref(),
            claim.review_state,
            today,
        );
        entries.push(LedgerEntry {
            forecaster_name: record
                .prediction
                .forecaster
                .and_then(|id| names.get(&id).cloned()),
            score: score_of(&record),
            status,
            claim,
            record,
        });
    }
    Ok(entries)
}

async fn actor_names(
    conn: &impl Conn,
    situation: SituationId,
) -> Result<(Vec<ActorRow>, HashMap<ActorId, String>), UseCaseError> {
    let actors = storage::actors_of(conn, situation).await?;
    let names = actors.iter().map(|a| (a.id, a.name.clone())).collect();
    Ok((actors, names))
}

async fn situation_by_id(
    conn: &impl Conn,
    id: SituationId,
) -> Result<SituationSummary, UseCaseError> {
    storage::list_situations(conn)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| StorageError::not_found("situation", id).into())
}

/// Which of a situation's predictions to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LedgerFilter {
    /// Only this forecaster's.
    pub forecaster: Option<ActorId>,
    /// Only those whose claim involves this actor (or whose forecaster it is).
    pub actor: Option<ActorId>,
    /// Only those in this status.
    pub status: Option<PredictionStatus>,
}

/// A situation's predictions.
#[derive(Debug, Clone, PartialEq)]
pub struct SituationLedger {
    /// The situation.
    pub situation: SituationSummary,
    /// The predictions the filter lets through, in id order.
    pub entries: Vec<LedgerEntry>,
    /// Every forecaster of the situation's visible predictions, by name, for the filter.
    pub forecasters: Vec<(ActorId, String)>,
    /// Every actor the visible predictions' claims involve, by name, for the filter.
    pub actors: Vec<(ActorId, String)>,
}

/// A situation's predictions as `viewer` may see them, filtered.
pub async fn situation_ledger(
    db: &Database,
    slug: &str,
    viewer: Option<&User>,
    filter: LedgerFilter,
) -> Result<SituationLedger, UseCaseError> {
    let situation = storage::get_situation(db, slug).await?;
    let records = storage::predictions_of(db, situation.id).await?;
    let (_, names) = actor_names(db, situation.id).await?;
    let all = entries_of(db, records, visibility_for(viewer), &names).await?;
    let mut forecasters: Vec<(ActorId, String)> = all
        .iter()
        .filter_map(|e| {
            e.record
                .prediction
                .forecaster
                .zip(e.forecaster_name.clone())
        })
        .collect();
    forecasters.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    forecasters.dedup();
    let mut actors: Vec<(ActorId, String)> = all
        .iter()
        .flat_map(|e| e.claim.actors.iter().map(|a| (a.id, a.name.clone())))
        .collect();
    actors.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    actors.dedup();
    let entries = all
        .into_iter()
        .filter(|e| {
            filter
                .forecaster
                .is_none_or(|f| e.record.prediction.forecaster == Some(f))
        })
        .filter(|e| {
            filter.actor.is_none_or(|a| {
                e.record.prediction.forecaster == Some(a)
                    || e.claim.actors.iter().any(|c| c.id == a)
                    || e.claim.speaker.as_ref().is_some_and(|s| s.id == a)
            })
        })
        .filter(|e| filter.status.is_none_or(|s| e.status == s))
        .collect();
    Ok(SituationLedger {
        situation,
        entries,
        forecasters,
        actors,
    })
}

/// A resolution with the claims it cites.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolutionRecord {
    /// The resolution.
    pub resolution: Resolution,
    /// The claims it cites that still exist, in the order cited.
    pub evidence: Vec<ClaimRow>,
    /// Whether it is the one in force (the latest).
    pub in_force: bool,
}

/// A later claim that may settle a prediction.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The claim.
    pub claim: ClaimRow,
    /// Its rank score: three per shared actor, one per shared word.
    pub score: usize,
    /// The actors it shares with the prediction.
    pub shared_actors: Vec<String>,
    /// The words it shares with the proposition.
    pub shared_words: Vec<String>,
}

/// Everything a prediction's page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PredictionDetail {
    /// The situation.
    pub situation: SituationSummary,
    /// The prediction as the ledger shows it.
    pub entry: LedgerEntry,
    /// The proposition's versions, oldest first (always at least the first).
    pub versions: Vec<PropositionVersion>,
    /// Its resolutions, oldest first.
    pub resolutions: Vec<ResolutionRecord>,
    /// Later claims that may settle it (for open and due predictions).
    pub suggestions: Vec<Suggestion>,
    /// The situation's actors, for the forecaster choice.
    pub actors: Vec<(ActorId, String)>,
}

/// One prediction as `viewer` may see it; not found when its claim is hidden from them.
pub async fn prediction_detail(
    db: &Database,
    id: PredictionId,
    viewer: Option<&User>,
) -> Result<PredictionDetail, UseCaseError> {
    let record = storage::get_prediction(db, id).await?;
    let situation = situation_by_id(db, record.prediction.situation).await?;
    let (actors, names) = actor_names(db, situation.id).await?;
    let visibility = visibility_for(viewer);
    let entry = entries_of(db, vec![record.clone()], visibility, &names)
        .await?
        .pop()
        .ok_or_else(|| StorageError::not_found("prediction", id))?;
    let versions = versions_with_first(db, &record.prediction, &entry.claim).await?;
    let history = storage::resolutions_of(db, id).await?;
    let cited: Vec<ClaimId> = history
        .iter()
        .flat_map(|r| r.evidence.iter().copied())
        .collect();
    let cited_claims: HashMap<ClaimId, ClaimRow> = storage::claims_by_ids(db, &cited)
        .await?
        .into_iter()
        .filter(|c| visible(c, visibility))
        .map(|c| (c.id, c))
        .collect();
    let last = history.len().saturating_sub(1);
    let resolutions = history
        .into_iter()
        .enumerate()
        .map(|(i, resolution)| ResolutionRecord {
            evidence: resolution
                .evidence
                .iter()
                .filter_map(|c| cited_claims.get(c).cloned())
                .collect(),
            in_force: i == last,
            resolution,
        })
        .collect();
    let suggestions = if matches!(
        entry.status,
        PredictionStatus::Open | PredictionStatus::Due | PredictionStatus::Draft
    ) {
        let candidates = storage::claims_of_situation(db, situation.id, visibility).await?;
        let cited: HashSet<ClaimId> = cited.into_iter().collect();
        rank_suggestions(&entry, &candidates, &cited)
    } else {
        Vec::new()
    };
    let mut actor_choices: Vec<(ActorId, String)> = actors
        .into_iter()
        .filter(|a| a.merged_into.is_none() && a.review_state != ReviewState::Rejected)
        .filter(|a| a.kind != ActorKind::Location)
        .map(|a| (a.id, a.name))
        .collect();
    actor_choices.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(PredictionDetail {
        situation,
        entry,
        versions,
        resolutions,
        suggestions,
        actors: actor_choices,
    })
}

/// The proposition's versions; a prediction never edited has one, its harvested wording, in
/// force since its claim was recorded.
async fn versions_with_first(
    conn: &impl Conn,
    prediction: &Prediction,
    claim: &ClaimRow,
) -> Result<Vec<PropositionVersion>, UseCaseError> {
    let versions = storage::proposition_versions_of(conn, prediction.id).await?;
    if versions.is_empty() {
        Ok(vec![first_version(prediction, claim)])
    } else {
        Ok(versions)
    }
}

fn first_version(prediction: &Prediction, claim: &ClaimRow) -> PropositionVersion {
    PropositionVersion {
        number: 1,
        text: prediction.proposition.clone(),
        created_at: claim.recorded_at,
        author: if prediction.entered_by_hand {
            "analyst".to_string()
        } else {
            "extractor".to_string()
        },
        reason: if prediction.entered_by_hand {
            "entered by hand".to_string()
        } else {
            "harvested from the claim".to_string()
        },
    }
}

/// The version in force when the outcome became known: the latest one that came into force on
/// or before `occurred_on` (the first when every edit came later); the latest when the outcome
/// has no date.
pub fn version_in_force(versions: &[PropositionVersion], occurred_on: Option<NaiveDate>) -> i64 {
    let Some(day) = occurred_on else {
        return versions.last().map_or(1, |v| v.number);
    };
    versions
        .iter()
        .filter(|v| v.created_at.date_naive() <= day)
        .map(|v| v.number)
        .max()
        .unwrap_or_else(|| versions.first().map_or(1, |v| v.number))
}

/// Words too common to suggest evidence by.
const COMMON_WORDS: &[&str] = &[
    "about", "after", "again", "also", "because", "been", "before", "being", "could", "does",
    "from", "have", "into", "might", "more", "most", "once", "only", "over", "said", "some",
    "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "were",
    "what", "when", "which", "while", "will", "with", "would", "instead", "bringing",
];

/// The content words of `text`, each cut to its first five letters so that "troops" meets
/// "troop" and "withdrawal" meets "withdraw".
fn word_stems(text: &str) -> HashMap<String, String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .filter(|w| !COMMON_WORDS.contains(&w.as_str()))
        .map(|w| (w.chars().take(5).collect::<String>(), w))
        .collect()
}

fn claim_day(claim: &ClaimRow) -> Option<NaiveDate> {
    claim
        .occurred
        .as_ref()
        .and_then(When::earliest)
        .or_else(|| claim.reported.as_ref().and_then(When::earliest))
        .map(|t| t.date())
}

/// Ranks `candidates` as evidence for `entry`: later claims (on or after the day it was made)
/// that share its actors and words, best first, at most [`MAX_SUGGESTIONS`]. Claims already
/// cited, the prediction's own claim and other predictions are left out.
pub fn rank_suggestions(
    entry: &LedgerEntry,
    candidates: &[ClaimRow],
    cited: &HashSet<ClaimId>,
) -> Vec<Suggestion> {
    let prediction = &entry.record.prediction;
    let made_on = prediction.made_on.or_else(|| claim_day(&entry.claim));
    let mut actors: HashMap<ActorId, String> = entry
        .claim
        .actors
        .iter()
        .map(|a| (a.id, a.name.clone()))
        .collect();
    if let (Some(id), Some(name)) = (prediction.forecaster, &entry.forecaster_name) {
        actors.insert(id, name.clone());
    }
    let words = word_stems(&format!("{} {}", prediction.proposition, entry.claim.text));
    let mut ranked: Vec<(Option<NaiveDate>, Suggestion)> = candidates
        .iter()
        .filter(|c| c.id != entry.claim.id && !cited.contains(&c.id))
        .filter(|c| c.kind != crate::domain::ClaimKind::Prediction)
        .filter(|c| match (made_on, claim_day(c)) {
            (Some(made), Some(day)) => day >= made,
            (Some(_), None) => false,
            (None, _) => true,
        })
        .filter_map(|c| {
            let mut shared_actors: Vec<String> = c
                .actors
                .iter()
                .filter_map(|a| actors.get(&a.id).cloned())
                .collect();
            shared_actors.sort();
            shared_actors.dedup();
            let theirs = word_stems(&c.text);
            let mut shared_words: Vec<String> = theirs
                .iter()
                .filter(|(stem, _)| words.contains_key(*stem))
                .map(|(_, w)| w.clone())
                .collect();
            shared_words.sort();
            let score = 3 * shared_actors.len() + shared_words.len();
            (!shared_words.is_empty()).then(|| {
                (
                    claim_day(c),
                    Suggestion {
                        claim: c.clone(),
                        score,
                        shared_actors,
                        shared_words,
                    },
                )
            })
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.1.score
            .cmp(&a.1.score)
            .then(a.0.cmp(&b.0))
            .then(a.1.claim.id.cmp(&b.1.claim.id))
    });
    ranked
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, s)| s)
        .collect()
}

/// How many of a forecaster's predictions are in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    /// All of them.
    pub total: usize,
    /// Drafts.
    pub draft: usize,
    /// Open.
    pub open: usize,
    /// Due.
    pub due: usize,
    /// Resolved (any outcome).
    pub resolved: usize,
    /// Withdrawn.
    pub withdrawn: usize,
    /// Too vague to test.
    pub unscorable: usize,
}

impl StatusCounts {
    fn count(entries: &[LedgerEntry]) -> Self {
        let mut counts = StatusCounts {
            total: entries.len(),
            ..StatusCounts::default()
        };
        for entry in entries {
            match entry.status {
                PredictionStatus::Draft => counts.draft += 1,
                PredictionStatus::Open => counts.open += 1,
                PredictionStatus::Due => counts.due += 1,
                PredictionStatus::Resolved => counts.resolved += 1,
                PredictionStatus::Withdrawn => counts.withdrawn += 1,
                PredictionStatus::Unscorable => counts.unscorable += 1,
            }
        }
        counts
    }

    /// Resolved predictions as a share of those that could be resolved (all but drafts and
    /// withdrawn ones); `None` when there are none.
    pub fn resolved_share(&self) -> Option<f64> {
        let resolvable = self.total - self.draft - self.withdrawn;
        (resolvable > 0).then(|| self.resolved as f64 / resolvable as f64)
    }
}

/// A forecaster's track record.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecasterRecord {
    /// The forecaster.
    pub actor: ActorRow,
    /// The situation it belongs to.
    pub situation: SituationSummary,
    /// Its predictions the viewer may see.
    pub entries: Vec<LedgerEntry>,
    /// How many in each status.
    pub counts: StatusCounts,
    /// The scores of the resolved ones.
    pub scores: ScoreSummary,
}

/// The track record of forecaster `actor` as `viewer` may see it.
pub async fn forecaster_record(
    db: &Database,
    actor: ActorId,
    viewer: Option<&User>,
) -> Result<ForecasterRecord, UseCaseError> {
    let row = storage::get_actor(db, actor).await?;
    let situation = situation_by_id(db, storage::actor_situation(db, actor).await?).await?;
    let (_, names) = actor_names(db, situation.id).await?;
    let records = storage::predictions_of_forecaster(db, &[actor]).await?;
    let entries = entries_of(db, records, visibility_for(viewer), &names).await?;
    let forecasts: Vec<ScoredForecast> = entries
        .iter()
        .filter_map(|e| scored_forecast(&e.record))
        .collect();
    Ok(ForecasterRecord {
        counts: StatusCounts::count(&entries),
        scores: scoring::summarize(&forecasts),
        actor: row,
        situation,
        entries,
    })
}

/// A prediction's fields, as its revisions record them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PredictionFields {
    /// The claim.
    pub claim: ClaimId,
    /// The forecaster.
    pub forecaster: Option<ActorId>,
    /// The proposition in force.
    pub proposition: String,
    /// The hedge words.
    pub hedge: Option<String>,
    /// The probability.
    pub probability: Option<Probability>,
    /// Where it came from.
    pub probability_origin: Option<ProbabilityOrigin>,
    /// The lexicon version.
    pub lexicon_version: String,
    /// The due time's words or bounds, as shown.
    pub due: Option<String>,
    /// Whether the due time was inferred.
    pub due_inferred: bool,
    /// The stored status.
    pub status: PredictionStatus,
    /// The edit version.
    pub version: i64,
}

impl From<&Prediction> for PredictionFields {
    fn from(p: &Prediction) -> Self {
        PredictionFields {
            claim: p.claim,
            forecaster: p.forecaster,
            proposition: p.proposition.clone(),
            hedge: p.hedge.clone(),
            probability: p.probability,
            probability_origin: p.probability_origin,
            lexicon_version: p.lexicon_version.clone(),
            due: p.due.as_ref().map(describe_due),
            due_inferred: p.due_inferred,
            status: p.status,
            version: p.version,
        }
    }
}

fn describe_due(due: &When) -> String {
    match (due.earliest(), due.latest()) {
        (Some(a), Some(b)) if a.date() == b.date() => a.date().to_string(),
        (Some(a), Some(b)) => format!("{} to {}", a.date(), b.date()),
        (Some(a), None) => format!("from {}", a.date()),
        (None, Some(b)) => format!("by {}", b.date()),
        (None, None) => due.words().unwrap_or("").to_string(),
    }
}

/// A resolution's fields, as its revision records them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolutionFields {
    /// The prediction.
    pub prediction: PredictionId,
    /// The outcome.
    pub outcome: Outcome,
    /// When it occurred.
    pub occurred_on: Option<NaiveDate>,
    /// Who decided.
    pub decided_by: String,
    /// Why.
    pub rationale: String,
    /// The claims cited.
    pub evidence: Vec<ClaimId>,
    /// The proposition version judged.
    pub proposition_version: Option<i64>,
    /// The resolution it supersedes.
    pub supersedes: Option<ResolutionId>,
}

/// What an analyst decides about a prediction.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolutionInput<'a> {
    /// Yes, no, ambiguous or annulled.
    pub outcome: Outcome,
    /// When the outcome occurred.
    pub occurred_on: Option<NaiveDate>,
    /// Why (required).
    pub rationale: &'a str,
    /// The claims that show it, all of the prediction's situation.
    pub evidence: &'a [ClaimId],
}

/// Resolves prediction `id` for an analyst: appends a resolution that supersedes any earlier
/// one (which is kept). Evidence must be claims of the same situation. An outcome that occurred
/// before the prediction was made is recorded as annulled: a forecast of something already
/// known is not scored. The resolution names the proposition version in force when the
/// outcome occurred.
pub async fn resolve_prediction(
    db: &Database,
    user: &User,
    id: PredictionId,
    input: ResolutionInput<'_>,
) -> Result<Resolution, UseCaseError> {
    let author = analyst(user, "resolve predictions")?;
    let rationale = reason_given(input.rationale)?;
    db.transaction(async |tx| resolve_in(tx, &author, id, &input, rationale).await)
        .await
}

/// [`resolve_prediction`] inside `tx`, for an author already checked.
pub async fn resolve_in(
    tx: &Tx,
    author: &Author,
    id: PredictionId,
    input: &ResolutionInput<'_>,
    rationale: &str,
) -> Result<Resolution, UseCaseError> {
    let record = storage::get_prediction(tx, id).await?;
    let prediction = &record.prediction;
    check_evidence(tx, prediction.situation, input.evidence).await?;
    let mut outcome = input.outcome;
    let mut rationale = rationale.to_string();
    if let (Some(occurred), Some(made)) = (input.occurred_on, prediction.made_on)
        && occurred < made
        && outcome != Outcome::Annulled
    {
        rationale.push_str(&format!(
            " [Recorded as annulled, not {}: the outcome occurred on {occurred}, before the \
             forecast was made on {made}.]",
            outcome.as_str()
        ));
        outcome = Outcome::Annulled;
    }
    let claim = storage::get_claim(tx, prediction.claim).await?;
    let versions = versions_with_first(tx, prediction, &claim).await?;
    let judged = version_in_force(&versions, input.occurred_on);
    let mut evidence: Vec<ClaimId> = Vec::new();
    for claim in input.evidence {
        if !evidence.contains(claim) {
            evidence.push(*claim);
        }
    }
    let resolution_id = insert_resolution(
        tx,
        &NewResolution {
            prediction: id,
            outcome,
            occurred_on: input.occurred_on,
            decided_at: storage::now(),
            decided_by: &author.name,
            decided_by_user: author.user,
            rationale: &rationale,
            evidence: &evidence,
            proposition_version: Some(judged),
        },
    )
    .await?;
    let history = storage::resolutions_of(tx, id).await?;
    let supersedes = history
        .iter()
        .rev()
        .find(|r| r.id != resolution_id)
        .map(|r| r.id);
    let resolution = history
        .into_iter()
        .find(|r| r.id == resolution_id)
        .ok_or_else(|| StorageError::not_found("resolution", resolution_id))?;
    revisions::record::<(), _>(
        tx,
        Change {
            situation: Some(prediction.situation),
            entity: RevisedEntity::Resolution,
            entity_id: resolution_id.get(),
            action: RevisionAction::Created,
            before: None,
            after: Some(&ResolutionFields {
                prediction: id,
                outcome,
                occurred_on: input.occurred_on,
                decided_by: author.name.clone(),
                rationale: rationale.clone(),
                evidence: evidence.clone(),
                proposition_version: Some(judged),
                supersedes,
            }),
            author,
            reason: &rationale,
        },
    )
    .await?;
    if prediction.status != PredictionStatus::Resolved {
        let mut after = prediction.clone();
        after.status = PredictionStatus::Resolved;
        write_prediction(tx, author, prediction, &after, "resolved").await?;
    }
    storage::touch_situation(tx, prediction.situation).await?;
    Ok(resolution)
}

/// Refuses evidence that does not exist, was deleted, or belongs to another situation.
async fn check_evidence(
    tx: &Tx,
    situation: SituationId,
    evidence: &[ClaimId],
) -> Result<(), UseCaseError> {
    let found: HashMap<ClaimId, ClaimRow> = storage::claims_by_ids(tx, evidence)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    for id in evidence {
        match found.get(id) {
            None => {
                return Err(UseCaseError::invalid(format!(
                    "evidence claim {id} does not exist"
                )));
            }
            Some(claim) if claim.situation_id != situation => {
                return Err(UseCaseError::invalid(format!(
                    "evidence claim {id} belongs to another situation; a prediction can only \
                     be resolved with claims of its own situation"
                )));
            }
            Some(claim) if claim.deleted_at.is_some() => {
                return Err(UseCaseError::invalid(format!(
                    "evidence claim {id} was deleted; restore it or cite another"
                )));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Writes `after`'s editable fields over `before` (which must still be current) with the
/// revision, and returns the prediction as stored.
async fn write_prediction(
    tx: &Tx,
    author: &Author,
    before: &Prediction,
    after: &Prediction,
    reason: &str,
) -> Result<Prediction, UseCaseError> {
    storage::update_prediction(
        tx,
        before.id,
        before.version,
        &PredictionChanges {
            proposition: &after.proposition,
            probability: after.probability,
            probability_origin: after.probability_origin,
            lexicon_version: &after.lexicon_version,
            due: after.due.as_ref(),
            due_inferred: after.due_inferred,
            forecaster: after.forecaster,
            status: after.status,
        },
    )
    .await?;
    let stored = storage::get_prediction(tx, before.id).await?.prediction;
    revisions::record(
        tx,
        Change {
            situation: Some(before.situation),
            entity: RevisedEntity::Prediction,
            entity_id: before.id.get(),
            action: RevisionAction::Edited,
            before: Some(&PredictionFields::from(before)),
            after: Some(&PredictionFields::from(&stored)),
            author,
            reason,
        },
    )
    .await?;
    Ok(stored)
}

/// An analyst's edit of a prediction. `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PredictionEdit {
    /// The edit version the form was made from.
    pub version: i64,
    /// A new wording of the proposition (stored as a new version).
    pub proposition: Option<String>,
    /// A probability of the analyst's own judgement.
    pub probability: Option<Probability>,
    /// A stated due day (no longer inferred).
    pub due: Option<NaiveDate>,
    /// Another forecaster.
    pub forecaster: Option<ActorId>,
    /// A new status: draft, open, withdrawn or unscorable (due and resolved follow from the
    /// dates and resolutions, and cannot be set).
    pub status: Option<PredictionStatus>,
    /// Why (required).
    pub reason: String,
}

/// Edits prediction `id` for an analyst, if it is still at `edit.version`. A new proposition
/// wording becomes a new version (the earlier ones are kept); a probability the analyst gives
/// is marked as their judgement.
pub async fn edit_prediction(
    db: &Database,
    user: &User,
    id: PredictionId,
    edit: &PredictionEdit,
) -> Result<Prediction, UseCaseError> {
    let author = analyst(user, "edit predictions")?;
    let reason = reason_given(&edit.reason)?;
    if let Some(status) = edit.status
        && matches!(status, PredictionStatus::Due | PredictionStatus::Resolved)
    {
        return Err(UseCaseError::invalid(format!(
            "a prediction cannot be set to {status}: it is due once its date has passed, and \
             resolved by a resolution"
        )));
    }
    db.transaction(async |tx| {
        let before = storage::get_prediction(tx, id).await?.prediction;
        if before.version != edit.version {
            return Err(StorageError::Conflict {
                message: format!(
                    "prediction {id} is at version {}, not {}: someone changed it meanwhile; \
                     reload it and try again",
                    before.version, edit.version
                ),
            }
            .into());
        }
        let situation = before.situation;
        let mut after = before.clone();
        if let Some(text) = &edit.proposition {
            let text = text.trim();
            if text.is_empty() {
                return Err(UseCaseError::invalid("the proposition cannot be empty"));
            }
            if text != before.proposition {
                let claim = storage::get_claim(tx, before.claim).await?;
                let mut versions = storage::proposition_versions_of(tx, id).await?;
                if versions.is_empty() {
                    let first = first_version(&before, &claim);
                    storage::insert_proposition_version(
                        tx,
                        &NewPropositionVersion {
                            prediction: id,
                            number: 1,
                            text: &first.text,
                            created_at: first.created_at,
                            author: &first.author,
                            author_user: None,
                            reason: &first.reason,
                        },
                    )
                    .await?;
                    versions.push(first);
                }
                let number = versions.last().map_or(1, |v| v.number) + 1;
                storage::insert_proposition_version(
                    tx,
                    &NewPropositionVersion {
                        prediction: id,
                        number,
                        text,
                        created_at: storage::now(),
                        author: &author.name,
                        author_user: author.user,
                        reason,
                    },
                )
                .await?;
                after.proposition = text.to_string();
            }
        }
        if let Some(probability) = edit.probability
            && Some(probability) != before.probability
        {
            after.probability = Some(probability);
            after.probability_origin = Some(ProbabilityOrigin::Analyst);
        }
        if let Some(day) = edit.due {
            after.due = Some(When::day(day));
            after.due_inferred = false;
        }
        if let Some(forecaster) = edit.forecaster {
            let actor_situation = storage::actor_situation(tx, forecaster).await?;
            if actor_situation != situation {
                return Err(UseCaseError::invalid(format!(
                    "actor {forecaster} belongs to another situation"
                )));
            }
            after.forecaster = Some(forecaster);
        }
        if let Some(status) = edit.status {
            after.status = status;
        }
        let stored = write_prediction(tx, &author, &before, &after, reason).await?;
        storage::touch_situation(tx, situation).await?;
        Ok(stored)
    })
    .await
}

/// A prediction an analyst enters by hand on a claim whose words make it.
#[derive(Debug, Clone, PartialEq)]
pub struct ManualPrediction {
    /// The testable proposition.
    pub proposition: String,
    /// The hedge words, if any; read from the claim by the lexicon when absent.
    pub hedge: Option<String>,
    /// The probability of the analyst's judgement; from the hedge when absent.
    pub probability: Option<Probability>,
    /// The due day, if stated.
    pub due: Option<NaiveDate>,
    /// The forecaster; the claim's speaker, else the source's own voice, when absent.
    pub forecaster: Option<ActorId>,
    /// Why (required).
    pub reason: String,
}

/// Enters a prediction by hand on `claim` (which must not already make one). It is open at
/// once: an analyst entered it.
pub async fn enter_prediction(
    db: &Database,
    user: &User,
    claim_id: ClaimId,
    manual: &ManualPrediction,
) -> Result<Prediction, UseCaseError> {
    let author = analyst(user, "enter predictions")?;
    let reason = reason_given(&manual.reason)?;
    let proposition = manual.proposition.trim();
    if proposition.is_empty() {
        return Err(UseCaseError::invalid(
            "say what is forecast (the proposition)",
        ));
    }
    db.transaction(async |tx| {
        let claim = storage::get_claim(tx, claim_id).await?;
        if claim.deleted_at.is_some() {
            return Err(UseCaseError::invalid(format!(
                "claim {claim_id} was deleted; restore it first"
            )));
        }
        if let Some(existing) = storage::prediction_of_claim(tx, claim_id).await? {
            return Err(StorageError::Conflict {
                message: format!("claim {claim_id} already makes prediction {existing}"),
            }
            .into());
        }
        let forecaster = match manual.forecaster {
            Some(actor) => {
                if storage::actor_situation(tx, actor).await? != claim.situation_id {
                    return Err(UseCaseError::invalid(format!(
                        "actor {actor} belongs to another situation"
                    )));
                }
                Some(actor)
            }
            None => match &claim.speaker {
                Some(speaker) => Some(speaker.id),
                None => {
                    let source = storage::get_source(tx, claim.source.id).await?;
                    source_voice(tx, claim.situation_id, &source).await?
                }
            },
        };
        let lexicon_hedge = find_hedges(&claim.text).into_iter().next();
        let hedge = manual
            .hedge
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(str::to_string)
            .or_else(|| lexicon_hedge.as_ref().map(|m| m.hedge.phrase.clone()));
        let (probability, origin) = match manual.probability {
            Some(p) => (Some(p), Some(ProbabilityOrigin::Analyst)),
            None => {
                let from_lexicon = hedge.as_deref().and_then(|h| {
                    crate::forecast::lexicon::entries()
                        .iter()
                        .find(|e| e.phrase == h.to_lowercase())
                        .and_then(|e| e.probability)
                });
                (
                    from_lexicon,
                    from_lexicon.map(|_| ProbabilityOrigin::Lexicon),
                )
            }
        };
        let made_on = claim_day_reported(&claim);
        let due = manual.due.map(When::day);
        let id = insert_prediction(
            tx,
            &NewPrediction {
                situation: claim.situation_id,
                claim: claim_id,
                forecaster,
                made_on,
                proposition,
                hedge: hedge.as_deref(),
                negated: false,
                probability,
                probability_origin: origin,
                lexicon_version: LEXICON_VERSION,
                due: due.as_ref(),
                due_inferred: false,
                status: PredictionStatus::Open,
                entered_by_hand: true,
                version: 1,
            },
        )
        .await?;
        let stored = storage::get_prediction(tx, id).await?.prediction;
        revisions::record::<(), _>(
            tx,
            Change {
                situation: Some(claim.situation_id),
                entity: RevisedEntity::Prediction,
                entity_id: id.get(),
                action: RevisionAction::Created,
                before: None,
                after: Some(&PredictionFields::from(&stored)),
                author: &author,
                reason,
            },
        )
        .await?;
        storage::touch_situation(tx, claim.situation_id).await?;
        Ok(stored)
    })
    .await
}

/// The day a claim was said or reported, for when a forecast was made.
fn claim_day_reported(claim: &ClaimRow) -> Option<NaiveDate> {
    claim
        .reported
        .as_ref()
        .and_then(When::earliest)
        .or_else(|| claim.occurred.as_ref().and_then(When::earliest))
        .map(|t| t.date())
}

/// The actor that speaks for a source in its own voice (its publisher, else its author).
async fn source_voice(
    tx: &Tx,
    situation: SituationId,
    source: &storage::SourceRow,
) -> Result<Option<ActorId>, UseCaseError> {
    let named = |name: &Option<String>| {
        name.as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
    };
    let (name, kind) = match (named(&source.publisher), named(&source.author)) {
        (Some(publisher), _) => (publisher, ActorKind::Organisation),
        (None, Some(author)) => (author, ActorKind::Person),
        (None, None) => return Ok(None),
    };
    let mut book = ActorBook::load(tx, situation).await?;
    let (id, _) = book
        .link_or_create(
            tx,
            NewActor {
                name: &name,
                kind,
                aliases: &[],
                external_id: None,
                candidate: false,
                review_state: ReviewState::Accepted,
                proposed_by: Some(source.id),
            },
        )
        .await?;
    Ok(Some(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn version(number: i64, day: u32) -> PropositionVersion {
        PropositionVersion {
            number,
            text: format!("wording {number}"),
            created_at: Utc.with_ymd_and_hms(2022, 1, day, 12, 0, 0).unwrap(),
            author: "ana".to_string(),
            reason: "clearer".to_string(),
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 1, d).unwrap()
    }

    #[test]
    fn the_version_scored_is_the_one_in_force_when_the_outcome_occurred() {
        let versions = [version(1, 9), version(2, 12), version(3, 20)];
        assert_eq!(version_in_force(&versions, Some(day(19))), 2);
        assert_eq!(version_in_force(&versions, Some(day(12))), 2);
        assert_eq!(version_in_force(&versions, Some(day(25))), 3);
        // Every edit came after the outcome: the first wording is judged.
        assert_eq!(version_in_force(&versions, Some(day(1))), 1);
        assert_eq!(version_in_force(&versions, None), 3);
        assert_eq!(version_in_force(&[], Some(day(1))), 1);
    }

    #[test]
    fn word_stems_meet_across_forms() {
        let a = word_stems("Russia might keep adding troops");
        let b = word_stems("Moscow did not send more troop reinforcements");
        assert!(a.contains_key("troop") && b.contains_key("troop"));
        assert!(!a.contains_key("might"), "hedges are not content words");
    }
}
