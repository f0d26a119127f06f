//! Mail: the transports (SMTP in production, `.eml` files by default, memory
//! in tests) behind one enum, and the outbox worker that delivers what the
//! use cases queued, with retries.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::{Notify, mpsc, watch};
use tokio::task::JoinHandle;

use crate::clock::Clock;
use crate::config::MailTransport;
use crate::domain::mail::{LEASE, Lane, SendFailure, needs_renewal, retry_after};
use crate::store::entity::mail_outbox;
use crate::store::{Db, StoreError, outbox};
use crate::telemetry::mask_email;

/// How often each lane looks for due mail it does not hold (retries, mail
/// queued by another process, claims a dead worker left) when nobody woke it.
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
    /// This worker's claims carry this id (one per process).
    id: uuid::Uuid,
    /// True while [`MailWorker::run`] runs: only then is new mail written
    /// claimed for it.
    running: Arc<AtomicBool>,
    urgent: Arc<Notify>,
    bulk: Arc<Notify>,
}

impl MailWorker {
    pub fn new(db: Db, clock: Arc<dyn Clock>, mailer: Mailer, from: &str) -> Result<Self, MailError> {
        let from = from.parse().map_err(|e: lettre::address::AddressError| MailError::Message(e.to_string()))?;
        Ok(Self {
            db,
            clock,
            mailer,
            from,
            id: uuid::Uuid::now_v7(),
            running: Arc::default(),
            urgent: Arc::new(Notify::new()),
            bulk: Arc::new(Notify::new()),
        })
    }

    pub fn mailer(&self) -> &Mailer {
        &self.mailer
    }

    /// The sender the worker's messages carry.
    pub fn sender(&self) -> &Mailbox {
        &self.from
    }

    /// The claim new mail is written with (`outbox::enqueue`): this worker's,
    /// while it runs; none otherwise (a command-line process, whose mail the
    /// server's worker takes).
    pub fn claim_for_new(&self) -> Option<uuid::Uuid> {
        self.running.load(Ordering::Acquire).then_some(self.id)
    }

    /// Tells both lanes to look at what they hold now, not at their next poll.
    pub fn wake(&self) {
        self.urgent.notify_one();
        self.bulk.notify_one();
    }

    /// One pass over both lanes, urgent first: claims what is due and nobody
    /// holds, then sends what this worker holds; the tests' and the command
    /// line's way to deliver without a running worker.
    pub async fn deliver_due(&self) -> Result<DeliveryReport, StoreError> {
        let mut report = DeliveryReport::default();
        for lane in Lane::ALL {
            self.pass(lane, true, None, &mut report).await?;
        }
        Ok(report)
    }

    /// Delivers one message now, if it is due and nobody else holds it.
    pub async fn deliver_one(&self, id: uuid::Uuid) -> Result<DeliveryReport, StoreError> {
        let mut report = DeliveryReport::default();
        let claimed = {
            let tx = self.db.write().await?;
            let claimed = outbox::claim_due(&*tx, self.id, None, self.clock.now(), LEASE, 1, Some(id)).await?;
            tx.commit().await?;
            claimed
        };
        let recorder = Recorder::start(self.clone());
        let sent = self.send_all(claimed, 1, &recorder).await;
        let recorded = recorder.finish(&mut report).await;
        sent.and(recorded)?;
        Ok(report)
    }

    /// One lane's pass: with `claim`, first claims what is due there and
    /// nobody holds (a write); then sends what this worker holds, batch by
    /// batch while they come back full. Mail written claimed for this worker
    /// (the usual case while it runs) costs no claim: the pass reads it and
    /// sends it. Outcomes are recorded behind the sending (see [`Recorder`]),
    /// all recorded when the pass returns. Once `stop` turns true, it ends
    /// after the batch it is sending.
    async fn pass(
        &self,
        lane: Lane,
        claim: bool,
        stop: Option<&watch::Receiver<bool>>,
        report: &mut DeliveryReport,
    ) -> Result<(), StoreError> {
        let recorder = Recorder::start(self.clone());
        let sent = self.pass_sending(lane, claim, stop, &recorder).await;
        let recorded = recorder.finish(report).await;
        sent.and(recorded)
    }

