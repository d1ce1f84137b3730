//! `GET /api/v1/search`: claims and sources that contain every word of a query, ranked best
//! first, with the matching words marked (the JSON twin of `/search`).

use super::claims::ClaimBody;
use crate::app::search::{self as find, Found, Marked};
use crate::domain::{SituationId, SourceId};
use crate::http::auth::CurrentUser;
use crate::http::limits::Expensive;
use crate::http::{AppError, AppJson, AppQuery, AppState, ErrorBody};
use crate::storage::{self, SearchRequest, StorageError, Visibility};
use axum::extract::State;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// How many hits of each kind when no limit is asked for.
pub const DEFAULT_SEARCH_LIMIT: u64 = 20;

/// Routes of this resource.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search))
}

/// What to search for.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    /// The words to find (every one must match; `word*` matches words that start with it).
    /// Anything that is not a letter or a digit only separates words. At most 300 characters.
    #[param(example = "troops withdraw*")]
    pub q: Option<String>,
    /// Only this situation's claims and sources.
    #[param(example = "kazakhstan-2022")]
    pub situation: Option<String>,
    /// How many hits of each kind, 1 to 100; 20 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    /// How many hits of each kind to skip, for later pages.
    #[param(minimum = 0, maximum = 100000)]
    pub offset: Option<u64>,
}

/// A run of text: a matching word, or the text between matches.
#[derive(Debug, Serialize, ToSchema)]
pub struct MarkedBody {
    /// The text, verbatim.
    pub text: String,
    /// Whether it is a word that matches the query.
    pub matched: bool,
}

impl From<Marked> for MarkedBody {
    fn from(marked: Marked) -> Self {
        MarkedBody {
            text: marked.text,
            matched: marked.matched,
        }
    }
}

fn marked(runs: Vec<Marked>) -> Vec<MarkedBody> {
    runs.into_iter().map(MarkedBody::from).collect()
}

/// A claim that matches.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimHitBody {
    /// The claim.
    pub claim: ClaimBody,
    /// Its situation's slug.
    pub situation: String,
    /// Its text cut into runs, the matching words marked.
    pub marked: Vec<MarkedBody>,
    /// How well it matches; higher is better, comparable only within one answer.
    pub score: f64,
}

/// A source that matches.
#[derive(Debug, Serialize, ToSchema)]
pub struct SourceHitBody {
    /// The source's id.
    pub id: SourceId,
    /// Its situation's id.
    pub situation_id: SituationId,
    /// Its situation's slug.
    pub situation: String,
    /// The headline, if any.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// The headline cut into runs, the matching words marked.
    pub title_marked: Vec<MarkedBody>,
    /// A stretch of its text around the first match, the matching words marked.
    pub excerpt: Vec<MarkedBody>,
    /// How well it matches; higher is better.
    pub score: f64,
}

/// What a search found.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchBody {
    /// The words searched for, as understood (lowercase; `*` marks a prefix).
    pub terms: Vec<String>,
    /// Matching claims, best first.
    pub claims: Vec<ClaimHitBody>,
    /// How many claims match in all.
    pub claim_total: u64,
    /// Matching sources, best first.
    pub sources: Vec<SourceHitBody>,
    /// How many sources match in all.
    pub source_total: u64,
}

impl SearchBody {
    fn new(terms: Vec<String>, found: Found) -> Self {
        SearchBody {
            terms,
            claim_total: found.claim_total,
            source_total: found.source_total,
            claims: found
                .claims
                .into_iter()
                .map(|hit| ClaimHitBody {
                    situation: hit.situation_slug,
                    marked: marked(hit.marked),
                    score: hit.score,
                    claim: ClaimBody::from(hit.claim),
                })
                .collect(),
            sources: found
                .sources
                .into_iter()
                .map(|found| SourceHitBody {
                    id: found.hit.id,
                    situation_id: found.hit.situation_id,
                    situation: found.hit.situation_slug,
                    title: found.hit.title,
                    published: found.hit.published,
                    title_marked: marked(found.title),
                    excerpt: marked(found.excerpt),
                    score: found.score,
                })
                .collect(),
        }
    }
}

/// The words of a query as the answer repeats them.
pub(crate) fn term_labels(query: &storage::SearchQuery) -> Vec<String> {
    query
        .terms()
        .iter()
        .map(|t| {
            if t.prefix {
                format!("{}*", t.word)
            } else {
                t.word.clone()
            }
        })
        .collect()
}

/// A query that cannot be searched is the client's mistake: a 400.
pub(crate) fn query_error(error: StorageError) -> AppError {
    match error {
        StorageError::Invalid { message } => AppError::BadRequest(message),
        other => other.into(),
    }
}

/// Which claims a visitor may find: analysts find drafts too, everyone else the published.
pub(crate) fn search_visibility(analyst: bool) -> Visibility {
    if analyst {
        Visibility::Unrejected
    } else {
        crate::http::READER_VISIBILITY
    }
}

/// Searches claims and sources.
#[utoipa::path(
    get,
    path = "/search",
    tag = "search",
    params(SearchParams),
    responses(
        (status = 200, description = "Matching claims and sources, best first", body = SearchBody),
        (status = 400, description = "No words to search for, a query too long, or a bad limit", body = ErrorBody),
        (status = 404, description = "No situation has this slug", body = ErrorBody),
        (status = 429, description = "Too many searches at once or from this address; see Retry-After", body = ErrorBody),
    )
)]
async fn search(
    _permit: Expensive,
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    AppQuery(params): AppQuery<SearchParams>,
) -> Result<AppJson<SearchBody>, AppError> {
    let query = find::parse_query(params.q.as_deref().unwrap_or("")).map_err(query_error)?;
    let limit = params.limit.unwrap_or(DEFAULT_SEARCH_LIMIT);
    if !(1..=storage::MAX_SEARCH_LIMIT).contains(&limit) {
        return Err(AppError::BadRequest(format!(
            "limit must be between 1 and {}, not {limit}",
            storage::MAX_SEARCH_LIMIT
        )));
    }
    let offset = params.offset.unwrap_or(0);
    if offset > 100_000 {
        return Err(AppError::BadRequest(
            "offset must be at most 100000".to_string(),
        ));
    }
    let analyst = user.as_ref().is_some_and(|u| u.is_analyst());
    let situation = params.situation.filter(|s| !s.is_empty());
    let request = SearchRequest {
        query: &query,
        situation: situation.as_deref(),
        visibility: search_visibility(analyst),
        limit,
        offset,
    };
    let found = find::search(&state.db, &request).await?;
    Ok(AppJson(SearchBody::new(term_labels(&query), found)))
}
