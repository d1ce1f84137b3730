//! Forecasts and their resolutions: what was predicted, by whom, with what probability and due
//! date, and how (and on what evidence) it turned out.

use super::{
    ActorId, ClaimId, Outcome, PredictionId, PredictionStatus, Probability, ProbabilityOrigin,
    ResolutionId, SituationId, UserId, When,
};
use chrono::{DateTime, NaiveDate, Utc};

/// A forecast read from a claim (or entered by hand).
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Its id.
    pub id: PredictionId,
    /// The situation it belongs to.
    pub situation: SituationId,
    /// The claim whose words make the forecast.
    pub claim: ClaimId,
    /// Who made it; `None` for the source's own author.
    pub forecaster: Option<ActorId>,
    /// The day it was made.
    pub made_on: Option<NaiveDate>,
    /// What is forecast, as a testable proposition.
    pub proposition: String,
    /// The hedge words ("might", "hard to").
    pub hedge: Option<String>,
    /// Whether the hedge negates the proposition ("hard to come true").
    pub negated: bool,
    /// The chance that the proposition comes true.
    pub probability: Option<Probability>,
    /// Where the probability came from; `None` for rows stored before origins were kept
    /// (read as the lexicon when a hedge gave a number).
    pub probability_origin: Option<ProbabilityOrigin>,
    /// The version of the hedge lexicon the probability was read with.
    pub lexicon_version: String,
    /// When it falls due.
    pub due: Option<When>,
    /// Whether `due` was inferred rather than stated.
    pub due_inferred: bool,
    /// Where it stands, as stored.
    pub status: PredictionStatus,
    /// Whether an analyst entered it by hand rather than the extractor harvesting it.
    pub entered_by_hand: bool,
    /// Increases by one with every edit, for refusing stale saves.
    pub version: i64,
}

/// An outcome decided for a prediction. Resolutions are append-only: a later one supersedes
/// an earlier one, and both are kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// Its id.
    pub id: ResolutionId,
    /// The prediction resolved.
    pub prediction: PredictionId,
    /// Yes, no, ambiguous or annulled.
    pub outcome: Outcome,
    /// When the outcome happened.
    pub occurred_on: Option<NaiveDate>,
    /// When it was decided.
    pub decided_at: DateTime<Utc>,
    /// Who decided, as named at the time.
    pub decided_by: String,
    /// The account that decided, when it was made through an account.
    pub decided_by_user: Option<UserId>,
    /// Why.
    pub rationale: String,
    /// The claims cited as evidence, in the order given.
    pub evidence: Vec<ClaimId>,
    /// The number of the proposition version it was judged against (the one in force when
    /// the outcome became known); `None` for resolutions stored before versions were kept.
    pub proposition_version: Option<i64>,
}

/// A prediction with the resolution now in force (the latest), if any.
#[derive(Debug, Clone, PartialEq)]
pub struct PredictionRecord {
    /// The prediction.
    pub prediction: Prediction,
    /// Its latest resolution.
    pub resolution: Option<Resolution>,
}

/// One wording of a prediction's testable proposition. Version 1 is the wording the
/// prediction was harvested or entered with; each edit adds the next.
#[derive(Debug, Clone, PartialEq)]
pub struct PropositionVersion {
    /// 1, 2, ...
    pub number: i64,
    /// The wording.
    pub text: String,
    /// When it came into force.
    pub created_at: DateTime<Utc>,
    /// Who wrote it, as named at the time.
    pub author: String,
    /// Why it was changed.
    pub reason: String,
}
