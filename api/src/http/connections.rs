//! A bound on open connections. Every open connection costs memory whether
//! or not its requests are admitted (`admission`), so without a bound a flood
//! of connections is a flood of memory. A connection over the bound is
//! answered with 503 `busy` and `Retry-After` and closed; with idle
//! connections closed after a while ([`IDLE`]), places come free by
//! themselves.
//!
//! Health and sign-out are never starved (`admission::Class::Always`): a
//! connection over the bound whose request is one of them is served from a
//! small reserve of places of its own ([`RESERVE`]), for that one request
//! (it is closed after the answer). To know, its request head is read first
//! (whole within [`HEAD_TIME`], at most [`HEAD_MAX`] bytes, by at most
//! [`READERS`] connections at once and [`READERS_PER_CLIENT`] from one
//! address; a slower or longer one is refused) and given back to the server
//! in front of the rest, with `Connection: close`. The same holds for a
//! connection over its address's share ([`PER_CLIENT`]).

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use poem::http::Method;
use poem::http::uri::Scheme;
use poem::listener::Acceptor;
use poem::web::{LocalAddr, RemoteAddr};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, watch};

use super::admission::{Class, class};
use super::error::{ErrorCode, body};
use super::per_client::{PerClient, Share};

/// A connection without a byte either way for this long is closed (its
/// place comes free; a browser opens a new one when it needs one). Only
/// bytes count ([`Counted`]), not a request being worked on, so this is
/// longer than the longest deadline (`admission`: 60 s for intake).
pub const IDLE: Duration = Duration::from_secs(75);

/// How long a refused connection is given to read the answer and hang up.
const REFUSAL_TIME: Duration = Duration::from_secs(2);

/// Places beyond the bound for connections that ask for health or sign-out.
pub const RESERVE: usize = 32;

/// How long a connection over the bound has to send its request head.
const HEAD_TIME: Duration = Duration::from_secs(1);

/// The longest request head read to decide (a longer one is refused).
const HEAD_MAX: usize = 8 * 1024;

/// Connections over the bound whose heads are read at once. A place here is
/// held only while a head is read; a reserve place only by a connection found
/// to ask for health or sign-out. When all are taken, the oldest connection
/// whose head has not yet come whole gives its place to the newcomer
/// ([`Readers`]): review kept every place busy with connections that sent
/// nothing, or one byte, and came back as soon as they were refused, from 22
/// addresses and then from 350, and health and sign-out were refused.
pub const READERS: usize = 1024;

/// Heads read at once for one client address (beyond, the address's oldest
/// gives way, as for [`READERS`]).
pub const READERS_PER_CLIENT: usize = 4;

/// The head readers of connections over the bound. A newcomer over either
/// bound evicts the oldest reader (of its own address when it is the
/// address's share that is full). A real request's head follows its
/// connection within a round trip, and its reader is gone once it has come:
/// to push one out, an attacker must open as many connections as there are
/// places within that round trip.
#[derive(Default)]
struct Readers {
    inner: std::sync::Mutex<ReaderSlots>,
}

#[derive(Default)]
struct ReaderSlots {
    next: u64,
    /// Oldest first.
    slots: std::collections::VecDeque<ReaderSlot>,
}

struct ReaderSlot {
    id: u64,
    client: Option<std::net::IpAddr>,
    evict: Arc<tokio::sync::Notify>,
}

/// A reader's place: given back when dropped.
struct Reader {
    id: u64,
    readers: Arc<Readers>,
    evicted: Arc<tokio::sync::Notify>,
}

