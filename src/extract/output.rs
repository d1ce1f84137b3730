//! The extractor's output: drafts for review, in the shape of the `sitrep extract` contract
//! (see the README). Every span is a UTF-8 byte range into the input, end exclusive, and every
//! `text` equals the input's bytes in that range.

use crate::domain::{
    ActorKind, ClaimKind, DocumentFormat, MentionRole, Modality, Polarity, Probability,
    WarningKind, When,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Extraction {
    /// Title, byline, publisher, date.
    pub document: DocumentMeta,
    /// Dated sections, in text order; a document without dated headings is one observation.
    pub observations: Vec<ObservationDraft>,
    /// Actors found, in order of first mention.
    pub actors: Vec<ActorDraft>,
    /// Claims, in text order.
    pub claims: Vec<ClaimDraft>,
    /// Relations between actors, each tied to a claim.
    pub relations: Vec<RelationDraft>,
    /// Inconsistencies for the analyst to look at.
    pub warnings: Vec<WarningDraft>,
}

/// Document metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct DocumentMeta {
    /// The headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// The byline.
    pub author: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Canonical URL, from HTML metadata.
    pub url: Option<String>,
    /// ISO 639-1 language code.
    pub language: String,
    /// How the input was read.
    pub format: DocumentFormat,
}

/// A dated section of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObservationDraft {
    /// The day the section is filed under (its heading's date, else the publication date).
    pub date: Option<NaiveDate>,
    /// The heading's time with its precision ("January 13 (evening)" is part of a day).
    pub when: Option<When>,
    /// The heading text, or `""` for an implicit whole-document observation.
    pub heading: String,
    /// Start of the section (its heading included).
    pub start: usize,
    /// End of the section.
    pub end: usize,
}

/// A span of the input with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionDraft {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The input's bytes in that range.
    pub text: String,
}

/// A role an actor holds ("President" of Kazakhstan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleDraft {
    /// The title, as written ("Defense Minister").
    pub title: String,
    /// The actor the role is held in (its draft id), when known.
    pub of: Option<String>,
}

/// An actor found in the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorDraft {
    /// Draft id, unique within the extraction (`a1`, `a2`, ...).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// Other names used for it in this document or known to the gazetteer.
    pub aliases: Vec<String>,
    /// Parent actor's draft id (Kremlin -> Russia).
    pub parent: Option<String>,
    /// External identifier (a Wikidata QID) when the gazetteer knows one.
    pub external_id: Option<String>,
    /// Roles held, read from title + name patterns.
    pub roles: Vec<RoleDraft>,
    /// Every place the document names it.
    pub mentions: Vec<MentionDraft>,
    /// An unknown capitalised name, proposed for review rather than known.
    pub candidate: bool,
}

/// An actor's part in a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantDraft {
    /// The actor's draft id.
    pub actor: String,
    /// Speaker, subject, object or mentioned.
    pub role: MentionRole,
    /// First byte of the mention.
    pub start: usize,
    /// One past the last byte of the mention.
    pub end: usize,
}

/// A forecast read from a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PredictionDraft {
    /// What is forecast, in the text's words.
    pub proposition: String,
    /// The hedge words ("might", "hard to come true"), as written.
    pub hedge: Option<String>,
    /// The probability that the proposition comes true; `None` for a bare "possible".
    pub probability: Option<Probability>,
    /// Whether the hedge was negated or inverted to get the probability.
    pub negated: bool,
    /// The version of the hedge lexicon used.
    pub lexicon_version: String,
    /// When the forecast falls due.
    pub due: Option<When>,
    /// Whether `due` was inferred from the default horizon rather than stated.
    pub due_inferred: bool,
    /// The day the forecast was made.
    pub made_on: Option<NaiveDate>,
    /// Who made it (draft id); `None` for the document's author.
    pub forecaster: Option<String>,
}

/// A claim: one clause that says something.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimDraft {
    /// Draft id (`c1`, `c2`, ...).
    pub id: String,
    /// The clause, as written.
    pub text: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index of the observation it belongs to.
    pub observation: usize,
    /// Statement, event, assessment or prediction.
    pub kind: ClaimKind,
    /// Asserted, reported, denied or hypothetical.
    pub modality: Modality,
    /// The time the claim is about (for a statement with its own date, when it was said).
    pub when: Option<When>,
    /// The time it was reported: its observation's date, else the publication date.
    pub reported: Option<When>,
    /// The actor who said it (draft id); `None` for the author's own voice.
    pub speaker: Option<String>,
    /// Every actor involved (draft ids), speaker first.
    pub actors: Vec<String>,
    /// Each actor's part, with the span of its mention.
    pub participants: Vec<ParticipantDraft>,
    /// For predictions, the probability that the claim comes true.
    pub probability: Option<f64>,
    /// The forecast, when the claim is a prediction.
    pub prediction: Option<PredictionDraft>,
}

/// A relation between two actors, read from one claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationDraft {
    /// The acting actor (draft id).
    pub source: String,
    /// The actor acted upon (draft id).
    pub target: String,
    /// The lexicon's name for it (`support`, `request`, `spokesman_of`, ...).
    pub kind: String,
    /// Cooperative, hostile, affiliation or neutral.
    pub polarity: Polarity,
    /// The claim behind it (draft id).
    pub claim: String,
    /// When it held.
    pub when: Option<When>,
    /// First byte of the words that express it.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The words that express it.
    pub text: String,
}

/// An inconsistency for the analyst.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WarningDraft {
    /// What sort.
    pub kind: WarningKind,
    /// A sentence for the analyst.
    pub message: String,
    /// The claim concerned (draft id).
    pub claim: Option<String>,
    /// First byte of the words concerned.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}
