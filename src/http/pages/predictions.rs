//! The predictions ledger's pages: a situation's predictions (`GET
//! /situations/{slug}/predictions`, with filters, and its CSV twin), one prediction (`GET
//! /predictions/{id}`), a forecaster's track record (`GET /forecasters/{actor_id}`), and the
//! analyst's forms: resolve, resolve with one suggested claim ("supports" / "refutes"), edit,
//! and enter a prediction by hand.

use super::claims::{SituationTab, claim_source_href, situation_header};
use super::format::{day_label, timestamp_label, when_label};
use crate::app::predictions::{
    self, ForecasterRecord, LedgerEntry, LedgerFilter, ManualPrediction, PredictionDetail,
    PredictionEdit, ResolutionInput, SituationLedger,
};
use crate::domain::{
    ActorId, ClaimId, Outcome, PredictionId, PredictionStatus, Probability, ProbabilityOrigin, When,
};
use crate::forecast::scoring::SampleLabel;
use crate::http::auth::{Analyst, CsrfForm, PageVisit};
use crate::http::limits::Expensive;
use crate::http::{AppError, AppState, PageError, PagePath, PageQuery};
use crate::storage::{self, ClaimRow};
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use maud::Markup;
use serde::Deserialize;
use sitrep_templates::ledger::{
    AxisMarkView, AxisView, BinView, ChoiceView, DiffPiece, EvidenceView, FigureView,
    ForecasterPageView, HedgeRowView, ManualEntryView, PredictionFormsView, PredictionGroupView,
    PredictionListView, PredictionPageView, PredictionRowView, QuoteView, ResolutionView,
    VersionView,
};
use sitrep_templates::view::LinkView;

/// A prediction's page.
pub fn prediction_href(id: PredictionId) -> String {
    format!("/predictions/{id}")
}

/// A forecaster's track record page.
pub fn forecaster_href(id: ActorId) -> String {
    format!("/forecasters/{id}")
}

fn predictions_href(slug: &str) -> String {
    format!("/situations/{slug}/predictions")
}

/// "might, about 40% (25-50)"; the number alone without a hedge; the hedge and a note without
/// a number.
pub fn hedge_label(hedge: Option<&str>, probability: Option<Probability>) -> Option<String> {
    let hedge = hedge.map(str::trim).filter(|h| !h.is_empty());
    match (hedge, probability) {
        (Some(h), Some(p)) => Some(format!("{h}, {}", p.describe())),
        (None, Some(p)) => Some(p.describe()),
        (Some(h), None) => Some(format!("{h}, no number: needs an analyst's judgement")),
        (None, None) => None,
    }
}

fn origin_label(origin: Option<ProbabilityOrigin>, lexicon_version: &str) -> Option<String> {
    Some(match origin? {
        ProbabilityOrigin::Lexicon => format!("from the hedge lexicon {lexicon_version}"),
        ProbabilityOrigin::Explicit => "a number written in the text".to_string(),
        ProbabilityOrigin::Analyst => "an analyst's judgement".to_string(),
    })
}

fn quote_view(text: &str, hedge: Option<&str>) -> QuoteView {
    match hedge.and_then(|h| crate::http::api::predictions::hedge_span(text, h)) {
        Some((start, end)) => QuoteView {
            before: text[..start].to_string(),
            hedge: text[start..end].to_string(),
            after: text[end..].to_string(),
        },
        None => QuoteView {
            before: text.to_string(),
            ..QuoteView::default()
        },
    }
}

fn due_label(due: Option<&When>, inferred: bool) -> Option<String> {
    due.map(|d| {
        if inferred {
            format!("{} (inferred)", when_label(d))
        } else {
            when_label(d)
        }
    })
}

fn score_label(entry: &LedgerEntry) -> Option<String> {
    entry
        .score
        .map(|s| format!("Brier {:.3} · log {:.2}", s.brier, s.log))
}

