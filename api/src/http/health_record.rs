//! The signed-in resident's medication and allergy summary, emergency
//! contact and FHIR export.

use super::closed::{self, OneOf};
use super::strict::Str;
use crate::http::error::{Refusal, can};
use std::collections::HashSet;

use poem::web::Data;
use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::error::ApiError;
use super::prepared::{PreparedJson, with_field_first};
use super::session::Resident;
use super::tags::ApiTags;
use crate::domain::summary::Flag;
use crate::service::ServiceError;
use crate::service::health_record::{self, AllergyEntry, ContactInput, CurrentMedicine, Medicine};
use crate::state::AppState;
use crate::store::entity::emergency_contact;

pub struct HealthRecordApi;

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct MedicineItem {
    pub id: String,
    pub name: String,
    /// `request` (prescribed), `dispense` (handed over), `statement` (reported as taken).
    pub kind: OneOf<closed::MedicineKind>,
    pub status: String,
    /// The day in Japan (YYYY-MM-DD).
    pub date: super::day::Day,
    #[oai(skip_serializing_if_is_none)]
    pub days: Option<i32>,
    #[oai(skip_serializing_if_is_none)]
    pub dosage: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub quantity: Option<String>,
    /// `yj`, `hot9`, … and the code.
    #[oai(skip_serializing_if_is_none)]
    pub code_system: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub code: Option<String>,
    /// Where the record comes from (the sending facility, or the pharmacy named in JAHIS data).
    pub facility: String,
    /// Its English name, when it names a participating facility that has one.
    #[oai(skip_serializing_if_is_none)]
    pub facility_en: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub prescriber: Option<String>,
    /// The person hides it from their proxies (always false in a proxy's view, which leaves hidden ones out).
    pub hidden_from_proxies: bool,
    /// Handed in from the patient's own app (JAHIS output kind 2), not the
    /// facility's own record: shown as provided by the patient.
    pub provided_by_patient: bool,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct CurrentMedicineItem {
    #[oai(flatten)]
    pub medicine: MedicineItem,
    /// The last day it covers, when known.
    #[oai(skip_serializing_if_is_none)]
    pub until: Option<super::day::Day>,
    /// No duration was stated (as-needed, external): counted as current for 30 days.
    pub duration_unstated: bool,
    pub prescribed_by: String,
    #[oai(skip_serializing_if_is_none)]
    pub prescribed_by_en: Option<String>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct AllergyItemBody {
    pub id: String,
    pub text: String,
    #[oai(skip_serializing_if_is_none)]
    pub category: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub criticality: Option<String>,
    /// A drug contraindication (category medication, criticality high).
    pub contraindication: bool,
    /// False for inactive or resolved ones.
    pub active: bool,
    pub date: super::day::Day,
    pub facility: String,
    #[oai(skip_serializing_if_is_none)]
    pub facility_en: Option<String>,
    /// The person hides it from their proxies.
    pub hidden_from_proxies: bool,
    /// What current medicines are compared with it by: `code` (its drug code,
    /// and its words in their names) or `name` (only the words of its text in
    /// the medicines' names, which miss a medicine named otherwise).
    pub compared_by: OneOf<closed::MatchBasis>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct SafetyFlag {
    /// `duplicate`: the same ingredient by the same route from two facilities
    /// at once; `allergy`: a current medicine matching a recorded allergy or
    /// contraindication.
    pub kind: OneOf<closed::SafetyFlagKind>,
    /// The current medicines concerned (ids of `current`).
    pub medicines: Vec<String>,
    /// For `duplicate`: the facilities that prescribed them.
    #[oai(skip_serializing_if_is_none)]
    pub facilities: Option<Vec<String>>,
    /// For `allergy`: the allergy (id in `allergies`).
    #[oai(skip_serializing_if_is_none)]
    pub allergy: Option<String>,
    /// For `allergy`: it is a contraindication.
    #[oai(skip_serializing_if_is_none)]
    pub contraindication: Option<bool>,
    /// For `allergy`: what matched: `code` (the same ingredient and route by
    /// drug code) or `name` (a word of the allergy in the medicine's name).
    #[oai(skip_serializing_if_is_none)]
    pub matched_by: Option<OneOf<closed::MatchBasis>>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct EmergencyContact {
    pub name: String,
    #[oai(skip_serializing_if_is_none)]
    pub relationship: Option<String>,
    pub phone: String,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct SourceItem {
    pub facility: String,
    #[oai(skip_serializing_if_is_none)]
    pub facility_en: Option<String>,
    /// The last day it sent data.
    pub last_on: super::day::Day,
    /// How many records it sent or updated.
    pub items: i32,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct HealthSummaryBody {
    pub name: String,
    pub name_kana: String,
    pub birth_date: super::day::Day,
    /// When this answer was given: it holds every record received until then.
    pub as_of: chrono::DateTime<chrono::Utc>,
    /// When the latest record arrived; absent when there is no data yet.
    #[oai(skip_serializing_if_is_none)]
    pub last_received_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When the resident joined: only data from then on is held.
    #[oai(skip_serializing_if_is_none)]
    pub joined_at: Option<chrono::DateTime<chrono::Utc>>,
    pub current: Vec<CurrentMedicineItem>,
    /// The last twelve months, newest first: the first page (the 20 newest);
    /// the rest from `GET /me/summary/history`.
    pub history: Vec<MedicineItem>,
    /// How many entries the whole history has.
    pub history_total: u32,
    /// Allergies and contraindications.
    pub allergies: Vec<AllergyItemBody>,
    pub flags: Vec<SafetyFlag>,
    /// Current medicines (ids of `current`) without a code that names their
    /// ingredient: not checked for duplicates, and against allergies by name only.
    pub not_compared: Vec<String>,
    #[oai(skip_serializing_if_is_none)]
    pub emergency_contact: Option<EmergencyContact>,
    /// Facilities that sent data, most recent first.
    pub sources: Vec<SourceItem>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct EmergencyContactRequest {
    pub name: Str,
    #[oai(skip_serializing_if_is_none)]
    pub relationship: Option<Str>,
    pub phone: Str,
}

#[derive(ApiResponse)]
pub enum ExportResponse {
    /// A FHIR R4 `collection` Bundle in the JP Core profiles, as a download.
    #[oai(status = 200, content_type = "application/fhir+json")]
    Ok(Json<serde_json::Value>, #[oai(header = "Content-Disposition")] String),
}

#[derive(ApiResponse)]
pub enum ContactRemoved {
    /// Removed.
    #[oai(status = 204)]
    Done,
}

pub(super) fn medicine(m: &Medicine, hidden: &HashSet<uuid::Uuid>) -> MedicineItem {
    let r = &m.row;
    MedicineItem {
        id: r.id.to_string(),
        name: r.name.clone(),
        kind: r.kind.clone().into(),
        status: r.status.clone(),
        date: r.dated_on.into(),
        days: r.days,
        dosage: r.dosage.clone(),
        quantity: r.quantity.clone(),
        code_system: r.code_system.clone(),
        code: r.code.clone(),
        facility: m.facility.clone(),
        facility_en: m.facility_en.clone(),
        prescriber: r.prescriber.clone(),
        hidden_from_proxies: hidden.contains(&r.id),
        provided_by_patient: crate::domain::medication::Origin::parse(&r.origin)
            == crate::domain::medication::Origin::Patient,
    }
}

pub(super) fn current_medicine(c: &CurrentMedicine, hidden: &HashSet<uuid::Uuid>) -> CurrentMedicineItem {
    CurrentMedicineItem {
        medicine: medicine(&c.medicine, hidden),
        until: c.until.map(Into::into),
        duration_unstated: c.duration_unstated,
        prescribed_by: c.prescribed_by.clone(),
        prescribed_by_en: c.prescribed_by_en.clone(),
    }
}

pub(super) fn allergy(a: &AllergyEntry, hidden: &HashSet<uuid::Uuid>) -> AllergyItemBody {
    AllergyItemBody {
        id: a.row.id.to_string(),
        text: a.row.text.clone(),
        category: a.row.category.clone(),
        criticality: a.row.criticality.clone(),
        contraindication: a.contraindication,
        active: a.row.status == "active",
        date: a.row.dated_on.into(),
        facility: a.facility.clone(),
        facility_en: a.facility_en.clone(),
        hidden_from_proxies: hidden.contains(&a.row.id),
        compared_by: a.compared_by.as_str().into(),
    }
}

/// A page of the medicine history.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct HistoryPageBody {
    pub items: Vec<MedicineItem>,
    /// Where this page starts in the whole history.
    pub offset: u32,
    /// How many entries the whole history has.
    pub total: u32,
}

pub(super) fn contact(c: emergency_contact::Model) -> EmergencyContact {
    EmergencyContact { name: c.name, relationship: c.relationship, phone: c.phone }
}

/// The summary's answer (its `asOf` set by the caller).
fn summary_body(h: &health_record::HealthSummary) -> HealthSummaryBody {
    HealthSummaryBody {
        name: h.name.clone(),
        name_kana: h.name_kana.clone(),
        birth_date: h.birth_date.into(),
        as_of: chrono::DateTime::<chrono::Utc>::MIN_UTC,
        last_received_at: h.last_received_at,
        joined_at: h.joined_at,
        current: h.current.iter().map(|c| current_medicine(c, &h.hidden_from_proxies)).collect(),
        history: h.history.iter().map(|m| medicine(m, &h.hidden_from_proxies)).collect(),
        history_total: u32::try_from(h.history_ids.len()).unwrap_or(u32::MAX),
        allergies: h.allergies.iter().map(|a| allergy(a, &h.hidden_from_proxies)).collect(),
        flags: h
            .flags
            .iter()
            .map(|f| match f {
                Flag::Duplicate { medications, facilities, .. } => SafetyFlag {
                    kind: "duplicate".into(),
                    medicines: medications.iter().map(ToString::to_string).collect(),
                    facilities: Some(facilities.clone()),
                    allergy: None,
                    contraindication: None,
                    matched_by: None,
                },
                Flag::AllergyMatch { medication, allergy, contraindication, by } => SafetyFlag {
                    kind: "allergy".into(),
                    medicines: vec![medication.to_string()],
                    facilities: None,
                    allergy: Some(allergy.to_string()),
                    contraindication: Some(*contraindication),
                    matched_by: Some(by.as_str().into()),
                },
            })
            .collect(),
        not_compared: h.not_compared.iter().map(ToString::to_string).collect(),
        emergency_contact: h.emergency_contact.clone().map(contact),
        sources: h
            .sources
            .iter()
            .map(|s| SourceItem {
                facility: s.facility.clone(),
                facility_en: s.facility_en.clone(),
                last_on: s.last_on.into(),
                items: s.items,
            })
            .collect(),
    }
}

#[OpenApi(tag = "ApiTags::HealthRecord")]
impl HealthRecordApi {
    /// The signed-in resident's medication and allergy summary
    #[oai(path = "/me/summary", method = "get", operation_id = "getMySummary")]
    async fn summary(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<PreparedJson<HealthSummaryBody>, Refusal<{ can::RESIDENT }>> {
        let actor = who.0;
        let read = health_record::summary(&state, &actor).await?;
        // Written once per summary made; the time it is served goes in front.
        let written = match read.summary.rendered.get() {
            Some(b) => b.clone(),
            None => {
                let b = PreparedJson::write(&summary_body(&read.summary), &["asOf"])
                    .ok_or_else(|| ApiError::from(ServiceError::Internal("summary could not be written".into())))?;
                let _ = read.summary.rendered.set(b.clone());
                b
            }
        };
        let as_of = poem_openapi::types::ToJSON::to_json(&read.as_of).unwrap_or_default();
        Ok(PreparedJson::new(with_field_first(&written, "asOf", &as_of)))
    }

    /// A page of the signed-in resident's medicine history
    ///
    /// Entries `offset` to `offset + limit` (at most 100) of the last twelve
    /// months, newest first, as the summary's `history` begins them.
    #[oai(path = "/me/summary/history", method = "get", operation_id = "getMyMedicineHistory")]
    async fn history(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        /// How many of the newest entries to skip (0 by default).
        #[oai(validator(minimum(value = "0"), maximum(value = "1000000")))]
        offset: Query<Option<u32>>,
        /// How many entries to return: 1 to 100, 50 by default.
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
        limit: Query<Option<u32>>,
    ) -> Result<Json<HistoryPageBody>, Refusal<{ can::RESIDENT | can::PARAMS | can::INVALID }>> {
        let actor = who.0;
        let offset = offset.0.unwrap_or(0);
        let limit = limit.0.unwrap_or(50);
        let page = health_record::history_page(&state, &actor, offset as usize, limit as usize).await?;
        Ok(Json(HistoryPageBody {
            items: page.items.iter().map(|m| medicine(m, &page.hidden_from_proxies)).collect(),
            offset,
            total: u32::try_from(page.total).unwrap_or(u32::MAX),
        }))
    }

    /// Download one's own records as a FHIR R4 Bundle (JP Core)
    #[oai(path = "/me/summary/fhir", method = "get", operation_id = "exportMySummary")]
    async fn export(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<ExportResponse, Refusal<{ can::RESIDENT }>> {
        let actor = who.0;
        let bundle = health_record::export_fhir(&state, &actor).await?;
        let day = crate::domain::japan_time::day(state.clock.now());
        Ok(ExportResponse::Ok(Json(bundle), format!("attachment; filename=\"renkei-{day}.fhir.json\"")))
    }

    /// Set the emergency contact shown on the emergency card
    #[oai(path = "/me/emergency-contact", method = "put", operation_id = "setMyEmergencyContact")]
    async fn set_contact(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        body: Json<EmergencyContactRequest>,
    ) -> Result<Json<EmergencyContact>, Refusal<{ can::BODY | can::RESIDENT | can::INVALID }>> {
        let actor = who.0;
        let b = &body.0;
        let input = ContactInput { name: &b.name, relationship: b.relationship.as_deref(), phone: &b.phone };
        let saved = health_record::set_emergency_contact(&state, &actor, Some(input)).await?;
        Ok(saved.map(|c| Json(contact(c))).ok_or_else(|| ApiError::new(super::error::ErrorCode::Internal))?)
    }

    /// Remove the emergency contact
    #[oai(path = "/me/emergency-contact", method = "delete", operation_id = "removeMyEmergencyContact")]
    async fn remove_contact(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<ContactRemoved, Refusal<{ can::WRITE | can::RESIDENT }>> {
        let actor = who.0;
        health_record::set_emergency_contact(&state, &actor, None).await?;
        Ok(ContactRemoved::Done)
    }
}
