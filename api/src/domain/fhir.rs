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
    Allergy, AllergyCategory, AllergyStatus, CodeSystem, Criticality, DrugCode, Medication, MedicationKind,
    MedicationStatus, RecordDate, clean_text,
};

/// The JP Core insurance member id system: `insurerNo:symbol:number:branch`.
pub const MEMBER_ID_SYSTEM: &str = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID";
/// renkei's registration number (the number on the resident's done screen).
pub const REGISTRATION_NUMBER_SYSTEM: &str = "urn:renkei:registration-number";
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
    PatientUnknown,
    PatientMismatch,
    NoConsent,
    BeforeConsent,
    FutureDate,
    IdentifierConflict,
    RolledBack,
}

impl Reason {
    pub const ALL: [Reason; 27] = [
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
        Self::PatientUnknown,
        Self::PatientMismatch,
        Self::NoConsent,
        Self::BeforeConsent,
        Self::FutureDate,
        Self::IdentifierConflict,
        Self::RolledBack,
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
            Self::PatientUnknown => "patient_unknown",
            Self::PatientMismatch => "patient_mismatch",
            Self::NoConsent => "no_consent",
            Self::BeforeConsent => "before_consent",
            Self::FutureDate => "future_date",
            Self::IdentifierConflict => "identifier_conflict",
            Self::RolledBack => "rolled_back",
        }
    }

    /// The FHIR `issue-type` code.
    pub fn issue_type(self) -> &'static str {
        match self {
            Self::Accepted | Self::Updated | Self::Unchanged | Self::Ignored => "informational",
            Self::InvalidJson | Self::NotABundle | Self::MissingResource => "structure",
            Self::BundleType | Self::InvalidValue => "value",
            Self::NoEntries | Self::MissingElement | Self::MissingIdentifier => "required",
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
            Self::Updated | Self::Unchanged | Self::Ignored => 200,
            Self::PatientReference | Self::PatientUnknown => 404,
            Self::PatientMismatch | Self::IdentifierConflict | Self::DuplicateInBundle => 409,
            Self::NoConsent | Self::BeforeConsent | Self::FutureDate | Self::DraftNotShared => 422,
            _ => 400,
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Self::Accepted | Self::Updated | Self::Unchanged | Self::Ignored => Severity::Information,
            _ => Severity::Error,
        }
    }
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
}

/// Whom a resource is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A Patient entry of the Bundle (its fullUrl or `Patient/id`).
    Entry(String),
    /// A Patient contained in the resource itself.
    Contained(PatientEntry),
    /// An identifier in the reference.
    Id(PatientId),
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
    Record {
        identifier: String,
        subject: Subject,
        record: Box<Record>,
        /// The FHIRPath of the date the consent rules judge (`MedicationDispense.whenPrepared`).
        date_expression: String,
        warnings: Vec<Issue>,
    },
    /// Read past (Coverage, Medication): nothing to store.
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

/// Reads a Bundle. `Err` when the Bundle itself cannot be processed; entry
/// problems are reported per entry.
pub fn read_bundle(v: &Value) -> Result<Bundle, Issue> {
    match v.get("resourceType").and_then(Value::as_str) {
        Some("Bundle") => {}
        _ => return Err(Issue::at(Reason::NotABundle, "resourceType")),
    }
    let kind = match v.get("type").and_then(Value::as_str) {
        Some("transaction") => BundleKind::Transaction,
        Some("collection") => BundleKind::Collection,
        Some(_) => return Err(Issue::at(Reason::BundleType, "Bundle.type")),
        None => return Err(Issue::at(Reason::MissingElement, "Bundle.type")),
    };
    let entries = match v.get("entry") {
        Some(Value::Array(a)) if !a.is_empty() => a,
        Some(Value::Array(_)) | None => return Err(Issue::at(Reason::NoEntries, "Bundle.entry")),
        Some(_) => return Err(Issue::at(Reason::InvalidValue, "Bundle.entry")),
    };
    if entries.len() > MAX_ENTRIES {
        return Err(Issue::at(Reason::TooManyEntries, "Bundle.entry"));
    }
    Ok(Bundle { kind, entries: entries.iter().enumerate().map(|(i, e)| read_entry(i, e, kind)).collect() })
}

