//! The document lexicon (`data/document_lexicon.tsv`): phrases that mark navigation, lists of
//! other stories, section labels, date-line words, byline roles, name particles, column names,
//! organisation words and HTML furniture hints.

use crate::lexicon::{Table, tables};
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// What a phrase marks. A phrase may have several kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordKind {
    Nav,
    Tail,
    Section,
    Date,
    Role,
    Particle,
    Genre,
    Org,
    HtmlHint,
}

impl WordKind {
    fn parse(kind: &str) -> Option<Self> {
        Some(match kind {
            "nav" => WordKind::Nav,
            "tail" => WordKind::Tail,
            "section" => WordKind::Section,
            "date" => WordKind::Date,
            "role" => WordKind::Role,
            "particle" => WordKind::Particle,
            "genre" => WordKind::Genre,
            "org" => WordKind::Org,
            "hint" => WordKind::HtmlHint,
            _ => return None,
        })
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// Phrases by kind.
#[derive(Debug)]
pub(crate) struct Lexicon {
    phrases: HashMap<&'static str, u16>,
    /// The most words in any phrase.
    longest: usize,
}

static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::read(tables::DOCUMENT_LEXICON));

impl Lexicon {
    /// The lexicon compiled into the program.
    pub(crate) fn builtin() -> &'static Lexicon {
        &BUILTIN
    }

    fn read(table: Table) -> Lexicon {
        let mut phrases: HashMap<&'static str, u16> = HashMap::default();
        let mut longest = 1;
        for row in table.rows() {
            let (phrase, kind) = (row[0], row[1]);
            let Some(kind) = WordKind::parse(kind) else {
                continue;
            };
            longest = longest.max(phrase.split_whitespace().count());
            *phrases.entry(phrase).or_default() |= kind.bit();
        }
        Lexicon { phrases, longest }
    }

    /// Whether `phrase` (lower case, single spaces) is of `kind`.
    pub(crate) fn is(&self, phrase: &str, kind: WordKind) -> bool {
        self.phrases
            .get(phrase)
            .is_some_and(|bits| bits & kind.bit() != 0)
    }

    /// Whether the lower-cased `words` can be cut, left to right and longest first, into
    /// phrases of `kind` (or of `also`).
    pub(crate) fn covers(&self, words: &[String], kind: WordKind, also: Option<WordKind>) -> bool {
        if words.is_empty() {
            return false;
        }
        let mut at = 0;
        'outer: while at < words.len() {
            for len in (1..=self.longest.min(words.len() - at)).rev() {
                let phrase = words[at..at + len].join(" ");
                if self.is(&phrase, kind) || also.is_some_and(|k| self.is(&phrase, k)) {
                    at += len;
                    continue 'outer;
                }
            }
            return false;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_well_formed() {
        for row in tables::DOCUMENT_LEXICON.rows() {
            let (phrase, kind) = (row[0], row[1]);
            assert_eq!(phrase, phrase.to_lowercase(), "{row:?}");
            assert!(WordKind::parse(kind).is_some(), "unknown kind in {row:?}");
        }
    }

    #[test]
    fn phrases_cover_lines() {
        let lexicon = Lexicon::builtin();
        let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert!(lexicon.covers(&words("share this article print"), WordKind::Nav, None));
        assert!(lexicon.covers(&words("back"), WordKind::Nav, None));
        assert!(!lexicon.covers(&words("back to the future"), WordKind::Nav, None));
        assert!(lexicon.is("related articles", WordKind::Tail));
        assert!(lexicon.is("analysis", WordKind::Genre));
        assert!(lexicon.is("analysis", WordKind::Section));
    }
}
