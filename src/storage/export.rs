//! Lossless export of a situation to JSON (`"format": "sitrep-export/1"`) and its inverse.
//!
//! Every row of the situation is written (rejected and soft-deleted ones, resolutions and
//! revisions included), ordered by id, with database ids replaced by export-local keys (`s1`,
//! `o1`, `a1`, `c1`, `r1`, `p1`, `res1`, `w1`: the row's position in its list). Importing inserts
//! rows in list order, so ids keep their relative order and exporting again yields the same
//! bytes. Accounts and seed records are not part of a situation and are not exported. A
//! revision's `before`/`after` JSON is kept verbatim; the row it concerns is named by its key.

use super::entity::{
    actor, actor_alias, actor_role, claim, claim_actor, observation, prediction, relation,
    resolution, resolution_evidence, revision, source, warning,
};
use super::insert::{
    NewActorRow, NewClaim, NewClaimActor, NewObservation, NewPrediction, NewRelation,
    NewResolution, NewRevision, NewRoleRow, NewSituationRow, NewSource, NewWarning, insert_actor,
    insert_alias, insert_claim, insert_claim_actor, insert_observation, insert_prediction,
    insert_relation, insert_resolution, insert_revision, insert_role, insert_situation,
    insert_source, insert_warning,
};
use super::sources::observation_date;
use super::values::{
    check_span, content_hash, inferred, offset_from_column, when_from_columns, word,
};
use super::{Conn, Database, StorageError, Tx, actors::role_validity, situations};
use crate::domain::{
    ActorId, ActorKind, ClaimId, ClaimKind, DocumentFormat, MentionRole, Modality, ObservationId,
    Outcome, Polarity, PredictionId, PredictionStatus, Probability, ReviewState, RevisedEntity,
    RevisionAction, SourceId, SourceKind, Span, WarningKind, When,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The format tag of an export.
pub const EXPORT_FORMAT: &str = "sitrep-export/1";

/// A whole situation, as written by `sitrep export`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SituationExport {
    /// Always [`EXPORT_FORMAT`].
    pub format: String,
    /// The situation itself.
    pub situation: SituationHead,
    /// Sources, with their verbatim text.
    pub sources: Vec<SourceExport>,
    /// Observations (dated sections of sources).
    pub observations: Vec<ObservationExport>,
    /// Actors, with aliases and roles.
    pub actors: Vec<ActorExport>,
    /// Claims, with the actors each involves.
    pub claims: Vec<ClaimExport>,
    /// Relations between actors.
    pub relations: Vec<RelationExport>,
    /// Predictions.
    pub predictions: Vec<PredictionExport>,
    /// Resolutions of predictions, with evidence.
    pub resolutions: Vec<ResolutionExport>,
    /// Extraction warnings.
    pub warnings: Vec<WarningExport>,
    /// Analysts' changes.
    pub revisions: Vec<RevisionExport>,
}

/// The situation's own fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SituationHead {
    /// Unique, URL-safe name.
    pub slug: String,
    /// Display title.
    pub title: String,
    /// A short description.
    pub summary: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When anything in it last changed.
    pub updated_at: DateTime<Utc>,
}

/// A source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceExport {
    /// Export-local key (`s1`, ...).
    pub key: String,
    /// The file it was imported from.
    pub file_name: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Canonical address.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// ISO 639-1 language code.
    pub language: String,
    /// `text`, `html` or `markdown`.
    pub format: DocumentFormat,
    /// SHA-256 of `text`, lowercase hex.
    pub content_hash: String,
    /// When it was stored.
    pub recorded_at: DateTime<Utc>,
    /// The verbatim text.
    pub text: String,
    /// An article or an analyst's note (`article` for exports written before sources had
    /// kinds).
    #[serde(default)]
    pub kind: SourceKind,
    /// When its review was committed.
    #[serde(default)]
    pub committed_at: Option<DateTime<Utc>>,
}

/// An observation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservationExport {
    /// Export-local key (`o1`, ...).
    pub key: String,
    /// The source's key.
    pub source: String,
    /// Position within the source.
    pub ordinal: i64,
    /// Heading text.
    pub heading: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The section's date.
    pub date: Option<When>,
}

/// An actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorExport {
    /// Export-local key (`a1`, ...).
    pub key: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// Canonical name.
    pub name: String,
    /// The parent's key.
    pub parent: Option<String>,
    /// Wikidata QID.
    pub external_id: Option<String>,
    /// Proposed by the extractor, not yet confirmed.
    pub candidate: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Other names, in recorded order.
    pub aliases: Vec<String>,
    /// Roles, in recorded order.
    pub roles: Vec<RoleExport>,
    /// Edit version.
    #[serde(default = "first_version")]
    pub version: i64,
    /// Draft, accepted or rejected (`accepted` for exports written before actors were
    /// reviewed).
    #[serde(default = "accepted")]
    pub review_state: ReviewState,
    /// The key of the source whose extraction proposed it.
    #[serde(default)]
    pub proposed_by: Option<String>,
    /// The key of the actor it was merged into.
    #[serde(default)]
    pub merged_into: Option<String>,
}

