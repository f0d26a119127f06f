//! What sign-in needs: one-time mail codes, passkeys, WebAuthn ceremony
//! state, sessions, and rate-limit counters.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::StoreError;
use super::entity::{email_code, passkey, rate_counter, session, webauthn_ceremony};
use crate::domain::rate::Limit;

// ---- one-time codes ----

/// Stores a new code for `(purpose, subject, flow)`; earlier unused codes
/// of the same purpose, subject and flow stop working. Codes of other flows
/// (someone else's request for the same account) are left as they are.
pub async fn replace_code(
    db: &impl ConnectionTrait,
    purpose: &str,
    subject_id: Uuid,
    flow_hash: Option<&str>,
    code_hash: String,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    email_code::Entity::update_many()
        .col_expr(email_code::Column::UsedAt, Expr::value(now))
        .filter(email_code::Column::Purpose.eq(purpose))
        .filter(email_code::Column::SubjectId.eq(subject_id))
        .filter(flow_is(flow_hash))
        .filter(email_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    let row = email_code::ActiveModel {
        id: Set(Uuid::now_v7()),
        purpose: Set(purpose.to_owned()),
        subject_id: Set(subject_id),
        code_hash: Set(code_hash),
        created_at: Set(now),
        expires_at: Set(expires_at),
        attempts: Set(0),
        used_at: Set(None),
        flow_hash: Set(flow_hash.map(str::to_owned)),
    };
    email_code::Entity::insert(row).exec(db).await?;
    Ok(())
}

fn flow_is(flow_hash: Option<&str>) -> sea_orm::Condition {
    match flow_hash {
        Some(f) => sea_orm::Condition::all().add(email_code::Column::FlowHash.eq(f)),
        None => sea_orm::Condition::all().add(email_code::Column::FlowHash.is_null()),
    }
}

/// The newest code for `(purpose, subject, flow)`, used or not; on
/// PostgreSQL locked until the transaction ends, so concurrent guesses count
/// one by one.
pub async fn latest_code(
    db: &impl ConnectionTrait,
    purpose: &str,
    subject_id: Uuid,
    flow_hash: Option<&str>,
) -> Result<Option<email_code::Model>, StoreError> {
    let mut q = email_code::Entity::find()
        .filter(email_code::Column::Purpose.eq(purpose))
        .filter(email_code::Column::SubjectId.eq(subject_id))
        .filter(flow_is(flow_hash))
        .order_by_desc(email_code::Column::CreatedAt)
        .order_by_desc(email_code::Column::Id);
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q = q.lock_exclusive();
    }
    Ok(q.one(db).await?)
}

