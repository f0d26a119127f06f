use super::strict::Str;
use crate::http::error::{Refusal, can};
use poem::Request;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};

use super::closed::{self, OneOf};
use super::session;
use super::tags::ApiTags;
use crate::domain::actor::Actor;
use crate::domain::public_id::PublicId;
use crate::domain::registration::RegistrationInput;
use crate::service::registration::{self, Pending, Submission};
use crate::state::AppState;

pub struct RegistrationApi;

/// Everything a person enters to register, with the consent version they
/// agreed to. Strings are taken as typed (full- or half-width, hyphens,
/// Japanese era dates); every problem comes back at once in `fields`.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct RegistrationRequest {
    /// 32 to 64 random letters or digits generated once per registration by
    /// the client and sent with every call of it: it makes retries
    /// idempotent and stands in for a session until the registration ends.
    pub key: Str,
    /// The entry point's code, from `/r/{code}`.
    pub entry_point: Str,
    /// The version of the consent document shown and agreed to.
    pub consent_version: i32,
    /// `my_number_card`, `qualification_certificate`, `old_card` or `late_elderly`.
    pub document_kind: OneOf<closed::DocumentKind>,
    /// 保険者番号: 6 or 8 digits; 8-digit numbers carry a check digit.
    pub insurer_number: Str,
    /// 記号.
    pub symbol: Str,
    /// 番号.
    pub number: Str,
    /// 枝番: two digits (documents issued before 2021 have none).
    #[oai(skip_serializing_if_is_none)]
    pub branch: Option<Str>,
    /// Name in kanji (or as on the insurance document).
    pub name: Str,
    /// The name's reading: in kana (hiragana or katakana), or in Latin letters only when the
    /// person's card gives the name in Latin letters only (a foreign resident's).
    pub name_kana: Str,
    /// `1950-04-01`, `S25.4.1`, `昭和25年4月1日`, …
    pub birth_date: Str,
    /// `female` or `male`.
    pub sex: OneOf<closed::Sex>,
    pub phone: Str,
    pub email: Str,
    /// True for a person holding only a マイナ保険証 who does not have its
    /// numbers to hand: with `documentKind` `my_number_card` and the number
    /// fields empty, they register without them (joined with consent, their
    /// registration QR working at once, but facilities cannot find them by
    /// insurance numbers) and add them later from `/me` (`addMyInsurance`) or
    /// at a participating facility's desk.
    #[oai(skip_serializing_if_is_none)]
    pub numbers_later: Option<bool>,
}

/// Where a registration stands.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct RegistrationStatus {
    /// The address the code went to, partly hidden: `h***@example.jp`.
    pub email_masked: String,
    pub email_verified: bool,
    /// Unfinished registrations are dropped after this.
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// A new code can be asked for from this time.
    pub resend_available_at: chrono::DateTime<chrono::Utc>,
    /// Once the address is confirmed: `passkey` for a new person (make a
    /// passkey, or go on without one, then complete); `sign_in` when the
    /// details are of the account at this very address (complete signs in
    /// to it; make no passkey here). Someone registered with another
    /// address gets `409 person_registered` instead, and nothing is made.
    #[oai(skip_serializing_if_is_none)]
    pub next: Option<RegistrationNext>,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum RegistrationNext {
    Passkey,
    SignIn,
}

