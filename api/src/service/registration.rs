//! Self-registration from a poster's QR code: the details and consent are
//! submitted, the address is confirmed with a mailed code, a passkey may be
//! created, and completion resolves identity (one person, one record) before
//! anything is created.
//!
//! The client generates a random key for the flow and sends it with every
//! call; only its hash is stored. Submitting again with the same key is
//! idempotent (a double tap or a retry after a dropped connection changes
//! nothing, or updates the details the person went back to correct).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::ServiceError;
use super::common::codes::CodeCheck;
use super::common::enrolment::{self, Enrolment, Found, Joining};
use super::common::passkeys::{Holder, audit_passkey, created};
use super::common::people::{NewPerson, new_number};
use super::common::sessions::NewSession;
use super::notices;
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::entry_point::CODE_LEN;
use crate::domain::identity::{Identity, InsuranceKey};
use crate::domain::japan_time;
use crate::domain::mail::mask_address;
use crate::domain::public_id::PublicId;
use crate::domain::rate;
use crate::domain::registration::{RegistrationDetails, RegistrationInput};
use crate::domain::session::{SignInMethod, token_hash};
use crate::domain::{FieldErrorCode, Invalid, Validator};
use crate::passkey::{self, CeremonyKind};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::consent_document::Model as ConsentDocument;
use crate::store::entity::{registration as reg_row, resident};
use crate::store::{auth, consent_documents, entry_points, networks, registrations, residents};

/// How long a registration may take from the first submission.
pub const TTL: Duration = Duration::hours(2);
pub use crate::domain::registration::NUMBER_LEN;
const CODE_PURPOSE: &str = "registration";

/// Checks the client's key: 32 to 64 letters, digits, `-` or `_` (the web
/// app sends 32 random hex digits).
pub fn parse_key(key: &str) -> Result<&str, FieldErrorCode> {
    if key.is_empty() {
        return Err(FieldErrorCode::Required);
    }
    if !(32..=64).contains(&key.len()) || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(FieldErrorCode::InvalidFormat);
    }
    Ok(key)
}

pub struct Submission<'a> {
    pub key: &'a str,
    pub entry_point: &'a str,
    pub consent_version: i32,
    pub details: RegistrationInput<'a>,
}

/// Where a registration stands, as its client may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub email_masked: String,
    pub email_verified: bool,
    pub expires_at: DateTime<Utc>,
    pub resend_available_at: DateTime<Utc>,
    /// Once the address is confirmed: what comes next.
    pub next: Option<Next>,
}

/// What comes after the address is confirmed. Decided by identity
/// resolution only once the person has proved they read the mailbox, and
/// told only to them: anyone registering as someone already registered
/// learns it then (and by mail), and nothing is made for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// A new person: make a passkey (or go on without one), then complete.
    Passkey,
    /// The person whose account has this very address: completing signs
    /// them in to it. No passkey is made in this flow (it would carry this
    /// registration's user handle and never sign in to the account).
    SignIn,
}

/// Who a registration's details are, among the people registered.
enum Who {
    /// Nobody registered: a new person, perhaps one to review.
    New(Found),
    /// The person whose account has the address just confirmed, an address
    /// they confirmed themselves before.
    Itself(resident::Model),
    /// A registered person whose account has another address (or none).
    Registered(resident::Model),
}

/// Who the details are (the identity-resolution lock is held from here to
/// the end of the transaction).
async fn who_is(db: &impl ConnectionTrait, details: &RegistrationDetails) -> Result<Who, ServiceError> {
    let identity = Identity::new(&details.name_kana, details.birth_date, details.sex);
    let insurance = details.insurance.as_ref().map(InsuranceKey::from);
    Ok(match enrolment::find(db, &identity, insurance.as_ref(), None).await? {
        // Only an address the person confirmed themselves makes this
        // them: one reception or family wrote down proves nothing about
        // who registers with it now.
        Found::Same(existing)
            if existing.email.as_deref() == Some(details.email.as_str()) && existing.email_verified_at.is_some() =>
        {
            Who::Itself(*existing)
        }
        Found::Same(existing) => Who::Registered(*existing),
        other => Who::New(other),
    })
}

