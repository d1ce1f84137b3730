//! The predictions ledger in the API: a situation's predictions (`GET
//! /api/v1/situations/{slug}/predictions`), one prediction with its proposition versions,
//! resolution history and suggested evidence (`GET /api/v1/predictions/{id}`), resolving it
//! (`POST /api/v1/predictions/{id}/resolutions`), editing it (`PATCH
//! /api/v1/predictions/{id}`), entering one by hand on a claim (`POST
//! /api/v1/claims/{id}/predictions`), and a forecaster's track record (`GET
//! /api/v1/forecasters/{actor_id}`). Writes need an analyst.

use super::actors::ActorRefBody;
use super::time::WhenBody;
use crate::app::predictions::{
    self, ForecasterRecord, LedgerEntry, LedgerFilter, ManualPrediction, PredictionDetail,
    PredictionEdit, ResolutionInput,
};
use crate::domain::{
    ActorId, ClaimId, Outcome, PredictionId, PredictionStatus, Probability, ProbabilityOrigin,
    PropositionVersion, Resolution, ResolutionId, SourceId,
};
use crate::forecast::scoring::{HedgeCalibration, MeanWithInterval, ReliabilityBin};
use crate::http::auth::{Analyst, CurrentUser};
use crate::http::{AppError, AppJson, AppPath, AppQuery, AppState, ErrorBody};
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// How the interval of a mean Brier score is computed, as the API states it.
pub const INTERVAL_METHOD: &str =
    "normal approximation: mean +/- 1.96 standard errors, clamped to [0, 1]";

/// Routes of this resource.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_predictions))
        .routes(routes!(get_prediction, edit_prediction))
        .routes(routes!(resolve_prediction))
        .routes(routes!(enter_prediction))
        .routes(routes!(get_forecaster))
}

/// Which predictions to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PredictionsQuery {
    /// Only this forecaster's (an actor id).
    pub forecaster: Option<ActorId>,
    /// Only those whose claim involves this actor, or whose forecaster it is.
    pub actor: Option<ActorId>,
    /// Only those in this status: draft, open, due, resolved, withdrawn or unscorable.
    pub status: Option<PredictionStatus>,
}

/// The claim whose words make a prediction.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuoteBody {
    /// The claim's id.
    pub claim_id: ClaimId,
    /// Its words, verbatim.
    pub text: String,
    /// The source it was read from.
    pub source_id: SourceId,
    /// Where the hedge words sit in `text` (byte offsets), when found.
    pub hedge_start: Option<usize>,
    /// One past the hedge's last byte.
    pub hedge_end: Option<usize>,
}

/// The scores of one resolved forecast.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScoreBody {
    /// The probability scored.
    pub probability: f64,
    /// Whether it came true.
    pub happened: bool,
    /// Brier score `(p - o)^2`: 0 is perfect.
    pub brier: f64,
    /// Log score `ln p(outcome)`, p clamped to [0.01, 0.99]: 0 is perfect.
    pub log: f64,
}

/// A resolution.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResolutionBody {
    /// Its id.
    pub id: ResolutionId,
    /// Yes, no, ambiguous or annulled.
    pub outcome: Outcome,
    /// When the outcome occurred.
    pub occurred_on: Option<NaiveDate>,
    /// When it was decided.
    pub decided_at: DateTime<Utc>,
    /// Who decided.
    pub decided_by: String,
    /// Why.
    pub rationale: String,
    /// The claims cited as evidence.
    pub evidence: Vec<ClaimId>,
    /// The proposition version it was judged against.
    pub proposition_version: Option<i64>,
}

impl From<&Resolution> for ResolutionBody {
    fn from(r: &Resolution) -> Self {
        ResolutionBody {
            id: r.id,
            outcome: r.outcome,
            occurred_on: r.occurred_on,
            decided_at: r.decided_at,
            decided_by: r.decided_by.clone(),
            rationale: r.rationale.clone(),
            evidence: r.evidence.clone(),
            proposition_version: r.proposition_version,
        }
    }
}

