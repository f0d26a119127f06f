//! The resident's own medication and allergy summary, their emergency
//! contact, and the export of the summary as a JP Core FHIR Bundle.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{ServiceError, resident_of};
use crate::app::AppState;
use crate::context;
use crate::domain::access::Operation;
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::fhir::{MEMBER_ID_SYSTEM, REGISTRATION_NUMBER_SYSTEM};
use crate::domain::medication::{
    AllergyCategory, AllergyStatus, CodeSystem, Criticality, DrugCode, MedicationKind, MedicationStatus,
    is_contraindication, japan_day,
};
use crate::domain::summary::{self, AllergyItem, Flag, MedicationItem};
use crate::domain::{Validator, registration, text};
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{allergy, emergency_contact, facility_visit, medication};
use crate::store::{medical, residents};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Medicine {
    pub row: medication::Model,
    /// The sending facility's name.
    pub facility: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentMedicine {
    pub medicine: Medicine,
    pub until: Option<NaiveDate>,
    pub duration_unstated: bool,
    pub prescribed_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllergyEntry {
    pub row: allergy::Model,
    pub facility: String,
    pub contraindication: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub facility: String,
    pub last_on: NaiveDate,
    pub items: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthSummary {
    /// Who it is about, for the emergency card: name, kana, birth date.
    pub name: String,
    pub name_kana: String,
    pub birth_date: NaiveDate,
    pub as_of: DateTime<Utc>,
    pub last_received_at: Option<DateTime<Utc>>,
    /// When the resident first joined a network (data before it is never held).
    pub joined_at: Option<DateTime<Utc>>,
    pub current: Vec<CurrentMedicine>,
    pub history: Vec<Medicine>,
    pub allergies: Vec<AllergyEntry>,
    pub flags: Vec<Flag>,
    pub emergency_contact: Option<emergency_contact::Model>,
    pub sources: Vec<Source>,
    /// The records the person hides from their proxies (shown to the person
    /// only; a proxy's summary leaves them out altogether).
    pub hidden_from_proxies: HashSet<Uuid>,
}

fn drug_code(system: Option<&str>, code: Option<&str>) -> Option<DrugCode> {
    DrugCode::parse(CodeSystem::parse(system?)?, code?)
}

pub async fn summary(state: &AppState, actor: &Actor) -> Result<HealthSummary, ServiceError> {
    let resident = resident_of(actor, Operation::ReadOwnHealthRecord)?;
    let db = state.db.reader();
    let now = state.clock.now();
    let today = japan_day(now);
    let from = today.checked_sub_months(Months::new(summary::HISTORY_MONTHS)).unwrap_or(today);
    // A proxy sees nothing the person hides from them.
    let hidden = super::proxies::hidden_from(db, actor).await?;
    let meds: Vec<medication::Model> = medical::medications_of(db, resident, Some(from))
        .await?
        .into_iter()
        .filter(|m| !hidden.contains(&m.id))
        .collect();
    let allergies: Vec<allergy::Model> =
        medical::allergies_of(db, resident).await?.into_iter().filter(|a| !hidden.contains(&a.id)).collect();
    let visits = medical::visits_of(db, resident).await?;
    let facility_ids = meds.iter().map(|m| m.facility_id).chain(allergies.iter().map(|a| a.facility_id));
    let facilities = medical::facility_names(db, facility_ids.chain(visits.iter().map(|v| v.facility_id))).await?;
    let name_of = |id: Uuid| facilities.get(&id).map(|f| f.name.clone()).unwrap_or_default();
    // What a medicine's source reads: the pharmacy named in JAHIS data, else the sender.
    let source_of = |m: &medication::Model| m.dispenser.clone().unwrap_or_else(|| name_of(m.facility_id));

    let items: Vec<MedicationItem> = meds
        .iter()
        .filter_map(|m| {
            Some(MedicationItem {
                id: m.id,
                kind: MedicationKind::parse(&m.kind)?,
                status: MedicationStatus::parse(&m.status)?,
                code: drug_code(m.code_system.as_deref(), m.code.as_deref()),
                name: m.name.clone(),
                date: m.dated_on,
                days: m.days.and_then(|d| u32::try_from(d).ok()),
                facility: source_of(m),
                prescriber: m.prescriber.clone(),
            })
        })
        .collect();
    // Each stored allergy with what the rules read of it (rows with an unreadable status are left out).
    let allergy_items: Vec<(&allergy::Model, AllergyItem)> = allergies
        .iter()
        .filter_map(|a| {
            let item = AllergyItem {
                id: a.id,
                status: AllergyStatus::parse(&a.status)?,
                contraindication: is_contraindication(
                    a.category.as_deref().and_then(AllergyCategory::parse),
                    a.criticality.as_deref().and_then(Criticality::parse),
                ),
                drug_code: drug_code(a.drug_code_system.as_deref(), a.drug_code.as_deref()),
                text: a.text.clone(),
            };
            Some((a, item))
        })
        .collect();
    let rule_items: Vec<AllergyItem> = allergy_items.iter().map(|(_, i)| i.clone()).collect();
    let s = summary::summarise(&items, &rule_items, today);

    let by_id: HashMap<Uuid, &medication::Model> = meds.iter().map(|m| (m.id, m)).collect();
    let medicine = |id: &Uuid| by_id.get(id).map(|m| Medicine { facility: source_of(m), row: (*m).clone() });
    let current = s
        .current
        .iter()
        .filter_map(|c| {
            Some(CurrentMedicine {
                medicine: medicine(&c.id)?,
                until: c.until,
                duration_unstated: c.duration_unstated,
                prescribed_by: c.prescribed_by.clone(),
            })
        })
        .collect();
    let history = s.history.iter().filter_map(medicine).collect();
    let allergies: Vec<AllergyEntry> = allergy_items
        .iter()
        .filter(|(_, i)| i.status != AllergyStatus::Void)
        .map(|(a, i)| AllergyEntry {
            row: (*a).clone(),
            facility: name_of(a.facility_id),
            contraindication: i.contraindication,
        })
        .collect();
    let last_received_at = meds.iter().map(|m| m.updated_at).chain(allergies.iter().map(|a| a.row.updated_at)).max();
    let consents = residents::current_consents(db, resident).await?;
    // A proxy's list of sources is made from what they may see, so a hidden
    // record leaves no trace of its facility either.
    let sources = if crate::domain::access::sees_access_traces(actor) {
        sources_of(&visits, &name_of)
    } else {
        sources_of_records(&meds, &allergy_items, &name_of)
    };
    let person = residents::find(db, resident).await?.ok_or(ServiceError::NotFound)?;
    let hidden_from_proxies = match actor {
        Actor::Resident { .. } => crate::store::proxies::hidden_of(db, resident).await?,
        _ => HashSet::new(),
    };
    let emergency_contact = medical::emergency_contact(db, resident).await?;
    super::proxies::record_view(state, actor, "summary").await?;
    Ok(HealthSummary {
        name: person.name,
        name_kana: person.name_kana,
        birth_date: person.birth_date,
        as_of: now,
        last_received_at,
        joined_at: consents.iter().map(|c| c.given_at).min(),
        current,
        history,
        allergies,
        flags: s.flags,
        emergency_contact,
        sources,
        hidden_from_proxies,
    })
}

/// Which facilities the given records come from, the last day of each, and how many.
fn sources_of_records(
    meds: &[medication::Model],
    allergies: &[(&allergy::Model, AllergyItem)],
    name_of: &dyn Fn(Uuid) -> String,
) -> Vec<Source> {
    let days = meds
        .iter()
        .map(|m| (m.facility_id, m.dated_on))
        .chain(allergies.iter().map(|(a, _)| (a.facility_id, a.dated_on)));
    let mut by: HashMap<Uuid, Source> = HashMap::new();
    for (facility, day) in days {
        let s = by.entry(facility).or_insert_with(|| Source { facility: name_of(facility), last_on: day, items: 0 });
        s.items += 1;
        s.last_on = s.last_on.max(day);
    }
    let mut out: Vec<Source> = by.into_values().collect();
    out.sort_by(|a, b| b.last_on.cmp(&a.last_on).then(a.facility.cmp(&b.facility)));
    out
}

/// Which facilities sent data, the last day each did, and how many records.
fn sources_of(visits: &[facility_visit::Model], name_of: &dyn Fn(Uuid) -> String) -> Vec<Source> {
    let mut by: HashMap<Uuid, Source> = HashMap::new();
    for v in visits {
        let s = by.entry(v.facility_id).or_insert_with(|| Source {
            facility: name_of(v.facility_id),
            last_on: v.visited_on,
            items: 0,
        });
        s.items += v.items;
        s.last_on = s.last_on.max(v.visited_on);
    }
    let mut out: Vec<Source> = by.into_values().collect();
    out.sort_by(|a, b| b.last_on.cmp(&a.last_on).then(a.facility.cmp(&b.facility)));
    out
}

pub struct ContactInput<'a> {
    pub name: &'a str,
    pub relationship: Option<&'a str>,
    pub phone: &'a str,
}

/// Sets (or, with `None`, removes) the emergency contact shown on the emergency card.
pub async fn set_emergency_contact(
    state: &AppState,
    actor: &Actor,
    input: Option<ContactInput<'_>>,
) -> Result<Option<emergency_contact::Model>, ServiceError> {
    let resident = resident_of(actor, Operation::ManageOwnProfile)?;
    let now = state.clock.now();
    let row = match input {
        None => None,
        Some(i) => {
            let mut v = Validator::new();
            let name = v.check("name", text::parse_name(i.name, 100));
            let relationship = match i.relationship.map(str::trim).filter(|r| !r.is_empty()) {
                None => Some(None),
                Some(r) => v.check("relationship", text::parse_name(r, 50)).map(Some),
            };
            let phone = v.check("phone", registration::parse_phone(i.phone));
            v.finish()?;
            let (Some(name), Some(relationship), Some(phone)) = (name, relationship, phone) else {
                return Err(crate::domain::Invalid::default().into());
            };
            Some(emergency_contact::Model { resident_id: resident, name, relationship, phone, updated_at: now })
        }
    };
    let tx = state.db.write().await?;
    match &row {
        Some(r) => medical::put_emergency_contact(&*tx, r.clone()).await?,
        None => medical::delete_emergency_contact(&*tx, resident).await?,
    }
    audit::append(
        &*tx,
        AuditEntry::new(actor, AuditAction::EmergencyContactSet, Channel::Web)
            .subject(SubjectKind::Resident, resident)
            .request_id(context::request_id())
            .detail(json!({ "removed": row.is_none() })),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(row)
}

const JP_PATIENT: &str = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient";
const JP_ALLERGY: &str = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_AllergyIntolerance";

fn profile(kind: MedicationKind) -> &'static str {
    match kind {
        MedicationKind::Request => "http://jpfhir.jp/fhir/core/StructureDefinition/JP_MedicationRequest",
        MedicationKind::Dispense => "http://jpfhir.jp/fhir/core/StructureDefinition/JP_MedicationDispense",
        MedicationKind::Statement => "http://jpfhir.jp/fhir/core/StructureDefinition/JP_MedicationStatement",
    }
}

fn date_value(on: NaiveDate, at: Option<DateTime<Utc>>) -> Value {
    match at {
        Some(t) => json!(t.with_timezone(&chrono_tz::Asia::Tokyo).to_rfc3339()),
        None => json!(on.format("%Y-%m-%d").to_string()),
    }
}

/// The resident's records as a FHIR R4 `collection` Bundle in the JP Core
/// profiles: their Patient, every medication record (all dates) and every
/// allergy, each naming the facility it came from.
/// The Patient, medication and allergy entries of a FHIR export.
pub(super) struct ClinicalEntries {
    pub patient_url: String,
    pub entries: Vec<Value>,
    pub medications: usize,
    pub allergies: usize,
}

/// Leaves out `hidden` (what the person hides from the proxy asking).
pub(super) async fn clinical_entries(
    db: &impl sea_orm::ConnectionTrait,
    resident: Uuid,
    hidden: &HashSet<Uuid>,
) -> Result<ClinicalEntries, ServiceError> {
    let r = residents::find(db, resident).await?.ok_or(ServiceError::NotFound)?;
    let insurance = residents::insurance_of(db, resident).await?;
    let meds: Vec<medication::Model> =
        medical::medications_of(db, resident, None).await?.into_iter().filter(|m| !hidden.contains(&m.id)).collect();
    let allergies: Vec<allergy::Model> =
        medical::allergies_of(db, resident).await?.into_iter().filter(|a| !hidden.contains(&a.id)).collect();
    let facilities =
        medical::facility_names(db, meds.iter().map(|m| m.facility_id).chain(allergies.iter().map(|a| a.facility_id)))
            .await?;

    let patient_url = format!("urn:uuid:{}", r.id);
    let mut identifiers = vec![json!({"system": REGISTRATION_NUMBER_SYSTEM, "value": r.registration_number})];
    for i in &insurance {
        identifiers.push(json!({"system": MEMBER_ID_SYSTEM, "value": format!("{}:{}:{}:{}", i.insurer_number, i.symbol, i.number, i.branch.as_deref().unwrap_or("00"))}));
    }
    let gender = match r.sex.as_str() {
        "male" => "male",
        "female" => "female",
        _ => "unknown",
    };
    let mut entries = vec![json!({
        "fullUrl": patient_url,
        "resource": {
            "resourceType": "Patient", "id": r.id.to_string(), "meta": {"profile": [JP_PATIENT]},
            "identifier": identifiers,
            "name": [
                {"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation", "valueCode": "IDE"}], "text": r.name},
                {"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation", "valueCode": "SYL"}], "text": r.name_kana},
            ],
            "gender": gender,
            "birthDate": r.birth_date.format("%Y-%m-%d").to_string(),
        }
    })];
    let source = |facility_id: Uuid| {
        let f = facilities.get(&facility_id);
        json!({"display": f.map(|f| f.name.clone()).unwrap_or_default(),
               "identifier": {"system": "http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no", "value": f.map(|f| f.code.clone()).unwrap_or_default()}})
    };
    for m in &meds {
        let Some(kind) = MedicationKind::parse(&m.kind) else { continue };
        let status = MedicationStatus::parse(&m.status).unwrap_or(MedicationStatus::Unknown);
        let mut coding = Vec::new();
        if let Some(code) = drug_code(m.code_system.as_deref(), m.code.as_deref()) {
            coding.push(json!({"system": code.system.uri(), "code": code.code, "display": m.name}));
        }
        let identifier = m
            .identifier
            .split_once('|')
            .map_or_else(|| json!({"value": m.identifier}), |(s, v)| json!({"system": s, "value": v}));
        let mut res = json!({
            "resourceType": kind.resource_type(), "id": m.id.to_string(), "meta": {"profile": [profile(kind)], "lastUpdated": m.updated_at.to_rfc3339()},
            "identifier": [identifier],
            "status": status.fhir(kind),
            "medicationCodeableConcept": {"text": m.name, "coding": coding},
            "subject": {"reference": patient_url},
        });
        let dosage = m.dosage.as_ref().map(|t| json!([{"text": t}]));
        let days =
            m.days.map(|d| json!({"value": d, "unit": "日", "system": "http://unitsofmeasure.org", "code": "d"}));
        let date = date_value(m.dated_on, m.dated_at);
        if let Some(o) = res.as_object_mut() {
            match kind {
                MedicationKind::Request => {
                    o.insert("intent".into(), json!("order"));
                    o.insert("authoredOn".into(), date);
                    o.insert("requester".into(), source(m.facility_id));
                    if let Some(d) = dosage {
                        o.insert("dosageInstruction".into(), d);
                    }
                    if let Some(d) = days {
                        o.insert("dispenseRequest".into(), json!({"expectedSupplyDuration": d}));
                    }
                }
                MedicationKind::Dispense => {
                    o.insert("whenHandedOver".into(), date);
                    let performer = match &m.dispenser {
                        Some(name) => json!({"display": name}),
                        None => source(m.facility_id),
                    };
                    o.insert("performer".into(), json!([{"actor": performer}]));
                    if let Some(d) = dosage {
                        o.insert("dosageInstruction".into(), d);
                    }
                    if let Some(d) = days {
                        o.insert("daysSupply".into(), d);
                    }
                }
                MedicationKind::Statement => {
                    o.insert("effectiveDateTime".into(), date);
                    o.insert("informationSource".into(), source(m.facility_id));
                    if let Some(d) = dosage {
                        o.insert("dosage".into(), d);
                    }
                }
            }
            if let Some(q) = &m.quantity {
                o.insert("note".into(), json!([{"text": q}]));
            }
        }
        entries.push(json!({"fullUrl": format!("urn:uuid:{}", m.id), "resource": res}));
    }
    for a in &allergies {
        let mut coding = Vec::new();
        if let Some(code) = drug_code(a.drug_code_system.as_deref(), a.drug_code.as_deref()) {
            coding.push(json!({"system": code.system.uri(), "code": code.code}));
        }
        if let (Some(s), Some(c)) = (&a.allergen_system, &a.allergen_code) {
            coding.push(json!({"system": s, "code": c}));
        }
        let (clinical, verification) = match a.status.as_str() {
            "active" => ("active", "confirmed"),
            "inactive" => ("inactive", "confirmed"),
            _ => ("inactive", "entered-in-error"),
        };
        let identifier = a
            .identifier
            .split_once('|')
            .map_or_else(|| json!({"value": a.identifier}), |(s, v)| json!({"system": s, "value": v}));
        let mut res = json!({
            "resourceType": "AllergyIntolerance", "id": a.id.to_string(), "meta": {"profile": [JP_ALLERGY], "lastUpdated": a.updated_at.to_rfc3339()},
            "identifier": [identifier],
            "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "code": clinical}]},
            "verificationStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "code": verification}]},
            "code": {"text": a.text, "coding": coding},
            "patient": {"reference": patient_url},
            "recordedDate": date_value(a.dated_on, a.dated_at),
            "recorder": source(a.facility_id),
        });
        if let Some(o) = res.as_object_mut() {
            if let Some(c) = &a.category {
                o.insert("category".into(), json!([c]));
            }
            if let Some(c) = &a.criticality {
                o.insert("criticality".into(), json!(c));
            }
        }
        entries.push(json!({"fullUrl": format!("urn:uuid:{}", a.id), "resource": res}));
    }
    Ok(ClinicalEntries { patient_url, entries, medications: meds.len(), allergies: allergies.len() })
}

