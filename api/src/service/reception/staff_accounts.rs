//! Staff accounts: invited by the network office, enrolled with a passkey on
//! the reception PC, signed in for at most 15 idle minutes, listed and disabled.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::refused;
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::public_id::PublicId;
use crate::domain::rate;
use crate::domain::session::{new_token, token_hash};
use crate::domain::staff::{self, Role};
use crate::domain::{FieldErrorCode, Invalid, Validator};
use crate::passkey::CeremonyKind;
use crate::service::common::consent::NetworkRef;
use crate::service::common::passkeys::{self, Holder};
use crate::service::common::sessions::NewSession;
use crate::service::{ReceptionRefusal, ServiceError};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{staff as staff_row, staff_enrolment, staff_passkey};
use crate::store::{consent_documents, medical, networks, staff as repo};

/// A staff member as they see themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffView {
    pub name: String,
    pub role: Role,
    pub facility_code: String,
    pub facility_name: String,
    /// The facility's networks, with the consent version in force in each.
    pub networks: Vec<(NetworkRef, Option<i32>)>,
}

pub(super) async fn staff_view(
    db: &impl ConnectionTrait,
    s: &staff_row::Model,
    now: DateTime<Utc>,
) -> Result<StaffView, ServiceError> {
    let f = medical::facility_by_id(db, s.facility_id).await?.ok_or(ServiceError::NotFound)?;
    let mut nets = Vec::new();
    for id in medical::networks_of_facility(db, s.facility_id).await? {
        if let Some(n) = networks::network_by_id(db, id).await? {
            let version = consent_documents::current(db, n.id, now).await?.map(|d| d.version);
            nets.push((NetworkRef::from(&n), version));
        }
    }
    Ok(StaffView {
        name: s.name.clone(),
        role: Role::parse(&s.role).map_err(|_| ServiceError::Internal(format!("staff {} has a bad role", s.id)))?,
        facility_code: f.code,
        facility_name: f.name,
        networks: nets,
    })
}

pub(super) fn staff_actor(s: &staff_row::Model) -> Result<Actor, ServiceError> {
    let role = Role::parse(&s.role).map_err(|_| ServiceError::Internal(format!("staff {} has a bad role", s.id)))?;
    Ok(Actor::Staff { id: s.id, facility_id: s.facility_id, role })
}

/// A staff invitation: the enrolment link is printed once.
#[derive(Debug, Clone)]
pub struct StaffInvited {
    pub staff_id: Uuid,
    pub url: String,
    pub expires_at: DateTime<Utc>,
}

/// Creates a staff member of a facility and their one-time enrolment link
/// (operators: `renkei admin staff invite`).
pub async fn invite_staff(
    state: &AppState,
    actor: &Actor,
    facility: &str,
    role: &str,
    name: &str,
) -> Result<StaffInvited, ServiceError> {
    require(actor, Operation::ManageStaff)?;
    let now = state.clock.now();
    let mut v = Validator::new();
    let role = v.check("role", Role::parse(role));
    let name = v.check("name", staff::parse_staff_name(name));
    let code = v.check("facility", crate::domain::facility::FacilityCode::parse(facility, None));
    v.finish()?;
    let (Some(role), Some(name), Some(code)) = (role, name, code) else { return Err(Invalid::default().into()) };
    let tx = state.db.write().await?;
    let f = networks::find_facility(&*tx, code.as_str())
        .await?
        .ok_or_else(|| Invalid::one("facility", FieldErrorCode::NotFound))?;
    let id = Uuid::now_v7();
    repo::insert_staff(
        &*tx,
        staff_row::Model {
            id,
            facility_id: f.id,
            name,
            role: role.as_str().to_owned(),
            created_at: now,
            created_by: actor.audit_id().unwrap_or_default(),
            disabled_at: None,
        },
    )
    .await?;
    let (url, expires_at) = new_enrolment(&*tx, state, id, now).await?;
    audit::append(
        &*tx,
        AuditEntry::new(actor, AuditAction::StaffInvited, Channel::Cli)
            .subject(SubjectKind::Staff, id)
            .facility(f.id)
            .detail(json!({ "role": role.as_str() })),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StaffInvited { staff_id: id, url, expires_at })
}

