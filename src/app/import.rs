//! Importing an article: the one path from text to stored drafts, used by `sitrep import`, the
//! demo seed, the web form and the API. The situation's known actors go to the extractor (so
//! names learnt earlier link), then the source verbatim, its observations, actors (linked to
//! the situation's own by name or alias), claims with their three clocks, the actors each
//! involves, relations, predictions and warnings are stored in one transaction.

use super::error::{UseCaseError, blocking};
use crate::domain::{
    ActorId, ClaimId, MentionRole, ObservationId, PredictionStatus, ReviewState, SituationId,
    SourceId, SourceKind, Span, UserId, When,
};
use crate::extract::{
    DocumentMeta, ExtractOptions, Extraction, KnownActor, ObservationDraft, extract,
};
use crate::storage::{
    self, ActorBook, Conn, Database, NewActor, NewRole, StorageError, Tx,
    insert::{
        NewClaim, NewClaimActor, NewObservation, NewPrediction, NewRelation, NewSource, NewWarning,
        insert_claim, insert_claim_actor, insert_observation, insert_prediction, insert_relation,
        insert_source, insert_warning,
    },
};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// One article to import.
#[derive(Debug, Clone, Copy)]
pub struct ImportArticle<'a> {
    /// The situation's slug; the situation is created when missing.
    pub situation: &'a str,
    /// Title for a situation this import creates (the slug when `None`).
    pub create_title: Option<&'a str>,
    /// The file the text came from, kept with the source.
    pub file_name: Option<&'a str>,
    /// The article's text, stored verbatim; every span points into it.
    pub text: &'a str,
    /// The date to use when the text states none (a feed's date, a manifest's).
    pub published: Option<NaiveDate>,
    /// Store claims and relations as accepted and published at once rather than as drafts
    /// waiting for review.
    pub accept: bool,
}

/// What the analyst says about an article beside its text: values given here win over what the
/// extractor read from the text (the analyst is looking at the article), and blanks are left
/// to the extractor.
#[derive(Debug, Clone, Copy, Default)]
pub struct SourceDetails<'a> {
    /// Headline.
    pub title: Option<&'a str>,
    /// Original address.
    pub url: Option<&'a str>,
    /// Who published it.
    pub publisher: Option<&'a str>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// An article or an analyst's note.
    pub kind: SourceKind,
    /// The account that wrote it (an analyst's note), and its name as the byline.
    pub author: Option<(UserId, &'a str)>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// The source and its extraction were stored.
    Created {
        /// The new source.
        source_id: SourceId,
        /// Whether the situation was created by this import.
        situation_created: bool,
        /// How many rows of each kind were written.
        counts: ImportCounts,
    },
    /// The same text was already stored in this situation; nothing was written.
    AlreadyImported {
        /// The source stored earlier.
        source_id: SourceId,
    },
}

impl ImportOutcome {
    /// The source stored, now or earlier.
    pub fn source_id(&self) -> SourceId {
        match self {
            ImportOutcome::Created { source_id, .. }
            | ImportOutcome::AlreadyImported { source_id } => *source_id,
        }
    }
}

/// How many rows an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportCounts {
    /// Observations (dated sections).
    pub observations: usize,
    /// Actors created.
    pub actors_created: usize,
    /// Extracted actors linked to actors the situation already had.
    pub actors_linked: usize,
    /// Claims.
    pub claims: usize,
    /// Actor parts in claims.
    pub claim_actors: usize,
    /// Relations.
    pub relations: usize,
    /// Predictions.
    pub predictions: usize,
    /// Warnings.
    pub warnings: usize,
}

/// Imports an article (see the module documentation). The extraction runs off the async
/// workers and before the write transaction begins, so the write lock is held only while
/// rows are written. On any error nothing is written; the same text imported twice into a
/// situation is stored once and reported as [`ImportOutcome::AlreadyImported`].
pub async fn import_article(
    db: &Database,
    request: ImportArticle<'_>,
) -> Result<ImportOutcome, UseCaseError> {
    import_article_with(db, request, SourceDetails::default()).await
}