/// A prediction as the ledger lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PredictionBody {
    /// Its id.
    pub id: PredictionId,
    /// Draft, open, due, resolved, withdrawn or unscorable, as of today.
    pub status: PredictionStatus,
    /// The words that make it.
    pub quote: QuoteBody,
    /// Who made it.
    pub forecaster: Option<ActorRefBody>,
    /// The day it was made.
    pub made_on: Option<NaiveDate>,
    /// The testable proposition now in force.
    pub proposition: String,
    /// The hedge words.
    pub hedge: Option<String>,
    /// The probability that the proposition comes true.
    pub probability: Option<Probability>,
    /// "about 40% (25-50)".
    pub probability_label: Option<String>,
    /// Lexicon, explicit (a number in the text) or analyst.
    pub probability_origin: Option<ProbabilityOrigin>,
    /// The hedge lexicon's version the probability was read with.
    pub lexicon_version: String,
    /// When it falls due.
    pub due: Option<WhenBody>,
    /// Whether the due time was inferred rather than stated.
    pub due_inferred: bool,
    /// Whether an analyst entered it by hand.
    pub entered_by_hand: bool,
    /// The resolution in force.
    pub resolution: Option<ResolutionBody>,
    /// Its score, once resolved yes or no.
    pub score: Option<ScoreBody>,
    /// Its edit version; an edit must name it.
    pub version: i64,
}

/// Where `hedge` stands in `text`, as whole words, ignoring case.
pub fn hedge_span(text: &str, hedge: &str) -> Option<(usize, usize)> {
    let hedge = hedge.trim();
    if hedge.is_empty() {
        return None;
    }
    let lower = text.to_lowercase();
    let wanted = hedge.to_lowercase();
    // Lowercasing can change byte lengths outside ASCII; offsets are only trusted when not.
    if lower.len() != text.len() {
        return text.find(hedge).map(|at| (at, at + hedge.len()));
    }
    let mut from = 0;
    while let Some(found) = lower[from..].find(&wanted) {
        let start = from + found;
        let end = start + wanted.len();
        let before = lower[..start].chars().next_back();
        let after = lower[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some((start, end));
        }
        from = end;
    }
    None
}

impl From<&LedgerEntry> for PredictionBody {
    fn from(entry: &LedgerEntry) -> Self {
        let p = &entry.record.prediction;
        let hedge = p
            .hedge
            .as_deref()
            .and_then(|h| hedge_span(&entry.claim.text, h));
        PredictionBody {
            id: p.id,
            status: entry.status,
            quote: QuoteBody {
                claim_id: entry.claim.id,
                text: entry.claim.text.clone(),
                source_id: entry.claim.source.id,
                hedge_start: hedge.map(|h| h.0),
                hedge_end: hedge.map(|h| h.1),
            },
            forecaster: p
                .forecaster
                .zip(entry.forecaster_name.clone())
                .map(|(id, name)| ActorRefBody { id, name }),
            made_on: p.made_on,
            proposition: p.proposition.clone(),
            hedge: p.hedge.clone(),
            probability: p.probability,
            probability_label: p.probability.map(|pr| pr.describe()),
            probability_origin: p.probability_origin,
            lexicon_version: p.lexicon_version.clone(),
            due: p.due.as_ref().map(WhenBody::from),
            due_inferred: p.due_inferred,
            entered_by_hand: p.entered_by_hand,
            resolution: entry.record.resolution.as_ref().map(ResolutionBody::from),
            score: entry.score.map(|s| ScoreBody {
                probability: s.probability,
                happened: s.happened,
                brier: s.brier,
                log: s.log,
            }),
            version: p.version,
        }
    }
}

/// A situation's predictions.
#[derive(Debug, Serialize, ToSchema)]
pub struct PredictionListBody {
    /// The situation's slug.
    pub situation: String,
    /// The predictions, in id order.
    pub predictions: Vec<PredictionBody>,
}

