//! Facility keys, medication and allergy records, facility visits and the
//! emergency contact.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::StoreError;
use super::entity::{
    allergy, consent, emergency_contact, facility, facility_key, facility_visit, medication, network_facility,
    record_revision, resident_insurance,
};

/// Serialises one facility's submissions until the transaction ends, so two
/// submissions of the same record at once cannot both insert it (PostgreSQL:
/// a transaction-scoped advisory lock per facility; SQLite's writers are serial already).
pub async fn lock_facility_intake(db: &impl ConnectionTrait, facility_id: Uuid) -> Result<(), StoreError> {
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        // Two-key form: the first key names "facility intake", the second the
        // facility (the random low bits of its id; a collision only serialises more).
        let key = facility_id.as_u64_pair().1 as u32 as i32;
        db.execute_unprepared(&format!("SELECT pg_advisory_xact_lock(7267002, {key})")).await?;
    }
    Ok(())
}

pub async fn insert_key(db: &impl ConnectionTrait, m: facility_key::Model) -> Result<(), StoreError> {
    facility_key::Entity::insert(m.into_active_model().reset_all()).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}

pub async fn find_key_by_hash(
    db: &impl ConnectionTrait,
    hash: &str,
) -> Result<Option<facility_key::Model>, StoreError> {
    Ok(facility_key::Entity::find().filter(facility_key::Column::KeyHash.eq(hash)).one(db).await?)
}

pub async fn find_key_by_prefix(
    db: &impl ConnectionTrait,
    prefix: &str,
) -> Result<Option<facility_key::Model>, StoreError> {
    Ok(facility_key::Entity::find().filter(facility_key::Column::Prefix.eq(prefix)).one(db).await?)
}

/// Keys, newest first, optionally of one facility.
pub async fn list_keys(
    db: &impl ConnectionTrait,
    facility_id: Option<Uuid>,
) -> Result<Vec<facility_key::Model>, StoreError> {
    let mut q = facility_key::Entity::find().order_by_desc(facility_key::Column::CreatedAt);
    if let Some(f) = facility_id {
        q = q.filter(facility_key::Column::FacilityId.eq(f));
    }
    Ok(q.all(db).await?)
}

