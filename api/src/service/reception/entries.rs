//! The facility's paper entries as reception sees them (its own only, and
//! nothing of anyone's medical data).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use serde_json::json;

use super::{EntryView, entry_view, facility_of};
use crate::context;
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::staff;
use crate::domain::{Invalid, person};
use crate::service::ServiceError;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{paper_entry, resident};
use crate::store::{residents, staff as repo};

/// The facility's entries of a day in Japan (today by default), newest first.
pub async fn entries(
    state: &AppState,
    actor: &Actor,
    day: Option<&str>,
) -> Result<(NaiveDate, Vec<EntryView>), ServiceError> {
    let (_, facility) = facility_of(actor)?;
    let day = match day {
        Some(d) if !d.trim().is_empty() => person::parse_date(d).map_err(|c| Invalid::one("day", c))?,
        _ => crate::domain::japan_time::day(state.clock.now()),
    };
    let db = state.db.reader();
    let from = crate::domain::japan_time::midnight(day);
    let rows = repo::entries_between(db, facility, from, from + chrono::Duration::days(1)).await?;
    let ids: Vec<Uuid> = rows.iter().map(|e| e.id).collect();
    let changes = repo::changes_of(db, &ids).await?;
    let mut out = Vec::new();
    for e in &rows {
        let n = changes.iter().filter(|c| c.entry_id == e.id).count();
        out.push(entry_view(db, e, n, None).await?);
    }
    // The list names people: the read is recorded (with the day and how many).
    let tx = state.db.write().await?;
    let e = AuditEntry::new(actor, AuditAction::PaperEntriesViewed, Channel::Web)
        .facility(facility)
        .request_id(context::request_id())
        .detail(json!({ "day": day, "entries": rows.len() }));
    audit::append(&*tx, e, state.clock.now()).await?;
    tx.commit().await?;
    Ok((day, out))
}

/// One entry with the details as they stand now, and its corrections.
#[derive(Debug, Clone)]
pub struct EntryDetail {
    pub entry: EntryView,
    pub person: resident::Model,
    pub insurance: Option<crate::store::entity::resident_insurance::Model>,
    pub signed_on: NaiveDate,
    pub proxy_name: Option<String>,
    pub proxy_relationship: Option<String>,
    pub proxy_reason: Option<String>,
    /// Newest first: when, by whom, which fields.
    pub changes: Vec<(DateTime<Utc>, String, Vec<String>)>,
}

pub(super) async fn detail(db: &impl ConnectionTrait, e: &paper_entry::Model) -> Result<EntryDetail, ServiceError> {
    let changes = repo::changes_of(db, &[e.id]).await?;
    let mut list = Vec::new();
    for c in &changes {
        let by = repo::find_staff(db, c.staff_id).await?.map(|s| s.name).unwrap_or_default();
        let fields: Vec<String> = serde_json::from_str(&c.fields).unwrap_or_default();
        list.push((c.at, by, fields));
    }
    let person = residents::find(db, e.resident_id).await?.ok_or(ServiceError::NotFound)?;
    // The insurance the form gave (the first; any added later is not the form's).
    let insurance = residents::insurance_of(db, e.resident_id).await?.into_iter().next();
    Ok(EntryDetail {
        entry: entry_view(db, e, changes.len(), None).await?,
        person,
        insurance,
        signed_on: e.signed_on,
        proxy_name: e.proxy_name.clone(),
        proxy_relationship: e.proxy_relationship.clone(),
        proxy_reason: e.proxy_reason.clone(),
        changes: list,
    })
}

/// What reception is shown of an entry: for a registration it entered, the
/// details with the insurance and 介護保険 numbers and the address partly
/// hidden (a correction retypes them whole); for a withdrawal, only who it
/// was, never the person's other details.
pub(super) fn shown(mut d: EntryDetail) -> EntryDetail {
    if d.entry.kind == staff::EntryKind::Registration.as_str() {
        if let Some(i) = d.insurance.as_mut() {
            i.number = staff::mask_tail(&i.number, 2);
        }
        d.person.care_insurance_number = d.person.care_insurance_number.as_deref().map(|c| staff::mask_tail(c, 2));
        d.person.email = d.person.email.as_deref().map(crate::domain::mail::mask_address);
    } else {
        d.insurance = None;
        d.person.phone = None;
        d.person.email = None;
        d.person.address = None;
        d.person.care_insurance_number = None;
    }
    d
}

pub(super) async fn own_entry(
    db: &impl ConnectionTrait,
    facility: Uuid,
    id: &str,
) -> Result<paper_entry::Model, ServiceError> {
    let id = Uuid::parse_str(id).map_err(|_| ServiceError::NotFound)?;
    repo::entry_of(db, facility, id).await?.ok_or(ServiceError::NotFound)
}

pub async fn entry(state: &AppState, actor: &Actor, id: &str) -> Result<EntryDetail, ServiceError> {
    let (_, facility) = facility_of(actor)?;
    let db = state.db.reader();
    let e = own_entry(db, facility, id).await?;
    let d = shown(detail(db, &e).await?);
    // One person's details: in their access record.
    let tx = state.db.write().await?;
    let mut a = AuditEntry::new(actor, AuditAction::PaperEntriesViewed, Channel::Web)
        .subject(SubjectKind::PaperEntry, e.id)
        .facility(facility)
        .request_id(context::request_id());
    a.on_behalf_of = Some(e.resident_id);
    audit::append(&*tx, a, state.clock.now()).await?;
    tx.commit().await?;
    Ok(d)
}
