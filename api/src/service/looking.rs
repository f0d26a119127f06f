//! A facility's clinical staff open a resident's shared record, as
//! `domain::looking` allows: every look, shown or refused, is in the audit
//! log with the person as its subject, and a refusal answers exactly as an
//! unknown person does (no oracle), counted against the staff member.
//!
//! The person is found by registration number, by their registration QR
//! (showing it starts a care relationship with the facility), or by their
//! insurance card and birth date as the desk has them. A staff member may
//! also open an emergency access, with a reason, which the person (and their
//! manage-level proxies) are mailed about at once.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::ServiceError;
use super::common::codes::check_rate;
use super::common::people;
use super::notices::{self, Look};
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::identity::InsuranceKey;
use crate::domain::insurance::InsuranceId;
use crate::domain::looking::{self, Basis, EmergencyReason, Part, Parts, PersonQr, Situation, Start};
use crate::domain::public_id::PublicId;
use crate::domain::registration::NUMBER_LEN;
use crate::domain::staff::Role;
use crate::domain::{Invalid, Validator, rate};
use crate::service::summaries::{AllergyEntry, CurrentMedicine, Medicine};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{emergency_access, emergency_contact, resident};
use crate::store::{looking as repo, medical, proxies, residents};

/// How the person is named.
#[derive(Debug, Clone, Copy)]
pub enum Who<'a> {
    /// Their registration number (on their mails, card and forms).
    Number(&'a str),
    /// What their registration QR holds, scanned or typed.
    Qr(&'a str),
    /// Their insurance card and birth date, as the desk has them.
    Card { insurer: &'a str, symbol: &'a str, number: &'a str, branch: Option<&'a str>, birth_date: &'a str },
}

impl Who<'_> {
    pub(crate) fn as_str(&self) -> &'static str {
        match self {
            Self::Number(_) => "number",
            Self::Qr(_) => "qr",
            Self::Card { .. } => "card",
        }
    }
}

/// The person a [`Who`] names, and whether they showed their own QR.
pub(crate) struct Found {
    pub(crate) person: Option<resident::Model>,
    pub(crate) showed_qr: bool,
}

/// Finds the person, with the same reads whether or not anyone matches (a
/// nil id finds nothing), so that the time of the answer tells nothing.
pub(crate) async fn find(db: &impl ConnectionTrait, who: Who<'_>, today: NaiveDate) -> Result<Found, ServiceError> {
    match who {
        Who::Number(n) => {
            let n = PublicId::parse(n, NUMBER_LEN).map_err(|c| Invalid::one("registrationNumber", c))?;
            Ok(Found { person: residents::find_by_number(db, n.as_str()).await?, showed_qr: false })
        }
        Who::Qr(code) => {
            let qr = PersonQr::parse(code).map_err(|c| Invalid::one("qrCode", c))?;
            let person = residents::find_by_number(db, qr.number.as_str()).await?;
            let stored = repo::qr_of(db, person.as_ref().map_or(Uuid::nil(), |p| p.id)).await?;
            let matches = stored.is_some_and(|s| qr.secret_is(&s.secret));
            Ok(Found { person: person.filter(|_| matches), showed_qr: matches })
        }
        Who::Card { insurer, symbol, number, branch, birth_date } => {
            let mut v = Validator::new();
            let card = v.merge(InsuranceId::parse(insurer, symbol, number, branch));
            let born = v.check("birthDate", crate::domain::person::parse_birth_date(birth_date, today));
            v.finish()?;
            let (Some(card), Some(born)) = (card, born) else { return Err(Invalid::default().into()) };
            let person = match people::by_insurance(db, &InsuranceKey::from(&card), Some(born), Some(today)).await? {
                Ok(p) => p.filter(|p| p.birth_date == born),
                Err(people::TwoPeople(_)) => None,
            };
            Ok(Found { person, showed_qr: false })
        }
    }
}

