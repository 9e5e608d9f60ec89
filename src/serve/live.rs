//! Live reload: the state of the last rebuild, shared between the rebuild
//! loop and the connections, the server-sent event stream that tells open
//! pages to reload (or only to swap their stylesheets), and the snippet
//! and error overlay injected into HTML responses. Nothing here is ever
//! written into the output folder.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// The live-reload script, served at [`SCRIPT_PATH`].
pub(crate) const SCRIPT: &str = include_str!("live.js");
pub(crate) const SCRIPT_PATH: &str = "/__touchbase/live.js";
pub(crate) const EVENTS_PATH: &str = "/__touchbase/events";
/// How often an idle event stream sends a comment, so dead clients are noticed.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// What the last rebuild changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Change {
    /// Unknown or too much to list: every page reloads.
    Everything,
    /// These output files (`/`-separated, relative to the output folder).
    Files(Arc<BTreeSet<String>>),
    /// Only stylesheets: pages swap them without reloading.
    Css,
}

/// The event a page receives for one rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    Reload,
    Css,
    /// A rebuild that did not touch this page: only its id is news.
    Unchanged,
}

impl Event {
    fn name(self) -> &'static str {
        match self {
            Event::Reload => "reload",
            Event::Css => "css",
            Event::Unchanged => "built",
        }
    }
}

#[derive(Debug)]
struct State {
    generation: u64,
    change: Change,
    /// The diagnostics of the last build when it failed, as shown in the
    /// terminal.
    errors: Option<Arc<str>>,
}

/// The shared live-reload state.
#[derive(Debug)]
pub(crate) struct Live {
    /// Tells one server run from the next, so a page left open across a
    /// restart reloads.
    instance: String,
    state: Mutex<State>,
    wake: Condvar,
}