/// Ends a registration of someone already registered: nothing is made; the
/// account's own address is told, the address just confirmed is told the
/// truth, and the network office reviews.
async fn hold(
    db: &impl ConnectionTrait,
    state: &AppState,
    actor: &Actor,
    row: &reg_row::Model,
    existing: &resident::Model,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    registrations::complete(db, row.id, "held", None, now).await?;
    residents::add_review(db, "repeat_registration", None, Some(row.id), &[existing.id], now).await?;
    if let Some(to) = &existing.email {
        notices::registered_again(db, state, to, now, false).await?;
    }
    notices::registration_held(db, state, email).await?;
    audit::append(
        db,
        AuditEntry::new(actor, AuditAction::RegistrationHeld, Channel::Web)
            .subject(SubjectKind::Registration, row.id)
            .network(row.network_id)
            .request_id(context::request_id()),
        now,
    )
    .await?;
    Ok(())
}

/// The end of a registration.
#[derive(Debug, Clone)]
pub struct Done {
    pub registration_number: String,
    pub network_code: String,
    pub network_name: String,
    pub network_name_en: Option<String>,
    pub consent_version: i32,
    pub passkey: bool,
    pub session: NewSession,
}

/// The details as stored between the calls of one registration: the
/// normalised input, parsed again at completion.
#[derive(Serialize, Deserialize, PartialEq, Eq)]
struct Stored {
    document: String,
    insurer_number: String,
    symbol: String,
    number: String,
    branch: Option<String>,
    name: String,
    name_kana: String,
    birth_date: String,
    sex: String,
    phone: String,
    email: String,
    /// A マイナ保険証 holder giving the numbers later (the number fields empty).
    #[serde(default)]
    numbers_later: bool,
}

impl From<&RegistrationDetails> for Stored {
    fn from(d: &RegistrationDetails) -> Self {
        Self {
            document: d.document.as_str().to_owned(),
            insurer_number: d.insurance.as_ref().map(|i| i.insurer.as_str().to_owned()).unwrap_or_default(),
            symbol: d.insurance.as_ref().map(|i| i.symbol.clone()).unwrap_or_default(),
            number: d.insurance.as_ref().map(|i| i.number.clone()).unwrap_or_default(),
            branch: d.insurance.as_ref().and_then(|i| i.branch.clone()),
            name: d.name.clone(),
            name_kana: d.name_kana.clone(),
            birth_date: d.birth_date.format("%Y-%m-%d").to_string(),
            sex: d.sex.as_str().to_owned(),
            phone: d.phone.clone(),
            email: d.email.clone(),
            numbers_later: d.insurance.is_none(),
        }
    }
}

impl Stored {
    fn details(&self, today: NaiveDate) -> Result<RegistrationDetails, ServiceError> {
        let input = RegistrationInput {
            document: &self.document,
            insurer_number: &self.insurer_number,
            symbol: &self.symbol,
            number: &self.number,
            branch: self.branch.as_deref(),
            name: &self.name,
            name_kana: &self.name_kana,
            birth_date: &self.birth_date,
            sex: &self.sex,
            phone: &self.phone,
            email: &self.email,
            numbers_later: self.numbers_later,
        };
        RegistrationDetails::parse(&input, today)
            .map_err(|_| ServiceError::Internal("stored registration details no longer parse".into()))
    }

    fn load(row: &reg_row::Model) -> Result<Self, ServiceError> {
        let text = row.details.as_deref().ok_or(ServiceError::NotFound)?;
        serde_json::from_str(text).map_err(|e| ServiceError::Internal(format!("registration details: {e}")))
    }
}

fn pending(row: &reg_row::Model, email: &str, last_code_at: Option<DateTime<Utc>>) -> Pending {
    Pending {
        email_masked: mask_address(email),
        email_verified: row.email_verified_at.is_some(),
        expires_at: row.expires_at,
        resend_available_at: last_code_at.map_or(row.updated_at, |t| t + rate::RESEND_AFTER),
        next: None,
    }
}