fn row_view(entry: &LedgerEntry) -> PredictionRowView {
    let p = &entry.record.prediction;
    PredictionRowView {
        href: prediction_href(p.id),
        quote: quote_view(&entry.claim.text, p.hedge.as_deref()),
        hedge_label: hedge_label(p.hedge.as_deref(), p.probability),
        status: entry.status.as_str().to_string(),
        forecaster: p
            .forecaster
            .zip(entry.forecaster_name.clone())
            .map(|(id, name)| LinkView {
                label: name,
                href: forecaster_href(id),
            }),
        made_on: p.made_on.map(|d| format!("made {}", day_label(d))),
        due: due_label(p.due.as_ref(), p.due_inferred).map(|d| format!("due {d}")),
        outcome: entry
            .record
            .resolution
            .as_ref()
            .map(|r| r.outcome.as_str().to_string()),
        score: score_label(entry),
    }
}

fn choice(value: impl ToString, label: impl Into<String>, selected: bool) -> ChoiceView {
    ChoiceView {
        value: value.to_string(),
        label: label.into(),
        selected,
    }
}

/// The filters of the predictions page; empty fields mean "any".
#[derive(Debug, Deserialize, Default)]
pub struct LedgerQuery {
    /// A forecaster's actor id.
    #[serde(default)]
    pub forecaster: String,
    /// An actor's id.
    #[serde(default)]
    pub actor: String,
}

fn optional_id(text: &str, what: &str) -> Result<Option<ActorId>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i64>()
        .map(|n| Some(ActorId::new(n)))
        .map_err(|_| AppError::BadRequest(format!("{what} must be an actor id, not {text:?}")))
}

const GROUPS: &[(PredictionStatus, &str)] = &[
    (PredictionStatus::Due, "Due, awaiting resolution"),
    (PredictionStatus::Open, "Open"),
    (PredictionStatus::Resolved, "Resolved"),
    (PredictionStatus::Draft, "Drafts awaiting review"),
    (PredictionStatus::Withdrawn, "Withdrawn"),
    (
        PredictionStatus::Unscorable,
        "Unscorable (too vague to test)",
    ),
];

/// `GET /situations/{slug}/predictions`.
pub async fn show_predictions(
    State(state): State<AppState>,
    visit: PageVisit,
    PagePath(slug): PagePath<String>,
    PageQuery(query): PageQuery<LedgerQuery>,
) -> Result<Markup, PageError> {
    let filter = LedgerFilter {
        forecaster: optional_id(&query.forecaster, "forecaster")?,
        actor: optional_id(&query.actor, "actor")?,
        status: None,
    };
    let ledger =
        predictions::situation_ledger(&state.db, &slug, visit.user.as_ref(), filter).await?;
    let context = visit.context();
    let manual = if context.is_analyst() {
        Some(manual_entry(&state, &ledger).await?)
    } else {
        None
    };
    let mut forecasters = vec![choice("", "Any forecaster", filter.forecaster.is_none())];
    forecasters.extend(
        ledger
            .forecasters
            .iter()
            .map(|(id, name)| choice(id, name.clone(), filter.forecaster == Some(*id))),
    );
    let mut actors = vec![choice("", "Any actor", filter.actor.is_none())];
    actors.extend(
        ledger
            .actors
            .iter()
            .map(|(id, name)| choice(id, name.clone(), filter.actor == Some(*id))),
    );
    let groups = GROUPS
        .iter()
        .map(|(status, heading)| PredictionGroupView {
            heading: heading.to_string(),
            id: format!("status-{status}"),
            rows: ledger
                .entries
                .iter()
                .filter(|e| e.status == *status)
                .map(row_view)
                .collect(),
        })
        .collect();
    let view = PredictionListView {
        header: situation_header(&ledger.situation, SituationTab::Predictions),
        action: predictions_href(&ledger.situation.slug),
        forecasters,
        actors,
        groups,
        csv_href: format!("{}.csv", predictions_href(&ledger.situation.slug)),
        manual,
    };
    Ok(sitrep_templates::ledger::predictions_page(&context, &view))
}

async fn manual_entry(
    state: &AppState,
    ledger: &SituationLedger,
) -> Result<ManualEntryView, PageError> {
    let taken: std::collections::HashSet<ClaimId> =
        storage::predictions_of(&state.db, ledger.situation.id)
            .await?
            .iter()
            .map(|r| r.prediction.claim)
            .collect();
    let claims = storage::claims_of_situation(
        &state.db,
        ledger.situation.id,
        storage::Visibility::Unrejected,
    )
    .await?;
    Ok(ManualEntryView {
        claims: claims
            .into_iter()
            .filter(|c| !taken.contains(&c.id))
            .map(|c| {
                let mut label: String = c.text.chars().take(90).collect();
                if c.text.chars().count() > 90 {
                    label.push('\u{2026}');
                }
                choice(c.id, format!("{}: {label}", c.id), false)
            })
            .collect(),
    })
}

