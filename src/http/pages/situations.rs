//! `GET /`: every situation with its counts, and for analysts the form that creates one
//! (`POST /situations`).

use crate::app;
use crate::http::auth::{Analyst, CsrfForm, PageVisit};
use crate::http::{AppError, AppState, PageError};
use crate::storage::{self, NewSituation, SituationSummary};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;
use serde::Deserialize;
use sitrep_templates::view::{LinkView, SituationCardView, SituationFormView, SituationListView};

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

async fn home(
    state: &AppState,
    visit: &PageVisit,
    form: Option<SituationFormView>,
) -> Result<Markup, PageError> {
    let situations = storage::list_situations(&state.db).await?;
    let context = visit.context();
    let view = SituationListView {
        situations: situations.into_iter().map(card).collect(),
        create: context.is_analyst().then(|| form.unwrap_or_default()),
    };
    Ok(sitrep_templates::situations_page(&context, &view))
}

/// The home page.
pub async fn list_situations_page(
    State(state): State<AppState>,
    visit: PageVisit,
) -> Result<Markup, PageError> {
    home(&state, &visit, None).await
}

/// The new-situation form.
#[derive(Debug, Deserialize)]
pub struct SituationForm {
    /// The slug.
    #[serde(default)]
    pub slug: String,
    /// The title.
    #[serde(default)]
    pub title: String,
    /// The summary.
    #[serde(default)]
    pub summary: String,
}

/// `POST /situations`: creates the situation and opens it, or shows the form again with why
/// not (409 for a taken slug, 422 for a bad one).
pub async fn create_situation(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    visit: PageVisit,
    CsrfForm(form): CsrfForm<SituationForm>,
) -> Result<Response, PageError> {
    let new = NewSituation {
        slug: form.slug.trim().to_string(),
        title: form.title.clone(),
        summary: form.summary.clone(),
    };
    match app::situations::create_situation(&state.db, &user, &new).await {
        Ok(created) => Ok(Redirect::to(&situation_href(&created.slug)).into_response()),
        Err(error) => {
            let error = AppError::from(error);
            let status = error.status();
            if !matches!(
                status,
                StatusCode::CONFLICT | StatusCode::UNPROCESSABLE_ENTITY
            ) {
                return Err(error.into());
            }
            let form = SituationFormView {
                slug: form.slug,
                title: form.title,
                summary: form.summary,
                error: Some(error.to_string()),
            };
            let mut response = (status, home(&state, &visit, Some(form)).await?).into_response();
            response
                .extensions_mut()
                .insert(crate::http::error::AppShaped);
            Ok(response)
        }
    }
}
