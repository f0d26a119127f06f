//! Data from facilities' systems: FHIR JP Core Bundles and JAHIS
//! e-medication-notebook data, each request carrying the facility's API key
//! as a bearer token. FHIR answers are FHIR (OperationOutcome, response
//! Bundles); JAHIS answers use the API's own JSON.

use poem::web::Data;
use poem::{FromRequest, Request, RequestBody};
use poem_openapi::auth::Bearer;
use poem_openapi::param::Header;
use poem_openapi::payload::{Json, ParsePayload, Payload};
use poem_openapi::registry::{MetaSchema, MetaSchemaRef};
use poem_openapi::types::multipart::Upload;
use poem_openapi::{ApiRequest, ApiResponse, Multipart, Object, OpenApi, SecurityScheme};
use serde_json::{Value, json};

use super::ApiTags;
use super::error::{ApiError, ErrorBody, ErrorCode, ErrorDetail, body};
use super::messages;
use crate::app::AppState;
use crate::context;
use crate::domain::actor::Actor;
use crate::domain::fhir::{BundleKind, Issue, Reason};
use crate::service::intake::{self, EntryOutcome, IntakeError};
use crate::service::{ServiceError, facility_keys};

pub struct IntakeApi;

/// The facility system's API key (`rkf_…`), issued with
/// `renkei admin facility key create`.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", bearer_format = "rkf_<prefix>_<secret>")]
pub struct FacilityKey(Bearer);

/// A FHIR JSON body, read as bytes so that malformed and over-deep JSON get
/// an OperationOutcome rather than a generic error.
pub struct FhirJson(pub Vec<u8>);

impl Payload for FhirJson {
    const CONTENT_TYPE: &'static str = "application/fhir+json";

    fn check_content_type(content_type: &str) -> bool {
        let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        essence == "application/fhir+json" || essence == "application/json"
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema::new("object")))
    }
}

impl ParsePayload for FhirJson {
    const IS_REQUIRED: bool = true;

    async fn from_request(request: &Request, body: &mut RequestBody) -> poem::Result<Self> {
        Ok(Self(Vec::<u8>::from_request(request, body).await?))
    }
}

poem_openapi::impl_apirequest_for_payload!(FhirJson,);

/// A whole JAHIS file as bytes (`text/csv`, any charset parameter: the
/// encoding is detected from the bytes).
pub struct JahisCsv(pub Vec<u8>);

impl Payload for JahisCsv {
    const CONTENT_TYPE: &'static str = "text/csv";

    fn check_content_type(content_type: &str) -> bool {
        let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        essence == "text/csv" || essence == "text/plain" || essence == "application/octet-stream"
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema { format: Some("binary"), ..MetaSchema::new("string") }))
    }
}

impl ParsePayload for JahisCsv {
    const IS_REQUIRED: bool = true;

    async fn from_request(request: &Request, body: &mut RequestBody) -> poem::Result<Self> {
        Ok(Self(Vec::<u8>::from_request(request, body).await?))
    }
}

poem_openapi::impl_apirequest_for_payload!(JahisCsv,);

#[derive(Multipart, Debug)]
pub struct JahisParts {
    /// One file per QR code of split data, in any order.
    pub part: Vec<Upload>,
}

#[derive(ApiResponse)]
pub enum FhirResponse {
    /// Every entry answered: a `transaction-response` or `batch-response`
    /// Bundle whose entries carry `response.status` and an `outcome`
    /// OperationOutcome (stable reason codes under `urn:renkei:intake-reason`).
    #[oai(status = 200, content_type = "application/fhir+json")]
    Ok(Json<Value>),
    /// The Bundle cannot be processed (not a Bundle, wrong type, malformed
    /// JSON): an OperationOutcome. Nothing was stored.
    #[oai(status = 400, content_type = "application/fhir+json")]
    BadRequest(Json<Value>),
    /// No key, or an unknown or revoked key: an OperationOutcome.
    #[oai(status = 401, content_type = "application/fhir+json")]
    Unauthorized(Json<Value>),
    /// A `transaction` with refused entries: an OperationOutcome naming each
    /// refused entry. Nothing was stored.
    #[oai(status = 422, content_type = "application/fhir+json")]
    Unprocessable(Json<Value>),
    #[oai(status = 500, content_type = "application/fhir+json")]
    Internal(Json<Value>),
    #[oai(status = 503, content_type = "application/fhir+json")]
    Unavailable(Json<Value>),
}

/// renkei's code system of intake outcomes, under the deployment's URL
/// (every code is listed in `docs/intake.md`).
fn reason_system() -> String {
    crate::domain::fhir::own_system(&context::origin(), "CodeSystem/intake-reason")
}

