//! Rule 1b, generic bodies: a state's adjective or name with a body noun ("Kazakh army") is
//! that state's body, one actor whatever it is called.

use super::words::{strip_word_end, trim_spaces_end};
use super::{Builder, Ent, Key};
use crate::domain::ActorKind;
use crate::extract::Span;
use crate::extract::actors::MentionVia;
use crate::extract::actors::index::SpanIndex;
use crate::extract::gazetteer::{BodyScope, FormKind, get_lowercased};

impl<'t> Builder<'t> {
    pub(super) fn body_pass(&mut self, ents: &mut Vec<Ent>) {
        let text = self.text;
        let original = ents.len();
        let mut index = SpanIndex::default();
        for (i, e) in ents.iter().enumerate() {
            index.insert(e.span, i);
        }
        for i in 0..original {
            let Some(&e) = ents.get(i) else {
                continue;
            };
            if !e.alive || e.nested {
                continue;
            }
            let Some(scope) = self.body_scope(&e) else {
                continue;
            };
            let form = e.form.unwrap_or(FormKind::Name);
            if form != FormKind::Demonym
                && let Some((bi, body_span, noun_start)) = self.body_after(&e, scope, form)
            {
                let inside = Span::new(noun_start, body_span.end);
                let clash = index.near(inside).any(|j| {
                    ents.get(j).is_some_and(|o| {
                        o.alive && o.span.overlaps(inside) && !inside.contains(o.span)
                    })
                });
                if !clash {
                    for j in index.near(inside) {
                        if let Some(o) = ents.get_mut(j)
                            && o.alive
                            && inside.contains(o.span)
                        {
                            o.alive = false;
                        }
                    }
                    self.add_body(ents, i, bi, body_span, &mut index);
                    continue;
                }
            }
            if matches!(
                form,
                FormKind::Name | FormKind::LongName | FormKind::Variant | FormKind::Acronym
            ) {
                let before = trim_spaces_end(text.get(..e.span.start).unwrap_or(""));
                let before = strip_word_end(before, "the").unwrap_or(before);
                if let Some(before) = strip_word_end(before, "of")
                    && let Some((bi, start)) = self.g.body_before(scope, before)
                {
                    let lead = Span::new(start, e.span.start);
                    let clash = index.near(lead).any(|j| {
                        ents.get(j)
                            .is_some_and(|o| o.alive && o.span.overlaps(lead))
                    });
                    if !clash {
                        self.add_body(ents, i, bi, Span::new(start, e.span.end), &mut index);
                    }
                }
            }
        }
        ents.sort_by_key(|e| (e.span.start, std::cmp::Reverse(e.span.end)));
    }

    pub(super) fn body_scope(&self, e: &Ent) -> Option<BodyScope> {
        match self.kind_of(e.actor)? {
            ActorKind::State => Some(BodyScope::State),
            ActorKind::Organisation => {
                let Some(entry) = e.entry.and_then(|x| self.g.entry(x)) else {
                    return Some(BodyScope::Organisation);
                };
                let parent_is_state = entry
                    .parent
                    .as_ref()
                    .and_then(|p| self.g.find(p))
                    .and_then(|p| self.g.entry(p))
                    .is_some_and(|p| p.kind == ActorKind::State);
                (entry.body_key.is_none() && !parent_is_state).then_some(BodyScope::Organisation)
            }
            _ => None,
        }
    }

    pub(super) fn body_after(
        &self,
        e: &Ent,
        scope: BodyScope,
        form: FormKind,
    ) -> Option<(usize, Span, usize)> {
        let text = self.text;
        let mut p = e.span.end;
        let rest = text.get(p..)?;
        if form != FormKind::Adjective
            && let Some(n) = ["'s", "\u{2019}s"].iter().find(|s| rest.starts_with(**s))
        {
            p += n.len();
        }
        let after = text.get(p..)?;
        let trimmed = after.trim_start_matches([' ', '\t']);
        if trimmed.len() == after.len() {
            return None;
        }
        let noun_start = p + (after.len() - trimmed.len());
        let (bi, len) = self.g.body_after(scope, trimmed)?;
        Some((bi, Span::new(e.span.start, noun_start + len), noun_start))
    }

    pub(super) fn add_body(
        &mut self,
        ents: &mut Vec<Ent>,
        owner_ent: usize,
        bi: usize,
        span: Span,
        index: &mut SpanIndex,
    ) {
        let Some(&owner) = ents.get(owner_ent) else {
            return;
        };
        if self.is_excluded(span) {
            return;
        }
        let actor = self.body_actor(&owner, bi);
        if let Some(o) = ents.get_mut(owner_ent) {
            o.nested = true;
        }
        index.insert(span, ents.len());
        ents.push(Ent {
            span,
            actor,
            via: MentionVia::Body,
            form: None,
            entry: None,
            alive: true,
            nested: false,
        });
    }

    pub(super) fn body_actor(&mut self, owner: &Ent, bi: usize) -> usize {
        let Some(body) = self.g.body_nouns().get(bi) else {
            return owner.actor;
        };
        let owner_entry = owner.entry.or_else(|| {
            self.actors
                .get(owner.actor)
                .and_then(|a| self.g.find(&a.name))
        });
        if let Some(entry) = owner_entry
            && let Some(named) = self.g.named_body(entry, &body.key)
        {
            return self.gaz_actor(named);
        }
        let owner_name = owner_entry
            .and_then(|x| self.g.entry(x))
            .filter(|_| body.scope == BodyScope::Organisation)
            .and_then(|e| e.acronyms.first().cloned())
            .or_else(|| self.actors.get(owner.actor).map(|a| a.name.clone()))
            .unwrap_or_default();
        let name = body.name_for(&owner_name);
        if let Some(&k) = get_lowercased(&self.known_by_name, &name) {
            return self.known_actor(k);
        }
        let parent = owner.actor;
        self.actor(Key::Body(parent, bi), |_| {
            let mut rec = Self::record(name, ActorKind::Organisation);
            rec.parent = Some(parent);
            rec
        })
    }
}
