//! The test side of `touchbase serve`: starts the real binary on a free
//! port against a copy of a fixture, and talks to it over raw TCP, so
//! requests no HTTP library would send (traversal, garbage) can be sent.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::files::copy_dir;

/// How long anything may take before a test gives up (a debug build on a
/// busy machine is slow; a passing run waits far less).
pub(crate) const PATIENCE: Duration = Duration::from_secs(60);

pub(crate) const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// A running `touchbase serve`, stopped when dropped. Its temporary
/// folders (`TMPDIR`) live inside the test's own folder.
pub(crate) struct Serve {
    pub(crate) dir: TempDir,
    /// The address the server printed (`127.0.0.1` unless `--bind`).
    pub(crate) host: String,
    pub(crate) port: u16,
    child: Child,
    pub(crate) stdout: Receiver<String>,
}

impl Serve {
    /// Copies `tests/fixtures/<case>` and serves it on a free port.
    pub(crate) fn start(case: &str) -> Serve {
        Serve::start_with(case, |_| {})
    }

    /// Like [`Serve::start`], with `prepare` run on the copied site first.
    pub(crate) fn start_with(case: &str, prepare: impl FnOnce(&Path)) -> Serve {
        Serve::start_command(case, prepare, &[], |_| {})
    }

    /// Like [`Serve::start_with`], with `args` added to `serve --port 0`.
    pub(crate) fn start_args(case: &str, prepare: impl FnOnce(&Path), args: &[&str]) -> Serve {
        Serve::start_command(case, prepare, args, |_| {})
    }

    /// Like [`Serve::start_with`], with environment variables set.
    pub(crate) fn start_env(
        case: &str,
        prepare: impl FnOnce(&Path),
        env: &[(&str, &str)],
    ) -> Serve {
        Serve::start_command(case, prepare, &[], |command| {
            command.envs(env.iter().copied());
        })
    }

    /// Like [`Serve::start_args`], with `adjust` changing the command
    /// (its environment) before it starts.
    pub(crate) fn start_command(
        case: &str,
        prepare: impl FnOnce(&Path),
        args: &[&str],
        adjust: impl FnOnce(&mut Command),
    ) -> Serve {
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy_dir(&Path::new(FIXTURES).join(case), &dir.path().join("site"));
        prepare(&dir.path().join("site"));
        std::fs::create_dir(dir.path().join("tmp")).unwrap();
        let mut all = vec!["--port", "0"];
        all.extend_from_slice(args);
        let mut command = command(dir.path(), &all);
        adjust(&mut command);
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("touchbase serve starts");
        let (sender, stdout) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut serve = Serve {
            dir,
            host: String::new(),
            port: 0,
            child,
            stdout,
        };
        let line = serve.wait_line(|l| l.starts_with("Serving "));
        let url = line.rsplit(" at ").next().unwrap();
        let (host, port) = url
            .strip_prefix("http://")
            .and_then(|rest| rest.strip_suffix('/'))
            .and_then(|rest| rest.rsplit_once(':'))
            .unwrap_or_else(|| panic!("no URL in {line:?}"));
        serve.host = host.to_string();
        serve.port = port.parse().unwrap();
        serve
    }

