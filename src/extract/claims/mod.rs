//! Claims: one per clause that says something. This stage decides, for every sentence of the
//! body, whether it is an actor's statement (a reporting verb with its speaker, the statement's
//! own date, its modality) or the author's voice; splits the author's sentences into clauses;
//! gives each clause a kind (event, assessment, prediction) and the time it is about; and reads
//! forecasts (hedge, probability, due date) from forward-looking clauses.
//!
//! It works on plain spans and indices prepared by the pipeline, so it does not depend on how
//! actors or times were found.

mod narrative;
mod quotes;

use quotes::{quote_open_at, quoted_spans};

pub use narrative::BASES as NARRATIVE_BASES;

use super::Span;
use crate::domain::{ActorKind, ClaimKind, MentionRole, Modality, Precision, Probability, When};
use crate::forecast::{self, DEFAULT_HORIZON_DAYS, HedgeMatch};
use crate::lexicon::{CalendarKind, PhraseTable, WordSet, full_names, is_word_char, tables};
use chrono::{Duration, NaiveDate, NaiveTime};
use std::sync::LazyLock;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReportingModality {
    Reported,
    Denied,
}

static REPORTING_VERBS: LazyLock<PhraseTable<ReportingModality>> = LazyLock::new(|| {
    PhraseTable::new(tables::REPORTING_VERBS.rows().filter_map(|row| {
        let modality = match row.get(1).map(|m| m.trim()) {
            Some("denied") => ReportingModality::Denied,
            _ => ReportingModality::Reported,
        };
        row.first()
            .map(|form| (form.trim().to_lowercase(), modality))
    }))
});

static ASSESSMENT_MARKERS: LazyLock<PhraseTable<()>> = LazyLock::new(|| {
    PhraseTable::new(
        tables::ASSESSMENT_MARKERS
            .rows()
            .filter_map(|row| row.first().map(|m| (m.trim().to_lowercase(), ()))),
    )
});

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

/// Words that may stand between a subject and its reporting verb, weekday names among them.
static VERB_ADVERBS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut words = tables::CLAIM_WORDS.words_of_class("verb_adverb");
    words.extend(full_names(CalendarKind::Weekday).map(|name| name.word));
    words
});

/// Words after which "will" or "may" is a noun, not a modal verb ("at will", "political will").
static NOUN_CONTEXT: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("noun_context"));

/// Words that cannot follow a modal verb used as one.
static NOT_A_VERB: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("not_a_verb"));

/// Adverbs that may stand between a modal and its verb.
static MODAL_ADVERBS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("modal_adverb"));

/// Past participles and auxiliaries that turn "might have" into a statement about the past.
static PAST_AFTER_HAVE: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("past_after_have"));

/// Reporting verbs that, followed by "to", hedge rather than report ("said to be", "expected
/// to"); others report a commitment or a claim ("claims to own", "vowed to stay").
static HEDGE_VERBS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("hedge_verb"));

/// Forms of "be" that make a following reporting verb passive ("is said to").
static BE_FORMS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("be_form"));

/// Verbs of carrying on or starting that, before a reporting verb's "-ing" form, make it an
/// action rather than a report: "Russia might keep adding troops" adds troops, it says nothing.
static ASPECT_VERBS: LazyLock<WordSet> =
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
static PERSON_PRONOUNS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("person_pronoun"));

/// The last statement seen, which a following "He also said" may continue.
#[derive(Debug, Clone)]
struct PreviousStatement {
    sentence: usize,
    speaker: usize,
    when: Option<When>,
    when_span: Option<Span>,
}

/// The most words between "according to" and the source it names ("according to a
/// statement by the ministry").
const ACCORDING_TO_GAP: usize = 3;

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

/// The longest dateline prefix, in bytes ("KHARTOUM, April 24 (Reuters) - ").
const MAX_DATELINE_BYTES: usize = 80;

