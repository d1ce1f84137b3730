//! Reading a situation's actor graph: its actors (with parents, aliases and offices) and the
//! relations a viewer may see, each with its claim, the claim's prediction and whether it is
//! disputed, built into an [`ActorGraph`].

use super::UseCaseError;
use crate::domain::{SituationId, When};
use crate::graph::{
    ActorGraph, ForecastNote, GraphActor, GraphClaim, GraphInput, GraphRelation, Office,
};
use crate::storage::{self, ActorRow, Conn, SituationSummary, Visibility};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// A situation with its actor graph.
#[derive(Debug, Clone)]
pub struct SituationGraph {
    /// The situation.
    pub situation: SituationSummary,
    /// Its graph over all time.
    pub graph: ActorGraph,
}

/// The first day of a time, when bounded below.
fn first_day(when: &Option<When>) -> Option<NaiveDate> {
    when.as_ref().and_then(|w| w.earliest()).map(|t| t.date())
}

/// An actor as the graph needs it.
pub fn graph_actor(row: &ActorRow) -> GraphActor {
    GraphActor {
        id: row.id,
        name: row.name.clone(),
        aliases: row.aliases.clone(),
        kind: row.kind,
        parent: row.parent.as_ref().map(|p| p.id),
        offices: row
            .roles
            .iter()
            .map(|role| Office {
                title: role.title.clone(),
                of: role.of.as_ref().map(|o| o.id),
                from: first_day(&role.valid_from),
                to: first_day(&role.valid_to),
            })
            .collect(),
    }
}

/// What a situation's graph is built from, as `visibility` shows it.
pub async fn graph_input(
    conn: &impl Conn,
    situation: SituationId,
    visibility: Visibility,
) -> Result<GraphInput, UseCaseError> {
    let actors = storage::actors_of(conn, situation).await?;
    let relations = storage::graph_relations(conn, situation, visibility).await?;
    let predictions: HashMap<_, _> = storage::predictions_of(conn, situation)
        .await?
        .into_iter()
        .map(|p| (p.prediction.claim, p.prediction))
        .collect();
    let disputed: HashSet<_> = storage::disputes_of(conn, situation)
        .await?
        .into_iter()
        .flat_map(|d| [d.claim, d.other_claim])
        .collect();
    let relations = relations
        .into_iter()
        .map(|row| {
            let record = row.record;
            let claim = row.claim.map(|c| GraphClaim {
                prediction: predictions.get(&c.id).map(|p| ForecastNote {
                    id: p.id,
                    proposition: p.proposition.clone(),
                    hedge: p.hedge.clone(),
                    probability: p.probability.map(|q| q.point),
                }),
                disputed: disputed.contains(&c.id),
                id: c.id,
                source: c.source,
                source_title: c.source_title,
                text: c.text,
                kind: c.kind,
                modality: c.modality,
                occurred: record.claim_occurred.clone(),
                reported: record.claim_reported.clone(),
            });
            GraphRelation {
                id: record.relation.id,
                source: record.relation.source,
                target: record.relation.target,
                kind: record.relation.kind,
                polarity: record.relation.polarity,
                valid: record.relation.valid,
                review_state: record.relation.review_state,
                claim,
            }
        })
        .collect();
    Ok(GraphInput {
        actors: actors.iter().map(graph_actor).collect(),
        relations,
    })
}

/// A situation's graph by slug, as `visibility` shows it. Not found when no situation has
/// the slug.
pub async fn situation_graph(
    conn: &impl Conn,
    slug: &str,
    visibility: Visibility,
) -> Result<SituationGraph, UseCaseError> {
    let situation = storage::get_situation(conn, slug).await?;
    let id = storage::situation_id(conn, slug).await?;
    let input = graph_input(conn, id, visibility).await?;
    Ok(SituationGraph {
        situation,
        graph: ActorGraph::build(&input),
    })
}

/// Graphs kept at most; past it the cache starts over.
const MAX_KEPT_GRAPHS: usize = 16;

/// Kept graphs: by situation slug and the visibility their rows were read with, each with the
/// data version it was built at.
type KeptGraphs = HashMap<(String, Visibility), (i64, Arc<SituationGraph>)>;

