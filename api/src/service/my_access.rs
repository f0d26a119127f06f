//! What a person sees and decides about facilities looking at their record:
//! the record of every look and read by others (`/me/access`), the
//! facilities that may look and ending that, their registration QR, and
//! whether their proxies are mailed about looks.
//!
//! Staff members are shown by facility and profession, not by name: that is
//! what a person needs to recognise a look or question it, and what the
//! networks' residents are told they can see (which facility, when). The
//! name is the staff member's own personal data; the audit log keeps it, and
//! the network office gives it to a person who questions a look.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use uuid::Uuid;

use super::{ServiceError, resident_of};
use crate::context;
use crate::domain::access::{Operation, require, sees_access_traces};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::looking::PersonQr;
use crate::domain::public_id::PublicId;
use crate::domain::registration::NUMBER_LEN;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{audit_log, emergency_access, facility, registration_qr};
use crate::store::{looking as repo, medical, residents};

/// How many entries a page of the access record holds, at most.
pub const PAGE_MAX: u64 = 50;

/// A facility as the person reads its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacilityName {
    pub name: String,
    pub name_en: Option<String>,
}

fn facility_name(f: &facility::Model) -> FacilityName {
    FacilityName { name: f.name.clone(), name_en: f.name_en.clone() }
}

/// An emergency access as the person sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmergencyView {
    pub reason: String,
    pub until: DateTime<Utc>,
    /// The network office's review: `appropriate`, `inappropriate`, or none yet.
    pub review_outcome: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
}

/// One entry of the access record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessItem {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub action: String,
    /// resident, proxy, staff, facility_system, operator or system.
    pub actor_kind: String,
    /// The profession of the staff member (for a facility's system, of the
    /// staff member it asked for).
    pub role: Option<String>,
    pub facility: Option<FacilityName>,
    /// The proxy's name, for a proxy's read (the person sees who; a proxy
    /// sees their own and other proxies' reads only as "a proxy").
    pub proxy_name: Option<String>,
    /// What was shown (for a look), by part name.
    pub parts: Vec<String>,
    pub emergency: Option<EmergencyView>,
    /// For a refused look: nothing was shown.
    pub refused: bool,
    pub channel: String,
    /// Covered by the service's last walk of the audit log's chain, which
    /// found it intact.
    pub verified: bool,
}

#[derive(Debug, Clone)]
pub struct AccessPage {
    pub items: Vec<AccessItem>,
    /// The service's last walk of the audit log's chain: when, and whether
    /// it found it intact (none yet just after start).
    pub checked: Option<(DateTime<Utc>, bool)>,
    /// The id to ask `before` for the next (older) page, if there is one.
    pub next: Option<Uuid>,
}

fn detail_str<'a>(d: Option<&'a Value>, key: &str) -> Option<&'a str> {
    d.and_then(|d| d.get(key)).and_then(Value::as_str)
}

/// A page of the record of who looked at and read the person's data, newest
/// first, before the entry `before` (the first page without it). Reading it
/// is recorded too (for a proxy's read; the person's own reads are in their
/// data download).
pub async fn access_record(
    state: &AppState,
    actor: &Actor,
    before: Option<Uuid>,
    limit: u64,
) -> Result<AccessPage, ServiceError> {
    let resident = resident_of(actor, Operation::ReadOwnAccessRecord)?;
    let limit = limit.clamp(1, PAGE_MAX);
    let now = state.clock.now();
    let db = state.db.reader();
    let for_person = sees_access_traces(actor);
    let actions: Vec<&str> = crate::domain::audit::ACCESS_RECORD
        .iter()
        .filter(|a| for_person || **a != AuditAction::MedicalDataReceived)
        .map(|a| a.as_str())
        .collect();
    // A proxy is shown nothing about a facility that sent a record the
    // person hides from them.
    let hidden_facilities = if for_person { HashSet::new() } else { hidden_facilities(db, resident).await? };
    let people = crate::store::merge::ids_of(db, resident).await?;
    let rows = audit::about_person_page(db, &people, &actions, &hidden_facilities, before, limit + 1).await?;
    let next = (rows.len() as u64 > limit).then(|| rows[limit as usize - 1].id);
    let rows: Vec<audit_log::Model> = rows.into_iter().take(limit as usize).collect();
    let mut items = describe(db, resident, actor, rows).await?;
    let last = state.audit.last();
    let ids: Vec<Uuid> = items.iter().map(|i| i.id).collect();
    let verified = super::audit_verify::verified_entries(db, last.as_deref(), &ids).await?;
    for item in &mut items {
        item.verified = verified.contains(&item.id);
    }

    let tx = state.db.write().await?;
    let mut e = AuditEntry::new(actor, AuditAction::AccessRecordViewed, Channel::Web)
        .subject(SubjectKind::Resident, resident)
        .request_id(context::request_id());
    e.on_behalf_of = Some(resident);
    audit::append(&*tx, e, now).await?;
    tx.commit().await?;
    Ok(AccessPage { items, checked: last.map(|l| (l.at, l.intact)), next })
}

