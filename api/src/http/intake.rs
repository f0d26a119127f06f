//! Data from facilities' systems: FHIR JP Core Bundles and JAHIS
//! e-medication-notebook data, each request carrying the facility's API key
//! as a bearer token. FHIR answers are FHIR (OperationOutcome, response
//! Bundles); JAHIS answers use the API's own JSON.

use super::closed::{self, OneOf};
use crate::http::error::{Refusal, can};
use poem::web::Data;
use poem::{FromRequest, Request, RequestBody};
use poem_openapi::auth::Bearer;
use poem_openapi::param::Header;
use poem_openapi::payload::{Json, ParsePayload, Payload};
use poem_openapi::registry::{MetaSchema, MetaSchemaRef};
use poem_openapi::types::multipart::Upload;
use poem_openapi::{ApiRequest, ApiResponse, Multipart, Object, OpenApi, SecurityScheme};
use serde_json::Value;

use super::error::{ApiError, ErrorBody, ErrorCode, ErrorDetail, body};
use super::tags::ApiTags;
use crate::context;
use crate::domain::actor::Actor;
use crate::domain::fhir::{BundleKind, Issue, Reason};
use crate::errors::texts as messages;
use crate::service::intake::{self, EntryOutcome, IntakeError};
use crate::service::{ServiceError, facility_keys};
use crate::state::AppState;

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

    /// What JSON Schema can say of a FHIR R4 Bundle as taken here; the
    /// rest (JP Core profiles, bdl-9 for documents, …) is FHIR's own, and a
    /// Bundle that breaks it is answered 400 (docs/intake.md).
    fn schema_ref() -> MetaSchemaRef {
        let string_of = |values: &[&str]| {
            MetaSchemaRef::Inline(Box::new(MetaSchema {
                enum_items: values.iter().map(|v| serde_json::Value::from(*v)).collect(),
                ..MetaSchema::new("string")
            }))
        };
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            description: Some("A FHIR R4 Bundle of type `transaction`, `collection` or `document`."),
            required: vec!["resourceType", "type", "entry"],
            properties: vec![
                ("resourceType", string_of(&["Bundle"])),
                ("type", string_of(&["transaction", "collection", "document"])),
                (
                    "entry",
                    MetaSchemaRef::Inline(Box::new(MetaSchema {
                        items: Some(Box::new(MetaSchemaRef::Inline(Box::new(MetaSchema::new("object"))))),
                        min_items: Some(1),
                        max_items: Some(crate::domain::fhir::MAX_ENTRIES),
                        ..MetaSchema::new("array")
                    })),
                ),
            ],
            ..MetaSchema::new("object")
        }))
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

/// A coding of an OperationOutcome's details: renkei's own code systems
/// (`{RENKEI_PUBLIC_URL}/fhir/CodeSystem/intake-reason` for entries,
/// `…/error` for the request as a whole).
#[derive(Object, Debug, Clone)]
pub struct OutcomeCoding {
    pub system: String,
    pub code: String,
}

#[derive(Object, Debug, Clone)]
pub struct OutcomeDetails {
    pub coding: Vec<OutcomeCoding>,
    /// What to do, in the language of `Accept-Language` (Japanese by default).
    pub text: String,
}

/// One issue of an OperationOutcome (FHIR R4).
#[derive(Object, Debug, Clone)]
pub struct OutcomeIssue {
    /// `fatal`, `error`, `warning` or `information`.
    pub severity: OneOf<closed::IssueSeverity>,
    /// The FHIR issue type (`required`, `code-invalid`, `business-rule`, …).
    pub code: String,
    pub details: OutcomeDetails,
    /// FHIRPath of the element concerned (`Bundle.entry[2]`, `MedicationRequest.authoredOn`).
    #[oai(skip_serializing_if_is_none)]
    pub expression: Option<Vec<String>>,
}

/// A FHIR R4 OperationOutcome.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct OperationOutcome {
    /// Always `OperationOutcome`.
    pub resource_type: String,
    /// Each outcome is a resource of its own, with its own id.
    pub id: String,
    pub issue: Vec<OutcomeIssue>,
}