/// [`import_article`] with the analyst's details of the source.
pub async fn import_article_with(
    db: &Database,
    request: ImportArticle<'_>,
    details: SourceDetails<'_>,
) -> Result<ImportOutcome, UseCaseError> {
    storage::validate_slug(request.situation)?;
    refuse_empty(request.text)?;
    if let Some(existing) = existing_source(db, request.situation, request.text).await? {
        return Ok(ImportOutcome::AlreadyImported {
            source_id: existing,
        });
    }
    let options = ExtractOptions {
        fallback_date: request.published,
        known_actors: known_actors(db, request.situation).await?,
    };
    let text = request.text.to_string();
    let extraction = blocking(move || extract(&text, &options)).await?;
    store_in_transaction(db, request, details, &extraction).await
}

/// Stores an article with an extraction made beforehand (a previewed one, or one built by
/// hand), in one transaction, as [`import_article`] does after extracting.
pub async fn import_extracted(
    db: &Database,
    request: ImportArticle<'_>,
    extraction: &Extraction,
) -> Result<ImportOutcome, UseCaseError> {
    store_in_transaction(db, request, SourceDetails::default(), extraction).await
}

async fn store_in_transaction(
    db: &Database,
    request: ImportArticle<'_>,
    details: SourceDetails<'_>,
    extraction: &Extraction,
) -> Result<ImportOutcome, UseCaseError> {
    storage::validate_slug(request.situation)?;
    refuse_empty(request.text)?;
    let stored = db
        .transaction(async |tx| store_extraction(tx, request, details, extraction).await)
        .await;
    match stored {
        Err(UseCaseError::Storage(StorageError::Conflict { message })) => {
            // A concurrent import of the same text wins the unique index; report it as such.
            match existing_source(db, request.situation, request.text).await? {
                Some(source_id) => Ok(ImportOutcome::AlreadyImported { source_id }),
                None => Err(StorageError::Conflict { message }.into()),
            }
        }
        other => other,
    }
}

/// Imports an article inside a caller's transaction (the demo seed loads several in one),
/// extracting it against the actors the transaction sees.
pub async fn import_article_in(
    tx: &Tx,
    request: ImportArticle<'_>,
) -> Result<ImportOutcome, UseCaseError> {
    storage::validate_slug(request.situation)?;
    refuse_empty(request.text)?;
    let options = ExtractOptions {
        fallback_date: request.published,
        known_actors: known_actors(tx, request.situation).await?,
    };
    let extraction = extract(request.text, &options);
    store_extraction(tx, request, SourceDetails::default(), &extraction).await
}

/// The actor that speaks for a source in its own voice: its publisher as an organisation, or
/// without one its author as a person; `None` when the source names neither.
async fn source_voice(
    tx: &Tx,
    book: &mut ActorBook,
    publisher: Option<&str>,
    author: Option<&str>,
    review_state: ReviewState,
    source: SourceId,
) -> Result<Option<ActorId>, UseCaseError> {
    fn named(name: Option<&str>) -> Option<&str> {
        name.map(str::trim).filter(|n| !n.is_empty())
    }
    let (name, kind) = match (named(publisher), named(author)) {
        (Some(publisher), _) => (publisher, crate::domain::ActorKind::Organisation),
        (None, Some(author)) => (author, crate::domain::ActorKind::Person),
        (None, None) => return Ok(None),
    };
    let (id, _) = book
        .link_or_create(
            tx,
            NewActor {
                name,
                kind,
                aliases: &[],
                external_id: None,
                candidate: false,
                review_state,
                proposed_by: Some(source),
            },
        )
        .await?;
    Ok(Some(id))
}

/// An article with no words is refused before anything is stored.
fn refuse_empty(text: &str) -> Result<(), UseCaseError> {
    if text.trim().is_empty() {
        return Err(UseCaseError::invalid(
            "the article is empty: there is no text to read claims from",
        ));
    }
    Ok(())
}

/// A situation's actors as the extractor wants them, so that it links to them; empty when the
/// situation does not exist yet.
pub async fn known_actors(conn: &impl Conn, slug: &str) -> Result<Vec<KnownActor>, UseCaseError> {
    let Some(situation) = situation_of(conn, slug).await? else {
        return Ok(Vec::new());
    };
    Ok(storage::actors_of(conn, situation)
        .await?
        .into_iter()
        .map(|row| KnownActor {
            name: row.name,
            kind: row.kind,
            aliases: row.aliases,
            parent: row.parent.map(|p| p.name),
            external_id: row.external_id,
        })
        .collect())
}

