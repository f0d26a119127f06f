//! Reading FHIR R4 Bundles of JP Core resources into the network's records.
//! Every refusal is an [`Issue`] that becomes one OperationOutcome issue: a
//! stable reason code, the FHIR issue type, and a FHIRPath expression naming
//! the element, so the sending system's staff know exactly what to fix.
//!
//! Accepted: Bundle `transaction` or `collection` holding Patient (to
//! identify the resident), MedicationRequest, MedicationDispense,
//! MedicationStatement and AllergyIntolerance. Coverage and Medication
//! entries are read past (informational). Anything else is refused.

use chrono::NaiveDate;
use serde_json::Value;

use super::insurance::InsuranceId;
use super::medication::{
    Allergy, AllergyCategory, AllergyStatus, CodeSystem, Coding, Criticality, Detail, DrugCode, Identifier, Medication,
    MedicationKind, MedicationStatus, Origin, Quantity, RecordDate, clean_text,
};

/// The JP Core insurance member id system: `insurerNo:symbol:number:branch`.
pub const MEMBER_ID_SYSTEM: &str = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID";
/// renkei's registration number (the number on the resident's done screen)
/// is written under the deployment's own URL: [`registration_number_system`].
/// This older name is still accepted in intake.
pub const LEGACY_REGISTRATION_NUMBER_SYSTEM: &str = "urn:renkei:registration-number";

/// A system of renkei's own (identifiers, code systems), under the
/// deployment's public URL, as `docs/intake.md` documents them.
pub fn own_system(public_url: &str, name: &str) -> String {
    format!("{}/fhir/{name}", public_url.trim_end_matches('/'))
}

/// The identifier system of registration numbers in this deployment.
pub fn registration_number_system(public_url: &str) -> String {
    own_system(public_url, "sid/registration-number")
}

/// JP Core's identifier of one resource instance.
pub const INSTANCE_ID_SYSTEM: &str = "http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier";
/// The Rp number (剤グループ番号) of a prescription: "1" recurs in every
/// prescription, so it identifies a record only with the document's id.
pub const RP_NUMBER_SYSTEMS: [&str; 2] =
    ["urn:oid:1.2.392.100495.20.3.81", "http://jpfhir.jp/fhir/core/mhlw/IdSystem/Medication-RPGroupNumber"];
/// The order of a medicine within its Rp (Rp内連番; JP Core 1.1 `orderInRp`,
/// named MedicationAdministrationIndex from JP Core 1.3 and JP-CLINS 1.5).
pub const ORDER_IN_RP_SYSTEMS: [&str; 2] =
    ["urn:oid:1.2.392.100495.20.3.82", "http://jpfhir.jp/fhir/core/mhlw/IdSystem/MedicationAdministrationIndex"];
/// The prescription id (処方箋ID, JP Core `requestIdentifierCommon`): this
/// OID when unique nationally, `…20.3.11.1` followed by the 10-digit facility
/// code when unique within the facility.
pub const PRESCRIPTION_ID_SYSTEM: &str = "urn:oid:1.2.392.100495.20.3.11";
/// A facility's own patient id (JP Core; `….1` and the facility code follow).
pub const PATIENT_ID_SYSTEM: &str = "urn:oid:1.2.392.100495.20.3.51";

fn is_prescription_id(system: &str) -> bool {
    system == PRESCRIPTION_ID_SYSTEM
        || system.strip_prefix(PRESCRIPTION_ID_SYSTEM).is_some_and(|rest| rest.starts_with('.'))
}
/// JFAGY allergen code systems (JP Core).
pub const JFAGY_SYSTEMS: [&str; 3] = [
    "http://jpfhir.jp/fhir/core/CodeSystem/JP_JfagyFoodAllergen_CS",
    "http://jpfhir.jp/fhir/core/CodeSystem/JP_JfagyMedicationAllergen_CS",
    "http://jpfhir.jp/fhir/core/CodeSystem/JP_JfagyNonFoodNonMedicationAllergen_CS",
];
/// More entries than this in one Bundle are refused: send them in parts.
pub const MAX_ENTRIES: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Information,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Information => "information",
        }
    }
}

/// Why an entry (or the whole Bundle) was refused, or a remark on one that
/// was accepted. Stable codes, part of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Accepted,
    Updated,
    Unchanged,
    Ignored,
    InvalidJson,
    NotABundle,
    BundleType,
    NoEntries,
    TooManyEntries,
    MissingResource,
    UnsupportedResourceType,
    UnsupportedMethod,
    MissingElement,
    InvalidValue,
    UnknownCodeSystem,
    InvalidCode,
    MissingIdentifier,
    DuplicateInBundle,
    DraftNotShared,
    PatientReference,
    PatientNotInBundle,
    PatientUnknown,
    PatientMismatch,
    NoConsent,
    BeforeConsent,
    FutureDate,
    IdentifierConflict,
    /// The identity already names another medicine of this person.
    IdentifierReused,
    /// The same record is held from another facility; this copy changes nothing.
    HeldFromElsewhere,
    /// JAHIS: a dispensing that is only the beginning of one already held
    /// (a read cut short at a record's end).
    PartialDispensing,
    RolledBack,
    /// Warning: the medicine has no code that names its ingredient, so it
    /// is kept but cannot be compared with others (no duplicate check).
    NotComparable,
    /// Warning: the record is dated by an element other than the usual one
    /// (named in the expression).
    DatedBy,
}

impl Reason {
    pub const ALL: [Reason; 33] = [
        Self::Accepted,
        Self::Updated,
        Self::Unchanged,
        Self::Ignored,
        Self::InvalidJson,
        Self::NotABundle,
        Self::BundleType,
        Self::NoEntries,
        Self::TooManyEntries,
        Self::MissingResource,
        Self::UnsupportedResourceType,
        Self::UnsupportedMethod,
        Self::MissingElement,
        Self::InvalidValue,
        Self::UnknownCodeSystem,
        Self::InvalidCode,
        Self::MissingIdentifier,
        Self::DuplicateInBundle,
        Self::DraftNotShared,
        Self::PatientReference,
        Self::PatientNotInBundle,
        Self::PatientUnknown,
        Self::PatientMismatch,
        Self::NoConsent,
        Self::BeforeConsent,
        Self::FutureDate,
        Self::IdentifierConflict,
        Self::IdentifierReused,
        Self::HeldFromElsewhere,
        Self::PartialDispensing,
        Self::RolledBack,
        Self::NotComparable,
        Self::DatedBy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Updated => "updated",
            Self::Unchanged => "unchanged",
            Self::Ignored => "ignored",
            Self::InvalidJson => "invalid_json",
            Self::NotABundle => "not_a_bundle",
            Self::BundleType => "bundle_type",
            Self::NoEntries => "no_entries",
            Self::TooManyEntries => "too_many_entries",
            Self::MissingResource => "missing_resource",
            Self::UnsupportedResourceType => "unsupported_resource_type",
            Self::UnsupportedMethod => "unsupported_method",
            Self::MissingElement => "missing_element",
            Self::InvalidValue => "invalid_value",
            Self::UnknownCodeSystem => "unknown_code_system",
            Self::InvalidCode => "invalid_code",
            Self::MissingIdentifier => "missing_identifier",
            Self::DuplicateInBundle => "duplicate_in_bundle",
            Self::DraftNotShared => "draft_not_shared",
            Self::PatientReference => "patient_reference",
            Self::PatientNotInBundle => "patient_not_in_bundle",
            Self::PatientUnknown => "patient_unknown",
            Self::PatientMismatch => "patient_mismatch",
            Self::NoConsent => "no_consent",
            Self::BeforeConsent => "before_consent",
            Self::FutureDate => "future_date",
            Self::IdentifierConflict => "identifier_conflict",
            Self::IdentifierReused => "identifier_reused",
            Self::HeldFromElsewhere => "held_from_elsewhere",
            Self::PartialDispensing => "partial_dispensing",
            Self::RolledBack => "rolled_back",
            Self::NotComparable => "not_comparable",
            Self::DatedBy => "dated_by",
        }
    }

    /// The FHIR `issue-type` code.
    pub fn issue_type(self) -> &'static str {
        match self {
            Self::Accepted | Self::Updated | Self::Unchanged | Self::Ignored | Self::HeldFromElsewhere => {
                "informational"
            }
            Self::IdentifierReused => "conflict",
            Self::PartialDispensing => "incomplete",
            Self::InvalidJson | Self::NotABundle | Self::MissingResource => "structure",
            Self::BundleType | Self::InvalidValue => "value",
            Self::NoEntries | Self::MissingElement | Self::MissingIdentifier | Self::PatientNotInBundle => "required",
            Self::NotComparable | Self::DatedBy => "informational",
            Self::TooManyEntries => "too-costly",
            Self::UnsupportedResourceType | Self::UnsupportedMethod => "not-supported",
            Self::UnknownCodeSystem | Self::InvalidCode => "code-invalid",
            Self::DuplicateInBundle => "duplicate",
            Self::DraftNotShared | Self::NoConsent | Self::BeforeConsent | Self::FutureDate => "business-rule",
            Self::PatientReference | Self::PatientUnknown => "not-found",
            Self::PatientMismatch | Self::IdentifierConflict => "conflict",
            Self::RolledBack => "processing",
        }
    }

    /// The status of the entry's `response` (`201 Created`, `422 …`).
    pub fn http_status(self) -> u16 {
        match self {
            Self::Accepted => 201,
            Self::Updated | Self::Unchanged | Self::Ignored | Self::HeldFromElsewhere => 200,
            Self::IdentifierReused => 409,
            Self::PartialDispensing => 422,
            Self::PatientReference | Self::PatientUnknown => 404,
            Self::PatientMismatch | Self::IdentifierConflict | Self::DuplicateInBundle => 409,
            Self::NoConsent | Self::BeforeConsent | Self::FutureDate | Self::DraftNotShared => 422,
            _ => 400,
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Self::Accepted | Self::Updated | Self::Unchanged | Self::Ignored | Self::HeldFromElsewhere => {
                Severity::Information
            }
            _ => Severity::Error,
        }
    }
}

