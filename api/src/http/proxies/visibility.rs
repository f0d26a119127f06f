//! A medication or allergy record hidden from the person's proxies, or shown again.

use crate::http::error::{Refusal, can};
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use crate::http::session::Resident;
use crate::http::tags::ApiTags;
use crate::service::proxies::{self};
use crate::state::AppState;

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

pub struct VisibilityApi;

#[OpenApi(tag = "ApiTags::Proxies")]
impl VisibilityApi {
    /// Hide one of your medication or allergy records from your proxies, or show it again
    #[oai(path = "/me/records/:id/visibility", method = "put", operation_id = "setRecordVisibility")]
    async fn visibility(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        id: Path<String>,
        body: Json<VisibilityRequest>,
    ) -> Result<Json<Visibility>, Refusal<{ can::BODY | can::PARAMS | can::RESIDENT | can::NOT_FOUND | can::INVALID }>>
    {
        let actor = who.0;
        let hidden = proxies::set_visibility(&state, &actor, &id.0, body.hidden_from_proxies).await?;
        Ok(Json(Visibility { id: id.0.clone(), hidden_from_proxies: hidden }))
    }
}
