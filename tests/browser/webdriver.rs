//! A minimal WebDriver client for the browser tests: starts
//! `chromedriver` (headless Chromium, a fresh profile), speaks the W3C
//! protocol as JSON over plain HTTP on 127.0.0.1, and ends both processes
//! when dropped. Reusable by every browser test group.

use std::io::{BufRead, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";
pub(crate) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// WebDriver's key codes for `send_keys`.
pub(crate) mod keys {
    pub(crate) const TAB: &str = "\u{E004}";
    pub(crate) const ENTER: &str = "\u{E007}";
    pub(crate) const ESCAPE: &str = "\u{E00C}";
    pub(crate) const ARROW_UP: &str = "\u{E013}";
    pub(crate) const ARROW_DOWN: &str = "\u{E015}";
    pub(crate) const ARROW_RIGHT: &str = "\u{E014}";
}

/// Whether Chromium and its driver are installed. When they are not, the
/// browser tests skip, saying so past the harness's output capture
/// ([`crate::skip`]) — unless `CI=true`, `TOUCHBASE_REQUIRE_BROWSER=1` or
/// `TOUCHBASE_REQUIRE_TOOLS=1`, where a missing browser fails them.
pub(crate) fn available() -> bool {
    let found = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if !found {
        crate::skip::skip(
            "the browser tests (tests/browser.rs)",
            &format!("{CHROMIUM} or {CHROMEDRIVER} is missing"),
            "apt-get install chromium chromium-driver",
            &["TOUCHBASE_REQUIRE_BROWSER"],
        );
    }
    found
}

/// Notes that the running test drove a real browser: its name is added
/// to the file `TOUCHBASE_BROWSER_RAN` names (when set), one line per
/// test, which `.ci/run` counts against `cargo test --test browser --
/// --list`. [`Browser::start`] calls it; a browser test that drives
/// Chromium some other way calls it itself.
pub(crate) fn ran() {
    let Some(log) = std::env::var_os("TOUCHBASE_BROWSER_RAN") else {
        return;
    };
    let name = std::thread::current()
        .name()
        .unwrap_or("unnamed test")
        .to_string();
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .unwrap_or_else(|e| panic!("opening {}: {e}", Path::new(&log).display()));
    file.write_all(format!("{name}\n").as_bytes())
        .unwrap_or_else(|e| panic!("writing {}: {e}", Path::new(&log).display()));
}

/// How a browser starts.
#[derive(Debug, Default, Clone)]
pub(crate) struct Options {
    /// Run the page without JavaScript.
    pub(crate) no_script: bool,
}

/// One headless browser session.
pub(crate) struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.call("DELETE", &format!("/session/{}", self.session), None);
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// An element reference.
#[derive(Debug, Clone)]
pub(crate) struct Element(String);

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    /// Starts chromedriver on a free port and opens a session.
    pub(crate) fn start(options: &Options) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = tempfile::tempdir().expect("a profile folder");
        let mut browser = Self {
            driver,
            port,
            session: String::new(),
            _profile: profile,
        };
        browser.wait_until_ready();
        let mut args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--no-first-run".into(),
            "--window-size=1200,900".into(),
            format!("--user-data-dir={}", browser._profile.path().display()),
        ];
        if options.no_script {
            args.push("--blink-settings=scriptEnabled=false".into());
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
            "timeouts": {"script": 15000, "pageLoad": 30000},
        }}});
        let reply = browser
            .call("POST", "/session", Some(caps))
            .unwrap_or_else(|e| panic!("no browser session: {e}"));
        browser.session = reply["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {reply}"))
            .to_string();
        ran();
        browser
    }

    /// chromedriver takes a moment to listen; ask its status until it
    /// answers (bounded: 20 s).
    fn wait_until_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(reply) = self.call("GET", "/status", None) {
                if reply["ready"] == true {
                    return;
                }
            }
            if let Ok(Some(status)) = self.driver.try_wait() {
                panic!("chromedriver exited: {status}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("chromedriver did not start within 20 s");
    }

    /// One WebDriver command; the `value` of its answer.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        // A hung browser fails the test instead of stalling the run.
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .map_err(|e| e.to_string())?;
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        )
        .map_err(|e| e.to_string())?;
        let body = read_reply(&mut stream)?;
        let reply: Value = serde_json::from_str(&body).map_err(|e| format!("{e}: {body}"))?;
        if let Some(error) = reply["value"].get("error") {
            return Err(format!("{error}: {}", reply["value"]["message"]));
        }
        Ok(reply["value"].clone())
    }

    fn session_call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        self.call(method, &path, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub(crate) fn goto(&self, url: &str) {
        self.session_call("POST", "/url", Some(json!({ "url": url })));
    }

    pub(crate) fn url(&self) -> String {
        self.session_call("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and
    /// returns what it returns.
    pub(crate) fn run(&self, script: &str, args: Value) -> Value {
        self.session_call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Runs `script` asynchronously: it ends by calling
    /// `arguments[arguments.length - 1]` with its result.
    pub(crate) fn run_async(&self, script: &str, args: Value) -> Value {
        self.session_call(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Waits until the JavaScript expression `condition` is truthy (checked
    /// on every animation frame, inside the page) and returns its value;
    /// panics with `what` after 10 s.
    pub(crate) fn wait_for(&self, condition: &str, what: &str) -> Value {
        let script = format!(
            "const done = arguments[arguments.length - 1], end = Date.now() + 10000;
             const check = () => {{
               let v; try {{ v = ({condition}); }} catch (e) {{ v = null; }}
               if (v) done(v); else if (Date.now() > end) done(null); else requestAnimationFrame(check);
             }};
             check();"
        );
        let value = self.session_call(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": [] })),
        );
        assert!(
            !value.is_null(),
            "timed out waiting for {what} ({condition})"
        );
        value
    }

    /// Like [`Browser::wait_for`], while the page may reload: a check cut
    /// short by the page going away is tried again on the new page, until
    /// `condition` holds (panics with `what` after 30 s).
    pub(crate) fn wait_across_reload(&self, condition: &str, what: &str) -> Value {
        let script = format!(
            "const done = arguments[arguments.length - 1], end = Date.now() + 2000;
             const check = () => {{
               let v; try {{ v = ({condition}); }} catch (e) {{ v = null; }}
               if (v) done(v); else if (Date.now() > end) done(null); else requestAnimationFrame(check);
             }};
             check();"
        );
        let path = format!("/session/{}/execute/async", self.session);
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            // An error is the page unloading during the check.
            if let Ok(value) =
                self.call("POST", &path, Some(json!({ "script": script, "args": [] })))
            {
                if !value.is_null() {
                    return value;
                }
            }
        }
        panic!("timed out waiting for {what} ({condition})");
    }

    pub(crate) fn find(&self, css: &str) -> Element {
        let found = self.session_call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        Element(
            found[ELEMENT_KEY]
                .as_str()
                .unwrap_or_else(|| panic!("no element {css}"))
                .to_string(),
        )
    }

    /// Types into an element (use [`keys`] for special keys).
    pub(crate) fn send_keys(&self, element: &Element, text: &str) {
        self.session_call(
            "POST",
            &format!("/element/{}/value", element.0),
            Some(json!({ "text": text })),
        );
    }

    pub(crate) fn click(&self, element: &Element) {
        self.session_call(
            "POST",
            &format!("/element/{}/click", element.0),
            Some(json!({})),
        );
    }

    /// Sends a Chrome DevTools Protocol command (chromedriver's
    /// `goog/cdp/execute`), e.g. to emulate a colour scheme.
    pub(crate) fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.session_call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({ "cmd": cmd, "params": params })),
        )
    }

    /// Makes the page see `prefers-color-scheme: <scheme>` (`light` or
    /// `dark`) from now on, without reloading it.
    pub(crate) fn color_scheme(&self, scheme: &str) {
        self.cdp(
            "Emulation.setEmulatedMedia",
            json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
        );
    }

    /// Moves a pointer of `kind` (`mouse`, `touch`, `pen`) onto the centre
    /// of `element` and, with `press`, presses and releases it there (a
    /// click, or a tap); WebDriver actions, so the page sees the events a
    /// real device sends (`pointerType` included).
    pub(crate) fn pointer(&self, kind: &str, element: &Element, press: bool) {
        let mut actions = vec![json!({
            "type": "pointerMove", "duration": 0, "x": 0, "y": 0,
            "origin": { ELEMENT_KEY: element.0 },
        })];
        if press {
            actions.push(json!({"type": "pointerDown", "button": 0}));
            actions.push(json!({"type": "pointerUp", "button": 0}));
        }
        self.session_call(
            "POST",
            "/actions",
            Some(json!({"actions": [{
                "type": "pointer", "id": kind,
                "parameters": {"pointerType": kind}, "actions": actions,
            }]})),
        );
    }

    /// Presses keys wherever the focus is (the page, not an element).
    pub(crate) fn press(&self, text: &str) {
        let mut actions = Vec::new();
        for c in text.chars() {
            actions.push(json!({"type": "keyDown", "value": c.to_string()}));
            actions.push(json!({"type": "keyUp", "value": c.to_string()}));
        }
        self.session_call(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
    }
}

/// Reads one HTTP reply and returns its body. chromedriver keeps the
/// connection open, so the body is read by its `Content-Length` (or its
/// chunks), never to the end of the stream.
fn read_reply(stream: &mut TcpStream) -> Result<String, String> {
    let mut reader = std::io::BufReader::new(stream);
    let mut length = None;
    let mut chunked = false;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
            return Err("the connection closed early".into());
        }
        let header = line.trim_end().to_ascii_lowercase();
        if header.is_empty() {
            break;
        }
        if let Some(v) = header.strip_prefix("content-length:") {
            length = v.trim().parse::<usize>().ok();
        }
        chunked |= header.starts_with("transfer-encoding:") && header.contains("chunked");
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            line.clear();
            reader.read_line(&mut line).map_err(|e| e.to_string())?;
            let size = usize::from_str_radix(line.trim(), 16).map_err(|e| e.to_string())?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).map_err(|e| e.to_string())?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(n) = length {
        body.resize(n, 0);
        reader.read_exact(&mut body).map_err(|e| e.to_string())?;
    } else {
        reader.read_to_end(&mut body).map_err(|e| e.to_string())?;
    }
    String::from_utf8(body).map_err(|e| e.to_string())
}
