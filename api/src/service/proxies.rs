//! Family proxies: registering a person to act for, acting for them,
//! invitations, revocation, a person claiming their own sign-in, and the
//! records a person hides from their proxies.
//!
//! Whom a request acts for is settled once per request by [`acting`]: the
//! link is read from the database every time, so a revocation applies to
//! the very next request. What each level may do is `domain::access`.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::common::enrolment::{self, Enrolment, Found, Joining};
use super::common::passkeys::{self, Holder};
use super::common::people::{NewPerson, has_own_sign_in, issue_claim};
use super::common::sessions::NewSession;
use super::common::visibility::entry;
use super::{ProxyRefusal, ServiceError, notices};
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::consent::ConsentBy;
use crate::domain::identity::{Identity, InsuranceKey};
use crate::domain::proxy::{self, Attestation, Level, Reason, Relationship, Via};
use crate::domain::public_id::PublicId;
use crate::domain::rate;
use crate::domain::registration::{RegistrationDetails, RegistrationInput};
use crate::domain::session::{SignInMethod, token_hash};
use crate::domain::{FieldErrorCode, Invalid, Validator, person};
use crate::passkey::CeremonyKind;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{claim_code, proxy_invitation, proxy_link, resident};
use crate::store::{auth, consent_documents, consents as consent_repo, medical, proxies as repo, residents};

/// The actor of a signed-in person's request that names a link in
/// `Renkei-Acting-For`: a proxy acting for that link's person, or
/// `proxy_not_active` when the link is not an active link of theirs.
pub async fn acting(state: &AppState, person: Uuid, link: &str) -> Result<Actor, ServiceError> {
    let not_active = ServiceError::Proxy(ProxyRefusal::NotActive);
    let id = Uuid::parse_str(link.trim()).map_err(|_| ServiceError::Proxy(ProxyRefusal::NotActive))?;
    let l = repo::find_link(state.db.reader(), id).await?.ok_or(ServiceError::Proxy(ProxyRefusal::NotActive))?;
    if l.proxy_id != person || l.revoked_at.is_some() {
        return Err(not_active);
    }
    let level = Level::parse(&l.level).map_err(|_| ServiceError::Internal(format!("link {} has a bad level", l.id)))?;
    Ok(Actor::Proxy { id: person, subject: l.subject_id, link: l.id, level })
}

/// A person the signed-in resident acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonActedFor {
    pub link_id: Uuid,
    pub registration_number: String,
    pub name: String,
    pub name_kana: String,
    pub relationship: String,
    pub level: String,
    pub since: DateTime<Utc>,
    pub claimed: bool,
}

async fn person_acted_for(db: &impl ConnectionTrait, l: &proxy_link::Model) -> Result<PersonActedFor, ServiceError> {
    let r = residents::find(db, l.subject_id).await?.ok_or(ServiceError::NotFound)?;
    Ok(PersonActedFor {
        link_id: l.id,
        registration_number: PublicId::display_of(&r.registration_number),
        claimed: has_own_sign_in(db, &r).await?,
        name: r.name,
        name_kana: r.name_kana,
        relationship: l.relationship.clone(),
        level: l.level.clone(),
        since: l.created_at,
    })
}

/// The people the signed-in resident acts for now.
pub async fn people(state: &AppState, actor: &Actor) -> Result<Vec<PersonActedFor>, ServiceError> {
    require(actor, Operation::ActForOthers)?;
    let me = actor.person().ok_or(ServiceError::NotFound)?;
    let db = state.db.reader();
    let mut out = Vec::new();
    for l in repo::active_links_of_proxy(db, me).await? {
        out.push(person_acted_for(db, &l).await?);
    }
    Ok(out)
}

/// A family member's registration of a person they will act for.
pub struct PersonRegistration<'a> {
    pub network: &'a str,
    pub consent_version: Option<i32>,
    pub relationship: &'a str,
    pub reason: &'a str,
    pub reason_note: Option<&'a str>,
    pub attestation: &'a str,
    pub details: RegistrationInput<'a>,
}

