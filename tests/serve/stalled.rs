//! Clients that connect and never finish their request head (a stuck
//! client, a browser's pre-connects, a slow-loris attack): thousands of
//! them do not keep the preview from answering everyone else, and each is
//! closed once its head is overdue — with `408` when it had started one.
//!
//! The head timeout is set per server through an internal environment
//! variable, so nothing here depends on timing: a server that must not
//! close them yet gets ten minutes, one that must gets half a second, and
//! the test waits for the close itself (bounded by `PATIENCE`).

use std::io::{Read, Write};
use std::net::TcpStream;

use crate::PAGE;
use crate::client::{PATIENCE, Serve};

const TIMEOUT_VAR: &str = "TOUCHBASE_SERVE_HEAD_TIMEOUT_MS";

/// As many idle connections as this process may open, up to `wanted`.
fn how_many(wanted: usize) -> usize {
    #[cfg(unix)]
    {
        // SAFETY: plain system calls on a local struct.
        unsafe {
            let mut limit = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 {
                limit.rlim_cur = limit.rlim_max;
                libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
                libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit);
                return wanted.min((limit.rlim_cur as usize).saturating_sub(200) / 2);
            }
        }
    }
    wanted.min(400)
}

fn connect(serve: &Serve) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", serve.port)).expect("connecting");
    stream.set_read_timeout(Some(PATIENCE)).expect("a timeout");
    stream
}

/// Opens `n` connections; every other one starts a request head.
fn stalled(serve: &Serve, n: usize) -> Vec<TcpStream> {
    (0..n)
        .map(|i| {
            let mut stream = connect(serve);
            if i % 2 == 1 {
                stream
                    .write_all(b"GET /glossary/crm/ HTTP/1.1\r\nHost: loc")
                    .expect("writing half a head");
            }
            stream
        })
        .collect()
}

#[test]
fn thousands_of_stalled_connections_do_not_keep_others_waiting() {
    let serve = Serve::start_env("basic", |_| {}, &[(TIMEOUT_VAR, "600000")]);
    let n = how_many(3000);
    assert!(n >= 1000, "only {n} connections possible");
    let mut waiting = stalled(&serve, n);
    for _ in 0..20 {
        assert_eq!(serve.get(PAGE).status, 200);
    }
    // They were all still open meanwhile: the first and last heads are
    // finished now and answered.
    for i in [1, n - 1] {
        let stream = &mut waiting[i];
        stream
            .write_all(b"alhost\r\nConnection: close\r\n\r\n")
            .expect("finishing the head");
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).expect("an answer");
        assert!(
            answer.starts_with(b"HTTP/1.1 200 "),
            "{}",
            String::from_utf8_lossy(&answer)
        );
    }
}

#[test]
fn overdue_request_heads_are_closed() {
    let serve = Serve::start_env("basic", |_| {}, &[(TIMEOUT_VAR, "500")]);
    let waiting = stalled(&serve, 200);
    for (i, mut stream) in waiting.into_iter().enumerate() {
        let mut answer = Vec::new();
        // Returns when the server closes; a read timeout (PATIENCE) fails.
        stream
            .read_to_end(&mut answer)
            .expect("the server closes the connection");
        let answer = String::from_utf8_lossy(&answer);
        match i % 2 {
            0 => assert_eq!(answer, "", "nothing was asked"),
            _ => assert!(
                answer.starts_with("HTTP/1.1 408 Request Timeout\r\n"),
                "{answer}"
            ),
        }
    }
    assert_eq!(serve.get(PAGE).status, 200);
}

#[test]
fn kept_alive_and_pipelined_requests_are_answered_in_order() {
    let serve = Serve::start("basic");
    let mut stream = connect(&serve);
    // Two requests in one write, then one more after the answers.
    stream
        .write_all(b"GET /glossary/crm/ HTTP/1.1\r\nHost: localhost\r\n\r\nHEAD /robots.txt HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .expect("writing");
    let first = read_answer(&mut stream, false);
    assert!(
        first.starts_with("HTTP/1.1 200 OK\r\n") && first.contains("Kundenbeziehungsmanagement"),
        "{first}"
    );
    let second = read_answer(&mut stream, true);
    assert!(
        second.starts_with("HTTP/1.1 200 OK\r\n") && second.contains("Connection: keep-alive"),
        "{second}"
    );
    stream
        .write_all(b"GET /no/such/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .expect("writing");
    let mut rest = Vec::new();
    stream.read_to_end(&mut rest).expect("the last answer");
    assert!(
        rest.starts_with(b"HTTP/1.1 404 "),
        "{}",
        String::from_utf8_lossy(&rest)
    );
}

/// Reads one answer with a `Content-Length`; an answer to `HEAD` has no body.
fn read_answer(stream: &mut TcpStream, to_head: bool) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).expect("an answer");
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).expect("a UTF-8 head");
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .and_then(|n| n.parse().ok())
        .expect("a Content-Length");
    let mut body = vec![0; if to_head { 0 } else { length }];
    stream.read_exact(&mut body).expect("the body");
    head + &String::from_utf8_lossy(&body)
}

#[test]
fn an_idle_kept_alive_connection_does_not_keep_others_waiting() {
    // A browser keeps its connections open between requests; while one
    // waits for its next request, everyone else is still answered.
    let serve = Serve::start_env("basic", |_| {}, &[(TIMEOUT_VAR, "600000")]);
    let mut kept = connect(&serve);
    kept.write_all(b"GET /glossary/crm/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .expect("a request");
    let mut first = [0u8; 13];
    kept.read_exact(&mut first).expect("an answer");
    assert_eq!(&first, b"HTTP/1.1 200 ");
    // Split heads on new connections, and plain requests, are answered
    // while the first connection stays open and idle.
    for _ in 0..3 {
        let mut other = connect(&serve);
        other
            .write_all(b"GET /glossary/crm/ HTTP/1.1\r\nHost: localhost\r\n")
            .expect("half a head");
        other
            .write_all(b"Connection: close\r\n\r\n")
            .expect("the rest of the head");
        let mut answer = Vec::new();
        other.read_to_end(&mut answer).expect("an answer");
        assert!(answer.starts_with(b"HTTP/1.1 200 "), "{answer:?}");
        assert_eq!(serve.get(PAGE).status, 200);
    }
    drop(kept);
}
