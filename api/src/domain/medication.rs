//! Medication and allergy records as the network keeps them, whichever format
//! they arrived in (FHIR JP Core or JAHIS), and the rules for accepting them:
//! which drug codes are known, what a status means, and which dates may be
//! shared under a consent.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::text;

/// Where renkei's own system for 薬価基準収載医薬品コード sits under the
/// deployment's URL (documented in `docs/intake.md`).
pub const PRICE_LIST_PATH: &str = "/fhir/CodeSystem/price-list-code";

/// The drug code systems the network understands. A medicine must carry a
/// code from one of these (the name alone cannot be compared across facilities).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeSystem {
    /// YJ code (個別医薬品コード), 12 characters.
    Yj,
    /// 薬価基準収載医薬品コード, 12 characters; its first 7 have the YJ structure.
    PriceList,
    /// 一般名処方マスタ code: the first 9 YJ characters and `ZZZ`.
    GeneralName,
    /// HOT code (7, 9 or 13 digits).
    Hot7,
    Hot9,
    Hot13,
    /// レセプト電算処理システム医薬品コード, 9 digits.
    Claims,
}

impl CodeSystem {
    pub const ALL: [CodeSystem; 7] =
        [Self::Yj, Self::PriceList, Self::GeneralName, Self::Hot7, Self::Hot9, Self::Hot13, Self::Claims];

    /// The FHIR code system URI written in exports.
    pub fn uri(self) -> &'static str {
        self.uris()[0]
    }

    /// Every URI accepted for the system: the JP Core one first, then the
    /// NamingSystem OIDs (JP Core 1.1 lists `20.1.x`, its URL map `20.2.x`)
    /// and older URLs that name it. The 薬価基準収載医薬品コード (JAHIS code
    /// type 3) has no published FHIR system: it is written under renkei's
    /// own documented URL ([`PRICE_LIST_PATH`] under the deployment's URL).
    fn uris(self) -> &'static [&'static str] {
        match self {
            Self::Yj => &[
                "http://capstandard.jp/iyaku.info/CodeSystem/YJ-code",
                "urn:oid:1.2.392.100495.20.1.73",
                "urn:oid:1.2.392.100495.20.2.73",
            ],
            Self::PriceList => &["urn:renkei:CodeSystem:price-list-code"],
            Self::GeneralName => &[
                "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/MedicationGeneralOrderCode",
                "urn:oid:1.2.392.100495.20.1.81",
                "urn:oid:1.2.392.100495.20.2.81",
            ],
            Self::Hot7 => &["http://medis.or.jp/CodeSystem/master-HOT7", "urn:oid:1.2.392.200119.4.403.2"],
            Self::Hot9 => &[
                "http://medis.or.jp/CodeSystem/master-HOT9",
                "urn:oid:1.2.392.200119.4.403.1",
                "http://jpfhir.jp/fhir/core/CodeSystem/JP_MedicationCodeHOT9_CS",
            ],
            Self::Hot13 => &["http://medis.or.jp/CodeSystem/master-HOT13", "urn:oid:1.2.392.200119.4.402.1"],
            // レセプト電算処理システム用医薬品コード (JP Core's URL map has no URL yet).
            Self::Claims => &["urn:oid:1.2.392.100495.20.2.71", "urn:renkei:CodeSystem:claims-code"],
        }
    }

    /// The system URI written in exports, under `public_url` for the one
    /// system of renkei's own.
    pub fn export_uri(self, public_url: &str) -> String {
        match self {
            Self::PriceList => format!("{}{PRICE_LIST_PATH}", public_url.trim_end_matches('/')),
            _ => self.uri().to_owned(),
        }
    }

    pub fn from_uri(uri: &str) -> Option<Self> {
        if uri.ends_with(PRICE_LIST_PATH) {
            return Some(Self::PriceList);
        }
        Self::ALL.into_iter().find(|s| s.uris().contains(&uri))
    }

    /// Stored as text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Yj => "yj",
            Self::PriceList => "price_list",
            Self::GeneralName => "general_name",
            Self::Hot7 => "hot7",
            Self::Hot9 => "hot9",
            Self::Hot13 => "hot13",
            Self::Claims => "claims",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether `code` has the shape this system gives its codes.
    pub fn accepts(self, code: &str) -> bool {
        let alnum12 = code.len() == 12 && code.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase());
        let digits = |n: usize| code.len() == n && code.bytes().all(|b| b.is_ascii_digit());
        match self {
            // Class (4 digits) and ingredient (3 digits) are numeric in both.
            Self::Yj | Self::PriceList => alnum12 && code[..7].bytes().all(|b| b.is_ascii_digit()),
            Self::GeneralName => alnum12 && code[..7].bytes().all(|b| b.is_ascii_digit()) && code.ends_with("ZZZ"),
            Self::Hot7 => digits(7),
            Self::Hot9 => digits(9),
            Self::Hot13 => digits(13),
            Self::Claims => digits(9),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DrugCode {
    pub system: CodeSystem,
    pub code: String,
}

impl DrugCode {
    /// A code in canonical form (NFKC, upper case), if it fits its system.
    pub fn parse(system: CodeSystem, code: &str) -> Option<Self> {
        let code = text::normalize(code).to_ascii_uppercase();
        system.accepts(&code).then_some(Self { system, code })
    }

    /// The first seven YJ characters (therapeutic class, ingredient and
    /// route): two medicines sharing them carry the same ingredient by the
    /// same route. Only the YJ-structured codes have them.
    pub fn ingredient_route(&self) -> Option<&str> {
        match self.system {
            CodeSystem::Yj | CodeSystem::PriceList | CodeSystem::GeneralName => Some(&self.code[..7]),
            _ => None,
        }
    }
}

/// What a medication record says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MedicationKind {
    /// Prescribed (MedicationRequest).
    Request,
    /// Handed over at a pharmacy (MedicationDispense, JAHIS data).
    Dispense,
    /// Reported as taken (MedicationStatement).
    Statement,
}

