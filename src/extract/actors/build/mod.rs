//! The actor rules, run in order over one text: lexicon matches (known actors, then the
//! gazetteer), generic bodies, titles with their holders, acronym definitions, candidate names,
//! surnames, roles, pronouns. Each rule only claims words no earlier rule claimed.

mod organisations;

use organisations::is_corporate_title;

use super::index::SpanIndex;
use super::tokens::{Gap, Token, tokenize};
use super::{ActorRecord, ActorTable, Ambiguity, Mention, MentionVia, Role, TitleMention};
use crate::domain::ActorKind;
use crate::extract::gazetteer::{
    self, BodyScope, FormKind, Gazetteer, Gender, NamePart, TitleHit, WordClass, get_lowercased,
    is_whole_word,
};
use crate::extract::{KnownActor, Span};
use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;

/// What makes two findings the same actor.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Known(usize),
    Gaz(usize),
    Body(usize, usize),
    Person(String),
    Org(String),
    Role(String, usize),
}

/// A lexicon match, kept editable until bodies and titles have been read.
#[derive(Debug, Clone, Copy)]
struct Ent {
    span: Span,
    actor: usize,
    via: MentionVia,
    form: Option<FormKind>,
    entry: Option<usize>,
    alive: bool,
    nested: bool,
}

/// What a title is "of", before persons are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OfRef {
    Actor(usize),
    /// Another title phrase: its holder ("press secretary of Kazakh President X").
    Title(usize),
    /// A one-word name still to be resolved (index into `pending`).
    Pending(usize),
}

/// What a one-word name stands for once resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PendingUse {
    Holder(usize),
    Of(usize),
    Mention,
}

#[derive(Debug, Clone)]
struct Pending {
    span: Span,
    word: String,
    candidate: bool,
    gender: Option<Gender>,
    use_: PendingUse,
}

struct Builder<'t> {
    text: &'t str,
    g: &'static Gazetteer,
    known: &'t [KnownActor],
    excluded: Vec<Span>,
    toks: Vec<Token>,
    actors: Vec<ActorRecord>,
    gender: Vec<Option<Gender>>,
    keys: HashMap<Key, usize>,
    known_by_name: HashMap<String, usize>,
    redirect: HashMap<usize, Option<usize>>,
    located_in: Vec<(usize, usize)>,
    mentions: Vec<Mention>,
    /// Where each of `mentions` lies.
    mention_index: SpanIndex,
    titles: Vec<TitleMention>,
    /// Where each of `titles` lies.
    title_index: SpanIndex,
    title_of: Vec<Option<OfRef>>,
    claimed: BTreeMap<usize, usize>,
    doc_forms: Vec<(String, usize, MentionVia)>,
    /// The texts of `doc_forms`, to ask whether a name is one of them.
    doc_form_names: HashSet<String>,
    pending: Vec<Pending>,
    /// Persons known only by a title ("press secretary of X"): they have no surname.
    unnamed: HashSet<usize>,
    /// The actors holding each role (title, of whom), as `add_role` records them.
    role_holders: HashMap<(String, usize), Vec<usize>>,
    /// Names that could be more than one actor.
    ambiguous: Vec<Ambiguity>,
    /// Phrases that describe an actor, for provenance only (see [`ActorTable::descriptors`]).
    descriptors: Vec<(usize, Span)>,
}

/// Runs every rule; see [`super::find_actors`].
pub(super) fn run(
    text: &str,
    sentences: &[Span],
    excluded: &[Span],
    known: &[KnownActor],
) -> ActorTable {
    let mut excluded: Vec<Span> = excluded.iter().copied().filter(|s| !s.is_empty()).collect();
    excluded.sort();
    let mut sentences: Vec<Span> = sentences.to_vec();
    sentences.sort();
    let toks = tokenize(text, &sentences, &excluded);
    let mut known_by_name = HashMap::default();
    for (i, k) in known.iter().enumerate() {
        for name in std::iter::once(&k.name).chain(k.aliases.iter()) {
            if !name.trim().is_empty() {
                known_by_name.entry(name.to_lowercase()).or_insert(i);
            }
        }
    }
    let mut b = Builder {
        text,
        g: gazetteer::gazetteer(),
        known,
        excluded,
        toks,
        actors: Vec::new(),
        gender: Vec::new(),
        keys: HashMap::default(),
        known_by_name,
        redirect: HashMap::default(),
        located_in: Vec::new(),
        mentions: Vec::new(),
        mention_index: SpanIndex::default(),
        titles: Vec::new(),
        title_index: SpanIndex::default(),
        title_of: Vec::new(),
        claimed: BTreeMap::new(),
        doc_forms: Vec::new(),
        doc_form_names: HashSet::default(),
        pending: Vec::new(),
        unnamed: HashSet::default(),
        role_holders: HashMap::default(),
        ambiguous: Vec::new(),
        descriptors: Vec::new(),
    };
    let mut ents = b.lexicon_pass();
    b.body_pass(&mut ents);
    for e in ents.iter().filter(|e| e.alive && !e.nested) {
        b.claim(e.span);
    }
    b.title_pass(&mut ents);
    for e in ents.iter().filter(|e| e.alive) {
        b.mention(e.span, e.actor, e.via, e.nested);
    }
    b.acronym_pass();
    b.learn_short_forms();
    b.candidate_pass();
    b.resolve_pending();
    b.document_forms_pass();
    b.description_pass();
    b.late_modifiers();
    b.role_pass();
    b.pronoun_pass();
    b.finish()
}

