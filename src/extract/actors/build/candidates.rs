//! Rule 6, candidate names: unknown capitalised names the other rules left, proposed as
//! persons or organisations for review.

use super::words::{is_all_caps, is_calendar_word, is_capitalised, is_particle_joined};
use super::{Builder, Pending, PendingUse};
use crate::domain::ActorKind;
use crate::extract::Span;
use crate::extract::actors::MentionVia;
use crate::extract::actors::tokens::Gap;
use crate::extract::gazetteer::WordClass;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

impl<'t> Builder<'t> {
    pub(super) fn candidate_word(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| {
            let w = t.text(self.text);
            t.word
                && !t.excluded
                && !t.headline
                && (is_capitalised(w) || is_particle_joined(self.g, w))
                && w.chars().count() >= 2
                && self.is_free(Span::new(t.start, t.end))
        })
    }

    pub(super) fn candidate_pass(&mut self) {
        let text = self.text;
        let surnames = self.surname_map();
        // Words the text writes in lower case: capitalised at a sentence start, they are
        // common words ("Residents said"), not names.
        let lowercase_words: HashSet<&str> = self
            .toks
            .iter()
            .filter(|t| t.word)
            .map(|t| t.text(text))
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .collect();
        let mut caps_count: HashMap<&str, usize> = HashMap::default();
        for t in self.toks.iter().filter(|t| t.word && !t.excluded) {
            let w = t.text(text);
            if is_all_caps(w) {
                *caps_count.entry(w).or_default() += 1;
            }
        }
        let mut i = 0;
        while i < self.toks.len() {
            if !self.candidate_word(i) {
                i += 1;
                continue;
            }
            let mut run = vec![i];
            let mut j = i;
            loop {
                let next = j + 1;
                if self.tok(next).is_none_or(|t| t.gap != Gap::Space) {
                    break;
                }
                if self.candidate_word(next) {
                    run.push(next);
                    j = next;
                    continue;
                }
                // One or two joining words ("of", "for the", "von der") between capitalised words.
                let connector = |k: usize| {
                    let w = self.word(k);
                    self.tok(k).is_some_and(|t| t.word)
                        && self.tok(k + 1).is_some_and(|t| t.gap == Gap::Space)
                        && (matches!(w, "of" | "for" | "and" | "the" | "on")
                            || self.g.is(w, WordClass::Particle))
                };
                if connector(next) {
                    let after = if connector(next + 1) && self.word(next) != "and" {
                        next + 2
                    } else {
                        next + 1
                    };
                    if self.candidate_word(after) {
                        run.extend(next..=after);
                        j = after;
                        continue;
                    }
                }
                break;
            }
            let verb_after = self.verb_follows(j + 1);
            self.candidate_run(&run, &caps_count, &surnames, &lowercase_words, verb_after);
            i = j + 1;
        }
    }

    pub(super) fn candidate_run(
        &mut self,
        run: &[usize],
        caps_count: &HashMap<&str, usize>,
        surnames: &HashMap<String, Vec<usize>>,
        lowercase_words: &HashSet<&str>,
        verb_after: bool,
    ) {
        let g = self.g;
        let mut run: Vec<usize> = run.to_vec();
        // A sentence-initial function word is capitalised only by position.
        let mut initial = run
            .first()
            .and_then(|&f| self.tok(f))
            .is_some_and(|t| t.at_start);
        // An organisation's name may open with a word that is otherwise no name ("National
        // Electoral Council"), but not with a date word.
        let mut complement = false;
        let org_tail = run
            .last()
            .is_some_and(|&l| g.is(self.word(l), WordClass::OrgHead));
        while let Some(&first) = run.first() {
            let w = self.word(first);
            let capital = is_capitalised(w);
            let common_at_start = initial
                && !g.is(w, WordClass::Particle)
                && lowercase_words.contains(w.to_lowercase().as_str());
            let drop = !capital
                || g.is(w, WordClass::Starter)
                || common_at_start
                || (g.is(w, WordClass::NonName)
                    && !g.is(w, WordClass::OrgHead)
                    && (!org_tail || is_calendar_word(w)));
            if !drop {
                break;
            }
            // What follows "of" or "for" is the complement of a common noun ("Residents of
            // Rafah"), not someone's name.
            complement |= !capital;
            run.remove(0);
            initial = false;
        }
        // "Members of the National Guard": a sentence-initial common noun before "of".
        if initial
            && let (Some(&head), Some(&of)) = (run.first(), run.get(1))
            && self.word(of) == "of"
            && !g.is(self.word(head), WordClass::OrgHead)
            && g.name_part(self.word(head)).is_none()
        {
            run.drain(..2);
            while run.first().is_some_and(|&k| !is_capitalised(self.word(k))) {
                run.remove(0);
            }
            complement = true;
        }
        // Names joined by "and" are separate names ("Frank Ortega and Lena Brandt").
        if let Some(at) = run.iter().position(|&k| self.word(k) == "and")
            && !org_tail
        {
            let (left, right) = run.split_at(at);
            let right = right.get(1..).unwrap_or(&[]).to_vec();
            let left = left.to_vec();
            // "X and Y said": the verb after the pair follows both.
            self.candidate_run(&left, caps_count, surnames, lowercase_words, verb_after);
            self.candidate_run(&right, caps_count, surnames, lowercase_words, verb_after);
            return;
        }
        while let Some(&last) = run.last() {
            let w = self.word(last);
            let drop = !(is_capitalised(w) || is_particle_joined(g, w))
                || (g.is(w, WordClass::NonName) && !g.is(w, WordClass::OrgHead))
                || g.is(w, WordClass::Starter);
            if !drop {
                break;
            }
            run.pop();
        }
        let (Some(&first), Some(&last)) = (run.first(), run.last()) else {
            return;
        };
        let words: Vec<&str> = run
            .iter()
            .map(|&k| self.word(k))
            .filter(|w| is_capitalised(w) || is_particle_joined(g, w))
            .collect();
        let Some(span) = self.span_of(first, last) else {
            return;
        };
        if self.doc_form_names.contains(span.of(self.text))
            || surnames.contains_key(span.of(self.text))
        {
            // A name the text defined (an acronym) or a known person's surname ("Bin
            // Salman"): the document-forms pass links it.
            return;
        }
        // "retailer Best Buy", "the chip maker Foxconn said": a name after a noun for a kind of
        // organisation is that organisation, not a person. A name ending in a company word
        // ("maker Apple Computer") is read below, with its short form.
        if self.after_organisation_noun(first)
            && !complement
            && !words.last().is_some_and(|w| g.is(w, WordClass::OrgHead))
            && words.iter().all(|w| {
                w.chars().any(char::is_lowercase)
                    && !is_calendar_word(w)
                    && (!g.is(w, WordClass::NonName) || g.is(w, WordClass::OrgHead))
            })
        {
            let name = span.of(self.text).to_string();
            let a = self.organisation(&name, true);
            self.mention(span, a, MentionVia::Name, false);
            self.claim(span);
            self.doc_form(name, a, MentionVia::Name);
            return;
        }
        let followed_by_verb =
            self.verb_follows(last + 1) || (verb_after && self.word(last + 1) == "and");
        let armed_group = self.tok(last + 1).is_some_and(|t| t.gap == Gap::Space)
            && g.is(self.word(last + 1), WordClass::MemberNoun);
        if armed_group && (words.len() >= 2 || words.first().is_some_and(|w| is_all_caps(w))) {
            // "Hayat Tahrir al-Sham fighters": a group known by its members.
            let name = span.of(self.text).to_string();
            let a = self.organisation(&name, true);
            if let Some(rec) = self.actors.get_mut(a)
                && rec.candidate
            {
                rec.kind = ActorKind::Group;
            }
            self.mention(span, a, MentionVia::Name, false);
            self.claim(span);
            self.doc_form(name, a, MentionVia::Name);
            return;
        }
        if words.len() >= 2 {
            let head_last = words.last().is_some_and(|w| g.is(w, WordClass::OrgHead));
            let head_first = words.first().is_some_and(|w| g.is(w, WordClass::OrgHead))
                && run.iter().any(|&k| self.word(k) == "of");
            if head_last || head_first {
                let span = self.with_leading_adjective(first, span);
                // "Apple Inc.": the full stop of an abbreviated suffix is part of the name.
                let span = match self.tok(last + 1) {
                    Some(t)
                        if t.gap == Gap::None
                            && t.text(self.text) == "."
                            && self.g.is(self.word(last), WordClass::CorpSuffix)
                            && self.word(last).len() <= 4 =>
                    {
                        Span::new(span.start, t.end)
                    }
                    _ => span,
                };
                self.take_over(span);
                let name = span.of(self.text).to_string();
                let a = self.organisation(&name, true);
                self.mention(span, a, MentionVia::Name, false);
                self.claim(span);
                if head_last && let Some(short) = self.short_form(&words) {
                    self.doc_form(short, a, MentionVia::Alias);
                }
                self.doc_form(name, a, MentionVia::Name);
                return;
            }
            let joined = run.iter().any(|&k| {
                let w = self.word(k);
                !is_capitalised(w) && !is_particle_joined(g, w) && !g.is(w, WordClass::Particle)
            });
            let name_like = words.len() <= 4
                && !joined
                && words.iter().all(|w| {
                    w.chars().any(char::is_lowercase)
                        && !g.is(w, WordClass::NonName)
                        && !g.is(w, WordClass::OrgHead)
                        && !g.is(w, WordClass::Starter)
                });
            let first_is_name = words.first().is_some_and(|w| g.name_part(w).is_some());
            if name_like
                && !complement
                && (first_is_name || followed_by_verb || self.apposition_then_verb(last + 1))
            {
                let name = span.of(self.text).to_string();
                let a = self.person(&name, true, None);
                self.mention(span, a, MentionVia::Name, false);
                self.claim(span);
            }
            return;
        }
        let Some(&word) = words.first() else {
            return;
        };
        if is_all_caps(word) {
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let roman = word.chars().all(|c| "IVXLCDM".contains(c));
            let seen_twice = caps_count.get(word).is_some_and(|&n| n >= 2);
            if letters >= 3 && !roman && seen_twice && !g.is(word, WordClass::AcronymStop) {
                let a = self.organisation(word, true);
                self.mention(span, a, MentionVia::Name, false);
                self.claim(span);
                self.doc_form(word.to_string(), a, MentionVia::Name);
            }
            return;
        }
        let name_like = word.chars().any(char::is_lowercase)
            && !g.is(word, WordClass::NonName)
            && !g.is(word, WordClass::OrgHead);
        if name_like && !initial && !complement && followed_by_verb && g.find(word).is_none() {
            // A surname opening with particles: "von der Leyen said".
            let mut from = first;
            while let Some(p) = from.checked_sub(1)
                && from - p <= 3
                && self.particle(p)
                && self.tok(from).is_some_and(|t| t.gap == Gap::Space)
                && self.is_free(Span::new(self.tok(p).map_or(0, |t| t.start), span.start))
            {
                from = p;
            }
            let span = self.span_of(from, last).unwrap_or(span);
            self.pending.push(Pending {
                span,
                word: span.of(self.text).to_string(),
                candidate: true,
                gender: None,
                use_: PendingUse::Mention,
            });
            self.claim(span);
        }
    }

    /// Whether the tokens from `i` on read ", a/an/the ..., <verb>": an apposition describing
    /// the name before, then its verb ("Leo Marsh, an exiled opposition figure, said").
    pub(super) fn apposition_then_verb(&self, i: usize) -> bool {
        if self.word(i) != "," || !matches!(self.word(i + 1), "a" | "an" | "the") {
            return false;
        }
        (i + 2..i + 10)
            .take_while(|&k| {
                self.tok(k)
                    .is_some_and(|t| t.word || t.text(self.text) == ",")
            })
            .find(|&k| self.word(k) == ",")
            .is_some_and(|k| self.verb_follows(k + 1))
    }

    /// An organisation's name may start with a place or state adjective ("Caspian Dialogue
    /// Forum", "Russian Orthodox Church"): the span widened over it.
    pub(super) fn with_leading_adjective(&self, first: usize, span: Span) -> Span {
        if self.tok(first).is_none_or(|t| t.gap != Gap::Space) {
            return span;
        }
        let Some(prev) = first.checked_sub(1).and_then(|p| self.tok(p)) else {
            return span;
        };
        let prev_span = Span::new(prev.start, prev.end);
        let adjective = self
            .mention_index
            .near(prev_span)
            .filter(|&i| {
                self.mentions.get(i).is_some_and(|m| {
                    m.span.end == prev.end && m.via == MentionVia::Adjective && !m.nested
                })
            })
            .min()
            .and_then(|i| self.mentions.get(i));
        match adjective {
            Some(m) if !self.is_excluded(m.span) => Span::new(m.span.start, span.end),
            _ => span,
        }
    }
}
