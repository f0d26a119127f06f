//! A person claims their own sign-in with a claim code, or a family member becomes the proxy a paper form named.

use crate::http::closed::{self, OneOf};
use crate::http::error::{Refusal, can};
use crate::http::strict::{Str, text};
use poem::Request;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::views::AcceptedResponse;
use crate::domain::actor::Actor;
use crate::http::registration::PasskeyOptions;
use crate::http::session::{self, Resident};
use crate::http::tags::ApiTags;
use crate::service::proxies::{self};
use crate::state::AppState;

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct ClaimOptionsRequest {
    /// The claim code (from the mail's link, or the reception's sheet).
    pub code: Option<Str>,
    pub birth_date: Option<Str>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct ClaimCompleteRequest {
    pub code: Option<Str>,
    pub birth_date: Option<Str>,
    /// `PublicKeyCredential.toJSON()` of the passkey created.
    pub credential: Option<serde_json::Value>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct Claimed {
    pub registration_number: String,
    pub name: String,
}

#[derive(ApiResponse)]
pub enum ClaimedResponse {
    /// Your own passkey is made and you are signed in (session cookie set).
    #[oai(status = 200)]
    Ok(Json<Claimed>, #[oai(header = "Set-Cookie")] String),
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct ClaimAsProxyRequest {
    /// The claim sheet's code.
    pub code: Option<Str>,
    /// The person's birth date (not yours).
    pub birth_date: Option<Str>,
    /// Your relationship to the person.
    pub relationship: Option<OneOf<closed::Relationship>>,
}

pub struct ClaimsApi;

#[OpenApi(tag = "ApiTags::Proxies")]
impl ClaimsApi {
    /// Passkey options for a person claiming their own sign-in with a claim code
    #[oai(path = "/claims/passkey-options", method = "post", operation_id = "claimPasskeyOptions")]
    async fn claim_options(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<ClaimOptionsRequest>,
    ) -> Result<Json<PasskeyOptions>, Refusal<{ can::BODY | can::INVALID | can::RATE }>> {
        let client = session::client(&state, req);
        let (code, birth) = (body.code.as_deref().unwrap_or(""), body.birth_date.as_deref().unwrap_or(""));
        let public_key = proxies::claim_options(&state, &Actor::Anonymous, &client, code, birth).await?;
        Ok(Json(PasskeyOptions { public_key }))
    }

    /// Create your own passkey with a claim code, and sign in
    #[oai(path = "/claims/complete", method = "post", operation_id = "completeClaim")]
    async fn claim_complete(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<ClaimCompleteRequest>,
    ) -> Result<ClaimedResponse, Refusal<{ can::BODY | can::INVALID | can::CONFLICT | can::RATE }>> {
        let client = session::client(&state, req);
        let b = &body.0;
        let (code, birth) = (b.code.as_deref().unwrap_or(""), b.birth_date.as_deref().unwrap_or(""));
        let c = proxies::claim_complete(&state, &Actor::Anonymous, &client, code, birth, b.credential.as_ref()).await?;
        let cookie = session::set_cookie(&state, &c.session);
        Ok(ClaimedResponse::Ok(Json(Claimed { registration_number: c.registration_number, name: c.name }), cookie))
    }

    /// Become the proxy a paper form named, with your own sign-in and the person's claim sheet
    #[oai(path = "/claims/accept-as-proxy", method = "post", operation_id = "acceptClaimAsProxy")]
    async fn claim_as_proxy(
        &self,
        state: Data<&AppState>,
        req: &Request,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        body: Json<ClaimAsProxyRequest>,
    ) -> Result<AcceptedResponse, Refusal<{ can::BODY | can::RESIDENT | can::INVALID | can::CONFLICT | can::RATE }>>
    {
        let actor = who.0;
        let client = session::client(&state, req);
        let (code, birth, relationship) = (text(&body.code), text(&body.birth_date), text(&body.relationship));
        let p = proxies::accept_claim_as_proxy(&state, &actor, &client, code, birth, relationship).await?;
        Ok(AcceptedResponse::Created(Json(p.into())))
    }
}
