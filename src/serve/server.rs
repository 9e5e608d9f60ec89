//! The HTTP side of `serve`: answers `GET`/`HEAD` with files of the
//! output folder, adds the live-reload snippet to HTML, and streams reload
//! events. Connections wait for their request head in [`super::waiting`];
//! each complete head gets a thread (a bounded number at a time) that
//! answers it and hands a kept-alive connection back. A malformed request
//! gets a 4xx answer and costs only its own connection.

use std::io::{self, Cursor, Read, Write};
use std::net::{IpAddr, Shutdown, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::files::{self, Target};
use super::http::{self, Head, Method, Request, Status};
use super::live::{self, Live};
use super::waiting::Back;

/// Requests answered at once (event streams included); more get 503.
pub(crate) const MAX_ACTIVE: usize = 256;
/// How long a client may stall reading an answer.
const STALL: Duration = Duration::from_secs(30);

/// What the connection threads share.
#[derive(Debug)]
pub(crate) struct Server {
    pub(crate) output: PathBuf,
    pub(crate) live: Arc<Live>,
    /// Bound to a loopback address: only answer requests for a local host
    /// name, so a web page cannot read the preview through DNS rebinding.
    pub(crate) local_only: bool,
    pub(crate) active: AtomicUsize,
}

impl Server {
    /// Answers the request whose head is `head` on a thread of its own;
    /// `rest` was read past the head. A kept-alive connection goes `back`.
    pub(crate) fn dispatch(
        self: Arc<Self>,
        mut stream: TcpStream,
        head: Vec<u8>,
        rest: Vec<u8>,
        back: Back,
    ) {
        if self.active.fetch_add(1, Ordering::SeqCst) >= MAX_ACTIVE {
            self.active.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.set_nonblocking(false);
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = refuse(
                &mut stream,
                Status::ServiceUnavailable,
                "too many requests at once",
                None,
            );
            let _ = stream.shutdown(Shutdown::Both);
            return;
        }
        let server = Arc::clone(&self);
        let spawned = std::thread::Builder::new()
            .name("touchbase-http".into())
            .spawn(move || {
                if let Some(kept) = server.answer(stream, &head) {
                    back.send((kept, rest));
                }
                server.active.fetch_sub(1, Ordering::SeqCst);
            });
        if let Err(e) = spawned {
            self.active.fetch_sub(1, Ordering::SeqCst);
            crate::cmd::eprint(&format!("warning: starting a connection thread: {e}\n"));
        }
    }

    /// Answers one request; returns the connection when it stays open.
    fn answer(&self, mut stream: TcpStream, head: &[u8]) -> Option<TcpStream> {
        match self.serve(&mut stream, head) {
            Ok(true) => Some(stream),
            Ok(false) => {
                close(stream);
                None
            }
            Err(e) => {
                // A client that went away is no news; anything else is.
                if !matches!(
                    e.kind(),
                    io::ErrorKind::BrokenPipe
                        | io::ErrorKind::ConnectionReset
                        | io::ErrorKind::ConnectionAborted
                        | io::ErrorKind::WouldBlock
                        | io::ErrorKind::TimedOut
                        | io::ErrorKind::UnexpectedEof
                ) {
                    crate::cmd::eprint(&format!("warning: serving a request: {e}\n"));
                }
                None
            }
        }
    }

    /// Parses the head and answers it; `true` when the connection stays open.
    fn serve(&self, stream: &mut TcpStream, head: &[u8]) -> io::Result<bool> {
        stream.set_nonblocking(false)?;
        stream.set_write_timeout(Some(STALL))?;
        stream.set_nodelay(true)?;
        let request = match http::read_request(&mut Cursor::new(head))? {
            None => return Ok(false),
            Some(Ok(request)) => request,
            Some(Err(refusal)) => {
                refuse(stream, refusal.status, refusal.reason, None)?;
                return Ok(false);
            }
        };
        Ok(self.respond(&request, stream)? && request.keep_alive)
    }

    /// Answers one request; `false` when the connection must close.
    fn respond(&self, request: &Request, out: &mut TcpStream) -> io::Result<bool> {
        if self.local_only && !request.host.as_deref().is_none_or(is_local_host) {
            let reason = "this preview only answers requests for localhost; to reach it from elsewhere, run `touchbase serve --bind 0.0.0.0`";
            refuse(out, Status::Forbidden, reason, Some(request))?;
            return Ok(false);
        }
        let (path, query) = request
            .target
            .split_once('?')
            .unwrap_or((&request.target, ""));
        if path == live::SCRIPT_PATH {
            let head = Head::new(Status::Ok)
                .header("Content-Type", files::content_type(Path::new("x.js")));
            return send(out, head, live::SCRIPT.as_bytes(), request).map(|()| true);
        }
        if path == live::EVENTS_PATH {
            self.events(out, query, request)?;
            return Ok(false);
        }
        let site_path = match files::decode(&request.target) {
            Ok(p) => p,
            Err(bad) => {
                refuse(out, Status::BadRequest, bad.0, Some(request))?;
                return Ok(false);
            }
        };
        match files::resolve(&self.output, &site_path) {
            Target::File(file) => self.file(out, &file, Status::Ok, request),
            Target::Redirect(location) => {
                let location = match query.is_empty() {
                    true => location,
                    false => format!("{location}?{query}"),
                };
                let head = Head::new(Status::MovedPermanently)
                    .header("Location", location)
                    .header("Content-Type", "text/plain; charset=utf-8");
                send(out, head, b"301 Moved Permanently\n", request).map(|()| true)
            }
            Target::Forbidden => {
                refuse(
                    out,
                    Status::Forbidden,
                    "the path leads outside the site",
                    Some(request),
                )?;
                Ok(false)
            }
            Target::NotFound => self.not_found(out, request),
        }
    }

    /// The site's `404.html` with status 404, or a minimal page.
    fn not_found(&self, out: &mut TcpStream, request: &Request) -> io::Result<bool> {
        let page = files::SitePath {
            segments: vec!["404.html".into()],
            trailing_slash: false,
            location: "/404.html".into(),
        };
        if let Target::File(file) = files::resolve(&self.output, &page) {
            return self.file(out, &file, Status::NotFound, request);
        }
        let html = b"<!doctype html>\n<html lang=\"en\">\n<meta charset=\"utf-8\">\n<title>Not found</title>\n<body>\n<h1>404 Not Found</h1>\n<p>The site has no page at this address (yet).</p>\n</body>\n</html>\n";
        self.html(out, html, Status::NotFound, request)
    }

    fn file(
        &self,
        out: &mut TcpStream,
        path: &Path,
        status: Status,
        request: &Request,
    ) -> io::Result<bool> {
        let content_type = files::content_type(path);
        let mut file = match std::fs::File::open(path) {
            Ok(file) => file,
            // Replaced by a rebuild between lookup and open.
            Err(e) if e.kind() == io::ErrorKind::NotFound && status == Status::Ok => {
                return self.not_found(out, request);
            }
            Err(e) => return Err(e),
        };
        if content_type.starts_with("text/html") {
            let mut html = Vec::new();
            file.read_to_end(&mut html)?;
            return self.html(out, &html, status, request);
        }
        let length = file.metadata()?.len();
        Head::new(status)
            .header("Content-Type", content_type)
            .write(out, Some(length), request.keep_alive)?;
        if request.method == Method::Head {
            return Ok(true);
        }
        let copied = io::copy(&mut file.take(length), out)?;
        // A file truncated meanwhile: the promised length was not sent.
        Ok(copied == length)
    }

    fn html(
        &self,
        out: &mut TcpStream,
        html: &[u8],
        status: Status,
        request: &Request,
    ) -> io::Result<bool> {
        let errors = self.live.errors();
        let body = live::inject(html, &self.live.event_id(), errors.as_deref());
        let head = Head::new(status).header("Content-Type", "text/html; charset=utf-8");
        send(out, head, &body, request).map(|()| true)
    }

    /// The server-sent event stream of one page; ends when the client goes.
    fn events(&self, out: &mut TcpStream, query: &str, request: &Request) -> io::Result<()> {
        let mut since = None;
        let mut page = None;
        for pair in query.split('&') {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = files::percent_decode(value)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok());
            match name {
                "since" => since = value,
                "page" => page = value,
                _ => {}
            }
        }
        // On reconnection the browser says which event it saw last.
        let since = request.last_event_id.clone().or(since);
        let page = page.and_then(|p| self.output_file(&p));
        Head::new(Status::Ok)
            .header("Content-Type", "text/event-stream; charset=utf-8")
            .write(out, None, false)?;
        if request.method == Method::Head {
            return Ok(());
        }
        self.live.stream(out, since.as_deref(), page.as_deref())
    }

    /// The output file (`glossary/crm/index.html`) a page address shows.
    fn output_file(&self, address: &str) -> Option<String> {
        let path = files::decode(address).ok()?;
        let Target::File(file) = files::resolve(&self.output, &path) else {
            return None;
        };
        let root = std::fs::canonicalize(&self.output).ok()?;
        let rel = file.strip_prefix(root).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }
}

