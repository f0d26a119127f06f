//! The mail outbox: rows written in the same transaction as the change they
//! report, delivered later by the worker in `crate::mail`.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::StoreError;
use super::entity::mail_outbox::{self, Column};
use crate::domain::mail::{LEASE, Lane};

pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";
/// Written and never sent: a notice over its address's limit, kept only so
/// that the request did the same writes as one that mails (see
/// `service::account::request_sign_in_code`); deleted after a day.
pub const DROPPED: &str = "dropped";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    pub kind: &'static str,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
}

/// Queues a message in the writer's transaction. With `claim` (the running
/// worker of this process: `MailWorker::claim_for_new`), it is written
/// already claimed for `LEASE`, so that worker sends it when woken after the
/// commit without a claim of its own; should that process die first, the
/// lease runs out and any worker takes it.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    mail: NewMail,
    now: DateTime<Utc>,
    claim: Option<Uuid>,
) -> Result<Uuid, StoreError> {
    let id = Uuid::now_v7();
    let priority = Lane::of(mail.kind).priority();
    let row = mail_outbox::ActiveModel {
        id: Set(id),
        created_at: Set(now),
        kind: Set(mail.kind.to_owned()),
        recipient: Set(mail.recipient),
        subject: Set(mail.subject),
        body_text: Set(mail.body_text),
        status: Set(PENDING.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(claim.map(|_| now + LEASE)),
        claim_id: Set(claim),
        last_error: Set(None),
        sent_at: Set(None),
        priority: Set(priority),
    };
    mail_outbox::Entity::insert(row).exec(db).await?;
    Ok(id)
}

fn unclaimed(now: DateTime<Utc>) -> Condition {
    Condition::any().add(Column::LockedUntil.is_null()).add(Column::LockedUntil.lt(now))
}

/// Claims for `claim` (a worker's id) up to `limit` due messages that
/// nobody holds: of one lane, or only `only`, when given. A message is
/// claimed by one worker at a time, even with several servers on one
/// database; a worker that dies releases its claims when the lease runs
/// out. The returned rows carry their `claim_id`.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    claim: Uuid,
    lane: Option<Lane>,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
    only: Option<Uuid>,
) -> Result<Vec<mail_outbox::Model>, StoreError> {
    let mut query = mail_outbox::Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::Status.eq(PENDING))
        .filter(Column::NextAttemptAt.lte(now))
        .filter(unclaimed(now));
    if let Some(lane) = lane {
        query = query.filter(Column::Priority.eq(lane.priority()));
    }
    if let Some(id) = only {
        query = query.filter(Column::Id.eq(id));
    }
    let candidates: Vec<Uuid> = query
        .order_by_asc(Column::Priority)
        .order_by_asc(Column::NextAttemptAt)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let until = now + lease;
    // Those still unclaimed at the update (another worker may have taken
    // some since the select) become this claim's.
    mail_outbox::Entity::update_many()
        .col_expr(Column::LockedUntil, Expr::value(until))
        .col_expr(Column::ClaimId, Expr::value(claim))
        .filter(Column::Id.is_in(candidates.clone()))
        .filter(Column::Status.eq(PENDING))
        .filter(unclaimed(now))
        .exec(db)
        .await?;
    Ok(mail_outbox::Entity::find()
        .filter(Column::Id.is_in(candidates))
        .filter(Column::ClaimId.eq(claim))
        .filter(Column::LockedUntil.eq(until))
        .order_by_asc(Column::Priority)
        .order_by_asc(Column::NextAttemptAt)
        .all(db)
        .await?)
}

/// Up to `limit` pending messages of `lane` that `claim` holds (written
/// claimed by this process, or claimed earlier), oldest first; a read, not a
/// write. Their leases may have run out: [`renew_all`] before sending those.
pub async fn held(
    db: &impl ConnectionTrait,
    claim: Uuid,
    lane: Lane,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<mail_outbox::Model>, StoreError> {
    Ok(mail_outbox::Entity::find()
        .filter(Column::Status.eq(PENDING))
        .filter(Column::ClaimId.eq(claim))
        .filter(Column::Priority.eq(lane.priority()))
        .filter(Column::NextAttemptAt.lte(now))
        .order_by_asc(Column::NextAttemptAt)
        .order_by_asc(Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Extends the leases of messages `claim` still holds; returns those it
/// holds (a message whose lease ran out may have passed to another worker,
/// and is not sent from here).
pub async fn renew_all(
    db: &impl ConnectionTrait,
    claim: Uuid,
    ids: Vec<Uuid>,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<Vec<Uuid>, StoreError> {
    let until = now + lease;
    mail_outbox::Entity::update_many()
        .col_expr(Column::LockedUntil, Expr::value(until))
        .filter(Column::Id.is_in(ids.clone()))
        .filter(Column::ClaimId.eq(claim))
        .filter(Column::Status.eq(PENDING))
        .exec(db)
        .await?;
    Ok(mail_outbox::Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::Id.is_in(ids))
        .filter(Column::ClaimId.eq(claim))
        .filter(Column::LockedUntil.eq(until))
        .into_tuple()
        .all(db)
        .await?)
}

/// Records the delivery of messages `claim` holds and empties their bodies
/// (no longer needed), in one statement. Returns how many it recorded: fewer
/// than `ids` when some claims were lost meanwhile.
pub async fn mark_all_sent(
    db: &impl ConnectionTrait,
    claim: Uuid,
    ids: Vec<Uuid>,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let res = mail_outbox::Entity::update_many()
        .col_expr(Column::Status, Expr::value(SENT))
        .col_expr(Column::SentAt, Expr::value(now))
        .col_expr(Column::BodyText, Expr::value(""))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .col_expr(Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(Column::ClaimId, Expr::value(Option::<Uuid>::None))
        .col_expr(Column::LastError, Expr::value(Option::<String>::None))
        .filter(Column::Id.is_in(ids))
        .filter(Column::ClaimId.eq(claim))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Records a failed attempt: retried at `retry_at`, or given up when `None`.
/// `error` must carry no personal data.
pub async fn mark_attempt_failed(
    db: &impl ConnectionTrait,
    m: &mail_outbox::Model,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<bool, StoreError> {
    let error: String = error.chars().take(500).collect();
    let mut update = mail_outbox::Entity::update_many()
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .col_expr(Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(Column::ClaimId, Expr::value(Option::<Uuid>::None))
        .col_expr(Column::LastError, Expr::value(error));
    update = match retry_at {
        Some(at) => update.col_expr(Column::NextAttemptAt, Expr::value(at)),
        None => update.col_expr(Column::Status, Expr::value(FAILED)),
    };
    let res = update.filter(Column::Id.eq(m.id)).filter(Column::ClaimId.eq(m.claim_id)).exec(db).await?;
    Ok(res.rows_affected == 1)
}

/// Sets the status of a message just queued: `PENDING` (as it is) or `DROPPED`.
pub async fn settle(db: &impl ConnectionTrait, id: Uuid, status: &str) -> Result<(), StoreError> {
    mail_outbox::Entity::update_many()
        .col_expr(Column::Status, Expr::value(status))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes dropped messages written before `before`.
pub async fn purge_dropped(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, StoreError> {
    let res = mail_outbox::Entity::delete_many()
        .filter(Column::Status.eq(DROPPED))
        .filter(Column::CreatedAt.lt(before))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<mail_outbox::Model>, StoreError> {
    Ok(mail_outbox::Entity::find_by_id(id).one(db).await?)
}