/// A sentence without its wire-story dateline ("KHARTOUM, April 24 (Reuters) - "): a place in
/// capitals, maybe a date and an agency in brackets, then a dash.
fn without_dateline(text: &str, sentence: Span) -> Span {
    let slice = sentence.of(text);
    let window = slice
        .get(..MAX_DATELINE_BYTES.min(slice.len()))
        .unwrap_or(slice);
    let Some((dash, dash_len)) = [" - ", " \u{2013} ", " \u{2014} ", " -- "]
        .iter()
        .filter_map(|d| window.find(d).map(|at| (at, d.len())))
        .min()
    else {
        return sentence;
    };
    let prefix = &slice[..dash];
    let place = prefix.split([',', '(']).next().unwrap_or("").trim();
    let place_in_capitals = place.len() >= 3
        && place.chars().any(char::is_alphabetic)
        && place
            .chars()
            .all(|c| c.is_uppercase() || c.is_whitespace() || matches!(c, '.' | '-' | '\''));
    if !place_in_capitals {
        return sentence;
    }
    Span::new(sentence.start + dash + dash_len, sentence.end).trimmed(text)
}

static UNNAMED_SPEAKERS: LazyLock<PhraseTable<()>> = LazyLock::new(|| {
    PhraseTable::new(
        tables::UNNAMED_SPEAKERS
            .rows()
            .filter_map(|row| row.first().map(|m| (m.trim().to_lowercase(), ()))),
    )
});

/// Modifiers that may lead an unnamed speaker ("two senior Western diplomats").
static SPEAKER_MODIFIERS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("speaker_modifier"));

/// Phrases naming unnamed speakers ("diplomats", "two senior officials") that stand as the
/// subject of a reporting verb or after "according to", and overlap no known actor. The
/// pipeline turns each into a group actor so the statement keeps a speaker.
pub fn unnamed_speakers(text: &str, sentences: &[Span], actors: &[ActorRef]) -> Vec<Span> {
    let mut found: Vec<Span> = Vec::new();
    for &sentence in sentences {
        let quotes = quoted_spans(text, sentence);
        for verb in REPORTING_VERBS.find_in(text, sentence.start, sentence.end) {
            let verb_span = Span::new(verb.start, verb.end);
            if quotes.iter().any(|q| q.contains(verb_span)) {
                continue;
            }
            let phrase = lower_word(text, verb_span);
            let subject_stop = subject_end(text, sentence, verb_span.start);
            let noun = if phrase == "according to" {
                UNNAMED_SPEAKERS
                    .find_in(
                        text,
                        verb_span.end,
                        ahead_end(text, verb_span.end, sentence.end),
                    )
                    .first()
                    .filter(|m| {
                        words_ahead(text, verb_span.end, m.start)
                            .iter()
                            .all(|w| SPEAKER_MODIFIERS.contains(lower_word(text, *w).as_str()))
                    })
                    .map(|m| Span::new(m.start, m.end))
            } else {
                let before: Vec<Span> = words_back(text, sentence.start, subject_stop)
                    .into_iter()
                    .rev()
                    .skip_while(|w| VERB_ADVERBS.contains(lower_word(text, *w).as_str()))
                    .collect();
                before.first().and_then(|last| {
                    UNNAMED_SPEAKERS
                        .find_in(text, last.start, last.end)
                        .first()
                        .map(|m| Span::new(m.start, m.end))
                })
            };
            let Some(noun) = noun else { continue };
            // "X, the Kremlin spokesman, said": the noun closes an apposition to a named
            // speaker (a parenthetical after the noun itself was skipped above).
            if text
                .get(noun.end..subject_stop)
                .is_some_and(|between| between.contains(','))
            {
                continue;
            }
            let mut start = noun.start;
            for word in words_back(text, sentence.start, noun.start).iter().rev() {
                let lower = lower_word(text, *word);
                if !SPEAKER_MODIFIERS.contains(lower.as_str()) {
                    break;
                }
                if !matches!(lower.as_str(), "the" | "a" | "an") {
                    start = word.start;
                }
            }
            let phrase = Span::new(start, noun.end);
            let before_end = actors.partition_point(|m| m.span.start < phrase.end);
            let overlaps_actor = actors[..before_end]
                .iter()
                .rev()
                .take(8)
                .any(|m| m.span.overlaps(phrase));
            if overlaps_actor || found.last() == Some(&phrase) {
                continue;
            }
            found.push(phrase);
        }
    }
    found.sort();
    found
}

