//! Attribution: a reporting verb ("said", "denied", "according to") with its speaker, the
//! subject before it, the actor after it in an inverted "..., said X", or the person a
//! pronoun before it stands for (as the actor stage linked it), and the statement it makes.

use super::continued_speech::PreviousStatement;
use super::forecasts::forecast_in;
use super::quotes::quoted_spans;
use super::statement_times::{statement_time, times_as_of};
use super::words::{LOOKBACK_BYTES, followed_by_word, lower_word, words_ahead, words_back};
use super::{ClaimInput, ClaimSketch, mentions_in, participants};
use crate::domain::{ActorKind, ClaimKind, Modality, When};
use crate::extract::Span;
use crate::lexicon::{CalendarKind, PhraseTable, WordSet, full_names, is_word_char, tables};
use chrono::NaiveDate;
use std::sync::LazyLock;

/// What a reporting verb says of its statement: reported, or denied ("denied", "rejected").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ReportingModality {
    Reported,
    Denied,
}

pub(super) static REPORTING_VERBS: LazyLock<PhraseTable<ReportingModality>> = LazyLock::new(|| {
    PhraseTable::new(tables::REPORTING_VERBS.rows().filter_map(|row| {
        let modality = match row.get(1).map(|m| m.trim()) {
            Some("denied") => ReportingModality::Denied,
            _ => ReportingModality::Reported,
        };
        row.first()
            .map(|form| (form.trim().to_lowercase(), modality))
    }))
});

/// Words that may stand between a subject and its reporting verb, weekday names among them.
pub(super) static VERB_ADVERBS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut words = tables::CLAIM_WORDS.words_of_class("verb_adverb");
    words.extend(full_names(CalendarKind::Weekday).map(|name| name.word));
    words
});

/// Reporting verbs that, followed by "to", hedge rather than report ("said to be", "expected
/// to"); others report a commitment or a claim ("claims to own", "vowed to stay").
pub(super) static HEDGE_VERBS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("hedge_verb"));

/// Forms of "be" that make a following reporting verb passive ("is said to").
pub(super) static BE_FORMS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("be_form"));

/// Verbs of carrying on or starting that, before a reporting verb's "-ing" form, make it an
/// action rather than a report: "Russia might keep adding troops" adds troops, it says nothing.
pub(super) static ASPECT_VERBS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("aspect_verb"));

/// Whether the reporting verb at `verb` is an "-ing" form carried by an aspect verb ("keep
/// adding"), an action and not a report.
fn is_aspect_gerund(text: &str, sentence: Span, verb: Span) -> bool {
    lower_word(text, verb).ends_with("ing")
        && words_back(text, sentence.start, verb.start)
            .last()
            .is_some_and(|w| ASPECT_VERBS.contains(lower_word(text, *w).as_str()))
}

/// Personal pronouns that can stand for a person speaker.
pub(super) static PERSON_PRONOUNS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("person_pronoun"));

/// The most words between "according to" and the source it names ("according to a
/// statement by the ministry").
const ACCORDING_TO_GAP: usize = 3;

/// The statement a sentence reports, if one of its reporting verbs has a speaker.
pub(super) fn attributed_statement(
    input: &ClaimInput,
    index: usize,
    sentence: Span,
    section: usize,
    made_on: Option<NaiveDate>,
    previous: Option<&PreviousStatement>,
) -> Option<ClaimSketch> {
    let text = input.text;
    let quotes = quoted_spans(text, sentence);
    let mut verbs = REPORTING_VERBS.find_in(text, sentence.start, sentence.end);
    // "X rejected the plan, according to officials": the source named by "according to" is
    // who reports it.
    verbs.sort_by_key(|v| {
        !text
            .get(v.start..v.end)
            .is_some_and(|w| w.eq_ignore_ascii_case("according to"))
    });
    for verb in verbs {
        let verb_span = Span::new(verb.start, verb.end);
        if quotes.iter().any(|q| q.contains(verb_span)) {
            continue; // a verb inside a quotation is the speaker's word, not the report
        }
        let phrase = lower_word(text, verb_span);
        if followed_by_word(text, verb_span, sentence, &["to", "be"])
            && phrase != "according to"
            && (HEDGE_VERBS.contains(phrase.as_str())
                || words_back(text, sentence.start, verb_span.start)
                    .last()
                    .is_some_and(|w| BE_FORMS.contains(lower_word(text, *w).as_str())))
        {
            continue; // "is said to be", "expected to": a hedge, not a report
        }
        if is_aspect_gerund(text, sentence, verb_span) {
            continue;
        }
        let Some((speaker, speaker_span)) = find_speaker(input, sentence, verb_span, &phrase)
        else {
            continue;
        };
        let modality = match verb.value {
            ReportingModality::Denied => Modality::Denied,
            ReportingModality::Reported => Modality::Reported,
        };
        let (when, when_span) =
            statement_time(input, sentence, verb_span, speaker, index, previous);
        let content = match content_first(text, sentence, verb_span) {
            Some(end) => Span::new(sentence.start, end),
            None => Span::new(verb_span.end, sentence.end),
        };
        let said_on = when.as_ref().map(When::anchor_date).or(made_on);
        let times = times_as_of(input, content, said_on, made_on);
        let prediction = forecast_in(input, content, said_on, Some(speaker), &times);
        let participants = participants(input, sentence, Some((speaker, speaker_span)));
        return Some(ClaimSketch {
            span: sentence,
            section,
            kind: ClaimKind::Statement,
            modality,
            when,
            when_span,
            speaker: Some(speaker),
            participants,
            prediction,
        });
    }
    None
}

