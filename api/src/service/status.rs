//! Service health.

use super::ServiceError;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::state::AppState;
use crate::store::Backend;

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    pub version: &'static str,
    pub database: Backend,
    /// The service's last walk of the audit log's chain (none yet just after start).
    pub audit: Option<std::sync::Arc<super::audit_verify::LastCheck>>,
}

/// Healthy when the database answers and no write has found storage full in
/// the last minute (then 503 `storage_full`, until a minute passes without).
pub async fn health(state: &AppState, actor: &Actor) -> Result<Health, ServiceError> {
    require(actor, Operation::ReadHealth)?;
    state.db.ping().await.map_err(|e| {
        tracing::error!(error = %e, "health check: database did not answer");
        ServiceError::Unavailable
    })?;
    if state.db.full_lately(FULL_SHOWS_FOR) {
        return Err(ServiceError::StorageFull);
    }
    Ok(Health { version: VERSION, database: state.db.backend(), audit: state.audit.last() })
}

/// How long health reports a full disk after a write last found it full.
pub const FULL_SHOWS_FOR: std::time::Duration = std::time::Duration::from_secs(60);
