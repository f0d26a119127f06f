//! What lets a facility look at a resident's record (`domain::looking`):
//! care relationships, emergency accesses, and each network's table of the
//! parts each profession sees.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::StoreError;
use super::entity::{access_alert_setting, care_relationship, emergency_access, network_role_parts, registration_qr};
use crate::domain::looking::{self, Basis, Last, Start, ended_by_person};

/// The live (not ended) relationship of a facility with a person, if any.
pub async fn live_relationship(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    facility_id: Uuid,
) -> Result<Option<care_relationship::Model>, StoreError> {
    Ok(care_relationship::Entity::find()
        .filter(care_relationship::Column::ResidentId.eq(resident_id))
        .filter(care_relationship::Column::FacilityId.eq(facility_id))
        .filter(care_relationship::Column::EndedAt.is_null())
        .one(db)
        .await?)
}

/// Starts a relationship on `basis` if `domain::looking::start` says so,
/// after the facility's last one with the person.
pub async fn start_relationship(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    facility_id: Uuid,
    basis: Basis,
    by: &str,
    now: DateTime<Utc>,
) -> Result<Start, StoreError> {
    // The live one if there is one (two records combined may each have had
    // one, started at the same instant), else the one started last.
    let last = match live_relationship(db, resident_id, facility_id).await? {
        Some(live) => Some(live),
        None => {
            care_relationship::Entity::find()
                .filter(care_relationship::Column::ResidentId.eq(resident_id))
                .filter(care_relationship::Column::FacilityId.eq(facility_id))
                .order_by_desc(care_relationship::Column::StartedAt)
                .one(db)
                .await?
        }
    };
    let last =
        last.map(|r| Last { live: r.ended_at.is_none(), ended_by_person: ended_by_person(r.ended_by.as_deref()) });
    let start = looking::start(last, basis);
    if start != Start::Started {
        return Ok(start);
    }
    let row = care_relationship::ActiveModel {
        id: Set(Uuid::now_v7()),
        facility_id: Set(facility_id),
        resident_id: Set(resident_id),
        basis: Set(basis.as_str().to_owned()),
        started_at: Set(now),
        started_by: Set(by.to_owned()),
        ended_at: Set(None),
        ended_by: Set(None),
        first_viewed_at: Set(None),
    };
    care_relationship::Entity::insert(row).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(Start::Started)
}

/// Ends a facility's live relationship with a person; whether there was one.
pub async fn end_relationship(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    facility_id: Uuid,
    by: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let ended = care_relationship::Entity::update_many()
        .col_expr(care_relationship::Column::EndedAt, now.into())
        .col_expr(care_relationship::Column::EndedBy, by.to_owned().into())
        .filter(care_relationship::Column::ResidentId.eq(resident_id))
        .filter(care_relationship::Column::FacilityId.eq(facility_id))
        .filter(care_relationship::Column::EndedAt.is_null())
        .exec(db)
        .await?;
    Ok(ended.rows_affected > 0)
}

/// Ends each live relationship of a person with a facility in none of the
/// networks where they still consent (at a withdrawal: a facility of another
/// network they stay in keeps its relationship).
pub async fn end_without_consent(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    by: &str,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let in_force: std::collections::HashSet<Uuid> =
        super::residents::current_consents(db, resident_id).await?.into_iter().map(|c| c.network_id).collect();
    let live = care_relationship::Entity::find()
        .filter(care_relationship::Column::ResidentId.eq(resident_id))
        .filter(care_relationship::Column::EndedAt.is_null())
        .all(db)
        .await?;
    let mut ended = 0;
    for r in live {
        let networks = super::medical::networks_of_facility(db, r.facility_id).await?;
        if networks.iter().any(|n| in_force.contains(n)) {
            continue;
        }
        end_relationship(db, resident_id, r.facility_id, by, now).await?;
        ended += 1;
    }
    Ok(ended)
}

/// Records that the person stopped a facility that looked only under an
/// emergency access: an ended relationship of theirs, so that only their
/// QR starts a new one.
pub async fn note_ended_by_person(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    facility_id: Uuid,
    by: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let row = care_relationship::ActiveModel {
        id: Set(Uuid::now_v7()),
        facility_id: Set(facility_id),
        resident_id: Set(resident_id),
        basis: Set("emergency_access".to_owned()),
        started_at: Set(now),
        started_by: Set(by.to_owned()),
        ended_at: Set(Some(now)),
        ended_by: Set(Some(by.to_owned())),
        first_viewed_at: Set(None),
    };
    care_relationship::Entity::insert(row).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}

/// Closes a facility's live emergency accesses to a person now (the person
/// ended its access, or the office found one inappropriate).
pub async fn close_emergencies(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    facility_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let closed = emergency_access::Entity::update_many()
        .col_expr(emergency_access::Column::Until, now.into())
        .filter(emergency_access::Column::ResidentId.eq(resident_id))
        .filter(emergency_access::Column::FacilityId.eq(facility_id))
        .filter(emergency_access::Column::Until.gt(now))
        .exec(db)
        .await?;
    Ok(closed.rows_affected)
}

/// A person's relationships, live and ended, newest first.
pub async fn relationships_of(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
) -> Result<Vec<care_relationship::Model>, StoreError> {
    Ok(care_relationship::Entity::find()
        .filter(care_relationship::Column::ResidentId.eq(resident_id))
        .order_by_desc(care_relationship::Column::StartedAt)
        .all(db)
        .await?)
}