/// A month or weekday name, written in full or short.
fn is_calendar_word(word: &str) -> bool {
    const WORDS: [&str; 19] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    WORDS.iter().any(|w| {
        w.get(..3).is_some_and(|short| word.starts_with(short))
            && w.starts_with(word.trim_end_matches('.'))
    })
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

fn strip_possessive(s: &str) -> Option<&str> {
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("\u{2019}s"))
        .or_else(|| s.strip_suffix("'S"))
}

fn trim_spaces_end(s: &str) -> &str {
    s.trim_end_matches([' ', '\t'])
}

/// Strips a trailing whole word `word` (ignoring case) and the spaces before it.
fn strip_word_end<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let start = s.len().checked_sub(word.len())?;
    let tail = s.get(start..)?;
    (tail.eq_ignore_ascii_case(word) && is_whole_word(s, start, s.len()))
        .then(|| trim_spaces_end(s.get(..start).unwrap_or("")))
}

/// A word written as a lower-case name particle joined to a capitalised name ("al-Sisi",
/// "el-Din", "bin-Laden").
fn is_particle_joined(g: &Gazetteer, word: &str) -> bool {
    word.split_once('-').is_some_and(|(particle, rest)| {
        !particle.is_empty()
            && !particle.chars().any(char::is_uppercase)
            && g.is(particle, WordClass::Particle)
            && is_capitalised(rest)
    })
}

