//! Predictions on the read side: a situation's forecasts, each with the resolution in force
//! (the latest of its append-only resolutions), one by id, and a prediction's whole resolution
//! history with the evidence each cites.

use super::entity::{prediction, resolution, resolution_evidence};
use super::values::{IN_CHUNK, when_from_columns, word};
use super::{Conn, StorageError};
use crate::domain::{
    ActorId, ClaimId, Prediction, PredictionId, PredictionRecord, Probability, Resolution,
    ResolutionId, SituationId, UserId,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// A situation's predictions in id order, each with its latest resolution.
pub async fn predictions_of(
    conn: &impl Conn,
    situation: SituationId,
) -> Result<Vec<PredictionRecord>, StorageError> {
    let rows = prediction::Entity::find()
        .filter(prediction::Column::SituationId.eq(situation.get()))
        .order_by_asc(prediction::Column::Id)
        .all(&conn.executor())
        .await?;
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let mut latest: HashMap<PredictionId, Resolution> = HashMap::new();
    for resolution in resolutions_for(conn, &ids).await? {
        // In id order, so the last one seen is the one in force.
        latest.insert(resolution.prediction, resolution);
    }
    rows.into_iter()
        .map(|row| {
            let prediction = prediction_from_row(row)?;
            Ok(PredictionRecord {
                resolution: latest.remove(&prediction.id),
                prediction,
            })
        })
        .collect()
}

/// One prediction with its latest resolution.
pub async fn get_prediction(
    conn: &impl Conn,
    id: PredictionId,
) -> Result<PredictionRecord, StorageError> {
    let row = prediction::Entity::find_by_id(id.get())
        .one(&conn.executor())
        .await?
        .ok_or_else(|| StorageError::not_found("prediction", id))?;
    let resolution = resolutions_for(conn, &[row.id]).await?.pop();
    Ok(PredictionRecord {
        prediction: prediction_from_row(row)?,
        resolution,
    })
}

/// Every resolution of a prediction, oldest first.
pub async fn resolutions_of(
    conn: &impl Conn,
    id: PredictionId,
) -> Result<Vec<Resolution>, StorageError> {
    resolutions_for(conn, &[id.get()]).await
}

/// The resolutions of these predictions in id order, with their evidence, read in chunks.
async fn resolutions_for(
    conn: &impl Conn,
    prediction_ids: &[i64],
) -> Result<Vec<Resolution>, StorageError> {
    let exec = conn.executor();
    let mut rows = Vec::new();
    for chunk in prediction_ids.chunks(IN_CHUNK) {
        rows.extend(
            resolution::Entity::find()
                .filter(resolution::Column::PredictionId.is_in(chunk.iter().copied()))
                .order_by_asc(resolution::Column::Id)
                .all(&exec)
                .await?,
        );
    }
    rows.sort_by_key(|r| r.id);
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut evidence: HashMap<i64, Vec<ClaimId>> = HashMap::new();
    for chunk in ids.chunks(IN_CHUNK) {
        for item in resolution_evidence::Entity::find()
            .filter(resolution_evidence::Column::ResolutionId.is_in(chunk.iter().copied()))
            .order_by_asc(resolution_evidence::Column::Id)
            .all(&exec)
            .await?
        {
            evidence
                .entry(item.resolution_id)
                .or_default()
                .push(ClaimId::new(item.claim_id));
        }
    }
    rows.into_iter()
        .map(|r| {
            Ok(Resolution {
                id: ResolutionId::new(r.id),
                prediction: PredictionId::new(r.prediction_id),
                outcome: word("outcome", &r.outcome)?,
                occurred_on: r.occurred_on,
                decided_at: r.decided_at,
                decided_by: r.decided_by,
                decided_by_user: r.decided_by_user_id.map(UserId::new),
                rationale: r.rationale,
                evidence: evidence.remove(&r.id).unwrap_or_default(),
            })
        })
        .collect()
}

fn prediction_from_row(p: prediction::Model) -> Result<Prediction, StorageError> {
    let context = format!("prediction {}", p.id);
    let probability = match (p.probability_point, p.probability_low, p.probability_high) {
        (Some(point), Some(low), Some(high)) => Some(
            Probability::new(point, low, high)
                .map_err(|e| StorageError::invalid(format!("{context}: {e}")))?,
        ),
        _ => None,
    };
    Ok(Prediction {
        id: PredictionId::new(p.id),
        situation: SituationId::new(p.situation_id),
        claim: ClaimId::new(p.claim_id),
        forecaster: p.forecaster_actor_id.map(ActorId::new),
        made_on: p.made_on,
        due: when_from_columns(
            &context,
            p.due_earliest,
            p.due_latest,
            p.due_precision.as_deref(),
            p.due_words.as_deref(),
            p.due_approximate,
        )?,
        status: word("prediction status", &p.status)?,
        probability,
        proposition: p.proposition,
        hedge: p.hedge,
        negated: p.negated,
        lexicon_version: p.lexicon_version,
        due_inferred: p.due_inferred,
        version: p.version,
    })
}