/// Takes the details and consent of someone registering, and mails a code
/// to confirm their address.
pub async fn submit(state: &AppState, actor: &Actor, client: &str, s: Submission<'_>) -> Result<Pending, ServiceError> {
    require(actor, Operation::Register)?;
    let now = state.clock.now();
    let mut v = Validator::new();
    let key = v.check("key", parse_key(s.key));
    let code = v.check("entryPoint", PublicId::parse(s.entry_point, CODE_LEN));
    let details = v.merge(RegistrationDetails::parse(&s.details, japan_time::day(now)));
    v.finish()?;
    let (Some(key), Some(code), Some(details)) = (key, code, details) else {
        return Err(Invalid::default().into());
    };

    let key_hash = token_hash(key);
    let tx = state.db.write().await?;
    let ep = entry_points::find_by_code(&*tx, code.as_str())
        .await?
        .ok_or_else(|| Invalid::one("entryPoint", FieldErrorCode::NotFound))?;
    if ep.disabled_at.is_some() {
        return Err(Invalid::one("entryPoint", FieldErrorCode::Expired).into());
    }
    let doc = consent_documents::current(&*tx, ep.network_id, now).await?;
    let doc = match doc {
        Some(d) if d.version == s.consent_version => d,
        _ => return Err(Invalid::one("consentVersion", FieldErrorCode::Expired).into()),
    };
    let stored = Stored::from(&details);
    let text = serde_json::to_string(&stored).map_err(|e| ServiceError::Internal(e.to_string()))?;

    let existing = registrations::find_by_key_hash(&*tx, &key_hash).await?;
    let (row, send_code) = match existing {
        Some(r) if r.completed_at.is_some() => return Err(ServiceError::Conflict),
        Some(r) if r.expires_at <= now => return Err(ServiceError::NotFound),
        // The key belongs to a registration with another network's poster.
        Some(r) if r.network_id != ep.network_id => return Err(ServiceError::Conflict),
        Some(r) => {
            let before = Stored::load(&r).ok();
            let email_changed = before.as_ref().is_none_or(|b| b.email != stored.email);
            if email_changed {
                // A new address is as costly as a new registration.
                super::common::codes::spend(&*tx, rate::REGISTRATIONS_PER_CLIENT, client, now).await?;
            }
            let verified = if email_changed { None } else { r.email_verified_at };
            if before.as_ref() != Some(&stored) || r.document_id != doc.id {
                registrations::update_details(&*tx, r.id, text, doc.id, verified, now).await?;
            }
            let row = reg_row::Model { email_verified_at: verified, updated_at: now, ..r };
            (row, email_changed)
        }
        None => {
            super::common::codes::spend(&*tx, rate::REGISTRATIONS_PER_CLIENT, client, now).await?;
            let row = reg_row::Model {
                id: Uuid::now_v7(),
                key_hash,
                entry_point_id: ep.id,
                network_id: ep.network_id,
                document_id: doc.id,
                details: Some(text),
                resident_id: Uuid::now_v7(),
                registration_number: new_number(&*tx).await?,
                email_verified_at: None,
                created_at: now,
                updated_at: now,
                expires_at: now + TTL,
                completed_at: None,
                outcome: None,
            };
            if !registrations::insert(&*tx, row.clone()).await? {
                // The same key a moment ago (a double tap): that request's answer.
                let r = registrations::find_by_key_hash(&*tx, &row.key_hash).await?.ok_or(ServiceError::Conflict)?;
                let last = auth::latest_code(&*tx, CODE_PURPOSE, r.id, None).await?.map(|c| c.created_at);
                return Ok(pending(&r, &stored.email, last));
            }
            audit::append(
                &*tx,
                AuditEntry::new(actor, AuditAction::RegistrationStarted, Channel::Web)
                    .subject(SubjectKind::Registration, row.id)
                    .network(ep.network_id)
                    .request_id(context::request_id())
                    .detail(json!({ "entryPoint": ep.code, "consentVersion": doc.version })),
                now,
            )
            .await?;
            (row, true)
        }
    };
    let mut last_code_at = auth::latest_code(&*tx, CODE_PURPOSE, row.id, None).await?.map(|c| c.created_at);
    if send_code {
        mail_code(&*tx, state, row.id, &stored.email).await?;
        last_code_at = Some(now);
    }
    tx.commit().await?;
    if send_code {
        state.mail.wake();
    }
    Ok(pending(&row, &stored.email, last_code_at))
}

