//! Rule 1, lexicon matches: the situation's known actors, then the gazetteer's names, acronyms,
//! adjectives and demonyms, with the checks that keep a match sound.

use super::words::{is_all_caps, is_capitalised};
use super::{Builder, Ent};
use crate::domain::ActorKind;
use crate::extract::Span;
use crate::extract::actors::MentionVia;
use crate::extract::actors::tokens::Gap;
use crate::extract::gazetteer::{FormKind, WordClass, is_whole_word};
use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind};

impl<'t> Builder<'t> {
    pub(super) fn lexicon_pass(&mut self) -> Vec<Ent> {
        #[derive(Clone, Copy)]
        struct Cand {
            start: usize,
            end: usize,
            known: Option<(usize, bool)>,
            entry: usize,
            form: FormKind,
        }
        let text = self.text;
        let mut cands: Vec<Cand> = self
            .g
            .hits(text)
            .into_iter()
            .map(|h| Cand {
                start: h.start,
                end: h.end,
                known: None,
                entry: h.entry,
                form: h.form,
            })
            .collect();
        let mut forms: Vec<(&str, usize, bool)> = Vec::new();
        for (i, k) in self.known.iter().enumerate() {
            if !k.name.trim().is_empty() {
                forms.push((k.name.as_str(), i, false));
            }
            for a in k.aliases.iter().filter(|a| !a.trim().is_empty()) {
                forms.push((a.as_str(), i, true));
            }
        }
        if !forms.is_empty()
            && let Ok(ac) = AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(forms.iter().map(|f| f.0))
        {
            for m in ac.find_overlapping_iter(text) {
                if let Some(&(_, k, alias)) = forms.get(m.pattern().as_usize())
                    && is_whole_word(text, m.start(), m.end())
                {
                    cands.push(Cand {
                        start: m.start(),
                        end: m.end(),
                        known: Some((k, alias)),
                        entry: 0,
                        form: FormKind::Name,
                    });
                }
            }
        }
        cands.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.known.is_none()));
        let mut chosen: Vec<Cand> = Vec::new();
        for c in cands {
            if chosen.last().is_none_or(|l| c.start >= l.end) {
                chosen.push(c);
            }
        }
        let mut ents = Vec::new();
        for c in chosen {
            let span = Span::new(c.start, c.end);
            if self.is_excluded(span) {
                continue;
            }
            if let Some((k, alias)) = c.known {
                let actor = self.known_actor(k);
                let via = if alias {
                    MentionVia::Alias
                } else {
                    MentionVia::Name
                };
                ents.push(Ent {
                    span,
                    actor,
                    via,
                    form: Some(if alias {
                        FormKind::Variant
                    } else {
                        FormKind::Name
                    }),
                    entry: self
                        .g
                        .find(self.known.get(k).map_or("", |x| x.name.as_str())),
                    alive: true,
                    nested: false,
                });
                continue;
            }
            let Some(entry) = self.g.entry(c.entry) else {
                continue;
            };
            if entry.blocker {
                self.claim(span);
                continue;
            }
            if !self.lexicon_hit_is_sound(span, c.form) {
                continue;
            }
            // "Moscow said": a capital acting stands for its state.
            let (entry, form) = match self.seat_acting(span, c.entry, c.form) {
                Some(owner) => (owner, FormKind::Variant),
                None => (c.entry, c.form),
            };
            let actor = self.gaz_actor(entry);
            let via = match form {
                FormKind::Name | FormKind::LongName => MentionVia::Name,
                FormKind::Variant => MentionVia::Alias,
                FormKind::Acronym => MentionVia::Acronym,
                FormKind::Adjective => MentionVia::Adjective,
                FormKind::Demonym => MentionVia::Demonym,
            };
            ents.push(Ent {
                span,
                actor,
                via,
                form: Some(form),
                entry: Some(entry),
                alive: true,
                nested: false,
            });
        }
        ents
    }

    /// When the place written at `span` (gazetteer entry `entry`) is a seat of government
    /// that acts in its sentence, the entry of the actor it stands for: the subject of a verb
    /// ("Moscow said", "Washington has warned") or the object of a verb that addresses it
    /// ("accused Beijing"). A place after a preposition ("talks in Moscow", "flights to
    /// Beijing") stays a place.
    pub(super) fn seat_acting(&self, span: Span, entry: usize, form: FormKind) -> Option<usize> {
        let e = self.g.entry(entry)?;
        if e.kind != ActorKind::Location || !matches!(form, FormKind::Name | FormKind::Variant) {
            return None;
        }
        let owner = self.g.find(e.stands_for.as_deref()?)?;
        let first = self.tok_starting(span.start)?;
        let last = self.tok_ending(span.end)?;
        let prev = first
            .checked_sub(1)
            .filter(|_| self.tok(first).is_some_and(|t| t.gap != Gap::Break));
        let addressed = prev.is_some_and(|p| {
            self.tok(p).is_some_and(|t| t.word) && self.g.is(self.word(p), WordClass::AddressVerb)
        });
        let subject = self.tok(first).is_some_and(|t| t.at_start)
            || prev.is_none_or(|p| {
                self.tok(p).is_some_and(|t| !t.word)
                    || self.g.is(self.word(p), WordClass::ReportVerb)
                    || matches!(
                        self.word(p),
                        "and"
                            | "but"
                            | "while"
                            | "as"
                            | "that"
                            | "after"
                            | "because"
                            | "since"
                            | "when"
                            | "though"
                            | "although"
                            | "if"
                            | "where"
                            | "whereas"
                    )
            });
        let acts = subject
            && self.tok(last + 1).is_some_and(|t| t.gap == Gap::Space)
            && (self.verb_follows(last + 1)
                || matches!(
                    self.word(last + 1),
                    "would"
                        | "will"
                        | "could"
                        | "should"
                        | "must"
                        | "may"
                        | "might"
                        | "can"
                        | "cannot"
                ));
        (acts || addressed).then_some(owner)
    }

    /// Drops lexicon matches that are probably something else: a name that is also a personal
    /// name standing next to another capitalised word ("Michael Jordan"), and a short
    /// all-capital form inside an all-capital headline ("LET US").
    pub(super) fn lexicon_hit_is_sound(&self, span: Span, form: FormKind) -> bool {
        let written = span.of(self.text);
        let (Some(first), Some(last)) = (self.tok_starting(span.start), self.tok_ending(span.end))
        else {
            return true;
        };
        let prev = first
            .checked_sub(1)
            .filter(|_| self.tok(first).is_some_and(|t| t.gap == Gap::Space));
        let next = Some(last + 1).filter(|&n| self.tok(n).is_some_and(|t| t.gap == Gap::Space));
        if matches!(form, FormKind::Name | FormKind::Variant)
            && self.g.is(written, WordClass::AmbiguousName)
        {
            let beside_name = |i: Option<usize>| {
                i.is_some_and(|i| {
                    let w = self.word(i);
                    self.tok(i).is_some_and(|t| t.word)
                        && is_capitalised(w)
                        && w.chars().any(char::is_lowercase)
                        && !self.g.is(w, WordClass::Starter)
                        && !self.g.is(w, WordClass::NonName)
                        && self.g.find(w).is_none()
                })
            };
            if beside_name(prev) || beside_name(next) {
                return false;
            }
        }
        if written.len() <= 4 && is_all_caps(written) {
            let shouting = |i: Option<usize>| {
                i.is_some_and(|i| {
                    let w = self.word(i);
                    is_all_caps(w) && self.g.find(w).is_none()
                })
            };
            if shouting(prev) || shouting(next) {
                return false;
            }
        }
        true
    }
}