async fn existing_source(
    conn: &impl Conn,
    slug: &str,
    text: &str,
) -> Result<Option<SourceId>, UseCaseError> {
    let Some(situation) = situation_of(conn, slug).await? else {
        return Ok(None);
    };
    Ok(storage::source_with_hash(conn, situation, &storage::content_hash(text)).await?)
}

/// Stores an extraction of `request.text` in `tx`.
async fn store_extraction(
    tx: &Tx,
    request: ImportArticle<'_>,
    details: SourceDetails<'_>,
    extraction: &Extraction,
) -> Result<ImportOutcome, UseCaseError> {
    let ImportArticle { text, .. } = request;
    let (situation, situation_created) =
        storage::find_or_create_situation(tx, request.situation, request.create_title, "").await?;
    let hash = storage::content_hash(text);
    if let Some(existing) = storage::source_with_hash(tx, situation, &hash).await? {
        return Ok(ImportOutcome::AlreadyImported {
            source_id: existing,
        });
    }
    check_extraction(text, extraction)?;

    let recorded_at = storage::now();
    let review_state = if request.accept {
        ReviewState::Accepted
    } else {
        ReviewState::Draft
    };
    let meta = &details.over(&extraction.document);
    let language = if meta.language.is_empty() {
        "und"
    } else {
        meta.language.as_str()
    };
    let source = insert_source(
        tx,
        &NewSource {
            situation,
            file_name: request.file_name,
            title: meta.title.as_deref(),
            publisher: meta.publisher.as_deref(),
            author: meta.author.as_deref(),
            url: meta.url.as_deref(),
            published: meta.published,
            language,
            format: meta.format,
            text,
            content_hash: &hash,
            recorded_at,
            kind: details.kind,
            author_user: details.author.map(|(id, _)| id),
        },
    )
    .await?;

    let mut counts = ImportCounts::default();
    let published_day = meta.published.map(When::day);

    // Observations; a document the extractor did not divide is one whole-document observation.
    let whole_document;
    let observations: &[ObservationDraft] = if extraction.observations.is_empty() {
        whole_document = [ObservationDraft {
            date: meta.published,
            when: None,
            heading: String::new(),
            start: 0,
            end: text.len(),
        }];
        &whole_document
    } else {
        &extraction.observations
    };
    let mut observation_ids: Vec<ObservationId> = Vec::with_capacity(observations.len());
    let mut observation_dates = Vec::with_capacity(observations.len());
    for (ordinal, draft) in observations.iter().enumerate() {
        let date = draft.when.clone().or_else(|| draft.date.map(When::day));
        let id = insert_observation(
            tx,
            &NewObservation {
                situation,
                source,
                ordinal: ordinal_column(ordinal),
                heading: &draft.heading,
                span: Span::new(draft.start, draft.end),
                date: date.as_ref(),
            },
        )
        .await?;
        observation_ids.push(id);
        observation_dates.push(date);
        counts.observations += 1;
    }

    // Actors: link or create, then parents and roles once every draft id has a row.
    let mut book = ActorBook::load(tx, situation).await?;
    let mut actor_ids: HashMap<&str, ActorId> = HashMap::new();
    for draft in &extraction.actors {
        let (id, created) = book
            .link_or_create(
                tx,
                NewActor {
                    name: &draft.name,
                    kind: draft.kind,
                    aliases: &draft.aliases,
                    external_id: draft.external_id.as_deref(),
                    candidate: draft.candidate,
                    review_state,
                    proposed_by: Some(source),
                },
            )
            .await?;
        if created {
            counts.actors_created += 1;
        } else {
            counts.actors_linked += 1;
        }
        actor_ids.insert(draft.id.as_str(), id);
    }
    let actor = |draft_id: &str, what: &str| {
        actor_ids.get(draft_id).copied().ok_or_else(|| {
            UseCaseError::invalid(format!("{what} refers to an unknown actor {draft_id:?}"))
        })
    };
    for draft in &extraction.actors {
        let id = actor(&draft.id, "actor")?;
        if let Some(parent) = &draft.parent {
            let parent_id = actor(parent, &format!("actor {}'s parent", draft.id))?;
            book.set_parent_if_missing(tx, id, parent_id).await?;
        }
        for role in &draft.roles {
            let of = match &role.of {
                Some(of) => Some(actor(of, &format!("actor {}'s role", draft.id))?),
                None => None,
            };
            book.add_role(
                tx,
                id,
                NewRole {
                    title: &role.title,
                    of,
                    valid_from: None,
                    valid_to: None,
                },
            )
            .await?;
        }
    }

    // Claims, with the actors they involve and the predictions they make.
    let mut author_forecaster: Option<ActorId> = None;
    let mut claim_ids: HashMap<&str, ClaimId> = HashMap::new();
    for (ordinal, draft) in extraction.claims.iter().enumerate() {
        let what = format!("claim {}", draft.id);
        let observation = observation_ids.get(draft.observation).copied();
        let reported = draft
            .reported
            .clone()
            .or_else(|| observation_dates.get(draft.observation).cloned().flatten())
            .or_else(|| published_day.clone());
        let speaker = match &draft.speaker {
            Some(speaker) => Some(actor(speaker, &what)?),
            None => None,
        };
        let claim = insert_claim(
            tx,
            &NewClaim {
                situation,
                source,
                observation,
                ordinal: ordinal_column(ordinal),
                text: &draft.text,
                span: Span::new(draft.start, draft.end),
                kind: draft.kind,
                modality: draft.modality,
                occurred: draft.when.as_ref(),
                reported: reported.as_ref(),
                recorded_at,
                speaker,
                review_state,
                deleted_at: None,
                published_at: request.accept.then_some(recorded_at),
                version: 1,
            },
        )
        .await?;
        if claim_ids.insert(draft.id.as_str(), claim).is_some() {
            return Err(UseCaseError::invalid(format!(
                "two claims share the id {:?}",
                draft.id
            )));
        }
        counts.claims += 1;

        // Each actor's part: the participants with their spans, then the speaker and any other
        // actor listed without one.
        let mut parts: Vec<Part> = Vec::new();
        for part in &draft.participants {
            parts.push((
                actor(&part.actor, &what)?,
                part.role,
                Some(Span::new(part.start, part.end)),
            ));
        }
        if let Some(speaker) = speaker
            && !parts
                .iter()
                .any(|(id, role, _)| *id == speaker && *role == MentionRole::Speaker)
        {
            parts.push((speaker, MentionRole::Speaker, None));
        }
        for listed in &draft.actors {
            let id = actor(listed, &what)?;
            if !parts.iter().any(|(known, _, _)| *known == id) {
                parts.push((id, MentionRole::Mentioned, None));
            }
        }
        let mut seen = HashSet::new();
        for (actor_id, role, span) in parts {
            if !seen.insert((actor_id, role, span)) {
                continue;
            }
            insert_claim_actor(
                tx,
                &NewClaimActor {
                    claim,
                    actor: actor_id,
                    role,
                    span,
                },
            )
            .await?;
            counts.claim_actors += 1;
        }

        if let Some(forecast) = &draft.prediction {
            let forecaster = match &forecast.forecaster {
                Some(f) => Some(actor(f, &what)?),
                // The author's own forecast: the source's publisher (or, without one, its
                // author) is the forecaster, an actor of its own so that it has a record.
                None => match author_forecaster {
                    Some(id) => Some(id),
                    None => {
                        author_forecaster = source_voice(
                            tx,
                            &mut book,
                            meta.publisher.as_deref(),
                            meta.author.as_deref(),
                            review_state,
                            source,
                        )
                        .await?;
                        author_forecaster
                    }
                },
            };
            let made_on = forecast
                .made_on
                .or_else(|| reported.as_ref().and_then(When::earliest).map(|t| t.date()));
            insert_prediction(
                tx,
                &NewPrediction {
                    situation,
                    claim,
                    forecaster,
                    made_on,
                    proposition: forecast.proposition.trim(),
                    hedge: forecast.hedge.as_deref(),
                    negated: forecast.negated,
                    probability: forecast.probability,
                    lexicon_version: &forecast.lexicon_version,
                    due: forecast.due.as_ref(),
                    due_inferred: forecast.due_inferred,
                    status: PredictionStatus::Open,
                    probability_origin: forecast
                        .probability
                        .map(|_| crate::domain::ProbabilityOrigin::Lexicon),
                    entered_by_hand: false,
                    version: 1,
                },
            )
            .await?;
            counts.predictions += 1;
        }
    }
    let claim = |draft_id: &str, what: &str| {
        claim_ids.get(draft_id).copied().ok_or_else(|| {
            UseCaseError::invalid(format!("{what} refers to an unknown claim {draft_id:?}"))
        })
    };

    for (index, draft) in extraction.relations.iter().enumerate() {
        let what = format!("relation {}", index + 1);
        insert_relation(
            tx,
            &NewRelation {
                situation,
                source: actor(&draft.source, &what)?,
                target: actor(&draft.target, &what)?,
                kind: &draft.kind,
                polarity: draft.polarity,
                valid: draft.when.as_ref(),
                claim: Some(claim(&draft.claim, &what)?),
                span: Some(Span::new(draft.start, draft.end)),
                review_state,
                recorded_at,
                published_at: request.accept.then_some(recorded_at),
                version: 1,
            },
        )
        .await?;
        counts.relations += 1;
    }

    for (index, draft) in extraction.warnings.iter().enumerate() {
        let what = format!("warning {}", index + 1);
        let claim_id = match &draft.claim {
            Some(c) => Some(claim(c, &what)?),
            None => None,
        };
        insert_warning(
            tx,
            &NewWarning {
                situation,
                source,
                claim: claim_id,
                kind: draft.kind,
                message: &draft.message,
                span: Span::new(draft.start, draft.end),
            },
        )
        .await?;
        counts.warnings += 1;
    }

    storage::touch_situation(tx, situation).await?;
    Ok(ImportOutcome::Created {
        source_id: source,
        situation_created,
        counts,
    })
}