pub(super) async fn new_enrolment(
    db: &impl ConnectionTrait,
    state: &AppState,
    staff_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(String, DateTime<Utc>), ServiceError> {
    let code = PublicId::generate(staff::ENROLMENT_CODE_LEN, &mut rand::rng());
    let expires_at = now + staff::ENROLMENT_TTL;
    repo::insert_enrolment(
        db,
        staff_enrolment::Model {
            id: Uuid::now_v7(),
            staff_id,
            code_hash: token_hash(code.as_str()),
            created_at: now,
            expires_at,
            used_at: None,
        },
    )
    .await?;
    let mut url = state.config.public_url.clone();
    url.set_path("/staff/enrol");
    url.set_fragment(Some(&code.to_string()));
    Ok((url.to_string(), expires_at))
}

/// The staff members (operators).
pub async fn list_staff(
    state: &AppState,
    actor: &Actor,
    facility: Option<&str>,
) -> Result<Vec<(staff_row::Model, String)>, ServiceError> {
    require(actor, Operation::ManageStaff)?;
    let db = state.db.reader();
    let facility_id = match facility {
        Some(code) => Some(
            networks::find_facility(db, code)
                .await?
                .ok_or_else(|| Invalid::one("facility", FieldErrorCode::NotFound))?
                .id,
        ),
        None => None,
    };
    let mut out = Vec::new();
    for s in repo::list_staff(db, facility_id).await? {
        let f = medical::facility_by_id(db, s.facility_id).await?.map(|f| f.code).unwrap_or_default();
        out.push((s, f));
    }
    Ok(out)
}

/// Disables a staff member: their sessions end at once (operators).
pub async fn disable_staff(state: &AppState, actor: &Actor, id: &str) -> Result<(), ServiceError> {
    require(actor, Operation::ManageStaff)?;
    let id = Uuid::parse_str(id).map_err(|_| Invalid::one("id", FieldErrorCode::InvalidFormat))?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let s = repo::find_staff(&*tx, id).await?.ok_or_else(|| Invalid::one("id", FieldErrorCode::NotFound))?;
    if repo::disable_staff(&*tx, id, now).await? {
        audit::append(
            &*tx,
            AuditEntry::new(actor, AuditAction::StaffDisabled, Channel::Cli)
                .subject(SubjectKind::Staff, id)
                .facility(s.facility_id),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(super) async fn usable_enrolment(
    db: &impl ConnectionTrait,
    code: &str,
    now: DateTime<Utc>,
) -> Result<(staff_enrolment::Model, staff_row::Model), ServiceError> {
    let invalid = || refused(ReceptionRefusal::EnrolmentInvalid);
    let code = PublicId::parse(code, staff::ENROLMENT_CODE_LEN).map_err(|_| invalid())?;
    let e = repo::find_enrolment_by_hash(db, &token_hash(code.as_str())).await?.ok_or_else(invalid)?;
    if e.used_at.is_some() || e.expires_at <= now {
        return Err(invalid());
    }
    let s = repo::find_staff(db, e.staff_id).await?.filter(|s| s.disabled_at.is_none()).ok_or_else(invalid)?;
    Ok((e, s))
}

/// Passkey options for a staff member enrolling with their code.
pub async fn enrol_options(
    state: &AppState,
    actor: &Actor,
    client: &str,
    code: &str,
) -> Result<(serde_json::Value, StaffView), ServiceError> {
    require(actor, Operation::SignIn)?;
    if state.webauthn.is_none() {
        return Err(ServiceError::Unavailable);
    }
    let now = state.clock.now();
    let tx = state.db.write().await?;
    crate::service::common::codes::check_rate(&*tx, rate::FAILURES_PER_CLIENT, client, now).await?;
    let (e, s) = match usable_enrolment(&*tx, code, now).await {
        Ok(found) => found,
        Err(err) => {
            crate::service::common::codes::count_failure(&*tx, client, now).await?;
            tx.commit().await?;
            return Err(err);
        }
    };
    crate::service::common::codes::spend(&*tx, rate::CEREMONIES_PER_CLIENT, client, now).await?;
    let stored = repo::passkeys_of(&*tx, s.id).await?;
    let exclude = crate::service::common::passkeys::credential_ids(stored.iter().map(|p| p.data.as_str()))?;
    let name = format!("{} ({})", s.name, s.role);
    let user = crate::service::common::passkeys::NewCredentialUser {
        id: s.id,
        name,
        display: &s.name,
        exclude: Some(exclude),
    };
    let options =
        crate::service::common::passkeys::start_creation(&*tx, state, user, CeremonyKind::StaffEnrol, e.id, now)
            .await?;
    let view = staff_view(&*tx, &s, now).await?;
    tx.commit().await?;
    Ok((options, view))
}

/// Creates the staff member's passkey, spends the code and signs them in.
pub async fn enrol_complete(
    state: &AppState,
    actor: &Actor,
    client: &str,
    code: &str,
    credential: Option<&serde_json::Value>,
) -> Result<(StaffView, NewSession), ServiceError> {
    require(actor, Operation::SignIn)?;
    let credential = credential.ok_or_else(|| Invalid::one("credential", FieldErrorCode::Required))?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let (e, s) = match passkeys::one_time_code(&*tx, client, now, usable_enrolment(&*tx, code, now)).await {
        Ok(found) => found,
        Err(stopped) => return stopped.end(tx).await,
    };
    let new = match passkeys::created(&*tx, state, CeremonyKind::StaffEnrol, e.id, credential, Holder::Staff, now).await
    {
        Ok(p) => p,
        Err(stopped) => return stopped.end(tx).await,
    };
    if !repo::use_enrolment(&*tx, e.id, now).await? {
        return Err(refused(ReceptionRefusal::EnrolmentInvalid));
    }
    repo::insert_passkey(
        &*tx,
        staff_passkey::Model {
            id: Uuid::now_v7(),
            staff_id: s.id,
            cred_id: new.cred_id,
            data: new.data,
            created_at: now,
            last_used_at: None,
        },
    )
    .await?;
    let actor = staff_actor(&s)?;
    audit::append(
        &*tx,
        AuditEntry::new(&actor, AuditAction::StaffEnrolled, Channel::Web)
            .subject(SubjectKind::Staff, s.id)
            .facility(s.facility_id)
            .request_id(context::request_id()),
        now,
    )
    .await?;
    let session = start_session(&*tx, state, &s).await?;
    let view = staff_view(&*tx, &s, now).await?;
    tx.commit().await?;
    Ok((view, session))
}

pub(super) async fn start_session(
    db: &impl ConnectionTrait,
    state: &AppState,
    s: &staff_row::Model,
) -> Result<NewSession, ServiceError> {
    let now = state.clock.now();
    let token = new_token(&mut rand::rng());
    let expires_at = now + staff::ABSOLUTE;
    let id = Uuid::now_v7();
    repo::insert_session(
        db,
        crate::store::entity::staff_session::Model {
            id,
            token_hash: token_hash(&token),
            staff_id: s.id,
            created_at: now,
            last_seen_at: now,
            expires_at,
            ended_at: None,
        },
    )
    .await?;
    audit::append(
        db,
        AuditEntry::new(&staff_actor(s)?, AuditAction::SignedIn, Channel::Web)
            .subject(SubjectKind::Staff, s.id)
            .facility(s.facility_id)
            .request_id(context::request_id())
            .detail(json!({ "method": "passkey", "session": id })),
        now,
    )
    .await?;
    Ok(NewSession { token, expires_at })
}

/// Options for a staff member's passkey sign-in (discoverable).
pub async fn sign_in_options(
    state: &AppState,
    actor: &Actor,
    client: &str,
) -> Result<(Uuid, serde_json::Value), ServiceError> {
    require(actor, Operation::SignIn)?;
    crate::service::common::passkeys::start_discoverable(state, client, CeremonyKind::StaffSignIn).await
}

/// Signs a staff member in with their passkey. A resident's passkey never
/// signs anyone in here: only staff passkeys are looked up.
pub async fn sign_in(
    state: &AppState,
    actor: &Actor,
    ceremony: &str,
    credential: Option<&serde_json::Value>,
) -> Result<(StaffView, NewSession), ServiceError> {
    require(actor, Operation::SignIn)?;
    let now = state.clock.now();
    let incorrect = || ServiceError::from(Invalid::one("credential", FieldErrorCode::Incorrect));
    let credential = credential.ok_or_else(|| Invalid::one("credential", FieldErrorCode::Required))?;
    let tx = state.db.write().await?;
    let a = match crate::service::common::passkeys::read_discoverable(
        &*tx,
        state,
        CeremonyKind::StaffSignIn,
        ceremony,
        credential,
    )
    .await?
    {
        Ok(a) => a,
        Err(e) => {
            tx.commit().await?;
            return Err(e);
        }
    };
    let Some(stored) = repo::find_passkey(&*tx, &a.cred_key).await?.filter(|p| p.staff_id == a.user) else {
        tx.commit().await?;
        return Err(incorrect());
    };
    let data = match crate::service::common::passkeys::verify_discoverable(state, a, &stored.data) {
        Ok(d) => d,
        Err(e) => {
            tx.commit().await?;
            return Err(e);
        }
    };
    repo::passkey_used(&*tx, stored.id, data, now).await?;
    let s = repo::find_staff(&*tx, stored.staff_id).await?.filter(|s| s.disabled_at.is_none()).ok_or_else(incorrect)?;
    let session = start_session(&*tx, state, &s).await?;
    let view = staff_view(&*tx, &s, now).await?;
    tx.commit().await?;
    Ok((view, session))
}

/// The staff member of a session cookie, while the session is live (15 idle
/// minutes, 12 hours) and the account enabled; its idle time restarts.
pub async fn authenticate(state: &AppState, token: &str) -> Result<Option<(Uuid, Actor)>, ServiceError> {
    if token.is_empty() || token.len() > 128 {
        return Ok(None);
    }
    let now = state.clock.now();
    let db = state.db.reader();
    let Some(s) = repo::find_session(db, &token_hash(token)).await? else { return Ok(None) };
    let ends = (s.last_seen_at + staff::IDLE).min(s.created_at + staff::ABSOLUTE);
    if now >= ends {
        return Ok(None);
    }
    let Some(member) = repo::find_staff(db, s.staff_id).await?.filter(|m| m.disabled_at.is_none()) else {
        return Ok(None);
    };
    if now - s.last_seen_at >= crate::domain::session::TOUCH_EVERY {
        let tx = state.db.write().await?;
        repo::touch_session(&*tx, s.id, now).await?;
        tx.commit().await?;
    }
    Ok(Some((s.id, staff_actor(&member)?)))
}

pub async fn sign_out(state: &AppState, session_id: Uuid, actor: &Actor) -> Result<(), ServiceError> {
    require(actor, Operation::ReadOwnStaffAccount)?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    if repo::end_session(&*tx, session_id, now).await? {
        let mut e = AuditEntry::new(actor, AuditAction::SignedOut, Channel::Web).request_id(context::request_id());
        if let Actor::Staff { id, facility_id, .. } = actor {
            e = e.subject(SubjectKind::Staff, id).facility(*facility_id);
        }
        audit::append(&*tx, e, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn me(state: &AppState, actor: &Actor) -> Result<StaffView, ServiceError> {
    require(actor, Operation::ReadOwnStaffAccount)?;
    let Actor::Staff { id, .. } = actor else { return Err(ServiceError::NotFound) };
    let db = state.db.reader();
    let s = repo::find_staff(db, *id).await?.ok_or(ServiceError::NotFound)?;
    staff_view(db, &s, state.clock.now()).await
}
