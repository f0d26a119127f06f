//! Clinic reception: staff accounts (invited by the network office, enrolled
//! with a passkey on the reception PC, signed in for at most 15 idle
//! minutes), and the paper forms they enter for their own facility —
//! registrations (with the proxy box, a duplicate check before saving and a
//! claim sheet after), withdrawals, corrections and claim-sheet reissues.
//!
//! Reception sees what registering people needs and nothing of their
//! medical data; a facility's staff see their own facility's entries only.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::common::consent::{NetworkRef, Record};
use super::common::enrolment::{self, Enrolment, Found, Joining};
use super::common::passkeys::{self, Holder};
use super::common::sessions::NewSession;
use super::{ConsentRefusal, ReceptionRefusal, ServiceError, notices};
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::consent::ConsentBy;
use crate::domain::identity::{Identity, InsuranceKey};
use crate::domain::proxy::{self, Reason, Relationship};
use crate::domain::public_id::PublicId;
use crate::domain::rate;
use crate::domain::registration::{NUMBER_LEN, RegistrationDetails, RegistrationInput};
use crate::domain::session::{new_token, token_hash};
use crate::domain::staff::{self, Role};
use crate::domain::{FieldErrorCode, Invalid, Validator, person};
use crate::passkey::CeremonyKind;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{
    paper_entry, paper_entry_change, resident, staff as staff_row, staff_enrolment, staff_passkey,
};
use crate::store::{consent_documents, consents as consent_repo, medical, networks, residents, staff as repo};

fn refused(r: ReceptionRefusal) -> ServiceError {
    ServiceError::Reception(r)
}

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

