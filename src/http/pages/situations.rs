//! `GET /`: every situation with its counts.

use crate::http::{AppState, PageError};
use crate::storage::{self, SituationSummary};
use axum::extract::State;
use maud::Markup;
use sitrep_templates::view::{LinkView, SituationCardView, SituationListView};

/// The href of a situation's page.
pub fn situation_href(slug: &str) -> String {
    format!("/situations/{slug}")
}

fn card(situation: SituationSummary) -> SituationCardView {
    SituationCardView {
        link: LinkView {
            label: situation.title,
            href: situation_href(&situation.slug),
        },
        summary: Some(situation.summary).filter(|s| !s.trim().is_empty()),
        claims: situation.claim_count,
        sources: situation.source_count,
        actors: situation.actor_count,
        updated: Some(super::format::timestamp_label(situation.updated_at)),
    }
}

/// The home page.
pub async fn list_situations_page(State(state): State<AppState>) -> Result<Markup, PageError> {
    let situations = storage::list_situations(&state.db).await?;
    let view = SituationListView {
        situations: situations.into_iter().map(card).collect(),
    };
    Ok(sitrep_templates::situations_page(&view))
}
