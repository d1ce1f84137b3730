//! [`TestApp`]: the application over a fresh database with two accounts, an analyst (`ana`)
//! and a reader (`rhea`), each with a password and an API token, and the ways tests talk to
//! it: one request at a time through `oneshot` ([`TestApp::send`]), as a browser with a
//! session and the anti-forgery cookie ([`Browser`]), or over a real socket
//! ([`TestApp::serve`]).

use super::server::RunningServer;
use super::{Engine, TestDatabase, fresh_database};
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use sitrep::app::accounts;
use sitrep::config::ServerLimits;
use sitrep::domain::UserRole;
use sitrep::storage::UserRow;
use sitrep::{AppState, Config, app};
use tower::ServiceExt;

/// The body limit the tests run with: small, so oversized bodies are cheap to build.
pub const TEST_BODY_LIMIT: usize = 64 * 1024;

/// An account the tests use.
#[derive(Debug, Clone)]
pub struct TestUser {
    /// The stored account.
    pub row: UserRow,
    /// Its password.
    pub password: String,
    /// An API token for it.
    pub token: String,
}

/// How a request says who sends it.
#[derive(Debug, Clone, Copy)]
pub enum Auth<'a> {
    /// Nobody.
    Anonymous,
    /// An API token.
    Bearer(&'a str),
}

/// A response, read whole.
#[derive(Debug, Clone)]
pub struct TestResponse {
    /// Its status.
    pub status: StatusCode,
    /// Its headers.
    pub headers: HeaderMap,
    /// Its body.
    pub body: Vec<u8>,
}

impl TestResponse {
    /// The content type, or `""`.
    pub fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("a UTF-8 body")
    }

    /// The body as JSON; panics (showing it) when it is not.
    pub fn json(&self) -> Value {
        assert!(
            self.content_type().starts_with("application/json"),
            "expected JSON, got {:?}: {}",
            self.content_type(),
            String::from_utf8_lossy(&self.body)
        );
        serde_json::from_slice(&self.body).expect("a JSON body")
    }

    /// The `Location` of a redirect.
    pub fn location(&self) -> Option<String> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }
}

/// The application over a fresh database, with an analyst and a reader.
pub struct TestApp {
    /// The database (dropped with the app).
    pub database: TestDatabase,
    /// The router, for `oneshot`.
    pub router: Router,
    /// `ana`, an analyst.
    pub analyst: TestUser,
    /// `rhea`, a reader.
    pub reader: TestUser,
}

impl TestApp {
    /// A new app on `engine`, or `None` when the engine is PostgreSQL and none is configured
    /// (after printing why, or panicking when services are required).
    pub async fn new(engine: Engine) -> Option<TestApp> {
        let database = fresh_database(engine).await?;
        Some(TestApp::on(database).await)
    }

    /// The app over an existing fresh database.
    pub async fn on(database: TestDatabase) -> TestApp {
        let config = Config {
            database_url: database.url.clone(),
            body_limit: TEST_BODY_LIMIT,
            // Tests ask for many searches and exports in a row as one client; the per-client
            // rate is tested on its own (tests/abuse.rs).
            limits: ServerLimits {
                expensive_per_minute: 0,
                ..ServerLimits::default()
            },
            ..Config::default()
        };
        let router = app(AppState::new(database.db.clone(), config));
        let analyst = add_user(&database, "ana", UserRole::Analyst, "ana's password").await;
        let reader = add_user(&database, "rhea", UserRole::Reader, "rhea's password").await;
        TestApp {
            database,
            router,
            analyst,
            reader,
        }
    }

    /// The database.
    pub fn db(&self) -> &sitrep::storage::Database {
        &self.database.db
    }

