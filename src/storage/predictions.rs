//! Predictions: a situation's forecasts, each with the resolution in force (the latest of its
//! append-only resolutions), one by id, a forecaster's, a prediction's whole resolution history
//! with the evidence each cites, the versions of its proposition; and the ledger's writes (a
//! prediction's edited fields, a new proposition version).

use super::entity::{prediction, prediction_proposition, resolution, resolution_evidence};
use super::values::{IN_CHUNK, WhenColumns, when_from_columns, word};
use super::{Conn, StorageError, Tx};
use crate::domain::{
    ActorId, ClaimId, Prediction, PredictionId, PredictionRecord, PredictionStatus, Probability,
    ProbabilityOrigin, PropositionVersion, Resolution, ResolutionId, SituationId, UserId, When,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
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

/// The predictions whose forecaster is one of `actors`, in id order, each with its latest
/// resolution.
pub async fn predictions_of_forecaster(
    conn: &impl Conn,
    actors: &[ActorId],
) -> Result<Vec<PredictionRecord>, StorageError> {
    let ids: Vec<i64> = actors.iter().map(|a| a.get()).collect();
    let mut rows = Vec::new();
    for chunk in ids.chunks(IN_CHUNK) {
        rows.extend(
            prediction::Entity::find()
                .filter(prediction::Column::ForecasterActorId.is_in(chunk.iter().copied()))
                .all(&conn.executor())
                .await?,
        );
    }
    rows.sort_by_key(|r| r.id);
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let mut latest: HashMap<PredictionId, Resolution> = HashMap::new();
    for resolution in resolutions_for(conn, &ids).await? {
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

/// The prediction made by a claim, if any.
pub async fn prediction_of_claim(
    conn: &impl Conn,
    claim: ClaimId,
) -> Result<Option<PredictionId>, StorageError> {
    Ok(prediction::Entity::find()
        .filter(prediction::Column::ClaimId.eq(claim.get()))
        .one(&conn.executor())
        .await?
        .map(|p| PredictionId::new(p.id)))
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
                proposition_version: r.proposition_version.map(i64::from),
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
        probability_origin: p
            .probability_origin
            .as_deref()
            .map(|w| word("probability origin", w))
            .transpose()?,
        lexicon_version: p.lexicon_version,
        due_inferred: p.due_inferred,
        entered_by_hand: p.entered_by_hand,
        version: p.version,
    })
}

/// The versions of a prediction's proposition, oldest first. Empty while it was never edited
/// (its one wording is then the prediction's own).
pub async fn proposition_versions_of(
    conn: &impl Conn,
    id: PredictionId,
) -> Result<Vec<PropositionVersion>, StorageError> {
    Ok(prediction_proposition::Entity::find()
        .filter(prediction_proposition::Column::PredictionId.eq(id.get()))
        .order_by_asc(prediction_proposition::Column::Number)
        .all(&conn.executor())
        .await?
        .into_iter()
        .map(|row| PropositionVersion {
            number: i64::from(row.number),
            text: row.text,
            created_at: row.created_at,
            author: row.author,
            reason: row.reason,
        })
        .collect())
}

/// A new wording of a prediction's proposition.
#[derive(Debug, Clone)]
pub struct NewPropositionVersion<'a> {
    /// The prediction.
    pub prediction: PredictionId,
    /// Its number (1, 2, ...).
    pub number: i64,
    /// The wording.
    pub text: &'a str,
    /// When it comes into force.
    pub created_at: DateTime<Utc>,
    /// Who wrote it.
    pub author: &'a str,
    /// The account that wrote it.
    pub author_user: Option<UserId>,
    /// Why.
    pub reason: &'a str,
}

/// Stores one wording of a proposition.
pub async fn insert_proposition_version(
    tx: &Tx,
    new: &NewPropositionVersion<'_>,
) -> Result<(), StorageError> {
    let number = i32::try_from(new.number)
        .map_err(|_| StorageError::invalid("too many proposition versions"))?;
    prediction_proposition::Entity::insert(prediction_proposition::ActiveModel {
        prediction_id: sea_orm::Set(new.prediction.get()),
        number: sea_orm::Set(number),
        text: sea_orm::Set(new.text.to_string()),
        created_at: sea_orm::Set(new.created_at),
        author: sea_orm::Set(new.author.to_string()),
        author_user_id: sea_orm::Set(new.author_user.map(UserId::get)),
        reason: sea_orm::Set(new.reason.to_string()),
        ..Default::default()
    })
    .exec(tx.txn())
    .await?;
    Ok(())
}

/// A prediction's editable fields, all written at once.
#[derive(Debug, Clone)]
pub struct PredictionChanges<'a> {
    /// The proposition now in force.
    pub proposition: &'a str,
    /// The probability.
    pub probability: Option<Probability>,
    /// Where it came from.
    pub probability_origin: Option<ProbabilityOrigin>,
    /// The lexicon version.
    pub lexicon_version: &'a str,
    /// When it falls due.
    pub due: Option<&'a When>,
    /// Whether `due` was inferred.
    pub due_inferred: bool,
    /// The forecaster.
    pub forecaster: Option<ActorId>,
    /// The stored status.
    pub status: PredictionStatus,
}

/// Writes `changes` to prediction `id` if it is still at `expected_version`, raising the
/// version; a [`StorageError::Conflict`] when someone saved in between.
pub async fn update_prediction(
    tx: &Tx,
    id: PredictionId,
    expected_version: i64,
    changes: &PredictionChanges<'_>,
) -> Result<(), StorageError> {
    let due = WhenColumns::from(changes.due);
    let result = prediction::Entity::update_many()
        .col_expr(
            prediction::Column::Proposition,
            Expr::value(changes.proposition.to_string()),
        )
        .col_expr(
            prediction::Column::ProbabilityPoint,
            Expr::value(changes.probability.map(|p| p.point)),
        )
        .col_expr(
            prediction::Column::ProbabilityLow,
            Expr::value(changes.probability.map(|p| p.low)),
        )
        .col_expr(
            prediction::Column::ProbabilityHigh,
            Expr::value(changes.probability.map(|p| p.high)),
        )
        .col_expr(
            prediction::Column::ProbabilityOrigin,
            Expr::value(changes.probability_origin.map(|o| o.as_str().to_string())),
        )
        .col_expr(
            prediction::Column::LexiconVersion,
            Expr::value(changes.lexicon_version.to_string()),
        )
        .col_expr(prediction::Column::DueEarliest, Expr::value(due.earliest))
        .col_expr(prediction::Column::DueLatest, Expr::value(due.latest))
        .col_expr(prediction::Column::DuePrecision, Expr::value(due.precision))
        .col_expr(prediction::Column::DueWords, Expr::value(due.words))
        .col_expr(
            prediction::Column::DueApproximate,
            Expr::value(due.approximate),
        )
        .col_expr(
            prediction::Column::DueInferred,
            Expr::value(changes.due_inferred),
        )
        .col_expr(
            prediction::Column::ForecasterActorId,
            Expr::value(changes.forecaster.map(ActorId::get)),
        )
        .col_expr(
            prediction::Column::Status,
            Expr::value(changes.status.as_str().to_string()),
        )
        .col_expr(
            prediction::Column::Version,
            Expr::value(expected_version + 1),
        )
        .filter(prediction::Column::Id.eq(id.get()))
        .filter(prediction::Column::Version.eq(expected_version))
        .exec(tx.txn())
        .await?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(StorageError::Conflict {
            message: format!(
                "prediction {id} was changed by someone else (it is no longer at version \
                 {expected_version}); reload it and try again"
            ),
        })
    }
}
