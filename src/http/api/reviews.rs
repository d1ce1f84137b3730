//! The analyst's desk in the API: adding an article to a situation (`POST
//! /api/v1/situations/{slug}/sources`, JSON or a multipart file upload) or an analyst's note
//! (`POST /api/v1/situations/{slug}/notes`); a source's drafts with their review state and
//! version (`GET /api/v1/sources/{id}/review`); accepting or rejecting every draft still
//! waiting (`POST /api/v1/sources/{id}/review-remaining`); committing a review (`POST
//! /api/v1/sources/{id}/commit`); and a situation's deleted claims (`GET
//! /api/v1/situations/{slug}/deleted`). Writes need an analyst.

use super::actors::{ActorBody, ActorRefBody};
use super::claims::ClaimBody;
use super::time::{IsoDate, WhenBody};
use crate::app::{self, review::NewArticle};
use crate::domain::{
    ActorId, ClaimId, ClaimKind, Polarity, PredictionId, RelationId, ReviewState, SourceId,
    SourceKind, WarningKind,
};
use crate::http::auth::Analyst;
use crate::http::{AppError, AppJson, AppPath, AppState, ErrorBody};
use crate::storage::{self, ClaimRow, Database, RelationRecord};
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{StatusCode, header};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Routes of this resource.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(add_source))
        .routes(routes!(add_note))
        .routes(routes!(get_review))
        .routes(routes!(review_remaining))
        .routes(routes!(commit_review))
        .routes(routes!(list_deleted_claims))
}

/// An article to add, as JSON.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSourceBody {
    /// The article: plain text, HTML or Markdown, stored verbatim.
    pub text: String,
    /// Its headline, when the text does not say it (given, it wins over the text's).
    #[serde(default)]
    pub title: Option<String>,
    /// Its original address.
    #[serde(default)]
    pub url: Option<String>,
    /// Who published it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// When it was published, `YYYY-MM-DD`.
    #[serde(default)]
    pub published: Option<IsoDate>,
}

/// An article to add, as a multipart upload: the file, or a `text` field, with the same
/// optional fields as the JSON form.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct NewSourceUpload {
    /// The article file (text, HTML or Markdown).
    #[schema(value_type = String, format = Binary)]
    file: Option<Vec<u8>>,
    /// Or the text itself.
    text: Option<String>,
    /// Headline.
    title: Option<String>,
    /// Original address.
    url: Option<String>,
    /// Publisher.
    publisher: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    published: Option<String>,
}

/// A prediction draft as the review shows it; its page (`/predictions/{id}`) edits it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PredictionDraftBody {
    /// The prediction's id.
    pub id: PredictionId,
    /// The hedge words ("might").
    pub hedge: Option<String>,
    /// Its probability's point value, 0 to 1.
    pub probability: Option<f64>,
    /// The probability's range, low end.
    pub probability_low: Option<f64>,
    /// And high end.
    pub probability_high: Option<f64>,
    /// When it falls due.
    pub due: Option<WhenBody>,
    /// Its edit version.
    pub version: i64,
}

/// A warning the extractor left on a claim.
#[derive(Debug, Serialize, ToSchema)]
pub struct WarningBody {
    /// What sort.
    pub kind: WarningKind,
    /// What the extractor found odd.
    pub message: String,
    /// First byte of the words concerned.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A claim draft with what the analyst needs to review it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewClaimBody {
    /// The claim (its `version` is the one an edit names).
    #[serde(flatten)]
    pub claim: ClaimBody,
    /// When it was published to readers; `null` while it waits.
    pub published_at: Option<DateTime<Utc>>,
    /// The extractor's warnings on it.
    pub warnings: Vec<WarningBody>,
    /// The prediction it makes, if any.
    pub prediction: Option<PredictionDraftBody>,
    /// Claims marked as disputing it.
    pub disputed_by: Vec<ClaimId>,
}

