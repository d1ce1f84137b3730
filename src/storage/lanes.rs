//! Claims seen from their actors: the claims an actor made and the claims about it (its page),
//! how active each actor of a situation is, and the dated points of chosen actors' claims (the
//! lanes chart). An actor's claims are those it speaks and those it takes part in.

use super::claims::hydrate;
use super::entity::{claim, claim_actor, situation};
use super::values::when_from_columns;
use super::{Backend, ClaimRow, Conn, StorageError, Visibility};
use crate::domain::{ActorId, ClaimId, ClaimKind, MentionRole, SituationId, SourceId, When};
use chrono::NaiveDateTime;
use sea_orm::sea_query::NullOrdering;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, Order, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Statement, Value,
};

/// The claims of one actor's page.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorClaims {
    /// Claims it made, chronological (undated last).
    pub said: Vec<ClaimRow>,
    /// How many it made in all.
    pub said_total: u64,
    /// Claims it takes part in without speaking them, chronological.
    pub about: Vec<ClaimRow>,
    /// How many in all.
    pub about_total: u64,
}

/// The first `limit` claims made by and about `actor`, with their totals.
pub async fn actor_claims(
    conn: &impl Conn,
    actor: ActorId,
    visibility: Visibility,
    limit: u64,
) -> Result<ActorClaims, StorageError> {
    let exec = conn.executor();
    let chronological = |select: sea_orm::Select<claim::Entity>| {
        select
            .order_by_with_nulls(
                claim::Column::OccurredEarliest,
                Order::Asc,
                NullOrdering::Last,
            )
            .order_by_asc(claim::Column::Id)
    };
    let said = claim::Entity::find()
        .filter(claim::Column::SpeakerActorId.eq(actor.get()))
        .filter(visibility.condition());
    let said_total = said.clone().count(&exec).await?;
    let said_rows = chronological(said).limit(limit).all(&exec).await?;

    let taking_part = claim_actor::Entity::find()
        .select_only()
        .column(claim_actor::Column::ClaimId)
        .filter(claim_actor::Column::ActorId.eq(actor.get()))
        .filter(claim_actor::Column::Role.ne(MentionRole::Speaker.as_str()))
        .into_query();
    let about = claim::Entity::find()
        .filter(claim::Column::Id.in_subquery(taking_part))
        .filter(
            Condition::any()
                .add(claim::Column::SpeakerActorId.is_null())
                .add(claim::Column::SpeakerActorId.ne(actor.get())),
        )
        .filter(visibility.condition());
    let about_total = about.clone().count(&exec).await?;
    let about_rows = chronological(about).limit(limit).all(&exec).await?;
    Ok(ActorClaims {
        said: hydrate(conn, said_rows).await?,
        said_total,
        about: hydrate(conn, about_rows).await?,
        about_total,
    })
}

/// An actor and how many claims it speaks or takes part in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorActivity {
    /// The actor.
    pub id: ActorId,
    /// Its name.
    pub name: String,
    /// Its claims (each counted once).
    pub claims: u64,
}

/// The condition of a visibility over a claim aliased `c`, as SQL.
pub(crate) fn visibility_sql(visibility: Visibility) -> &'static str {
    match visibility {
        Visibility::Published => {
            "c.deleted_at IS NULL AND c.review_state = 'accepted' AND c.published_at IS NOT NULL"
        }
        Visibility::Unrejected => "c.deleted_at IS NULL AND c.review_state <> 'rejected'",
        Visibility::All => "c.deleted_at IS NULL",
    }
}

fn db_backend(conn: &impl Conn) -> DbBackend {
    match conn.backend() {
        Backend::Sqlite => DbBackend::Sqlite,
        Backend::Postgres => DbBackend::Postgres,
    }
}

/// `(actor_id, claim_id)` pairs of a situation's visible claims (parameter `$1` is the
/// situation), each pair once.
fn actor_claim_pairs(conn: &impl Conn, visibility: Visibility) -> String {
    let p = match conn.backend() {
        Backend::Sqlite => "?1",
        Backend::Postgres => "$1",
    };
    let visible = visibility_sql(visibility);
    format!(
        "SELECT ca.actor_id AS actor_id, ca.claim_id AS claim_id FROM claim_actor ca \
         JOIN claim c ON c.id = ca.claim_id WHERE c.situation_id = {p} AND {visible} \
         UNION SELECT c.speaker_actor_id AS actor_id, c.id AS claim_id FROM claim c \
         WHERE c.situation_id = {p} AND c.speaker_actor_id IS NOT NULL AND {visible}"
    )
}

