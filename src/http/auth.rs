//! Who is asking, and may they: the session cookie of a signed-in browser, bearer tokens for
//! the API, the anti-forgery token every form carries, and the extractors handlers use:
//! [`CurrentUser`] (anyone, maybe signed in), [`Analyst`] (must be an analyst: 401 for
//! anonymous callers, 403 for readers), [`CsrfForm`] (a form whose token matched) and
//! [`PageVisit`] (what a page needs to draw its header and forms).
//!
//! Cookies: `sitrep_session` (the session's secret; HttpOnly, SameSite=Lax, Secure when the
//! request came over TLS) and `sitrep_csrf` (a random token; HttpOnly, SameSite=Strict). A form
//! is accepted only when its `csrf_token` field equals the cookie (double submit: another site
//! can make a browser post a form, but cannot read or set this site's cookie). API writes
//! authenticate with `Authorization: Bearer TOKEN`; a session cookie counts on the API for
//! writes only with an `X-CSRF-Token` header equal to the cookie.

use super::AppState;
use super::error::{AppError, PageError, is_api_path};
use crate::app::accounts;
use crate::domain::User;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::de::DeserializeOwned;
use sitrep_templates::view::{PageContext, SignedInView};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "sitrep_session";
/// The anti-forgery cookie's name.
pub const CSRF_COOKIE: &str = "sitrep_csrf";
/// The form field that carries the anti-forgery token.
pub const CSRF_FIELD: &str = "csrf_token";
/// The header that carries it for scripts using a session on the API.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The anti-forgery token of this visit (from its cookie, or new), put in the request's
/// extensions by [`csrf_cookie`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrfToken(pub String);

/// Middleware: makes sure every visit has an anti-forgery token, setting the cookie on the
/// response when the request came without one.
pub async fn csrf_cookie(mut request: Request, next: Next) -> Response {
    let jar = CookieJar::from_headers(request.headers());
    let existing = jar
        .get(CSRF_COOKIE)
        .map(|c| c.value().to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()));
    let (token, fresh) = match existing {
        Some(token) => (token, false),
        None => (accounts::new_csrf_token(), true),
    };
    let secure = over_tls(request.headers());
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if fresh {
        let cookie = Cookie::build((CSRF_COOKIE, token))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(secure)
            .build();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// Whether the request reached us over TLS (through a proxy that says so).
pub fn over_tls(headers: &HeaderMap) -> bool {
    let forwarded_proto = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
    let forwarded = headers
        .get(header::FORWARDED)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("proto=https"));
    forwarded_proto || forwarded
}

/// The session cookie for a browser that just signed in.
pub fn session_cookie(secret: String, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, secret))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(time_span(accounts::SESSION_LIFETIME))
        .build()
}

/// The cookie that clears the session cookie.
pub fn cleared_session_cookie() -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, ""))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::ZERO)
        .build()
}

fn time_span(span: chrono::Duration) -> cookie::time::Duration {
    cookie::time::Duration::seconds(span.num_seconds())
}

/// Compares two tokens in time that does not depend on where they differ.
pub(crate) fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The visit's anti-forgery token.
fn csrf_of(parts: &Parts) -> String {
    parts
        .extensions
        .get::<CsrfToken>()
        .map(|t| t.0.clone())
        .unwrap_or_default()
}

/// Whether the request is aimed at the API. Nested routers see their path with the prefix
/// taken off, so the original one is asked for.
fn is_api_request(parts: &Parts) -> bool {
    let path = parts
        .extensions
        .get::<axum::extract::OriginalUri>()
        .map_or_else(|| parts.uri.path(), |original| original.0.path());
    is_api_path(path)
}

/// An error in the shape of the part of the site the request was aimed at.
fn reject(parts: &Parts, error: AppError) -> Response {
    if is_api_request(parts) {
        error.into_response()
    } else {
        PageError(error).into_response()
    }
}

/// The account making the request, if any: from a bearer token (a token that is not valid is
/// a 401, not anonymity), else from the session cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentUser(pub Option<User>);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(found) = parts.extensions.get::<CurrentUser>() {
            return Ok(found.clone());
        }
        let user = identify(parts, state).await.map_err(|e| reject(parts, e))?;
        let current = CurrentUser(user);
        parts.extensions.insert(current.clone());
        Ok(current)
    }
}

