//! The application state every use case and handler is given, and what can
//! stop it from starting. Apart from `app` (serving, which needs the HTTP
//! layer), so that use cases depend on the state without depending on HTTP.

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Config;
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
    pub summaries: Arc<crate::service::summaries::SummaryCache>,
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
