//! Runs the extraction stages in order and assembles an [`Extraction`].

use super::{ExtractError, Extraction, validate_text};
use crate::domain::ActorKind;
use chrono::NaiveDate;

/// An actor the situation already knows, with its aliases, so that the extractor links to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownActor {
    /// Canonical name.
    pub name: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// Other names.
    pub aliases: Vec<String>,
    /// Canonical name of the parent actor.
    pub parent: Option<String>,
    /// Wikidata QID.
    pub external_id: Option<String>,
}

/// Settings for one extraction.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// The date to resolve relative times against when the document gives none.
    pub fallback_date: Option<NaiveDate>,
    /// The situation's own actors.
    pub known_actors: Vec<KnownActor>,
}

/// Extracts drafts from raw bytes, refusing invalid UTF-8, binary data and oversized input.
pub fn extract_bytes(bytes: &[u8], options: &ExtractOptions) -> Result<Extraction, ExtractError> {
    let text = validate_text(bytes)?;
    Ok(extract(text, options))
}

/// Extracts drafts from a text.
pub fn extract(text: &str, _options: &ExtractOptions) -> Extraction {
    let document = super::document::read(text);
    Extraction {
        document: document.meta,
        ..Extraction::default()
    }
}