/// Lists a situation's predictions, filtered by forecaster, actor or status.
#[utoipa::path(
    get,
    path = "/situations/{slug}/predictions",
    tag = "predictions",
    params(
        ("slug" = String, Path, description = "The situation's slug", example = "kazakhstan-2022"),
        PredictionsQuery,
    ),
    responses(
        (status = 200, description = "The situation's predictions", body = PredictionListBody),
        (status = 400, description = "A filter that cannot be read", body = ErrorBody),
        (status = 404, description = "No situation has this slug", body = ErrorBody),
    )
)]
async fn list_predictions(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    AppPath(slug): AppPath<String>,
    AppQuery(query): AppQuery<PredictionsQuery>,
) -> Result<AppJson<PredictionListBody>, AppError> {
    let ledger = predictions::situation_ledger(
        &state.db,
        &slug,
        user.as_ref(),
        LedgerFilter {
            forecaster: query.forecaster,
            actor: query.actor,
            status: query.status,
        },
    )
    .await?;
    Ok(AppJson(PredictionListBody {
        situation: ledger.situation.slug,
        predictions: ledger.entries.iter().map(PredictionBody::from).collect(),
    }))
}

/// One wording of a proposition.
#[derive(Debug, Serialize, ToSchema)]
pub struct PropositionBody {
    /// 1, 2, ...
    pub number: i64,
    /// The wording.
    pub text: String,
    /// When it came into force.
    pub created_at: DateTime<Utc>,
    /// Who wrote it.
    pub author: String,
    /// Why.
    pub reason: String,
}

impl From<&PropositionVersion> for PropositionBody {
    fn from(v: &PropositionVersion) -> Self {
        PropositionBody {
            number: v.number,
            text: v.text.clone(),
            created_at: v.created_at,
            author: v.author.clone(),
            reason: v.reason.clone(),
        }
    }
}

/// A later claim that may settle a prediction.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionBody {
    /// The claim.
    pub claim_id: ClaimId,
    /// Its words.
    pub text: String,
    /// Its rank score: three per shared actor, one per shared word.
    pub score: usize,
    /// The actors it shares with the prediction.
    pub shared_actors: Vec<String>,
    /// The words it shares with the proposition.
    pub shared_words: Vec<String>,
}

/// One prediction with everything known about it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PredictionDetailBody {
    /// The situation's slug.
    pub situation: String,
    /// The prediction.
    pub prediction: PredictionBody,
    /// The proposition's versions, oldest first.
    pub propositions: Vec<PropositionBody>,
    /// Every resolution, oldest first; the last is in force.
    pub resolutions: Vec<ResolutionBody>,
    /// Later claims that share its actors and words, best first (open and due predictions).
    pub suggested_evidence: Vec<SuggestionBody>,
}

impl From<&PredictionDetail> for PredictionDetailBody {
    fn from(detail: &PredictionDetail) -> Self {
        PredictionDetailBody {
            situation: detail.situation.slug.clone(),
            prediction: PredictionBody::from(&detail.entry),
            propositions: detail.versions.iter().map(PropositionBody::from).collect(),
            resolutions: detail
                .resolutions
                .iter()
                .map(|r| ResolutionBody::from(&r.resolution))
                .collect(),
            suggested_evidence: detail
                .suggestions
                .iter()
                .map(|s| SuggestionBody {
                    claim_id: s.claim.id,
                    text: s.claim.text.clone(),
                    score: s.score,
                    shared_actors: s.shared_actors.clone(),
                    shared_words: s.shared_words.clone(),
                })
                .collect(),
        }
    }
}

/// One prediction with its proposition versions, resolutions and suggested evidence.
#[utoipa::path(
    get,
    path = "/predictions/{id}",
    tag = "predictions",
    params(("id" = i64, Path, description = "The prediction's id")),
    responses(
        (status = 200, description = "The prediction", body = PredictionDetailBody),
        (status = 404, description = "No prediction has this id (or its claim is not published)", body = ErrorBody),
    )
)]
async fn get_prediction(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    AppPath(id): AppPath<PredictionId>,
) -> Result<AppJson<PredictionDetailBody>, AppError> {
    let detail = predictions::prediction_detail(&state.db, id, user.as_ref()).await?;
    Ok(AppJson(PredictionDetailBody::from(&detail)))
}