impl MedicationKind {
    pub const ALL: [MedicationKind; 3] = [Self::Request, Self::Dispense, Self::Statement];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Dispense => "dispense",
            Self::Statement => "statement",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn resource_type(self) -> &'static str {
        match self {
            Self::Request => "MedicationRequest",
            Self::Dispense => "MedicationDispense",
            Self::Statement => "MedicationStatement",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MedicationStatus {
    Active,
    OnHold,
    Completed,
    Stopped,
    Unknown,
    /// Sent by mistake: kept (so a resubmission can correct it) but never shown.
    EnteredInError,
}

impl MedicationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::OnHold => "on_hold",
            Self::Completed => "completed",
            Self::Stopped => "stopped",
            Self::Unknown => "unknown",
            Self::EnteredInError => "entered_in_error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Active, Self::OnHold, Self::Completed, Self::Stopped, Self::Unknown, Self::EnteredInError]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    /// The FHIR status of each resource, mapped; `Err(())` for a value the
    /// resource does not have. `draft` is not shared (`Ok(None)`): nothing was
    /// prescribed yet.
    #[allow(clippy::result_unit_err)]
    pub fn from_fhir(kind: MedicationKind, status: &str) -> Result<Option<Self>, ()> {
        use MedicationKind::*;
        Ok(Some(match (kind, status) {
            (_, "active") if kind != Dispense => Self::Active,
            (Dispense, "preparation" | "in-progress") => Self::Active,
            (Statement, "intended") => Self::Active,
            (_, "on-hold") => Self::OnHold,
            (_, "completed") => Self::Completed,
            (Request | Dispense, "cancelled") | (_, "stopped") | (Dispense, "declined") | (Statement, "not-taken") => {
                Self::Stopped
            }
            (_, "unknown") => Self::Unknown,
            (_, "entered-in-error") => Self::EnteredInError,
            (Request, "draft") => return Ok(None),
            _ => return Err(()),
        }))
    }

    pub fn fhir(self, kind: MedicationKind) -> &'static str {
        match (self, kind) {
            (Self::Active, MedicationKind::Dispense) => "in-progress",
            (Self::Active, _) => "active",
            (Self::OnHold, _) => "on-hold",
            (Self::Completed, _) => "completed",
            (Self::Stopped, _) => "stopped",
            (Self::Unknown, _) => "unknown",
            (Self::EnteredInError, _) => "entered-in-error",
        }
    }
}

