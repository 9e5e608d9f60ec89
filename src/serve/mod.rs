//! `touchbase serve`: builds the site into a private folder, serves it over
//! HTTP on the local machine, and rebuilds whenever a source changes. Open
//! pages reload by themselves; when an edit breaks the site, the last good
//! pages stay up with the errors shown on top of them.
//!
//! Threads: the main thread watches and rebuilds ([`watch`], then
//! [`crate::session`]); one thread accepts connections and waits for their
//! request heads ([`waiting`]), and each complete request gets a thread of
//! its own ([`server`]); they share the reload state ([`live`]).

mod files;
mod http;
mod live;
mod output;
mod server;
mod waiting;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::build::Options;
use crate::cmd::{eprint, format_diagnostics, print};
use crate::diagnostic;
use crate::session::{Outcome, Session};
use live::Live;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
}

/// Serves until the process is stopped. Returns only on failure (a port
/// in use, a missing `touchbase.toml`, the watcher giving up).
pub fn run(config: &Config) -> Result<std::convert::Infallible> {
    let root = crate::fs::canonicalize(&config.root)?;
    // A missing touchbase.toml ends here; problems inside it are shown
    // like any content error.
    let _ = crate::build::read_config(&root)?;
    let listener = TcpListener::bind((config.bind, config.port)).with_context(|| {
        format!(
            "cannot listen on {}\n  hint: another program uses this port; pick another with --port, or --port 0 for any free one",
            SocketAddr::new(config.bind, config.port)
        )
    })?;
    let addr = listener
        .local_addr()
        .context("reading the server's address")?;
    let url = format!("http://{}/", shown_addr(addr));
    let output = output::Folder::create(&root, addr)?;
    let mut session = Session::new(Options {
        root: root.clone(),
        output: Some(output.site().to_path_buf()),
        base_url: Some(url.clone()),
        drafts: config.drafts,
        write: true,
    });
    let started = Instant::now();
    let first = session.build()?;
    let errors = report(&first, None, started);
    let live = Arc::new(Live::new(instance_id(), errors));
    // Watch before serving: no edit made after the URL appears is missed.
    let mut watcher = watch::Watcher::new(&root, output.path())?;
    let server = Arc::new(server::Server {
        output: output.site().to_path_buf(),
        live: Arc::clone(&live),
        local_only: addr.ip().is_loopback(),
        active: AtomicUsize::new(0),
    });
    let limits = limits();
    std::thread::Builder::new()
        .name("touchbase-accept".into())
        .spawn(move || {
            if let Err(e) = waiting::run(listener, server, limits) {
                eprint(&format!(
                    "error: the server stopped accepting connections: {e}\n"
                ));
                std::process::exit(2);
            }
        })
        .context("starting the server thread")?;
    print(&format!(
        "Serving {} at {url}\nWatching for changes; press Ctrl-C to stop.\n",
        root.display()
    ));
    if addr.ip().is_unspecified() {
        print(&format!(
            "Listening on every network interface, port {}.\n",
            addr.port()
        ));
    }
    if config.open {
        open_browser(&url);
    }
    loop {
        // Work that can wait (the search index after an edit) starts once
        // no change has come for a moment, beside the rebuilds: a change
        // that comes meanwhile is rebuilt at once and calls it off.
        let wait = match (session.indexing(), session.pending()) {
            (true, _) => Some(INDEX_POLL),
            (false, true) => Some(QUIET),
            (false, false) => None,
        };
        let Some(batch) = watcher.next_within(wait)? else {
            match session.indexing() {
                true => {
                    if let Some(Err(e)) = session.poll_index() {
                        eprint(&format!("error: {e:#}\n"));
                    }
                }
                false => session.idle(),
            }
            continue;
        };
        let (change, errors) = rebuild(&mut session, &root, batch);
        live.publish(change, errors);
    }
}

/// How long a request head may take to arrive: a few seconds, or what the
/// internal variable `TOUCHBASE_SERVE_HEAD_TIMEOUT_MS` says (for tests).
/// As many connections may wait for theirs as file descriptors allow.
fn limits() -> waiting::Limits {
    let head_timeout = std::env::var("TOUCHBASE_SERVE_HEAD_TIMEOUT_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(HEAD_TIMEOUT, std::time::Duration::from_millis);
    // Descriptors for files, the watcher and the answering threads.
    let reserve = 128 + server::MAX_ACTIVE;
    waiting::Limits {
        head_timeout,
        max_waiting: raise_descriptor_limit()
            .saturating_sub(reserve)
            .clamp(64, 100_000),
    }
}

/// How long no change must come before the search index is brought up to
/// date after an edit.
const QUIET: std::time::Duration = std::time::Duration::from_millis(300);
/// How often to look whether the search index is done.
const INDEX_POLL: std::time::Duration = std::time::Duration::from_millis(50);

/// How long a connection may take to send its request head.
const HEAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Raises this process's limit of open files to the most allowed (as Go
/// does for every program) and returns it.
fn raise_descriptor_limit() -> usize {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: both calls only read or write the struct passed.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
                return 1024;
            }
            if limit.rlim_cur < limit.rlim_max {
                let raised = libc::rlimit {
                    rlim_cur: limit.rlim_max,
                    rlim_max: limit.rlim_max,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                    limit = raised;
                }
            }
        }
        usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX)
    }
    #[cfg(not(unix))]
    {
        1024
    }
}

