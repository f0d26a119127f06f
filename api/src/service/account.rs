//! Signing in and the resident's own account: sessions, passkey sign-in
//! (discoverable, so the browser can offer it as autofill), mailed codes for
//! those without a passkey, recovery (mailed code plus insurance details and
//! date of birth) that lets a new passkey be enrolled, and sign-out.
//!
//! Answers never tell whether an address has an account; failed attempts
//! are limited per account and per client address, in windows that lift by
//! themselves.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::ServiceError;
use super::common::codes::{CodeCheck, DECOY_PURPOSE, check_code, check_rate, count_failure, issue_code, spend};
use super::common::passkeys::{Holder, audit_passkey, created};
use super::common::passkeys::{
    incorrect_credential, person_user, read_discoverable, start_creation, start_discoverable, verify_discoverable,
};
use super::common::people::insurance_key;
use super::common::sessions::{NewSession, start_session};
use super::notices;
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::identity::InsuranceKey;
use crate::domain::insurance::InsuranceId;
use crate::domain::mail::{mask_address, parse_address};
use crate::domain::otp::SignInCode;
use crate::domain::public_id::PublicId;
use crate::domain::session::{self, SignInMethod, new_token, token_hash};
use crate::domain::{FieldErrorCode, Invalid, Validator, otp, person, rate};
use crate::passkey::CeremonyKind;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::resident;
use crate::store::{WriteTx, auth, outbox, residents};

const SIGN_IN_PURPOSE: &str = "sign_in";
/// The signed-in person behind a session cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedInSession {
    pub session_id: Uuid,
    pub resident_id: Uuid,
}

impl SignedInSession {
    pub fn actor(&self) -> Actor {
        Actor::Resident { id: self.resident_id }
    }
}

/// The session of a cookie, when it is live; its idle time restarts.
pub async fn authenticate(state: &AppState, token: &str) -> Result<Option<SignedInSession>, ServiceError> {
    if token.is_empty() || token.len() > 128 {
        return Ok(None);
    }
    let now = state.clock.now();
    let hash = token_hash(token);
    let Some(s) = auth::find_session(state.db.reader(), &hash).await? else {
        return Ok(None);
    };
    if !session::is_live(s.created_at, s.last_seen_at, now) {
        return Ok(None);
    }
    if now - s.last_seen_at >= session::TOUCH_EVERY {
        let tx = state.db.write().await?;
        auth::touch_session(&*tx, s.id, now).await?;
        tx.commit().await?;
    }
    Ok(Some(SignedInSession { session_id: s.id, resident_id: s.resident_id }))
}

/// Counts a mail to `key` and says whether it may go, without ever
/// refusing the request: a 429 here would tell whether an address is
/// known, and would let a stranger use up the owner's chance of a code.
async fn quiet_quota(
    db: &impl ConnectionTrait,
    purpose: &str,
    key: &str,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let limits =
        [(rate::CODE_RESEND, token_hash(&format!("{purpose}:{key}"))), (rate::CODES_PER_ADDRESS, token_hash(key))];
    // Counted either way (a counter over its limit stays so until its window
    // ends), so that both cases make the same writes; each counter as it
    // stood before this event decides.
    let mut allowed = true;
    for (limit, k) in &limits {
        let (start, count) = auth::count_event_returning(db, *limit, k, now).await?;
        if limit.refuses_counted(start, count, now).is_some() {
            allowed = false;
        }
    }
    Ok(allowed)
}

/// What a sign-in returns.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub registration_number: String,
    pub session: NewSession,
}

/// Options for signing in with any passkey of this site (a button, or the
/// browser's autofill): the ceremony id to send back, and the options.
pub async fn passkey_sign_in_options(
    state: &AppState,
    actor: &Actor,
    client: &str,
) -> Result<(Uuid, serde_json::Value), ServiceError> {
    require(actor, Operation::SignIn)?;
    start_discoverable(state, client, CeremonyKind::SignIn).await
}

/// Signs in with a passkey's answer to the ceremony `ceremony`.
pub async fn passkey_sign_in(
    state: &AppState,
    actor: &Actor,
    ceremony: &str,
    credential: &serde_json::Value,
) -> Result<SignedIn, ServiceError> {
    require(actor, Operation::SignIn)?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let a = match read_discoverable(&*tx, state, CeremonyKind::SignIn, ceremony, credential).await? {
        Ok(a) => a,
        Err(e) => {
            tx.commit().await?;
            return Err(e);
        }
    };
    let found =
        auth::find_passkey(&*tx, &a.cred_key).await?.filter(|p| p.user_handle.unwrap_or(p.resident_id) == a.user);
    let Some(stored) = found else {
        tx.commit().await?;
        return Err(incorrect_credential());
    };
    let data = match verify_discoverable(state, a, &stored.data) {
        Ok(d) => d,
        Err(e) => {
            tx.commit().await?;
            return Err(e);
        }
    };
    auth::passkey_used(&*tx, stored.id, data, now).await?;
    let r = residents::find(&*tx, stored.resident_id).await?.ok_or_else(incorrect_credential)?;
    let session = start_session(&*tx, state, r.id, SignInMethod::Passkey).await?;
    tx.commit().await?;
    Ok(SignedIn { registration_number: r.registration_number, session })
}