/// The review state of actors in exports written before actors were reviewed.
fn accepted() -> ReviewState {
    ReviewState::Accepted
}

/// The version of a row never edited (for exports written before rows had versions).
fn first_version() -> i64 {
    1
}

/// A role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleExport {
    /// The title.
    pub title: String,
    /// The key of the actor it is held in.
    pub of: Option<String>,
    /// When it began.
    pub valid_from: Option<When>,
    /// When it ended.
    pub valid_to: Option<When>,
}

/// A claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimExport {
    /// Export-local key (`c1`, ...).
    pub key: String,
    /// The source's key.
    pub source: String,
    /// The observation's key.
    pub observation: Option<String>,
    /// Position within the source.
    pub ordinal: i64,
    /// The clause.
    pub text: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Statement, event, assessment or prediction.
    pub kind: ClaimKind,
    /// Asserted, reported, denied or hypothetical.
    pub modality: Modality,
    /// The time it is about.
    pub occurred: Option<When>,
    /// When it was reported.
    pub reported: Option<When>,
    /// When Sitrep recorded it.
    pub recorded_at: DateTime<Utc>,
    /// The speaker's key.
    pub speaker: Option<String>,
    /// Draft, accepted or rejected.
    pub review_state: ReviewState,
    /// When it was soft-deleted.
    pub deleted_at: Option<DateTime<Utc>>,
    /// The actors involved.
    pub actors: Vec<ClaimActorExport>,
    /// Edit version.
    #[serde(default = "first_version")]
    pub version: i64,
    /// When it was published to readers.
    #[serde(default)]
    pub published_at: Option<DateTime<Utc>>,
}

/// An actor's part in a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimActorExport {
    /// The actor's key.
    pub actor: String,
    /// Its part.
    pub role: MentionRole,
    /// First byte of the mention.
    pub start: Option<usize>,
    /// One past the last byte.
    pub end: Option<usize>,
}

/// A relation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationExport {
    /// Export-local key (`r1`, ...).
    pub key: String,
    /// The acting actor's key.
    pub source_actor: String,
    /// The key of the actor acted upon.
    pub target_actor: String,
    /// The lexicon's name for it.
    pub kind: String,
    /// Cooperative, hostile, affiliation or neutral.
    pub polarity: Polarity,
    /// When it held.
    pub valid: Option<When>,
    /// The key of the claim behind it.
    pub claim: Option<String>,
    /// First byte of its words.
    pub start: Option<usize>,
    /// One past the last byte.
    pub end: Option<usize>,
    /// Draft, accepted or rejected.
    pub review_state: ReviewState,
    /// When Sitrep recorded it.
    pub recorded_at: DateTime<Utc>,
    /// Edit version.
    #[serde(default = "first_version")]
    pub version: i64,
    /// When it was published to readers.
    #[serde(default)]
    pub published_at: Option<DateTime<Utc>>,
}

/// A prediction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredictionExport {
    /// Export-local key (`p1`, ...).
    pub key: String,
    /// The claim's key.
    pub claim: String,
    /// The forecaster's key.
    pub forecaster: Option<String>,
    /// The day it was made.
    pub made_on: Option<NaiveDate>,
    /// What is forecast.
    pub proposition: String,
    /// The hedge words.
    pub hedge: Option<String>,
    /// Whether the hedge was negated.
    pub negated: bool,
    /// Point probability.
    pub probability_point: Option<f64>,
    /// Low end.
    pub probability_low: Option<f64>,
    /// High end.
    pub probability_high: Option<f64>,
    /// Hedge lexicon version.
    pub lexicon_version: String,
    /// When it falls due.
    pub due: Option<When>,
    /// Whether `due` was inferred.
    pub due_inferred: bool,
    /// Where it stands.
    pub status: PredictionStatus,
    /// Edit version.
    #[serde(default = "first_version")]
    pub version: i64,
}

/// A resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolutionExport {
    /// Export-local key (`res1`, ...).
    pub key: String,
    /// The prediction's key.
    pub prediction: String,
    /// Yes, no, ambiguous or annulled.
    pub outcome: Outcome,
    /// When the outcome happened.
    pub occurred_on: Option<NaiveDate>,
    /// When it was decided.
    pub decided_at: DateTime<Utc>,
    /// Who decided.
    pub decided_by: String,
    /// Why.
    pub rationale: String,
    /// Keys of the claims cited, in recorded order.
    pub evidence: Vec<String>,
}

/// A warning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarningExport {
    /// Export-local key (`w1`, ...).
    pub key: String,
    /// The source's key.
    pub source: String,
    /// The claim's key.
    pub claim: Option<String>,
    /// What sort.
    pub kind: WarningKind,
    /// A sentence for the analyst.
    pub message: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionExport {
    /// What sort of thing changed.
    pub entity: RevisedEntity,
    /// The key of the row changed (`situation` for the situation itself), when it is part of
    /// the export.
    pub entity_key: Option<String>,
    /// The row before, as JSON text.
    pub before: Option<String>,
    /// The row after, as JSON text.
    pub after: Option<String>,
    /// Who changed it.
    pub author: String,
    /// Why.
    pub reason: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// What was done.
    #[serde(default = "edited")]
    pub action: RevisionAction,
}

