//! The person's record as FHIR (JP Core profiles): the clinical entries of
//! a Bundle, shared by the record's FHIR export and the data-rights export.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::domain::fhir::{INSTANCE_ID_SYSTEM, MEMBER_ID_SYSTEM, record_key, registration_number_system};
use crate::domain::medication::{CodeSystem, Detail, DrugCode, MedicationKind, MedicationStatus, Origin};
use crate::service::ServiceError;
use crate::store::entity::{allergy, medication};
use crate::store::{medical, residents};

pub(crate) fn drug_code(system: Option<&str>, code: Option<&str>) -> Option<DrugCode> {
    DrugCode::parse(CodeSystem::parse(system?)?, code?)
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
        Some(t) => json!(crate::domain::japan_time::rfc3339(t)),
        None => json!(on.format("%Y-%m-%d").to_string()),
    }
}

/// The resident's records as a FHIR R4 `collection` Bundle in the JP Core
/// profiles: their Patient, every medication record (all dates) and every
/// allergy, each naming the facility it came from.
/// The Patient, medication and allergy entries of a FHIR export.
pub(crate) struct ClinicalEntries {
    pub patient_url: String,
    pub entries: Vec<Value>,
    pub medications: usize,
    pub allergies: usize,
}

const JP_COVERAGE: &str = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Coverage";
const MEDICAL_INSTITUTION_SYSTEM: &str = "http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no";

/// The identifiers a record is exported with: those its sender gave (so the
/// export taken in again keys each record as before), or, for data that came
/// with none (JAHIS), a resource instance identifier made of the record's id.
fn identifiers_json(id: Uuid, stored: &str, detail: &Detail) -> Vec<Value> {
    if !detail.identifiers.is_empty() {
        let mut ids: Vec<Value> =
            detail.identifiers.iter().map(|i| json!({"system": i.system, "value": i.value})).collect();
        // Keyed by something outside the resource (a document's Bundle.identifier):
        // the key goes with it, so that the record is the same one when sent again.
        if record_key(&detail.identifiers, None).as_deref() != Some(stored) {
            ids.push(json!({"system": INSTANCE_ID_SYSTEM, "value": stored}));
        }
        return ids;
    }
    match stored.split_once('|') {
        Some((s, v)) if !stored.starts_with("jahis") => vec![json!({"system": s, "value": v})],
        _ => vec![json!({"system": INSTANCE_ID_SYSTEM, "value": id.to_string()})],
    }
}

/// The codings a record is exported with: every coding as its sender wrote
/// it (renkei's own price-list system under its documented URL).
fn codings_json(detail: &Detail, code: Option<DrugCode>, name: Option<&str>, public_url: &str) -> Vec<Value> {
    let coding = |system: &str, code: &str, display: Option<&str>| {
        let system = match CodeSystem::from_uri(system) {
            Some(CodeSystem::PriceList) => CodeSystem::PriceList.export_uri(public_url),
            _ => system.to_owned(),
        };
        let mut c = json!({"system": system, "code": code});
        if let Some(d) = display {
            c["display"] = json!(d);
        }
        c
    };
    if !detail.codings.is_empty() {
        return detail.codings.iter().map(|c| coding(&c.system, &c.code, c.display.as_deref())).collect();
    }
    code.map(|c| coding(&c.system.export_uri(public_url), &c.code, name)).into_iter().collect()
}

/// Leaves out `hidden` (what the person hides from the proxy asking).
/// Which of a person's records a Bundle holds.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shown<'a> {
    /// Every record but these (those a person hides from a proxy), with
    /// the insurance: the person's own download.
    AllBut(&'a HashSet<Uuid>),
    /// Only these (what a facility's staff member may see), without the
    /// insurance.
    Only(&'a HashSet<Uuid>),
}

impl Shown<'_> {
    fn shows(&self, id: Uuid) -> bool {
        match self {
            Self::AllBut(hidden) => !hidden.contains(&id),
            Self::Only(ids) => ids.contains(&id),
        }
    }
}

