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

/// Records that a proxy looked at the person's record (the person sees it
/// in their proxies' history). A person looking at their own is not recorded.
pub(crate) async fn record_view(state: &AppState, actor: &Actor, what: &str) -> Result<(), ServiceError> {
    if let Actor::Proxy { subject, link, .. } = actor {
        let tx = state.db.write().await?;
        let e = entry(actor, AuditAction::HealthRecordViewed, *subject)
            .subject(SubjectKind::ProxyLink, link)
            .detail(json!({ "view": what }));
        audit::append(&*tx, e, state.clock.now()).await?;
        tx.commit().await?;
    }
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
