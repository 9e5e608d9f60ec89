//! Connections waiting for a request head, all on one thread.
//!
//! A connection costs a thread only once its request head has arrived in
//! full: until then it sits here, in one `poll` loop (`mio`) with a buffer
//! and a deadline. So a few thousand connections that never send their
//! request (a stuck client, a browser's pre-connects, a slow-loris
//! attack) cost a socket and a buffer each, and everyone else is still
//! answered. A head not complete within the head timeout is closed (with
//! `408` when it had begun); when more connections wait than the process
//! can keep, the one waiting longest goes first. A kept-alive connection
//! comes back here between requests and waits under the same rules.

use std::collections::{HashMap, VecDeque};
use std::io::{self, Read, Write};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token, Waker};

use super::http::{self, Head, MAX_HEAD, Status};
use super::server::Server;

const LISTENER: Token = Token(0);
const WAKER: Token = Token(1);

/// How long connections may wait and how many.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// From the moment a connection starts waiting (accepted, or back
    /// after a response) until its request head is complete.
    pub(crate) head_timeout: Duration,
    /// Connections waiting at once; beyond, the oldest is closed.
    pub(crate) max_waiting: usize,
}

/// A connection back from a response, with the bytes already read past
/// its last request (a pipelined next request).
pub(crate) type Returned = (std::net::TcpStream, Vec<u8>);

/// Hands connections back to the waiting loop.
#[derive(Debug, Clone)]
pub(crate) struct Back {
    sender: Sender<Returned>,
    waker: Arc<Waker>,
}

impl Back {
    pub(crate) fn send(&self, returned: Returned) {
        if self.sender.send(returned).is_ok() {
            let _ = self.waker.wake();
        }
    }
}

struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
    deadline: Instant,
}

/// The waiting connections, by token, and their deadlines in order.
struct Loop {
    poll: Poll,
    server: Arc<Server>,
    limits: Limits,
    back: Back,
    conns: HashMap<Token, Conn>,
    /// (deadline, token), oldest first; entries of connections gone since
    /// are skipped when they come up.
    order: VecDeque<(Instant, Token)>,
    next: usize,
    /// Accepting failed for want of file descriptors; retried each round.
    accept_paused: bool,
}

/// Accepts and waits on connections until the listener fails.
pub(crate) fn run(
    listener: std::net::TcpListener,
    server: Arc<Server>,
    limits: Limits,
) -> io::Result<()> {
    listener.set_nonblocking(true)?;
    let mut listener = TcpListener::from_std(listener);
    let poll = Poll::new()?;
    poll.registry()
        .register(&mut listener, LISTENER, Interest::READABLE)?;
    let waker = Arc::new(Waker::new(poll.registry(), WAKER)?);
    let (sender, returned) = std::sync::mpsc::channel();
    let mut state = Loop {
        poll,
        server,
        limits,
        back: Back { sender, waker },
        conns: HashMap::new(),
        order: VecDeque::new(),
        next: 2,
        accept_paused: false,
    };
    state.run(&mut listener, &returned)
}

impl Loop {
    fn run(&mut self, listener: &mut TcpListener, returned: &Receiver<Returned>) -> io::Result<()> {
        let mut events = Events::with_capacity(1024);
        loop {
            let now = Instant::now();
            let mut timeout = self
                .order
                .front()
                .map(|(d, _)| d.saturating_duration_since(now));
            if self.accept_paused {
                let retry = Duration::from_millis(100);
                timeout = Some(timeout.map_or(retry, |t| t.min(retry)));
            }
            match self.poll.poll(&mut events, timeout) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
            for event in events.iter() {
                match event.token() {
                    LISTENER => self.accept(listener)?,
                    WAKER => {
                        for (stream, buf) in returned.try_iter() {
                            // The answering thread made it blocking; a
                            // blocking read here would stall every
                            // connection behind an idle kept-alive one.
                            if stream.set_nonblocking(true).is_ok() {
                                self.add(TcpStream::from_std(stream), buf);
                            }
                        }
                    }
                    token => self.read(token),
                }
            }
            if self.accept_paused {
                self.accept(listener)?;
            }
            self.expire(Instant::now());
        }
    }

