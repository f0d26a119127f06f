//! Residents, their insurance details, their consents, and the identity
//! review queue.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::StoreError;
use super::entity::{consent, identity_review, resident, resident_insurance};

/// Serialises identity resolution until the transaction ends (PostgreSQL: a
/// transaction-scoped advisory lock; SQLite's writers are serial already).
pub async fn lock_identity_resolution(db: &impl ConnectionTrait) -> Result<(), StoreError> {
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        // An arbitrary constant naming "identity resolution".
        db.execute_unprepared("SELECT pg_advisory_xact_lock(7267001)").await?;
    }
    Ok(())
}

pub async fn insert(db: &impl ConnectionTrait, m: resident::Model) -> Result<(), StoreError> {
    let row = resident::ActiveModel {
        id: Set(m.id),
        registration_number: Set(m.registration_number),
        name: Set(m.name),
        name_kana: Set(m.name_kana),
        kana_key: Set(m.kana_key),
        birth_date: Set(m.birth_date),
        sex: Set(m.sex),
        phone: Set(m.phone),
        email: Set(m.email),
        email_verified_at: Set(m.email_verified_at),
        entry_point_id: Set(m.entry_point_id),
        channel: Set(m.channel),
        created_at: Set(m.created_at),
        address: Set(m.address),
        care_insurance_number: Set(m.care_insurance_number),
    };
    resident::Entity::insert(row).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<resident::Model>, StoreError> {
    Ok(resident::Entity::find_by_id(id).one(db).await?)
}

pub async fn find_by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<resident::Model>, StoreError> {
    Ok(resident::Entity::find().filter(resident::Column::Email.eq(email)).one(db).await?)
}

/// The person a registration number names: theirs, or that of a record
/// since combined into theirs (a facility or a paper form may hold it).
pub async fn find_by_number(db: &impl ConnectionTrait, number: &str) -> Result<Option<resident::Model>, StoreError> {
    if let Some(r) = resident::Entity::find().filter(resident::Column::RegistrationNumber.eq(number)).one(db).await? {
        return Ok(Some(r));
    }
    match super::merge::alias_by_number(db, number).await? {
        Some(into) => find(db, into).await,
        None => Ok(None),
    }
}

/// Residents who share the identity (kana key and birth date) or the insurance
/// number (insurer and number, when given) of someone registering: the
/// candidates for identity resolution.
pub async fn candidates(
    db: &impl ConnectionTrait,
    kana_key: &str,
    birth_date: NaiveDate,
    insurance: Option<(&str, &str)>,
) -> Result<Vec<(resident::Model, Vec<resident_insurance::Model>)>, StoreError> {
    let by_insurance: Vec<Uuid> = match insurance {
        None => Vec::new(),
        Some((insurer_number, number)) => resident_insurance::Entity::find()
            .filter(resident_insurance::Column::InsurerNumber.eq(insurer_number))
            .filter(resident_insurance::Column::Number.eq(number))
            .all(db)
            .await?
            .into_iter()
            .map(|i| i.resident_id)
            .collect(),
    };
    let people = resident::Entity::find()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(resident::Column::KanaKey.eq(kana_key))
                        .add(resident::Column::BirthDate.eq(birth_date)),
                )
                .add(resident::Column::Id.is_in(by_insurance)),
        )
        .order_by_asc(resident::Column::CreatedAt)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(people.len());
    for p in people {
        let ins = insurance_of(db, p.id).await?;
        out.push((p, ins));
    }
    Ok(out)
}

pub async fn insurance_of(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
) -> Result<Vec<resident_insurance::Model>, StoreError> {
    Ok(resident_insurance::Entity::find()
        .filter(resident_insurance::Column::ResidentId.eq(resident_id))
        .order_by_asc(resident_insurance::Column::CreatedAt)
        .all(db)
        .await?)
}

pub async fn insert_insurance(db: &impl ConnectionTrait, m: resident_insurance::Model) -> Result<(), StoreError> {
    let row = resident_insurance::ActiveModel {
        id: Set(m.id),
        resident_id: Set(m.resident_id),
        document: Set(m.document),
        insurer_number: Set(m.insurer_number),
        symbol: Set(m.symbol),
        number: Set(m.number),
        branch: Set(m.branch),
        created_at: Set(m.created_at),
        valid_from: Set(m.valid_from),
        valid_to: Set(m.valid_to),
        added_by_kind: Set(m.added_by_kind),
        added_by_id: Set(m.added_by_id),
        added_at_facility: Set(m.added_at_facility),
    };
    resident_insurance::Entity::insert(row).exec(db).await?;
    Ok(())
}

