//! Staff accounts, their enrolment codes, passkeys and sessions, and the
//! paper entries reception makes.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::StoreError;
use super::entity::{paper_entry, paper_entry_change, staff, staff_enrolment, staff_passkey, staff_session};

pub async fn insert_staff(db: &impl ConnectionTrait, m: staff::Model) -> Result<(), StoreError> {
    let row = staff::ActiveModel {
        id: Set(m.id),
        facility_id: Set(m.facility_id),
        name: Set(m.name),
        role: Set(m.role),
        created_at: Set(m.created_at),
        created_by: Set(m.created_by),
        disabled_at: Set(m.disabled_at),
    };
    staff::Entity::insert(row).exec(db).await?;
    Ok(())
}

pub async fn find_staff(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<staff::Model>, StoreError> {
    Ok(staff::Entity::find_by_id(id).one(db).await?)
}

pub async fn list_staff(db: &impl ConnectionTrait, facility_id: Option<Uuid>) -> Result<Vec<staff::Model>, StoreError> {
    let mut q = staff::Entity::find().order_by_asc(staff::Column::CreatedAt);
    if let Some(f) = facility_id {
        q = q.filter(staff::Column::FacilityId.eq(f));
    }
    Ok(q.all(db).await?)
}

pub async fn disable_staff(db: &impl ConnectionTrait, id: Uuid, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let res = staff::Entity::update_many()
        .col_expr(staff::Column::DisabledAt, Expr::value(at))
        .filter(staff::Column::Id.eq(id))
        .filter(staff::Column::DisabledAt.is_null())
        .exec(db)
        .await?;
    // Their sessions end with them.
    staff_session::Entity::update_many()
        .col_expr(staff_session::Column::EndedAt, Expr::value(at))
        .filter(staff_session::Column::StaffId.eq(id))
        .filter(staff_session::Column::EndedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn insert_enrolment(db: &impl ConnectionTrait, m: staff_enrolment::Model) -> Result<(), StoreError> {
    let row = staff_enrolment::ActiveModel {
        id: Set(m.id),
        staff_id: Set(m.staff_id),
        code_hash: Set(m.code_hash),
        created_at: Set(m.created_at),
        expires_at: Set(m.expires_at),
        used_at: Set(m.used_at),
    };
    staff_enrolment::Entity::insert(row).exec(db).await?;
    Ok(())
}

pub async fn find_enrolment_by_hash(
    db: &impl ConnectionTrait,
    code_hash: &str,
) -> Result<Option<staff_enrolment::Model>, StoreError> {
    Ok(staff_enrolment::Entity::find().filter(staff_enrolment::Column::CodeHash.eq(code_hash)).one(db).await?)
}

/// Spends an enrolment code that is still usable. False when it was not.
pub async fn use_enrolment(db: &impl ConnectionTrait, id: Uuid, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let res = staff_enrolment::Entity::update_many()
        .col_expr(staff_enrolment::Column::UsedAt, Expr::value(at))
        .filter(staff_enrolment::Column::Id.eq(id))
        .filter(staff_enrolment::Column::UsedAt.is_null())
        .filter(staff_enrolment::Column::ExpiresAt.gt(at))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn insert_passkey(db: &impl ConnectionTrait, m: staff_passkey::Model) -> Result<(), StoreError> {
    let row = staff_passkey::ActiveModel {
        id: Set(m.id),
        staff_id: Set(m.staff_id),
        cred_id: Set(m.cred_id),
        data: Set(m.data),
        created_at: Set(m.created_at),
        last_used_at: Set(m.last_used_at),
    };
    staff_passkey::Entity::insert(row).exec(db).await?;
    Ok(())
}

pub async fn find_passkey(
    db: &impl ConnectionTrait,
    cred_id: &str,
) -> Result<Option<staff_passkey::Model>, StoreError> {
    Ok(staff_passkey::Entity::find().filter(staff_passkey::Column::CredId.eq(cred_id)).one(db).await?)
}

pub async fn passkeys_of(db: &impl ConnectionTrait, staff_id: Uuid) -> Result<Vec<staff_passkey::Model>, StoreError> {
    Ok(staff_passkey::Entity::find().filter(staff_passkey::Column::StaffId.eq(staff_id)).all(db).await?)
}

pub async fn passkey_used(
    db: &impl ConnectionTrait,
    id: Uuid,
    data: Option<String>,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut q = staff_passkey::Entity::update_many().col_expr(staff_passkey::Column::LastUsedAt, Expr::value(at));
    if let Some(d) = data {
        q = q.col_expr(staff_passkey::Column::Data, Expr::value(d));
    }
    q.filter(staff_passkey::Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

pub async fn insert_session(db: &impl ConnectionTrait, m: staff_session::Model) -> Result<(), StoreError> {
    let row = staff_session::ActiveModel {
        id: Set(m.id),
        token_hash: Set(m.token_hash),
        staff_id: Set(m.staff_id),
        created_at: Set(m.created_at),
        last_seen_at: Set(m.last_seen_at),
        expires_at: Set(m.expires_at),
        ended_at: Set(m.ended_at),
    };
    staff_session::Entity::insert(row).exec(db).await?;
    Ok(())
}

/// A session by its token's hash, unless it has ended.
pub async fn find_session(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<staff_session::Model>, StoreError> {
    Ok(staff_session::Entity::find()
        .filter(staff_session::Column::TokenHash.eq(token_hash))
        .filter(staff_session::Column::EndedAt.is_null())
        .one(db)
        .await?)
}

pub async fn touch_session(db: &impl ConnectionTrait, id: Uuid, at: DateTime<Utc>) -> Result<(), StoreError> {
    staff_session::Entity::update_many()
        .col_expr(staff_session::Column::LastSeenAt, Expr::value(at))
        .filter(staff_session::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn end_session(db: &impl ConnectionTrait, id: Uuid, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let res = staff_session::Entity::update_many()
        .col_expr(staff_session::Column::EndedAt, Expr::value(at))
        .filter(staff_session::Column::Id.eq(id))
        .filter(staff_session::Column::EndedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Inserts a paper entry; `Duplicate` when the facility used the serial already.
pub async fn insert_entry(db: &impl ConnectionTrait, m: paper_entry::Model) -> Result<(), StoreError> {
    let row = paper_entry::ActiveModel {
        id: Set(m.id),
        facility_id: Set(m.facility_id),
        staff_id: Set(m.staff_id),
        kind: Set(m.kind),
        form_serial: Set(m.form_serial),
        signed_on: Set(m.signed_on),
        resident_id: Set(m.resident_id),
        network_id: Set(m.network_id),
        consent_id: Set(m.consent_id),
        proxy_name: Set(m.proxy_name),
        proxy_relationship: Set(m.proxy_relationship),
        proxy_reason: Set(m.proxy_reason),
        created_at: Set(m.created_at),
    };
    paper_entry::Entity::insert(row).exec(db).await?;
    Ok(())
}

pub async fn serial_used(db: &impl ConnectionTrait, facility_id: Uuid, serial: &str) -> Result<bool, StoreError> {
    Ok(paper_entry::Entity::find()
        .filter(paper_entry::Column::FacilityId.eq(facility_id))
        .filter(paper_entry::Column::FormSerial.eq(serial))
        .one(db)
        .await?
        .is_some())
}

/// One of a facility's entries (another facility's is not found).
pub async fn entry_of(
    db: &impl ConnectionTrait,
    facility_id: Uuid,
    id: Uuid,
) -> Result<Option<paper_entry::Model>, StoreError> {
    Ok(paper_entry::Entity::find_by_id(id).filter(paper_entry::Column::FacilityId.eq(facility_id)).one(db).await?)
}

/// A facility's entries made in `[from, to)`, newest first.
pub async fn entries_between(
    db: &impl ConnectionTrait,
    facility_id: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<paper_entry::Model>, StoreError> {
    Ok(paper_entry::Entity::find()
        .filter(paper_entry::Column::FacilityId.eq(facility_id))
        .filter(paper_entry::Column::CreatedAt.gte(from))
        .filter(paper_entry::Column::CreatedAt.lt(to))
        .order_by_desc(paper_entry::Column::CreatedAt)
        .all(db)
        .await?)
}

pub async fn update_entry_proxy(
    db: &impl ConnectionTrait,
    id: Uuid,
    name: Option<String>,
    relationship: Option<String>,
    reason: Option<String>,
    signed_on: chrono::NaiveDate,
) -> Result<(), StoreError> {
    paper_entry::Entity::update_many()
        .col_expr(paper_entry::Column::ProxyName, Expr::value(name))
        .col_expr(paper_entry::Column::ProxyRelationship, Expr::value(relationship))
        .col_expr(paper_entry::Column::ProxyReason, Expr::value(reason))
        .col_expr(paper_entry::Column::SignedOn, Expr::value(signed_on))
        .filter(paper_entry::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn insert_change(db: &impl ConnectionTrait, m: paper_entry_change::Model) -> Result<(), StoreError> {
    let row = paper_entry_change::ActiveModel {
        id: Set(m.id),
        entry_id: Set(m.entry_id),
        staff_id: Set(m.staff_id),
        at: Set(m.at),
        fields: Set(m.fields),
    };
    paper_entry_change::Entity::insert(row).exec(db).await?;
    Ok(())
}

pub async fn changes_of(
    db: &impl ConnectionTrait,
    entry_ids: &[Uuid],
) -> Result<Vec<paper_entry_change::Model>, StoreError> {
    if entry_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(paper_entry_change::Entity::find()
        .filter(paper_entry_change::Column::EntryId.is_in(entry_ids.iter().copied()))
        .order_by_desc(paper_entry_change::Column::At)
        .all(db)
        .await?)
}

/// The paper registration form of a person, if they were registered on paper.
pub async fn registration_entry_of(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
) -> Result<Option<paper_entry::Model>, StoreError> {
    Ok(paper_entry::Entity::find()
        .filter(paper_entry::Column::ResidentId.eq(resident_id))
        .filter(paper_entry::Column::Kind.eq("registration"))
        .one(db)
        .await?)
}

/// The paper withdrawals of these consents.
pub async fn withdrawals_of(
    db: &impl ConnectionTrait,
    consent_ids: &[Uuid],
) -> Result<Vec<paper_entry::Model>, StoreError> {
    if consent_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(paper_entry::Entity::find()
        .filter(paper_entry::Column::Kind.eq("withdrawal"))
        .filter(paper_entry::Column::ConsentId.is_in(consent_ids.iter().copied()))
        .all(db)
        .await?)
}
