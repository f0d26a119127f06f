//! Family proxies over HTTP: the people one acts for, registering a person
//! to act for, one's own proxies and invitations, accepting an invitation,
//! claiming one's own sign-in, and hiding records from proxies.
//!
//! Acting for someone is not an endpoint: any `/me…` call with the header
//! `Renkei-Acting-For: {linkId}` acts for that link's person (see
//! `session::actor`).

use super::closed::{self, OneOf};
use super::strict::{Str, text};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::error::ApiError;
use super::registration::PasskeyOptions;
use super::session::{self, Resident};
use super::tags::ApiTags;
use crate::domain::actor::Actor;
use crate::domain::registration::RegistrationInput;
use crate::service::proxies::{self, PersonRegistration};
use crate::state::AppState;

pub struct ProxiesApi;

/// A person the signed-in resident acts for.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct PersonActedFor {
    /// Send as `Renkei-Acting-For` to act for this person.
    pub link_id: String,
    pub registration_number: String,
    pub name: String,
    pub name_kana: String,
    /// The proxy's relationship to the person: `child`, `spouse`, `sibling`,
    /// `grandchild`, `other_relative`, `legal_guardian` or `other`.
    pub relationship: OneOf<closed::Relationship>,
    /// `view` or `manage`.
    pub level: OneOf<closed::ProxyLevel>,
    pub since: chrono::DateTime<chrono::Utc>,
    /// The person has a sign-in of their own.
    pub claimed: bool,
}

