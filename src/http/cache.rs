//! The rendered-page cache: a situation's public pages and their JSON twins, kept as the bytes
//! last sent and keyed by path and query, each stored with the situation's data version at the
//! time it was rendered. A request is answered from the cache only while that version is still
//! the situation's current one; database triggers bump it in the transaction of every write
//! to the situation's data, so a cached page can never be older than the last write.
//!
//! Only anonymous visits are cached (no session, no token, no cookie but the anti-forgery and
//! visit ones; the timeline page is kept once per last visit, see
//! [`super::pages::timeline::remember_visit`]):
//! a signed-in visitor's page shows who they are and may show drafts. Only `200 OK` answers
//! are kept. Responses say `x-sitrep-cache: hit` or `miss`.

use super::AppState;
use super::pages::timeline::{LastVisit, VISIT_COOKIE};
use crate::storage;
use crate::storage::Database;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use tokio::sync::watch;

/// How many pages the cache holds before it starts over.
const MAX_ENTRIES: usize = 4096;
/// The largest page kept.
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// The header that says whether the cache answered.
pub const CACHE_HEADER: &str = "x-sitrep-cache";

#[derive(Debug, Clone)]
struct Entry {
    version: i64,
    content_type: Option<HeaderValue>,
    body: Bytes,
}

/// Rendered pages by path and query (see the module documentation). Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct PageCache {
    entries: Arc<RwLock<HashMap<String, Entry>>>,
    versions: VersionReads,
}

/// Reads of situations' data versions, shared by the requests that wait for them. A request
/// is answered by a read that began after it arrived, so it sees every write committed before
/// it came; one read answers every request that was waiting when it began. Under load this is
/// one database round trip per batch of requests instead of one per request.
#[derive(Debug, Clone, Default)]
struct VersionReads {
    slugs: Arc<Mutex<HashMap<String, SlugReads>>>,
}

/// The reads of one situation's version: how many have begun, whether one is under way,
/// whether a request is waiting for the next, and the last one's answer (its number and the
/// version, `None` when there is no such situation or the database did not answer).
#[derive(Debug)]
struct SlugReads {
    begun: u64,
    running: bool,
    wanted: bool,
    answered: watch::Sender<(u64, Option<i64>)>,
}

impl VersionReads {
    /// The situation's data version as of a moment after this call began, or `None`.
    async fn current(&self, db: &Database, slug: &str) -> Option<i64> {
        let (needed, mut answers) = {
            let mut slugs = self.slugs.lock().ok()?;
            let reads = slugs.entry(slug.to_string()).or_insert_with(|| SlugReads {
                begun: 0,
                running: false,
                wanted: false,
                answered: watch::channel((0, None)).0,
            });
            let answers = reads.answered.subscribe();
            if reads.running {
                // The read under way may have begun before this request: wait for the next.
                reads.wanted = true;
                (reads.begun + 1, answers)
            } else {
                reads.begun += 1;
                reads.running = true;
                tokio::spawn(self.clone().read(db.clone(), slug.to_string(), reads.begun));
                (reads.begun, answers)
            }
        };
        loop {
            {
                let (number, version) = *answers.borrow_and_update();
                if number >= needed {
                    return version;
                }
            }
            if answers.changed().await.is_err() {
                let (number, version) = *answers.borrow();
                return (number >= needed).then_some(version).flatten();
            }
        }
    }

    /// Reads the version, then again while requests are waiting for a later read; forgets the
    /// situation once nobody is.
    async fn read(self, db: Database, slug: String, mut number: u64) {
        loop {
            let version = match storage::situation_version(&db, &slug).await {
                Ok(Some((_, version))) => Some(version),
                _ => None,
            };
            let Ok(mut slugs) = self.slugs.lock() else {
                return;
            };
            let Some(reads) = slugs.get_mut(&slug) else {
                return;
            };
            reads.answered.send_replace((number, version));
            if reads.wanted {
                reads.wanted = false;
                reads.begun += 1;
                number = reads.begun;
            } else {
                slugs.remove(&slug);
                return;
            }
        }
    }
}

impl PageCache {
    fn get(&self, key: &str, version: i64) -> Option<Entry> {
        let entries = self.entries.read().ok()?;
        entries.get(key).filter(|e| e.version == version).cloned()
    }

    fn put(&self, key: String, entry: Entry) {
        if let Ok(mut entries) = self.entries.write() {
            if entries.len() >= MAX_ENTRIES && !entries.contains_key(&key) {
                entries.clear();
            }
            entries.insert(key, entry);
        }
    }
}

