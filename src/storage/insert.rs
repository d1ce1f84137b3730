//! One insert function per table, used by every write path (an article's import, `import-json`,
//! the use cases of the `app` layer), so each table's columns are written out once. Each takes
//! the transaction it writes in and a plain struct of domain values, and returns the new id.

use super::entity::{
    actor, actor_alias, actor_role, claim, claim_actor, dispute, observation, prediction, relation,
    resolution, resolution_evidence, revision, situation, source, warning,
};
use super::values::{WhenColumns, offset_to_column};
use super::{StorageError, Tx};
use crate::domain::{
    ActorId, ActorKind, ClaimId, ClaimKind, DisputeId, DocumentFormat, MentionRole, Modality,
    ObservationId, Outcome, Polarity, PredictionId, PredictionStatus, Probability,
    ProbabilityOrigin, RelationId, ResolutionId, ReviewState, RevisedEntity, RevisionAction,
    RevisionId, SituationId, SourceId, SourceKind, Span, UserId, WarningId, WarningKind, When,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait};

/// A situation's row.
#[derive(Debug, Clone)]
pub struct NewSituationRow<'a> {
    /// Unique, URL-safe name (already validated).
    pub slug: &'a str,
    /// Display title.
    pub title: &'a str,
    /// A short description.
    pub summary: &'a str,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When anything in it last changed.
    pub updated_at: DateTime<Utc>,
}

