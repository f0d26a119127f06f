//! Combining two records of one person: the aliases retired records leave,
//! and moving what a record holds to another. What to keep where two rows
//! would clash is decided in `service::person_merge`; here rows only move.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::StoreError;
use super::entity::{
    access_alert_setting, allergy, care_relationship, claim_code, consent, correction_request, email_code,
    emergency_access, emergency_contact, facility_visit, hidden_record, identity_review, medication, paper_entry,
    passkey, person_alias, person_reminder, proxy_invitation, proxy_link, record_revision, registration_qr, resident,
    resident_insurance, session, webauthn_ceremony,
};

/// The person a retired registration number now names.
pub async fn alias_by_number(db: &impl ConnectionTrait, number: &str) -> Result<Option<Uuid>, StoreError> {
    Ok(person_alias::Entity::find()
        .filter(person_alias::Column::RetiredNumber.eq(number))
        .one(db)
        .await?
        .map(|a| a.into_id))
}

/// The records combined into `into` (their ids, which the audit log's
/// entries about them still carry).
pub async fn retired_into(db: &impl ConnectionTrait, into: Uuid) -> Result<Vec<person_alias::Model>, StoreError> {
    Ok(person_alias::Entity::find().filter(person_alias::Column::IntoId.eq(into)).all(db).await?)
}

/// A person's id and the ids of the records combined into theirs: the ids
/// the audit log's entries about them carry.
pub async fn ids_of(db: &impl ConnectionTrait, person: Uuid) -> Result<Vec<Uuid>, StoreError> {
    let mut ids = vec![person];
    ids.extend(retired_into(db, person).await?.into_iter().map(|a| a.retired_id));
    Ok(ids)
}

/// Records that `retired` (with its number) is now `into`; records combined
/// into `retired` before are now `into` too.
pub async fn insert_alias(
    db: &impl ConnectionTrait,
    retired: &resident::Model,
    into: Uuid,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    person_alias::Entity::update_many()
        .col_expr(person_alias::Column::IntoId, Expr::value(into))
        .filter(person_alias::Column::IntoId.eq(retired.id))
        .exec(db)
        .await?;
    let row = person_alias::ActiveModel {
        retired_id: Set(retired.id),
        retired_number: Set(retired.registration_number.clone()),
        into_id: Set(into),
        merged_at: Set(at),
    };
    person_alias::Entity::insert(row).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}

macro_rules! reassign {
    ($db:expr, $entity:ident, $column:ident, $from:expr, $into:expr) => {
        $entity::Entity::update_many()
            .col_expr($entity::Column::$column, Expr::value($into))
            .filter($entity::Column::$column.eq($from))
            .exec($db)
            .await?
            .rows_affected
    };
}

/// Moves every row of `from` to `into`, once the rows that would clash
/// have been dealt with. A passkey keeps `from` as its user handle (the
/// phone sends it back at each sign-in). Returns how many rows moved.
pub async fn move_rows(db: &impl ConnectionTrait, from: Uuid, into: Uuid) -> Result<u64, StoreError> {
    passkey::Entity::update_many()
        .col_expr(passkey::Column::UserHandle, Expr::value(from))
        .filter(passkey::Column::ResidentId.eq(from))
        .filter(passkey::Column::UserHandle.is_null())
        .exec(db)
        .await?;
    let moved = reassign!(db, passkey, ResidentId, from, into)
        + reassign!(db, resident_insurance, ResidentId, from, into)
        + reassign!(db, consent, ResidentId, from, into)
        + reassign!(db, medication, ResidentId, from, into)
        + reassign!(db, allergy, ResidentId, from, into)
        + reassign!(db, record_revision, ResidentId, from, into)
        + reassign!(db, hidden_record, ResidentId, from, into)
        + reassign!(db, facility_visit, ResidentId, from, into)
        + reassign!(db, care_relationship, ResidentId, from, into)
        + reassign!(db, emergency_access, ResidentId, from, into)
        + reassign!(db, emergency_contact, ResidentId, from, into)
        + reassign!(db, access_alert_setting, ResidentId, from, into)
        + reassign!(db, person_reminder, ResidentId, from, into)
        + reassign!(db, correction_request, ResidentId, from, into)
        + reassign!(db, paper_entry, ResidentId, from, into)
        + reassign!(db, claim_code, ResidentId, from, into)
        + reassign!(db, proxy_invitation, SubjectId, from, into)
        + reassign!(db, proxy_link, ProxyId, from, into)
        + reassign!(db, proxy_link, SubjectId, from, into);
    identity_review::Entity::update_many()
        .col_expr(identity_review::Column::ResidentId, Expr::value(into))
        .filter(identity_review::Column::ResidentId.eq(from))
        .exec(db)
        .await?;
    Ok(moved)
}