/// A word diff of `after` against `before` (longest common subsequence of words).
pub fn word_diff(before: &str, after: &str) -> Vec<DiffPiece> {
    let a: Vec<&str> = before.split_whitespace().collect();
    let b: Vec<&str> = after.split_whitespace().collect();
    // Long propositions are not worth a quadratic table: show them whole.
    if a.len() * b.len() > 40_000 {
        return vec![
            DiffPiece::Removed(a.join(" ")),
            DiffPiece::Added(b.join(" ")),
        ];
    }
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut pieces: Vec<DiffPiece> = Vec::new();
    let mut push = |piece: DiffPiece| {
        let merged = match (pieces.last_mut(), &piece) {
            (Some(DiffPiece::Same(s)), DiffPiece::Same(w))
            | (Some(DiffPiece::Added(s)), DiffPiece::Added(w))
            | (Some(DiffPiece::Removed(s)), DiffPiece::Removed(w)) => {
                s.push(' ');
                s.push_str(w);
                true
            }
            _ => false,
        };
        if !merged {
            pieces.push(piece);
        }
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            push(DiffPiece::Same(a[i].to_string()));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            push(DiffPiece::Added(b[j].to_string()));
            j += 1;
        } else {
            push(DiffPiece::Removed(a[i].to_string()));
            i += 1;
        }
    }
    pieces
}

fn claim_date(claim: &ClaimRow) -> Option<NaiveDate> {
    claim
        .occurred
        .as_ref()
        .and_then(When::earliest)
        .or_else(|| claim.reported.as_ref().and_then(When::earliest))
        .map(|t| t.date())
}

fn evidence_view(claim: &ClaimRow, why: Option<String>) -> EvidenceView {
    EvidenceView {
        claim_id: claim.id.get(),
        text: claim.text.clone(),
        date: claim_date(claim).map(day_label),
        href: claim_source_href(claim.source.id, claim.id),
        why,
    }
}

/// The axis from made_on to the due date (stretched to the last mark when one is later).
fn axis_view(detail: &PredictionDetail) -> Option<AxisView> {
    let p = &detail.entry.record.prediction;
    let start = p.made_on?;
    let due = p.due.as_ref().and_then(predictions::due_day)?;
    let mut marks: Vec<(NaiveDate, String, String)> = Vec::new();
    if let Some(in_force) = detail.resolutions.iter().find(|r| r.in_force) {
        for claim in &in_force.evidence {
            if let Some(day) = claim_date(claim) {
                marks.push((day, "evidence".into(), format!("claim {}", claim.id)));
            }
        }
        if let Some(day) = in_force.resolution.occurred_on {
            marks.push((
                day,
                "outcome".into(),
                format!("outcome: {}", in_force.resolution.outcome),
            ));
        }
    }
    for s in &detail.suggestions {
        if let Some(day) = claim_date(&s.claim) {
            marks.push((
                day,
                "suggested".into(),
                format!("suggested claim {}", s.claim.id),
            ));
        }
    }
    let end = marks.iter().map(|m| m.0).chain([due]).max()?;
    let span = (end - start).num_days().max(1);
    let at = |day: NaiveDate| {
        let offset = (day - start).num_days().clamp(0, span);
        u32::try_from(offset * 1000 / span).unwrap_or(0)
    };
    // One date label per place on the axis.
    marks.sort();
    let mut labelled = std::collections::HashSet::new();
    Some(AxisView {
        start: day_label(start),
        end: day_label(end),
        due: day_label(due),
        due_at: at(due),
        marks: marks
            .into_iter()
            .map(|(day, kind, label)| AxisMarkView {
                at: at(day),
                kind,
                date: if labelled.insert(day) {
                    day.format("%-d %b").to_string()
                } else {
                    String::new()
                },
                label,
            })
            .collect(),
    })
}

fn percent(x: f64) -> String {
    format!("{:.0}", x * 100.0)
}