/// The facilities that sent any record the person hides from proxies.
pub(crate) async fn hidden_facilities(
    db: &impl ConnectionTrait,
    resident: Uuid,
) -> Result<HashSet<Uuid>, ServiceError> {
    Ok(crate::store::proxies::hidden_facilities_of(db, resident).await?)
}

pub(crate) async fn describe(
    db: &impl ConnectionTrait,
    resident: Uuid,
    actor: &Actor,
    rows: Vec<audit_log::Model>,
) -> Result<Vec<AccessItem>, ServiceError> {
    let facilities = medical::facility_names(db, rows.iter().filter_map(|e| e.facility_id)).await?;
    // The profession of each staff member named (never their name).
    let staff_ids: HashSet<Uuid> = rows
        .iter()
        .flat_map(|e| {
            let by = (e.actor_kind == "staff").then_some(e.actor_id.as_deref()).flatten();
            [by, detail_str(e.detail.as_ref(), "staff")]
        })
        .flatten()
        .filter_map(|s| Uuid::parse_str(s).ok())
        .collect();
    let mut roles: HashMap<Uuid, String> = HashMap::new();
    for id in staff_ids {
        if let Some(s) = crate::store::staff::find_staff(db, id).await? {
            roles.insert(id, s.role);
        }
    }
    let emergencies: HashMap<Uuid, emergency_access::Model> =
        repo::emergencies_of(db, resident).await?.into_iter().map(|e| (e.id, e)).collect();
    let for_person = sees_access_traces(actor);
    let mut proxy_names: HashMap<String, String> = HashMap::new();
    if for_person {
        for e in rows.iter().filter(|e| e.actor_kind == "proxy") {
            if let Some(id) = e.actor_id.as_deref().and_then(|s| Uuid::parse_str(s).ok())
                && let Some(p) = residents::find(db, id).await?
            {
                proxy_names.insert(id.to_string(), p.name);
            }
        }
    }
    Ok(rows
        .into_iter()
        .map(|e| {
            let d = e.detail.as_ref();
            let staff = detail_str(d, "staff")
                .or((e.actor_kind == "staff").then_some(e.actor_id.as_deref()).flatten())
                .and_then(|s| Uuid::parse_str(s).ok());
            let emergency = detail_str(d, "emergencyAccess")
                .and_then(|s| Uuid::parse_str(s).ok())
                .and_then(|id| emergencies.get(&id))
                .map(|m| EmergencyView {
                    reason: m.reason.clone(),
                    until: m.until,
                    review_outcome: m.review_outcome.clone(),
                    reviewed_at: m.reviewed_at,
                });
            AccessItem {
                id: e.id,
                at: e.at,
                role: detail_str(d, "role").map(str::to_owned).or_else(|| staff.and_then(|s| roles.get(&s).cloned())),
                facility: e.facility_id.and_then(|f| facilities.get(&f)).map(facility_name),
                proxy_name: e.actor_id.as_ref().and_then(|id| proxy_names.get(id).cloned()),
                parts: detail_str(d, "parts")
                    .map(|p| p.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect())
                    .unwrap_or_default(),
                refused: e.action == AuditAction::SharedRecordRefused.as_str(),
                emergency,
                action: e.action,
                actor_kind: e.actor_kind,
                channel: e.channel,
                verified: false,
            }
        })
        .collect())
}

/// A facility that may look at the person's record.
#[derive(Debug, Clone)]
pub struct RelationshipView {
    /// The relationship's id, or the emergency access's.
    pub id: Uuid,
    pub facility: FacilityName,
    /// sent_data, presented_at_desk, showed_qr, or emergency_access.
    pub basis: String,
    pub started_at: DateTime<Utc>,
    pub first_viewed_at: Option<DateTime<Utc>>,
    /// For an emergency access: until when.
    pub until: Option<DateTime<Utc>>,
}

/// What `emergency_access` is called among the bases of a relationship.
pub const EMERGENCY_BASIS: &str = "emergency_access";

