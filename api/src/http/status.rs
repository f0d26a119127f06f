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
    /// The service's last walk of the audit log's hash chain; absent until
    /// the first, just after start.
    #[oai(skip_serializing_if_is_none)]
    pub audit_log: Option<AuditLogCheck>,
}

/// What the last walk of the audit log's chain found.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
#[oai(rename_all = "camelCase")]
pub struct AuditLogCheck {
    pub checked_at: chrono::DateTime<chrono::Utc>,
    /// Entries walked.
    pub entries: i64,
    /// No entry edited, deleted, inserted, moved or cut, and the newest
    /// checkpoint checks.
    pub intact: bool,
    /// How many breaks the walk found (`renkei admin audit verify` names them).
    pub breaks: u32,
    /// When the newest signed checkpoint was made (none: the service does
    /// not sign, and the folder has none).
    #[oai(skip_serializing_if_is_none)]
    pub last_checkpoint_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The key the audit log's checkpoints are signed with.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
#[oai(rename_all = "camelCase")]
pub struct AuditPublicKey {
    /// Always `Ed25519`.
    pub algorithm: String,
    /// The public key, 32 bytes in hex.
    pub public_key: String,
}

/// A signed statement of the audit log's chain: `entries` entries, the last
/// link's hash `head`, at `at`. The signature (Ed25519, hex) is over the
/// UTF-8 text `renkei-audit-checkpoint-1\n{entries}\n{head}\n{at}\n`.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
#[oai(rename_all = "camelCase")]
pub struct AuditCheckpoint {
    pub version: u32,
    pub entries: i64,
    pub head: String,
    /// As signed: UTC, RFC 3339 with six decimals.
    pub at: String,
    pub public_key: String,
    pub signature: String,
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
            audit_log: h.audit.map(|c| AuditLogCheck {
                checked_at: c.at,
                entries: c.entries,
                intact: c.intact,
                breaks: u32::try_from(c.breaks.len()).unwrap_or(u32::MAX),
                last_checkpoint_at: c.checkpoint.as_ref().and_then(|k| k.at.parse().ok()),
            }),
        }))
    }

    /// The audit log's checkpoint key
    ///
    /// The public key the service signs the audit log's checkpoints with, so
    /// that anyone holding a checkpoint (a file, a mail) can check it. 404
    /// when this deployment does not sign checkpoints.
    #[oai(path = "/audit/public-key", method = "get", operation_id = "getAuditPublicKey")]
    async fn audit_public_key(
        &self,
        state: Data<&AppState>,
    ) -> Result<Json<AuditPublicKey>, Refusal<{ can::NOT_FOUND | can::ANY }>> {
        let key = crate::service::audit_verify::public_key(&state, &Actor::Anonymous)?;
        Ok(Json(AuditPublicKey { algorithm: "Ed25519".to_owned(), public_key: key }))
    }

    /// The audit log's newest checkpoint
    ///
    /// The newest signed checkpoint the service made or checked, for anyone
    /// to keep: a later log that does not continue it shows. 404 before
    /// there is one.
    #[oai(path = "/audit/checkpoint", method = "get", operation_id = "getAuditCheckpoint")]
    async fn audit_checkpoint(
        &self,
        state: Data<&AppState>,
    ) -> Result<Json<AuditCheckpoint>, Refusal<{ can::NOT_FOUND | can::ANY }>> {
        let c = crate::service::audit_verify::newest_checkpoint(&state, &Actor::Anonymous)?;
        Ok(Json(AuditCheckpoint {
            version: c.version,
            entries: c.entries,
            head: c.head,
            at: c.at,
            public_key: c.public_key,
            signature: c.signature,
        }))
    }
}
