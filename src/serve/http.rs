//! Just enough HTTP/1.1 for a preview server, and strict about it: a
//! request head is read with hard limits and parsed into a [`Request`], or
//! refused with the status to answer. Only `GET` and `HEAD` are served; no
//! request bodies, no chunked uploads, no absolute-form targets.

use std::io::{self, BufRead, Write};

/// The longest request head accepted (request line and headers together).
pub(crate) const MAX_HEAD: usize = 16 * 1024;
/// The most header lines accepted.
const MAX_HEADERS: usize = 100;

/// The parts of a request the server looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    pub(crate) method: Method,
    /// The raw request target, e.g. `/glossary/crm/?x=1`.
    pub(crate) target: String,
    /// `true` when the client wants the connection kept open.
    pub(crate) keep_alive: bool,
    /// `true` when the request announces a body (`Content-Length` > 0 or
    /// `Transfer-Encoding`): it is never read, so the connection closes.
    pub(crate) has_body: bool,
    pub(crate) host: Option<String>,
    pub(crate) last_event_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Head,
}

/// Why a request head was refused: the status to answer, then close.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub(crate) status: Status,
    pub(crate) reason: &'static str,
}

/// The response statuses the server uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Ok,
    MovedPermanently,
    BadRequest,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    RequestTimeout,
    HeaderFieldsTooLarge,
    ServiceUnavailable,
    VersionNotSupported,
}

impl Status {
    pub(crate) fn line(self) -> &'static str {
        match self {
            Status::Ok => "200 OK",
            Status::MovedPermanently => "301 Moved Permanently",
            Status::BadRequest => "400 Bad Request",
            Status::Forbidden => "403 Forbidden",
            Status::NotFound => "404 Not Found",
            Status::MethodNotAllowed => "405 Method Not Allowed",
            Status::RequestTimeout => "408 Request Timeout",
            Status::HeaderFieldsTooLarge => "431 Request Header Fields Too Large",
            Status::ServiceUnavailable => "503 Service Unavailable",
            Status::VersionNotSupported => "505 HTTP Version Not Supported",
        }
    }
}

fn refuse(status: Status, reason: &'static str) -> Refusal {
    Refusal { status, reason }
}

/// Reads one request head. `Ok(None)`: the client closed the connection
/// (or went quiet) before sending anything.
pub(crate) fn read_request<R: BufRead>(
    reader: &mut R,
) -> io::Result<Option<Result<Request, Refusal>>> {
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let mut line = Vec::new();
        // `take` bounds the read: a head without line ends cannot grow
        // beyond the limit.
        let limit = (MAX_HEAD + 1 - total) as u64;
        let n = match io::Read::take(&mut *reader, limit).read_until(b'\n', &mut line) {
            Ok(n) => n,
            Err(e) if lines.is_empty() && is_quiet(&e) => return Ok(None),
            Err(e) => return Err(e),
        };
        total += n;
        if total > MAX_HEAD {
            return Ok(Some(Err(refuse(
                Status::HeaderFieldsTooLarge,
                "request head too large",
            ))));
        }
        if n == 0 {
            if lines.is_empty() {
                return Ok(None);
            }
            return Ok(Some(Err(refuse(
                Status::BadRequest,
                "incomplete request head",
            ))));
        }
        if !line.ends_with(b"\n") {
            return Ok(Some(Err(refuse(
                Status::BadRequest,
                "incomplete request head",
            ))));
        }
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        if line.is_empty() {
            if lines.is_empty() {
                // Robustness (RFC 9112, 2.2): ignore empty lines before
                // the request line.
                continue;
            }
            return Ok(Some(parse_head(&lines)));
        }
        if lines.len() > MAX_HEADERS {
            return Ok(Some(Err(refuse(
                Status::HeaderFieldsTooLarge,
                "too many header lines",
            ))));
        }
        lines.push(line);
    }
}

/// Where the request head in `buf` ends (after its empty line), once it
/// is all there. Empty lines before the request line are skipped, as
/// [`read_request`] does.
pub(crate) fn head_end(buf: &[u8]) -> Option<usize> {
    let mut start = 0;
    while let Some(rest) = buf.get(start..) {
        match rest {
            [b'\r', b'\n', ..] => start += 2,
            [b'\n', ..] => start += 1,
            _ => break,
        }
    }
    let mut at = start;
    while let Some(i) = buf[at..].iter().position(|&b| b == b'\n') {
        let line_end = at + i + 1;
        match &buf[line_end..] {
            [b'\n', ..] => return Some(line_end + 1),
            [b'\r', b'\n', ..] => return Some(line_end + 2),
            _ => at = line_end,
        }
    }
    None
}