/// Rebuilds after a batch of changes and prints how it went; returns what
/// changed and the overlay text when the build failed.
fn rebuild(
    session: &mut Session,
    root: &Path,
    batch: watch::Batch,
) -> (live::Change, Option<String>) {
    let started = Instant::now();
    let (outcome, changed) = match batch {
        watch::Batch::Everything => (session.build(), Vec::new()),
        watch::Batch::Files(paths) => (session.rebuild(&paths), paths),
    };
    match outcome {
        Ok(outcome) => {
            let errors = report(&outcome, Some(&relative(root, &changed)), started);
            (change_of(&outcome), errors)
        }
        // An operational failure (touchbase.toml deleted, a folder
        // unreadable): show it like content errors, keep serving.
        Err(e) => {
            let text = format!("error: {e:#}\n");
            eprint(&text);
            print("Rebuild failed; still serving the last good build.\n");
            (live::Change::Everything, Some(text))
        }
    }
}

/// Prints the outcome of the first build (`changed` is `None`) or of a
/// rebuild; returns the overlay text when it failed.
fn report(outcome: &Outcome, changed: Option<&[String]>, started: Instant) -> Option<String> {
    let diagnostics = &outcome.report.diagnostics;
    let text = format_diagnostics(diagnostics);
    eprint(&text);
    let ms = started.elapsed().as_millis();
    let what = match changed.unwrap_or_default() {
        [] => String::new(),
        [one] => format!(" after a change to {one}"),
        [first, rest @ ..] => format!(" after changes to {first} and {} more", rest.len()),
    };
    if outcome.report.has_errors() {
        let failed = format!("Build failed{what}: {}.", diagnostic::summary(diagnostics));
        print(&format!(
            "{failed} Still serving the last good build; the browser shows the errors.\n"
        ));
        return Some(format!("{text}{failed}\n"));
    }
    let warnings = match diagnostics.is_empty() {
        true => String::new(),
        false => format!(", {}", diagnostic::summary(diagnostics)),
    };
    let verb = match changed {
        None => "Built",
        Some(_) => "Rebuilt",
    };
    print(&format!(
        "{verb} {} pages in {ms} ms{what}{warnings}\n",
        outcome.report.pages
    ));
    None
}

fn change_of(outcome: &Outcome) -> live::Change {
    if outcome.css_only {
        return live::Change::Css;
    }
    // After an incremental rebuild the list is exact, even when empty (a
    // save without changes); otherwise empty means unknown.
    match outcome.incremental || !outcome.changed.is_empty() {
        true => live::Change::Files(Arc::new(outcome.changed.iter().cloned().collect())),
        false => live::Change::Everything,
    }
}

/// Paths as the user knows them: relative to the site, with `/`.
fn relative(root: &Path, paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| {
            p.strip_prefix(root)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// The address to show and to build links with: a server listening on
/// every interface is reached locally through the loopback address.
fn shown_addr(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => SocketAddr::from(([127, 0, 0, 1], addr.port())),
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(std::net::Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        _ => addr,
    }
}

/// Tells this server run from earlier ones (see [`Live`]).
fn instance_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{:x}{:x}", std::process::id(), nanos)
}

/// Opens `url` in the default browser; a failure is only a warning.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match command.spawn() {
        // Reap it in the background so it does not linger as a zombie.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(e) => eprint(&format!(
            "warning: could not open a browser ({e}); open {url} yourself\n"
        )),
    }
}

/// The request side of the server for [`crate::fuzzing::request`].
pub(crate) mod fuzzing {
    use std::path::{Path, PathBuf};

    use super::files::{self, Target};
    use super::{http, live, server};

    /// Parses a request head from `input` and resolves its path inside
    /// `root`: the refusal's status line, or the file it names.
    pub(crate) fn request(input: &[u8], root: &Path) -> (Option<&'static str>, Option<PathBuf>) {
        // The live-reload snippet goes into any HTML, however malformed.
        let _ = live::inject(input, "1", Some("<b>error</b>"));
        let request = match http::read_request(&mut crate::fuzzing::cursor(input)) {
            Ok(Some(Ok(request))) => request,
            Ok(Some(Err(refusal))) => return (Some(refusal.status.line()), None),
            Ok(None) | Err(_) => return (Some("no request"), None),
        };
        let _ = server::is_local_host(request.host.as_deref().unwrap_or_default());
        if let Some((_, query)) = request.target.split_once('?') {
            for pair in query.split('&') {
                let _ = files::percent_decode(pair);
            }
        }
        let path = match files::decode(&request.target) {
            Ok(path) => path,
            Err(bad) => return (Some(bad.0), None),
        };
        match files::resolve(root, &path) {
            Target::File(file) => (None, Some(file)),
            Target::Redirect(_) | Target::NotFound | Target::Forbidden => (None, None),
        }
    }
}
