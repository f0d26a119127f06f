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
    /// The audit log's signing key and the last walk of its chain.
    pub audit: Arc<crate::service::audit_verify::AuditWatch>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("RENKEI_DATABASE_URL: {0}")]
    Database(#[from] ConnectError),
    #[error("RENKEI_MIGRATION_DATABASE_URL: {0}")]
    MigrationDatabase(ConnectError),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sea_orm::DbErr),
    #[error("RENKEI_AUDIT_KEY_FILE: {0}")]
    AuditKey(String),
    #[error("RENKEI_MAIL_URL: {0}")]
    Mail(#[from] MailError),
    #[error("RENKEI_BIND: cannot listen on {0}: {1}")]
    Bind(std::net::SocketAddr, std::io::Error),
    #[error("server: {0}")]
    Serve(std::io::Error),
}

impl AppState {
    /// Connects to the database, brings its schema up to date and sets up mail.
    ///
    /// With `RENKEI_MIGRATION_DATABASE_URL` (PostgreSQL) the schema is
    /// migrated as that owner, which then grants the service's own role what
    /// it needs and no more (`Db::grant_service_role`): the service cannot
    /// alter, empty or unhook the audit log.
    pub async fn open(config: Config, clock: Arc<dyn Clock>) -> Result<Self, StartError> {
        let db = Db::connect(config.database_url.expose()).await?;
        let migrated = match &config.migration_database_url {
            Some(owner_url) => {
                let owner = Db::connect(owner_url.expose()).await.map_err(StartError::MigrationDatabase)?;
                let role = db.current_role().await?;
                let done = owner.check_migrate_and_grant(Some(&role)).await;
                let _ = owner.close().await;
                done
            }
            None => db.check_and_migrate().await,
        };
        migrated.map_err(|e| match e {
            crate::store::MigrateError::NotRenkei(e) => StartError::Database(e),
            crate::store::MigrateError::Db(e) => StartError::Migrate(e),
        })?;
        let may_rewrite = db.may_rewrite_audit_log().await?;
        if config.migration_database_url.is_some() && may_rewrite {
            // The operator asked for a service that cannot change the log.
            return Err(StartError::Migrate(sea_orm::DbErr::Custom(
                "RENKEI_DATABASE_URL's role may still change or empty the audit log (it owns it, is a member of \
                 its owner, or is a superuser): give the service a role of its own (README, \"PostgreSQL roles\")"
                    .into(),
            )));
        }
        if db.backend() == crate::store::Backend::Postgres && may_rewrite {
            tracing::warn!(
                "the service's database role may change or empty the audit log: \
                 run it as a role of its own (RENKEI_MIGRATION_DATABASE_URL, see README)"
            );
        }
        Self::with_db(config, clock, db)
    }

    /// `renkei migrate`: brings the schema up to date as its owner
    /// (`RENKEI_MIGRATION_DATABASE_URL`, else `RENKEI_DATABASE_URL`) and,
    /// with `grant`, gives that role what the service needs and no more.
    pub async fn migrate_only(config: &Config, grant: Option<&str>) -> Result<String, StartError> {
        let owner = match &config.migration_database_url {
            Some(url) => Db::connect(url.expose()).await.map_err(StartError::MigrationDatabase)?,
            None => Db::connect(config.database_url.expose()).await?,
        };
        let done = async {
            owner.check_migrate_and_grant(grant).await.map_err(|e| match e {
                crate::store::MigrateError::NotRenkei(e) => StartError::Database(e),
                crate::store::MigrateError::Db(e) => StartError::Migrate(e),
            })?;
            Ok(owner.describe())
        }
        .await;
        let _ = owner.close().await;
        done
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
        let audit = crate::service::audit_verify::AuditWatch::open(config.audit_key_file.as_deref())
            .map_err(StartError::AuditKey)?;
        Ok(Self {
            db,
            clock,
            config: Arc::new(config),
            mail,
            webauthn,
            summaries: Arc::default(),
            audit: Arc::new(audit),
        })
    }
}
