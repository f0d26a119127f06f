//! What a proxy may see of a person's record, and the audit entry of a
//! look at it.

use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use crate::context;
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::service::ServiceError;
use crate::state::AppState;
use crate::store::audit::AuditEntry;
use crate::store::{audit, proxies as repo};

/// Records a read of a person's record: by a proxy (the person sees it in
/// their proxies' history and on `/me/access`), or by the person themselves
/// (kept in their data download, not listed as someone else's look).
pub(crate) async fn record_view(state: &AppState, actor: &Actor, what: &str) -> Result<(), ServiceError> {
    let e = match actor {
        Actor::Proxy { subject, link, .. } => {
            entry(actor, AuditAction::HealthRecordViewed, *subject).subject(SubjectKind::ProxyLink, link)
        }
        Actor::Resident { id } => entry(actor, AuditAction::HealthRecordViewed, *id).subject(SubjectKind::Resident, id),
        _ => return Ok(()),
    };
    let tx = state.db.write().await?;
    audit::append(&*tx, e.detail(json!({ "view": what })), state.clock.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// The records hidden from the actor: the person's hidden records for a
/// proxy, none for the person themselves.
pub(crate) async fn hidden_from(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<std::collections::HashSet<Uuid>, ServiceError> {
    match actor {
        Actor::Proxy { subject, .. } => Ok(repo::hidden_of(db, *subject).await?),
        _ => Ok(Default::default()),
    }
}

pub(crate) fn entry(actor: &Actor, action: AuditAction, person: Uuid) -> AuditEntry {
    let mut e = AuditEntry::new(actor, action, Channel::Web).request_id(context::request_id());
    e.on_behalf_of = Some(person);
    e
}