/// A FHIR R4 `collection` Bundle in the JP Core profiles: the Patient and
/// every medication and allergy record of any date.
pub async fn export_fhir(state: &AppState, actor: &Actor) -> Result<Value, ServiceError> {
    let resident = resident_of(actor, Operation::ReadOwnHealthRecord)?;
    let now = state.clock.now();
    let hidden = super::proxies::hidden_from(state.db.reader(), actor).await?;
    let c = clinical_entries(state.db.reader(), resident, &hidden).await?;
    let tx = state.db.write().await?;
    audit::append(
        &*tx,
        AuditEntry::new(actor, AuditAction::HealthRecordExported, Channel::Web)
            .subject(SubjectKind::Resident, resident)
            .request_id(context::request_id())
            .detail(json!({ "format": "fhir", "medications": c.medications, "allergies": c.allergies })),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(collection(now, c.entries))
}

/// A FHIR `collection` Bundle of the given entries, made at `now`.
pub(super) fn collection(now: DateTime<Utc>, entries: Vec<Value>) -> Value {
    json!({
        "resourceType": "Bundle",
        "id": Uuid::now_v7().to_string(),
        "meta": {"lastUpdated": now.to_rfc3339()},
        "type": "collection",
        "timestamp": now.to_rfc3339(),
        "entry": entries,
    })
}