/// Inserts a situation.
pub async fn insert_situation(
    tx: &Tx,
    new: &NewSituationRow<'_>,
) -> Result<SituationId, StorageError> {
    let id = situation::Entity::insert(situation::ActiveModel {
        slug: Set(new.slug.to_string()),
        title: Set(new.title.to_string()),
        summary: Set(new.summary.to_string()),
        created_at: Set(new.created_at),
        updated_at: Set(new.updated_at),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?
    .last_insert_id;
    Ok(SituationId::new(id))
}

/// A source's row.
#[derive(Debug, Clone)]
pub struct NewSource<'a> {
    /// The situation it is filed under.
    pub situation: SituationId,
    /// The file it came from.
    pub file_name: Option<&'a str>,
    /// Headline.
    pub title: Option<&'a str>,
    /// Who published it.
    pub publisher: Option<&'a str>,
    /// Byline.
    pub author: Option<&'a str>,
    /// Canonical address.
    pub url: Option<&'a str>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// ISO 639-1 language code (`und` when unknown).
    pub language: &'a str,
    /// How the text was read.
    pub format: DocumentFormat,
    /// The verbatim text.
    pub text: &'a str,
    /// SHA-256 of the text, lowercase hex.
    pub content_hash: &'a str,
    /// When it was stored.
    pub recorded_at: DateTime<Utc>,
    /// An article or an analyst's note.
    pub kind: SourceKind,
    /// The account that wrote it (for an analyst's note).
    pub author_user: Option<UserId>,
}

/// Inserts a source.
pub async fn insert_source(tx: &Tx, new: &NewSource<'_>) -> Result<SourceId, StorageError> {
    let owned = |text: Option<&str>| text.map(str::to_string);
    let id = source::Entity::insert(source::ActiveModel {
        situation_id: Set(new.situation.get()),
        file_name: Set(owned(new.file_name)),
        title: Set(owned(new.title)),
        publisher: Set(owned(new.publisher)),
        author: Set(owned(new.author)),
        url: Set(owned(new.url)),
        published: Set(new.published),
        language: Set(new.language.to_string()),
        format: Set(new.format.as_str().to_string()),
        text: Set(new.text.to_string()),
        content_hash: Set(new.content_hash.to_string()),
        recorded_at: Set(new.recorded_at),
        kind: Set(new.kind.as_str().to_string()),
        author_user_id: Set(new.author_user.map(UserId::get)),
        committed_at: Set(None),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?
    .last_insert_id;
    Ok(SourceId::new(id))
}

/// An observation's row.
#[derive(Debug, Clone)]
pub struct NewObservation<'a> {
    /// The situation.
    pub situation: SituationId,
    /// The source it is a section of.
    pub source: SourceId,
    /// Position within the source, from 0.
    pub ordinal: i64,
    /// Heading text.
    pub heading: &'a str,
    /// The section's bytes in the source.
    pub span: Span,
    /// The section's date.
    pub date: Option<&'a When>,
}

/// Inserts an observation.
pub async fn insert_observation(
    tx: &Tx,
    new: &NewObservation<'_>,
) -> Result<ObservationId, StorageError> {
    let date = WhenColumns::from(new.date);
    let id = observation::Entity::insert(observation::ActiveModel {
        situation_id: Set(new.situation.get()),
        source_id: Set(new.source.get()),
        ordinal: Set(new.ordinal),
        heading: Set(new.heading.to_string()),
        span_start: Set(offset_to_column(new.span.start)),
        span_end: Set(offset_to_column(new.span.end)),
        date_earliest: Set(date.earliest),
        date_latest: Set(date.latest),
        date_precision: Set(date.precision),
        date_words: Set(date.words),
        date_approximate: Set(date.approximate),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?
    .last_insert_id;
    Ok(ObservationId::new(id))
}

/// An actor's row.
#[derive(Debug, Clone)]
pub struct NewActorRow<'a> {
    /// The situation whose list it is on.
    pub situation: SituationId,
    /// What sort of actor.
    pub kind: ActorKind,
    /// Canonical name.
    pub name: &'a str,
    /// Parent actor.
    pub parent: Option<ActorId>,
    /// Wikidata QID.
    pub external_id: Option<&'a str>,
    /// Proposed by the extractor, not yet confirmed.
    pub candidate: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Draft when an extraction proposed it and no analyst has looked yet.
    pub review_state: ReviewState,
    /// The source whose extraction proposed it.
    pub proposed_by: Option<SourceId>,
}

/// Inserts an actor (without aliases or roles).
pub async fn insert_actor(tx: &Tx, new: &NewActorRow<'_>) -> Result<ActorId, StorageError> {
    let id = actor::Entity::insert(actor::ActiveModel {
        situation_id: Set(new.situation.get()),
        kind: Set(new.kind.as_str().to_string()),
        name: Set(new.name.to_string()),
        parent_id: Set(new.parent.map(ActorId::get)),
        external_id: Set(new.external_id.map(str::to_string)),
        candidate: Set(new.candidate),
        created_at: Set(new.created_at),
        version: Set(1),
        review_state: Set(new.review_state.as_str().to_string()),
        proposed_by_source_id: Set(new.proposed_by.map(SourceId::get)),
        merged_into_id: Set(None),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?
    .last_insert_id;
    Ok(ActorId::new(id))
}

/// Inserts another name of an actor.
pub async fn insert_alias(tx: &Tx, actor: ActorId, alias: &str) -> Result<(), StorageError> {
    actor_alias::Entity::insert(actor_alias::ActiveModel {
        actor_id: Set(actor.get()),
        alias: Set(alias.to_string()),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?;
    Ok(())
}

/// A role's row.
#[derive(Debug, Clone)]
pub struct NewRoleRow<'a> {
    /// Who holds it.
    pub actor: ActorId,
    /// The title.
    pub title: &'a str,
    /// The actor it is held in.
    pub of: Option<ActorId>,
    /// When it began.
    pub valid_from: Option<&'a When>,
    /// When it ended.
    pub valid_to: Option<&'a When>,
}

/// Inserts a role.
pub async fn insert_role(tx: &Tx, new: &NewRoleRow<'_>) -> Result<(), StorageError> {
    let from = WhenColumns::from(new.valid_from);
    let to = WhenColumns::from(new.valid_to);
    actor_role::Entity::insert(actor_role::ActiveModel {
        actor_id: Set(new.actor.get()),
        title: Set(new.title.to_string()),
        of_actor_id: Set(new.of.map(ActorId::get)),
        valid_from_earliest: Set(from.earliest),
        valid_from_latest: Set(from.latest),
        valid_from_precision: Set(from.precision),
        valid_from_words: Set(from.words),
        valid_from_approximate: Set(from.approximate),
        valid_to_earliest: Set(to.earliest),
        valid_to_latest: Set(to.latest),
        valid_to_precision: Set(to.precision),
        valid_to_words: Set(to.words),
        valid_to_approximate: Set(to.approximate),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?;
    Ok(())
}

/// A claim's row.
#[derive(Debug, Clone)]
pub struct NewClaim<'a> {
    /// The situation.
    pub situation: SituationId,
    /// The source it was read from.
    pub source: SourceId,
    /// The observation it belongs to.
    pub observation: Option<ObservationId>,
    /// Position within the source.
    pub ordinal: i64,
    /// The clause, as written.
    pub text: &'a str,
    /// Its bytes in the source.
    pub span: Span,
    /// Statement, event, assessment or prediction.
    pub kind: ClaimKind,
    /// Asserted, reported, denied or hypothetical.
    pub modality: Modality,
    /// The time it is about (with its inference basis, when inferred).
    pub occurred: Option<&'a When>,
    /// When it was reported.
    pub reported: Option<&'a When>,
    /// When Sitrep recorded it.
    pub recorded_at: DateTime<Utc>,
    /// Who said it.
    pub speaker: Option<ActorId>,
    /// Draft, accepted or rejected.
    pub review_state: ReviewState,
    /// When it was soft-deleted.
    pub deleted_at: Option<DateTime<Utc>>,
    /// When it was published to readers.
    pub published_at: Option<DateTime<Utc>>,
    /// Edit version (1 for a new claim).
    pub version: i64,
}

/// Inserts a claim (without its actors).
pub async fn insert_claim(tx: &Tx, new: &NewClaim<'_>) -> Result<ClaimId, StorageError> {
    let id = claim::Entity::insert(claim_row(new))
        .exec(tx.txn())
        .await?
        .last_insert_id;
    Ok(ClaimId::new(id))
}

/// A claim's columns, id left to the database (the one mapping every claim write uses).
pub(crate) fn claim_row(new: &NewClaim<'_>) -> claim::ActiveModel {
    let occurred = WhenColumns::from(new.occurred);
    let reported = WhenColumns::from(new.reported);
    claim::ActiveModel {
        situation_id: Set(new.situation.get()),
        source_id: Set(new.source.get()),
        observation_id: Set(new.observation.map(ObservationId::get)),
        ordinal: Set(new.ordinal),
        text: Set(new.text.to_string()),
        span_start: Set(offset_to_column(new.span.start)),
        span_end: Set(offset_to_column(new.span.end)),
        kind: Set(new.kind.as_str().to_string()),
        modality: Set(new.modality.as_str().to_string()),
        occurred_earliest: Set(occurred.earliest),
        occurred_latest: Set(occurred.latest),
        occurred_precision: Set(occurred.precision),
        occurred_words: Set(occurred.words),
        occurred_approximate: Set(occurred.approximate),
        occurred_basis: Set(occurred.basis),
        reported_earliest: Set(reported.earliest),
        reported_latest: Set(reported.latest),
        reported_precision: Set(reported.precision),
        reported_words: Set(reported.words),
        reported_approximate: Set(reported.approximate),
        recorded_at: Set(new.recorded_at),
        speaker_actor_id: Set(new.speaker.map(ActorId::get)),
        review_state: Set(new.review_state.as_str().to_string()),
        deleted_at: Set(new.deleted_at),
        published_at: Set(new.published_at),
        touched_at: Set(Some(
            new.published_at
                .map_or(new.recorded_at, |at| at.max(new.recorded_at)),
        )),
        version: Set(new.version),
        ..Default::default()
    }
}

/// An actor's part in a claim.
#[derive(Debug, Clone, Copy)]
pub struct NewClaimActor {
    /// The claim.
    pub claim: ClaimId,
    /// The actor.
    pub actor: ActorId,
    /// Its part.
    pub role: MentionRole,
    /// Where the claim names it.
    pub span: Option<Span>,
}

/// Inserts an actor's part in a claim.
pub async fn insert_claim_actor(tx: &Tx, new: &NewClaimActor) -> Result<(), StorageError> {
    claim_actor::Entity::insert(claim_actor_row(new))
        .exec(tx.txn())
        .await?;
    Ok(())
}

/// An actor's part in a claim as columns (the one mapping every write of it uses).
pub(crate) fn claim_actor_row(new: &NewClaimActor) -> claim_actor::ActiveModel {
    claim_actor::ActiveModel {
        claim_id: Set(new.claim.get()),
        actor_id: Set(new.actor.get()),
        role: Set(new.role.as_str().to_string()),
        span_start: Set(new.span.map(|s| offset_to_column(s.start))),
        span_end: Set(new.span.map(|s| offset_to_column(s.end))),
        ..Default::default()
    }
}

/// A relation's row.
#[derive(Debug, Clone)]
pub struct NewRelation<'a> {
    /// The situation.
    pub situation: SituationId,
    /// The acting actor.
    pub source: ActorId,
    /// The actor acted upon.
    pub target: ActorId,
    /// The lexicon's name for it.
    pub kind: &'a str,
    /// Its sign.
    pub polarity: Polarity,
    /// When it held.
    pub valid: Option<&'a When>,
    /// The claim behind it.
    pub claim: Option<ClaimId>,
    /// Its words in the claim's source.
    pub span: Option<Span>,
    /// Draft, accepted or rejected.
    pub review_state: ReviewState,
    /// When Sitrep recorded it.
    pub recorded_at: DateTime<Utc>,
    /// When it was published to readers.
    pub published_at: Option<DateTime<Utc>>,
    /// Edit version (1 for a new relation).
    pub version: i64,
}

/// Inserts a relation.
pub async fn insert_relation(tx: &Tx, new: &NewRelation<'_>) -> Result<RelationId, StorageError> {
    let valid = WhenColumns::from(new.valid);
    let id = relation::Entity::insert(relation::ActiveModel {
        situation_id: Set(new.situation.get()),
        source_actor_id: Set(new.source.get()),
        target_actor_id: Set(new.target.get()),
        kind: Set(new.kind.to_string()),
        polarity: Set(new.polarity.as_str().to_string()),
        valid_earliest: Set(valid.earliest),
        valid_latest: Set(valid.latest),
        valid_precision: Set(valid.precision),
        valid_words: Set(valid.words),
        valid_approximate: Set(valid.approximate),
        claim_id: Set(new.claim.map(ClaimId::get)),
        span_start: Set(new.span.map(|s| offset_to_column(s.start))),
        span_end: Set(new.span.map(|s| offset_to_column(s.end))),
        review_state: Set(new.review_state.as_str().to_string()),
        recorded_at: Set(new.recorded_at),
        published_at: Set(new.published_at),
        version: Set(new.version),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?
    .last_insert_id;
    Ok(RelationId::new(id))
}

/// A prediction's row.
#[derive(Debug, Clone)]
pub struct NewPrediction<'a> {
    /// The situation.
    pub situation: SituationId,
    /// The claim whose words make it.
    pub claim: ClaimId,
    /// Who made it.
    pub forecaster: Option<ActorId>,
    /// The day it was made.
    pub made_on: Option<NaiveDate>,
    /// What is forecast.
    pub proposition: &'a str,
    /// The hedge words.
    pub hedge: Option<&'a str>,
    /// Whether the hedge negates it.
    pub negated: bool,
    /// Its chance.
    pub probability: Option<Probability>,
    /// Where the probability came from.
    pub probability_origin: Option<ProbabilityOrigin>,
    /// The hedge lexicon's version.
    pub lexicon_version: &'a str,
    /// When it falls due.
    pub due: Option<&'a When>,
    /// Whether `due` was inferred.
    pub due_inferred: bool,
    /// Where it stands.
    pub status: PredictionStatus,
    /// Whether an analyst entered it by hand.
    pub entered_by_hand: bool,
    /// Edit version (1 for a new prediction).
    pub version: i64,
}

/// Inserts a prediction.
pub async fn insert_prediction(
    tx: &Tx,
    new: &NewPrediction<'_>,
) -> Result<PredictionId, StorageError> {
    let due = WhenColumns::from(new.due);
    let id = prediction::Entity::insert(prediction::ActiveModel {
        situation_id: Set(new.situation.get()),
        claim_id: Set(new.claim.get()),
        forecaster_actor_id: Set(new.forecaster.map(ActorId::get)),
        made_on: Set(new.made_on),
        proposition: Set(new.proposition.to_string()),
        hedge: Set(new.hedge.map(str::to_string)),
        negated: Set(new.negated),
        probability_point: Set(new.probability.map(|p| p.point)),
        probability_low: Set(new.probability.map(|p| p.low)),
        probability_high: Set(new.probability.map(|p| p.high)),
        probability_origin: Set(new.probability_origin.map(|o| o.as_str().to_string())),
        entered_by_hand: Set(new.entered_by_hand),
        lexicon_version: Set(new.lexicon_version.to_string()),
        due_earliest: Set(due.earliest),
        due_latest: Set(due.latest),
        due_precision: Set(due.precision),
        due_words: Set(due.words),
        due_approximate: Set(due.approximate),
        due_inferred: Set(new.due_inferred),
        status: Set(new.status.as_str().to_string()),
        version: Set(new.version),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?
    .last_insert_id;
    Ok(PredictionId::new(id))
}

/// A resolution's row, with the claims it cites.
#[derive(Debug, Clone)]
pub struct NewResolution<'a> {
    /// The prediction resolved.
    pub prediction: PredictionId,
    /// The outcome.
    pub outcome: Outcome,
    /// When the outcome happened.
    pub occurred_on: Option<NaiveDate>,
    /// When it was decided.
    pub decided_at: DateTime<Utc>,
    /// Who decided, by name.
    pub decided_by: &'a str,
    /// The account that decided.
    pub decided_by_user: Option<UserId>,
    /// Why.
    pub rationale: &'a str,
    /// The claims cited, in order.
    pub evidence: &'a [ClaimId],
    /// The proposition version it was judged against.
    pub proposition_version: Option<i64>,
}

/// Inserts a resolution and its evidence.
pub async fn insert_resolution(
    tx: &Tx,
    new: &NewResolution<'_>,
) -> Result<ResolutionId, StorageError> {
    let id = resolution::Entity::insert(resolution::ActiveModel {
        prediction_id: Set(new.prediction.get()),
        outcome: Set(new.outcome.as_str().to_string()),
        occurred_on: Set(new.occurred_on),
        decided_at: Set(new.decided_at),
        decided_by: Set(new.decided_by.to_string()),
        decided_by_user_id: Set(new.decided_by_user.map(UserId::get)),
        rationale: Set(new.rationale.to_string()),
        proposition_version: Set(new
            .proposition_version
            .map(|v| i32::try_from(v).unwrap_or(i32::MAX))),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?
    .last_insert_id;
    for claim in new.evidence {
        resolution_evidence::Entity::insert(resolution_evidence::ActiveModel {
            resolution_id: Set(id),
            claim_id: Set(claim.get()),
            ..Default::default()
        })
        .exec(tx.txn())
        .await?;
    }
    Ok(ResolutionId::new(id))
}

/// A warning's row.
#[derive(Debug, Clone)]
pub struct NewWarning<'a> {
    /// The situation.
    pub situation: SituationId,
    /// The source it concerns.
    pub source: SourceId,
    /// The claim it concerns.
    pub claim: Option<ClaimId>,
    /// What sort.
    pub kind: WarningKind,
    /// A sentence for the analyst.
    pub message: &'a str,
    /// The words concerned.
    pub span: Span,
}

/// Inserts a warning.
pub async fn insert_warning(tx: &Tx, new: &NewWarning<'_>) -> Result<WarningId, StorageError> {
    let id = warning::Entity::insert(warning::ActiveModel {
        situation_id: Set(new.situation.get()),
        source_id: Set(new.source.get()),
        claim_id: Set(new.claim.map(ClaimId::get)),
        kind: Set(new.kind.as_str().to_string()),
        message: Set(new.message.to_string()),
        span_start: Set(offset_to_column(new.span.start)),
        span_end: Set(offset_to_column(new.span.end)),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?
    .last_insert_id;
    Ok(WarningId::new(id))
}

/// A revision's row. `before` and `after` are JSON texts, kept verbatim.
#[derive(Debug, Clone)]
pub struct NewRevision<'a> {
    /// The situation concerned.
    pub situation: Option<SituationId>,
    /// What sort of thing changed.
    pub entity: RevisedEntity,
    /// Its id.
    pub entity_id: Option<i64>,
    /// What was done.
    pub action: RevisionAction,
    /// The fields before.
    pub before: Option<&'a str>,
    /// The fields after.
    pub after: Option<&'a str>,
    /// Who, by name.
    pub author: &'a str,
    /// The account, when made through one.
    pub author_user: Option<UserId>,
    /// Why.
    pub reason: &'a str,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Inserts a revision.
pub async fn insert_revision(tx: &Tx, new: &NewRevision<'_>) -> Result<RevisionId, StorageError> {
    let id = revision::Entity::insert(revision::ActiveModel {
        situation_id: Set(new.situation.map(SituationId::get)),
        entity: Set(new.entity.as_str().to_string()),
        entity_id: Set(new.entity_id),
        action: Set(new.action.as_str().to_string()),
        before_json: Set(new.before.map(str::to_string)),
        after_json: Set(new.after.map(str::to_string)),
        author: Set(new.author.to_string()),
        author_user_id: Set(new.author_user.map(UserId::get)),
        reason: Set(new.reason.to_string()),
        created_at: Set(new.created_at),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?
    .last_insert_id;
    Ok(RevisionId::new(id))
}

/// A dispute's row: two claims marked as disputing each other.
#[derive(Debug, Clone)]
pub struct NewDispute<'a> {
    /// The situation of both claims.
    pub situation: SituationId,
    /// One claim.
    pub claim: ClaimId,
    /// The other (the pair is stored smaller id first, whichever order is given).
    pub other_claim: ClaimId,
    /// Why.
    pub reason: &'a str,
    /// Who marked them, by name.
    pub created_by: &'a str,
    /// The account that marked them.
    pub created_by_user: Option<UserId>,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Inserts a dispute; [`StorageError::Conflict`] when the pair is already marked.
pub async fn insert_dispute(tx: &Tx, new: &NewDispute<'_>) -> Result<DisputeId, StorageError> {
    let (first, second) = if new.claim <= new.other_claim {
        (new.claim, new.other_claim)
    } else {
        (new.other_claim, new.claim)
    };
    let id = dispute::Entity::insert(dispute::ActiveModel {
        situation_id: Set(new.situation.get()),
        claim_id: Set(first.get()),
        other_claim_id: Set(second.get()),
        reason: Set(new.reason.to_string()),
        created_by: Set(new.created_by.to_string()),
        created_by_user_id: Set(new.created_by_user.map(UserId::get)),
        created_at: Set(new.created_at),
        withdrawn_at: Set(None),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?
    .last_insert_id;
    Ok(DisputeId::new(id))
}