fn status(p: Pending) -> RegistrationStatus {
    RegistrationStatus {
        email_masked: p.email_masked,
        email_verified: p.email_verified,
        expires_at: p.expires_at,
        resend_available_at: p.resend_available_at,
        next: p.next.map(|n| match n {
            registration::Next::Passkey => RegistrationNext::Passkey,
            registration::Next::SignIn => RegistrationNext::SignIn,
        }),
    }
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct RegistrationKey {
    pub key: Str,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct VerifyEmailRequest {
    pub key: Str,
    /// The 6 digits from the mail.
    pub code: Str,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct CompleteRequest {
    pub key: Str,
    /// `PublicKeyCredential.toJSON()` of the passkey created with the options
    /// of `registrationPasskeyOptions`; leave out to register without a
    /// passkey (then sign-in is by mailed code).
    #[oai(skip_serializing_if_is_none)]
    pub credential: Option<serde_json::Value>,
}

/// Options for `navigator.credentials.create`.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct PasskeyOptions {
    /// Pass to `PublicKeyCredential.parseCreationOptionsFromJSON`.
    pub public_key: serde_json::Value,
}

/// The network a registration joined.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct JoinedNetwork {
    pub code: String,
    pub name: String,
    #[oai(skip_serializing_if_is_none)]
    pub name_en: Option<String>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct RegistrationDone {
    /// The registration number, e.g. `7K3M-QX9P-R2`: for the person's records
    /// and for talking to the network office.
    pub registration_number: String,
    pub network: JoinedNetwork,
    pub consent_version: i32,
    /// Whether a passkey was created (otherwise sign-in is by mailed code).
    pub passkey: bool,
}

#[derive(ApiResponse)]
pub enum CompleteResponse {
    /// Registered and signed in (session cookie set).
    #[oai(status = 200)]
    Done(Json<RegistrationDone>, #[oai(header = "Set-Cookie")] String),
}

#[OpenApi(tag = "ApiTags::Registration")]
impl RegistrationApi {
    /// Start (or update) a registration
    ///
    /// Checks everything entered, and mails a 6-digit code to confirm the
    /// address. Sending the same `key` again is safe: unchanged details change
    /// nothing; changed details replace the earlier ones (a new code is mailed
    /// only when the address changed).
    #[oai(path = "/registrations", method = "post", operation_id = "createRegistration")]
    async fn create(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<RegistrationRequest>,
    ) -> Result<
        Json<RegistrationStatus>,
        Refusal<{ can::BODY | can::INVALID | can::NOT_FOUND | can::CONFLICT | can::RATE }>,
    > {
        let b = &body.0;
        let s = Submission {
            key: &b.key,
            entry_point: &b.entry_point,
            consent_version: b.consent_version,
            details: RegistrationInput {
                document: &b.document_kind,
                insurer_number: &b.insurer_number,
                symbol: &b.symbol,
                number: &b.number,
                branch: b.branch.as_deref(),
                name: &b.name,
                name_kana: &b.name_kana,
                birth_date: &b.birth_date,
                sex: &b.sex,
                phone: &b.phone,
                email: &b.email,
                numbers_later: b.numbers_later.unwrap_or(false),
            },
        };
        let p = registration::submit(&state, &Actor::Anonymous, &session::client(&state, req), s).await?;
        Ok(Json(status(p)))
    }

    /// Confirm the address with the mailed code
    #[oai(path = "/registrations/verify-email", method = "post", operation_id = "verifyRegistrationEmail")]
    async fn verify_email(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<VerifyEmailRequest>,
    ) -> Result<
        Json<RegistrationStatus>,
        Refusal<{ can::BODY | can::INVALID | can::NOT_FOUND | can::CONFLICT | can::RATE }>,
    > {
        let p =
            registration::verify_email(&state, &Actor::Anonymous, &session::client(&state, req), &body.key, &body.code)
                .await?;
        Ok(Json(status(p)))
    }

    /// Mail a new code
    #[oai(path = "/registrations/resend-code", method = "post", operation_id = "resendRegistrationCode")]
    async fn resend(
        &self,
        state: Data<&AppState>,
        body: Json<RegistrationKey>,
    ) -> Result<
        Json<RegistrationStatus>,
        Refusal<{ can::BODY | can::INVALID | can::NOT_FOUND | can::CONFLICT | can::RATE }>,
    > {
        Ok(Json(status(registration::resend_code(&state, &Actor::Anonymous, &body.key).await?)))
    }

    /// Options for creating a passkey on this device
    #[oai(path = "/registrations/passkey-options", method = "post", operation_id = "registrationPasskeyOptions")]
    async fn passkey_options(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<RegistrationKey>,
    ) -> Result<Json<PasskeyOptions>, Refusal<{ can::BODY | can::INVALID | can::NOT_FOUND | can::CONFLICT | can::RATE }>>
    {
        let public_key =
            registration::passkey_options(&state, &Actor::Anonymous, &session::client(&state, req), &body.key).await?;
        Ok(Json(PasskeyOptions { public_key }))
    }

    /// Complete the registration
    ///
    /// Needs the address confirmed. Creates the registration and signs the
    /// person in; for `next: sign_in`, signs in to the account at this
    /// address. Someone registered with another address: `409
    /// person_registered`, nothing made.
    #[oai(path = "/registrations/complete", method = "post", operation_id = "completeRegistration")]
    async fn complete(
        &self,
        state: Data<&AppState>,
        body: Json<CompleteRequest>,
    ) -> Result<CompleteResponse, Refusal<{ can::BODY | can::INVALID | can::NOT_FOUND | can::CONFLICT }>> {
        let d = registration::complete(&state, &Actor::Anonymous, &body.key, body.credential.as_ref()).await?;
        let cookie = session::set_cookie(&state, &d.session);
        Ok(CompleteResponse::Done(
            Json(RegistrationDone {
                registration_number: PublicId::display_of(&d.registration_number),
                network: JoinedNetwork { code: d.network_code, name: d.network_name, name_en: d.network_name_en },
                consent_version: d.consent_version,
                passkey: d.passkey,
            }),
            cookie,
        ))
    }
}
