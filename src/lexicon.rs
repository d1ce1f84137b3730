//! Compiled-in word lists: reading the project's TSV data files and finding their phrases in
//! text as whole words, longest phrase first, ignoring ASCII case. Shared by the extractor and
//! the forecast lexicon so that every list is matched the same way.

mod calendar;
mod table;
pub mod tables;

pub use calendar::{CalendarKind, CalendarName, NameForm, calendar_names, full_names};
pub use table::{Table, WordSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// A table of phrases, each with a value, matched as whole words.
#[derive(Debug)]
pub struct PhraseTable<T> {
    values: Vec<T>,
    phrases: Vec<String>,
    matcher: Option<AhoCorasick>,
}

/// A phrase found in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PhraseMatch<'t, T> {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The phrase's value.
    pub value: &'t T,
}

impl<T> PhraseTable<T> {
    /// Builds a table; phrases are matched ignoring ASCII case.
    pub fn new(rows: impl IntoIterator<Item = (String, T)>) -> Self {
        let (phrases, values): (Vec<String>, Vec<T>) = rows.into_iter().unzip();
        // Tables are small and searched sentence by sentence: a DFA is the fastest to scan.
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&phrases)
            .ok();
        PhraseTable {
            values,
            phrases,
            matcher,
        }
    }

    /// Every value, in table order.
    pub fn values(&self) -> &[T] {
        &self.values
    }

    /// The phrase of the value at `index`.
    pub fn phrase(&self, index: usize) -> Option<&str> {
        self.phrases.get(index).map(String::as_str)
    }

    /// The phrases found in `text[start..end]` as whole words, in text order, with offsets into
    /// `text`. A range that does not fit the text finds nothing.
    pub fn find_in(&self, text: &str, start: usize, end: usize) -> Vec<PhraseMatch<'_, T>> {
        let (Some(matcher), Some(slice)) = (&self.matcher, text.get(start..end)) else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        matcher
            .find_iter(slice)
            .map(|m| (start + m.start(), start + m.end(), m.pattern().as_usize()))
            .filter(|&(s, e, _)| is_word_start(bytes, s) && is_word_end(bytes, e))
            .filter_map(|(s, e, index)| {
                self.values.get(index).map(|value| PhraseMatch {
                    start: s,
                    end: e,
                    value,
                })
            })
            .collect()
    }

    /// The phrases found anywhere in `text`.
    pub fn find(&self, text: &str) -> Vec<PhraseMatch<'_, T>> {
        self.find_in(text, 0, text.len())
    }
}

/// Whether a byte can be part of a word (letters, digits, apostrophes, hyphens, non-ASCII).
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'\'' || b == b'-' || b >= 0x80
}

fn is_word_start(bytes: &[u8], at: usize) -> bool {
    at == 0
        || bytes
            .get(at - 1)
            .is_none_or(|&b| !is_word_byte(b) || !bytes.get(at).is_some_and(|&c| is_word_byte(c)))
}

fn is_word_end(bytes: &[u8], at: usize) -> bool {
    at == 0
        || bytes.get(at).is_none_or(|&b| {
            !is_word_byte(b) || !bytes.get(at - 1).is_some_and(|&c| is_word_byte(c))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_longest_first() {
        let table = PhraseTable::new([("said".to_string(), 1), ("said to".to_string(), 2)]);
        let found = table.find("He was said to be unsaid. SAID.");
        let values: Vec<i32> = found.iter().map(|m| *m.value).collect();
        assert_eq!(values, vec![2, 1]);
        assert_eq!(found[1].start, 26);
    }

    #[test]
    fn punctuation_led_phrases_match_after_words() {
        let table = PhraseTable::new([(", because".to_string(), ())]);
        assert_eq!(table.find("It fell, because it rained.").len(), 1);
    }

    #[test]
    fn a_range_outside_the_text_finds_nothing() {
        let table = PhraseTable::new([("a".to_string(), ())]);
        assert!(table.find_in("a", 0, 5).is_empty());
    }
}