async fn identify(parts: &Parts, state: &AppState) -> Result<Option<User>, AppError> {
    if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .ok_or_else(|| {
                AppError::Unauthorized(
                    "the Authorization header must be \"Bearer TOKEN\"".to_string(),
                )
            })?;
        return match accounts::token_user(&state.db, token).await? {
            Some(user) => Ok(Some(user)),
            None => Err(AppError::Unauthorized(
                "the bearer token is not valid (mistyped, or revoked)".to_string(),
            )),
        };
    }
    let jar = CookieJar::from_headers(&parts.headers);
    let Some(secret) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()) else {
        return Ok(None);
    };
    if secret.is_empty() {
        return Ok(None);
    }
    // A cookie rides along on any request the browser makes, so on the API it counts for a
    // write only with the anti-forgery header, which another site cannot set.
    let unsafe_method = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    if is_api_request(parts) && unsafe_method {
        let header_token = parts
            .headers
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let cookie_token = jar.get(CSRF_COOKIE).map(|c| c.value()).unwrap_or("");
        if cookie_token.is_empty() || !same_token(header_token, cookie_token) {
            return Ok(None);
        }
    }
    Ok(accounts::session_user(&state.db, &secret).await?)
}

/// An analyst making the request. Anonymous callers get 401, readers 403.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analyst(pub User);

impl FromRequestParts<AppState> for Analyst {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        match user {
            None => Err(reject(
                parts,
                AppError::Unauthorized(
                    "sign in as an analyst (or send an analyst's API token) to do this".to_string(),
                ),
            )),
            Some(user) if !user.is_analyst() => Err(reject(
                parts,
                AppError::Forbidden(format!(
                    "{} is a reader; only analysts can change the record",
                    user.name
                )),
            )),
            Some(user) => Ok(Analyst(user)),
        }
    }
}

/// A signed-in account, analyst or reader. Anonymous callers get 401.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedInUser(pub User);

impl FromRequestParts<AppState> for SignedInUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match CurrentUser::from_request_parts(parts, state).await?.0 {
            Some(user) => Ok(SignedInUser(user)),
            None => Err(reject(
                parts,
                AppError::Unauthorized("sign in to see this page".to_string()),
            )),
        }
    }
}

/// What a page needs to know about the visit: who is signed in and the form token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageVisit {
    /// The signed-in account, if any.
    pub user: Option<User>,
    /// The visit's anti-forgery token.
    pub csrf_token: String,
    /// The path asked for.
    pub path: String,
}

impl PageVisit {
    /// The templates' view of the visit.
    pub fn context(&self) -> PageContext {
        PageContext {
            user: self.user.as_ref().map(|u| SignedInView {
                name: u.name.clone(),
                role: u.role.as_str().to_string(),
                analyst: u.is_analyst(),
            }),
            csrf_token: self.csrf_token.clone(),
            path: self.path.clone(),
        }
    }
}

impl FromRequestParts<AppState> for PageVisit {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        Ok(PageVisit {
            user,
            csrf_token: csrf_of(parts),
            path: parts
                .uri
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_else(|| parts.uri.path().to_string()),
        })
    }
}

/// A URL-encoded form whose `csrf_token` field matched the visit's anti-forgery cookie; `T`
/// is the rest of the form (its fields should be strings: a browser sends nothing else).
/// A form without the token, or with another, is refused with 403 before `T` is read.
#[derive(Debug, Clone)]
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let expected = csrf_of(&parts);
        let has_cookie = CookieJar::from_headers(&parts.headers)
            .get(CSRF_COOKIE)
            .is_some();
        let request = Request::from_parts(parts.clone(), body);
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|e| reject(&parts, AppError::from_rejection(e.status(), e.body_text())))?;
        let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
            .map_err(|e| reject(&parts, AppError::BadRequest(format!("malformed form: {e}"))))?;
        let given = fields
            .iter()
            .find(|(name, _)| name == CSRF_FIELD)
            .map(|(_, value)| value.as_str())
            .unwrap_or("");
        if !has_cookie || expected.is_empty() || !same_token(given, &expected) {
            return Err(reject(
                &parts,
                AppError::Forbidden(
                    "this form has expired or did not come from this site; reload the page \
                     and try again"
                        .to_string(),
                ),
            ));
        }
        let value = serde_urlencoded::from_bytes::<T>(&bytes)
            .map_err(|e| reject(&parts, AppError::Unprocessable(format!("the form: {e}"))))?;
        Ok(CsrfForm(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("abc", "abcd"));
        assert!(!same_token("", "a"));
    }

    #[test]
    fn tls_is_read_from_the_proxy() {
        let mut headers = HeaderMap::new();
        assert!(!over_tls(&headers));
        headers.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert!(over_tls(&headers));
    }

    #[test]
    fn the_session_cookie_is_http_only_and_lax() {
        let cookie = session_cookie("s3cret".to_string(), true).to_string();
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(cookie.contains("Secure"), "{cookie}");
    }
}
