//! Keeping the record in the API: editing a claim (`PATCH /api/v1/claims/{id}`, from the
//! version it was read at; 409 when stale), deleting it softly and restoring it, its history
//! (`GET /api/v1/claims/{id}/revisions`), marking disputes (`POST /api/v1/claims/{id}/disputes`,
//! `POST /api/v1/disputes/{id}/withdraw`); editing, merging and splitting actors; and reverting
//! any revision (`POST /api/v1/revisions/{id}/revert`). Writes need an analyst.

use super::actors::ActorBody;
use super::claims::ClaimBody;
use crate::app::{
    self,
    actors::{ActorEdit, Split},
    claims::{ActorPart, ActorPick, ClaimEdit},
};
use crate::domain::{
    ActorId, ActorKind, ClaimId, ClaimKind, DisputeId, MentionRole, Modality, ReviewState,
    RevisedEntity, RevisionAction, RevisionId, Span,
};
use crate::http::auth::Analyst;
use crate::http::{AppError, AppJson, AppPath, AppQuery, AppState, ErrorBody};
use crate::storage::{self, DisputeRow};
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Routes of this resource.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(edit_claim, delete_claim))
        .routes(routes!(restore_claim))
        .routes(routes!(list_claim_revisions))
        .routes(routes!(list_disputes, mark_dispute))
        .routes(routes!(withdraw_dispute))
        .routes(routes!(edit_actor))
        .routes(routes!(merge_actor))
        .routes(routes!(split_actor))
        .routes(routes!(list_actor_revisions))
        .routes(routes!(revert_revision))
}

/// Reads a field that may be absent (leave it), `null` (clear it) or a value (set it).
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// A byte span of a source's text.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SpanInput {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// An actor's part in a claim, in an edit: an existing actor by `id`, or a new one by `name`
/// and `kind`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActorPartInput {
    /// An actor of the claim's situation.
    #[serde(default)]
    pub id: Option<ActorId>,
    /// A new actor's name (found by name or alias if the situation has it).
    #[serde(default)]
    pub name: Option<String>,
    /// A new actor's kind; `organisation` when absent.
    #[serde(default)]
    pub kind: Option<ActorKind>,
    /// Its part; `mentioned` when absent.
    #[serde(default)]
    pub role: Option<MentionRole>,
}

/// An edit of a claim: any of its fields and/or its review state, made from `version`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimPatchBody {
    /// The version the edit was made from (a stale one is refused with 409).
    pub version: i64,
    /// Why (kept with the revision).
    pub reason: String,
    /// `accepted`, `rejected` (or `draft` to reopen it).
    #[serde(default)]
    pub review_state: Option<ReviewState>,
    /// A new kind.
    #[serde(default)]
    pub kind: Option<ClaimKind>,
    /// A new modality.
    #[serde(default)]
    pub modality: Option<Modality>,
    /// The speaker's actor id; `null` for the author's own voice.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub speaker: Option<Option<ActorId>>,
    /// When it happened, typed ("12 Jan 2022", "January 2022", "evening of 12 Jan"); `null`
    /// clears it. Partial dates take the year nearest the claim's report date.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub occurred: Option<Option<String>>,
    /// A new span by byte offsets.
    #[serde(default)]
    pub span: Option<SpanInput>,
    /// Or by its words: the occurrence in the source nearest the current span.
    #[serde(default)]
    pub text: Option<String>,
    /// The claim's actors, replacing the ones it has (the speaker's part follows `speaker`).
    #[serde(default)]
    pub actors: Option<Vec<ActorPartInput>>,
}