/// Who the data comes from: the sending facility's own records, or the
/// patient's own app, whose data a facility handed on (JAHIS output kind 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Origin {
    #[default]
    Facility,
    Patient,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Facility => "facility",
            Self::Patient => "patient",
        }
    }

    pub fn parse(s: &str) -> Self {
        if s == "patient" { Self::Patient } else { Self::Facility }
    }
}

/// Whether a record arriving again (same identifier, same person) may
/// replace the one held. A sender corrects its own records; what the patient
/// handed in never replaces a facility's own data, and a facility's own data
/// replaces what the patient handed in; otherwise another sender's copy of
/// the same record (JAHIS data, identified by content) is held once, as
/// first received.
pub fn may_replace(held: Origin, arriving: Origin, same_sender: bool) -> bool {
    match (held, arriving) {
        (Origin::Facility, Origin::Patient) => false,
        (Origin::Patient, Origin::Facility) => true,
        _ => same_sender,
    }
}

/// Whether a record sent again under the same identity still names the same
/// medicine: the same code, or a code of the same ingredient and route (a
/// brand changed for a generic), or, where either has no code, the same
/// name. Another medicine under an old identity is refused, never taken as a
/// correction: the sender marks the old record `entered-in-error` and sends
/// the new one under its own identity.
pub fn same_medicine(old_code: Option<&DrugCode>, old_name: &str, new_code: Option<&DrugCode>, new_name: &str) -> bool {
    match (old_code, new_code) {
        (Some(a), Some(b)) => a == b || a.ingredient_route().is_some_and(|r| b.ingredient_route() == Some(r)),
        _ => {
            let key = |s: &str| text::normalize(s).chars().filter(|c| !c.is_whitespace()).collect::<String>();
            key(old_name) == key(new_name)
        }
    }
}

/// An identifier as the sender wrote it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Identifier {
    pub system: String,
    pub value: String,
}

/// A coding as the sender wrote it (kept for the export even when the
/// network does not know its system).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Coding {
    pub system: String,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

/// A FHIR Quantity as sent (the value as its JSON number).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Quantity {
    pub value: serde_json::Number,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// What a record keeps as its sender wrote it, beyond the columns the
/// summary reads: so that the export gives back what came in.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Detail {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codings: Vec<Coding>,
    /// The amount handed over or to be dispensed, when sent as a Quantity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
    /// The generic name (一般名) a JAHIS drug record names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generic_name: Option<String>,
    /// Which element the record's date was read from (e.g.
    /// `AllergyIntolerance.onsetDateTime`), when not the usual one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dated_by: Option<String>,
}

impl Detail {
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// As stored (`None` when there is nothing to keep).
    pub fn to_json(&self) -> Option<String> {
        (!self.is_empty()).then(|| serde_json::to_string(self).unwrap_or_default())
    }

    pub fn from_json(s: Option<&str>) -> Self {
        s.and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default()
    }
}

/// A medication record ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Medication {
    pub kind: MedicationKind,
    pub status: MedicationStatus,
    /// The code the network compares (one with the ingredient when the
    /// sender gave one); `None` for a medicine without a standard code
    /// (院内製剤, JP-CLINS `NOCODED`), kept with its name.
    pub code: Option<DrugCode>,
    pub name: String,
    /// How to take it, as written (用法).
    pub dosage: Option<String>,
    /// Amount, as written (e.g. "14 錠").
    pub quantity: Option<String>,
    pub date: RecordDate,
    /// Days supplied or prescribed, when stated.
    pub days: Option<u32>,
    /// The prescribing facility, when the record names one other than its sender.
    pub prescriber: Option<String>,
    /// The pharmacy that handed it over, when not the sender (JAHIS data).
    pub dispenser: Option<String>,
    pub origin: Origin,
    pub detail: Detail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllergyCategory {
    Food,
    Medication,
    Environment,
    Biologic,
}

