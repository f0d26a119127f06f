//! The server loop: each accepted connection ([`super::connections::Limited`]) is
//! served by hyper's HTTP/1.1 connection, the app answering each request.
//! Not poem's `Server`, which boxes every connection in a reader and writer
//! that do not say they can write vectored, so that hyper copied every answer
//! into a buffer of the connection's own: a connection that did not read its
//! answer held a copy of it (2 MB for the API page; 126 of 128 MB, by a heap
//! profile, with 60 such connections). Here the answer's shared bytes are
//! queued as they are.
//!
//! A connection without a byte either way for [`super::connections::IDLE`] is
//! closed (`connections::Counted`). At shutdown no connection is accepted
//! any more; each finishes the request it is answering (keep-alive ends), and
//! what is still open after the grace period is dropped.

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use poem::listener::Acceptor;
use poem::{Endpoint, Response};
use tokio::sync::watch;

pub async fn run<A, E>(
    mut acceptor: A,
    ep: E,
    shutdown: impl Future<Output = ()>,
    grace: Duration,
) -> std::io::Result<()>
where
    A: Acceptor,
    E: Endpoint<Output = Response> + 'static,
{
    let ep = Arc::new(ep);
    let (stop, stopping) = watch::channel(false);
    // Each connection's task holds a clone: all have ended when none is left.
    let open = Arc::new(());
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = acceptor.accept() => accepted,
        };
        let (io, local, remote, scheme) = match accepted {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors and the like: a moment, then on.
                tracing::warn!(error = %e, "accepting a connection failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let ep = Arc::clone(&ep);
        let mut stopping = stopping.clone();
        let held = Arc::clone(&open);
        tokio::spawn(async move {
            let _held = held;
            let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                let ep = Arc::clone(&ep);
                let (local, remote, scheme) = (local.clone(), remote.clone(), scheme.clone());
                async move {
                    let resp = ep.get_response(poem::Request::from((req, local, remote, scheme))).await;
                    Ok::<_, Infallible>(hyper::Response::<BoxBody>::from(resp))
                }
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .writev(true)
                .serve_connection(hyper_util::rt::TokioIo::new(io), service)
                .with_upgrades();
            tokio::pin!(conn);
            let stop = async move {
                let _ = stopping.wait_for(|s| *s).await;
            };
            tokio::select! {
                _ = &mut conn => {}
                () = stop => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
    }
    drop(acceptor);
    let _ = stop.send(true);
    let closed = async {
        while Arc::strong_count(&open) > 1 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    if tokio::time::timeout(grace, closed).await.is_err() {
        tracing::warn!(open = Arc::strong_count(&open) - 1, "connections still open after the grace period are left");
    }
    Ok(())
}

type BoxBody = http_body_util::combinators::BoxBody<bytes::Bytes, std::io::Error>;