/// The facilities that may look at the person's record now (their live care
/// relationships and emergency accesses), newest first. A proxy is not
/// shown a facility whose record the person hides from them.
pub async fn relationships(state: &AppState, actor: &Actor) -> Result<Vec<RelationshipView>, ServiceError> {
    let resident = resident_of(actor, Operation::ManageOwnCareRelationships)?;
    let db = state.db.reader();
    let now = state.clock.now();
    let hidden = if sees_access_traces(actor) { HashSet::new() } else { hidden_facilities(db, resident).await? };
    let live: Vec<_> = repo::relationships_of(db, resident)
        .await?
        .into_iter()
        .filter(|r| r.ended_at.is_none() && !hidden.contains(&r.facility_id))
        .collect();
    // An emergency access counts only under a consent in force (as for a look).
    let given: Vec<DateTime<Utc>> =
        residents::current_consents(db, resident).await?.into_iter().map(|c| c.given_at).collect();
    let emergencies: Vec<_> = repo::emergencies_of(db, resident)
        .await?
        .into_iter()
        .filter(|e| e.until > now && !hidden.contains(&e.facility_id))
        .filter(|e| crate::domain::looking::began_under_consent(e.opened_at, &given))
        .collect();
    let names = medical::facility_names(
        db,
        live.iter().map(|r| r.facility_id).chain(emergencies.iter().map(|e| e.facility_id)),
    )
    .await?;
    let mut out: Vec<RelationshipView> = live
        .into_iter()
        .filter_map(|r| {
            Some(RelationshipView {
                id: r.id,
                facility: facility_name(names.get(&r.facility_id)?),
                basis: r.basis,
                started_at: r.started_at,
                first_viewed_at: r.first_viewed_at,
                until: None,
            })
        })
        .chain(emergencies.into_iter().filter_map(|e| {
            Some(RelationshipView {
                id: e.id,
                facility: facility_name(names.get(&e.facility_id)?),
                basis: EMERGENCY_BASIS.to_owned(),
                started_at: e.opened_at,
                first_viewed_at: None,
                until: Some(e.until),
            })
        }))
        .collect();
    out.sort_by(|a, b| b.started_at.cmp(&a.started_at).then(b.id.cmp(&a.id)));
    Ok(out)
}

/// Stops a facility looking: ends its care relationship (or emergency
/// access; either way both), and makes the person a new registration QR,
/// since the facility may have kept the old one's text. It sees nothing
/// more, except in a new emergency, until the person shows it their new QR
/// (its reception or its sending data no longer start a relationship).
pub async fn end_relationship(state: &AppState, actor: &Actor, id: Uuid) -> Result<(), ServiceError> {
    let resident = resident_of(actor, Operation::ManageOwnCareRelationships)?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let hidden = if sees_access_traces(actor) { HashSet::new() } else { hidden_facilities(&*tx, resident).await? };
    let relationship =
        repo::relationships_of(&*tx, resident).await?.into_iter().find(|r| r.id == id && r.ended_at.is_none());
    let emergency = repo::emergencies_of(&*tx, resident).await?.into_iter().find(|e| e.id == id && e.until > now);
    let (facility, basis) = match (&relationship, &emergency) {
        (Some(r), _) => (r.facility_id, r.basis.clone()),
        (None, Some(e)) => (e.facility_id, EMERGENCY_BASIS.to_owned()),
        (None, None) => return Err(ServiceError::NotFound),
    };
    if hidden.contains(&facility) {
        return Err(ServiceError::NotFound);
    }
    let by = match actor {
        Actor::Proxy { id, .. } => crate::domain::looking::ended_by_proxy(id),
        _ => crate::domain::looking::ENDED_BY_PERSON.to_owned(),
    };
    let ended = repo::end_relationship(&*tx, resident, facility, &by, now).await?;
    let closed = repo::close_emergencies(&*tx, resident, facility, now).await?;
    if !ended && let Some(e) = &emergency {
        // No relationship to mark as ended by the person: remember it for
        // the rule that only the QR starts a new one.
        repo::note_ended_by_person(&*tx, resident, e.facility_id, &by, now).await?;
    }
    // A person who never showed a QR has none for the facility to have kept.
    let renewed = repo::qr_of(&*tx, resident).await?.is_some();
    if renewed {
        renew(&*tx, resident, now).await?;
    }
    let mut e = AuditEntry::new(actor, AuditAction::CareRelationshipEnded, Channel::Web)
        .subject(SubjectKind::Resident, resident)
        .facility(facility)
        .request_id(context::request_id())
        .detail(json!({ "basis": basis, "emergencyAccessesClosed": closed, "qrRenewed": renewed }));
    e.on_behalf_of = Some(resident);
    audit::append(&*tx, e, now).await?;
    // A proxy's stop renews the person's QR: the person is told (their
    // printed card no longer works).
    let mut mailed = false;
    if let Actor::Proxy { id: proxy_id, .. } = actor
        && let Some(person) = residents::find(&*tx, resident).await?
        && let Some(to) = &person.email
    {
        let proxy_name = residents::find(&*tx, *proxy_id).await?.map(|p| p.name).unwrap_or_default();
        super::notices::stopped_by_proxy(&*tx, state, to, &proxy_name, renewed, now).await?;
        mailed = true;
    }
    tx.commit().await?;
    if mailed {
        state.mail.wake();
    }
    Ok(())
}