fn read_entry(i: usize, e: &Value, kind: BundleKind) -> Entry {
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
        Some("Patient") => read_patient(resource).map(|patient| {
            let mut keys = Vec::new();
            if let Some(u) = e.get("fullUrl").and_then(Value::as_str) {
                keys.push(u.to_owned());
            }
            if let Some(id) = resource.get("id").and_then(Value::as_str) {
                keys.push(format!("Patient/{id}"));
            }
            Content::Patient { keys, patient }
        }),
        Some("MedicationRequest") => read_medication(resource, MedicationKind::Request),
        Some("MedicationDispense") => read_medication(resource, MedicationKind::Dispense),
        Some("MedicationStatement") => read_medication(resource, MedicationKind::Statement),
        Some("AllergyIntolerance") => read_allergy(resource),
        Some("Coverage" | "Medication" | "Organization" | "Practitioner") => Ok(Content::Ignored),
        _ => Err(vec![Issue::at(Reason::UnsupportedResourceType, at("resource.resourceType"))]),
    };
    Entry { resource_type: rt, content }
}

fn str_at<'a>(v: &'a Value, path: &str) -> Option<&'a str> {
    v.pointer(path).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())
}

fn read_patient(p: &Value) -> Result<PatientEntry, Vec<Issue>> {
    let mut issues = Vec::new();
    let mut ids = Vec::new();
    for (i, id) in p.get("identifier").and_then(Value::as_array).into_iter().flatten().enumerate() {
        match patient_id(id) {
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
    if ids.is_empty() && issues.is_empty() {
        issues.push(Issue::at(Reason::MissingIdentifier, "Patient.identifier"));
    }
    if issues.is_empty() { Ok(PatientEntry { ids, birth_date }) } else { Err(issues) }
}

/// `None` for an identifier of another system (ignored); `Err` for ours, malformed.
fn patient_id(id: &Value) -> Option<Result<PatientId, ()>> {
    let system = str_at(id, "/system")?;
    let value = str_at(id, "/value");
    match system {
        MEMBER_ID_SYSTEM => Some(value.and_then(parse_member_id).map(PatientId::Member).ok_or(())),
        REGISTRATION_NUMBER_SYSTEM => Some(
            value
                .and_then(|v| super::public_id::PublicId::parse(v, super::registration::NUMBER_LEN).ok())
                .map(|n| PatientId::Registration(n.as_str().to_owned()))
                .ok_or(()),
        ),
        _ => None,
    }
}

/// `insurerNo:symbol:number:branch`, validated like the registration form.
pub fn parse_member_id(v: &str) -> Option<InsuranceId> {
    let parts: Vec<&str> = v.split(':').collect();
    let [insurer, symbol, number, branch] = parts.as_slice() else { return None };
    InsuranceId::parse(insurer, symbol, number, Some(branch)).ok()
}

fn read_subject(r: &Value, field: &str) -> Result<Subject, Issue> {
    let rt = r.get("resourceType").and_then(Value::as_str).unwrap_or("Resource");
    let path = format!("{rt}.{field}");
    let Some(s) = r.get(field) else { return Err(Issue::at(Reason::MissingElement, path)) };
    if let Some(reference) = str_at(s, "/reference") {
        if let Some(id) = reference.strip_prefix('#') {
            let contained = r.get("contained").and_then(Value::as_array).into_iter().flatten().find(|c| {
                c.get("resourceType").and_then(Value::as_str) == Some("Patient") && str_at(c, "/id") == Some(id)
            });
            return match contained {
                Some(c) => read_patient(c).map(Subject::Contained).map_err(|mut e| e.remove(0)),
                None => Err(Issue::at(Reason::PatientReference, format!("{path}.reference"))),
            };
        }
        return Ok(Subject::Entry(reference.to_owned()));
    }
    if let Some(id) = s.get("identifier") {
        return match patient_id(id) {
            Some(Ok(pid)) => Ok(Subject::Id(pid)),
            Some(Err(())) => Err(Issue::at(Reason::InvalidValue, format!("{path}.identifier.value"))),
            None => Err(Issue::at(Reason::PatientReference, format!("{path}.identifier.system"))),
        };
    }
    Err(Issue::at(Reason::MissingElement, format!("{path}.reference")))
}

fn read_identifier(r: &Value, rt: &str) -> Result<String, Issue> {
    let ids = r.get("identifier").and_then(Value::as_array);
    let found = ids.into_iter().flatten().find_map(|id| {
        let system = str_at(id, "/system")?;
        let value = str_at(id, "/value")?;
        Some((system, value))
    });
    match found {
        Some((s, v)) if s.chars().count() <= 250 && v.chars().count() <= 250 => Ok(format!("{s}|{v}")),
        Some(_) => Err(Issue::at(Reason::InvalidValue, format!("{rt}.identifier"))),
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
fn read_days(v: &Value, path: String) -> Result<u32, Issue> {
    let value = v.get("value").and_then(Value::as_f64);
    let unit = str_at(v, "/code").or_else(|| str_at(v, "/unit"));
    let per = match unit {
        Some("d" | "day" | "days" | "日" | "日分") => 1.0,
        Some("wk" | "週") => 7.0,
        _ => return Err(Issue::at(Reason::InvalidValue, format!("{path}.code"))),
    };
    match value {
        Some(n) if n > 0.0 && n.fract() == 0.0 && n * per <= 366.0 => Ok((n * per) as u32),
        _ => Err(Issue::at(Reason::InvalidValue, format!("{path}.value"))),
    }
}

fn quantity_text(v: Option<&Value>) -> Option<String> {
    let v = v?;
    let n = v.get("value")?;
    let unit = str_at(v, "/unit").or_else(|| str_at(v, "/code")).unwrap_or("");
    clean_text(&format!("{n} {unit}"), 100)
}

fn read_medication(r: &Value, kind: MedicationKind) -> Result<Content, Vec<Issue>> {
    let rt = kind.resource_type();
    let mut issues = Vec::new();
    let mut warnings = Vec::new();
    let identifier = read_identifier(r, rt).map_err(|e| issues.push(e)).ok();
    let subject = read_subject(r, "subject").map_err(|e| issues.push(e)).ok();

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

    let (code, name) = match read_drug(r, rt, &mut warnings) {
        Ok(c) => c,
        Err(e) => {
            issues.push(e);
            (None, None)
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
            .map(|d| read_days(d, format!("{rt}.dispenseRequest.expectedSupplyDuration")))
            .transpose(),
        MedicationKind::Dispense => r.get("daysSupply").map(|d| read_days(d, format!("{rt}.daysSupply"))).transpose(),
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
    let quantity = match kind {
        MedicationKind::Request => quantity_text(r.pointer("/dispenseRequest/quantity")),
        MedicationKind::Dispense => quantity_text(r.get("quantity")),
        MedicationKind::Statement => None,
    };

    match (identifier, subject, status, code, name, dated) {
        (Some(identifier), Some(subject), Some(status), Some(code), Some(name), Some((date, date_expression)))
            if issues.is_empty() =>
        {
            let record = Medication {
                kind,
                status,
                code: Some(code),
                name,
                dosage,
                quantity,
                date,
                days,
                prescriber: None,
                dispenser: None,
            };
            let record = Box::new(Record::Medication(record));
            Ok(Content::Record { identifier, subject, record, date_expression, warnings })
        }
        _ => Err(issues),
    }
}

/// The medicine's code (from a known system) and name (text or display).
fn read_drug(r: &Value, rt: &str, warnings: &mut Vec<Issue>) -> Result<(Option<DrugCode>, Option<String>), Issue> {
    // A medicine must carry a code the network can compare across facilities.
    let base = format!("{rt}.medicationCodeableConcept");
    let Some(cc) = r.get("medicationCodeableConcept") else {
        return Err(if r.get("medicationReference").is_some() {
            Issue::at(Reason::UnsupportedResourceType, format!("{rt}.medicationReference"))
        } else {
            Issue::at(Reason::MissingElement, base)
        });
    };
    let codings = cc.get("coding").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    if codings.is_empty() {
        return Err(Issue::at(Reason::MissingElement, format!("{base}.coding")));
    }
    let mut code = None;
    let mut display = None;
    for (i, c) in codings.iter().enumerate() {
        let Some(system) = str_at(c, "/system").and_then(CodeSystem::from_uri) else {
            warnings.push(Issue::warning(Reason::UnknownCodeSystem, format!("{base}.coding[{i}].system")));
            continue;
        };
        let Some(value) = str_at(c, "/code") else {
            return Err(Issue::at(Reason::MissingElement, format!("{base}.coding[{i}].code")));
        };
        match DrugCode::parse(system, value) {
            Some(dc) => {
                // Prefer a code that carries the ingredient (YJ structure) for the safety flags.
                if code
                    .as_ref()
                    .is_none_or(|c: &DrugCode| c.ingredient_route().is_none() && dc.ingredient_route().is_some())
                {
                    display = str_at(c, "/display").map(str::to_owned);
                    code = Some(dc);
                }
            }
            None => return Err(Issue::at(Reason::InvalidCode, format!("{base}.coding[{i}].code"))),
        }
    }
    let Some(code) = code else {
        // Codes were given, none from a system the network can compare.
        warnings.clear();
        return Err(Issue::at(Reason::UnknownCodeSystem, format!("{base}.coding")));
    };
    let name = str_at(cc, "/text")
        .map(str::to_owned)
        .or(display)
        .and_then(|n| clean_text(&n, 200))
        .ok_or_else(|| Issue::at(Reason::MissingElement, format!("{base}.text")))?;
    Ok((Some(code), Some(name)))
}

fn read_allergy(r: &Value) -> Result<Content, Vec<Issue>> {
    let rt = "AllergyIntolerance";
    let mut issues = Vec::new();
    let mut warnings = Vec::new();
    let identifier = read_identifier(r, rt).map_err(|e| issues.push(e)).ok();
    let subject = read_subject(r, "patient").map_err(|e| issues.push(e)).ok();

    let mut drug_code = None;
    let mut allergen_code = None;
    let mut display = None;
    let codings = r.pointer("/code/coding").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    for (i, c) in codings.iter().enumerate() {
        let path = format!("{rt}.code.coding[{i}]");
        let system = str_at(c, "/system");
        let value = str_at(c, "/code");
        if display.is_none() {
            display = str_at(c, "/display").map(str::to_owned);
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
    let dated = read_date(r, rt, &["recordedDate", "onsetDateTime"]).map_err(|e| issues.push(e)).ok();

    match (identifier, subject, text, status, dated) {
        (Some(identifier), Some(subject), Some(text), Some(status), Some((date, date_expression)))
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

    fn bundle(kind: &str, entries: Vec<Value>) -> Value {
        json!({"resourceType": "Bundle", "type": kind, "entry": entries})
    }

    fn patient() -> Value {
        json!({"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Patient", "id": "p1",
            "identifier": [{"system": MEMBER_ID_SYSTEM, "value": "01130012:12:3456:01"}], "birthDate": "1948-04-15"}})
    }

    fn request() -> Value {
        json!({"resourceType": "MedicationRequest",
            "identifier": [{"system": "urn:oid:1.2.392.100495.20.3.81", "value": "rx-1"}],
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
        let b = read_bundle(&bundle("transaction", vec![patient(), json!({"resource": request()})])).unwrap();
        assert_eq!(b.kind, BundleKind::Transaction);
        let Ok(Content::Patient { keys, patient }) = &b.entries[0].content else { panic!() };
        assert_eq!(keys, &["urn:uuid:p1", "Patient/p1"]);
        assert_eq!(patient.birth_date, NaiveDate::from_ymd_opt(1948, 4, 15));
        let PatientId::Member(m) = &patient.ids[0] else { panic!() };
        assert_eq!(m.member_id(), "01130012:12:3456:01");
        let (identifier, subject, record) = only_record(&b, 1);
        assert_eq!(identifier, "urn:oid:1.2.392.100495.20.3.81|rx-1");
        assert_eq!(subject, &Subject::Entry("urn:uuid:p1".into()));
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
        let e = |v: Value| read_bundle(&v).unwrap_err();
        assert_eq!(e(json!({"resourceType": "Patient"})).reason, Reason::NotABundle);
        assert_eq!(e(json!([1, 2])).reason, Reason::NotABundle);
        assert_eq!(e(bundle("document", vec![patient()])).reason, Reason::BundleType);
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
        let b = read_bundle(&bundle(
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
        one(1, Reason::UnknownCodeSystem, "MedicationRequest.medicationCodeableConcept.coding");
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
            "subject": {"identifier": {"system": REGISTRATION_NUMBER_SYSTEM, "value": number.to_string()}},
            "whenHandedOver": "2026-11-20", "daysSupply": {"value": 1, "code": "wk"},
            "quantity": {"value": 21, "unit": "錠"}});
        let statement = json!({"resourceType": "MedicationStatement",
            "identifier": [{"system": "urn:clinic", "value": "s-1"}], "status": "active",
            "medicationCodeableConcept": {"coding": [{"system": "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/MedicationGeneralOrderCode", "code": "217102201ZZZ", "display": "【般】アムロジピン錠5mg"}]},
            "subject": {"reference": "#p"}, "contained": [{"resourceType": "Patient", "id": "p", "identifier": [{"system": MEMBER_ID_SYSTEM, "value": "01130012:12:3456:01"}]}],
            "effectivePeriod": {"start": "2026-11-01", "end": "2026-11-30"}});
        let allergy = json!({"resourceType": "AllergyIntolerance",
            "identifier": [{"system": "urn:clinic", "value": "a-1"}],
            "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "code": "active"}]},
            "category": ["medication"], "criticality": "high",
            "code": {"text": "ロキソプロフェン", "coding": [{"system": "http://capstandard.jp/iyaku.info/CodeSystem/YJ-code", "code": "1149019F1560"}]},
            "patient": {"reference": "Patient/p1"}, "recordedDate": "2026-11-20"});
        let b = read_bundle(&bundle(
            "collection",
            vec![json!({"resource": dispense}), json!({"resource": statement}), json!({"resource": allergy})],
        ))
        .unwrap();
        let (_, subject, Record::Medication(d)) = only_record(&b, 0) else { panic!() };
        assert!(matches!(subject, Subject::Id(PatientId::Registration(n)) if n == number.as_str()));
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
        let b = read_bundle(&bundle("collection", vec![json!({"resource": a})])).unwrap();
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
    }
}