impl Live {
    pub(crate) fn new(instance: String, errors: Option<String>) -> Self {
        Self {
            instance,
            state: Mutex::new(State {
                generation: 0,
                change: Change::Everything,
                errors: errors.map(Arc::from),
            }),
            wake: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking holder cannot leave the state half-written: every
        // update is a plain assignment.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records a rebuild and wakes every event stream. Entering, leaving
    /// or changing the error state reloads every page.
    pub(crate) fn publish(&self, change: Change, errors: Option<String>) {
        let mut state = self.lock();
        state.change = match errors.is_some() || state.errors.is_some() {
            true => Change::Everything,
            false => change,
        };
        state.errors = errors.map(Arc::from);
        state.generation += 1;
        drop(state);
        self.wake.notify_all();
    }

    /// The id of the current build, as sent in events: `<instance>-<n>`.
    pub(crate) fn event_id(&self) -> String {
        format!("{}-{}", self.instance, self.lock().generation)
    }

    pub(crate) fn errors(&self) -> Option<Arc<str>> {
        self.lock().errors.clone()
    }

    /// The generation a client has seen, from an event id. An id of
    /// another server run (or garbage) means "stale": reload at once.
    fn seen(&self, id: &str) -> u64 {
        id.rsplit_once('-')
            .filter(|(instance, _)| *instance == self.instance)
            .and_then(|(_, n)| n.parse().ok())
            .unwrap_or(0)
    }

    /// Streams events to one page until the connection breaks. `since` is
    /// the id the page was served with (or last received); `page` is its
    /// output file, `None` when it was not found.
    pub(crate) fn stream(
        &self,
        out: &mut impl Write,
        since: Option<&str>,
        page: Option<&str>,
    ) -> io::Result<()> {
        out.write_all(b"retry: 1000\n\n")?;
        out.flush()?;
        let mut state = self.lock();
        let mut seen = match since {
            Some(id) => self.seen(id),
            None => state.generation,
        };
        if seen > state.generation {
            seen = 0;
        }
        loop {
            while state.generation == seen {
                let (next, timeout) = self
                    .wake
                    .wait_timeout(state, HEARTBEAT)
                    .unwrap_or_else(|e| e.into_inner());
                state = next;
                if timeout.timed_out() && state.generation == seen {
                    drop(state);
                    out.write_all(b": ping\n\n")?;
                    out.flush()?;
                    state = self.lock();
                }
            }
            // Missed a build in between: its change is unknown here.
            let event = match state.generation == seen + 1 {
                true => event_for(&state.change, page),
                false => Event::Reload,
            };
            seen = state.generation;
            drop(state);
            let id = format!("{}-{seen}", self.instance);
            write!(out, "id: {id}\nevent: {}\ndata: {id}\n\n", event.name())?;
            out.flush()?;
            state = self.lock();
        }
    }
}

/// Which event a page gets for a change.
pub(crate) fn event_for(change: &Change, page: Option<&str>) -> Event {
    match (change, page) {
        (Change::Css, _) => Event::Css,
        (Change::Files(files), Some(page)) => {
            // Anything but HTML (a script, an image) may show on any page.
            let only_pages = files.iter().all(|f| f.ends_with(".html"));
            match only_pages && !files.contains(page) {
                true => Event::Unchanged,
                false => Event::Reload,
            }
        }
        _ => Event::Reload,
    }
}

/// Inserts the live-reload script (and the error overlay, if any) before
/// the last `</body>`, or at the end when there is none.
pub(crate) fn inject(html: &[u8], event_id: &str, errors: Option<&str>) -> Vec<u8> {
    let mut snippet = String::new();
    if let Some(errors) = errors {
        snippet.push_str(&overlay(errors));
    }
    snippet.push_str(&format!(
        "<script src=\"{SCRIPT_PATH}\" data-touchbase-id=\"{}\"></script>\n",
        escape(event_id)
    ));
    let at = rfind_ignore_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The error overlay: the diagnostics exactly as the terminal shows them.
pub(crate) fn overlay(errors: &str) -> String {
    format!(
        r#"<div id="touchbase-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.92);color:#f4f4f5;font:16px/1.5 system-ui,sans-serif;padding:2rem">
<div style="max-width:60rem;margin:0 auto">
<div style="display:flex;gap:1rem;align-items:flex-start;justify-content:space-between;margin:0 0 1rem">
<p style="margin:0"><strong style="color:#ff8a80">The last build failed.</strong> These pages are from the last good build; fix the problems below and save, and this message disappears.</p>
<button type="button" data-touchbase-close style="font:inherit;padding:.25rem .75rem">Hide</button>
</div>
<pre style="white-space:pre-wrap;font:14px/1.45 ui-monospace,monospace;background:#000;color:#f4f4f5;padding:1rem;border-radius:4px;margin:0">{}</pre>
</div>
</div>
"#,
        escape(errors)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Change {
        Change::Files(Arc::new(names.iter().map(|s| s.to_string()).collect()))
    }

    #[test]
    fn events_per_page() {
        let page = Some("glossary/crm/index.html");
        assert_eq!(event_for(&Change::Everything, page), Event::Reload);
        assert_eq!(event_for(&Change::Css, page), Event::Css);
        let crm = files(&["glossary/crm/index.html", "glossary/index.html"]);
        assert_eq!(event_for(&crm, page), Event::Reload);
        assert_eq!(event_for(&crm, Some("about/index.html")), Event::Unchanged);
        assert_eq!(event_for(&crm, None), Event::Reload);
        let script = files(&["glossary/index.html", "assets/search.js"]);
        assert_eq!(event_for(&script, Some("about/index.html")), Event::Reload);
    }

    #[test]
    fn injects_before_the_last_body_end() {
        let html = b"<html><body><p>a</p></BODY></html>";
        let out = String::from_utf8(inject(html, "x-1", None)).unwrap();
        assert_eq!(
            out,
            "<html><body><p>a</p><script src=\"/__touchbase/live.js\" data-touchbase-id=\"x-1\"></script>\n</BODY></html>"
        );
        let bare = String::from_utf8(inject(b"text", "x-1", Some("error: <bad>"))).unwrap();
        assert!(
            bare.starts_with("text<div id=\"touchbase-overlay\""),
            "{bare}"
        );
        assert!(bare.contains("error: &lt;bad&gt;"));
        assert!(bare.ends_with("</script>\n"));
    }

    #[test]
    fn errors_reload_every_page() {
        let live = Live::new("a".into(), None);
        live.publish(files(&["x/index.html"]), None);
        assert_eq!(live.lock().change, files(&["x/index.html"]));
        live.publish(files(&["x/index.html"]), Some("error".into()));
        assert_eq!(live.lock().change, Change::Everything);
        assert_eq!(live.errors().as_deref(), Some("error"));
        // Leaving the error state too.
        live.publish(Change::Css, None);
        assert_eq!(live.lock().change, Change::Everything);
        assert_eq!(live.errors(), None);
        assert_eq!(live.event_id(), "a-3");
    }

    /// Collects a stream until it has sent `events` events.
    struct Client {
        text: String,
        events: usize,
    }

    impl Write for Client {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.text.push_str(&String::from_utf8_lossy(buf));
            match self.text.matches("\n\n").count() > self.events {
                true => Err(io::ErrorKind::BrokenPipe.into()),
                false => Ok(buf.len()),
            }
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn stream(live: &Live, since: &str, page: &str) -> String {
        let mut client = Client {
            text: String::new(),
            events: 1,
        };
        let end = live.stream(&mut client, Some(since), Some(page));
        assert!(end.is_err());
        client.text
    }

    #[test]
    fn streams_the_event_for_the_page() {
        let live = Arc::new(Live::new("a".into(), None));
        live.publish(files(&["y/index.html"]), None);
        live.publish(files(&["x/index.html"]), None);
        let reload = "retry: 1000\n\nid: a-2\nevent: reload\ndata: a-2\n\n";
        // One build behind: the last change decides.
        assert_eq!(stream(&live, "a-1", "x/index.html"), reload);
        let built = "retry: 1000\n\nid: a-2\nevent: built\ndata: a-2\n\n";
        assert_eq!(stream(&live, "a-1", "y/index.html"), built);
        // Two builds behind, or from another server run: reload.
        assert_eq!(stream(&live, "a-0", "y/index.html"), reload);
        assert_eq!(stream(&live, "b-2", "y/index.html"), reload);
        // Up to date: wait for the next build.
        let publisher = Arc::clone(&live);
        let thread = std::thread::spawn(move || publisher.publish(Change::Css, None));
        let css = "retry: 1000\n\nid: a-3\nevent: css\ndata: a-3\n\n";
        assert_eq!(stream(&live, "a-2", "y/index.html"), css);
        thread.join().unwrap();
    }

    #[test]
    fn stale_ids_mean_reload() {
        let live = Live::new("a".into(), None);
        assert_eq!(live.seen("a-7"), 7);
        assert_eq!(live.seen("b-7"), 0);
        assert_eq!(live.seen("junk"), 0);
    }
}