    fn accept(&mut self, listener: &mut TcpListener) -> io::Result<()> {
        self.accept_paused = false;
        loop {
            match listener.accept() {
                Ok((stream, _)) => self.add(stream, Vec::new()),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(()),
                Err(e) if is_out_of_descriptors(&e) => {
                    if !self.evict_oldest() {
                        self.accept_paused = true;
                        return Ok(());
                    }
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::ConnectionAborted
                            | io::ErrorKind::ConnectionReset
                            | io::ErrorKind::Interrupted
                    ) => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Starts waiting for a request head on `stream`, of which `buf` was
    /// read already.
    fn add(&mut self, mut stream: TcpStream, buf: Vec<u8>) {
        while self.conns.len() >= self.limits.max_waiting.max(1) && self.evict_oldest() {}
        let token = Token(self.next);
        self.next += 1;
        if self
            .poll
            .registry()
            .register(&mut stream, token, Interest::READABLE)
            .is_err()
        {
            return;
        }
        let deadline = Instant::now() + self.limits.head_timeout;
        self.conns.insert(
            token,
            Conn {
                stream,
                buf,
                deadline,
            },
        );
        self.order.push_back((deadline, token));
        // What arrived before the registration (or was read with the last
        // request) must not wait for the next readiness event.
        self.read(token);
    }

    /// Reads what `token`'s connection has sent; hands it on once its head
    /// is complete, too large, or ended by the client.
    fn read(&mut self, token: Token) {
        let Some(conn) = self.conns.get_mut(&token) else {
            return;
        };
        let mut chunk = [0u8; 4096];
        let mut ended = false;
        loop {
            if http::head_end(&conn.buf).is_some() || conn.buf.len() > MAX_HEAD {
                break;
            }
            let room = (MAX_HEAD + 1 - conn.buf.len()).min(chunk.len());
            match conn.stream.read(&mut chunk[..room]) {
                Ok(0) => {
                    ended = true;
                    break;
                }
                Ok(n) => conn.buf.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => {
                    self.remove(token);
                    return;
                }
            }
        }
        let Some(mut conn) = self.remove(token) else {
            return;
        };
        if ended && conn.buf.iter().all(|b| b.is_ascii_whitespace()) {
            // Closed without asking anything.
            let _ = conn.stream.shutdown(std::net::Shutdown::Both);
            return;
        }
        let (head, rest) = match http::head_end(&conn.buf) {
            Some(end) => {
                let rest = conn.buf.split_off(end);
                (conn.buf, rest)
            }
            // Too large, or cut short: the head as it is gets its 4xx.
            None => (conn.buf, Vec::new()),
        };
        let stream = std::net::TcpStream::from(conn.stream);
        Arc::clone(&self.server).dispatch(stream, head, rest, self.back.clone());
    }

    fn remove(&mut self, token: Token) -> Option<Conn> {
        let mut conn = self.conns.remove(&token)?;
        let _ = self.poll.registry().deregister(&mut conn.stream);
        Some(conn)
    }

    /// Closes the connection waiting longest; `false` when none waits.
    fn evict_oldest(&mut self) -> bool {
        while let Some((_, token)) = self.order.pop_front() {
            if let Some(conn) = self.remove(token) {
                time_out(conn);
                return true;
            }
        }
        false
    }

    /// Closes every connection whose head is overdue.
    fn expire(&mut self, now: Instant) {
        while let Some(&(deadline, token)) = self.order.front() {
            if deadline > now {
                break;
            }
            self.order.pop_front();
            if self
                .conns
                .get(&token)
                .is_some_and(|c| c.deadline == deadline)
                && let Some(conn) = self.remove(token)
            {
                time_out(conn);
            }
        }
    }
}

/// Closes a connection whose head did not come: with `408` when it began.
fn time_out(mut conn: Conn) {
    if !conn.buf.iter().all(|b| b.is_ascii_whitespace()) {
        let body = "408 Request Timeout: the request head did not arrive in time\n";
        let mut answer = Vec::new();
        let head =
            Head::new(Status::RequestTimeout).header("Content-Type", "text/plain; charset=utf-8");
        if head
            .write(&mut answer, Some(body.len() as u64), false)
            .is_ok()
        {
            answer.extend_from_slice(body.as_bytes());
            // Small enough for the socket's buffer; a client that does not
            // read loses it.
            let _ = conn.stream.write(&answer);
        }
    }
    let _ = conn.stream.shutdown(std::net::Shutdown::Both);
}

fn is_out_of_descriptors(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        matches!(e.raw_os_error(), Some(libc::EMFILE | libc::ENFILE))
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}