/// Turns the API's claim patch into the use case's edit.
async fn claim_edit(
    state: &AppState,
    id: ClaimId,
    body: &ClaimPatchBody,
) -> Result<ClaimEdit, AppError> {
    let claim = storage::get_claim(&state.db, id).await?;
    let mut edit = ClaimEdit {
        review_state: body.review_state,
        kind: body.kind,
        modality: body.modality,
        speaker: body.speaker,
        ..ClaimEdit::default()
    };
    if let Some(occurred) = &body.occurred {
        edit.occurred = Some(match occurred.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(typed) => Some(app::claims::read_typed_date(
                typed,
                app::claims::reference_day(&claim),
            )?),
        });
    }
    edit.span = match (&body.span, &body.text) {
        (Some(_), Some(_)) => {
            return Err(AppError::Unprocessable(
                "give the new span as `span` or as `text`, not both".to_string(),
            ));
        }
        (Some(span), None) => Some(Span::new(span.start, span.end)),
        (None, Some(words)) => {
            let source = storage::get_source(&state.db, claim.source.id).await?;
            Some(app::claims::locate_words(&source.text, words, claim.span)?)
        }
        (None, None) => None,
    };
    if let Some(parts) = &body.actors {
        let mut chosen = Vec::with_capacity(parts.len());
        for part in parts {
            let actor = match (part.id, &part.name) {
                (Some(id), None) => ActorPick::Existing(id),
                (None, Some(name)) => ActorPick::New {
                    name: name.clone(),
                    kind: part.kind.unwrap_or(ActorKind::Organisation),
                },
                _ => {
                    return Err(AppError::Unprocessable(
                        "each actor is an existing one by `id` or a new one by `name`".to_string(),
                    ));
                }
            };
            chosen.push(ActorPart {
                actor,
                role: part.role.unwrap_or(MentionRole::Mentioned),
            });
        }
        edit.actors = Some(chosen);
    }
    Ok(edit)
}

/// Edits a claim's fields and/or review state, from the version the edit was made from.
#[utoipa::path(
    patch,
    path = "/claims/{id}",
    tag = "review",
    params(("id" = i64, Path, description = "The claim's id")),
    request_body = ClaimPatchBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The claim as it now is", body = ClaimBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No claim has this id", body = ErrorBody),
        (status = 409, description = "The claim changed since that version", body = ErrorBody),
        (status = 422, description = "A field that cannot be used, no reason, or no change", body = ErrorBody),
    )
)]
async fn edit_claim(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(id): AppPath<ClaimId>,
    AppJson(body): AppJson<ClaimPatchBody>,
) -> Result<AppJson<ClaimBody>, AppError> {
    let edit = claim_edit(&state, id, &body).await?;
    let claim =
        app::claims::edit_claim(&state.db, &user, id, body.version, &edit, &body.reason).await?;
    Ok(AppJson(claim.into()))
}

/// Why a claim is deleted or restored, and from which version.
#[derive(Debug, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReasonQuery {
    /// Why; a plain default when absent.
    #[serde(default)]
    pub reason: Option<String>,
    /// The version it was read at (409 when stale); any when absent.
    #[serde(default)]
    pub version: Option<i64>,
}

/// Deletes a claim softly: it leaves every view and stays on the situation's deleted list,
/// from which it can be restored.
#[utoipa::path(
    delete,
    path = "/claims/{id}",
    tag = "review",
    params(("id" = i64, Path, description = "The claim's id"), ReasonQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The deleted claim", body = ClaimBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No claim has this id", body = ErrorBody),
        (status = 409, description = "The claim changed since that version", body = ErrorBody),
        (status = 422, description = "Already deleted", body = ErrorBody),
    )
)]
async fn delete_claim(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(id): AppPath<ClaimId>,
    AppQuery(query): AppQuery<ReasonQuery>,
) -> Result<AppJson<ClaimBody>, AppError> {
    let reason = query.reason.unwrap_or_else(|| "deleted".to_string());
    let claim = app::claims::delete_claim(&state.db, &user, id, query.version, &reason).await?;
    Ok(AppJson(claim.into()))
}

/// Why, in a body.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonBody {
    /// Why; a plain default when absent.
    #[serde(default)]
    pub reason: Option<String>,
    /// The version the change was made from (409 when stale); any when absent.
    #[serde(default)]
    pub version: Option<i64>,
}

/// Restores a deleted claim.
#[utoipa::path(
    post,
    path = "/claims/{id}/restore",
    tag = "review",
    params(("id" = i64, Path, description = "The claim's id")),
    request_body = ReasonBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The restored claim", body = ClaimBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No claim has this id", body = ErrorBody),
        (status = 422, description = "Not deleted", body = ErrorBody),
    )
)]
async fn restore_claim(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(id): AppPath<ClaimId>,
    AppJson(body): AppJson<ReasonBody>,
) -> Result<AppJson<ClaimBody>, AppError> {
    let reason = body.reason.unwrap_or_else(|| "restored".to_string());
    let claim = app::claims::restore_claim(&state.db, &user, id, body.version, &reason).await?;
    Ok(AppJson(claim.into()))
}