/// The action of a revision in an export written before revisions named theirs.
fn edited() -> RevisionAction {
    RevisionAction::Edited
}

impl SituationExport {
    /// Pretty JSON with a final newline: what `sitrep export` prints.
    pub fn to_json(&self) -> Result<String, StorageError> {
        let mut text = serde_json::to_string_pretty(self)
            .map_err(|e| StorageError::invalid(format!("cannot write the export: {e}")))?;
        text.push('\n');
        Ok(text)
    }

    /// Reads an export, refusing other formats with a message that says where it went wrong.
    pub fn from_json(text: &str) -> Result<Self, StorageError> {
        #[derive(Deserialize)]
        struct Tag {
            format: Option<String>,
        }
        let tag: Tag = serde_json::from_str(text)
            .map_err(|e| StorageError::invalid(format!("not a Sitrep export: {e}")))?;
        match tag.format.as_deref() {
            Some(EXPORT_FORMAT) => {}
            Some(other) => {
                return Err(StorageError::invalid(format!(
                    "export format {other:?} is not supported (expected {EXPORT_FORMAT:?})"
                )));
            }
            None => {
                return Err(StorageError::invalid(format!(
                    "not a Sitrep export: no \"format\" field (expected {EXPORT_FORMAT:?})"
                )));
            }
        }
        serde_json::from_str(text)
            .map_err(|e| StorageError::invalid(format!("malformed Sitrep export: {e}")))
    }
}

/// Assigns export-local keys to ids in id order.
struct Keys {
    what: &'static str,
    by_id: HashMap<i64, String>,
}

impl Keys {
    fn new<'a>(
        prefix: &'static str,
        what: &'static str,
        ids: impl Iterator<Item = &'a i64>,
    ) -> Self {
        Keys {
            what,
            by_id: ids
                .enumerate()
                .map(|(i, id)| (*id, format!("{prefix}{}", i + 1)))
                .collect(),
        }
    }

    fn key(&self, id: i64, context: &str) -> Result<String, StorageError> {
        self.by_id.get(&id).cloned().ok_or_else(|| {
            StorageError::invalid(format!(
                "{context} refers to {} {id}, which is not part of this situation",
                self.what
            ))
        })
    }

    fn optional(&self, id: Option<i64>, context: &str) -> Result<Option<String>, StorageError> {
        id.map(|id| self.key(id, context)).transpose()
    }
}

fn offsets(start: Option<i64>, end: Option<i64>) -> (Option<usize>, Option<usize>) {
    (start.map(offset_from_column), end.map(offset_from_column))
}