fn page_view(detail: &PredictionDetail, analyst: bool) -> PredictionPageView {
    let entry = &detail.entry;
    let p = &entry.record.prediction;
    let judged = entry
        .record
        .resolution
        .as_ref()
        .and_then(|r| r.proposition_version);
    let mut previous: Option<&str> = None;
    let versions = detail
        .versions
        .iter()
        .map(|v| {
            let diff = match previous {
                Some(before) => word_diff(before, &v.text),
                None => vec![DiffPiece::Same(v.text.clone())],
            };
            previous = Some(&v.text);
            VersionView {
                number: v.number,
                diff,
                byline: format!(
                    "{}, {}: {}",
                    v.author,
                    timestamp_label(v.created_at),
                    v.reason
                ),
                judged: judged == Some(v.number),
            }
        })
        .collect();
    let resolutions = detail
        .resolutions
        .iter()
        .rev()
        .map(|r| ResolutionView {
            outcome: r.resolution.outcome.as_str().to_string(),
            occurred: r
                .resolution
                .occurred_on
                .map(|d| format!("occurred {}", day_label(d))),
            byline: format!(
                "decided by {}, {}",
                r.resolution.decided_by,
                timestamp_label(r.resolution.decided_at)
            ),
            rationale: r.resolution.rationale.clone(),
            version: r.resolution.proposition_version,
            evidence: r.evidence.iter().map(|c| evidence_view(c, None)).collect(),
            in_force: r.in_force,
        })
        .collect();
    let score = match (&entry.record.resolution, entry.score) {
        (_, Some(_)) => score_label(entry),
        (Some(r), None) if matches!(r.outcome, Outcome::Annulled | Outcome::Ambiguous) => {
            Some(format!("not scored: resolved {}", r.outcome))
        }
        (Some(_), None) => Some("not scored: no probability".to_string()),
        (None, None) => None,
    };
    let forms = analyst.then(|| {
        let mut forecasters = vec![choice("", "(keep)", false)];
        forecasters.extend(
            detail
                .actors
                .iter()
                .map(|(id, name)| choice(id, name.clone(), p.forecaster == Some(*id))),
        );
        let statuses = [
            PredictionStatus::Draft,
            PredictionStatus::Open,
            PredictionStatus::Withdrawn,
            PredictionStatus::Unscorable,
        ]
        .iter()
        .map(|s| choice(s, s.as_str(), p.status == *s))
        .collect();
        PredictionFormsView {
            version: p.version,
            proposition: p.proposition.clone(),
            percent: p.probability.map_or_else(
                || (String::new(), String::new(), String::new()),
                |pr| (percent(pr.point), percent(pr.low), percent(pr.high)),
            ),
            due: p
                .due
                .as_ref()
                .and_then(predictions::due_day)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            forecasters,
            statuses,
        }
    });
    PredictionPageView {
        header: situation_header(&detail.situation, SituationTab::Predictions),
        back: LinkView {
            label: "All predictions".to_string(),
            href: predictions_href(&detail.situation.slug),
        },
        id: p.id.get(),
        status: entry.status.as_str().to_string(),
        quote: quote_view(&entry.claim.text, p.hedge.as_deref()),
        hedge_label: hedge_label(p.hedge.as_deref(), p.probability),
        origin: origin_label(p.probability_origin, &p.lexicon_version),
        source: LinkView {
            label: format!(
                "In its source: {}",
                entry
                    .claim
                    .source
                    .title
                    .clone()
                    .unwrap_or_else(|| format!("source {}", entry.claim.source.id))
            ),
            href: claim_source_href(entry.claim.source.id, entry.claim.id),
        },
        forecaster: p
            .forecaster
            .zip(entry.forecaster_name.clone())
            .map(|(id, name)| LinkView {
                label: name,
                href: forecaster_href(id),
            }),
        made_on: p.made_on.map(day_label),
        due: due_label(p.due.as_ref(), p.due_inferred),
        versions,
        axis: axis_view(detail),
        resolutions,
        score,
        suggestions: detail
            .suggestions
            .iter()
            .map(|s| {
                let mut why = Vec::new();
                if !s.shared_actors.is_empty() {
                    why.push(format!("shares {}", s.shared_actors.join(", ")));
                }
                if !s.shared_words.is_empty() {
                    why.push(format!("words: {}", s.shared_words.join(", ")));
                }
                evidence_view(&s.claim, Some(why.join("; ")))
            })
            .collect(),
        forms,
    }
}