/// How long a completed registration's key still answers a repeated
/// completion (an answer lost on a bad connection) with a new session.
const RETRY_AFTER_COMPLETION: chrono::Duration = chrono::Duration::minutes(2);

/// Mails a fresh code for the registration `id` to `email` (earlier ones stop working).
async fn mail_code(db: &impl ConnectionTrait, state: &AppState, id: Uuid, email: &str) -> Result<(), ServiceError> {
    super::common::codes::send_code(db, state, CODE_PURPOSE, id, email, ("参加登録", "your registration")).await
}

/// The registration a key belongs to, while it is open.
async fn open(db: &impl ConnectionTrait, key: &str, now: DateTime<Utc>) -> Result<reg_row::Model, ServiceError> {
    let key = parse_key(key).map_err(|c| Invalid::one("key", c))?;
    let row = registrations::find_by_key_hash(db, &token_hash(key)).await?.ok_or(ServiceError::NotFound)?;
    if row.completed_at.is_some() {
        return Err(if row.outcome.as_deref() == Some("held") {
            ServiceError::PersonRegistered
        } else {
            ServiceError::Conflict
        });
    }
    if row.expires_at <= now {
        return Err(ServiceError::NotFound);
    }
    Ok(row)
}

/// Confirms the address with the mailed code, and says what comes next.
/// Someone already registered learns it here, having proved the mailbox the
/// same truth is mailed to: the registration ends with nothing made
/// (`person_registered`).
pub async fn verify_email(
    state: &AppState,
    actor: &Actor,
    client: &str,
    key: &str,
    code: &str,
) -> Result<Pending, ServiceError> {
    require(actor, Operation::Register)?;
    let now = state.clock.now();
    let typed = crate::domain::otp::parse(code).map_err(|c| Invalid::one("code", c))?;
    let tx = state.db.write().await?;
    let row = open(&*tx, key, now).await?;
    let stored = Stored::load(&row)?;
    let last = auth::latest_code(&*tx, CODE_PURPOSE, row.id, None).await?.map(|c| c.created_at);
    if row.email_verified_at.is_none() {
        super::common::codes::check_rate(&*tx, rate::FAILURES_PER_CLIENT, client, now).await?;
        match super::common::codes::check_code(&*tx, CODE_PURPOSE, row.id, None, &typed, now).await? {
            CodeCheck::Right(id) => {
                auth::use_code(&*tx, id, now).await?;
                registrations::set_email_verified(&*tx, row.id, now).await?;
            }
            CodeCheck::Wrong => {
                super::common::codes::count_failure(&*tx, client, now).await?;
                tx.commit().await?;
                return Err(Invalid::one("code", FieldErrorCode::Incorrect).into());
            }
            CodeCheck::Expired => return Err(Invalid::one("code", FieldErrorCode::Expired).into()),
        }
    }
    let row = reg_row::Model { email_verified_at: row.email_verified_at.or(Some(now)), ..row };
    let details = stored.details(japan_time::day(now))?;
    let next = match who_is(&*tx, &details).await? {
        Who::New(_) => Next::Passkey,
        Who::Itself(_) => Next::SignIn,
        Who::Registered(existing) => {
            hold(&*tx, state, actor, &row, &existing, &details.email, now).await?;
            tx.commit().await?;
            state.mail.wake();
            return Err(ServiceError::PersonRegistered);
        }
    };
    tx.commit().await?;
    Ok(Pending { next: Some(next), ..pending(&row, &stored.email, last) })
}