/// What a facility is told when it may not send data about a resident it
/// named. A person who never joined any of the facility's networks is
/// answered exactly as an unknown one, so that a key cannot test who is
/// registered elsewhere; one who joined there and withdrew, `no_consent`
/// (the facility's network knew them).
pub fn refusal_without_consent(joined_its_networks_before: bool) -> Reason {
    if joined_its_networks_before { Reason::NoConsent } else { Reason::PatientUnknown }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub reason: Reason,
    pub severity: Severity,
    /// FHIRPath of the element concerned (`MedicationRequest.authoredOn`).
    pub expression: Option<String>,
}

impl Issue {
    pub fn new(reason: Reason) -> Self {
        Self { reason, severity: reason.severity(), expression: None }
    }

    pub fn at(reason: Reason, expression: impl Into<String>) -> Self {
        Self { reason, severity: reason.severity(), expression: Some(expression.into()) }
    }

    pub fn warning(reason: Reason, expression: impl Into<String>) -> Self {
        Self { reason, severity: Severity::Warning, expression: Some(expression.into()) }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundleKind {
    /// All or nothing.
    Transaction,
    /// Each entry on its own.
    Collection,
    /// A clinical document (診療情報提供書, 退院時サマリー): its
    /// MedicationRequest, MedicationStatement and AllergyIntolerance entries
    /// are taken in, all or nothing, like a transaction; the Composition and
    /// the document's other resources are read past.
    Document,
}

impl BundleKind {
    /// Whether one refused entry refuses the whole Bundle.
    pub fn all_or_nothing(self) -> bool {
        matches!(self, Self::Transaction | Self::Document)
    }
}

/// How a Patient is identified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatientId {
    Member(InsuranceId),
    Registration(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientEntry {
    pub ids: Vec<PatientId>,
    /// Checked against the resident's: a mismatch means the wrong person.
    pub birth_date: Option<NaiveDate>,
    /// `Patient.gender` when male or female (other values say nothing to compare).
    pub sex: Option<super::person::Sex>,
    /// The written names (漢字, or Latin letters) and the kana readings
    /// (`iso21090-EN-representation` = `SYL`), compared with the resident's.
    pub names: Vec<String>,
    pub kana: Vec<String>,
}

/// Whom a resource is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A Patient entry of the Bundle (its fullUrl or `Patient/id`), and the
    /// identifier the reference also gives, which must name the same person.
    Entry(String, Option<PatientId>),
    /// A Patient contained in the resource itself.
    Contained(PatientEntry),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Medication(Medication),
    Allergy(Allergy),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Patient {
        keys: Vec<String>,
        patient: PatientEntry,
    },
    /// A Coverage naming its beneficiary's insurance member id.
    Coverage {
        /// The beneficiary reference (a Patient entry's fullUrl or `Patient/id`).
        beneficiary: String,
        id: PatientId,
    },
    Record {
        /// The key that identifies the record (see [`record_key`]).
        identifier: String,
        subject: Subject,
        record: Box<Record>,
        /// The FHIRPath of the date the consent rules judge (`MedicationDispense.whenPrepared`).
        date_expression: String,
        warnings: Vec<Issue>,
    },
    /// Read past (Medication, Organization, a document's Composition): nothing to store.
    Ignored,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub resource_type: Option<String>,
    pub content: Result<Content, Vec<Issue>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    pub kind: BundleKind,
    pub entries: Vec<Entry>,
}

/// What the Bundle itself says that its entries may need.
#[derive(Debug, Clone)]
struct Context {
    kind: BundleKind,
    /// `Bundle.identifier` of a `document` (the document's id).
    document_id: Option<Identifier>,
    /// `Bundle.timestamp`.
    timestamp: Option<RecordDate>,
    registration_system: String,
    /// Insurer numbers of the Bundle's Organizations, by fullUrl and `Organization/id`.
    insurers: std::collections::HashMap<String, String>,
}

/// JP Core's insurer-number systems of an Organization (保険者番号).
const INSURER_NUMBER_SYSTEMS: [&str; 2] =
    ["urn:oid:1.2.392.100495.20.3.61", "http://jpfhir.jp/fhir/core/mhlw/IdSystem/InsurerNumber"];
const COVERAGE_EXTENSION: &str = "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Coverage_";

fn insurer_number(org: &Value) -> Option<String> {
    org.get("identifier")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|i| str_at(i, "/system").is_some_and(|s| INSURER_NUMBER_SYSTEMS.contains(&s)))
        .and_then(|i| str_at(i, "/value"))
        .map(str::to_owned)
}

/// The insurer numbers of a Bundle's Organizations, for Coverages that name their payor.
fn insurers_of(entries: &[Value]) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    for e in entries {
        let Some(r) = e.get("resource").filter(|r| str_at(r, "/resourceType") == Some("Organization")) else {
            continue;
        };
        let Some(number) = insurer_number(r) else { continue };
        if let Some(u) = str_at(e, "/fullUrl") {
            out.insert(u.to_owned(), number.clone());
        }
        if let Some(id) = str_at(r, "/id") {
            out.insert(format!("Organization/{id}"), number);
        }
    }
    out
}

/// Reads a Bundle. `Err` when the Bundle itself cannot be processed; entry
/// problems are reported per entry. `registration_system` is this
/// deployment's registration-number system ([`registration_number_system`]).
pub fn read_bundle(v: &Value, registration_system: &str) -> Result<Bundle, Issue> {
    match v.get("resourceType").and_then(Value::as_str) {
        Some("Bundle") => {}
        _ => return Err(Issue::at(Reason::NotABundle, "resourceType")),
    }
    let kind = match v.get("type").and_then(Value::as_str) {
        Some("transaction") => BundleKind::Transaction,
        Some("collection") => BundleKind::Collection,
        Some("document") => BundleKind::Document,
        Some(_) => return Err(Issue::at(Reason::BundleType, "Bundle.type")),
        None => return Err(Issue::at(Reason::MissingElement, "Bundle.type")),
    };
    let document_id = match kind {
        BundleKind::Document => match (str_at(v, "/identifier/system"), str_at(v, "/identifier/value")) {
            (Some(system), Some(value)) if system.len() <= 200 && value.len() <= 200 => {
                Some(Identifier { system: system.to_owned(), value: value.to_owned() })
            }
            (Some(_), Some(_)) => return Err(Issue::at(Reason::InvalidValue, "Bundle.identifier")),
            // A document is identified by its Bundle.identifier (FHIR bdl-9).
            _ => return Err(Issue::at(Reason::MissingIdentifier, "Bundle.identifier")),
        },
        _ => None,
    };
    let timestamp = match v.get("timestamp") {
        None => None,
        Some(t) => Some(
            t.as_str()
                .and_then(RecordDate::parse_fhir)
                .ok_or_else(|| Issue::at(Reason::InvalidValue, "Bundle.timestamp"))?,
        ),
    };
    let entries = match v.get("entry") {
        Some(Value::Array(a)) if !a.is_empty() => a,
        Some(Value::Array(_)) | None => return Err(Issue::at(Reason::NoEntries, "Bundle.entry")),
        Some(_) => return Err(Issue::at(Reason::InvalidValue, "Bundle.entry")),
    };
    if entries.len() > MAX_ENTRIES {
        return Err(Issue::at(Reason::TooManyEntries, "Bundle.entry"));
    }
    let ctx = Context {
        kind,
        document_id,
        timestamp,
        registration_system: registration_system.to_owned(),
        insurers: insurers_of(entries),
    };
    Ok(Bundle { kind, entries: entries.iter().enumerate().map(|(i, e)| read_entry(i, e, &ctx)).collect() })
}

