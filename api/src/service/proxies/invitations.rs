//! Invitations: a person invites someone to act for them; the code is
//! looked up, accepted or cancelled.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::acting::{PersonActedFor, person_acted_for};
use super::my_proxies::{counts, invitation_status};
use super::{NewLink, create_link};
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, SubjectKind};
use crate::domain::proxy::{self, Basis, ConfirmedBy, Level, Relationship, Via};
use crate::domain::public_id::PublicId;
use crate::domain::rate;
use crate::domain::session::token_hash;
use crate::domain::{FieldErrorCode, Invalid};
use crate::service::common::visibility::entry;
use crate::service::{ProxyRefusal, ServiceError, notices};
use crate::state::AppState;
use crate::store::audit;
use crate::store::entity::proxy_invitation;
use crate::store::{consent_documents, consents as consent_repo, proxies as repo, residents};

/// A new invitation: the code is shown once, to the person who invites.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub id: Uuid,
    pub code: PublicId,
    pub url: String,
    pub level: Level,
    pub expires_at: DateTime<Utc>,
}

/// Invites someone to act for the signed-in person, at a level.
pub async fn invite(state: &AppState, actor: &Actor, level: &str) -> Result<NewInvitation, ServiceError> {
    require(actor, Operation::ManageOwnProxies)?;
    let me = actor.person().ok_or(ServiceError::NotFound)?;
    let level = Level::parse(level).map_err(|c| Invalid::one("level", c))?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    consent_repo::lock_person(&*tx, me).await?;
    let (active, open) = counts(&*tx, me, now).await?;
    if !proxy::may_invite(active.len(), open.len()) {
        return Err(ServiceError::Proxy(ProxyRefusal::Limit));
    }
    let code = PublicId::generate(proxy::CODE_LEN, &mut rand::rng());
    let id = Uuid::now_v7();
    let expires_at = now + proxy::INVITATION_TTL;
    repo::insert_invitation(
        &*tx,
        proxy_invitation::Model {
            id,
            subject_id: me,
            code_hash: token_hash(code.as_str()),
            level: level.as_str().to_owned(),
            created_at: now,
            expires_at,
            accepted_at: None,
            link_id: None,
            cancelled_at: None,
        },
    )
    .await?;
    audit::append(
        &*tx,
        entry(actor, AuditAction::ProxyInvited, me)
            .subject(SubjectKind::ProxyInvitation, id)
            .detail(json!({ "level": level.as_str() })),
        now,
    )
    .await?;
    let register_at = entry_point_for_invitee(&*tx, me, now).await?;
    tx.commit().await?;
    let mut url = state.config.public_url.clone();
    url.set_path("/invite");
    if let Some(ep) = &register_at {
        // Where an invitee without an account registers first: a poster's
        // code, public anyway; the invitation code stays in the fragment.
        url.query_pairs_mut().append_pair("r", ep);
    }
    url.set_fragment(Some(&code.to_string()));
    Ok(NewInvitation { id, code, url: url.to_string(), level, expires_at })
}

