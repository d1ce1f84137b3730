//! Small reads the API and the pages share, built on storage's public functions.

use super::AppError;
use super::pages::source_text::ClaimSpan;
use crate::storage::{self, ClaimPageRequest, Database, SituationSummary};

/// The situation with this id. Storage finds situations by slug; a source or claim names its
/// situation by id, so this looks it up among all situations (there are few).
pub async fn situation_by_id(db: &Database, id: i64) -> Result<SituationSummary, AppError> {
    storage::list_situations(db)
        .await?
        .into_iter()
        .find(|situation| situation.id == id)
        .ok_or_else(|| {
            AppError::internal(format!("a record names situation {id}, which is missing"))
        })
}

/// Where each of a source's claims sits in its text (rejected claims left out). Storage lists
/// claims by situation, so this reads the situation's claims page by page and keeps this
/// source's.
pub async fn claim_spans_of_source(
    db: &Database,
    situation_slug: &str,
    source_id: i64,
) -> Result<Vec<ClaimSpan>, AppError> {
    let mut spans = Vec::new();
    let mut request = ClaimPageRequest {
        after: None,
        limit: storage::MAX_PAGE_SIZE,
        include_rejected: false,
    };
    loop {
        let page = storage::claims_page(db, situation_slug, &request).await?;
        spans.extend(
            page.claims
                .iter()
                .filter(|claim| claim.source.id == source_id)
                .map(|claim| ClaimSpan {
                    id: claim.id,
                    start: claim.span.start,
                    end: claim.span.end,
                }),
        );
        match page.next_cursor {
            Some(next) => request.after = Some(next),
            None => return Ok(spans),
        }
    }
}