async fn staff_view(
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

fn staff_actor(s: &staff_row::Model) -> Result<Actor, ServiceError> {
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

async fn new_enrolment(
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

async fn usable_enrolment(
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
    super::common::codes::check_rate(&*tx, rate::FAILURES_PER_CLIENT, client, now).await?;
    let (e, s) = match usable_enrolment(&*tx, code, now).await {
        Ok(found) => found,
        Err(err) => {
            super::common::codes::count_failure(&*tx, client, now).await?;
            tx.commit().await?;
            return Err(err);
        }
    };
    super::common::codes::spend(&*tx, rate::CEREMONIES_PER_CLIENT, client, now).await?;
    let stored = repo::passkeys_of(&*tx, s.id).await?;
    let exclude = super::common::passkeys::credential_ids(stored.iter().map(|p| p.data.as_str()))?;
    let name = format!("{} ({})", s.name, s.role);
    let user = super::common::passkeys::NewCredentialUser { id: s.id, name, display: &s.name, exclude: Some(exclude) };
    let options =
        super::common::passkeys::start_creation(&*tx, state, user, CeremonyKind::StaffEnrol, e.id, now).await?;
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

async fn start_session(
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
    super::common::passkeys::start_discoverable(state, client, CeremonyKind::StaffSignIn).await
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
    let a =
        match super::common::passkeys::read_discoverable(&*tx, state, CeremonyKind::StaffSignIn, ceremony, credential)
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
    let data = match super::common::passkeys::verify_discoverable(state, a, &stored.data) {
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

/// The staff member's facility, once paper entry is allowed.
fn facility_of(actor: &Actor) -> Result<(Uuid, Uuid), ServiceError> {
    require(actor, Operation::EnterPaperForms)?;
    match actor {
        Actor::Staff { id, facility_id, .. } => Ok((*id, *facility_id)),
        _ => Err(ServiceError::NotFound),
    }
}

/// The rate-limit key of a staff member.
fn staff_key(actor: &Actor) -> String {
    format!("staff:{}", actor.audit_id().unwrap_or_default())
}

/// A registered person who may be the one on the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Partly hidden.
    pub registration_number: String,
    pub name: String,
    pub name_kana: String,
    pub birth_date: NaiveDate,
    pub registered_on: NaiveDate,
    pub channel: String,
}

/// People with this kana name and birth date who joined (or once joined) a
/// network of the staff member's facility: reception sees no one of other
/// networks.
async fn same_name_and_birth(
    db: &impl ConnectionTrait,
    facility: Uuid,
    kana_key: &str,
    birth: NaiveDate,
) -> Result<Vec<resident::Model>, ServiceError> {
    let networks = crate::store::medical::networks_of_facility(db, facility).await?;
    let mut out = Vec::new();
    for (r, _) in residents::candidates(db, kana_key, birth, "", "").await? {
        if r.kana_key == kana_key
            && r.birth_date == birth
            && crate::store::medical::ever_consented(db, r.id, &networks).await?
        {
            out.push(r);
        }
    }
    Ok(out)
}

fn candidate(r: &resident::Model) -> Candidate {
    Candidate {
        registration_number: staff::mask_number(&PublicId::display_of(&r.registration_number)),
        name: r.name.clone(),
        name_kana: r.name_kana.clone(),
        birth_date: r.birth_date,
        registered_on: crate::domain::japan_time::day(r.created_at),
        channel: r.channel.clone(),
    }
}

/// People registered with the same name in kana and birth date: what the
/// entry screen shows before saving. Recorded in the audit log.
pub async fn duplicates(
    state: &AppState,
    actor: &Actor,
    name_kana: &str,
    birth_date: &str,
) -> Result<Vec<Candidate>, ServiceError> {
    let (_, facility) = facility_of(actor)?;
    let now = state.clock.now();
    let mut v = Validator::new();
    let kana = v.check("nameKana", person::parse_kana(name_kana));
    let birth = v.check("birthDate", person::parse_birth_date(birth_date, crate::domain::japan_time::day(now)));
    v.finish()?;
    let (Some(kana), Some(birth)) = (kana, birth) else { return Err(Invalid::default().into()) };
    let key = person::kana_match_key(&kana);
    let tx = state.db.write().await?;
    // A look-up by name and birth date is not a search engine: bounded per staff member.
    super::common::codes::spend(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
    let found = same_name_and_birth(&*tx, facility, &key, birth).await?;
    audit::append(
        &*tx,
        AuditEntry::new(actor, AuditAction::DuplicateCheck, Channel::Paper)
            .facility(facility)
            .request_id(context::request_id())
            .detail(json!({ "found": found.len() })),
        now,
    )
    .await?;
    // Each person shown is told in their own record that reception looked.
    for r in &found {
        let mut e = AuditEntry::new(actor, AuditAction::DuplicateCheck, Channel::Paper)
            .subject(SubjectKind::Resident, r.id)
            .facility(facility)
            .request_id(context::request_id());
        e.on_behalf_of = Some(r.id);
        audit::append(&*tx, e, now).await?;
    }
    tx.commit().await?;
    Ok(found.iter().map(candidate).collect())
}

/// A claim sheet's code, shown once.
#[derive(Debug, Clone)]
pub struct ClaimSheet {
    pub code: PublicId,
    pub url: String,
    pub expires_at: DateTime<Utc>,
}

/// A paper entry as reception sees it.
#[derive(Debug, Clone)]
pub struct EntryView {
    pub id: Uuid,
    pub kind: String,
    pub form_serial: String,
    pub registration_number: String,
    pub name: String,
    pub name_kana: String,
    pub network: NetworkRef,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
    pub corrected: usize,
    pub claim: Option<ClaimSheet>,
}

async fn entry_view(
    db: &impl ConnectionTrait,
    e: &paper_entry::Model,
    corrected: usize,
    claim: Option<ClaimSheet>,
) -> Result<EntryView, ServiceError> {
    let r = residents::find(db, e.resident_id).await?.ok_or(ServiceError::NotFound)?;
    let n = networks::network_by_id(db, e.network_id).await?.ok_or(ServiceError::NotFound)?;
    let by = repo::find_staff(db, e.staff_id).await?.map(|s| s.name).unwrap_or_default();
    Ok(EntryView {
        id: e.id,
        kind: e.kind.clone(),
        form_serial: e.form_serial.clone(),
        registration_number: PublicId::display_of(&r.registration_number),
        name: r.name,
        name_kana: r.name_kana,
        network: NetworkRef::from(&n),
        entered_at: e.created_at,
        entered_by: by,
        corrected,
        claim,
    })
}

async fn issue_sheet(
    db: &impl ConnectionTrait,
    state: &AppState,
    person: Uuid,
    staff_id: Uuid,
    now: DateTime<Utc>,
) -> Result<ClaimSheet, ServiceError> {
    let code = super::common::people::issue_claim(
        db,
        person,
        "staff",
        Some(staff_id.to_string()),
        staff::PAPER_CLAIM_TTL,
        now,
    )
    .await?;
    let mut url = state.config.public_url.clone();
    url.set_path("/claim");
    url.set_fragment(Some(&code.to_string()));
    Ok(ClaimSheet { code, url: url.to_string(), expires_at: now + staff::PAPER_CLAIM_TTL })
}

/// The proxy box of a form: all three together, or none.
type ProxyBox = Option<(String, Relationship, Reason)>;

fn parse_proxy_box(
    v: &mut Validator,
    name: Option<&str>,
    relationship: Option<&str>,
    reason: Option<&str>,
) -> ProxyBox {
    let given = |s: Option<&str>| s.is_some_and(|s| !s.trim().is_empty());
    if !given(name) && !given(relationship) && !given(reason) {
        return None;
    }
    let name = v.check("proxyName", crate::domain::text::parse_name(name.unwrap_or(""), staff::NAME_MAX_CHARS));
    let relationship = v.check("proxyRelationship", Relationship::parse(relationship.unwrap_or("")));
    let reason = v.check("proxyReason", Reason::parse(reason.unwrap_or("")));
    match (name, relationship, reason) {
        (Some(n), Some(r), Some(why)) => Some((n, r, why)),
        _ => None,
    }
}

/// Everything a paper registration form carries.
pub struct PaperRegistration<'a> {
    pub network: &'a str,
    pub consent_version: Option<i32>,
    pub form_serial: &'a str,
    pub signed_on: &'a str,
    pub details: RegistrationInput<'a>,
    pub address: Option<&'a str>,
    pub care_insurance_number: Option<&'a str>,
    pub proxy_name: Option<&'a str>,
    pub proxy_relationship: Option<&'a str>,
    pub proxy_reason: Option<&'a str>,
    pub identity_checked: bool,
    pub form_received: bool,
    pub not_duplicate: bool,
}

/// The network of a form: one the facility belongs to.
async fn form_network(
    db: &impl ConnectionTrait,
    facility: Uuid,
    code: &str,
) -> Result<crate::store::entity::network::Model, ServiceError> {
    let not_found = || ServiceError::from(Invalid::one("network", FieldErrorCode::NotFound));
    let net = super::common::consent::network_of(db, code).await.map_err(|_| not_found())?;
    if !medical::networks_of_facility(db, facility).await?.contains(&net.id) {
        return Err(not_found());
    }
    Ok(net)
}

/// Enters a paper registration: the person (and the proxy named on the
/// form), their consent given on paper with the staff member, the facility
/// and the form's serial, and a claim sheet.
pub async fn register_paper(
    state: &AppState,
    actor: &Actor,
    input: PaperRegistration<'_>,
) -> Result<EntryView, ServiceError> {
    let (staff_id, facility) = facility_of(actor)?;
    let now = state.clock.now();
    let today = crate::domain::japan_time::day(now);
    let mut v = Validator::new();
    let serial = v.check("formSerial", staff::parse_form_serial(input.form_serial));
    let signed_on = v.check("signedOn", staff::parse_signed_on(input.signed_on, today));
    let details = v.merge(RegistrationDetails::parse_for_proxy(&input.details, today));
    let address = v.check("address", staff::parse_address(input.address));
    let care = v.check("careInsuranceNumber", staff::parse_care_insurance_number(input.care_insurance_number));
    let proxy_box = parse_proxy_box(&mut v, input.proxy_name, input.proxy_relationship, input.proxy_reason);
    if input.network.trim().is_empty() {
        v.push("network", FieldErrorCode::Required);
    }
    if input.consent_version.is_none() {
        v.push("consentVersion", FieldErrorCode::Required);
    }
    if !input.identity_checked {
        v.push("identityChecked", FieldErrorCode::Required);
    }
    if !input.form_received {
        v.push("formReceived", FieldErrorCode::Required);
    }
    v.finish()?;
    let (Some(serial), Some(signed_on), Some(details), Some(address), Some(care)) =
        (serial, signed_on, details, address, care)
    else {
        return Err(Invalid::default().into());
    };

    let tx = state.db.write().await?;
    let net = form_network(&*tx, facility, input.network).await?;
    let doc = match consent_documents::current(&*tx, net.id, now).await? {
        Some(d) if Some(d.version) == input.consent_version => d,
        _ => return Err(Invalid::one("consentVersion", FieldErrorCode::Expired).into()),
    };
    if repo::serial_used(&*tx, facility, &serial).await? {
        return Err(refused(ReceptionRefusal::FormSerialUsed));
    }
    // Being told someone is registered, or has a namesake, is a look-up like
    // a duplicate check: bounded per staff member, each refusal counted.
    super::common::codes::check_rate(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
    let identity = Identity::new(&details.name_kana, details.birth_date, details.sex);
    let insurance = InsuranceKey::from(&details.insurance);
    let found = enrolment::find(&*tx, &identity, &insurance, None).await?;
    // The namesakes the duplicate check would show (this facility's networks only).
    let alike = !same_name_and_birth(&*tx, facility, &identity.kana_key, details.birth_date).await?.is_empty();
    let refusal = if matches!(found, Found::Same(_)) {
        Some(ReceptionRefusal::AlreadyRegistered)
    } else if alike && !input.not_duplicate {
        Some(ReceptionRefusal::PossibleDuplicate)
    } else {
        None
    };
    if let Some(r) = refusal {
        crate::store::auth::count_event(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
        tx.commit().await?;
        return Err(refused(r));
    }
    if !details.email.is_empty() {
        // Whether an address is someone's is a look-up, like a duplicate check:
        // bounded per staff member, a refusal counted (and kept) as one.
        super::common::codes::check_rate(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
        if residents::find_by_email(&*tx, &details.email).await?.is_some() {
            crate::store::auth::count_event(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
            tx.commit().await?;
            return Err(Invalid::one("email", FieldErrorCode::AlreadyExists).into());
        }
    }
    let person_id = Uuid::now_v7();
    let entry_id = Uuid::now_v7();
    let number = super::common::people::new_number(&*tx).await?;
    let on_paper = |action| {
        let mut e = AuditEntry::new(actor, action, Channel::Paper)
            .facility(facility)
            .network(net.id)
            .request_id(context::request_id());
        e.on_behalf_of = Some(person_id);
        e
    };
    let enrolled = enrolment::enrol(
        &*tx,
        Enrolment {
            person: super::common::people::NewPerson {
                id: person_id,
                registration_number: &number,
                details: &details,
                identity: &identity,
                insurance: &insurance,
                email_verified_at: None,
                entry_point: None,
                channel: Channel::Paper,
                address,
                care_insurance_number: care,
                now,
            },
            found: &found,
            registration: None,
            joining: Joining {
                network: net.id,
                document: &doc,
                by: ConsentBy::Staff,
                by_id: Some(staff_id),
                entry_point: None,
                paper: Some((facility, serial.clone())),
                detail: json!({ "formSerial": serial }),
            },
            detail: json!({ "paperEntry": entry_id, "byProxy": proxy_box.is_some() }),
        },
        &on_paper,
    )
    .await?;
    let entry = paper_entry::Model {
        id: entry_id,
        facility_id: facility,
        staff_id,
        kind: "registration".into(),
        form_serial: serial.clone(),
        signed_on,
        resident_id: person_id,
        network_id: net.id,
        consent_id: Some(enrolled.consent),
        proxy_name: proxy_box.as_ref().map(|(n, _, _)| n.clone()),
        proxy_relationship: proxy_box.as_ref().map(|(_, r, _)| r.as_str().to_owned()),
        proxy_reason: proxy_box.as_ref().map(|(_, _, why)| why.as_str().to_owned()),
        created_at: now,
    };
    repo::insert_entry(&*tx, entry.clone()).await.map_err(|e| match e {
        crate::store::StoreError::Duplicate => refused(ReceptionRefusal::FormSerialUsed),
        e => e.into(),
    })?;
    let sheet = issue_sheet(&*tx, state, person_id, staff_id, now).await?;
    audit::append(&*tx, on_paper(AuditAction::ClaimSheetIssued).subject(SubjectKind::PaperEntry, entry_id), now)
        .await?;
    if !details.email.is_empty() {
        notices::registered(
            &*tx,
            state,
            &details.email,
            &notices::Confirmation {
                registration_number: &PublicId::display_of(&number),
                network_ja: &net.name,
                network_en: net.name_en.as_deref().unwrap_or(&net.name),
                consent_version: doc.version,
                at: now,
            },
        )
        .await?;
    }
    let view = entry_view(&*tx, &entry, 0, Some(sheet)).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(view)
}

/// A paper withdrawal form.
pub struct PaperWithdrawal<'a> {
    pub network: &'a str,
    pub form_serial: &'a str,
    pub signed_on: &'a str,
    pub registration_number: &'a str,
    pub birth_date: &'a str,
    pub identity_checked: bool,
    pub form_received: bool,
}

/// Enters a paper withdrawal: effective now, recorded with the staff
/// member, the facility and the form.
pub async fn withdraw_paper(
    state: &AppState,
    actor: &Actor,
    input: PaperWithdrawal<'_>,
) -> Result<EntryView, ServiceError> {
    let (staff_id, facility) = facility_of(actor)?;
    let now = state.clock.now();
    let today = crate::domain::japan_time::day(now);
    let mut v = Validator::new();
    let serial = v.check("formSerial", staff::parse_form_serial(input.form_serial));
    let signed_on = v.check("signedOn", staff::parse_signed_on(input.signed_on, today));
    let number = v.check("registrationNumber", PublicId::parse(input.registration_number, NUMBER_LEN));
    let birth = v.check("birthDate", person::parse_birth_date(input.birth_date, today));
    if input.network.trim().is_empty() {
        v.push("network", FieldErrorCode::Required);
    }
    if !input.identity_checked {
        v.push("identityChecked", FieldErrorCode::Required);
    }
    if !input.form_received {
        v.push("formReceived", FieldErrorCode::Required);
    }
    v.finish()?;
    let (Some(serial), Some(signed_on), Some(number), Some(birth)) = (serial, signed_on, number, birth) else {
        return Err(Invalid::default().into());
    };
    let tx = state.db.write().await?;
    let net = form_network(&*tx, facility, input.network).await?;
    if repo::serial_used(&*tx, facility, &serial).await? {
        return Err(refused(ReceptionRefusal::FormSerialUsed));
    }
    let r = residents::find_by_number(&*tx, number.as_str())
        .await?
        .filter(|r| r.birth_date == birth)
        .ok_or(ServiceError::NotFound)?;
    consent_repo::lock_person(&*tx, r.id).await?;
    let record = Record::load(&*tx, r.id).await?;
    let Some(current) = record.in_force(net.id).cloned() else {
        let ever = record.consents.iter().any(|c| c.network_id == net.id);
        return Err(ServiceError::Consent(if ever {
            ConsentRefusal::AlreadyWithdrawn
        } else {
            ConsentRefusal::NotJoined
        }));
    };
    let w = consent_repo::Withdrawal {
        at: now,
        by_kind: ConsentBy::Staff.as_str(),
        by_id: Some(staff_id),
        channel: Channel::Paper.as_str(),
    };
    if !consent_repo::withdraw(&*tx, current.id, w).await? {
        return Err(ServiceError::Consent(ConsentRefusal::AlreadyWithdrawn));
    }
    let entry = paper_entry::Model {
        id: Uuid::now_v7(),
        facility_id: facility,
        staff_id,
        kind: "withdrawal".into(),
        form_serial: serial.clone(),
        signed_on,
        resident_id: r.id,
        network_id: net.id,
        consent_id: Some(current.id),
        proxy_name: None,
        proxy_relationship: None,
        proxy_reason: None,
        created_at: now,
    };
    repo::insert_entry(&*tx, entry.clone()).await.map_err(|e| match e {
        crate::store::StoreError::Duplicate => refused(ReceptionRefusal::FormSerialUsed),
        e => e.into(),
    })?;
    let mut e = AuditEntry::new(actor, AuditAction::ConsentWithdrawn, Channel::Paper)
        .subject(SubjectKind::Consent, current.id)
        .network(net.id)
        .facility(facility)
        .request_id(context::request_id())
        .detail(json!({ "formSerial": serial, "paperEntry": entry.id }));
    e.on_behalf_of = Some(r.id);
    audit::append(&*tx, e, now).await?;
    if let Some(to) = &r.email {
        notices::consent_changed(&*tx, state, to, &net, notices::ConsentChange::Withdrawn, now, None).await?;
    }
    let view = entry_view(&*tx, &entry, 0, None).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(view)
}

/// The facility's entries of a day in Japan (today by default), newest first.
pub async fn entries(
    state: &AppState,
    actor: &Actor,
    day: Option<&str>,
) -> Result<(NaiveDate, Vec<EntryView>), ServiceError> {
    let (_, facility) = facility_of(actor)?;
    let day = match day {
        Some(d) if !d.trim().is_empty() => person::parse_date(d).map_err(|c| Invalid::one("day", c))?,
        _ => crate::domain::japan_time::day(state.clock.now()),
    };
    let db = state.db.reader();
    let from = crate::domain::japan_time::midnight(day);
    let rows = repo::entries_between(db, facility, from, from + chrono::Duration::days(1)).await?;
    let ids: Vec<Uuid> = rows.iter().map(|e| e.id).collect();
    let changes = repo::changes_of(db, &ids).await?;
    let mut out = Vec::new();
    for e in &rows {
        let n = changes.iter().filter(|c| c.entry_id == e.id).count();
        out.push(entry_view(db, e, n, None).await?);
    }
    Ok((day, out))
}

/// One entry with the details as they stand now, and its corrections.
#[derive(Debug, Clone)]
pub struct EntryDetail {
    pub entry: EntryView,
    pub person: resident::Model,
    pub insurance: Option<crate::store::entity::resident_insurance::Model>,
    pub signed_on: NaiveDate,
    pub proxy_name: Option<String>,
    pub proxy_relationship: Option<String>,
    pub proxy_reason: Option<String>,
    /// Newest first: when, by whom, which fields.
    pub changes: Vec<(DateTime<Utc>, String, Vec<String>)>,
}

async fn detail(db: &impl ConnectionTrait, e: &paper_entry::Model) -> Result<EntryDetail, ServiceError> {
    let changes = repo::changes_of(db, &[e.id]).await?;
    let mut list = Vec::new();
    for c in &changes {
        let by = repo::find_staff(db, c.staff_id).await?.map(|s| s.name).unwrap_or_default();
        let fields: Vec<String> = serde_json::from_str(&c.fields).unwrap_or_default();
        list.push((c.at, by, fields));
    }
    let person = residents::find(db, e.resident_id).await?.ok_or(ServiceError::NotFound)?;
    let insurance = residents::insurance_of(db, e.resident_id).await?.into_iter().last();
    Ok(EntryDetail {
        entry: entry_view(db, e, changes.len(), None).await?,
        person,
        insurance,
        signed_on: e.signed_on,
        proxy_name: e.proxy_name.clone(),
        proxy_relationship: e.proxy_relationship.clone(),
        proxy_reason: e.proxy_reason.clone(),
        changes: list,
    })
}

/// What reception is shown of an entry: for a registration it entered, the
/// details with the insurance and 介護保険 numbers and the address partly
/// hidden (a correction retypes them whole); for a withdrawal, only who it
/// was, never the person's other details.
fn shown(mut d: EntryDetail) -> EntryDetail {
    if d.entry.kind == "registration" {
        if let Some(i) = d.insurance.as_mut() {
            i.number = staff::mask_tail(&i.number, 2);
        }
        d.person.care_insurance_number = d.person.care_insurance_number.as_deref().map(|c| staff::mask_tail(c, 2));
        d.person.email = d.person.email.as_deref().map(crate::domain::mail::mask_address);
    } else {
        d.insurance = None;
        d.person.phone = None;
        d.person.email = None;
        d.person.address = None;
        d.person.care_insurance_number = None;
    }
    d
}

async fn own_entry(db: &impl ConnectionTrait, facility: Uuid, id: &str) -> Result<paper_entry::Model, ServiceError> {
    let id = Uuid::parse_str(id).map_err(|_| ServiceError::NotFound)?;
    repo::entry_of(db, facility, id).await?.ok_or(ServiceError::NotFound)
}

pub async fn entry(state: &AppState, actor: &Actor, id: &str) -> Result<EntryDetail, ServiceError> {
    let (_, facility) = facility_of(actor)?;
    let db = state.db.reader();
    let e = own_entry(db, facility, id).await?;
    Ok(shown(detail(db, &e).await?))
}

/// A correction of a paper registration: the fields given replace what was entered.
#[derive(Default)]
pub struct Correction<'a> {
    pub name: Option<&'a str>,
    pub name_kana: Option<&'a str>,
    pub sex: Option<&'a str>,
    pub birth_date: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub address: Option<&'a str>,
    pub care_insurance_number: Option<&'a str>,
    pub email: Option<&'a str>,
    pub document_kind: Option<&'a str>,
    pub insurer_number: Option<&'a str>,
    pub symbol: Option<&'a str>,
    pub number: Option<&'a str>,
    pub branch: Option<&'a str>,
    pub proxy_name: Option<&'a str>,
    pub proxy_relationship: Option<&'a str>,
    pub proxy_reason: Option<&'a str>,
    pub signed_on: Option<&'a str>,
}

/// Corrects a paper registration of the facility; records who changed
/// which fields (the values are in the record itself, not the audit log).
pub async fn correct(
    state: &AppState,
    actor: &Actor,
    id: &str,
    c: Correction<'_>,
) -> Result<EntryDetail, ServiceError> {
    let (staff_id, facility) = facility_of(actor)?;
    let now = state.clock.now();
    let today = crate::domain::japan_time::day(now);
    let tx = state.db.write().await?;
    let e = own_entry(&*tx, facility, id).await?;
    if e.kind != "registration" {
        return Err(ServiceError::Conflict);
    }
    let before = detail(&*tx, &e).await?;
    let p = &before.person;
    if super::common::people::has_own_sign_in(&*tx, p).await? {
        return Err(refused(ReceptionRefusal::SignsInAlready));
    }
    let ins = before.insurance.clone().ok_or(ServiceError::NotFound)?;
    let birth_text = p.birth_date.format("%Y-%m-%d").to_string();
    let signed_text = e.signed_on.format("%Y-%m-%d").to_string();
    let input = RegistrationInput {
        document: c.document_kind.unwrap_or(&ins.document),
        insurer_number: c.insurer_number.unwrap_or(&ins.insurer_number),
        symbol: c.symbol.unwrap_or(&ins.symbol),
        number: c.number.unwrap_or(&ins.number),
        branch: c.branch.or(ins.branch.as_deref()),
        name: c.name.unwrap_or(&p.name),
        name_kana: c.name_kana.unwrap_or(&p.name_kana),
        birth_date: c.birth_date.unwrap_or(&birth_text),
        sex: c.sex.unwrap_or(&p.sex),
        phone: c.phone.unwrap_or(p.phone.as_deref().unwrap_or("")),
        email: c.email.unwrap_or(p.email.as_deref().unwrap_or("")),
    };
    let mut v = Validator::new();
    let details = v.merge(RegistrationDetails::parse_for_proxy(&input, today));
    let address = v.check("address", staff::parse_address(c.address.or(p.address.as_deref())));
    let care = v.check(
        "careInsuranceNumber",
        staff::parse_care_insurance_number(c.care_insurance_number.or(p.care_insurance_number.as_deref())),
    );
    let proxy_box = parse_proxy_box(
        &mut v,
        c.proxy_name.or(e.proxy_name.as_deref()),
        c.proxy_relationship.or(e.proxy_relationship.as_deref()),
        c.proxy_reason.or(e.proxy_reason.as_deref()),
    );
    let signed_on = v.check("signedOn", staff::parse_signed_on(c.signed_on.unwrap_or(&signed_text), today));
    v.finish()?;
    let (Some(d), Some(address), Some(care), Some(signed_on)) = (details, address, care, signed_on) else {
        return Err(Invalid::default().into());
    };
    let email = (!d.email.is_empty()).then(|| d.email.clone());
    if email.is_some() && email != p.email {
        // Whether an address is someone's is a look-up, like a duplicate check:
        // bounded per staff member, a refusal counted (and kept) as one.
        super::common::codes::check_rate(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
        if residents::find_by_email(&*tx, &d.email).await?.is_some() {
            crate::store::auth::count_event(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
            tx.commit().await?;
            return Err(Invalid::one("email", FieldErrorCode::AlreadyExists).into());
        }
    }
    let insurance = InsuranceKey::from(&d.insurance);
    let proxy = (
        proxy_box.as_ref().map(|(n, _, _)| n.clone()),
        proxy_box.as_ref().map(|(_, r, _)| r.as_str().to_owned()),
        proxy_box.as_ref().map(|(_, _, why)| why.as_str().to_owned()),
    );
    let mut changed: Vec<&str> = Vec::new();
    let mut note = |field: &'static str, differs: bool| {
        if differs {
            changed.push(field);
        }
    };
    note("name", d.name != p.name);
    note("nameKana", d.name_kana != p.name_kana);
    note("sex", d.sex.as_str() != p.sex);
    note("birthDate", d.birth_date != p.birth_date);
    note("phone", Some(&d.phone) != p.phone.as_ref());
    note("email", email != p.email);
    note("address", address != p.address);
    note("careInsuranceNumber", care != p.care_insurance_number);
    note("documentKind", d.document.as_str() != ins.document);
    note("insurerNumber", insurance.insurer != ins.insurer_number);
    note("symbol", insurance.symbol != ins.symbol);
    note("number", insurance.number != ins.number);
    note("branch", insurance.branch != ins.branch);
    note("proxyName", proxy.0 != e.proxy_name);
    note("proxyRelationship", proxy.1 != e.proxy_relationship);
    note("proxyReason", proxy.2 != e.proxy_reason);
    note("signedOn", signed_on != e.signed_on);
    if changed.is_empty() {
        return Ok(shown(before));
    }
    // A correction of who the person is goes through identity resolution
    // again: it must not make them someone already registered, and a near
    // match goes to the network office as for a new registration.
    let identifying = ["name", "nameKana", "sex", "birthDate", "insurerNumber", "symbol", "number", "branch"];
    if changed.iter().any(|f| identifying.contains(f)) {
        super::common::codes::check_rate(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
        let identity = Identity::new(&d.name_kana, d.birth_date, d.sex);
        let found = enrolment::find(&*tx, &identity, &insurance, Some(p.id)).await?;
        if let Found::Same(_) = found {
            // A look-up of who is registered: counted like a duplicate check.
            crate::store::auth::count_event(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
            tx.commit().await?;
            return Err(refused(ReceptionRefusal::AlreadyRegistered));
        }
        enrolment::review_if_near(&*tx, &found, p.id, None, now).await?;
    }
    let email_verified_at = if email == p.email { p.email_verified_at } else { None };
    residents::update_person(
        &*tx,
        resident::Model {
            name: d.name.clone(),
            name_kana: d.name_kana.clone(),
            kana_key: person::kana_match_key(&d.name_kana),
            birth_date: d.birth_date,
            sex: d.sex.as_str().to_owned(),
            phone: Some(d.phone.clone()),
            email,
            email_verified_at,
            address,
            care_insurance_number: care,
            ..p.clone()
        },
    )
    .await?;
    residents::update_insurance(
        &*tx,
        crate::store::entity::resident_insurance::Model {
            document: d.document.as_str().to_owned(),
            insurer_number: insurance.insurer.clone(),
            symbol: insurance.symbol.clone(),
            number: insurance.number.clone(),
            branch: insurance.branch.clone(),
            ..ins
        },
    )
    .await?;
    repo::update_entry_proxy(&*tx, e.id, proxy.0, proxy.1, proxy.2, signed_on).await?;
    let fields = serde_json::to_string(&changed).map_err(|err| ServiceError::Internal(err.to_string()))?;
    repo::insert_change(
        &*tx,
        paper_entry_change::Model { id: Uuid::now_v7(), entry_id: e.id, staff_id, at: now, fields },
    )
    .await?;
    let mut a = AuditEntry::new(actor, AuditAction::PaperEntryCorrected, Channel::Paper)
        .subject(SubjectKind::PaperEntry, e.id)
        .facility(facility)
        .request_id(context::request_id())
        .detail(json!({ "fields": changed }));
    a.on_behalf_of = Some(e.resident_id);
    audit::append(&*tx, a, now).await?;
    // An address changed by reception is told to the address it replaces.
    if changed.contains(&"email")
        && let Some(old) = &p.email
    {
        super::notices::sign_in_changed(
            &*tx,
            state,
            old,
            now,
            "登録の受付で、この登録のメールアドレスが変更されました",
            "reception changed the address on this registration",
        )
        .await?;
    }
    let e = repo::entry_of(&*tx, facility, e.id).await?.ok_or(ServiceError::NotFound)?;
    let after = detail(&*tx, &e).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(shown(after))
}

/// A new claim sheet for a paper registration; the earlier one stops
/// working. Only with the person at the desk: the staff member names the
/// identity document they checked, which goes into the person's access
/// record with them; the person's address is told.
pub async fn reissue_claim(
    state: &AppState,
    actor: &Actor,
    id: &str,
    identity_checked: &str,
) -> Result<ClaimSheet, ServiceError> {
    let (staff_id, facility) = facility_of(actor)?;
    let checked = staff::parse_identity_document(identity_checked).map_err(|c| Invalid::one("identityChecked", c))?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let e = own_entry(&*tx, facility, id).await?;
    if e.kind != "registration" {
        return Err(ServiceError::Conflict);
    }
    let person = residents::find(&*tx, e.resident_id).await?.ok_or(ServiceError::NotFound)?;
    // One whose only sign-in is a passkey (lost, say) gets a new sheet here,
    // with their identity document: claiming it replaces the passkeys.
    if !proxy::sheet_reissuable(person.email_verified_at.is_some()) {
        return Err(refused(ReceptionRefusal::SignsInAlready));
    }
    let sheet = issue_sheet(&*tx, state, e.resident_id, staff_id, now).await?;
    if let Some(to) = &person.email {
        let f = medical::facility_by_id(&*tx, facility).await?.map(|f| f.name).unwrap_or_default();
        notices::claim_sheet_reissued(&*tx, state, to, &f, now).await?;
    }
    let mut a = AuditEntry::new(actor, AuditAction::ClaimSheetIssued, Channel::Paper)
        .subject(SubjectKind::PaperEntry, e.id)
        .facility(facility)
        .request_id(context::request_id())
        .detail(json!({ "reissued": true, "identityChecked": checked }));
    a.on_behalf_of = Some(e.resident_id);
    audit::append(&*tx, a, now).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(sheet)
}