/// `GET /predictions/{id}`.
pub async fn show_prediction(
    State(state): State<AppState>,
    visit: PageVisit,
    PagePath(id): PagePath<PredictionId>,
) -> Result<Markup, PageError> {
    let detail = predictions::prediction_detail(&state.db, id, visit.user.as_ref()).await?;
    let context = visit.context();
    let view = page_view(&detail, context.is_analyst());
    Ok(sitrep_templates::ledger::prediction_page(&context, &view))
}

fn stat(value: Option<f64>, digits: usize) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.digits$}"))
}

fn forecaster_view(record: &ForecasterRecord) -> ForecasterPageView {
    let c = record.counts;
    let s = &record.scores;
    let brier = s.mean_brier.map_or_else(
        || "—".to_string(),
        |m| match (m.low, m.high) {
            (Some(low), Some(high)) => format!("{:.3} (95% CI {low:.3}–{high:.3})", m.mean),
            _ => format!("{:.3}", m.mean),
        },
    );
    let figures = vec![
        FigureView {
            name: "Predictions".into(),
            value: c.total.to_string(),
            note: Some(format!(
                "{} open, {} due, {} resolved, {} withdrawn, {} unscorable, {} drafts",
                c.open, c.due, c.resolved, c.withdrawn, c.unscorable, c.draft
            )),
        },
        FigureView {
            name: "Resolved".into(),
            value: c
                .resolved_share()
                .map_or_else(|| "—".to_string(), |x| format!("{:.0}%", x * 100.0)),
            note: Some(format!("{} scored (yes or no, with a number)", s.scored)),
        },
        FigureView {
            name: "Mean Brier score".into(),
            value: brier,
            note: Some(
                "0 is perfect, 0.25 is always saying 50%; interval: normal approximation".into(),
            ),
        },
        FigureView {
            name: "Mean log score".into(),
            value: stat(s.mean_log_score, 3),
            note: Some("0 is perfect; probabilities clamped to 1–99%".into()),
        },
        FigureView {
            name: "Skill vs always 50%".into(),
            value: s
                .skill_vs_coin_flip
                .map_or_else(|| "—".to_string(), |x| format!("{:+.0}%", x * 100.0)),
            note: Some("1 − Brier / 0.25; above 0 beats a coin flip".into()),
        },
    ];
    let thousandths = |x: f64| (x * 1000.0).round().clamp(0.0, 1000.0) as u32;
    let bins = s
        .bins
        .iter()
        .enumerate()
        .map(|(i, b)| BinView {
            label: format!("{:.0}–{:.0}%", b.from * 100.0, b.to * 100.0),
            index: u32::try_from(i).unwrap_or(0),
            count: b.count,
            observed: b.observed().map(thousandths),
            mean: b.mean_probability.map(thousandths),
            detail: format!("{} of {} happened", b.happened, b.count),
        })
        .collect();
    ForecasterPageView {
        header: situation_header(&record.situation, SituationTab::Predictions),
        name: record.actor.name.clone(),
        sample_label: format!(
            "{} scored: {}",
            s.scored,
            if s.label == SampleLabel::Enough {
                s.label.describe().to_string()
            } else {
                format!("{}; read these numbers as anecdotes", s.label.describe())
            }
        ),
        figures,
        bins,
        hedges: s
            .hedges
            .iter()
            .map(|h| HedgeRowView {
                sentence: h.sentence(),
                stated: format!("about {:.0}%", h.mean_probability * 100.0),
                label: h.label.describe().to_string(),
            })
            .collect(),
        rows: record.entries.iter().map(row_view).collect(),
    }
}

/// `GET /forecasters/{actor_id}`.
pub async fn show_forecaster(
    State(state): State<AppState>,
    visit: PageVisit,
    PagePath(id): PagePath<ActorId>,
) -> Result<Markup, PageError> {
    let record = predictions::forecaster_record(&state.db, id, visit.user.as_ref()).await?;
    let view = forecaster_view(&record);
    Ok(sitrep_templates::ledger::forecaster_page(
        &visit.context(),
        &view,
    ))
}

