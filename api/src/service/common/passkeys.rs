//! Passkey ceremonies shared by sign-in, registration, claims and staff
//! enrolment: starting and finishing a creation or a discoverable sign-in,
//! and the audit entry of a new passkey.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, Passkey, PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential,
};

use super::codes::spend;
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::public_id::PublicId;
use crate::domain::{FieldErrorCode, Invalid, rate};
use crate::passkey::CeremonyKind;
use crate::service::ServiceError;
use crate::state::AppState;
use crate::store::audit::AuditEntry;
use crate::store::{audit, auth};
use crate::{context, passkey};

/// Starts a discoverable passkey sign-in (a button, or the browser's
/// autofill) of `kind`: the ceremony's id to send back, and the options.
pub(crate) async fn start_discoverable(
    state: &AppState,
    client: &str,
    kind: CeremonyKind,
) -> Result<(Uuid, serde_json::Value), ServiceError> {
    let webauthn = state.webauthn.as_ref().ok_or(ServiceError::Unavailable)?;
    let now = state.clock.now();
    let (rcr, auth_state) = webauthn
        .start_discoverable_authentication()
        .map_err(|e| ServiceError::Internal(format!("passkey options: {e}")))?;
    let text = passkey::to_json(&auth_state).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let tx = state.db.write().await?;
    spend(&*tx, rate::CEREMONIES_PER_CLIENT, client, now).await?;
    let id = auth::insert_ceremony(&*tx, kind.as_str(), None, text, now, now + passkey::CEREMONY_TTL).await?;
    tx.commit().await?;
    let options = passkey::request_options_json(&rcr).map_err(|e| ServiceError::Internal(e.to_string()))?;
    Ok((id, options))
}

/// A discoverable sign-in's answer, read against its ceremony: whose the
/// passkey says it is (not signed: the stored passkey must belong to that
/// same user) and which passkey answered.
pub(crate) struct DiscoveredAnswer {
    answer: PublicKeyCredential,
    auth_state: DiscoverableAuthentication,
    pub user: Uuid,
    pub cred_key: String,
}

/// Takes the ceremony (spent either way) and reads the answer. The outer
/// error is the database's; the inner one the person's (expired, unreadable,
/// unknown passkey), after which the caller commits the spent ceremony.
pub(crate) async fn read_discoverable(
    db: &impl ConnectionTrait,
    state: &AppState,
    kind: CeremonyKind,
    ceremony: &str,
    credential: &serde_json::Value,
) -> Result<Result<DiscoveredAnswer, ServiceError>, ServiceError> {
    let webauthn = state.webauthn.as_ref().ok_or(ServiceError::Unavailable)?;
    let now = state.clock.now();
    let expired = || ServiceError::from(Invalid::one("credential", FieldErrorCode::Expired));
    let Ok(ceremony_id) = Uuid::parse_str(ceremony) else { return Ok(Err(expired())) };
    let Ok(answer) = serde_json::from_value::<PublicKeyCredential>(credential.clone()) else {
        return Ok(Err(Invalid::one("credential", FieldErrorCode::InvalidFormat).into()));
    };
    let taken = auth::take_ceremony(db, ceremony_id, kind.as_str()).await?;
    let Some(c) = taken.filter(|c| c.expires_at > now) else { return Ok(Err(expired())) };
    let auth_state: DiscoverableAuthentication =
        passkey::from_json(&c.state).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let Ok((user, cred)) = webauthn.identify_discoverable_authentication(&answer) else {
        return Ok(Err(incorrect_credential()));
    };
    let cred_key = crate::domain::session::hex(cred);
    Ok(Ok(DiscoveredAnswer { answer, auth_state, user, cred_key }))
}