/// What a code request answers: the flow token that must come back with
/// the code (a code works only with the token of the request that made it),
/// and when another may be asked for.
#[derive(Clone)]
pub struct CodeRequested {
    pub flow: String,
    pub resend_available_at: DateTime<Utc>,
}

impl std::fmt::Debug for CodeRequested {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CodeRequested(<secret>)")
    }
}

/// A flow token sent back by the client, when it looks like one.
fn parse_flow(flow: &str) -> Option<&str> {
    (flow.len() == 64 && flow.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))).then_some(flow)
}

/// Mails a sign-in code to an address, when the birth date is the
/// registration's. The answer is the same whatever the address and the
/// date (the mail says which); the same queries run either way, and limits
/// per address never refuse, they only stop mail. Only requests with the
/// right birth date count towards the owner's codes, and each code belongs
/// to the browser that asked (the flow token): a stranger's request neither
/// voids the owner's code nor uses up its tries or the owner's quota.
pub async fn request_sign_in_code(
    state: &AppState,
    actor: &Actor,
    client: &str,
    email: &str,
    birth_date: &str,
    flow: Option<&str>,
) -> Result<CodeRequested, ServiceError> {
    require(actor, Operation::SignIn)?;
    let now = state.clock.now();
    let mut v = Validator::new();
    let email = v.check("email", parse_address(email));
    let birth = v.check("birthDate", person::parse_birth_date(birth_date, crate::domain::japan_time::day(now)));
    v.finish()?;
    let (Some(email), Some(birth)) = (email, birth) else { return Err(Invalid::default().into()) };
    // A resend from the same browser keeps its flow (and replaces its code).
    let flow = flow.and_then(parse_flow).map_or_else(|| new_token(&mut rand::rng()), str::to_owned);
    let flow_hash = token_hash(&flow);
    let tx = state.db.write().await?;
    spend(&*tx, rate::CODE_REQUESTS_PER_CLIENT, client, now).await?;
    let found = residents::find_by_email(&*tx, &email).await?;
    let answer = otp::sign_in_code(found.as_ref().map(|r| (r.birth_date, r.email_verified_at.is_some())), birth);
    // Wrong dates have a quota of their own, so they never use up the owner's.
    let key = match answer {
        SignInCode::Mismatch => format!("mismatch:{email}"),
        _ => email.clone(),
    };
    let allowed = quiet_quota(&*tx, SIGN_IN_PURPOSE, &key, now).await?;
    // Every case makes the same writes: a code row (the real one, or one
    // nobody is sent, for nobody, under a purpose nothing checks) and one
    // mail, sent or, over the address's limit, written as dropped. So the
    // time of the answer tells neither whether the address is registered,
    // nor whether the date is right, nor whether a limit was reached.
    let what = ("ログイン", "signing in");
    let mail = match (answer, &found) {
        (SignInCode::Send, Some(r)) if allowed => {
            issue_code(&*tx, state, SIGN_IN_PURPOSE, r.id, Some(&flow_hash), &email, what).await?
        }
        (answer, _) => {
            let decoy = otp::hash(&otp::generate(&mut rand::rng()), DECOY_PURPOSE);
            auth::replace_code(&*tx, DECOY_PURPOSE, Uuid::nil(), Some(&flow_hash), decoy, now, now + otp::TTL).await?;
            match answer {
                SignInCode::Send => notices::code(&*tx, state, &email, "000000", what.0, what.1).await?,
                SignInCode::ClaimFirst => notices::claim_first(&*tx, state, &email).await?,
                SignInCode::Mismatch => notices::code_details_mismatch(&*tx, state, &email).await?,
                SignInCode::NoAccount => notices::no_account(&*tx, state, &email).await?,
            }
        }
    };
    outbox::settle(&*tx, mail, if allowed { outbox::PENDING } else { outbox::DROPPED }).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(CodeRequested { flow, resend_available_at: now + rate::RESEND_AFTER })
}

