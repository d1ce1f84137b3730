//! The actor rules, run in order over one text by [`run`]: lexicon matches (known actors, then
//! the gazetteer), generic bodies, titles with their holders, acronym definitions, candidate
//! names, surnames, roles, pronouns. Each rule only claims words no earlier rule claimed.
//!
//! One file per rule family, each an `impl Builder` block: `lexicon_matches`, `bodies`,
//! `titles`, `acronyms`, `organisations` (short forms and descriptions), `candidates`,
//! `surnames`, `document_forms`, `roles`, `pronouns`, then `table` (the finished
//! [`ActorTable`]). What they share: `records` (one actor per [`Key`]), `mentions` (the mention
//! store and the taken spans), `token_view` and `person_names` (reading the tokens), `words`
//! (word shapes).

mod acronyms;
mod bodies;
mod candidates;
mod document_forms;
mod lexicon_matches;
mod mentions;
mod organisations;
mod person_names;
mod pronouns;
mod records;
mod roles;
mod surnames;
mod table;
mod titles;
mod token_view;
mod words;

use super::index::SpanIndex;
use super::tokens::{Token, tokenize};
use super::{ActorRecord, ActorTable, Ambiguity, Mention, MentionVia, TitleMention};
use crate::extract::gazetteer::{self, FormKind, Gazetteer, Gender};
use crate::extract::{KnownActor, Span};
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