/// Who is looking: a staff member at the console, or their facility's
/// system on their behalf.
#[derive(Debug, Clone)]
pub struct Reader {
    /// For the audit log: the staff member, or the facility's system.
    pub actor: Actor,
    pub staff_id: Uuid,
    pub facility_id: Uuid,
    pub role: Role,
    pub channel: Channel,
    /// Whose failed look-ups these count against: the staff member at the
    /// console; a facility's key with the staff member named for its system
    /// (so that a faulty chart integration locks out neither the
    /// clinician's console nor the facility's other clinicians; the office
    /// is shown a facility's refusals summed).
    pub rate_key: String,
}

impl Reader {
    /// A staff member signed in at the console. Reception and
    /// administrators are refused, and the attempt is in the audit log.
    pub async fn staff(state: &AppState, actor: &Actor) -> Result<Self, ServiceError> {
        if let Err(denied) = require(actor, Operation::LookAtSharedRecords) {
            if let Actor::Staff { id, facility_id, .. } = *actor {
                let tx = state.db.write().await?;
                let e = AuditEntry::new(actor, AuditAction::SharedRecordRefused, Channel::Web)
                    .facility(facility_id)
                    .request_id(context::request_id())
                    .detail(json!({ "reason": looking::Refused::NotClinical.as_str(), "staff": id }));
                audit::append(&*tx, e, state.clock.now()).await?;
                tx.commit().await?;
            }
            return Err(denied.into());
        }
        match *actor {
            Actor::Staff { id, facility_id, role } => Ok(Self {
                actor: actor.clone(),
                staff_id: id,
                facility_id,
                role,
                channel: Channel::Web,
                rate_key: format!("staff:{id}"),
            }),
            _ => Err(ServiceError::NotFound),
        }
    }

    /// A facility's system asking on behalf of one of its staff members,
    /// named by their staff id: only an enrolled, active clinical staff
    /// member of that facility. Anyone else is refused, and the attempt is
    /// in the audit log.
    pub async fn on_behalf_of(state: &AppState, actor: &Actor, staff: &str) -> Result<Self, ServiceError> {
        require(actor, Operation::LookOnBehalfOfStaff)?;
        let Actor::FacilitySystem { facility_id, key_id } = *actor else { return Err(ServiceError::NotFound) };
        let db = state.db.reader();
        let member = match Uuid::parse_str(staff.trim()) {
            Ok(id) => crate::store::staff::find_staff(db, id).await?,
            Err(_) => None,
        };
        let enrolled = match &member {
            Some(m) => !crate::store::staff::passkeys_of(db, m.id).await?.is_empty(),
            None => false,
        };
        let role = member.as_ref().and_then(|m| Role::parse(&m.role).ok());
        match (member, role) {
            (Some(m), Some(role))
                if m.facility_id == facility_id && m.disabled_at.is_none() && enrolled && looking::clinical(role) =>
            {
                Ok(Self {
                    actor: actor.clone(),
                    staff_id: m.id,
                    facility_id,
                    role,
                    channel: Channel::Api,
                    rate_key: format!("facility_key:{key_id}:{}", m.id),
                })
            }
            _ => {
                let now = state.clock.now();
                let tx = state.db.write().await?;
                let e = AuditEntry::new(actor, AuditAction::SharedRecordRefused, Channel::Api)
                    .facility(facility_id)
                    .request_id(context::request_id())
                    .detail(json!({ "reason": "staff_not_recognised" }));
                audit::append(&*tx, e, now).await?;
                tx.commit().await?;
                Err(ServiceError::StaffNotRecognised)
            }
        }
    }

    /// An entry of this reader's (each names the staff member in its detail,
    /// which a facility system's entry needs: the key is its actor).
    fn entry(&self, action: AuditAction) -> AuditEntry {
        AuditEntry::new(&self.actor, action, self.channel).facility(self.facility_id).request_id(context::request_id())
    }
}

