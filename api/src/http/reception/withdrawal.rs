//! A paper withdrawal form entered by reception (effective at once).

use crate::http::error::{Refusal, can};
use crate::http::strict::{Str, text};
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::views::{EntryCreated, entry};
use crate::http::session::Staff;
use crate::http::tags::ApiTags;
use crate::service::reception::{self};
use crate::state::AppState;

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

pub struct WithdrawalApi;

#[OpenApi(tag = "ApiTags::Reception")]
impl WithdrawalApi {
    /// Enter a paper withdrawal form (effective at once)
    #[oai(path = "/staff/paper-withdrawals", method = "post", operation_id = "enterPaperWithdrawal")]
    async fn withdraw(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        body: Json<PaperWithdrawalRequest>,
    ) -> Result<
        EntryCreated,
        Refusal<{ can::BODY | can::STAFF | can::INVALID | can::NOT_FOUND | can::CONFLICT | can::RATE }>,
    > {
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
}