impl SourceDetails<'_> {
    /// The document's metadata with the analyst's values put over the extractor's.
    fn over(&self, meta: &DocumentMeta) -> DocumentMeta {
        let given = |value: Option<&str>, read: &Option<String>| {
            value
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .or_else(|| read.clone())
        };
        DocumentMeta {
            title: given(self.title, &meta.title),
            url: given(self.url, &meta.url),
            publisher: given(self.publisher, &meta.publisher),
            author: given(self.author.map(|(_, name)| name), &meta.author),
            published: self.published.or(meta.published),
            language: meta.language.clone(),
            format: meta.format,
        }
    }
}

/// An actor's part in a claim: actor, role, and the mention's span when known.
type Part = (ActorId, MentionRole, Option<Span>);

/// A position as stored.
fn ordinal_column(ordinal: usize) -> i64 {
    i64::try_from(ordinal).unwrap_or(i64::MAX)
}

/// Checks that `start..end` is a span of `text`: ordered, inside it, and on char boundaries.
fn check_span(text: &str, start: usize, end: usize, what: &str) -> Result<(), UseCaseError> {
    if start > end || end > text.len() {
        return Err(UseCaseError::invalid(format!(
            "{what}: span {start}..{end} lies outside the {}-byte source",
            text.len()
        )));
    }
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return Err(UseCaseError::invalid(format!(
            "{what}: span {start}..{end} cuts a character in two"
        )));
    }
    Ok(())
}