/// What a staff member sees of a person: who it is, and the parts their
/// profession sees (a part not shown is `None`, never an empty list).
#[derive(Debug, Clone)]
pub struct RecordView {
    pub resident_id: Uuid,
    pub registration_number: String,
    pub name: String,
    pub name_kana: String,
    pub birth_date: NaiveDate,
    pub sex: String,
    pub parts: Parts,
    /// Shown only because of an emergency access, until then.
    pub emergency_until: Option<DateTime<Utc>>,
    /// Data from this day on is shared (the earliest consent in force that
    /// this facility's networks share).
    pub shared_since: DateTime<Utc>,
    pub current: Option<Vec<CurrentMedicine>>,
    /// The newest entries of the history.
    pub history: Option<Vec<Medicine>>,
    pub allergies: Option<Vec<AllergyEntry>>,
    pub contraindications: Option<Vec<AllergyEntry>>,
    pub emergency_contact: Option<Option<emergency_contact::Model>>,
    pub as_of: DateTime<Utc>,
    /// Every record the parts shown take in (the whole history, not only
    /// its newest entries), for a facility system's Bundle.
    pub record_ids: HashSet<Uuid>,
}

/// An emergency access asked for: its reason and note (already checked).
#[derive(Debug, Clone)]
pub struct Emergency {
    pub reason: EmergencyReason,
    pub note: Option<String>,
}

impl Emergency {
    pub fn parse(reason: &str, note: Option<&str>) -> Result<Self, Invalid> {
        let reason = EmergencyReason::parse(reason).map_err(|c| Invalid::one("reason", c))?;
        let note = looking::parse_reason_note(reason, note).map_err(|c| Invalid::one("note", c))?;
        Ok(Self { reason, note })
    }
}

/// Opens the record of the person named, for a clinical staff member of a
/// facility that may look at it now.
pub async fn look(state: &AppState, reader: &Reader, who: Who<'_>) -> Result<RecordView, ServiceError> {
    open(state, reader, who, None).await
}

/// Opens an emergency access to the person's record (or uses the live one
/// the facility holds) and shows it; the person and their manage-level
/// proxies are mailed.
pub async fn look_in_emergency(
    state: &AppState,
    reader: &Reader,
    who: Who<'_>,
    emergency: Emergency,
) -> Result<RecordView, ServiceError> {
    open(state, reader, who, Some(emergency)).await
}

