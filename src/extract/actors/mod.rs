//! The actor stage: finds who a text is about and every place it names them. It links the
//! situation's known actors and the built-in gazetteer (states with their adjectives and
//! demonyms, organisations and acronyms, government bodies, places), reads title + name
//! patterns ("Kremlin spokesman Dmitry Peskov"), generic bodies ("Kazakh army" = "Armed Forces
//! of the Republic of Kazakhstan"), acronym definitions ("Eurasian Widget Council (EWC)"),
//! surnames and possessives, and he/she pronouns, and proposes unknown capitalised names as
//! candidates for review. Every mention carries its exact byte span.

mod build;
mod index;
mod tokens;

use crate::domain::ActorKind;
use crate::extract::{KnownActor, Span};

/// How a mention names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionVia {
    /// The canonical or official name ("Kazakhstan", "Republic of Kazakhstan").
    Name,
    /// Another name or short form ("U.S.", "Britain") or a known alias.
    Alias,
    /// An acronym ("CSTO").
    Acronym,
    /// A state's or place's adjective ("Kazakh").
    Adjective,
    /// A noun for a state's people ("Kazakhs").
    Demonym,
    /// A person's surname alone ("Tokayev").
    Surname,
    /// A he/she pronoun.
    Pronoun,
    /// A title standing for its holder ("the Kazakh President").
    Title,
    /// A generic body phrase ("Kazakh army").
    Body,
    /// A definite description standing for an organisation ("the company", "the firm").
    Description,
    /// A person's given name alone ("Steve" for "Steve Jobs"); kept out of the aliases, which
    /// later articles match, since other persons share it.
    GivenName,
}

/// A role an actor holds, read from a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// The title's canonical form ("Defence Minister").
    pub title: String,
    /// The actor it is held in (index into [`ActorTable::actors`]), when known.
    pub of: Option<usize>,
    /// Where the title is written.
    pub span: Span,
}

/// An actor found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorRecord {
    /// Canonical name.
    pub name: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// The distinct names it was mentioned by, its known aliases, and for a person the
    /// surname; the canonical name excluded.
    pub aliases: Vec<String>,
    /// Parent actor (index into [`ActorTable::actors`]): Kremlin -> Russia.
    pub parent: Option<usize>,
    /// Wikidata QID, when known.
    pub external_id: Option<String>,
    /// Roles read from titles.
    pub roles: Vec<Role>,
    /// An unknown name proposed for review rather than a known actor.
    pub candidate: bool,
}

/// One place where the text names an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// The exact words.
    pub span: Span,
    /// Index into [`ActorTable::actors`].
    pub actor: usize,
    /// How it names the actor.
    pub via: MentionVia,
    /// It lies inside a longer mention or title phrase that is about another actor ("Kazakh"
    /// in "Kazakh army", "Russian" in "Russian Defense Minister Sergey Shoygu"). Stages that
    /// want who a clause is about usually skip nested mentions; provenance keeps them.
    pub nested: bool,
}

/// A title written in the text, with whose title it is and who holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleMention {
    /// The title with its modifier ("Kremlin spokesman", "Kazakh President").
    pub span: Span,
    /// The title's canonical form.
    pub title: String,
    /// The actor it is a title of (the Kremlin, Kazakhstan, or the person whose press
    /// secretary it is).
    pub of: Option<usize>,
    /// The person who holds it, when the text says or an earlier title phrase did.
    pub holder: Option<usize>,
}

/// A name written in the text that could be more than one actor ("Lopez" with two persons of
/// that surname).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguity {
    /// Where the name is written.
    pub span: Span,
    /// The actors it could be (indices into [`ActorTable::actors`]), the one it was linked to
    /// (if any) first.
    pub actors: Vec<usize>,
}

/// Everything the actor stage found in one text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActorTable {
    /// Actors, in order of first mention; actors never mentioned themselves (a parent such as
    /// the state of a named body) come last.
    pub actors: Vec<ActorRecord>,
    /// Mentions, sorted by start (longer first when two start together).
    pub mentions: Vec<Mention>,
    /// Titles, sorted by start.
    pub titles: Vec<TitleMention>,
    /// Names that could be more than one actor, sorted by start.
    pub ambiguous: Vec<Ambiguity>,
    /// Phrases that describe an actor without being the name the other stages read (the
    /// honorific in "Mr Justice Anthony Mann", and the whole phrase): written out as mentions
    /// for provenance.
    pub descriptors: Vec<(usize, Span)>,
}

impl ActorTable {
    /// The mentions of actor `actor`, in text order.
    pub fn mentions_of(&self, actor: usize) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(move |m| m.actor == actor)
    }

    /// The mentions lying wholly inside `span`, in text order.
    pub fn mentions_in(&self, span: Span) -> impl Iterator<Item = &Mention> {
        let from = self.mentions.partition_point(|m| m.span.start < span.start);
        self.mentions
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |m| m.span.start < span.end)
            .filter(move |m| m.span.end <= span.end)
    }

    /// The index of the actor named `name` (its canonical name or an alias), ignoring case.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.actors.iter().position(|a| {
            a.name.eq_ignore_ascii_case(name)
                || a.aliases.iter().any(|x| x.eq_ignore_ascii_case(name))
        })
    }
}

/// Finds the actors of `text`. `sentences` are its sentence spans in order; spans in
/// `excluded` (boilerplate) are skipped; `known` actors (the situation's own list) are matched
/// before the built-in gazetteer and win over it. Never panics; every span lies on char
/// boundaries of `text`.
pub fn find_actors(
    text: &str,
    sentences: &[Span],
    excluded: &[Span],
    known: &[KnownActor],
) -> ActorTable {
    build::run(text, sentences, excluded, known)
}

#[cfg(test)]
mod tests;
