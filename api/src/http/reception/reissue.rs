//! A claim sheet printed again, for the person at the desk.

use crate::http::closed::{self, OneOf};
use crate::http::error::{Refusal, can};
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::views::{ClaimSheetBody, sheet};
use crate::http::session::Staff;
use crate::http::tags::ApiTags;
use crate::service::reception::{self};
use crate::state::AppState;

/// A claim sheet printed again, for the person at the desk.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct ReissueRequest {
    /// The identity document checked at the desk: `my_number_card`,
    /// `driver_licence`, `qualification_certificate` or `other_photo_id`.
    /// Required (absent answers `422`, as an empty one).
    #[oai(skip_serializing_if_is_none)]
    pub identity_checked: Option<OneOf<closed::IdentityDocument>>,
}

#[derive(ApiResponse)]
pub enum SheetIssued {
    #[oai(status = 201)]
    Created(Json<ClaimSheetBody>),
}

pub struct ReissueApi;

#[OpenApi(tag = "ApiTags::Reception")]
impl ReissueApi {
    /// A new claim sheet for a paper registration (the earlier one stops working)
    ///
    /// Only with the person at the desk: `identityChecked` names the
    /// document seen, which goes into the person's access record with the
    /// staff member. The person's address, if any, is told.
    #[oai(path = "/staff/entries/:id/claim", method = "post", operation_id = "reissueClaimSheet")]
    async fn reissue(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        id: Path<String>,
        body: Json<ReissueRequest>,
    ) -> Result<
        SheetIssued,
        Refusal<{ can::BODY | can::PARAMS | can::STAFF | can::NOT_FOUND | can::INVALID | can::CONFLICT }>,
    > {
        let Staff(_, actor) = staff;
        let issued =
            reception::reissue_claim(&state, &actor, &id.0, body.identity_checked.as_deref().unwrap_or_default())
                .await?;
        Ok(SheetIssued::Created(Json(sheet(issued)?)))
    }
}