/// What became of one entry, in the order sent.
#[derive(Object, Debug, Clone)]
pub struct EntryResponse {
    /// `201 Created`, `200 OK` (updated, unchanged or read past), or a 4xx refusal.
    pub status: String,
    pub outcome: OperationOutcome,
}

#[derive(Object, Debug, Clone)]
pub struct ResponseEntry {
    pub response: EntryResponse,
}

/// A FHIR R4 `transaction-response` or `batch-response` Bundle.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct ResponseBundle {
    /// Always `Bundle`.
    pub resource_type: String,
    /// `transaction-response` (a transaction or a document) or `batch-response` (a collection).
    #[oai(rename = "type")]
    pub kind: OneOf<closed::ResponseBundleType>,
    pub entry: Vec<ResponseEntry>,
}

/// The body of an answer to `POST /api/fhir`.
pub enum FhirBody {
    Bundle(ResponseBundle),
    Outcome(OperationOutcome),
}

/// An answer to `POST /api/fhir`, as `application/fhir+json` or, for a
/// client that asks for it in `Accept`, `application/json` (the same body).
pub struct FhirResponse {
    status: poem::http::StatusCode,
    body: FhirBody,
    plain_json: bool,
}

impl FhirResponse {
    fn new(status: u16, body: FhirBody) -> Self {
        let status = poem::http::StatusCode::from_u16(status).unwrap_or(poem::http::StatusCode::INTERNAL_SERVER_ERROR);
        Self { status, body, plain_json: false }
    }

    /// Answers in the media type the client prefers (FHIR's own unless it asks for plain JSON only).
    fn for_request(mut self, req: &Request) -> Self {
        self.plain_json = wants_plain_json(req.headers().get(poem::http::header::ACCEPT).and_then(|v| v.to_str().ok()));
        self
    }
}

/// Whether an `Accept` header prefers `application/json` to `application/fhir+json`.
fn wants_plain_json(accept: Option<&str>) -> bool {
    let Some(accept) = accept else { return false };
    let q = |media: &str| {
        accept
            .split(',')
            .filter_map(|part| {
                let mut it = part.split(';').map(str::trim);
                let m = it.next()?.to_ascii_lowercase();
                let q = it.find_map(|p| p.strip_prefix("q=")).and_then(|v| v.parse::<f32>().ok()).unwrap_or(1.0);
                (m == media).then_some(q)
            })
            .fold(None, |best: Option<f32>, q| Some(best.map_or(q, |b| b.max(q))))
    };
    match (q("application/json"), q("application/fhir+json")) {
        (Some(json), Some(fhir)) => json > fhir,
        (Some(json), None) => json > 0.0,
        _ => false,
    }
}

impl poem::IntoResponse for FhirResponse {
    fn into_response(self) -> poem::Response {
        let json = match &self.body {
            FhirBody::Bundle(b) => poem_openapi::types::ToJSON::to_json(b),
            FhirBody::Outcome(o) => poem_openapi::types::ToJSON::to_json(o),
        }
        .unwrap_or(Value::Null);
        let content_type =
            if self.plain_json { "application/json; charset=utf-8" } else { "application/fhir+json; charset=utf-8" };
        poem::Response::builder().status(self.status).content_type(content_type).body(json.to_string())
    }
}

