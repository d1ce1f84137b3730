//! Reported speech that goes on past its sentence: the next sentence inside an open quotation,
//! or in the backshifted modal of indirect speech, keeps the previous statement's speaker.

use super::clauses::ASSESSMENT_MARKERS;
use super::forecasts::{forecast_in, modal_use};
use super::quotes::quote_open_at;
use super::statement_times::times_as_of;
use super::{ClaimInput, ClaimSketch, participants};
use crate::domain::{ClaimKind, Modality, When};
use crate::extract::Span;
use crate::forecast;
use crate::lexicon::{WordSet, tables};
use chrono::NaiveDate;
use std::sync::LazyLock;

/// The last statement seen, which a following "He also said" may continue.
#[derive(Debug, Clone)]
pub(super) struct PreviousStatement {
    pub(super) sentence: usize,
    pub(super) speaker: usize,
    pub(super) when: Option<When>,
    pub(super) when_span: Option<Span>,
}

/// Modals that reported speech shifts into ("will" becomes "would").
pub(super) static BACKSHIFTED_MODALS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("backshifted_modal"));

/// A sentence that goes on with the previous sentence's reported speech: right after it, in the
/// same paragraph, without a speaker of its own, and in the backshifted modal of indirect
/// speech ("X said that the force would stay a week. After the operation, it would leave.").
pub(super) fn continued_speech(
    input: &ClaimInput,
    index: usize,
    sentence: Span,
    section: usize,
    made_on: Option<NaiveDate>,
    previous: &PreviousStatement,
) -> Option<ClaimSketch> {
    let text = input.text;
    let previous_sentence = input.sentences.get(previous.sentence)?;
    let between = text.get(previous_sentence.end..sentence.start)?;
    if previous.sentence + 1 != index {
        return None;
    }
    // The previous speaker's statement, said when the previous one was.
    let continued = || {
        let said_on = previous.when.as_ref().map(When::anchor_date).or(made_on);
        let times = times_as_of(input, sentence, said_on, made_on);
        ClaimSketch {
            span: sentence,
            section,
            kind: ClaimKind::Statement,
            modality: Modality::Reported,
            when: previous.when.clone(),
            when_span: previous.when_span,
            speaker: Some(previous.speaker),
            participants: participants(input, sentence, None),
            prediction: forecast_in(input, sentence, said_on, Some(previous.speaker), &times),
        }
    };
    // Inside a quotation the previous sentence opened: the same speaker's words.
    if quote_open_at(text, sentence.start) {
        return Some(continued());
    }
    if between.matches('\n').count() > 1 {
        return None;
    }
    if !ASSESSMENT_MARKERS
        .find_in(text, sentence.start, sentence.end)
        .is_empty()
    {
        return None;
    }
    let backshifted = forecast::find_hedges_in(text, sentence.start, sentence.end)
        .iter()
        .any(|h| {
            BACKSHIFTED_MODALS.contains(h.hedge.phrase.as_str())
                && modal_use(text, sentence, h).is_some()
        });
    backshifted.then(continued)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ActorKind;
    use crate::extract::claims::test_support::Case;

    #[test]
    fn backshifted_speech_continues_the_statement() {
        let case = Case::new(
            "Anna Berg said the mission would last a week. After that, the troops would go home. It is a bold promise.",
        )
        .actor("Anna Berg", 0, ActorKind::Person);
        let claims = case.claims();
        assert_eq!(claims[1].kind, ClaimKind::Statement);
        assert_eq!(claims[1].speaker, Some(0));
        assert_eq!(claims[2].kind, ClaimKind::Assessment);
    }
}