/// A write transaction with the resident whose mailed code was typed, the
/// code checked but not used up. A wrong code, a spent one, another
/// browser's flow and an address without a registration all answer alike,
/// after the same queries; the failure is counted and committed before the
/// answer.
async fn with_code(
    state: &AppState,
    client: &str,
    email: &str,
    code: &str,
    flow: &str,
    now: DateTime<Utc>,
) -> Result<(WriteTx, resident::Model, Uuid), ServiceError> {
    let tx = state.db.write().await?;
    check_rate(&*tx, rate::FAILURES_PER_CLIENT, client, now).await?;
    let found = residents::find_by_email(&*tx, email).await?;
    let subject = found.as_ref().map_or(Uuid::nil(), |r| r.id);
    // Codes are made only for a right birth date on an account whose own
    // sign-in has begun (request_sign_in_code), and only for this flow.
    let check = check_code(&*tx, SIGN_IN_PURPOSE, subject, Some(&token_hash(flow)), code, now).await?;
    match (found, check) {
        (Some(r), CodeCheck::Right(id)) => Ok((tx, r, id)),
        _ => {
            count_failure(&*tx, client, now).await?;
            tx.commit().await?;
            Err(Invalid::one("code", FieldErrorCode::Incorrect).into())
        }
    }
}

/// Signs in with a mailed code: for residents who have no passkey.
pub async fn email_sign_in(
    state: &AppState,
    actor: &Actor,
    client: &str,
    email: &str,
    code: &str,
    flow: &str,
) -> Result<SignedIn, ServiceError> {
    require(actor, Operation::SignIn)?;
    let mut v = Validator::new();
    let email = v.check("email", parse_address(email));
    let code = v.check("code", otp::parse(code));
    v.finish()?;
    let (Some(email), Some(code)) = (email, code) else { return Err(Invalid::default().into()) };
    let now = state.clock.now();
    let (tx, r, code_id) = with_code(state, client, &email, &code, flow, now).await?;
    if auth::count_passkeys(&*tx, r.id).await? > 0 {
        // The code stays usable for recovery.
        return Err(ServiceError::PasskeyRequired);
    }
    if !auth::use_code(&*tx, code_id, now).await? {
        return Err(Invalid::one("code", FieldErrorCode::Incorrect).into());
    }
    let session = start_session(&*tx, state, r.id, SignInMethod::EmailCode).await?;
    tx.commit().await?;
    Ok(SignedIn { registration_number: r.registration_number, session })
}

pub struct Recovery<'a> {
    pub email: &'a str,
    pub code: &'a str,
    pub flow: &'a str,
    pub insurer_number: &'a str,
    pub symbol: &'a str,
    pub number: &'a str,
    pub branch: Option<&'a str>,
    pub birth_date: &'a str,
}

/// Signs in someone who lost their passkey: the mailed code, and insurance
/// details and date of birth that match the account. The account's address
/// is told; the person is expected to enrol a new passkey next.
pub async fn recover(
    state: &AppState,
    actor: &Actor,
    client: &str,
    input: Recovery<'_>,
) -> Result<SignedIn, ServiceError> {
    require(actor, Operation::SignIn)?;
    let now = state.clock.now();
    let mut v = Validator::new();
    let email = v.check("email", parse_address(input.email));
    let code = v.check("code", otp::parse(input.code));
    let insurance = v.merge(InsuranceId::parse(input.insurer_number, input.symbol, input.number, input.branch));
    let birth = v.check("birthDate", person::parse_birth_date(input.birth_date, crate::domain::japan_time::day(now)));
    v.finish()?;
    let (Some(email), Some(code), Some(insurance), Some(birth)) = (email, code, insurance, birth) else {
        return Err(Invalid::default().into());
    };
    let (tx, r, code_id) = with_code(state, client, &email, &code, input.flow, now).await?;
    let typed = InsuranceKey::from(&insurance);
    let on_file = residents::insurance_of(&*tx, r.id).await?;
    let agrees = on_file.iter().any(|i| insurance_key(i).agrees_with(&typed));
    if !agrees || r.birth_date != birth {
        // A wrong guess costs a try of the code, too.
        auth::count_wrong_code(&*tx, code_id).await?;
        count_failure(&*tx, client, now).await?;
        tx.commit().await?;
        return Err(ServiceError::DetailsMismatch);
    }
    if !auth::use_code(&*tx, code_id, now).await? {
        return Err(Invalid::one("code", FieldErrorCode::Incorrect).into());
    }
    // Whoever holds the lost phone, or a session left open elsewhere, is
    // signed out: recovery is where the person takes their account back.
    auth::end_sessions_of(&*tx, r.id, now).await?;
    let session = start_session(&*tx, state, r.id, SignInMethod::Recovery).await?;
    if let Some(to) = &r.email {
        notices::sign_in_changed(
            &*tx,
            state,
            to,
            now,
            "ログインできないときの手続き（本人確認）でログインがありました",
            "someone signed in to your account through account recovery",
        )
        .await?;
    }
    tx.commit().await?;
    state.mail.wake();
    Ok(SignedIn { registration_number: r.registration_number, session })
}