fn issue_json(issue: &Issue, entry: Option<usize>) -> Value {
    let lang = context::lang();
    let mut expression = Vec::new();
    if let Some(i) = entry {
        expression.push(format!("Bundle.entry[{i}]"));
    }
    if let Some(e) = &issue.expression {
        expression.push(e.clone());
    }
    let mut v = json!({
        "severity": issue.severity.as_str(),
        "code": issue.reason.issue_type(),
        "details": {
            "coding": [{"system": reason_system(), "code": issue.reason.as_str()}],
            "text": messages::fhir_reason(lang, issue.reason),
        },
    });
    if !expression.is_empty()
        && let Some(o) = v.as_object_mut()
    {
        o.insert("expression".into(), json!(expression));
    }
    v
}

/// An OperationOutcome with an id of its own (each entry's outcome is a resource).
fn outcome(issues: Vec<Value>) -> Value {
    json!({"resourceType": "OperationOutcome", "id": uuid::Uuid::now_v7().to_string(), "issue": issues})
}

/// An OperationOutcome for an error outside the entries (auth, body, server).
pub fn error_outcome(code: &str, issue_type: &str, text: &str) -> Value {
    outcome(vec![json!({
        "severity": if issue_type == "exception" || issue_type == "transient" { "fatal" } else { "error" },
        "code": issue_type,
        "details": {"coding": [{"system": crate::domain::fhir::own_system(&context::origin(), "CodeSystem/error"), "code": code}], "text": text},
    })])
}

fn status_text(status: u16) -> &'static str {
    match status {
        200 => "200 OK",
        201 => "201 Created",
        404 => "404 Not Found",
        409 => "409 Conflict",
        422 => "422 Unprocessable Entity",
        _ => "400 Bad Request",
    }
}

fn response_bundle(kind: BundleKind, entries: &[EntryOutcome]) -> Value {
    let entries: Vec<Value> = entries
        .iter()
        .map(|e| {
            // No `location`: the records are read through the resident's
            // views, not at a FHIR address of their own.
            let response = json!({
                "status": status_text(e.status),
                "outcome": outcome(e.issues.iter().map(|i| issue_json(i, None)).collect()),
            });
            json!({"response": response})
        })
        .collect();
    let kind = match kind {
        // A document is taken in whole, like a transaction.
        BundleKind::Transaction | BundleKind::Document => "transaction-response",
        BundleKind::Collection => "batch-response",
    };
    json!({"resourceType": "Bundle", "type": kind, "entry": entries})
}

/// A failure outside the entries, as an OperationOutcome with the API's error code.
fn service_failure(e: ServiceError) -> FhirResponse {
    let outcome = |code: ErrorCode, name: &str, issue_type: &str| {
        Json(error_outcome(name, issue_type, messages::error(context::lang(), code)))
    };
    match e {
        ServiceError::Denied(_) => {
            FhirResponse::Unauthorized(outcome(ErrorCode::Unauthorized, "unauthorized", "login"))
        }
        ServiceError::Unavailable => {
            FhirResponse::Unavailable(outcome(ErrorCode::ServiceUnavailable, "service_unavailable", "transient"))
        }
        ServiceError::Internal(detail) => {
            tracing::error!(error = %detail, "internal error");
            FhirResponse::Internal(outcome(ErrorCode::Internal, "internal", "exception"))
        }
        _ => FhirResponse::BadRequest(outcome(ErrorCode::BadRequest, "bad_request", "processing")),
    }
}

