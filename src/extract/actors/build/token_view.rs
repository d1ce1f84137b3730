//! Looking at the tokens: by index, by byte offset, and whether a verb follows a word.

use super::Builder;
use super::words::is_capitalised;
use crate::extract::Span;
use crate::extract::actors::tokens::Token;
use crate::extract::gazetteer::WordClass;

impl<'t> Builder<'t> {
    pub(super) fn tok(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }

    pub(super) fn word(&self, i: usize) -> &'t str {
        let text = self.text;
        self.toks.get(i).map_or("", |t| t.text(text))
    }

    /// The token starting exactly at byte `at`.
    pub(super) fn tok_starting(&self, at: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.start < at);
        self.toks.get(i).filter(|t| t.start == at).map(|_| i)
    }

    /// The token ending exactly at byte `at`.
    pub(super) fn tok_ending(&self, at: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.end < at);
        self.toks.get(i).filter(|t| t.end == at).map(|_| i)
    }

    pub(super) fn span_of(&self, first: usize, last: usize) -> Option<Span> {
        Some(Span::new(self.tok(first)?.start, self.tok(last)?.end))
    }

    /// The index of the first token starting at or after byte `at` (the token count if none),
    /// searched from token `from`, which must not lie past it: a galloping search, cheap when
    /// the answer is near `from`.
    pub(super) fn first_token_from(&self, from: usize, at: usize) -> usize {
        let rest = self.toks.get(from..).unwrap_or(&[]);
        let mut bound = 1;
        while bound < rest.len() && rest.get(bound - 1).is_some_and(|t| t.start < at) {
            bound *= 2;
        }
        let window = rest.get(..bound.min(rest.len())).unwrap_or(&[]);
        from + window.partition_point(|t| t.start < at)
    }

    /// The first token starting at or after byte `at`.
    pub(super) fn tok_starting_after(&self, at: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.start < at);
        self.toks.get(i).map(|_| i)
    }

    /// Whether the tokens from `i` on read as a verb with its subject before: optional
    /// auxiliaries and adverbs (or "who"), then a reporting or action verb or a past form.
    pub(super) fn verb_follows(&self, i: usize) -> bool {
        self.verb_after(i).is_some()
    }

    /// Whether the verb [`Self::verb_follows`] finds from `i` on is a reporting verb ("said",
    /// "announced"): what comes before it is a speaker.
    pub(super) fn reporting_verb_follows(&self, i: usize) -> bool {
        self.verb_after(i)
            .is_some_and(|k| self.g.is(self.word(k), WordClass::ReportVerb))
    }

    /// The token of the verb [`Self::verb_follows`] looks for from `i` on.
    pub(super) fn verb_after(&self, i: usize) -> Option<usize> {
        for k in i..i + 5 {
            let t = self.tok(k)?;
            if !t.word {
                return None;
            }
            let w = t.text(self.text);
            if is_capitalised(w) && k != i {
                return None;
            }
            if self.g.is(w, WordClass::ReportVerb) || self.g.is(w, WordClass::ActionVerb) {
                return Some(k);
            }
            if w.len() > 4 && w.ends_with("ed") && !is_capitalised(w) {
                return Some(k);
            }
            if !(self.g.is(w, WordClass::Aux) || w == "who") {
                return None;
            }
        }
        None
    }
}
