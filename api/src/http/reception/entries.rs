//! The facility's paper entries of a day, one entry with its corrections,
//! and correcting it: one path, `/staff/entries/{id}`, so one file (the
//! correction's use case is `service::reception::correction`).

use crate::http::error::{Refusal, can};
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::views::{PaperEntry, PaperEntryDetail, detail, entry};
use crate::http::closed::{self, OneOf};
use crate::http::session::Staff;
use crate::http::strict::Str;
use crate::http::tags::ApiTags;
use crate::service::ServiceError;
use crate::service::reception::{self};
use crate::state::AppState;

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct EntryList {
    pub day: crate::http::day::Day,
    /// Newest first.
    pub entries: Vec<PaperEntry>,
}

/// The fields to correct; those left out stay as they are.
#[derive(Object, Debug, Clone, Default)]
#[oai(rename_all = "camelCase")]
pub struct EntryCorrection {
    pub name: Option<Str>,
    pub name_kana: Option<Str>,
    /// `female` or `male`.
    pub sex: Option<OneOf<closed::Sex>>,
    pub birth_date: Option<Str>,
    pub phone: Option<Str>,
    pub address: Option<Str>,
    pub care_insurance_number: Option<Str>,
    pub email: Option<Str>,
    pub document_kind: Option<OneOf<closed::DocumentKind>>,
    pub insurer_number: Option<Str>,
    pub symbol: Option<Str>,
    pub number: Option<Str>,
    pub branch: Option<Str>,
    pub proxy_name: Option<Str>,
    pub proxy_relationship: Option<OneOf<closed::Relationship>>,
    pub proxy_reason: Option<OneOf<closed::ProxyReason>>,
    pub signed_on: Option<Str>,
}

pub struct EntriesApi;

#[OpenApi(tag = "ApiTags::Reception")]
impl EntriesApi {
    /// Correct a paper registration (who changed which fields is recorded)
    #[oai(path = "/staff/entries/:id", method = "patch", operation_id = "correctPaperEntry")]
    async fn correct(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        id: Path<String>,
        body: Json<EntryCorrection>,
    ) -> Result<
        Json<PaperEntryDetail>,
        Refusal<{ can::BODY | can::PARAMS | can::STAFF | can::NOT_FOUND | can::INVALID | can::CONFLICT | can::RATE }>,
    > {
        let Staff(_, actor) = staff;
        let b = &body.0;
        let c = reception::Correction {
            name: b.name.as_deref(),
            name_kana: b.name_kana.as_deref(),
            sex: b.sex.as_deref(),
            birth_date: b.birth_date.as_deref(),
            phone: b.phone.as_deref(),
            address: b.address.as_deref(),
            care_insurance_number: b.care_insurance_number.as_deref(),
            email: b.email.as_deref(),
            document_kind: b.document_kind.as_deref(),
            insurer_number: b.insurer_number.as_deref(),
            symbol: b.symbol.as_deref(),
            number: b.number.as_deref(),
            branch: b.branch.as_deref(),
            proxy_name: b.proxy_name.as_deref(),
            proxy_relationship: b.proxy_relationship.as_deref(),
            proxy_reason: b.proxy_reason.as_deref(),
            signed_on: b.signed_on.as_deref(),
        };
        Ok(Json(detail(reception::correct(&state, &actor, &id.0, c).await?)?))
    }

    /// This facility's paper entries of a day (today in Japan by default)
    #[oai(path = "/staff/entries", method = "get", operation_id = "listPaperEntries")]
    async fn entries(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        day: Query<Option<String>>,
    ) -> Result<Json<EntryList>, Refusal<{ can::PARAMS | can::STAFF | can::INVALID }>> {
        let Staff(_, actor) = staff;
        let (day, list) = reception::entries(&state, &actor, day.0.as_deref()).await?;
        Ok(Json(EntryList {
            day: day.into(),
            entries: list.into_iter().map(entry).collect::<Result<_, ServiceError>>()?,
        }))
    }

    /// One of this facility's paper entries, with its corrections
    #[oai(path = "/staff/entries/:id", method = "get", operation_id = "getPaperEntry")]
    async fn entry(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        id: Path<String>,
    ) -> Result<Json<PaperEntryDetail>, Refusal<{ can::PARAMS | can::STAFF | can::NOT_FOUND }>> {
        let Staff(_, actor) = staff;
        Ok(Json(detail(reception::entry(&state, &actor, &id.0).await?)?))
    }
}