/// Verifies the answer with the stored passkey (as JSON): the stored form
/// to write back when its counter or state changed, or `incorrect`.
pub(crate) fn verify_discoverable(
    state: &AppState,
    a: DiscoveredAnswer,
    stored: &str,
) -> Result<Option<String>, ServiceError> {
    let webauthn = state.webauthn.as_ref().ok_or(ServiceError::Unavailable)?;
    let mut pk = passkey::from_json::<Passkey>(stored).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let result = webauthn.finish_discoverable_authentication_v2(&a.answer, a.auth_state, &pk).map_err(|e| {
        tracing::info!(error = %e, "passkey sign-in refused");
        incorrect_credential()
    })?;
    if pk.update_credential(&result) == Some(true) {
        Ok(Some(passkey::to_json(&pk).map_err(|e| ServiceError::Internal(e.to_string()))?))
    } else {
        Ok(None)
    }
}

/// Who is creating a passkey, as the phone shows it.
pub(crate) struct NewCredentialUser<'a> {
    /// The user handle the passkey keeps (a resident's or a staff member's id).
    pub id: Uuid,
    pub name: String,
    pub display: &'a str,
    /// Their passkeys already made, which the phone must not make again.
    pub exclude: Option<Vec<webauthn_rs::prelude::CredentialID>>,
}

/// Starts a passkey creation ceremony whose state stays on the server
/// (kind and subject say which flow may finish it): the browser's options.
pub(crate) async fn start_creation(
    db: &impl ConnectionTrait,
    state: &AppState,
    user: NewCredentialUser<'_>,
    kind: CeremonyKind,
    subject: Uuid,
    now: DateTime<Utc>,
) -> Result<serde_json::Value, ServiceError> {
    let webauthn = state.webauthn.as_ref().ok_or(ServiceError::Unavailable)?;
    let (ccr, reg_state): (_, PasskeyRegistration) = webauthn
        .start_passkey_registration(user.id, &user.name, user.display, user.exclude)
        .map_err(|e| ServiceError::Internal(format!("passkey options: {e}")))?;
    let text = passkey::to_json(&reg_state).map_err(|e| ServiceError::Internal(e.to_string()))?;
    auth::insert_ceremony(db, kind.as_str(), Some(subject), text, now, now + passkey::CEREMONY_TTL).await?;
    passkey::creation_options_json(&ccr).map_err(|e| ServiceError::Internal(e.to_string()))
}

/// The credential ids of stored passkeys (as JSON), for a new one to exclude.
pub(crate) fn credential_ids<'a>(
    stored: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<webauthn_rs::prelude::CredentialID>, ServiceError> {
    stored
        .into_iter()
        .map(|data| {
            passkey::from_json::<Passkey>(data)
                .map(|pk| pk.cred_id().clone())
                .map_err(|e| ServiceError::Internal(e.to_string()))
        })
        .collect()
}

/// The credential ids of a person's passkeys, for a new one to exclude.
pub(crate) async fn passkey_ids(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
) -> Result<Vec<webauthn_rs::prelude::CredentialID>, ServiceError> {
    let stored = auth::passkeys_of(db, resident_id).await?;
    credential_ids(stored.iter().map(|p| p.data.as_str()))
}

/// A resident as their phone's passkey shows them (their address, or their
/// registration number), with their passkeys to exclude.
pub(crate) async fn person_user<'a>(
    db: &impl ConnectionTrait,
    r: &'a crate::store::entity::resident::Model,
) -> Result<NewCredentialUser<'a>, ServiceError> {
    let name = r.email.clone().unwrap_or_else(|| PublicId::display_of(&r.registration_number));
    Ok(NewCredentialUser { id: r.id, name, display: &r.name, exclude: Some(passkey_ids(db, r.id).await?) })
}

/// A verified new passkey: its credential key and stored form.
pub(crate) struct NewPasskey {
    pub cred_id: String,
    pub data: String,
}

/// Why making a passkey stopped: the error to answer, and whether what was
/// done on the way (a ceremony spent, a failure counted) is kept.
pub(crate) struct Stopped {
    error: ServiceError,
    keep: bool,
}