    async fn pass_sending(
        &self,
        lane: Lane,
        claim: bool,
        stop: Option<&watch::Receiver<bool>>,
        recorder: &Recorder,
    ) -> Result<(), StoreError> {
        let (limit, parallel) = lane.batch();
        let stopping = || stop.is_some_and(|s| *s.borrow());
        if claim {
            loop {
                let tx = self.db.write().await?;
                let claimed =
                    outbox::claim_due(&*tx, self.id, Some(lane), self.clock.now(), LEASE, limit, None).await?;
                tx.commit().await?;
                let full = claimed.len() as u64 == limit;
                self.send_all(claimed, parallel, recorder).await?;
                if !full || stopping() {
                    break;
                }
            }
        }
        loop {
            // Messages sent whose outcome is not recorded yet are still held
            // here: read past them, never send them twice.
            let skip = recorder.unrecorded();
            // Asking for as many more as are skipped, a full answer always
            // holds `limit` messages to send.
            let asked = limit + skip.len() as u64;
            let held = outbox::held(self.db.reader(), self.id, lane, self.clock.now(), asked).await?;
            let more = held.len() as u64 == asked;
            let fresh: Vec<mail_outbox::Model> =
                held.into_iter().filter(|m| !skip.contains(&m.id)).take(limit as usize).collect();
            if fresh.is_empty() {
                return Ok(());
            }
            self.send_all(fresh, parallel, recorder).await?;
            if !more || stopping() {
                return Ok(());
            }
        }
    }

    /// Sends messages this worker holds, in rounds of `parallel` sent at the
    /// same time, handing each round's outcomes to `recorder`. Before a
    /// round, its messages whose lease has less than half left are renewed
    /// (in one write), and those whose claim passed to another worker
    /// meanwhile are not sent from here: no message is sent on a lease that
    /// may have run out, however slow the rounds before it.
    async fn send_all(
        &self,
        held: Vec<mail_outbox::Model>,
        parallel: usize,
        recorder: &Recorder,
    ) -> Result<(), StoreError> {
        let mut held = held.into_iter().peekable();
        while held.peek().is_some() {
            let round: Vec<mail_outbox::Model> = held.by_ref().take(parallel.max(1)).collect();
            self.send_round(round, recorder).await?;
        }
        Ok(())
    }

    async fn send_round(&self, mut round: Vec<mail_outbox::Model>, recorder: &Recorder) -> Result<(), StoreError> {
        let now = self.clock.now();
        let stale: Vec<uuid::Uuid> =
            round.iter().filter(|m| needs_renewal(m.locked_until, now)).map(|m| m.id).collect();
        if !stale.is_empty() {
            let tx = self.db.write().await?;
            let kept = outbox::renew_all(&*tx, self.id, stale.clone(), now, LEASE).await?;
            tx.commit().await?;
            round.retain(|m| !stale.contains(&m.id) || kept.contains(&m.id));
            if kept.len() < stale.len() {
                tracing::warn!(
                    lost = stale.len() - kept.len(),
                    "mail claims lost before sending; another worker has them"
                );
            }
        }
        if round.is_empty() {
            return Ok(());
        }
        recorder.sending(round.iter().map(|m| m.id));
        let outcomes: Outcomes = futures::future::join_all(round.into_iter().map(|m| async move {
            let outcome = self.mailer.send(&self.from, &m).await;
            (m, outcome)
        }))
        .await;
        recorder.record(outcomes)
    }

    /// Records the outcomes of sends in one write: sent, or failed with a
    /// retry time or given up.
    async fn record(&self, outcomes: &Outcomes, report: &mut DeliveryReport) -> Result<(), StoreError> {
        let now = self.clock.now();
        let mut sent = Vec::new();
        let tx = self.db.write().await?;
        let mut lost = 0;
        let mut counts = DeliveryReport::default();
        for (m, outcome) in outcomes {
            match outcome {
                Ok(()) => {
                    tracing::info!(mail_id = %m.id, kind = %m.kind, to = %mask_email(&m.recipient), "mail sent");
                    sent.push(m.id);
                }
                Err(failure) => {
                    let attempts = m.attempts + 1;
                    let retry_at = retry_after(attempts, *failure).map(|wait| now + wait);
                    let error = failure.describe();
                    if retry_at.is_some() {
                        counts.retrying += 1;
                        tracing::warn!(mail_id = %m.id, attempts, error = %error, "mail not sent; will retry");
                    } else {
                        counts.failed += 1;
                        tracing::error!(mail_id = %m.id, attempts, error = %error, "mail not sent; giving up");
                    }
                    if !outbox::mark_attempt_failed(&*tx, m, &error, retry_at).await? {
                        lost += 1;
                    }
                }
            }
        }
        counts.sent = sent.len();
        let count = sent.len() as u64;
        if !sent.is_empty() {
            lost += count - outbox::mark_all_sent(&*tx, self.id, sent, now).await?;
        }
        tx.commit().await?;
        if lost > 0 {
            tracing::warn!(lost, "mail claims expired before their results were recorded");
        }
        report.sent += counts.sent;
        report.retrying += counts.retrying;
        report.failed += counts.failed;
        Ok(())
    }