/// The person's registration QR, made the first time it is asked for.
#[derive(Debug, Clone)]
pub struct QrView {
    pub qr: PersonQr,
    pub issued_at: DateTime<Utc>,
}

/// The person's registration QR (made now if they have none).
pub async fn registration_qr(state: &AppState, actor: &Actor) -> Result<QrView, ServiceError> {
    let resident = resident_of(actor, Operation::ManageOwnCareRelationships)?;
    if let Some(v) = stored_qr(state.db.reader(), resident).await? {
        return Ok(v);
    }
    issue(state, actor, resident, false).await
}

/// A new registration QR: the old one no longer works (for a lost card, or
/// one shown to someone it should not have been).
pub async fn new_registration_qr(state: &AppState, actor: &Actor) -> Result<QrView, ServiceError> {
    let resident = resident_of(actor, Operation::ManageOwnCareRelationships)?;
    issue(state, actor, resident, true).await
}

fn internal(what: &str) -> ServiceError {
    ServiceError::Internal(format!("a stored {what} does not parse"))
}

async fn number_of(db: &impl ConnectionTrait, resident: Uuid) -> Result<PublicId, ServiceError> {
    let person = residents::find(db, resident).await?.ok_or(ServiceError::NotFound)?;
    PublicId::parse(&person.registration_number, NUMBER_LEN).map_err(|_| internal("registration number"))
}

async fn stored_qr(db: &impl ConnectionTrait, resident: Uuid) -> Result<Option<QrView>, ServiceError> {
    let Some(q) = repo::qr_of(db, resident).await? else { return Ok(None) };
    let secret =
        PublicId::parse(&q.secret, crate::domain::looking::QR_SECRET_LEN).map_err(|_| internal("QR secret"))?;
    Ok(Some(QrView { qr: PersonQr { number: number_of(db, resident).await?, secret }, issued_at: q.issued_at }))
}

/// Writes a new QR secret for the person (the old one stops working).
async fn renew(db: &impl ConnectionTrait, resident: Uuid, now: DateTime<Utc>) -> Result<PersonQr, ServiceError> {
    let qr = PersonQr::generate(number_of(db, resident).await?, &mut rand::rng());
    let row = registration_qr::Model { resident_id: resident, secret: qr.secret.as_str().to_owned(), issued_at: now };
    repo::put_qr(db, row).await?;
    Ok(qr)
}

async fn issue(state: &AppState, actor: &Actor, resident: Uuid, replace: bool) -> Result<QrView, ServiceError> {
    let now = state.clock.now();
    let tx = state.db.write().await?;
    // Two first reads at once: the one that wrote first wins, the other reads it.
    if !replace && let Some(v) = stored_qr(&*tx, resident).await? {
        tx.commit().await?;
        return Ok(v);
    }
    let qr = renew(&*tx, resident, now).await?;
    let mut e = AuditEntry::new(actor, AuditAction::RegistrationQrIssued, Channel::Web)
        .subject(SubjectKind::Resident, resident)
        .request_id(context::request_id())
        .detail(json!({ "replaced": replace }));
    e.on_behalf_of = Some(resident);
    audit::append(&*tx, e, now).await?;
    tx.commit().await?;
    Ok(QrView { qr, issued_at: now })
}

/// Whether the person's manage-level proxies are mailed about looks.
pub async fn alerts_to_proxies(state: &AppState, actor: &Actor) -> Result<bool, ServiceError> {
    require(actor, Operation::ManageOwnProxies)?;
    let Actor::Resident { id } = *actor else { return Err(ServiceError::NotFound) };
    Ok(repo::alerts_to_proxies(state.db.reader(), id).await?)
}

/// The person chooses whether their manage-level proxies are mailed when a
/// facility looks (they are always mailed themselves).
pub async fn set_alerts_to_proxies(state: &AppState, actor: &Actor, on: bool) -> Result<(), ServiceError> {
    require(actor, Operation::ManageOwnProxies)?;
    let Actor::Resident { id } = *actor else { return Err(ServiceError::NotFound) };
    let now = state.clock.now();
    let tx = state.db.write().await?;
    repo::set_alerts_to_proxies(&*tx, id, on, now).await?;
    let e = AuditEntry::new(actor, AuditAction::AccessAlertsChanged, Channel::Web)
        .subject(SubjectKind::Resident, id)
        .request_id(context::request_id())
        .detail(json!({ "toProxies": on }));
    audit::append(&*tx, e, now).await?;
    tx.commit().await?;
    Ok(())
}