impl Readers {
    /// A place to read the head of a connection from `client` (None: a
    /// trusted proxy's, or unknown, counted only against the whole).
    fn take(self: &Arc<Self>, client: Option<std::net::IpAddr>) -> Reader {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let mine = client.map_or(0, |c| inner.slots.iter().filter(|s| s.client == Some(c)).count());
        let victim = if client.is_some() && mine >= READERS_PER_CLIENT {
            inner.slots.iter().position(|s| s.client == client)
        } else if inner.slots.len() >= READERS {
            Some(0)
        } else {
            None
        };
        if let Some(i) = victim
            && let Some(gone) = inner.slots.remove(i)
        {
            gone.evict.notify_one();
        }
        inner.next += 1;
        let id = inner.next;
        let evicted = Arc::new(tokio::sync::Notify::new());
        inner.slots.push_back(ReaderSlot { id, client, evict: Arc::clone(&evicted) });
        Reader { id, readers: Arc::clone(self), evicted }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).slots.len()
    }

    #[cfg(test)]
    fn holds(&self, reader: &Reader) -> bool {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).slots.iter().any(|s| s.id == reader.id)
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        let mut inner = self.readers.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(i) = inner.slots.iter().position(|s| s.id == self.id) {
            inner.slots.remove(i);
        }
    }
}

type Accepted<Io> = (Counted<Io>, LocalAddr, RemoteAddr, Scheme);

/// Connections open at once from one client address (a trusted proxy's
/// are not counted: its clients' are many). A browser opens a handful; review
/// held every place from one address with heads whose start came after a
/// whole request, which the head deadline does not see until an answer is
/// written and the connection falls silent for [`IDLE`]. One over this may
/// still ask for health or sign-out, as over the bound (phones behind one
/// address, a clinic's Wi-Fi, must still be able to sign out).
pub const PER_CLIENT: usize = 64;

/// An acceptor that lets at most `max` connections be open at once (and
/// [`RESERVE`] more for health and sign-out), and [`PER_CLIENT`] from one
/// client address.
pub struct Limited<A: Acceptor> {
    inner: A,
    trusted: Arc<[std::net::IpAddr]>,
    clients: PerClient,
    places: Arc<Semaphore>,
    reserve: Arc<Semaphore>,
    readers: Arc<Readers>,
    refusal: Arc<[u8]>,
    /// Connections over the bound found to ask for health or sign-out.
    admit: mpsc::UnboundedSender<Accepted<A::Io>>,
    admitted: mpsc::UnboundedReceiver<Accepted<A::Io>>,
}

impl<A: Acceptor> Limited<A> {
    pub fn new(inner: A, max: usize, trusted: &[std::net::IpAddr]) -> Self {
        let (admit, admitted) = mpsc::unbounded_channel();
        Limited {
            inner,
            trusted: trusted.into(),
            clients: PerClient::default(),
            admit,
            admitted,
            places: Arc::new(Semaphore::new(max)),
            reserve: Arc::new(Semaphore::new(RESERVE)),
            readers: Arc::default(),
            refusal: refusal().into(),
        }
    }
}

impl<A: Acceptor> Limited<A> {
    /// A share of the places for the client at `remote`, or Err when it has
    /// [`PER_CLIENT`] open already.
    fn share(&self, remote: &RemoteAddr) -> Result<Option<Share>, ()> {
        self.take(&self.clients, remote, PER_CLIENT)
    }

    fn take(&self, from: &PerClient, remote: &RemoteAddr, max: usize) -> Result<Option<Share>, ()> {
        let Some(ip) = remote.as_socket_addr().map(|a| a.ip()) else { return Ok(None) };
        if self.trusted.contains(&ip) {
            return Ok(None);
        }
        from.take(ip, max).map(Some).ok_or(())
    }
}

