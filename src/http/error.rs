//! How the web layer fails: [`AppError`] (JSON `{"error": "snake_case_code", "message": "..."}`
//! for the API), [`PageError`] (the same errors as an HTML page), extractors whose rejections
//! come back in those shapes, and the middleware that gives the app's shape to the bare error
//! responses lower layers produce (body limit, timeout, panic, wrong method).

use crate::app::UseCaseError;
use crate::storage::StorageError;
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sitrep_templates::view::ErrorView;
use std::error::Error as StdError;

/// A boxed error kept as the hidden cause of an internal error.
pub type Cause = Box<dyn StdError + Send + Sync + 'static>;

/// Everything a request can fail with. Client errors carry a message that is safe to show;
/// internal errors carry a cause that is logged and never shown.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The thing asked for does not exist (404).
    #[error("{0}")]
    NotFound(String),
    /// The request contradicts what is stored, such as a duplicate (409).
    #[error("{0}")]
    Conflict(String),
    /// The request is malformed: bad syntax, bad query, bad cursor (400).
    #[error("{0}")]
    BadRequest(String),
    /// The request is well-formed but its content cannot be used (422).
    #[error("{0}")]
    Unprocessable(String),
    /// The request needs a signed-in account or a valid API token (401).
    #[error("{0}")]
    Unauthorized(String),
    /// The account may not do this (403), or a form came without its anti-forgery token.
    #[error("{0}")]
    Forbidden(String),
    /// Too many attempts (429); try again after this many seconds.
    #[error("{message}")]
    TooManyRequests {
        /// What to tell the client.
        message: String,
        /// Seconds until another attempt is considered (`Retry-After`).
        retry_after: u64,
    },
    /// The request body is larger than the server accepts (413).
    #[error("the request body is larger than the server accepts")]
    PayloadTooLarge,
    /// The request body is not in a format the endpoint reads (415).
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The path exists but not for this method (405).
    #[error("this address does not accept that method")]
    MethodNotAllowed,
    /// The server took too long (503).
    #[error("the server took too long to answer; try again")]
    Timeout,
    /// Something broke on the server (500). The cause, when there is one, is logged; an absent
    /// cause means it was logged where it happened.
    #[error("something went wrong on the server")]
    Internal(#[source] Option<Cause>),
}

impl AppError {
    /// An internal error caused by `cause`.
    pub fn internal(cause: impl Into<Cause>) -> Self {
        AppError::Internal(Some(cause.into()))
    }

    /// The HTTP status this error answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable, machine-readable code clients match on.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound(_) => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::BadRequest(_) | AppError::Unprocessable(_) => "bad_request",
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::TooManyRequests { .. } => "too_many_requests",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::UnsupportedMediaType(_) => "unsupported_media_type",
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::Timeout => "timeout",
            AppError::Internal(_) => "internal",
        }
    }

    /// The error for a bare status produced by a layer below the handlers.
    fn from_status(status: StatusCode) -> Self {
        match status {
            StatusCode::NOT_FOUND => AppError::NotFound("there is nothing at this address".into()),
            StatusCode::UNAUTHORIZED => AppError::Unauthorized("sign in first".into()),
            StatusCode::FORBIDDEN => AppError::Forbidden("this is not allowed".into()),
            StatusCode::TOO_MANY_REQUESTS => AppError::TooManyRequests {
                message: "too many requests; try again shortly".into(),
                retry_after: 1,
            },
            StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
            StatusCode::METHOD_NOT_ALLOWED => AppError::MethodNotAllowed,
            StatusCode::SERVICE_UNAVAILABLE | StatusCode::REQUEST_TIMEOUT => AppError::Timeout,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                AppError::UnsupportedMediaType("unsupported content type".into())
            }
            StatusCode::UNPROCESSABLE_ENTITY => {
                AppError::Unprocessable("the request could not be used".into())
            }
            status if status.is_client_error() => {
                AppError::BadRequest("the request could not be understood".into())
            }
            _ => AppError::Internal(None),
        }
    }

    /// The error for an extractor's rejection, keeping axum's wording for client mistakes.
    pub(crate) fn from_rejection(status: StatusCode, text: String) -> Self {
        match status {
            StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType(text),
            StatusCode::UNPROCESSABLE_ENTITY => AppError::Unprocessable(text),
            status if status.is_client_error() => AppError::BadRequest(text),
            _ => AppError::internal(text),
        }
    }

    /// The message shown to the client: the error's own words, except for internal errors,
    /// whose cause stays in the log.
    fn public_message(&self) -> String {
        self.to_string()
    }

    /// Logs a server-side error with its whole cause chain.
    fn log(&self) {
        if let AppError::Internal(Some(cause)) = self {
            let mut chain = cause.to_string();
            let mut source = cause.source();
            while let Some(next) = source {
                chain.push_str(": ");
                chain.push_str(&next.to_string());
                source = next.source();
            }
            tracing::error!(cause = %chain, "internal error");
        } else if self.status().is_server_error() {
            tracing::warn!(code = self.code(), "server error");
        }
    }

    fn view(&self) -> ErrorView {
        let status = self.status();
        ErrorView {
            status: status.as_u16(),
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            message: self.public_message(),
        }
    }
}

/// The JSON body of every API error.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// A stable snake_case code: `not_found`, `conflict`, `bad_request`, `unauthorized`,
    /// `forbidden`, `too_many_requests`, `payload_too_large`, `unsupported_media_type`,
    /// `method_not_allowed`, `timeout`, `internal`.
    pub error: String,
    /// What went wrong, for people; never internal details.
    pub message: String,
}