/// Every standing actor of the situation with at least one visible claim, most active first
/// (then by name and id).
pub async fn actor_activity(
    conn: &impl Conn,
    situation: SituationId,
    visibility: Visibility,
) -> Result<Vec<ActorActivity>, StorageError> {
    let sql = format!(
        "SELECT a.id AS id, a.name AS name, COUNT(*) AS n FROM ({}) x \
         JOIN actor a ON a.id = x.actor_id \
         WHERE a.merged_into_id IS NULL AND a.review_state <> 'rejected' \
         GROUP BY a.id, a.name ORDER BY n DESC, a.name ASC, a.id ASC",
        actor_claim_pairs(conn, visibility)
    );
    let rows = conn
        .executor()
        .query_all_raw(Statement::from_sql_and_values(
            db_backend(conn),
            sql,
            [Value::from(situation.get())],
        ))
        .await?;
    rows.iter()
        .map(|row| {
            Ok(ActorActivity {
                id: ActorId::new(row.try_get::<i64>("", "id")?),
                name: row.try_get::<String>("", "name")?,
                claims: u64::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0),
            })
        })
        .collect()
}

/// One claim of one actor, for its lane.
#[derive(Debug, Clone, PartialEq)]
pub struct LanePoint {
    /// The actor whose lane it is on.
    pub actor: ActorId,
    /// The claim.
    pub claim: ClaimId,
    /// Its source.
    pub source: SourceId,
    /// The claim's text (its first 200 characters).
    pub text: String,
    /// Its kind.
    pub kind: ClaimKind,
    /// When it happened; `None` when undated.
    pub occurred: Option<When>,
}

/// The visible claims of `actors` in the situation, by actor, then chronologically (undated
/// last), then by id.
pub async fn lane_points(
    conn: &impl Conn,
    situation: SituationId,
    actors: &[ActorId],
    visibility: Visibility,
) -> Result<Vec<LanePoint>, StorageError> {
    if actors.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = actors.iter().map(|a| a.get().to_string()).collect();
    let sql = format!(
        "SELECT x.actor_id AS actor_id, c.id AS id, c.source_id AS source_id, substr(c.text, 1, 200) AS text, \
         c.kind AS kind, c.occurred_earliest AS occurred_earliest, \
         c.occurred_latest AS occurred_latest, c.occurred_precision AS occurred_precision, \
         c.occurred_approximate AS occurred_approximate \
         FROM ({}) x JOIN claim c ON c.id = x.claim_id WHERE x.actor_id IN ({}) \
         ORDER BY x.actor_id, c.occurred_earliest IS NULL, c.occurred_earliest, c.id",
        actor_claim_pairs(conn, visibility),
        // Ids are integers formatted here, never text from a request.
        ids.join(", ")
    );
    let rows = conn
        .executor()
        .query_all_raw(Statement::from_sql_and_values(
            db_backend(conn),
            sql,
            [Value::from(situation.get())],
        ))
        .await?;
    let mut points = Vec::with_capacity(rows.len());
    for row in &rows {
        let kind: String = row.try_get("", "kind")?;
        points.push(LanePoint {
            actor: ActorId::new(row.try_get::<i64>("", "actor_id")?),
            claim: ClaimId::new(row.try_get::<i64>("", "id")?),
            source: SourceId::new(row.try_get::<i64>("", "source_id")?),
            text: row.try_get::<String>("", "text")?,
            kind: super::values::word("claim kind", &kind)?,
            occurred: when_from_columns(
                "claim occurred",
                row.try_get::<Option<NaiveDateTime>>("", "occurred_earliest")?,
                row.try_get::<Option<NaiveDateTime>>("", "occurred_latest")?,
                row.try_get::<Option<String>>("", "occurred_precision")?
                    .as_deref(),
                None,
                row.try_get::<bool>("", "occurred_approximate")?,
            )?,
        });
    }
    Ok(points)
}

/// The slug of the situation with this id.
pub async fn situation_slug(conn: &impl Conn, id: SituationId) -> Result<String, StorageError> {
    situation::Entity::find_by_id(id.get())
        .select_only()
        .column(situation::Column::Slug)
        .into_tuple::<String>()
        .one(&conn.executor())
        .await?
        .ok_or_else(|| StorageError::not_found("situation", id))
}