/// One CSV field, quoted when it must be (RFC 4180).
fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn csv_line(out: &mut String, fields: &[String]) {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

const CSV_HEADER: &[&str] = &[
    "prediction_id",
    "status",
    "forecaster_id",
    "forecaster",
    "made_on",
    "quote",
    "hedge",
    "proposition",
    "probability",
    "probability_low",
    "probability_high",
    "probability_origin",
    "lexicon_version",
    "due_start",
    "due_end",
    "due_inferred",
    "resolution_id",
    "in_force",
    "outcome",
    "occurred_on",
    "decided_by",
    "decided_at",
    "proposition_version",
    "rationale",
    "evidence_claim_ids",
    "brier",
    "log_score",
];

/// `GET /situations/{slug}/predictions.csv`: one line per resolution (the history included),
/// and one per unresolved prediction; scores on the line of the resolution in force.
pub async fn predictions_csv(
    _permit: Expensive,
    State(state): State<AppState>,
    visit: PageVisit,
    PagePath(slug): PagePath<String>,
) -> Result<Response, PageError> {
    let ledger = predictions::situation_ledger(
        &state.db,
        &slug,
        visit.user.as_ref(),
        LedgerFilter::default(),
    )
    .await?;
    let mut out = String::new();
    csv_line(
        &mut out,
        &CSV_HEADER.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
    );
    let opt = |x: Option<String>| x.unwrap_or_default();
    for entry in &ledger.entries {
        let p = &entry.record.prediction;
        let base = vec![
            p.id.to_string(),
            entry.status.as_str().to_string(),
            opt(p.forecaster.map(|f| f.to_string())),
            opt(entry.forecaster_name.clone()),
            opt(p.made_on.map(|d| d.to_string())),
            entry.claim.text.clone(),
            opt(p.hedge.clone()),
            p.proposition.clone(),
            opt(p.probability.map(|x| x.point.to_string())),
            opt(p.probability.map(|x| x.low.to_string())),
            opt(p.probability.map(|x| x.high.to_string())),
            opt(p.probability_origin.map(|o| o.as_str().to_string())),
            p.lexicon_version.clone(),
            opt(p
                .due
                .as_ref()
                .and_then(When::earliest)
                .map(|t| t.date().to_string())),
            opt(p
                .due
                .as_ref()
                .and_then(When::latest)
                .map(|t| t.date().to_string())),
            p.due_inferred.to_string(),
        ];
        let history = storage::resolutions_of(&state.db, p.id).await?;
        if history.is_empty() {
            let mut line = base.clone();
            line.extend(std::iter::repeat_n(
                String::new(),
                CSV_HEADER.len() - base.len(),
            ));
            csv_line(&mut out, &line);
        }
        let last = history.len().saturating_sub(1);
        for (i, r) in history.iter().enumerate() {
            let in_force = i == last;
            let mut line = base.clone();
            line.extend([
                r.id.to_string(),
                in_force.to_string(),
                r.outcome.as_str().to_string(),
                opt(r.occurred_on.map(|d| d.to_string())),
                r.decided_by.clone(),
                r.decided_at.to_rfc3339(),
                opt(r.proposition_version.map(|v| v.to_string())),
                r.rationale.clone(),
                r.evidence
                    .iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
                opt(entry
                    .score
                    .filter(|_| in_force)
                    .map(|s| format!("{:.6}", s.brier))),
                opt(entry
                    .score
                    .filter(|_| in_force)
                    .map(|s| format!("{:.6}", s.log))),
            ]);
            csv_line(&mut out, &line);
        }
    }
    let disposition = format!("attachment; filename=\"{slug}-predictions.csv\"");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8; header=present"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition)
                    .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
            ),
        ],
        out,
    )
        .into_response())
}

/// The resolution form.
#[derive(Debug, Deserialize)]
pub struct ResolutionForm {
    /// yes, no, ambiguous, annulled.
    #[serde(default)]
    pub outcome: String,
    /// `YYYY-MM-DD` or empty.
    #[serde(default)]
    pub occurred_on: String,
    /// Why.
    #[serde(default)]
    pub rationale: String,
    /// Claim ids separated by commas or spaces.
    #[serde(default)]
    pub evidence: String,
}

fn optional_day(text: &str, what: &str) -> Result<Option<NaiveDate>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            AppError::Unprocessable(format!("{what} must be a date YYYY-MM-DD, not {text:?}"))
        })
}

fn claim_ids(text: &str) -> Result<Vec<ClaimId>, AppError> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.trim_start_matches('#')
                .parse::<i64>()
                .map(ClaimId::new)
                .map_err(|_| AppError::Unprocessable(format!("{t:?} is not a claim id")))
        })
        .collect()
}