pub(crate) async fn clinical_entries(
    db: &impl sea_orm::ConnectionTrait,
    resident: Uuid,
    shown: Shown<'_>,
    public_url: &str,
) -> Result<ClinicalEntries, ServiceError> {
    let r = residents::find(db, resident).await?.ok_or(ServiceError::NotFound)?;
    // A facility is not sent the person's insurance: it found them by it, or
    // by their QR or number.
    let insurance =
        if matches!(shown, Shown::AllBut(_)) { residents::insurance_of(db, resident).await? } else { Vec::new() };
    let meds: Vec<medication::Model> =
        medical::medications_of(db, resident, None).await?.into_iter().filter(|m| shown.shows(m.id)).collect();
    let allergies: Vec<allergy::Model> =
        medical::allergies_of(db, resident).await?.into_iter().filter(|a| shown.shows(a.id)).collect();
    let facilities =
        medical::facility_names(db, meds.iter().map(|m| m.facility_id).chain(allergies.iter().map(|a| a.facility_id)))
            .await?;

    let patient_url = format!("urn:uuid:{}", r.id);
    let identifiers = vec![json!({"system": registration_number_system(public_url), "value": r.registration_number})];
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
    // The insurance as JP Core puts it: a Coverage per document, whose
    // beneficiary is the Patient (the branch left empty when there is none).
    for i in &insurance {
        let member = crate::domain::insurance::member_id(&i.insurer_number, &i.symbol, &i.number, i.branch.as_deref());
        let mut coverage = json!({
            "resourceType": "Coverage", "id": i.id.to_string(), "meta": {"profile": [JP_COVERAGE]},
            "identifier": [{"system": MEMBER_ID_SYSTEM, "value": member}],
            "status": "active",
            "beneficiary": {"reference": patient_url},
            "payor": [{"identifier": {"system": "urn:oid:1.2.392.100495.20.3.61", "value": i.insurer_number}}],
            "subscriberId": format!("{}:{}", i.symbol, i.number),
        });
        if let Some(b) = &i.branch {
            coverage["dependent"] = json!(b);
        }
        // The days it was valid, as far as they are known (one given at
        // registration has no first day on record).
        let mut period = serde_json::Map::new();
        if let Some(from) = i.valid_from {
            period.insert("start".into(), json!(from.to_string()));
        }
        if let Some(to) = i.valid_to {
            period.insert("end".into(), json!(to.to_string()));
        }
        if !period.is_empty() {
            coverage["period"] = serde_json::Value::Object(period);
        }
        entries.push(json!({"fullUrl": format!("urn:uuid:{}", i.id), "resource": coverage}));
    }
    let source = |facility_id: Uuid| {
        let f = facilities.get(&facility_id);
        json!({"display": f.map(|f| f.name.clone()).unwrap_or_default(),
               "identifier": {"system": MEDICAL_INSTITUTION_SYSTEM, "value": f.map(|f| f.code.clone()).unwrap_or_default()}})
    };
    for m in &meds {
        let Some(kind) = MedicationKind::parse(&m.kind) else { continue };
        let status = MedicationStatus::parse(&m.status).unwrap_or(MedicationStatus::Unknown);
        let detail = Detail::from_json(m.detail.as_deref());
        let code = drug_code(m.code_system.as_deref(), m.code.as_deref());
        let coding = codings_json(&detail, code, Some(&m.name), public_url);
        let mut res = json!({
            "resourceType": kind.resource_type(), "id": m.id.to_string(), "meta": {"profile": [profile(kind)], "lastUpdated": m.updated_at.to_rfc3339()},
            "identifier": identifiers_json(m.id, &m.identifier, &detail),
            "status": status.fhir(kind),
            "medicationCodeableConcept": {"text": m.name, "coding": coding},
            "subject": {"reference": patient_url},
        });
        let dosage = m.dosage.as_ref().map(|t| json!([{"text": t}]));
        let days =
            m.days.map(|d| json!({"value": d, "unit": "日", "system": "http://unitsofmeasure.org", "code": "d"}));
        let quantity = detail.quantity.as_ref().and_then(|q| serde_json::to_value(q).ok());
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
                    let mut dispense = serde_json::Map::new();
                    if let Some(q) = &quantity {
                        dispense.insert("quantity".into(), q.clone());
                    }
                    if let Some(d) = days.clone() {
                        dispense.insert("expectedSupplyDuration".into(), d);
                    }
                    if !dispense.is_empty() {
                        o.insert("dispenseRequest".into(), Value::Object(dispense));
                    }
                }
                MedicationKind::Dispense => {
                    o.insert("whenHandedOver".into(), date);
                    let performer = match &m.dispenser {
                        Some(name) => json!({"display": name}),
                        None => source(m.facility_id),
                    };
                    o.insert("performer".into(), json!([{"actor": performer}]));
                    if let Some(q) = &quantity {
                        o.insert("quantity".into(), q.clone());
                    }
                    if let Some(d) = dosage {
                        o.insert("dosageInstruction".into(), d);
                    }
                    if let Some(d) = days.clone() {
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
            let mut notes = Vec::new();
            // The amount as written, when it did not come as a Quantity (JAHIS: dose × days).
            if quantity.is_none()
                && let Some(q) = &m.quantity
            {
                notes.push(json!({"text": q}));
            }
            if Origin::parse(&m.origin) == Origin::Patient {
                notes.push(json!({"text": "患者が持参したお薬手帳データから / provided by the patient"}));
            }
            if !notes.is_empty() {
                o.insert("note".into(), json!(notes));
            }
        }
        entries.push(json!({"fullUrl": format!("urn:uuid:{}", m.id), "resource": res}));
    }
    for a in &allergies {
        let detail = Detail::from_json(a.detail.as_deref());
        let mut coding =
            codings_json(&detail, drug_code(a.drug_code_system.as_deref(), a.drug_code.as_deref()), None, public_url);
        if detail.codings.is_empty()
            && let (Some(s), Some(c)) = (&a.allergen_system, &a.allergen_code)
        {
            coding.push(json!({"system": s, "code": c}));
        }
        let mut res = json!({
            "resourceType": "AllergyIntolerance", "id": a.id.to_string(), "meta": {"profile": [JP_ALLERGY], "lastUpdated": a.updated_at.to_rfc3339()},
            "identifier": identifiers_json(a.id, &a.identifier, &detail),
            "code": {"text": a.text, "coding": coding},
            "patient": {"reference": patient_url},
            "recordedDate": date_value(a.dated_on, a.dated_at),
            // The facility that recorded it: a recorder is a person or a role,
            // not an organization, so a role at the facility.
            "contained": [{"resourceType": "PractitionerRole", "id": "source", "organization": source(a.facility_id)}],
            "recorder": {"reference": "#source"},
        });
        if let Some(o) = res.as_object_mut() {
            let verification = match a.status.as_str() {
                "active" | "inactive" => {
                    // ait-2: no clinicalStatus on a record entered in error.
                    o.insert("clinicalStatus".into(), json!({"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "code": a.status}]}));
                    "confirmed"
                }
                _ => "entered-in-error",
            };
            o.insert("verificationStatus".into(), json!({"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "code": verification}]}));
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

/// A FHIR `collection` Bundle of the given entries, made at `now`.
pub(crate) fn collection(now: DateTime<Utc>, entries: Vec<Value>) -> Value {
    json!({
        "resourceType": "Bundle",
        "id": Uuid::now_v7().to_string(),
        "meta": {"lastUpdated": now.to_rfc3339()},
        "type": "collection",
        "timestamp": now.to_rfc3339(),
        "entry": entries,
    })
}
