//! Family proxies: registering a person to act for, acting for them,
//! invitations, revocation, a person claiming their own sign-in, and the
//! records a person hides from their proxies.
//!
//! Whom a request acts for is settled once per request by [`acting`]: the
//! link is read from the database every time, so a revocation applies to
//! the very next request. What each level may do is `domain::access`.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::domain::proxy::{self, Attestation, Basis, ConfirmedBy, Level, Reason, Relationship, Via};
use crate::domain::public_id::PublicId;
use crate::service::{ProxyRefusal, ServiceError};
use crate::state::AppState;
use crate::store::entity::proxy_link;
use crate::store::proxies as repo;

mod acting;
mod claims;
mod confirmation;
mod family_registration;
mod invitations;
mod my_proxies;
mod revocation;
mod visibility;

pub use acting::{PersonActedFor, acting, people};
pub use claims::{Claimed, accept_claim_as_proxy, claim_complete, claim_options};
pub use confirmation::{
    Awaiting, DeskConfirmation, DeskConfirmed, awaiting, confirm_at_desk, confirm_by_office, confirm_by_person,
    send_review_notices,
};
pub use family_registration::{PersonRegistered, PersonRegistration, register_person};
pub use invitations::{
    InvitationPreview, NewInvitation, accept_invitation, cancel_invitation, invite, lookup_invitation,
};
pub use my_proxies::{InvitationView, MyProxies, ProxyView, my_proxies};
pub use revocation::revoke;
pub use visibility::set_visibility;

/// A proxy link about to be made.
struct NewLink {
    id: Uuid,
    proxy: Uuid,
    subject: Uuid,
    relationship: Relationship,
    level: Level,
    via: Via,
    /// Why the person does not register themselves, with the note (a registration by family).
    reason: Option<(Reason, Option<String>)>,
    attestation: Option<Attestation>,
    /// Who confirmed it as it was made, and on what basis: the person (their
    /// own invitation), reception (a paper form's proxy box and its claim
    /// sheet); none for a family member registering someone online.
    confirmed: Option<(ConfirmedBy, Option<String>, Basis)>,
}

/// Makes a proxy link active from now; `proxy_exists` when the proxy
/// already acts for the person (the database's one-active-link index).
async fn create_link(
    db: &impl ConnectionTrait,
    l: NewLink,
    now: DateTime<Utc>,
) -> Result<proxy_link::Model, ServiceError> {
    let (reason, reason_note) = match l.reason {
        Some((r, note)) => (Some(r.as_str().to_owned()), note),
        None => (None, None),
    };
    let link = proxy_link::Model {
        id: l.id,
        proxy_id: l.proxy,
        subject_id: l.subject,
        relationship: l.relationship.as_str().to_owned(),
        level: l.level.as_str().to_owned(),
        via: l.via.as_str().to_owned(),
        reason,
        reason_note,
        attestation: l.attestation.map(|a| a.as_str().to_owned()),
        created_at: now,
        revoked_at: None,
        revoked_by_kind: None,
        confirmed_at: l.confirmed.as_ref().map(|_| now),
        confirmed_by_kind: l.confirmed.as_ref().map(|(by, _, _)| by.as_str().to_owned()),
        confirmed_by_id: l.confirmed.as_ref().and_then(|(_, id, _)| id.clone()),
        basis: l.confirmed.as_ref().map(|(_, _, basis)| basis.as_str().to_owned()),
        review_on: l.confirmed.as_ref().map(|_| proxy::review_on(crate::domain::japan_time::day(now))),
        review_notice_for: None,
    };
    repo::insert_link(db, link.clone()).await.map_err(|e| match e {
        crate::store::StoreError::Duplicate => ServiceError::Proxy(ProxyRefusal::AlreadyLinked),
        e => e.into(),
    })?;
    Ok(link)
}

fn claim_url(state: &AppState, code: &PublicId) -> String {
    let mut url = state.config.public_url.clone();
    url.set_path("/claim");
    url.set_fragment(Some(&code.to_string()));
    url.to_string()
}