/// What registering a person answers. The same whether a new record was
/// made or the person was already registered (then nothing is linked and
/// the existing account is told): nothing is disclosed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRegistered {
    pub registration_number: String,
    pub network_code: String,
    pub network_name: String,
    pub network_name_en: Option<String>,
    pub consent_version: i32,
}

/// Registers a person (an elderly parent) into a network, with the consent
/// given by the signed-in family member on their behalf, and makes that
/// family member their proxy at level `manage`. Identity resolution is the
/// same as for self-registration.
pub async fn register_person(
    state: &AppState,
    actor: &Actor,
    client: &str,
    input: PersonRegistration<'_>,
) -> Result<PersonRegistered, ServiceError> {
    require(actor, Operation::ActForOthers)?;
    let me = actor.person().ok_or(ServiceError::NotFound)?;
    let now = state.clock.now();
    let mut v = Validator::new();
    let relationship = v.check("relationship", Relationship::parse(input.relationship));
    let reason = v.check("reason", Reason::parse(input.reason));
    let reason_note = v.check("reasonNote", proxy::parse_reason_note(input.reason_note));
    let attestation = v.check("attestation", Attestation::parse(input.attestation));
    let details = v.merge(RegistrationDetails::parse_for_proxy(&input.details, crate::domain::japan_time::day(now)));
    if input.network.trim().is_empty() {
        v.push("network", FieldErrorCode::Required);
    }
    if input.consent_version.is_none() {
        v.push("consentVersion", FieldErrorCode::Required);
    }
    v.finish()?;
    let (Some(relationship), Some(reason), Some(reason_note), Some(attestation), Some(details)) =
        (relationship, reason, reason_note, attestation, details)
    else {
        return Err(Invalid::default().into());
    };

    let tx = state.db.write().await?;
    super::common::codes::spend(&*tx, rate::REGISTRATIONS_PER_CLIENT, client, now).await?;
    let net = super::common::consent::network_of(&*tx, input.network)
        .await
        .map_err(|_| Invalid::one("network", FieldErrorCode::NotFound))?;
    let doc = match consent_documents::current(&*tx, net.id, now).await? {
        Some(d) if Some(d.version) == input.consent_version => d,
        _ => return Err(Invalid::one("consentVersion", FieldErrorCode::Expired).into()),
    };
    let proxy_person = residents::find(&*tx, me).await?.ok_or(ServiceError::NotFound)?;
    let registered = |registration_number: &str| PersonRegistered {
        registration_number: PublicId::display_of(registration_number),
        network_code: net.code.clone(),
        network_name: net.name.clone(),
        network_name_en: net.name_en.clone(),
        consent_version: doc.version,
    };

    // The family member's own address is not the person's: said before
    // anything else is looked at, so the answer never depends on whether
    // the person is registered.
    if !details.email.is_empty() && proxy_person.email.as_deref() == Some(details.email.as_str()) {
        return Err(Invalid::one("email", FieldErrorCode::AlreadyExists).into());
    }
    let identity = Identity::new(&details.name_kana, details.birth_date, details.sex);
    let insurance = InsuranceKey::from(&details.insurance);
    match enrolment::find(&*tx, &identity, &insurance, None).await? {
        Found::Same(existing) if existing.id == me => Err(ServiceError::Proxy(ProxyRefusal::OwnRecord)),
        Found::Same(existing) => {
            // Already registered: no second record and no link (becoming
            // someone's proxy needs their own invitation then). The family
            // member, signed in with their own confirmed sign-in and holding
            // the person's insurance details, is told the truth, as anyone
            // registering would be once their mailbox is proved; the
            // person's address is told, and the network office reviews.
            residents::add_review(&*tx, "proxy_registration_held", Some(me), None, &[existing.id], now).await?;
            if let Some(to) = &existing.email {
                notices::registered_by_family_again(&*tx, state, to, &proxy_person.name, now).await?;
            }
            // In the person's own record of who did what, with both people.
            let mut held = AuditEntry::new(actor, AuditAction::RegistrationHeld, Channel::Web)
                .network(net.id)
                .request_id(context::request_id())
                .detail(json!({ "byProxy": true }));
            held.on_behalf_of = Some(existing.id);
            audit::append(&*tx, held, now).await?;
            tx.commit().await?;
            state.mail.wake();
            Err(ServiceError::PersonRegistered)
        }
        found => {
            let owner =
                if details.email.is_empty() { None } else { residents::find_by_email(&*tx, &details.email).await? };
            let mut details = details;
            // Someone else's account has the address. Saying so would tell any
            // signed-in person which addresses are registered: the person is
            // registered without it, and that account is told.
            if let Some(o) = &owner {
                if let Some(to) = &o.email {
                    notices::address_not_used(&*tx, state, to, now).await?;
                }
                details.email = String::new();
            }
            let person_id = Uuid::now_v7();
            let link_id = Uuid::now_v7();
            let as_proxy = Actor::Proxy { id: me, subject: person_id, link: link_id, level: Level::Manage };
            let number = super::common::people::new_number(&*tx).await?;
            enrolment::enrol(
                &*tx,
                Enrolment {
                    person: NewPerson {
                        id: person_id,
                        registration_number: &number,
                        details: &details,
                        identity: &identity,
                        insurance: &insurance,
                        email_verified_at: None,
                        entry_point: None,
                        channel: Channel::Web,
                        address: None,
                        care_insurance_number: None,
                        now,
                    },
                    found: &found,
                    registration: None,
                    joining: Joining {
                        network: net.id,
                        document: &doc,
                        by: ConsentBy::Proxy,
                        by_id: Some(me),
                        entry_point: None,
                        paper: None,
                        detail: json!({}),
                    },
                    detail: json!({ "byProxy": true }),
                },
                &|action| entry(&as_proxy, action, person_id),
            )
            .await?;
            create_link(
                &*tx,
                NewLink {
                    id: link_id,
                    proxy: me,
                    subject: person_id,
                    relationship,
                    level: Level::Manage,
                    via: Via::Registration,
                    reason: Some((reason, reason_note)),
                    attestation: Some(attestation),
                },
                now,
            )
            .await?;
            audit::append(
                &*tx,
                entry(&as_proxy, AuditAction::ProxyRegistered, person_id)
                    .subject(SubjectKind::ProxyLink, link_id)
                    .detail(json!({
                        "relationship": relationship.as_str(),
                        "reason": reason.as_str(),
                        "attestation": attestation.as_str(),
                        "level": Level::Manage.as_str(),
                    })),
                now,
            )
            .await?;
            if !details.email.is_empty() {
                let code =
                    issue_claim(&*tx, person_id, "proxy_registration", Some(me.to_string()), proxy::CLAIM_TTL, now)
                        .await?;
                notices::registered_by_proxy(
                    &*tx,
                    state,
                    &details.email,
                    &notices::ByProxy {
                        proxy_name: &proxy_person.name,
                        network_ja: &net.name,
                        network_en: net.name_en.as_deref().unwrap_or(&net.name),
                        registration_number: &PublicId::display_of(&number),
                        consent_version: doc.version,
                        claim_url: &claim_url(state, &code),
                        at: now,
                    },
                )
                .await?;
            }
            tx.commit().await?;
            state.mail.wake();
            Ok(registered(&number))
        }
    }
}

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

