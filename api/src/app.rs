//! Serving: the HTTP server with graceful shutdown and the periodic jobs
//! (the state it serves is `state`).

use std::future::Future;
use std::time::Duration;

use poem::listener::TcpAcceptor;
use tokio::sync::watch;

use crate::http;
use crate::state::{AppState, StartError};

/// How long in-flight requests may take to finish after a shutdown signal.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);
/// How long the mail worker may take to finish its batch after that.
const MAIL_GRACE: Duration = Duration::from_secs(15);

/// Serves until `shutdown` completes, then lets in-flight requests finish,
/// stops the mail worker and closes the database.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), StartError> {
    let (stop_worker, worker_stopped) = watch::channel(false);
    let worker = tokio::spawn(state.mail.clone().run(worker_stopped.clone()));
    let housekeeping = tokio::spawn(housekeeping(state.clone(), worker_stopped.clone()));
    let audit_check = tokio::spawn(audit_check(state.clone(), worker_stopped));
    let acceptor = TcpAcceptor::from_tokio(listener).map_err(StartError::Serve)?;
    let acceptor =
        http::connections::Limited::new(acceptor, state.config.max_connections, &state.config.trusted_proxies);
    let result = http::server::run(acceptor, http::app(state.clone()), shutdown, SHUTDOWN_GRACE).await;
    let _ = stop_worker.send(true);
    // The worker ends after the batch it is sending; a mail server that
    // hangs does not hold the shutdown past this (what was sent and not yet
    // recorded goes again, with the same Message-ID, after its lease).
    if tokio::time::timeout(MAIL_GRACE, worker).await.is_err() {
        tracing::warn!("mail worker still sending at shutdown; its claims pass to the next start");
    }
    let _ = housekeeping.await;
    let _ = audit_check.await;
    if let Err(e) = state.db.close().await {
        tracing::warn!(error = %e, "closing the database");
    }
    result.map_err(StartError::Serve)
}

/// How often the housekeeping job runs.
const HOUSEKEEPING_EVERY: Duration = Duration::from_secs(300);

/// Periodic clean-up, off the request path (`service::housekeeping`).
async fn housekeeping(state: AppState, mut stop: watch::Receiver<bool>) {
    loop {
        match crate::service::housekeeping::run(&state).await {
            Ok(swept) => tracing::debug!(?swept, "housekeeping"),
            Err(e) => tracing::warn!(error = %e, "housekeeping failed; it runs again later"),
        }
        tokio::select! {
            _ = tokio::time::sleep(HOUSEKEEPING_EVERY) => {}
            _ = stop.changed() => {}
        }
        if *stop.borrow() {
            return;
        }
    }
}

/// The audit log's chain walked, and a checkpoint signed, at start and then
/// every `RENKEI_AUDIT_CHECK_MINUTES` (`service::audit_verify`).
async fn audit_check(state: AppState, mut stop: watch::Receiver<bool>) {
    if state.audit.public_key().is_none() {
        tracing::info!("audit checkpoints are not signed: set RENKEI_AUDIT_KEY_FILE (see `renkei admin audit keygen`)");
    }
    loop {
        // Not cut short at shutdown: it may be writing the mail of a checkpoint.
        match crate::service::audit_verify::scheduled_check(&state).await {
            Ok(c) => tracing::info!(entries = c.entries, intact = c.intact, "audit log checked"),
            Err(e) => tracing::warn!(error = %e, "checking the audit log failed; it runs again later"),
        }
        if *stop.borrow() {
            return;
        }
        tokio::select! {
            _ = tokio::time::sleep(state.config.audit_check_every) => {}
            _ = stop.changed() => {}
        }
        if *stop.borrow() {
            return;
        }
    }
}

/// Completes at SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}
