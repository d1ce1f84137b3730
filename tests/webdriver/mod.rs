//! A small W3C WebDriver client for the browser tests: it starts Debian's `chromedriver` on a
//! free loopback port, opens a headless Chromium session with a fresh profile, and speaks the
//! handful of WebDriver commands the tests need over plain HTTP/1.1 (hyper).
//!
//! Everything it starts dies with the [`Browser`]: chromedriver runs in a process group of its
//! own, Chromium inherits it, and dropping the browser (also while a failed assertion unwinds)
//! ends the session and kills that group by its id.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use std::future::Future;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The key under which WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long one WebDriver command may take before the test gives up on it.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

/// How long chromedriver may take to answer its status endpoint after it starts.
const DRIVER_START_TIMEOUT: Duration = Duration::from_secs(20);

/// Chromium's switches: headless, no sandbox (tests run as root in containers), and nothing
/// that reaches the network or a GPU on its own.
const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
];

/// How long the browser tests wait for an element to appear.
pub const APPEAR: Duration = Duration::from_secs(20);

/// Where a browser test saves the screenshot `name`: `target/screenshots/NAME`.
pub fn screenshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("screenshots")
        .join(name)
}

/// Where the browser and its driver are installed.
#[derive(Debug, Clone)]
pub struct Installation {
    /// The Chromium executable.
    pub chromium: PathBuf,
    /// The chromedriver executable.
    pub chromedriver: PathBuf,
}

impl Installation {
    /// The installation, or `None` after saying why the browser test is skipped (a failure
    /// under `SITREP_REQUIRE_SERVICES=1`).
    pub fn or_skip() -> Option<Installation> {
        Installation::find()
            .map_err(|reason| crate::common::service_missing(&reason))
            .ok()
    }

    /// Finds Chromium through `SITREP_CHROMIUM` or `chromium` on `PATH`, and chromedriver
    /// through `SITREP_CHROMEDRIVER` or `chromedriver` on `PATH`; the error says what is
    /// missing.
    pub fn find() -> Result<Installation, String> {
        let chromium = locate("SITREP_CHROMIUM", "chromium");
        let chromedriver = locate("SITREP_CHROMEDRIVER", "chromedriver");
        match (chromium, chromedriver) {
            (Ok(chromium), Ok(chromedriver)) => Ok(Installation {
                chromium,
                chromedriver,
            }),
            (chromium, chromedriver) => {
                let missing: Vec<String> = [chromium.err(), chromedriver.err()]
                    .into_iter()
                    .flatten()
                    .collect();
                Err(format!(
                    "browser tests need chromium and chromedriver (Debian packages chromium \
                     and chromium-driver): {}",
                    missing.join("; ")
                ))
            }
        }
    }
}

/// The program named by `variable`, else `program` on `PATH`.
fn locate(variable: &str, program: &str) -> Result<PathBuf, String> {
    if let Some(value) = std::env::var_os(variable).filter(|v| !v.is_empty()) {
        let path = PathBuf::from(value);
        return if is_executable(&path) {
            Ok(path)
        } else {
            Err(format!(
                "{variable}={} is not an executable file",
                path.display()
            ))
        };
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(program))
        .find(|path| is_executable(path))
        .ok_or_else(|| format!("{variable} is not set and no {program} is on PATH"))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// A WebDriver error answer, or a failure to get one.
#[derive(Debug)]
pub struct DriverError {
    /// The WebDriver error code ("no such element"), or "transport" when no answer came.
    pub error: String,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for DriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.error, self.message)
    }
}

fn transport(message: impl std::fmt::Display) -> DriverError {
    DriverError {
        error: "transport".to_string(),
        message: message.to_string(),
    }
}

/// One element of the current page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element(String);