/// The parts of a sentence joined by semicolons ("The ministry blamed the rebels; the rebels
/// said they had been fired upon"), each with a verb-sized share of words, so that each part
/// gets its own speaker; a semicolon inside a quotation or before a short part splits nothing.
fn semicolon_parts(text: &str, sentence: Span) -> Vec<Span> {
    let slice = sentence.of(text);
    if !slice.contains(';') {
        return vec![sentence];
    }
    let quotes = quoted_spans(text, sentence);
    let mut parts = Vec::new();
    let mut start = sentence.start;
    for (offset, _) in slice.match_indices(';') {
        let at = sentence.start + offset;
        if quotes.iter().any(|q| q.start <= at && at < q.end) {
            continue;
        }
        let left = Span::new(start, at + 1).trimmed(text);
        let right = Span::new(at + 1, sentence.end).trimmed(text);
        if word_spans(text, left).len() >= MIN_PART_WORDS
            && word_spans(text, right).len() >= MIN_PART_WORDS
        {
            parts.push(left);
            start = at + 1;
        }
    }
    parts.push(Span::new(start, sentence.end).trimmed(text));
    parts
}

/// The fewest words on each side of a semicolon for it to split a sentence into two.
const MIN_PART_WORDS: usize = 5;

/// A sentence that begins with its section's heading on the same line ("**Update, 12 March:**
/// Fighting resumed ..."), without that heading; any other sentence as it is.
fn without_inline_heading(input: &ClaimInput, sentence: Span) -> Span {
    let Some(heading) = input
        .sections
        .get(section_of(input.sections, sentence.start))
        .and_then(|s| s.heading)
        .filter(|h| h.overlaps(sentence) && h.end < sentence.end)
    else {
        return sentence;
    };
    let rest = input.text.get(heading.end..sentence.end).unwrap_or("");
    let body = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | ':' | '-' | '\u{2013}' | '\u{2014}')
    });
    if body.bytes().any(|b| b.is_ascii_alphabetic()) {
        Span::new(sentence.end - body.len(), sentence.end)
    } else {
        sentence
    }
}

/// Whether a sentence is body text: not a heading, not mostly boilerplate, and has words.
fn is_body(input: &ClaimInput, sentence: Span) -> bool {
    let in_heading = input
        .sections
        .get(section_of(input.sections, sentence.start))
        .and_then(|s| s.heading)
        .is_some_and(|heading| heading.overlaps(sentence));
    let excluded_bytes: usize = overlapping(input.excluded, sentence)
        .iter()
        .map(|e| e.end.min(sentence.end) - e.start.max(sentence.start))
        .sum();
    !in_heading
        && excluded_bytes * 2 < sentence.len()
        && sentence
            .of(input.text)
            .bytes()
            .any(|b| b.is_ascii_alphabetic())
}

fn section_of(sections: &[SectionRef], at: usize) -> usize {
    sections
        .partition_point(|s| s.span.start <= at)
        .saturating_sub(1)
}

/// The spans of a sorted, non-overlapping list that overlap `span`.
fn overlapping(spans: &[Span], span: Span) -> &[Span] {
    let first = spans.partition_point(|s| s.end <= span.start);
    let last = spans.partition_point(|s| s.start < span.end);
    spans.get(first..last.max(first)).unwrap_or(&[])
}

