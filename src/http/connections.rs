//! The accept loop: every connection the server takes on, and how long it may keep it.
//!
//! A client that opens a connection and then sends nothing, or half a request, or stops reading
//! its answer, must not hold a file descriptor and a task for ever. So:
//!
//! - the connections served at once are capped ([`ServerLimits::max_connections`], kept below
//!   the process's open-file limit); one over the cap gets a short 503 written straight to the
//!   socket and is closed, without a task or a timer of its own;
//! - request headers must arrive within [`ServerLimits::header_read_timeout`], counted from the
//!   moment the server waits for them, on a new connection and between the requests of a
//!   kept-alive one (hyper's HTTP/1 header timer; a silent or idle connection is closed);
//! - a connection that moves no bytes either way for [`ServerLimits::idle_timeout`] while a
//!   request is read or answered is closed (a per-connection watchdog over its socket);
//! - accept errors (the open-file limit, say) are logged and retried after a pause, so that
//!   they neither spin nor flood the log;
//! - on shutdown the listener closes first, idle connections close at once, and requests in
//!   flight finish.

use crate::config::ServerLimits;
use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};

/// How long to pause after an accept error before accepting again.
const ACCEPT_ERROR_PAUSE: Duration = Duration::from_millis(100);
/// File descriptors kept free for the database, logs and the like when the connection cap is
/// clamped to the open-file limit.
const RESERVED_DESCRIPTORS: usize = 128;
/// How often, at most, the log says that connections are being refused.
const REFUSAL_LOG_INTERVAL: Duration = Duration::from_secs(10);

/// What a connection over the cap is sent before it is closed: a complete HTTP/1.1 answer in
/// the API's error shape, small enough for any socket buffer.
static REFUSAL: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let body = serde_json::json!({
        "error": "busy",
        "message": "the server is serving as many connections as it can; try again shortly",
    })
    .to_string();
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
         retry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
});

/// Serves `router` on `listener` within `limits` until `shutdown` completes, then stops
/// accepting, lets idle connections go and waits for requests in flight.
pub(crate) async fn serve_connections(
    listener: TcpListener,
    router: Router,
    limits: &ServerLimits,
    shutdown: impl Future<Output = ()>,
) {
    let cap = effective_connection_cap(limits.max_connections, open_file_limit());
    let slots = Arc::new(Semaphore::new(cap));
    let (closing, closing_seen) = watch::channel(false);
    let timeouts = Timeouts {
        header_read: limits.header_read_timeout,
        idle: limits.idle_timeout,
    };
    let mut last_refusal_logged: Option<Instant> = None;
    tokio::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            biased;
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) if is_per_connection(&error) => continue,
                Err(error) => {
                    tracing::error!(%error, "accept error; pausing before accepting again");
                    tokio::time::sleep(ACCEPT_ERROR_PAUSE).await;
                    continue;
                }
            },
        };
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            refuse(&stream);
            if last_refusal_logged.is_none_or(|at| at.elapsed() >= REFUSAL_LOG_INTERVAL) {
                tracing::warn!(cap, "at the connection cap: refusing new connections");
                last_refusal_logged = Some(Instant::now());
            }
            continue;
        };
        tokio::spawn(serve_connection(
            stream,
            remote,
            router.clone(),
            timeouts,
            closing_seen.clone(),
            slot,
        ));
    }
    drop(listener);
    let _ = closing.send(true);
    // Every connection holds a slot until it ends: all slots back means all connections done.
    let cap = u32::try_from(cap).unwrap_or(u32::MAX);
    let _ = slots.acquire_many(cap).await;
}

