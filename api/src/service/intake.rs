//! Data sent in by facilities' systems (FHIR JP Core Bundles, JAHIS
//! e-medication-notebook data): who it is about, whether the network may hold
//! it (a current consent in a network the facility belongs to, and dated on or
//! after that consent began), and storing it exactly once per identifier.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::ServiceError;
use super::common::people;
use crate::context;
use crate::domain::access::{Denied, Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::fhir::{self, BundleKind, Content, Issue, PatientEntry, PatientId, Reason, Record, Subject};
use crate::domain::identity::InsuranceKey;
use crate::domain::jahis::{self, JahisError};
use crate::domain::medication::{
    Allergy, AllergyCategory, AllergyStatus, CodeSystem, Coding, DateRefusal, Detail, DrugCode, Medication,
    MedicationKind, MedicationStatus, Origin, Quantity, RecordDate, clean_text, may_replace, same_medicine,
};
use crate::domain::person::{Sex, names_agree};
use crate::domain::public_id::PublicId;
use crate::domain::registration::NUMBER_LEN;
use crate::domain::session::hex;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{allergy as allergy_row, consent, medication as medication_row, record_revision, resident};
use crate::store::{medical, residents};

/// How an intake request ended, when it did not get as far as per-record answers.
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// The Bundle as a whole cannot be processed.
    #[error("bundle refused: {}", .0.reason.as_str())]
    Bundle(Issue),
    /// A `transaction` Bundle with refused entries: nothing was stored.
    #[error("transaction refused")]
    Transaction(Vec<EntryOutcome>),
    /// JAHIS data that cannot be read: nothing was stored.
    #[error(transparent)]
    Jahis(#[from] JahisError),
    /// The JAHIS data's patient cannot be shared: unknown, another person, or no consent.
    #[error("patient refused: {}", .0.as_str())]
    Patient(Reason),
}

impl From<sea_orm::DbErr> for IntakeError {
    fn from(e: sea_orm::DbErr) -> Self {
        Self::Service(e.into())
    }
}

impl From<crate::store::StoreError> for IntakeError {
    fn from(e: crate::store::StoreError) -> Self {
        Self::Service(e.into())
    }
}

impl From<Denied> for IntakeError {
    fn from(e: Denied) -> Self {
        Self::Service(e.into())
    }
}

/// The answer for one entry of a Bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryOutcome {
    pub index: usize,
    /// 201 stored, 200 updated / unchanged / read past, 4xx refused.
    pub status: u16,
    pub issues: Vec<Issue>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleOutcome {
    pub kind: BundleKind,
    pub entries: Vec<EntryOutcome>,
}

/// The facility a system acts for.
fn facility_of(actor: &Actor) -> Result<(Uuid, Uuid), IntakeError> {
    require(actor, Operation::SubmitMedicalData)?;
    match actor {
        Actor::FacilitySystem { facility_id, key_id } => Ok((*facility_id, *key_id)),
        _ => Err(Denied::Forbidden.into()),
    }
}

/// Opens the intake's transaction and checks, inside it, that the key is
/// still valid (a key revoked a moment ago is refused).
async fn begin(state: &AppState, facility_id: Uuid, key_id: Uuid) -> Result<crate::store::WriteTx, IntakeError> {
    let tx = state.db.write().await?;
    medical::lock_facility_intake(&*tx, facility_id).await?;
    if !medical::key_used(&*tx, key_id, state.clock.now()).await? {
        return Err(Denied::SignInRequired.into());
    }
    Ok(tx)
}

fn refused(index: usize, issues: Vec<Issue>) -> EntryOutcome {
    let status = issues.iter().find(|i| i.severity == fhir::Severity::Error).map_or(400, |i| i.reason.http_status());
    EntryOutcome { index, status, issues }
}

/// What a resolved patient and their consent look like to the rules.
#[derive(Debug, Clone)]
struct Sharing {
    resident: Uuid,
    consent: consent::Model,
    /// The data named the person by more than their registration number
    /// (which is printed on mails and forms): their insurance card, or their
    /// birth date, matched. Only such data starts a care relationship.
    confirmed: bool,
}

/// Finds the resident a set of identifiers names on the day a record is
/// dated; all must name the same one (an insurance card as
/// `people::by_insurance` reads it: the holder of the card on that day).
async fn find_resident(
    db: &impl ConnectionTrait,
    ids: &[PatientId],
    birth_date: Option<chrono::NaiveDate>,
    on: chrono::NaiveDate,
    named: &(dyn Fn(&resident::Model) -> bool + Sync),
) -> Result<Result<resident::Model, Reason>, IntakeError> {
    let mut found: Option<resident::Model> = None;
    for id in ids {
        let r = match id {
            PatientId::Registration(n) => residents::find_by_number(db, n).await?,
            PatientId::Member(ins) => {
                match people::by_insurance(db, &InsuranceKey::from(ins), birth_date, Some(on)).await? {
                    Ok(r) => r,
                    // A member id without a branch and twins (or someone who put
                    // the same card on a record of theirs): the data's name tells
                    // them apart, or nobody is guessed.
                    Err(people::TwoPeople(candidates)) => {
                        let mut named_here = candidates.into_iter().filter(|r| named(r));
                        match (named_here.next(), named_here.next()) {
                            (Some(r), None) => Some(r),
                            _ => return Ok(Err(Reason::PatientMismatch)),
                        }
                    }
                }
            }
        };
        match (r, &found) {
            (None, _) => return Ok(Err(Reason::PatientUnknown)),
            (Some(r), Some(f)) if r.id != f.id => return Ok(Err(Reason::PatientMismatch)),
            (Some(r), _) => found = Some(r),
        }
    }
    Ok(found.ok_or(Reason::PatientUnknown))
}

/// Whether the facility may send data about the resident now: the resident's
/// earliest current consent in a network the facility belongs to; else what
/// the facility is told ([`fhir::refusal_without_consent`]).
async fn sharing(
    db: &impl ConnectionTrait,
    resident: &resident::Model,
    networks: &[Uuid],
) -> Result<Result<Sharing, Reason>, IntakeError> {
    // The person's lock before their consents, as a change of consent takes
    // them: the records written next change the person's record version (a
    // trigger updates their row), and a withdrawal holding that row while it
    // waits for the consents this submission relies on would deadlock with it.
    crate::store::consents::lock_person(db, resident.id).await?;
    let consents = medical::current_consents(db, resident.id, networks).await?;
    if let Some(c) = consents.into_iter().next() {
        return Ok(Ok(Sharing { resident: resident.id, consent: c, confirmed: false }));
    }
    let joined_before = medical::ever_consented(db, resident.id, networks).await?;
    Ok(Err(fhir::refusal_without_consent(joined_before)))
}

/// Whether the patient the data describes is this resident by name (and
/// sex, when given): what tells apart two people one member id names.
fn patient_named(r: &resident::Model, p: &PatientEntry) -> bool {
    names_agree(&r.name, &r.name_kana, &p.names, &p.kana) == Some(true)
        && p.sex.is_none_or(|s| Sex::parse(&r.sex) == Ok(s))
}

/// Everyone the identifiers could name on any day: each holder, at any
/// time, of a card they give, and the holder of a registration number.
async fn anyone_named(db: &impl ConnectionTrait, ids: &[PatientId]) -> Result<Vec<Uuid>, IntakeError> {
    let mut out = Vec::new();
    for id in ids {
        match id {
            PatientId::Registration(n) => out.extend(residents::find_by_number(db, n).await?.map(|r| r.id)),
            PatientId::Member(ins) => out.extend(people::holders(db, &InsuranceKey::from(ins)).await?),
        }
    }
    Ok(out)
}

async fn resolve_patient(
    db: &impl ConnectionTrait,
    p: &PatientEntry,
    networks: &[Uuid],
    on: chrono::NaiveDate,
) -> Result<Result<Sharing, (Reason, &'static str)>, IntakeError> {
    if p.ids.is_empty() {
        return Ok(Err((Reason::MissingElement, "Patient.identifier")));
    }
    let r = match find_resident(db, &p.ids, p.birth_date, on, &|r| patient_named(r, p)).await? {
        Ok(r) => r,
        Err(reason) => return Ok(Err((reason, "Patient.identifier"))),
    };
    // Consent first: a facility without it learns nothing about the person's details.
    let s = match sharing(db, &r, networks).await? {
        Ok(s) => s,
        Err(reason) => return Ok(Err((reason, "Patient.identifier"))),
    };
    if p.birth_date.is_some_and(|b| b != r.birth_date) {
        return Ok(Err((Reason::PatientMismatch, "Patient.birthDate")));
    }
    if p.sex.is_some_and(|s| Sex::parse(&r.sex) != Ok(s)) {
        return Ok(Err((Reason::PatientMismatch, "Patient.gender")));
    }
    // The name must be the resident's: an id mistyped or swapped at the
    // sender would otherwise file the data under someone else.
    if names_agree(&r.name, &r.name_kana, &p.names, &p.kana) != Some(true) {
        return Ok(Err((Reason::PatientMismatch, "Patient.name")));
    }
    let confirmed = p.birth_date.is_some() || p.ids.iter().any(|i| matches!(i, PatientId::Member(_)));
    Ok(Ok(Sharing { confirmed, ..s }))
}

fn check_date(date: &RecordDate, s: &Sharing, now: DateTime<Utc>) -> Result<(), Reason> {
    date.check(s.consent.given_at, now).map_err(|e| match e {
        DateRefusal::BeforeConsent => Reason::BeforeConsent,
        DateRefusal::Future => Reason::FutureDate,
    })
}

/// Stores a record, or updates the one with the same identifier. Returns
/// the reason (accepted, updated, unchanged).
///
/// A FHIR record is the sender's: the same identifier from the same facility
/// is the same record. A JAHIS record's identifier comes from its content
/// and is the person's, whichever facility sends it: the same dispensing
/// arriving from the pharmacy and from the patient's app is one dispensing,
/// and the pharmacy's own data takes the place of what the patient handed in.
async fn store_record(
    db: &impl ConnectionTrait,
    facility_id: Uuid,
    source: &str,
    identifier: &str,
    record: &Record,
    s: &Sharing,
    now: DateTime<Utc>,
) -> Result<Result<Reason, Reason>, IntakeError> {
    let jahis = source == "jahis";
    match record {
        Record::Medication(m) => {
            let existing = if jahis {
                medical::find_jahis_medication(db, s.resident, m.kind.as_str(), identifier).await?
            } else {
                medical::find_medication(db, facility_id, m.kind.as_str(), identifier).await?
            };
            let row = medication_model(m, facility_id, source, identifier, s, now);
            apply(db, upsert(existing, row, s.resident, now), s.resident, facility_id, now).await
        }
        Record::Allergy(a) => {
            let existing = if jahis {
                medical::find_jahis_allergy(db, s.resident, identifier).await?
            } else {
                medical::find_allergy(db, facility_id, identifier).await?
            };
            let row = allergy_model(a, facility_id, source, identifier, s, now);
            apply(db, upsert(existing, row, s.resident, now), s.resident, facility_id, now).await
        }
    }
}

/// Carries out what resubmission decided: a new record, or a correction
/// with the earlier version kept.
async fn apply<R: StoredRow>(
    db: &impl ConnectionTrait,
    step: Upsert<R>,
    resident: Uuid,
    facility_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Result<Reason, Reason>, IntakeError> {
    let outcome = step.outcome();
    match step {
        Upsert::Insert(row) => R::insert(db, row).await?,
        Upsert::Update { old, new } => {
            let earlier = revision(R::RECORD_TYPE, old.id(), resident, facility_id, old.earlier_version(), now);
            medical::insert_revision(db, earlier).await?;
            R::update(db, new).await?;
        }
        Upsert::Unchanged | Upsert::HeldElsewhere | Upsert::Conflict | Upsert::Reused => {}
    }
    Ok(outcome)
}

fn revision(
    record_type: &str,
    record_id: Uuid,
    resident: Uuid,
    facility_id: Uuid,
    content: serde_json::Value,
    now: DateTime<Utc>,
) -> record_revision::Model {
    record_revision::Model {
        id: Uuid::now_v7(),
        resident_id: resident,
        record_type: record_type.to_owned(),
        record_id,
        facility_id,
        content: content.to_string(),
        replaced_at: now,
    }
}

/// A stored medication record as its earlier version is kept (and exported).
fn medication_version(m: &medication_row::Model) -> serde_json::Value {
    json!({
        "kind": m.kind, "status": m.status, "codeSystem": m.code_system, "code": m.code, "name": m.name,
        "dosage": m.dosage, "quantity": m.quantity, "datedOn": m.dated_on, "datedAt": m.dated_at, "days": m.days,
        "prescriber": m.prescriber, "dispenser": m.dispenser, "origin": m.origin, "facilityId": m.facility_id,
        "detail": m.detail.as_deref().and_then(|d| serde_json::from_str::<serde_json::Value>(d).ok()),
        "storedAt": m.updated_at,
    })
}

fn allergy_version(a: &allergy_row::Model) -> serde_json::Value {
    json!({
        "category": a.category, "criticality": a.criticality, "status": a.status,
        "drugCodeSystem": a.drug_code_system, "drugCode": a.drug_code, "allergenSystem": a.allergen_system,
        "allergenCode": a.allergen_code, "text": a.text, "datedOn": a.dated_on, "datedAt": a.dated_at,
        "origin": a.origin, "facilityId": a.facility_id,
        "detail": a.detail.as_deref().and_then(|d| serde_json::from_str::<serde_json::Value>(d).ok()),
        "storedAt": a.updated_at,
    })
}

/// What resubmission needs of a stored row, medication or allergy alike.
trait StoredRow: Clone + PartialEq {
    /// `medication` or `allergy`, as the earlier versions name it.
    const RECORD_TYPE: &'static str;
    fn id(&self) -> Uuid;
    fn resident(&self) -> Uuid;
    fn facility(&self) -> Uuid;
    fn origin(&self) -> Origin;
    /// Keeps what a resubmission never changes: the id, when it was first
    /// stored, and when it was last changed (the consent is the one the new
    /// version came under).
    fn keep(&mut self, old: &Self);
    fn changed_at(&mut self, now: DateTime<Utc>);
    /// The row as its earlier version is kept.
    fn earlier_version(&self) -> serde_json::Value;
    /// Whether `new`, under this row's identity, is about the same thing.
    fn same_subject(&self, new: &Self) -> bool;
    async fn insert(db: &impl ConnectionTrait, row: Self) -> Result<(), crate::store::StoreError>;
    async fn update(db: &impl ConnectionTrait, row: Self) -> Result<(), crate::store::StoreError>;
}

macro_rules! stored_row {
    ($model:ty, $type:literal, $version:ident, $same:ident, $insert:path, $update:path) => {
        impl StoredRow for $model {
            const RECORD_TYPE: &'static str = $type;
            fn same_subject(&self, new: &Self) -> bool {
                $same(self, new)
            }
            fn id(&self) -> Uuid {
                self.id
            }
            fn earlier_version(&self) -> serde_json::Value {
                $version(self)
            }
            async fn insert(db: &impl ConnectionTrait, row: Self) -> Result<(), crate::store::StoreError> {
                $insert(db, row).await
            }
            async fn update(db: &impl ConnectionTrait, row: Self) -> Result<(), crate::store::StoreError> {
                $update(db, row).await
            }
            fn resident(&self) -> Uuid {
                self.resident_id
            }
            fn facility(&self) -> Uuid {
                self.facility_id
            }
            fn origin(&self) -> Origin {
                Origin::parse(&self.origin)
            }
            fn keep(&mut self, old: &Self) {
                self.id = old.id;
                self.created_at = old.created_at;
                self.updated_at = old.updated_at;
                // The consent stays the one the new version was received
                // under: after a withdrawal and a re-join, a record sent again
                // belongs to the consent in force (and facilities see it), its
                // earlier version to the one before (kept as a revision).
            }
            fn changed_at(&mut self, now: DateTime<Utc>) {
                self.updated_at = now;
            }
        }
    };
}
/// A correction names the same medicine ([`same_medicine`]).
fn same_medicine_row(old: &medication_row::Model, new: &medication_row::Model) -> bool {
    let code =
        |m: &medication_row::Model| DrugCode::parse(CodeSystem::parse(m.code_system.as_deref()?)?, m.code.as_deref()?);
    same_medicine(code(old).as_ref(), &old.name, code(new).as_ref(), &new.name)
}

/// An allergy's text may be corrected under its identity.
fn same_allergy_row(_: &allergy_row::Model, _: &allergy_row::Model) -> bool {
    true
}

stored_row!(
    medication_row::Model,
    "medication",
    medication_version,
    same_medicine_row,
    medical::insert_medication,
    medical::update_medication
);
stored_row!(
    allergy_row::Model,
    "allergy",
    allergy_version,
    same_allergy_row,
    medical::insert_allergy,
    medical::update_allergy
);

enum Upsert<R> {
    Insert(R),
    /// A correction of the same record: the old version is kept.
    Update {
        old: R,
        new: R,
    },
    Unchanged,
    /// The same record is held from another facility.
    HeldElsewhere,
    /// The identifier is already another resident's record.
    Conflict,
    /// The identifier already names another medicine.
    Reused,
}

impl<R: StoredRow> Upsert<R> {
    fn outcome(&self) -> Result<Reason, Reason> {
        match self {
            Self::Insert(_) => Ok(Reason::Accepted),
            Self::Update { .. } => Ok(Reason::Updated),
            Self::Unchanged => Ok(Reason::Unchanged),
            Self::HeldElsewhere => Ok(Reason::HeldFromElsewhere),
            Self::Conflict => Err(Reason::IdentifierConflict),
            Self::Reused => Err(Reason::IdentifierReused),
        }
    }
}

/// The rule of resubmission: the same identifier is the same record, for
/// the same resident only; it changes only when its content does, and only
/// by a sender that may replace it ([`may_replace`]).
fn upsert<R: StoredRow>(existing: Option<R>, mut row: R, resident: Uuid, now: DateTime<Utc>) -> Upsert<R> {
    match existing {
        None => Upsert::Insert(row),
        Some(old) if old.resident() != resident => Upsert::Conflict,
        Some(old) if !may_replace(old.origin(), row.origin(), old.facility() == row.facility()) => {
            if old.facility() == row.facility() { Upsert::Unchanged } else { Upsert::HeldElsewhere }
        }
        Some(old) => {
            row.keep(&old);
            if row == old {
                Upsert::Unchanged
            } else if !old.same_subject(&row) {
                Upsert::Reused
            } else {
                row.changed_at(now);
                Upsert::Update { old, new: row }
            }
        }
    }
}

fn medication_model(
    m: &Medication,
    facility_id: Uuid,
    source: &str,
    identifier: &str,
    s: &Sharing,
    now: DateTime<Utc>,
) -> medication_row::Model {
    medication_row::Model {
        id: Uuid::now_v7(),
        resident_id: s.resident,
        consent_id: s.consent.id,
        facility_id,
        source: source.to_owned(),
        kind: m.kind.as_str().to_owned(),
        identifier: identifier.to_owned(),
        status: m.status.as_str().to_owned(),
        code_system: m.code.as_ref().map(|c| c.system.as_str().to_owned()),
        code: m.code.as_ref().map(|c| c.code.clone()),
        name: m.name.clone(),
        dosage: m.dosage.clone(),
        quantity: m.quantity.clone(),
        dated_on: m.date.day(),
        dated_at: m.date.instant(),
        days: m.days.and_then(|d| i32::try_from(d).ok()),
        prescriber: m.prescriber.clone(),
        dispenser: m.dispenser.clone(),
        created_at: now,
        updated_at: now,
        detail: m.detail.to_json(),
        origin: m.origin.as_str().to_owned(),
    }
}

fn allergy_model(
    a: &Allergy,
    facility_id: Uuid,
    source: &str,
    identifier: &str,
    s: &Sharing,
    now: DateTime<Utc>,
) -> allergy_row::Model {
    allergy_row::Model {
        id: Uuid::now_v7(),
        resident_id: s.resident,
        consent_id: s.consent.id,
        facility_id,
        source: source.to_owned(),
        identifier: identifier.to_owned(),
        category: a.category.map(|c| c.as_str().to_owned()),
        criticality: a.criticality.map(|c| c.as_str().to_owned()),
        status: a.status.as_str().to_owned(),
        drug_code_system: a.drug_code.as_ref().map(|c| c.system.as_str().to_owned()),
        drug_code: a.drug_code.as_ref().map(|c| c.code.clone()),
        allergen_system: a.allergen_code.as_ref().map(|c| c.0.clone()),
        allergen_code: a.allergen_code.as_ref().map(|c| c.1.clone()),
        text: a.text.clone(),
        dated_on: a.date.day(),
        dated_at: a.date.instant(),
        created_at: now,
        updated_at: now,
        detail: a.detail.to_json(),
        origin: a.origin.as_str().to_owned(),
    }
}

/// Counts per resident, for the visit record and the audit log.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    accepted: i32,
    updated: i32,
    unchanged: i32,
    /// Records stored that show the facility cared for the person: not one
    /// it withdrew as a mistake (`entered-in-error`), which starts no care
    /// relationship.
    of_care: i32,
    /// Some of it named the person by more than their registration number.
    confirmed: bool,
}

impl Tally {
    fn add(&mut self, r: Reason, record: &Record) {
        match r {
            Reason::Accepted => self.accepted += 1,
            Reason::Updated => self.updated += 1,
            _ => self.unchanged += 1,
        }
        if matches!(r, Reason::Accepted | Reason::Updated) && crate::domain::looking::shows_care(record) {
            self.of_care += 1;
        }
    }
}

/// Records the visit and the audit entry for each resident data arrived for.
async fn record_receipt(
    db: &impl ConnectionTrait,
    actor: &Actor,
    facility_id: Uuid,
    source: &str,
    tallies: &HashMap<Uuid, Tally>,
    now: DateTime<Utc>,
) -> Result<(), IntakeError> {
    for (resident, t) in tallies {
        let changed = t.accepted + t.updated;
        if changed > 0 {
            medical::record_visit(
                db,
                *resident,
                facility_id,
                crate::domain::japan_time::day(now),
                source,
                changed,
                now,
            )
            .await?;
        }
        if t.of_care > 0 && t.confirmed {
            // Sending data for the person is a care relationship: the
            // facility may look at what the person shares (domain::looking).
            // Not when the data named them by registration number alone,
            // which anyone who saw a mail or a form could write.
            crate::store::looking::start_relationship(
                db,
                *resident,
                facility_id,
                crate::domain::looking::Basis::SentData,
                "intake",
                now,
            )
            .await?;
        }
        audit::append(
            db,
            AuditEntry::new(actor, AuditAction::MedicalDataReceived, Channel::Api)
                .subject(SubjectKind::Resident, resident)
                .facility(facility_id)
                .request_id(context::request_id())
                .detail(json!({
                    "format": source, "accepted": t.accepted, "updated": t.updated, "unchanged": t.unchanged,
                })),
            now,
        )
        .await?;
    }
    Ok(())
}

/// Takes in a FHIR Bundle (see `domain::fhir`). A `transaction` or a
/// `document` is all or nothing; a `collection` stores every acceptable entry.
pub async fn fhir(state: &AppState, actor: &Actor, body: &serde_json::Value) -> Result<BundleOutcome, IntakeError> {
    let (facility_id, key_id) = facility_of(actor)?;
    let registration_system = fhir::registration_number_system(state.config.public_url.as_str());
    let bundle = fhir::read_bundle(body, &registration_system).map_err(IntakeError::Bundle)?;
    let tx = begin(state, facility_id, key_id).await?;
    let now = state.clock.now();
    let networks = medical::networks_of_facility(&*tx, facility_id).await?;

    // The Patients of the Bundle (by each reference that names them), with
    // the member ids of the Coverages whose beneficiary they are.
    // A reference two Patients claim names nobody (`None`): a record is never
    // filed under a guess.
    let mut people: Vec<PatientEntry> = Vec::new();
    let mut by_reference: HashMap<&str, Option<usize>> = HashMap::new();
    for e in &bundle.entries {
        if let Ok(Content::Patient { keys, patient }) = &e.content {
            for k in keys {
                let i = people.len();
                by_reference.entry(k).and_modify(|v| *v = None).or_insert(Some(i));
            }
            people.push(patient.clone());
        }
    }
    for e in &bundle.entries {
        if let Ok(Content::Coverage { beneficiary, id }) = &e.content
            && let Some(Some(i)) = by_reference.get(beneficiary.as_str())
        {
            people[*i].ids.push(id.clone());
        }
    }

    // Every person the Bundle may write for, locked in one order (by id)
    // before anything is written: two facilities sending Bundles about the
    // same two people in opposite orders would otherwise each hold one and
    // wait for the other (each record written updates its person's row).
    // A Bundle about one person takes that lock when it resolves them.
    let contained: Vec<&PatientEntry> = bundle
        .entries
        .iter()
        .filter_map(|e| match &e.content {
            Ok(Content::Record { subject: Subject::Contained(p), .. }) => Some(p),
            _ => None,
        })
        .collect();
    if people.len() + contained.len() > 1 {
        // Whoever the records turn out to name (a card names its holder on
        // each record's day), it is one of these.
        let mut everyone: Vec<Uuid> = Vec::new();
        for p in people.iter().chain(contained) {
            everyone.extend(anyone_named(&*tx, &p.ids).await?);
        }
        everyone.sort();
        everyone.dedup();
        for id in everyone {
            crate::store::consents::lock_person(&*tx, id).await?;
        }
    }

    let mut outcomes = Vec::with_capacity(bundle.entries.len());
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut tallies: HashMap<Uuid, Tally> = HashMap::new();
    let mut resolved: HashMap<String, Result<Sharing, (Reason, &'static str)>> = HashMap::new();
    for (index, e) in bundle.entries.iter().enumerate() {
        let outcome = match &e.content {
            Err(issues) => refused(index, issues.clone()),
            Ok(Content::Patient { .. } | Content::Coverage { .. } | Content::Ignored) => {
                EntryOutcome { index, status: 200, issues: vec![Issue::new(Reason::Ignored)] }
            }
            Ok(Content::Record { identifier, subject, record, date_expression, warnings }) => {
                let rt = e.resource_type.as_deref().unwrap_or("Resource");
                let subject_path =
                    format!("{rt}.{}", if matches!(**record, Record::Allergy(_)) { "patient" } else { "subject" });
                let (kind, date) = match &**record {
                    Record::Medication(m) => (m.kind.as_str(), m.date),
                    Record::Allergy(a) => ("allergy", a.date),
                };
                let patient = match subject {
                    Subject::Entry(reference, also) => match by_reference.get(reference.as_str()) {
                        Some(Some(i)) => {
                            let mut p = people[*i].clone();
                            // The identifier beside the reference must name the same person.
                            let key = match also {
                                None => format!("{i}#entry"),
                                Some(id) => {
                                    p.ids.push(id.clone());
                                    format!("{index}#entry-and-identifier")
                                }
                            };
                            Ok((key, p))
                        }
                        // Unresolved, or claimed by two Patients of the Bundle.
                        None | Some(None) => {
                            Err(Issue::at(Reason::PatientReference, format!("{subject_path}.reference")))
                        }
                    },
                    Subject::Contained(p) => Ok((format!("{index}#contained"), p.clone())),
                };
                let sharing = match patient {
                    Err(issue) => Err(issue),
                    Ok((key, p)) => {
                        // A card names its holder on the day the record is dated.
                        let day = date.day();
                        let key = format!("{key}@{day}");
                        if !resolved.contains_key(&key) {
                            let r = resolve_patient(&*tx, &p, &networks, day).await?;
                            resolved.insert(key.clone(), r);
                        }
                        match resolved.get(&key) {
                            Some(Ok(s)) => Ok(s.clone()),
                            Some(Err((reason, path))) => Err(Issue::at(*reason, format!("{subject_path} → {path}"))),
                            None => Err(Issue::at(Reason::PatientUnknown, subject_path.clone())),
                        }
                    }
                };
                let checked = sharing.and_then(|s| {
                    check_date(&date, &s, now).map(|()| s).map_err(|r| Issue::at(r, date_expression.clone()))
                });
                match checked {
                    Err(issue) => refused(index, vec![issue]),
                    Ok(_) if !seen.insert((kind.to_owned(), identifier.clone())) => {
                        refused(index, vec![Issue::at(Reason::DuplicateInBundle, format!("{rt}.identifier"))])
                    }
                    Ok(s) => match store_record(&*tx, facility_id, "fhir", identifier, record, &s, now).await? {
                        Err(reason) => refused(index, vec![Issue::at(reason, format!("{rt}.identifier"))]),
                        Ok(reason) => {
                            let t = tallies.entry(s.resident).or_default();
                            t.add(reason, record);
                            t.confirmed |= s.confirmed;
                            let mut issues = vec![Issue::new(reason)];
                            issues.extend(warnings.iter().cloned());
                            EntryOutcome { index, status: reason.http_status(), issues }
                        }
                    },
                }
            }
        };
        outcomes.push(outcome);
    }

    let failed = outcomes.iter().any(|o| o.status >= 400);
    if bundle.kind.all_or_nothing() && failed {
        drop(tx);
        for o in &mut outcomes {
            if o.status < 400 {
                o.status = 400;
                o.issues = vec![Issue::new(Reason::RolledBack)];
            }
        }
        return Err(IntakeError::Transaction(outcomes));
    }
    record_receipt(&*tx, actor, facility_id, "fhir", &tallies, now).await?;
    tx.commit().await?;
    Ok(BundleOutcome { kind: bundle.kind, entries: outcomes })
}

/// One record read from JAHIS data, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JahisItem {
    /// The line of the record (drug 201, note 2) in the joined data.
    pub line: usize,
    pub kind: &'static str,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JahisOutcome {
    pub version: String,
    pub items: Vec<JahisItem>,
}

/// Takes in JAHIS e-medication-notebook data for the patient named by
/// `patient` (an insurance member id `insurerNo:symbol:number:branch` or a
/// registration number). The data's own patient record (name, birth date,
/// sex) must agree with that resident. Records dated before the consent began
/// are refused one by one; unreadable or incomplete data is refused whole.
pub async fn jahis(
    state: &AppState,
    actor: &Actor,
    patient: &str,
    parts: &[&[u8]],
) -> Result<JahisOutcome, IntakeError> {
    let (facility_id, key_id) = facility_of(actor)?;
    let id = if let Some(ins) = fhir::parse_member_id(patient.trim()) {
        PatientId::Member(ins)
    } else if let Ok(n) = PublicId::parse(patient, NUMBER_LEN) {
        PatientId::Registration(n.as_str().to_owned())
    } else {
        return Err(ServiceError::Invalid(crate::domain::Invalid::one(
            "patient",
            crate::domain::FieldErrorCode::InvalidFormat,
        ))
        .into());
    };
    let notebook = jahis::parse(parts)?;
    let p = notebook.patient_record()?.clone();

    let tx = begin(state, facility_id, key_id).await?;
    let now = state.clock.now();
    let networks = medical::networks_of_facility(&*tx, facility_id).await?;
    // A card names its holder on the day each record is dated: every day's
    // holder must be the one person, and a record dated when nobody
    // registered held the card is refused on its own.
    // The records' days: each dispensing's (notes count as of the latest
    // one, or today without any, as `jahis_records` dates them).
    let mut days: Vec<chrono::NaiveDate> = notebook.dispensings.iter().map(|d| d.date).collect();
    days.sort();
    days.dedup();
    if days.is_empty() {
        days.push(crate::domain::japan_time::day(now));
    }
    let names: Vec<String> = p.name.iter().cloned().collect();
    let kana: Vec<String> = p.kana.iter().cloned().collect();
    let jahis_sex = p.sex;
    // The data's own patient record (name, kana, sex) must be the resident's.
    let named = move |r: &resident::Model| {
        let sex_agrees = match (jahis_sex, Sex::parse(&r.sex)) {
            (Some(jahis::Sex::Male), Ok(s)) => s == Sex::Male,
            (Some(jahis::Sex::Female), Ok(s)) => s == Sex::Female,
            _ => true,
        };
        sex_agrees && names_agree(&r.name, &r.name_kana, &names, &kana) == Some(true)
    };
    let mut holder: Option<resident::Model> = None;
    let mut unheld: HashSet<chrono::NaiveDate> = HashSet::new();
    for day in &days {
        match find_resident(&*tx, std::slice::from_ref(&id), p.birth_date, *day, &named).await? {
            Ok(r) if holder.as_ref().is_some_and(|h| h.id != r.id) => {
                return Err(IntakeError::Patient(Reason::PatientMismatch));
            }
            Ok(r) => holder = Some(r),
            Err(Reason::PatientUnknown) => {
                unheld.insert(*day);
            }
            Err(reason) => return Err(IntakeError::Patient(reason)),
        }
    }
    let r = holder.ok_or(IntakeError::Patient(Reason::PatientUnknown))?;
    // Consent first: a facility without it learns nothing about the person's details.
    let s = sharing(&*tx, &r, &networks).await?.map_err(IntakeError::Patient)?;
    if p.birth_date.is_some_and(|b| b != r.birth_date) || !named(&r) {
        return Err(IntakeError::Patient(Reason::PatientMismatch));
    }

    // A dispensing that is only the beginning of one already held was cut
    // short: refused. One that the held one only begins replaces it.
    let mut partial = HashSet::new();
    for (i, d) in notebook.dispensings.iter().enumerate() {
        let new = d.content();
        for (held, rows) in held_dispensings(&*tx, r.id, d).await? {
            match jahis::overlap(&new, &held) {
                jahis::Overlap::PartOfHeld => {
                    partial.insert(i);
                }
                jahis::Overlap::Completes => {
                    for row in rows {
                        void_cut_short(&*tx, row, facility_id, now).await?;
                    }
                }
                jahis::Overlap::None => {}
            }
        }
    }

    let mut items = Vec::new();
    // JAHIS data carries the patient's birth date, compared above.
    let mut tally =
        Tally { confirmed: p.birth_date.is_some() || matches!(id, PatientId::Member(_)), ..Tally::default() };
    for (identifier, line, record, dispensing) in jahis_records(&notebook, r.id, now) {
        let kind = if matches!(record, Record::Medication(_)) { "medication" } else { "allergy" };
        let date = match &record {
            Record::Medication(m) => m.date,
            Record::Allergy(a) => a.date,
        };
        let reason = match check_date(&date, &s, now) {
            Ok(()) if unheld.contains(&date.day()) => Reason::PatientUnknown,
            Err(reason) => reason,
            Ok(()) if dispensing.is_some_and(|i| partial.contains(&i)) => Reason::PartialDispensing,
            Ok(()) => match store_record(&*tx, facility_id, "jahis", &identifier, &record, &s, now).await? {
                Ok(reason) => {
                    tally.add(reason, &record);
                    reason
                }
                Err(reason) => reason,
            },
        };
        items.push(JahisItem { line, kind, reason });
    }
    let tallies = HashMap::from([(s.resident, tally)]);
    record_receipt(&*tx, actor, facility_id, "jahis", &tallies, now).await?;
    tx.commit().await?;
    Ok(JahisOutcome { version: notebook.format_version().to_owned(), items })
}

/// The dispensings held for the person on the day of `d` at the same
/// pharmacy, each as its content and its rows.
async fn held_dispensings(
    db: &impl ConnectionTrait,
    resident: Uuid,
    d: &jahis::Dispensing,
) -> Result<Vec<(Vec<String>, Vec<medication_row::Model>)>, IntakeError> {
    let pharmacy = d.dispenser.as_ref().map(|i| jahis::canonical(&i.name)).unwrap_or_default();
    let mut by_identity: std::collections::BTreeMap<String, Vec<(usize, u32, usize, medication_row::Model)>> =
        std::collections::BTreeMap::new();
    for row in medical::jahis_medications_on(db, resident, d.date).await? {
        let same_pharmacy = row.dispenser.as_deref().map(jahis::canonical).unwrap_or_default() == pharmacy;
        if !same_pharmacy || MedicationStatus::parse(&row.status) == Some(MedicationStatus::EnteredInError) {
            continue;
        }
        if let Some((identity, pi, rp, di)) = jahis::parse_record_key(&row.identifier) {
            let identity = identity.to_owned();
            by_identity.entry(identity).or_default().push((pi, rp, di, row));
        }
    }
    Ok(by_identity
        .into_values()
        .map(|mut rows| {
            rows.sort_by_key(|(pi, rp, di, _)| (*pi, *rp, *di));
            let content = rows
                .iter()
                .map(|(pi, rp, _, m)| jahis::content_item(*pi, m.prescriber.as_deref(), *rp, &m.name))
                .collect();
            (content, rows.into_iter().map(|(.., m)| m).collect())
        })
        .collect())
}

/// Withdraws a dispensing's record that a complete one has shown to be cut
/// short; what it said stays among the earlier versions.
async fn void_cut_short(
    db: &impl ConnectionTrait,
    row: medication_row::Model,
    facility_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), IntakeError> {
    let earlier = revision("medication", row.id, row.resident_id, facility_id, medication_version(&row), now);
    medical::insert_revision(db, earlier).await?;
    let status = MedicationStatus::EnteredInError.as_str().to_owned();
    medical::update_medication(db, medication_row::Model { status, updated_at: now, ..row }).await?;
    Ok(())
}

fn short_hash(s: &str) -> String {
    hex(&Sha256::digest(s.as_bytes())[..8])
}

/// The records a notebook holds, each with an identifier that is the same
/// whenever the same data arrives (see [`jahis::Dispensing::identity`]); for
/// notes, the resident, kind and text.
/// Each comes with the index of its dispensing (`None` for notes).
fn jahis_records(
    n: &jahis::Notebook,
    resident: Uuid,
    now: DateTime<Utc>,
) -> Vec<(String, usize, Record, Option<usize>)> {
    let mut out = Vec::new();
    let origin = if n.from_patient() { Origin::Patient } else { Origin::Facility };
    // Two dispensings of one file that say the same (the same drugs from the
    // same clinic at the same pharmacy on one day) are two: the n-th of them is `#n`.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, d) in n.dispensings.iter().enumerate() {
        let identity = d.identity();
        let nth = seen.entry(identity.clone()).or_insert(0);
        *nth += 1;
        let dispensing = if *nth == 1 { identity } else { format!("{identity}#{nth}") };
        for (pi, p) in d.prescriptions.iter().enumerate() {
            for rp in &p.rps {
                for (di, drug) in rp.drugs.iter().enumerate() {
                    let own = drug.code.as_ref().and_then(jahis::DrugCode::standard);
                    let generic =
                        drug.generic_code.as_deref().and_then(|g| DrugCode::parse(CodeSystem::GeneralName, g));
                    // The code compared for the flags: one that names the ingredient.
                    let code = match (&own, &generic) {
                        (Some(o), Some(g)) if o.ingredient_route().is_none() => Some(g.clone()),
                        (None, g) => g.clone(),
                        (o, _) => o.clone(),
                    };
                    let codings = own
                        .iter()
                        .map(|c| (c, Some(drug.name.as_str())))
                        .chain(generic.iter().map(|g| (g, drug.generic_name.as_deref())))
                        .map(|(c, display)| Coding {
                            system: c.system.uri().to_owned(),
                            code: c.code.clone(),
                            display: display.and_then(|d| clean_text(d, 200)),
                        })
                        .collect();
                    let usage = rp.usage.as_ref();
                    let per_dose = joined(drug.dose.as_deref(), drug.unit.as_deref());
                    let total = usage.map(|u| joined(u.quantity.as_deref(), u.unit.as_deref())).unwrap_or_default();
                    let quantity = match (per_dose.is_empty(), total.is_empty()) {
                        (false, false) => format!("{per_dose} × {total}"),
                        (false, true) => per_dose,
                        (true, _) => total,
                    };
                    let Some(name) = clean_text(&drug.name, 200) else { continue };
                    let m = Medication {
                        kind: MedicationKind::Dispense,
                        status: MedicationStatus::Completed,
                        code,
                        name,
                        dosage: usage.and_then(|u| u.text.as_deref()).and_then(|t| clean_text(t, 500)),
                        quantity: clean_text(&quantity, 100),
                        date: RecordDate::Day(d.date),
                        days: usage.and_then(|u| u.days),
                        prescriber: p.prescriber.as_ref().and_then(|i| clean_text(&i.name, 200)),
                        dispenser: d.dispenser.as_ref().and_then(|i| clean_text(&i.name, 200)),
                        origin,
                        detail: Detail {
                            codings,
                            generic_name: drug.generic_name.as_deref().and_then(|g| clean_text(g, 200)),
                            quantity: drug.total(usage).and_then(|(value, unit)| {
                                Some(Quantity {
                                    value: value.parse().ok()?,
                                    unit: Some(unit),
                                    system: None,
                                    code: None,
                                })
                            }),
                            ..Detail::default()
                        },
                    };
                    let identifier = jahis::record_key(resident, &dispensing, pi, rp.number, di);
                    out.push((identifier, drug.line, Record::Medication(m), Some(index)));
                }
            }
        }
    }
    // Notes carry no date of their own: they count as of the latest dispensing
    // in the data, or of today when there is none.
    let as_of = n.dispensings.iter().map(|d| d.date).max().unwrap_or_else(|| crate::domain::japan_time::day(now));
    for note in &n.notes {
        let category = match note.kind {
            jahis::NoteKind::Allergy => None,
            jahis::NoteKind::SideEffect => Some(AllergyCategory::Medication),
            jahis::NoteKind::History | jahis::NoteKind::Other => continue,
        };
        let Some(text) = clean_text(&note.text, 500) else { continue };
        let a = Allergy {
            category,
            criticality: None,
            status: AllergyStatus::Active,
            drug_code: None,
            allergen_code: None,
            text: text.clone(),
            date: RecordDate::Day(as_of),
            origin,
            detail: Detail::default(),
        };
        let kind = if category.is_some() { "side-effect" } else { "allergy" };
        let key = format!("jahis:{resident}:note:{kind}:{}", short_hash(&jahis::canonical(&text)));
        out.push((key, note.line, Record::Allergy(a), None));
    }
    out
}

/// "1" and "錠" → "1錠".
fn joined(a: Option<&str>, b: Option<&str>) -> String {
    [a, b].into_iter().flatten().collect()
}