impl ApiResponse for FhirResponse {
    fn meta() -> poem_openapi::registry::MetaResponses {
        use poem_openapi::registry::{MetaMediaType, MetaResponse, MetaResponses};
        use poem_openapi::types::Type;
        let both = |schema: MetaSchemaRef| {
            vec![
                MetaMediaType { content_type: "application/fhir+json", schema: schema.clone() },
                MetaMediaType { content_type: "application/json", schema },
            ]
        };
        let response = |status: u16, description: &'static str, schema: MetaSchemaRef| MetaResponse {
            description,
            status: Some(status),
            status_range: None,
            content: both(schema),
            headers: vec![],
        };
        let outcome = OperationOutcome::schema_ref;
        MetaResponses {
            responses: vec![
                response(
                    200,
                    "Every entry answered: a `transaction-response` or `batch-response` Bundle whose entries carry \
                     `response.status` and an `outcome` OperationOutcome (stable reason codes, listed in \
                     docs/intake.md).",
                    ResponseBundle::schema_ref(),
                ),
                response(
                    400,
                    "The Bundle cannot be processed (not a Bundle, wrong type, malformed JSON): an OperationOutcome. \
                     Nothing was stored.",
                    outcome(),
                ),
                response(401, "No key, or an unknown or revoked key: an OperationOutcome.", outcome()),
                response(
                    403,
                    "Sent from a web page of another site, or with a person's session cookie: systems send \
                     with their key alone. An OperationOutcome; nothing was stored.",
                    outcome(),
                ),
                response(
                    408,
                    "The body did not arrive in time: an OperationOutcome. Nothing was stored; send it again.",
                    outcome(),
                ),
                response(
                    413,
                    "The body is larger than the intake limit (a compressed body by its decoded size): an \
                     OperationOutcome. Nothing was stored.",
                    outcome(),
                ),
                response(
                    415,
                    "The body is not FHIR JSON (`Content-Type: application/fhir+json` or `application/json`), or is \
                     missing: an OperationOutcome. Nothing was stored.",
                    outcome(),
                ),
                response(
                    422,
                    "A `transaction` or `document` with refused entries: an OperationOutcome naming each refused \
                     entry. Nothing was stored.",
                    outcome(),
                ),
                response(500, "An internal error: an OperationOutcome.", outcome()),
                response(503, "The service is not available right now: an OperationOutcome.", outcome()),
            ],
        }
    }

    fn register(registry: &mut poem_openapi::registry::Registry) {
        use poem_openapi::types::Type;
        ResponseBundle::register(registry);
        OperationOutcome::register(registry);
    }
}

/// renkei's code system of intake outcomes, under the deployment's URL
/// (every code is listed in `docs/intake.md`).
fn reason_system() -> String {
    crate::domain::fhir::own_system(&context::origin(), "CodeSystem/intake-reason")
}

fn issue(issue: &Issue, entry: Option<usize>) -> OutcomeIssue {
    let mut expression = Vec::new();
    if let Some(i) = entry {
        expression.push(format!("Bundle.entry[{i}]"));
    }
    if let Some(e) = &issue.expression {
        expression.push(e.clone());
    }
    OutcomeIssue {
        severity: issue.severity.as_str().into(),
        code: issue.reason.issue_type().to_owned(),
        details: OutcomeDetails {
            coding: vec![OutcomeCoding { system: reason_system(), code: issue.reason.as_str().to_owned() }],
            text: messages::fhir_reason(context::lang(), issue.reason).to_owned(),
        },
        expression: (!expression.is_empty()).then_some(expression),
    }
}

/// An OperationOutcome with an id of its own (each entry's outcome is a resource).
fn outcome(issue: Vec<OutcomeIssue>) -> OperationOutcome {
    OperationOutcome { resource_type: "OperationOutcome".into(), id: uuid::Uuid::now_v7().to_string(), issue }
}