fn read_entry(i: usize, e: &Value, ctx: &Context) -> Entry {
    let kind = ctx.kind;
    let at = |path: &str| format!("Bundle.entry[{i}].{path}");
    let Some(resource) = e.get("resource").filter(|r| r.is_object()) else {
        return Entry { resource_type: None, content: Err(vec![Issue::at(Reason::MissingResource, at("resource"))]) };
    };
    let rt = resource.get("resourceType").and_then(Value::as_str).map(str::to_owned);
    if kind == BundleKind::Transaction
        && let Some(method) = e.pointer("/request/method")
        && !matches!(method.as_str(), Some("POST" | "PUT"))
    {
        return Entry {
            resource_type: rt,
            content: Err(vec![Issue::at(Reason::UnsupportedMethod, at("request.method"))]),
        };
    }
    let content = match rt.as_deref() {
        Some("Patient") => read_patient(resource, ctx).map(|patient| {
            let mut keys = Vec::new();
            if let Some(u) = e.get("fullUrl").and_then(Value::as_str) {
                keys.push(u.to_owned());
            }
            if let Some(id) = resource.get("id").and_then(Value::as_str) {
                keys.push(format!("Patient/{id}"));
            }
            Content::Patient { keys, patient }
        }),
        Some("MedicationRequest") => read_medication(resource, MedicationKind::Request, ctx),
        Some("MedicationDispense") => read_medication(resource, MedicationKind::Dispense, ctx),
        Some("MedicationStatement") => read_medication(resource, MedicationKind::Statement, ctx),
        Some("AllergyIntolerance") => read_allergy(resource, ctx),
        Some("Coverage") => read_coverage(resource, ctx),
        Some("Medication" | "Organization" | "Practitioner" | "PractitionerRole" | "Encounter") => Ok(Content::Ignored),
        // A document carries much besides medicines and allergies (its
        // Composition, problems, results): those are read past.
        Some(_) if kind == BundleKind::Document => Ok(Content::Ignored),
        _ => Err(vec![Issue::at(Reason::UnsupportedResourceType, at("resource.resourceType"))]),
    };
    Entry { resource_type: rt, content }
}

fn str_at<'a>(v: &'a Value, path: &str) -> Option<&'a str> {
    v.pointer(path).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())
}

/// The names of a Patient: kana readings (`SYL`) apart from written names.
fn read_names(p: &Value) -> (Vec<String>, Vec<String>) {
    let (mut names, mut kana) = (Vec::new(), Vec::new());
    for n in p.get("name").and_then(Value::as_array).into_iter().flatten() {
        let representation = n
            .get("extension")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|e| str_at(e, "/url") == Some("http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation"))
            .and_then(|e| str_at(e, "/valueCode"));
        let written = str_at(n, "/text").map(str::to_owned).or_else(|| {
            let family = str_at(n, "/family").unwrap_or("");
            let given: Vec<&str> =
                n.get("given").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
            let whole = format!("{family} {}", given.join(" "));
            (!whole.trim().is_empty()).then(|| whole.trim().to_owned())
        });
        if let Some(w) = written.filter(|w| w.chars().count() <= 200) {
            if representation == Some("SYL") { kana.push(w) } else { names.push(w) }
        }
    }
    (names, kana)
}

fn read_patient(p: &Value, ctx: &Context) -> Result<PatientEntry, Vec<Issue>> {
    let mut issues = Vec::new();
    let mut ids = Vec::new();
    for (i, id) in p.get("identifier").and_then(Value::as_array).into_iter().flatten().enumerate() {
        match patient_id(id, ctx) {
            Some(Ok(pid)) => ids.push(pid),
            Some(Err(())) => issues.push(Issue::at(Reason::InvalidValue, format!("Patient.identifier[{i}].value"))),
            None => {}
        }
    }
    let birth_date = match p.get("birthDate") {
        None => None,
        Some(b) => match b.as_str().and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()) {
            Some(d) => Some(d),
            None => {
                issues.push(Issue::at(Reason::InvalidValue, "Patient.birthDate"));
                None
            }
        },
    };
    // The name is compared with the resident's: without one the data could
    // be anyone's (JP Core requires it).
    let (names, kana) = read_names(p);
    if names.is_empty() && kana.is_empty() {
        issues.push(Issue::at(Reason::MissingElement, "Patient.name"));
    }
    // The member id may stand on the Patient or on a Coverage naming it.
    let sex = match str_at(p, "/gender") {
        None => None,
        Some("male") => Some(super::person::Sex::Male),
        Some("female") => Some(super::person::Sex::Female),
        Some("other" | "unknown") => None,
        Some(_) => {
            issues.push(Issue::at(Reason::InvalidValue, "Patient.gender"));
            None
        }
    };
    if issues.is_empty() { Ok(PatientEntry { ids, birth_date, sex, names, kana }) } else { Err(issues) }
}

/// A Coverage whose beneficiary is a Patient of the Bundle: its member id
/// (JP Core puts the insurance on Coverage, not on Patient).
fn read_coverage(c: &Value, ctx: &Context) -> Result<Content, Vec<Issue>> {
    let member = c
        .get("identifier")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .find(|(_, id)| str_at(id, "/system") == Some(MEMBER_ID_SYSTEM));
    let id = match member {
        Some((i, id)) => match patient_id(id, ctx) {
            Some(Ok(pid)) => pid,
            _ => return Err(vec![Issue::at(Reason::InvalidValue, format!("Coverage.identifier[{i}].value"))]),
        },
        None => match coverage_fields(c, ctx) {
            // Without an insurer and a number (a public-expense Coverage, say) it says nothing of who the patient is.
            None => return Ok(Content::Ignored),
            Some((insurer, symbol, number, branch)) => {
                match InsuranceId::parse(&insurer, &symbol, &number, branch.as_deref()) {
                    Ok(ins) => PatientId::Member(ins),
                    Err(invalid) => {
                        // Each refused field where JP Core's Coverage writes it.
                        return Err(invalid
                            .0
                            .iter()
                            .map(|f| {
                                let at = match f.field {
                                    "insurerNumber" => "Coverage.payor",
                                    "branch" => "Coverage.dependent",
                                    _ => "Coverage.subscriberId",
                                };
                                Issue::at(Reason::InvalidValue, at)
                            })
                            .collect());
                    }
                }
            }
        },
    };
    match str_at(c, "/beneficiary/reference") {
        Some(r) => Ok(Content::Coverage { beneficiary: r.to_owned(), id }),
        None => Err(vec![Issue::at(Reason::MissingElement, "Coverage.beneficiary.reference")]),
    }
}

/// JP Core's Coverage written out: the payor Organization's insurer number,
/// 記号 and 番号 (extensions, or `subscriberId` as `記号:番号`) and 枝番
/// (extension, or `dependent`).
fn coverage_fields(c: &Value, ctx: &Context) -> Option<(String, String, String, Option<String>)> {
    let ext = |name: &str| {
        c.get("extension")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|e| str_at(e, "/url").is_some_and(|u| u.strip_prefix(COVERAGE_EXTENSION) == Some(name)))
            .and_then(|e| str_at(e, "/valueString"))
            .map(str::to_owned)
    };
    let insurer = c.get("payor").and_then(Value::as_array).into_iter().flatten().find_map(|p| {
        if let Some(number) = str_at(p, "/identifier/value")
            && str_at(p, "/identifier/system").is_some_and(|s| INSURER_NUMBER_SYSTEMS.contains(&s))
        {
            return Some(number.to_owned());
        }
        let reference = str_at(p, "/reference")?;
        if let Some(id) = reference.strip_prefix('#') {
            let org = c.get("contained").and_then(Value::as_array)?.iter().find(|o| str_at(o, "/id") == Some(id))?;
            return insurer_number(org);
        }
        ctx.insurers.get(reference).cloned()
    })?;
    let subscriber = str_at(c, "/subscriberId").and_then(|s| s.split_once(':'));
    let symbol = ext("InsuredPersonSymbol").or_else(|| subscriber.map(|(a, _)| a.to_owned())).unwrap_or_default();
    let number = ext("InsuredPersonNumber").or_else(|| subscriber.map(|(_, b)| b.to_owned()))?;
    let branch = ext("InsuredPersonSubNumber").or_else(|| str_at(c, "/dependent").map(str::to_owned));
    Some((insurer, symbol, number, branch))
}

/// `None` for an identifier of another system (ignored); `Err` for ours, malformed.
fn patient_id(id: &Value, ctx: &Context) -> Option<Result<PatientId, ()>> {
    let system = str_at(id, "/system")?;
    let value = str_at(id, "/value");
    match system {
        MEMBER_ID_SYSTEM => Some(value.and_then(parse_member_id).map(PatientId::Member).ok_or(())),
        s if s == ctx.registration_system || s == LEGACY_REGISTRATION_NUMBER_SYSTEM => Some(
            value
                .and_then(|v| super::public_id::PublicId::parse(v, super::registration::NUMBER_LEN).ok())
                .map(|n| PatientId::Registration(n.as_str().to_owned()))
                .ok_or(()),
        ),
        _ => None,
    }
}