/// Errors that concern one connection that failed while being accepted, not the listener.
fn is_per_connection(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// Sends the short 503 without waiting (a new socket's buffer has room) and closes.
fn refuse(stream: &TcpStream) {
    let _ = stream.try_write(&REFUSAL);
}

#[derive(Debug, Clone, Copy)]
struct Timeouts {
    header_read: Duration,
    idle: Duration,
}

async fn serve_connection(
    stream: TcpStream,
    remote: SocketAddr,
    router: Router,
    timeouts: Timeouts,
    mut closing: watch::Receiver<bool>,
    _slot: OwnedSemaphorePermit,
) {
    let _ = stream.set_nodelay(true);
    let activity = Activity::new();
    let io = TokioIo::new(Watched {
        inner: stream,
        activity: Arc::clone(&activity),
    });
    // Handlers that care who is asking (the rate limits) read the peer's address.
    let service = tower::ServiceExt::map_request(
        router,
        move |mut request: axum::http::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(remote));
            request
        },
    );
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(timeouts.header_read)
        .keep_alive(true);
    let connection = builder.serve_connection(io, TowerToHyperService::new(service));
    tokio::pin!(connection);
    let mut shutting_down = *closing.borrow();
    if shutting_down {
        connection.as_mut().graceful_shutdown();
    }
    loop {
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(error) = result {
                    tracing::debug!(%remote, %error, "connection ended with an error");
                }
                return;
            }
            changed = closing.changed(), if !shutting_down => {
                if changed.is_err() || *closing.borrow() {
                    shutting_down = true;
                    connection.as_mut().graceful_shutdown();
                }
            }
            () = activity.quiet_for(timeouts.idle) => {
                tracing::debug!(%remote, "closing a connection that moved no bytes");
                return;
            }
        }
    }
}

/// When a connection last moved a byte, in milliseconds since it opened.
struct Activity {
    opened: Instant,
    last_millis: AtomicU64,
}

impl Activity {
    fn new() -> Arc<Activity> {
        Arc::new(Activity {
            opened: Instant::now(),
            last_millis: AtomicU64::new(0),
        })
    }

    fn touch(&self) {
        let millis = u64::try_from(self.opened.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_millis.store(millis, Ordering::Relaxed);
    }

    /// Completes once no byte has moved for `quiet`.
    async fn quiet_for(&self, quiet: Duration) {
        loop {
            let last =
                self.opened + Duration::from_millis(self.last_millis.load(Ordering::Relaxed));
            let deadline = last + quiet;
            if Instant::now() >= deadline {
                return;
            }
            tokio::time::sleep_until(deadline.into()).await;
        }
    }
}

/// A socket that notes every byte it moves in its [`Activity`].
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.touch();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The process's soft limit on open files, where the system says (Linux's `/proc`).
fn open_file_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits
        .lines()
        .find(|line| line.starts_with("Max open files"))?;
    line["Max open files".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The connection cap actually used: the one configured, but below the open-file limit (with
/// room for the database and the rest), so that the cap, not `accept`, is what refuses.
fn effective_connection_cap(configured: usize, open_files: Option<usize>) -> usize {
    let configured = configured.max(1);
    match open_files {
        Some(limit) if limit.saturating_sub(RESERVED_DESCRIPTORS) < configured => {
            let clamped = limit.saturating_sub(RESERVED_DESCRIPTORS).max(1);
            tracing::warn!(
                configured,
                clamped,
                open_file_limit = limit,
                "the connection cap is lowered to fit the open-file limit (raise it with ulimit -n)"
            );
            clamped
        }
        _ => configured,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_stays_below_the_open_file_limit() {
        assert_eq!(effective_connection_cap(4096, Some(20_000)), 4096);
        assert_eq!(
            effective_connection_cap(4096, Some(1024)),
            1024 - RESERVED_DESCRIPTORS
        );
        assert_eq!(effective_connection_cap(4096, None), 4096);
        assert_eq!(effective_connection_cap(0, None), 1);
        assert_eq!(effective_connection_cap(10, Some(5)), 1);
    }

    #[test]
    fn the_refusal_is_a_whole_http_answer() {
        let text = String::from_utf8(REFUSAL.clone()).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 503 "));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["error"], "busy");
    }

    #[test]
    fn the_open_file_limit_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(open_file_limit().is_some_and(|n| n > 0));
        }
    }
}