/// The slug of a situation whose public view this path is, if it is one the cache serves:
/// `/situations/{slug}` and its reader views (lanes, feed, exports), and
/// `/api/v1/situations/{slug}` with its claims, timeline and actors.
pub fn cached_situation(path: &str) -> Option<&str> {
    let (rest, api) = match path.strip_prefix("/api/v1/situations/") {
        Some(rest) => (rest, true),
        None => (path.strip_prefix("/situations/")?, false),
    };
    let (slug, tail) = rest.split_once('/').unwrap_or((rest, ""));
    if slug.is_empty() {
        return None;
    }
    let allowed = if api {
        matches!(tail, "" | "claims" | "timeline" | "actors")
    } else {
        matches!(tail, "" | "lanes" | "feed.atom") || tail.starts_with("export/")
    };
    allowed.then_some(slug)
}

/// Whether the visit is anonymous: no token and no cookie other than the anti-forgery one.
fn anonymous(headers: &HeaderMap) -> bool {
    if headers.contains_key(header::AUTHORIZATION) {
        return false;
    }
    headers.get_all(header::COOKIE).iter().all(|value| {
        value.to_str().is_ok_and(|text| {
            text.split(';')
                .map(str::trim)
                .filter(|pair| !pair.is_empty())
                .all(|pair| {
                    [super::auth::CSRF_COOKIE, VISIT_COOKIE]
                        .iter()
                        .any(|name| pair.starts_with(&format!("{name}=")))
                })
        })
    })
}

fn with_marker(mut response: Response, hit: bool) -> Response {
    response.headers_mut().insert(
        CACHE_HEADER,
        HeaderValue::from_static(if hit { "hit" } else { "miss" }),
    );
    response
}

/// Middleware: answers from the cache when it can, and fills it.
pub async fn serve_cached(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET || !anonymous(request.headers()) {
        return next.run(request).await;
    }
    let Some(slug) = cached_situation(request.uri().path()) else {
        return next.run(request).await;
    };
    if storage::validate_slug(slug).is_err() {
        return next.run(request).await;
    }
    let Some(version) = state.pages.versions.current(&state.db, slug).await else {
        // No such situation (the handler says so), or the database is unwell (it will too).
        return next.run(request).await;
    };
    let mut key = request.uri().path_and_query().map_or_else(
        || request.uri().path().to_string(),
        |p| p.as_str().to_string(),
    );
    // The timeline page offers what is new since the visitor's last visit: one copy each.
    if let Some(LastVisit(Some(previous))) = request.extensions().get::<LastVisit>() {
        key.push_str(&format!(" visit={previous}"));
    }
    if let Some(entry) = state.pages.get(&key, version) {
        let mut response = (StatusCode::OK, Body::from(entry.body)).into_response();
        if let Some(content_type) = entry.content_type {
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, content_type);
        }
        return with_marker(response, true);
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::warn!(%error, "reading a page to cache it");
            return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
        }
    };
    if bytes.len() <= MAX_BODY_BYTES && !parts.headers.contains_key(header::SET_COOKIE) {
        state.pages.put(
            key,
            Entry {
                version,
                content_type: parts.headers.get(header::CONTENT_TYPE).cloned(),
                body: bytes.clone(),
            },
        );
    }
    with_marker(Response::from_parts(parts, Body::from(bytes)), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_situation_views_are_cached() {
        assert_eq!(cached_situation("/situations/k-2022"), Some("k-2022"));
        assert_eq!(cached_situation("/situations/k-2022/lanes"), Some("k-2022"));
        assert_eq!(cached_situation("/api/v1/situations/k/claims"), Some("k"));
        assert_eq!(cached_situation("/situations/k/review"), None);
        assert_eq!(cached_situation("/situations/k/deleted"), None);
        assert_eq!(cached_situation("/situations/"), None);
        assert_eq!(cached_situation("/sources/1"), None);
    }

    #[test]
    fn only_anonymous_visits_are_cached() {
        let mut headers = HeaderMap::new();
        assert!(anonymous(&headers));
        headers.insert(header::COOKIE, HeaderValue::from_static("sitrep_csrf=ab"));
        assert!(anonymous(&headers));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("sitrep_csrf=ab; sitrep_session=x"),
        );
        assert!(!anonymous(&headers));
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer t"));
        assert!(!anonymous(&headers));
    }
}
