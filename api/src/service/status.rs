//! Service health.

use super::ServiceError;
use crate::app::AppState;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::store::Backend;

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    pub version: &'static str,
    pub database: Backend,
}

/// Healthy when the database answers.
pub async fn health(state: &AppState, actor: &Actor) -> Result<Health, ServiceError> {
    require(actor, Operation::ReadHealth)?;
    state.db.ping().await.map_err(|e| {
        tracing::error!(error = %e, "health check: database did not answer");
        ServiceError::Unavailable
    })?;
    Ok(Health { version: VERSION, database: state.db.backend() })
}
