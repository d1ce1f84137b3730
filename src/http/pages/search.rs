//! `GET /search?q=...&situation=...&page=N`: claims and sources containing every word of the
//! query, best first, the matching words marked. Without a query, only the form.

use super::claims::claim_source_href;
use super::format::{day_label, when_label};
use super::situations::situation_href;
use crate::app::search::{self as find, Found, Marked};
use crate::http::api::search::{query_error, search_visibility};
use crate::http::auth::PageVisit;
use crate::http::limits::Expensive;
use crate::http::{AppError, AppState, PageError, PageQuery};
use crate::storage::{self, SearchRequest};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sitrep_templates::reader_view::{
    ClaimHitView, MarkedView, SearchView, SituationChoiceView, SourceHitView,
};
use sitrep_templates::view::LinkView;

/// Hits of each kind per page.
pub const HITS_PER_PAGE: u64 = 20;
/// The last page number offered.
const MAX_PAGE: u64 = 500;

/// The query of the search page.
#[derive(Debug, Deserialize)]
pub struct SearchPageQuery {
    /// The words.
    pub q: Option<String>,
    /// A situation's slug; empty or absent for all.
    pub situation: Option<String>,
    /// The page, from 1.
    pub page: Option<u64>,
}

fn marked(runs: Vec<Marked>) -> Vec<MarkedView> {
    runs.into_iter()
        .map(|run| MarkedView {
            text: run.text,
            matched: run.matched,
        })
        .collect()
}

/// The search page's own address for a page of results.
fn page_href(query: &str, situation: Option<&str>, page: u64) -> String {
    let mut pairs: Vec<(&str, String)> = vec![("q", query.to_string())];
    if let Some(situation) = situation {
        pairs.push(("situation", situation.to_string()));
    }
    if page > 1 {
        pairs.push(("page", page.to_string()));
    }
    format!(
        "/search?{}",
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    )
}

/// The search page.
pub async fn show_search_page(
    _permit: Expensive,
    State(state): State<AppState>,
    visit: PageVisit,
    PageQuery(params): PageQuery<SearchPageQuery>,
) -> Result<Response, PageError> {
    let text = params.q.unwrap_or_default();
    let situation = params.situation.filter(|s| !s.is_empty());
    let page = params.page.unwrap_or(1);
    if !(1..=MAX_PAGE).contains(&page) {
        return Err(AppError::BadRequest(format!("page must be between 1 and {MAX_PAGE}")).into());
    }
    let situations = storage::list_situations(&state.db).await?;
    let titles: std::collections::HashMap<String, String> = situations
        .iter()
        .map(|s| (s.slug.clone(), s.title.clone()))
        .collect();
    let mut view = SearchView {
        query: text.clone(),
        situations: situations
            .iter()
            .map(|s| SituationChoiceView {
                slug: s.slug.clone(),
                title: s.title.clone(),
                selected: situation.as_deref() == Some(s.slug.as_str()),
            })
            .collect(),
        ..SearchView::default()
    };
    let context = visit.context();
    if text.trim().is_empty() {
        return Ok(sitrep_templates::reader::search_page(&context, &view).into_response());
    }
    let query = match find::parse_query(&text).map_err(query_error) {
        Ok(query) => query,
        Err(error) => {
            let status = error.status();
            view.error = Some(error.to_string());
            let mut response = (
                status,
                sitrep_templates::reader::search_page(&context, &view),
            )
                .into_response();
            response
                .extensions_mut()
                .insert(crate::http::error::AppShaped);
            return Ok(response);
        }
    };
    let analyst = visit.user.as_ref().is_some_and(|u| u.is_analyst());
    let request = SearchRequest {
        query: &query,
        situation: situation.as_deref(),
        visibility: search_visibility(analyst),
        limit: HITS_PER_PAGE,
        offset: (page - 1) * HITS_PER_PAGE,
    };
    let found: Found = find::search(&state.db, &request).await?;
    let situation_link = |slug: &str| LinkView {
        label: titles
            .get(slug)
            .cloned()
            .unwrap_or_else(|| slug.to_string()),
        href: situation_href(slug),
    };
    view.searched = true;
    view.claim_total = found.claim_total;
    view.source_total = found.source_total;
    view.claims = found
        .claims
        .into_iter()
        .map(|hit| ClaimHitView {
            href: claim_source_href(hit.claim.source.id, hit.claim.id),
            kind: hit.claim.kind.as_str().to_string(),
            review_state: hit.claim.review_state.as_str().to_string(),
            occurred: hit.claim.occurred.as_ref().map(when_label),
            speaker: hit.claim.speaker.as_ref().map(|s| s.name.clone()),
            situation: situation_link(&hit.situation_slug),
            source: hit
                .claim
                .source
                .title
                .clone()
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| format!("Source {}", hit.claim.source.id)),
            marked: marked(hit.marked),
        })
        .collect();
    view.sources = found
        .sources
        .into_iter()
        .map(|found| {
            let mut title = marked(found.title);
            if title.is_empty() {
                title.push(MarkedView {
                    text: format!("Source {}", found.hit.id),
                    matched: false,
                });
            }
            SourceHitView {
                title,
                href: format!("/sources/{}", found.hit.id),
                published: found.hit.published.map(day_label),
                situation: situation_link(&found.hit.situation_slug),
                excerpt: marked(found.excerpt),
            }
        })
        .collect();
    let most = view.claim_total.max(view.source_total);
    let first = (page - 1) * HITS_PER_PAGE;
    if most > 0 {
        view.range = Some(format!(
            "Page {page}: {} claims and {} sources match.",
            view.claim_total, view.source_total
        ));
    }
    if page > 1 {
        view.previous_page = Some(LinkView {
            label: "Better matches".to_string(),
            href: page_href(&text, situation.as_deref(), page - 1),
        });
    }
    if first + HITS_PER_PAGE < most && page < MAX_PAGE {
        view.next_page = Some(LinkView {
            label: "More matches".to_string(),
            href: page_href(&text, situation.as_deref(), page + 1),
        });
    }
    // A search for a situation that does not exist is a 404 through the error above; a search
    // that finds nothing is still a page that answers.
    let status = StatusCode::OK;
    Ok((
        status,
        sitrep_templates::reader::search_page(&context, &view),
    )
        .into_response())
}
