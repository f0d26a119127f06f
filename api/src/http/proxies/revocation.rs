//! A proxy ended (by the person, or by the proxy stepping down), or
//! confirmed by the person.

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

    /// Confirm a proxy (or renew the link at its review date)
    ///
    /// The person, signed in as themselves, confirms that this proxy may act
    /// for them: the basis is recorded as the person's agreement, and the
    /// link is next reviewed a year from today. Both are mailed. A person who
    /// signed in through the mail that this proxy's own registration sent (to
    /// an address the proxy typed) gets `409 proxy_confirmation_referred`:
    /// the network office reviews it, or both confirm at a facility's desk.
    #[oai(path = "/me/proxies/:link/confirm", method = "post", operation_id = "confirmProxy")]
    async fn confirm(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        link: Path<String>,
    ) -> Result<Json<ProxyItem>, Refusal<{ can::WRITE | can::PARAMS | can::RESIDENT | can::NOT_FOUND | can::CONFLICT }>>
    {
        let actor = who.0;
        Ok(Json(proxies::confirm_by_person(&state, &actor, &link.0).await?.into()))
    }
}
