//! What more than one of reception's operations answers with: an entry, its
//! detail, a claim sheet.

use crate::http::closed::{self, OneOf};
use crate::service::ServiceError;
use crate::service::reception::{ClaimSheet, EntryDetail, EntryView};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object};

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct ClaimSheetBody {
    /// Shown once: print it.
    pub code: String,
    /// `{public URL}/claim#CODE`.
    pub url: String,
    /// An SVG document: a QR code of `url`.
    pub qr_svg: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

pub(super) fn sheet(c: ClaimSheet) -> Result<ClaimSheetBody, ServiceError> {
    let qr_svg =
        crate::qr::svg(&c.url, "renkei claim").map_err(|e| ServiceError::Internal(format!("claim QR: {e}")))?;
    Ok(ClaimSheetBody { code: c.code.to_string(), url: c.url, qr_svg, expires_at: c.expires_at })
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct EntryNetwork {
    pub code: String,
    pub name: String,
    #[oai(skip_serializing_if_is_none)]
    pub name_en: Option<String>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct PaperEntry {
    pub id: String,
    /// `registration` or `withdrawal`.
    pub kind: OneOf<closed::EntryKind>,
    pub form_serial: String,
    pub registration_number: String,
    pub name: String,
    pub name_kana: String,
    pub network: EntryNetwork,
    pub entered_at: chrono::DateTime<chrono::Utc>,
    pub entered_by: String,
    /// How many corrections were made.
    pub corrected: i32,
    /// The claim sheet (a new registration's answer only).
    #[oai(skip_serializing_if_is_none)]
    pub claim: Option<ClaimSheetBody>,
}

pub(super) fn entry(e: EntryView) -> Result<PaperEntry, ServiceError> {
    Ok(PaperEntry {
        id: e.id.to_string(),
        kind: e.kind.into(),
        form_serial: e.form_serial,
        registration_number: e.registration_number,
        name: e.name,
        name_kana: e.name_kana,
        network: EntryNetwork { code: e.network.code, name: e.network.name, name_en: e.network.name_en },
        entered_at: e.entered_at,
        entered_by: e.entered_by,
        corrected: i32::try_from(e.corrected).unwrap_or(i32::MAX),
        claim: e.claim.map(sheet).transpose()?,
    })
}

#[derive(ApiResponse)]
pub enum EntryCreated {
    #[oai(status = 201)]
    Created(Json<PaperEntry>),
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct EntryChange {
    pub at: chrono::DateTime<chrono::Utc>,
    pub by: String,
    /// The fields changed (their API names).
    pub fields: Vec<String>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct PaperEntryDetail {
    #[oai(flatten)]
    pub entry: PaperEntry,
    /// `female` or `male`.
    pub sex: OneOf<closed::Sex>,
    pub birth_date: crate::http::day::Day,
    #[oai(skip_serializing_if_is_none)]
    pub phone: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub address: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub care_insurance_number: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub email: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub document_kind: Option<OneOf<closed::DocumentKind>>,
    #[oai(skip_serializing_if_is_none)]
    pub insurer_number: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub symbol: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub number: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub branch: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub proxy_name: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub proxy_relationship: Option<OneOf<closed::Relationship>>,
    #[oai(skip_serializing_if_is_none)]
    pub proxy_reason: Option<OneOf<closed::ProxyReason>>,
    pub signed_on: crate::http::day::Day,
    /// Newest first.
    pub changes: Vec<EntryChange>,
}

pub(super) fn detail(d: EntryDetail) -> Result<PaperEntryDetail, ServiceError> {
    let p = d.person;
    let i = d.insurance;
    Ok(PaperEntryDetail {
        entry: entry(d.entry)?,
        sex: p.sex.into(),
        birth_date: p.birth_date.into(),
        phone: p.phone,
        address: p.address,
        care_insurance_number: p.care_insurance_number,
        email: p.email,
        document_kind: i.as_ref().map(|i| i.document.as_str().into()),
        insurer_number: i.as_ref().map(|i| i.insurer_number.clone()),
        symbol: i.as_ref().map(|i| i.symbol.clone()),
        number: i.as_ref().map(|i| i.number.clone()),
        branch: i.as_ref().and_then(|i| i.branch.clone()),
        proxy_name: d.proxy_name,
        proxy_relationship: d.proxy_relationship.map(Into::into),
        proxy_reason: d.proxy_reason.map(Into::into),
        signed_on: d.signed_on.into(),
        changes: d.changes.into_iter().map(|(at, by, fields)| EntryChange { at, by, fields }).collect(),
    })
}