/// The word spans of `span` in `text`: runs of word chars ([`is_word_char`]), apostrophes
/// kept inside them ("didn't", "Russia's"). A word cut by an end of `span` that falls inside a
/// char is left out.
fn word_spans(text: &str, span: Span) -> Vec<Span> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = span.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    let mut words = Vec::new();
    let mut word_start = None;
    for (i, c) in slice.char_indices() {
        let in_word = is_word_char(c) || matches!(c, '\'' | '\u{2019}');
        match (in_word, word_start) {
            (true, None) => word_start = Some(start + i),
            (false, Some(s)) => {
                words.push(Span::new(s, start + i));
                word_start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = word_start {
        words.push(Span::new(s, end));
    }
    if start > span.start && words.first().is_some_and(|w| w.start == start) {
        words.remove(0);
    }
    if end < span.end.min(text.len()) && words.last().is_some_and(|w| w.end == end) {
        words.pop();
    }
    words
}

fn lower_word(text: &str, word: Span) -> String {
    word.of(text).to_ascii_lowercase()
}

/// How far back from a word the rules look, in bytes: a subject, a pronoun, a copula or a
/// clause opener is never further away in real prose, and the bound keeps the work per word
/// constant on text without punctuation.
pub(crate) const LOOKBACK_BYTES: usize = 300;
/// How far ahead of a word the rules look, in bytes.
pub(crate) const LOOKAHEAD_BYTES: usize = 300;

/// `to`, or the first char boundary at least [`LOOKAHEAD_BYTES`] after `from` when nearer.
fn ahead_end(text: &str, from: usize, to: usize) -> usize {
    let mut end = from.saturating_add(LOOKAHEAD_BYTES);
    if end >= to {
        return to;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    end.min(to)
}

/// The words of `text[from..to]`, or of its last [`LOOKBACK_BYTES`] when longer (a word cut by
/// the window is left out).
fn words_back(text: &str, from: usize, to: usize) -> Vec<Span> {
    let start = to.saturating_sub(LOOKBACK_BYTES).max(from);
    let mut words = word_spans(text, Span::new(start, to));
    if start > from && words.first().is_some_and(|w| w.start == start) {
        words.remove(0);
    }
    words
}

/// The words of `text[from..to]`, or of its first [`LOOKAHEAD_BYTES`] when longer (a word cut
/// by the window is left out).
fn words_ahead(text: &str, from: usize, to: usize) -> Vec<Span> {
    let end = to.min(from.saturating_add(LOOKAHEAD_BYTES));
    let mut words = word_spans(text, Span::new(from, end));
    if end < to && words.last().is_some_and(|w| w.end == end) {
        words.pop();
    }
    words
}

/// The longest parenthetical ("..., who arrived on Monday, said") skipped between a subject and
/// its reporting verb.
const PARENTHETICAL_BYTES: usize = 160;

/// Where the subject of the verb at `verb_start` ends: before a parenthetical set off by commas
/// ("The envoy, who arrived on Monday, said" ends at "envoy"), else at the verb.
fn subject_end(text: &str, sentence: Span, verb_start: usize) -> usize {
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

/// A sentence split at clause boundaries ("; ", ", because", ", but", ...).
fn clauses(text: &str, sentence: Span) -> Vec<Span> {
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
static CLAUSE_SUBJECTS: LazyLock<WordSet> =
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

/// The statement a sentence reports, if one of its reporting verbs has a speaker.
fn attributed_statement(
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

/// The times of `span`, read against `day` when that is not the section's own day (a
/// statement's "in two days" counts from when it was said, not from when it was reported).
fn times_as_of(
    input: &ClaimInput,
    span: Span,
    day: Option<NaiveDate>,
    section_day: Option<NaiveDate>,
) -> Vec<TimeRef> {
    match day {
        Some(day) if Some(day) != section_day => (input.resolve)(span.of(input.text), day)
            .into_iter()
            .map(|t| TimeRef {
                span: t.span.shifted(span.start),
                ..t
            })
            .collect(),
        _ => times_in(input.times, span).cloned().collect(),
    }
}

/// Modals that reported speech shifts into ("will" becomes "would").
static BACKSHIFTED_MODALS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("backshifted_modal"));

/// A sentence that goes on with the previous sentence's reported speech: right after it, in the
/// same paragraph, without a speaker of its own, and in the backshifted modal of indirect
/// speech ("X said that the force would stay a week. After the operation, it would leave.").
fn continued_speech(
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
    // Inside a quotation the previous sentence opened: the same speaker's words.
    if quote_open_at(text, sentence.start) {
        let said_on = previous.when.as_ref().map(When::anchor_date).or(made_on);
        let times = times_as_of(input, sentence, said_on, made_on);
        return Some(ClaimSketch {
            span: sentence,
            section,
            kind: ClaimKind::Statement,
            modality: Modality::Reported,
            when: previous.when.clone(),
            when_span: previous.when_span,
            speaker: Some(previous.speaker),
            participants: participants(input, sentence, None),
            prediction: forecast_in(input, sentence, said_on, Some(previous.speaker), &times),
        });
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
    if !backshifted {
        return None;
    }
    Some(ClaimSketch {
        span: sentence,
        section,
        kind: ClaimKind::Statement,
        modality: Modality::Reported,
        when: previous.when.clone(),
        when_span: previous.when_span,
        speaker: Some(previous.speaker),
        participants: participants(input, sentence, None),
        prediction: {
            let said_on = previous.when.as_ref().map(When::anchor_date).or(made_on);
            let times = times_as_of(input, sentence, said_on, made_on);
            forecast_in(input, sentence, said_on, Some(previous.speaker), &times)
        },
    })
}

/// Whether the word after `span` (within the sentence) is one of `words`.
fn followed_by_word(text: &str, span: Span, sentence: Span, words: &[&str]) -> bool {
    words_ahead(text, span.end, sentence.end)
        .first()
        .is_some_and(|w| words.contains(&lower_word(text, *w).as_str()))
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
    if participle {
        let before = mentions_in(input.actors, Span::new(sentence.start, verb.start));
        if let Some(subject) = before
            .iter()
            .find(|m| !m.modifier && m.kind != ActorKind::Location)
        {
            return Some((subject.actor, subject.span));
        }
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

/// A statement's time: its own date (before the verb, or right after it: "said on Monday"),
/// else the date of the previous statement it continues ("He also announced"), else the first
/// date of what it reports.
fn statement_time(
    input: &ClaimInput,
    sentence: Span,
    verb: Span,
    speaker: usize,
    index: usize,
    previous: Option<&PreviousStatement>,
) -> (Option<When>, Option<Span>) {
    let dated = |t: &&TimeRef| t.when.is_some();
    // "X happened, the minister said": what is reported comes first, and its times are not the
    // statement's own.
    let content_end = content_first(input.text, sentence, verb).unwrap_or(sentence.start);
    // A relative clause between subject and verb ("X, who arrived on Monday, said") dates
    // something else; a participle ("X, speaking on Monday, said") dates the statement.
    let parenthetical_end = subject_end(input.text, sentence, verb.start);
    let relative_clause = words_ahead(input.text, parenthetical_end, verb.start)
        .first()
        .is_some_and(|w| {
            matches!(
                lower_word(input.text, *w).as_str(),
                "who" | "which" | "whose" | "whom"
            )
        });
    let own_end = if relative_clause {
        parenthetical_end
    } else {
        verb.start
    };
    let own_before = times_in(input.times, Span::new(content_end, own_end))
        .filter(dated)
        .last();
    let own_after = times_in(input.times, Span::new(verb.end, sentence.end))
        .filter(dated)
        .find(|t| {
            let gap = input.text.get(verb.end..t.span.start).unwrap_or("");
            gap.split_whitespace().count() <= 1 && !gap.contains(',')
        });
    if let Some(own) = own_before.or(own_after) {
        return (own.when.clone(), Some(own.span));
    }
    // The same speaker in the next sentence of the same paragraph speaks on the same occasion,
    // unless the text moves on in time ("Later, he said").
    let same_paragraph = input
        .sentences
        .get(index.wrapping_sub(1))
        .and_then(|before| input.text.get(before.end..sentence.start))
        .is_some_and(|gap| gap.matches('\n').count() <= 1);
    let continues = previous.is_some_and(|p| p.speaker == speaker && p.sentence + 1 == index)
        && same_paragraph
        && !word_spans(input.text, sentence).iter().any(|w| {
            matches!(
                lower_word(input.text, *w).as_str(),
                "later" | "afterwards" | "subsequently" | "since" | "then"
            )
        });
    if continues && let Some(p) = previous.filter(|p| p.when.is_some()) {
        return (p.when.clone(), p.when_span);
    }
    times_in(input.times, Span::new(sentence.start, content_end))
        .chain(times_in(input.times, Span::new(verb.end, sentence.end)))
        .find(dated)
        .map_or((None, None), |t| (t.when.clone(), Some(t.span)))
}

/// Words after a sentence-final reporting verb that do not start what is reported.
static REPORT_TAIL_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("report_tail"));

/// Where the reported content ends when it comes before its speaker ("The truce holds, the
/// envoy said on Monday."): the comma or closing quote before the speaker. `None` when the
/// content follows the verb ("said that ...").
fn content_first(text: &str, sentence: Span, verb: Span) -> Option<usize> {
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

/// A clause in the author's own voice: a prediction when it is hedged and forward-looking, an
/// assessment when it judges, an event when an actor did something.
fn author_clause(
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

fn has_actor(input: &ClaimInput, span: Span) -> bool {
    !mentions_in(input.actors, span).is_empty()
}

fn hedge_is_modal(text: &str, prediction: &PredictionSketch) -> bool {
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
                || super::verbs::is_irregular_past(&lower))
    })
}

/// The forecast a span carries: its most specific forward-looking hedge, the probability of
/// what it states, and a due date (stated, or the default horizon marked as inferred).
fn forecast_in(
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

/// Whether a modal hedge is used as a forward-looking modal verb, and if so whether it is
/// negated. `None` for "at will", "political will", "might have been".
fn modal_use(text: &str, span: Span, hedge: &HedgeMatch) -> Option<bool> {
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
static UNFORECASTABLE_VERBS: LazyLock<WordSet> =
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
fn is_after(time: &TimeRef, made_on: Option<NaiveDate>) -> bool {
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
static COPULAS: LazyLock<WordSet> = LazyLock::new(|| tables::CLAIM_WORDS.words_of_class("copula"));

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

    #[test]
    fn words_split_at_non_ascii_punctuation_and_keep_apostrophes() {
        let text = "\u{201c}We won\u{2019}t\u{201d}, said Zo\u{00eb}\u{2014}Kyiv's envoy";
        let words: Vec<&str> = word_spans(text, Span::new(0, text.len()))
            .into_iter()
            .map(|w| w.of(text))
            .collect();
        assert_eq!(
            words,
            [
                "We",
                "won\u{2019}t",
                "said",
                "Zo\u{00eb}",
                "Kyiv's",
                "envoy"
            ]
        );
        // A window that starts inside "ë" leaves the cut word out.
        let inside = text.find('\u{00eb}').unwrap() + 1;
        let cut = word_spans(text, Span::new(inside, text.len()));
        assert_eq!(cut.first().map(|w| w.of(text)), Some("Kyiv's"));
    }

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

    fn find(text: &str, word: &str) -> Span {
        let start = text.find(word).expect("word in text");
        Span::new(start, start + word.len())
    }

    fn mention(text: &str, word: &str, actor: usize, kind: ActorKind) -> ActorRef {
        ActorRef {
            span: find(text, word),
            actor,
            kind,
            modifier: false,
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    struct Case {
        text: String,
        sentences: Vec<Span>,
        sections: Vec<SectionRef>,
        times: Vec<TimeRef>,
        actors: Vec<ActorRef>,
    }

    impl Case {
        fn new(text: &str) -> Self {
            Case {
                text: text.to_string(),
                sentences: crate::extract::sentences::split(text),
                sections: vec![SectionRef {
                    span: Span::new(0, text.len()),
                    heading: None,
                    date: Some(day(2023, 3, 10)),
                }],
                times: Vec::new(),
                actors: Vec::new(),
            }
        }

        fn actor(mut self, word: &str, actor: usize, kind: ActorKind) -> Self {
            self.actors.push(mention(&self.text, word, actor, kind));
            self.actors.sort_by_key(|m| m.span.start);
            self
        }

        fn day(mut self, word: &str, date: NaiveDate) -> Self {
            self.times.push(TimeRef {
                span: find(&self.text, word),
                when: Some(When::day(date)),
                duration: None,
                unresolved: false,
            });
            self
        }

        fn claims(&self) -> Vec<ClaimSketch> {
            build(&ClaimInput {
                text: &self.text,
                sentences: &self.sentences,
                sections: &self.sections,
                excluded: &[],
                headline: None,
                times: &self.times,
                actors: &self.actors,
                resolve: &|_, _| Vec::new(),
            })
        }
    }

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
    fn an_unlinked_pronoun_names_no_speaker() {
        // The actor stage found no person for "he": the mayor's name alone does not make one.
        let case = Case::new("Mayor Tom Hale visited the port. Later he announced a curfew.")
            .actor("Tom Hale", 3, ActorKind::Person);
        let claims = case.claims();
        assert!(claims.iter().all(|c| c.speaker.is_none()), "{claims:?}");
    }

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

    #[test]
    fn a_reporting_verb_inside_a_quotation_is_not_the_report() {
        let case = Case::new("\"Sylvania says no to talks,\" Anna Berg said on Friday.")
            .actor("Sylvania", 1, ActorKind::State)
            .actor("Anna Berg", 0, ActorKind::Person);
        assert_eq!(case.claims()[0].speaker, Some(0));
    }

    #[test]
    fn content_before_its_speaker_gives_the_date_of_what_is_reported() {
        let case =
            Case::new("The convoy crossed on March 2, the minister Anna Berg said on March 9.")
                .actor("Anna Berg", 0, ActorKind::Person)
                .day("March 2", day(2023, 3, 2))
                .day("March 9", day(2023, 3, 9));
        let claims = case.claims();
        assert_eq!(claims[0].speaker, Some(0));
        assert_eq!(claims[0].when, Some(When::day(day(2023, 3, 9))));
        let case = Case::new("Talks could resume on March 20, analysts warned.");
        let speakers = unnamed_speakers(&case.text, &case.sentences, &[]);
        assert_eq!(speakers.len(), 1);
        assert_eq!(speakers[0].of(&case.text), "analysts");
    }

    #[test]
    fn a_wire_dateline_is_not_part_of_the_claim() {
        let case = Case::new("TIRANA, March 3 (Wire) - Sylvania closed the border on Friday.")
            .actor("Sylvania", 1, ActorKind::State);
        let claims = case.claims();
        assert_eq!(
            claims[0].span.of(&case.text),
            "Sylvania closed the border on Friday."
        );
    }

    #[test]
    fn unnamed_speakers_are_found_before_verbs_and_after_according_to() {
        let text =
            "Two senior Western diplomats said the plan was dead. According to officials, it is.";
        let sentences = crate::extract::sentences::split(text);
        let found: Vec<&str> = unnamed_speakers(text, &sentences, &[])
            .iter()
            .map(|s| s.of(text))
            .collect();
        assert_eq!(found, vec!["Two senior Western diplomats", "officials"]);
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
    fn institutions_and_parenthesised_subjects_are_unnamed_speakers() {
        let text = "Police said the road was closed. The army denied it. A senior diplomat, who \
                    asked not to be named, said the plan was dead.";
        let sentences = crate::extract::sentences::split(text);
        let found: Vec<&str> = unnamed_speakers(text, &sentences, &[])
            .iter()
            .map(|s| s.of(text))
            .collect();
        assert_eq!(found, vec!["Police", "army", "senior diplomat"]);
    }

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
    fn a_heading_on_the_first_line_of_a_paragraph_is_not_part_of_its_claim() {
        let text = "Update, 12 March: Fighting resumed near the bridge on Sunday.";
        let mut case = Case::new(text);
        case.sections[0].heading = Some(find(text, "Update, 12 March:"));
        let claims = case.claims();
        assert_eq!(claims.len(), 1);
        assert_eq!(
            claims[0].span.of(text),
            "Fighting resumed near the bridge on Sunday."
        );
    }

    #[test]
    fn each_side_of_a_semicolon_has_its_own_speaker() {
        let case = Case::new(
            "The Sylvanian army blamed rebel units for the attack; the rebel council said it \
             had been fired upon first.",
        )
        .actor("Sylvanian army", 0, ActorKind::Organisation)
        .actor("rebel council", 1, ActorKind::Group);
        let claims = case.claims();
        assert_eq!(claims.len(), 2);
        assert_eq!(claims[0].speaker, Some(0));
        assert_eq!(claims[1].speaker, Some(1));
        let short = Case::new("Talks failed; the army, which blamed the rebels, withdrew.");
        assert_eq!(short.claims().len(), 1);
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
    fn the_same_speaker_next_in_the_paragraph_keeps_the_date() {
        let case = Case::new(
            "On March 8, Anna Berg said the port would reopen. She said talks would follow.",
        )
        .actor("Anna Berg", 0, ActorKind::Person)
        .day("March 8", day(2023, 3, 8));
        let claims = case.claims();
        assert_eq!(claims[1].speaker, Some(0));
        assert_eq!(claims[1].when, Some(When::day(day(2023, 3, 8))));
        assert_eq!(
            claims[1].prediction.as_ref().unwrap().made_on,
            Some(day(2023, 3, 8))
        );
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