/// A running chromedriver with one headless Chromium session.
pub struct Browser {
    driver: Child,
    address: SocketAddr,
    session: Option<String>,
    log: PathBuf,
    // Holds the profile and the driver's log; removed after the processes are gone.
    _dir: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver and opens a session in a fresh headless Chromium profile.
    pub async fn start(installation: &Installation) -> Browser {
        let dir = tempfile::tempdir().expect("a temporary directory for the browser");
        let profile = dir.path().join("profile");
        let log = dir.path().join("chromedriver.log");
        // A port that was free a moment ago can be taken before chromedriver binds it; then
        // chromedriver exits and another port is tried.
        let mut attempts = 0;
        let (driver, address) = loop {
            attempts += 1;
            let address = free_loopback_port();
            let mut driver = Command::new(&installation.chromedriver)
                .arg(format!("--port={}", address.port()))
                .arg(format!("--log-path={}", log.display()))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .unwrap_or_else(|e| {
                    panic!("cannot start {}: {e}", installation.chromedriver.display())
                });
            match wait_until_ready(&mut driver, address).await {
                Ok(()) => break (driver, address),
                Err(reason) => {
                    kill_group(&mut driver);
                    assert!(
                        attempts < 3,
                        "chromedriver did not start: {reason}\n{}",
                        read_log(&log)
                    );
                }
            }
        };
        let mut browser = Browser {
            driver,
            address,
            session: None,
            log,
            _dir: dir,
        };
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "pageLoadStrategy": "normal",
                    "timeouts": { "implicit": 0, "pageLoad": 30_000, "script": 10_000 },
                    "goog:chromeOptions": {
                        "binary": installation.chromium.display().to_string(),
                        "args": args,
                    },
                }
            }
        });
        let created = browser
            .command("POST", "/session", Some(capabilities))
            .await;
        let created = created.unwrap_or_else(|e| {
            panic!(
                "Chromium ({}) did not start a session: {e}\n{}",
                installation.chromium.display(),
                read_log(&browser.log)
            )
        });
        let id = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("a new session without an id: {created}"));
        browser.session = Some(id.to_string());
        browser
    }

    /// Sends one command; `path` is relative to the driver (`/session/...`).
    async fn command(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, DriverError> {
        let request = async {
            let stream = tokio::net::TcpStream::connect(self.address)
                .await
                .map_err(transport)?;
            let (mut sender, connection) =
                hyper::client::conn::http1::handshake(TokioIo::new(stream))
                    .await
                    .map_err(transport)?;
            tokio::spawn(connection);
            let bytes = body.map(|b| b.to_string()).unwrap_or_default();
            let request = hyper::Request::builder()
                .method(method)
                .uri(path)
                .header(hyper::header::HOST, self.address.to_string())
                .header(
                    hyper::header::CONTENT_TYPE,
                    "application/json; charset=utf-8",
                )
                .body(Full::new(Bytes::from(bytes)))
                .map_err(transport)?;
            let response = sender.send_request(request).await.map_err(transport)?;
            let ok = response.status().is_success();
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(transport)?
                .to_bytes();
            let value: Value = serde_json::from_slice(&body).map_err(|e| {
                transport(format!(
                    "{e} in the answer {}",
                    String::from_utf8_lossy(&body)
                ))
            })?;
            let value = value.get("value").cloned().unwrap_or(Value::Null);
            if ok {
                Ok(value)
            } else {
                Err(DriverError {
                    error: value["error"]
                        .as_str()
                        .unwrap_or("unknown error")
                        .to_string(),
                    message: value["message"].as_str().unwrap_or_default().to_string(),
                })
            }
        };
        match tokio::time::timeout(COMMAND_TIMEOUT, request).await {
            Ok(result) => result,
            Err(_) => Err(transport(format!(
                "{method} {path} got no answer within {COMMAND_TIMEOUT:?}"
            ))),
        }
    }

    fn session_path(&self, tail: &str) -> String {
        let id = self.session.as_deref().expect("a session is open");
        format!("/session/{id}{tail}")
    }

    /// Runs a session command that must succeed.
    async fn must(&self, method: &str, tail: &str, body: Option<Value>) -> Value {
        let path = self.session_path(tail);
        self.command(method, &path, body)
            .await
            .unwrap_or_else(|e| panic!("WebDriver {method} {tail} failed: {e}"))
    }

    /// Opens `url` and waits for it to load.
    pub async fn goto(&self, url: &str) {
        self.must("POST", "/url", Some(json!({ "url": url }))).await;
    }

    /// The address of the page shown.
    pub async fn current_url(&self) -> String {
        let url = self.must("GET", "/url", None).await;
        url.as_str().unwrap_or_default().to_string()
    }

    /// The first element matching the CSS selector, if any.
    pub async fn find(&self, css: &str) -> Option<Element> {
        let body = json!({ "using": "css selector", "value": css });
        match self
            .command("POST", &self.session_path("/element"), Some(body))
            .await
        {
            Ok(value) => Some(element(&value)),
            Err(e) if e.error == "no such element" => None,
            Err(e) => panic!("looking for {css:?} failed: {e}"),
        }
    }

    /// Waits for an element matching the CSS selector to exist.
    pub async fn wait_for(&self, css: &str, timeout: Duration) -> Element {
        self.wait_until(
            &format!("an element matching {css:?}"),
            timeout,
            async || self.find(css).await,
        )
        .await
    }

    /// Polls `probe` until it gives a value; panics after `timeout` with what was awaited and
    /// where the browser is.
    pub async fn wait_until<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut probe: impl AsyncFnMut() -> Option<T>,
    ) -> T {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(value) = probe().await {
                return value;
            }
            if Instant::now() >= deadline {
                let url = self.current_url().await;
                panic!("waited {timeout:?} for {what}; the browser shows {url}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The element's rendered text, as a reader sees it.
    pub async fn text(&self, element: &Element) -> String {
        let text = self
            .must("GET", &format!("/element/{}/text", element.0), None)
            .await;
        text.as_str().unwrap_or_default().to_string()
    }

    /// The element's attribute (or property) `name`.
    pub async fn attribute(&self, element: &Element, name: &str) -> Option<String> {
        let value = self
            .must(
                "GET",
                &format!("/element/{}/attribute/{name}", element.0),
                None,
            )
            .await;
        value.as_str().map(str::to_string)
    }

    /// Whether the element is displayed (WebDriver's visibility test).
    pub async fn is_displayed(&self, element: &Element) -> bool {
        let shown = self
            .must("GET", &format!("/element/{}/displayed", element.0), None)
            .await;
        shown.as_bool().unwrap_or(false)
    }

    /// Scrolls the element to the middle of the window, then clicks it as a user would.
    /// chromedriver scrolls by itself but does not wait for a smooth scroll (which the pages
    /// ask for) to end, and then finds its click point covered; an instant scroll first
    /// leaves it nothing to scroll.
    pub async fn click(&self, element: &Element) {
        self.execute(
            "arguments[0].scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});",
            &[Browser::arg(element)],
        )
        .await;
        self.must(
            "POST",
            &format!("/element/{}/click", element.0),
            Some(json!({})),
        )
        .await;
    }

    /// Types `text` into an input or text area, as keystrokes, after clearing it.
    pub async fn type_into(&self, element: &Element, text: &str) {
        self.must(
            "POST",
            &format!("/element/{}/clear", element.0),
            Some(json!({})),
        )
        .await;
        self.must(
            "POST",
            &format!("/element/{}/value", element.0),
            Some(json!({ "text": text })),
        )
        .await;
    }

    /// Resizes the window (the viewport follows), for phone-width screenshots.
    pub async fn set_window_size(&self, width: u32, height: u32) {
        self.must(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        )
        .await;
    }

    /// Saves a PNG of the viewport to `path` (under `target/screenshots/` by convention), so a
    /// person can look at what the test saw.
    pub async fn screenshot(&self, path: &std::path::Path) {
        use base64::Engine;
        let data = self.must("GET", "/screenshot", None).await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap_or_default())
            .expect("a base64 screenshot");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("the screenshot directory");
        }
        std::fs::write(path, png).expect("the screenshot is written");
    }

    /// Runs `script` in the page with `args` (elements are passed as references) and returns
    /// its result.
    pub async fn execute(&self, script: &str, args: &[Value]) -> Value {
        let body = json!({ "script": script, "args": args });
        self.must("POST", "/execute/sync", Some(body)).await
    }

    /// The elements that reach past the right edge of the viewport (tag, class and a little of
    /// their text), so a test can assert that a page needs no sideways scrolling on a phone.
    pub async fn elements_wider_than_viewport(&self) -> Vec<String> {
        let found = self
            .execute(
                "const edge = document.documentElement.clientWidth + 1; \
                 return Array.from(document.querySelectorAll('body *')) \
                   .filter(e => e.getBoundingClientRect().right > edge) \
                   .slice(0, 10) \
                   .map(e => e.tagName.toLowerCase() + '.' + e.className + ': ' \
                     + (e.textContent || '').trim().slice(0, 40));",
                &[],
            )
            .await;
        found
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|item| item.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Screenshots the page shown at a desktop width and at a phone's 390 pixels
    /// (`NAME-desktop.png`, `NAME-phone.png`), asserting that on the phone nothing makes the
    /// page itself scroll sideways (elements described with one of `ignored` excepted), and
    /// returns to the desktop width.
    pub async fn at_both_widths(&self, name: &str, ignored: &[&str]) {
        self.set_window_size(1280, 900).await;
        self.screenshot(&screenshot_path(&format!("{name}-desktop.png")))
            .await;
        self.set_window_size(390, 844).await;
        let overflowing: Vec<String> = self
            .elements_wider_than_viewport()
            .await
            .into_iter()
            .filter(|e| !ignored.iter().any(|i| e.contains(i)))
            .collect();
        assert!(
            overflowing.is_empty(),
            "{name} scrolls sideways on a phone: {overflowing:?}"
        );
        self.screenshot(&screenshot_path(&format!("{name}-phone.png")))
            .await;
        self.set_window_size(1280, 900).await;
    }

    /// An element as a script argument.
    pub fn arg(element: &Element) -> Value {
        json!({ ELEMENT_KEY: element.0 })
    }

    /// Ends the session (Chromium exits) and stops chromedriver.
    pub async fn quit(mut self) {
        if let Some(id) = self.session.take() {
            let ended = self
                .command("DELETE", &format!("/session/{id}"), None)
                .await;
            if let Err(e) = ended {
                eprintln!("ending the browser session failed: {e}");
            }
        }
        // Drop stops chromedriver and anything left in its process group.
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(id) = self.session.take() {
            // Unwinding from a failure: end the session politely so Chromium cleans up, with
            // a blocking request because Drop cannot await.
            end_session_blocking(self.address, &id);
        }
        kill_group(&mut self.driver);
    }
}

fn element(value: &Value) -> Element {
    Element(
        value[ELEMENT_KEY]
            .as_str()
            .unwrap_or_else(|| panic!("not an element reference: {value}"))
            .to_string(),
    )
}

/// A loopback address with a port that nothing listens on now.
fn free_loopback_port() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    listener.local_addr().expect("the port's address")
}