/// A timeout or reset before the first byte of a request.
fn is_quiet(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock
            | io::ErrorKind::TimedOut
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
    )
}

/// Parses the request line and headers (line ends already removed).
pub(crate) fn parse_head(lines: &[Vec<u8>]) -> Result<Request, Refusal> {
    let bad = |reason| refuse(Status::BadRequest, reason);
    let (first, headers) = lines.split_first().ok_or(bad("empty request"))?;
    let first = std::str::from_utf8(first).map_err(|_| bad("request line is not UTF-8"))?;
    let mut parts = first.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad("malformed request line"));
    };
    if method.is_empty() || !method.bytes().all(is_token) {
        return Err(bad("malformed method"));
    }
    if !target.starts_with('/') || !target.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(bad("malformed request target"));
    }
    let keep_alive_default = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        v if v.len() == 8 && v.starts_with("HTTP/") && v.as_bytes()[6] == b'.' => {
            return Err(refuse(
                Status::VersionNotSupported,
                "only HTTP/1.x is spoken",
            ));
        }
        _ => return Err(bad("malformed HTTP version")),
    };
    let mut request = Request {
        method: Method::Get,
        target: target.to_string(),
        keep_alive: keep_alive_default,
        has_body: false,
        host: None,
        last_event_id: None,
    };
    for line in headers {
        let (name, value) = parse_header(line)?;
        request.apply(name, value)?;
    }
    if version == "HTTP/1.1" && request.host.is_none() {
        return Err(bad("missing Host header"));
    }
    request.method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        _ => {
            return Err(refuse(
                Status::MethodNotAllowed,
                "only GET and HEAD are served",
            ));
        }
    };
    if request.has_body {
        request.keep_alive = false;
    }
    Ok(request)
}

impl Request {
    /// Takes in one header.
    fn apply(&mut self, name: &str, value: &str) -> Result<(), Refusal> {
        let bad = |reason| refuse(Status::BadRequest, reason);
        match name.to_ascii_lowercase().as_str() {
            "host" if self.host.is_some() => return Err(bad("more than one Host header")),
            "host" => self.host = Some(value.to_string()),
            // HTTP/1.1 keeps connections open unless told otherwise;
            // HTTP/1.0 connections always close here.
            "connection"
                if value
                    .split(',')
                    .any(|o| o.trim().eq_ignore_ascii_case("close")) =>
            {
                self.keep_alive = false;
            }
            "content-length" => match value.parse::<u64>() {
                Ok(0) => {}
                Ok(_) => self.has_body = true,
                Err(_) => return Err(bad("malformed Content-Length")),
            },
            "transfer-encoding" => self.has_body = true,
            "last-event-id" => self.last_event_id = Some(value.to_string()),
            _ => {}
        }
        Ok(())
    }
}

/// One `name: value` header line.
fn parse_header(line: &[u8]) -> Result<(&str, &str), Refusal> {
    let bad = |reason| refuse(Status::BadRequest, reason);
    if line.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
        return Err(bad("folded header lines are not accepted"));
    }
    let colon = line
        .iter()
        .position(|b| *b == b':')
        .ok_or(bad("header line without a colon"))?;
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    if name.is_empty() || !name.iter().copied().all(is_token) {
        return Err(bad("malformed header name"));
    }
    if value
        .iter()
        .any(|b| (b.is_ascii_control() && *b != b'\t') || *b == 0x7f)
    {
        return Err(bad("control character in a header value"));
    }
    let name = std::str::from_utf8(name).map_err(|_| bad("malformed header name"))?;
    let value = std::str::from_utf8(value)
        .map_err(|_| bad("header value is not UTF-8"))?
        .trim_matches([' ', '\t']);
    Ok((name, value))
}

/// RFC 9110 token characters.
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// A response head: status and headers; the body is written separately.
#[derive(Debug)]
pub(crate) struct Head {
    pub(crate) status: Status,
    pub(crate) headers: Vec<(&'static str, String)>,
}

impl Head {
    pub(crate) fn new(status: Status) -> Self {
        Self {
            status,
            headers: vec![
                ("Cache-Control", "no-store".into()),
                ("X-Content-Type-Options", "nosniff".into()),
            ],
        }
    }

