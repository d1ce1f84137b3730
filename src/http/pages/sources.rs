//! `GET /sources/{id}`: a source's metadata and verbatim text, its claims' spans marked, the
//! one asked for with `?claim=ID` highlighted (and `#cID` scrolls to any of them).

use super::format::when_label;
use super::format::{day_label, timestamp_label};
use super::lanes::actor_href;
use super::situations::situation_href;
use super::source_text::{ClaimSpan, InlineMark, text_pieces_with_marks};
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

/// The actor names and the dates to mark in a source: each shown claim's actor mentions, the
/// words its date was read from (found inside the claim's own span), and each dated section's
/// heading.
fn inline_marks<'a>(
    text: &str,
    claims: impl Iterator<Item = &'a storage::ClaimRow>,
    observations: &[storage::ObservationRow],
) -> Vec<InlineMark> {
    let mut marks = Vec::new();
    for claim in claims {
        for actor in &claim.actors {
            if let Some(span) = actor.span {
                marks.push(InlineMark {
                    start: span.start,
                    end: span.end,
                    kind: "actor",
                    title: format!(
                        "{}, {} ({})",
                        actor.name,
                        actor.kind.as_str(),
                        actor.role.as_str()
                    ),
                    href: Some(actor_href(actor.id)),
                });
            }
        }
        let Some(when) = &claim.occurred else {
            continue;
        };
        let Some(words) = when.words().filter(|w| !w.trim().is_empty()) else {
            continue;
        };
        let Some(sentence) = text.get(claim.span.start..claim.span.end) else {
            continue;
        };
        if let Some(at) = find_ignoring_case(sentence, words) {
            marks.push(InlineMark {
                start: claim.span.start + at,
                end: claim.span.start + at + words.len(),
                kind: "date",
                title: format!(
                    "{} (precision: {})",
                    when_label(when),
                    when.precision().as_str().replace('_', " ")
                ),
                href: None,
            });
        }
    }
    for observation in observations {
        let Some(date) = &observation.date else {
            continue;
        };
        let start = observation.span.start;
        let heading = observation.heading.trim();
        if heading.is_empty() {
            continue;
        }
        if let Some(at) = text
            .get(start..observation.span.end)
            .and_then(|t| t.find(heading))
        {
            marks.push(InlineMark {
                start: start + at,
                end: start + at + heading.len(),
                kind: "date",
                title: format!("Section dated {}", when_label(date)),
                href: None,
            });
        }
    }
    marks
}

/// Where `needle` first occurs in `haystack`, ASCII case ignored (byte offset).
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len()).find(|&i| {
        haystack.is_char_boundary(i)
            && haystack
                .get(i..i + needle.len())
                .is_some_and(|window| window.eq_ignore_ascii_case(needle))
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
    let analyst = visit.user.as_ref().is_some_and(|u| u.is_analyst());
    // A long source is a big page: cut and render it on a blocking thread, not on the async
    // workers that every other request needs.
    let page = tokio::task::spawn_blocking(move || {
        let view = source_view(source, &claims, selected, analyst);
        sitrep_templates::source_page(&context, &view)
    })
    .await
    .map_err(crate::http::AppError::internal)?;
    Ok(page.into_response())
}

/// The source page's view model: its metadata, and its text cut around its claims' spans, with
/// the claims a visitor may see (readers: published; analysts: all but rejected) marked.
fn source_view(
    source: storage::SourceRow,
    claims: &[storage::ClaimRow],
    selected: Option<storage::ClaimRow>,
    analyst: bool,
) -> SourceView {
    let selected_id = selected.as_ref().map(|claim| claim.id);
    // Readers see the published claims marked, analysts every claim not rejected; the claim
    // asked for is marked whatever its state.
    let shown = |claim: &&storage::ClaimRow| {
        Some(claim.id) == selected_id
            || if analyst {
                claim.review_state != ReviewState::Rejected
            } else {
                claim.review_state == ReviewState::Accepted && claim.published_at.is_some()
            }
    };
    let marks = inline_marks(
        &source.text,
        claims.iter().filter(shown),
        &source.observations,
    );
    let spans: Vec<ClaimSpan> = claims
        .iter()
        .filter(shown)
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
        pieces: text_pieces_with_marks(&source.text, &spans, selected_id, &marks),
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