/// An actor the extraction proposed, with suggestions of existing actors it may be.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposedActorBody {
    /// The actor.
    #[serde(flatten)]
    pub actor: ActorBody,
    /// Existing actors sharing a word of a name or alias with it, best first.
    pub suggestions: Vec<ActorRefBody>,
}

/// A source's review: its drafts in reading order, the actors its extraction proposed, and
/// the relations read from its claims.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewBody {
    /// The source.
    pub source_id: SourceId,
    /// The slug of its situation.
    pub situation: String,
    /// Its headline.
    pub title: Option<String>,
    /// An article or an analyst's note.
    pub kind: SourceKind,
    /// When its review was last committed; `null` while it waits.
    pub committed_at: Option<DateTime<Utc>>,
    /// Whether this request stored it (`false`: the same text was there and this is its
    /// review).
    pub created: bool,
    /// The claims, in reading order.
    pub claims: Vec<ReviewClaimBody>,
    /// Actors the extraction proposed.
    pub actors: Vec<ProposedActorBody>,
    /// Relations read from the claims, with their own review state.
    pub relations: Vec<RelationReviewBody>,
}

/// Reads everything the review of a source shows.
pub(crate) async fn review_of(
    db: &Database,
    source_id: SourceId,
    created: bool,
) -> Result<ReviewBody, AppError> {
    let source = storage::get_source(db, source_id).await?;
    let claims = storage::claims_of_source(db, source_id).await?;
    let warnings = storage::warnings_of_source(db, source_id).await?;
    let predictions = storage::predictions_of_source(db, source_id).await?;
    let disputes = storage::disputes_of(db, source.situation_id).await?;
    let everyone = storage::actors_of(db, source.situation_id).await?;
    let proposed = storage::actors_proposed_by(db, source_id).await?;
    let relations = storage::relations_of_source(db, source_id).await?;
    let names = |id: ActorId| everyone.iter().find(|a| a.id == id).map(|a| a.name.clone());
    Ok(ReviewBody {
        source_id,
        situation: source.situation_slug,
        title: source.title,
        kind: source.kind,
        committed_at: source.committed_at,
        created,
        claims: claims
            .into_iter()
            .map(|claim| {
                let id = claim.id;
                ReviewClaimBody {
                    published_at: claim.published_at,
                    warnings: warnings
                        .iter()
                        .filter(|w| w.claim == Some(id))
                        .map(|w| WarningBody {
                            kind: w.kind,
                            message: w.message.clone(),
                            start: w.span.start,
                            end: w.span.end,
                        })
                        .collect(),
                    prediction: predictions
                        .iter()
                        .find(|p| p.prediction.claim == id)
                        .map(|p| PredictionDraftBody {
                            id: p.prediction.id,
                            hedge: p.prediction.hedge.clone(),
                            probability: p.prediction.probability.map(|p| p.point),
                            probability_low: p.prediction.probability.map(|p| p.low),
                            probability_high: p.prediction.probability.map(|p| p.high),
                            due: p.prediction.due.as_ref().map(WhenBody::from),
                            version: p.prediction.version,
                        }),
                    disputed_by: disputes
                        .iter()
                        .filter(|d| d.claim == id || d.other_claim == id)
                        .map(|d| d.counterpart(id))
                        .collect(),
                    claim: ClaimBody::from(claim),
                }
            })
            .collect(),
        actors: proposed
            .iter()
            .map(|actor| ProposedActorBody {
                suggestions: app::actors::link_suggestions(actor, &everyone)
                    .into_iter()
                    .take(5)
                    .map(|a| ActorRefBody {
                        id: a.id,
                        name: a.name.clone(),
                    })
                    .collect(),
                actor: ActorBody::from(actor.clone()),
            })
            .collect(),
        relations: relations
            .into_iter()
            .map(|r| RelationReviewBody::new(r, &names))
            .collect(),
    })
}