/// `POST /predictions/{id}/resolutions`.
pub async fn resolve_prediction(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    PagePath(id): PagePath<PredictionId>,
    CsrfForm(form): CsrfForm<ResolutionForm>,
) -> Result<Response, PageError> {
    let outcome: Outcome = form
        .outcome
        .trim()
        .parse()
        .map_err(|e: crate::domain::UnknownWord| AppError::Unprocessable(e.to_string()))?;
    let evidence = claim_ids(&form.evidence)?;
    predictions::resolve_prediction(
        &state.db,
        &user,
        id,
        ResolutionInput {
            outcome,
            occurred_on: optional_day(&form.occurred_on, "occurred on")?,
            rationale: &form.rationale,
            evidence: &evidence,
        },
    )
    .await?;
    Ok(Redirect::to(&format!("{}#resolutions", prediction_href(id))).into_response())
}

/// One click on a suggested claim: "supports" or "refutes".
#[derive(Debug, Deserialize)]
pub struct VerdictForm {
    /// The claim.
    #[serde(default)]
    pub claim_id: String,
    /// `supports` or `refutes`.
    #[serde(default)]
    pub verdict: String,
}

/// `POST /predictions/{id}/evidence`: resolves the prediction at once with one suggested claim
/// as evidence, yes when it supports the proposition and no when it refutes it, dated by the
/// claim. Resolutions are append-only, so a hasty click is corrected by another resolution.
pub async fn resolve_with_evidence(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    PagePath(id): PagePath<PredictionId>,
    CsrfForm(form): CsrfForm<VerdictForm>,
) -> Result<Response, PageError> {
    let outcome = match form.verdict.as_str() {
        "supports" => Outcome::Yes,
        "refutes" => Outcome::No,
        other => {
            return Err(AppError::Unprocessable(format!(
                "the verdict must be supports or refutes, not {other:?}"
            ))
            .into());
        }
    };
    let claim_id = claim_ids(&form.claim_id)?
        .first()
        .copied()
        .ok_or_else(|| AppError::Unprocessable("name the claim".to_string()))?;
    let claim = storage::get_claim(&state.db, claim_id).await?;
    let rationale = format!(
        "Claim {claim_id} {} the proposition: \u{201c}{}\u{201d}",
        form.verdict, claim.text
    );
    predictions::resolve_prediction(
        &state.db,
        &user,
        id,
        ResolutionInput {
            outcome,
            occurred_on: claim_date(&claim),
            rationale: &rationale,
            evidence: &[claim_id],
        },
    )
    .await?;
    Ok(Redirect::to(&format!("{}#resolutions", prediction_href(id))).into_response())
}

/// The edit form; empty fields leave things as they are.
#[derive(Debug, Deserialize)]
pub struct EditForm {
    /// The edit version.
    #[serde(default)]
    pub version: String,
    /// The proposition.
    #[serde(default)]
    pub proposition: String,
    /// Percent.
    #[serde(default)]
    pub point: String,
    /// Percent.
    #[serde(default)]
    pub low: String,
    /// Percent.
    #[serde(default)]
    pub high: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub due: String,
    /// An actor id.
    #[serde(default)]
    pub forecaster: String,
    /// draft, open, withdrawn, unscorable.
    #[serde(default)]
    pub status: String,
    /// Why.
    #[serde(default)]
    pub reason: String,
}

fn optional_percent(text: &str, what: &str) -> Result<Option<f64>, AppError> {
    let text = text.trim().trim_end_matches('%');
    if text.is_empty() {
        return Ok(None);
    }
    let value: f64 = text.parse().map_err(|_| {
        AppError::Unprocessable(format!("{what} must be a percentage, not {text:?}"))
    })?;
    if !(0.0..=100.0).contains(&value) {
        return Err(AppError::Unprocessable(format!(
            "{what} must be between 0 and 100"
        )));
    }
    Ok(Some(value / 100.0))
}

fn probability_from(point: &str, low: &str, high: &str) -> Result<Option<Probability>, AppError> {
    let Some(point) = optional_percent(point, "the probability")? else {
        return Ok(None);
    };
    let low = optional_percent(low, "the low end")?.unwrap_or(point);
    let high = optional_percent(high, "the high end")?.unwrap_or(point);
    Probability::new(point, low, high)
        .map(Some)
        .map_err(|e| AppError::Unprocessable(e.to_string()))
}

