//! The records a person hides from their proxies.

use serde_json::json;
use uuid::Uuid;

use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::AuditAction;
use crate::domain::{FieldErrorCode, Invalid};
use crate::service::ServiceError;
use crate::service::common::visibility::entry;
use crate::state::AppState;
use crate::store::audit;
use crate::store::{medical, proxies as repo};

/// Hides one of the person's medication or allergy records from their
/// proxies, or shows it again.
pub async fn set_visibility(
    state: &AppState,
    actor: &Actor,
    record: &str,
    hidden: Option<bool>,
) -> Result<bool, ServiceError> {
    require(actor, Operation::ManageOwnProxies)?;
    let hidden = hidden.ok_or_else(|| Invalid::one("hiddenFromProxies", FieldErrorCode::Required))?;
    let me = actor.person().ok_or(ServiceError::NotFound)?;
    let id = Uuid::parse_str(record).map_err(|_| ServiceError::NotFound)?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let (kind, facility) =
        if let Some(m) = medical::medications_of(&*tx, me, None).await?.into_iter().find(|m| m.id == id) {
            ("medication", m.facility_id)
        } else if let Some(a) = medical::allergies_of(&*tx, me).await?.into_iter().find(|a| a.id == id) {
            ("allergy", a.facility_id)
        } else {
            return Err(ServiceError::NotFound);
        };
    if hidden {
        repo::hide(&*tx, id, me, kind, facility, now).await?;
    } else {
        repo::unhide(&*tx, id, me).await?;
    }
    audit::append(
        &*tx,
        entry(actor, AuditAction::RecordVisibilityChanged, me).detail(json!({ "kind": kind, "hidden": hidden })),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(hidden)
}
