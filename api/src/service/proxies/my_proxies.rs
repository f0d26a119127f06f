//! A person's own proxies and open invitations, as they see them.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::SubjectKind;
use crate::domain::proxy::{self, LinkState};
use crate::service::ServiceError;
use crate::state::AppState;
use crate::store::audit;
use crate::store::entity::{proxy_invitation, proxy_link};
use crate::store::{consents as consent_repo, proxies as repo, residents};

/// A proxy as the person sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyView {
    pub link_id: Uuid,
    pub name: String,
    pub relationship: String,
    pub level: String,
    pub status: LinkState,
    pub via: String,
    pub since: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// Whether the link lets the proxy act now (confirmed and before its
    /// review date), waits for confirmation, or is paused at its review date.
    pub standing: proxy::Standing,
    /// What confirmed it (`domain::proxy::Basis`), once confirmed.
    pub basis: Option<String>,
    /// From this day it pauses until renewed.
    pub review_on: Option<chrono::NaiveDate>,
    /// What the proxy did for the person, newest first: (when, audit action).
    pub history: Vec<(DateTime<Utc>, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationView {
    pub id: Uuid,
    pub level: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// open, accepted, expired or cancelled.
    pub status: &'static str,
}

pub(super) fn invitation_status(i: &proxy_invitation::Model, now: DateTime<Utc>) -> &'static str {
    proxy::InvitationState::of(i.accepted_at.is_some(), i.cancelled_at.is_some(), i.expires_at, now).as_str()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyProxies {
    pub proxies: Vec<ProxyView>,
    pub invitations: Vec<InvitationView>,
}

pub(super) async fn proxy_view(
    db: &impl ConnectionTrait,
    l: &proxy_link::Model,
    audit_entries: &[crate::store::entity::audit_log::Model],
    today: chrono::NaiveDate,
) -> Result<ProxyView, ServiceError> {
    let name = residents::find(db, l.proxy_id).await?.map(|r| r.name).unwrap_or_default();
    let link = l.id.to_string();
    let proxy = l.proxy_id.to_string();
    let mut history: Vec<(DateTime<Utc>, String)> = audit_entries
        .iter()
        .filter(|e| {
            let by_proxy = e.actor_kind == "proxy" && e.actor_id.as_deref() == Some(proxy.as_str());
            let about_link = e.subject_kind.as_deref() == Some("proxy_link") && e.subject_id.as_deref() == Some(&link);
            // The proxy's acts while this link was in force, and the link's own events.
            about_link || (by_proxy && e.at >= l.created_at && l.revoked_at.is_none_or(|r| e.at <= r))
        })
        .map(|e| (e.at, e.action.clone()))
        .collect();
    history.dedup();
    history.reverse();
    Ok(ProxyView {
        link_id: l.id,
        name,
        relationship: l.relationship.clone(),
        level: l.level.clone(),
        status: LinkState::of(l.revoked_at),
        via: l.via.clone(),
        since: l.created_at,
        revoked_at: l.revoked_at,
        standing: proxy::Standing::of(l.confirmed_at, l.review_on, today),
        basis: l.basis.clone(),
        review_on: l.review_on,
        history,
    })
}

/// The person's proxies (active and past) with what each did, and their invitations.
pub async fn my_proxies(state: &AppState, actor: &Actor) -> Result<MyProxies, ServiceError> {
    require(actor, Operation::ManageOwnProxies)?;
    let me = actor.person().ok_or(ServiceError::NotFound)?;
    let db = state.db.reader();
    let now = state.clock.now();
    let links = repo::links_of_subject(db, me).await?;
    let about = consent_repo::audit_about(db, &crate::store::merge::ids_of(db, me).await?, &[]).await?;
    let link_ids: Vec<String> = links.iter().map(|l| l.id.to_string()).collect();
    let mut link_entries = Vec::new();
    for id in &link_ids {
        link_entries.extend(audit::for_subject(db, SubjectKind::ProxyLink, id).await?);
    }
    let mut entries = about;
    entries.extend(link_entries);
    entries.sort_by_key(|a| (a.at, a.id));
    entries.dedup_by(|a, b| a.id == b.id);
    let mut proxies = Vec::new();
    // Active first, then the past ones; newest first within each.
    for l in links
        .iter()
        .rev()
        .filter(|l| l.revoked_at.is_none())
        .chain(links.iter().rev().filter(|l| l.revoked_at.is_some()))
    {
        proxies.push(proxy_view(db, l, &entries, crate::domain::japan_time::day(now)).await?);
    }
    let invitations = repo::invitations_of(db, me)
        .await?
        .iter()
        .map(|i| InvitationView {
            id: i.id,
            level: i.level.clone(),
            created_at: i.created_at,
            expires_at: i.expires_at,
            status: invitation_status(i, now),
        })
        .collect();
    Ok(MyProxies { proxies, invitations })
}

pub(super) async fn counts(
    db: &impl ConnectionTrait,
    person: Uuid,
    now: DateTime<Utc>,
) -> Result<(Vec<Uuid>, Vec<proxy_invitation::Model>), ServiceError> {
    let active: Vec<Uuid> = repo::links_of_subject(db, person)
        .await?
        .into_iter()
        .filter(|l| l.revoked_at.is_none())
        .map(|l| l.proxy_id)
        .collect();
    let open: Vec<proxy_invitation::Model> =
        repo::invitations_of(db, person).await?.into_iter().filter(|i| invitation_status(i, now) == "open").collect();
    Ok((active, open))
}
