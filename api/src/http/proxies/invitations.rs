//! Invitations: made and cancelled by the person, looked up and accepted by the family member.

use crate::http::closed::{self, OneOf};
use crate::http::error::{Refusal, can};
use crate::http::strict::Str;
use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::views::AcceptedResponse;
use crate::http::error::ApiError;
use crate::http::session::{self, Resident};
use crate::http::tags::ApiTags;
use crate::service::proxies::{self};
use crate::state::AppState;

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct InvitationRequest {
    /// `view` or `manage`.
    pub level: Option<OneOf<closed::ProxyLevel>>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct InvitationCreated {
    pub id: String,
    /// Shown once: give it to the person invited.
    pub code: String,
    /// The link to open: `/invite?r={entry point to register through, if the invitee has no account}#{code}`
    /// (the code travels in the fragment, never to the server or its logs).
    pub url: String,
    /// An SVG document: a QR code of `url`.
    pub qr_svg: String,
    pub level: OneOf<closed::ProxyLevel>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

#[derive(ApiResponse)]
pub enum InvitationCreatedResponse {
    #[oai(status = 201)]
    Created(Json<InvitationCreated>),
}

#[derive(ApiResponse)]
pub enum Done {
    #[oai(status = 204)]
    Done,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct InvitationCode {
    pub code: Option<Str>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct InvitationView {
    pub inviter_name: String,
    pub level: OneOf<closed::ProxyLevel>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct AcceptInvitationRequest {
    pub code: Option<Str>,
    /// Your relationship to the person who invited you (see `PersonActedFor`).
    pub relationship: Option<OneOf<closed::Relationship>>,
}

pub struct InvitationsApi;

#[OpenApi(tag = "ApiTags::Proxies")]
impl InvitationsApi {
    /// Invite a family member to act for you (the code works for 30 days)
    #[oai(path = "/me/invitations", method = "post", operation_id = "createInvitation")]
    async fn invite(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        body: Json<InvitationRequest>,
    ) -> Result<InvitationCreatedResponse, Refusal<{ can::BODY | can::RESIDENT | can::INVALID | can::CONFLICT }>> {
        let actor = who.0;
        let i = proxies::invite(&state, &actor, body.level.as_deref().unwrap_or("")).await?;
        let qr_svg = crate::qr::svg(&i.url, "renkei invitation")
            .map_err(|_| ApiError::new(crate::http::error::ErrorCode::Internal))?;
        Ok(InvitationCreatedResponse::Created(Json(InvitationCreated {
            id: i.id.to_string(),
            code: i.code.to_string(),
            url: i.url,
            qr_svg,
            level: i.level.as_str().into(),
            expires_at: i.expires_at,
        })))
    }

    /// Cancel an open invitation
    #[oai(path = "/me/invitations/:id/cancel", method = "post", operation_id = "cancelInvitation")]
    async fn cancel_invitation(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        id: Path<String>,
    ) -> Result<Done, Refusal<{ can::WRITE | can::PARAMS | can::RESIDENT | can::NOT_FOUND | can::CONFLICT }>> {
        let actor = who.0;
        proxies::cancel_invitation(&state, &actor, &id.0).await?;
        Ok(Done::Done)
    }

    /// Who invites you, and to what, before accepting
    #[oai(path = "/invitations/lookup", method = "post", operation_id = "lookUpInvitation")]
    async fn lookup(
        &self,
        state: Data<&AppState>,
        req: &Request,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        body: Json<InvitationCode>,
    ) -> Result<
        Json<InvitationView>,
        Refusal<{ can::BODY | can::RESIDENT | can::INVALID | can::NOT_FOUND | can::GONE | can::CONFLICT | can::RATE }>,
    > {
        let actor = who.0;
        let v = proxies::lookup_invitation(
            &state,
            &actor,
            &session::client(&state, req),
            body.code.as_deref().unwrap_or(""),
        )
        .await?;
        Ok(Json(InvitationView { inviter_name: v.inviter_name, level: v.level.into(), expires_at: v.expires_at }))
    }

    /// Accept an invitation: you act for the person who invited you
    #[oai(path = "/invitations/accept", method = "post", operation_id = "acceptInvitation")]
    async fn accept(
        &self,
        state: Data<&AppState>,
        req: &Request,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        body: Json<AcceptInvitationRequest>,
    ) -> Result<
        AcceptedResponse,
        Refusal<{ can::BODY | can::RESIDENT | can::INVALID | can::NOT_FOUND | can::GONE | can::CONFLICT | can::RATE }>,
    > {
        let actor = who.0;
        let client = session::client(&state, req);
        let (code, relationship) = (body.code.as_deref().unwrap_or(""), body.relationship.as_deref().unwrap_or(""));
        let p = proxies::accept_invitation(&state, &actor, &client, code, relationship).await?;
        Ok(AcceptedResponse::Created(Json(p.into())))
    }
}