/// Exports every row of the situation `slug` (see the module documentation).
pub async fn export_situation(
    conn: &impl Conn,
    slug: &str,
) -> Result<SituationExport, StorageError> {
    let head = situations::require(conn, slug).await?;
    let exec = conn.executor();
    let sid = head.id;

    let sources = source::Entity::find()
        .filter(source::Column::SituationId.eq(sid))
        .order_by_asc(source::Column::Id)
        .all(&exec)
        .await?;
    let observations = observation::Entity::find()
        .filter(observation::Column::SituationId.eq(sid))
        .order_by_asc(observation::Column::Id)
        .all(&exec)
        .await?;
    let actors = actor::Entity::find()
        .filter(actor::Column::SituationId.eq(sid))
        .order_by_asc(actor::Column::Id)
        .all(&exec)
        .await?;
    let actor_ids_query = actor::Entity::find()
        .select_only()
        .column(actor::Column::Id)
        .filter(actor::Column::SituationId.eq(sid))
        .into_query();
    let aliases = actor_alias::Entity::find()
        .filter(actor_alias::Column::ActorId.in_subquery(actor_ids_query.clone()))
        .order_by_asc(actor_alias::Column::Id)
        .all(&exec)
        .await?;
    let roles = actor_role::Entity::find()
        .filter(actor_role::Column::ActorId.in_subquery(actor_ids_query))
        .order_by_asc(actor_role::Column::Id)
        .all(&exec)
        .await?;
    let claims = claim::Entity::find()
        .filter(claim::Column::SituationId.eq(sid))
        .order_by_asc(claim::Column::Id)
        .all(&exec)
        .await?;
    let claim_actors = claim_actor::Entity::find()
        .filter(
            claim_actor::Column::ClaimId.in_subquery(
                claim::Entity::find()
                    .select_only()
                    .column(claim::Column::Id)
                    .filter(claim::Column::SituationId.eq(sid))
                    .into_query(),
            ),
        )
        .order_by_asc(claim_actor::Column::Id)
        .all(&exec)
        .await?;
    let relations = relation::Entity::find()
        .filter(relation::Column::SituationId.eq(sid))
        .order_by_asc(relation::Column::Id)
        .all(&exec)
        .await?;
    let predictions = prediction::Entity::find()
        .filter(prediction::Column::SituationId.eq(sid))
        .order_by_asc(prediction::Column::Id)
        .all(&exec)
        .await?;
    let prediction_ids_query = prediction::Entity::find()
        .select_only()
        .column(prediction::Column::Id)
        .filter(prediction::Column::SituationId.eq(sid))
        .into_query();
    let resolutions = resolution::Entity::find()
        .filter(resolution::Column::PredictionId.in_subquery(prediction_ids_query.clone()))
        .order_by_asc(resolution::Column::Id)
        .all(&exec)
        .await?;
    let evidence = resolution_evidence::Entity::find()
        .filter(
            resolution_evidence::Column::ResolutionId.in_subquery(
                resolution::Entity::find()
                    .select_only()
                    .column(resolution::Column::Id)
                    .filter(resolution::Column::PredictionId.in_subquery(prediction_ids_query))
                    .into_query(),
            ),
        )
        .order_by_asc(resolution_evidence::Column::Id)
        .all(&exec)
        .await?;
    let warnings = warning::Entity::find()
        .filter(warning::Column::SituationId.eq(sid))
        .order_by_asc(warning::Column::Id)
        .all(&exec)
        .await?;
    let revisions = revision::Entity::find()
        .filter(revision::Column::SituationId.eq(sid))
        .order_by_asc(revision::Column::Id)
        .all(&exec)
        .await?;

    let source_keys = Keys::new("s", "source", sources.iter().map(|r| &r.id));
    let observation_keys = Keys::new("o", "observation", observations.iter().map(|r| &r.id));
    let actor_keys = Keys::new("a", "actor", actors.iter().map(|r| &r.id));
    let claim_keys = Keys::new("c", "claim", claims.iter().map(|r| &r.id));
    let relation_keys = Keys::new("r", "relation", relations.iter().map(|r| &r.id));
    let prediction_keys = Keys::new("p", "prediction", predictions.iter().map(|r| &r.id));
    let resolution_keys = Keys::new("res", "resolution", resolutions.iter().map(|r| &r.id));
    let warning_keys = Keys::new("w", "warning", warnings.iter().map(|r| &r.id));

    let mut aliases_of: HashMap<i64, Vec<String>> = HashMap::new();
    for alias in aliases {
        aliases_of
            .entry(alias.actor_id)
            .or_default()
            .push(alias.alias);
    }
    let mut roles_of: HashMap<i64, Vec<RoleExport>> = HashMap::new();
    for role in &roles {
        let (valid_from, valid_to) = role_validity(role)?;
        roles_of.entry(role.actor_id).or_default().push(RoleExport {
            title: role.title.clone(),
            of: actor_keys.optional(role.of_actor_id, "a role")?,
            valid_from,
            valid_to,
        });
    }
    let mut parts_of: HashMap<i64, Vec<ClaimActorExport>> = HashMap::new();
    for part in claim_actors {
        let (start, end) = offsets(part.span_start, part.span_end);
        parts_of
            .entry(part.claim_id)
            .or_default()
            .push(ClaimActorExport {
                actor: actor_keys.key(part.actor_id, "a claim's actor")?,
                role: word("mention role", &part.role)?,
                start,
                end,
            });
    }
    let mut evidence_of: HashMap<i64, Vec<String>> = HashMap::new();
    for item in evidence {
        evidence_of
            .entry(item.resolution_id)
            .or_default()
            .push(claim_keys.key(item.claim_id, "a resolution's evidence")?);
    }

    let mut export = SituationExport {
        format: EXPORT_FORMAT.to_string(),
        situation: SituationHead {
            slug: head.slug,
            title: head.title,
            summary: head.summary,
            created_at: head.created_at,
            updated_at: head.updated_at,
        },
        sources: Vec::with_capacity(sources.len()),
        observations: Vec::with_capacity(observations.len()),
        actors: Vec::with_capacity(actors.len()),
        claims: Vec::with_capacity(claims.len()),
        relations: Vec::with_capacity(relations.len()),
        predictions: Vec::with_capacity(predictions.len()),
        resolutions: Vec::with_capacity(resolutions.len()),
        warnings: Vec::with_capacity(warnings.len()),
        revisions: Vec::with_capacity(revisions.len()),
    };
    for s in sources {
        export.sources.push(SourceExport {
            key: source_keys.key(s.id, "a source")?,
            file_name: s.file_name,
            title: s.title,
            publisher: s.publisher,
            author: s.author,
            url: s.url,
            published: s.published,
            language: s.language,
            format: word("document format", &s.format)?,
            content_hash: s.content_hash,
            recorded_at: s.recorded_at,
            text: s.text,
            kind: word("source kind", &s.kind)?,
            committed_at: s.committed_at,
        });
    }
    for o in observations {
        export.observations.push(ObservationExport {
            key: observation_keys.key(o.id, "an observation")?,
            source: source_keys.key(o.source_id, "an observation")?,
            date: observation_date(&o)?,
            ordinal: o.ordinal,
            heading: o.heading,
            start: offset_from_column(o.span_start),
            end: offset_from_column(o.span_end),
        });
    }
    for a in actors {
        export.actors.push(ActorExport {
            key: actor_keys.key(a.id, "an actor")?,
            kind: word("actor kind", &a.kind)?,
            parent: actor_keys.optional(a.parent_id, "an actor's parent")?,
            aliases: aliases_of.remove(&a.id).unwrap_or_default(),
            roles: roles_of.remove(&a.id).unwrap_or_default(),
            name: a.name,
            external_id: a.external_id,
            candidate: a.candidate,
            created_at: a.created_at,
            version: a.version,
            review_state: word("review state", &a.review_state)?,
            proposed_by: source_keys.optional(a.proposed_by_source_id, "an actor's proposer")?,
            merged_into: actor_keys.optional(a.merged_into_id, "an actor's merge")?,
        });
    }
    for c in claims {
        let context = format!("claim {}", c.id);
        export.claims.push(ClaimExport {
            key: claim_keys.key(c.id, &context)?,
            source: source_keys.key(c.source_id, &context)?,
            observation: observation_keys.optional(c.observation_id, &context)?,
            ordinal: c.ordinal,
            start: offset_from_column(c.span_start),
            end: offset_from_column(c.span_end),
            kind: word("claim kind", &c.kind)?,
            modality: word("modality", &c.modality)?,
            occurred: inferred(
                when_from_columns(
                    &context,
                    c.occurred_earliest,
                    c.occurred_latest,
                    c.occurred_precision.as_deref(),
                    c.occurred_words.as_deref(),
                    c.occurred_approximate,
                )?,
                c.occurred_basis.as_deref(),
            ),
            reported: when_from_columns(
                &context,
                c.reported_earliest,
                c.reported_latest,
                c.reported_precision.as_deref(),
                c.reported_words.as_deref(),
                c.reported_approximate,
            )?,
            recorded_at: c.recorded_at,
            speaker: actor_keys.optional(c.speaker_actor_id, &context)?,
            review_state: word("review state", &c.review_state)?,
            deleted_at: c.deleted_at,
            actors: parts_of.remove(&c.id).unwrap_or_default(),
            version: c.version,
            published_at: c.published_at,
            text: c.text,
        });
    }
    for r in relations {
        let context = format!("relation {}", r.id);
        let (start, end) = offsets(r.span_start, r.span_end);
        export.relations.push(RelationExport {
            key: relation_keys.key(r.id, &context)?,
            source_actor: actor_keys.key(r.source_actor_id, &context)?,
            target_actor: actor_keys.key(r.target_actor_id, &context)?,
            polarity: word("polarity", &r.polarity)?,
            valid: when_from_columns(
                &context,
                r.valid_earliest,
                r.valid_latest,
                r.valid_precision.as_deref(),
                r.valid_words.as_deref(),
                r.valid_approximate,
            )?,
            claim: claim_keys.optional(r.claim_id, &context)?,
            start,
            end,
            review_state: word("review state", &r.review_state)?,
            recorded_at: r.recorded_at,
            version: r.version,
            published_at: r.published_at,
            kind: r.kind,
        });
    }
    for p in predictions {
        let context = format!("prediction {}", p.id);
        export.predictions.push(PredictionExport {
            key: prediction_keys.key(p.id, &context)?,
            claim: claim_keys.key(p.claim_id, &context)?,
            forecaster: actor_keys.optional(p.forecaster_actor_id, &context)?,
            due: when_from_columns(
                &context,
                p.due_earliest,
                p.due_latest,
                p.due_precision.as_deref(),
                p.due_words.as_deref(),
                p.due_approximate,
            )?,
            status: word("prediction status", &p.status)?,
            made_on: p.made_on,
            proposition: p.proposition,
            hedge: p.hedge,
            negated: p.negated,
            probability_point: p.probability_point,
            probability_low: p.probability_low,
            probability_high: p.probability_high,
            lexicon_version: p.lexicon_version,
            due_inferred: p.due_inferred,
            version: p.version,
        });
    }
    for r in resolutions {
        let context = format!("resolution {}", r.id);
        export.resolutions.push(ResolutionExport {
            key: resolution_keys.key(r.id, &context)?,
            prediction: prediction_keys.key(r.prediction_id, &context)?,
            outcome: word("outcome", &r.outcome)?,
            evidence: evidence_of.remove(&r.id).unwrap_or_default(),
            occurred_on: r.occurred_on,
            decided_at: r.decided_at,
            decided_by: r.decided_by,
            rationale: r.rationale,
        });
    }
    for w in warnings {
        let context = format!("warning {}", w.id);
        export.warnings.push(WarningExport {
            key: warning_keys.key(w.id, &context)?,
            source: source_keys.key(w.source_id, &context)?,
            claim: claim_keys.optional(w.claim_id, &context)?,
            kind: word("warning kind", &w.kind)?,
            message: w.message,
            start: offset_from_column(w.span_start),
            end: offset_from_column(w.span_end),
        });
    }
    for v in revisions {
        let keys = match v.entity.as_str() {
            "source" => Some(&source_keys),
            "observation" => Some(&observation_keys),
            "actor" => Some(&actor_keys),
            "claim" => Some(&claim_keys),
            "relation" => Some(&relation_keys),
            "prediction" => Some(&prediction_keys),
            "resolution" => Some(&resolution_keys),
            "warning" => Some(&warning_keys),
            _ => None,
        };
        let entity_key = match (v.entity.as_str(), v.entity_id) {
            ("situation", Some(id)) if id == sid => Some("situation".to_string()),
            (_, Some(id)) => keys.and_then(|k| k.by_id.get(&id).cloned()),
            (_, None) => None,
        };
        export.revisions.push(RevisionExport {
            entity: word("revised entity", &v.entity)?,
            action: word("revision action", &v.action)?,
            entity_key,
            before: v.before_json,
            after: v.after_json,
            author: v.author,
            reason: v.reason,
            created_at: v.created_at,
        });
    }
    Ok(export)
}

