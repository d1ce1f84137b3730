//! Forecasts: the hedge of a forward-looking clause (a modal used as one, "expected to", "hard
//! to come true"), its probability, the proposition it hedges and its due date.

use super::words::{LOOKAHEAD_BYTES, lower_word, word_spans, words_ahead, words_back};
use super::{ClaimInput, PredictionSketch, TimeRef, times_in};
use crate::domain::{Precision, When};
use crate::extract::Span;
use crate::forecast::{self, DEFAULT_HORIZON_DAYS, HedgeMatch};
use crate::lexicon::{WordSet, tables};
use chrono::{Duration, NaiveDate, NaiveTime};
use std::sync::LazyLock;

/// Words after which "will" or "may" is a noun, not a modal verb ("at will", "political will").
pub(super) static NOUN_CONTEXT: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("noun_context"));

/// Words that cannot follow a modal verb used as one.
pub(super) static NOT_A_VERB: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("not_a_verb"));

/// Adverbs that may stand between a modal and its verb.
pub(super) static MODAL_ADVERBS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("modal_adverb"));

/// Past participles and auxiliaries that turn "might have" into a statement about the past.
pub(super) static PAST_AFTER_HAVE: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("past_after_have"));

pub(super) fn hedge_is_modal(text: &str, prediction: &PredictionSketch) -> bool {
    prediction.hedge.is_some_and(|h| {
        forecast::find_hedges_in(text, h.start, h.end)
            .first()
            .is_some_and(|m| m.hedge.is_modal)
    })
}

/// Whether a span has a verb in the past tense or a past participle ("left", "has claimed").
pub(crate) fn has_past_verb(text: &str, span: Span) -> bool {
    word_spans(text, span).iter().any(|w| {
        let word = w.of(text);
        let lower = word.to_ascii_lowercase();
        let starts_lower = word.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
        starts_lower
            && ((lower.len() > 4 && lower.ends_with("ed"))
                || crate::extract::verbs::is_irregular_past(&lower))
    })
}

/// The forecast a span carries: its most specific forward-looking hedge, the probability of
/// what it states, and a due date (stated, or the default horizon marked as inferred).
pub(super) fn forecast_in(
    input: &ClaimInput,
    span: Span,
    made_on: Option<NaiveDate>,
    forecaster: Option<usize>,
    times: &[TimeRef],
) -> Option<PredictionSketch> {
    let text = input.text;
    let hedges: Vec<HedgeMatch> = forecast::find_hedges_in(text, span.start, span.end)
        .into_iter()
        .filter(|h| !touches_time(times, Span::new(h.start, h.end)))
        .collect();
    let modal = hedges
        .iter()
        .find_map(|h| modal_use(text, span, h).map(|negated| (h, negated)));
    let reported = forecaster.is_some();
    let explicit = hedges.iter().filter(|h| !h.hedge.is_modal).find(|h| {
        explicit_is_forward(text, span, h, modal.is_some(), reported)
            || future_time_follows(text, times, span, h, made_on)
    });
    let (chosen, negated) = match (explicit, modal) {
        (Some(h), Some((_, negated))) => (h, negated),
        (Some(h), None) => (h, false),
        (None, Some((h, negated))) => (h, negated),
        (None, None) => return None,
    };
    let proposition = proposition_span(text, span, chosen);
    let (due, due_inferred) = due_date(text, times, span, made_on);
    Some(PredictionSketch {
        proposition,
        hedge: Some(Span::new(chosen.start, chosen.end)),
        probability: chosen.hedge.probability,
        negated: negated || chosen.hedge.negative,
        due,
        due_inferred,
        made_on,
        forecaster,
    })
}

/// Whether any time expression overlaps `span`.
fn touches_time(times: &[TimeRef], span: Span) -> bool {
    let first = times.partition_point(|t| t.span.end <= span.start);
    times
        .get(first..)
        .unwrap_or(&[])
        .iter()
        .take_while(|t| t.span.start < span.end)
        .any(|t| t.span.overlaps(span))
}