/// Revokes a key; false when it was revoked already.
pub async fn revoke_key(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let r = facility_key::Entity::update_many()
        .col_expr(facility_key::Column::RevokedAt, Expr::value(now))
        .filter(facility_key::Column::Id.eq(id))
        .filter(facility_key::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Marks a key used, inside the intake's transaction; false when it has been
/// revoked meanwhile (the request is then refused like any revoked key's).
pub async fn key_used(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let r = facility_key::Entity::update_many()
        .col_expr(facility_key::Column::LastUsedAt, Expr::value(now))
        .filter(facility_key::Column::Id.eq(id))
        .filter(facility_key::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

pub async fn facility_by_id(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<facility::Model>, StoreError> {
    Ok(facility::Entity::find_by_id(id).one(db).await?)
}

/// Names of the given facilities, by id.
pub async fn facility_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, facility::Model>, StoreError> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(facility::Entity::find()
        .filter(facility::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect())
}

/// The networks a facility belongs to.
pub async fn networks_of_facility(db: &impl ConnectionTrait, facility_id: Uuid) -> Result<Vec<Uuid>, StoreError> {
    Ok(network_facility::Entity::find()
        .filter(network_facility::Column::FacilityId.eq(facility_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.network_id)
        .collect())
}

/// Insurance rows with this insurer and number (the symbol and branch are
/// compared by the caller, after normalising).
pub async fn insurance_by_number(
    db: &impl ConnectionTrait,
    insurer_number: &str,
    number: &str,
) -> Result<Vec<resident_insurance::Model>, StoreError> {
    Ok(resident_insurance::Entity::find()
        .filter(resident_insurance::Column::InsurerNumber.eq(insurer_number))
        .filter(resident_insurance::Column::Number.eq(number))
        .all(db)
        .await?)
}

/// The resident's consents not withdrawn, in any of the given networks. On
/// PostgreSQL the rows stay share-locked until the transaction ends, so a
/// withdrawal waits for a submission that already relied on the consent and
/// every submission after the withdrawal sees it (SQLite's writers are serial).
pub async fn current_consents(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    network_ids: &[Uuid],
) -> Result<Vec<consent::Model>, StoreError> {
    if network_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = consent::Entity::find()
        .filter(consent::Column::ResidentId.eq(resident_id))
        .filter(consent::Column::NetworkId.is_in(network_ids.to_vec()))
        .filter(consent::Column::WithdrawnAt.is_null())
        .order_by_asc(consent::Column::GivenAt);
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q = q.lock_shared();
    }
    Ok(q.all(db).await?)
}

/// Whether the resident ever gave a consent (withdrawn since or not) in any
/// of the given networks.
pub async fn ever_consented(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    network_ids: &[Uuid],
) -> Result<bool, StoreError> {
    if network_ids.is_empty() {
        return Ok(false);
    }
    Ok(consent::Entity::find()
        .filter(consent::Column::ResidentId.eq(resident_id))
        .filter(consent::Column::NetworkId.is_in(network_ids.to_vec()))
        .one(db)
        .await?
        .is_some())
}

pub async fn find_medication(
    db: &impl ConnectionTrait,
    facility_id: Uuid,
    kind: &str,
    identifier: &str,
) -> Result<Option<medication::Model>, StoreError> {
    Ok(medication::Entity::find()
        .filter(medication::Column::FacilityId.eq(facility_id))
        .filter(medication::Column::Kind.eq(kind))
        .filter(medication::Column::Identifier.eq(identifier))
        .one(db)
        .await?)
}

pub async fn insert_medication(db: &impl ConnectionTrait, m: medication::Model) -> Result<(), StoreError> {
    medication::Entity::insert(m.into_active_model().reset_all()).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}

/// Replaces a record's content (not its id, sender, identifier or creation time).
pub async fn update_medication(db: &impl ConnectionTrait, m: medication::Model) -> Result<(), StoreError> {
    let mut row = m.into_active_model().reset_all();
    row.created_at = sea_orm::ActiveValue::NotSet;
    row.update(db).await?;
    Ok(())
}

pub async fn find_allergy(
    db: &impl ConnectionTrait,
    facility_id: Uuid,
    identifier: &str,
) -> Result<Option<allergy::Model>, StoreError> {
    Ok(allergy::Entity::find()
        .filter(allergy::Column::FacilityId.eq(facility_id))
        .filter(allergy::Column::Identifier.eq(identifier))
        .one(db)
        .await?)
}

pub async fn insert_allergy(db: &impl ConnectionTrait, m: allergy::Model) -> Result<(), StoreError> {
    allergy::Entity::insert(m.into_active_model().reset_all()).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}

pub async fn update_allergy(db: &impl ConnectionTrait, m: allergy::Model) -> Result<(), StoreError> {
    let mut row = m.into_active_model().reset_all();
    row.created_at = sea_orm::ActiveValue::NotSet;
    row.update(db).await?;
    Ok(())
}

/// Adds `items` accepted records to the day's visit of a resident at a facility.
pub async fn record_visit(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    facility_id: Uuid,
    day: NaiveDate,
    source: &str,
    items: i32,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let updated = facility_visit::Entity::update_many()
        .col_expr(facility_visit::Column::Items, Expr::col(facility_visit::Column::Items).add(items))
        .col_expr(facility_visit::Column::LastAt, Expr::value(now))
        .filter(facility_visit::Column::ResidentId.eq(resident_id))
        .filter(facility_visit::Column::FacilityId.eq(facility_id))
        .filter(facility_visit::Column::VisitedOn.eq(day))
        .filter(facility_visit::Column::Source.eq(source))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        let row = facility_visit::ActiveModel {
            id: Set(Uuid::now_v7()),
            resident_id: Set(resident_id),
            facility_id: Set(facility_id),
            visited_on: Set(day),
            source: Set(source.to_owned()),
            items: Set(items),
            first_at: Set(now),
            last_at: Set(now),
        };
        facility_visit::Entity::insert(row).exec(db).await.map_err(StoreError::from_insert)?;
    }
    Ok(())
}

pub async fn visits_of(db: &impl ConnectionTrait, resident_id: Uuid) -> Result<Vec<facility_visit::Model>, StoreError> {
    Ok(facility_visit::Entity::find()
        .filter(facility_visit::Column::ResidentId.eq(resident_id))
        .order_by_desc(facility_visit::Column::VisitedOn)
        .all(db)
        .await?)
}

/// A resident's medication records, newest first; only those dated on or
/// after `from` when given.
pub async fn medications_of(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    from: Option<NaiveDate>,
) -> Result<Vec<medication::Model>, StoreError> {
    let mut q = medication::Entity::find().filter(medication::Column::ResidentId.eq(resident_id));
    if let Some(from) = from {
        q = q.filter(medication::Column::DatedOn.gte(from));
    }
    Ok(q.order_by_desc(medication::Column::DatedOn).order_by_asc(medication::Column::Id).all(db).await?)
}

/// A resident's medication records with these ids (in no particular order).
pub async fn medications_by_ids(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    ids: &[Uuid],
) -> Result<Vec<medication::Model>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(medication::Entity::find()
        .filter(medication::Column::ResidentId.eq(resident_id))
        .filter(medication::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

pub async fn allergies_of(db: &impl ConnectionTrait, resident_id: Uuid) -> Result<Vec<allergy::Model>, StoreError> {
    Ok(allergy::Entity::find()
        .filter(allergy::Column::ResidentId.eq(resident_id))
        .order_by_desc(allergy::Column::DatedOn)
        .all(db)
        .await?)
}

pub async fn emergency_contact(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
) -> Result<Option<emergency_contact::Model>, StoreError> {
    Ok(emergency_contact::Entity::find_by_id(resident_id).one(db).await?)
}

pub async fn put_emergency_contact(db: &impl ConnectionTrait, m: emergency_contact::Model) -> Result<(), StoreError> {
    let exists = emergency_contact::Entity::find_by_id(m.resident_id).one(db).await?.is_some();
    let row = m.into_active_model().reset_all();
    if exists {
        row.update(db).await?;
    } else {
        emergency_contact::Entity::insert(row).exec(db).await.map_err(StoreError::from_insert)?;
    }
    Ok(())
}

pub async fn delete_emergency_contact(db: &impl ConnectionTrait, resident_id: Uuid) -> Result<(), StoreError> {
    emergency_contact::Entity::delete_by_id(resident_id).exec(db).await?;
    Ok(())
}

/// Keeps the version of a record that a correction replaces.
pub async fn insert_revision(db: &impl ConnectionTrait, m: record_revision::Model) -> Result<(), StoreError> {
    record_revision::Entity::insert(m.into_active_model().reset_all())
        .exec(db)
        .await
        .map_err(StoreError::from_insert)?;
    Ok(())
}

/// Every earlier version of a person's records, oldest first.
pub async fn revisions_of(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
) -> Result<Vec<record_revision::Model>, StoreError> {
    Ok(record_revision::Entity::find()
        .filter(record_revision::Column::ResidentId.eq(resident_id))
        .order_by_asc(record_revision::Column::ReplacedAt)
        .order_by_asc(record_revision::Column::Id)
        .all(db)
        .await?)
}

/// A JAHIS record of the person with this content-derived identifier, from
/// whichever facility it came.
pub async fn find_jahis_medication(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    kind: &str,
    identifier: &str,
) -> Result<Option<medication::Model>, StoreError> {
    Ok(medication::Entity::find()
        .filter(medication::Column::ResidentId.eq(resident_id))
        .filter(medication::Column::Source.eq("jahis"))
        .filter(medication::Column::Kind.eq(kind))
        .filter(medication::Column::Identifier.eq(identifier))
        .one(db)
        .await?)
}

pub async fn find_jahis_allergy(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    identifier: &str,
) -> Result<Option<allergy::Model>, StoreError> {
    Ok(allergy::Entity::find()
        .filter(allergy::Column::ResidentId.eq(resident_id))
        .filter(allergy::Column::Source.eq("jahis"))
        .filter(allergy::Column::Identifier.eq(identifier))
        .one(db)
        .await?)
}

/// A person's medication records from JAHIS data dated on one day.
pub async fn jahis_medications_on(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    day: NaiveDate,
) -> Result<Vec<medication::Model>, StoreError> {
    Ok(medication::Entity::find()
        .filter(medication::Column::ResidentId.eq(resident_id))
        .filter(medication::Column::Source.eq("jahis"))
        .filter(medication::Column::DatedOn.eq(day))
        .all(db)
        .await?)
}
