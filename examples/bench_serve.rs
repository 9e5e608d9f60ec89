//! Measures `touchbase serve` the way an author feels it: the time from
//! saving a file to the reload event reaching an open page.
//!
//! ```text
//! cargo run --release --example bench_serve -- --site DIR [--bin PATH] \
//!     [--edits 20] [--hub-edits 5] [--save-every MS]
//! ```
//!
//! Starts `touchbase serve --port 0` on the site (edited in place; every
//! file is restored at the end), listens to the page's event stream, then
//! 1. edits the text of one term `--edits` times, and
//! 2. edits the description of the term most pages link to (it shows in
//!    the tooltip of every link to it) `--hub-edits` times,
//!
//! 3. with `--save-every MS`, edits the text of the first term again, one
//!    save every MS milliseconds however long the reload takes (an author
//!    saving quickly), so rebuilds meet the search index of the previous
//!    save,
//!
//! and prints a markdown table: median, fastest and slowest time from the
//! write to the `reload` event, and the server's own rebuild time.
//! Standard library only; see `scripts/bench-serve.sh`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(300);

struct Options {
    site: PathBuf,
    bin: PathBuf,
    edits: usize,
    hub_edits: usize,
    save_every: Option<Duration>,
}

fn main() {
    let opts = parse_args().unwrap_or_else(|e| {
        eprintln!("bench_serve: {e}\nusage: bench_serve --site DIR [--bin PATH] [--edits N] [--hub-edits N] [--save-every MS]");
        std::process::exit(2);
    });
    let glossary = opts.site.join("content/glossary");
    let mut terms: Vec<PathBuf> = std::fs::read_dir(&glossary)
        .expect("the site has content/glossary")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md") && !p.to_string_lossy().ends_with(".en.md")
        })
        .collect();
    terms.sort();
    let term = terms[terms.len() / 2].clone();
    let (hub, links) = most_linked(&opts.site, &terms);
    eprintln!(
        "term: {}\nhub: {} (named {links} times elsewhere)",
        term.display(),
        hub.display()
    );

    let mut server = Server::start(&opts);
    let mut rows = Vec::new();
    let mut edit_body = |text: &str, i: usize| format!("{text}\nBench edit {i}.\n");
    rows.push(server.measure(
        "one term, its text",
        &term,
        opts.edits,
        None,
        &mut edit_body,
    ));
    let mut edit_description = |text: &str, i: usize| {
        text.replacen(
            "description = \"",
            &format!("description = \"Bench {i}: "),
            1,
        )
    };
    let label = format!("most-linked term (named {links} times), its description");
    rows.push(server.measure(&label, &hub, opts.hub_edits, None, &mut edit_description));
    if let Some(every) = opts.save_every {
        let label = format!("one term, its text, a save every {} ms", every.as_millis());
        rows.push(server.measure(&label, &term, opts.edits, Some(every), &mut edit_body));
    }
    drop(server);

    println!(
        "| change | edits | save → reload event, median | fastest | slowest | server's rebuild, median |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for row in rows {
        println!("{row}");
    }
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut opts = Options {
        site: PathBuf::new(),
        bin: PathBuf::from("target/release/touchbase"),
        edits: 20,
        hub_edits: 5,
        save_every: None,
    };
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--site" => opts.site = value()?.into(),
            "--bin" => opts.bin = value()?.into(),
            "--edits" => opts.edits = value()?.parse().map_err(|_| "--edits: not a number")?,
            "--hub-edits" => {
                opts.hub_edits = value()?.parse().map_err(|_| "--hub-edits: not a number")?;
            }
            "--save-every" => {
                let ms = value()?.parse().map_err(|_| "--save-every: not a number")?;
                opts.save_every = Some(Duration::from_millis(ms));
            }
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    if !opts.site.join("touchbase.toml").is_file() {
        return Err("--site must name a folder holding touchbase.toml".into());
    }
    if opts.edits == 0 || opts.hub_edits == 0 {
        return Err("--edits and --hub-edits must be at least 1".into());
    }
    Ok(opts)
}

/// The term named most often by other files — in `[[…]]` links (by title
/// or alias) and in `related` and `terms` lists — and that number.
fn most_linked(site: &Path, terms: &[PathBuf]) -> (PathBuf, usize) {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for dir in ["glossary", "touchpoints", "journeys"] {
        let Ok(entries) = std::fs::read_dir(site.join("content").join(dir)) else {
            continue;
        };
        for entry in entries {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
            for part in text.split("[[").skip(1) {
                let target = part.split(['|', '#', ']']).next().unwrap_or_default();
                *counts.entry(target.to_lowercase()).or_default() += 1;
            }
            for line in text.lines() {
                if line.starts_with("related = [") || line.starts_with("terms = [") {
                    for name in quoted(line) {
                        *counts.entry(name.to_lowercase()).or_default() += 1;
                    }
                }
            }
        }
    }
    terms
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let names = text
                .lines()
                .filter(|l| l.starts_with("title = ") || l.starts_with("aliases = ["))
                .flat_map(quoted);
            let n = names
                .map(|name| counts.get(&name.to_lowercase()).copied().unwrap_or(0))
                .sum();
            (path.clone(), n)
        })
        .max_by_key(|(_, n)| *n)
        .expect("the site has terms")
}