/// Ends what belonged to signing in as `from`: its sessions, mailed codes,
/// ceremonies under way, and its registration QR (the person's QR is the
/// record kept's).
pub async fn forget_sign_in(db: &impl ConnectionTrait, from: Uuid) -> Result<(), StoreError> {
    session::Entity::delete_many().filter(session::Column::ResidentId.eq(from)).exec(db).await?;
    email_code::Entity::delete_many().filter(email_code::Column::SubjectId.eq(from)).exec(db).await?;
    webauthn_ceremony::Entity::delete_many().filter(webauthn_ceremony::Column::SubjectId.eq(from)).exec(db).await?;
    registration_qr::Entity::delete_many().filter(registration_qr::Column::ResidentId.eq(from)).exec(db).await?;
    Ok(())
}

/// Deletes a record that holds nothing any more.
pub async fn delete_person(db: &impl ConnectionTrait, id: Uuid) -> Result<(), StoreError> {
    resident::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Deletes medication records (the same dispensing the other record holds),
/// with their revisions and hidden marks.
pub async fn delete_medications(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    forget_records(db, ids).await?;
    medication::Entity::delete_many().filter(medication::Column::Id.is_in(ids.iter().copied())).exec(db).await?;
    Ok(())
}

/// Deletes allergy records (the same record the other record holds), with
/// their revisions and hidden marks.
pub async fn delete_allergies(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    forget_records(db, ids).await?;
    allergy::Entity::delete_many().filter(allergy::Column::Id.is_in(ids.iter().copied())).exec(db).await?;
    Ok(())
}

async fn forget_records(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<(), StoreError> {
    record_revision::Entity::delete_many()
        .filter(record_revision::Column::RecordId.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    hidden_record::Entity::delete_many()
        .filter(hidden_record::Column::RecordId.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes visit rows (a day the other record has too).
pub async fn delete_visits(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    facility_visit::Entity::delete_many()
        .filter(facility_visit::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes the reminders of `from` of these kinds (sent to the other record too).
pub async fn delete_reminders(db: &impl ConnectionTrait, from: Uuid, kinds: &[String]) -> Result<(), StoreError> {
    if kinds.is_empty() {
        return Ok(());
    }
    person_reminder::Entity::delete_many()
        .filter(person_reminder::Column::ResidentId.eq(from))
        .filter(person_reminder::Column::Kind.is_in(kinds.iter().cloned()))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn reminders_of(db: &impl ConnectionTrait, id: Uuid) -> Result<Vec<person_reminder::Model>, StoreError> {
    Ok(person_reminder::Entity::find().filter(person_reminder::Column::ResidentId.eq(id)).all(db).await?)
}

/// Deletes the emergency contact and the alert setting of `from` (the other record has its own).
pub async fn delete_one_per_person(
    db: &impl ConnectionTrait,
    from: Uuid,
    contact: bool,
    alerts: bool,
) -> Result<(), StoreError> {
    if contact {
        emergency_contact::Entity::delete_many()
            .filter(emergency_contact::Column::ResidentId.eq(from))
            .exec(db)
            .await?;
    }
    if alerts {
        access_alert_setting::Entity::delete_many()
            .filter(access_alert_setting::Column::ResidentId.eq(from))
            .exec(db)
            .await?;
    }
    Ok(())
}

pub async fn alert_setting_of(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<access_alert_setting::Model>, StoreError> {
    Ok(access_alert_setting::Entity::find_by_id(id).one(db).await?)
}

/// Closes a consent the other record's consent to the same network takes
/// over, and moves the records received under it to that consent.
pub async fn close_consent_into(
    db: &impl ConnectionTrait,
    closed: Uuid,
    kept: Uuid,
    at: DateTime<Utc>,
    channel: &str,
) -> Result<(), StoreError> {
    consent::Entity::update_many()
        .col_expr(consent::Column::WithdrawnAt, Expr::value(at))
        .col_expr(consent::Column::WithdrawnByKind, Expr::value("operator"))
        .col_expr(consent::Column::WithdrawnChannel, Expr::value(channel))
        .filter(consent::Column::Id.eq(closed))
        .filter(consent::Column::WithdrawnAt.is_null())
        .exec(db)
        .await?;
    medication::Entity::update_many()
        .col_expr(medication::Column::ConsentId, Expr::value(kept))
        .filter(medication::Column::ConsentId.eq(closed))
        .exec(db)
        .await?;
    allergy::Entity::update_many()
        .col_expr(allergy::Column::ConsentId, Expr::value(kept))
        .filter(allergy::Column::ConsentId.eq(closed))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends a relationship (the other record's with the same facility goes on).
pub async fn end_relationship_by_id(
    db: &impl ConnectionTrait,
    id: Uuid,
    by: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    care_relationship::Entity::update_many()
        .col_expr(care_relationship::Column::EndedAt, Expr::value(at))
        .col_expr(care_relationship::Column::EndedBy, Expr::value(by))
        .filter(care_relationship::Column::Id.eq(id))
        .filter(care_relationship::Column::EndedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Every active link in which the person is proxy or subject.
pub async fn active_links_of(db: &impl ConnectionTrait, id: Uuid) -> Result<Vec<proxy_link::Model>, StoreError> {
    use sea_orm::Condition;
    Ok(proxy_link::Entity::find()
        .filter(Condition::any().add(proxy_link::Column::ProxyId.eq(id)).add(proxy_link::Column::SubjectId.eq(id)))
        .filter(proxy_link::Column::RevokedAt.is_null())
        .all(db)
        .await?)
}

/// Closes open review items.
pub async fn resolve_reviews(db: &impl ConnectionTrait, ids: &[Uuid], at: DateTime<Utc>) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    identity_review::Entity::update_many()
        .col_expr(identity_review::Column::ResolvedAt, Expr::value(at))
        .filter(identity_review::Column::Id.is_in(ids.iter().copied()))
        .filter(identity_review::Column::ResolvedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes an insurance row (the same card the other record holds).
pub async fn delete_insurance(db: &impl ConnectionTrait, id: Uuid) -> Result<(), StoreError> {
    resident_insurance::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Stores a medication record under another key (its JAHIS key for the kept record).
pub async fn rekey_medication(db: &impl ConnectionTrait, id: Uuid, identifier: &str) -> Result<(), StoreError> {
    medication::Entity::update_many()
        .col_expr(medication::Column::Identifier, Expr::value(identifier))
        .filter(medication::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Stores an allergy record under another key (its JAHIS key for the kept record).
pub async fn rekey_allergy(db: &impl ConnectionTrait, id: Uuid, identifier: &str) -> Result<(), StoreError> {
    allergy::Entity::update_many()
        .col_expr(allergy::Column::Identifier, Expr::value(identifier))
        .filter(allergy::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Every relationship of facilities with a person, live and ended.
pub async fn relationships_of(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Vec<care_relationship::Model>, StoreError> {
    Ok(care_relationship::Entity::find().filter(care_relationship::Column::ResidentId.eq(id)).all(db).await?)
}

/// Closes a consent in force as withdrawn, carrying over the person's
/// withdrawal from the same network on the other record (who withdrew
/// there). Facilities' relationships are settled once the rows have moved.
pub async fn carry_withdrawal(
    db: &impl ConnectionTrait,
    consent_id: Uuid,
    at: DateTime<Utc>,
    by_kind: &str,
    by_id: Option<Uuid>,
    channel: &str,
) -> Result<bool, StoreError> {
    let res = consent::Entity::update_many()
        .col_expr(consent::Column::WithdrawnAt, Expr::value(at))
        .col_expr(consent::Column::WithdrawnByKind, Expr::value(by_kind))
        .col_expr(consent::Column::WithdrawnById, Expr::value(by_id))
        .col_expr(consent::Column::WithdrawnChannel, Expr::value(channel))
        .filter(consent::Column::Id.eq(consent_id))
        .filter(consent::Column::WithdrawnAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Moves a copy's revisions to the copy of the same record that goes on.
pub async fn move_revisions(db: &impl ConnectionTrait, from_record: Uuid, to_record: Uuid) -> Result<(), StoreError> {
    record_revision::Entity::update_many()
        .col_expr(record_revision::Column::RecordId, Expr::value(to_record))
        .filter(record_revision::Column::RecordId.eq(from_record))
        .exec(db)
        .await?;
    Ok(())
}