/// What the handler read from either form of the request.
struct Submitted {
    text: String,
    file_name: Option<String>,
    title: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    published: Option<IsoDate>,
}

async fn read_submission(request: Request, state: &AppState) -> Result<Submitted, AppError> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        let mut multipart = Multipart::from_request(request, state)
            .await
            .map_err(|e| AppError::from_rejection(e.status(), e.body_text()))?;
        let mut submitted = Submitted {
            text: String::new(),
            file_name: None,
            title: None,
            url: None,
            publisher: None,
            published: None,
        };
        let mut file: Option<Vec<u8>> = None;
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| AppError::from_rejection(e.status(), e.body_text()))?
        {
            let name = field.name().unwrap_or("").to_string();
            let file_name = field.file_name().map(str::to_string);
            let bytes = field
                .bytes()
                .await
                .map_err(|e| AppError::from_rejection(e.status(), e.body_text()))?;
            let text = || {
                String::from_utf8(bytes.to_vec()).map_err(|_| {
                    AppError::Unprocessable(format!("the field {name} is not UTF-8 text"))
                })
            };
            let optional = |s: String| Some(s).filter(|s| !s.trim().is_empty());
            match name.as_str() {
                "file" => {
                    submitted.file_name = file_name;
                    file = Some(bytes.to_vec());
                }
                "text" => submitted.text = text()?,
                "title" => submitted.title = optional(text()?),
                "url" => submitted.url = optional(text()?),
                "publisher" => submitted.publisher = optional(text()?),
                "published" => {
                    submitted.published = optional(text()?)
                        .map(|d| IsoDate::parse(d.trim()))
                        .transpose()
                        .map_err(AppError::Unprocessable)?
                }
                "csrf_token" => {}
                other => {
                    return Err(AppError::Unprocessable(format!(
                        "unknown field {other:?}; expected file, text, title, url, publisher, \
                         published"
                    )));
                }
            }
        }
        if let Some(bytes) = file.filter(|b| !b.is_empty()) {
            let text = crate::extract::validate_text(&bytes)
                .map_err(|e| AppError::Unprocessable(e.to_string()))?;
            submitted.text = text.to_string();
        }
        Ok(submitted)
    } else {
        let AppJson(body) = AppJson::<NewSourceBody>::from_request(request, state).await?;
        Ok(Submitted {
            text: body.text,
            file_name: None,
            title: body.title,
            url: body.url,
            publisher: body.publisher,
            published: body.published,
        })
    }
}

/// Adds an article to a situation for review, extracted into drafts; 201 with its review. The
/// same text sent again answers 200 with the review stored before.
#[utoipa::path(
    post,
    path = "/situations/{slug}/sources",
    tag = "review",
    params(("slug" = String, Path, description = "The situation's slug")),
    request_body(content(
        (NewSourceBody = "application/json"),
        (NewSourceUpload = "multipart/form-data"),
    )),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Stored; its drafts wait for review", body = ReviewBody),
        (status = 200, description = "The same text was stored before; its review", body = ReviewBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No situation has this slug", body = ErrorBody),
        (status = 422, description = "Empty, binary, or a bad field", body = ErrorBody),
    )
)]
async fn add_source(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(slug): AppPath<String>,
    request: Request,
) -> Result<(StatusCode, AppJson<ReviewBody>), AppError> {
    let submitted = read_submission(request, &state).await?;
    let added = app::review::add_article(
        &state.db,
        &user,
        NewArticle {
            situation: &slug,
            text: &submitted.text,
            file_name: submitted.file_name.as_deref(),
            title: submitted.title.as_deref(),
            url: submitted.url.as_deref(),
            publisher: submitted.publisher.as_deref(),
            published: submitted.published.map(|d| d.0),
        },
    )
    .await?;
    let status = if added.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let review = review_of(&state.db, added.source_id, added.created).await?;
    Ok((status, AppJson(review)))
}

