//! Group commit on SQLite: concurrent write transactions share one COMMIT
//! (and so one fsync of the write-ahead log).
//!
//! One connection holds an open `BEGIN IMMEDIATE` transaction, the group.
//! Writers take turns on it (an in-process gate, first come first served);
//! each writer's statements run inside a savepoint of its own, so a writer
//! that fails or gives up is undone alone (`ROLLBACK TO`) while the others'
//! work stays. A writer that commits releases its savepoint and then waits:
//! its write is acknowledged only once the group's COMMIT has succeeded. The
//! writer that finishes while nobody else is queued commits the group (as
//! does one that finds the group large or old enough), so a lone writer
//! commits at once and writers that arrive together share one commit.
//!
//! If the group's COMMIT fails (a full disk), or SQLite ends the transaction
//! by itself after an error (it may, after SQLITE_FULL or an I/O error), every
//! writer of the group gets the error: none of them is acknowledged.
//!
//! A writer sees the released writes of the earlier writers of its group,
//! as it would have seen them committed had they gone first. A write that
//! commits waits for the group, so what it acknowledges holds; a refusal
//! that reads such a write and commits nothing (say, 409 for a registration
//! another writer made a moment before) is answered before the group's
//! commit, which may still fail on a full disk.
//!
//! The finishing steps (release or roll back a savepoint, commit the group)
//! run in a task of their own, so that a request given up half-way (its
//! client gone) never leaves the group without someone to commit it.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};
use tokio::sync::{Mutex, OwnedMutexGuard, oneshot};

/// A group is committed once this many writes wait for it...
const MAX_MEMBERS: usize = 128;
/// ... or once the first of them has waited this long, even while more
/// writers are queued (a bound on what sharing adds to a write's time).
const MAX_WAIT: Duration = Duration::from_millis(50);

/// The savepoint of the writer whose turn it is (one at a time).
const SAVEPOINT: &str = "renkei_member";

/// The SQLite writer of one [`super::Db`].
pub(super) struct Writer {
    gate: Arc<Mutex<Group>>,
    /// Writers waiting for their turn.
    queued: AtomicUsize,
    /// Commits of groups that acknowledged at least one write (for tests).
    commits: AtomicUsize,
    /// Until when (ms since the epoch) connections going back to the pool
    /// are rolled back in case SQLite kept a transaction the driver does not
    /// know of: set when a write fails (see the pool's `after_release`).
    suspect: Arc<AtomicI64>,
}

#[derive(Default)]
pub(super) struct Group {
    tx: Option<Arc<DatabaseTransaction>>,
    /// Writers whose savepoint is released, waiting for the group's COMMIT.
    waiting: Vec<oneshot::Sender<Result<(), String>>>,
    /// Since when the first of them waits.
    since: Option<Instant>,
}

/// One writer's turn: the gate, held until the turn is finished. Dropped
/// without [`Turn::commit`], its savepoint is rolled back by a task.
pub(super) struct Turn {
    writer: Arc<Writer>,
    guard: Option<OwnedMutexGuard<Group>>,
    /// Whether this writer's savepoint is open.
    savepoint: bool,
    /// An error after which SQLite may have ended the group's transaction by
    /// itself (see [`Fatal`]): the whole group is rolled back.
    fatal: Fatal,
}

/// The first error of a writer's statements after which SQLite may have
/// rolled the whole transaction back by itself (a full disk, an I/O error,
/// no memory: <https://sqlite.org/lang_transaction.html>). Once one is
/// seen, the writer's later statements are refused without running (they
/// would run outside any transaction, each kept at once), and the group is
/// failed with this error, so the other writers hear why (a full disk is a
/// 503 for them too).
pub(super) type Fatal = Arc<std::sync::Mutex<Option<String>>>;

/// Whether an SQLite error may have ended the transaction by itself.
pub(super) fn ends_transaction(err: &DbErr) -> bool {
    let primary = super::faults::sqlx_error(err)
        .and_then(sqlx::Error::as_database_error)
        .and_then(|d| d.code())
        .and_then(|c| c.parse::<i32>().ok())
        .map(|c| c & 0xff);
    // SQLITE_NOMEM 7, SQLITE_INTERRUPT 9, SQLITE_IOERR 10, SQLITE_CORRUPT 11, SQLITE_FULL 13.
    matches!(primary, Some(7 | 9 | 10 | 11 | 13)) || super::faults::is_storage_full(err)
}

pub(super) fn fatal_of(fatal: &Fatal) -> Option<String> {
    fatal.lock().ok().and_then(|f| f.clone())
}