/// Waits for chromedriver to say it is ready, or to exit.
async fn wait_until_ready(driver: &mut Child, address: SocketAddr) -> Result<(), String> {
    let deadline = Instant::now() + DRIVER_START_TIMEOUT;
    loop {
        if let Ok(Some(status)) = driver.try_wait() {
            return Err(format!("it exited with {status}"));
        }
        if status_ready(address).await {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "it did not answer on {address} within {DRIVER_START_TIMEOUT:?}"
            ));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Whether the driver's `/status` says it is ready.
async fn status_ready(address: SocketAddr) -> bool {
    let probe = async {
        let stream = tokio::net::TcpStream::connect(address).await.ok()?;
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .ok()?;
        tokio::spawn(connection);
        let request = hyper::Request::get("/status")
            .header(hyper::header::HOST, address.to_string())
            .body(Full::new(Bytes::new()))
            .ok()?;
        let response = sender.send_request(request).await.ok()?;
        let body = response.into_body().collect().await.ok()?.to_bytes();
        let status: Value = serde_json::from_slice(&body).ok()?;
        status["value"]["ready"].as_bool()
    };
    with_timeout(Duration::from_secs(2), probe)
        .await
        .flatten()
        .unwrap_or(false)
}

async fn with_timeout<T>(limit: Duration, work: impl Future<Output = T>) -> Option<T> {
    tokio::time::timeout(limit, work).await.ok()
}

/// `DELETE /session/{id}` over a plain socket, waiting at most a few seconds.
fn end_session_blocking(address: SocketAddr, id: &str) {
    let Ok(mut stream) = TcpStream::connect_timeout(&address, Duration::from_secs(2)) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
    let request = format!(
        "DELETE /session/{id} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 0\r\n\
         Connection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_ok() {
        // The answer only tells that Chromium has gone; read it so that the wait is real.
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
    }
}

/// Kills chromedriver's process group (the driver and any Chromium it started) and reaps the
/// driver.
fn kill_group(driver: &mut Child) {
    let group = driver.id();
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{group}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let _ = driver.kill();
    let _ = driver.wait();
}

/// The end of chromedriver's log, for failure messages.
fn read_log(path: &Path) -> String {
    let log = std::fs::read_to_string(path).unwrap_or_default();
    let tail: Vec<&str> = log.lines().rev().take(40).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    format!(
        "chromedriver log ({}):\n{}",
        path.display(),
        tail.join("\n")
    )
}
