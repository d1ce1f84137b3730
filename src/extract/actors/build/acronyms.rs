//! Rule 3, acronym definitions: a long name followed by its acronym in brackets ("Eurasian
//! Widget Council (EWC)") defines both as one organisation.

use super::Builder;
use super::words::is_capitalised;
use crate::extract::Span;
use crate::extract::actors::MentionVia;
use crate::extract::actors::tokens::Gap;
use crate::extract::gazetteer::WordClass;

impl<'t> Builder<'t> {
    pub(super) fn acronym_pass(&mut self) {
        let text = self.text;
        let n = self.toks.len();
        let mut i = 0;
        while i + 2 < n {
            let (Some(open), Some(acr), Some(close)) =
                (self.tok(i), self.tok(i + 1), self.tok(i + 2))
            else {
                break;
            };
            let acronym = acr.text(text);
            let is_def = open.text(text) == "("
                && close.text(text) == ")"
                && acr.word
                && !acr.excluded
                && (2..=10).contains(&acronym.len())
                && is_capitalised(acronym)
                && acronym.chars().filter(|c| c.is_uppercase()).count() >= 2;
            if !is_def || i == 0 {
                i += 1;
                continue;
            }
            let acr_span = Span::new(acr.start, acr.end);
            if let Some((first, last)) = self.long_name_before(i, acronym) {
                self.define(first, last, acronym, acr_span);
            }
            i += 3;
        }
    }

    /// The words before token `open` whose initials spell `acronym`: `(first, last)` tokens.
    pub(super) fn long_name_before(&self, open: usize, acronym: &str) -> Option<(usize, usize)> {
        let letters: Vec<char> = acronym
            .chars()
            .filter(|c| c.is_uppercase() || c.is_ascii_digit())
            .flat_map(char::to_lowercase)
            .collect();
        let last = open.checked_sub(1)?;
        if self.tok(open)?.gap == Gap::Break {
            return None;
        }
        let mut words: Vec<usize> = Vec::new();
        let mut k = last;
        // Failing an exact spelling, an acronym taken from another language ("National
        // Electoral Council (CNE)"): the longest stretch whose initials hold all of its letters
        // but one, in any order, with at most one initial to spare.
        let mut loose: Option<usize> = None;
        loop {
            let t = self.tok(k)?;
            if !t.word || t.excluded {
                break;
            }
            let w = t.text(self.text);
            let function = matches!(
                w.to_ascii_lowercase().as_str(),
                "of" | "the" | "for" | "and" | "on" | "in" | "to" | "de" | "des" | "du" | "la"
            );
            if !is_capitalised(w) && !function {
                break;
            }
            words.push(k);
            if is_capitalised(w) {
                let significant: Vec<&str> = words
                    .iter()
                    .rev()
                    .map(|&x| self.word(x))
                    .filter(|w| is_capitalised(w))
                    .collect();
                if spells(&significant, &letters) {
                    return Some((k, last));
                }
                if letters.len() >= 2 && significant.len() <= letters.len() + 1 {
                    let mut left: Vec<char> = letters.clone();
                    let mut spare = 0;
                    for w in &significant {
                        let initial = w.chars().next().and_then(|c| c.to_lowercase().next());
                        match left.iter().position(|&c| Some(c) == initial) {
                            Some(at) => {
                                left.remove(at);
                            }
                            None => spare += 1,
                        }
                    }
                    if left.len() <= 1
                        && spare <= 1
                        && significant.len() >= 2
                        && !self.g.is(w, WordClass::Starter)
                    {
                        loose = Some(k);
                    }
                }
            }
            if words.len() >= 12 || t.gap != Gap::Space || k == 0 {
                break;
            }
            k -= 1;
        }
        loose.map(|k| (k, last))
    }