impl Writer {
    pub(super) fn new(suspect: Arc<AtomicI64>) -> Arc<Self> {
        Arc::new(Self {
            gate: Arc::new(Mutex::new(Group::default())),
            queued: AtomicUsize::new(0),
            commits: AtomicUsize::new(0),
            suspect,
        })
    }

    /// How many writers are waiting for their turn.
    pub(super) fn queued(&self) -> usize {
        self.queued.load(Ordering::Acquire)
    }

    /// How many group commits there have been.
    pub(super) fn commits(&self) -> usize {
        self.commits.load(Ordering::Relaxed)
    }

    /// Holds every writer of this process off (after committing the writes
    /// waiting for it) until the guard returned is dropped: for migrations.
    pub(super) async fn pause(&self) -> OwnedMutexGuard<Group> {
        let mut guard = Arc::clone(&self.gate).lock_owned().await;
        self.commit(&mut guard).await;
        guard
    }

    /// Waits for a turn and opens this writer's savepoint (beginning a group
    /// if none is open). Returns the turn and the group's transaction.
    pub(super) async fn join(
        self: &Arc<Self>,
        conn: &DatabaseConnection,
    ) -> Result<(Turn, Arc<DatabaseTransaction>, Fatal), DbErr> {
        let queued = Queued::new(self);
        let guard = Arc::clone(&self.gate).lock_owned().await;
        queued.served();
        let mut turn = Turn { writer: Arc::clone(self), guard: Some(guard), savepoint: false, fatal: Fatal::default() };
        let Some(group) = turn.guard.as_mut() else { return Err(DbErr::Custom("write gate lost".into())) };
        if group.tx.is_none() {
            let options = TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..TransactionOptions::default()
            };
            let tx = conn.begin_with_options(options).await.inspect_err(|_| suspect_for_a_while(&self.suspect))?;
            group.tx = Some(Arc::new(tx));
        }
        let Some(tx) = group.tx.clone() else { return Err(DbErr::Custom("write group lost".into())) };
        if let Err(e) = tx.execute_unprepared(&format!("SAVEPOINT {SAVEPOINT}")).await {
            // Outside a transaction SAVEPOINT would begin one of its own:
            // the group's is no longer sound.
            drop(tx);
            fail(&self.suspect, group, &e.to_string()).await;
            return Err(e);
        }
        turn.savepoint = true;
        let fatal = Arc::clone(&turn.fatal);
        Ok((turn, tx, fatal))
    }
}

impl Turn {
    /// Releases this writer's savepoint and waits for the group's COMMIT.
    /// `tx` is the writer's handle on the group's transaction, given back.
    pub(super) async fn commit(mut self, tx: Arc<DatabaseTransaction>) -> Result<(), DbErr> {
        drop(tx);
        let Some(guard) = self.guard.take() else { return Err(DbErr::Custom("write gate lost".into())) };
        let (ack, acked) = oneshot::channel();
        let writer = Arc::clone(&self.writer);
        let fatal = fatal_of(&self.fatal);
        tokio::spawn(async move { writer.finish(guard, Some(ack), fatal).await });
        match acked.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(why)) => Err(DbErr::Custom(why)),
            Err(_) => Err(DbErr::Custom("the write was not confirmed".into())),
        }
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        if let Some(guard) = self.guard.take() {
            let writer = Arc::clone(&self.writer);
            let savepoint = self.savepoint;
            let fatal = fatal_of(&self.fatal);
            match tokio::runtime::Handle::try_current() {
                Ok(rt) => {
                    rt.spawn(async move {
                        if savepoint {
                            writer.finish(guard, None, fatal).await;
                        } else {
                            writer.settle(guard).await;
                        }
                    });
                }
                Err(_) => drop(guard),
            }
        }
    }
}

