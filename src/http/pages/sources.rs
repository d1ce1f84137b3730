//! `GET /sources/{id}`: a source's metadata and verbatim text, its claims' spans marked, the
//! one asked for with `?claim=ID` highlighted (and `#cID` scrolls to any of them).

use super::format::{day_label, timestamp_label};
use super::situations::situation_href;
use super::source_text::{ClaimSpan, text_pieces};
use crate::domain::{ClaimId, ReviewState, SourceId};
use crate::http::auth::PageVisit;
use crate::http::{AppState, PageError, PagePath, PageQuery};
use crate::storage;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sitrep_templates::view::{LinkView, SourceView};

/// The query of the source page.
#[derive(Debug, Deserialize)]
pub struct SourcePageQuery {
    /// The claim to highlight.
    pub claim: Option<ClaimId>,
}

/// Only web addresses become links: anything else (`javascript:`, `data:`) would run or load
/// something the reader did not ask for.
fn safe_link(url: Option<String>) -> Option<String> {
    url.filter(|u| {
        let lower = u.trim_start().to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    })
}

/// The source page.
pub async fn show_source_page(
    State(state): State<AppState>,
    visit: PageVisit,
    PagePath(id): PagePath<SourceId>,
    PageQuery(query): PageQuery<SourcePageQuery>,
) -> Result<Response, PageError> {
    let source = storage::get_source(&state.db, id).await?;
    let claims = storage::claims_of_source(&state.db, id).await?;
    let selected = match query.claim {
        // Usually the claim asked for is one of this source's claims, already read.
        Some(claim_id) => match claims.iter().find(|claim| claim.id == claim_id) {
            Some(claim) => Some(claim.clone()),
            None => {
                // Soft-deleted, in another source, or missing: only a lookup by id tells.
                let claim = storage::get_claim(&state.db, claim_id).await?;
                if claim.source.id != id {
                    // The claim is real but lives in another source: show it there.
                    let href = super::claims::claim_source_href(claim.source.id, claim.id);
                    return Ok(Redirect::to(&href).into_response());
                }
                Some(claim)
            }
        },
        None => None,
    };
    let context = visit.context();
    // A long source is a big page: cut and render it on a blocking thread, not on the async
    // workers that every other request needs.
    let page = tokio::task::spawn_blocking(move || {
        let view = source_view(source, &claims, selected);
        sitrep_templates::source_page(&context, &view)
    })
    .await
    .map_err(crate::http::AppError::internal)?;
    Ok(page.into_response())
}

/// The source page's view model: its metadata, and its text cut around its claims' spans.
fn source_view(
    source: storage::SourceRow,
    claims: &[storage::ClaimRow],
    selected: Option<storage::ClaimRow>,
) -> SourceView {
    let selected_id = selected.as_ref().map(|claim| claim.id);
    // Rejected claims are not marked, unless one is the claim asked for.
    let spans: Vec<ClaimSpan> = claims
        .iter()
        .filter(|claim| {
            claim.review_state != ReviewState::Rejected || Some(claim.id) == selected_id
        })
        .chain(
            selected
                .iter()
                .filter(|s| !claims.iter().any(|c| c.id == s.id)),
        )
        .map(|claim| ClaimSpan {
            id: claim.id,
            start: claim.span.start,
            end: claim.span.end,
        })
        .collect();
    SourceView {
        title: source
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| format!("Source {}", source.id)),
        publisher: source.publisher,
        author: source.author,
        published: source.published.map(day_label),
        url: safe_link(source.url),
        recorded: timestamp_label(source.recorded_at),
        situation: Some(LinkView {
            label: source.situation_title,
            href: situation_href(&source.situation_slug),
        }),
        selected_claim: selected.map(|c| c.text),
        pieces: text_pieces(&source.text, &spans, selected_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_become_links() {
        assert!(safe_link(Some("https://example.org/a".into())).is_some());
        assert!(safe_link(Some("HTTP://example.org".into())).is_some());
        assert!(safe_link(Some("javascript:alert(1)".into())).is_none());
        assert!(safe_link(Some(" data:text/html,x".into())).is_none());
        assert!(safe_link(None).is_none());
    }
}
