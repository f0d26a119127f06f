//! Proxy links, invitations, claim codes and records hidden from proxies.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::StoreError;
use super::entity::{claim_code, hidden_record, proxy_invitation, proxy_link};

pub async fn insert_link(db: &impl ConnectionTrait, m: proxy_link::Model) -> Result<(), StoreError> {
    let row = proxy_link::ActiveModel {
        id: Set(m.id),
        proxy_id: Set(m.proxy_id),
        subject_id: Set(m.subject_id),
        relationship: Set(m.relationship),
        level: Set(m.level),
        via: Set(m.via),
        reason: Set(m.reason),
        reason_note: Set(m.reason_note),
        attestation: Set(m.attestation),
        created_at: Set(m.created_at),
        revoked_at: Set(m.revoked_at),
        revoked_by_kind: Set(m.revoked_by_kind),
        confirmed_at: Set(m.confirmed_at),
        confirmed_by_kind: Set(m.confirmed_by_kind),
        confirmed_by_id: Set(m.confirmed_by_id),
        basis: Set(m.basis),
        review_on: Set(m.review_on),
        review_notice_for: Set(m.review_notice_for),
    };
    proxy_link::Entity::insert(row).exec(db).await?;
    Ok(())
}

/// A confirmation (or renewal) of an active link: who confirmed it, on what
/// basis, and its next review date. False when the link has ended.
pub struct Confirmation<'a> {
    pub at: DateTime<Utc>,
    pub by_kind: &'a str,
    pub by_id: Option<String>,
    pub basis: &'a str,
    pub review_on: chrono::NaiveDate,
}

