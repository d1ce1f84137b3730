//! Claims: one per clause that says something. This stage decides, for every sentence of the
//! body, whether it is an actor's statement (a reporting verb with its speaker, the statement's
//! own date, its modality) or the author's voice; splits the author's sentences into clauses;
//! gives each clause a kind (event, assessment, prediction) and the time it is about; and reads
//! forecasts (hedge, probability, due date) from forward-looking clauses.
//!
//! It works on plain spans and indices prepared by the pipeline, so it does not depend on how
//! actors or times were found; who a he/she stands for is the actor stage's answer, read from
//! the mention at the pronoun.
//!
//! [`build`] runs the rules, one file per family: `sentence_parts` (datelines, inline headings,
//! semicolons), `attribution` (reporting verbs and their speakers), `continued_speech`,
//! `statement_times`, `clauses` (the author's clauses and their kinds), `forecasts` (hedges,
//! probabilities, due dates), `narrative` (times inferred from context); `unnamed_speakers`
//! finds the sources a text does not name, `quotes` the quotations, `words` the words around a
//! position.

mod attribution;
mod clauses;
mod continued_speech;
mod forecasts;
mod narrative;
mod quotes;
mod sentence_parts;
mod statement_times;
mod unnamed_speakers;
mod words;

pub use narrative::BASES as NARRATIVE_BASES;
pub use quotes::first_person_in_quotes;
pub use unnamed_speakers::unnamed_speakers;
pub(crate) use words::LOOKBACK_BYTES;

use attribution::attributed_statement;
use clauses::{author_clause, clauses};
use continued_speech::{PreviousStatement, continued_speech};
use sentence_parts::{is_body, semicolon_parts, without_dateline, without_inline_heading};
use words::word_spans;

use super::Span;
use crate::domain::{ActorKind, ClaimKind, MentionRole, Modality, Probability, When};
use chrono::{Duration, NaiveDate};

/// A resolved time expression, as this stage sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeRef {
    /// Where it is in the text.
    pub span: Span,
    /// The time meant, when it is a date or time (not a bare duration).
    pub when: Option<When>,
    /// The length, when it is a duration ("about a week").
    pub duration: Option<Duration>,
    /// A date or time that names no resolvable interval ("at that time", "recently").
    pub unresolved: bool,
}

/// An actor mention, as this stage sees it. Sorted by `span.start` in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorRef {
    /// Where it is in the text.
    pub span: Span,
    /// The actor's index in the pipeline's actor table.
    pub actor: usize,
    /// What sort of actor.
    pub kind: ActorKind,
    /// Whether the mention only modifies a following noun ("Kazakh" in "Kazakh President").
    pub modifier: bool,
}

/// A dated section of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionRef {
    /// The whole section, heading included.
    pub span: Span,
    /// The heading, if the section has one.
    pub heading: Option<Span>,
    /// The day the section is filed under.
    pub date: Option<NaiveDate>,
}

/// Everything the claim stage reads.
#[derive(Clone, Copy)]
pub struct ClaimInput<'a> {
    /// The clean text.
    pub text: &'a str,
    /// Sentence spans, in order.
    pub sentences: &'a [Span],
    /// Sections, in order, covering the text.
    pub sections: &'a [SectionRef],
    /// Metadata and boilerplate: never claims.
    pub excluded: &'a [Span],
    /// The headline, when the document has one: a claim only when it reports an actor's
    /// statement ("Apple announces new iPod range").
    pub headline: Option<Span>,
    /// Time expressions, sorted by start.
    pub times: &'a [TimeRef],
    /// Actor mentions, sorted by start; a he/she the actor stage linked to a person is a
    /// mention of that person at the pronoun, and is how this stage knows who a pronoun is.
    pub actors: &'a [ActorRef],
    /// Resolves the times of a piece of text against a given day, with spans relative to the
    /// piece: used to read a statement's relative times against the day it was made.
    pub resolve: &'a dyn Fn(&str, NaiveDate) -> Vec<TimeRef>,
}

/// A forecast read from a clause.
#[derive(Debug, Clone, PartialEq)]
pub struct PredictionSketch {
    /// What is forecast.
    pub proposition: Span,
    /// The hedge words.
    pub hedge: Option<Span>,
    /// The probability that the proposition, as the clause states it, comes true.
    pub probability: Option<Probability>,
    /// Whether the clause states a negative ("will not withdraw").
    pub negated: bool,
    /// When it falls due.
    pub due: Option<When>,
    /// Whether `due` comes from the default horizon.
    pub due_inferred: bool,
    /// The day it was made.
    pub made_on: Option<NaiveDate>,
    /// Who made it (actor index); `None` for the author.
    pub forecaster: Option<usize>,
}

/// A claim found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimSketch {
    /// The clause.
    pub span: Span,
    /// Index of its section.
    pub section: usize,
    /// Statement, event, assessment or prediction.
    pub kind: ClaimKind,
    /// Asserted, reported, denied or hypothetical.
    pub modality: Modality,
    /// The time it is about.
    pub when: Option<When>,
    /// Where that time was written.
    pub when_span: Option<Span>,
    /// Who said it (actor index).
    pub speaker: Option<usize>,
    /// Each actor's part with the span of its mention; the speaker first.
    pub participants: Vec<(usize, MentionRole, Span)>,
    /// The forecast it carries, if any.
    pub prediction: Option<PredictionSketch>,
}

/// Lengths of at least this many words make a clause worth a claim.
const MIN_CLAUSE_WORDS: usize = 3;

