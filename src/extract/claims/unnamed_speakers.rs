//! Unnamed speakers: sources the text does not name ("diplomats said", "according to
//! officials", "the ministry said"), proposed as group actors.

use super::ActorRef;
use super::attribution::{REPORTING_VERBS, VERB_ADVERBS, subject_end};
use super::quotes::quoted_spans;
use super::words::{ahead_end, lower_word, words_ahead, words_back};
use crate::extract::Span;
use crate::lexicon::{PhraseTable, WordSet, tables};
use std::sync::LazyLock;

static UNNAMED_SPEAKERS: LazyLock<PhraseTable<()>> = LazyLock::new(|| {
    PhraseTable::new(
        tables::UNNAMED_SPEAKERS
            .rows()
            .filter_map(|row| row.first().map(|m| (m.trim().to_lowercase(), ()))),
    )
});

/// Modifiers that may lead an unnamed speaker ("two senior Western diplomats").
pub(super) static SPEAKER_MODIFIERS: LazyLock<WordSet> =
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