impl AllergyCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Food => "food",
            Self::Medication => "medication",
            Self::Environment => "environment",
            Self::Biologic => "biologic",
        }
    }

    /// The FHIR code is the same word.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Food, Self::Medication, Self::Environment, Self::Biologic].into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Criticality {
    Low,
    High,
    UnableToAssess,
}

impl Criticality {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::High => "high",
            Self::UnableToAssess => "unable-to-assess",
        }
    }

    /// The FHIR code is the same word.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Low, Self::High, Self::UnableToAssess].into_iter().find(|k| k.as_str() == s)
    }
}

/// Clinical and verification status folded into what matters for showing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllergyStatus {
    Active,
    /// Inactive or resolved: shown in the list as such, not used for flags.
    Inactive,
    /// Refuted or entered in error: kept for corrections, never shown.
    Void,
}

impl AllergyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Inactive => "inactive",
            Self::Void => "void",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Active, Self::Inactive, Self::Void].into_iter().find(|k| k.as_str() == s)
    }
}

/// Where an allergy record came from inside JAHIS data (a patient note of the
/// allergy or side-effect kind), or a FHIR AllergyIntolerance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allergy {
    pub category: Option<AllergyCategory>,
    pub criticality: Option<Criticality>,
    pub status: AllergyStatus,
    /// A drug code naming the substance, when the allergen is a medicine.
    pub drug_code: Option<DrugCode>,
    /// The allergen code as sent (JFAGY and others), for the export.
    pub allergen_code: Option<(String, String)>,
    /// Always present: what the allergy is, in words.
    pub text: String,
    pub date: RecordDate,
    pub origin: Origin,
    pub detail: Detail,
}

impl Allergy {
    pub fn is_contraindication(&self) -> bool {
        is_contraindication(self.category, self.criticality)
    }
}

/// A drug contraindication (薬剤禁忌): category medication, criticality high.
pub fn is_contraindication(category: Option<AllergyCategory>, criticality: Option<Criticality>) -> bool {
    category == Some(AllergyCategory::Medication) && criticality == Some(Criticality::High)
}

/// The date a record carries: a day, or an instant when the sender gave a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordDate {
    Day(NaiveDate),
    Instant(DateTime<Utc>),
}

/// Why a record's date cannot be shared under the consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRefusal {
    /// Dated before the consent began: never shared.
    BeforeConsent,
    /// Dated in the future, beyond a day's tolerance for clocks.
    Future,
}

impl RecordDate {
    /// A FHIR `date` or `dateTime` precise to the day at least. A time without
    /// a zone is not valid FHIR and is refused, as are bare years and months.
    pub fn parse_fhir(s: &str) -> Option<Self> {
        if s.len() == 10 {
            return NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(Self::Day);
        }
        // To the microsecond, as the databases keep it, so a resubmission compares equal.
        DateTime::parse_from_rfc3339(s)
            .ok()
            .and_then(|t| chrono::DurationRound::duration_trunc(t.with_timezone(&Utc), Duration::microseconds(1)).ok())
            .map(Self::Instant)
    }

    /// The day in Japan.
    pub fn day(&self) -> NaiveDate {
        match self {
            Self::Day(d) => *d,
            Self::Instant(t) => crate::domain::japan_time::day(*t),
        }
    }

    pub fn instant(&self) -> Option<DateTime<Utc>> {
        match self {
            Self::Day(_) => None,
            Self::Instant(t) => Some(*t),
        }
    }

    /// The date rule of intake: only data dated on or after the start of the
    /// consent is shared (a bare day counts from the day the consent began, in
    /// Japan), and nothing dated more than a day ahead.
    pub fn check(&self, consent_start: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), DateRefusal> {
        let (before, future) = match self {
            Self::Day(d) => (
                *d < crate::domain::japan_time::day(consent_start),
                *d > crate::domain::japan_time::day(now + Duration::days(1)),
            ),
            Self::Instant(t) => (*t < consent_start, *t > now + Duration::days(1)),
        };
        if before {
            Err(DateRefusal::BeforeConsent)
        } else if future {
            Err(DateRefusal::Future)
        } else {
            Ok(())
        }
    }
}