/// Deletes the codes of `purpose` past their time.
pub async fn purge_codes(db: &impl ConnectionTrait, purpose: &str, now: DateTime<Utc>) -> Result<u64, StoreError> {
    let res = email_code::Entity::delete_many()
        .filter(email_code::Column::Purpose.eq(purpose))
        .filter(email_code::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

pub async fn count_wrong_code(db: &impl ConnectionTrait, id: Uuid) -> Result<(), StoreError> {
    email_code::Entity::update_many()
        .col_expr(email_code::Column::Attempts, Expr::col(email_code::Column::Attempts).add(1))
        .filter(email_code::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks a code used; false when it was used already (a concurrent request).
pub async fn use_code(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let res = email_code::Entity::update_many()
        .col_expr(email_code::Column::UsedAt, Expr::value(now))
        .filter(email_code::Column::Id.eq(id))
        .filter(email_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

// ---- passkeys ----

pub async fn insert_passkey(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    cred_id: String,
    data: String,
    now: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let id = Uuid::now_v7();
    let row = passkey::ActiveModel {
        id: Set(id),
        resident_id: Set(resident_id),
        cred_id: Set(cred_id),
        data: Set(data),
        created_at: Set(now),
        last_used_at: Set(None),
        user_handle: Set(None),
    };
    passkey::Entity::insert(row).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(id)
}

pub async fn passkeys_of(db: &impl ConnectionTrait, resident_id: Uuid) -> Result<Vec<passkey::Model>, StoreError> {
    Ok(passkey::Entity::find()
        .filter(passkey::Column::ResidentId.eq(resident_id))
        .order_by_asc(passkey::Column::CreatedAt)
        .all(db)
        .await?)
}

/// Deletes every passkey of a person (a recovery at the desk replaces them).
pub async fn delete_passkeys_of(db: &impl ConnectionTrait, resident_id: Uuid) -> Result<u64, StoreError> {
    let res = passkey::Entity::delete_many().filter(passkey::Column::ResidentId.eq(resident_id)).exec(db).await?;
    Ok(res.rows_affected)
}

pub async fn count_passkeys(db: &impl ConnectionTrait, resident_id: Uuid) -> Result<u64, StoreError> {
    Ok(passkey::Entity::find().filter(passkey::Column::ResidentId.eq(resident_id)).count(db).await?)
}

pub async fn find_passkey(db: &impl ConnectionTrait, cred_id: &str) -> Result<Option<passkey::Model>, StoreError> {
    Ok(passkey::Entity::find().filter(passkey::Column::CredId.eq(cred_id)).one(db).await?)
}

/// Records a use; `data` is the updated passkey (its counter) when it changed.
pub async fn passkey_used(
    db: &impl ConnectionTrait,
    id: Uuid,
    data: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut q = passkey::Entity::update_many().col_expr(passkey::Column::LastUsedAt, Expr::value(now));
    if let Some(d) = data {
        q = q.col_expr(passkey::Column::Data, Expr::value(d));
    }
    q.filter(passkey::Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

// ---- WebAuthn ceremonies ----

pub async fn insert_ceremony(
    db: &impl ConnectionTrait,
    kind: &str,
    subject_id: Option<Uuid>,
    state: String,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let id = Uuid::now_v7();
    let row = webauthn_ceremony::ActiveModel {
        id: Set(id),
        kind: Set(kind.to_owned()),
        subject_id: Set(subject_id),
        state: Set(state),
        created_at: Set(now),
        expires_at: Set(expires_at),
    };
    webauthn_ceremony::Entity::insert(row).exec(db).await?;
    // Unfinished ceremonies of the past are of no use to anyone.
    webauthn_ceremony::Entity::delete_many().filter(webauthn_ceremony::Column::ExpiresAt.lt(now)).exec(db).await?;
    Ok(id)
}

/// Takes a ceremony out of storage: a second call for the same id finds
/// nothing, so an answer can be verified once only. Inside a write
/// transaction, the delete decides which of two concurrent answers wins.
pub async fn take_ceremony(
    db: &impl ConnectionTrait,
    id: Uuid,
    kind: &str,
) -> Result<Option<webauthn_ceremony::Model>, StoreError> {
    let Some(found) = webauthn_ceremony::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let res = webauthn_ceremony::Entity::delete_by_id(id).exec(db).await?;
    Ok((res.rows_affected == 1 && found.kind == kind).then_some(found))
}

/// The newest ceremony of a kind for a subject (registration passkeys: the
/// options were asked for in one request and answered in a later one).
pub async fn take_latest_ceremony(
    db: &impl ConnectionTrait,
    kind: &str,
    subject_id: Uuid,
) -> Result<Option<webauthn_ceremony::Model>, StoreError> {
    let found = webauthn_ceremony::Entity::find()
        .filter(webauthn_ceremony::Column::Kind.eq(kind))
        .filter(webauthn_ceremony::Column::SubjectId.eq(subject_id))
        .order_by_desc(webauthn_ceremony::Column::CreatedAt)
        .order_by_desc(webauthn_ceremony::Column::Id)
        .one(db)
        .await?;
    match found {
        Some(c) => take_ceremony(db, c.id, kind).await,
        None => Ok(None),
    }
}

// ---- sessions ----

pub async fn insert_session(
    db: &impl ConnectionTrait,
    token_hash: String,
    resident_id: Uuid,
    method: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let id = Uuid::now_v7();
    let row = session::ActiveModel {
        id: Set(id),
        token_hash: Set(token_hash),
        resident_id: Set(resident_id),
        method: Set(method.to_owned()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
        ended_at: Set(None),
    };
    session::Entity::insert(row).exec(db).await?;
    Ok(id)
}

pub async fn find_session(db: &impl ConnectionTrait, token_hash: &str) -> Result<Option<session::Model>, StoreError> {
    Ok(session::Entity::find()
        .filter(session::Column::TokenHash.eq(token_hash))
        .filter(session::Column::EndedAt.is_null())
        .one(db)
        .await?)
}

pub async fn touch_session(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<(), StoreError> {
    session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(now))
        .filter(session::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn end_session(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let res = session::Entity::update_many()
        .col_expr(session::Column::EndedAt, Expr::value(now))
        .filter(session::Column::Id.eq(id))
        .filter(session::Column::EndedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Ends every live session of a resident; how many were live.
pub async fn end_sessions_of(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let res = session::Entity::update_many()
        .col_expr(session::Column::EndedAt, Expr::value(now))
        .filter(session::Column::ResidentId.eq(resident_id))
        .filter(session::Column::EndedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

// ---- rate limits ----

/// When `limit` is exhausted for `subject`: the time it lifts.
pub async fn blocked_until(
    db: &impl ConnectionTrait,
    limit: Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    let row = rate_counter::Entity::find_by_id(limit.key(subject)).one(db).await?;
    Ok(row.and_then(|r| limit.blocked_until(r.window_start, r.count, now)))
}

/// Counts one event against `limit` for `subject`: one statement (an upsert
/// that starts a new window when the last one has ended), atomic on both
/// databases without a lock taken first.
pub async fn count_event(
    db: &impl ConnectionTrait,
    limit: Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    count_event_returning(db, limit, subject, now).await.map(|_| ())
}

/// [`count_event`], returning the counter as it now stands (its window's start and count).
pub async fn count_event_returning(
    db: &impl ConnectionTrait,
    limit: Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<(DateTime<Utc>, i32), StoreError> {
    use rate_counter::Column;
    let existing = |c: Column| Expr::col((rate_counter::Entity, c));
    let ended = || existing(Column::WindowStart).lte(limit.ended_window_start(now));
    let window = Expr::case(ended(), Expr::val(now)).finally(existing(Column::WindowStart));
    let count = Expr::case(ended(), Expr::val(1)).finally(existing(Column::Count).add(1));
    let fresh = rate_counter::ActiveModel { key: Set(limit.key(subject)), window_start: Set(now), count: Set(1) };
    Ok(rate_counter::Entity::insert(fresh)
        .on_conflict(
            OnConflict::column(Column::Key)
                .value(Column::WindowStart, Expr::Case(Box::new(window)))
                .value(Column::Count, Expr::Case(Box::new(count)))
                .to_owned(),
        )
        .exec_with_returning(db)
        .await
        .map(|r| (r.window_start, r.count))?)
}