/// The speaker of a reporting verb: the actor after "according to", an inverted "..., said X",
/// the subject just before the verb, or the person a pronoun before the verb stands for.
fn find_speaker(
    input: &ClaimInput,
    sentence: Span,
    verb: Span,
    phrase: &str,
) -> Option<(usize, Span)> {
    let text = input.text;
    let after = mentions_in(input.actors, Span::new(verb.end, sentence.end));
    if phrase == "according to" {
        // The source follows at once ("according to the ministry", "according to Apple's
        // figures"); "according to those figures" names none.
        return after
            .iter()
            .find(|m| !m.modifier)
            .filter(|m| {
                words_ahead(text, verb.end, m.span.start).len() <= ACCORDING_TO_GAP
                    && !text
                        .get(verb.end..m.span.start)
                        .is_some_and(|g| g.contains(','))
            })
            .map(|m| (m.actor, m.span));
    }
    let before_text = text
        .get(sentence.start..verb.start)
        .unwrap_or("")
        .trim_end();
    // "X resigned in a letter, stating ...": a participle after a comma reports the words of
    // the clause's subject.
    let participle = phrase.ends_with("ing")
        && (before_text.ends_with(',')
            || words_back(text, sentence.start, verb.start)
                .last()
                .is_some_and(|w| {
                    let word = lower_word(text, *w);
                    !BE_FORMS.contains(word.as_str())
                        && !PERSON_PRONOUNS.contains(word.as_str())
                        && mentions_in(input.actors, Span::new(w.start, verb.start)).is_empty()
                }));
    // The subject of the clause before the verb: its first mention that can speak.
    let clause_subject = || {
        mentions_in(input.actors, Span::new(sentence.start, verb.start))
            .iter()
            .find(|m| !m.modifier && m.kind != ActorKind::Location)
            .map(|m| (m.actor, m.span))
    };
    if participle && let Some(subject) = clause_subject() {
        return Some(subject);
    }
    if before_text.ends_with([',', '"', '\u{201d}']) {
        let near = words_ahead(text, verb.end, sentence.end);
        // "..., said X": the speaker follows the verb closely, before any "that" opens what
        // is reported ("X, the spokesman, told reporters that Moscow ..." is X's).
        let that = near
            .iter()
            .take(6)
            .find(|w| lower_word(text, **w) == "that")
            .map_or(sentence.end, |w| w.start);
        let limit = near.get(5).map_or(sentence.end, |w| w.end).min(that);
        if let Some(m) = after
            .iter()
            .filter(|m| m.span.start < limit)
            .find(|m| m.kind == ActorKind::Person)
            .or_else(|| after.iter().find(|m| m.span.start < limit && !m.modifier))
        {
            return Some((m.actor, m.span));
        }
    }
    // "X released Y, announced Z": a reporting verb right after a comma, with no speaker after
    // it, shares the subject of the clause before, not that clause's object.
    if before_text.ends_with(',')
        && let Some(subject) = clause_subject()
    {
        return Some(subject);
    }
    // The words between the last mention and the verb must be few and adverb-like.
    let gap_words = |from: usize| -> Vec<String> {
        words_back(text, from, verb.start)
            .into_iter()
            .map(|w| lower_word(text, w))
            .collect()
    };
    let words_before = gap_words(sentence.start);
    if let Some(last) = words_before
        .iter()
        .rev()
        .find(|w| !VERB_ADVERBS.contains(w.as_str()))
        && PERSON_PRONOUNS.contains(last.as_str())
    {
        return pronoun_speaker(input, sentence, verb);
    }
    // A place does not speak ("said" after "who arrived in Geneva" is not Geneva's).
    let end = subject_end(text, sentence, verb.start);
    let before = mentions_in(input.actors, Span::new(sentence.start, end));
    let subject = before
        .iter()
        .rev()
        .find(|m| !m.modifier && m.kind != ActorKind::Location)?;
    if end.saturating_sub(subject.span.end) > LOOKBACK_BYTES {
        return None;
    }
    let gap: Vec<String> = words_back(text, subject.span.end, end)
        .into_iter()
        .map(|w| lower_word(text, w))
        .collect();
    let adverb_like = gap
        .iter()
        .filter(|w| !VERB_ADVERBS.contains(w.as_str()))
        .count();
    (adverb_like <= 3 && !gap.iter().any(|w| w == "that")).then_some((subject.actor, subject.span))
}

