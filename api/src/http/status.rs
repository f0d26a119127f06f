use crate::http::error::{Refusal, can};
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Enum, Object, OpenApi};

use super::tags::ApiTags;
use crate::domain::actor::Actor;
use crate::service::status;
use crate::state::AppState;
use crate::store::Backend;

pub struct StatusApi;

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum HealthStatus {
    Ok,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum DatabaseKind {
    Sqlite,
    Postgresql,
}

#[derive(Object, Debug, Clone, PartialEq, Eq)]
#[oai(rename_all = "camelCase")]
pub struct Health {
    pub status: HealthStatus,
    /// The server's version.
    pub version: String,
    /// The API version (as in the spec).
    pub api_version: String,
    pub database: DatabaseKind,
}

#[OpenApi(tag = "ApiTags::Status")]
impl StatusApi {
    /// Service health
    ///
    /// 200 when the service and its database answer; 503 otherwise
    /// (`storage_full` for a minute after a write found the disk full).
    #[oai(path = "/health", method = "get", operation_id = "getHealth")]
    async fn health(&self, state: Data<&AppState>) -> Result<Json<Health>, Refusal<{ can::ANY }>> {
        let h = status::health(&state, &Actor::Anonymous).await?;
        Ok(Json(Health {
            status: HealthStatus::Ok,
            version: h.version.to_owned(),
            api_version: super::tags::API_VERSION.to_owned(),
            database: match h.database {
                Backend::Sqlite => DatabaseKind::Sqlite,
                Backend::Postgres => DatabaseKind::Postgresql,
            },
        }))
    }
}
