//! Reception confirms a proxy link at the desk, both people there with
//! identity documents (`service::proxies::confirm_at_desk`).

use crate::http::closed::{self, OneOf};
use crate::http::day::Day;
use crate::http::error::{Refusal, can};
use crate::http::looking::{RecordLookup, who};
use crate::http::session::Staff;
use crate::http::strict::{Str, text};
use crate::http::tags::ApiTags;
use crate::service::proxies::{self, DeskConfirmation};
use crate::state::AppState;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

/// The person and their proxy at the desk, and the documents checked.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct ProxyConfirmationRequest {
    /// The person: their registration QR, their registration number with
    /// `birthDate`, or their insurance card with `birthDate`.
    pub person: RecordLookup,
    /// The identity document checked for the person (`my_number_card`,
    /// `driver_licence`, `qualification_certificate`, `other_photo_id`).
    #[oai(skip_serializing_if_is_none)]
    pub identity_checked: Option<OneOf<closed::IdentityDocument>>,
    /// The proxy's registration number (on their own page and mails).
    pub proxy_registration_number: Str,
    /// The proxy's date of birth (`1978-06-15`, `S53.6.15`, …).
    pub proxy_birth_date: Str,
    /// The identity document checked for the proxy.
    #[oai(skip_serializing_if_is_none)]
    pub proxy_identity_checked: Option<OneOf<closed::IdentityDocument>>,
}

/// Confirmed: the names to check against the two people, and the review date.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct ProxyConfirmed {
    pub person_name: String,
    pub proxy_name: String,
    /// From this day the link pauses until it is confirmed again.
    pub review_on: Day,
}

#[derive(ApiResponse)]
pub enum ConfirmedResponse {
    #[oai(status = 201)]
    Created(Json<ProxyConfirmed>),
}

pub struct ProxyConfirmationApi;

#[OpenApi(tag = "ApiTags::Reception")]
impl ProxyConfirmationApi {
    /// Confirm a proxy link at the desk (or renew it at its review date)
    ///
    /// Both people at the desk, each identity document checked and named
    /// (kept with the staff member in the person's record). The basis is
    /// recorded as reception-verified, and the link is next reviewed a year
    /// from today; both are mailed. Only for a person consenting in one of
    /// the facility's networks and a proxy with an active link to them;
    /// anything else answers `404` and counts as a failed look-up.
    #[oai(path = "/staff/proxy-confirmations", method = "post", operation_id = "confirmProxyAtDesk")]
    async fn confirm(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        body: Json<ProxyConfirmationRequest>,
    ) -> Result<
        ConfirmedResponse,
        Refusal<{ can::BODY | can::STAFF | can::NOT_FOUND | can::INVALID | can::CONFLICT | can::RATE }>,
    > {
        let Staff(_, actor) = staff;
        let b = &body.0;
        let done = proxies::confirm_at_desk(
            &state,
            &actor,
            DeskConfirmation {
                person: who(&b.person),
                person_birth_date: text(&b.person.birth_date),
                person_identity: b.identity_checked.as_deref().unwrap_or_default(),
                proxy_number: &b.proxy_registration_number,
                proxy_birth_date: &b.proxy_birth_date,
                proxy_identity: b.proxy_identity_checked.as_deref().unwrap_or_default(),
            },
        )
        .await?;
        Ok(ConfirmedResponse::Created(Json(ProxyConfirmed {
            person_name: done.person_name,
            proxy_name: done.proxy_name,
            review_on: Day(done.review_on),
        })))
    }
}
