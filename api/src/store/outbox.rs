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
use super::entity::mail_outbox;

pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";

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
        last_error: Set(None),
        sent_at: Set(None),
    };
    mail_outbox::Entity::insert(row).exec(db).await?;
    Ok(id)
}

/// Claims up to `limit` due messages for `lease`. A message is claimed by at
/// most one worker at a time, even with several servers on one database; a
/// worker that dies releases its claim when the lease runs out.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<mail_outbox::Model>, StoreError> {
    let free =
        Condition::any().add(mail_outbox::Column::LockedUntil.is_null()).add(mail_outbox::Column::LockedUntil.lt(now));
    let candidates = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Status.eq(PENDING))
        .filter(mail_outbox::Column::NextAttemptAt.lte(now))
        .filter(free.clone())
        .order_by_asc(mail_outbox::Column::NextAttemptAt)
        .limit(limit)
        .all(db)
        .await?;
    let mut claimed = Vec::with_capacity(candidates.len());
    for m in candidates {
        let res = mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::LockedUntil, Expr::value(now + lease))
            .filter(mail_outbox::Column::Id.eq(m.id))
            .filter(mail_outbox::Column::Status.eq(PENDING))
            .filter(free.clone())
            .exec(db)
            .await?;
        if res.rows_affected == 1 {
            claimed.push(m);
        }
    }
    Ok(claimed)
}

pub async fn mark_sent(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<(), StoreError> {
    mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::Status, Expr::value(SENT))
        .col_expr(mail_outbox::Column::SentAt, Expr::value(now))
        .col_expr(mail_outbox::Column::Attempts, Expr::col(mail_outbox::Column::Attempts).add(1))
        .col_expr(mail_outbox::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(mail_outbox::Column::LastError, Expr::value(Option::<String>::None))
        .filter(mail_outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt: retried at `retry_at`, or given up when `None`.
pub async fn mark_attempt_failed(
    db: &impl ConnectionTrait,
    id: Uuid,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<(), StoreError> {
    let error: String = error.chars().take(500).collect();
    let mut update = mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::Attempts, Expr::col(mail_outbox::Column::Attempts).add(1))
        .col_expr(mail_outbox::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(mail_outbox::Column::LastError, Expr::value(error));
    update = match retry_at {
        Some(at) => update.col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(at)),
        None => update.col_expr(mail_outbox::Column::Status, Expr::value(FAILED)),
    };
    update.filter(mail_outbox::Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<mail_outbox::Model>, StoreError> {
    Ok(mail_outbox::Entity::find_by_id(id).one(db).await?)
}