/// An analyst's own dated observation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNoteBody {
    /// What was observed.
    pub text: String,
    /// When it happened, as typed: "12 Jan 2022", "January 2022", "evening of 12 Jan 2022".
    pub occurred: String,
    /// What sort of claim it is; `event` when absent.
    #[serde(default)]
    pub kind: Option<ClaimKind>,
    /// The actors it concerns.
    #[serde(default)]
    pub actors: Vec<ActorId>,
}

/// Adds an analyst's note: a source of kind `analyst_note` with the analyst as author, whose
/// one claim is published at once. 201 with its review (200 for the same text again).
#[utoipa::path(
    post,
    path = "/situations/{slug}/notes",
    tag = "review",
    params(("slug" = String, Path, description = "The situation's slug")),
    request_body = NewNoteBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The note, stored and published", body = ReviewBody),
        (status = 200, description = "The same note was stored before", body = ReviewBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No situation has this slug", body = ErrorBody),
        (status = 422, description = "An empty note, a date that cannot be read, an unknown actor", body = ErrorBody),
    )
)]
async fn add_note(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(slug): AppPath<String>,
    AppJson(body): AppJson<NewNoteBody>,
) -> Result<(StatusCode, AppJson<ReviewBody>), AppError> {
    let occurred = app::claims::read_typed_date(&body.occurred, storage::now().date_naive())?;
    let added = app::review::add_note(
        &state.db,
        &user,
        &app::review::NewNote {
            situation: &slug,
            text: &body.text,
            occurred,
            kind: body.kind.unwrap_or(ClaimKind::Event),
            actors: body.actors,
        },
    )
    .await?;
    let status = if added.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        AppJson(review_of(&state.db, added.source_id, added.created).await?),
    ))
}

/// A source's drafts with their review state and version, the actors its extraction proposed
/// and the relations read from it.
#[utoipa::path(
    get,
    path = "/sources/{id}/review",
    tag = "review",
    params(("id" = i64, Path, description = "The source's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The review", body = ReviewBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No source has this id", body = ErrorBody),
    )
)]
async fn get_review(
    State(state): State<AppState>,
    Analyst(_user): Analyst,
    AppPath(id): AppPath<SourceId>,
) -> Result<AppJson<ReviewBody>, AppError> {
    Ok(AppJson(review_of(&state.db, id, false).await?))
}

/// Accept or reject every draft still waiting.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRemainingBody {
    /// `accepted` or `rejected`.
    pub review_state: ReviewState,
    /// Why (kept with each claim's revision).
    pub reason: String,
}

/// How many claims a bulk review changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewedBody {
    /// Claims changed.
    pub changed: usize,
}

/// Accepts or rejects every claim of the source still waiting for review.
#[utoipa::path(
    post,
    path = "/sources/{id}/review-remaining",
    tag = "review",
    params(("id" = i64, Path, description = "The source's id")),
    request_body = ReviewRemainingBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "How many changed", body = ReviewedBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No source has this id", body = ErrorBody),
        (status = 422, description = "A state that is no review, or no reason", body = ErrorBody),
    )
)]
async fn review_remaining(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(id): AppPath<SourceId>,
    AppJson(body): AppJson<ReviewRemainingBody>,
) -> Result<AppJson<ReviewedBody>, AppError> {
    let changed =
        app::review::review_remaining(&state.db, &user, id, body.review_state, &body.reason)
            .await?;
    Ok(AppJson(ReviewedBody { changed }))
}

/// Commit a source's review.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitBody {
    /// Accept the drafts still waiting before publishing; `false` when absent.
    #[serde(default)]
    pub accept_pending: bool,
    /// Why; "committed the review" when absent.
    #[serde(default)]
    pub reason: Option<String>,
}

/// What a commit did.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommitOutcomeBody {
    /// Drafts accepted by the commit.
    pub accepted: usize,
    /// Claims published now.
    pub published: usize,
    /// Relations that followed their claims.
    pub relations: usize,
    /// Proposed actors accepted because accepted claims name them.
    pub actors: usize,
    /// Drafts still waiting.
    pub still_drafts: usize,
}

