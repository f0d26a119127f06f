//! Registrations in progress: what was entered, keyed by the hash of the
//! client's key, until the person completes or the registration expires.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::StoreError;
use super::entity::registration::{self, Column, Model};

/// Inserts a registration; false when one with the same key exists already.
pub async fn insert(db: &impl ConnectionTrait, m: Model) -> Result<bool, StoreError> {
    let row = registration::ActiveModel {
        id: Set(m.id),
        key_hash: Set(m.key_hash),
        entry_point_id: Set(m.entry_point_id),
        network_id: Set(m.network_id),
        document_id: Set(m.document_id),
        details: Set(m.details),
        resident_id: Set(m.resident_id),
        registration_number: Set(m.registration_number),
        email_verified_at: Set(m.email_verified_at),
        created_at: Set(m.created_at),
        updated_at: Set(m.updated_at),
        expires_at: Set(m.expires_at),
        completed_at: Set(m.completed_at),
        outcome: Set(m.outcome),
    };
    let n = registration::Entity::insert(row)
        .on_conflict(OnConflict::column(Column::KeyHash).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(n == 1)
}

/// The registration of a key, locked until the transaction ends (PostgreSQL;
/// SQLite's write transactions are serial anyway).
pub async fn lock_by_key_hash(db: &impl ConnectionTrait, key_hash: &str) -> Result<Option<Model>, StoreError> {
    let mut q = registration::Entity::find().filter(Column::KeyHash.eq(key_hash));
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q = q.lock_exclusive();
    }
    Ok(q.one(db).await?)
}

pub async fn find_by_key_hash(db: &impl ConnectionTrait, key_hash: &str) -> Result<Option<Model>, StoreError> {
    Ok(registration::Entity::find().filter(Column::KeyHash.eq(key_hash)).one(db).await?)
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Model>, StoreError> {
    Ok(registration::Entity::find_by_id(id).one(db).await?)
}

pub async fn find_by_number(db: &impl ConnectionTrait, number: &str) -> Result<Option<Model>, StoreError> {
    Ok(registration::Entity::find().filter(Column::RegistrationNumber.eq(number)).one(db).await?)
}

/// New details (the person went back and changed something).
pub async fn update_details(
    db: &impl ConnectionTrait,
    id: Uuid,
    details: String,
    document_id: Uuid,
    email_verified_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    registration::Entity::update_many()
        .col_expr(Column::Details, Expr::value(details))
        .col_expr(Column::DocumentId, Expr::value(document_id))
        .col_expr(Column::EmailVerifiedAt, Expr::value(email_verified_at))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_email_verified(db: &impl ConnectionTrait, id: Uuid, at: DateTime<Utc>) -> Result<(), StoreError> {
    registration::Entity::update_many()
        .col_expr(Column::EmailVerifiedAt, Expr::value(at))
        .col_expr(Column::UpdatedAt, Expr::value(at))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends a registration: the details (personal data) are dropped, the outcome
/// kept, and the resident it ended with recorded (when not the planned one).
/// Returns false when another request completed it first.
pub async fn complete(
    db: &impl ConnectionTrait,
    id: Uuid,
    outcome: &str,
    resident_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let mut q = registration::Entity::update_many();
    if let Some(r) = resident_id {
        q = q.col_expr(Column::ResidentId, Expr::value(r));
    }
    let res = q
        .col_expr(Column::Details, Expr::value(Option::<String>::None))
        .col_expr(Column::Outcome, Expr::value(outcome))
        .col_expr(Column::CompletedAt, Expr::value(now))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::CompletedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Drops the details of registrations that expired unfinished.
pub async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, StoreError> {
    let res = registration::Entity::update_many()
        .col_expr(Column::Details, Expr::value(Option::<String>::None))
        .col_expr(Column::Outcome, Expr::value("expired"))
        // Details first: the condition of the partial index ix_registration_open_expiry.
        .filter(Column::Details.is_not_null())
        .filter(Column::ExpiresAt.lte(now))
        .filter(Column::CompletedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