    /// The full address of a path (`/glossary/crm/`), as a browser opens it.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}:{}{path}", self.host, self.port)
    }

    pub(crate) fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// The folder the server builds into (inside our `TMPDIR`).
    pub(crate) fn output(&self) -> PathBuf {
        let tmp = self.dir.path().join("tmp");
        let folder = std::fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("touchbase-serve-")
            })
            .expect("serve made its output folder in TMPDIR");
        folder.join("site")
    }

    /// Waits for a line of output that `pred` accepts.
    pub(crate) fn wait_line(&mut self, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) if pred(&line) => return line,
                Ok(_) => {}
                Err(e) => panic!("no such line on stdout: {e}"),
            }
        }
    }

    /// Sends raw bytes and returns the whole answer.
    pub(crate) fn raw(&self, request: &[u8]) -> Response {
        let mut stream = TcpStream::connect((self.host.as_str(), self.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream.write_all(request).unwrap();
        // Nothing more is coming: a request cut short is answered now.
        stream.shutdown(std::net::Shutdown::Write).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        Response::parse(&bytes)
    }

    pub(crate) fn request(&self, method: &str, target: &str) -> Response {
        let request = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}:{}\r\nConnection: close\r\n\r\n",
            self.host, self.port
        );
        self.raw(request.as_bytes())
    }

    pub(crate) fn get(&self, target: &str) -> Response {
        self.request("GET", target)
    }

    /// Opens the reload event stream as the page at `page` would.
    pub(crate) fn events(&self, page: &str) -> Events {
        let id = self.get(page).live_id();
        let target = format!("/__touchbase/events?since={id}&page={page}");
        let mut stream = TcpStream::connect((self.host.as_str(), self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        let request = format!(
            "GET {target} HTTP/1.1\r\nHost: localhost:{}\r\nAccept: text/event-stream\r\n\r\n",
            self.port
        );
        stream.write_all(request.as_bytes()).unwrap();
        Events {
            reader: BufReader::new(stream),
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `touchbase serve --root <dir>/site args…` with `TMPDIR=<dir>/tmp`.
pub(crate) fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_touchbase"));
    command
        .arg("serve")
        .arg("--root")
        .arg(dir.join("site"))
        .args(args)
        .env("TMPDIR", dir.join("tmp"))
        .env_remove("TOUCHBASE_LOG")
        .stdin(Stdio::null());
    command
}

/// What a `serve` that must end by itself printed.
#[derive(Debug)]
pub(crate) struct Ended {
    pub(crate) status: Option<i32>,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// Runs `command` to its end; a server that keeps running is stopped
/// after [`PATIENCE`] and fails the test.
pub(crate) fn run_to_end(mut command: Command) -> Ended {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("touchbase serve starts");
    let (sender, done) = mpsc::channel();
    for pipe in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ]
    .into_iter()
    .enumerate()
    {
        let sender = sender.clone();
        std::thread::spawn(move || {
            let (which, mut pipe) = pipe;
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            let _ = sender.send((which, text));
        });
    }
    let mut out = [String::new(), String::new()];
    for _ in 0..2 {
        match done.recv_timeout(PATIENCE) {
            Ok((which, text)) => out[which] = text,
            Err(_) => {
                let _ = child.kill();
                panic!("touchbase serve did not end");
            }
        }
    }
    let status = child.wait().expect("waiting for touchbase serve").code();
    let [stdout, stderr] = out;
    Ended {
        status,
        stdout,
        stderr,
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) head: String,
    pub(crate) body: String,
}

impl Response {
    fn parse(bytes: &[u8]) -> Response {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status in {head:?}"));
        Response {
            status,
            head: head.to_string(),
            body: body.to_string(),
        }
    }

    /// A header's value (name matched without regard to case).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    /// The build id the live-reload snippet of an HTML page carries.
    pub(crate) fn live_id(&self) -> String {
        let (_, rest) = self
            .body
            .split_once("data-touchbase-id=\"")
            .unwrap_or_else(|| panic!("no live-reload snippet in {}", self.body));
        rest.split('"').next().unwrap().to_string()
    }
}

/// A server-sent event stream.
pub(crate) struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The name of the next event other than `built` (a rebuild that did
    /// not touch the page), or `None` when none came in time.
    pub(crate) fn next(&mut self) -> Option<String> {
        let deadline = Instant::now() + PATIENCE;
        let mut name = None;
        while Instant::now() < deadline {
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue;
                }
                Err(e) => panic!("reading events: {e}"),
            }
            let line = line.trim_end();
            if let Some(event) = line.strip_prefix("event: ") {
                name = Some(event.to_string());
            } else if line.is_empty() {
                match name.take() {
                    Some(event) if event != "built" => return Some(event),
                    _ => {}
                }
            }
        }
        None
    }
}

/// Waits for reload events until `probe` finds what it looks for; the
/// first event must come, and be a `reload`.
pub(crate) fn after_reload<T>(events: &mut Events, mut probe: impl FnMut() -> Option<T>) -> T {
    assert_eq!(events.next().as_deref(), Some("reload"), "a reload event");
    loop {
        if let Some(found) = probe() {
            return found;
        }
        // An edit seen in two parts rebuilds twice: wait for the next.
        assert!(events.next().is_some(), "gave up waiting for the rebuild");
    }
}