/// The entry point an invitee without an account can register through: the
/// one the inviter came by, while active, else an active one of a network
/// the inviter is in.
pub(super) async fn entry_point_for_invitee(
    db: &impl ConnectionTrait,
    person: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<String>, ServiceError> {
    use crate::store::entry_points;
    let r = residents::find(db, person).await?.ok_or(ServiceError::NotFound)?;
    if let Some(id) = r.entry_point_id
        && let Some(ep) = entry_points::find_by_id(db, id).await?
        && ep.disabled_at.is_none()
    {
        return Ok(Some(ep.code));
    }
    for c in residents::current_consents(db, person).await? {
        if consent_documents::current(db, c.network_id, now).await?.is_none() {
            continue;
        }
        if let Some(ep) =
            entry_points::list(db, Some(c.network_id)).await?.into_iter().find(|e| e.disabled_at.is_none())
        {
            return Ok(Some(ep.code));
        }
    }
    Ok(None)
}

pub async fn cancel_invitation(state: &AppState, actor: &Actor, id: &str) -> Result<(), ServiceError> {
    require(actor, Operation::ManageOwnProxies)?;
    let me = actor.person().ok_or(ServiceError::NotFound)?;
    let id = Uuid::parse_str(id).map_err(|_| ServiceError::NotFound)?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    if !repo::cancel_invitation(&*tx, id, me, now).await? {
        // Not this person's invitation at all, or one already accepted or cancelled.
        return Err(if repo::invitation_of(&*tx, id, me).await? {
            ServiceError::Proxy(ProxyRefusal::InvitationUsed)
        } else {
            ServiceError::NotFound
        });
    }
    audit::append(
        &*tx,
        entry(actor, AuditAction::ProxyInvitationCancelled, me).subject(SubjectKind::ProxyInvitation, id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The invitation behind a code, while it can be accepted.
pub(super) async fn open_invitation(
    db: &impl ConnectionTrait,
    code: &str,
    now: DateTime<Utc>,
) -> Result<proxy_invitation::Model, ServiceError> {
    let code = PublicId::parse(code, proxy::CODE_LEN).map_err(|c| match c {
        FieldErrorCode::Required => ServiceError::Invalid(Invalid::one("code", c)),
        _ => ServiceError::Proxy(ProxyRefusal::InvitationNotFound),
    })?;
    let i = repo::find_invitation_by_hash(db, &token_hash(code.as_str()))
        .await?
        .ok_or(ServiceError::Proxy(ProxyRefusal::InvitationNotFound))?;
    match invitation_status(&i, now) {
        "open" => Ok(i),
        "expired" => Err(ServiceError::Proxy(ProxyRefusal::InvitationExpired)),
        _ => Err(ServiceError::Proxy(ProxyRefusal::InvitationUsed)),
    }
}

/// What an invitee sees before accepting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationPreview {
    pub inviter_name: String,
    pub level: String,
    pub expires_at: DateTime<Utc>,
}

pub async fn lookup_invitation(
    state: &AppState,
    actor: &Actor,
    client: &str,
    code: &str,
) -> Result<InvitationPreview, ServiceError> {
    require(actor, Operation::ActForOthers)?;
    let now = state.clock.now();
    let db = state.db.reader();
    crate::service::common::codes::check_rate(db, rate::FAILURES_PER_CLIENT, client, now).await?;
    let i = match open_invitation(db, code, now).await {
        Ok(i) => i,
        Err(e) => {
            if matches!(e, ServiceError::Proxy(ProxyRefusal::InvitationNotFound)) {
                let tx = state.db.write().await?;
                crate::service::common::codes::count_failure(&*tx, client, now).await?;
                tx.commit().await?;
            }
            return Err(e);
        }
    };
    let inviter = residents::find(db, i.subject_id).await?.ok_or(ServiceError::NotFound)?;
    Ok(InvitationPreview { inviter_name: inviter.name, level: i.level, expires_at: i.expires_at })
}

/// Accepts an invitation: the signed-in resident becomes the inviter's
/// proxy at the invitation's level.
pub async fn accept_invitation(
    state: &AppState,
    actor: &Actor,
    client: &str,
    code: &str,
    relationship: &str,
) -> Result<PersonActedFor, ServiceError> {
    require(actor, Operation::ActForOthers)?;
    let me = actor.person().ok_or(ServiceError::NotFound)?;
    let relationship = Relationship::parse(relationship).map_err(|c| Invalid::one("relationship", c))?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    crate::service::common::codes::check_rate(&*tx, rate::FAILURES_PER_CLIENT, client, now).await?;
    let i = match open_invitation(&*tx, code, now).await {
        Ok(i) => i,
        Err(e) => {
            if matches!(e, ServiceError::Proxy(ProxyRefusal::InvitationNotFound)) {
                crate::service::common::codes::count_failure(&*tx, client, now).await?;
                tx.commit().await?;
            }
            return Err(e);
        }
    };
    // The person's lock: two acceptances at once cannot both pass the limit.
    consent_repo::lock_person(&*tx, i.subject_id).await?;
    let (active, open) = counts(&*tx, i.subject_id, now).await?;
    let others_open = open.iter().filter(|o| o.id != i.id).count();
    proxy::may_link(me, i.subject_id, &active, others_open).map_err(|r| ServiceError::Proxy(r.into()))?;
    let level = Level::parse(&i.level).map_err(|_| ServiceError::Internal(format!("invitation {} level", i.id)))?;
    // An invitation is the person's own word, unless the account that sent
    // it was taken up through the mail this very proxy's registration sent
    // (to an address the proxy typed, which may be the proxy's own): then
    // the link waits for confirmation like the one that registration made.
    let invited_by_own_account = !repo::claimed_through_registration_by(&*tx, i.subject_id, me).await?;
    let new = NewLink {
        id: Uuid::now_v7(),
        proxy: me,
        subject: i.subject_id,
        relationship,
        level,
        via: Via::Invitation,
        reason: None,
        attestation: None,
        // The person invited this proxy, signed in as themselves.
        confirmed: invited_by_own_account.then_some((ConfirmedBy::Person, None, Basis::PersonAgreed)),
    };
    let link = create_link(&*tx, new, now).await?;
    let link_id = link.id;
    if !repo::accept_invitation(&*tx, i.id, link_id, now).await? {
        return Err(ServiceError::Proxy(ProxyRefusal::InvitationUsed));
    }
    audit::append(
        &*tx,
        entry(actor, AuditAction::ProxyLinked, i.subject_id)
            .subject(SubjectKind::ProxyLink, link_id)
            .detail(json!({ "invitation": i.id, "level": i.level, "relationship": relationship.as_str() })),
        now,
    )
    .await?;
    let person = residents::find(&*tx, i.subject_id).await?.ok_or(ServiceError::NotFound)?;
    let proxy_person = residents::find(&*tx, me).await?.ok_or(ServiceError::NotFound)?;
    if let Some(to) = &person.email {
        notices::proxy_linked(&*tx, state, to, &proxy_person.name, &i.level, Via::Invitation, now).await?;
    }
    let out = person_acted_for(&*tx, &link, crate::domain::japan_time::day(now)).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(out)
}
