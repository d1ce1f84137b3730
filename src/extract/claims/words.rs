//! Words around a position: word spans, their lower-case forms, the words just before or
//! after a byte, and how far the rules look.

use crate::extract::Span;
use crate::lexicon::is_word_char;

/// The word spans of `span` in `text`: runs of word chars ([`is_word_char`]), apostrophes
/// kept inside them ("didn't", "Russia's"). A word cut by an end of `span` that falls inside a
/// char is left out.
pub(super) fn word_spans(text: &str, span: Span) -> Vec<Span> {
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

pub(super) fn lower_word(text: &str, word: Span) -> String {
    word.of(text).to_ascii_lowercase()
}

/// How far back from a word the rules look, in bytes: a subject, a pronoun, a copula or a
/// clause opener is never further away in real prose, and the bound keeps the work per word
/// constant on text without punctuation.
pub(crate) const LOOKBACK_BYTES: usize = 300;
/// How far ahead of a word the rules look, in bytes.
pub(crate) const LOOKAHEAD_BYTES: usize = 300;

/// `to`, or the first char boundary at least [`LOOKAHEAD_BYTES`] after `from` when nearer.
pub(super) fn ahead_end(text: &str, from: usize, to: usize) -> usize {
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
pub(super) fn words_back(text: &str, from: usize, to: usize) -> Vec<Span> {
    let start = to.saturating_sub(LOOKBACK_BYTES).max(from);
    let mut words = word_spans(text, Span::new(start, to));
    if start > from && words.first().is_some_and(|w| w.start == start) {
        words.remove(0);
    }
    words
}

/// The words of `text[from..to]`, or of its first [`LOOKAHEAD_BYTES`] when longer (a word cut
/// by the window is left out).
pub(super) fn words_ahead(text: &str, from: usize, to: usize) -> Vec<Span> {
    let end = to.min(from.saturating_add(LOOKAHEAD_BYTES));
    let mut words = word_spans(text, Span::new(from, end));
    if end < to && words.last().is_some_and(|w| w.end == end) {
        words.pop();
    }
    words
}

/// Whether the word after `span` (within the sentence) is one of `words`.
pub(super) fn followed_by_word(text: &str, span: Span, sentence: Span, words: &[&str]) -> bool {
    words_ahead(text, span.end, sentence.end)
        .first()
        .is_some_and(|w| words.contains(&lower_word(text, *w).as_str()))
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
}
