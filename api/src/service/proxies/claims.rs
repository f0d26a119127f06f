//! A person registered by family or at the desk taking up their own sign-in
//! with a claim code, or a family member taking up a claim sheet as proxy.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::acting::{PersonActedFor, person_acted_for};
use super::my_proxies::counts;
use super::{NewLink, create_link};
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::proxy::{self, Basis, ConfirmedBy, Level, Relationship, Via};
use crate::domain::public_id::PublicId;
use crate::domain::rate;
use crate::domain::session::{SignInMethod, token_hash};
use crate::domain::{FieldErrorCode, Invalid, person};
use crate::passkey::CeremonyKind;
use crate::service::common::passkeys::{self, Holder};
use crate::service::common::sessions::NewSession;
use crate::service::common::visibility::entry;
use crate::service::{ProxyRefusal, ServiceError, notices};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{claim_code, resident};
use crate::store::{auth, consents as consent_repo, proxies as repo, residents};

/// The claim code behind what was typed, when it can be used for this
/// birth date; `claim_invalid` otherwise, whatever the reason.
pub(super) async fn usable_claim(
    db: &impl ConnectionTrait,
    code: &str,
    birth_date: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<(claim_code::Model, resident::Model), ServiceError> {
    let invalid = || ServiceError::Proxy(ProxyRefusal::ClaimInvalid);
    let code = PublicId::parse(code, proxy::CODE_LEN).map_err(|_| invalid())?;
    let c = repo::find_claim_by_hash(db, &token_hash(code.as_str())).await?.ok_or_else(invalid)?;
    let r = residents::find(db, c.resident_id).await?.ok_or_else(invalid)?;
    let usable = proxy::claim_usable(
        c.used_at.is_some() || c.voided_at.is_some(),
        c.expires_at,
        now,
        birth_date == Some(r.birth_date),
        r.email_verified_at.is_some(),
    );
    if !usable {
        return Err(invalid());
    }
    Ok((c, r))
}

pub(super) fn claim_birth_date(input: &str, now: DateTime<Utc>) -> Result<Option<NaiveDate>, ServiceError> {
    match person::parse_birth_date(input, crate::domain::japan_time::day(now)) {
        Ok(d) => Ok(Some(d)),
        Err(FieldErrorCode::Required) => Err(Invalid::one("birthDate", FieldErrorCode::Required).into()),
        // A date that cannot be anyone's is simply not theirs.
        Err(_) => Ok(None),
    }
}

/// Passkey creation options for a person claiming their sign-in.
pub async fn claim_options(
    state: &AppState,
    actor: &Actor,
    client: &str,
    code: &str,
    birth_date: &str,
) -> Result<serde_json::Value, ServiceError> {
    require(actor, Operation::ClaimSignIn)?;
    if state.webauthn.is_none() {
        return Err(ServiceError::Unavailable);
    }
    let now = state.clock.now();
    let birth = claim_birth_date(birth_date, now)?;
    let tx = state.db.write().await?;
    crate::service::common::codes::check_rate(&*tx, rate::FAILURES_PER_CLIENT, client, now).await?;
    let (c, r) = match usable_claim(&*tx, code, birth, now).await {
        Ok(found) => found,
        Err(e) => {
            crate::service::common::codes::count_failure(&*tx, client, now).await?;
            tx.commit().await?;
            return Err(e);
        }
    };
    crate::service::common::codes::spend(&*tx, rate::CEREMONIES_PER_CLIENT, client, now).await?;
    let user = crate::service::common::passkeys::person_user(&*tx, &r).await?;
    let options =
        crate::service::common::passkeys::start_creation(&*tx, state, user, CeremonyKind::Claim, c.id, now).await?;
    tx.commit().await?;
    Ok(options)
}

/// A claimed sign-in: the person, and their new session.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub registration_number: String,
    pub name: String,
    pub session: NewSession,
}

/// Creates the person's own passkey with a claim code, spends the code,
/// signs them in, and tells their proxies.
pub async fn claim_complete(
    state: &AppState,
    actor: &Actor,
    client: &str,
    code: &str,
    birth_date: &str,
    credential: Option<&serde_json::Value>,
) -> Result<Claimed, ServiceError> {
    require(actor, Operation::ClaimSignIn)?;
    let credential = credential.ok_or_else(|| Invalid::one("credential", FieldErrorCode::Required))?;
    let now = state.clock.now();
    let birth = claim_birth_date(birth_date, now)?;
    let tx = state.db.write().await?;
    let (c, r) = match passkeys::one_time_code(&*tx, client, now, usable_claim(&*tx, code, birth, now)).await {
        Ok(found) => found,
        Err(stopped) => return stopped.end(tx).await,
    };
    let new = match passkeys::created(&*tx, state, CeremonyKind::Claim, c.id, credential, Holder::Resident, now).await {
        Ok(p) => p,
        Err(stopped) => return stopped.end(tx).await,
    };
    if !repo::use_claim(&*tx, c.id, now).await? {
        return Err(ServiceError::Proxy(ProxyRefusal::ClaimInvalid));
    }
    // A sheet reissued at the desk for someone who had a passkey is a
    // recovery: the lost passkeys stop working, and so does every session.
    let replaced = auth::delete_passkeys_of(&*tx, r.id).await?;
    if replaced > 0 {
        auth::end_sessions_of(&*tx, r.id, now).await?;
    }
    auth::insert_passkey(&*tx, r.id, new.cred_id, new.data, now).await?;
    repo::void_claims_of(&*tx, r.id, now).await?;
    crate::service::common::passkeys::audit_passkey(&*tx, r.id, now).await?;
    audit::append(
        &*tx,
        AuditEntry::new(&Actor::Resident { id: r.id }, AuditAction::SignInClaimed, Channel::Web)
            .subject(SubjectKind::Resident, r.id)
            .request_id(context::request_id())
            .detail(json!({ "issuedBy": c.issued_by_kind, "passkeysReplaced": replaced })),
        now,
    )
    .await?;
    let session = crate::service::common::sessions::start_session(&*tx, state, r.id, SignInMethod::Claim).await?;
    for l in repo::links_of_subject(&*tx, r.id).await?.iter().filter(|l| l.revoked_at.is_none()) {
        if let Some(p) = residents::find(&*tx, l.proxy_id).await?
            && let Some(to) = &p.email
        {
            notices::sign_in_claimed(&*tx, state, to, &r.name, now).await?;
        }
    }
    if let Some(to) = &r.email {
        notices::sign_in_changed(
            &*tx,
            state,
            to,
            now,
            "あなた自身のパスキーが作られ、ご自身でログインできるようになりました",
            "your own passkey was created: you can now sign in yourself",
        )
        .await?;
    }
    tx.commit().await?;
    state.mail.wake();
    Ok(Claimed { registration_number: PublicId::display_of(&r.registration_number), name: r.name, session })
}