    /// One lane, until `shutdown` turns true: when woken, sends what it
    /// holds; at start and every poll interval, also claims what is due and
    /// nobody holds.
    async fn lane(self, lane: Lane, mut shutdown: watch::Receiver<bool>) {
        let wakeup = match lane {
            Lane::Urgent => Arc::clone(&self.urgent),
            Lane::Bulk => Arc::clone(&self.bulk),
        };
        let mut last_claim: Option<tokio::time::Instant> = None;
        loop {
            // Claims at start and once a poll interval, however often woken.
            let claim = last_claim.is_none_or(|t| t.elapsed() >= POLL);
            if claim {
                last_claim = Some(tokio::time::Instant::now());
            }
            let mut report = DeliveryReport::default();
            if let Err(e) = self.pass(lane, claim, Some(&shutdown), &mut report).await {
                tracing::error!(error = %e, ?lane, "mail worker pass failed");
            }
            let next_claim = last_claim.map_or(POLL, |t| POLL.saturating_sub(t.elapsed()));
            tokio::select! {
                _ = wakeup.notified() => {}
                _ = tokio::time::sleep(next_claim) => {}
                _ = shutdown.changed() => {}
            }
            if *shutdown.borrow() {
                return;
            }
        }
    }

    /// Runs both lanes until `shutdown` turns true.
    pub async fn run(self, shutdown: watch::Receiver<bool>) {
        tracing::info!(transport = %self.mailer.describe(), "mail worker started");
        self.running.store(true, Ordering::Release);
        let mut urgent = tokio::spawn(self.clone().lane(Lane::Urgent, shutdown.clone()));
        let mut bulk = tokio::spawn(self.clone().lane(Lane::Bulk, shutdown));
        // Should a lane end early (it panicked), new mail is no longer written
        // claimed for this worker: the other lane's polls, or another
        // process, take it.
        let other = tokio::select! {
            _ = &mut urgent => bulk,
            _ = &mut bulk => urgent,
        };
        self.running.store(false, Ordering::Release);
        let _ = other.await;
        tracing::info!("mail worker stopped");
    }
}

/// Messages sent in one round, with how each went.
type Outcomes = Vec<(mail_outbox::Model, Result<(), SendFailure>)>;

/// Records a pass's delivery outcomes behind its sending, in a task of its
/// own: each write records every round that has finished since the last one.
/// Under load a write may wait in the database's queue for tens of
/// milliseconds while a round of codes takes about one; were each round
/// recorded before the next was sent, codes would go out at the pace of the
/// write queue (measured: 10 s behind at three times a registration surge's
/// capacity, bench/flow_surge.py). Until its outcome is recorded a message is
/// still held by this worker, so the pass reads past it.
struct Recorder {
    queue: Option<mpsc::UnboundedSender<Outcomes>>,
    unrecorded: Arc<Mutex<HashSet<uuid::Uuid>>>,
    task: Option<JoinHandle<Result<DeliveryReport, StoreError>>>,
}

impl Recorder {
    fn start(worker: MailWorker) -> Self {
        let (queue, mut outcomes) = mpsc::unbounded_channel::<Outcomes>();
        let unrecorded: Arc<Mutex<HashSet<uuid::Uuid>>> = Arc::default();
        let done = Arc::clone(&unrecorded);
        let task = tokio::spawn(async move {
            let mut report = DeliveryReport::default();
            while let Some(mut batch) = outcomes.recv().await {
                while let Ok(more) = outcomes.try_recv() {
                    batch.extend(more);
                }
                worker.record(&batch, &mut report).await?;
                if let Ok(mut set) = done.lock() {
                    for (m, _) in &batch {
                        set.remove(&m.id);
                    }
                }
            }
            Ok(report)
        });
        Self { queue: Some(queue), unrecorded, task: Some(task) }
    }

    /// Messages about to be sent: held until their outcome is recorded.
    fn sending(&self, ids: impl Iterator<Item = uuid::Uuid>) {
        if let Ok(mut set) = self.unrecorded.lock() {
            set.extend(ids);
        }
    }

    fn unrecorded(&self) -> HashSet<uuid::Uuid> {
        self.unrecorded.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn record(&self, outcomes: Outcomes) -> Result<(), StoreError> {
        match &self.queue {
            Some(q) if q.send(outcomes).is_ok() => Ok(()),
            // The task ended: a write failed; `finish` says why.
            _ => Err(not_recorded()),
        }
    }

    /// Records what is left and adds what was recorded to `report`.
    async fn finish(mut self, report: &mut DeliveryReport) -> Result<(), StoreError> {
        self.queue = None;
        let Some(task) = self.task.take() else { return Ok(()) };
        match task.await {
            Ok(Ok(r)) => {
                report.sent += r.sent;
                report.retrying += r.retrying;
                report.failed += r.failed;
                Ok(())
            }
            Ok(Err(e)) => Err(e),
            Err(e) => Err(StoreError::Db(sea_orm::DbErr::Custom(format!("mail recorder: {e}")))),
        }
    }
}

/// The recorder's task ended (a write failed; [`Recorder::finish`] says why).
fn not_recorded() -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom("mail outcomes not recorded".into()))
}