/// Who made a change.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorBody {
    /// The name shown (the account's, or a process such as `seed`).
    pub name: String,
    /// The account's id, when made through one.
    pub user_id: Option<i64>,
}

/// One field a revision changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldChangeBody {
    /// The field.
    pub field: String,
    /// Its value before.
    #[schema(value_type = Object)]
    pub before: serde_json::Value,
    /// Its value after.
    #[schema(value_type = Object)]
    pub after: serde_json::Value,
}

/// One recorded change.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionBody {
    /// The revision's id (`POST /api/v1/revisions/{id}/revert` undoes it).
    pub id: RevisionId,
    /// What sort of thing changed.
    pub entity: RevisedEntity,
    /// Its id.
    pub entity_id: Option<i64>,
    /// What was done.
    pub action: RevisionAction,
    /// Who.
    pub author: AuthorBody,
    /// When (UTC).
    pub created_at: DateTime<Utc>,
    /// Why.
    pub reason: String,
    /// The fields before (`null` for a creation).
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    /// The fields after.
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
    /// The fields that differ, before and after.
    pub changes: Vec<FieldChangeBody>,
}

impl From<crate::domain::Revision> for RevisionBody {
    fn from(r: crate::domain::Revision) -> Self {
        let changes = app::revisions::changed_fields(r.before.as_ref(), r.after.as_ref())
            .into_iter()
            .map(|c| FieldChangeBody {
                field: c.field,
                before: c.before,
                after: c.after,
            })
            .collect();
        RevisionBody {
            id: r.id,
            entity: r.entity,
            entity_id: r.entity_id,
            action: r.action,
            author: AuthorBody {
                name: r.author.name,
                user_id: r.author.user.map(|u| u.get()),
            },
            created_at: r.created_at,
            reason: r.reason,
            before: r.before,
            after: r.after,
            changes,
        }
    }
}

/// A history.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionListBody {
    /// Oldest first.
    pub revisions: Vec<RevisionBody>,
}

/// A claim's history: every revision with its author, time, reason, before and after.
#[utoipa::path(
    get,
    path = "/claims/{id}/revisions",
    tag = "review",
    params(("id" = i64, Path, description = "The claim's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The history, oldest first", body = RevisionListBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No claim has this id", body = ErrorBody),
    )
)]
async fn list_claim_revisions(
    State(state): State<AppState>,
    Analyst(_user): Analyst,
    AppPath(id): AppPath<ClaimId>,
) -> Result<AppJson<RevisionListBody>, AppError> {
    storage::get_claim(&state.db, id).await?;
    let revisions = storage::revisions_of(&state.db, RevisedEntity::Claim, id.get()).await?;
    Ok(AppJson(RevisionListBody {
        revisions: revisions.into_iter().map(RevisionBody::from).collect(),
    }))
}

/// Two claims marked as disputing each other.
#[derive(Debug, Serialize, ToSchema)]
pub struct DisputeBody {
    /// The dispute's id.
    pub id: DisputeId,
    /// One claim.
    pub claim: ClaimId,
    /// The claim disputing it.
    pub other_claim: ClaimId,
    /// Why.
    pub reason: String,
    /// Who marked them.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// When it was withdrawn; `null` while it stands.
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl From<DisputeRow> for DisputeBody {
    fn from(d: DisputeRow) -> Self {
        DisputeBody {
            id: d.id,
            claim: d.claim,
            other_claim: d.other_claim,
            reason: d.reason,
            created_by: d.created_by.name,
            created_at: d.created_at,
            withdrawn_at: d.withdrawn_at,
        }
    }
}

/// A claim's disputes.
#[derive(Debug, Serialize, ToSchema)]
pub struct DisputeListBody {
    /// Every dispute the claim is part of, withdrawn ones included.
    pub disputes: Vec<DisputeBody>,
}

/// The disputes a claim is part of.
#[utoipa::path(
    get,
    path = "/claims/{id}/disputes",
    tag = "review",
    params(("id" = i64, Path, description = "The claim's id")),
    responses(
        (status = 200, description = "Its disputes", body = DisputeListBody),
        (status = 404, description = "No claim has this id", body = ErrorBody),
    )
)]
async fn list_disputes(
    State(state): State<AppState>,
    AppPath(id): AppPath<ClaimId>,
) -> Result<AppJson<DisputeListBody>, AppError> {
    storage::get_claim(&state.db, id).await?;
    let disputes = storage::disputes_of_claim(&state.db, id).await?;
    Ok(AppJson(DisputeListBody {
        disputes: disputes.into_iter().map(DisputeBody::from).collect(),
    }))
}