/// A family member takes the proxy role a paper form gave them, with their
/// own sign-in: the claim sheet's code and the person's birth date make them
/// the person's proxy at level `manage`, and the code is spent.
pub async fn accept_claim_as_proxy(
    state: &AppState,
    actor: &Actor,
    client: &str,
    code: &str,
    birth_date: &str,
    relationship: &str,
) -> Result<PersonActedFor, ServiceError> {
    require(actor, Operation::ActForOthers)?;
    let me = actor.person().ok_or(ServiceError::NotFound)?;
    let relationship = Relationship::parse(relationship).map_err(|c| Invalid::one("relationship", c))?;
    let now = state.clock.now();
    let birth = claim_birth_date(birth_date, now)?;
    let tx = state.db.write().await?;
    crate::service::common::codes::check_rate(&*tx, rate::FAILURES_PER_CLIENT, client, now).await?;
    let (c, r) = match usable_claim(&*tx, code, birth, now).await {
        Ok(found) => found,
        Err(e) => {
            crate::service::common::codes::count_failure(&*tx, client, now).await?;
            tx.commit().await?;
            return Err(e);
        }
    };
    // Only a reception sheet for a form whose proxy box names someone: the
    // person's own claim link is not a way in for whoever reads their mail.
    let form = crate::store::staff::registration_entry_of(&*tx, r.id).await?;
    let named_name = form.as_ref().and_then(|e| e.proxy_name.clone());
    let named = form.and_then(|e| e.proxy_relationship);
    let gives = proxy::claim_gives_proxy_role(c.issued_by_kind == "staff", named.is_some());
    let (true, Some(named)) = (gives, named) else {
        crate::service::common::codes::count_failure(&*tx, client, now).await?;
        tx.commit().await?;
        return Err(ServiceError::Proxy(ProxyRefusal::ClaimInvalid));
    };
    // The relationship is the one written on the form.
    let relationship = Relationship::parse(&named).unwrap_or(relationship);
    consent_repo::lock_person(&*tx, r.id).await?;
    let (active, open) = counts(&*tx, r.id, now).await?;
    proxy::may_link(me, r.id, &active, open.len()).map_err(|e| ServiceError::Proxy(e.into()))?;
    if !repo::use_claim(&*tx, c.id, now).await? {
        return Err(ServiceError::Proxy(ProxyRefusal::ClaimInvalid));
    }
    let claim_issuer = c.issued_by_id.clone();
    // Reception checked the form, and the name in its proxy box: the link is
    // confirmed as it is made only for the person that box names. Anyone
    // else holding the sheet (and the birth date) gets a link that waits for
    // confirmation like one made online.
    let me_person = residents::find(&*tx, me).await?.ok_or(ServiceError::NotFound)?;
    let named_here =
        named_name.is_some_and(|n| person::names_agree(&me_person.name, &me_person.name_kana, &[n], &[]) == Some(true));
    let new = NewLink {
        id: Uuid::now_v7(),
        proxy: me,
        subject: r.id,
        relationship,
        level: Level::Manage,
        via: Via::ClaimSheet,
        reason: None,
        attestation: None,
        // Reception checked the paper form that named this proxy, and the
        // person, when it printed the sheet.
        confirmed: named_here.then_some((ConfirmedBy::Staff, claim_issuer, Basis::ReceptionVerified)),
    };
    let link = create_link(&*tx, new, now).await?;
    audit::append(
        &*tx,
        entry(actor, AuditAction::ProxyLinked, r.id)
            .subject(SubjectKind::ProxyLink, link.id)
            .detail(json!({ "claimSheet": true, "relationship": relationship.as_str() })),
        now,
    )
    .await?;
    if let Some(to) = &r.email {
        let proxy_person = residents::find(&*tx, me).await?.ok_or(ServiceError::NotFound)?;
        notices::proxy_linked(&*tx, state, to, &proxy_person.name, Level::Manage.as_str(), Via::ClaimSheet, now)
            .await?;
    }
    let out = person_acted_for(&*tx, &link, crate::domain::japan_time::day(now)).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(out)
}