/// Whether a modal hedge is used as a forward-looking modal verb, and if so whether it is
/// negated. `None` for "at will", "political will", "might have been".
pub(super) fn modal_use(text: &str, span: Span, hedge: &HedgeMatch) -> Option<bool> {
    if !hedge.hedge.is_modal {
        return None;
    }
    let before = words_back(text, span.start, hedge.start);
    if before
        .last()
        .is_some_and(|w| NOUN_CONTEXT.contains(lower_word(text, *w).as_str()))
    {
        return None;
    }
    let after = words_ahead(text, hedge.end, span.end);
    let mut negated = false;
    let mut words = after.iter().map(|w| lower_word(text, *w)).peekable();
    while let Some(word) = words.peek() {
        if word == "not" || word == "n't" || word == "never" {
            negated = true;
        }
        if MODAL_ADVERBS.contains(word.as_str()) && word != "continue" {
            words.next();
        } else {
            break;
        }
    }
    let verb = words.next()?;
    if NOT_A_VERB.contains(verb.as_str()) || !verb.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if verb == "have"
        && words
            .next()
            .is_some_and(|w| PAST_AFTER_HAVE.contains(w.as_str()) || w.ends_with("ed"))
    {
        return None;
    }
    Some(negated)
}

/// Verbs of knowing and saying: "hard to say", "impossible to verify" judge the evidence, not
/// what will happen.
pub(super) static UNFORECASTABLE_VERBS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("unforecastable_verb"));

/// Whether an explicit hedge ("likely", "hard to", "would not be surprising") looks forward.
fn explicit_is_forward(
    text: &str,
    span: Span,
    hedge: &HedgeMatch,
    has_modal: bool,
    reported: bool,
) -> bool {
    let phrase = hedge.hedge.phrase.as_str();
    let before = words_back(text, span.start, hedge.start);
    // In reported speech "was unlikely" is a backshifted "is unlikely".
    if !reported
        && before
            .last()
            .is_some_and(|w| matches!(lower_word(text, *w).as_str(), "was" | "were" | "been"))
    {
        return false;
    }
    if phrase.contains("surpris") || phrase.contains("ruled out") {
        return true;
    }
    if predicative_hedge(text, span, hedge) {
        return true;
    }
    let next = words_ahead(text, hedge.end, span.end)
        .into_iter()
        .map(|w| w.of(text))
        .take(2)
        .collect::<Vec<_>>();
    let lower_next = |i: usize| {
        next.get(i)
            .filter(|w| w.bytes().next().is_some_and(|b| b.is_ascii_lowercase()))
            .map(|w| w.to_ascii_lowercase())
    };
    if phrase.ends_with(" of") {
        // "the possibility of X", "the risk of X": the noun itself looks forward.
        return !next.is_empty();
    }
    let forecastable =
        |w: &String| !NOT_A_VERB.contains(w.as_str()) && !UNFORECASTABLE_VERBS.contains(w.as_str());
    if phrase.ends_with(" to") {
        return lower_next(0).is_some_and(|w| forecastable(&w));
    }
    if matches!(phrase, "expect" | "expects") {
        // "We expect the truce to collapse", "expects that talks will fail".
        let ahead: Vec<String> = words_ahead(text, hedge.end, span.end)
            .into_iter()
            .take(8)
            .map(|w| lower_word(text, w))
            .collect();
        return ahead.first().is_some_and(|w| w == "that")
            || ahead
                .windows(2)
                .any(|w| w[0] == "to" && !NOT_A_VERB.contains(w[1].as_str()));
    }
    let infinitive = next.first().is_some_and(|w| w.eq_ignore_ascii_case("to"))
        && lower_next(1).is_some_and(|w| forecastable(&w));
    infinitive || has_modal
}

/// Whether `time` ends more than a day after `made_on` (a time ahead of the writing).
pub(super) fn is_after(time: &TimeRef, made_on: Option<NaiveDate>) -> bool {
    made_on.is_some_and(|made_on| {
        time.when
            .as_ref()
            .and_then(When::latest)
            .is_some_and(|end| end.date() > made_on + Duration::days(1))
    })
}

/// Whether a time after `made_on` follows a hedge closely ("unlikely before the end of the
/// month", "likely by Friday"): the hedge then speaks of that future.
fn future_time_follows(
    text: &str,
    times: &[TimeRef],
    span: Span,
    hedge: &HedgeMatch,
    made_on: Option<NaiveDate>,
) -> bool {
    let Some(made_on) = made_on else {
        return false;
    };
    times_in(times, Span::new(hedge.end, span.end))
        .next()
        .is_some_and(|t| {
            let near = t.span.start <= hedge.end + LOOKAHEAD_BYTES
                && words_ahead(text, hedge.end, t.span.start).len() <= 3;
            near && is_after(t, Some(made_on))
        })
}

