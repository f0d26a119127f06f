//! Facilities as tests meet them: the demo network's facilities, their API
//! keys, FHIR Bundles written from the JP Core profiles, and reading intake's answers.

use poem::http::StatusCode;
use renkei_api::cli::{AdminCommand, FacilityCommand, FacilityKeyCommand, NetworkCommand};
use serde_json::{Value, json};

use super::client::read;
use super::{TestApp, admin};

pub const HOSPITAL: &str = "1410900001";
pub const CLINIC: &str = "1410900002";
pub const PHARMACY: &str = "1440900004";
/// A clinic of another network only.
pub const OUTSIDER: &str = "1310000019";

pub const MEMBER: &str = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID";
pub const YJ: &str = "http://capstandard.jp/iyaku.info/CodeSystem/YJ-code";
pub const INSTANCE: &str = "http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier";
/// The resident of `details()`: 33120015:12:3456:01, born 1950-04-01, female.
pub const HANAKO: &str = "33120015:12:3456:01";

/// Issues an API key for a facility and returns it.
pub async fn issue_key(app: &TestApp, facility: &str) -> String {
    let out = admin(
        app,
        AdminCommand::Facility(FacilityCommand::Key(FacilityKeyCommand::Create {
            facility: facility.into(),
            label: "電子カルテ連携".into(),
        })),
    )
    .await
    .unwrap();
    out.split_whitespace().find(|w| w.starts_with("rkf_")).expect("a key in the output").to_owned()
}

/// Another network, よそネット, with one clinic ([`OUTSIDER`]) in it only.
pub async fn add_outsider(app: &TestApp) {
    admin(
        app,
        AdminCommand::Network(NetworkCommand::Add {
            code: "other".into(), name: "よそネット".into(), name_en: None
        }),
    )
    .await
    .unwrap();
    admin(
        app,
        AdminCommand::Facility(FacilityCommand::Add {
            code: OUTSIDER.into(),
            name: "よそ内科".into(),
            name_en: None,
            kind: "clinic".into(),
            networks: vec!["other".into()],
        }),
    )
    .await
    .unwrap();
}

pub fn patient(member: &str) -> Value {
    json!({"fullUrl": "urn:uuid:0b7e8f0c-0000-4000-8000-000000000001", "resource": {
        "resourceType": "Patient", "id": "hanako",
        "meta": {"profile": ["http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient"]},
        "identifier": [{"system": MEMBER, "value": member}],
        "name": [{"text": "山田 花子"}], "gender": "female", "birthDate": "1950-04-01"}})
}

pub fn request(id: &str, yj: &str, name: &str, authored: &str, days: u32) -> Value {
    json!({"fullUrl": format!("urn:uuid:{}", uuid::Uuid::now_v7()), "request": {"method": "POST", "url": "MedicationRequest"}, "resource": {
        "resourceType": "MedicationRequest",
        "meta": {"profile": ["http://jpfhir.jp/fhir/core/StructureDefinition/JP_MedicationRequest"]},
        // JP-CLINS: the Rp number, the order within the Rp, and the instance id that is the record's key.
        "identifier": [{"system": "urn:oid:1.2.392.100495.20.3.81", "value": "1"},
            {"system": "urn:oid:1.2.392.100495.20.3.82", "value": "1"},
            {"system": INSTANCE, "value": id}],
        "status": "active", "intent": "order",
        "medicationCodeableConcept": {"text": name, "coding": [{"system": YJ, "code": yj, "display": name}]},
        "subject": {"reference": "urn:uuid:0b7e8f0c-0000-4000-8000-000000000001"},
        "authoredOn": authored,
        "dosageInstruction": [{"text": "1日1回朝食後", "timing": {"code": {"coding": [{"system": "urn:oid:1.2.392.200250.2.2.20.20", "code": "1013044400000000"}]}}}],
        "dispenseRequest": {"quantity": {"value": days, "unit": "錠", "system": "urn:oid:1.2.392.100495.20.2.101", "code": "TAB"},
            "expectedSupplyDuration": {"value": days, "unit": "日", "system": "http://unitsofmeasure.org", "code": "d"}}}})
}