/// `insurerNo:symbol:number:branch`, validated like the registration form
/// (which reads a 国民健康保険 number padded to 8 digits as JP Core writes it).
/// The branch is empty when the document has none.
pub fn parse_member_id(v: &str) -> Option<InsuranceId> {
    let parts: Vec<&str> = v.split(':').collect();
    let [insurer, symbol, number, branch] = parts.as_slice() else { return None };
    InsuranceId::parse(insurer, symbol, number, Some(branch)).ok()
}

fn read_subject(r: &Value, field: &str, ctx: &Context) -> Result<Subject, Issue> {
    let rt = r.get("resourceType").and_then(Value::as_str).unwrap_or("Resource");
    let path = format!("{rt}.{field}");
    let Some(s) = r.get(field) else { return Err(Issue::at(Reason::MissingElement, path)) };
    if let Some(reference) = str_at(s, "/reference") {
        if let Some(id) = reference.strip_prefix('#') {
            let contained = r.get("contained").and_then(Value::as_array).into_iter().flatten().find(|c| {
                c.get("resourceType").and_then(Value::as_str) == Some("Patient") && str_at(c, "/id") == Some(id)
            });
            return match contained {
                Some(c) => read_patient(c, ctx).map(Subject::Contained).map_err(|mut e| e.remove(0)),
                None => Err(Issue::at(Reason::PatientReference, format!("{path}.reference"))),
            };
        }
        // An identifier beside the reference must name the same person.
        let also = match s.get("identifier").map(|id| patient_id(id, ctx)) {
            None | Some(None) => None,
            Some(Some(Ok(id))) => Some(id),
            Some(Some(Err(()))) => return Err(Issue::at(Reason::InvalidValue, format!("{path}.identifier.value"))),
        };
        return Ok(Subject::Entry(reference.to_owned(), also));
    }
    if s.get("identifier").is_some() {
        // An identifier alone carries no name or birth date to check it by:
        // a mistyped number would file the data under someone else.
        return Err(Issue::at(Reason::PatientNotInBundle, format!("{path}.identifier")));
    }
    Err(Issue::at(Reason::MissingElement, format!("{path}.reference")))
}

/// Every identifier of a resource with both a system and a value, as sent.
fn read_identifiers(r: &Value, rt: &str) -> Result<Vec<Identifier>, Issue> {
    let mut out = Vec::new();
    for (i, id) in r.get("identifier").and_then(Value::as_array).into_iter().flatten().enumerate() {
        if let (Some(system), Some(value)) = (str_at(id, "/system"), str_at(id, "/value")) {
            if system.chars().count() > 250 || value.chars().count() > 250 {
                return Err(Issue::at(Reason::InvalidValue, format!("{rt}.identifier[{i}]")));
            }
            out.push(Identifier { system: system.to_owned(), value: value.to_owned() });
        }
    }
    Ok(out)
}

/// The key that identifies one record among everything a facility sends.
///
/// In JP Core and JP-CLINS a medication resource carries several
/// identifiers, most of which name only a part of an order: the Rp number
/// ("Rp 1" recurs in every prescription), the order within the Rp, the
/// administration index. In order of preference the key is:
/// 1. the resource instance identifier (`resourceInstance-identifier`);
/// 2. the prescription id (`urn:oid:1.2.392.100495.20.3.11`, or `…20.3.11.1`
///    with the facility code; else a `document` Bundle's `Bundle.identifier`)
///    with the Rp number and the order within the Rp (1 when absent);
/// 3. any other identifier that is not one of those parts (a system's own
///    id for the record).
///
/// Anything else cannot tell one prescription from the next and is refused.
pub fn record_key(ids: &[Identifier], document: Option<&Identifier>) -> Option<String> {
    let of = |systems: &[&str]| ids.iter().find(|i| systems.contains(&i.system.as_str())).map(|i| i.value.as_str());
    if let Some(v) = of(&[INSTANCE_ID_SYSTEM]) {
        return Some(format!("{INSTANCE_ID_SYSTEM}|{v}"));
    }
    let doc = ids.iter().find(|i| is_prescription_id(&i.system)).or(document);
    if let (Some(doc), Some(rp)) = (doc, of(&RP_NUMBER_SYSTEMS)) {
        let order = of(&ORDER_IN_RP_SYSTEMS).unwrap_or("1");
        return Some(format!(
            "{}|{}#rp={}#order={}",
            doc.system,
            doc.value,
            rp.trim_start_matches('0'),
            order.trim_start_matches('0')
        ));
    }
    ids.iter().find(|i| names_a_record(&i.system)).map(|i| format!("{}|{}", i.system, i.value))
}