/// The double-quoted strings of a TOML line (no escapes in generated names).
fn quoted(line: &str) -> impl Iterator<Item = String> + '_ {
    line.split('"').skip(1).step_by(2).map(str::to_string)
}

/// A running `touchbase serve` and its output lines.
struct Server {
    child: Child,
    port: u16,
    lines: Receiver<String>,
}

impl Server {
    fn start(opts: &Options) -> Server {
        let started = Instant::now();
        let mut child = Command::new(&opts.bin)
            .args(["serve", "--port", "0", "--root"])
            .arg(&opts.site)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("touchbase serve starts");
        let (sender, lines) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        let mut server = Server {
            child,
            port: 0,
            lines,
        };
        let line = server.line(|l| l.starts_with("Serving "));
        let port = line.rsplit(':').next().unwrap().trim_end_matches('/');
        server.port = port.parse().expect("a port in the Serving line");
        eprintln!("serving after {:.1} s", started.elapsed().as_secs_f64());
        server
    }

    fn line(&mut self, pred: impl Fn(&str) -> bool) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(PATIENCE)
                .expect("serve is still running");
            if pred(&line) {
                return line;
            }
        }
    }

    /// Edits `file` `n` times with `edit` and times each until the reload
    /// event; returns a table row.
    fn measure(
        &mut self,
        label: &str,
        file: &Path,
        n: usize,
        every: Option<Duration>,
        edit: &mut dyn FnMut(&str, usize) -> String,
    ) -> String {
        let original = std::fs::read_to_string(file).unwrap();
        let page = format!("/glossary/{}/", file.file_stem().unwrap().to_string_lossy());
        let events = self.events(&page);
        let mut waits = Vec::new();
        let mut rebuilds = Vec::new();
        let mut last: Option<Instant> = None;
        for i in 1..=n {
            let text = edit(&original, i);
            // Paced saves: the next one when its time has come.
            if let (Some(every), Some(last)) = (every, last) {
                std::thread::sleep(every.saturating_sub(last.elapsed()));
            }
            let saved = Instant::now();
            last = Some(saved);
            std::fs::write(file, text).unwrap();
            let reloaded = loop {
                let (at, event) = events.recv_timeout(PATIENCE).expect("a reload event");
                if event == "reload" {
                    break at;
                }
            };
            let wait = reloaded.duration_since(saved).as_secs_f64() * 1000.0;
            waits.push(wait);
            let line = self.line(|l| l.starts_with("Rebuilt ") || l.starts_with("Build failed"));
            rebuilds.push(
                rebuild_ms(&line).unwrap_or_else(|| panic!("the edit broke the build: {line}")),
            );
            eprintln!("{label} #{i}: {wait:.0} ms ({line})");
        }
        std::fs::write(file, &original).unwrap();
        // Let the restore rebuild finish before anything else is timed.
        let _ = events.recv_timeout(PATIENCE);
        self.line(|l| l.starts_with("Rebuilt ") || l.starts_with("Build failed"));
        waits.sort_by(f64::total_cmp);
        rebuilds.sort_by(f64::total_cmp);
        format!(
            "| {label} | {n} | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms |",
            median(&waits),
            waits[0],
            waits[n - 1],
            median(&rebuilds)
        )
    }

    /// Subscribes to the event stream as the page at `page` would; events
    /// arrive with the moment they were read.
    fn events(&self, page: &str) -> Receiver<(Instant, String)> {
        let id = {
            let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
            let request =
                format!("GET {page} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            stream.write_all(request.as_bytes()).unwrap();
            let mut body = String::new();
            stream.read_to_string(&mut body).unwrap();
            let (_, rest) = body
                .split_once("data-touchbase-id=\"")
                .expect("the live-reload snippet");
            rest.split('"').next().unwrap().to_string()
        };
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let request = format!(
            "GET /__touchbase/events?since={id}&page={page} HTTP/1.1\r\nHost: localhost\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).unwrap();
        let (sender, events) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(event) = line.strip_prefix("event: ") {
                    if sender.send((Instant::now(), event.to_string())).is_err() {
                        break;
                    }
                }
            }
        });
        events
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `Rebuilt 3 pages in 41 ms after …` → 41.
fn rebuild_ms(line: &str) -> Option<f64> {
    let (_, rest) = line.split_once(" in ")?;
    rest.split(" ms").next()?.parse().ok()
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    match n % 2 {
        1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}