pub fn dispense(id: &str, yj: &str, name: &str, handed: &str, days: u32) -> Value {
    json!({"request": {"method": "POST", "url": "MedicationDispense"}, "resource": {
        "resourceType": "MedicationDispense",
        "identifier": [{"system": "urn:oid:1.2.392.100495.20.3.81", "value": "1"}, {"system": INSTANCE, "value": id}],
        "status": "completed",
        "medicationCodeableConcept": {"text": name, "coding": [{"system": YJ, "code": yj}]},
        "subject": {"reference": "urn:uuid:0b7e8f0c-0000-4000-8000-000000000001"},
        "whenHandedOver": handed,
        "quantity": {"value": days * 3, "unit": "錠"},
        "daysSupply": {"value": days, "unit": "日", "system": "http://unitsofmeasure.org", "code": "d"},
        "dosageInstruction": [{"text": "1日3回毎食後"}]}})
}

pub fn contraindication(id: &str, recorded: &str) -> Value {
    json!({"request": {"method": "POST", "url": "AllergyIntolerance"}, "resource": {
        "resourceType": "AllergyIntolerance",
        "meta": {"profile": ["http://jpfhir.jp/fhir/core/StructureDefinition/JP_AllergyIntolerance"]},
        "identifier": [{"system": "urn:oid:1.2.392.100495.20.3.41", "value": id}],
        "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "code": "active"}]},
        "verificationStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "code": "confirmed"}]},
        "category": ["medication"], "criticality": "high",
        "code": {"text": "ロキソプロフェン（薬剤禁忌）", "coding": [{"system": YJ, "code": "1149019F1560"}]},
        "patient": {"reference": "urn:uuid:0b7e8f0c-0000-4000-8000-000000000001"},
        "recordedDate": recorded}})
}

pub fn bundle(kind: &str, entries: Vec<Value>) -> Value {
    json!({"resourceType": "Bundle", "type": kind, "entry": entries})
}

pub async fn send(app: &TestApp, key: &str, body: &Value) -> (StatusCode, poem::http::HeaderMap, Value) {
    read(
        app.client
            .post("/api/fhir")
            .header("authorization", format!("Bearer {key}"))
            .content_type("application/fhir+json")
            .body(body.to_string())
            .send()
            .await,
    )
    .await
}

pub fn statuses(resp: &Value) -> Vec<String> {
    resp["entry"].as_array().unwrap().iter().map(|e| e["response"]["status"].as_str().unwrap().to_owned()).collect()
}

pub fn reasons(resp: &Value) -> Vec<String> {
    resp["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["response"]["outcome"]["issue"][0]["details"]["coding"][0]["code"].as_str().unwrap().to_owned())
        .collect()
}

/// The reason codes and expressions of an OperationOutcome.
pub fn outcome_issues(o: &Value) -> Vec<(String, Vec<String>)> {
    assert_eq!(o["resourceType"], "OperationOutcome", "{o}");
    o["issue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let exprs = i["expression"].as_array().map(|a| a.iter().map(|e| e.as_str().unwrap().to_owned()).collect());
            (i["details"]["coding"][0]["code"].as_str().unwrap().to_owned(), exprs.unwrap_or_default())
        })
        .collect()
}

/// A JAHIS file's text as sent: Shift_JIS.
pub fn sjis(s: &str) -> Vec<u8> {
    let (bytes, _, errors) = encoding_rs::SHIFT_JIS.encode(s);
    assert!(!errors);
    bytes.into_owned()
}

/// Sends a JAHIS file for `patient` (a member id or registration number).
pub async fn send_jahis(app: &TestApp, key: &str, patient: &str, body: Vec<u8>) -> (StatusCode, Value) {
    let (status, _, v) = read(
        app.client
            .post("/api/jahis")
            .header("renkei-patient", patient)
            .header("authorization", format!("Bearer {key}"))
            .content_type("text/csv; charset=Shift_JIS")
            .body(body)
            .send()
            .await,
    )
    .await;
    (status, v)
}

/// Each dispensing's outcome of a JAHIS file accepted for `patient`, in order.
pub async fn jahis_outcomes(app: &TestApp, key: &str, patient: &str, body: Vec<u8>) -> Vec<String> {
    let (status, r) = send_jahis(app, key, patient, body).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    r["items"].as_array().unwrap().iter().map(|i| i["outcome"].as_str().unwrap().to_owned()).collect()
}