    pub(super) fn define(&mut self, first: usize, last: usize, acronym: &str, acr_span: Span) {
        let Some(long_span) = self.span_of(first, last) else {
            return;
        };
        let long = long_span.of(self.text).to_string();
        let long_mention = self
            .first_mention_at(long_span, |m| !m.nested)
            .map(|m| m.actor);
        let acr_mention = self.first_mention_at(acr_span, |_| true).map(|m| m.actor);
        match (long_mention, acr_mention) {
            (Some(_), Some(_)) => {}
            (Some(a), None) => {
                if self.is_free(acr_span) {
                    self.mention(acr_span, a, MentionVia::Acronym, false);
                    self.claim(acr_span);
                }
                self.doc_form(acronym.to_string(), a, MentionVia::Acronym);
            }
            (None, Some(a)) => {
                if self.long_name_is_free(long_span) {
                    self.take_over(long_span);
                    self.mention(long_span, a, MentionVia::Name, false);
                    self.claim(long_span);
                    self.doc_form(long, a, MentionVia::Name);
                }
            }
            (None, None) => {
                if !self.long_name_is_free(long_span) || !self.is_free(acr_span) {
                    return;
                }
                self.take_over(long_span);
                let a = self.organisation(&long, false);
                self.mention(long_span, a, MentionVia::Name, false);
                self.mention(acr_span, a, MentionVia::Acronym, false);
                self.claim(long_span);
                self.claim(acr_span);
                self.doc_form(long, a, MentionVia::Name);
                self.doc_form(acronym.to_string(), a, MentionVia::Acronym);
            }
        }
    }

    /// A defined long name may contain adjective mentions ("Eurasian" in "Eurasian Widget
    /// Council") but no title phrase or other name.
    pub(super) fn long_name_is_free(&self, span: Span) -> bool {
        let inside_adjectives_only = self
            .mention_index
            .near(span)
            .filter_map(|i| self.mentions.get(i))
            .filter(|m| m.span.overlaps(span))
            .all(|m| span.contains(m.span) && m.via == MentionVia::Adjective);
        let no_titles = !self
            .title_index
            .near(span)
            .filter_map(|i| self.titles.get(i))
            .any(|t| t.span.overlaps(span));
        inside_adjectives_only && no_titles
    }

    /// Marks the mentions inside a longer name as nested in it, and frees their claims for
    /// the longer name.
    pub(super) fn take_over(&mut self, span: Span) {
        let inside: Vec<usize> = self.mention_index.near(span).collect();
        for i in inside {
            if let Some(m) = self.mentions.get_mut(i)
                && span.contains(m.span)
            {
                m.nested = true;
            }
        }
        let inside: Vec<usize> = self
            .claimed
            .range(span.start..span.end)
            .filter(|(_, e)| **e <= span.end)
            .map(|(s, _)| *s)
            .collect();
        for s in inside {
            self.claimed.remove(&s);
        }
    }
}

/// Whether the initials of `words` spell `letters`; a hyphenated word may give the initial of
/// each part ("Anti-Terrorism" -> A or AT).
pub(super) fn spells(words: &[&str], letters: &[char]) -> bool {
    fn go(words: &[&str], letters: &[char]) -> bool {
        let Some((w, rest)) = words.split_first() else {
            return letters.is_empty();
        };
        let initial = |s: &str| {
            s.chars()
                .next()
                .map(|c| c.to_lowercase().next().unwrap_or(c))
        };
        let Some(first) = initial(w) else {
            return false;
        };
        if letters.first() == Some(&first) && go(rest, letters.get(1..).unwrap_or(&[])) {
            return true;
        }
        if w.contains('-') {
            let parts: Vec<char> = w.split('-').filter_map(initial).collect();
            if letters.len() >= parts.len()
                && letters.get(..parts.len()) == Some(parts.as_slice())
                && go(rest, letters.get(parts.len()..).unwrap_or(&[]))
            {
                return true;
            }
        }
        false
    }
    !words.is_empty() && go(words, letters)
}