/// Refuses an extraction whose spans do not fit the text, before anything is written.
fn check_extraction(text: &str, extraction: &Extraction) -> Result<(), UseCaseError> {
    for (index, o) in extraction.observations.iter().enumerate() {
        check_span(text, o.start, o.end, &format!("observation {}", index + 1))?;
    }
    let sections = extraction.observations.len().max(1);
    for c in &extraction.claims {
        let what = format!("claim {}", c.id);
        check_span(text, c.start, c.end, &what)?;
        if c.observation >= sections {
            return Err(UseCaseError::invalid(format!(
                "{what} belongs to observation {}, but there are only {sections}",
                c.observation
            )));
        }
        for part in &c.participants {
            check_span(
                text,
                part.start,
                part.end,
                &format!("{what}, actor {}", part.actor),
            )?;
        }
    }
    for (index, r) in extraction.relations.iter().enumerate() {
        check_span(text, r.start, r.end, &format!("relation {}", index + 1))?;
    }
    for (index, w) in extraction.warnings.iter().enumerate() {
        check_span(text, w.start, w.end, &format!("warning {}", index + 1))?;
    }
    Ok(())
}

/// The situation with this slug, when it exists.
async fn situation_of(conn: &impl Conn, slug: &str) -> Result<Option<SituationId>, UseCaseError> {
    match storage::situation_id(conn, slug).await {
        Ok(id) => Ok(Some(id)),
        Err(StorageError::NotFound { .. }) => Ok(None),
        Err(error) => Err(error.into()),
    }
}