    pub(crate) fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Writes the status line and headers, with `Content-Length` unless
    /// `length` is `None` (a stream that ends when the connection closes).
    pub(crate) fn write(
        &self,
        out: &mut impl Write,
        length: Option<u64>,
        keep_alive: bool,
    ) -> io::Result<()> {
        let mut text = format!("HTTP/1.1 {}\r\n", self.status.line());
        for (name, value) in &self.headers {
            text.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(length) = length {
            text.push_str(&format!("Content-Length: {length}\r\n"));
        }
        let connection = if keep_alive { "keep-alive" } else { "close" };
        text.push_str(&format!("Connection: {connection}\r\n\r\n"));
        out.write_all(text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &str) -> Option<Result<Request, Refusal>> {
        read_request(&mut io::BufReader::new(raw.as_bytes())).unwrap()
    }

    fn status(raw: &str) -> Status {
        match read(raw) {
            Some(Err(refusal)) => refusal.status,
            Some(Ok(_)) => Status::Ok,
            None => panic!("no request in {raw:?}"),
        }
    }

    #[test]
    fn finds_the_end_of_a_head() {
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n\r\nrest"), Some(27));
        assert_eq!(head_end(b"GET / HTTP/1.0\n\nrest"), Some(16));
        assert_eq!(head_end(b"\r\n\r\nGET / HTTP/1.0\r\n\r\n"), Some(22));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n"), None);
        assert_eq!(head_end(b"\r\n\n"), None);
        assert_eq!(head_end(b""), None);
        assert_eq!(head_end(b"GET / HTTP/1.1\r\n\r"), None);
    }

    #[test]
    fn parses_a_get_request() {
        let request = read(
            "GET /glossary/crm/?x=1 HTTP/1.1\r\nHost: 127.0.0.1:1111\r\nLast-Event-ID: 7\r\n\r\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(request.method, Method::Get);
        assert_eq!(request.target, "/glossary/crm/?x=1");
        assert!(request.keep_alive);
        assert!(!request.has_body);
        assert_eq!(request.host.as_deref(), Some("127.0.0.1:1111"));
        assert_eq!(request.last_event_id.as_deref(), Some("7"));
    }

    #[test]
    fn connection_options() {
        let close = read("HEAD / HTTP/1.1\nHost: a\nConnection: close\n\n")
            .unwrap()
            .unwrap();
        assert_eq!(close.method, Method::Head);
        assert!(!close.keep_alive);
        let old = read("GET / HTTP/1.0\r\n\r\n").unwrap().unwrap();
        assert!(!old.keep_alive);
        let body = read("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc")
            .unwrap()
            .unwrap();
        assert!(body.has_body && !body.keep_alive);
    }

    #[test]
    fn nothing_sent_is_no_request() {
        assert_eq!(read(""), None);
        assert_eq!(read("\r\n\r\n"), None);
    }

    #[test]
    fn refuses_malformed_heads() {
        for raw in [
            "GET\r\n\r\n",
            "GET /\r\n\r\n",
            "GET  / HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET / HTTP/1.1 x\r\nHost: a\r\n\r\n",
            "GET index.html HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET / HTTX/1.1\r\nHost: a\r\n\r\n",
            "G(T / HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nno colon\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nX: a\x01b\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\n",
            "GET / HTTP/1.1",
            "\u{1}\u{2}\u{3}\r\n\r\n",
        ] {
            assert_eq!(status(raw), Status::BadRequest, "{raw:?}");
        }
    }

    #[test]
    fn refuses_other_methods_and_versions() {
        assert_eq!(
            status("POST / HTTP/1.1\r\nHost: a\r\n\r\n"),
            Status::MethodNotAllowed
        );
        assert_eq!(
            status("OPTIONS / HTTP/1.1\r\nHost: a\r\n\r\n"),
            Status::MethodNotAllowed
        );
        assert_eq!(
            status("GET / HTTP/2.0\r\nHost: a\r\n\r\n"),
            Status::VersionNotSupported
        );
    }

    #[test]
    fn refuses_oversized_heads() {
        let long = format!("GET /{} HTTP/1.1\r\nHost: a\r\n\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(status(&long), Status::HeaderFieldsTooLarge);
        let many = format!(
            "GET / HTTP/1.1\r\nHost: a\r\n{}\r\n",
            "X: y\r\n".repeat(MAX_HEADERS + 1)
        );
        assert_eq!(status(&many), Status::HeaderFieldsTooLarge);
    }

    #[test]
    fn writes_a_head() {
        let mut out = Vec::new();
        Head::new(Status::NotFound)
            .header("Content-Type", "text/plain; charset=utf-8")
            .write(&mut out, Some(3), false)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 404 Not Found\r\n"), "{text}");
        assert!(text.contains("Content-Type: text/plain; charset=utf-8\r\n"));
        assert!(text.ends_with("Content-Length: 3\r\nConnection: close\r\n\r\n"));
    }
}
