//! `GET /api/v1/situations/{slug}/claims`: a situation's claims in chronological order (by when
//! they occurred, undated last), a keyset page at a time. Each claim carries its three clocks,
//! speaker, actors, source and byte span.

use super::actors::ActorRefBody;
use super::sources::SpanBody;
use super::time::WhenBody;
use crate::domain::{
    ActorId, ActorKind, ClaimId, ClaimKind, MentionRole, Modality, ObservationId, ReviewState,
    SourceId,
};
use crate::http::auth::CurrentUser;
use crate::http::{AppError, AppJson, AppPath, AppQuery, AppState, ErrorBody};
use crate::storage::{self, ClaimActorRow, ClaimPageRequest, ClaimRow, SourceRef, StorageError};
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Routes of this resource.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_claims))
}

/// Which page of claims to return.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ClaimsQuery {
    /// How many claims at most, 1 to 500; 50 when absent.
    #[param(minimum = 1, maximum = 500, example = 50)]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page; absent for the first page.
    pub cursor: Option<String>,
    /// Whether to include drafts and claims an analyst rejected (analysts only; readers always
    /// see the published claims); `false` when absent.
    pub include_rejected: Option<bool>,
}

/// An actor's part in a claim.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimActorBody {
    /// The actor's id.
    pub id: ActorId,
    /// Its canonical name.
    pub name: String,
    /// What sort of actor it is.
    pub kind: ActorKind,
    /// The part it plays: speaker, subject, object or mentioned.
    pub role: MentionRole,
    /// Where the claim names it: first byte in the source text, when known.
    pub start: Option<usize>,
    /// One past the last byte of that mention.
    pub end: Option<usize>,
}

impl From<ClaimActorRow> for ClaimActorBody {
    fn from(actor: ClaimActorRow) -> Self {
        ClaimActorBody {
            id: actor.id,
            name: actor.name,
            kind: actor.kind,
            role: actor.role,
            start: actor.span.map(|s| s.start),
            end: actor.span.map(|s| s.end),
        }
    }
}

/// The source a claim was read from.
#[derive(Debug, Serialize, ToSchema)]
pub struct SourceRefBody {
    /// The source's id (`GET /api/v1/sources/{id}` has its text).
    pub id: SourceId,
    /// Its headline, when known.
    pub title: Option<String>,
}

impl From<SourceRef> for SourceRefBody {
    fn from(source: SourceRef) -> Self {
        SourceRefBody {
            id: source.id,
            title: source.title,
        }
    }
}

/// A claim with its three clocks, speaker, actors and exact place in its source.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimBody {
    /// The claim's id.
    pub id: ClaimId,
    /// Statement, event, assessment or prediction.
    pub kind: ClaimKind,
    /// Asserted, reported, denied or hypothetical.
    pub modality: Modality,
    /// Draft, accepted or rejected.
    pub review_state: ReviewState,
    /// The clause, verbatim from the source.
    pub text: String,
    /// First clock: the time the claim is about, at its own precision; `null` when the text
    /// gives none.
    pub occurred: Option<WhenBody>,
    /// Second clock: when it was reported (its section's or its source's date).
    pub reported: Option<WhenBody>,
    /// Third clock: when Sitrep recorded it (UTC).
    pub recorded_at: DateTime<Utc>,
    /// Who said it; `null` for the author's own voice.
    pub speaker: Option<ActorRefBody>,
    /// Every actor involved, with its part and where it is named.
    pub actors: Vec<ClaimActorBody>,
    /// The source it was read from.
    pub source: SourceRefBody,
    /// The claim's bytes in the source text.
    pub span: SpanBody,
    /// The dated section of the source it belongs to.
    pub observation_id: Option<ObservationId>,
    /// Its edit version; an edit must name the version it was made from.
    pub version: i64,
}

impl From<ClaimRow> for ClaimBody {
    fn from(claim: ClaimRow) -> Self {
        ClaimBody {
            id: claim.id,
            kind: claim.kind,
            modality: claim.modality,
            review_state: claim.review_state,
            text: claim.text,
            occurred: claim.occurred.as_ref().map(WhenBody::from),
            reported: claim.reported.as_ref().map(WhenBody::from),
            recorded_at: claim.recorded_at,
            speaker: claim.speaker.map(ActorRefBody::from),
            actors: claim.actors.into_iter().map(ClaimActorBody::from).collect(),
            source: claim.source.into(),
            span: SpanBody {
                start: claim.span.start,
                end: claim.span.end,
            },
            observation_id: claim.observation_id,
            version: claim.version,
        }
    }
}

/// One page of claims.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimPageBody {
    /// The claims, by when they occurred (earliest bound), undated last, then by id.
    pub claims: Vec<ClaimBody>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Checks the query and turns it into storage's page request.
pub(crate) fn page_request(
    query: ClaimsQuery,
    analyst: bool,
) -> Result<ClaimPageRequest, AppError> {
    let limit = query.limit.unwrap_or(storage::DEFAULT_PAGE_SIZE);
    if !(1..=storage::MAX_PAGE_SIZE).contains(&limit) {
        return Err(AppError::BadRequest(format!(
            "limit must be between 1 and {}, not {limit}",
            storage::MAX_PAGE_SIZE
        )));
    }
    Ok(ClaimPageRequest {
        after: query.cursor.filter(|c| !c.is_empty()),
        limit,
        visibility: if analyst && query.include_rejected.unwrap_or(false) {
            storage::Visibility::All
        } else {
            crate::http::READER_VISIBILITY
        },
    })
}

/// A cursor storage cannot read is the client's mistake: a 400, not a 422.
pub(crate) fn cursor_error(error: StorageError) -> AppError {
    match error {
        StorageError::Invalid { message } => AppError::BadRequest(message),
        other => other.into(),
    }
}

/// Lists a situation's claims, a page at a time, in chronological order.
#[utoipa::path(
    get,
    path = "/situations/{slug}/claims",
    tag = "claims",
    params(
        ("slug" = String, Path, description = "The situation's slug", example = "kazakhstan-2022"),
        ClaimsQuery,
    ),
    responses(
        (status = 200, description = "A page of claims", body = ClaimPageBody),
        (status = 400, description = "A bad limit or a cursor this server did not make", body = ErrorBody),
        (status = 404, description = "No situation has this slug", body = ErrorBody),
    )
)]
async fn list_claims(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    AppPath(slug): AppPath<String>,
    AppQuery(query): AppQuery<ClaimsQuery>,
) -> Result<AppJson<ClaimPageBody>, AppError> {
    let analyst = user.as_ref().is_some_and(|u| u.is_analyst());
    let request = page_request(query, analyst)?;
    let page = storage::claims_page(&state.db, &slug, &request)
        .await
        .map_err(cursor_error)?;
    Ok(AppJson(ClaimPageBody {
        claims: page.claims.into_iter().map(ClaimBody::from).collect(),
        next_cursor: page.next_cursor,
    }))
}
