//! A person's consents over time: withdrawal, re-consent to newer document
//! versions, the history, correction requests, the erasure of medical data,
//! and the counts operators see.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, LockType};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::StoreError;
use super::entity::{
    allergy, audit_log, consent, consent_renewal, correction_request, facility_visit, medication, record_revision,
    resident,
};

/// Serialises changes to one person's consents until the transaction ends
/// (PostgreSQL: the resident's row, locked FOR NO KEY UPDATE; SQLite's
/// writers are serial already). Withdrawals, joins and re-consents all take
/// it first, so two at once are applied one after the other, each seeing the
/// other's result. NO KEY UPDATE rather than UPDATE: a facility's submission
/// in flight holds the consent share-locked and then inserts rows that
/// reference the resident (a KEY SHARE lock), which FOR UPDATE would block
/// while this transaction waits for that submission: a deadlock.
pub async fn lock_person(db: &impl ConnectionTrait, resident_id: Uuid) -> Result<(), StoreError> {
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        resident::Entity::find_by_id(resident_id).lock(LockType::NoKeyUpdate).one(db).await?;
    }
    Ok(())
}

/// Every consent the person ever gave, oldest first.
pub async fn all_of(db: &impl ConnectionTrait, resident_id: Uuid) -> Result<Vec<consent::Model>, StoreError> {
    Ok(consent::Entity::find()
        .filter(consent::Column::ResidentId.eq(resident_id))
        .order_by_asc(consent::Column::GivenAt)
        .order_by_asc(consent::Column::Id)
        .all(db)
        .await?)
}

/// Every consent in a network, for the operators' counts.
pub async fn all_in_network(db: &impl ConnectionTrait, network_id: Uuid) -> Result<Vec<consent::Model>, StoreError> {
    Ok(consent::Entity::find()
        .filter(consent::Column::NetworkId.eq(network_id))
        .order_by_asc(consent::Column::GivenAt)
        .all(db)
        .await?)
}

pub struct Withdrawal<'a> {
    pub at: DateTime<Utc>,
    pub by_kind: &'a str,
    pub by_id: Option<Uuid>,
    pub channel: &'a str,
}

/// Ends a consent in force, and with it every facility's care relationship
/// with the person (a facility needs a new one, made under a consent given
/// later, to look again). False when it had already ended.
pub async fn withdraw(db: &impl ConnectionTrait, consent_id: Uuid, w: Withdrawal<'_>) -> Result<bool, StoreError> {
    let res = consent::Entity::update_many()
        .col_expr(consent::Column::WithdrawnAt, Expr::value(w.at))
        .col_expr(consent::Column::WithdrawnByKind, Expr::value(w.by_kind))
        .col_expr(consent::Column::WithdrawnById, Expr::value(w.by_id))
        .col_expr(consent::Column::WithdrawnChannel, Expr::value(w.channel))
        .filter(consent::Column::Id.eq(consent_id))
        .filter(consent::Column::WithdrawnAt.is_null())
        .exec(db)
        .await?;
    if res.rows_affected == 1
        && let Some(c) = consent::Entity::find_by_id(consent_id).one(db).await?
    {
        super::looking::end_without_consent(db, c.resident_id, "withdrawal", w.at).await?;
    }
    Ok(res.rows_affected == 1)
}

pub async fn insert_renewal(db: &impl ConnectionTrait, m: consent_renewal::Model) -> Result<(), StoreError> {
    let row = consent_renewal::ActiveModel {
        id: Set(m.id),
        consent_id: Set(m.consent_id),
        document_id: Set(m.document_id),
        version: Set(m.version),
        agreed_at: Set(m.agreed_at),
        by_kind: Set(m.by_kind),
        by_id: Set(m.by_id),
        channel: Set(m.channel),
    };
    consent_renewal::Entity::insert(row).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}

/// The re-consents to the given consents, oldest first.
pub async fn renewals_of(
    db: &impl ConnectionTrait,
    consent_ids: &[Uuid],
) -> Result<Vec<consent_renewal::Model>, StoreError> {
    if consent_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(consent_renewal::Entity::find()
        .filter(consent_renewal::Column::ConsentId.is_in(consent_ids.to_vec()))
        .order_by_asc(consent_renewal::Column::AgreedAt)
        .order_by_asc(consent_renewal::Column::Id)
        .all(db)
        .await?)
}