/// Mails a new code (the first did not arrive, or expired).
pub async fn resend_code(state: &AppState, actor: &Actor, key: &str) -> Result<Pending, ServiceError> {
    require(actor, Operation::Register)?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let row = open(&*tx, key, now).await?;
    let stored = Stored::load(&row)?;
    mail_code(&*tx, state, row.id, &stored.email).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(pending(&row, &stored.email, Some(now)))
}

/// Options for creating a passkey for the person registering.
pub async fn passkey_options(
    state: &AppState,
    actor: &Actor,
    client: &str,
    key: &str,
) -> Result<serde_json::Value, ServiceError> {
    require(actor, Operation::Register)?;
    let webauthn = state.webauthn.as_ref().ok_or(ServiceError::Unavailable)?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let row = open(&*tx, key, now).await?;
    super::common::codes::spend(&*tx, rate::CEREMONIES_PER_CLIENT, client, now).await?;
    let stored = Stored::load(&row)?;
    // A passkey is made only for a new person: one made for someone
    // registered already could never sign in.
    if row.email_verified_at.is_none() {
        return Err(Invalid::one("code", FieldErrorCode::Required).into());
    }
    if !matches!(who_is(&*tx, &stored.details(japan_time::day(now))?).await?, Who::New(_)) {
        return Err(ServiceError::Conflict);
    }
    let (ccr, reg_state) = webauthn
        .start_passkey_registration(row.resident_id, &stored.email, &stored.name, None)
        .map_err(|e| ServiceError::Internal(format!("passkey options: {e}")))?;
    let state_json = passkey::to_json(&reg_state).map_err(|e| ServiceError::Internal(e.to_string()))?;
    auth::insert_ceremony(
        &*tx,
        CeremonyKind::Register.as_str(),
        Some(row.id),
        state_json,
        now,
        now + passkey::CEREMONY_TTL,
    )
    .await?;
    tx.commit().await?;
    passkey::creation_options_json(&ccr).map_err(|e| ServiceError::Internal(e.to_string()))
}