/// A proxy as the person sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyView {
    pub link_id: Uuid,
    pub name: String,
    pub relationship: String,
    pub level: String,
    pub active: bool,
    pub via: String,
    pub since: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
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

fn invitation_status(i: &proxy_invitation::Model, now: DateTime<Utc>) -> &'static str {
    proxy::InvitationState::of(i.accepted_at.is_some(), i.cancelled_at.is_some(), i.expires_at, now).as_str()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyProxies {
    pub proxies: Vec<ProxyView>,
    pub invitations: Vec<InvitationView>,
}

async fn proxy_view(
    db: &impl ConnectionTrait,
    l: &proxy_link::Model,
    audit_entries: &[crate::store::entity::audit_log::Model],
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
        active: l.revoked_at.is_none(),
        via: l.via.clone(),
        since: l.created_at,
        revoked_at: l.revoked_at,
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
    let about = consent_repo::audit_about(db, me, &[]).await?;
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
        proxies.push(proxy_view(db, l, &entries).await?);
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

async fn counts(
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
async fn entry_point_for_invitee(
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
async fn open_invitation(
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
    super::common::codes::check_rate(db, rate::FAILURES_PER_CLIENT, client, now).await?;
    let i = match open_invitation(db, code, now).await {
        Ok(i) => i,
        Err(e) => {
            if matches!(e, ServiceError::Proxy(ProxyRefusal::InvitationNotFound)) {
                let tx = state.db.write().await?;
                super::common::codes::count_failure(&*tx, client, now).await?;
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
    super::common::codes::check_rate(&*tx, rate::FAILURES_PER_CLIENT, client, now).await?;
    let i = match open_invitation(&*tx, code, now).await {
        Ok(i) => i,
        Err(e) => {
            if matches!(e, ServiceError::Proxy(ProxyRefusal::InvitationNotFound)) {
                super::common::codes::count_failure(&*tx, client, now).await?;
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
    let new = NewLink {
        id: Uuid::now_v7(),
        proxy: me,
        subject: i.subject_id,
        relationship,
        level,
        via: Via::Invitation,
        reason: None,
        attestation: None,
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
    let out = person_acted_for(&*tx, &link).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(out)
}

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
    let view = proxy_view(&*tx, &l, &entries).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(view)
}

/// The claim code behind what was typed, when it can be used for this
/// birth date; `claim_invalid` otherwise, whatever the reason.
async fn usable_claim(
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

fn claim_birth_date(input: &str, now: DateTime<Utc>) -> Result<Option<NaiveDate>, ServiceError> {
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
    super::common::codes::check_rate(&*tx, rate::FAILURES_PER_CLIENT, client, now).await?;
    let (c, r) = match usable_claim(&*tx, code, birth, now).await {
        Ok(found) => found,
        Err(e) => {
            super::common::codes::count_failure(&*tx, client, now).await?;
            tx.commit().await?;
            return Err(e);
        }
    };
    super::common::codes::spend(&*tx, rate::CEREMONIES_PER_CLIENT, client, now).await?;
    let user = super::common::passkeys::person_user(&*tx, &r).await?;
    let options = super::common::passkeys::start_creation(&*tx, state, user, CeremonyKind::Claim, c.id, now).await?;
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
    super::common::passkeys::audit_passkey(&*tx, r.id, now).await?;
    audit::append(
        &*tx,
        AuditEntry::new(&Actor::Resident { id: r.id }, AuditAction::SignInClaimed, Channel::Web)
            .subject(SubjectKind::Resident, r.id)
            .request_id(context::request_id())
            .detail(json!({ "issuedBy": c.issued_by_kind, "passkeysReplaced": replaced })),
        now,
    )
    .await?;
    let session = super::common::sessions::start_session(&*tx, state, r.id, SignInMethod::Claim).await?;
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
    let kind = if medical::medications_of(&*tx, me, None).await?.iter().any(|m| m.id == id) {
        "medication"
    } else if medical::allergies_of(&*tx, me).await?.iter().any(|a| a.id == id) {
        "allergy"
    } else {
        return Err(ServiceError::NotFound);
    };
    if hidden {
        repo::hide(&*tx, id, me, kind, now).await?;
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
    super::common::codes::check_rate(&*tx, rate::FAILURES_PER_CLIENT, client, now).await?;
    let (c, r) = match usable_claim(&*tx, code, birth, now).await {
        Ok(found) => found,
        Err(e) => {
            super::common::codes::count_failure(&*tx, client, now).await?;
            tx.commit().await?;
            return Err(e);
        }
    };
    // Only a reception sheet for a form whose proxy box names someone: the
    // person's own claim link is not a way in for whoever reads their mail.
    let form = crate::store::staff::registration_entry_of(&*tx, r.id).await?;
    let named = form.and_then(|e| e.proxy_relationship);
    let gives = proxy::claim_gives_proxy_role(c.issued_by_kind == "staff", named.is_some());
    let (true, Some(named)) = (gives, named) else {
        super::common::codes::count_failure(&*tx, client, now).await?;
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
    let new = NewLink {
        id: Uuid::now_v7(),
        proxy: me,
        subject: r.id,
        relationship,
        level: Level::Manage,
        via: Via::ClaimSheet,
        reason: None,
        attestation: None,
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
    let out = person_acted_for(&*tx, &link).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(out)
}
