//! The signed-in person's proxies, with what each did, and their invitations.

use crate::http::closed::{self, OneOf};
use crate::http::error::{Refusal, can};
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::views::ProxyItem;
use crate::http::session::Resident;
use crate::http::tags::ApiTags;
use crate::service::proxies::{self};
use crate::state::AppState;

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct InvitationItem {
    pub id: String,
    pub level: OneOf<closed::ProxyLevel>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// `open`, `accepted`, `expired` or `cancelled`.
    pub status: OneOf<closed::InvitationStatus>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct MyProxies {
    /// Active first.
    pub proxies: Vec<ProxyItem>,
    /// Newest first.
    pub invitations: Vec<InvitationItem>,
    /// The most active proxies (with open invitations) a person may have.
    pub limit: i32,
}

pub struct MyProxiesApi;

#[OpenApi(tag = "ApiTags::Proxies")]
impl MyProxiesApi {
    /// The signed-in person's proxies, with what each did, and their invitations
    #[oai(path = "/me/proxies", method = "get", operation_id = "listMyProxies")]
    async fn my_proxies(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<Json<MyProxies>, Refusal<{ can::RESIDENT }>> {
        let actor = who.0;
        let m = proxies::my_proxies(&state, &actor).await?;
        Ok(Json(MyProxies {
            proxies: m.proxies.into_iter().map(Into::into).collect(),
            invitations: m
                .invitations
                .into_iter()
                .map(|i| InvitationItem {
                    id: i.id.to_string(),
                    level: i.level.into(),
                    created_at: i.created_at,
                    expires_at: i.expires_at,
                    status: i.status.into(),
                })
                .collect(),
            limit: i32::try_from(crate::domain::proxy::MAX_ACTIVE).unwrap_or(5),
        }))
    }
}