/// Finds the claims in the body of a text.
pub fn build(input: &ClaimInput) -> Vec<ClaimSketch> {
    let mut claims: Vec<ClaimSketch> = Vec::new();
    let mut previous_statement: Option<PreviousStatement> = None;
    if let Some(headline) = input.headline {
        let section = section_of(input.sections, headline.start);
        let made_on = input.sections.get(section).and_then(|s| s.date);
        if let Some(statement) =
            attributed_statement(input, usize::MAX, headline, section, made_on, None)
        {
            claims.push(statement);
        }
    }
    let parts = input
        .sentences
        .iter()
        .enumerate()
        .flat_map(|(index, &whole)| {
            let whole = without_inline_heading(input, whole);
            semicolon_parts(input.text, whole)
                .into_iter()
                .map(move |part| (index, whole, part))
        });
    for (index, whole, part) in parts {
        if !is_body(input, whole) {
            continue;
        }
        let sentence = without_dateline(input.text, part);
        let section = section_of(input.sections, sentence.start);
        let made_on = input.sections.get(section).and_then(|s| s.date);
        if let Some(statement) = attributed_statement(
            input,
            index,
            sentence,
            section,
            made_on,
            previous_statement.as_ref(),
        ) {
            previous_statement = statement.speaker.map(|speaker| PreviousStatement {
                sentence: index,
                speaker,
                when: statement.when.clone(),
                when_span: statement.when_span,
            });
            claims.push(statement);
            continue;
        }
        if let Some(previous) = &mut previous_statement
            && let Some(continued) =
                continued_speech(input, index, sentence, section, made_on, previous)
        {
            // A quotation running on keeps its speaker for each of its sentences.
            previous.sentence = index;
            claims.push(continued);
            continue;
        }
        for clause in clauses(input.text, sentence) {
            if word_spans(input.text, clause).len() < MIN_CLAUSE_WORDS {
                continue;
            }
            claims.push(author_clause(input, clause, section, made_on));
        }
    }
    // The headline's claim was found first but need not come first in the text.
    claims.sort_by_key(|c| c.span.start);
    claims.dedup_by_key(|c| c.span.start);
    narrative::infer_times(input, &mut claims);
    claims
}

fn section_of(sections: &[SectionRef], at: usize) -> usize {
    sections
        .partition_point(|s| s.span.start <= at)
        .saturating_sub(1)
}

/// Actor mentions inside `span`.
fn mentions_in(actors: &[ActorRef], span: Span) -> &[ActorRef] {
    let first = actors.partition_point(|m| m.span.start < span.start);
    let last = actors.partition_point(|m| m.span.start < span.end);
    let slice = actors.get(first..last).unwrap_or(&[]);
    let keep = slice
        .iter()
        .rposition(|m| m.span.end <= span.end)
        .map_or(0, |i| i + 1);
    slice.get(..keep).unwrap_or(&[])
}

/// Time expressions inside `span`.
fn times_in(times: &[TimeRef], span: Span) -> impl Iterator<Item = &TimeRef> {
    let first = times.partition_point(|t| t.span.start < span.start);
    times
        .get(first..)
        .unwrap_or(&[])
        .iter()
        .take_while(move |t| t.span.start < span.end)
        .filter(move |t| t.span.end <= span.end)
}

/// The participants of a claim: the speaker first, then the first other actor as subject, the
/// rest as mentioned.
fn participants(
    input: &ClaimInput,
    span: Span,
    speaker: Option<(usize, Span)>,
) -> Vec<(usize, MentionRole, Span)> {
    let mut list: Vec<(usize, MentionRole, Span)> = Vec::new();
    if let Some((actor, at)) = speaker {
        list.push((actor, MentionRole::Speaker, at));
    }
    let mut subject_taken = false;
    let speaker_span = speaker.map(|(_, at)| at);
    for mention in mentions_in(input.actors, span) {
        if Some(mention.span) == speaker_span {
            continue;
        }
        let role =
            if !subject_taken && !mention.modifier && Some(mention.actor) != speaker.map(|s| s.0) {
                subject_taken = true;
                MentionRole::Subject
            } else {
                MentionRole::Mentioned
            };
        list.push((mention.actor, role, mention.span));
    }
    list
}

fn has_actor(input: &ClaimInput, span: Span) -> bool {
    !mentions_in(input.actors, span).is_empty()
}

#[cfg(test)]
mod test_support;

#[cfg(test)]
mod tests {
    use super::attribution::{
        ASPECT_VERBS, BE_FORMS, HEDGE_VERBS, PERSON_PRONOUNS, REPORT_TAIL_WORDS, VERB_ADVERBS,
    };
    use super::clauses::CLAUSE_SUBJECTS;
    use super::continued_speech::BACKSHIFTED_MODALS;
    use super::forecasts::{
        COPULAS, MODAL_ADVERBS, NOT_A_VERB, NOUN_CONTEXT, PAST_AFTER_HAVE, UNFORECASTABLE_VERBS,
    };
    use super::unnamed_speakers::SPEAKER_MODIFIERS;
    use crate::lexicon::{CalendarKind, full_names, tables};

    #[test]
    fn every_class_of_claim_words_is_read() {
        let sets = [
            &VERB_ADVERBS,
            &NOUN_CONTEXT,
            &NOT_A_VERB,
            &MODAL_ADVERBS,
            &PAST_AFTER_HAVE,
            &HEDGE_VERBS,
            &BE_FORMS,
            &ASPECT_VERBS,
            &PERSON_PRONOUNS,
            &SPEAKER_MODIFIERS,
            &CLAUSE_SUBJECTS,
            &BACKSHIFTED_MODALS,
            &REPORT_TAIL_WORDS,
            &UNFORECASTABLE_VERBS,
            &COPULAS,
        ];
        let read: usize = sets.iter().map(|set| set.len()).sum();
        let weekdays = full_names(CalendarKind::Weekday).count();
        assert_eq!(read, tables::CLAIM_WORDS.rows().count() + weekdays);
    }
}