async fn open(
    state: &AppState,
    reader: &Reader,
    who: Who<'_>,
    emergency: Option<Emergency>,
) -> Result<RecordView, ServiceError> {
    let now = state.clock.now();
    let today = crate::domain::japan_time::day(now);
    let (facility_id, role) = (reader.facility_id, reader.role);
    let key = reader.rate_key.clone();
    let by = format!("staff:{}", reader.staff_id);
    let tx = state.db.write().await?;
    check_rate(&*tx, rate::FAILED_LOOKUPS_PER_STAFF, &key, now).await?;
    let found = find(&*tx, who, today).await?;
    let id = found.person.as_ref().map_or(Uuid::nil(), |p| p.id);
    let networks = medical::networks_of_facility(&*tx, facility_id).await?;
    let shared = medical::current_consents(&*tx, id, &networks).await?;
    let given: Vec<DateTime<Utc>> = shared.iter().map(|c| c.given_at).collect();
    let consent_shared = !shared.is_empty();
    let mut mails = false;

    if let Some(person) = &found.person
        && found.showed_qr
        && consent_shared
        && looking::clinical(role)
        && repo::start_relationship(&*tx, person.id, facility_id, Basis::ShowedQr, &by, now).await? == Start::Started
    {
        let mut e = reader
            .entry(AuditAction::CareRelationshipStarted)
            .subject(SubjectKind::Resident, person.id)
            .detail(json!({ "basis": Basis::ShowedQr.as_str(), "staff": reader.staff_id }));
        e.on_behalf_of = Some(person.id);
        audit::append(&*tx, e, now).await?;
    }

    let relationship = repo::live_relationship(&*tx, id, facility_id)
        .await?
        .filter(|r| looking::began_under_consent(r.started_at, &given));
    // The role's parts: every table of the networks the person shares with
    // the facility (one read of the default when none, so that the time of
    // the answer does not tell whether the person consents).
    let mut tables = Vec::with_capacity(shared.len().max(1));
    for c in &shared {
        tables.push(super::common::networks::role_parts(&*tx, c.network_id, role).await?);
    }
    if shared.is_empty() {
        super::common::networks::role_parts(&*tx, Uuid::nil(), role).await?;
    }
    let parts = looking::parts_of_all(&tables);
    // An emergency access only where there is no relationship: a facility
    // that may look needs none (and the person is not mailed for nothing).
    if let (Some(person), Some(asked)) = (&found.person, &emergency)
        && relationship.is_none()
        && looking::may_open_emergency(role, consent_shared, parts).is_ok()
    {
        let live = repo::live_emergency(&*tx, person.id, facility_id, now)
            .await?
            .filter(|e| looking::began_under_consent(e.opened_at, &given));
        if live.is_none() {
            let until = now + looking::EMERGENCY_FOR;
            let row = emergency_access::Model {
                id: Uuid::now_v7(),
                facility_id,
                staff_id: reader.staff_id,
                resident_id: person.id,
                reason: asked.reason.as_str().to_owned(),
                note: asked.note.clone(),
                opened_at: now,
                until,
                review_outcome: None,
                review_note: None,
                reviewed_at: None,
                reviewed_by: None,
            };
            repo::insert_emergency(&*tx, row.clone()).await?;
            // The note stays with the access (the office reviews it); the
            // log has the reason.
            let mut e = reader
                .entry(AuditAction::EmergencyAccessOpened)
                .subject(SubjectKind::Resident, person.id)
                .detail(json!({ "reason": asked.reason.as_str(), "until": until, "emergencyAccess": row.id, "staff": reader.staff_id }));
            e.on_behalf_of = Some(person.id);
            audit::append(&*tx, e, now).await?;
            alert(&*tx, state, person, facility_id, role, Look::Emergency { reason: asked.reason, until }, now).await?;
            mails = true;
        }
    }

    let live_emergency = repo::live_emergency(&*tx, id, facility_id, now)
        .await?
        .filter(|e| looking::began_under_consent(e.opened_at, &given));
    let decision = looking::decide(&Situation {
        role,
        consent_shared,
        relationship: relationship.is_some(),
        emergency_until: live_emergency.as_ref().map(|e| e.until),
        parts,
        now,
    });
    let (person, allowed) = match (found.person, decision) {
        (Some(p), Ok(allowed)) => (p, allowed),
        (person, refused) => {
            crate::store::auth::count_event(&*tx, rate::FAILED_LOOKUPS_PER_STAFF, &key, now).await?;
            let mut e = reader.entry(AuditAction::SharedRecordRefused).detail(json!({
                "reason": refused.err().map_or("unknown_person", |r| r.as_str()),
                "by": who.as_str(),
                "emergency": emergency.is_some(),
                "staff": reader.staff_id,
            }));
            if let Some(p) = &person {
                e = e.subject(SubjectKind::Resident, p.id);
                e.on_behalf_of = Some(p.id);
            }
            audit::append(&*tx, e, now).await?;
            tx.commit().await?;
            if mails {
                state.mail.wake();
            }
            return Err(ServiceError::NotFound);
        }
    };
    let mut e = reader.entry(AuditAction::SharedRecordViewed).subject(SubjectKind::Resident, person.id).detail(json!({
        "role": role.as_str(),
        "parts": looking::parts_text(allowed.parts),
        "emergency": allowed.emergency_until.is_some(),
        "emergencyAccess": allowed.emergency_until.and(live_emergency.as_ref().map(|e| e.id)),
        "by": who.as_str(),
        "staff": reader.staff_id,
    }));
    e.on_behalf_of = Some(person.id);
    audit::append(&*tx, e, now).await?;
    if let Some(r) = &relationship
        && repo::first_view(&*tx, r.id, now).await?
    {
        alert(&*tx, state, &person, facility_id, role, Look::First, now).await?;
        mails = true;
    }
    // The record is read in the same transaction as the checks, so a
    // withdrawal committed after them cannot slip in between.
    let consents: HashSet<Uuid> = shared.iter().map(|c| c.id).collect();
    let s = super::common::summary::make(&*tx, &reader.actor, person.id, today, Some(&consents)).await?;
    tx.commit().await?;
    if mails {
        state.mail.wake();
    }

    let sees = |part| allowed.parts.contains(part).then_some(());
    let (contra, allergies): (Vec<AllergyEntry>, Vec<AllergyEntry>) =
        s.allergies.iter().cloned().partition(|a| a.contraindication);
    let mut record_ids = HashSet::new();
    if sees(Part::CurrentMedicines).is_some() {
        record_ids.extend(s.current.iter().map(|c| c.medicine.row.id));
    }
    if sees(Part::MedicationHistory).is_some() {
        record_ids.extend(s.history_ids.iter().copied());
    }
    if sees(Part::Allergies).is_some() {
        record_ids.extend(allergies.iter().map(|a| a.row.id));
    }
    if sees(Part::Contraindications).is_some() {
        record_ids.extend(contra.iter().map(|a| a.row.id));
    }
    Ok(RecordView {
        resident_id: person.id,
        registration_number: person.registration_number,
        name: person.name,
        name_kana: person.name_kana,
        birth_date: person.birth_date,
        sex: person.sex,
        parts: allowed.parts,
        emergency_until: allowed.emergency_until,
        shared_since: shared.iter().map(|c| c.given_at).min().unwrap_or(now),
        current: sees(Part::CurrentMedicines).map(|()| s.current.clone()),
        history: sees(Part::MedicationHistory).map(|()| s.history.clone()),
        allergies: sees(Part::Allergies).map(|()| allergies),
        contraindications: sees(Part::Contraindications).map(|()| contra),
        emergency_contact: sees(Part::EmergencyContact).map(|()| s.emergency_contact.clone()),
        as_of: now,
        record_ids,
    })
}