/// Audit entries that concern a person (`people`: their id and those of
/// records combined into theirs): about them, done on their behalf, or
/// about one of their consents. Oldest first.
pub async fn audit_about(
    db: &impl ConnectionTrait,
    people: &[Uuid],
    consent_ids: &[Uuid],
) -> Result<Vec<audit_log::Model>, StoreError> {
    let mut about = Condition::any()
        .add(
            Condition::all()
                .add(audit_log::Column::SubjectKind.eq("resident"))
                .add(audit_log::Column::SubjectId.is_in(people.iter().map(Uuid::to_string))),
        )
        .add(audit_log::Column::OnBehalfOf.is_in(people.iter().copied()));
    if !consent_ids.is_empty() {
        about = about.add(
            Condition::all()
                .add(audit_log::Column::SubjectKind.eq("consent"))
                .add(audit_log::Column::SubjectId.is_in(consent_ids.iter().map(Uuid::to_string))),
        );
    }
    Ok(audit_log::Entity::find()
        .filter(about)
        .order_by_asc(audit_log::Column::At)
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?)
}

/// Keeps of the given audit entries only what the law requires: when, who,
/// what, about whom and which facility or network. The request id and the
/// structured detail go. The one change the audit log ever sees, made only
/// when a person's medical data is erased at their request.
pub async fn reduce_audit(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<u64, StoreError> {
    if ids.is_empty() {
        return Ok(0);
    }
    let res = audit_log::Entity::update_many()
        .col_expr(audit_log::Column::RequestId, Expr::value(Option::<String>::None))
        .col_expr(audit_log::Column::Detail, Expr::value(Option::<serde_json::Value>::None))
        .filter(audit_log::Column::Id.is_in(ids.to_vec()))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// How many records of each kind were erased.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Erased {
    pub medications: u64,
    pub allergies: u64,
    pub visits: u64,
}

/// Deletes a person's medication and allergy records and the record of
/// which facilities sent them.
pub async fn erase_medical(db: &impl ConnectionTrait, resident_id: Uuid) -> Result<Erased, StoreError> {
    // Earlier versions of the records go with them.
    record_revision::Entity::delete_many().filter(record_revision::Column::ResidentId.eq(resident_id)).exec(db).await?;
    let medications = medication::Entity::delete_many()
        .filter(medication::Column::ResidentId.eq(resident_id))
        .exec(db)
        .await?
        .rows_affected;
    let allergies = allergy::Entity::delete_many()
        .filter(allergy::Column::ResidentId.eq(resident_id))
        .exec(db)
        .await?
        .rows_affected;
    let visits = facility_visit::Entity::delete_many()
        .filter(facility_visit::Column::ResidentId.eq(resident_id))
        .exec(db)
        .await?
        .rows_affected;
    Ok(Erased { medications, allergies, visits })
}

pub async fn insert_correction(db: &impl ConnectionTrait, m: correction_request::Model) -> Result<(), StoreError> {
    let row = correction_request::ActiveModel {
        id: Set(m.id),
        resident_id: Set(m.resident_id),
        text: Set(m.text),
        created_at: Set(m.created_at),
        status: Set(m.status),
        answer: Set(m.answer),
        answered_at: Set(m.answered_at),
        answered_by: Set(m.answered_by),
    };
    correction_request::Entity::insert(row).exec(db).await?;
    Ok(())
}

/// A person's correction requests, newest first.
pub async fn corrections_of(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
) -> Result<Vec<correction_request::Model>, StoreError> {
    Ok(correction_request::Entity::find()
        .filter(correction_request::Column::ResidentId.eq(resident_id))
        .order_by_desc(correction_request::Column::CreatedAt)
        .order_by_desc(correction_request::Column::Id)
        .all(db)
        .await?)
}

/// Correction requests for the office, oldest first; only open ones when asked.
pub async fn corrections(
    db: &impl ConnectionTrait,
    open_only: bool,
) -> Result<Vec<correction_request::Model>, StoreError> {
    let mut q = correction_request::Entity::find();
    if open_only {
        q = q.filter(correction_request::Column::Status.eq("open"));
    }
    Ok(q.order_by_asc(correction_request::Column::CreatedAt)
        .order_by_asc(correction_request::Column::Id)
        .all(db)
        .await?)
}

/// A correction request, locked until the transaction ends on PostgreSQL.
pub async fn lock_correction(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<correction_request::Model>, StoreError> {
    let mut q = correction_request::Entity::find_by_id(id);
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q = q.lock_exclusive();
    }
    Ok(q.one(db).await?)
}

pub async fn answer_correction(
    db: &impl ConnectionTrait,
    id: Uuid,
    status: &str,
    answer: &str,
    by: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    correction_request::Entity::update_many()
        .col_expr(correction_request::Column::Status, Expr::value(status))
        .col_expr(correction_request::Column::Answer, Expr::value(answer))
        .col_expr(correction_request::Column::AnsweredBy, Expr::value(by))
        .col_expr(correction_request::Column::AnsweredAt, Expr::value(at))
        .filter(correction_request::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
