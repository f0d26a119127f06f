//! The rights the Act on the Protection of Personal Information gives a
//! person over what the network holds about them: disclosure (everything,
//! as JSON and as a FHIR R4 Bundle, with the consent history and the record
//! of who sent, saw or changed anything), correction (a request the network
//! office answers), and erasure of medical data once they have withdrawn.
//! Each is audited.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use uuid::Uuid;

use super::common::consent::{EventKind, HistoryEvent, Record};
use super::common::fhir::{clinical_entries, collection};
use super::{ConsentRefusal, ServiceError, resident_of};
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::consent::{CorrectionStatus, parse_correction};
use crate::domain::public_id::PublicId;
use crate::domain::{FieldErrorCode, Invalid, Validator};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{audit_log, correction_request};
use crate::store::{auth, consents as repo, medical, residents};

/// The export's own format name and version, so that a reader can tell.
pub const EXPORT_FORMAT: &str = "renkei-personal-data";
pub const EXPORT_VERSION: u32 = 1;

/// One entry of the record of who did what with a person's data, as the person sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessEntry {
    /// The audit entry's id: the same event has the same id in every export.
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub action: String,
    /// resident, proxy, staff, facility_system, operator or system.
    pub actor_kind: String,
    /// The person themselves (rather than someone acting on their record).
    pub by_self: bool,
    pub facility: Option<String>,
    pub network: Option<String>,
    pub channel: String,
    /// For a facility's look: the profession, what it saw, and an emergency
    /// access's reason and review (as on `/me/access`).
    pub look: Option<super::my_access::AccessItem>,
    /// Covered by the service's last walk of the audit log's chain, which
    /// found it intact (as on `/me/access`).
    pub verified: bool,
}

async fn access_record(
    db: &impl ConnectionTrait,
    resident: Uuid,
    record: &Record,
    checked: Option<&super::audit_verify::LastCheck>,
) -> Result<Vec<AccessEntry>, ServiceError> {
    let ids: Vec<Uuid> = record.consents.iter().map(|c| c.id).collect();
    let people = crate::store::merge::ids_of(db, resident).await?;
    let entries = repo::audit_about(db, &people, &ids).await?;
    let ids: Vec<Uuid> = entries.iter().map(|e| e.id).collect();
    let verified = super::audit_verify::verified_entries(db, checked, &ids).await?;
    let facilities = medical::facility_names(db, entries.iter().filter_map(|e| e.facility_id)).await?;
    let networks: HashMap<Uuid, String> = record.networks.values().map(|n| (n.id, n.code.clone())).collect();
    let me: HashSet<String> = people.iter().map(Uuid::to_string).collect();
    let looks = super::my_access::describe(db, resident, &Actor::Resident { id: resident }, entries.clone()).await?;
    Ok(entries
        .into_iter()
        .zip(looks)
        .map(|(e, look): (audit_log::Model, _)| AccessEntry {
            verified: verified.contains(&e.id),
            id: e.id,
            at: e.at,
            by_self: e.actor_kind == "resident" && e.actor_id.as_ref().is_some_and(|a| me.contains(a)),
            facility: e.facility_id.and_then(|f| facilities.get(&f).map(|f| f.name.clone())),
            network: e.network_id.and_then(|n| networks.get(&n).cloned()),
            look: (look.role.is_some() || look.emergency.is_some()).then_some(look),
            action: e.action,
            actor_kind: e.actor_kind,
            channel: e.channel,
        })
        .collect())
}

fn history_json(h: &HistoryEvent) -> Value {
    json!({
        "at": h.at, "event": h.kind.as_str(), "consentId": h.consent_id,
        "network": h.network.code, "networkName": h.network.name,
        "version": h.version, "by": h.by.as_str(), "channel": h.channel,
        "entryPoint": h.entry_point, "facility": h.facility, "formSerial": h.form_serial,
    })
}

