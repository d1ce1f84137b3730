//! Narrative time: most news sentences state no date, yet the reader knows when their event
//! happened. This pass dates such claims from their context and marks every such date as
//! inferred, with the rule that inferred it (its `basis`):
//!
//! - `same_day`: the clause says "the same day", "later that day": the day of the claim
//!   before it.
//! - `paragraph_time`: the last time an earlier claim of the same paragraph stated, when it
//!   is not after the report date (a paragraph tells one stretch of time).
//! - `news_day`: the day the lead of a news report gives for its event ("announced Monday",
//!   "Yesterday, ..."), when it lies in the week before the report date: the later sentences
//!   of the report tell the same event.
//! - `report_date`: the report's own date, for a past or present-perfect event or a statement
//!   in a dated report (it happened on or just before its publication).
//!
//! A clause that looks back from the time of writing ("has twice before sued") is left
//! undated, as are predictions (their time is the due date) and present-tense judgements.

use super::forecasts::has_past_verb;
use super::{ClaimInput, ClaimSketch};
use crate::domain::{ClaimKind, Precision, When};
use crate::lexicon::{PhraseTable, tables};
use chrono::{Duration, NaiveDate};
use std::sync::LazyLock;

/// What a narrative marker says about a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    SameDay,
    Retrospective,
}

static MARKERS: LazyLock<PhraseTable<Marker>> = LazyLock::new(|| {
    PhraseTable::new(tables::NARRATIVE_MARKERS.rows().filter_map(|row| {
        let marker = match row.get(1).map(|r| r.trim()) {
            Some("same_day") => Marker::SameDay,
            Some("retrospective") => Marker::Retrospective,
            _ => return None,
        };
        row.first().map(|p| (p.trim().to_lowercase(), marker))
    }))
});

/// How many days before the report date the lead's day may lie to be the report's news day.
const NEWS_DAY_WINDOW_DAYS: i64 = 7;

/// How many paragraphs of a section count as its lead.
const LEAD_PARAGRAPHS: usize = 2;

/// The rule names this pass writes as a time's basis.
pub const BASES: &[&str] = &["same_day", "paragraph_time", "news_day", "report_date"];

/// Dates the claims that state no time from their context (see the module docs). Claims
/// must be in text order.
pub fn infer_times(input: &ClaimInput, claims: &mut [ClaimSketch]) {
    let text = input.text;
    let mut section = usize::MAX;
    let mut paragraph = 0usize;
    let mut paragraph_time: Option<When> = None;
    let mut previous_time: Option<When> = None;
    let mut news_day: Option<NaiveDate> = None;
    let mut previous_end = 0usize;
    for claim in claims.iter_mut() {
        if claim.section != section {
            section = claim.section;
            paragraph = 0;
            paragraph_time = None;
            previous_time = None;
            news_day = None;
        } else if text
            .get(previous_end..claim.span.start)
            .is_some_and(|gap| gap.matches('\n').count() > 1)
        {
            paragraph += 1;
            paragraph_time = None;
        }
        previous_end = claim.span.end;
        let report = input.sections.get(claim.section).and_then(|s| s.date);
        if claim.kind == ClaimKind::Prediction {
            continue;
        }
        if let Some(when) = &claim.when {
            if when.is_inferred() {
                continue;
            }
            let narrative = report.is_none_or(|day| when.anchor_date() <= day + Duration::days(1));
            if narrative {
                paragraph_time = Some(when.clone());
                previous_time = Some(when.clone());
            }
            if news_day.is_none()
                && paragraph < LEAD_PARAGRAPHS
                && when.precision() >= Precision::Day
                && let Some(day) = report
                && (day - Duration::days(NEWS_DAY_WINDOW_DAYS)..=day).contains(&when.anchor_date())
            {
                news_day = Some(when.anchor_date());
            }
            continue;
        }
        let markers = MARKERS.find_in(text, claim.span.start, claim.span.end);
        if markers.iter().any(|m| *m.value == Marker::Retrospective) {
            continue;
        }
        let inferred = if markers.iter().any(|m| *m.value == Marker::SameDay)
            && let Some(before) = &previous_time
        {
            Some(When::day(before.anchor_date()).inferred_by("same_day"))
        } else if !tells_a_past(text, claim) {
            None
        } else if let Some(time) = &paragraph_time {
            Some(time.clone().inferred_by("paragraph_time"))
        } else if let Some(day) = news_day {
            Some(When::day(day).inferred_by("news_day"))
        } else {
            report.map(|day| When::day(day).inferred_by("report_date"))
        };
        if let Some(when) = inferred {
            previous_time = Some(when.clone());
            claim.when = Some(when);
        }
    }
}

/// Whether a claim tells something that has happened: a statement (said on some day), or an
/// event or judgement with a past or present-perfect verb.
fn tells_a_past(text: &str, claim: &ClaimSketch) -> bool {
    match claim.kind {
        ClaimKind::Statement => true,
        ClaimKind::Event | ClaimKind::Assessment => has_past_verb(text, claim.span),
        ClaimKind::Prediction => false,
    }
}