/// The person a "he" or "she" before a reporting verb stands for, as the actor stage resolved
/// it: the person mention it recorded at the pronoun's own span. A pronoun the actor stage left
/// unlinked names no speaker.
fn pronoun_speaker(input: &ClaimInput, sentence: Span, verb: Span) -> Option<(usize, Span)> {
    let pronoun = words_back(input.text, sentence.start, verb.start)
        .into_iter()
        .rev()
        .find(|w| PERSON_PRONOUNS.contains(lower_word(input.text, *w).as_str()))?;
    mentions_in(input.actors, pronoun)
        .iter()
        .find(|m| m.span == pronoun && m.kind == ActorKind::Person)
        .map(|m| (m.actor, pronoun))
}

/// The longest parenthetical ("..., who arrived on Monday, said") skipped between a subject and
/// its reporting verb.
const PARENTHETICAL_BYTES: usize = 160;

/// Where the subject of the verb at `verb_start` ends: before a parenthetical set off by commas
/// ("The envoy, who arrived on Monday, said" ends at "envoy"), else at the verb.
pub(super) fn subject_end(text: &str, sentence: Span, verb_start: usize) -> usize {
    let before = text
        .get(sentence.start..verb_start)
        .unwrap_or("")
        .trim_end();
    let Some(inner) = before.strip_suffix(',') else {
        return verb_start;
    };
    match inner.rfind(',') {
        Some(open)
            if inner.len() - open <= PARENTHETICAL_BYTES
                && !inner[open..].contains(['"', '\u{201c}', '\u{201d}'])
                && inner[..open].trim().len() > 1 =>
        {
            sentence.start + open
        }
        _ => verb_start,
    }
}

/// Words after a sentence-final reporting verb that do not start what is reported.
pub(super) static REPORT_TAIL_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("report_tail"));

