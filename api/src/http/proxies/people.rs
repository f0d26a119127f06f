//! The people the signed-in resident acts for, and registering one of them
//! (e.g. an elderly parent): one path, `/me/people`, so one file (its use
//! cases are `service::proxies::acting` and `family_registration`).

use crate::http::closed::{self, OneOf};
use crate::http::error::{Refusal, can};
use crate::http::strict::{Str, text};
use poem::Request;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::views::PersonActedFor;
use crate::domain::registration::RegistrationInput;
use crate::http::session::{self, Resident};
use crate::http::tags::ApiTags;
use crate::service::proxies::{self, PersonRegistration};
use crate::state::AppState;

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
pub struct PeopleList {
    pub people: Vec<PersonActedFor>,
}

pub struct PeopleApi;

#[OpenApi(tag = "ApiTags::Proxies")]
impl PeopleApi {
    /// The people the signed-in resident acts for
    #[oai(path = "/me/people", method = "get", operation_id = "listPeopleActedFor")]
    async fn people(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<Json<PeopleList>, Refusal<{ can::RESIDENT }>> {
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
    ) -> Result<
        PersonRegisteredResponse,
        Refusal<{ can::BODY | can::RESIDENT | can::INVALID | can::NOT_FOUND | can::CONFLICT | can::RATE }>,
    > {
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
                numbers_later: false,
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
}