/// Writes a whole response (no body for `HEAD`).
fn send(out: &mut impl Write, head: Head, body: &[u8], request: &Request) -> io::Result<()> {
    let mut buffer = Vec::with_capacity(body.len() + 256);
    head.write(&mut buffer, Some(body.len() as u64), request.keep_alive)?;
    if request.method != Method::Head {
        buffer.extend_from_slice(body);
    }
    out.write_all(&buffer)?;
    out.flush()
}

/// An error answer in plain text; the connection closes after it.
fn refuse(
    out: &mut impl Write,
    status: Status,
    reason: &str,
    request: Option<&Request>,
) -> io::Result<()> {
    let mut head = Head::new(status).header("Content-Type", "text/plain; charset=utf-8");
    if status == Status::MethodNotAllowed {
        head = head.header("Allow", "GET, HEAD");
    }
    let body = format!("{}: {reason}\n", status.line());
    let length = body.len() as u64;
    head.write(out, Some(length), false)?;
    if request.is_none_or(|r| r.method != Method::Head) {
        out.write_all(body.as_bytes())?;
    }
    out.flush()
}

/// Closes a connection without resetting it: unread request bytes (a
/// refused body) would otherwise make the client lose the answer.
fn close(stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut sink = [0u8; 4096];
    let mut drained = 0;
    let mut stream = stream;
    while drained < 64 * 1024 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

/// `localhost`, `*.localhost` or a loopback address, with or without port.
pub(crate) fn is_local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_host_names() {
        for host in [
            "localhost",
            "localhost:1111",
            "127.0.0.1:80",
            "127.1.2.3",
            "[::1]:1111",
            "site.localhost:8",
        ] {
            assert!(is_local_host(host), "{host}");
        }
        for host in [
            "example.com",
            "evil.com:1111",
            "10.0.0.1:1111",
            "localhost.evil.com",
            "[::2]:1",
        ] {
            assert!(!is_local_host(host), "{host}");
        }
    }
}