/// Built graphs of situations by slug and visibility, each kept with the situation's data
/// version when its rows were read (triggers bump the version in the transaction of every
/// write to the situation's data): a graph is reused only while that version is current, so
/// it is never older than the last write. Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct GraphCache {
    built: Arc<Mutex<KeptGraphs>>,
}

impl GraphCache {
    /// [`situation_graph`], reused while the situation's data has not changed.
    pub async fn situation_graph(
        &self,
        conn: &impl Conn,
        slug: &str,
        visibility: Visibility,
    ) -> Result<Arc<SituationGraph>, UseCaseError> {
        // The version is read before the rows, so a kept graph is at least as new as it.
        let Some((_, version)) = storage::situation_version(conn, slug).await? else {
            // No such situation: the uncached path says so.
            return situation_graph(conn, slug, visibility).await.map(Arc::new);
        };
        let key = (slug.to_string(), visibility);
        if let Ok(built) = self.built.lock()
            && let Some((kept, graph)) = built.get(&key)
            && *kept == version
        {
            return Ok(Arc::clone(graph));
        }
        let graph = Arc::new(situation_graph(conn, slug, visibility).await?);
        if let Ok(mut built) = self.built.lock() {
            if built.len() >= MAX_KEPT_GRAPHS && !built.contains_key(&key) {
                built.clear();
            }
            built.insert(key, (version, Arc::clone(&graph)));
        }
        Ok(graph)
    }
}

/// What an analyst corrects on a relation; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelationCorrection {
    /// Accept or reject it (or send it back to draft).
    pub review_state: Option<crate::domain::ReviewState>,
    /// Flip or change its sign.
    pub polarity: Option<crate::domain::Polarity>,
    /// Re-date it: `Some(Some(day))` dates it to that day, `Some(None)` removes its own date
    /// (it then counts from its claim's dates).
    pub valid_from: Option<Option<NaiveDate>>,
}

/// Applies an analyst's correction to relation `id`, if it is still at `version`, with a
/// revision giving `reason`, in one transaction. An accepted relation whose claim is
/// published is published with it. Returns the situation's slug.
pub async fn correct_relation(
    db: &storage::Database,
    user: &crate::domain::User,
    id: crate::domain::RelationId,
    version: i64,
    correction: &RelationCorrection,
    reason: &str,
) -> Result<SituationId, UseCaseError> {
    use super::revisions::{Change, record};
    use crate::domain::{ReviewState, RevisedEntity, RevisionAction};
    let author = super::claims::analyst(user, "correct relations")?;
    let reason = super::claims::reason_given(reason)?;
    db.transaction(async |tx| {
        let (relation, before) = storage::relation_fields(tx, id).await?;
        if before.version != version {
            return Err(storage::StorageError::conflict(format!(
                "relation {id} is at version {}, not {version}: someone changed it; reload",
                before.version
            ))
            .into());
        }
        let mut after = before.clone();
        if let Some(state) = correction.review_state {
            after.review_state = state;
        }
        if let Some(polarity) = correction.polarity {
            after.polarity = polarity;
        }
        if let Some(valid_from) = correction.valid_from {
            after.valid_from = valid_from;
        }
        if after.review_state == ReviewState::Accepted && after.published_at.is_none() {
            let public = match relation.claim {
                Some(claim) => storage::claim_published(tx, claim).await?,
                None => true,
            };
            if public {
                after.published_at = Some(storage::now());
            }
        }
        if after == before {
            return Err(UseCaseError::invalid("nothing to change"));
        }
        after.version = before.version + 1;
        storage::update_relation(tx, id, &before, &after).await?;
        let action = if after.review_state != before.review_state
            && after.polarity == before.polarity
            && after.valid_from == before.valid_from
        {
            RevisionAction::Reviewed
        } else {
            RevisionAction::Edited
        };
        record(
            tx,
            Change {
                situation: Some(relation.situation),
                entity: RevisedEntity::Relation,
                entity_id: id.get(),
                action,
                before: Some(&before),
                after: Some(&after),
                author: &author,
                reason,
            },
        )
        .await?;
        Ok(relation.situation)
    })
    .await
}
