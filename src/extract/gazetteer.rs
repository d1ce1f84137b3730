//! The built-in gazetteer: states (names, short forms, adjectives, demonyms), international
//! organisations with their acronyms, government bodies, and titles. The data are TSV files in
//! `data/`, compiled in.

use crate::domain::ActorKind;

/// One known actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerEntry {
    /// Canonical name.
    pub name: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// Every surface form that names it.
    pub aliases: Vec<String>,
    /// Canonical name of the parent (Kremlin -> Russia).
    pub parent: Option<String>,
    /// Wikidata QID.
    pub external_id: Option<String>,
}