/// Publishes the source's accepted drafts to readers in one transaction (with
/// `accept_pending`, the drafts still waiting are accepted first).
#[utoipa::path(
    post,
    path = "/sources/{id}/commit",
    tag = "review",
    params(("id" = i64, Path, description = "The source's id")),
    request_body = CommitBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What was published", body = CommitOutcomeBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No source has this id", body = ErrorBody),
    )
)]
async fn commit_review(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    AppPath(id): AppPath<SourceId>,
    AppJson(body): AppJson<CommitBody>,
) -> Result<AppJson<CommitOutcomeBody>, AppError> {
    let reason = body
        .reason
        .filter(|r| !r.trim().is_empty())
        .unwrap_or_else(|| "committed the review".to_string());
    let outcome =
        app::review::commit_review(&state.db, &user, id, body.accept_pending, &reason).await?;
    Ok(AppJson(CommitOutcomeBody {
        accepted: outcome.accepted,
        published: outcome.published,
        relations: outcome.relations,
        actors: outcome.actors,
        still_drafts: outcome.still_drafts,
    }))
}

/// A deleted claim.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeletedClaimBody {
    /// The claim.
    #[serde(flatten)]
    pub claim: ClaimBody,
    /// When it was deleted.
    pub deleted_at: Option<DateTime<Utc>>,
}

/// A situation's deleted claims.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeletedListBody {
    /// Most recently deleted first.
    pub claims: Vec<DeletedClaimBody>,
}

/// Lists a situation's soft-deleted claims (each can be restored).
#[utoipa::path(
    get,
    path = "/situations/{slug}/deleted",
    tag = "review",
    params(("slug" = String, Path, description = "The situation's slug")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The deleted claims", body = DeletedListBody),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 403, description = "The account is a reader", body = ErrorBody),
        (status = 404, description = "No situation has this slug", body = ErrorBody),
    )
)]
async fn list_deleted_claims(
    State(state): State<AppState>,
    Analyst(_user): Analyst,
    AppPath(slug): AppPath<String>,
) -> Result<AppJson<DeletedListBody>, AppError> {
    let situation = storage::situation_id(&state.db, &slug).await?;
    let claims = storage::deleted_claims(&state.db, situation).await?;
    Ok(AppJson(DeletedListBody {
        claims: claims
            .into_iter()
            .map(|c: ClaimRow| DeletedClaimBody {
                deleted_at: c.deleted_at,
                claim: ClaimBody::from(c),
            })
            .collect(),
    }))
}

/// A relation draft read from a claim, with its own review state.
#[derive(Debug, Serialize, ToSchema)]
pub struct RelationReviewBody {
    /// The relation's id.
    pub id: RelationId,
    /// The claim it was read from.
    pub claim: Option<ClaimId>,
    /// The acting actor.
    pub source: ActorRefBody,
    /// The actor acted upon.
    pub target: ActorRefBody,
    /// The lexicon's name for it.
    pub kind: String,
    /// Its sign.
    pub polarity: Polarity,
    /// Draft, accepted or rejected: a draft follows its claim on commit.
    pub review_state: ReviewState,
    /// Its edit version.
    pub version: i64,
}

impl RelationReviewBody {
    fn new(record: RelationRecord, names: &impl Fn(ActorId) -> Option<String>) -> Self {
        let r = record.relation;
        let actor = |id: ActorId| ActorRefBody {
            id,
            name: names(id).unwrap_or_else(|| format!("actor {id}")),
        };
        RelationReviewBody {
            id: r.id,
            claim: r.claim,
            source: actor(r.source),
            target: actor(r.target),
            kind: r.kind,
            polarity: r.polarity,
            review_state: r.review_state,
            version: r.version,
        }
    }
}