/// Copulas that make a hedge adjective the clause's predicate ("a deal is unlikely").
pub(super) static COPULAS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("copula"));

/// Whether a hedge adjective ends a present-tense predicate ("A stay that short is unlikely:"),
/// which forecasts its subject. "One thing is certain at this point" is not one.
fn predicative_hedge(text: &str, span: Span, hedge: &HedgeMatch) -> bool {
    let after_copula = words_back(text, span.start, hedge.start)
        .last()
        .is_some_and(|w| COPULAS.contains(lower_word(text, *w).as_str()));
    let rest = text.get(hedge.end..span.end).unwrap_or("").trim_start();
    let ends_clause = rest.is_empty() || rest.starts_with(['.', ':', ';', '!', ',']);
    after_copula && ends_clause && hedge.hedge.probability.is_some()
}

/// What a forecast is about: the part after a framing hedge ("it would not be surprising if X",
/// "the possibility of X"), else the whole clause.
fn proposition_span(text: &str, span: Span, hedge: &HedgeMatch) -> Span {
    let phrase = hedge.hedge.phrase.as_str();
    if predicative_hedge(text, span, hedge)
        && let Some(copula) = words_back(text, span.start, hedge.start).last()
    {
        let subject = Span::new(span.start, copula.start).trimmed(text);
        if !subject.is_empty() {
            return subject;
        }
    }
    let framing = phrase.contains("surpris") || phrase.ends_with(" of");
    if framing {
        let rest = Span::new(hedge.end, span.end);
        let words = words_ahead(text, rest.start, rest.end);
        let start = words
            .iter()
            .position(|w| matches!(lower_word(text, *w).as_str(), "if" | "that"))
            .filter(|&i| i <= 2)
            .and_then(|i| words.get(i + 1))
            .or_else(|| words.first())
            .map_or(rest.start, |w| w.start);
        let proposition = Span::new(start, span.end).trimmed(text);
        if !proposition.is_empty() {
            return trim_final_punctuation(text, proposition);
        }
    }
    trim_final_punctuation(text, span)
}

fn trim_final_punctuation(text: &str, span: Span) -> Span {
    let inner = span.of(text);
    let trimmed = inner.trim_end_matches(['.', '!', '?', ';', ',', ' ']);
    Span::new(span.start, span.start + trimmed.len())
}

