//! Compiled-in word lists: reading the project's TSV data files (one reader, [`Table`], over
//! the files listed in [`tables`]), the month and weekday names, the one definition of a word
//! character and a whole word, and finding a table's phrases in text as whole words, longest
//! phrase first, ignoring ASCII case. Shared by the extractor and the forecast lexicon so that
//! every list is read and matched the same way.

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
        matcher
            .find_iter(slice)
            .map(|m| (start + m.start(), start + m.end(), m.pattern().as_usize()))
            .filter(|&(s, e, _)| is_whole_word(text, s, e))
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

/// Whether `c` is part of a word: a letter or digit of any script, or an underscore.
/// Everything else (spaces, punctuation, apostrophes, hyphens, dashes, quotes) separates words.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether byte offset `at` of `text` falls between words: at either end of the text, or where
/// the chars on its two sides are not both word chars. An offset inside a char is no boundary.
pub fn is_word_boundary(text: &str, at: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..at), text.get(at..)) else {
        return false;
    };
    !(before.chars().next_back().is_some_and(is_word_char)
        && after.chars().next().is_some_and(is_word_char))
}

/// Whether `text[start..end]` stands as whole words: no word char of the text runs on into its
/// first or its last char. A phrase that starts or ends with punctuation (", because") needs no
/// boundary on that side.
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    start <= end && is_word_boundary(text, start) && is_word_boundary(text, end)
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
    fn letters_of_any_script_are_word_chars() {
        assert!(is_word_char('k') && is_word_char('7') && is_word_char('_'));
        assert!(is_word_char('ü') && is_word_char('ж') && is_word_char('م'));
        for separator in [
            ' ', '\'', '\u{2019}', '-', '\u{2014}', '"', '\u{201c}', '.', ',',
        ] {
            assert!(!is_word_char(separator), "{separator:?}");
        }
    }

    #[test]
    fn a_whole_word_has_no_word_char_running_on_into_it() {
        let text = "Kyivska oblast, near Kyiv\u{2019}s edge";
        let kyiv = text.find("Kyiv\u{2019}").unwrap();
        assert!(!is_whole_word(text, 0, 4), "the start of Kyivska");
        assert!(
            is_whole_word(text, kyiv, kyiv + 4),
            "a possessive ends the word"
        );
        assert!(is_whole_word(text, 0, text.len()));
        let cyrillic = "Россия";
        assert!(
            !is_whole_word(cyrillic, 0, "Рос".len()),
            "a Cyrillic word cut short"
        );
        assert!(is_whole_word("pro-Moscow", 4, 10), "a hyphen separates");
        assert!(!is_whole_word("mid_term", 0, 3), "an underscore joins");
    }

    #[test]
    fn punctuation_at_a_phrase_edge_needs_no_boundary() {
        let text = "It fell, because it rained";
        let comma = text.find(',').unwrap();
        assert!(is_whole_word(text, comma, comma + ", because".len()));
    }

    #[test]
    fn an_offset_inside_a_char_is_no_boundary() {
        let text = "café";
        assert!(!is_word_boundary(text, 4), "inside the two bytes of é");
        assert!(is_word_boundary(text, 5) && is_word_boundary(text, 0));
        assert!(!is_whole_word(text, 3, 2), "a reversed range");
    }

    #[test]
    fn phrases_match_beside_non_ascii_punctuation() {
        let table = PhraseTable::new([("said".to_string(), ())]);
        let text = "\u{201c}Enough,\u{201d} she said\u{2014}and left; he said\u{201d}.";
        assert_eq!(table.find(text).len(), 2);
        assert!(
            table.find("said\u{00e9}").is_empty(),
            "é is a letter, not a break"
        );
    }

    #[test]
    fn a_range_outside_the_text_finds_nothing() {
        let table = PhraseTable::new([("a".to_string(), ())]);
        assert!(table.find_in("a", 0, 5).is_empty());
    }
}
