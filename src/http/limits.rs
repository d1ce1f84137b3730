//! Limits on expensive anonymous work: how many expensive requests run at once, server-wide,
//! and how often one client address may start one. A request over either limit is answered
//! at once with 429 and `Retry-After`, in the app's error shape, instead of waiting in a queue
//! until it times out; memory and CPU then grow with the limit, not with the number of callers.
//!
//! The limits are [`ServerLimits::expensive_concurrency`], [`ServerLimits::expensive_burst`]
//! and [`ServerLimits::expensive_per_minute`]; one [`ExpensiveGate`] in [`AppState`] enforces
//! them for every route that opts in, so those routes share one budget. Clients are told apart
//! by the address of their connection (IPv6 addresses by their /64), never by headers they
//! could forge.
//!
//! # Putting a route behind the gate
//!
//! A handler asks for an [`Expensive`] permit before its other arguments, so the check happens
//! before the body is read:
//!
//! ```ignore
//! async fn search(permit: Expensive, State(state): State<AppState>, ...) -> Response {
//!     let results = ...;                       // the permit is held while this runs
//!     permit.hold_until_sent(results.into_response())
//! }
//! ```
//!
//! Work sent to a blocking thread takes [`Expensive::share`] along, so the slot stays taken
//! until that work ends even if the request times out first; a large response hands the permit
//! to [`Expensive::hold_until_sent`], so the slot stays taken until the last byte is sent (a
//! slow reader cannot make the server hold many large answers at once).
//!
//! A whole router can be put behind the gate instead, with the same effect for each request:
//!
//! ```ignore
//! router.route_layer(axum::middleware::from_fn_with_state(state.clone(), limits::expensive))
//! ```

use crate::config::ServerLimits;
use crate::http::error::is_api_path;
use crate::http::{AppError, AppState, PageError};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, FromRequestParts, OriginalUri, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Client addresses whose rate is remembered at most; past it, the addresses whose allowance
/// has grown back in full are forgotten (they would start afresh anyway).
const MAX_TRACKED_CLIENTS: usize = 10_000;

/// The server-wide concurrency limit and the per-client rates of expensive requests.
#[derive(Debug)]
pub struct ExpensiveGate {
    slots: Arc<Semaphore>,
    burst: f64,
    per_second: f64,
    clients: Mutex<HashMap<IpAddr, Allowance>>,
}

/// One client's allowance: a bucket of up to `burst` requests that refills at the per-minute
/// rate.
#[derive(Debug, Clone, Copy)]
struct Allowance {
    tokens: f64,
    updated: Instant,
}

impl ExpensiveGate {
    /// A gate with the expensive-route limits of `limits`. A per-minute rate of 0 turns the
    /// per-client limit off (the concurrency limit still holds).
    pub fn new(limits: &ServerLimits) -> ExpensiveGate {
        ExpensiveGate {
            slots: Arc::new(Semaphore::new(limits.expensive_concurrency.max(1))),
            burst: f64::from(limits.expensive_burst.max(1)),
            per_second: f64::from(limits.expensive_per_minute) / 60.0,
            clients: Mutex::new(HashMap::new()),
        }
    }

    /// Lets a request from `client` start, or says how long it should wait (in whole seconds,
    /// at least 1) and why.
    pub fn admit(&self, client: Option<IpAddr>) -> Result<Expensive, AppError> {
        let Ok(slot) = Arc::clone(&self.slots).try_acquire_owned() else {
            return Err(AppError::TooManyRequests {
                message: "the server is busy with other requests of this kind; try again shortly"
                    .into(),
                retry_after: 1,
            });
        };
        if let Err(wait) = self.take_allowance(client_key(client), Instant::now()) {
            return Err(AppError::TooManyRequests {
                message: "too many requests of this kind from your address; try again later".into(),
                retry_after: wait.as_secs_f64().ceil().max(1.0) as u64,
            });
        }
        Ok(Expensive {
            _slot: Arc::new(slot),
        })
    }

    /// Takes one request from the client's allowance, or says how long until one grows back.
    fn take_allowance(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        if self.per_second <= 0.0 {
            return Ok(());
        }
        let mut clients = self
            .clients
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if clients.len() >= MAX_TRACKED_CLIENTS && !clients.contains_key(&client) {
            let (burst, per_second) = (self.burst, self.per_second);
            clients.retain(|_, allowance| allowance.refilled(now, burst, per_second) < burst);
            if clients.len() >= MAX_TRACKED_CLIENTS {
                // Every remembered client is mid-burst: forget them all rather than grow.
                clients.clear();
            }
        }
        let allowance = clients.entry(client).or_insert(Allowance {
            tokens: self.burst,
            updated: now,
        });
        allowance.tokens = allowance.refilled(now, self.burst, self.per_second);
        allowance.updated = now;
        if allowance.tokens >= 1.0 {
            allowance.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (1.0 - allowance.tokens) / self.per_second,
            ))
        }
    }
}