/// A person's surname: the last word with the lower-case particles before it ("von der
/// Leyen", "bin Salman"), or the first word for a family-name-first name ("Xi Jinping", "Kim
/// Jong Un").
fn surname(g: &Gazetteer, name: &str) -> Option<String> {
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
fn surname_forms(g: &Gazetteer, name: &str) -> Vec<String> {
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

impl<'t> Builder<'t> {
    // ---- actors -----------------------------------------------------------------------

    fn actor(&mut self, key: Key, make: impl FnOnce(&mut Self) -> ActorRecord) -> usize {
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

    fn record(name: String, kind: ActorKind) -> ActorRecord {
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
    fn known_for_entry(&mut self, entry: usize) -> Option<usize> {
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

    fn known_actor(&mut self, k: usize) -> usize {
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

    fn gaz_actor(&mut self, entry: usize) -> usize {
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

    fn person(&mut self, name: &str, candidate: bool, gender: Option<Gender>) -> usize {
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

    fn organisation(&mut self, name: &str, candidate: bool) -> usize {
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

    fn kind_of(&self, actor: usize) -> Option<ActorKind> {
        self.actors.get(actor).map(|a| a.kind)
    }

    // ---- spans ------------------------------------------------------------------------

    fn is_excluded(&self, span: Span) -> bool {
        let from = self.excluded.partition_point(|e| e.end <= span.start);
        self.excluded
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(|e| e.start < span.end)
            .any(|e| e.overlaps(span))
    }

    fn is_free(&self, span: Span) -> bool {
        self.claimed
            .range(..span.end)
            .next_back()
            .is_none_or(|(_, &end)| end <= span.start)
    }

    /// Marks a span as taken, merging it with any taken span it touches, so that taken spans
    /// never overlap and one look-up answers [`Self::is_free`].
    fn claim(&mut self, span: Span) {
        let mut start = span.start;
        let mut end = span.end;
        let overlapping: Vec<(usize, usize)> = self
            .claimed
            .range(..span.end)
            .rev()
            .take_while(|(_, e)| **e > span.start)
            .map(|(&s, &e)| (s, e))
            .collect();
        for (s, e) in overlapping {
            self.claimed.remove(&s);
            start = start.min(s);
            end = end.max(e);
        }
        self.claimed.insert(start, end);
    }

    fn mention(&mut self, span: Span, actor: usize, via: MentionVia, nested: bool) {
        if span.is_empty() || self.text.get(span.start..span.end).is_none() {
            return;
        }
        self.mention_index.insert(span, self.mentions.len());
        self.mentions.push(Mention {
            span,
            actor,
            via,
            nested,
        });
    }

    /// The first recorded mention (in the order found) with `span` that satisfies `test`.
    fn first_mention_at(&self, span: Span, test: impl Fn(&Mention) -> bool) -> Option<&Mention> {
        self.mention_index
            .near(span)
            .filter(|&i| {
                self.mentions
                    .get(i)
                    .is_some_and(|m| m.span == span && test(m))
            })
            .min()
            .and_then(|i| self.mentions.get(i))
    }

    /// Records a name the text itself defined, for the document-forms pass.
    fn doc_form(&mut self, form: String, actor: usize, via: MentionVia) {
        self.doc_form_names.insert(form.clone());
        self.doc_forms.push((form, actor, via));
    }

    // ---- tokens -----------------------------------------------------------------------

    fn tok(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }

    fn word(&self, i: usize) -> &'t str {
        let text = self.text;
        self.toks.get(i).map_or("", |t| t.text(text))
    }

    /// The token starting exactly at byte `at`.
    fn tok_starting(&self, at: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.start < at);
        self.toks.get(i).filter(|t| t.start == at).map(|_| i)
    }

    /// The token ending exactly at byte `at`.
    fn tok_ending(&self, at: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.end < at);
        self.toks.get(i).filter(|t| t.end == at).map(|_| i)
    }

    fn span_of(&self, first: usize, last: usize) -> Option<Span> {
        Some(Span::new(self.tok(first)?.start, self.tok(last)?.end))
    }

    /// A capitalised word that can be part of a person's name.
    fn name_word(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else {
            return false;
        };
        if !t.word || t.excluded {
            return false;
        }
        let w = t.text(self.text);
        (is_capitalised(w) || is_particle_joined(self.g, w))
            && w.chars().any(char::is_lowercase)
            && !self.g.is(w, WordClass::NonName)
            && !self.g.is(w, WordClass::Starter)
            && !self.g.is(w, WordClass::OrgHead)
            && self.is_free(Span::new(t.start, t.end))
    }

    /// A one-letter initial followed by a full stop ("W."): the index of the stop.
    fn initial(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        let w = t.text(self.text);
        let stop = self.tok(i + 1)?;
        (t.word
            && w.chars().count() == 1
            && is_capitalised(w)
            && stop.gap == Gap::None
            && stop.text(self.text) == ".")
            .then_some(i + 1)
    }

    /// A personal name starting at token `i`: `(first token, last token, words)`; initials
    /// and inner particles ("bin", "van") are taken in but not counted as words.
    fn name_forward(&self, i: usize) -> Option<(usize, usize, usize)> {
        let mut k = i;
        let mut last = None;
        let mut words = 0;
        loop {
            if self.name_word(k) {
                last = Some(k);
                words += 1;
            } else if let Some(stop) = self.initial(k) {
                last = Some(stop);
            } else if words > 0
                && let Some(after) = self.particles_then_name(k)
            {
                // The particles are kept only if a name word follows; the loop takes it next.
                k = after;
                continue;
            } else {
                break;
            }
            let next = last.map_or(k, |l| l.max(k)) + 1;
            if words >= 5 || self.tok(next).is_none_or(|t| t.gap != Gap::Space) {
                break;
            }
            k = next;
        }
        let last = last?;
        (words > 0).then_some((i, last, words))
    }

    /// A lower-case name particle ("bin", "van", "de").
    fn particle(&self, k: usize) -> bool {
        self.tok(k).is_some_and(|t| {
            let w = t.text(self.text);
            t.word && !t.excluded && !is_capitalised(w) && self.g.is(w, WordClass::Particle)
        })
    }

    /// One to three particles from token `k` on, each followed by a space, then a name word
    /// ("von der Leyen"): the index of that name word.
    fn particles_then_name(&self, k: usize) -> Option<usize> {
        let mut p = k;
        while p < k + 3 && self.particle(p) {
            if self.tok(p + 1).is_none_or(|t| t.gap != Gap::Space) {
                return None;
            }
            p += 1;
        }
        (p > k && self.name_word(p)).then_some(p)
    }

    /// A personal name ending at token `j`: `(first token, last token, words)`; particles
    /// between its words are taken in ("Ursula von der Leyen").
    fn name_backward(&self, j: usize) -> Option<(usize, usize, usize)> {
        if !self.name_word(j) {
            return None;
        }
        let mut first = j;
        let mut words = 1;
        while words < 4 {
            if self.tok(first).is_none_or(|t| t.gap != Gap::Space) {
                break;
            }
            let Some(mut p) = first.checked_sub(1) else {
                break;
            };
            let mut skipped = 0;
            while skipped < 3
                && self.particle(p)
                && self.tok(p).is_some_and(|t| t.gap == Gap::Space)
                && let Some(q) = p.checked_sub(1)
            {
                p = q;
                skipped += 1;
            }
            if !self.name_word(p) {
                break;
            }
            first = p;
            words += 1;
        }
        Some((first, j, words))
    }

    /// Whether the tokens from `i` on read as a verb with its subject before: optional
    /// auxiliaries and adverbs (or "who"), then a reporting or action verb or a past form.
    fn verb_follows(&self, i: usize) -> bool {
        self.verb_after(i).is_some()
    }

    /// Whether the verb [`Self::verb_follows`] finds from `i` on is a reporting verb ("said",
    /// "announced"): what comes before it is a speaker.
    fn reporting_verb_follows(&self, i: usize) -> bool {
        self.verb_after(i)
            .is_some_and(|k| self.g.is(self.word(k), WordClass::ReportVerb))
    }

    /// The token of the verb [`Self::verb_follows`] looks for from `i` on.
    fn verb_after(&self, i: usize) -> Option<usize> {
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

    // ---- rule 1: lexicon matches ------------------------------------------------------

    fn lexicon_pass(&mut self) -> Vec<Ent> {
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
    fn seat_acting(&self, span: Span, entry: usize, form: FormKind) -> Option<usize> {
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
    fn lexicon_hit_is_sound(&self, span: Span, form: FormKind) -> bool {
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

    // ---- rule 1b: generic bodies ------------------------------------------------------

    fn body_pass(&mut self, ents: &mut Vec<Ent>) {
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

    fn body_scope(&self, e: &Ent) -> Option<BodyScope> {
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

    fn body_after(
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

    fn add_body(
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

    fn body_actor(&mut self, owner: &Ent, bi: usize) -> usize {
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

    // ---- rule 2: titles and names -----------------------------------------------------

    fn title_pass(&mut self, ents: &mut [Ent]) {
        let text = self.text;
        let hits: Vec<TitleHit> = gazetteer::longest_first(
            self.g
                .title_hits_overlapping(text)
                .into_iter()
                .filter(|h| {
                    let span = Span::new(h.start, h.end);
                    self.is_free(span) && !self.is_excluded(span)
                })
                .collect(),
        );
        let ent_ending: HashMap<usize, usize> = ents
            .iter()
            .enumerate()
            .filter(|(_, e)| e.alive && !e.nested)
            .map(|(i, e)| (e.span.end, i))
            .collect();
        let ent_starting: HashMap<usize, usize> = ents
            .iter()
            .enumerate()
            .filter(|(_, e)| e.alive && !e.nested)
            .map(|(i, e)| (e.span.start, i))
            .collect();
        let title_starting: HashMap<usize, usize> =
            hits.iter().enumerate().map(|(i, h)| (h.start, i)).collect();
        let mut hit_title: HashMap<usize, usize> = HashMap::default();
        let mut title_refs: Vec<(usize, usize)> = Vec::new();

        for (hi, hit) in hits.iter().enumerate() {
            let Some(title) = self.g.titles().get(hit.title).cloned() else {
                continue;
            };
            let title_span = Span::new(hit.start, hit.end);
            if !self.is_free(title_span) {
                continue;
            }
            // The modifier: "Kremlin spokesman", "Russia's foreign minister".
            let mut phrase_start = hit.start;
            let mut of: Option<OfRef> = None;
            let mut modifier_ent = None;
            let mut of_name: Option<Span> = None;
            let before = text.get(..hit.start).unwrap_or("");
            let spaced = trim_spaces_end(before);
            if spaced.len() < before.len() && !before.ends_with('\n') {
                let owner = strip_possessive(spaced);
                let end = owner.unwrap_or(spaced).len();
                if let Some(&ei) = ent_ending.get(&end)
                    && let Some(e) = ents.get(ei)
                    && (owner.is_none() || e.via != MentionVia::Adjective)
                {
                    of = Some(OfRef::Actor(e.actor));
                    phrase_start = e.span.start;
                    modifier_ent = Some(ei);
                } else if owner.is_some()
                    && let Some(j) = self.tok_ending(end)
                    && let Some((first, last, words)) = self.name_backward(j)
                {
                    of = self.name_ref(first, last, words, false, None);
                    of_name = self.span_of(first, last);
                    phrase_start = self.tok(first).map_or(hit.start, |t| t.start);
                } else if owner.is_none()
                    && title.canonical.as_deref().is_some_and(is_corporate_title)
                    && let Some(j) = self.tok_ending(end)
                    && let Some((first, name)) = self.company_before(j)
                {
                    // "Apple CEO Steve Jobs": the capitalised word before a company title is
                    // the company.
                    let span = Span::new(self.tok(first).map_or(hit.start, |t| t.start), end);
                    let a = self.organisation(&name, true);
                    self.mention(span, a, MentionVia::Name, true);
                    self.claim(span);
                    let words: Vec<&str> = name.split_whitespace().collect();
                    if let Some(short) = self.short_form(&words) {
                        self.doc_form(short, a, MentionVia::Alias);
                    }
                    self.doc_form(name, a, MentionVia::Name);
                    of = Some(OfRef::Actor(a));
                    phrase_start = span.start;
                }
            }
            // The complement: "President of Kazakhstan", "press secretary of Kazakh President X".
            let mut phrase_end = hit.end;
            let mut holder_from = hit.end;
            let mut complement_is_title = false;
            let link = text.get(hit.end..).and_then(|rest| {
                [" of ", " for "]
                    .into_iter()
                    .find(|l| rest.len() > l.len() && rest.get(..l.len()).is_some_and(|s| s == *l))
            });
            if of.is_none()
                && let Some(link) = link
            {
                let mut q = hit.end + link.len();
                if text
                    .get(q..q + 4)
                    .is_some_and(|s| s.eq_ignore_ascii_case("the "))
                {
                    q += 4;
                }
                if let Some(&ei) = ent_starting.get(&q)
                    && let Some(e) = ents.get(ei).copied()
                {
                    // "head of Russia's Wagner Group": the owned name is the complement.
                    let (ei, e) = self
                        .possessed_after(e.span.end, &ent_starting)
                        .and_then(|oi| Some((oi, *ents.get(oi)?)))
                        .unwrap_or((ei, e));
                    let inner = text.get(e.span.end..).unwrap_or("");
                    let inner_trim = inner.trim_start_matches([' ', '\t']);
                    let next_title = e.span.end + (inner.len() - inner_trim.len());
                    if inner_trim.len() < inner.len()
                        && let Some(&tj) = title_starting.get(&next_title)
                        && tj > hi
                    {
                        complement_is_title = true;
                        title_refs.push((hi, tj));
                    } else if e.via == MentionVia::Adjective {
                        // "spokesman for the Sudanese Doctors Union": the adjective only
                        // opens the name of whom the title is.
                    } else {
                        of = Some(OfRef::Actor(e.actor));
                        phrase_end = e.span.end;
                        holder_from = e.span.end;
                        if let Some(o) = ents.get_mut(ei) {
                            o.nested = true;
                        }
                    }
                } else if let Some(&tj) = title_starting.get(&q)
                    && tj > hi
                {
                    complement_is_title = true;
                    title_refs.push((hi, tj));
                } else if let Some(k) = self.tok_starting(q)
                    && let Some((first, last, words)) = self.name_forward(k)
                {
                    of = self.name_ref(first, last, words, false, None);
                    of_name = self.span_of(first, last);
                    holder_from = of_name.map_or(holder_from, |s| s.end);
                }
            }
            // The holder: "Kremlin spokesman Dmitry Peskov", "..., Sergei Lavrov, said".
            let mut holder: Option<(usize, usize, usize)> = None;
            if !complement_is_title && let Some(k) = self.tok_starting_after(holder_from) {
                let gap = self.tok(k).map(|t| t.gap);
                // A rank or honorific between a title and the name: "army chief General X".
                let k = self.after_rank(k, &hits, &title_starting).unwrap_or(k);
                if gap == Some(Gap::Space) {
                    holder = self.name_forward(k);
                } else if gap == Some(Gap::None)
                    && self.word(k) == ","
                    && self.tok(k + 1).is_some_and(|t| t.gap == Gap::Space)
                    && let Some((f, l, w)) = self.name_forward(k + 1)
                    && w >= 2
                    && self.tok(l + 1).is_none_or(|t| {
                        let w = t.text(text);
                        !t.word || self.verb_follows(l + 1) || w == "and"
                    })
                {
                    holder = Some((f, l, w));
                }
            }
            // An apposition before: "Sergei Lavrov, the Russian foreign minister, said".
            if holder.is_none() && !complement_is_title && title.canonical.is_some() {
                let lead = trim_spaces_end(text.get(..phrase_start).unwrap_or(""));
                let lead = ["the", "a", "an"]
                    .into_iter()
                    .find_map(|article| strip_word_end(lead, article))
                    .unwrap_or(lead);
                if let Some(lead) = lead.strip_suffix(',')
                    && let Some(j) = self.tok_ending(lead.len())
                    && let Some((f, l, w)) = self.name_backward(j)
                    && w >= 2
                {
                    holder = Some((f, l, w));
                }
            }
            let at_start = self
                .tok_starting(phrase_start)
                .is_some_and(|i| self.tok(i).is_some_and(|t| t.at_start));
            let Some(canonical) = title.canonical.clone() else {
                // An honorific: a person's name follows or it is nothing.
                if let Some((f, l, w)) = holder
                    && let Some(name_span) = self.span_of(f, l)
                {
                    if let Some(r) = self.name_ref(f, l, w, false, title.gender) {
                        if let OfRef::Actor(a) = r {
                            // "Mr Justice Anthony Mann": the honorific and the whole phrase.
                            self.descriptors.push((a, Span::new(hit.start, hit.end)));
                            self.descriptors
                                .push((a, Span::new(hit.start, name_span.end)));
                        }
                        self.name_mention(r, name_span);
                    }
                    self.claim(Span::new(hit.start, name_span.end));
                }
                continue;
            };
            if holder.is_none()
                && ((title.exact_case && modifier_ent.is_none() && at_start)
                    || (of.is_none() && !complement_is_title))
            {
                continue;
            }
            let span = Span::new(phrase_start, phrase_end);
            if let Some(ei) = modifier_ent
                && let Some(o) = ents.get_mut(ei)
            {
                o.nested = true;
            }
            let ti = self.titles.len();
            self.title_index.insert(span, ti);
            self.titles.push(TitleMention {
                span,
                title: canonical,
                of: None,
                holder: None,
            });
            self.title_of.push(of);
            hit_title.insert(hi, ti);
            self.claim(span);
            if let Some(name_span) = of_name {
                self.claim(name_span);
                if let Some(OfRef::Actor(a)) = of {
                    self.mention(name_span, a, MentionVia::Name, false);
                } else if let Some(OfRef::Pending(p)) = of
                    && let Some(pe) = self.pending.get_mut(p)
                {
                    pe.use_ = PendingUse::Of(ti);
                }
            }
            if let Some((f, l, w)) = holder
                && let Some(name_span) = self.span_of(f, l)
            {
                let r = self.name_ref(f, l, w, false, title.gender);
                match r {
                    Some(OfRef::Actor(a)) => {
                        if let Some(t) = self.titles.get_mut(ti) {
                            t.holder = Some(a);
                        }
                        self.mention(name_span, a, MentionVia::Name, false);
                    }
                    Some(OfRef::Pending(p)) => {
                        if let Some(pe) = self.pending.get_mut(p) {
                            pe.use_ = PendingUse::Holder(ti);
                        }
                    }
                    _ => {}
                }
                self.claim(name_span);
            }
        }
        for (outer, inner) in title_refs {
            if let (Some(&o), Some(&i)) = (hit_title.get(&outer), hit_title.get(&inner))
                && let Some(slot) = self.title_of.get_mut(o)
            {
                *slot = Some(OfRef::Title(i));
            }
        }
    }

    /// The lexicon match owned through a possessive right after byte `end` ("Russia's Wagner
    /// Group"): its index among the matches.
    fn possessed_after(&self, end: usize, ent_starting: &HashMap<usize, usize>) -> Option<usize> {
        let rest = self.text.get(end..)?;
        let n = ["'s ", "\u{2019}s "]
            .iter()
            .find(|s| rest.starts_with(**s))?
            .len();
        ent_starting.get(&(end + n)).copied()
    }

    /// When a capitalised rank or honorific ("General", "Gen.", "Sheikh") starts at token `k`,
    /// the token after it.
    fn after_rank(
        &self,
        k: usize,
        hits: &[TitleHit],
        title_starting: &HashMap<usize, usize>,
    ) -> Option<usize> {
        let start = self.tok(k)?.start;
        let hit = hits.get(*title_starting.get(&start)?)?;
        let title = self.g.titles().get(hit.title)?;
        if !title.exact_case {
            return None;
        }
        let next = self.tok_starting_after(hit.end)?;
        (self.tok(next)?.gap == Gap::Space).then_some(next)
    }

    /// The index of the first token starting at or after byte `at` (the token count if none),
    /// searched from token `from`, which must not lie past it: a galloping search, cheap when
    /// the answer is near `from`.
    fn first_token_from(&self, from: usize, at: usize) -> usize {
        let rest = self.toks.get(from..).unwrap_or(&[]);
        let mut bound = 1;
        while bound < rest.len() && rest.get(bound - 1).is_some_and(|t| t.start < at) {
            bound *= 2;
        }
        let window = rest.get(..bound.min(rest.len())).unwrap_or(&[]);
        from + window.partition_point(|t| t.start < at)
    }

    /// The first token starting at or after byte `at`.
    fn tok_starting_after(&self, at: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.start < at);
        self.toks.get(i).map(|_| i)
    }

    /// A person from name tokens: an actor for a full name, a pending entry for one word.
    fn name_ref(
        &mut self,
        first: usize,
        last: usize,
        words: usize,
        candidate: bool,
        gender: Option<Gender>,
    ) -> Option<OfRef> {
        let span = self.span_of(first, last)?;
        let name = span.of(self.text).to_string();
        if words >= 2 {
            return Some(OfRef::Actor(self.person(&name, candidate, gender)));
        }
        self.pending.push(Pending {
            span,
            word: name,
            candidate,
            gender,
            use_: PendingUse::Mention,
        });
        Some(OfRef::Pending(self.pending.len() - 1))
    }

    fn name_mention(&mut self, r: OfRef, span: Span) {
        if let OfRef::Actor(a) = r {
            self.mention(span, a, MentionVia::Name, false);
        }
    }

    // ---- rule 3: acronym definitions --------------------------------------------------

    fn acronym_pass(&mut self) {
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
    fn long_name_before(&self, open: usize, acronym: &str) -> Option<(usize, usize)> {
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

    fn define(&mut self, first: usize, last: usize, acronym: &str, acr_span: Span) {
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
    fn long_name_is_free(&self, span: Span) -> bool {
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
    fn take_over(&mut self, span: Span) {
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

    // ---- rule 6: candidate names ------------------------------------------------------

    fn candidate_word(&self, i: usize) -> bool {
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

    fn candidate_pass(&mut self) {
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

    fn candidate_run(
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
    fn apposition_then_verb(&self, i: usize) -> bool {
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
    fn with_leading_adjective(&self, first: usize, span: Span) -> Span {
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

    // ---- rule 4: surnames -------------------------------------------------------------

    fn surname_map(&self) -> HashMap<String, Vec<usize>> {
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

    fn resolve_pending(&mut self) {
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

    /// Finds the remaining mentions of names the text itself introduced: full names, surnames
    /// (possessives included), defined acronyms and candidate names, wherever they occur.
    fn document_forms_pass(&mut self) {
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

    /// Of `actors`, the one mentioned last in the few paragraphs before byte `before` (the
    /// first when none is): the reading a reader would take.
    fn latest_mentioned(&self, actors: &[usize], before: usize) -> usize {
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
    fn ambiguity(&mut self, span: Span, chosen: usize, actors: &[usize]) {
        let mut list = vec![chosen];
        list.extend(actors.iter().copied().filter(|&a| a != chosen));
        self.ambiguous.push(Ambiguity { span, actors: list });
    }

    /// Whether a capitalised name-like word touches `span` on either side (so a surname there
    /// is part of someone else's name).
    fn beside_capitalised(&self, span: Span) -> bool {
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

    // ---- roles, unnamed holders -------------------------------------------------------

    /// A title whose modifier was only found after the title rule ran ("RSF commander X",
    /// with "RSF" defined later in the text): the modifier now gives whose title it is.
    fn late_modifiers(&mut self) {
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

    fn role_pass(&mut self) {
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

    fn add_role(&mut self, holder: usize, t: &TitleMention) {
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

    // ---- rule 5: pronouns -------------------------------------------------------------

    /// Links each he/she that is the subject of a verb to a person, the one place pronouns
    /// are resolved (the claim stage reads a pronoun speaker from the mention made here). A
    /// pronoun before a reporting verb is the latest person of its gender who was the subject
    /// of a reporting verb, however far back: reported speech goes on with its speaker even
    /// when other names come between ("Jobs said ... Intel ... He said"). Otherwise, or when
    /// no one spoke yet, it is the latest fitting subject of its own sentence or of the two
    /// before, else the latest fitting person there.
    fn pronoun_pass(&mut self) {
        let mut resolved: Vec<PersonMention> = Vec::new();
        let mut people: Vec<PersonMention> = Vec::new();
        let mut sorted: Vec<Mention> = self
            .mentions
            .iter()
            .filter(|m| !m.nested && self.kind_of(m.actor) == Some(ActorKind::Person))
            .copied()
            .collect();
        sorted.sort_by_key(|m| m.span.start);
        // The mentions are in text order, so each token search starts where the last ended.
        let mut cursor = 0;
        for m in &sorted {
            cursor = self.first_token_from(cursor, m.span.start);
            let first = cursor;
            if self.tok(first).is_none_or(|t| t.start != m.span.start) {
                continue;
            }
            let after =
                Some(self.first_token_from(first, m.span.end)).filter(|&k| self.tok(k).is_some());
            let possessive =
                after.is_some_and(|k| self.tok(k).is_some_and(|t| t.gap == Gap::None && !t.word));
            let subject = !possessive && after.is_some_and(|k| self.verb_follows(k));
            people.push(PersonMention {
                start: m.span.start,
                sentence: self.tok(first).map_or(0, |t| t.sentence),
                actor: m.actor,
                subject,
                speaker: subject && after.is_some_and(|k| self.reporting_verb_follows(k)),
            });
        }
        let mut found: Vec<(Span, usize)> = Vec::new();
        for (i, t) in self.toks.iter().enumerate() {
            let w = t.text(self.text);
            let gender = match w {
                "he" | "He" => Gender::Male,
                "she" | "She" => Gender::Female,
                _ => continue,
            };
            let span = Span::new(t.start, t.end);
            if !t.word || t.excluded || !self.is_free(span) || !self.verb_follows(i + 1) {
                continue;
            }
            let fits = |p: &PersonMention| {
                p.start < t.start
                    && self
                        .gender
                        .get(p.actor)
                        .copied()
                        .flatten()
                        .is_none_or(|g| g == gender)
            };
            let speaking = self.reporting_verb_follows(i + 1);
            let mut chosen = None;
            if speaking {
                chosen = people_of_sentence(&people, &resolved, t.sentence, t.start)
                    .find(|p| p.subject && fits(p))
                    .map(|p| p.actor)
                    .or_else(|| latest_speaker(&people, &resolved, t.start, fits));
            }
            for back in 0..3 {
                if chosen.is_some() {
                    break;
                }
                let Some(s) = t.sentence.checked_sub(back) else {
                    break;
                };
                // The latest fitting subject of sentence `s`, else its latest fitting person.
                let mut latest = None;
                for p in people_of_sentence(&people, &resolved, s, t.start) {
                    if !fits(p) {
                        continue;
                    }
                    latest = latest.or(Some(p.actor));
                    if p.subject {
                        latest = Some(p.actor);
                        break;
                    }
                }
                chosen = latest;
            }
            let Some(actor) = chosen else {
                continue;
            };
            found.push((span, actor));
            resolved.push(PersonMention {
                start: t.start,
                sentence: t.sentence,
                actor,
                subject: true,
                speaker: speaking,
            });
        }
        for (span, actor) in found {
            self.mention(span, actor, MentionVia::Pronoun, false);
            self.claim(span);
        }
    }

    // ---- the table --------------------------------------------------------------------

    fn finish(mut self) -> ActorTable {
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

/// A person mention the pronoun rule can link a he/she to.
struct PersonMention {
    start: usize,
    sentence: usize,
    actor: usize,
    /// A verb follows it: it is the subject of its clause.
    subject: bool,
    /// The verb that follows is a reporting verb: it is a speaker.
    speaker: bool,
}

/// The actor of the latest speaker (named or a pronoun resolved so far) starting before byte
/// `before` that `fits`.
fn latest_speaker(
    named: &[PersonMention],
    resolved: &[PersonMention],
    before: usize,
    fits: impl Fn(&PersonMention) -> bool,
) -> Option<usize> {
    let latest = |list: &[PersonMention]| {
        list.get(..list.partition_point(|p| p.start < before))
            .unwrap_or(&[])
            .iter()
            .rev()
            .find(|p| p.speaker && fits(p))
            .map(|p| (p.start, p.actor))
    };
    match (latest(named), latest(resolved)) {
        (Some(n), Some(r)) => Some(if n.0 >= r.0 { n.1 } else { r.1 }),
        (n, r) => n.or(r).map(|(_, actor)| actor),
    }
}

/// The person mentions of sentence `sentence` starting before byte `before`, latest first,
/// from two lists in text order: the mentions the text names and the pronouns resolved so
/// far. A pronoun counts as earlier than a name starting at the same byte.
fn people_of_sentence<'a>(
    named: &'a [PersonMention],
    resolved: &'a [PersonMention],
    sentence: usize,
    before: usize,
) -> impl Iterator<Item = &'a PersonMention> {
    let part = |list: &'a [PersonMention]| {
        let from = list.partition_point(|p| p.sentence < sentence);
        let to = list.partition_point(|p| p.sentence <= sentence);
        let same = list.get(from..to).unwrap_or(&[]);
        same.get(..same.partition_point(|p| p.start < before))
            .unwrap_or(&[])
    };
    let mut named = part(named);
    let mut resolved = part(resolved);
    std::iter::from_fn(move || {
        let take_named = match (named.last(), resolved.last()) {
            (Some(n), Some(r)) => n.start >= r.start,
            (Some(_), None) => true,
            (None, _) => false,
        };
        let list = if take_named {
            &mut named
        } else {
            &mut resolved
        };
        let (last, rest) = list.split_last()?;
        *list = rest;
        Some(last)
    })
}

/// Whether the initials of `words` spell `letters`; a hyphenated word may give the initial of
/// each part ("Anti-Terrorism" -> A or AT).
fn spells(words: &[&str], letters: &[char]) -> bool {
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