pub async fn sign_out(state: &AppState, session: &SignedInSession) -> Result<(), ServiceError> {
    let actor = session.actor();
    require(&actor, Operation::ManageOwnSignIn)?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    if auth::end_session(&*tx, session.session_id, now).await? {
        audit::append(
            &*tx,
            AuditEntry::new(&actor, AuditAction::SignedOut, Channel::Web)
                .subject(SubjectKind::Resident, session.resident_id)
                .request_id(context::request_id()),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Ends every session of the person, on every device, this one included
/// (a lost phone's too). Only the person themselves: a proxy's sign-in is
/// their own.
pub async fn sign_out_everywhere(state: &AppState, actor: &Actor) -> Result<u64, ServiceError> {
    require(actor, Operation::ManageOwnSignIn)?;
    let Actor::Resident { id } = actor else { return Err(ServiceError::NotFound) };
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let ended = auth::end_sessions_of(&*tx, *id, now).await?;
    audit::append(
        &*tx,
        AuditEntry::new(actor, AuditAction::SignedOut, Channel::Web)
            .subject(SubjectKind::Resident, *id)
            .request_id(context::request_id())
            .detail(json!({ "everywhere": true, "sessions": ended })),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(ended)
}

/// A network a resident has joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub code: String,
    pub name: String,
    pub name_en: Option<String>,
    /// The consent document version last agreed to.
    pub consent_version: i32,
    pub joined_at: DateTime<Utc>,
    /// A newer version in force asks this person to agree again.
    pub reconsent_version: Option<i32>,
}

/// What a resident sees of their own account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub registration_number: String,
    pub name: String,
    pub email_masked: Option<String>,
    pub passkeys: u64,
    /// The networks joined now (consent in force).
    pub networks: Vec<Membership>,
}

pub async fn account(state: &AppState, actor: &Actor) -> Result<Account, ServiceError> {
    let id = super::resident_of(actor, Operation::ReadOwnAccount)?;
    let db = state.db.reader();
    let r = residents::find(db, id).await?.ok_or(ServiceError::NotFound)?;
    super::common::visibility::record_view(state, actor, "account").await?;
    let record = super::common::consent::Record::load(db, r.id).await?;
    let memberships = super::common::consent::memberships(db, &record, state.clock.now())
        .await?
        .into_iter()
        .filter(|m| m.withdrawn_at.is_none())
        .map(|m| Membership {
            code: m.network.code,
            name: m.network.name,
            name_en: m.network.name_en,
            consent_version: m.agreed_version,
            joined_at: m.joined_at,
            reconsent_version: m.reconsent_version,
        })
        .collect();
    Ok(Account {
        registration_number: PublicId::display_of(&r.registration_number),
        name: r.name,
        // Not shown to a proxy (see data_rights::export_json).
        email_masked: if matches!(actor, Actor::Proxy { .. }) { None } else { r.email.as_deref().map(mask_address) },
        passkeys: auth::count_passkeys(db, r.id).await?,
        networks: memberships,
    })
}

/// Options for adding a passkey to the signed-in resident's account.
pub async fn add_passkey_options(state: &AppState, actor: &Actor) -> Result<serde_json::Value, ServiceError> {
    require(actor, Operation::ManageOwnSignIn)?;
    let Actor::Resident { id } = actor else { return Err(ServiceError::NotFound) };
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let r = residents::find(&*tx, *id).await?.ok_or(ServiceError::NotFound)?;
    let options =
        start_creation(&*tx, state, person_user(&*tx, &r).await?, CeremonyKind::AddPasskey, r.id, now).await?;
    tx.commit().await?;
    Ok(options)
}

/// Adds the passkey just created; the account's address is told.
pub async fn add_passkey(state: &AppState, actor: &Actor, credential: &serde_json::Value) -> Result<u64, ServiceError> {
    require(actor, Operation::ManageOwnSignIn)?;
    let Actor::Resident { id } = actor else { return Err(ServiceError::NotFound) };
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let new = match created(&*tx, state, CeremonyKind::AddPasskey, *id, credential, Holder::Resident, now).await {
        Ok(p) => p,
        Err(stopped) => return stopped.end(tx).await,
    };
    auth::insert_passkey(&*tx, *id, new.cred_id, new.data, now).await?;
    // The person signs in themselves now: no claim sheet or link speaks for them.
    crate::store::proxies::void_claims_of(&*tx, *id, now).await?;
    audit_passkey(&*tx, *id, now).await?;
    let r = residents::find(&*tx, *id).await?.ok_or(ServiceError::NotFound)?;
    if let Some(to) = &r.email {
        notices::sign_in_changed(
            &*tx,
            state,
            to,
            now,
            "あなたのアカウントにパスキーが追加されました",
            "a passkey was added to your account",
        )
        .await?;
    }
    let count = auth::count_passkeys(&*tx, *id).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(count)
}
