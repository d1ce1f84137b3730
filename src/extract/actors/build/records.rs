//! The actor records: one per [`Key`], made on first use from a known actor of the situation, a
//! gazetteer entry, or a person's or organisation's name, so that every rule finding the same
//! actor gets the same index.

use super::{Builder, Key};
use crate::domain::ActorKind;
use crate::extract::actors::ActorRecord;
use crate::extract::gazetteer::{Gender, get_lowercased};

impl<'t> Builder<'t> {
    pub(super) fn actor(&mut self, key: Key, make: impl FnOnce(&mut Self) -> ActorRecord) -> usize {
        if let Some(&i) = self.keys.get(&key) {
            return i;
        }
        let record = make(self);
        if let Some(&i) = self.keys.get(&key) {
            return i;
        }
        let i = self.actors.len();
        self.actors.push(record);
        self.gender.push(None);
        self.keys.insert(key, i);
        i
    }

    pub(super) fn record(name: String, kind: ActorKind) -> ActorRecord {
        ActorRecord {
            name,
            kind,
            aliases: Vec::new(),
            parent: None,
            external_id: None,
            roles: Vec::new(),
            candidate: false,
        }
    }

    /// The known actor a gazetteer entry is, if the situation lists it under any of its names.
    pub(super) fn known_for_entry(&mut self, entry: usize) -> Option<usize> {
        if self.known.is_empty() {
            return None;
        }
        if let Some(&r) = self.redirect.get(&entry) {
            return r;
        }
        let found = self.g.entry(entry).and_then(|e| {
            std::iter::once(&e.name)
                .chain(e.aliases.iter())
                .find_map(|n| get_lowercased(&self.known_by_name, n).copied())
        });
        self.redirect.insert(entry, found);
        found
    }

    pub(super) fn known_actor(&mut self, k: usize) -> usize {
        self.actor(Key::Known(k), |b| {
            let Some(ka) = b.known.get(k) else {
                return Self::record(String::new(), ActorKind::Group);
            };
            let mut rec = Self::record(ka.name.clone(), ka.kind);
            rec.aliases = ka.aliases.clone();
            let entry = b.g.find(&ka.name);
            rec.external_id = ka
                .external_id
                .clone()
                .or_else(|| entry.and_then(|e| b.g.entry(e)?.external_id.clone()));
            if let Some(parent) = &ka.parent {
                rec.parent = match get_lowercased(&b.known_by_name, parent).copied() {
                    Some(j) if j != k => Some(b.known_actor(j)),
                    Some(_) => None,
                    None => b.g.find(parent).map(|p| b.gaz_actor(p)),
                };
            }
            rec
        })
    }

    pub(super) fn gaz_actor(&mut self, entry: usize) -> usize {
        if let Some(k) = self.known_for_entry(entry) {
            return self.known_actor(k);
        }
        let before = self.actors.len();
        let i = self.actor(Key::Gaz(entry), |b| {
            let Some(e) = b.g.entry(entry) else {
                return Self::record(String::new(), ActorKind::Group);
            };
            let mut rec = Self::record(e.name.clone(), e.kind);
            rec.external_id = e.external_id.clone();
            if e.kind != ActorKind::Location {
                rec.parent = e
                    .parent
                    .as_ref()
                    .and_then(|p| b.g.find(p))
                    .filter(|&p| p != entry)
                    .map(|p| b.gaz_actor(p));
            }
            rec
        });
        if self.actors.len() > before
            && let Some(e) = self.g.entry(entry)
            && e.kind == ActorKind::Location
            && let Some(p) = e.parent.as_ref().and_then(|p| self.g.find(p))
        {
            self.located_in.push((i, p));
        }
        i
    }

    pub(super) fn person(&mut self, name: &str, candidate: bool, gender: Option<Gender>) -> usize {
        if let Some(&k) = get_lowercased(&self.known_by_name, name)
            && self
                .known
                .get(k)
                .is_some_and(|ka| ka.kind == ActorKind::Person)
        {
            return self.known_actor(k);
        }
        let first_gender = name
            .split_whitespace()
            .next()
            .and_then(|w| self.g.name_part(w))
            .and_then(|(_, g)| g);
        let i = self.actor(Key::Person(name.to_string()), |_| {
            let mut rec = Self::record(name.to_string(), ActorKind::Person);
            rec.candidate = candidate;
            rec
        });
        if !candidate && let Some(a) = self.actors.get_mut(i) {
            a.candidate = false;
        }
        if let Some(g) = self.gender.get_mut(i)
            && g.is_none()
        {
            *g = gender.or(first_gender);
        }
        i
    }

    pub(super) fn organisation(&mut self, name: &str, candidate: bool) -> usize {
        if let Some(&k) = get_lowercased(&self.known_by_name, name) {
            return self.known_actor(k);
        }
        if let Some(e) = self.g.find(name) {
            return self.gaz_actor(e);
        }
        let i = self.actor(Key::Org(name.to_string()), |_| {
            let mut rec = Self::record(name.to_string(), ActorKind::Organisation);
            rec.candidate = candidate;
            rec
        });
        if !candidate && let Some(a) = self.actors.get_mut(i) {
            a.candidate = false;
        }
        i
    }

    pub(super) fn kind_of(&self, actor: usize) -> Option<ActorKind> {
        self.actors.get(actor).map(|a| a.kind)
    }
}