/// The record as a facility's system reads it: a FHIR R4 `collection`
/// Bundle of JP Core resources (the Patient, with the emergency contact when
/// the profession sees it, and the medication and allergy records the parts
/// take in), under the same rules and audit as the console.
pub async fn look_as_fhir(state: &AppState, reader: &Reader, who: Who<'_>) -> Result<serde_json::Value, ServiceError> {
    let view = look(state, reader, who).await?;
    let db = state.db.reader();
    let c = super::common::fhir::clinical_entries(
        db,
        view.resident_id,
        super::common::fhir::Shown::Only(&view.record_ids),
        state.config.public_url.as_str(),
    )
    .await?;
    let mut entries = c.entries;
    if let Some(Some(contact)) = &view.emergency_contact
        && let Some(patient) = entries.first_mut().and_then(|e| e.get_mut("resource"))
    {
        let mut person = json!({
            "name": {"text": contact.name},
            "telecom": [{"system": "phone", "value": contact.phone}],
        });
        if let Some(r) = &contact.relationship {
            person["relationship"] = json!([{"text": r}]);
        }
        patient["contact"] = json!([person]);
    }
    let mut bundle = super::common::fhir::collection(view.as_of, entries);
    // What the profession sees, and until when an emergency access lasts.
    bundle["meta"]["tag"] = json!(
        view.parts.iter().map(|p| json!({"system": "urn:renkei:record-part", "code": p.as_str()})).collect::<Vec<_>>()
    );
    if let Some(until) = view.emergency_until {
        bundle["meta"]["security"] = json!([{
            "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
            "code": "ETREAT",
            "display": format!("emergency access until {}", until.to_rfc3339()),
        }]);
    }
    Ok(bundle)
}

/// Mails the person, and their manage-level proxies whose links are
/// confirmed unless the person has turned that off, about a look.
async fn alert(
    db: &impl ConnectionTrait,
    state: &AppState,
    person: &resident::Model,
    facility_id: Uuid,
    role: Role,
    look: Look,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if let Some(to) = &person.email {
        notices::facility_looked(db, state, to, None, role, look, now).await?;
    }
    // Proxies are not told of a look by a facility whose record the person
    // hides from them: the mail would be a trace of it.
    if !repo::alerts_to_proxies(db, person.id).await?
        || crate::store::proxies::hidden_facilities_of(db, person.id).await?.contains(&facility_id)
    {
        return Ok(());
    }
    let today = crate::domain::japan_time::day(now);
    for link in proxies::links_of_subject(db, person.id).await? {
        // Only a proxy who may act for the person now: one whose link waits
        // for confirmation (or is paused at its review date) is told nothing.
        let acts = crate::domain::proxy::Standing::acts(link.revoked_at, link.confirmed_at, link.review_on, today);
        if !acts || link.level != crate::domain::proxy::Level::Manage.as_str() {
            continue;
        }
        if let Some(proxy) = residents::find(db, link.proxy_id).await?
            && let Some(to) = &proxy.email
            && Some(to) != person.email.as_ref()
        {
            notices::facility_looked(db, state, to, Some(&person.name), role, look, now).await?;
        }
    }
    Ok(())
}