/// `POST /predictions/{id}/edit`.
pub async fn edit_prediction(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    PagePath(id): PagePath<PredictionId>,
    CsrfForm(form): CsrfForm<EditForm>,
) -> Result<Response, PageError> {
    let version =
        form.version.trim().parse::<i64>().map_err(|_| {
            AppError::Unprocessable("the form lost its version; reload".to_string())
        })?;
    let status = match form.status.trim() {
        "" => None,
        word => Some(
            word.parse::<PredictionStatus>()
                .map_err(|e| AppError::Unprocessable(e.to_string()))?,
        ),
    };
    let edit = PredictionEdit {
        version,
        proposition: Some(form.proposition.clone()).filter(|p| !p.trim().is_empty()),
        probability: probability_from(&form.point, &form.low, &form.high)?,
        due: optional_day(&form.due, "the due date")?,
        forecaster: optional_id(&form.forecaster, "the forecaster")?,
        status,
        reason: form.reason,
    };
    predictions::edit_prediction(&state.db, &user, id, &edit).await?;
    Ok(Redirect::to(&prediction_href(id)).into_response())
}

/// The manual-entry form.
#[derive(Debug, Deserialize)]
pub struct ManualForm {
    /// The claim.
    #[serde(default)]
    pub claim_id: String,
    /// The proposition.
    #[serde(default)]
    pub proposition: String,
    /// Percent, or empty to read the hedge.
    #[serde(default)]
    pub point: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub due: String,
    /// Why.
    #[serde(default)]
    pub reason: String,
}

/// `POST /situations/{slug}/predictions/manual`.
pub async fn enter_prediction(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    PagePath(slug): PagePath<String>,
    CsrfForm(form): CsrfForm<ManualForm>,
) -> Result<Response, PageError> {
    let claim_id = claim_ids(&form.claim_id)?
        .first()
        .copied()
        .ok_or_else(|| AppError::Unprocessable("choose the claim".to_string()))?;
    let situation = storage::get_situation(&state.db, &slug).await?;
    let claim = storage::get_claim(&state.db, claim_id).await?;
    if claim.situation_id != situation.id {
        return Err(AppError::Unprocessable(format!(
            "claim {claim_id} belongs to another situation"
        ))
        .into());
    }
    let prediction = predictions::enter_prediction(
        &state.db,
        &user,
        claim_id,
        &ManualPrediction {
            proposition: form.proposition,
            hedge: None,
            probability: probability_from(&form.point, "", "")?,
            due: optional_day(&form.due, "the due date")?,
            forecaster: None,
            reason: form.reason,
        },
    )
    .await?;
    Ok(Redirect::to(&prediction_href(prediction.id)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hedge_label_reads_like_an_analyst() {
        let p = Probability::new(0.4, 0.25, 0.5).unwrap();
        assert_eq!(
            hedge_label(Some("might"), Some(p)).as_deref(),
            Some("might, about 40% (25-50)")
        );
        assert_eq!(
            hedge_label(None, Some(p)).as_deref(),
            Some("about 40% (25-50)")
        );
        assert!(
            hedge_label(Some("possible"), None)
                .unwrap()
                .contains("judgement")
        );
    }

    #[test]
    fn word_diffs_mark_what_changed() {
        let pieces = word_diff(
            "the force leaves within a week",
            "the force leaves within a week of its deployment",
        );
        assert_eq!(
            pieces,
            vec![
                DiffPiece::Same("the force leaves within a week".into()),
                DiffPiece::Added("of its deployment".into()),
            ]
        );
        let pieces = word_diff("a b c", "a x c");
        assert!(pieces.contains(&DiffPiece::Removed("b".into())));
        assert!(pieces.contains(&DiffPiece::Added("x".into())));
    }

    #[test]
    fn csv_fields_are_quoted_by_rfc_4180() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn claim_ids_are_read_from_a_list() {
        assert_eq!(
            claim_ids("15, 21 #3").unwrap(),
            vec![ClaimId::new(15), ClaimId::new(21), ClaimId::new(3)]
        );
        assert!(claim_ids("15, x").is_err());
        assert!(claim_ids("").unwrap().is_empty());
    }
}