/// What importing an export did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportJsonOutcome {
    /// The situation was created with every row of the export.
    Created {
        /// The situation's slug.
        slug: String,
        /// Rows written, by table.
        rows: usize,
    },
    /// The situation already exists with exactly this content; nothing was written.
    AlreadyPresent {
        /// The situation's slug.
        slug: String,
    },
}

/// Loads an export into the database in one transaction. A situation with the same slug and
/// the same content is reported as [`ImportJsonOutcome::AlreadyPresent`]; with different
/// content it is a [`StorageError::Conflict`]. Keys that do not resolve, spans outside their
/// source and hashes that do not match their text are [`StorageError::Invalid`].
pub async fn import_situation(
    db: &Database,
    export: &SituationExport,
) -> Result<ImportJsonOutcome, StorageError> {
    if export.format != EXPORT_FORMAT {
        return Err(StorageError::invalid(format!(
            "export format {:?} is not supported (expected {EXPORT_FORMAT:?})",
            export.format
        )));
    }
    situations::validate_slug(&export.situation.slug)?;
    let tx = db.begin().await?;
    if situations::find(&tx, &export.situation.slug)
        .await?
        .is_some()
    {
        let existing = export_situation(&tx, &export.situation.slug).await?;
        let same = serde_json::to_value(&existing).ok() == serde_json::to_value(export).ok();
        tx.rollback().await?;
        return if same {
            Ok(ImportJsonOutcome::AlreadyPresent {
                slug: export.situation.slug.clone(),
            })
        } else {
            Err(StorageError::conflict(format!(
                "the situation {} already exists with different content; \
                 nothing was imported",
                export.situation.slug
            )))
        };
    }
    let rows = insert_export(&tx, export).await?;
    tx.commit().await?;
    Ok(ImportJsonOutcome::Created {
        slug: export.situation.slug.clone(),
        rows,
    })
}

