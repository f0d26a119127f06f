//! A staff member enrols with their one-time link, signs in with a passkey
//! (their own cookie, `renkei_staff`, 15 idle minutes) and out.

use crate::http::closed::{self, OneOf};
use crate::http::error::{Refusal, can};
use crate::http::strict::{Str, text};
use poem::Request;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use crate::domain::actor::Actor;
use crate::http::session::{self, Staff};
use crate::http::tags::ApiTags;
use crate::service::common::sessions::NewSession;
use crate::service::reception::{self, StaffView};
use crate::state::AppState;

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

pub struct StaffAccountsApi;

#[OpenApi(tag = "ApiTags::Reception")]
impl StaffAccountsApi {
    /// Passkey options for a staff member enrolling with their one-time link
    #[oai(path = "/staff/enrolment/passkey-options", method = "post", operation_id = "staffEnrolmentOptions")]
    async fn enrol_options(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<EnrolmentCode>,
    ) -> Result<Json<EnrolmentOptions>, Refusal<{ can::BODY | can::INVALID | can::RATE }>> {
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
    ) -> Result<StaffSignedIn, Refusal<{ can::BODY | can::INVALID | can::RATE }>> {
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
    ) -> Result<Json<StaffSignInOptions>, Refusal<{ can::BODY | can::RATE }>> {
        let client = session::client(&state, req);
        let (id, public_key) = reception::sign_in_options(&state, &Actor::Anonymous, &client).await?;
        Ok(Json(StaffSignInOptions { ceremony: id.to_string(), public_key }))
    }

    /// Sign a staff member in with their passkey
    #[oai(path = "/staff/sign-in/passkey", method = "post", operation_id = "staffSignIn")]
    async fn sign_in(
        &self,
        state: Data<&AppState>,
        body: Json<StaffSignInRequest>,
    ) -> Result<StaffSignedIn, Refusal<{ can::BODY | can::INVALID | can::RATE }>> {
        let (view, s) =
            reception::sign_in(&state, &Actor::Anonymous, text(&body.ceremony), body.credential.as_ref()).await?;
        Ok(signed_in(&state, view, &s))
    }

    /// Sign the staff member out
    #[oai(path = "/staff/sign-out", method = "post", operation_id = "staffSignOut")]
    async fn sign_out(&self, state: Data<&AppState>, req: &Request) -> Result<StaffSignedOut, Refusal<{ can::WRITE }>> {
        if let Ok((id, actor)) = session::require_staff(&state, req).await {
            reception::sign_out(&state, id, &actor).await?;
        }
        Ok(StaffSignedOut::Done(session::clear_staff_cookie(&state)))
    }

    /// The signed-in staff member, their facility and its networks
    #[oai(path = "/staff/me", method = "get", operation_id = "getStaffMe")]
    async fn me(&self, state: Data<&AppState>, staff: Staff) -> Result<Json<StaffMe>, Refusal<{ can::STAFF }>> {
        let Staff(_, actor) = staff;
        Ok(Json(staff_me(reception::me(&state, &actor).await?)))
    }
}