impl Stopped {
    /// Ends the transaction as the stop needs (committed, or rolled back)
    /// and answers its error.
    pub(crate) async fn end<T>(self, tx: crate::store::WriteTx) -> Result<T, ServiceError> {
        if self.keep {
            tx.commit().await?;
        }
        Err(self.error)
    }
}

impl<E: Into<ServiceError>> From<E> for Stopped {
    fn from(error: E) -> Self {
        Stopped { error: error.into(), keep: false }
    }
}

/// A one-time code (a claim sheet's, a staff member's enrolment) looked up
/// once failures are bounded per client: one not found counts as a failure,
/// kept.
pub(crate) async fn one_time_code<T>(
    db: &impl ConnectionTrait,
    client: &str,
    now: DateTime<Utc>,
    look_up: impl Future<Output = Result<T, ServiceError>>,
) -> Result<T, Stopped> {
    super::codes::check_rate(db, rate::FAILURES_PER_CLIENT, client, now).await?;
    match look_up.await {
        Ok(found) => Ok(found),
        Err(error) => {
            super::codes::count_failure(db, client, now).await?;
            Err(Stopped { error, keep: true })
        }
    }
}

/// Whose passkey is being made (residents' and staff members' are kept apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holder {
    Resident,
    Staff,
}

/// The passkey the browser made in the creation ceremony of `kind` for
/// `subject` (the ceremony is spent whatever happens, and that is kept),
/// verified, and not one registered already.
pub(crate) async fn created(
    db: &impl ConnectionTrait,
    state: &AppState,
    kind: CeremonyKind,
    subject: Uuid,
    credential: &serde_json::Value,
    holder: Holder,
    now: DateTime<Utc>,
) -> Result<NewPasskey, Stopped> {
    let ceremony = auth::take_latest_ceremony(db, kind.as_str(), subject).await?;
    let new = verify_creation(state, ceremony, credential, now).map_err(|error| Stopped { error, keep: true })?;
    let taken = match holder {
        Holder::Resident => auth::find_passkey(db, &new.cred_id).await?.is_some(),
        Holder::Staff => crate::store::staff::find_passkey(db, &new.cred_id).await?.is_some(),
    };
    if taken {
        return Err(ServiceError::from(Invalid::one("credential", FieldErrorCode::AlreadyExists)).into());
    }
    Ok(new)
}

/// Verifies the browser's answer to a creation ceremony taken from storage.
fn verify_creation(
    state: &AppState,
    ceremony: Option<crate::store::entity::webauthn_ceremony::Model>,
    credential: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<NewPasskey, ServiceError> {
    let webauthn = state.webauthn.as_ref().ok_or(ServiceError::Unavailable)?;
    let ceremony =
        ceremony.filter(|c| c.expires_at > now).ok_or_else(|| Invalid::one("credential", FieldErrorCode::Expired))?;
    let reg_state: PasskeyRegistration =
        passkey::from_json(&ceremony.state).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let answer: RegisterPublicKeyCredential = serde_json::from_value(credential.clone())
        .map_err(|_| Invalid::one("credential", FieldErrorCode::InvalidFormat))?;
    let pk = webauthn.finish_passkey_registration(&answer, &reg_state).map_err(|e| {
        tracing::info!(error = %e, "passkey creation refused");
        Invalid::one("credential", FieldErrorCode::Incorrect)
    })?;
    Ok(NewPasskey {
        cred_id: passkey::cred_key(pk.cred_id()),
        data: passkey::to_json(&pk).map_err(|e| ServiceError::Internal(e.to_string()))?,
    })
}

pub(crate) async fn audit_passkey(
    db: &impl ConnectionTrait,
    resident_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    audit::append(
        db,
        AuditEntry::new(&Actor::Resident { id: resident_id }, AuditAction::PasskeyAdded, Channel::Web)
            .subject(SubjectKind::Resident, resident_id)
            .request_id(context::request_id()),
        now,
    )
    .await?;
    Ok(())
}

pub(crate) fn incorrect_credential() -> ServiceError {
    ServiceError::from(Invalid::one("credential", FieldErrorCode::Incorrect))
}
