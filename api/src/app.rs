//! Wiring: the application state, start-up, serving with graceful shutdown.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use poem::Server;
use poem::listener::TcpAcceptor;
use tokio::sync::watch;

use crate::clock::Clock;
use crate::config::Config;
use crate::http;
use crate::mail::{MailError, MailWorker, Mailer};
use crate::store::{ConnectError, Db};

/// Everything a request handler or use case needs. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    pub mail: MailWorker,
    /// The passkey relying party; `None` when the public URL has no host name
    /// (an IP address), and then sign-in is by mailed code only.
    pub webauthn: Option<Arc<webauthn_rs::Webauthn>>,
    /// Summaries made once per version of a person's records.
    pub summaries: Arc<crate::service::health_record::SummaryCache>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("RENKEI_DATABASE_URL: {0}")]
    Database(#[from] ConnectError),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sea_orm::DbErr),
    #[error("RENKEI_MAIL_URL: {0}")]
    Mail(#[from] MailError),
    #[error("RENKEI_BIND: cannot listen on {0}: {1}")]
    Bind(std::net::SocketAddr, std::io::Error),
    #[error("server: {0}")]
    Serve(std::io::Error),
}

impl AppState {
    /// Connects to the database, brings its schema up to date and sets up mail.
    pub async fn open(config: Config, clock: Arc<dyn Clock>) -> Result<Self, StartError> {
        let db = Db::connect(config.database_url.expose()).await?;
        db.check_and_migrate().await.map_err(|e| match e {
            crate::store::MigrateError::NotRenkei(e) => StartError::Database(e),
            crate::store::MigrateError::Db(e) => StartError::Migrate(e),
        })?;
        Self::with_db(config, clock, db)
    }

    /// Uses an open, migrated database (tests build their own).
    pub fn with_db(config: Config, clock: Arc<dyn Clock>, db: Db) -> Result<Self, StartError> {
        let mailer = Mailer::from_config(&config.mail)?;
        let mail = MailWorker::new(db.clone(), Arc::clone(&clock), mailer, &config.mail_from)?;
        let webauthn = match crate::passkey::relying_party(&config.public_url) {
            Ok(w) => Some(Arc::new(w)),
            Err(e) => {
                tracing::warn!(error = %e, "passkeys are off; residents sign in with mailed codes");
                None
            }
        };
        Ok(Self { db, clock, config: Arc::new(config), mail, webauthn, summaries: Arc::default() })
    }
}

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
    let housekeeping = tokio::spawn(housekeeping(state.clone(), worker_stopped));
    let acceptor = TcpAcceptor::from_tokio(listener).map_err(StartError::Serve)?;
    let acceptor = http::connections::Limited::new(acceptor, state.config.max_connections);
    let result = Server::new_with_acceptor(acceptor)
        .idle_timeout(http::connections::IDLE)
        .run_with_graceful_shutdown(http::app(state.clone()), shutdown, Some(SHUTDOWN_GRACE))
        .await;
    let _ = stop_worker.send(true);
    // The worker ends after the batch it is sending; a mail server that
    // hangs does not hold the shutdown past this (what was sent and not yet
    // recorded goes again, with the same Message-ID, after its lease).
    if tokio::time::timeout(MAIL_GRACE, worker).await.is_err() {
        tracing::warn!("mail worker still sending at shutdown; its claims pass to the next start");
    }
    let _ = housekeeping.await;
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
