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

pub async fn enqueue(db: &impl ConnectionTrait, mail: NewMail, now: DateTime<Utc>) -> Result<Uuid, StoreError> {
    let id = Uuid::now_v7();
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
        locked_until: Set(None),
        claim_id: Set(None),
        last_error: Set(None),
        sent_at: Set(None),
    };
    mail_outbox::Entity::insert(row).exec(db).await?;
    Ok(id)
}

fn unclaimed(now: DateTime<Utc>) -> Condition {
    Condition::any().add(Column::LockedUntil.is_null()).add(Column::LockedUntil.lt(now))
}

/// Claims up to `limit` due messages (or only `only`, when given) for
/// `lease`. A message is claimed by one worker at a time, even with several
/// servers on one database; a worker that dies releases its claim when the
/// lease runs out. The returned rows carry their `claim_id`.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
    only: Option<Uuid>,
) -> Result<Vec<mail_outbox::Model>, StoreError> {
    let mut query = mail_outbox::Entity::find()
        .filter(Column::Status.eq(PENDING))
        .filter(Column::NextAttemptAt.lte(now))
        .filter(unclaimed(now));
    if let Some(id) = only {
        query = query.filter(Column::Id.eq(id));
    }
    let candidates = query.order_by_asc(Column::NextAttemptAt).limit(limit).all(db).await?;
    let mut claimed = Vec::with_capacity(candidates.len());
    for mut m in candidates {
        let claim = Uuid::now_v7();
        let res = mail_outbox::Entity::update_many()
            .col_expr(Column::LockedUntil, Expr::value(now + lease))
            .col_expr(Column::ClaimId, Expr::value(claim))
            .filter(Column::Id.eq(m.id))
            .filter(Column::Status.eq(PENDING))
            .filter(unclaimed(now))
            .exec(db)
            .await?;
        if res.rows_affected == 1 {
            m.claim_id = Some(claim);
            claimed.push(m);
        }
    }
    Ok(claimed)
}

/// Extends the lease of a claim about to be used; false when the claim was
/// lost (another worker holds the message now: it is not sent twice from here).
pub async fn renew(
    db: &impl ConnectionTrait,
    m: &mail_outbox::Model,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<bool, StoreError> {
    let res = mail_outbox::Entity::update_many()
        .col_expr(Column::LockedUntil, Expr::value(now + lease))
        .filter(Column::Id.eq(m.id))
        .filter(Column::ClaimId.eq(m.claim_id))
        .filter(Column::Status.eq(PENDING))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Records a delivery and empties the body (it is no longer needed). Returns
/// false when the claim was lost (the lease ran out and another worker took it).
pub async fn mark_sent(
    db: &impl ConnectionTrait,
    m: &mail_outbox::Model,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let res = mail_outbox::Entity::update_many()
        .col_expr(Column::Status, Expr::value(SENT))
        .col_expr(Column::SentAt, Expr::value(now))
        .col_expr(Column::BodyText, Expr::value(""))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .col_expr(Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(Column::ClaimId, Expr::value(Option::<Uuid>::None))
        .col_expr(Column::LastError, Expr::value(Option::<String>::None))
        .filter(Column::Id.eq(m.id))
        .filter(Column::ClaimId.eq(m.claim_id))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
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