/// Mark two claims as disputing each other.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDisputeBody {
    /// The claim that disputes this one.
    pub with: ClaimId,
    /// Why.
    pub reason: String,
}

/// Marks the claim and `with` as disputing each other: both show as disputed, neither is
/// replaced.
#[utoipa::path(
    post,
    path = "/claims/{id}/disputes",
    tag = "review",
    params(("id" = i64, Path, description = "The claim's id")),
    request_body = NewDisputeBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The dispute", body = DisputeBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No claim has one of the ids", body = ErrorBody),
        (status = 409, description = "Already marked", body = ErrorBody),
        (status = 422, description = "The same claim, another situation, or no reason", body = ErrorBody),
    )
)]
async fn mark_dispute(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(id): AppPath<ClaimId>,
    AppJson(body): AppJson<NewDisputeBody>,
) -> Result<(StatusCode, AppJson<DisputeBody>), AppError> {
    let dispute =
        app::disputes::mark_dispute(&state.db, &user, id, body.with, &body.reason).await?;
    Ok((StatusCode::CREATED, AppJson(dispute.into())))
}

/// Withdraws a dispute (it is kept, and can be marked again).
#[utoipa::path(
    post,
    path = "/disputes/{id}/withdraw",
    tag = "review",
    params(("id" = i64, Path, description = "The dispute's id")),
    request_body = ReasonBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The withdrawn dispute", body = DisputeBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No dispute has this id", body = ErrorBody),
        (status = 422, description = "Already withdrawn", body = ErrorBody),
    )
)]
async fn withdraw_dispute(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(id): AppPath<DisputeId>,
    AppJson(body): AppJson<ReasonBody>,
) -> Result<AppJson<DisputeBody>, AppError> {
    let reason = body.reason.unwrap_or_else(|| "withdrawn".to_string());
    let dispute = app::disputes::withdraw_dispute(&state.db, &user, id, &reason).await?;
    Ok(AppJson(dispute.into()))
}

/// An edit of an actor, made from `version`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActorPatchBody {
    /// The version the edit was made from (409 when stale).
    pub version: i64,
    /// Why.
    pub reason: String,
    /// A new canonical name.
    #[serde(default)]
    pub name: Option<String>,
    /// A new kind.
    #[serde(default)]
    pub kind: Option<ActorKind>,
    /// Its aliases, replacing the ones it has.
    #[serde(default)]
    pub aliases: Option<Vec<String>>,
    /// Its parent's id; `null` for none.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub parent: Option<Option<ActorId>>,
    /// `accepted` (a new actor) or `rejected` (not an actor).
    #[serde(default)]
    pub review_state: Option<ReviewState>,
}

/// Edits an actor's name, kind, aliases, parent or review state.
#[utoipa::path(
    patch,
    path = "/actors/{id}",
    tag = "actors",
    params(("id" = i64, Path, description = "The actor's id")),
    request_body = ActorPatchBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The actor as it now is", body = ActorBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No actor has this id", body = ErrorBody),
        (status = 409, description = "Changed since that version, or the name is taken", body = ErrorBody),
        (status = 422, description = "A field that cannot be used", body = ErrorBody),
    )
)]
async fn edit_actor(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(id): AppPath<ActorId>,
    AppJson(body): AppJson<ActorPatchBody>,
) -> Result<AppJson<ActorBody>, AppError> {
    let edit = ActorEdit {
        name: body.name,
        kind: body.kind,
        aliases: body.aliases,
        parent: body.parent,
        review_state: body.review_state,
    };
    let actor =
        app::actors::edit_actor(&state.db, &user, id, body.version, &edit, &body.reason).await?;
    Ok(AppJson(actor.into()))
}

/// Merge an actor into another.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeBody {
    /// The actor that stays.
    pub into: ActorId,
    /// Why; a plain default when absent.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Merges the actor into `into`: every mention, claim, relation, alias, role and child moves,