pub async fn insert_emergency(db: &impl ConnectionTrait, m: emergency_access::Model) -> Result<(), StoreError> {
    emergency_access::Entity::insert(m.into_active_model()).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}

/// The latest-ending emergency access a facility holds for a person that is
/// still open at `now`.
pub async fn live_emergency(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    facility_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<emergency_access::Model>, StoreError> {
    Ok(emergency_access::Entity::find()
        .filter(emergency_access::Column::ResidentId.eq(resident_id))
        .filter(emergency_access::Column::FacilityId.eq(facility_id))
        .filter(emergency_access::Column::Until.gt(now))
        .order_by_desc(emergency_access::Column::Until)
        .one(db)
        .await?)
}

/// Emergency accesses the network office has not reviewed, oldest first.
pub async fn unreviewed_emergencies(db: &impl ConnectionTrait) -> Result<Vec<emergency_access::Model>, StoreError> {
    Ok(emergency_access::Entity::find()
        .filter(emergency_access::Column::ReviewedAt.is_null())
        .order_by_asc(emergency_access::Column::OpenedAt)
        .all(db)
        .await?)
}

/// Records the network office's review of an emergency access; whether it
/// was still unreviewed.
pub async fn review_emergency(
    db: &impl ConnectionTrait,
    id: Uuid,
    outcome: &str,
    note: Option<&str>,
    by: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = emergency_access::Entity::update_many()
        .col_expr(emergency_access::Column::ReviewOutcome, outcome.to_owned().into())
        .col_expr(emergency_access::Column::ReviewNote, note.map(str::to_owned).into())
        .col_expr(emergency_access::Column::ReviewedAt, now.into())
        .col_expr(emergency_access::Column::ReviewedBy, by.to_owned().into())
        .filter(emergency_access::Column::Id.eq(id))
        .filter(emergency_access::Column::ReviewedAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}

/// A network's own table, role by role (roles absent use the default).
pub async fn role_parts_of(
    db: &impl ConnectionTrait,
    network_id: Uuid,
) -> Result<Vec<network_role_parts::Model>, StoreError> {
    Ok(network_role_parts::Entity::find().filter(network_role_parts::Column::NetworkId.eq(network_id)).all(db).await?)
}

/// Sets a network's parts for one role (replacing any earlier choice).
pub async fn set_role_parts(db: &impl ConnectionTrait, m: network_role_parts::Model) -> Result<(), StoreError> {
    network_role_parts::Entity::delete_many()
        .filter(network_role_parts::Column::NetworkId.eq(m.network_id))
        .filter(network_role_parts::Column::Role.eq(m.role.clone()))
        .exec(db)
        .await?;
    network_role_parts::Entity::insert(m.into_active_model()).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}

/// Drops a network's choice for one role (back to the default); whether
/// there was one.
pub async fn reset_role_parts(db: &impl ConnectionTrait, network_id: Uuid, role: &str) -> Result<bool, StoreError> {
    let gone = network_role_parts::Entity::delete_many()
        .filter(network_role_parts::Column::NetworkId.eq(network_id))
        .filter(network_role_parts::Column::Role.eq(role.to_owned()))
        .exec(db)
        .await?;
    Ok(gone.rows_affected > 0)
}

/// Marks the first look under a relationship; whether this was it (so only
/// one of two concurrent first looks mails the person).
pub async fn first_view(
    db: &impl ConnectionTrait,
    relationship_id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = care_relationship::Entity::update_many()
        .col_expr(care_relationship::Column::FirstViewedAt, Some(now).into())
        .filter(care_relationship::Column::Id.eq(relationship_id))
        .filter(care_relationship::Column::FirstViewedAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}

/// A person's emergency accesses, newest first.
pub async fn emergencies_of(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
) -> Result<Vec<emergency_access::Model>, StoreError> {
    Ok(emergency_access::Entity::find()
        .filter(emergency_access::Column::ResidentId.eq(resident_id))
        .order_by_desc(emergency_access::Column::OpenedAt)
        .all(db)
        .await?)
}

pub async fn find_emergency(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<emergency_access::Model>, StoreError> {
    Ok(emergency_access::Entity::find_by_id(id).one(db).await?)
}

/// The secret of a person's registration QR, if one was made.
pub async fn qr_of(db: &impl ConnectionTrait, resident_id: Uuid) -> Result<Option<registration_qr::Model>, StoreError> {
    Ok(registration_qr::Entity::find_by_id(resident_id).one(db).await?)
}

/// Sets a person's QR secret (a new one voids the old).
pub async fn put_qr(db: &impl ConnectionTrait, m: registration_qr::Model) -> Result<(), StoreError> {
    registration_qr::Entity::delete_by_id(m.resident_id).exec(db).await?;
    registration_qr::Entity::insert(m.into_active_model()).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}

/// Whether the person's manage-level proxies are mailed about looks (by default, yes).
pub async fn alerts_to_proxies(db: &impl ConnectionTrait, resident_id: Uuid) -> Result<bool, StoreError> {
    Ok(access_alert_setting::Entity::find_by_id(resident_id).one(db).await?.is_none_or(|s| s.to_proxies))
}

pub async fn set_alerts_to_proxies(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    to_proxies: bool,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    access_alert_setting::Entity::delete_by_id(resident_id).exec(db).await?;
    let m = access_alert_setting::Model { resident_id, to_proxies, changed_at: now };
    access_alert_setting::Entity::insert(m.into_active_model()).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}