fn access_json(a: &AccessEntry) -> Value {
    let mut v = json!({
        "id": a.id, "at": a.at, "action": a.action, "actorKind": a.actor_kind, "bySelf": a.by_self,
        "verified": a.verified,
        "facility": a.facility, "network": a.network, "channel": a.channel,
    });
    if let Some(l) = &a.look {
        v["role"] = json!(l.role);
        v["parts"] = json!(l.parts);
        if let Some(e) = &l.emergency {
            v["emergency"] = json!({
                "reason": e.reason, "until": e.until, "reviewOutcome": e.review_outcome, "reviewedAt": e.reviewed_at,
            });
        }
    }
    v
}

fn correction_json(c: &correction_request::Model) -> Value {
    json!({
        "id": c.id, "createdAt": c.created_at, "text": c.text, "status": c.status,
        "answer": c.answer, "answeredAt": c.answered_at,
    })
}

async fn audit_export(
    state: &AppState,
    actor: &Actor,
    resident: Uuid,
    detail: Value,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let tx = state.db.write().await?;
    audit::append(
        &*tx,
        AuditEntry::new(actor, AuditAction::DataExported, Channel::Web)
            .subject(SubjectKind::Resident, resident)
            .request_id(context::request_id())
            .detail(detail),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Everything held about the person, as one JSON document.
pub async fn export_json(state: &AppState, actor: &Actor) -> Result<Value, ServiceError> {
    let resident = resident_of(actor, Operation::ExerciseOwnDataRights)?;
    let db = state.db.reader();
    let now = state.clock.now();
    let r = residents::find(db, resident).await?.ok_or(ServiceError::NotFound)?;
    let insurance = residents::insurance_of(db, resident).await?;
    let record = Record::load(db, resident).await?;
    let memberships = super::common::consent::memberships(db, &record, now).await?;
    let history = record.history(db).await?;
    // A proxy sees nothing the person hides from them.
    let hidden = super::common::visibility::hidden_from(db, actor).await?;
    let meds: Vec<_> =
        medical::medications_of(db, resident, None).await?.into_iter().filter(|m| !hidden.contains(&m.id)).collect();
    let allergies: Vec<_> =
        medical::allergies_of(db, resident).await?.into_iter().filter(|a| !hidden.contains(&a.id)).collect();
    // Which facilities sent data when, and who saw what, would show a proxy
    // the traces of records the person hides: those are the person's own.
    let for_person = crate::domain::access::sees_access_traces(actor);
    let visits = if for_person { medical::visits_of(db, resident).await? } else { Vec::new() };
    // What facilities' corrections replaced, for the records this caller sees.
    let revisions: Vec<_> =
        medical::revisions_of(db, resident).await?.into_iter().filter(|v| !hidden.contains(&v.record_id)).collect();
    let facilities = medical::facility_names(
        db,
        meds.iter()
            .map(|m| m.facility_id)
            .chain(allergies.iter().map(|a| a.facility_id))
            .chain(visits.iter().map(|v| v.facility_id)),
    )
    .await?;
    let facility =
        |id: Uuid| facilities.get(&id).map_or_else(|| json!(null), |f| json!({"code": f.code, "name": f.name}));
    let contact = medical::emergency_contact(db, resident).await?;
    let passkeys = auth::passkeys_of(db, resident).await?;
    let corrections = repo::corrections_of(db, resident).await?;
    let checked = state.audit.last();
    let access = if for_person { access_record(db, resident, &record, checked.as_deref()).await? } else { Vec::new() };
    // Who acts for the person, and for whom they act: the person's own to
    // see (a proxy does not see the person's other proxies).
    let (proxies, acting_for) = if matches!(actor, Actor::Resident { .. }) {
        let link = async |l: &crate::store::entity::proxy_link::Model, other: Uuid| -> Result<Value, ServiceError> {
            let name = residents::find(db, other).await?.map(|p| p.name);
            Ok(json!({
                "linkId": l.id, "name": name, "relationship": l.relationship, "level": l.level, "via": l.via,
                "reason": l.reason, "attestation": l.attestation, "since": l.created_at, "revokedAt": l.revoked_at,
            }))
        };
        let mut mine = Vec::new();
        for l in crate::store::proxies::links_of_subject(db, resident).await? {
            mine.push(link(&l, l.proxy_id).await?);
        }
        let mut theirs = Vec::new();
        for l in crate::store::proxies::active_links_of_proxy(db, resident).await? {
            theirs.push(link(&l, l.subject_id).await?);
        }
        (Some(mine), Some(theirs))
    } else {
        (None, None)
    };

    // The person's address is theirs: a proxy's download leaves it out (it
    // would also tell a family member who registered someone with an address
    // whether that address belongs to another account, which was then not used).
    let (email, email_verified_at) =
        if matches!(actor, Actor::Proxy { .. }) { (None, None) } else { (r.email.clone(), r.email_verified_at) };
    let mut doc = json!({
        "format": EXPORT_FORMAT,
        "formatVersion": EXPORT_VERSION,
        "exportedAt": now,
        "person": {
            "registrationNumber": PublicId::display_of(&r.registration_number),
            "name": r.name, "nameKana": r.name_kana, "birthDate": r.birth_date, "sex": r.sex,
            "phone": r.phone, "email": email, "emailVerifiedAt": email_verified_at,
            "registeredAt": r.created_at, "registeredThrough": r.channel,
        },
        "insurance": insurance.iter().map(|i| json!({
            "document": i.document, "insurerNumber": i.insurer_number, "symbol": i.symbol,
            "number": i.number, "branch": i.branch, "recordedAt": i.created_at,
            "validFrom": i.valid_from, "validTo": i.valid_to, "addedBy": i.added_by_kind,
        })).collect::<Vec<_>>(),
        "networks": memberships.iter().map(|m| json!({
            "network": m.network.code, "name": m.network.name, "consentId": m.consent_id,
            "state": if m.withdrawn_at.is_some() { "withdrawn" } else { "joined" },
            "joinedAt": m.joined_at, "withdrawnAt": m.withdrawn_at, "agreedVersion": m.agreed_version,
            "reconsentVersion": m.reconsent_version,
        })).collect::<Vec<_>>(),
        "consentHistory": history.iter().map(history_json).collect::<Vec<_>>(),
        "medications": meds.iter().map(|m| json!({
            "id": m.id, "kind": m.kind, "status": m.status, "name": m.name,
            "codeSystem": m.code_system, "code": m.code, "dosage": m.dosage, "quantity": m.quantity,
            "date": m.dated_on, "dateTime": m.dated_at, "days": m.days,
            "prescriber": m.prescriber, "dispenser": m.dispenser,
            "facility": facility(m.facility_id), "source": m.source, "identifier": m.identifier,
            "consentId": m.consent_id, "receivedAt": m.created_at, "updatedAt": m.updated_at,
        })).collect::<Vec<_>>(),
        "allergies": allergies.iter().map(|a| json!({
            "id": a.id, "text": a.text, "category": a.category, "criticality": a.criticality,
            "status": a.status, "drugCodeSystem": a.drug_code_system, "drugCode": a.drug_code,
            "allergenSystem": a.allergen_system, "allergenCode": a.allergen_code,
            "date": a.dated_on, "dateTime": a.dated_at,
            "facility": facility(a.facility_id), "source": a.source, "identifier": a.identifier,
            "consentId": a.consent_id, "receivedAt": a.created_at, "updatedAt": a.updated_at,
        })).collect::<Vec<_>>(),
        "earlierVersions": revisions.iter().map(|v| json!({
            "recordType": v.record_type, "recordId": v.record_id, "replacedAt": v.replaced_at,
            "replacedBy": facility(v.facility_id),
            "content": serde_json::from_str::<Value>(&v.content).unwrap_or(Value::Null),
        })).collect::<Vec<_>>(),
        "facilityVisits": visits.iter().map(|v| json!({
            "date": v.visited_on, "facility": facility(v.facility_id), "source": v.source, "items": v.items,
        })).collect::<Vec<_>>(),
        "emergencyContact": contact.map(|c| json!({
            "name": c.name, "relationship": c.relationship, "phone": c.phone, "updatedAt": c.updated_at,
        })),
        "passkeys": passkeys.iter().map(|p| json!({"createdAt": p.created_at, "lastUsedAt": p.last_used_at}))
            .collect::<Vec<_>>(),
        "correctionRequests": corrections.iter().map(correction_json).collect::<Vec<_>>(),
        "accessRecord": access.iter().map(access_json).collect::<Vec<_>>(),
        // The service's last walk of the audit log's chain: the entries it
        // covered, and found intact, are `verified`.
        "auditCheck": checked.as_ref().map(|c| json!({"checkedAt": c.at, "intact": c.intact})),
    });
    if let (Some(mine), Some(theirs)) = (proxies, acting_for) {
        doc["proxies"] = json!(mine);
        doc["actingFor"] = json!(theirs);
    }
    if !for_person && let Some(o) = doc.as_object_mut() {
        o.remove("facilityVisits");
        o.remove("accessRecord");
    }
    let detail = json!({ "format": "json", "medications": meds.len(), "allergies": allergies.len() });
    audit_export(state, actor, resident, detail, now).await?;
    Ok(doc)
}

const CONSENT_SCOPE: &str = "http://terminology.hl7.org/CodeSystem/consentscope";
const LOINC: &str = "http://loinc.org";

/// Everything held about the person as a FHIR R4 `collection` Bundle: the
/// Patient and clinical records in the JP Core profiles, one Consent per
/// consent given (its period, the document versions agreed, who gave it),
/// and one AuditEvent per entry of the access record.
pub async fn export_fhir(state: &AppState, actor: &Actor) -> Result<Value, ServiceError> {
    let resident = resident_of(actor, Operation::ExerciseOwnDataRights)?;
    let db = state.db.reader();
    let now = state.clock.now();
    let hidden = super::common::visibility::hidden_from(db, actor).await?;
    let clinical =
        clinical_entries(db, resident, super::common::fhir::Shown::AllBut(&hidden), state.config.public_url.as_str())
            .await?;
    let record = Record::load(db, resident).await?;
    let history = record.history(db).await?;
    // A proxy's download carries no AuditEvents (see export_json).
    let access = if matches!(actor, Actor::Resident { .. }) {
        access_record(db, resident, &record, state.audit.last().as_deref()).await?
    } else {
        Vec::new()
    };
    let public = state.config.public_url.to_string();
    // renkei's own systems, under the deployment's URL (docs/intake.md).
    let network_system = crate::domain::fhir::own_system(&public, "sid/network");
    let audit_action_system = crate::domain::fhir::own_system(&public, "CodeSystem/audit-action");
    let patient = json!({"reference": clinical.patient_url});
    let mut entries = clinical.entries;

    for c in &record.consents {
        let network = record.networks.get(&c.network_id);
        let code = network.map(|n| n.code.clone()).unwrap_or_default();
        let steps: Vec<&HistoryEvent> = history.iter().filter(|h| h.consent_id == c.id).collect();
        let policies: Vec<Value> = steps
            .iter()
            .filter_map(|h| h.version)
            .map(|v| json!({"authority": format!("{public}api/networks/{code}"), "uri": format!("{public}api/networks/{code}/consent/versions/{v}")}))
            .collect();
        let verification: Vec<Value> = steps
            .iter()
            .filter(|h| h.kind != EventKind::Withdrawn)
            .map(|h| json!({"verified": true, "verificationDate": h.at.to_rfc3339()}))
            .collect();
        let mut period = json!({"start": c.given_at.to_rfc3339()});
        if let Some(end) = c.withdrawn_at {
            period["end"] = json!(end.to_rfc3339());
        }
        let given_by = steps.first().map_or("resident", |h| h.by.as_str());
        entries.push(json!({
            "fullUrl": format!("urn:uuid:{}", c.id),
            "resource": {
                "resourceType": "Consent",
                "id": c.id.to_string(),
                "status": if c.withdrawn_at.is_some() { "inactive" } else { "active" },
                "scope": {"coding": [{"system": CONSENT_SCOPE, "code": "patient-privacy"}]},
                "category": [{"coding": [{"system": LOINC, "code": "59284-0", "display": "Patient Consent"}]}],
                "patient": patient,
                "dateTime": c.given_at.to_rfc3339(),
                "performer": [{"display": given_by}],
                "organization": [{"display": network.map(|n| n.name.clone()).unwrap_or_default(),
                                  "identifier": {"system": network_system, "value": code}}],
                "policy": policies,
                "verification": verification,
                "provision": {"type": "permit", "period": period},
            }
        }));
    }
    for a in &access {
        let action = match a.action.split_once('.').map(|(_, verb)| verb) {
            Some("received" | "given" | "registered" | "requested" | "issued" | "started") => "C",
            Some("exported") => "R",
            Some("erased" | "withdrawn" | "revoked") => "D",
            Some("signed_in" | "signed_out") => "E",
            _ => "U",
        };
        let who = match (&a.facility, a.by_self) {
            (Some(f), _) => f.clone(),
            (None, true) => "本人 / the person".to_owned(),
            (None, false) => a.actor_kind.clone(),
        };
        entries.push(json!({
            "fullUrl": format!("urn:uuid:{}", a.id),
            "resource": {
                "resourceType": "AuditEvent",
                "id": a.id.to_string(),
                "type": {"system": audit_action_system, "code": a.action},
                "action": action,
                "recorded": a.at.to_rfc3339(),
                "outcome": "0",
                "agent": [{"who": {"display": who}, "requestor": true}],
                "source": {"observer": {"display": "renkei"}},
                "entity": [{"what": patient}],
            }
        }));
    }
    let detail = json!({ "format": "fhir", "medications": clinical.medications, "allergies": clinical.allergies });
    audit_export(state, actor, resident, detail, now).await?;
    Ok(collection(now, entries))
}

/// Asks the network office to correct something held about the person.
pub async fn request_correction(
    state: &AppState,
    actor: &Actor,
    text: &str,
) -> Result<correction_request::Model, ServiceError> {
    let resident = resident_of(actor, Operation::ExerciseOwnDataRights)?;
    let text = parse_correction(text).map_err(|c| Invalid::one("text", c))?;
    let now = state.clock.now();
    let m = correction_request::Model {
        id: Uuid::now_v7(),
        resident_id: resident,
        text,
        created_at: now,
        status: CorrectionStatus::Open.as_str().to_owned(),
        answer: None,
        answered_at: None,
        answered_by: None,
    };
    let tx = state.db.write().await?;
    repo::insert_correction(&*tx, m.clone()).await?;
    let mut entry = AuditEntry::new(actor, AuditAction::CorrectionRequested, Channel::Web)
        .subject(SubjectKind::CorrectionRequest, m.id)
        .request_id(context::request_id());
    entry.on_behalf_of = Some(resident);
    audit::append(&*tx, entry, now).await?;
    tx.commit().await?;
    Ok(m)
}

/// The person's correction requests and their answers, newest first.
pub async fn my_corrections(state: &AppState, actor: &Actor) -> Result<Vec<correction_request::Model>, ServiceError> {
    let resident = resident_of(actor, Operation::ExerciseOwnDataRights)?;
    Ok(repo::corrections_of(state.db.reader(), resident).await?)
}

/// A correction request as the network office sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeCorrection {
    pub request: correction_request::Model,
    pub registration_number: String,
}

pub async fn office_corrections(
    state: &AppState,
    actor: &Actor,
    open_only: bool,
) -> Result<Vec<OfficeCorrection>, ServiceError> {
    require(actor, Operation::HandleDataRightsRequests)?;
    let db = state.db.reader();
    let mut out = Vec::new();
    for c in repo::corrections(db, open_only).await? {
        let number = residents::find(db, c.resident_id).await?.map(|r| r.registration_number).unwrap_or_default();
        out.push(OfficeCorrection { request: c, registration_number: PublicId::display_of(&number) });
    }
    Ok(out)
}

/// The office answers a request (corrected or declined, with words for the person).
pub async fn answer_correction(
    state: &AppState,
    actor: &Actor,
    id: &str,
    status: &str,
    answer: &str,
) -> Result<(), ServiceError> {
    require(actor, Operation::HandleDataRightsRequests)?;
    let mut v = Validator::new();
    let id = v.check("id", Uuid::parse_str(id.trim()).map_err(|_| FieldErrorCode::InvalidFormat));
    let status = v.check(
        "status",
        CorrectionStatus::parse(status)
            .and_then(|s| if s == CorrectionStatus::Open { Err(FieldErrorCode::UnknownValue) } else { Ok(s) }),
    );
    let answer = v.check("answer", parse_correction(answer));
    v.finish()?;
    let (Some(id), Some(status), Some(answer)) = (id, status, answer) else {
        return Err(Invalid::default().into());
    };
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let c = repo::lock_correction(&*tx, id).await?.ok_or_else(|| Invalid::one("id", FieldErrorCode::NotFound))?;
    if c.status != CorrectionStatus::Open.as_str() {
        return Err(ServiceError::Conflict);
    }
    let by = actor.audit_id().unwrap_or_default();
    repo::answer_correction(&*tx, id, status.as_str(), &answer, &by, now).await?;
    let mut entry = AuditEntry::new(actor, AuditAction::CorrectionAnswered, Channel::Cli)
        .subject(SubjectKind::CorrectionRequest, id)
        .request_id(context::request_id())
        .detail(json!({ "status": status.as_str() }));
    entry.on_behalf_of = Some(c.resident_id);
    audit::append(&*tx, entry, now).await?;
    if let Some(r) = residents::find(&*tx, c.resident_id).await?
        && let Some(to) = &r.email
    {
        super::notices::correction_answered(&*tx, state, to, c.created_at).await?;
    }
    tx.commit().await?;
    state.mail.wake();
    Ok(())
}

/// What an erasure removed.
pub type Erased = repo::Erased;

/// Erases the person's medication and allergy records and the record of
/// which facilities sent them. Only once no consent is in force anywhere:
/// while one is, facilities would keep sending. The audit log keeps its
/// entries, reduced to when, who, what and which facility.
pub async fn erase_medical_data(state: &AppState, actor: &Actor) -> Result<Erased, ServiceError> {
    let resident = resident_of(actor, Operation::EraseOwnMedicalData)?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    repo::lock_person(&*tx, resident).await?;
    let record = Record::load(&*tx, resident).await?;
    if record.consents.iter().any(|c| c.withdrawn_at.is_none()) {
        return Err(ServiceError::Consent(ConsentRefusal::StillJoined));
    }
    // What the person hid from proxies stays marked (the record ids and
    // their facilities, nothing medical): their proxies are still shown no
    // trace of those facilities.
    let erased = repo::erase_medical(&*tx, resident).await?;
    let ids: Vec<Uuid> = record.consents.iter().map(|c| c.id).collect();
    let people = crate::store::merge::ids_of(&*tx, resident).await?;
    let reduce: Vec<Uuid> = repo::audit_about(&*tx, &people, &ids)
        .await?
        .into_iter()
        .filter(|e| crate::domain::audit::reduced_on_erasure(&e.action))
        .map(|e| e.id)
        .collect();
    let reduced = repo::reduce_audit(&*tx, &reduce).await?;
    let mut detail = json!({
        "medications": erased.medications, "allergies": erased.allergies,
        "visits": erased.visits, "auditEntriesReduced": reduced,
    });
    // Named, so that the chain's walk tells this reduction from tampering.
    detail[crate::domain::audit_chain::ERASURE_LIST] = json!(reduce);
    if people.len() > 1 {
        detail[crate::domain::audit_chain::ERASURE_FORMER_RECORDS] = json!(people[1..]);
    }
    audit::append(
        &*tx,
        AuditEntry::new(actor, AuditAction::MedicalDataErased, Channel::Web)
            .subject(SubjectKind::Resident, resident)
            .request_id(context::request_id())
            .detail(detail),
        now,
    )
    .await?;
    if let Some(r) = residents::find(&*tx, resident).await?
        && let Some(to) = &r.email
    {
        super::notices::medical_data_erased(&*tx, state, to, now).await?;
    }
    tx.commit().await?;
    state.mail.wake();
    Ok(erased)
}
