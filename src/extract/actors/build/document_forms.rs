//! The names the text itself introduced (full names, surnames with possessives, defined
//! acronyms, candidate names), found again wherever else they occur.

use super::words::is_capitalised;
use super::{Builder, Key};
use crate::domain::ActorKind;
use crate::extract::Span;
use crate::extract::actors::MentionVia;
use crate::extract::actors::tokens::Gap;
use crate::extract::gazetteer::{NamePart, WordClass, is_whole_word};
use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap as HashMap;

impl<'t> Builder<'t> {
    /// Finds the remaining mentions of names the text itself introduced: full names, surnames
    /// (possessives included), defined acronyms and candidate names, wherever they occur.
    pub(super) fn document_forms_pass(&mut self) {
        let surnames = self.surname_map();
        let mut forms: HashMap<String, (usize, MentionVia)> = HashMap::default();
        let mut ambiguous: HashMap<String, Vec<usize>> = HashMap::default();
        let mut add = |forms: &mut HashMap<String, (usize, MentionVia)>,
                       s: String,
                       a: usize,
                       via| {
            match forms.get(&s) {
                Some(&(b, _)) if b != a => {
                    let list = ambiguous.entry(s).or_insert_with(|| vec![b]);
                    if !list.contains(&a) {
                        list.push(a);
                    }
                }
                Some(_) => {}
                None => {
                    forms.insert(s, (a, via));
                }
            }
        };
        for (i, a) in self.actors.iter().enumerate() {
            if a.kind != ActorKind::Person || a.name.is_empty() {
                continue;
            }
            if a.name.split_whitespace().count() >= 2
                || self.keys.get(&Key::Person(a.name.clone())) == Some(&i)
            {
                add(&mut forms, a.name.clone(), i, MentionVia::Name);
            }
        }
        for (s, list) in &surnames {
            for &one in list {
                add(&mut forms, s.clone(), one, MentionVia::Surname);
            }
        }
        // "Steve" for "Steve Jobs": a given name alone, once the full name is known.
        for (i, a) in self.actors.iter().enumerate() {
            let mut words = a.name.split_whitespace();
            if a.kind == ActorKind::Person
                && !self.unnamed.contains(&i)
                && let (Some(first), Some(_)) = (words.next(), words.next())
                && matches!(self.g.name_part(first), Some((NamePart::Given, _)))
                && !surnames.contains_key(first)
            {
                add(&mut forms, first.to_string(), i, MentionVia::GivenName);
            }
        }
        for (s, a, via) in std::mem::take(&mut self.doc_forms) {
            add(&mut forms, s, a, via);
        }
        // A name shared by several actors is still found, to be linked to the latest of them
        // mentioned and flagged; `usize::MAX` marks it.
        let mut shared: Vec<Vec<usize>> = Vec::new();
        for (s, actors) in ambiguous {
            if let Some(entry) = forms.get_mut(&s) {
                *entry = (usize::MAX - shared.len(), MentionVia::Surname);
                shared.push(actors);
            }
        }
        if forms.is_empty() {
            return;
        }
        let list: Vec<(String, usize, MentionVia)> =
            forms.into_iter().map(|(s, (a, v))| (s, a, v)).collect();

        // Built for one document: a contiguous NFA costs far less to build than the DFA the
        // builder would pick for a few patterns, and searches nearly as fast.
        let Ok(ac) = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(list.iter().map(|f| f.0.as_str()))
        else {
            return;
        };
        let text = self.text;
        let mut hits: Vec<(Span, usize, MentionVia)> = ac
            .find_overlapping_iter(text)
            .filter(|m| is_whole_word(text, m.start(), m.end()))
            .filter_map(|m| {
                let &(_, a, via) = list.get(m.pattern().as_usize())?;
                Some((Span::new(m.start(), m.end()), a, via))
            })
            .collect();
        hits.sort_by_key(|(s, _, _)| (s.start, std::cmp::Reverse(s.end)));
        let mut last_end = 0;
        for (span, actor, via) in hits {
            if span.start < last_end || !self.is_free(span) || self.is_excluded(span) {
                continue;
            }
            if matches!(via, MentionVia::Surname | MentionVia::GivenName)
                && self.beside_capitalised(span)
            {
                continue;
            }
            let actor = match shared.get(usize::MAX - actor) {
                Some(many) => {
                    let chosen = self.latest_mentioned(many, span.start);
                    self.ambiguity(span, chosen, many);
                    chosen
                }
                None => actor,
            };
            last_end = span.end;
            self.mention(span, actor, via, false);
            self.claim(span);
        }
    }

    /// Whether a capitalised name-like word touches `span` on either side (so a surname there
    /// is part of someone else's name).
    pub(super) fn beside_capitalised(&self, span: Span) -> bool {
        let (Some(first), Some(last)) = (self.tok_starting(span.start), self.tok_ending(span.end))
        else {
            return false;
        };
        let check = |i: usize, gap_tok: usize| {
            self.tok(gap_tok).is_some_and(|t| t.gap == Gap::Space)
                && self.tok(i).is_some_and(|t| {
                    let w = t.text(self.text);
                    t.word
                        && is_capitalised(w)
                        && !t.at_start
                        && !self.g.is(w, WordClass::Starter)
                        && !self.g.is(w, WordClass::NonName)
                })
        };
        first.checked_sub(1).is_some_and(|p| check(p, first)) || check(last + 1, last + 1)
    }
}