/// Free text from a record (a name, a dosage), normalised and cut to `max`
/// characters; control characters become spaces. Facilities' systems send
/// what their users typed: it is shown, never interpreted.
pub fn clean_text(s: &str, max: usize) -> Option<String> {
    let s: String = text::normalize(s).chars().map(|c| if c.is_control() { ' ' } else { c }).take(max).collect();
    let s = s.trim().to_owned();
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn code_shapes() {
        assert!(DrugCode::parse(CodeSystem::Yj, "2171022F1093").is_some());
        assert!(DrugCode::parse(CodeSystem::Yj, "２１７１０２２Ｆ１０９３").is_some(), "full width is folded");
        assert!(DrugCode::parse(CodeSystem::Yj, "2171022f1093").is_some(), "lower case is folded");
        assert!(DrugCode::parse(CodeSystem::Yj, "217102F1093").is_none());
        assert!(DrugCode::parse(CodeSystem::Yj, "21710A2F1093").is_none());
        assert!(DrugCode::parse(CodeSystem::GeneralName, "217102201ZZZ").is_some());
        assert!(DrugCode::parse(CodeSystem::GeneralName, "2171022F1093").is_none());
        assert!(DrugCode::parse(CodeSystem::Hot9, "103835401").is_some());
        assert!(DrugCode::parse(CodeSystem::Hot9, "10383540").is_none());
        let yj = DrugCode::parse(CodeSystem::Yj, "2171022F1093").unwrap();
        assert_eq!(yj.ingredient_route(), Some("2171022"));
        let g = DrugCode::parse(CodeSystem::GeneralName, "217102201ZZZ").unwrap();
        assert_eq!(g.ingredient_route(), Some("2171022"));
        assert_eq!(DrugCode::parse(CodeSystem::Hot9, "103835401").unwrap().ingredient_route(), None);
        for s in CodeSystem::ALL {
            assert_eq!(CodeSystem::from_uri(s.uri()), Some(s));
            assert_eq!(CodeSystem::parse(s.as_str()), Some(s));
        }
        assert_eq!(CodeSystem::from_uri("http://example.org/drugs"), None);
        assert_eq!(CodeSystem::from_uri("urn:oid:1.2.392.200119.4.403.1"), Some(CodeSystem::Hot9));
        assert_eq!(CodeSystem::from_uri("urn:oid:1.2.392.100495.20.1.73"), Some(CodeSystem::Yj));
        assert_eq!(CodeSystem::from_uri("urn:oid:1.2.392.100495.20.1.81"), Some(CodeSystem::GeneralName));
        assert_eq!(
            CodeSystem::from_uri("https://renkei.example.jp/fhir/CodeSystem/price-list-code"),
            Some(CodeSystem::PriceList)
        );
        assert!(!CodeSystem::PriceList.export_uri("https://renkei.example.jp").starts_with("urn:renkei"));
        assert!(!CodeSystem::Claims.export_uri("https://renkei.example.jp").starts_with("urn:renkei"));
    }

    #[test]
    fn statuses() {
        use MedicationKind::*;
        assert_eq!(MedicationStatus::from_fhir(Request, "active"), Ok(Some(MedicationStatus::Active)));
        assert_eq!(MedicationStatus::from_fhir(Dispense, "active"), Err(()), "dispenses have no 'active'");
        assert_eq!(MedicationStatus::from_fhir(Dispense, "completed"), Ok(Some(MedicationStatus::Completed)));
        assert_eq!(MedicationStatus::from_fhir(Statement, "not-taken"), Ok(Some(MedicationStatus::Stopped)));
        assert_eq!(MedicationStatus::from_fhir(Request, "draft"), Ok(None));
        assert_eq!(
            MedicationStatus::from_fhir(Request, "entered-in-error"),
            Ok(Some(MedicationStatus::EnteredInError))
        );
        assert_eq!(MedicationStatus::from_fhir(Request, "finished"), Err(()));
    }

    #[test]
    fn dates_follow_the_consent() {
        let joined = at("2026-11-01T10:00:00+09:00");
        let now = at("2026-11-21T12:00:00+09:00");
        let day = |s: &str| RecordDate::parse_fhir(s).unwrap();
        // The day of joining counts whole for bare days; instants count from the moment.
        assert_eq!(day("2026-11-01").check(joined, now), Ok(()));
        assert_eq!(day("2026-10-31").check(joined, now), Err(DateRefusal::BeforeConsent));
        assert_eq!(day("2026-11-01T09:59:59+09:00").check(joined, now), Err(DateRefusal::BeforeConsent));
        assert_eq!(day("2026-11-01T10:00:00+09:00").check(joined, now), Ok(()));
        assert_eq!(day("2026-11-01T01:00:00Z").check(joined, now), Ok(()));
        assert_eq!(day("2026-11-22").check(joined, now), Ok(()), "a day ahead is tolerated");
        assert_eq!(day("2026-11-24").check(joined, now), Err(DateRefusal::Future));
        assert_eq!(RecordDate::parse_fhir("2026-11"), None);
        assert_eq!(RecordDate::parse_fhir("2026-11-01T10:00:00"), None, "a time needs a zone");
        assert_eq!(RecordDate::parse_fhir("2026-02-30"), None);
        assert_eq!(day("2026-10-31T16:00:00Z").day(), NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
    }

    #[test]
    fn contraindication_is_a_high_criticality_medication_allergy() {
        let a = Allergy {
            category: Some(AllergyCategory::Medication),
            criticality: Some(Criticality::High),
            status: AllergyStatus::Active,
            drug_code: None,
            allergen_code: None,
            text: "ペニシリン".into(),
            date: RecordDate::Day(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()),
            origin: Origin::Facility,
            detail: Detail::default(),
        };
        assert!(a.is_contraindication());
        assert!(!Allergy { criticality: Some(Criticality::Low), ..a.clone() }.is_contraindication());
        assert!(!Allergy { category: Some(AllergyCategory::Food), ..a }.is_contraindication());
    }

    #[test]
    fn text_is_cleaned_and_cut() {
        assert_eq!(clean_text("  ｱﾑﾛｼﾞﾋﾟﾝ\u{0007}錠 ", 100).as_deref(), Some("アムロジピン 錠"));
        assert_eq!(clean_text("   ", 10), None);
        assert_eq!(clean_text("あいうえお", 3).as_deref(), Some("あいう"));
    }

    #[test]
    fn who_may_replace_a_record() {
        use Origin::*;
        assert!(may_replace(Facility, Facility, true), "a sender corrects its own");
        assert!(!may_replace(Facility, Facility, false), "another sender's copy is held once");
        assert!(!may_replace(Facility, Patient, true), "the patient's copy never replaces a facility's data");
        assert!(may_replace(Patient, Facility, false), "the facility's own data replaces the patient's copy");
        assert!(!may_replace(Patient, Patient, false));
        assert!(may_replace(Patient, Patient, true));
    }

    #[test]
    fn another_medicine_is_not_a_correction() {
        let yj = |c: &str| DrugCode::parse(CodeSystem::Yj, c);
        let generic = DrugCode::parse(CodeSystem::GeneralName, "2171022F1ZZZ");
        assert!(same_medicine(yj("2171022F1093").as_ref(), "A", yj("2171022F1093").as_ref(), "A 5mg"));
        assert!(same_medicine(yj("2171022F1093").as_ref(), "A", generic.as_ref(), "【般】A"), "brand to generic");
        assert!(!same_medicine(yj("1149019F1560").as_ref(), "ロキソ", yj("2329021F1021").as_ref(), "ムコスタ"));
        assert!(same_medicine(None, "院内製剤 軟膏A", None, "院内製剤　軟膏Ａ"));
        assert!(!same_medicine(None, "院内製剤 軟膏A", yj("2329021F1021").as_ref(), "ムコスタ"));
    }
}
