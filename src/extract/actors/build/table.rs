//! The finished table: places pointed at their states, mentions sorted and deduplicated,
//! aliases gathered, actors ordered by first mention.

use super::surnames::surname;
use super::{Builder, Key};
use crate::domain::ActorKind;
use crate::extract::actors::{
    ActorRecord, ActorTable, Ambiguity, Mention, MentionVia, TitleMention,
};

impl<'t> Builder<'t> {
    pub(super) fn finish(mut self) -> ActorTable {
        // Places point at their state only when the text mentions that state.
        for (place, entry) in std::mem::take(&mut self.located_in) {
            let key = match self.known_for_entry(entry) {
                Some(k) => Key::Known(k),
                None => Key::Gaz(entry),
            };
            if let Some(&p) = self.keys.get(&key)
                && let Some(a) = self.actors.get_mut(place)
            {
                a.parent = Some(p);
            }
        }
        let text = self.text;
        self.mentions
            .retain(|m| text.get(m.span.start..m.span.end).is_some());
        self.mentions
            .sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end), m.nested));
        self.mentions
            .dedup_by(|a, b| a.span == b.span && a.actor == b.actor);
        // Aliases: every name the actor was mentioned by, plus a person's surname.
        for m in &self.mentions {
            if matches!(
                m.via,
                MentionVia::Pronoun
                    | MentionVia::Title
                    | MentionVia::Description
                    | MentionVia::GivenName
            ) {
                continue;
            }
            if let Some(a) = self.actors.get_mut(m.actor) {
                let form = m.span.of(text);
                if form != a.name && !a.aliases.iter().any(|x| x == form) {
                    a.aliases.push(form.to_string());
                }
            }
        }
        for (i, a) in self.actors.iter_mut().enumerate() {
            if a.kind == ActorKind::Person
                && !self.unnamed.contains(&i)
                && let Some(s) = surname(self.g, &a.name)
                && !a.aliases.contains(&s)
            {
                a.aliases.push(s);
            }
        }
        // Order actors by first mention; unmentioned ones (parents) keep their order, last.
        let mut first_seen: Vec<Option<usize>> = vec![None; self.actors.len()];
        for m in &self.mentions {
            if let Some(slot) = first_seen.get_mut(m.actor)
                && slot.is_none_or(|s| m.span.start < s)
            {
                *slot = Some(m.span.start);
            }
        }
        let mut order: Vec<usize> = (0..self.actors.len()).collect();
        order.sort_by_key(|&i| {
            (
                first_seen.get(i).copied().flatten().unwrap_or(usize::MAX),
                i,
            )
        });
        let mut new_index = vec![0; self.actors.len()];
        for (new, &old) in order.iter().enumerate() {
            if let Some(slot) = new_index.get_mut(old) {
                *slot = new;
            }
        }
        let remap = |i: usize| new_index.get(i).copied().unwrap_or(i);
        let mut actors: Vec<ActorRecord> = Vec::with_capacity(self.actors.len());
        for &old in &order {
            if let Some(a) = self.actors.get(old) {
                let mut a = a.clone();
                a.parent = a.parent.map(remap);
                for r in a.roles.iter_mut() {
                    r.of = r.of.map(remap);
                }
                actors.push(a);
            }
        }
        let mentions = self
            .mentions
            .iter()
            .map(|m| Mention {
                actor: remap(m.actor),
                ..*m
            })
            .collect();
        let mut titles: Vec<TitleMention> = self
            .titles
            .iter()
            .map(|t| TitleMention {
                of: t.of.map(remap),
                holder: t.holder.map(remap),
                ..t.clone()
            })
            .collect();
        titles.sort_by_key(|t| t.span.start);
        let mut ambiguous: Vec<Ambiguity> = self
            .ambiguous
            .iter()
            .map(|a| Ambiguity {
                span: a.span,
                actors: a.actors.iter().map(|&i| remap(i)).collect(),
            })
            .collect();
        ambiguous.sort_by_key(|a| a.span.start);
        let descriptors = self
            .descriptors
            .iter()
            .map(|&(a, span)| (remap(a), span))
            .collect();
        ActorTable {
            actors,
            mentions,
            titles,
            ambiguous,
            descriptors,
        }
    }
}
