//! Runs the extraction stages in order and assembles an [`Extraction`].

use super::actors::{ActorTable, find_actors};
use super::document::Document;
use super::{ActorDraft, ExtractError, Extraction, MentionDraft, RoleDraft, validate_text};
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
pub fn extract(text: &str, options: &ExtractOptions) -> Extraction {
    let document = super::document::read(text);
    let sentences = super::sentences::split(&document.text);
    let table = find_actors(
        &document.text,
        &sentences,
        &document.excluded,
        &options.known_actors,
    );
    let actors = actor_drafts(&table, &document, text);
    Extraction {
        document: document.meta,
        actors,
        ..Extraction::default()
    }
}

/// The actor table as drafts with ids `a1`, `a2`, ... and mentions mapped back to the input.
fn actor_drafts(table: &ActorTable, document: &Document, source: &str) -> Vec<ActorDraft> {
    let id = |i: usize| format!("a{}", i + 1);
    let mut drafts: Vec<ActorDraft> = table
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| ActorDraft {
            id: id(i),
            name: a.name.clone(),
            kind: a.kind,
            aliases: a.aliases.clone(),
            parent: a.parent.map(id),
            external_id: a.external_id.clone(),
            roles: a
                .roles
                .iter()
                .map(|r| RoleDraft {
                    title: r.title.clone(),
                    of: r.of.map(id),
                })
                .collect(),
            mentions: Vec::new(),
            candidate: a.candidate,
        })
        .collect();
    for m in &table.mentions {
        let span = document.to_source(m.span);
        if let Some(d) = drafts.get_mut(m.actor) {
            d.mentions.push(MentionDraft {
                start: span.start,
                end: span.end,
                text: span.of(source).to_string(),
            });
        }
    }
    drafts
}
