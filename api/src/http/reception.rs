//! Clinic reception over HTTP: staff enrolment and sign-in (their own
//! cookie, `renkei_staff`, 15 idle minutes), and the paper forms they enter
//! for their facility. Nothing here returns medical data.

use super::closed::{self, OneOf};
use super::strict::{Str, text};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::error::ApiError;
use super::session::{self, Staff};
use super::tags::ApiTags;
use crate::domain::actor::Actor;
use crate::domain::registration::RegistrationInput;
use crate::service::ServiceError;
use crate::service::common::sessions::NewSession;
use crate::service::reception::{self, ClaimSheet, EntryDetail, EntryView, StaffView};
use crate::state::AppState;

pub struct ReceptionApi;

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct StaffFacility {
    pub code: String,
    pub name: String,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct StaffNetwork {
    pub code: String,
    pub name: String,
    #[oai(skip_serializing_if_is_none)]
    pub name_en: Option<String>,
    /// The consent document version in force; absent when the network has none (no registrations).
    #[oai(skip_serializing_if_is_none)]
    pub consent_version: Option<i32>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct StaffMe {
    pub name: String,
    /// `reception`, `facility_admin`, `doctor`, `dentist`, `pharmacist`, `nurse`, `care_manager`, `care_worker`.
    pub role: OneOf<closed::StaffRole>,
    pub facility: StaffFacility,
    pub networks: Vec<StaffNetwork>,
    /// The session ends after this many seconds without a request.
    pub idle_timeout_seconds: i64,
}

fn staff_me(v: StaffView) -> StaffMe {
    StaffMe {
        name: v.name,
        role: v.role.as_str().into(),
        facility: StaffFacility { code: v.facility_code, name: v.facility_name },
        networks: v
            .networks
            .into_iter()
            .map(|(n, version)| StaffNetwork {
                code: n.code,
                name: n.name,
                name_en: n.name_en,
                consent_version: version,
            })
            .collect(),
        idle_timeout_seconds: crate::domain::staff::IDLE.num_seconds(),
    }
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct EnrolmentCode {
    pub code: Option<Str>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct EnrolmentOptions {
    /// Pass to `PublicKeyCredential.parseCreationOptionsFromJSON`.
    pub public_key: serde_json::Value,
    pub staff: StaffMe,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct EnrolmentComplete {
    pub code: Option<Str>,
    pub credential: Option<serde_json::Value>,
}

#[derive(ApiResponse)]
pub enum StaffSignedIn {
    /// Signed in (the staff session cookie is set).
    #[oai(status = 200)]
    Ok(Json<StaffMe>, #[oai(header = "Set-Cookie")] String),
}

fn signed_in(state: &AppState, view: StaffView, s: &NewSession) -> StaffSignedIn {
    StaffSignedIn::Ok(Json(staff_me(view)), session::set_staff_cookie(state, s))
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct StaffSignInOptions {
    pub ceremony: String,
    pub public_key: serde_json::Value,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct StaffSignInRequest {
    pub ceremony: Option<Str>,
    pub credential: Option<serde_json::Value>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct Empty {}

#[derive(ApiResponse)]
pub enum StaffSignedOut {
    #[oai(status = 204)]
    Done(#[oai(header = "Set-Cookie")] String),
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct DuplicateQuery {
    pub name_kana: Option<Str>,
    pub birth_date: Option<Str>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct DuplicateCandidate {
    /// Partly hidden, e.g. `7K3M-****-R2`.
    pub registration_number: String,
    pub name: String,
    pub name_kana: String,
    pub birth_date: super::day::Day,
    pub registered_on: super::day::Day,
    /// `web` or `paper`.
    pub channel: OneOf<closed::ConsentChannel>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct Duplicates {
    pub candidates: Vec<DuplicateCandidate>,
}

/// A paper registration form as entered, in the form's order.
#[derive(Object, Debug, Clone, Default)]
#[oai(rename_all = "camelCase")]
pub struct PaperRegistrationRequest {
    pub name: Option<Str>,
    pub name_kana: Option<Str>,
    /// `female` or `male`.
    pub sex: Option<OneOf<closed::Sex>>,
    pub birth_date: Option<Str>,
    pub phone: Option<Str>,
    pub address: Option<Str>,
    /// As in `RegistrationRequest`.
    pub document_kind: Option<OneOf<closed::DocumentKind>>,
    pub insurer_number: Option<Str>,
    pub symbol: Option<Str>,
    pub number: Option<Str>,
    pub branch: Option<Str>,
    /// 介護保険 被保険者番号: 10 digits.
    pub care_insurance_number: Option<Str>,
    /// The person's own address, if any.
    pub email: Option<Str>,
    /// The proxy box: all three, or none.
    pub proxy_name: Option<Str>,
    pub proxy_relationship: Option<OneOf<closed::Relationship>>,
    pub proxy_reason: Option<OneOf<closed::ProxyReason>>,
    /// The day the form was signed.
    pub signed_on: Option<Str>,
    /// The facility box.
    pub form_serial: Option<Str>,
    pub network: Option<Str>,
    /// The consent document version printed on the form (the one in force).
    pub consent_version: Option<i32>,
    /// 本人確認書類を確認した.
    pub identity_checked: Option<bool>,
    /// 署名済みの用紙を受け取った.
    pub form_received: Option<bool>,
    /// Reception looked at the people with the same kana and birth date, and it is someone else.
    pub not_duplicate: Option<bool>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct PaperWithdrawalRequest {
    pub network: Option<Str>,
    pub form_serial: Option<Str>,
    pub signed_on: Option<Str>,
    pub registration_number: Option<Str>,
    pub birth_date: Option<Str>,
    pub identity_checked: Option<bool>,
    pub form_received: Option<bool>,
}

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

fn sheet(c: ClaimSheet) -> Result<ClaimSheetBody, ServiceError> {
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

fn entry(e: EntryView) -> Result<PaperEntry, ServiceError> {
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
pub struct EntryList {
    pub day: super::day::Day,
    /// Newest first.
    pub entries: Vec<PaperEntry>,
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
    pub birth_date: super::day::Day,
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
    pub signed_on: super::day::Day,
    /// Newest first.
    pub changes: Vec<EntryChange>,
}

fn detail(d: EntryDetail) -> Result<PaperEntryDetail, ServiceError> {
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

/// A claim sheet printed again, for the person at the desk.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct ReissueRequest {
    /// The identity document checked at the desk: `my_number_card`,
    /// `driver_licence`, `qualification_certificate` or `other_photo_id`.
    /// Required (absent answers `422`, as an empty one).
    #[oai(skip_serializing_if_is_none)]
    pub identity_checked: Option<Str>,
}

#[derive(ApiResponse)]
pub enum SheetIssued {
    #[oai(status = 201)]
    Created(Json<ClaimSheetBody>),
}

#[OpenApi(tag = "ApiTags::Reception")]
impl ReceptionApi {
    /// Passkey options for a staff member enrolling with their one-time link
    #[oai(path = "/staff/enrolment/passkey-options", method = "post", operation_id = "staffEnrolmentOptions")]
    async fn enrol_options(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<EnrolmentCode>,
    ) -> Result<Json<EnrolmentOptions>, ApiError> {
        let client = session::client(&state, req);
        let (public_key, view) = reception::enrol_options(&state, &Actor::Anonymous, &client, text(&body.code)).await?;
        Ok(Json(EnrolmentOptions { public_key, staff: staff_me(view) }))
    }

    /// Create the staff member's passkey and sign them in
    #[oai(path = "/staff/enrolment/complete", method = "post", operation_id = "completeStaffEnrolment")]
    async fn enrol_complete(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<EnrolmentComplete>,
    ) -> Result<StaffSignedIn, ApiError> {
        let client = session::client(&state, req);
        let (view, s) =
            reception::enrol_complete(&state, &Actor::Anonymous, &client, text(&body.code), body.credential.as_ref())
                .await?;
        Ok(signed_in(&state, view, &s))
    }

    /// Options for a staff member's passkey sign-in
    #[oai(path = "/staff/sign-in/passkey-options", method = "post", operation_id = "staffSignInOptions")]
    async fn sign_in_options(
        &self,
        state: Data<&AppState>,
        req: &Request,
        _body: Json<Empty>,
    ) -> Result<Json<StaffSignInOptions>, ApiError> {
        let client = session::client(&state, req);
        let (id, public_key) = reception::sign_in_options(&state, &Actor::Anonymous, &client).await?;
        Ok(Json(StaffSignInOptions { ceremony: id.to_string(), public_key }))
    }

    /// Sign a staff member in with their passkey
    #[oai(path = "/staff/sign-in/passkey", method = "post", operation_id = "staffSignIn")]
    async fn sign_in(&self, state: Data<&AppState>, body: Json<StaffSignInRequest>) -> Result<StaffSignedIn, ApiError> {
        let (view, s) =
            reception::sign_in(&state, &Actor::Anonymous, text(&body.ceremony), body.credential.as_ref()).await?;
        Ok(signed_in(&state, view, &s))
    }

    /// Sign the staff member out
    #[oai(path = "/staff/sign-out", method = "post", operation_id = "staffSignOut")]
    async fn sign_out(&self, state: Data<&AppState>, req: &Request) -> Result<StaffSignedOut, ApiError> {
        if let Ok((id, actor)) = session::require_staff(&state, req).await {
            reception::sign_out(&state, id, &actor).await?;
        }
        Ok(StaffSignedOut::Done(session::clear_staff_cookie(&state)))
    }

    /// The signed-in staff member, their facility and its networks
    #[oai(path = "/staff/me", method = "get", operation_id = "getStaffMe")]
    async fn me(&self, state: Data<&AppState>, staff: Staff) -> Result<Json<StaffMe>, ApiError> {
        let Staff(_, actor) = staff;
        Ok(Json(staff_me(reception::me(&state, &actor).await?)))
    }

    /// People registered with the same name (kana) and birth date, before saving a form
    #[oai(path = "/staff/duplicates", method = "post", operation_id = "findDuplicates")]
    async fn duplicates(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        body: Json<DuplicateQuery>,
    ) -> Result<Json<Duplicates>, ApiError> {
        let Staff(_, actor) = staff;
        let found = reception::duplicates(&state, &actor, text(&body.name_kana), text(&body.birth_date)).await?;
        Ok(Json(Duplicates {
            candidates: found
                .into_iter()
                .map(|c| DuplicateCandidate {
                    registration_number: c.registration_number,
                    name: c.name,
                    name_kana: c.name_kana,
                    birth_date: c.birth_date.into(),
                    registered_on: c.registered_on.into(),
                    channel: c.channel.into(),
                })
                .collect(),
        }))
    }

    /// Enter a paper registration form; the answer carries the claim sheet
    #[oai(path = "/staff/paper-registrations", method = "post", operation_id = "enterPaperRegistration")]
    async fn register(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        body: Json<PaperRegistrationRequest>,
    ) -> Result<EntryCreated, ApiError> {
        let Staff(_, actor) = staff;
        let b = &body.0;
        let input = reception::PaperRegistration {
            network: text(&b.network),
            consent_version: b.consent_version,
            form_serial: text(&b.form_serial),
            signed_on: text(&b.signed_on),
            details: RegistrationInput {
                document: text(&b.document_kind),
                insurer_number: text(&b.insurer_number),
                symbol: text(&b.symbol),
                number: text(&b.number),
                branch: b.branch.as_deref(),
                name: text(&b.name),
                name_kana: text(&b.name_kana),
                birth_date: text(&b.birth_date),
                sex: text(&b.sex),
                phone: text(&b.phone),
                email: text(&b.email),
            },
            address: b.address.as_deref(),
            care_insurance_number: b.care_insurance_number.as_deref(),
            proxy_name: b.proxy_name.as_deref(),
            proxy_relationship: b.proxy_relationship.as_deref(),
            proxy_reason: b.proxy_reason.as_deref(),
            identity_checked: b.identity_checked == Some(true),
            form_received: b.form_received == Some(true),
            not_duplicate: b.not_duplicate == Some(true),
        };
        Ok(EntryCreated::Created(Json(entry(reception::register_paper(&state, &actor, input).await?)?)))
    }

    /// Enter a paper withdrawal form (effective at once)
    #[oai(path = "/staff/paper-withdrawals", method = "post", operation_id = "enterPaperWithdrawal")]
    async fn withdraw(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        body: Json<PaperWithdrawalRequest>,
    ) -> Result<EntryCreated, ApiError> {
        let Staff(_, actor) = staff;
        let b = &body.0;
        let input = reception::PaperWithdrawal {
            network: text(&b.network),
            form_serial: text(&b.form_serial),
            signed_on: text(&b.signed_on),
            registration_number: text(&b.registration_number),
            birth_date: text(&b.birth_date),
            identity_checked: b.identity_checked == Some(true),
            form_received: b.form_received == Some(true),
        };
        Ok(EntryCreated::Created(Json(entry(reception::withdraw_paper(&state, &actor, input).await?)?)))
    }

    /// This facility's paper entries of a day (today in Japan by default)
    #[oai(path = "/staff/entries", method = "get", operation_id = "listPaperEntries")]
    async fn entries(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        day: Query<Option<String>>,
    ) -> Result<Json<EntryList>, ApiError> {
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
    ) -> Result<Json<PaperEntryDetail>, ApiError> {
        let Staff(_, actor) = staff;
        Ok(Json(detail(reception::entry(&state, &actor, &id.0).await?)?))
    }

    /// Correct a paper registration (who changed which fields is recorded)
    #[oai(path = "/staff/entries/:id", method = "patch", operation_id = "correctPaperEntry")]
    async fn correct(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        id: Path<String>,
        body: Json<EntryCorrection>,
    ) -> Result<Json<PaperEntryDetail>, ApiError> {
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

    /// A new claim sheet for a paper registration (the earlier one stops working)
    ///
    /// Only with the person at the desk: `identityChecked` names the
    /// document seen, which goes into the person's access record with the
    /// staff member. The person's address, if any, is told.
    #[oai(path = "/staff/entries/:id/claim", method = "post", operation_id = "reissueClaimSheet")]
    async fn reissue(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        id: Path<String>,
        body: Json<ReissueRequest>,
    ) -> Result<SheetIssued, ApiError> {
        let Staff(_, actor) = staff;
        let issued =
            reception::reissue_claim(&state, &actor, &id.0, body.identity_checked.as_deref().unwrap_or_default())
                .await?;
        Ok(SheetIssued::Created(Json(sheet(issued)?)))
    }
}
