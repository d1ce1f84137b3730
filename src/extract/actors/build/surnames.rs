//! Rule 4, surnames: a person's surname and its written forms, and the one-word names the title
//! and candidate rules left pending, resolved to the person with that surname.

use super::words::{is_capitalised, is_particle_joined};
use super::{Builder, OfRef, PendingUse};
use crate::domain::ActorKind;
use crate::extract::Span;
use crate::extract::actors::{Ambiguity, MentionVia};
use crate::extract::gazetteer::{Gazetteer, NamePart, WordClass};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

impl<'t> Builder<'t> {
    pub(super) fn surname_map(&self) -> HashMap<String, Vec<usize>> {
        let mut map: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, a) in self.actors.iter().enumerate() {
            if a.kind != ActorKind::Person || self.unnamed.contains(&i) {
                continue;
            }
            for s in surname_forms(self.g, &a.name) {
                let list = map.entry(s).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        map
    }

    pub(super) fn resolve_pending(&mut self) {
        let surnames = self.surname_map();
        let pending = std::mem::take(&mut self.pending);
        let mut non_candidate: HashSet<String> = HashSet::default();
        for p in &pending {
            if !p.candidate {
                non_candidate.insert(p.word.clone());
            }
        }
        for p in pending {
            let (actor, via) = match surnames.get(&p.word).map(Vec::as_slice) {
                Some(&[one]) => (one, MentionVia::Surname),
                Some(many @ [_, _, ..]) => {
                    let actor = self.latest_mentioned(many, p.span.start);
                    self.ambiguity(p.span, actor, many);
                    (actor, MentionVia::Surname)
                }
                _ => match self
                    .doc_forms
                    .iter()
                    .find(|(form, a, _)| {
                        *form == p.word && self.kind_of(*a) == Some(ActorKind::Organisation)
                    })
                    .map(|&(_, a, _)| a)
                {
                    // A company's short form ("Apple's board"), not a person.
                    Some(org) => (org, MentionVia::Alias),
                    None => {
                        let candidate = p.candidate && !non_candidate.contains(&p.word);
                        (self.person(&p.word, candidate, p.gender), MentionVia::Name)
                    }
                },
            };
            if let Some(g) = self.gender.get_mut(actor)
                && g.is_none()
            {
                *g = p.gender;
            }
            self.mention(p.span, actor, via, false);
            self.claim(p.span);
            match p.use_ {
                PendingUse::Holder(ti) => {
                    if let Some(t) = self.titles.get_mut(ti) {
                        t.holder = Some(actor);
                    }
                }
                PendingUse::Of(ti) => {
                    if let Some(slot) = self.title_of.get_mut(ti) {
                        *slot = Some(OfRef::Actor(actor));
                    }
                }
                PendingUse::Mention => {}
            }
        }
    }

    /// Of `actors`, the one mentioned last in the few paragraphs before byte `before` (the
    /// first when none is): the reading a reader would take.
    pub(super) fn latest_mentioned(&self, actors: &[usize], before: usize) -> usize {
        const LOOK_BACK: usize = 8_000;
        let mut best: Option<(usize, usize)> = None;
        let window = Span::new(before.saturating_sub(LOOK_BACK), before);
        for m in self
            .mention_index
            .near(window)
            .filter_map(|i| self.mentions.get(i))
        {
            if m.span.start < before
                && actors.contains(&m.actor)
                && best.is_none_or(|(at, _)| m.span.start > at)
            {
                best = Some((m.span.start, m.actor));
            }
        }
        best.map(|(_, a)| a)
            .or_else(|| actors.first().copied())
            .unwrap_or(0)
    }

    /// Records that the name at `span`, linked to `chosen`, could be any of `actors`.
    pub(super) fn ambiguity(&mut self, span: Span, chosen: usize, actors: &[usize]) {
        let mut list = vec![chosen];
        list.extend(actors.iter().copied().filter(|&a| a != chosen));
        self.ambiguous.push(Ambiguity { span, actors: list });
    }
}

/// A person's surname: the last word with the lower-case particles before it ("von der
/// Leyen", "bin Salman"), or the first word for a family-name-first name ("Xi Jinping", "Kim
/// Jong Un").
pub(super) fn surname(g: &Gazetteer, name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let first = words.first()?;
    let last = words.last()?;
    let family_first = matches!(g.name_part(first), Some((NamePart::FamilyFirst, _)))
        && (words.len() == 2
            || (words.len() == 3
                && words.iter().skip(1).all(|w| {
                    is_capitalised(w) && !matches!(g.name_part(w), Some((NamePart::Given, _)))
                })));
    if family_first {
        return Some((*first).to_string());
    }
    let mut from = words.len() - 1;
    while from > 1
        && words.get(from - 1).is_some_and(|w| {
            (!w.chars().next().is_some_and(char::is_uppercase) || *w == "Al")
                && g.is(w, WordClass::Particle)
        })
    {
        from -= 1;
    }
    if from == words.len() - 1 {
        return Some((*last).to_string());
    }
    Some(words.get(from..).unwrap_or(&[]).join(" "))
}

/// Every form a person's surname is written in: the surname, capitalised at the start of a
/// sentence when it opens with a particle ("Von der Leyen", "Al-Sisi"), and without a joined
/// article particle ("Sisi" for "al-Sisi").
pub(super) fn surname_forms(g: &Gazetteer, name: &str) -> Vec<String> {
    let Some(s) = surname(g, name) else {
        return Vec::new();
    };
    let mut forms = vec![s.clone()];
    let mut chars = s.chars();
    if let Some(c) = chars.next()
        && c.is_lowercase()
    {
        forms.push(c.to_uppercase().chain(chars).collect());
    }
    if !s.contains(' ')
        && is_particle_joined(g, &s)
        && let Some((particle, rest)) = s.split_once('-')
        && matches!(
            particle,
            "al" | "el" | "ad" | "ar" | "as" | "ash" | "at" | "az" | "an"
        )
    {
        forms.push(rest.to_string());
    }
    forms
}
