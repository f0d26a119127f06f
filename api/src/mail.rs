//! Mail: the transports (SMTP in production, `.eml` files by default, memory
//! in tests) behind one enum, and the outbox worker that delivers what the
//! use cases queued, with retries.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::Duration;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::{Notify, watch};

use crate::clock::Clock;
use crate::config::MailTransport;
use crate::store::entity::mail_outbox;
use crate::store::{Db, StoreError, outbox};
use crate::telemetry::mask_email;

/// Attempts before a message is given up (about a day and a half of retries).
pub const MAX_ATTEMPTS: i32 = 10;
/// How long a worker holds a claimed message before another may take it.
const LEASE: Duration = Duration::minutes(5);
/// How often the worker looks for due mail when nobody woke it.
const POLL: StdDuration = StdDuration::from_secs(15);

/// A message as the memory transport keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentMail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>, PathBuf),
    Memory(Arc<Mutex<Vec<SentMail>>>),
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail transport: {0}")]
    Transport(String),
    #[error("mail address or message: {0}")]
    Message(String),
}

impl Mailer {
    pub fn from_config(t: &MailTransport) -> Result<Self, MailError> {
        Ok(match t {
            MailTransport::Smtp(url) => Self::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .map_err(|e| MailError::Transport(e.to_string()))?
                    .timeout(Some(StdDuration::from_secs(30)))
                    .build(),
            ),
            MailTransport::File(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| MailError::Transport(format!("{}: {e}", dir.display())))?;
                Self::File(AsyncFileTransport::new(dir), dir.clone())
            }
            MailTransport::Memory => Self::Memory(Arc::default()),
        })
    }

    /// Messages the memory transport holds (empty for the others).
    pub fn sent(&self) -> Vec<SentMail> {
        match self {
            Self::Memory(m) => m.lock().map(|v| v.clone()).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Self::Smtp(_) => "smtp".to_owned(),
            Self::File(_, dir) => format!("files in {}", dir.display()),
            Self::Memory(_) => "memory".to_owned(),
        }
    }

    pub async fn send(&self, from: &Mailbox, m: &mail_outbox::Model) -> Result<(), MailError> {
        let to: Mailbox =
            m.recipient.parse().map_err(|e: lettre::address::AddressError| MailError::Message(e.to_string()))?;
        let message = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(m.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .message_id(Some(format!("<{}@renkei>", m.id)))
            .body(m.body_text.clone())
            .map_err(|e| MailError::Message(e.to_string()))?;
        match self {
            Self::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| MailError::Transport(e.to_string())),
            Self::File(t, _) => t.send(message).await.map(|_| ()).map_err(|e| MailError::Transport(e.to_string())),
            Self::Memory(v) => {
                let mut v = v.lock().map_err(|_| MailError::Transport("memory transport poisoned".into()))?;
                v.push(SentMail { to: m.recipient.clone(), subject: m.subject.clone(), body: m.body_text.clone() });
                Ok(())
            }
        }
    }
}

/// What one pass over the outbox did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    pub retrying: usize,
    pub failed: usize,
}

/// Delivers queued mail. Cheap to clone; [`MailWorker::wake`] makes a
/// running worker look at the outbox at once instead of at its next poll.
#[derive(Clone)]
pub struct MailWorker {
    db: Db,
    clock: Arc<dyn Clock>,
    mailer: Mailer,
    from: Mailbox,
    wakeup: Arc<Notify>,
}

impl MailWorker {
    pub fn new(db: Db, clock: Arc<dyn Clock>, mailer: Mailer, from: &str) -> Result<Self, MailError> {
        let from = from.parse().map_err(|e: lettre::address::AddressError| MailError::Message(e.to_string()))?;
        Ok(Self { db, clock, mailer, from, wakeup: Arc::new(Notify::new()) })
    }

    pub fn mailer(&self) -> &Mailer {
        &self.mailer
    }

    pub fn wake(&self) {
        self.wakeup.notify_one();
    }

    /// One pass: claim what is due, send it, record the outcome.
    pub async fn deliver_due(&self) -> Result<DeliveryReport, StoreError> {
        let mut report = DeliveryReport::default();
        loop {
            let claimed = {
                let tx = self.db.write().await?;
                let claimed = outbox::claim_due(&*tx, self.clock.now(), LEASE, 20).await?;
                tx.commit().await?;
                claimed
            };
            if claimed.is_empty() {
                return Ok(report);
            }
            for m in claimed {
                let outcome = self.mailer.send(&self.from, &m).await;
                let tx = self.db.write().await?;
                match outcome {
                    Ok(()) => {
                        outbox::mark_sent(&*tx, m.id, self.clock.now()).await?;
                        tracing::info!(mail_id = %m.id, kind = %m.kind, to = %mask_email(&m.recipient), "mail sent");
                        report.sent += 1;
                    }
                    Err(e) => {
                        let attempts = m.attempts + 1;
                        let retry_at = (attempts < MAX_ATTEMPTS).then(|| self.clock.now() + backoff(attempts));
                        outbox::mark_attempt_failed(&*tx, m.id, &e.to_string(), retry_at).await?;
                        if retry_at.is_some() {
                            tracing::warn!(mail_id = %m.id, attempts, error = %e, "mail not sent; will retry");
                            report.retrying += 1;
                        } else {
                            tracing::error!(mail_id = %m.id, attempts, error = %e, "mail not sent; giving up");
                            report.failed += 1;
                        }
                    }
                }
                tx.commit().await?;
            }
        }
    }

    /// Runs until `shutdown` turns true, delivering when woken or every poll interval.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        tracing::info!(transport = %self.mailer.describe(), "mail worker started");
        loop {
            if let Err(e) = self.deliver_due().await {
                tracing::error!(error = %e, "mail worker pass failed");
            }
            tokio::select! {
                _ = self.wakeup.notified() => {}
                _ = tokio::time::sleep(POLL) => {}
                _ = shutdown.changed() => {}
            }
            if *shutdown.borrow() {
                tracing::info!("mail worker stopped");
                return;
            }
        }
    }
}

/// 1, 2, 4, … minutes, at most six hours.
pub fn backoff(attempts: i32) -> Duration {
    let exp = u32::try_from(attempts.clamp(1, 16) - 1).unwrap_or(0);
    Duration::minutes(2_i64.pow(exp).min(360))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_caps() {
        assert_eq!(backoff(1), Duration::minutes(1));
        assert_eq!(backoff(2), Duration::minutes(2));
        assert_eq!(backoff(5), Duration::minutes(16));
        assert_eq!(backoff(12), Duration::minutes(360));
    }
}