/// A resolution to append.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewResolutionBody {
    /// Yes, no, ambiguous (facts unclear; re-check later) or annulled (the question broke).
    pub outcome: Outcome,
    /// When the outcome occurred; before the prediction was made, it is recorded as annulled.
    pub occurred_on: Option<NaiveDate>,
    /// Why (required).
    pub rationale: String,
    /// Claims of the same situation that show it.
    #[serde(default)]
    pub evidence: Vec<ClaimId>,
}

/// Resolves a prediction: appends a resolution that supersedes any earlier one (kept in the
/// history); scores are recomputed from it.
#[utoipa::path(
    post,
    path = "/predictions/{id}/resolutions",
    tag = "predictions",
    params(("id" = i64, Path, description = "The prediction's id")),
    request_body = NewResolutionBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The resolution now in force", body = ResolutionBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No prediction has this id", body = ErrorBody),
        (status = 422, description = "No rationale, or evidence that is missing or from another situation", body = ErrorBody),
    )
)]
async fn resolve_prediction(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(id): AppPath<PredictionId>,
    AppJson(body): AppJson<NewResolutionBody>,
) -> Result<(StatusCode, AppJson<ResolutionBody>), AppError> {
    let resolution = predictions::resolve_prediction(
        &state.db,
        &user,
        id,
        ResolutionInput {
            outcome: body.outcome,
            occurred_on: body.occurred_on,
            rationale: &body.rationale,
            evidence: &body.evidence,
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        AppJson(ResolutionBody::from(&resolution)),
    ))
}

/// A probability given by an analyst.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProbabilityInput {
    /// The point estimate, 0 to 1.
    pub point: f64,
    /// The low end; the point when absent.
    pub low: Option<f64>,
    /// The high end; the point when absent.
    pub high: Option<f64>,
}

impl ProbabilityInput {
    fn checked(self) -> Result<Probability, AppError> {
        Probability::new(
            self.point,
            self.low.unwrap_or(self.point),
            self.high.unwrap_or(self.point),
        )
        .map_err(|e| AppError::Unprocessable(e.to_string()))
    }
}

/// An edit of a prediction; absent fields are left as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PredictionPatchBody {
    /// The edit version it was read at.
    pub version: i64,
    /// A new wording of the proposition (kept as a new version).
    pub proposition: Option<String>,
    /// A probability of the analyst's judgement.
    pub probability: Option<ProbabilityInput>,
    /// A stated due day.
    pub due: Option<NaiveDate>,
    /// Another forecaster (an actor of the same situation).
    pub forecaster: Option<ActorId>,
    /// Draft, open, withdrawn or unscorable.
    pub status: Option<PredictionStatus>,
    /// Why (required).
    pub reason: String,
}

/// Edits a prediction, from the version it was read at.
#[utoipa::path(
    patch,
    path = "/predictions/{id}",
    tag = "predictions",
    params(("id" = i64, Path, description = "The prediction's id")),
    request_body = PredictionPatchBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The prediction as it now is", body = PredictionDetailBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No prediction has this id", body = ErrorBody),
        (status = 409, description = "It changed since that version", body = ErrorBody),
        (status = 422, description = "A field that cannot be used, or no reason", body = ErrorBody),
    )
)]
async fn edit_prediction(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(id): AppPath<PredictionId>,
    AppJson(body): AppJson<PredictionPatchBody>,
) -> Result<AppJson<PredictionDetailBody>, AppError> {
    let edit = PredictionEdit {
        version: body.version,
        proposition: body.proposition,
        probability: body
            .probability
            .map(ProbabilityInput::checked)
            .transpose()?,
        due: body.due,
        forecaster: body.forecaster,
        status: body.status,
        reason: body.reason,
    };
    predictions::edit_prediction(&state.db, &user, id, &edit).await?;
    let detail = predictions::prediction_detail(&state.db, id, Some(&user)).await?;
    Ok(AppJson(PredictionDetailBody::from(&detail)))
}