/// Where the reported content ends when it comes before its speaker ("The truce holds, the
/// envoy said on Monday."): the comma or closing quote before the speaker. `None` when the
/// content follows the verb ("said that ...").
pub(super) fn content_first(text: &str, sentence: Span, verb: Span) -> Option<usize> {
    let after = text.get(verb.end..sentence.end).unwrap_or("").trim_start();
    let next_word = after
        .split(|c: char| !is_word_char(c))
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let tail = after.is_empty()
        || after.starts_with([',', '.', ';', '!', '?'])
        || REPORT_TAIL_WORDS.contains(next_word.as_str());
    if !tail {
        return None;
    }
    let before = text.get(sentence.start..verb.start)?;
    let cut = before.rfind([',', '"', '\u{201d}'])?;
    let content_words = before[..cut].split_whitespace().count();
    (content_words >= 3).then_some(sentence.start + cut)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::claims::ActorRef;
    use crate::extract::claims::test_support::{Case, day, find};

    #[test]
    fn a_reporting_verb_makes_a_statement_with_its_own_date() {
        let case = Case::new(
            "On March 8, the Ruritanian foreign minister Anna Berg said that talks would resume.",
        )
        .actor("Anna Berg", 0, ActorKind::Person)
        .day("March 8", day(2023, 3, 8));
        let claims = case.claims();
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].kind, ClaimKind::Statement);
        assert_eq!(claims[0].speaker, Some(0));
        assert_eq!(claims[0].when, Some(When::day(day(2023, 3, 8))));
        let forecast = claims[0]
            .prediction
            .as_ref()
            .expect("a forecast by the speaker");
        assert_eq!(forecast.forecaster, Some(0));
    }

    #[test]
    fn a_pronoun_speaker_is_the_person_the_actor_stage_linked_it_to() {
        let mut case = Case::new("Mayor Tom Hale visited the port. Later he announced a curfew.")
            .actor("Tom Hale", 3, ActorKind::Person);
        let later = find(&case.text, "Later he");
        case.actors.push(ActorRef {
            span: Span::new(later.start + "Later ".len(), later.end),
            actor: 3,
            kind: ActorKind::Person,
            modifier: false,
        });
        let claims = case.claims();
        let statement = claims
            .iter()
            .find(|c| c.kind == ClaimKind::Statement)
            .unwrap();
        assert_eq!(statement.speaker, Some(3));
        assert_eq!(
            statement.span.of(&case.text),
            "Later he announced a curfew."
        );
    }

    #[test]
    fn a_verb_after_a_comma_shares_the_subject_before_it() {
        let case = Case::new(
            "The port authority closed the Eastern Terminal, announced new checks on cargo.",
        )
        .actor("port authority", 1, ActorKind::Organisation)
        .actor("Eastern Terminal", 2, ActorKind::Organisation);
        let claims = case.claims();
        let statement = claims
            .iter()
            .find(|c| c.kind == ClaimKind::Statement)
            .unwrap_or_else(|| panic!("no statement in {claims:?}"));
        assert_eq!(statement.speaker, Some(1));
    }

    #[test]
    fn an_unlinked_pronoun_names_no_speaker() {
        // The actor stage found no person for "he": the mayor's name alone does not make one.
        let case = Case::new("Mayor Tom Hale visited the port. Later he announced a curfew.")
            .actor("Tom Hale", 3, ActorKind::Person);
        let claims = case.claims();
        assert!(claims.iter().all(|c| c.speaker.is_none()), "{claims:?}");
    }

    #[test]
    fn a_reporting_verb_inside_a_quotation_is_not_the_report() {
        let case = Case::new("\"Sylvania says no to talks,\" Anna Berg said on Friday.")
            .actor("Sylvania", 1, ActorKind::State)
            .actor("Anna Berg", 0, ActorKind::Person);
        assert_eq!(case.claims()[0].speaker, Some(0));
    }

    #[test]
    fn a_relative_clause_between_subject_and_verb_is_skipped() {
        let case = Case::new("Anna Berg, who flew to Vantor on Monday, said the talks had failed.")
            .actor("Anna Berg", 0, ActorKind::Person)
            .actor("Vantor", 1, ActorKind::Location)
            .day("Monday", day(2023, 3, 6));
        let claims = case.claims();
        assert_eq!(claims[0].kind, ClaimKind::Statement);
        assert_eq!(claims[0].speaker, Some(0));
        // The flight's date is not the statement's: at most the report's date, marked inferred.
        assert!(
            claims[0].when.as_ref().is_none_or(|w| w.is_inferred()
                && w.earliest() != Some(day(2023, 3, 6).and_hms_opt(0, 0, 0).unwrap_or_default())),
            "{:?}",
            claims[0].when
        );
        let case = Case::new("Anna Berg, speaking on Monday, said the talks had failed.")
            .actor("Anna Berg", 0, ActorKind::Person)
            .day("Monday", day(2023, 3, 6));
        assert_eq!(case.claims()[0].when, Some(When::day(day(2023, 3, 6))));
    }

    #[test]
    fn an_apposition_keeps_the_speaker_before_it() {
        let case = Case::new(
            "Anna Berg, the Sylvanian spokeswoman, told reporters that Vantor would respond.",
        )
        .actor("Anna Berg", 0, ActorKind::Person)
        .actor("Vantor", 1, ActorKind::State);
        assert_eq!(case.claims()[0].speaker, Some(0));
        let inverted = Case::new("The talks have failed, said Anna Berg.").actor(
            "Anna Berg",
            0,
            ActorKind::Person,
        );
        assert_eq!(inverted.claims()[0].speaker, Some(0));
    }

    #[test]
    fn denial_is_a_denied_statement() {
        let case = Case::new("Freedonia denied the report about the border.").actor(
            "Freedonia",
            1,
            ActorKind::State,
        );
        assert_eq!(case.claims()[0].modality, Modality::Denied);
    }

    #[test]
    fn keep_adding_is_an_action_forecast_not_a_report() {
        let case = Case::new(
            "Once calm returns, Freedonia might keep adding troops in Sylvania instead of \
             bringing them home.",
        )
        .actor("Freedonia", 1, ActorKind::State)
        .actor("Sylvania", 2, ActorKind::State);
        let claims = case.claims();
        assert_eq!(claims[0].kind, ClaimKind::Prediction);
        assert_eq!(claims[0].speaker, None);
        let p = claims[0].prediction.as_ref().expect("a forecast");
        assert_eq!(p.probability.map(|p| p.point), Some(0.4));
    }
}