/// Completes a registration whose address is confirmed: resolves identity
/// and creates the resident, their insurance, their consent and passkey, and
/// a session, in one transaction.
pub async fn complete(
    state: &AppState,
    actor: &Actor,
    key: &str,
    credential: Option<&serde_json::Value>,
) -> Result<Done, ServiceError> {
    require(actor, Operation::Register)?;
    let now = state.clock.now();
    let key = parse_key(key).map_err(|c| Invalid::one("key", c))?;
    let tx = state.db.write().await?;
    // Two identical completions wait for each other here (SQLite's writers
    // already queue): the second sees the first one's outcome.
    let row = registrations::lock_by_key_hash(&*tx, &token_hash(key)).await?.ok_or(ServiceError::NotFound)?;
    let network = networks::network_by_id(&*tx, row.network_id).await?.ok_or(ServiceError::NotFound)?;
    let doc = consent_documents::find(&*tx, row.document_id).await?.ok_or(ServiceError::NotFound)?;
    let done = |registration_number: String, passkey: bool, session: NewSession| Done {
        registration_number,
        network_code: network.code.clone(),
        network_name: network.name.clone(),
        network_name_en: network.name_en.clone(),
        consent_version: doc.version,
        passkey,
        session,
    };

    // A second call for a completed registration (a retry after the answer
    // was lost) answers as the first did, with a new session.
    if let Some(completed_at) = row.completed_at {
        if row.expires_at <= now {
            return Err(ServiceError::NotFound);
        }
        // Only for a moment: the key must not stay a way in (after a sign-out
        // everywhere, or a recovery, it would give a new session).
        if now - completed_at > RETRY_AFTER_COMPLETION && completed_resident(&row).is_some() {
            return Err(ServiceError::Conflict);
        }
        let Some(resident_id) = completed_resident(&row) else {
            return Err(ServiceError::PersonRegistered);
        };
        let r = residents::find(&*tx, resident_id).await?.ok_or(ServiceError::NotFound)?;
        let has_passkey = auth::count_passkeys(&*tx, resident_id).await? > 0;
        let session =
            super::common::sessions::start_session(&*tx, state, resident_id, SignInMethod::Registration).await?;
        tx.commit().await?;
        return Ok(done(r.registration_number, has_passkey, session));
    }
    if row.expires_at <= now {
        return Err(ServiceError::NotFound);
    }
    if row.email_verified_at.is_none() {
        return Err(Invalid::one("code", FieldErrorCode::Required).into());
    }
    let stored = Stored::load(&row)?;
    let details = stored.details(japan_time::day(now))?;

    let new_passkey = match credential {
        None => None,
        Some(c) => match created(&*tx, state, CeremonyKind::Register, row.id, c, Holder::Resident, now).await {
            Ok(p) => Some(p),
            Err(stopped) => return stopped.end(tx).await,
        },
    };

    // Two registrations of one person at the same moment must not both find
    // nobody: identity resolution runs one at a time.
    let who = who_is(&*tx, &details).await?;
    let email_owner = residents::find_by_email(&*tx, &details.email).await?;
    let identity = Identity::new(&details.name_kana, details.birth_date, details.sex);
    let insurance = details.insurance.as_ref().map(InsuranceKey::from);

    match who {
        Who::Itself(existing) => {
            // The person, who has just proved they hold the account's
            // address: sign them in to their own account. A passkey made
            // in this flow carries the new registration's user handle and
            // could never sign in to the existing account, so it is not
            // kept (the flow offers none: `Next::SignIn`); the account page
            // offers to add one.
            give_consent_if_missing(&*tx, &row, &doc, existing.id, now).await?;
            registrations::complete(&*tx, row.id, "existing", Some(existing.id), now).await?;
            notices::registered_again(&*tx, state, &details.email, now, true).await?;
            let has_passkey = auth::count_passkeys(&*tx, existing.id).await? > 0;
            let session =
                super::common::sessions::start_session(&*tx, state, existing.id, SignInMethod::Registration).await?;
            tx.commit().await?;
            state.mail.wake();
            Ok(done(existing.registration_number, has_passkey, session))
        }
        Who::Registered(existing) => {
            // Registered between the confirmation and now (verify_email
            // ends the others): no second record, and the truth.
            hold(&*tx, state, actor, &row, &existing, &details.email, now).await?;
            tx.commit().await?;
            state.mail.wake();
            Err(ServiceError::PersonRegistered)
        }
        Who::New(found) => {
            if email_owner.is_some() {
                // Another person's registration uses this address (a couple
                // sharing one). The person has just proved they read this
                // mailbox, so saying so discloses nothing new to them.
                return Err(Invalid::one("email", FieldErrorCode::AlreadyExists).into());
            }
            let resident_id = row.resident_id;
            let enrolled = enrolment::enrol(
                &*tx,
                Enrolment {
                    person: NewPerson {
                        id: resident_id,
                        registration_number: &row.registration_number,
                        details: &details,
                        identity: &identity,
                        insurance: insurance.as_ref(),
                        email_verified_at: row.email_verified_at,
                        entry_point: Some(row.entry_point_id),
                        channel: Channel::Web,
                        address: None,
                        care_insurance_number: None,
                        now,
                    },
                    found: &found,
                    registration: Some(row.id),
                    joining: joining(&row, &doc, resident_id),
                    detail: json!({ "registration": row.id }),
                },
                &by_person(resident_id),
            )
            .await?;
            if let Some(p) = &new_passkey {
                auth::insert_passkey(&*tx, resident_id, p.cred_id.clone(), p.data.clone(), now).await?;
                audit_passkey(&*tx, resident_id, now).await?;
            }
            let near = enrolled.review;
            registrations::complete(&*tx, row.id, if near { "created_review" } else { "created" }, None, now).await?;
            notices::registered(
                &*tx,
                state,
                &details.email,
                &notices::Confirmation {
                    registration_number: &PublicId::display_of(&row.registration_number),
                    network_ja: &network.name,
                    network_en: network.name_en.as_deref().unwrap_or(&network.name),
                    consent_version: doc.version,
                    at: now,
                },
            )
            .await?;
            let session =
                super::common::sessions::start_session(&*tx, state, resident_id, SignInMethod::Registration).await?;
            tx.commit().await?;
            state.mail.wake();
            Ok(done(row.registration_number.clone(), new_passkey.is_some(), session))
        }
    }
}

