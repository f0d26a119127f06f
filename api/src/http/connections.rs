//! A bound on open connections. Every open connection costs memory whether
//! or not its requests are admitted (`admission`), so without a bound a flood
//! of connections is a flood of memory. A connection over the bound is
//! answered at once with 503 `busy` and `Retry-After`, without reading its
//! request, and closed; with idle connections closed after a while
//! ([`IDLE`]), places come free by themselves.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use poem::http::uri::Scheme;
use poem::listener::Acceptor;
use poem::web::{LocalAddr, RemoteAddr};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::error::{ErrorCode, body};

/// A connection without a byte either way for this long is closed (its
/// place comes free; a browser opens a new one when it needs one). poem
/// counts only bytes, not a request being worked on, so this is longer than
/// the longest deadline (`admission`: 60 s for intake).
pub const IDLE: Duration = Duration::from_secs(75);

/// How long a refused connection is given to read the answer and hang up.
const REFUSAL_TIME: Duration = Duration::from_secs(2);

/// An acceptor that lets at most `max` connections be open at once.
pub struct Limited<A> {
    inner: A,
    places: Arc<Semaphore>,
    refusal: Arc<[u8]>,
}

impl<A> Limited<A> {
    pub fn new(inner: A, max: usize) -> Self {
        Limited { inner, places: Arc::new(Semaphore::new(max)), refusal: refusal().into() }
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
            let (io, local, remote, scheme) = self.inner.accept().await?;
            match Arc::clone(&self.places).try_acquire_owned() {
                Ok(place) => return Ok((Counted { inner: io, _place: place }, local, remote, scheme)),
                Err(_) => {
                    tokio::spawn(refuse(io, Arc::clone(&self.refusal)));
                }
            }
        }
    }
}

/// Answers 503, says nothing more, and reads whatever the client still sends
/// until it hangs up (closing with unread bytes would reset the connection,
/// and the client might never see the answer); all within [`REFUSAL_TIME`].
async fn refuse<T: AsyncRead + AsyncWrite + Unpin>(mut io: T, answer: Arc<[u8]>) {
    let _ = tokio::time::timeout(REFUSAL_TIME, async {
        io.write_all(&answer).await?;
        io.shutdown().await?;
        let mut sink = [0u8; 1024];
        while io.read(&mut sink).await? > 0 {}
        Ok::<_, io::Error>(())
    })
    .await;
}

/// An open connection holding its place until it is dropped.
pub struct Counted<T> {
    inner: T,
    _place: OwnedSemaphorePermit,
}

impl<T: AsyncRead + Unpin> AsyncRead for Counted<T> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Counted<T> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
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
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
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