/// A prediction entered by hand on a claim.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPredictionBody {
    /// What is forecast, as a testable proposition.
    pub proposition: String,
    /// The hedge words; read from the claim when absent.
    pub hedge: Option<String>,
    /// A probability of the analyst's judgement; from the hedge when absent.
    pub probability: Option<ProbabilityInput>,
    /// The due day, when stated.
    pub due: Option<NaiveDate>,
    /// The forecaster; the claim's speaker, else the source's publisher or author.
    pub forecaster: Option<ActorId>,
    /// Why (required).
    pub reason: String,
}

/// Enters a prediction by hand on a claim whose words make it.
#[utoipa::path(
    post,
    path = "/claims/{id}/predictions",
    tag = "predictions",
    params(("id" = i64, Path, description = "The claim's id")),
    request_body = NewPredictionBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new prediction", body = PredictionDetailBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No claim has this id", body = ErrorBody),
        (status = 409, description = "The claim already makes a prediction", body = ErrorBody),
        (status = 422, description = "No proposition or reason, or a bad probability", body = ErrorBody),
    )
)]
async fn enter_prediction(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(id): AppPath<ClaimId>,
    AppJson(body): AppJson<NewPredictionBody>,
) -> Result<(StatusCode, AppJson<PredictionDetailBody>), AppError> {
    let manual = ManualPrediction {
        proposition: body.proposition,
        hedge: body.hedge,
        probability: body
            .probability
            .map(ProbabilityInput::checked)
            .transpose()?,
        due: body.due,
        forecaster: body.forecaster,
        reason: body.reason,
    };
    let prediction = predictions::enter_prediction(&state.db, &user, id, &manual).await?;
    let detail = predictions::prediction_detail(&state.db, prediction.id, Some(&user)).await?;
    Ok((
        StatusCode::CREATED,
        AppJson(PredictionDetailBody::from(&detail)),
    ))
}

/// A mean with its 95% interval.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntervalBody {
    /// The mean.
    pub mean: f64,
    /// The interval's low end (`null` with one forecast).
    pub low: Option<f64>,
    /// The interval's high end.
    pub high: Option<f64>,
    /// How many forecasts.
    pub n: usize,
    /// How the interval is computed.
    pub method: String,
}

impl From<MeanWithInterval> for IntervalBody {
    fn from(m: MeanWithInterval) -> Self {
        IntervalBody {
            mean: m.mean,
            low: m.low,
            high: m.high,
            n: m.n,
            method: INTERVAL_METHOD.to_string(),
        }
    }
}

/// One bin of the reliability diagram.
#[derive(Debug, Serialize, ToSchema)]
pub struct BinBody {
    /// Lowest probability in the bin.
    pub from: f64,
    /// Highest (exclusive, except the last bin).
    pub to: f64,
    /// How many forecasts.
    pub count: usize,
    /// How many came true.
    pub happened: usize,
    /// Their mean stated probability.
    pub mean_probability: Option<f64>,
    /// The share that came true.
    pub observed: Option<f64>,
}

impl From<&ReliabilityBin> for BinBody {
    fn from(b: &ReliabilityBin) -> Self {
        BinBody {
            from: b.from,
            to: b.to,
            count: b.count,
            happened: b.happened,
            mean_probability: b.mean_probability,
            observed: b.observed(),
        }
    }
}

/// How often one hedge word's forecasts came true.
#[derive(Debug, Serialize, ToSchema)]
pub struct HedgeBody {
    /// The hedge words.
    pub hedge: String,
    /// Resolved forecasts with it.
    pub count: usize,
    /// How many came true.
    pub happened: usize,
    /// Their mean stated probability.
    pub mean_probability: f64,
    /// too_few, small or enough.
    pub sample: String,
    /// "when this source writes 'might', it happened 2 of 9 times".
    pub sentence: String,
}

impl From<&HedgeCalibration> for HedgeBody {
    fn from(h: &HedgeCalibration) -> Self {
        HedgeBody {
            hedge: h.hedge.clone(),
            count: h.count,
            happened: h.happened,
            mean_probability: h.mean_probability,
            sample: h.label.as_str().to_string(),
            sentence: h.sentence(),
        }
    }
}