    /// Sends one request through the router.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        TestResponse {
            status,
            headers,
            body: body.to_vec(),
        }
    }

    /// A GET, anonymous or with a token.
    pub async fn get(&self, uri: &str, auth: Auth<'_>) -> TestResponse {
        self.send(
            with_auth(Request::get(uri), auth)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// A request with a JSON body.
    pub async fn send_json(
        &self,
        method: Method,
        uri: &str,
        body: &Value,
        auth: Auth<'_>,
    ) -> TestResponse {
        let request = with_auth(Request::builder().method(method).uri(uri), auth)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        self.send(request).await
    }

    /// A POST with a JSON body.
    pub async fn post_json(&self, uri: &str, body: &Value, auth: Auth<'_>) -> TestResponse {
        self.send_json(Method::POST, uri, body, auth).await
    }

    /// A browser that has visited the site once (so it holds the anti-forgery cookie) and is
    /// not signed in.
    pub async fn browser(&self) -> Browser<'_> {
        let mut browser = Browser {
            app: self,
            cookies: Vec::new(),
        };
        let response = browser.get("/login").await;
        assert_eq!(response.status, StatusCode::OK);
        assert!(
            browser.csrf().is_some(),
            "the first visit sets the csrf cookie"
        );
        browser
    }

    /// A browser signed in as `user` through the sign-in form.
    pub async fn signed_in(&self, user: &TestUser) -> Browser<'_> {
        let mut browser = self.browser().await;
        let response = browser
            .post_form(
                "/login",
                &[("name", &user.row.name), ("password", &user.password)],
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "signing in as {}: {}",
            user.row.name,
            response.text()
        );
        browser
    }

    /// A real server on `127.0.0.1:0` over this app's database.
    pub async fn serve(&self) -> RunningServer {
        RunningServer::over(&self.database.url).await
    }
}

async fn add_user(database: &TestDatabase, name: &str, role: UserRole, password: &str) -> TestUser {
    let row = accounts::add_user(&database.db, name, role, password)
        .await
        .unwrap();
    let token = accounts::create_token(&database.db, &row.user(), "tests")
        .await
        .unwrap()
        .secret;
    TestUser {
        row,
        password: password.to_string(),
        token,
    }
}

fn with_auth(
    builder: axum::http::request::Builder,
    auth: Auth<'_>,
) -> axum::http::request::Builder {
    match auth {
        Auth::Anonymous => builder,
        Auth::Bearer(token) => builder.header(header::AUTHORIZATION, format!("Bearer {token}")),
    }
}

/// A browser's side of the conversation: the cookies it holds, sent back with each request,
/// and forms posted with the anti-forgery token, as a page's form would carry it.
pub struct Browser<'a> {
    app: &'a TestApp,
    cookies: Vec<(String, String)>,
}

impl Browser<'_> {
    /// The anti-forgery token the browser holds.
    pub fn csrf(&self) -> Option<String> {
        self.cookie("sitrep_csrf")
    }

    /// A cookie's value.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    }

    fn remember(&mut self, response: &TestResponse) {
        for value in response.headers.get_all(header::SET_COOKIE) {
            let Ok(text) = value.to_str() else { continue };
            let pair = text.split(';').next().unwrap_or("");
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            self.cookies.retain(|(n, _)| n != name);
            self.cookies.push((name.to_string(), value.to_string()));
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Sends a request with the browser's cookies and keeps the ones it sets.
    pub async fn send(
        &mut self,
        builder: axum::http::request::Builder,
        body: Body,
    ) -> TestResponse {
        let request = builder
            .header(header::COOKIE, self.cookie_header())
            .body(body)
            .unwrap();
        let response = self.app.send(request).await;
        self.remember(&response);
        response
    }

    /// A GET.
    pub async fn get(&mut self, uri: &str) -> TestResponse {
        self.send(Request::get(uri), Body::empty()).await
    }

    /// A form post carrying the anti-forgery token.
    pub async fn post_form(&mut self, uri: &str, fields: &[(&str, &str)]) -> TestResponse {
        let token = self.csrf().unwrap_or_default();
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", &token)];
        all.extend_from_slice(fields);
        self.post_raw_form(uri, &all).await
    }

    /// A form post with exactly these fields (no token unless given).
    pub async fn post_raw_form(&mut self, uri: &str, fields: &[(&str, &str)]) -> TestResponse {
        let body = serde_urlencoded::to_string(fields).unwrap();
        self.send(
            Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            Body::from(body),
        )
        .await
    }
}

/// Declares one test body for both engines over a [`TestApp`]: `both_apps!(name, body_fn)`
/// makes `name::sqlite` and `name::postgres`, each calling `body_fn(&TestApp)`.
#[macro_export]
macro_rules! both_apps {
    ($name:ident, $body:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::common::app::TestApp::new($crate::common::Engine::Sqlite)
                    .await
                    .expect("SQLite is always available");
                super::$body(&app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(app) =
                    $crate::common::app::TestApp::new($crate::common::Engine::Postgres).await
                else {
                    return;
                };
                super::$body(&app).await;
            }
        }
    };
}