/// Maps export keys to the ids of the rows inserted for them.
struct Ids {
    what: &'static str,
    by_key: HashMap<String, i64>,
}

impl Ids {
    fn new(what: &'static str) -> Self {
        Ids {
            what,
            by_key: HashMap::new(),
        }
    }

    fn add(&mut self, key: &str, id: i64) -> Result<(), StorageError> {
        if self.by_key.insert(key.to_string(), id).is_some() {
            return Err(StorageError::invalid(format!(
                "two {}s share the key {key:?}",
                self.what
            )));
        }
        Ok(())
    }

    fn id(&self, key: &str, context: &str) -> Result<i64, StorageError> {
        self.by_key.get(key).copied().ok_or_else(|| {
            StorageError::invalid(format!(
                "{context} refers to an unknown {} {key:?}",
                self.what
            ))
        })
    }

    fn optional(&self, key: Option<&str>, context: &str) -> Result<Option<i64>, StorageError> {
        key.map(|k| self.id(k, context)).transpose()
    }
}

/// A span read from an export, checked against its source's text.
fn export_span(text: &str, start: usize, end: usize, context: &str) -> Result<Span, StorageError> {
    check_span(text, start, end, context)?;
    Ok(Span::new(start, end))
}

async fn insert_export(tx: &Tx, export: &SituationExport) -> Result<usize, StorageError> {
    let head = &export.situation;
    let sid = insert_situation(
        tx,
        &NewSituationRow {
            slug: &head.slug,
            title: &head.title,
            summary: &head.summary,
            created_at: head.created_at,
            updated_at: head.updated_at,
        },
    )
    .await?;
    let mut rows = 1;

    let mut source_ids = Ids::new("source");
    let mut source_texts: HashMap<&str, &str> = HashMap::new();
    for s in &export.sources {
        if content_hash(&s.text) != s.content_hash {
            return Err(StorageError::invalid(format!(
                "source {}: content_hash does not match its text",
                s.key
            )));
        }
        let id = insert_source(
            tx,
            &NewSource {
                situation: sid,
                file_name: s.file_name.as_deref(),
                title: s.title.as_deref(),
                publisher: s.publisher.as_deref(),
                author: s.author.as_deref(),
                url: s.url.as_deref(),
                published: s.published,
                language: &s.language,
                format: s.format,
                text: &s.text,
                content_hash: &s.content_hash,
                recorded_at: s.recorded_at,
                kind: s.kind,
                author_user: None,
            },
        )
        .await?;
        if let Some(at) = s.committed_at {
            super::mark_source_committed(tx, id, at).await?;
        }
        source_ids.add(&s.key, id.get())?;
        source_texts.insert(s.key.as_str(), s.text.as_str());
        rows += 1;
    }
    let text_of = |key: &str, context: &str| {
        source_texts.get(key).copied().ok_or_else(|| {
            StorageError::invalid(format!("{context} refers to an unknown source {key:?}"))
        })
    };

    let mut observation_ids = Ids::new("observation");
    for o in &export.observations {
        let context = format!("observation {}", o.key);
        let span = export_span(text_of(&o.source, &context)?, o.start, o.end, &context)?;
        let id = insert_observation(
            tx,
            &NewObservation {
                situation: sid,
                source: SourceId::new(source_ids.id(&o.source, &context)?),
                ordinal: o.ordinal,
                heading: &o.heading,
                span,
                date: o.date.as_ref(),
            },
        )
        .await?;
        observation_ids.add(&o.key, id.get())?;
        rows += 1;
    }

    // Actors first without parents: a parent may come later in the list.
    let mut actor_ids = Ids::new("actor");
    for a in &export.actors {
        let id = insert_actor(
            tx,
            &NewActorRow {
                situation: sid,
                kind: a.kind,
                name: &a.name,
                parent: None,
                external_id: a.external_id.as_deref(),
                candidate: a.candidate,
                created_at: a.created_at,
                review_state: a.review_state,
                proposed_by: source_ids
                    .optional(a.proposed_by.as_deref(), &format!("actor {}", a.key))?
                    .map(SourceId::new),
            },
        )
        .await?;
        actor_ids.add(&a.key, id.get())?;
        rows += 1;
    }
    let actor = |key: &str, context: &str| actor_ids.id(key, context).map(ActorId::new);
    let optional_actor = |key: Option<&str>, context: &str| {
        actor_ids
            .optional(key, context)
            .map(|id| id.map(ActorId::new))
    };
    for a in &export.actors {
        let context = format!("actor {}", a.key);
        let id = actor(&a.key, &context)?;
        if a.parent.is_some() || a.version != 1 || a.merged_into.is_some() {
            let mut update = actor::Entity::update_many()
                .col_expr(actor::Column::Version, Expr::value(a.version))
                .filter(actor::Column::Id.eq(id.get()));
            if let Some(into) = &a.merged_into {
                update = update.col_expr(
                    actor::Column::MergedIntoId,
                    Expr::value(actor(into, &context)?.get()),
                );
            }
            if let Some(parent) = &a.parent {
                update = update.col_expr(
                    actor::Column::ParentId,
                    Expr::value(actor(parent, &context)?.get()),
                );
            }
            update.exec(tx.txn()).await?;
        }
        for alias in &a.aliases {
            insert_alias(tx, id, alias).await?;
            rows += 1;
        }
        for role in &a.roles {
            insert_role(
                tx,
                &NewRoleRow {
                    actor: id,
                    title: &role.title,
                    of: optional_actor(role.of.as_deref(), &context)?,
                    valid_from: role.valid_from.as_ref(),
                    valid_to: role.valid_to.as_ref(),
                },
            )
            .await?;
            rows += 1;
        }
    }

    let mut claim_ids = Ids::new("claim");
    for c in &export.claims {
        let context = format!("claim {}", c.key);
        let text = text_of(&c.source, &context)?;
        let span = export_span(text, c.start, c.end, &context)?;
        let id = insert_claim(
            tx,
            &NewClaim {
                situation: sid,
                source: SourceId::new(source_ids.id(&c.source, &context)?),
                observation: observation_ids
                    .optional(c.observation.as_deref(), &context)?
                    .map(ObservationId::new),
                ordinal: c.ordinal,
                text: &c.text,
                span,
                kind: c.kind,
                modality: c.modality,
                occurred: c.occurred.as_ref(),
                reported: c.reported.as_ref(),
                recorded_at: c.recorded_at,
                speaker: optional_actor(c.speaker.as_deref(), &context)?,
                review_state: c.review_state,
                deleted_at: c.deleted_at,
                published_at: c.published_at,
                version: c.version,
            },
        )
        .await?;
        claim_ids.add(&c.key, id.get())?;
        rows += 1;
        for part in &c.actors {
            let span = match (part.start, part.end) {
                (Some(start), Some(end)) => Some(export_span(
                    text,
                    start,
                    end,
                    &format!("{context}, actor {}", part.actor),
                )?),
                _ => None,
            };
            insert_claim_actor(
                tx,
                &NewClaimActor {
                    claim: id,
                    actor: actor(&part.actor, &context)?,
                    role: part.role,
                    span,
                },
            )
            .await?;
            rows += 1;
        }
    }
    let claim = |key: &str, context: &str| claim_ids.id(key, context).map(ClaimId::new);

    let mut relation_ids = Ids::new("relation");
    for r in &export.relations {
        let context = format!("relation {}", r.key);
        let id = insert_relation(
            tx,
            &NewRelation {
                situation: sid,
                source: actor(&r.source_actor, &context)?,
                target: actor(&r.target_actor, &context)?,
                kind: &r.kind,
                polarity: r.polarity,
                valid: r.valid.as_ref(),
                claim: r.claim.as_deref().map(|k| claim(k, &context)).transpose()?,
                span: match (r.start, r.end) {
                    (Some(start), Some(end)) => Some(Span::new(start, end)),
                    _ => None,
                },
                review_state: r.review_state,
                recorded_at: r.recorded_at,
                published_at: r.published_at,
                version: r.version,
            },
        )
        .await?;
        relation_ids.add(&r.key, id.get())?;
        rows += 1;
    }

    let mut prediction_ids = Ids::new("prediction");
    for p in &export.predictions {
        let context = format!("prediction {}", p.key);
        let probability = match (p.probability_point, p.probability_low, p.probability_high) {
            (Some(point), Some(low), Some(high)) => Some(
                Probability::new(point, low, high)
                    .map_err(|e| StorageError::invalid(format!("{context}: {e}")))?,
            ),
            _ => None,
        };
        let id = insert_prediction(
            tx,
            &NewPrediction {
                situation: sid,
                claim: claim(&p.claim, &context)?,
                forecaster: optional_actor(p.forecaster.as_deref(), &context)?,
                made_on: p.made_on,
                proposition: &p.proposition,
                hedge: p.hedge.as_deref(),
                negated: p.negated,
                probability,
                lexicon_version: &p.lexicon_version,
                due: p.due.as_ref(),
                due_inferred: p.due_inferred,
                status: p.status,
                probability_origin: None,
                entered_by_hand: false,
                version: p.version,
            },
        )
        .await?;
        prediction_ids.add(&p.key, id.get())?;
        rows += 1;
    }

    let mut resolution_ids = Ids::new("resolution");
    for r in &export.resolutions {
        let context = format!("resolution {}", r.key);
        let evidence = r
            .evidence
            .iter()
            .map(|key| claim(key, &context))
            .collect::<Result<Vec<_>, _>>()?;
        let id = insert_resolution(
            tx,
            &NewResolution {
                prediction: PredictionId::new(prediction_ids.id(&r.prediction, &context)?),
                outcome: r.outcome,
                occurred_on: r.occurred_on,
                decided_at: r.decided_at,
                decided_by: &r.decided_by,
                decided_by_user: None,
                rationale: &r.rationale,
                evidence: &evidence,
                proposition_version: None,
            },
        )
        .await?;
        resolution_ids.add(&r.key, id.get())?;
        rows += 1 + evidence.len();
    }

    let mut warning_ids = Ids::new("warning");
    for w in &export.warnings {
        let context = format!("warning {}", w.key);
        let span = export_span(text_of(&w.source, &context)?, w.start, w.end, &context)?;
        let id = insert_warning(
            tx,
            &NewWarning {
                situation: sid,
                source: SourceId::new(source_ids.id(&w.source, &context)?),
                claim: w.claim.as_deref().map(|k| claim(k, &context)).transpose()?,
                kind: w.kind,
                message: &w.message,
                span,
            },
        )
        .await?;
        warning_ids.add(&w.key, id.get())?;
        rows += 1;
    }

    for (index, v) in export.revisions.iter().enumerate() {
        let context = format!("revision {}", index + 1);
        let ids = match v.entity {
            RevisedEntity::Source => Some(&source_ids),
            RevisedEntity::Observation => Some(&observation_ids),
            RevisedEntity::Actor => Some(&actor_ids),
            RevisedEntity::Claim => Some(&claim_ids),
            RevisedEntity::Relation => Some(&relation_ids),
            RevisedEntity::Prediction => Some(&prediction_ids),
            RevisedEntity::Resolution => Some(&resolution_ids),
            RevisedEntity::Warning => Some(&warning_ids),
            RevisedEntity::Situation | RevisedEntity::Dispute => None,
        };
        let entity_id = match (v.entity, v.entity_key.as_deref(), ids) {
            (_, None, _) => None,
            (RevisedEntity::Situation, Some("situation"), _) => Some(sid.get()),
            (_, Some(key), Some(ids)) => Some(ids.id(key, &context)?),
            (entity, Some(key), None) => {
                return Err(StorageError::invalid(format!(
                    "{context}: key {key:?} given for {entity}, which has no keys"
                )));
            }
        };
        insert_revision(
            tx,
            &NewRevision {
                situation: Some(sid),
                entity: v.entity,
                entity_id,
                action: v.action,
                before: v.before.as_deref(),
                after: v.after.as_deref(),
                author: &v.author,
                author_user: None,
                reason: &v.reason,
                created_at: v.created_at,
            },
        )
        .await?;
        rows += 1;
    }
    Ok(rows)
}