impl Writer {
    /// Ends a writer's turn: releases its savepoint (`ack` given: it
    /// commits) or rolls it back, then commits the group if it is time.
    async fn finish(
        self: Arc<Self>,
        mut guard: OwnedMutexGuard<Group>,
        ack: Option<oneshot::Sender<Result<(), String>>>,
        fatal: Option<String>,
    ) {
        let Some(tx) = guard.tx.clone() else {
            if let Some(ack) = ack {
                let _ = ack.send(Err("write group lost".into()));
            }
            return;
        };
        if let Some(why) = fatal {
            drop(tx);
            if let Some(ack) = ack {
                guard.waiting.push(ack);
            }
            fail(&self.suspect, &mut guard, &why).await;
            return;
        }
        let ended = match &ack {
            Some(_) => tx.execute_unprepared(&format!("RELEASE SAVEPOINT {SAVEPOINT}")).await.map(|_| ()),
            None => {
                async {
                    tx.execute_unprepared(&format!("ROLLBACK TO SAVEPOINT {SAVEPOINT}")).await?;
                    tx.execute_unprepared(&format!("RELEASE SAVEPOINT {SAVEPOINT}")).await.map(|_| ())
                }
                .await
            }
        };
        drop(tx);
        if let Err(e) = ended {
            // The savepoint is gone: SQLite ended the group's transaction by
            // itself (after a full disk or an I/O error). Nothing of the
            // group is kept; nobody of it is acknowledged.
            if let Some(ack) = ack {
                guard.waiting.push(ack);
            }
            fail(&self.suspect, &mut guard, &e.to_string()).await;
            return;
        }
        if let Some(ack) = ack {
            guard.since.get_or_insert_with(Instant::now);
            guard.waiting.push(ack);
        }
        self.commit_if_due(&mut guard).await;
    }

    /// After a turn given up before its savepoint was open: commit the group
    /// if nobody else will.
    async fn settle(self: Arc<Self>, mut guard: OwnedMutexGuard<Group>) {
        self.commit_if_due(&mut guard).await;
    }

    async fn commit_if_due(&self, group: &mut Group) {
        if group.tx.is_none() {
            return;
        }
        let queued = self.queued.load(Ordering::Acquire);
        let old = group.since.is_some_and(|t| t.elapsed() >= MAX_WAIT);
        if queued > 0 && group.waiting.len() < MAX_MEMBERS && !old {
            // The next writer in line will commit, or a later one.
            return;
        }
        self.commit(group).await;
    }

    /// Commits the group now, if one is open, and tells its writers.
    async fn commit(&self, group: &mut Group) {
        let Some(tx) = group.tx.take() else { return };
        group.since = None;
        let waiting = std::mem::take(&mut group.waiting);
        let result = match Arc::try_unwrap(tx) {
            Ok(tx) => tx.commit().await,
            Err(_) => Err(DbErr::Custom("the write group is still in use".into())),
        };
        if !waiting.is_empty() {
            self.commits.fetch_add(1, Ordering::Relaxed);
        }
        let outcome = result.map_err(|e| e.to_string());
        if let Err(why) = &outcome {
            suspect_for_a_while(&self.suspect);
            tracing::warn!(writes = waiting.len(), error = %why, "a group commit failed; none of its writes is kept");
        }
        for ack in waiting {
            let _ = ack.send(outcome.clone());
        }
    }
}

/// Rolls the group back and tells every waiting writer. The group is
/// emptied and its writers told before anything is awaited: if this is
/// cancelled half-way, no writer is left waiting, nor can a later group's
/// commit acknowledge them.
async fn fail(suspect: &AtomicI64, group: &mut Group, why: &str) {
    suspect_for_a_while(suspect);
    tracing::warn!(writes = group.waiting.len(), error = %why, "a write group was ended by the database; none of its writes is kept");
    group.since = None;
    let tx = group.tx.take();
    for ack in std::mem::take(&mut group.waiting) {
        let _ = ack.send(Err(why.to_owned()));
    }
    if let Some(tx) = tx
        && let Ok(tx) = Arc::try_unwrap(tx)
    {
        let _ = tx.rollback().await;
    }
}

/// Counts a writer waiting for its turn; one that gives up waiting makes
/// sure the group is not left without someone to commit it.
struct Queued {
    writer: Arc<Writer>,
    served: bool,
}

impl Queued {
    fn new(writer: &Arc<Writer>) -> Self {
        writer.queued.fetch_add(1, Ordering::AcqRel);
        Self { writer: Arc::clone(writer), served: false }
    }

    fn served(mut self) {
        self.served = true;
    }
}

impl Drop for Queued {
    fn drop(&mut self) {
        self.writer.queued.fetch_sub(1, Ordering::AcqRel);
        if !self.served
            && let Ok(rt) = tokio::runtime::Handle::try_current()
        {
            let writer = Arc::clone(&self.writer);
            rt.spawn(async move {
                let guard = Arc::clone(&writer.gate).lock_owned().await;
                writer.settle(guard).await;
            });
        }
    }
}

/// Connections going back to the pool in the next seconds are rolled back.
fn suspect_for_a_while(suspect: &AtomicI64) {
    suspect.store(super::faults::unix_millis() + SUSPECT_FOR_MS, Ordering::Relaxed);
}

/// How long after a failed write released connections are rolled back.
const SUSPECT_FOR_MS: i64 = 10_000;