async fn facility_actor(state: &AppState, key: &FacilityKey) -> Result<Actor, ServiceError> {
    facility_keys::authenticate(state, &key.0.token)
        .await?
        .ok_or(ServiceError::Denied(crate::domain::access::Denied::SignInRequired))
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct JahisItemResult {
    /// The line of the drug (201) or note (2) record in the joined data.
    pub line: u32,
    /// `medication` or `allergy`.
    pub kind: String,
    /// `accepted`, `updated`, `unchanged`, `before_consent`, `future_date`, `identifier_conflict`.
    pub outcome: String,
    pub message: String,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct JahisResult {
    /// The JAHIS format version the data declared (e.g. `2.5/2.6`).
    pub version: String,
    pub accepted: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub refused: u32,
    pub items: Vec<JahisItemResult>,
}

fn jahis_error(e: IntakeError) -> ApiError {
    match e {
        IntakeError::Service(s) => s.into(),
        IntakeError::Jahis(j) => {
            let mut b: ErrorBody = body(ErrorCode::JahisInvalid, None);
            b.detail = Some(ErrorDetail {
                reason: j.code.as_str().to_owned(),
                line: j.line.and_then(|l| u32::try_from(l).ok()),
                text: j.detail,
            });
            ApiError::Unprocessable(Json(b))
        }
        IntakeError::Patient(Reason::PatientUnknown) => ApiError::new(ErrorCode::PatientUnknown),
        IntakeError::Patient(Reason::PatientMismatch) => ApiError::new(ErrorCode::PatientMismatch),
        IntakeError::Patient(_) => ApiError::new(ErrorCode::NoConsent),
        IntakeError::Bundle(_) | IntakeError::Transaction(_) => ApiError::new(ErrorCode::BadRequest),
    }
}

#[OpenApi(tag = "ApiTags::Intake")]
impl IntakeApi {
    /// Send FHIR JP Core data
    ///
    /// A FHIR R4 Bundle (`transaction`: all or nothing; `collection`: each
    /// entry on its own) of Patient, MedicationRequest, MedicationDispense,
    /// MedicationStatement and AllergyIntolerance resources. The patient is
    /// identified by the insurance member id
    /// (`http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID`,
    /// `insurerNo:symbol:number:branch`) or the registration number
    /// (`urn:renkei:registration-number`). Accepted only for a resident with a
    /// current consent in a network this facility belongs to, and only for
    /// data dated on or after that consent began. Every record needs an
    /// `identifier`: sending it again updates it instead of duplicating it.
    #[oai(path = "/fhir", method = "post", operation_id = "submitFhir")]
    async fn fhir(&self, state: Data<&AppState>, key: FacilityKey, body: FhirJson) -> FhirResponse {
        let actor = match facility_actor(&state, &key).await {
            Ok(a) => a,
            Err(e) => return service_failure(e),
        };
        let value: Value = match serde_json::from_slice(&body.0) {
            Ok(v) => v,
            Err(_) => {
                let issue = Issue::new(Reason::InvalidJson);
                return FhirResponse::BadRequest(Json(outcome(vec![issue_json(&issue, None)])));
            }
        };
        match intake::fhir(&state, &actor, &value).await {
            Ok(o) => FhirResponse::Ok(Json(response_bundle(o.kind, &o.entries))),
            Err(IntakeError::Bundle(issue)) => FhirResponse::BadRequest(Json(outcome(vec![issue_json(&issue, None)]))),
            Err(IntakeError::Transaction(entries)) => {
                let issues = entries
                    .iter()
                    .filter(|e| e.status >= 400 && !e.issues.iter().any(|i| i.reason == Reason::RolledBack))
                    .flat_map(|e| e.issues.iter().map(|i| issue_json(i, Some(e.index))))
                    .collect();
                FhirResponse::Unprocessable(Json(outcome(issues)))
            }
            Err(IntakeError::Service(e)) => service_failure(e),
            Err(other) => {
                tracing::error!(error = %other, "unexpected intake outcome");
                service_failure(ServiceError::Internal("unexpected intake outcome".into()))
            }
        }
    }

    /// Send JAHIS e-medication-notebook data
    ///
    /// The CSV of 電子版お薬手帳データフォーマット versions 2.x (Shift_JIS or
    /// UTF-8, Western or Japanese-era dates) as `text/csv`, or split QR data
    /// as `multipart/form-data` with one `part` file per QR code. The
    /// `Renkei-Patient` header names the resident: an insurance member id
    /// `insurerNo:symbol:number:branch` or a registration number; the data's
    /// own patient record must agree with them (birth date, sex). Drugs
    /// become dispensing records; patient notes of the allergy and
    /// side-effect kinds become allergies. Unreadable data is refused whole.
    #[oai(path = "/jahis", method = "post", operation_id = "submitJahis")]
    async fn jahis(
        &self,
        state: Data<&AppState>,
        key: FacilityKey,
        /// Whom the data is about: an insurance member id
        /// (`insurerNo:symbol:number:branch`) or a registration number. A header,
        /// not the query, so that access logs of proxies do not keep it.
        #[oai(name = "Renkei-Patient")]
        patient: Header<String>,
        body: JahisRequest,
    ) -> Result<Json<JahisResult>, ApiError> {
        let actor = facility_actor(&state, &key).await?;
        let parts: Vec<Vec<u8>> = match body {
            JahisRequest::Csv(c) => vec![c.0],
            JahisRequest::Parts(p) => {
                let mut out = Vec::with_capacity(p.part.len());
                for u in p.part {
                    out.push(u.into_vec().await.map_err(|_| ApiError::new(ErrorCode::InvalidBody))?);
                }
                out
            }
        };
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        let o = intake::jahis(&state, &actor, &patient.0, &refs).await.map_err(jahis_error)?;
        let lang = context::lang();
        let count = |f: &dyn Fn(Reason) -> bool| o.items.iter().filter(|i| f(i.reason)).count() as u32;
        Ok(Json(JahisResult {
            version: o.version.clone(),
            accepted: count(&|r| r == Reason::Accepted),
            updated: count(&|r| r == Reason::Updated),
            unchanged: count(&|r| r == Reason::Unchanged),
            refused: count(&|r| !matches!(r, Reason::Accepted | Reason::Updated | Reason::Unchanged)),
            items: o
                .items
                .iter()
                .map(|i| JahisItemResult {
                    line: u32::try_from(i.line).unwrap_or(u32::MAX),
                    kind: i.kind.to_owned(),
                    outcome: i.reason.as_str().to_owned(),
                    message: messages::fhir_reason(lang, i.reason).to_owned(),
                })
                .collect(),
        }))
    }
}

#[derive(ApiRequest)]
pub enum JahisRequest {
    /// The whole data, as exported (Shift_JIS or UTF-8).
    Csv(JahisCsv),
    /// Split QR data: one `part` file per QR code, in any order.
    Parts(JahisParts),
}
