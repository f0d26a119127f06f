//! Facilities' clinical staff open a resident's shared record
//! (`service::looking`): only under the network's rules, every look in the
//! person's record, and nothing said about a person they may not see.

use std::collections::HashSet;

use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::closed::{self, OneOf};
use super::error::{Refusal, can};
use super::health_record::{
    AllergyItemBody, CurrentMedicineItem, EmergencyContact, MedicineItem, allergy, contact, current_medicine, medicine,
};
use super::session::Staff;
use super::strict::{Str, text};
use super::tags::ApiTags;
use crate::service::looking;
use crate::state::AppState;

pub struct LookingApi;

/// Whose record: the registration number (from the person's registration
/// QR or their card).
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct RecordLookup {
    pub registration_number: Option<Str>,
}

/// A person's shared record as this staff member's profession sees it here.
/// A part not in `parts` is absent; a part in it is present, perhaps empty.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct SharedRecord {
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

#[OpenApi(tag = "ApiTags::SharedRecords")]
impl LookingApi {
    /// Open a resident's shared record by registration number
    ///
    /// Only for clinical staff, of a facility with a care relationship with
    /// the person (or a live emergency access), while the person consents in
    /// one of the facility's networks; each profession sees its parts. A
    /// person the caller may not see answers `404`, as an unknown number does;
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
        let v = looking::look_by_number(&state, &actor, text(&body.registration_number)).await?;
        let none = HashSet::new();
        Ok(Json(SharedRecord {
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
        }))
    }
}