/// An OperationOutcome for an error outside the entries (auth, body, server).
pub fn error_outcome(code: &str, issue_type: &str, text: &str) -> OperationOutcome {
    outcome(vec![OutcomeIssue {
        severity: if issue_type == "exception" || issue_type == "transient" { "fatal" } else { "error" }.into(),
        code: issue_type.into(),
        details: OutcomeDetails {
            coding: vec![OutcomeCoding {
                system: crate::domain::fhir::own_system(&context::origin(), "CodeSystem/error"),
                code: code.into(),
            }],
            text: text.into(),
        },
        expression: None,
    }])
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

fn response_bundle(kind: BundleKind, entries: &[EntryOutcome]) -> ResponseBundle {
    let entry = entries
        .iter()
        .map(|e| ResponseEntry {
            // No `location`: the records are read through the resident's
            // views, not at a FHIR address of their own.
            response: EntryResponse {
                status: status_text(e.status).to_owned(),
                outcome: outcome(e.issues.iter().map(|i| issue(i, None)).collect()),
            },
        })
        .collect();
    let kind = match kind {
        // A document is taken in whole, like a transaction.
        BundleKind::Transaction | BundleKind::Document => "transaction-response",
        BundleKind::Collection => "batch-response",
    };
    ResponseBundle { resource_type: "Bundle".into(), kind: kind.into(), entry }
}

async fn answer_fhir(state: &AppState, req: &Request, key: &FacilityKey, body: &FhirJson) -> FhirResponse {
    let actor = match facility_actor(state, req, key).await {
        Ok(a) => a,
        Err(e) => return service_failure(e),
    };
    let refused = |issue: Issue| FhirResponse::new(400, FhirBody::Outcome(outcome(vec![self::issue(&issue, None)])));
    let value: Value = match serde_json::from_slice(&body.0) {
        Ok(v) => v,
        Err(_) => return refused(Issue::new(Reason::InvalidJson)),
    };
    match intake::fhir(state, &actor, &value).await {
        Ok(o) => FhirResponse::new(200, FhirBody::Bundle(response_bundle(o.kind, &o.entries))),
        Err(IntakeError::Bundle(issue)) => refused(issue),
        Err(IntakeError::Transaction(entries)) => {
            let issues = entries
                .iter()
                .filter(|e| e.status >= 400 && !e.issues.iter().any(|i| i.reason == Reason::RolledBack))
                .flat_map(|e| e.issues.iter().map(|i| issue(i, Some(e.index))))
                .collect();
            FhirResponse::new(422, FhirBody::Outcome(outcome(issues)))
        }
        Err(IntakeError::Service(e)) => service_failure(e),
        Err(other) => {
            tracing::error!(error = %other, "unexpected intake outcome");
            service_failure(ServiceError::Internal("unexpected intake outcome".into()))
        }
    }
}

/// A failure outside the entries, as an OperationOutcome with the API's error code.
fn service_failure(e: ServiceError) -> FhirResponse {
    let answer = |status: u16, code: ErrorCode, name: &str, issue_type: &str| {
        FhirResponse::new(
            status,
            FhirBody::Outcome(error_outcome(
                name,
                issue_type,
                messages::for_systems(context::lang(), code).unwrap_or_else(|| messages::error(context::lang(), code)),
            )),
        )
    };
    match e {
        ServiceError::Denied(_) => answer(401, ErrorCode::Unauthorized, "unauthorized", "login"),
        ServiceError::Unavailable => answer(503, ErrorCode::ServiceUnavailable, "service_unavailable", "transient"),
        ServiceError::Internal(detail) => {
            tracing::error!(error = %detail, "internal error");
            answer(500, ErrorCode::Internal, "internal", "exception")
        }
        _ => answer(400, ErrorCode::BadRequest, "bad_request", "processing"),
    }
}

/// The answer to an upload without a known facility key, given before its
/// body is read (`middleware::KeyCheck`): the endpoint's own 401.
pub fn unknown_key(req: &Request) -> poem::Response {
    use poem::IntoResponse;
    let denied = || ServiceError::Denied(crate::domain::access::Denied::SignInRequired);
    if req.uri().path() == "/api/fhir" {
        service_failure(denied()).for_request(req).into_response()
    } else {
        ApiError::from(denied()).into_response()
    }
}

/// Whose a presented key is (a facility's, not revoked); a failure to look
/// it up leaves the answer to the endpoint.
pub fn known_key(state: AppState) -> std::sync::Arc<super::middleware::KnownKey> {
    use super::middleware::KeyAnswer;
    std::sync::Arc::new(move |token: String| {
        let state = state.clone();
        Box::pin(async move {
            match facility_keys::authenticate(&state, &token).await {
                Ok(Some(actor)) => KeyAnswer::Known(actor),
                Ok(None) => KeyAnswer::Unknown,
                Err(_) => KeyAnswer::NotChecked,
            }
        })
    })
}

/// The facility system whose key this is: as the middleware found it before
/// reading the body, or looked up now.
pub(super) async fn facility_actor(state: &AppState, req: &Request, key: &FacilityKey) -> Result<Actor, ServiceError> {
    if let Some(super::middleware::KeyChecked(actor)) = req.extensions().get() {
        return Ok(actor.clone());
    }
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
    pub kind: OneOf<closed::JahisItemKind>,
    /// `accepted`, `updated`, `unchanged`, `held_from_elsewhere`, `before_consent`, `future_date`,
    /// `identifier_conflict`, `identifier_reused`, `partial_dispensing`, or `patient_unknown` (the
    /// insurance card named was nobody's on the day the record is dated: a person's card is
    /// matched by the day, as their insurance changes).
    pub outcome: OneOf<closed::IntakeOutcome>,
    pub message: String,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct JahisResult {
    /// The JAHIS format version the data declared (e.g. `2.5/2.6`).
    pub version: String,
    pub accepted: u32,
    pub updated: u32,
    /// Already held, from this facility or another (`unchanged`, `held_from_elsewhere`).
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
                reason: j.code.as_str().into(),
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
    /// entry on its own; `document`, a JP-CLINS 診療情報提供書 or 退院時サマリー
    /// identified by `Bundle.identifier`: all or nothing, its other resources
    /// read past) of Patient, Coverage, MedicationRequest, MedicationDispense,
    /// MedicationStatement and AllergyIntolerance resources. Each record names
    /// a Patient of the Bundle (or a contained one) with the name (kanji and
    /// kana) and birth date, compared with the resident's. The Patient is
    /// identified by the insurance member id
    /// (`http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID`,
    /// `insurerNo:symbol:number:branch`) on the Patient or on a Coverage whose
    /// beneficiary it is, or by the registration number
    /// (`{RENKEI_PUBLIC_URL}/fhir/sid/registration-number`). Accepted only for a
    /// resident with a current consent in a network this facility belongs to,
    /// and only for data dated on or after that consent began. A record is
    /// identified by its `resourceInstance-identifier`, or by the prescription
    /// id with the Rp number and order (never the Rp number alone): sending it
    /// again updates it, and the earlier version is kept. The answer is
    /// `application/fhir+json`, or `application/json` when `Accept` asks for it.
    #[oai(path = "/fhir", method = "post", operation_id = "submitFhir")]
    async fn fhir(&self, state: Data<&AppState>, req: &Request, key: FacilityKey, body: FhirJson) -> FhirResponse {
        answer_fhir(&state, req, &key, &body).await.for_request(req)
    }

    /// Send JAHIS e-medication-notebook data
    ///
    /// The CSV of 電子版お薬手帳データフォーマット versions 2.x (Shift_JIS or
    /// UTF-8, Western or Japanese-era dates) as `text/csv`, or split QR data
    /// as `multipart/form-data` with one `part` file per QR code. The
    /// `Renkei-Patient` header names the resident: an insurance member id
    /// `insurerNo:symbol:number:branch` or a registration number; the data's
    /// own patient record must agree with them (name, birth date, sex). Drugs
    /// become dispensing records, identified by what the dispensing says (an
    /// exact resend is unchanged; output kind 2, from the patient's app, is
    /// marked as provided by the patient); patient notes of the allergy and
    /// side-effect kinds become allergies. Unreadable or incomplete data (a
    /// record cut short, an Rp without its usage, a split part missing) is
    /// refused whole.
    #[oai(path = "/jahis", method = "post", operation_id = "submitJahis")]
    async fn jahis(
        &self,
        state: Data<&AppState>,
        req: &Request,
        key: FacilityKey,
        /// Whom the data is about: an insurance member id
        /// (`insurerNo:symbol:number:branch`) or a registration number. A header,
        /// not the query, so that access logs of proxies do not keep it.
        #[oai(name = "Renkei-Patient")]
        patient: Header<String>,
        body: JahisRequest,
    ) -> Result<Json<JahisResult>, Refusal<{ can::BODY | can::SIGN_IN | can::INVALID | can::NOT_FOUND | can::CONFLICT }>>
    {
        let actor = facility_actor(&state, req, &key).await?;
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
            unchanged: count(&|r| matches!(r, Reason::Unchanged | Reason::HeldFromElsewhere)),
            refused: count(&|r| {
                !matches!(r, Reason::Accepted | Reason::Updated | Reason::Unchanged | Reason::HeldFromElsewhere)
            }),
            items: o
                .items
                .iter()
                .map(|i| JahisItemResult {
                    line: u32::try_from(i.line).unwrap_or(u32::MAX),
                    kind: i.kind.into(),
                    outcome: i.reason.as_str().into(),
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