/// Whether an identifier of this system may name a record on its own: not a
/// part of an order (Rp number, order, prescription id), not the patient's
/// (a facility's patient id `urn:oid:1.2.392.100495.20.3.51…`, the member id),
/// and an absolute URI (JP Core's own profile once wrote an unexpanded
/// `$JP_MedicationAdministrationIndex` here).
fn names_a_record(system: &str) -> bool {
    let uri = system.split_once(':').is_some_and(|(scheme, rest)| {
        !rest.is_empty()
            && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    uri && !RP_NUMBER_SYSTEMS.contains(&system)
        && !ORDER_IN_RP_SYSTEMS.contains(&system)
        && !is_prescription_id(system)
        && system != PATIENT_ID_SYSTEM
        && !system.starts_with(&format!("{PATIENT_ID_SYSTEM}."))
        && system != MEMBER_ID_SYSTEM
        && system != LEGACY_REGISTRATION_NUMBER_SYSTEM
        && !system.ends_with("/fhir/sid/registration-number")
}

fn read_key(r: &Value, rt: &str, ctx: &Context) -> Result<(String, Vec<Identifier>), Issue> {
    let ids = read_identifiers(r, rt)?;
    match record_key(&ids, ctx.document_id.as_ref()) {
        Some(key) => Ok((key, ids)),
        None => Err(Issue::at(Reason::MissingIdentifier, format!("{rt}.identifier"))),
    }
}

/// The first of `fields` present, with the FHIRPath of the one read (named
/// again when the date is refused by the consent rules).
fn read_date(r: &Value, rt: &str, fields: &[&str]) -> Result<(RecordDate, String), Issue> {
    for f in fields {
        let path: String = format!("/{}", f.replace('.', "/"));
        if let Some(v) = r.pointer(&path) {
            let expression = format!("{rt}.{f}");
            return match v.as_str().and_then(RecordDate::parse_fhir) {
                Some(d) => Ok((d, expression)),
                None => Err(Issue::at(Reason::InvalidValue, expression)),
            };
        }
    }
    Err(Issue::at(Reason::MissingElement, format!("{rt}.{}", fields[0])))
}

/// A FHIR Duration or Quantity of days: `{value, code: "d"}` (or weeks).
/// A FHIR Duration or Quantity of days (`{value, code: "d"}`, or weeks; the
/// unit may be written `日分` as JP Core does with its own unit codes). A
/// supply counted in doses (`回分`) or in a unit not known here says nothing
/// of days: `None`, with a warning for an unknown unit.
fn read_days(v: &Value, path: String, warnings: &mut Vec<Issue>) -> Result<Option<u32>, Issue> {
    let value = v.get("value").and_then(Value::as_f64);
    let words = [str_at(v, "/code"), str_at(v, "/unit")];
    let any = |set: &[&str]| words.iter().flatten().any(|w| set.contains(w));
    let per = if any(&["d", "day", "days", "日", "日分"]) {
        1.0
    } else if any(&["wk", "週", "週分"]) {
        7.0
    } else if any(&["回", "回分", "{dose}"]) {
        return Ok(None);
    } else {
        warnings.push(Issue::warning(Reason::InvalidValue, format!("{path}.unit")));
        return Ok(None);
    };
    match value {
        Some(n) if n > 0.0 && n.fract() == 0.0 && n * per <= 366.0 => Ok(Some((n * per) as u32)),
        _ => Err(Issue::at(Reason::InvalidValue, format!("{path}.value"))),
    }
}

/// A FHIR Quantity with a numeric value, as sent.
fn read_quantity(v: &Value) -> Option<Quantity> {
    let value = v.get("value").and_then(Value::as_number)?.clone();
    let text = |k: &str| str_at(v, &format!("/{k}")).filter(|s| s.chars().count() <= 100).map(str::to_owned);
    Some(Quantity { value, unit: text("unit"), system: text("system"), code: text("code") })
}

fn quantity_text(v: Option<&Value>) -> Option<String> {
    let v = v?;
    let n = v.get("value")?;
    let unit = str_at(v, "/unit").or_else(|| str_at(v, "/code")).unwrap_or("");
    clean_text(&format!("{n} {unit}"), 100)
}

fn read_medication(r: &Value, kind: MedicationKind, ctx: &Context) -> Result<Content, Vec<Issue>> {
    let rt = kind.resource_type();
    let mut issues = Vec::new();
    let mut warnings = Vec::new();
    let identifier = read_key(r, rt, ctx).map_err(|e| issues.push(e)).ok();
    let subject = read_subject(r, "subject", ctx).map_err(|e| issues.push(e)).ok();

    let status = match str_at(r, "/status") {
        None => {
            issues.push(Issue::at(Reason::MissingElement, format!("{rt}.status")));
            None
        }
        Some(s) => match MedicationStatus::from_fhir(kind, s) {
            Ok(Some(st)) => Some(st),
            Ok(None) => {
                issues.push(Issue::at(Reason::DraftNotShared, format!("{rt}.status")));
                None
            }
            Err(()) => {
                issues.push(Issue::at(Reason::InvalidValue, format!("{rt}.status")));
                None
            }
        },
    };
    if kind == MedicationKind::Request && str_at(r, "/intent").is_none() {
        issues.push(Issue::at(Reason::MissingElement, "MedicationRequest.intent"));
    }

    let (code, name, codings) = match read_drug(r, rt, &mut warnings) {
        Ok(c) => c,
        Err(e) => {
            issues.push(e);
            (None, None, Vec::new())
        }
    };

    let date_fields: &[&str] = match kind {
        MedicationKind::Request => &["authoredOn"],
        MedicationKind::Dispense => &["whenHandedOver", "whenPrepared"],
        MedicationKind::Statement => &["effectiveDateTime", "effectivePeriod.start", "dateAsserted"],
    };
    let dated = read_date(r, rt, date_fields).map_err(|e| issues.push(e)).ok();
    let date = dated.as_ref().map(|(d, _)| *d);

    let days = match kind {
        MedicationKind::Request => r
            .pointer("/dispenseRequest/expectedSupplyDuration")
            .map(|d| read_days(d, format!("{rt}.dispenseRequest.expectedSupplyDuration"), &mut warnings))
            .transpose()
            .map(Option::flatten),
        MedicationKind::Dispense => r
            .get("daysSupply")
            .map(|d| read_days(d, format!("{rt}.daysSupply"), &mut warnings))
            .transpose()
            .map(Option::flatten),
        MedicationKind::Statement => {
            let end = r.pointer("/effectivePeriod/end").and_then(Value::as_str).and_then(RecordDate::parse_fhir);
            Ok(match (date, end) {
                (Some(start), Some(end)) if end.day() >= start.day() => {
                    u32::try_from((end.day() - start.day()).num_days() + 1).ok()
                }
                _ => None,
            })
        }
    }
    .map_err(|e| issues.push(e))
    .ok()
    .flatten();

    let dosage_path = if kind == MedicationKind::Statement { "/dosage/0/text" } else { "/dosageInstruction/0/text" };
    let dosage = str_at(r, dosage_path).and_then(|s| clean_text(s, 500));
    let quantity_json = match kind {
        MedicationKind::Request => r.pointer("/dispenseRequest/quantity"),
        MedicationKind::Dispense => r.get("quantity"),
        MedicationKind::Statement => None,
    };
    let quantity = quantity_text(quantity_json);
    let structured = quantity_json.and_then(read_quantity);

    match (identifier, subject, status, name, dated) {
        (Some((identifier, identifiers)), Some(subject), Some(status), Some(name), Some((date, date_expression)))
            if issues.is_empty() =>
        {
            let record = Medication {
                kind,
                status,
                code,
                name,
                dosage,
                quantity,
                date,
                days,
                prescriber: None,
                dispenser: None,
                origin: Origin::Facility,
                detail: Detail { identifiers, codings, quantity: structured, ..Detail::default() },
            };
            let record = Box::new(Record::Medication(record));
            Ok(Content::Record { identifier, subject, record, date_expression, warnings })
        }
        _ => Err(issues),
    }
}

/// What a medicine is: the code the network compares (one from a known
/// system, preferring one that carries the ingredient), its name (text or
/// display), and every coding as sent. A medicine without a standard code
/// (院内製剤; JP-CLINS codes it under its own `NOCODED` system) is kept with
/// its name and a warning that it cannot be compared with other medicines.
#[allow(clippy::type_complexity)]
fn read_drug(
    r: &Value,
    rt: &str,
    warnings: &mut Vec<Issue>,
) -> Result<(Option<DrugCode>, Option<String>, Vec<Coding>), Issue> {
    let base = format!("{rt}.medicationCodeableConcept");
    let Some(cc) = r.get("medicationCodeableConcept") else {
        return Err(if r.get("medicationReference").is_some() {
            Issue::at(Reason::UnsupportedResourceType, format!("{rt}.medicationReference"))
        } else {
            Issue::at(Reason::MissingElement, base)
        });
    };
    let codings_json = cc.get("coding").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    let mut code: Option<DrugCode> = None;
    let mut display = None;
    let mut first_display = None;
    let mut codings = Vec::new();
    for (i, c) in codings_json.iter().enumerate() {
        let (Some(system), Some(value)) = (str_at(c, "/system"), str_at(c, "/code")) else {
            return Err(Issue::at(Reason::MissingElement, format!("{base}.coding[{i}].code")));
        };
        if system.chars().count() > 200 || value.chars().count() > 64 {
            return Err(Issue::at(Reason::InvalidValue, format!("{base}.coding[{i}]")));
        }
        let shown = str_at(c, "/display").and_then(|d| clean_text(d, 200));
        if first_display.is_none() {
            first_display.clone_from(&shown);
        }
        codings.push(Coding { system: system.to_owned(), code: value.to_owned(), display: shown.clone() });
        let Some(known) = CodeSystem::from_uri(system) else {
            warnings.push(Issue::warning(Reason::UnknownCodeSystem, format!("{base}.coding[{i}].system")));
            continue;
        };
        match DrugCode::parse(known, value) {
            Some(dc) => {
                // Prefer a code that carries the ingredient (YJ structure) for the safety flags.
                if code.as_ref().is_none_or(|c| c.ingredient_route().is_none() && dc.ingredient_route().is_some()) {
                    display.clone_from(&shown);
                    code = Some(dc);
                }
            }
            None => return Err(Issue::at(Reason::InvalidCode, format!("{base}.coding[{i}].code"))),
        }
    }
    let name = str_at(cc, "/text")
        .map(str::to_owned)
        .or(display)
        .or(first_display)
        .and_then(|n| clean_text(&n, 200))
        .ok_or_else(|| Issue::at(Reason::MissingElement, format!("{base}.text")))?;
    if code.as_ref().and_then(DrugCode::ingredient_route).is_none() {
        // Kept, and shown as not compared.
        warnings.retain(|w| w.reason != Reason::UnknownCodeSystem);
        warnings.push(Issue::warning(Reason::NotComparable, format!("{base}.coding")));
    }
    Ok((code, Some(name), codings))
}

fn read_allergy(r: &Value, ctx: &Context) -> Result<Content, Vec<Issue>> {
    let rt = "AllergyIntolerance";
    let mut issues = Vec::new();
    let mut warnings = Vec::new();
    let identifier = read_key(r, rt, ctx).map_err(|e| issues.push(e)).ok();
    let subject = read_subject(r, "patient", ctx).map_err(|e| issues.push(e)).ok();

    let mut drug_code = None;
    let mut allergen_code = None;
    let mut display = None;
    let mut kept = Vec::new();
    let codings = r.pointer("/code/coding").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    for (i, c) in codings.iter().enumerate() {
        let path = format!("{rt}.code.coding[{i}]");
        let system = str_at(c, "/system");
        let value = str_at(c, "/code");
        if display.is_none() {
            display = str_at(c, "/display").map(str::to_owned);
        }
        if let (Some(s), Some(v)) = (system, value)
            && s.chars().count() <= 200
            && v.chars().count() <= 64
        {
            let shown = str_at(c, "/display").and_then(|d| clean_text(d, 200));
            kept.push(Coding { system: s.to_owned(), code: v.to_owned(), display: shown });
        }
        match (system, value) {
            (Some(s), Some(v)) if CodeSystem::from_uri(s).is_some() => {
                match CodeSystem::from_uri(s).and_then(|cs| DrugCode::parse(cs, v)) {
                    Some(dc) => drug_code = Some(dc),
                    None => issues.push(Issue::at(Reason::InvalidCode, format!("{path}.code"))),
                }
            }
            (Some(s), Some(v)) if JFAGY_SYSTEMS.contains(&s) && v.len() <= 64 => {
                allergen_code = Some((s.to_owned(), v.to_owned()));
            }
            (Some(s), Some(v)) if s.len() <= 200 && v.len() <= 64 => {
                // Kept for the export; the text says what it is.
                warnings.push(Issue::warning(Reason::UnknownCodeSystem, format!("{path}.system")));
                if allergen_code.is_none() {
                    allergen_code = Some((s.to_owned(), v.to_owned()));
                }
            }
            _ => issues.push(Issue::at(Reason::InvalidValue, path)),
        }
    }
    let text = str_at(r, "/code/text").map(str::to_owned).or(display).and_then(|t| clean_text(&t, 500));
    if text.is_none() {
        issues.push(Issue::at(Reason::MissingElement, format!("{rt}.code.text")));
    }

    let category = match r.pointer("/category/0") {
        None => None,
        Some(c) => {
            let parsed = c.as_str().and_then(AllergyCategory::parse);
            if parsed.is_none() {
                issues.push(Issue::at(Reason::InvalidValue, format!("{rt}.category[0]")));
            }
            parsed
        }
    };
    let criticality = match r.get("criticality") {
        None => None,
        Some(c) => {
            let parsed = c.as_str().and_then(Criticality::parse);
            if parsed.is_none() {
                issues.push(Issue::at(Reason::InvalidValue, format!("{rt}.criticality")));
            }
            parsed
        }
    };
    let clinical = str_at(r, "/clinicalStatus/coding/0/code");
    let verification = str_at(r, "/verificationStatus/coding/0/code");
    let status = match (clinical, verification) {
        (_, Some("refuted" | "entered-in-error")) => Some(AllergyStatus::Void),
        (_, Some(v)) if !matches!(v, "unconfirmed" | "confirmed" | "presumed") => {
            issues.push(Issue::at(Reason::InvalidValue, format!("{rt}.verificationStatus")));
            None
        }
        (None | Some("active"), _) => Some(AllergyStatus::Active),
        (Some("inactive" | "resolved"), _) => Some(AllergyStatus::Inactive),
        (Some(_), _) => {
            issues.push(Issue::at(Reason::InvalidValue, format!("{rt}.clinicalStatus")));
            None
        }
    };
    // JP-CLINS does not require recordedDate: the time the sender last
    // changed the resource, then the Bundle's timestamp date it. Not the
    // onset: that is when the allergy began (often years before joining),
    // not when the record was made.
    let dated = match read_date(r, rt, &["recordedDate", "meta.lastUpdated"]) {
        Err(e) if e.reason == Reason::MissingElement => match ctx.timestamp {
            Some(t) => Ok((t, "Bundle.timestamp".to_owned())),
            None => Err(e),
        },
        other => other,
    }
    .map_err(|e| issues.push(e))
    .ok();
    let dated_by = dated.as_ref().map(|(_, e)| e.clone()).filter(|e| e != "AllergyIntolerance.recordedDate");
    if let Some(e) = &dated_by {
        warnings.push(Issue::warning(Reason::DatedBy, e.clone()));
    }

    match (identifier, subject, text, status, dated) {
        (Some((identifier, identifiers)), Some(subject), Some(text), Some(status), Some((date, date_expression)))
            if issues.is_empty() =>
        {
            let record = Box::new(Record::Allergy(Allergy {
                category,
                criticality,
                status,
                drug_code,
                allergen_code,
                text,
                date,
                origin: Origin::Facility,
                detail: Detail { identifiers, codings: kept, dated_by, ..Detail::default() },
            }));
            Ok(Content::Record { identifier, subject, record, date_expression, warnings })
        }
        _ => Err(issues),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const REG: &str = "https://renkei.example.jp/fhir/sid/registration-number";

    fn read_bundle_(v: &Value) -> Result<Bundle, Issue> {
        read_bundle(v, REG)
    }

    fn bundle(kind: &str, entries: Vec<Value>) -> Value {
        json!({"resourceType": "Bundle", "type": kind, "entry": entries})
    }

    fn patient() -> Value {
        json!({"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Patient", "id": "p1",
            "identifier": [{"system": MEMBER_ID_SYSTEM, "value": "01130012:12:3456:01"}],
            "name": [{"text": "山田 花子"}], "birthDate": "1948-04-15"}})
    }

    fn request() -> Value {
        json!({"resourceType": "MedicationRequest",
            "identifier": [
                {"system": "urn:oid:1.2.392.100495.20.3.81", "value": "1"},
                {"system": "urn:oid:1.2.392.100495.20.3.82", "value": "1"},
                {"system": INSTANCE_ID_SYSTEM, "value": "1311234567-2026-00000001"}],
            "status": "active", "intent": "order",
            "medicationCodeableConcept": {"coding": [
                {"system": "http://capstandard.jp/iyaku.info/CodeSystem/YJ-code", "code": "2171022F1093", "display": "アムロジピン錠5mg「サワイ」"}
            ]},
            "subject": {"reference": "urn:uuid:p1"},
            "authoredOn": "2026-11-20T09:30:00+09:00",
            "dosageInstruction": [{"text": "1日1回朝食後"}],
            "dispenseRequest": {"quantity": {"value": 28, "unit": "錠"}, "expectedSupplyDuration": {"value": 28, "unit": "日", "system": "http://unitsofmeasure.org", "code": "d"}}
        })
    }

    fn only_record(b: &Bundle, i: usize) -> (&str, &Subject, &Record) {
        match &b.entries[i].content {
            Ok(Content::Record { identifier, subject, record, .. }) => (identifier, subject, record),
            other => panic!("entry {i}: {other:?}"),
        }
    }

    fn reasons(b: &Bundle, i: usize) -> Vec<(Reason, Option<String>)> {
        match &b.entries[i].content {
            Err(issues) => issues.iter().map(|i| (i.reason, i.expression.clone())).collect(),
            other => panic!("entry {i} accepted: {other:?}"),
        }
    }

    #[test]
    fn reads_a_jp_core_medication_request() {
        let b = read_bundle_(&bundle("transaction", vec![patient(), json!({"resource": request()})])).unwrap();
        assert_eq!(b.kind, BundleKind::Transaction);
        let Ok(Content::Patient { keys, patient }) = &b.entries[0].content else { panic!() };
        assert_eq!(keys, &["urn:uuid:p1", "Patient/p1"]);
        assert_eq!(patient.birth_date, NaiveDate::from_ymd_opt(1948, 4, 15));
        let PatientId::Member(m) = &patient.ids[0] else { panic!() };
        assert_eq!(m.member_id(), "01130012:12:3456:01");
        let (identifier, subject, record) = only_record(&b, 1);
        assert_eq!(identifier, format!("{INSTANCE_ID_SYSTEM}|1311234567-2026-00000001"));
        assert_eq!(subject, &Subject::Entry("urn:uuid:p1".into(), None));
        let Record::Medication(m) = record else { panic!() };
        assert_eq!(m.kind, MedicationKind::Request);
        assert_eq!(m.status, MedicationStatus::Active);
        assert_eq!(m.code.as_ref().unwrap().code, "2171022F1093");
        assert_eq!(m.name, "アムロジピン錠5mg「サワイ」");
        assert_eq!(m.days, Some(28));
        assert_eq!(m.dosage.as_deref(), Some("1日1回朝食後"));
        assert_eq!(m.quantity.as_deref(), Some("28 錠"));
        assert_eq!(m.date.day(), NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
    }

    #[test]
    fn bundle_level_refusals() {
        let e = |v: Value| read_bundle(&v, REG).unwrap_err();
        assert_eq!(e(json!({"resourceType": "Patient"})).reason, Reason::NotABundle);
        assert_eq!(e(json!([1, 2])).reason, Reason::NotABundle);
        assert_eq!(e(bundle("document", vec![patient()])).reason, Reason::MissingIdentifier, "bdl-9");
        assert_eq!(e(bundle("batch", vec![patient()])).reason, Reason::BundleType);
        assert_eq!(e(json!({"resourceType": "Bundle", "type": "collection"})).reason, Reason::NoEntries);
        let many = vec![patient(); MAX_ENTRIES + 1];
        assert_eq!(e(bundle("collection", many)).reason, Reason::TooManyEntries);
    }

    #[test]
    fn entry_refusals_name_the_element() {
        let mut no_date = request();
        no_date.as_object_mut().unwrap().remove("authoredOn");
        let mut bad_system = request();
        bad_system["medicationCodeableConcept"]["coding"][0]["system"] = json!("http://example.org/my-drugs");
        let mut bad_code = request();
        bad_code["medicationCodeableConcept"]["coding"][0]["code"] = json!("21710");
        let mut no_id = request();
        no_id.as_object_mut().unwrap().remove("identifier");
        let mut wrong_status = request();
        wrong_status["status"] = json!("finished");
        let mut draft = request();
        draft["status"] = json!("draft");
        let mut bad_days = request();
        bad_days["dispenseRequest"]["expectedSupplyDuration"]["value"] = json!(-3);
        let b = read_bundle_(&bundle(
            "collection",
            vec![
                json!({"resource": no_date}),
                json!({"resource": bad_system}),
                json!({"resource": bad_code}),
                json!({"resource": no_id}),
                json!({"resource": wrong_status}),
                json!({"resource": draft}),
                json!({"resource": bad_days}),
                json!({"resource": {"resourceType": "Observation"}}),
                json!({"resource": {"resourceType": "MedicationRequests"}}),
                json!({"fullUrl": "x"}),
                json!({"resource": {"resourceType": "Coverage"}}),
            ],
        ))
        .unwrap();
        let one =
            |i: usize, r: Reason, path: &str| assert_eq!(reasons(&b, i), [(r, Some(path.to_owned()))], "entry {i}");
        one(0, Reason::MissingElement, "MedicationRequest.authoredOn");
        // A code of an unknown system is kept as sent, the medicine by its name, marked not comparable.
        let Ok(Content::Record { record, warnings, .. }) = &b.entries[1].content else { panic!("{:?}", b.entries[1]) };
        let Record::Medication(m) = &**record else { panic!() };
        assert_eq!((m.code.as_ref(), m.name.as_str()), (None, "アムロジピン錠5mg「サワイ」"));
        assert_eq!(m.detail.codings[0].system, "http://example.org/my-drugs");
        assert!(warnings.iter().any(|w| w.reason == Reason::NotComparable));
        one(2, Reason::InvalidCode, "MedicationRequest.medicationCodeableConcept.coding[0].code");
        one(3, Reason::MissingIdentifier, "MedicationRequest.identifier");
        one(4, Reason::InvalidValue, "MedicationRequest.status");
        one(5, Reason::DraftNotShared, "MedicationRequest.status");
        one(6, Reason::InvalidValue, "MedicationRequest.dispenseRequest.expectedSupplyDuration.value");
        one(7, Reason::UnsupportedResourceType, "Bundle.entry[7].resource.resourceType");
        one(8, Reason::UnsupportedResourceType, "Bundle.entry[8].resource.resourceType");
        one(9, Reason::MissingResource, "Bundle.entry[9].resource");
        assert_eq!(b.entries[10].content, Ok(Content::Ignored));
    }

    #[test]
    fn dispense_statement_and_allergy() {
        let number = crate::domain::public_id::PublicId::generate(10, &mut rand::rng());
        let dispense = json!({"resourceType": "MedicationDispense",
            "identifier": [{"system": "urn:pharmacy", "value": "d-1"}], "status": "completed",
            "medicationCodeableConcept": {"text": "ロキソプロフェンNa錠60mg", "coding": [
                {"system": "urn:oid:1.2.392.100495.20.2.74", "code": "103835401"},
                {"system": "http://capstandard.jp/iyaku.info/CodeSystem/YJ-code", "code": "1149019F1560"}]},
            "subject": {"reference": "urn:uuid:p1"},
            "whenHandedOver": "2026-11-20", "daysSupply": {"value": 1, "code": "wk"},
            "quantity": {"value": 21, "unit": "錠"}});
        let statement = json!({"resourceType": "MedicationStatement",
            "identifier": [{"system": "urn:clinic", "value": "s-1"}], "status": "active",
            "medicationCodeableConcept": {"coding": [{"system": "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/MedicationGeneralOrderCode", "code": "217102201ZZZ", "display": "【般】アムロジピン錠5mg"}]},
            "subject": {"reference": "#p"}, "contained": [{"resourceType": "Patient", "id": "p", "name": [{"text": "山田 花子"}], "identifier": [{"system": MEMBER_ID_SYSTEM, "value": "01130012:12:3456:01"}]}],
            "effectivePeriod": {"start": "2026-11-01", "end": "2026-11-30"}});
        let allergy = json!({"resourceType": "AllergyIntolerance",
            "identifier": [{"system": "urn:clinic", "value": "a-1"}],
            "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "code": "active"}]},
            "category": ["medication"], "criticality": "high",
            "code": {"text": "ロキソプロフェン", "coding": [{"system": "http://capstandard.jp/iyaku.info/CodeSystem/YJ-code", "code": "1149019F1560"}]},
            "patient": {"reference": "Patient/p1"}, "recordedDate": "2026-11-20"});
        let b = read_bundle_(&bundle(
            "collection",
            vec![json!({"resource": dispense}), json!({"resource": statement}), json!({"resource": allergy})],
        ))
        .unwrap();
        let (_, subject, Record::Medication(d)) = only_record(&b, 0) else { panic!() };
        assert_eq!(subject, &Subject::Entry("urn:uuid:p1".into(), None));
        let _ = number;
        assert_eq!(d.code.as_ref().unwrap().system, CodeSystem::Yj, "the YJ code is preferred for the flags");
        assert_eq!(d.name, "ロキソプロフェンNa錠60mg");
        assert_eq!(d.days, Some(7));
        let (_, subject, Record::Medication(s)) = only_record(&b, 1) else { panic!() };
        assert!(matches!(subject, Subject::Contained(_)));
        assert_eq!(s.days, Some(30));
        assert_eq!(s.name, "【般】アムロジピン錠5mg");
        let (_, _, Record::Allergy(a)) = only_record(&b, 2) else { panic!() };
        assert!(a.is_contraindication());
        assert_eq!(a.drug_code.as_ref().unwrap().code, "1149019F1560");
        assert_eq!(a.text, "ロキソプロフェン");
    }

    #[test]
    fn allergy_needs_text_and_a_date() {
        let a = json!({"resourceType": "AllergyIntolerance", "identifier": [{"system": "urn:c", "value": "1"}],
            "patient": {"reference": "urn:uuid:p1"}, "category": ["medicine"],
            "code": {"coding": [{"system": "http://example.org/x", "code": "1"}]}});
        let b = read_bundle_(&bundle("collection", vec![json!({"resource": a})])).unwrap();
        let r: Vec<Reason> = reasons(&b, 0).into_iter().map(|(r, _)| r).collect();
        assert_eq!(r, [Reason::MissingElement, Reason::InvalidValue, Reason::MissingElement]);
    }

    #[test]
    fn member_ids() {
        assert!(parse_member_id("01130012:12:3456:01").is_some());
        assert!(parse_member_id("01130012::3456:01").is_some(), "no symbol");
        assert!(parse_member_id("01130013:12:3456:01").is_none(), "check digit");
        assert!(parse_member_id("01130012:12:3456").is_none());
        assert!(parse_member_id("01130012:12:3456:1x").is_none());
        // JP Core's string rule: 8 digits, a 6-digit NHI number padded with
        // zeros; an empty branch when the document has none.
        let nhi = parse_member_id("00141002:アイ:1234:").unwrap();
        assert_eq!(nhi.insurer.as_str(), "141002");
        assert_eq!(nhi.branch, None);
        assert_eq!(nhi.member_id(), "00141002:アイ:1234:");
        assert_eq!(parse_member_id("141002:アイ:1234:").unwrap().member_id(), "00141002:アイ:1234:");
        assert_eq!(parse_member_id("01130012:12:3456:01").unwrap().member_id(), "01130012:12:3456:01");
    }

    fn instance(value: &str) -> Identifier {
        Identifier { system: INSTANCE_ID_SYSTEM.into(), value: value.into() }
    }

    fn id(system: &str, value: &str) -> Identifier {
        Identifier { system: system.into(), value: value.into() }
    }

    #[test]
    fn the_key_is_the_instance_or_the_prescription_with_its_rp_never_the_rp_alone() {
        let rp = |n: &str| id("urn:oid:1.2.392.100495.20.3.81", n);
        let order = |n: &str| id("http://jpfhir.jp/fhir/core/mhlw/IdSystem/MedicationAdministrationIndex", n);
        // JP-CLINS: Rp 1 of thirteen prescriptions, each with its own instance id.
        let keys: std::collections::HashSet<String> = (1..=13)
            .map(|n| record_key(&[rp("1"), order("1"), instance(&format!("1311234567-2026-{n:08}"))], None).unwrap())
            .collect();
        assert_eq!(keys.len(), 13);
        // JP Core 1.1: the prescription id (national, or with the facility code) with Rp and order.
        let rx = id("urn:oid:1.2.392.100495.20.3.11", "00123456");
        let local = id("urn:oid:1.2.392.100495.20.3.11.11311234567", "00123456");
        let a = record_key(&[rp("1"), order("1"), rx.clone()], None).unwrap();
        let b = record_key(&[rp("1"), order("2"), rx.clone()], None).unwrap();
        let c = record_key(&[rp("2"), order("1"), rx.clone()], None).unwrap();
        let d = record_key(&[rp("1"), order("1"), local], None).unwrap();
        assert_eq!(std::collections::HashSet::from([&a, &b, &c, &d]).len(), 4);
        assert_eq!(
            record_key(&[rx.clone(), rp("01"), order("1")], None),
            Some(a.clone()),
            "order of identifiers, leading zeros"
        );
        // A document's id stands for the prescription id.
        let doc = id("http://jpfhir.jp/fhir/clins/bundle-identifier", "1311234567^2026^abc");
        assert!(record_key(&[rp("1"), order("1")], Some(&doc)).unwrap().contains("1311234567^2026^abc"));
        // The Rp number and order alone identify nothing.
        assert_eq!(record_key(&[rp("1"), order("1")], None), None);
        // A system's own id for the record.
        assert_eq!(record_key(&[rp("1"), id("urn:clinic", "a-1")], None).as_deref(), Some("urn:clinic|a-1"));
    }

    #[test]
    fn a_subject_by_identifier_alone_is_refused() {
        let mut r = request();
        r["subject"] = json!({"identifier": {"system": MEMBER_ID_SYSTEM, "value": "01130012:12:3456:01"}});
        let b = read_bundle_(&bundle("collection", vec![json!({"resource": r})])).unwrap();
        assert_eq!(reasons(&b, 0), [(Reason::PatientNotInBundle, Some("MedicationRequest.subject.identifier".into()))]);
    }

    #[test]
    fn a_patient_needs_a_name_and_coverage_names_the_member() {
        let mut p = patient();
        p["resource"].as_object_mut().unwrap().remove("name");
        let b = read_bundle_(&bundle("collection", vec![p])).unwrap();
        assert_eq!(reasons(&b, 0), [(Reason::MissingElement, Some("Patient.name".into()))]);
        let mut p = patient();
        p["resource"].as_object_mut().unwrap().remove("identifier");
        p["resource"]["name"] = json!([
            {"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation", "valueCode": "IDE"}], "family": "山田", "given": ["花子"]},
            {"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation", "valueCode": "SYL"}], "text": "ヤマダ ハナコ"}]);
        let coverage = json!({"fullUrl": "urn:uuid:c1", "resource": {"resourceType": "Coverage", "status": "active",
            "identifier": [{"system": MEMBER_ID_SYSTEM, "value": "01130012:12:3456:"}],
            "beneficiary": {"reference": "urn:uuid:p1"}}});
        // JP Core 1.1's written-out form: payor Organization, 記号 and 番号 extensions, dependent.
        let written = json!({"resource": {"resourceType": "Coverage", "status": "active",
            "extension": [
                {"url": "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Coverage_InsuredPersonSymbol", "valueString": "12"},
                {"url": "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Coverage_InsuredPersonNumber", "valueString": "3456"}],
            "dependent": "01", "payor": [{"reference": "urn:uuid:o1"}], "beneficiary": {"reference": "urn:uuid:p1"}}});
        let org = json!({"fullUrl": "urn:uuid:o1", "resource": {"resourceType": "Organization",
            "identifier": [{"system": "urn:oid:1.2.392.100495.20.3.61", "value": "01130012"}]}});
        let b = read_bundle_(&bundle("collection", vec![p, coverage, written, org])).unwrap();
        let Ok(Content::Patient { patient, .. }) = &b.entries[0].content else { panic!("{:?}", b.entries[0]) };
        assert_eq!(
            (patient.names.as_slice(), patient.kana.as_slice()),
            (&["山田 花子".to_owned()][..], &["ヤマダ ハナコ".to_owned()][..])
        );
        let Ok(Content::Coverage { beneficiary, id: PatientId::Member(m) }) = &b.entries[1].content else { panic!() };
        assert_eq!((beneficiary.as_str(), m.member_id().as_str()), ("urn:uuid:p1", "01130012:12:3456:"));
        let Ok(Content::Coverage { id: PatientId::Member(m), .. }) = &b.entries[2].content else {
            panic!("{:?}", b.entries[2])
        };
        assert_eq!(m.member_id(), "01130012:12:3456:01");
        assert_eq!(b.entries[3].content, Ok(Content::Ignored));
    }

    #[test]
    fn nocoded_medicines_are_kept_by_name() {
        let mut r = request();
        r["medicationCodeableConcept"] = json!({"text": "院内製剤 軟膏A", "coding": [
            {"system": "http://jpfhir.jp/fhir/eCS/CodeSystem/MedicationCodeNocoded_CS", "code": "NOCODED", "display": "標準コードなし"}]});
        let b = read_bundle_(&bundle("collection", vec![json!({"resource": r})])).unwrap();
        let Ok(Content::Record { record, warnings, .. }) = &b.entries[0].content else { panic!("{:?}", b.entries[0]) };
        let Record::Medication(m) = &**record else { panic!() };
        assert_eq!((m.code.as_ref(), m.name.as_str()), (None, "院内製剤 軟膏A"));
        assert_eq!(m.detail.codings[0].code, "NOCODED");
        assert_eq!(warnings.iter().map(|w| w.reason).collect::<Vec<_>>(), [Reason::NotComparable]);
    }

    #[test]
    fn documents_are_read_and_allergies_dated_by_what_they_give() {
        let composition =
            json!({"fullUrl": "urn:uuid:comp", "resource": {"resourceType": "Composition", "status": "final"}});
        let mut r = request();
        r["identifier"] = json!([{"system": "urn:oid:1.2.392.100495.20.3.81", "value": "2"}, {"system": "urn:oid:1.2.392.100495.20.3.82", "value": "1"}]);
        let allergy = json!({"resourceType": "AllergyIntolerance",
            "identifier": [{"system": INSTANCE_ID_SYSTEM, "value": "a-1"}],
            "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "code": "active"}]},
            "code": {"text": "卵", "coding": [{"system": "http://jpfhir.jp/fhir/core/CodeSystem/JP_JfagyFoodAllergen_CS", "code": "J7F7111190"}]},
            "patient": {"reference": "urn:uuid:p1"}, "onsetDateTime": "1990",
            "meta": {"lastUpdated": "2026-11-20T10:00:00+09:00"}});
        let mut undated = allergy.clone();
        undated.as_object_mut().unwrap().remove("meta");
        undated["identifier"][0]["value"] = json!("a-2");
        let mut doc = bundle(
            "document",
            vec![
                composition,
                patient(),
                json!({"resource": r}),
                json!({"resource": allergy}),
                json!({"resource": undated}),
                json!({"resource": {"resourceType": "Condition"}}),
            ],
        );
        doc["identifier"] =
            json!({"system": "http://jpfhir.jp/fhir/clins/bundle-identifier", "value": "1311234567^2026^d1"});
        doc["timestamp"] = json!("2026-11-21T10:00:00+09:00");
        let b = read_bundle_(&doc).unwrap();
        assert_eq!(b.kind, BundleKind::Document);
        assert!(b.kind.all_or_nothing());
        assert_eq!(b.entries[0].content, Ok(Content::Ignored));
        assert_eq!(b.entries[5].content, Ok(Content::Ignored), "a document's other resources are read past");
        let (key, _, _) = only_record(&b, 2);
        assert_eq!(key, "http://jpfhir.jp/fhir/clins/bundle-identifier|1311234567^2026^d1#rp=2#order=1");
        let Ok(Content::Record { record, date_expression, .. }) = &b.entries[3].content else { panic!() };
        // Dated when the record was made, not when the allergy began (1990).
        assert_eq!(date_expression, "AllergyIntolerance.meta.lastUpdated");
        let Record::Allergy(a) = &**record else { panic!() };
        assert_eq!(a.detail.dated_by.as_deref(), Some("AllergyIntolerance.meta.lastUpdated"));
        let Ok(Content::Record { date_expression, record, .. }) = &b.entries[4].content else { panic!() };
        assert_eq!(date_expression, "Bundle.timestamp");
        let Record::Allergy(a) = &**record else { panic!() };
        assert_eq!(a.date.day(), NaiveDate::from_ymd_opt(2026, 11, 21).unwrap());
    }

    #[test]
    fn supplies_counted_in_doses_say_nothing_of_days() {
        let mut d = request();
        d["dispenseRequest"]["expectedSupplyDuration"] = json!({"value": 10, "unit": "回分"});
        let mut odd = request();
        odd["dispenseRequest"]["expectedSupplyDuration"] = json!({"value": 14, "unit": "日分", "code": "TDAY"});
        let mut unknown = request();
        unknown["dispenseRequest"]["expectedSupplyDuration"] = json!({"value": 3, "unit": "袋"});
        let b = read_bundle_(&bundle(
            "collection",
            vec![json!({"resource": d}), json!({"resource": odd}), json!({"resource": unknown})],
        ))
        .unwrap();
        let days = |i: usize| match &b.entries[i].content {
            Ok(Content::Record { record, warnings, .. }) => match &**record {
                Record::Medication(m) => (m.days, warnings.iter().map(|w| w.reason).collect::<Vec<_>>()),
                Record::Allergy(_) => panic!(),
            },
            other => panic!("{other:?}"),
        };
        assert_eq!(days(0), (None, vec![]));
        assert_eq!(days(1), (Some(14), vec![]));
        assert_eq!(days(2), (None, vec![Reason::InvalidValue]), "kept, with a warning");
    }
}