/// A forecast's due date: the end of a future time in the clause ("by January 19", "within a
/// week"), else the default horizon after it was made, marked as inferred.
fn due_date(
    text: &str,
    times: &[TimeRef],
    span: Span,
    made_on: Option<NaiveDate>,
) -> (Option<When>, bool) {
    let made = made_on.map(|d| d.and_time(NaiveTime::MIN));
    for time in times_in(times, span) {
        if let (Some(duration), Some(made)) = (time.duration, made) {
            let end = made + duration;
            if let Ok(when) = When::new(None, Some(end + Duration::days(1)), Precision::Day) {
                return (Some(when.with_words(time.span.of(text))), false);
            }
        }
        if let Some(when) = &time.when {
            let future = match (when.latest(), made) {
                (Some(end), Some(made)) => end > made + Duration::days(1),
                _ => false,
            };
            if future {
                return (Some(when.clone()), false);
            }
        }
    }
    let inferred = made_on
        .and_then(|d| d.checked_add_signed(Duration::days(DEFAULT_HORIZON_DAYS)))
        .map(|due| {
            When::day(due).with_words(format!("default horizon of {DEFAULT_HORIZON_DAYS} days"))
        });
    (inferred, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActorKind, ClaimKind};
    use crate::extract::claims::test_support::{Case, day};

    #[test]
    fn forecasts_without_an_actor_need_a_time_ahead_or_an_explicit_hedge() {
        let case = Case::new("Talks could resume in November.").day("November", day(2023, 11, 1));
        let mut case = case;
        case.times[0].when = Some(
            When::new(
                Some(day(2023, 11, 1).and_time(NaiveTime::MIN)),
                Some(day(2023, 12, 1).and_time(NaiveTime::MIN)),
                Precision::Month,
            )
            .unwrap(),
        );
        assert_eq!(case.claims()[0].kind, ClaimKind::Prediction);
        assert_eq!(
            Case::new("Talks could resume at any moment.").claims()[0].kind,
            ClaimKind::Assessment
        );
        let forecast_point = |text: &str| {
            let claims = Case::new(text).claims();
            assert_eq!(claims[0].kind, ClaimKind::Prediction, "{text}");
            claims[0]
                .prediction
                .as_ref()
                .and_then(|p| p.probability.map(|p| p.point))
        };
        assert_eq!(
            forecast_point("We expect the truce to collapse."),
            Some(0.75)
        );
        for judged in [
            "It is hard to say who fired first.",
            "It was impossible to verify the figures.",
        ] {
            assert_ne!(Case::new(judged).claims()[0].kind, ClaimKind::Prediction);
        }
        assert_eq!(
            forecast_point("A lasting settlement is almost impossible."),
            Some(0.02)
        );
    }

    #[test]
    fn hedged_future_is_a_prediction_with_probability() {
        let case = Case::new("Freedonia might close its border with Sylvania next month.")
            .actor("Freedonia", 1, ActorKind::State)
            .actor("Sylvania", 2, ActorKind::State);
        let claims = case.claims();
        assert_eq!(claims[0].kind, ClaimKind::Prediction);
        let p = claims[0].prediction.as_ref().unwrap();
        assert_eq!(p.probability.map(|p| p.point), Some(0.4));
        assert!(p.due_inferred);
        assert_eq!(
            p.due,
            Some(When::day(day(2023, 6, 8)).with_words("default horizon of 90 days"))
        );
    }

    #[test]
    fn hard_to_come_true_is_a_low_probability_forecast() {
        let case = Case::new("This promise is plainly hard to keep, because winter is coming.");
        let claims = case.claims();
        assert_eq!(claims.len(), 2);
        assert_eq!(claims[0].kind, ClaimKind::Prediction);
        assert_eq!(
            claims[0]
                .prediction
                .as_ref()
                .unwrap()
                .probability
                .map(|p| p.point),
            Some(0.2)
        );
        assert_eq!(claims[1].span.of(&case.text), "because winter is coming.");
    }

    #[test]
    fn not_surprising_frames_the_proposition() {
        let case = Case::new("It would not be surprising if rebels seized the airport.");
        let claims = case.claims();
        let p = claims[0].prediction.as_ref().unwrap();
        assert_eq!(p.proposition.of(&case.text), "rebels seized the airport");
        assert_eq!(p.probability.map(|p| p.point), Some(0.4));
    }

    #[test]
    fn will_as_a_noun_and_past_speculation_are_not_forecasts() {
        let case = Case::new("The militia does not come and go at will.");
        assert_ne!(case.claims()[0].kind, ClaimKind::Prediction);
        let case = Case::new("Sylvania might have been warned about the raid.").actor(
            "Sylvania",
            2,
            ActorKind::State,
        );
        assert_ne!(case.claims()[0].kind, ClaimKind::Prediction);
    }

    #[test]
    fn a_predicative_hedge_forecasts_its_subject() {
        let case = Case::new("A deal before the summit is unlikely: both sides are dug in.");
        let claims = case.claims();
        let p = claims[0].prediction.as_ref().expect("a forecast");
        assert_eq!(p.proposition.of(&case.text), "A deal before the summit");
        assert_eq!(p.probability.map(|p| p.point), Some(0.2));
        let case = Case::new("A raid is highly unlikely, given the weather.");
        assert_eq!(case.claims()[0].kind, ClaimKind::Prediction);
        let case = Case::new("One thing is certain at this point, the talks failed.");
        assert_eq!(case.claims()[0].kind, ClaimKind::Assessment);
    }

    #[test]
    fn stated_due_dates_are_not_inferred() {
        let case = Case::new("Freedonia will likely withdraw by March 20.")
            .actor("Freedonia", 1, ActorKind::State)
            .day("March 20", day(2023, 3, 20));
        let p = case.claims()[0].prediction.clone().unwrap();
        assert!(!p.due_inferred);
        assert_eq!(p.probability.map(|p| p.point), Some(0.75));
    }
}