/// The resident a completed registration created or signed in to.
fn completed_resident(row: &reg_row::Model) -> Option<Uuid> {
    matches!(row.outcome.as_deref(), Some("created" | "created_review" | "existing")).then_some(row.resident_id)
}

/// The consent a registration joins with: the person's own, from the poster scanned.
fn joining<'a>(row: &reg_row::Model, doc: &'a ConsentDocument, resident_id: Uuid) -> Joining<'a> {
    Joining {
        network: row.network_id,
        document: doc,
        by: crate::domain::consent::ConsentBy::Resident,
        by_id: Some(resident_id),
        entry_point: Some(row.entry_point_id),
        paper: None,
        detail: json!({ "registration": row.id }),
    }
}

/// The audit entries of a person registering themselves.
fn by_person(resident_id: Uuid) -> impl Fn(AuditAction) -> AuditEntry + Sync {
    move |action| {
        let mut e = AuditEntry::new(&Actor::Resident { id: resident_id }, action, Channel::Web)
            .request_id(context::request_id());
        e.on_behalf_of = Some(resident_id);
        e
    }
}

/// Records the consent of this registration, unless the resident already
/// has consent in force for the network.
async fn give_consent_if_missing(
    db: &impl ConnectionTrait,
    row: &reg_row::Model,
    doc: &ConsentDocument,
    resident_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    crate::store::consents::lock_person(db, resident_id).await?;
    let current = residents::current_consents(db, resident_id).await?;
    if current.iter().any(|c| c.network_id == row.network_id) {
        return Ok(());
    }
    enrolment::give_consent(db, resident_id, joining(row, doc, resident_id), &by_person(resident_id), now).await?;
    Ok(())
}

/// An item of the network office's review queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    /// To name the item when it is resolved.
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    /// `near_match` (a new record that resembles others),
    /// `repeat_registration` (held: the same person from another address),
    /// `insurance_conflict` (a card another person holds), or
    /// `proxy_confirmation_referred` (see `store::entity::identity_review`).
    pub kind: String,
    /// The new resident's registration number, or the held registration's reference.
    pub subject: String,
    /// Registration numbers of the residents it resembles.
    pub resembles: Vec<String>,
}

/// The open review items, oldest first (operators).
/// The network office closes a review item it has dealt with (checked the
/// records, asked the people, confirmed a proxy or corrected a card).
pub async fn resolve_review(state: &AppState, actor: &Actor, id: &str) -> Result<(), ServiceError> {
    require(actor, Operation::ManageNetworks)?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| ServiceError::NotFound)?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let Some(kind) = residents::resolve_review(&*tx, id, now).await? else {
        return Err(ServiceError::NotFound);
    };
    audit::append(
        &*tx,
        AuditEntry::new(actor, AuditAction::ReviewResolved, Channel::Cli).detail(json!({ "review": id, "kind": kind })),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn open_reviews(state: &AppState, actor: &Actor) -> Result<Vec<ReviewItem>, ServiceError> {
    require(actor, Operation::ManageNetworks)?;
    let db = state.db.reader();
    let mut out = Vec::new();
    for r in residents::open_reviews(db).await? {
        let subject = match (r.resident_id, r.registration_id) {
            (Some(id), _) => residents::find(db, id).await?.map(|p| p.registration_number),
            (None, Some(id)) => registrations::find(db, id).await?.map(|g| g.registration_number),
            (None, None) => None,
        };
        let ids: Vec<Uuid> = serde_json::from_str(&r.candidates).unwrap_or_default();
        let mut resembles = Vec::new();
        for id in ids {
            if let Some(p) = residents::find(db, id).await? {
                resembles.push(PublicId::display_of(&p.registration_number));
            }
        }
        out.push(ReviewItem {
            id: r.id,
            created_at: r.created_at,
            kind: r.kind,
            subject: subject.map_or_else(|| "-".to_owned(), |n| PublicId::display_of(&n)),
            resembles,
        });
    }
    Ok(out)
}