impl From<proxies::PersonActedFor> for PersonActedFor {
    fn from(p: proxies::PersonActedFor) -> Self {
        Self {
            link_id: p.link_id.to_string(),
            registration_number: p.registration_number,
            name: p.name,
            name_kana: p.name_kana,
            relationship: p.relationship.into(),
            level: p.level.into(),
            since: p.since,
            claimed: p.claimed,
        }
    }
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct PeopleList {
    pub people: Vec<PersonActedFor>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct RegisterPersonRequest {
    /// The network's code.
    pub network: Option<Str>,
    /// The version of that network's consent document shown and agreed to.
    pub consent_version: Option<i32>,
    /// The proxy's relationship to the person (see `PersonActedFor`).
    pub relationship: Option<OneOf<closed::Relationship>>,
    /// Why the person does not register themselves: `no_phone`,
    /// `cannot_operate`, `illness`, `cognitive` or `other`.
    pub reason: Option<OneOf<closed::ProxyReason>>,
    /// Up to 200 characters.
    #[oai(skip_serializing_if_is_none)]
    pub reason_note: Option<Str>,
    /// `person_agreed` (the person agreed to join and to this proxy) or
    /// `legal_representative`.
    pub attestation: Option<OneOf<closed::Attestation>>,
    /// As in `RegistrationRequest`.
    pub document_kind: Option<OneOf<closed::DocumentKind>>,
    pub insurer_number: Option<Str>,
    pub symbol: Option<Str>,
    pub number: Option<Str>,
    #[oai(skip_serializing_if_is_none)]
    pub branch: Option<Str>,
    pub name: Option<Str>,
    pub name_kana: Option<Str>,
    pub birth_date: Option<Str>,
    /// `female` or `male`.
    pub sex: Option<OneOf<closed::Sex>>,
    pub phone: Option<Str>,
    /// The person's own address, if they have one: they are told, and get a
    /// link to their own sign-in.
    #[oai(skip_serializing_if_is_none)]
    pub email: Option<Str>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct PersonRegistered {
    pub registration_number: String,
    pub network_code: String,
    pub network_name: String,
    #[oai(skip_serializing_if_is_none)]
    pub network_name_en: Option<String>,
    pub consent_version: i32,
}

#[derive(ApiResponse)]
pub enum PersonRegisteredResponse {
    /// Registered. The same answer when the person was registered already
    /// (then nothing is linked and their account is told).
    #[oai(status = 201)]
    Created(Json<PersonRegistered>),
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct ProxyEvent {
    pub at: chrono::DateTime<chrono::Utc>,
    /// The audit action, e.g. `health_record.viewed`, `consent.withdrawn`.
    pub action: String,
}

/// One of the person's proxies, as the person sees them.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct ProxyItem {
    pub link_id: String,
    pub name: String,
    pub relationship: OneOf<closed::Relationship>,
    pub level: OneOf<closed::ProxyLevel>,
    /// `active` or `revoked`.
    pub status: OneOf<closed::LinkStatus>,
    /// `registration` (they registered the person) or `invitation`.
    pub via: OneOf<closed::LinkVia>,
    pub since: chrono::DateTime<chrono::Utc>,
    #[oai(skip_serializing_if_is_none)]
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
    /// What they did for the person, newest first.
    pub history: Vec<ProxyEvent>,
}

impl From<proxies::ProxyView> for ProxyItem {
    fn from(p: proxies::ProxyView) -> Self {
        Self {
            link_id: p.link_id.to_string(),
            name: p.name,
            relationship: p.relationship.into(),
            level: p.level.into(),
            status: if p.active { "active" } else { "revoked" }.into(),
            via: p.via.into(),
            since: p.since,
            revoked_at: p.revoked_at,
            history: p.history.into_iter().map(|(at, action)| ProxyEvent { at, action }).collect(),
        }
    }
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct InvitationItem {
    pub id: String,
    pub level: OneOf<closed::ProxyLevel>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// `open`, `accepted`, `expired` or `cancelled`.
    pub status: OneOf<closed::InvitationStatus>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct MyProxies {
    /// Active first.
    pub proxies: Vec<ProxyItem>,
    /// Newest first.
    pub invitations: Vec<InvitationItem>,
    /// The most active proxies (with open invitations) a person may have.
    pub limit: i32,
}

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

#[derive(ApiResponse)]
pub enum AcceptedResponse {
    /// You now act for them.
    #[oai(status = 201)]
    Created(Json<PersonActedFor>),
}

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

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct VisibilityRequest {
    pub hidden_from_proxies: Option<bool>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct Visibility {
    pub id: String,
    pub hidden_from_proxies: bool,
}

#[OpenApi(tag = "ApiTags::Proxies")]
impl ProxiesApi {
    /// The people the signed-in resident acts for
    #[oai(path = "/me/people", method = "get", operation_id = "listPeopleActedFor")]
    async fn people(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<Json<PeopleList>, ApiError> {
        let actor = who.0;
        let people = proxies::people(&state, &actor).await?;
        Ok(Json(PeopleList { people: people.into_iter().map(Into::into).collect() }))
    }

    /// Register a family member (e.g. an elderly parent) and act for them
    #[oai(path = "/me/people", method = "post", operation_id = "registerPersonActedFor")]
    async fn register_person(
        &self,
        state: Data<&AppState>,
        req: &Request,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        body: Json<RegisterPersonRequest>,
    ) -> Result<PersonRegisteredResponse, ApiError> {
        let actor = who.0;
        let b = &body.0;
        let (network, relationship, reason, attestation) =
            (text(&b.network), text(&b.relationship), text(&b.reason), text(&b.attestation));
        let (document, insurer, symbol, number) =
            (text(&b.document_kind), text(&b.insurer_number), text(&b.symbol), text(&b.number));
        let (name, kana, birth, sex, phone, email) =
            (text(&b.name), text(&b.name_kana), text(&b.birth_date), text(&b.sex), text(&b.phone), text(&b.email));
        let input = PersonRegistration {
            network,
            consent_version: b.consent_version,
            relationship,
            reason,
            reason_note: b.reason_note.as_deref(),
            attestation,
            details: RegistrationInput {
                document,
                insurer_number: insurer,
                symbol,
                number,
                branch: b.branch.as_deref(),
                name,
                name_kana: kana,
                birth_date: birth,
                sex,
                phone,
                email,
            },
        };
        let r = proxies::register_person(&state, &actor, &session::client(&state, req), input).await?;
        Ok(PersonRegisteredResponse::Created(Json(PersonRegistered {
            registration_number: r.registration_number,
            network_code: r.network_code,
            network_name: r.network_name,
            network_name_en: r.network_name_en,
            consent_version: r.consent_version,
        })))
    }

    /// The signed-in person's proxies, with what each did, and their invitations
    #[oai(path = "/me/proxies", method = "get", operation_id = "listMyProxies")]
    async fn my_proxies(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<Json<MyProxies>, ApiError> {
        let actor = who.0;
        let m = proxies::my_proxies(&state, &actor).await?;
        Ok(Json(MyProxies {
            proxies: m.proxies.into_iter().map(Into::into).collect(),
            invitations: m
                .invitations
                .into_iter()
                .map(|i| InvitationItem {
                    id: i.id.to_string(),
                    level: i.level.into(),
                    created_at: i.created_at,
                    expires_at: i.expires_at,
                    status: i.status.into(),
                })
                .collect(),
            limit: i32::try_from(crate::domain::proxy::MAX_ACTIVE).unwrap_or(5),
        }))
    }

    /// End a proxy: the person ends any of theirs; a proxy may step down
    #[oai(path = "/me/proxies/:link/revoke", method = "post", operation_id = "revokeProxy")]
    async fn revoke(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        link: Path<String>,
    ) -> Result<Json<ProxyItem>, ApiError> {
        let actor = who.0;
        Ok(Json(proxies::revoke(&state, &actor, &link.0).await?.into()))
    }

    /// Invite a family member to act for you (the code works for 30 days)
    #[oai(path = "/me/invitations", method = "post", operation_id = "createInvitation")]
    async fn invite(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        body: Json<InvitationRequest>,
    ) -> Result<InvitationCreatedResponse, ApiError> {
        let actor = who.0;
        let i = proxies::invite(&state, &actor, body.level.as_deref().unwrap_or("")).await?;
        let qr_svg = crate::qr::svg(&i.url, "renkei invitation")
            .map_err(|_| ApiError::new(super::error::ErrorCode::Internal))?;
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
    ) -> Result<Done, ApiError> {
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
    ) -> Result<Json<InvitationView>, ApiError> {
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
    ) -> Result<AcceptedResponse, ApiError> {
        let actor = who.0;
        let client = session::client(&state, req);
        let (code, relationship) = (body.code.as_deref().unwrap_or(""), body.relationship.as_deref().unwrap_or(""));
        let p = proxies::accept_invitation(&state, &actor, &client, code, relationship).await?;
        Ok(AcceptedResponse::Created(Json(p.into())))
    }

    /// Passkey options for a person claiming their own sign-in with a claim code
    #[oai(path = "/claims/passkey-options", method = "post", operation_id = "claimPasskeyOptions")]
    async fn claim_options(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<ClaimOptionsRequest>,
    ) -> Result<Json<PasskeyOptions>, ApiError> {
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
    ) -> Result<ClaimedResponse, ApiError> {
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
    ) -> Result<AcceptedResponse, ApiError> {
        let actor = who.0;
        let client = session::client(&state, req);
        let (code, birth, relationship) = (text(&body.code), text(&body.birth_date), text(&body.relationship));
        let p = proxies::accept_claim_as_proxy(&state, &actor, &client, code, birth, relationship).await?;
        Ok(AcceptedResponse::Created(Json(p.into())))
    }

    /// Hide one of your medication or allergy records from your proxies, or show it again
    #[oai(path = "/me/records/:id/visibility", method = "put", operation_id = "setRecordVisibility")]
    async fn visibility(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        id: Path<String>,
        body: Json<VisibilityRequest>,
    ) -> Result<Json<Visibility>, ApiError> {
        let actor = who.0;
        let hidden = proxies::set_visibility(&state, &actor, &id.0, body.hidden_from_proxies).await?;
        Ok(Json(Visibility { id: id.0.clone(), hidden_from_proxies: hidden }))
    }
}
