//! Facilities' clinical staff open a resident's shared record
//! (`service::looking`): only under the network's rules, every look in the
//! person's record, and nothing said about a person they may not see.

use std::collections::HashSet;

use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::closed::{self, OneOf};
use super::error::{Refusal, can};
use super::health_record::{
    AllergyItemBody, CurrentMedicineItem, EmergencyContact, MedicineItem, allergy, contact, current_medicine, medicine,
};
use super::session::Staff;
use super::strict::{Str, text};
use super::tags::ApiTags;
use crate::domain::public_id::PublicId;
use crate::service::looking;
use crate::state::AppState;

pub struct LookingApi;

/// Whose record, one way: the registration QR (scanned, or its two codes
/// typed: showing it lets this facility look from now on), the registration
/// number, or the insurance card with the birth date. The first given is used.
#[derive(Object, Debug, Clone, Default)]
#[oai(rename_all = "camelCase")]
pub struct RecordLookup {
    /// What the person's registration QR holds (`RENKEI:…`), or the
    /// registration number and QR code shown under it, typed.
    pub qr_code: Option<Str>,
    pub registration_number: Option<Str>,
    /// With `number` (and `symbol`, `branch` as on the card) and `birthDate`.
    pub insurer_number: Option<Str>,
    pub symbol: Option<Str>,
    pub number: Option<Str>,
    pub branch: Option<Str>,
    /// `YYYY-MM-DD`, with the insurance card.
    pub birth_date: Option<Str>,
}

fn filled(v: &Option<Str>) -> bool {
    !text(v).trim().is_empty()
}

/// The way the body names the person.
pub(crate) fn who(b: &RecordLookup) -> looking::Who<'_> {
    if filled(&b.qr_code) {
        looking::Who::Qr(text(&b.qr_code))
    } else if filled(&b.insurer_number) || filled(&b.number) {
        looking::Who::Card {
            insurer: text(&b.insurer_number),
            symbol: text(&b.symbol),
            number: text(&b.number),
            branch: b.branch.as_deref().filter(|s| !s.trim().is_empty()),
            birth_date: text(&b.birth_date),
        }
    } else {
        looking::Who::Number(text(&b.registration_number))
    }
}

/// Open a record in an emergency: whose (as for a look-up), and why.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct EmergencyLookup {
    #[oai(flatten)]
    pub who: RecordLookup,
    /// `emergency_transport` (救急搬送), `cannot_consent` (the person cannot
    /// consent or show their QR), or `other` (then `note` is required).
    pub reason: Option<Str>,
    /// At most 200 characters; the network office reads it.
    pub note: Option<Str>,
}

/// Reception records that the person presented at the desk: their
/// registration QR, or their insurance card and birth date (checked
/// against the card in hand).
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct PresentedBody {
    #[oai(flatten)]
    pub who: RecordLookup,
}

/// Recorded: the facility's clinical staff may now look.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct Presentation {
    /// The person's name, to check against the card in hand.
    pub name: String,
    pub registration_number: String,
    /// False when the facility already had a care relationship, or when
    /// the person has stopped this facility seeing their record (then
    /// `endedByPerson`: only their registration QR, shown here, allows it again).
    pub started: bool,
    pub ended_by_person: bool,
}

/// A person's shared record as this staff member's profession sees it here.
/// A part not in `parts` is absent; a part in it is present, perhaps empty.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct SharedRecord {
    pub registration_number: String,
    pub name: String,
    pub name_kana: String,
    pub birth_date: super::day::Day,
    pub sex: OneOf<closed::Sex>,
    /// The parts this profession sees at this facility.
    pub parts: Vec<OneOf<closed::RecordPart>>,
    /// Shown only because of an emergency access, until then.
    #[oai(skip_serializing_if_is_none)]
    pub emergency_until: Option<chrono::DateTime<chrono::Utc>>,
    /// Data from this time on is shared; nothing from before it is held.
    pub shared_since: chrono::DateTime<chrono::Utc>,
    pub as_of: chrono::DateTime<chrono::Utc>,
    #[oai(skip_serializing_if_is_none)]
    pub current_medicines: Option<Vec<CurrentMedicineItem>>,
    /// The newest entries.
    #[oai(skip_serializing_if_is_none)]
    pub medication_history: Option<Vec<MedicineItem>>,
    #[oai(skip_serializing_if_is_none)]
    pub allergies: Option<Vec<AllergyItemBody>>,
    #[oai(skip_serializing_if_is_none)]
    pub contraindications: Option<Vec<AllergyItemBody>>,
    /// Absent when not shown, or when the person has set none.
    #[oai(skip_serializing_if_is_none)]
    pub emergency_contact: Option<EmergencyContact>,
}

fn shared_record(v: looking::RecordView) -> SharedRecord {
    let none = HashSet::new();
    SharedRecord {
        registration_number: PublicId::display_of(&v.registration_number),
        name: v.name,
        name_kana: v.name_kana,
        birth_date: v.birth_date.into(),
        sex: v.sex.into(),
        parts: v.parts.iter().map(|p| p.as_str().into()).collect(),
        emergency_until: v.emergency_until,
        shared_since: v.shared_since,
        as_of: v.as_of,
        current_medicines: v.current.map(|list| list.iter().map(|c| current_medicine(c, &none)).collect()),
        medication_history: v.history.map(|list| list.iter().map(|m| medicine(m, &none)).collect()),
        allergies: v.allergies.map(|list| list.iter().map(|a| allergy(a, &none)).collect()),
        contraindications: v.contraindications.map(|list| list.iter().map(|a| allergy(a, &none)).collect()),
        emergency_contact: v.emergency_contact.flatten().map(contact),
    }
}

