//! The author's own voice: a sentence split into clauses (at clause breaks and at "and" before
//! a new subject), each given a kind (event, assessment, prediction) and its time.

use super::forecasts::{forecast_in, has_past_verb, hedge_is_modal, is_after};
use super::{ClaimInput, ClaimSketch, TimeRef, has_actor, participants, times_in};
use crate::domain::{ClaimKind, Modality};
use crate::extract::Span;
use crate::lexicon::{PhraseTable, WordSet, is_word_char, tables};
use chrono::NaiveDate;
use std::sync::LazyLock;

/// Clause breaks; a break that is only punctuation (";") splits where a space follows it.
static CLAUSE_BREAKS: LazyLock<PhraseTable<()>> = LazyLock::new(|| {
    PhraseTable::new(tables::CLAUSE_BREAKS.column("break").map(|phrase| {
        let phrase = phrase.to_lowercase();
        if phrase.chars().all(|c| c.is_ascii_punctuation()) {
            (format!("{phrase} "), ())
        } else {
            (phrase, ())
        }
    }))
});

pub(super) static ASSESSMENT_MARKERS: LazyLock<PhraseTable<()>> = LazyLock::new(|| {
    PhraseTable::new(
        tables::ASSESSMENT_MARKERS
            .rows()
            .filter_map(|row| row.first().map(|m| (m.trim().to_lowercase(), ()))),
    )
});

/// A sentence split at clause boundaries ("; ", ", because", ", but", ...).
pub(super) fn clauses(text: &str, sentence: Span) -> Vec<Span> {
    let mut pieces = Vec::new();
    let mut start = sentence.start;
    let mut breaks: Vec<usize> = CLAUSE_BREAKS
        .find_in(text, sentence.start, sentence.end)
        .into_iter()
        .map(|found| found.start)
        .collect();
    breaks.extend(coordinated_clauses(text, sentence));
    breaks.sort_unstable();
    for at in breaks {
        if at < start {
            continue;
        }
        let found = Span::new(at, at);
        let piece = Span::new(start, found.start).trimmed(text);
        if !piece.is_empty() {
            pieces.push(piece);
        }
        // The next clause begins after the punctuation that opens the break.
        start = found.start + 1;
    }
    let last = Span::new(start, sentence.end).trimmed(text);
    if !last.is_empty() {
        pieces.push(last);
    }
    pieces
}

/// Words that open a new clause after ", and" ("..., and it began arriving").
pub(super) static CLAUSE_SUBJECTS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("clause_subject"));

/// The least words on each side of a ", and" for it to join two clauses rather than a list.
const MIN_COORDINATED_WORDS: usize = 4;

/// Where ", and" joins two clauses with subjects of their own: "The force is mostly Russian,
/// and it began arriving on January 6." Lists ("Russia, and China") and shared subjects
/// ("..., and not entirely based on") are left whole.
fn coordinated_clauses(text: &str, sentence: Span) -> Vec<usize> {
    let slice = sentence.of(text);
    slice
        .match_indices(", and ")
        .filter_map(|(at, found)| {
            let before = &slice[..at];
            let after = &slice[at + found.len()..];
            let next = after.split(|c: char| !is_word_char(c)).next().unwrap_or("");
            let opens_subject = CLAUSE_SUBJECTS.contains(next.to_ascii_lowercase().as_str())
                || next.chars().next().is_some_and(char::is_uppercase);
            let long_enough = before.split_whitespace().count() >= MIN_COORDINATED_WORDS
                && after.split_whitespace().count() >= MIN_COORDINATED_WORDS;
            (opens_subject && long_enough).then_some(sentence.start + at)
        })
        .collect()
}

/// A clause in the author's own voice: a prediction when it is hedged and forward-looking, an
/// assessment when it judges, an event when an actor did something.
pub(super) fn author_clause(
    input: &ClaimInput,
    clause: Span,
    section: usize,
    made_on: Option<NaiveDate>,
) -> ClaimSketch {
    let text = input.text;
    let clause_times: Vec<TimeRef> = times_in(input.times, clause).cloned().collect();
    // A bare modal in the author's voice forecasts when it is about someone ("Sylvania might
    // close its border") or about a time ahead ("talks could resume in November").
    let ahead = clause_times
        .iter()
        .any(|t| is_after(t, made_on) || t.span.of(text).eq_ignore_ascii_case("soon"));
    let prediction = forecast_in(input, clause, made_on, None, &clause_times).filter(|p| {
        p.hedge.is_some() && (has_actor(input, clause) || ahead || !hedge_is_modal(text, p))
    });
    let dated = times_in(input.times, clause).find(|t| t.when.is_some());
    let (kind, modality) = if prediction.is_some() {
        (ClaimKind::Prediction, Modality::Hypothetical)
    } else if !ASSESSMENT_MARKERS
        .find_in(text, clause.start, clause.end)
        .is_empty()
        || !(has_actor(input, clause) || dated.is_some())
        || !has_past_verb(text, clause)
    {
        (ClaimKind::Assessment, Modality::Asserted)
    } else {
        (ClaimKind::Event, Modality::Asserted)
    };
    let (when, when_span) = match (&prediction, dated) {
        (Some(p), _) => (p.due.clone().filter(|_| !p.due_inferred), None::<Span>),
        (None, Some(t)) => (t.when.clone(), Some(t.span)),
        (None, None) => (None, None),
    };
    ClaimSketch {
        span: clause,
        section,
        kind,
        modality,
        when,
        when_span,
        speaker: None,
        participants: participants(input, clause, None),
        prediction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActorKind, When};
    use crate::extract::claims::test_support::{Case, day};

    #[test]
    fn and_joins_clauses_with_their_own_subjects_but_not_lists() {
        let case =
            Case::new("The convoy is mostly Sylvanian, and it reached the border on March 2.");
        let texts: Vec<&str> = case
            .claims()
            .iter()
            .map(|c| c.span.of(&case.text))
            .collect();
        assert_eq!(
            texts,
            vec![
                "The convoy is mostly Sylvanian",
                "and it reached the border on March 2."
            ]
        );
        let case = Case::new("This is linked to the election, and not entirely to the weather.");
        assert_eq!(case.claims().len(), 1);
    }

    #[test]
    fn present_judgements_are_assessments_and_past_actions_events() {
        let case = Case::new("This is probably linked to the election.");
        assert_eq!(case.claims()[0].kind, ClaimKind::Assessment);
        let case = Case::new("Sylvania closed the crossing on March 2.")
            .actor("Sylvania", 2, ActorKind::State)
            .day("March 2", day(2023, 3, 2));
        let claims = case.claims();
        assert_eq!(claims[0].kind, ClaimKind::Event);
        assert_eq!(claims[0].when, Some(When::day(day(2023, 3, 2))));
    }
}
