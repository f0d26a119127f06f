//! A proxy ended: by the person, or by the proxy stepping down.

use crate::http::error::{Refusal, can};
use poem::web::Data;
use poem_openapi::OpenApi;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;

use super::views::ProxyItem;
use crate::http::session::Resident;
use crate::http::tags::ApiTags;
use crate::service::proxies::{self};
use crate::state::AppState;

pub struct RevocationApi;

#[OpenApi(tag = "ApiTags::Proxies")]
impl RevocationApi {
    /// End a proxy: the person ends any of theirs; a proxy may step down
    #[oai(path = "/me/proxies/:link/revoke", method = "post", operation_id = "revokeProxy")]
    async fn revoke(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        link: Path<String>,
    ) -> Result<Json<ProxyItem>, Refusal<{ can::WRITE | can::PARAMS | can::RESIDENT | can::NOT_FOUND | can::CONFLICT }>>
    {
        let actor = who.0;
        Ok(Json(proxies::revoke(&state, &actor, &link.0).await?.into()))
    }
}