impl Allowance {
    fn refilled(&self, now: Instant, burst: f64, per_second: f64) -> f64 {
        let elapsed = now.saturating_duration_since(self.updated).as_secs_f64();
        (self.tokens + elapsed * per_second).min(burst)
    }
}

/// The address a client is counted under: its IPv4 address, or the /64 of its IPv6 address
/// (one host usually holds a whole /64); requests without a peer address (in-process tests)
/// count as one client.
fn client_key(client: Option<IpAddr>) -> IpAddr {
    match client {
        None => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        Some(IpAddr::V4(v4)) => IpAddr::V4(v4),
        Some(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(Ipv6Addr::from(prefix))
            }
        },
    }
}

/// Permission to do one expensive request's work: while any clone of it lives, it holds one of
/// the gate's slots.
#[derive(Debug, Clone)]
pub struct Expensive {
    _slot: Arc<OwnedSemaphorePermit>,
}

impl Expensive {
    /// A handle on the same slot, for work sent elsewhere (a blocking thread): the slot is
    /// given back when the last handle is dropped.
    pub fn share(&self) -> Expensive {
        self.clone()
    }

    /// The response, with the slot kept until its body has been sent (or the client left).
    pub fn hold_until_sent(self, response: Response) -> Response {
        response.map(|body| {
            Body::new(Holding {
                inner: body,
                _slot: self,
            })
        })
    }
}

/// Asks the gate in [`AppState`]; refuses with 429 in the shape of the part of the site asked
/// (JSON under `/api`, an error page elsewhere).
impl FromRequestParts<AppState> for Expensive {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let client = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        // Inside a nested router the URI has lost its prefix; the original has it.
        let path = parts.extensions.get::<OriginalUri>().map_or_else(
            || parts.uri.path().to_string(),
            |uri| uri.path().to_string(),
        );
        state.expensive.admit(client).map_err(|error| {
            if is_api_path(&path) {
                error.into_response()
            } else {
                PageError(error).into_response()
            }
        })
    }
}

/// Middleware putting every request of a router behind the gate: see the module docs.
pub async fn expensive(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let permit = match Expensive::from_request_parts(&mut parts, &state).await {
        Ok(permit) => permit,
        Err(refusal) => return refusal,
    };
    let response = next.run(Request::from_parts(parts, body)).await;
    permit.hold_until_sent(response)
}

/// A response body that keeps an [`Expensive`] slot until it is sent or dropped.
struct Holding {
    inner: Body,
    _slot: Expensive,
}

impl http_body::Body for Holding {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(concurrency: usize, burst: u32, per_minute: u32) -> ExpensiveGate {
        ExpensiveGate::new(&ServerLimits {
            expensive_concurrency: concurrency,
            expensive_burst: burst,
            expensive_per_minute: per_minute,
            ..ServerLimits::default()
        })
    }

    fn retry_after(result: Result<Expensive, AppError>) -> u64 {
        match result {
            Err(AppError::TooManyRequests { retry_after, .. }) => retry_after,
            other => panic!("expected a 429, got {other:?}"),
        }
    }

    #[test]
    fn a_client_gets_its_burst_then_waits_for_the_rate() {
        let gate = gate(100, 3, 6);
        let client = Some(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)));
        let held: Vec<Expensive> = (0..3).map(|_| gate.admit(client).unwrap()).collect();
        // Six a minute: one every ten seconds.
        assert_eq!(retry_after(gate.admit(client)), 10);
        // Another address has its own allowance.
        assert!(
            gate.admit(Some(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 2))))
                .is_ok()
        );
        drop(held);
    }

    #[test]
    fn the_allowance_grows_back() {
        let gate = gate(100, 1, 60);
        let client = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let start = Instant::now();
        assert!(gate.take_allowance(client, start).is_ok());
        assert!(gate.take_allowance(client, start).is_err());
        assert!(
            gate.take_allowance(client, start + Duration::from_millis(1100))
                .is_ok()
        );
    }

    #[test]
    fn slots_are_held_by_every_share_and_given_back() {
        let gate = gate(1, 100, 0);
        let permit = gate.admit(None).unwrap();
        let shared = permit.share();
        assert_eq!(retry_after(gate.admit(None)), 1);
        drop(permit);
        assert!(
            gate.admit(None).is_err(),
            "the shared handle still holds the slot"
        );
        drop(shared);
        assert!(gate.admit(None).is_ok());
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(Some(a)), client_key(Some(b)));
        assert_ne!(client_key(Some(a)), client_key(Some(c)));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(
            client_key(Some(mapped)),
            IpAddr::V4(Ipv4Addr::new(192, 0, 2, 7))
        );
    }

    #[test]
    fn the_remembered_clients_stay_bounded() {
        let gate = gate(100, 2, 60);
        let now = Instant::now();
        for i in 0..(MAX_TRACKED_CLIENTS as u32 + 50) {
            let client = IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + i));
            let _ = gate.take_allowance(client, now);
        }
        assert!(gate.clients.lock().unwrap().len() <= MAX_TRACKED_CLIENTS);
    }
}