/// Marks a response that already has the app's error shape, so [`uniform_errors`] leaves it.
#[derive(Debug, Clone, Copy)]
pub struct AppShaped;

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let body = ErrorBody {
            error: self.code().to_string(),
            message: self.public_message(),
        };
        let mut response = (self.status(), Json(body)).into_response();
        self.add_headers(&mut response);
        response.extensions_mut().insert(AppShaped);
        response
    }
}

impl AppError {
    /// The headers an error status comes with: `Retry-After` for 429, `WWW-Authenticate` for
    /// 401.
    fn add_headers(&self, response: &mut Response) {
        match self {
            AppError::TooManyRequests { retry_after, .. } => {
                if let Ok(value) = header::HeaderValue::from_str(&retry_after.to_string()) {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
            }
            AppError::Unauthorized(_) => {
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    header::HeaderValue::from_static("Bearer realm=\"sitrep\""),
                );
            }
            _ => {}
        }
    }
}

/// An [`AppError`] answered as an HTML page, for the reader-facing pages.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(error: E) -> Self {
        PageError(error.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        self.0.log();
        let page = sitrep_templates::error_page(&self.0.view());
        let mut response = (self.0.status(), page).into_response();
        if let AppError::TooManyRequests { .. } = self.0 {
            self.0.add_headers(&mut response);
        }
        response.extensions_mut().insert(AppShaped);
        response
    }
}

impl From<StorageError> for AppError {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::NotFound { .. } => AppError::NotFound(error.to_string()),
            StorageError::Conflict { message } => AppError::Conflict(message),
            StorageError::Invalid { message } => AppError::Unprocessable(message),
            StorageError::Unavailable { .. } | StorageError::Db(_) => AppError::internal(error),
        }
    }
}

impl From<UseCaseError> for AppError {
    fn from(error: UseCaseError) -> Self {
        match error {
            UseCaseError::Storage(error) => error.into(),
            UseCaseError::Extract(error) => AppError::Unprocessable(error.to_string()),
            UseCaseError::Invalid(message) => AppError::Unprocessable(message),
            UseCaseError::Forbidden(message) => AppError::Forbidden(message),
            UseCaseError::Unauthorized(message) => AppError::Unauthorized(message),
            UseCaseError::Throttled {
                message,
                retry_after,
            } => AppError::TooManyRequests {
                message,
                retry_after: retry_after.as_secs().max(1),
            },
            UseCaseError::Background(_) => AppError::internal(error),
        }
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        AppError::from_rejection(rejection.status(), rejection.body_text())
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        AppError::from_rejection(rejection.status(), rejection.body_text())
    }
}

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        AppError::from_rejection(rejection.status(), rejection.body_text())
    }
}

/// A JSON body whose rejections (bad syntax, wrong fields, too large, wrong content type) come
/// back as [`AppError`]s; also a JSON response.
#[derive(Debug, Clone, Copy, Default, FromRequest)]
#[from_request(via(axum::Json), rejection(AppError))]
pub struct AppJson<T>(pub T);

impl<T: Serialize> IntoResponse for AppJson<T> {
    fn into_response(self) -> Response {
        Json(self.0).into_response()
    }
}

/// A query string whose rejections come back as [`AppError::BadRequest`].
#[derive(Debug, Clone, Copy, Default, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct AppQuery<T>(pub T);

/// Path parameters whose rejections come back as [`AppError::BadRequest`].
#[derive(Debug, Clone, Copy, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct AppPath<T>(pub T);

/// Path parameters for a page: rejections come back as an HTML error page.
#[derive(Debug, Clone, Copy, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(PageError))]
pub struct PagePath<T>(pub T);

/// A query string for a page: rejections come back as an HTML error page.
#[derive(Debug, Clone, Copy, Default, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(PageError))]
pub struct PageQuery<T>(pub T);

/// Whether a request path belongs to the JSON API (errors in JSON) rather than the pages.
pub fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// Middleware: gives the app's error shape (JSON under `/api`, an HTML page elsewhere) to
/// error responses that lower layers produced without it, such as the body limit's 413, the
/// timeout's 503, a caught panic's 500 or the router's 405. Headers such as `Allow` are kept.
pub async fn uniform_errors(request: Request, next: Next) -> Response {
    let api = is_api_path(request.uri().path());
    let response = next.run(request).await;
    let status = response.status();
    let is_error = status.is_client_error() || status.is_server_error();
    if !is_error || response.extensions().get::<AppShaped>().is_some() {
        return response;
    }
    let error = AppError::from_status(status);
    let mut shaped = if api {
        error.into_response()
    } else {
        PageError(error).into_response()
    };
    // The reshaped error must keep the status the layer chose, and its Allow header.
    *shaped.status_mut() = status;
    if let Some(allow) = response.headers().get(header::ALLOW) {
        shaped.headers_mut().insert(header::ALLOW, allow.clone());
    }
    shaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_statuses_agree() {
        let cases = [
            (AppError::NotFound("x".into()), 404, "not_found"),
            (AppError::Conflict("x".into()), 409, "conflict"),
            (AppError::BadRequest("x".into()), 400, "bad_request"),
            (AppError::Unprocessable("x".into()), 422, "bad_request"),
            (AppError::PayloadTooLarge, 413, "payload_too_large"),
            (AppError::Timeout, 503, "timeout"),
            (AppError::Internal(None), 500, "internal"),
        ];
        for (error, status, code) in cases {
            assert_eq!(error.status().as_u16(), status);
            assert_eq!(error.code(), code);
        }
    }

    #[test]
    fn an_internal_error_never_shows_its_cause() {
        let error = AppError::internal("password authentication failed for user sitrep");
        assert_eq!(error.public_message(), "something went wrong on the server");
        assert!(!error.view().message.contains("password"));
    }
}