/// A shared record as a FHIR R4 `collection` Bundle of JP Core resources.
#[derive(ApiResponse)]
pub enum FhirRecord {
    /// The Patient (with `contact` when the profession sees the emergency
    /// contact) and the MedicationRequest, MedicationDispense,
    /// MedicationStatement and AllergyIntolerance records the profession's
    /// parts take in. `meta.tag` lists the parts (`urn:renkei:record-part`);
    /// `meta.security` carries `ETREAT` while shown under an emergency access.
    #[oai(status = 200, content_type = "application/fhir+json")]
    Bundle(Json<serde_json::Value>),
}

#[OpenApi(tag = "ApiTags::SharedRecords")]
impl LookingApi {
    /// A facility system reads a shared record on behalf of a staff member
    ///
    /// For an electronic chart's "network" button: the facility's key, and
    /// `Renkei-Staff` naming the enrolled clinical staff member of this
    /// facility on whose behalf it asks (their staff id, from `renkei admin
    /// staff list`). The same rules, limits and audit as the staff console's
    /// look-up for that staff member; whose record is named in the body, not
    /// the URL, so that access logs do not keep it. A staff member who is not
    /// of this facility, not enrolled, disabled or not clinical answers `403
    /// staff_not_recognised`; a person they may not see, `404`.
    #[oai(path = "/fhir/shared-record", method = "post", operation_id = "readSharedRecordAsFhir")]
    async fn fhir(
        &self,
        state: Data<&AppState>,
        req: &poem::Request,
        key: super::intake::FacilityKey,
        /// The staff member's id.
        #[oai(name = "Renkei-Staff")]
        staff: poem_openapi::param::Header<String>,
        body: Json<RecordLookup>,
    ) -> Result<FhirRecord, Refusal<{ can::BODY | can::STAFF | can::INVALID | can::NOT_FOUND | can::RATE }>> {
        let actor = super::intake::facility_actor(&state, req, &key).await?;
        let reader = looking::Reader::on_behalf_of(&state, &actor, &staff.0).await?;
        Ok(FhirRecord::Bundle(Json(looking::look_as_fhir(&state, &reader, who(&body)).await?)))
    }

    /// Open a resident's shared record
    ///
    /// Only for clinical staff, of a facility with a care relationship with
    /// the person (or a live emergency access), while the person consents in
    /// one of the facility's networks; each profession sees its parts. The
    /// person's registration QR, shown here, starts a care relationship. A
    /// person the caller may not see answers `404`, as an unknown one does;
    /// every look is in the person's record.
    #[oai(path = "/staff/records/lookup", method = "post", operation_id = "lookUpSharedRecord")]
    async fn lookup(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        body: Json<RecordLookup>,
    ) -> Result<Json<SharedRecord>, Refusal<{ can::BODY | can::STAFF | can::INVALID | can::NOT_FOUND | can::RATE }>>
    {
        let Staff(_, actor) = staff;
        let reader = looking::Reader::staff(&state, &actor).await?;
        Ok(Json(shared_record(looking::look(&state, &reader, who(&body)).await?)))
    }

    /// Open a resident's record in an emergency
    ///
    /// Without a care relationship (救急搬送, or the person cannot consent):
    /// the staff member states why, the record opens for this facility for
    /// 24 hours, the person (and their manage-level proxies) are mailed at
    /// once, and the network office reviews it. Only while the person
    /// consents in one of the facility's networks; anyone else answers `404`.
    #[oai(path = "/staff/records/emergency", method = "post", operation_id = "openSharedRecordInEmergency")]
    async fn emergency(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        body: Json<EmergencyLookup>,
    ) -> Result<Json<SharedRecord>, Refusal<{ can::BODY | can::STAFF | can::INVALID | can::NOT_FOUND | can::RATE }>>
    {
        let Staff(_, actor) = staff;
        let reader = looking::Reader::staff(&state, &actor).await?;
        let asked = looking::Emergency::parse(text(&body.reason), body.note.as_deref())
            .map_err(crate::service::ServiceError::from)?;
        Ok(Json(shared_record(looking::look_in_emergency(&state, &reader, who(&body.who), asked).await?)))
    }

    /// Record that a person presented at the desk
    ///
    /// Reception, with the person's registration QR or their insurance card
    /// and birth date: the facility's clinical staff may then look at the
    /// person's shared record. Only for a person consenting in one of the
    /// facility's networks; anyone else answers `404` and counts as a failed
    /// look-up.
    #[oai(path = "/staff/presentations", method = "post", operation_id = "recordPresentation")]
    async fn presented(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        body: Json<PresentedBody>,
    ) -> Result<Json<Presentation>, Refusal<{ can::BODY | can::STAFF | can::INVALID | can::NOT_FOUND | can::RATE }>>
    {
        let Staff(_, actor) = staff;
        let p = looking::record_presentation(&state, &actor, who(&body.who)).await?;
        Ok(Json(Presentation {
            name: p.name,
            registration_number: PublicId::display_of(&p.registration_number),
            started: p.started,
            ended_by_person: p.ended_by_person,
        }))
    }
}