pub async fn confirm_link(db: &impl ConnectionTrait, id: Uuid, c: Confirmation<'_>) -> Result<bool, StoreError> {
    let done = proxy_link::Entity::update_many()
        .col_expr(proxy_link::Column::ConfirmedAt, Expr::value(c.at))
        .col_expr(proxy_link::Column::ConfirmedByKind, Expr::value(c.by_kind))
        .col_expr(proxy_link::Column::ConfirmedById, Expr::value(c.by_id))
        .col_expr(proxy_link::Column::Basis, Expr::value(c.basis))
        .col_expr(proxy_link::Column::ReviewOn, Expr::value(c.review_on))
        .filter(proxy_link::Column::Id.eq(id))
        .filter(proxy_link::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Active links whose review date falls between `from` and `to` and whose
/// people were not yet mailed about that date.
pub async fn links_due_for_review_notice(
    db: &impl ConnectionTrait,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<Vec<proxy_link::Model>, StoreError> {
    Ok(proxy_link::Entity::find()
        .filter(proxy_link::Column::RevokedAt.is_null())
        .filter(proxy_link::Column::ReviewOn.between(from, to))
        .filter(
            Condition::any()
                .add(proxy_link::Column::ReviewNoticeFor.is_null())
                .add(Expr::col(proxy_link::Column::ReviewNoticeFor).not_equals(proxy_link::Column::ReviewOn)),
        )
        .order_by_asc(proxy_link::Column::ReviewOn)
        .all(db)
        .await?)
}

/// Records that both people were mailed about the link's review on `day`.
pub async fn set_review_notice(db: &impl ConnectionTrait, id: Uuid, day: chrono::NaiveDate) -> Result<(), StoreError> {
    proxy_link::Entity::update_many()
        .col_expr(proxy_link::Column::ReviewNoticeFor, Expr::value(day))
        .filter(proxy_link::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Active links not confirmed, or past their review date on `today`, oldest
/// first (the network office's list).
pub async fn links_awaiting_confirmation(
    db: &impl ConnectionTrait,
    today: chrono::NaiveDate,
) -> Result<Vec<proxy_link::Model>, StoreError> {
    Ok(proxy_link::Entity::find()
        .filter(proxy_link::Column::RevokedAt.is_null())
        .filter(
            Condition::any()
                .add(proxy_link::Column::ConfirmedAt.is_null())
                .add(proxy_link::Column::ReviewOn.lte(today)),
        )
        .order_by_asc(proxy_link::Column::CreatedAt)
        .all(db)
        .await?)
}

pub async fn find_link(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<proxy_link::Model>, StoreError> {
    Ok(proxy_link::Entity::find_by_id(id).one(db).await?)
}

/// The active links through which `proxy_id` acts for others, oldest first.
pub async fn active_links_of_proxy(
    db: &impl ConnectionTrait,
    proxy_id: Uuid,
) -> Result<Vec<proxy_link::Model>, StoreError> {
    Ok(proxy_link::Entity::find()
        .filter(proxy_link::Column::ProxyId.eq(proxy_id))
        .filter(proxy_link::Column::RevokedAt.is_null())
        .order_by_asc(proxy_link::Column::CreatedAt)
        .all(db)
        .await?)
}

/// Every link of a person's proxies, active and revoked, oldest first.
pub async fn links_of_subject(
    db: &impl ConnectionTrait,
    subject_id: Uuid,
) -> Result<Vec<proxy_link::Model>, StoreError> {
    Ok(proxy_link::Entity::find()
        .filter(proxy_link::Column::SubjectId.eq(subject_id))
        .order_by_asc(proxy_link::Column::CreatedAt)
        .order_by_asc(proxy_link::Column::Id)
        .all(db)
        .await?)
}

/// Ends an active link. False when it had already ended.
pub async fn revoke_link(
    db: &impl ConnectionTrait,
    id: Uuid,
    at: DateTime<Utc>,
    by_kind: &str,
) -> Result<bool, StoreError> {
    let res = proxy_link::Entity::update_many()
        .col_expr(proxy_link::Column::RevokedAt, Expr::value(at))
        .col_expr(proxy_link::Column::RevokedByKind, Expr::value(by_kind))
        .filter(proxy_link::Column::Id.eq(id))
        .filter(proxy_link::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn insert_invitation(db: &impl ConnectionTrait, m: proxy_invitation::Model) -> Result<(), StoreError> {
    let row = proxy_invitation::ActiveModel {
        id: Set(m.id),
        subject_id: Set(m.subject_id),
        code_hash: Set(m.code_hash),
        level: Set(m.level),
        created_at: Set(m.created_at),
        expires_at: Set(m.expires_at),
        accepted_at: Set(m.accepted_at),
        link_id: Set(m.link_id),
        cancelled_at: Set(m.cancelled_at),
    };
    proxy_invitation::Entity::insert(row).exec(db).await?;
    Ok(())
}

pub async fn find_invitation_by_hash(
    db: &impl ConnectionTrait,
    code_hash: &str,
) -> Result<Option<proxy_invitation::Model>, StoreError> {
    Ok(proxy_invitation::Entity::find().filter(proxy_invitation::Column::CodeHash.eq(code_hash)).one(db).await?)
}

/// A person's invitations, newest first.
pub async fn invitations_of(
    db: &impl ConnectionTrait,
    subject_id: Uuid,
) -> Result<Vec<proxy_invitation::Model>, StoreError> {
    Ok(proxy_invitation::Entity::find()
        .filter(proxy_invitation::Column::SubjectId.eq(subject_id))
        .order_by_desc(proxy_invitation::Column::CreatedAt)
        .order_by_desc(proxy_invitation::Column::Id)
        .all(db)
        .await?)
}

/// Marks an open invitation accepted. False when it was no longer open.
pub async fn accept_invitation(
    db: &impl ConnectionTrait,
    id: Uuid,
    link_id: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let res = proxy_invitation::Entity::update_many()
        .col_expr(proxy_invitation::Column::AcceptedAt, Expr::value(at))
        .col_expr(proxy_invitation::Column::LinkId, Expr::value(link_id))
        .filter(proxy_invitation::Column::Id.eq(id))
        .filter(proxy_invitation::Column::AcceptedAt.is_null())
        .filter(proxy_invitation::Column::CancelledAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Cancels one of a person's open invitations. False when there was none open.
/// Whether `id` is an invitation made for `subject_id` (in whatever state).
pub async fn invitation_of(db: &impl ConnectionTrait, id: Uuid, subject_id: Uuid) -> Result<bool, StoreError> {
    Ok(proxy_invitation::Entity::find()
        .filter(proxy_invitation::Column::Id.eq(id))
        .filter(proxy_invitation::Column::SubjectId.eq(subject_id))
        .one(db)
        .await?
        .is_some())
}

pub async fn cancel_invitation(
    db: &impl ConnectionTrait,
    id: Uuid,
    subject_id: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let res = proxy_invitation::Entity::update_many()
        .col_expr(proxy_invitation::Column::CancelledAt, Expr::value(at))
        .filter(proxy_invitation::Column::Id.eq(id))
        .filter(proxy_invitation::Column::SubjectId.eq(subject_id))
        .filter(proxy_invitation::Column::AcceptedAt.is_null())
        .filter(proxy_invitation::Column::CancelledAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn insert_claim(db: &impl ConnectionTrait, m: claim_code::Model) -> Result<(), StoreError> {
    let row = claim_code::ActiveModel {
        id: Set(m.id),
        resident_id: Set(m.resident_id),
        code_hash: Set(m.code_hash),
        issued_by_kind: Set(m.issued_by_kind),
        issued_by_id: Set(m.issued_by_id),
        created_at: Set(m.created_at),
        expires_at: Set(m.expires_at),
        used_at: Set(m.used_at),
        voided_at: Set(m.voided_at),
    };
    claim_code::Entity::insert(row).exec(db).await?;
    Ok(())
}

pub async fn find_claim_by_hash(
    db: &impl ConnectionTrait,
    code_hash: &str,
) -> Result<Option<claim_code::Model>, StoreError> {
    Ok(claim_code::Entity::find().filter(claim_code::Column::CodeHash.eq(code_hash)).one(db).await?)
}

/// Spends a claim code that is still usable. False when it was not.
pub async fn use_claim(db: &impl ConnectionTrait, id: Uuid, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let res = claim_code::Entity::update_many()
        .col_expr(claim_code::Column::UsedAt, Expr::value(at))
        .filter(claim_code::Column::Id.eq(id))
        .filter(claim_code::Column::UsedAt.is_null())
        .filter(claim_code::Column::VoidedAt.is_null())
        .filter(claim_code::Column::ExpiresAt.gt(at))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Voids every usable claim code of a person (a new one replaces them, or
/// the person has their own sign-in now).
pub async fn void_claims_of(db: &impl ConnectionTrait, resident_id: Uuid, at: DateTime<Utc>) -> Result<(), StoreError> {
    claim_code::Entity::update_many()
        .col_expr(claim_code::Column::VoidedAt, Expr::value(at))
        .filter(claim_code::Column::ResidentId.eq(resident_id))
        .filter(claim_code::Column::UsedAt.is_null())
        .filter(claim_code::Column::VoidedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Hides a record from the person's proxies (again: no change).
pub async fn hide(
    db: &impl ConnectionTrait,
    record_id: Uuid,
    resident_id: Uuid,
    kind: &str,
    facility_id: Uuid,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    if hidden_record::Entity::find_by_id(record_id).one(db).await?.is_some() {
        return Ok(());
    }
    let row = hidden_record::ActiveModel {
        record_id: Set(record_id),
        resident_id: Set(resident_id),
        record_kind: Set(kind.to_owned()),
        hidden_at: Set(at),
        facility_id: Set(Some(facility_id)),
    };
    hidden_record::Entity::insert(row).exec(db).await?;
    Ok(())
}

pub async fn unhide(db: &impl ConnectionTrait, record_id: Uuid, resident_id: Uuid) -> Result<(), StoreError> {
    hidden_record::Entity::delete_many()
        .filter(hidden_record::Column::RecordId.eq(record_id))
        .filter(hidden_record::Column::ResidentId.eq(resident_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The records a person hides from their proxies.
pub async fn hidden_of(db: &impl ConnectionTrait, resident_id: Uuid) -> Result<HashSet<Uuid>, StoreError> {
    Ok(hidden_record::Entity::find()
        .filter(hidden_record::Column::ResidentId.eq(resident_id))
        .all(db)
        .await?
        .into_iter()
        .map(|h| h.record_id)
        .collect())
}

/// Forgets what was hidden (the records themselves were erased).
/// The facilities whose records the person hides from proxies (kept when
/// the records are erased).
pub async fn hidden_facilities_of(db: &impl ConnectionTrait, resident_id: Uuid) -> Result<HashSet<Uuid>, StoreError> {
    Ok(hidden_record::Entity::find()
        .filter(hidden_record::Column::ResidentId.eq(resident_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|h| h.facility_id)
        .collect())
}

/// Whether the person's own sign-in came from a claim code that a proxy's
/// registration of them issued (mailed to the address that proxy typed).
pub async fn claimed_through_registration_by(
    db: &impl ConnectionTrait,
    person: Uuid,
    proxy: Uuid,
) -> Result<bool, StoreError> {
    Ok(claim_code::Entity::find()
        .filter(claim_code::Column::ResidentId.eq(person))
        .filter(claim_code::Column::IssuedByKind.eq("proxy_registration"))
        .filter(claim_code::Column::IssuedById.eq(proxy.to_string()))
        .filter(claim_code::Column::UsedAt.is_not_null())
        .one(db)
        .await?
        .is_some())
}