/// What reception is told when it records that a person presented.
#[derive(Debug, Clone)]
pub struct Presented {
    pub name: String,
    pub registration_number: String,
    /// False when the facility already had a live relationship, or the
    /// person ended its last one (then only their QR starts a new one).
    pub started: bool,
    pub ended_by_person: bool,
}

/// Reception records that the person presented at the desk (their
/// registration QR, or their insurance card and birth date, checked): the
/// facility's clinical staff may then look. Only for a person consenting in
/// one of the facility's networks; anyone else is "not found", counted
/// against the staff member as a failed look-up.
pub async fn record_presentation(state: &AppState, actor: &Actor, who: Who<'_>) -> Result<Presented, ServiceError> {
    require(actor, Operation::RecordPresentations)?;
    let Actor::Staff { id: staff_id, facility_id, .. } = *actor else { return Err(ServiceError::NotFound) };
    if matches!(who, Who::Number(_)) {
        // The number alone is printed on mails and forms: it shows nobody presented.
        return Err(Invalid::one("qrCode", crate::domain::FieldErrorCode::Required).into());
    }
    let now = state.clock.now();
    let key = format!("staff:{staff_id}");
    let tx = state.db.write().await?;
    check_rate(&*tx, rate::FAILED_LOOKUPS_PER_STAFF, &key, now).await?;
    let found = find(&*tx, who, crate::domain::japan_time::day(now)).await?;
    let id = found.person.as_ref().map_or(Uuid::nil(), |p| p.id);
    let networks = medical::networks_of_facility(&*tx, facility_id).await?;
    let shared = medical::current_consents(&*tx, id, &networks).await?;
    let Some(person) = found.person.filter(|_| !shared.is_empty()) else {
        crate::store::auth::count_event(&*tx, rate::FAILED_LOOKUPS_PER_STAFF, &key, now).await?;
        let e = AuditEntry::new(actor, AuditAction::PersonNotFound, Channel::Web)
            .facility(facility_id)
            .request_id(context::request_id())
            .detail(json!({ "for": "presentation", "by": who.as_str() }));
        audit::append(&*tx, e, now).await?;
        tx.commit().await?;
        return Err(ServiceError::NotFound);
    };
    // Her QR shown at the desk is her QR shown: it starts a relationship
    // even where she once stopped this facility; her card does not.
    let basis = if found.showed_qr { Basis::ShowedQr } else { Basis::PresentedAtDesk };
    let start = repo::start_relationship(&*tx, person.id, facility_id, basis, &key, now).await?;
    // Every presentation is recorded, whatever it changed: a desk entering
    // someone's card shows in their access record.
    let outcome = match start {
        Start::Started => "started",
        Start::AlreadyLive => "already_live",
        Start::EndedByPerson => "ended_by_person",
    };
    let mut e = AuditEntry::new(actor, AuditAction::CareRelationshipStarted, Channel::Web)
        .subject(SubjectKind::Resident, person.id)
        .facility(facility_id)
        .request_id(context::request_id())
        .detail(json!({ "basis": basis.as_str(), "by": who.as_str(), "outcome": outcome }));
    e.on_behalf_of = Some(person.id);
    audit::append(&*tx, e, now).await?;
    if start == Start::Started {
        // Told at once, so that a desk recording someone who was not there shows.
        if let Some(to) = &person.email {
            notices::presented_at_desk(&*tx, state, to, now).await?;
        }
    }
    tx.commit().await?;
    if start == Start::Started {
        state.mail.wake();
    }
    Ok(Presented {
        name: person.name,
        registration_number: person.registration_number,
        started: start == Start::Started,
        ended_by_person: start == Start::EndedByPerson,
    })
}
