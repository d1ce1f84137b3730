//! Storing an article and its extraction: the source verbatim, its observations, actors (linked
//! to the situation's own by name or alias), claims with their three clocks, the actors each
//! involves, relations, predictions and warnings, all in one transaction.

use super::actors::{ActorBook, NewActor, NewRole};
use super::entity::{claim, claim_actor, observation, prediction, relation, source, warning};
use super::values::{WhenColumns, check_span, content_hash, now, offset_to_column};
use super::{Database, StorageError, situations};
use crate::domain::{MentionRole, PredictionStatus, ReviewState, When};
use crate::extract::{DocumentFormat, Extraction, ObservationDraft};
use sea_orm::TransactionTrait;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};

/// One article to store.
#[derive(Debug, Clone, Copy)]
pub struct ImportRequest<'a> {
    /// The situation's slug; the situation is created when missing.
    pub situation: &'a str,
    /// Title for a situation this import creates (the slug when `None`).
    pub create_title: Option<&'a str>,
    /// The file the text came from, kept with the source.
    pub file_name: Option<&'a str>,
    /// The article's text, stored verbatim; every span points into it.
    pub text: &'a str,
    /// What the extractor found in `text`.
    pub extraction: &'a Extraction,
    /// Store claims and relations as accepted rather than as drafts.
    pub accept: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// The source and its extraction were stored.
    Created {
        /// The new source.
        source_id: i64,
        /// Whether the situation was created by this import.
        situation_created: bool,
        /// How many rows of each kind were written.
        counts: ImportCounts,
    },
    /// The same text was already stored in this situation; nothing was written.
    AlreadyImported {
        /// The source stored earlier.
        source_id: i64,
    },
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

/// Stores an article and its extraction (see [`ImportRequest`]) in one transaction: on any
/// error nothing is written. The same text imported twice into a situation is stored once and
/// reported as [`ImportOutcome::AlreadyImported`].
pub async fn store_import(
    db: &Database,
    request: ImportRequest<'_>,
) -> Result<ImportOutcome, StorageError> {
    let txn = db.conn().begin().await?;
    match store_import_in(&txn, request).await {
        Ok(outcome) => {
            txn.commit().await?;
            Ok(outcome)
        }
        Err(StorageError::Conflict { message }) => {
            txn.rollback().await?;
            // A concurrent import of the same text wins the unique index; report it as such.
            match existing_source(db.conn(), request.situation, request.text).await? {
                Some(source_id) => Ok(ImportOutcome::AlreadyImported { source_id }),
                None => Err(StorageError::Conflict { message }),
            }
        }
        Err(error) => Err(error),
    }
}

async fn existing_source(
    conn: &impl ConnectionTrait,
    slug: &str,
    text: &str,
) -> Result<Option<i64>, StorageError> {
    let Some(situation) = situations::find(conn, slug).await? else {
        return Ok(None);
    };
    Ok(source::Entity::find()
        .filter(source::Column::SituationId.eq(situation.id))
        .filter(source::Column::ContentHash.eq(content_hash(text)))
        .one(conn)
        .await?
        .map(|s| s.id))
}