/// and this actor stays as a redirect.
#[utoipa::path(
    post,
    path = "/actors/{id}/merge",
    tag = "actors",
    params(("id" = i64, Path, description = "The actor merged away")),
    request_body = MergeBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The actor that stays, as it now is", body = ActorBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No actor has one of the ids", body = ErrorBody),
        (status = 422, description = "The same actor, another situation, or already merged", body = ErrorBody),
    )
)]
async fn merge_actor(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(id): AppPath<ActorId>,
    AppJson(body): AppJson<MergeBody>,
) -> Result<AppJson<ActorBody>, AppError> {
    let reason = body.reason.unwrap_or_else(|| "the same actor".to_string());
    let actor = app::actors::merge_actors(&state.db, &user, id, body.into, &reason).await?;
    Ok(AppJson(actor.into()))
}

/// Split an actor: with no claims, undo the merge that made it a redirect; with claims, move
/// its mentions in them to a new actor.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SplitBody {
    /// The claims whose mentions move to a new actor.
    #[serde(default)]
    pub claims: Vec<ClaimId>,
    /// The new actor's name (with `claims`).
    #[serde(default)]
    pub name: Option<String>,
    /// The new actor's kind (with `claims`); the split actor's when absent.
    #[serde(default)]
    pub kind: Option<ActorKind>,
    /// Why; a plain default when absent.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Undoes a merge (the actor was merged into another and becomes itself again, with what
/// moved), or moves its mentions in chosen claims to a new actor.
#[utoipa::path(
    post,
    path = "/actors/{id}/split",
    tag = "actors",
    params(("id" = i64, Path, description = "The actor to split")),
    request_body = SplitBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The actor the mentions moved to", body = ActorBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No actor or claim has the id", body = ErrorBody),
        (status = 409, description = "The merge was already undone, or the name is taken", body = ErrorBody),
        (status = 422, description = "Nothing to split", body = ErrorBody),
    )
)]
async fn split_actor(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(id): AppPath<ActorId>,
    AppJson(body): AppJson<SplitBody>,
) -> Result<AppJson<ActorBody>, AppError> {
    let split = if body.claims.is_empty() {
        Split::UndoMerge
    } else {
        let kind = match body.kind {
            Some(kind) => kind,
            None => storage::get_actor(&state.db, id).await?.kind,
        };
        Split::ToNewActor {
            name: body.name.unwrap_or_default(),
            kind,
            claims: body.claims,
        }
    };
    let reason = body.reason.unwrap_or_else(|| "split".to_string());
    let actor = app::actors::split_actor(&state.db, &user, id, &split, &reason).await?;
    Ok(AppJson(actor.into()))
}

/// An actor's history.
#[utoipa::path(
    get,
    path = "/actors/{id}/revisions",
    tag = "actors",
    params(("id" = i64, Path, description = "The actor's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The history, oldest first", body = RevisionListBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No actor has this id", body = ErrorBody),
    )
)]
async fn list_actor_revisions(
    State(state): State<AppState>,
    Analyst(_user): Analyst,
    AppPath(id): AppPath<ActorId>,
) -> Result<AppJson<RevisionListBody>, AppError> {
    storage::get_actor(&state.db, id).await?;
    let revisions = storage::revisions_of(&state.db, RevisedEntity::Actor, id.get()).await?;
    Ok(AppJson(RevisionListBody {
        revisions: revisions.into_iter().map(RevisionBody::from).collect(),
    }))
}

/// What a revert changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevertedBody {
    /// What sort of thing.
    pub entity: RevisedEntity,
    /// Its id.
    pub entity_id: i64,
}

/// Reverts one revision: the fields it changed go back to what they were (a new revision);
/// a merge is undone, a split merged again, a dispute withdrawn or stood again.
#[utoipa::path(
    post,
    path = "/revisions/{id}/revert",
    tag = "review",
    params(("id" = i64, Path, description = "The revision's id")),
    request_body = ReasonBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What was changed back", body = RevertedBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No revision has this id", body = ErrorBody),
        (status = 409, description = "A field it changed has changed again since", body = ErrorBody),
        (status = 422, description = "A revision of a kind that cannot be reverted", body = ErrorBody),
    )
)]
async fn revert_revision(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(id): AppPath<RevisionId>,
    AppJson(body): AppJson<ReasonBody>,
) -> Result<AppJson<RevertedBody>, AppError> {
    let reverted =
        app::revert::revert_revision(&state.db, &user, id, body.reason.as_deref().unwrap_or(""))
            .await?;
    Ok(AppJson(RevertedBody {
        entity: reverted.entity,
        entity_id: reverted.entity_id,
    }))
}