/// The answer to a connection over the bound: the error shape, in Japanese
/// (the request, with its language, is never read), closing the connection.
fn refusal() -> Vec<u8> {
    // Outside a request: Japanese, and no request id.
    let body = poem_openapi::types::ToJSON::to_json(&body(ErrorCode::Busy, None)).unwrap_or_default().to_string();
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json; charset=utf-8\r\n\
         retry-after: 5\r\ncache-control: no-store\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

impl<A: Acceptor> Acceptor for Limited<A> {
    type Io = Counted<A::Io>;

    fn local_addr(&self) -> Vec<LocalAddr> {
        self.inner.local_addr()
    }

    async fn accept(&mut self) -> io::Result<(Self::Io, LocalAddr, RemoteAddr, Scheme)> {
        loop {
            let (io, local, remote, scheme) = tokio::select! {
                biased;
                Some(admitted) = self.admitted.recv() => return Ok(admitted),
                accepted = self.inner.accept() => accepted?,
            };
            // A connection over its address's share, or over the bound, may
            // still ask for health or sign-out: its head is read to know.
            let share = self.share(&remote);
            let place = match &share {
                Ok(_) => Arc::clone(&self.places).try_acquire_owned().ok(),
                Err(()) => None,
            };
            if let Some(place) = place {
                let mut counted = Counted::new(io, Vec::new(), place).watched(&local, &remote);
                counted.share = share.ok().flatten();
                return Ok((counted, local, remote, scheme));
            }
            let client = remote
                .as_socket_addr()
                .map(|a| super::per_client::client_of(a.ip()))
                .filter(|ip| !self.trusted.contains(ip));
            let reading = self.readers.take(client);
            let admit = self.admit.clone();
            let reserve = Arc::clone(&self.reserve);
            let refusal = Arc::clone(&self.refusal);
            tokio::spawn(async move {
                let (mut io, head) = read_head(io, &reading).await;
                drop(reading);
                let place =
                    head.as_deref().filter(|h| always(h)).and_then(|_| Arc::clone(&reserve).try_acquire_owned().ok());
                match (place, head) {
                    (Some(place), Some(head)) => {
                        let counted = Counted::new(io, closing(head), place).watched(&local, &remote);
                        let _ = admit.send((counted, local, remote, scheme));
                    }
                    _ => refuse(&mut io, refusal).await,
                }
            });
        }
    }
}

/// Reads up to the end of the request head (within [`HEAD_TIME`] and
/// [`HEAD_MAX`], unless the reader is evicted first); the bytes read (perhaps with some of what follows), or None if the
/// whole head did not come.
async fn read_head<T: AsyncRead + Unpin>(mut io: T, reader: &Reader) -> (T, Option<Vec<u8>>) {
    let mut head = Vec::new();
    let reading = async {
        let mut chunk = [0u8; 1024];
        while head_end(&head).is_none() && head.len() < HEAD_MAX {
            let n = io.read(&mut chunk).await?;
            if n == 0 {
                break;
            }
            head.extend_from_slice(&chunk[..n]);
        }
        Ok::<_, io::Error>(())
    };
    let read = tokio::select! {
        read = tokio::time::timeout(HEAD_TIME, reading) => matches!(read, Ok(Ok(()))),
        () = reader.evicted.notified() => false,
    };
    let complete = read && head_end(&head).is_some_and(|end| end <= HEAD_MAX);
    (io, complete.then_some(head))
}

/// Where a request head ends (after its empty line), if it has: a line's
/// end followed by another, each LF or CR LF (RFC 9112 2.2 lets a recipient
/// take a bare LF for a line's end).
fn head_end(bytes: &[u8]) -> Option<usize> {
    bytes.iter().enumerate().find_map(|(i, b)| match (b, bytes.get(i + 1..)) {
        (b'\n', Some([b'\n', ..])) => Some(i + 2),
        (b'\n', Some([b'\r', b'\n', ..])) => Some(i + 3),
        _ => None,
    })
}

/// The head with `Connection: close` after its request line: the server
/// answers this one request and closes, so a reserve place serves nothing else.
fn closing(head: Vec<u8>) -> Vec<u8> {
    let Some(line_end) = head.iter().position(|b| *b == b'\n') else { return head };
    let mut out = Vec::with_capacity(head.len() + 19);
    out.extend_from_slice(&head[..=line_end]);
    out.extend_from_slice(b"Connection: close\r\n");
    out.extend_from_slice(&head[line_end + 1..]);
    out
}

/// Whether a request head asks for something that is never starved, with
/// no body: a sign-out's body is empty, and one trickling a body would hold a
/// reserve place for as long as a body may take (review held all 32 so).
fn always(head: &[u8]) -> bool {
    let mut lines = head.split(|b| *b == b'\n');
    let line = lines.next().unwrap_or_default();
    let body = lines.take_while(|l| !l.is_empty() && *l != b"\r").any(|l| {
        let Some((name, value)) = std::str::from_utf8(l).ok().and_then(|l| l.split_once(':')) else { return false };
        let name = name.trim();
        name.eq_ignore_ascii_case("transfer-encoding")
            || (name.eq_ignore_ascii_case("content-length") && !value.trim().trim_start_matches('0').is_empty())
    });
    if body {
        return false;
    }
    let mut parts = line.split(|b| *b == b' ');
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else { return false };
    let (Ok(method), Ok(target)) = (Method::from_bytes(method), std::str::from_utf8(target)) else { return false };
    let path = target.split('?').next().unwrap_or_default();
    matches!(class(&method, path), Class::Always)
}

/// Answers 503, says nothing more, and reads whatever the client still sends
/// until it hangs up (closing with unread bytes would reset the connection,
/// and the client might never see the answer); all within [`REFUSAL_TIME`].
async fn refuse<T: AsyncRead + AsyncWrite + Unpin>(io: &mut T, answer: Arc<[u8]>) {
    let _ = tokio::time::timeout(REFUSAL_TIME, async {
        io.write_all(&answer).await?;
        io.shutdown().await?;
        let mut sink = [0u8; 1024];
        while io.read(&mut sink).await? > 0 {}
        Ok::<_, io::Error>(())
    })
    .await;
}

/// The most a request head may take (request line and headers). The HTTP
/// server would buffer about 400 KiB of an unfinished head per connection,
/// so a client holding every connection with a head that never ends held
/// gigabytes; a longer head closes its connection.
pub const HEAD_LIMIT: usize = 32 * 1024;

/// What an HTTP/2 connection opens with (RFC 9113 3.4), as far as it differs
/// from any HTTP/1.1 request line.
const PREFACE: &[u8] = b"PRI * HTTP/2.0";

/// Watches the bytes a connection reads for a request head that goes on
/// too long: from the connection's start, and again after each answer the
/// server writes (an interim `100 Continue` excepted: the body follows it),
/// until the head's empty line. Bodies, which follow it, are not counted.
///
/// HTTP/2 in clear text (a connection opening with its preface) is refused:
/// browsers speak it only over TLS, which a reverse proxy in front ends, and
/// the server's HTTP/2 set no bound on streams at once nor on what each held
/// (review held 6 GB with one connection of 5,000 streams it never read).
#[derive(Debug, Clone, Copy)]
pub struct HeadGuard {
    armed: bool,
    started: bool,
    /// How many of the connection's first bytes match HTTP/2's preface
    /// (`PREFACE.len() + 1` once one did not).
    preface: usize,
    seen: usize,
    /// The last two bytes read, to find an empty line split between reads.
    last: [u8; 2],
}

impl Default for HeadGuard {
    fn default() -> Self {
        HeadGuard { armed: true, started: false, preface: 0, seen: 0, last: [0; 2] }
    }
}

impl HeadGuard {
    /// Bytes read; false once a head has gone past [`HEAD_LIMIT`], or the
    /// connection has opened with HTTP/2's preface.
    pub fn read(&mut self, bytes: &[u8]) -> bool {
        if bytes.is_empty() {
            return true;
        }
        self.started = true;
        if self.preface < PREFACE.len() {
            // The preface may come in pieces: compared as far as it has come.
            let n = bytes.len().min(PREFACE.len() - self.preface);
            if bytes[..n] == PREFACE[self.preface..self.preface + n] {
                self.preface += n;
                if self.preface == PREFACE.len() {
                    return false;
                }
            } else {
                self.preface = PREFACE.len() + 1;
            }
        }
        if !self.armed {
            return true;
        }
        // An empty line split between reads: the last two bytes and these.
        let mut joint = [0u8; 4];
        let k = bytes.len().min(2);
        joint[..2].copy_from_slice(&self.last);
        joint[2..2 + k].copy_from_slice(&bytes[..k]);
        let end = head_end(&joint[..2 + k]).filter(|e| *e > 2).map(|e| e - 2).or_else(|| head_end(bytes));
        if let Some(end) = end {
            let total = self.seen + end;
            self.armed = false;
            self.seen = 0;
            return total <= HEAD_LIMIT;
        }
        self.seen += bytes.len();
        self.last = match bytes {
            [.., a, b] => [*a, *b],
            [b] => [self.last[1], *b],
            [] => self.last,
        };
        self.seen <= HEAD_LIMIT
    }

    /// Bytes written: an answer (not an interim one) means a new head may come.
    pub fn wrote(&mut self, bytes: &[u8]) {
        if !bytes.is_empty() && !bytes.starts_with(b"HTTP/1.1 100") {
            *self = HeadGuard { started: true, preface: PREFACE.len() + 1, ..HeadGuard::default() };
        }
    }

    /// Whether a head is being waited for or read: the connection's first
    /// (until its end), or a later one that has begun.
    pub fn in_head(&self) -> bool {
        self.armed && (!self.started || self.seen > 0)
    }
}

/// How long a request head may take: a connection's first, from the moment
/// it is accepted; each later one, from its first byte (between requests a
/// connection may be silent for [`IDLE`]). A head is a few hundred bytes
/// that a phone on a slow network sends in well under a second; without a
/// deadline, connections trickling a header line every few seconds held
/// every place (`RENKEI_MAX_CONNECTIONS`) for as long as they liked.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);

/// An open connection holding its place until it is dropped; what was read
/// of it to decide (`head`) is read again first.
pub struct Counted<T> {
    inner: T,
    head: Vec<u8>,
    read: usize,
    guard: HeadGuard,
    /// When the head being read must be whole ([`HEAD_DEADLINE`]).
    deadline: Option<Pin<Box<tokio::time::Sleep>>>,
    /// Told when the client has hung up ([`client_gone`]).
    gone: Option<(Key, Arc<watch::Sender<bool>>)>,
    /// Its client's share ([`PER_CLIENT`]).
    share: Option<Share>,
    /// When the connection is closed for silence ([`IDLE`]), looked at again
    /// when it comes: a byte either way since puts it off.
    idle: Pin<Box<tokio::time::Sleep>>,
    last_byte: tokio::time::Instant,
    _place: OwnedSemaphorePermit,
}

/// A connection, by its two ends.
type Key = (std::net::SocketAddr, std::net::SocketAddr);

/// The open connections' hang-up signals, by their ends.
static OPEN: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<Key, Arc<watch::Sender<bool>>>>> =
    std::sync::LazyLock::new(Default::default);

fn key(local: &LocalAddr, remote: &RemoteAddr) -> Option<Key> {
    Some((*local.as_socket_addr()?, *remote.as_socket_addr()?))
}

/// What turns true once the client of the connection between `local` and
/// `remote` has hung up (None: not a connection of this server's). The HTTP
/// server reads a connection's end while it works on a request, but goes on
/// working on it; admission stops the work when this says so.
pub fn client_gone(local: &LocalAddr, remote: &RemoteAddr) -> Option<watch::Receiver<bool>> {
    let key = key(local, remote)?;
    OPEN.lock().unwrap_or_else(|p| p.into_inner()).get(&key).map(|s| s.subscribe())
}

impl<T> Drop for Counted<T> {
    fn drop(&mut self) {
        if let Some((key, gone)) = self.gone.take() {
            gone.send_replace(true);
            OPEN.lock().unwrap_or_else(|p| p.into_inner()).remove(&key);
        }
    }
}

impl<T> Counted<T> {
    /// A connection just accepted; `head`: bytes of it read already.
    fn new(inner: T, head: Vec<u8>, place: OwnedSemaphorePermit) -> Self {
        Counted {
            inner,
            head,
            read: 0,
            guard: HeadGuard::default(),
            deadline: Some(Box::pin(tokio::time::sleep(HEAD_DEADLINE))),
            gone: None,
            share: None,
            idle: Box::pin(tokio::time::sleep(IDLE)),
            last_byte: tokio::time::Instant::now(),
            _place: place,
        }
    }

    /// Lets [`client_gone`] find this connection by its ends.
    fn watched(mut self, local: &LocalAddr, remote: &RemoteAddr) -> Self {
        if let Some(key) = key(local, remote) {
            let gone = Arc::new(watch::channel(false).0);
            OPEN.lock().unwrap_or_else(|p| p.into_inner()).insert(key, Arc::clone(&gone));
            self.gone = Some((key, gone));
        }
        self
    }

    fn hung_up(&self) {
        if let Some((_, gone)) = &self.gone {
            gone.send_replace(true);
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Counted<T> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if let Some(deadline) = this.deadline.as_mut()
            && deadline.as_mut().poll(cx).is_ready()
        {
            return Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "request head too slow")));
        }
        let before = buf.filled().len();
        if this.read < this.head.len() {
            let n = buf.remaining().min(this.head.len() - this.read);
            buf.put_slice(&this.head[this.read..this.read + n]);
            this.read += n;
            if this.read == this.head.len() {
                this.head = Vec::new();
                this.read = 0;
            }
        } else {
            match Pin::new(&mut this.inner).poll_read(cx, buf) {
                Poll::Ready(Ok(())) => {
                    if buf.filled().len() == before && buf.remaining() > 0 {
                        this.hung_up();
                    }
                }
                Poll::Ready(Err(e)) => {
                    this.hung_up();
                    return Poll::Ready(Err(e));
                }
                Poll::Pending => {
                    // Nothing to read: the silence is looked at only now, not
                    // on every read (its timer is a shared structure).
                    while this.idle.as_mut().poll(cx).is_ready() {
                        let until = this.last_byte + IDLE;
                        if until <= tokio::time::Instant::now() {
                            return Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "connection silent")));
                        }
                        this.idle.as_mut().reset(until);
                    }
                    return Poll::Pending;
                }
            }
        }
        if buf.filled().len() > before {
            this.last_byte = tokio::time::Instant::now();
        }
        if !this.guard.read(&buf.filled()[before..]) {
            return Poll::Ready(Err(io::Error::new(io::ErrorKind::InvalidData, "request head too large, or HTTP/2")));
        }
        if !this.guard.in_head() {
            this.deadline = None;
        } else if this.deadline.is_none() && buf.filled().len() > before {
            this.deadline = Some(Box::pin(tokio::time::sleep(HEAD_DEADLINE)));
        }
        Poll::Ready(Ok(()))
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Counted<T> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = written {
            this.guard.wrote(&buf[..n]);
            this.last_byte = tokio::time::Instant::now();
        }
        written
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        if let Poll::Ready(Ok(n)) = written
            && n > 0
        {
            let first = bufs.iter().find(|b| !b.is_empty()).map_or(&[][..], |b| &b[..]);
            this.guard.wrote(first);
            this.last_byte = tokio::time::Instant::now();
        }
        written
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_oldest_head_reader_gives_way_to_a_newcomer() {
        use std::sync::Arc;

        use super::{READERS, READERS_PER_CLIENT, Readers};
        let readers = Arc::new(Readers::default());
        let ip = |n: u32| Some(std::net::IpAddr::from(std::net::Ipv4Addr::from(0x0a00_0000 + n)));
        // One address: its oldest reader gives way; others' stay.
        let other = readers.take(ip(2));
        let mine: Vec<_> = (0..READERS_PER_CLIENT).map(|_| readers.take(ip(1))).collect();
        let newcomer = readers.take(ip(1));
        assert!(!readers.holds(&mine[0]) && readers.holds(&mine[1]) && readers.holds(&newcomer));
        assert!(readers.holds(&other));
        assert_eq!(readers.len(), READERS_PER_CLIENT + 1);
        drop((mine, newcomer, other));
        assert_eq!(readers.len(), 0, "given back");
        // The whole: the oldest of all gives way.
        let many: Vec<_> = (0..READERS as u32).map(|i| readers.take(ip(100 + i))).collect();
        let newcomer = readers.take(None);
        assert_eq!(readers.len(), READERS);
        assert!(!readers.holds(&many[0]) && readers.holds(&many[1]) && readers.holds(&newcomer));
    }

    #[test]
    fn a_head_longer_than_the_limit_is_refused_and_a_body_is_not_counted() {
        use super::{HEAD_LIMIT, HeadGuard};
        let mut g = HeadGuard::default();
        assert!(g.read(b"GET / HTTP/1.1\r\nHost: x\r"));
        assert!(g.read(b"\n\r\n"), "an empty line split between reads ends the head");
        assert!(g.read(&vec![b'a'; HEAD_LIMIT * 4]), "the body after it is not counted");
        let mut g = HeadGuard::default();
        for piece in [&b"GET / HTTP/1.1\r\nHost: x\r\n"[..], b"\r", b"\n"] {
            assert!(g.read(piece));
        }
        assert!(g.read(&vec![b'a'; HEAD_LIMIT * 4]), "the body after it is not counted");
        g.wrote(b"HTTP/1.1 100 Continue\r\n\r\n");
        assert!(g.read(&vec![b'a'; HEAD_LIMIT * 4]), "nor after 100 Continue");
        g.wrote(b"HTTP/1.1 200 OK\r\n");
        assert!(g.read(&vec![b'a'; HEAD_LIMIT]), "up to the limit after an answer");
        assert!(!g.read(b"a"), "then no further");
        let mut g = HeadGuard::default();
        for _ in 0..HEAD_LIMIT / 1024 {
            assert!(g.read(&[b'x'; 1024]));
        }
        assert!(!g.read(b"xx\r\n\r\n"), "an end past the limit is still too long");
    }

    #[test]
    fn http2_in_clear_text_is_refused_however_its_preface_comes() {
        use super::HeadGuard;
        let mut g = HeadGuard::default();
        assert!(!g.read(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        let mut g = HeadGuard::default();
        assert!(g.read(b"PR"));
        assert!(g.read(b"I * HT"));
        assert!(!g.read(b"TP/2.0\r\n"), "in pieces");
        let mut g = HeadGuard::default();
        assert!(g.read(b"PRIVATE / HTTP/1.1\r\n\r\n"), "a method that only begins like it");
        let mut g = HeadGuard::default();
        assert!(g.read(b"GET / HTTP/1.1\r\n\r\n"));
        g.wrote(b"HTTP/1.1 200 OK\r\n");
        assert!(g.read(b"PRI * HTTP/2.0\r\n\r\n"), "only a connection's first bytes are its preface");
    }

    #[test]
    fn where_a_head_is_waited_for() {
        use super::HeadGuard;
        let mut g = HeadGuard::default();
        assert!(g.in_head(), "a new connection's first head, before any byte");
        assert!(g.read(b"GET / HTTP/1.1\r\n"));
        assert!(g.in_head());
        assert!(g.read(b"\r\n"));
        assert!(!g.in_head(), "the head has ended: its body is not a head");
        g.wrote(b"HTTP/1.1 200 OK\r\n");
        assert!(!g.in_head(), "between requests the connection may be silent");
        assert!(g.read(b"G"));
        assert!(g.in_head(), "a later head, once it has begun");
    }

    async fn connection() -> (super::Counted<tokio::io::DuplexStream>, tokio::io::DuplexStream) {
        let (server, client) = tokio::io::duplex(64 * 1024);
        let place = std::sync::Arc::new(tokio::sync::Semaphore::new(1)).try_acquire_owned().unwrap();
        (super::Counted::new(server, Vec::new(), place), client)
    }

    #[tokio::test(start_paused = true)]
    async fn a_connection_silent_for_its_idle_time_is_closed() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut buf = [0u8; 1024];
        let (mut server, mut client) = connection().await;
        client.write_all(b"GET / HTTP/1.1\r\n\r\n").await.unwrap();
        assert!(server.read(&mut buf).await.unwrap() > 0);
        server.write_all(b"HTTP/1.1 204 No Content\r\n\r\n").await.unwrap();
        tokio::time::advance(super::IDLE / 2).await;
        // A byte puts the silence off.
        client.write_all(b"G").await.unwrap();
        assert!(server.read(&mut buf).await.unwrap() > 0);
        client.write_all(b"ET / HTTP/1.1\r\n\r\n").await.unwrap();
        assert!(server.read(&mut buf).await.unwrap() > 0);
        server.write_all(b"HTTP/1.1 204 No Content\r\n\r\n").await.unwrap();
        let started = tokio::time::Instant::now();
        assert_eq!(server.read(&mut buf).await.unwrap_err().kind(), std::io::ErrorKind::TimedOut);
        assert_eq!(started.elapsed(), super::IDLE, "from the last byte");
    }

    #[tokio::test(start_paused = true)]
    async fn a_head_that_does_not_come_whole_in_time_closes_its_connection() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut buf = [0u8; 1024];
        // A head trickled in: refused at the deadline, counted from the accept.
        let (mut server, mut client) = connection().await;
        client.write_all(b"GET / HTTP/1.1\r\n").await.unwrap();
        assert!(server.read(&mut buf).await.unwrap() > 0);
        tokio::time::advance(super::HEAD_DEADLINE / 2).await;
        client.write_all(b"X-A: b\r\n").await.unwrap();
        assert!(server.read(&mut buf).await.unwrap() > 0, "in time");
        let err = server.read(&mut buf).await.unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::TimedOut);
        // A silent new connection likewise.
        let (mut server, _client) = connection().await;
        assert_eq!(server.read(&mut buf).await.unwrap_err().kind(), std::io::ErrorKind::TimedOut);
        // A whole head in time; then silence between requests is not a head;
        // a later head has the deadline from its first byte.
        let (mut server, mut client) = connection().await;
        client.write_all(b"GET / HTTP/1.1\r\n\r\n").await.unwrap();
        assert!(server.read(&mut buf).await.unwrap() > 0);
        server.write_all(b"HTTP/1.1 204 No Content\r\n\r\n").await.unwrap();
        let silent = tokio::time::timeout(super::HEAD_DEADLINE * 3, server.read(&mut buf)).await;
        assert!(silent.is_err(), "still open after three deadlines of silence");
        client.write_all(b"GET / HT").await.unwrap();
        assert!(server.read(&mut buf).await.unwrap() > 0);
        let started = tokio::time::Instant::now();
        assert_eq!(server.read(&mut buf).await.unwrap_err().kind(), std::io::ErrorKind::TimedOut);
        assert_eq!(started.elapsed(), super::HEAD_DEADLINE);
    }

    #[test]
    fn a_reserved_head_is_read_whole_and_closes_its_connection() {
        assert_eq!(super::head_end(b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET"), Some(27));
        assert_eq!(super::head_end(b"GET / HTTP/1.1\nHost: x\n\n"), Some(24));
        assert_eq!(super::head_end(b"GET / HTTP/1.1\r\nHost: x\r\n\n"), Some(26));
        assert_eq!(super::head_end(b"GET / HTTP/1.1\nHost: x\n\r\n"), Some(25));
        assert_eq!(super::head_end(b"GET / HTTP/1.1\r\nHost: x\r\n"), None);
        let c = super::closing(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n".to_vec());
        assert_eq!(c, b"GET /api/health HTTP/1.1\r\nConnection: close\r\nHost: x\r\n\r\n");
    }

    #[test]
    fn only_health_and_sign_out_pass_over_the_bound() {
        for line in
            ["GET /api/health HTTP/1.1\r\n", "HEAD /api/health?x=1 HTTP/1.1\r\n", "POST /api/sign-out HTTP/1.1\r\n"]
        {
            assert!(super::always(line.as_bytes()), "{line}");
        }
        assert!(super::always(b"POST /api/sign-out HTTP/1.1\r\nContent-Length: 0\r\nHost: x\r\n\r\n"));
        for line in [
            "POST /api/sign-out HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n",
            "POST /api/sign-out HTTP/1.1\r\ncontent-length:1\r\n\r\n",
            "POST /api/sign-out HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
            "GET /api/me/summary HTTP/1.1\r\n",
            "POST /api/health HTTP/1.1\r\n",
            "GET /api/healthz HTTP/1.1\r\n",
            "\r\n",
            "GET\r\n",
        ] {
            assert!(!super::always(line.as_bytes()), "{line}");
        }
    }

    #[test]
    fn the_refusal_is_a_whole_http_answer_in_the_error_shape() {
        let r = String::from_utf8(super::refusal()).unwrap();
        let (head, body) = r.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 503 "));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        assert!(head.contains("retry-after: 5"));
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["code"], "busy");
        assert!(v["message"].as_str().unwrap().contains("混み合って"));
    }
}
