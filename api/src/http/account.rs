use super::strict::Str;
use crate::http::error::{Refusal, can};
use poem::Request;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::registration::PasskeyOptions;
use super::session::{self, Resident};
use super::tags::ApiTags;
use crate::domain::actor::Actor;
use crate::domain::public_id::PublicId;
use crate::service::account::{self, Recovery, SignedIn};
use crate::state::AppState;

pub struct AccountApi;

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct SignInOptions {
    /// Send back with the answer.
    pub ceremony: String,
    /// Pass to `PublicKeyCredential.parseRequestOptionsFromJSON`; works with
    /// a button and with `mediation: "conditional"` (passkey autofill).
    pub public_key: serde_json::Value,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct PasskeySignInRequest {
    pub ceremony: Str,
    /// `PublicKeyCredential.toJSON()` of the browser's answer.
    pub credential: serde_json::Value,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct SignedInBody {
    pub registration_number: String,
}

#[derive(ApiResponse)]
pub enum SignedInResponse {
    /// Signed in (session cookie set).
    #[oai(status = 200)]
    Ok(Json<SignedInBody>, #[oai(header = "Set-Cookie")] String),
}

fn signed_in(state: &AppState, s: SignedIn) -> SignedInResponse {
    let cookie = session::set_cookie(state, &s.session);
    SignedInResponse::Ok(
        Json(SignedInBody { registration_number: PublicId::display_of(&s.registration_number) }),
        cookie,
    )
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct CodeRequest {
    pub email: Str,
    /// The date of birth on the registration (YYYY-MM-DD). A code is mailed
    /// only when it matches; the answer is the same either way.
    pub birth_date: Str,
    /// The `flow` of an earlier answer, to ask again from the same browser
    /// (its earlier code stops working). Omit it on a first request.
    #[oai(skip_serializing_if_is_none)]
    pub flow: Option<Str>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct CodeSent {
    /// Send this back with the code: a code works only with the flow of the
    /// request that made it, so nobody else's request can void or use up
    /// yours.
    pub flow: String,
    /// Another code can be asked for from this time.
    pub resend_available_at: chrono::DateTime<chrono::Utc>,
}

#[derive(ApiResponse)]
pub enum CodeSentResponse {
    /// Accepted. A code goes to the address if it belongs to a registration
    /// with this date of birth (the answer is the same either way; the mail
    /// says which).
    #[oai(status = 202)]
    Accepted(Json<CodeSent>),
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct EmailSignInRequest {
    pub email: Str,
    pub code: Str,
    /// The `flow` of the answer that mailed the code.
    pub flow: Str,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct RecoveryRequest {
    pub email: Str,
    /// The code mailed by `requestSignInCode`.
    pub code: Str,
    /// The `flow` of the answer that mailed the code.
    pub flow: Str,
    pub insurer_number: Str,
    pub symbol: Str,
    pub number: Str,
    #[oai(skip_serializing_if_is_none)]
    pub branch: Option<Str>,
    pub birth_date: Str,
}

#[derive(ApiResponse)]
pub enum SignedOutResponse {
    /// Signed out (session cookie cleared).
    #[oai(status = 204)]
    Done(#[oai(header = "Set-Cookie")] String),
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct MyNetwork {
    pub code: String,
    pub name: String,
    #[oai(skip_serializing_if_is_none)]
    pub name_en: Option<String>,
    /// The consent document version last agreed to.
    pub consent_version: i32,
    pub joined_at: chrono::DateTime<chrono::Utc>,
    /// Present when a newer consent document asks this person to agree
    /// again (ask at sign-in; until then the earlier consent stands).
    #[oai(skip_serializing_if_is_none)]
    pub reconsent_version: Option<i32>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct Me {
    pub registration_number: String,
    pub name: String,
    #[oai(skip_serializing_if_is_none)]
    pub email_masked: Option<String>,
    /// How many passkeys can sign in to this account.
    pub passkeys: u64,
    pub networks: Vec<MyNetwork>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct AddPasskeyRequest {
    /// `PublicKeyCredential.toJSON()` of the passkey created with `myPasskeyOptions`.
    pub credential: serde_json::Value,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct PasskeyAdded {
    pub passkeys: u64,
}

#[OpenApi(tag = "ApiTags::Account")]
impl AccountApi {
    /// Options for signing in with a passkey
    #[oai(path = "/sign-in/passkey-options", method = "post", operation_id = "signInPasskeyOptions")]
    async fn passkey_options(
        &self,
        state: Data<&AppState>,
        req: &Request,
    ) -> Result<Json<SignInOptions>, Refusal<{ can::WRITE | can::RATE }>> {
        let (id, public_key) =
            account::passkey_sign_in_options(&state, &Actor::Anonymous, &session::client(&state, req)).await?;
        Ok(Json(SignInOptions { ceremony: id.to_string(), public_key }))
    }

    /// Sign in with a passkey
    #[oai(path = "/sign-in/passkey", method = "post", operation_id = "signInWithPasskey")]
    async fn passkey(
        &self,
        state: Data<&AppState>,
        body: Json<PasskeySignInRequest>,
    ) -> Result<SignedInResponse, Refusal<{ can::BODY | can::INVALID | can::RATE }>> {
        let s = account::passkey_sign_in(&state, &Actor::Anonymous, &body.ceremony, &body.credential).await?;
        Ok(signed_in(&state, s))
    }

    /// Mail a sign-in code
    ///
    /// The answer is the same whether or not the address belongs to a
    /// registration. The code also serves account recovery.
    #[oai(path = "/sign-in/email-code", method = "post", operation_id = "requestSignInCode")]
    async fn email_code(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<CodeRequest>,
    ) -> Result<CodeSentResponse, Refusal<{ can::BODY | can::INVALID | can::RATE }>> {
        let b = &body.0;
        let sent = account::request_sign_in_code(
            &state,
            &Actor::Anonymous,
            &session::client(&state, req),
            &b.email,
            &b.birth_date,
            b.flow.as_deref(),
        )
        .await?;
        Ok(CodeSentResponse::Accepted(Json(CodeSent {
            flow: sent.flow,
            resend_available_at: sent.resend_available_at,
        })))
    }

    /// Sign in with a mailed code
    ///
    /// For registrations without a passkey; one with a passkey answers 409
    /// `passkey_required` (use the passkey, or recovery).
    #[oai(path = "/sign-in/email", method = "post", operation_id = "signInWithEmailCode")]
    async fn email(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<EmailSignInRequest>,
    ) -> Result<SignedInResponse, Refusal<{ can::BODY | can::INVALID | can::CONFLICT | can::RATE }>> {
        let s = account::email_sign_in(
            &state,
            &Actor::Anonymous,
            &session::client(&state, req),
            &body.email,
            &body.code,
            &body.flow,
        )
        .await?;
        Ok(signed_in(&state, s))
    }

    /// Recover an account whose passkey is lost
    ///
    /// The mailed code plus the insurance details and date of birth on file.
    /// Signs in; the account's address is told. Add a new passkey next.
    #[oai(path = "/recovery", method = "post", operation_id = "recoverAccount")]
    async fn recover(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<RecoveryRequest>,
    ) -> Result<SignedInResponse, Refusal<{ can::BODY | can::INVALID | can::RATE }>> {
        let b = &body.0;
        let input = Recovery {
            email: &b.email,
            code: &b.code,
            flow: &b.flow,
            insurer_number: &b.insurer_number,
            symbol: &b.symbol,
            number: &b.number,
            branch: b.branch.as_deref(),
            birth_date: &b.birth_date,
        };
        let s = account::recover(&state, &Actor::Anonymous, &session::client(&state, req), input).await?;
        Ok(signed_in(&state, s))
    }

    /// Sign out
    #[oai(path = "/sign-out", method = "post", operation_id = "signOut")]
    async fn sign_out(
        &self,
        state: Data<&AppState>,
        req: &Request,
    ) -> Result<SignedOutResponse, Refusal<{ can::WRITE }>> {
        // Signing out without a live session still clears the cookie.
        if let Some(token) = session::cookie_token(req)
            && let Some(s) = account::authenticate(&state, &token).await?
        {
            account::sign_out(&state, &s).await?;
        }
        Ok(SignedOutResponse::Done(session::clear_cookie(&state)))
    }

    /// Sign out everywhere
    ///
    /// Ends every session of the signed-in person on every device, this one
    /// included (a lost phone's too), and clears this browser's cookie. Not
    /// for a proxy acting for someone.
    #[oai(path = "/me/sign-out-everywhere", method = "post", operation_id = "signOutEverywhere")]
    async fn sign_out_everywhere(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<SignedOutResponse, Refusal<{ can::WRITE | can::RESIDENT }>> {
        let actor = who.0;
        account::sign_out_everywhere(&state, &actor).await?;
        Ok(SignedOutResponse::Done(session::clear_cookie(&state)))
    }

    /// The signed-in resident's own account
    #[oai(path = "/me", method = "get", operation_id = "getMe")]
    async fn me(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<Json<Me>, Refusal<{ can::RESIDENT | can::NOT_FOUND }>> {
        let actor = who.0;
        let a = account::account(&state, &actor).await?;
        Ok(Json(Me {
            registration_number: a.registration_number,
            name: a.name,
            email_masked: a.email_masked,
            passkeys: a.passkeys,
            networks: a
                .networks
                .into_iter()
                .map(|n| MyNetwork {
                    code: n.code,
                    name: n.name,
                    name_en: n.name_en,
                    consent_version: n.consent_version,
                    joined_at: n.joined_at,
                    reconsent_version: n.reconsent_version,
                })
                .collect(),
        }))
    }

    /// Options for adding a passkey to one's account
    #[oai(path = "/me/passkeys/options", method = "post", operation_id = "myPasskeyOptions")]
    async fn add_passkey_options(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<Json<PasskeyOptions>, Refusal<{ can::WRITE | can::RESIDENT | can::NOT_FOUND }>> {
        let actor = who.0;
        let public_key = account::add_passkey_options(&state, &actor).await?;
        Ok(Json(PasskeyOptions { public_key }))
    }

    /// Add a passkey to one's account
    #[oai(path = "/me/passkeys", method = "post", operation_id = "addMyPasskey")]
    async fn add_passkey(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        body: Json<AddPasskeyRequest>,
    ) -> Result<Json<PasskeyAdded>, Refusal<{ can::BODY | can::RESIDENT | can::NOT_FOUND | can::INVALID }>> {
        let actor = who.0;
        let passkeys = account::add_passkey(&state, &actor, &body.credential).await?;
        Ok(Json(PasskeyAdded { passkeys }))
    }
}
