//! Mail: the transports (SMTP in production, `.eml` files by default, memory
//! in tests) behind one enum, and the outbox worker that delivers what the
//! use cases queued, with retries.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::{Notify, watch};

use crate::clock::Clock;
use crate::config::MailTransport;
use crate::domain::mail::{LEASE, SendFailure, retry_after};
use crate::store::entity::mail_outbox;
use crate::store::{Db, StoreError, outbox};
use crate::telemetry::mask_email;

/// How often the worker looks for due mail when nobody woke it.
const POLL: StdDuration = StdDuration::from_secs(15);
/// Messages claimed at once: few, so a slow server cannot outlast the lease.
const BATCH: u64 = 5;
const BATCH_LEN: usize = BATCH as usize;

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
            // The directory is made at the first mail, not before.
            MailTransport::File(dir) => Self::File(AsyncFileTransport::new(dir), dir.clone()),
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

    /// Sends one message. Its Message-ID is the same whenever the same outbox
    /// row is sent (a retry, or a worker taking over after one died between
    /// sending and recording): SMTP cannot make a resend idempotent, but a
    /// receiving system or mail program that sees the same Message-ID twice
    /// can tell it is one message.
    pub async fn send(&self, from: &Mailbox, m: &mail_outbox::Model) -> Result<(), SendFailure> {
        let to: Mailbox = m.recipient.parse().map_err(|_| SendFailure::Message)?;
        let message = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(m.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .message_id(Some(message_id(from, m.id)))
            .body(m.body_text.clone())
            .map_err(|_| SendFailure::Message)?;
        match self {
            Self::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| classify_smtp(&e)),
            Self::File(t, dir) => {
                tokio::fs::create_dir_all(dir).await.map_err(|_| SendFailure::Storage)?;
                t.send(message).await.map(|_| ()).map_err(|_| SendFailure::Storage)
            }
            Self::Memory(v) => {
                let mut v = v.lock().map_err(|_| SendFailure::Storage)?;
                v.push(SentMail { to: m.recipient.clone(), subject: m.subject.clone(), body: m.body_text.clone() });
                Ok(())
            }
        }
    }
}

/// The reply code and its class, never the reply text (it may quote the recipient).
fn classify_smtp(e: &lettre::transport::smtp::Error) -> SendFailure {
    let code = e.status().and_then(|c| c.to_string().parse::<u16>().ok());
    match code {
        Some(c) if e.is_permanent() => SendFailure::Permanent(c),
        Some(c) if e.is_transient() => SendFailure::Transient(c),
        _ => SendFailure::Connection,
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
/// `<outbox row id@sender's domain>` (RFC 5322 3.6.4: unique, with a domain
/// on the right).
pub fn message_id(from: &Mailbox, id: uuid::Uuid) -> String {
    format!("<{id}@{}>", from.email.domain())
}

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

    /// The sender the worker's messages carry.
    pub fn sender(&self) -> &Mailbox {
        &self.from
    }

    pub fn wake(&self) {
        self.wakeup.notify_one();
    }

    /// One pass: claim what is due, send it, record the outcome; again
    /// while a claim comes back full. (A claim that finds less than a batch
    /// ends the pass: a message queued since has woken the worker for the
    /// next one, so no claim is spent on finding nothing.)
    pub async fn deliver_due(&self) -> Result<DeliveryReport, StoreError> {
        let mut report = DeliveryReport::default();
        while self.deliver_batch(None, &mut report).await? == BATCH_LEN {}
        Ok(report)
    }

    /// Delivers one message now, if it is due and nobody else holds it.
    pub async fn deliver_one(&self, id: uuid::Uuid) -> Result<DeliveryReport, StoreError> {
        let mut report = DeliveryReport::default();
        self.deliver_batch(Some(id), &mut report).await?;
        Ok(report)
    }

    /// Returns how many messages it claimed. One transaction claims the
    /// batch and one records its outcomes (two commits for up to `BATCH`
    /// messages); the lease is renewed before a send only once half of it
    /// has gone (a slow server), so that no message is sent by a worker
    /// whose claim may have passed to another.
    async fn deliver_batch(&self, only: Option<uuid::Uuid>, report: &mut DeliveryReport) -> Result<usize, StoreError> {
        let mut claimed_at = self.clock.now();
        let claimed = {
            let tx = self.db.write().await?;
            let claimed = outbox::claim_due(&*tx, claimed_at, LEASE, BATCH, only).await?;
            tx.commit().await?;
            claimed
        };
        if claimed.is_empty() {
            return Ok(0);
        }
        let count = claimed.len();
        let mut outcomes = Vec::with_capacity(claimed.len());
        for m in claimed {
            if self.clock.now() - claimed_at > LEASE / 2 {
                let tx = self.db.write().await?;
                let held = outbox::renew(&*tx, &m, self.clock.now(), LEASE).await?;
                tx.commit().await?;
                if !held {
                    tracing::warn!(mail_id = %m.id, "mail claim lost before sending; another worker has it");
                    continue;
                }
                claimed_at = self.clock.now();
            }
            let outcome = self.mailer.send(&self.from, &m).await;
            outcomes.push((m, outcome));
        }
        let tx = self.db.write().await?;
        let mut lost = Vec::new();
        for (m, outcome) in &outcomes {
            let recorded = match outcome {
                Ok(()) => {
                    report.sent += 1;
                    tracing::info!(mail_id = %m.id, kind = %m.kind, to = %mask_email(&m.recipient), "mail sent");
                    outbox::mark_sent(&*tx, m, self.clock.now()).await?
                }
                Err(failure) => {
                    let attempts = m.attempts + 1;
                    let retry_at = retry_after(attempts, *failure).map(|wait| self.clock.now() + wait);
                    let error = failure.describe();
                    if retry_at.is_some() {
                        report.retrying += 1;
                        tracing::warn!(mail_id = %m.id, attempts, error = %error, "mail not sent; will retry");
                    } else {
                        report.failed += 1;
                        tracing::error!(mail_id = %m.id, attempts, error = %error, "mail not sent; giving up");
                    }
                    outbox::mark_attempt_failed(&*tx, m, &error, retry_at).await?
                }
            };
            if !recorded {
                lost.push(m.id);
            }
        }
        tx.commit().await?;
        for id in lost {
            tracing::warn!(mail_id = %id, "mail claim expired before its result was recorded");
        }
        Ok(count)
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
