//! Roles: titles whose modifier was defined only later in the text, and the roles each title
//! gives its holder.

use super::words::trim_spaces_end;
use super::{Builder, Key, OfRef};
use crate::domain::ActorKind;
use crate::extract::Span;
use crate::extract::actors::{MentionVia, Role, TitleMention};

impl<'t> Builder<'t> {
    /// A title whose modifier was only found after the title rule ran ("RSF commander X",
    /// with "RSF" defined later in the text): the modifier now gives whose title it is.
    pub(super) fn late_modifiers(&mut self) {
        for ti in 0..self.titles.len() {
            if self.title_of.get(ti).copied().flatten().is_some() {
                continue;
            }
            let Some(start) = self.titles.get(ti).map(|t| t.span.start) else {
                continue;
            };
            let before = self.text.get(..start).unwrap_or("");
            let end = trim_spaces_end(before).len();
            if end == before.len() || before.ends_with('\n') {
                continue;
            }
            let Some(mi) = self
                .mention_index
                .near(Span::new(end, end))
                .filter(|&i| {
                    self.mentions.get(i).is_some_and(|m| {
                        m.span.end == end
                            && !m.nested
                            && matches!(
                                self.kind_of(m.actor),
                                Some(ActorKind::Organisation | ActorKind::Group | ActorKind::State)
                            )
                    })
                })
                .min()
            else {
                continue;
            };
            let Some(m) = self.mentions.get_mut(mi) else {
                continue;
            };
            m.nested = true;
            let (actor, from) = (m.actor, m.span.start);
            if let Some(slot) = self.title_of.get_mut(ti) {
                *slot = Some(OfRef::Actor(actor));
            }
            if let Some(t) = self.titles.get_mut(ti) {
                t.span = Span::new(from, t.span.end);
            }
        }
    }

    pub(super) fn role_pass(&mut self) {
        // Resolve "of" references now that every holder is known.
        for ti in 0..self.titles.len() {
            let of = match self.title_of.get(ti).copied().flatten() {
                Some(OfRef::Actor(a)) => Some(a),
                Some(OfRef::Title(j)) => self.titles.get(j).and_then(|t| t.holder),
                _ => None,
            };
            if let Some(t) = self.titles.get_mut(ti) {
                t.of = of;
            }
        }
        for ti in 0..self.titles.len() {
            let Some(t) = self.titles.get(ti).cloned() else {
                continue;
            };
            if let Some(h) = t.holder {
                self.add_role(h, &t);
            }
        }
        for ti in 0..self.titles.len() {
            let Some(t) = self.titles.get(ti).cloned() else {
                continue;
            };
            if t.holder.is_some() {
                continue;
            }
            let Some(of) = t.of else {
                continue;
            };
            let holders = self
                .role_holders
                .get(&(t.title.clone(), of))
                .map_or(&[][..], Vec::as_slice);
            let holder = match holders {
                [one] => Some(*one),
                [] if self.g.title_is_unique(&t.title) => {
                    let of_name = self
                        .actors
                        .get(of)
                        .map_or(String::new(), |a| a.name.clone());
                    let name = format!("{} of {}", t.title, of_name);
                    let a = self.actor(Key::Role(t.title.clone(), of), |_| {
                        let mut rec = Self::record(name, ActorKind::Person);
                        rec.candidate = true;
                        rec
                    });
                    self.unnamed.insert(a);
                    self.add_role(a, &t);
                    Some(a)
                }
                _ => None,
            };
            if let Some(h) = holder {
                if let Some(slot) = self.titles.get_mut(ti) {
                    slot.holder = Some(h);
                }
                self.mention(t.span, h, MentionVia::Title, false);
            }
        }
    }

    pub(super) fn add_role(&mut self, holder: usize, t: &TitleMention) {
        let gender = self.g.title_gender(&t.title);
        if let Some(g) = self.gender.get_mut(holder)
            && g.is_none()
        {
            *g = gender;
        }
        if let Some(a) = self.actors.get_mut(holder)
            && !a.roles.iter().any(|r| r.title == t.title && r.of == t.of)
        {
            a.roles.push(Role {
                title: t.title.clone(),
                of: t.of,
                span: t.span,
            });
            if let Some(of) = t.of {
                self.role_holders
                    .entry((t.title.clone(), of))
                    .or_default()
                    .push(holder);
            }
        }
    }
}