/// Ends an insurance: `last_day` is the last day it was valid.
pub async fn end_insurance(db: &impl ConnectionTrait, id: Uuid, last_day: NaiveDate) -> Result<(), StoreError> {
    resident_insurance::Entity::update_many()
        .col_expr(resident_insurance::Column::ValidTo, Expr::value(last_day))
        .filter(resident_insurance::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn insert_consent(db: &impl ConnectionTrait, m: consent::Model) -> Result<(), StoreError> {
    let row = consent::ActiveModel {
        id: Set(m.id),
        resident_id: Set(m.resident_id),
        network_id: Set(m.network_id),
        document_id: Set(m.document_id),
        version: Set(m.version),
        given_at: Set(m.given_at),
        given_by_kind: Set(m.given_by_kind),
        given_by_id: Set(m.given_by_id),
        channel: Set(m.channel),
        entry_point_id: Set(m.entry_point_id),
        withdrawn_at: Set(m.withdrawn_at),
        withdrawn_by_kind: Set(m.withdrawn_by_kind),
        withdrawn_by_id: Set(m.withdrawn_by_id),
        withdrawn_channel: Set(m.withdrawn_channel),
        facility_id: Set(m.facility_id),
        form_serial: Set(m.form_serial),
    };
    consent::Entity::insert(row).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}

/// The consents in force (not withdrawn), oldest first.
pub async fn current_consents(db: &impl ConnectionTrait, resident_id: Uuid) -> Result<Vec<consent::Model>, StoreError> {
    Ok(consent::Entity::find()
        .filter(consent::Column::ResidentId.eq(resident_id))
        .filter(consent::Column::WithdrawnAt.is_null())
        .order_by_asc(consent::Column::GivenAt)
        .all(db)
        .await?)
}

pub async fn set_email_verified(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    resident::Entity::update_many()
        .col_expr(resident::Column::EmailVerifiedAt, Expr::value(at))
        .filter(resident::Column::Id.eq(resident_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn add_review(
    db: &impl ConnectionTrait,
    kind: &str,
    resident_id: Option<Uuid>,
    registration_id: Option<Uuid>,
    candidates: &[Uuid],
    now: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let id = Uuid::now_v7();
    let row = identity_review::ActiveModel {
        id: Set(id),
        kind: Set(kind.to_owned()),
        resident_id: Set(resident_id),
        registration_id: Set(registration_id),
        candidates: Set(serde_json::to_string(candidates).unwrap_or_else(|_| "[]".into())),
        created_at: Set(now),
        resolved_at: Set(None),
    };
    identity_review::Entity::insert(row).exec(db).await?;
    Ok(id)
}

/// Whether an open review item of this kind about the person exists (a
/// refusal repeated is one item for the office, not many).
pub async fn open_review_exists(db: &impl ConnectionTrait, kind: &str, resident_id: Uuid) -> Result<bool, StoreError> {
    Ok(identity_review::Entity::find()
        .filter(identity_review::Column::Kind.eq(kind))
        .filter(identity_review::Column::ResidentId.eq(resident_id))
        .filter(identity_review::Column::ResolvedAt.is_null())
        .one(db)
        .await?
        .is_some())
}

/// Closes an open review item; its kind, or none when there is no such open item.
pub async fn resolve_review(
    db: &impl ConnectionTrait,
    id: Uuid,
    at: DateTime<Utc>,
) -> Result<Option<String>, StoreError> {
    let Some(item) = identity_review::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    if item.resolved_at.is_some() {
        return Ok(None);
    }
    identity_review::Entity::update_many()
        .col_expr(identity_review::Column::ResolvedAt, Expr::value(at))
        .filter(identity_review::Column::Id.eq(id))
        .filter(identity_review::Column::ResolvedAt.is_null())
        .exec(db)
        .await?;
    Ok(Some(item.kind))
}

/// Open review items, oldest first (the network office's queue).
pub async fn open_reviews(db: &impl ConnectionTrait) -> Result<Vec<identity_review::Model>, StoreError> {
    Ok(identity_review::Entity::find()
        .filter(identity_review::Column::ResolvedAt.is_null())
        .order_by_asc(identity_review::Column::CreatedAt)
        .all(db)
        .await?)
}

/// Writes a person's corrected details (reception's corrections of a paper entry).
pub async fn update_person(db: &impl ConnectionTrait, m: resident::Model) -> Result<(), StoreError> {
    use sea_orm::ActiveModelTrait;
    let row = resident::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(m.id),
        registration_number: sea_orm::ActiveValue::Unchanged(m.registration_number),
        name: Set(m.name),
        name_kana: Set(m.name_kana),
        kana_key: Set(m.kana_key),
        birth_date: Set(m.birth_date),
        sex: Set(m.sex),
        phone: Set(m.phone),
        email: Set(m.email),
        email_verified_at: Set(m.email_verified_at),
        entry_point_id: sea_orm::ActiveValue::Unchanged(m.entry_point_id),
        channel: sea_orm::ActiveValue::Unchanged(m.channel),
        created_at: sea_orm::ActiveValue::Unchanged(m.created_at),
        address: Set(m.address),
        care_insurance_number: Set(m.care_insurance_number),
    };
    row.update(db).await?;
    Ok(())
}

/// Writes corrected insurance details.
pub async fn update_insurance(db: &impl ConnectionTrait, m: resident_insurance::Model) -> Result<(), StoreError> {
    use sea_orm::ActiveModelTrait;
    let row = resident_insurance::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(m.id),
        resident_id: sea_orm::ActiveValue::Unchanged(m.resident_id),
        document: Set(m.document),
        insurer_number: Set(m.insurer_number),
        symbol: Set(m.symbol),
        number: Set(m.number),
        branch: Set(m.branch),
        created_at: sea_orm::ActiveValue::Unchanged(m.created_at),
        valid_from: sea_orm::ActiveValue::Unchanged(m.valid_from),
        valid_to: sea_orm::ActiveValue::Unchanged(m.valid_to),
        added_by_kind: sea_orm::ActiveValue::Unchanged(m.added_by_kind),
        added_by_id: sea_orm::ActiveValue::Unchanged(m.added_by_id),
        added_at_facility: sea_orm::ActiveValue::Unchanged(m.added_at_facility),
    };
    row.update(db).await?;
    Ok(())
}

/// The version of what a person's summary is made from: it changes, in the
/// writing transaction, with every change to their records, visits,
/// emergency contact, hidden records, consents, name or birth date (the
/// triggers of migration 13). `None` for nobody.
pub async fn record_version(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<i64>, StoreError> {
    Ok(resident::Entity::find_by_id(id)
        .select_only()
        .column_as(Expr::cust("record_version"), "record_version")
        .into_tuple::<i64>()
        .one(db)
        .await?)
}

/// People born between `from` and `to` (both included) who were not sent
/// the reminder `kind`, oldest first.
pub async fn born_between_unreminded(
    db: &impl ConnectionTrait,
    from: NaiveDate,
    to: NaiveDate,
    kind: &str,
) -> Result<Vec<resident::Model>, StoreError> {
    use super::entity::person_reminder;
    use sea_orm::sea_query::Query;
    let reminded = Query::select()
        .column(person_reminder::Column::ResidentId)
        .from(person_reminder::Entity)
        .and_where(person_reminder::Column::Kind.eq(kind))
        .to_owned();
    Ok(resident::Entity::find()
        .filter(resident::Column::BirthDate.between(from, to))
        .filter(resident::Column::Id.not_in_subquery(reminded))
        .order_by_asc(resident::Column::BirthDate)
        .order_by_asc(resident::Column::Id)
        .all(db)
        .await?)
}

/// Records that a reminder was sent (once per person and kind).
pub async fn insert_reminder(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    kind: &str,
    due_on: NaiveDate,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    use super::entity::person_reminder;
    let row = person_reminder::ActiveModel {
        resident_id: Set(resident_id),
        kind: Set(kind.to_owned()),
        due_on: Set(due_on),
        sent_at: Set(at),
    };
    person_reminder::Entity::insert(row).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}
