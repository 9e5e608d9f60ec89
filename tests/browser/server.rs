//! A tiny static file server for the browser tests: serves a built site
//! under a sub-path (`/kb/`) on 127.0.0.1 with an OS-chosen port, and logs
//! every request so a test can check what a page fetched. Standard
//! library only; one thread per connection, `Connection: close`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A running server. It stops accepting when the test process ends.
pub(crate) struct Server {
    pub(crate) port: u16,
    mount: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serves `root` at `http://127.0.0.1:<port><mount>` (`mount` starts
    /// and ends with `/`).
    pub(crate) fn start(root: &Path, mount: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
        let port = listener.local_addr().expect("an address").port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (root, prefix, log2) = (root.to_path_buf(), mount.to_string(), Arc::clone(&log));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, prefix, log) = (root.clone(), prefix.clone(), Arc::clone(&log2));
                std::thread::spawn(move || handle(stream, &root, &prefix, &log));
            }
        });
        Self {
            port,
            mount: mount.to_string(),
            log,
        }
    }

    /// The full URL of a site path (`glossary/` → `http://127.0.0.1:…/kb/glossary/`).
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}{path}", self.port, self.mount)
    }

    /// Request paths (without query) since the last call, in order.
    pub(crate) fn take_log(&self) -> Vec<String> {
        std::mem::take(&mut *self.log.lock().expect("the log lock"))
    }
}

fn handle(stream: TcpStream, root: &Path, mount: &str, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Read (and ignore) the headers.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    log.lock().expect("the log lock").push(path.to_string());
    let (status, kind, body) = match resolve(root, mount, path) {
        Some(file) => match std::fs::read(&file) {
            Ok(bytes) => ("200 OK", content_type(&file), bytes),
            Err(_) => not_found(),
        },
        None => not_found(),
    };
    let mut out = &stream;
    let _ = write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = out.write_all(&body);
}

fn not_found() -> (&'static str, &'static str, Vec<u8>) {
    ("404 Not Found", "text/plain", b"not found".to_vec())
}

/// The file for a request path, never outside `root`.
fn resolve(root: &Path, mount: &str, path: &str) -> Option<PathBuf> {
    let rest = path.strip_prefix(mount)?;
    let mut file = root.to_path_buf();
    for part in rest.split('/').filter(|p| !p.is_empty()) {
        let part = percent_decode(part);
        if part == ".." || part.contains(['/', '\\']) {
            return None;
        }
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    }
}
