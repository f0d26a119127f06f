//! A paper registration form entered by reception; the answer carries the claim sheet.

use crate::http::closed::{self, OneOf};
use crate::http::error::{Refusal, can};
use crate::http::strict::{Str, text};
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::views::{EntryCreated, entry};
use crate::domain::registration::RegistrationInput;
use crate::http::session::Staff;
use crate::http::tags::ApiTags;
use crate::service::reception::{self};
use crate::state::AppState;

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

pub struct PaperRegistrationApi;

#[OpenApi(tag = "ApiTags::Reception")]
impl PaperRegistrationApi {
    /// Enter a paper registration form; the answer carries the claim sheet
    #[oai(path = "/staff/paper-registrations", method = "post", operation_id = "enterPaperRegistration")]
    async fn register(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        body: Json<PaperRegistrationRequest>,
    ) -> Result<EntryCreated, Refusal<{ can::BODY | can::STAFF | can::INVALID | can::CONFLICT | can::RATE }>> {
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
                numbers_later: false,
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
}
