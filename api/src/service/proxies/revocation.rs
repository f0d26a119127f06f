//! Revoking a proxy link, by the person or by the proxy.

use serde_json::json;
use uuid::Uuid;

use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, SubjectKind};
use crate::service::common::visibility::entry;
use crate::service::{ProxyRefusal, ServiceError, notices};
use crate::state::AppState;
use crate::store::audit;
use crate::store::{consents as consent_repo, proxies as repo, residents};

use super::my_proxies::{ProxyView, proxy_view};

/// Ends a proxy link: by the person (any of their proxies) or by the proxy
/// themselves (stepping down). Both are told by mail.
pub async fn revoke(state: &AppState, actor: &Actor, link: &str) -> Result<ProxyView, ServiceError> {
    let me = match actor {
        Actor::Resident { id } => *id,
        _ => {
            require(actor, Operation::ManageOwnProxies)?;
            return Err(ServiceError::NotFound);
        }
    };
    let id = Uuid::parse_str(link).map_err(|_| ServiceError::NotFound)?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let l = repo::find_link(&*tx, id).await?.ok_or(ServiceError::NotFound)?;
    let by_kind = if l.subject_id == me {
        "person"
    } else if l.proxy_id == me {
        "proxy"
    } else {
        return Err(ServiceError::NotFound);
    };
    consent_repo::lock_person(&*tx, l.subject_id).await?;
    if !repo::revoke_link(&*tx, l.id, now, by_kind).await? {
        return Err(ServiceError::Proxy(ProxyRefusal::AlreadyRevoked));
    }
    audit::append(
        &*tx,
        entry(actor, AuditAction::ProxyRevoked, l.subject_id)
            .subject(SubjectKind::ProxyLink, l.id)
            .detail(json!({ "by": by_kind })),
        now,
    )
    .await?;
    let person = residents::find(&*tx, l.subject_id).await?.ok_or(ServiceError::NotFound)?;
    let proxy_person = residents::find(&*tx, l.proxy_id).await?.ok_or(ServiceError::NotFound)?;
    if let Some(to) = &person.email {
        notices::proxy_revoked(&*tx, state, to, notices::RevokedSide::Person { proxy_name: &proxy_person.name }, now)
            .await?;
    }
    if let Some(to) = &proxy_person.email {
        notices::proxy_revoked(&*tx, state, to, notices::RevokedSide::Proxy { person_name: &person.name }, now).await?;
    }
    let l = repo::find_link(&*tx, l.id).await?.ok_or(ServiceError::NotFound)?;
    let entries = audit::for_subject(&*tx, SubjectKind::ProxyLink, &l.id.to_string()).await?;
    let view = proxy_view(&*tx, &l, &entries, crate::domain::japan_time::day(now)).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(view)
}