/// How many predictions are in each status.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusCountsBody {
    /// All.
    pub total: usize,
    /// Drafts.
    pub draft: usize,
    /// Open.
    pub open: usize,
    /// Due.
    pub due: usize,
    /// Resolved.
    pub resolved: usize,
    /// Withdrawn.
    pub withdrawn: usize,
    /// Too vague to test.
    pub unscorable: usize,
}

/// A forecaster's track record.
#[derive(Debug, Serialize, ToSchema)]
pub struct ForecasterBody {
    /// The forecaster.
    pub actor: ActorRefBody,
    /// The situation's slug.
    pub situation: String,
    /// Predictions per status.
    pub counts: StatusCountsBody,
    /// Resolved as a share of those that could be (all but drafts and withdrawn).
    pub resolved_share: Option<f64>,
    /// How many were scored (resolved yes or no, with a probability).
    pub scored: usize,
    /// too_few (under 10), small (under 30) or enough.
    pub sample: String,
    /// "too few to rank", "small sample" or "enough to compare".
    pub sample_label: String,
    /// Mean Brier score with its interval.
    pub mean_brier: Option<IntervalBody>,
    /// Mean log score.
    pub mean_log_score: Option<f64>,
    /// Skill against always saying 50%: `1 - Brier / 0.25`.
    pub skill_vs_coin_flip: Option<f64>,
    /// The reliability diagram, ten bins.
    pub reliability: Vec<BinBody>,
    /// Calibration per hedge word.
    pub hedge_words: Vec<HedgeBody>,
    /// The predictions.
    pub predictions: Vec<PredictionBody>,
}

impl From<&ForecasterRecord> for ForecasterBody {
    fn from(record: &ForecasterRecord) -> Self {
        let c = record.counts;
        let s = &record.scores;
        ForecasterBody {
            actor: ActorRefBody {
                id: record.actor.id,
                name: record.actor.name.clone(),
            },
            situation: record.situation.slug.clone(),
            counts: StatusCountsBody {
                total: c.total,
                draft: c.draft,
                open: c.open,
                due: c.due,
                resolved: c.resolved,
                withdrawn: c.withdrawn,
                unscorable: c.unscorable,
            },
            resolved_share: c.resolved_share(),
            scored: s.scored,
            sample: s.label.as_str().to_string(),
            sample_label: s.label.describe().to_string(),
            mean_brier: s.mean_brier.map(IntervalBody::from),
            mean_log_score: s.mean_log_score,
            skill_vs_coin_flip: s.skill_vs_coin_flip,
            reliability: s.bins.iter().map(BinBody::from).collect(),
            hedge_words: s.hedges.iter().map(HedgeBody::from).collect(),
            predictions: record.entries.iter().map(PredictionBody::from).collect(),
        }
    }
}

/// A forecaster's track record: counts, scores, reliability and per-hedge calibration.
#[utoipa::path(
    get,
    path = "/forecasters/{actor_id}",
    tag = "predictions",
    params(("actor_id" = i64, Path, description = "The forecaster's actor id")),
    responses(
        (status = 200, description = "The track record", body = ForecasterBody),
        (status = 404, description = "No actor has this id", body = ErrorBody),
    )
)]
async fn get_forecaster(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    AppPath(actor_id): AppPath<ActorId>,
) -> Result<AppJson<ForecasterBody>, AppError> {
    let record = predictions::forecaster_record(&state.db, actor_id, user.as_ref()).await?;
    Ok(AppJson(ForecasterBody::from(&record)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hedges_are_found_as_whole_words_in_any_case() {
        let text = "Once calm returns, Russia Might keep adding troops.";
        assert_eq!(hedge_span(text, "might"), Some((26, 31)));
        assert_eq!(
            hedge_span("The mighty army might move.", "might"),
            Some((16, 21))
        );
        assert_eq!(hedge_span("Nothing hedged here.", "might"), None);
        assert_eq!(hedge_span("anything", ""), None);
    }
}
