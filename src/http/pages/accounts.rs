//! Signing in and out, and the account page with its API tokens: `GET|POST /login`,
//! `POST /logout`, `GET /account`, `POST /account/tokens`, `POST /account/tokens/{id}/revoke`.

use super::format::timestamp_label;
use crate::app::{UseCaseError, accounts};
use crate::domain::TokenId;
use crate::http::auth::{
    CsrfForm, PageVisit, SESSION_COOKIE, SignedInUser, cleared_session_cookie, over_tls,
    session_cookie,
};
use crate::http::{AppError, AppState, PageError, PagePath, PageQuery};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use maud::Markup;
use serde::Deserialize;
use sitrep_templates::view::{AccountView, LoginView, TokenView};

/// Where to go after signing in: a path on this site, never another site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.starts_with("/login")
                && !path.chars().any(char::is_control) =>
        {
            path.to_string()
        }
        _ => "/".to_string(),
    }
}

/// The query of the sign-in page.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    /// Where to go afterwards.
    pub next: Option<String>,
}

/// `GET /login`.
pub async fn show_login_page(visit: PageVisit, PageQuery(query): PageQuery<LoginQuery>) -> Markup {
    let view = LoginView {
        name: String::new(),
        next: safe_next(query.next.as_deref()),
        error: None,
    };
    sitrep_templates::login_page(&visit.context(), &view)
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    /// Account name.
    #[serde(default)]
    pub name: String,
    /// Password.
    #[serde(default)]
    pub password: String,
    /// Where to go afterwards.
    pub next: Option<String>,
}

/// `POST /login`: signs in and goes on, or shows the form again with why not (401 for a wrong
/// name or password, 429 while the account is locked after repeated failures).
pub async fn sign_in(
    State(state): State<AppState>,
    visit: PageVisit,
    headers: HeaderMap,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<Response, PageError> {
    let next = safe_next(form.next.as_deref());
    match accounts::sign_in(&state.db, form.name.trim(), &form.password).await {
        Ok(signed_in) => {
            let jar = jar.add(session_cookie(signed_in.secret, over_tls(&headers)));
            Ok((jar, Redirect::to(&next)).into_response())
        }
        Err(error @ (UseCaseError::Unauthorized(_) | UseCaseError::Throttled { .. })) => {
            let app_error = AppError::from(error);
            let status = app_error.status();
            let view = LoginView {
                name: form.name,
                next,
                error: Some(app_error.to_string()),
            };
            let mut response = (
                status,
                sitrep_templates::login_page(&visit.context(), &view),
            )
                .into_response();
            if let AppError::TooManyRequests { retry_after, .. } = app_error
                && let Ok(value) = retry_after.to_string().parse()
            {
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, value);
            }
            response
                .extensions_mut()
                .insert(crate::http::error::AppShaped);
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}

/// The sign-out form carries nothing but its token.
#[derive(Debug, Deserialize)]
pub struct EmptyForm {}

/// `POST /logout`: ends the session and goes home.
pub async fn sign_out(
    State(state): State<AppState>,
    jar: CookieJar,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, PageError> {
    if let Some(secret) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string())
        && !secret.is_empty()
    {
        accounts::sign_out(&state.db, &secret).await?;
    }
    let jar = jar.add(cleared_session_cookie());
    Ok((jar, Redirect::to("/")).into_response())
}

/// The account page, with a token just made when there is one.
async fn account_page(
    state: &AppState,
    visit: &PageVisit,
    user: &crate::domain::User,
    new_token: Option<String>,
) -> Result<Markup, PageError> {
    let tokens = accounts::tokens(&state.db, user).await?;
    let view = AccountView {
        name: user.name.clone(),
        role: user.role.as_str().to_string(),
        tokens: tokens
            .into_iter()
            .map(|t| TokenView {
                id: t.id.to_string(),
                label: t.label,
                created: timestamp_label(t.created_at),
                last_used: t.last_used_at.map(timestamp_label),
                revoked: t.revoked_at.map(timestamp_label),
            })
            .collect(),
        new_token,
    };
    Ok(sitrep_templates::account_page(&visit.context(), &view))
}

/// `GET /account`.
pub async fn show_account_page(
    State(state): State<AppState>,
    SignedInUser(user): SignedInUser,
    visit: PageVisit,
) -> Result<Markup, PageError> {
    account_page(&state, &visit, &user, None).await
}

/// The new-token form.
#[derive(Debug, Deserialize)]
pub struct TokenForm {
    /// What the token is for.
    #[serde(default)]
    pub label: String,
}

/// `POST /account/tokens`: makes a token and shows it once.
pub async fn create_token(
    State(state): State<AppState>,
    SignedInUser(user): SignedInUser,
    visit: PageVisit,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> Result<Response, PageError> {
    let token = accounts::create_token(&state.db, &user, &form.label).await?;
    let page = account_page(&state, &visit, &user, Some(token.secret)).await?;
    Ok((StatusCode::CREATED, page).into_response())
}

/// `POST /account/tokens/{id}/revoke`.
pub async fn revoke_token(
    State(state): State<AppState>,
    SignedInUser(user): SignedInUser,
    PagePath(id): PagePath<TokenId>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, PageError> {
    accounts::revoke_token(&state.db, &user, id).await?;
    Ok(Redirect::to("/account").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/situations/x?y=1")), "/situations/x?y=1");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "/login",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