/// [`store_import`] inside a caller's transaction.
pub(crate) async fn store_import_in(
    conn: &impl ConnectionTrait,
    request: ImportRequest<'_>,
) -> Result<ImportOutcome, StorageError> {
    let ImportRequest {
        text, extraction, ..
    } = request;
    let (situation, situation_created) =
        situations::find_or_create(conn, request.situation, request.create_title).await?;
    let hash = content_hash(text);
    if let Some(existing) = source::Entity::find()
        .filter(source::Column::SituationId.eq(situation.id))
        .filter(source::Column::ContentHash.eq(hash.clone()))
        .one(conn)
        .await?
    {
        return Ok(ImportOutcome::AlreadyImported {
            source_id: existing.id,
        });
    }
    check_extraction(text, extraction)?;

    let recorded_at = now();
    let review_state = if request.accept {
        ReviewState::Accepted
    } else {
        ReviewState::Draft
    };
    let meta = &extraction.document;
    let source_id = source::Entity::insert(source::ActiveModel {
        situation_id: Set(situation.id),
        file_name: Set(request.file_name.map(str::to_string)),
        title: Set(meta.title.clone()),
        publisher: Set(meta.publisher.clone()),
        author: Set(meta.author.clone()),
        url: Set(meta.url.clone()),
        published: Set(meta.published),
        language: Set(if meta.language.is_empty() {
            "und".to_string()
        } else {
            meta.language.clone()
        }),
        format: Set(format_word(meta.format).to_string()),
        text: Set(text.to_string()),
        content_hash: Set(hash),
        recorded_at: Set(recorded_at),
        ..Default::default()
    })
    .exec(conn)
    .await?
    .last_insert_id;

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
    let mut observation_ids = Vec::with_capacity(observations.len());
    let mut observation_dates = Vec::with_capacity(observations.len());
    for (ordinal, draft) in observations.iter().enumerate() {
        let date = draft.when.clone().or_else(|| draft.date.map(When::day));
        let columns = WhenColumns::from(date.as_ref());
        let id = observation::Entity::insert(observation::ActiveModel {
            situation_id: Set(situation.id),
            source_id: Set(source_id),
            ordinal: Set(offset_to_column(ordinal)),
            heading: Set(draft.heading.clone()),
            span_start: Set(offset_to_column(draft.start)),
            span_end: Set(offset_to_column(draft.end)),
            date_earliest: Set(columns.earliest),
            date_latest: Set(columns.latest),
            date_precision: Set(columns.precision),
            date_words: Set(columns.words),
            date_approximate: Set(columns.approximate),
            ..Default::default()
        })
        .exec(conn)
        .await?
        .last_insert_id;
        observation_ids.push(id);
        observation_dates.push(date);
        counts.observations += 1;
    }

    // Actors: link or create, then parents and roles once every draft id has a row.
    let mut book = ActorBook::load(conn, situation.id).await?;
    let mut actor_ids: HashMap<&str, i64> = HashMap::new();
    for draft in &extraction.actors {
        let (id, created) = book
            .link_or_create(
                conn,
                NewActor {
                    name: &draft.name,
                    kind: draft.kind,
                    aliases: &draft.aliases,
                    external_id: draft.external_id.as_deref(),
                    candidate: draft.candidate,
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
            StorageError::invalid(format!("{what} refers to an unknown actor {draft_id:?}"))
        })
    };
    for draft in &extraction.actors {
        let id = actor(&draft.id, "actor")?;
        if let Some(parent) = &draft.parent {
            let parent_id = actor(parent, &format!("actor {}'s parent", draft.id))?;
            book.set_parent_if_missing(conn, id, parent_id).await?;
        }
        for role in &draft.roles {
            let of = match &role.of {
                Some(of) => Some(actor(of, &format!("actor {}'s role", draft.id))?),
                None => None,
            };
            book.add_role(
                conn,
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
    let mut claim_ids: HashMap<&str, i64> = HashMap::new();
    for (ordinal, draft) in extraction.claims.iter().enumerate() {
        let what = format!("claim {}", draft.id);
        let observation_id = observation_ids.get(draft.observation).copied();
        let reported = draft
            .reported
            .clone()
            .or_else(|| observation_dates.get(draft.observation).cloned().flatten())
            .or_else(|| published_day.clone());
        let speaker = match &draft.speaker {
            Some(speaker) => Some(actor(speaker, &what)?),
            None => None,
        };
        let occurred = WhenColumns::from(draft.when.as_ref());
        let reported_columns = WhenColumns::from(reported.as_ref());
        let claim_id = claim::Entity::insert(claim::ActiveModel {
            situation_id: Set(situation.id),
            source_id: Set(source_id),
            observation_id: Set(observation_id),
            ordinal: Set(offset_to_column(ordinal)),
            text: Set(draft.text.clone()),
            span_start: Set(offset_to_column(draft.start)),
            span_end: Set(offset_to_column(draft.end)),
            kind: Set(draft.kind.as_str().to_string()),
            modality: Set(draft.modality.as_str().to_string()),
            occurred_earliest: Set(occurred.earliest),
            occurred_latest: Set(occurred.latest),
            occurred_precision: Set(occurred.precision),
            occurred_words: Set(occurred.words),
            occurred_approximate: Set(occurred.approximate),
            reported_earliest: Set(reported_columns.earliest),
            reported_latest: Set(reported_columns.latest),
            reported_precision: Set(reported_columns.precision),
            reported_words: Set(reported_columns.words),
            reported_approximate: Set(reported_columns.approximate),
            recorded_at: Set(recorded_at),
            speaker_actor_id: Set(speaker),
            review_state: Set(review_state.as_str().to_string()),
            deleted_at: Set(None),
            ..Default::default()
        })
        .exec(conn)
        .await?
        .last_insert_id;
        if claim_ids.insert(draft.id.as_str(), claim_id).is_some() {
            return Err(StorageError::invalid(format!(
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
                Some((part.start, part.end)),
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
            claim_actor::Entity::insert(claim_actor::ActiveModel {
                claim_id: Set(claim_id),
                actor_id: Set(actor_id),
                role: Set(role.as_str().to_string()),
                span_start: Set(span.map(|(start, _)| offset_to_column(start))),
                span_end: Set(span.map(|(_, end)| offset_to_column(end))),
                ..Default::default()
            })
            .exec(conn)
            .await?;
            counts.claim_actors += 1;
        }

        if let Some(forecast) = &draft.prediction {
            let forecaster = match &forecast.forecaster {
                Some(f) => Some(actor(f, &what)?),
                None => None,
            };
            let made_on = forecast
                .made_on
                .or_else(|| reported.as_ref().and_then(When::earliest).map(|t| t.date()));
            let due = WhenColumns::from(forecast.due.as_ref());
            prediction::Entity::insert(prediction::ActiveModel {
                situation_id: Set(situation.id),
                claim_id: Set(claim_id),
                forecaster_actor_id: Set(forecaster),
                made_on: Set(made_on),
                proposition: Set(forecast.proposition.clone()),
                hedge: Set(forecast.hedge.clone()),
                negated: Set(forecast.negated),
                probability_point: Set(forecast.probability.map(|p| p.point)),
                probability_low: Set(forecast.probability.map(|p| p.low)),
                probability_high: Set(forecast.probability.map(|p| p.high)),
                lexicon_version: Set(forecast.lexicon_version.clone()),
                due_earliest: Set(due.earliest),
                due_latest: Set(due.latest),
                due_precision: Set(due.precision),
                due_words: Set(due.words),
                due_approximate: Set(due.approximate),
                due_inferred: Set(forecast.due_inferred),
                status: Set(PredictionStatus::Open.as_str().to_string()),
                ..Default::default()
            })
            .exec(conn)
            .await?;
            counts.predictions += 1;
        }
    }
    let claim = |draft_id: &str, what: &str| {
        claim_ids.get(draft_id).copied().ok_or_else(|| {
            StorageError::invalid(format!("{what} refers to an unknown claim {draft_id:?}"))
        })
    };

    for (index, draft) in extraction.relations.iter().enumerate() {
        let what = format!("relation {}", index + 1);
        let valid = WhenColumns::from(draft.when.as_ref());
        relation::Entity::insert(relation::ActiveModel {
            situation_id: Set(situation.id),
            source_actor_id: Set(actor(&draft.source, &what)?),
            target_actor_id: Set(actor(&draft.target, &what)?),
            kind: Set(draft.kind.clone()),
            polarity: Set(draft.polarity.as_str().to_string()),
            valid_earliest: Set(valid.earliest),
            valid_latest: Set(valid.latest),
            valid_precision: Set(valid.precision),
            valid_words: Set(valid.words),
            valid_approximate: Set(valid.approximate),
            claim_id: Set(Some(claim(&draft.claim, &what)?)),
            span_start: Set(Some(offset_to_column(draft.start))),
            span_end: Set(Some(offset_to_column(draft.end))),
            review_state: Set(review_state.as_str().to_string()),
            recorded_at: Set(recorded_at),
            ..Default::default()
        })
        .exec(conn)
        .await?;
        counts.relations += 1;
    }

    for (index, draft) in extraction.warnings.iter().enumerate() {
        let what = format!("warning {}", index + 1);
        let claim_id = match &draft.claim {
            Some(c) => Some(claim(c, &what)?),
            None => None,
        };
        warning::Entity::insert(warning::ActiveModel {
            situation_id: Set(situation.id),
            source_id: Set(source_id),
            claim_id: Set(claim_id),
            kind: Set(warning_kind_word(&draft.kind)),
            message: Set(draft.message.clone()),
            span_start: Set(offset_to_column(draft.start)),
            span_end: Set(offset_to_column(draft.end)),
            ..Default::default()
        })
        .exec(conn)
        .await?;
        counts.warnings += 1;
    }

    situations::touch(conn, situation.id).await?;
    Ok(ImportOutcome::Created {
        source_id,
        situation_created,
        counts,
    })
}

/// An actor's part in a claim: actor id, role, and the mention's byte range when known.
type Part = (i64, MentionRole, Option<(usize, usize)>);

/// Refuses an extraction whose spans do not fit the text, before anything is written.
fn check_extraction(text: &str, extraction: &Extraction) -> Result<(), StorageError> {
    for (index, o) in extraction.observations.iter().enumerate() {
        check_span(text, o.start, o.end, &format!("observation {}", index + 1))?;
    }
    let sections = extraction.observations.len().max(1);
    for c in &extraction.claims {
        let what = format!("claim {}", c.id);
        check_span(text, c.start, c.end, &what)?;
        if c.observation >= sections {
            return Err(StorageError::invalid(format!(
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

/// The stored word for a document format.
pub(crate) fn format_word(format: DocumentFormat) -> &'static str {
    match format {
        DocumentFormat::Text => "text",
        DocumentFormat::Html => "html",
        DocumentFormat::Markdown => "markdown",
    }
}

/// The stored word for a warning kind: its snake_case JSON spelling.
fn warning_kind_word(kind: &crate::extract::WarningKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "unknown".to_string())
}
