//! Use cases. Each takes the state and the acting person explicitly, asks
//! `domain::access` whether it may run, does its work in one transaction, and
//! appends to the audit log in that same transaction when it changes anything.

pub mod access_review;
pub mod account;
pub mod audit_verify;
pub mod backup;
pub mod common;
pub mod consent_documents;
pub mod consents;
pub mod data_rights;
pub mod demo;
pub mod entry_points;
pub mod facility_keys;
pub mod health_record;
pub mod housekeeping;
pub mod insurance;
pub mod intake;
pub mod looking;
pub mod mail;
pub mod my_access;
pub mod networks;
pub mod notices;
pub mod person_merge;
pub mod proxies;
pub mod reception;
pub mod registration;
pub mod status;
pub mod summaries;

use crate::domain::access::{Denied, Operation, require};
use crate::domain::actor::Actor;
use crate::domain::{FieldErrorCode, Invalid};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("not found")]
    NotFound,
    #[error("the database is unavailable")]
    Unavailable,
    #[error("internal error: {0}")]
    Internal(String),
    /// Too many attempts; allowed again after this long.
    #[error("rate limited")]
    RateLimited(chrono::Duration),
    /// In conflict with the current state (a registration already completed).
    #[error("conflict")]
    Conflict,
    /// This account signs in with a passkey; a mailed code alone is not enough.
    #[error("passkey required")]
    PasskeyRequired,
    /// The person being registered (by themselves with another address, or
    /// by family) is registered already: nothing new was made; the account's
    /// own address is told and the network office reviews. Said only to
    /// someone who has proved their own mailbox.
    #[error("already registered")]
    PersonRegistered,
    /// A new insurance names a card another registered person holds: nothing
    /// was added, and the network office reviews.
    #[error("insurance held by another person")]
    InsuranceHeldByAnother,
    /// The disk (or the database's size limit) is full: nothing was kept;
    /// try again later.
    #[error("storage full")]
    StorageFull,
    /// Recovery details that do not match the account.
    #[error("details do not match")]
    DetailsMismatch,
    /// A change to a consent that its current state does not allow.
    #[error("consent: {0:?}")]
    Consent(ConsentRefusal),
    /// Acting for someone, inviting, accepting or claiming refused.
    #[error("proxy: {0:?}")]
    Proxy(ProxyRefusal),
    /// A paper form or a staff enrolment refused.
    #[error("reception: {0:?}")]
    Reception(ReceptionRefusal),
    /// A facility's system asked on behalf of someone who is not an
    /// enrolled, active clinical staff member of that facility.
    #[error("staff member not recognised")]
    StaffNotRecognised,
}

/// Why acting for someone (or becoming their proxy, or claiming a sign-in)
/// was refused. Nothing changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyRefusal {
    /// The link named is not an active link of the signed-in person.
    NotActive,
    /// A person cannot act for themselves.
    OwnRecord,
    /// Already acting for this person.
    AlreadyLinked,
    /// The person has the most proxies allowed.
    Limit,
    /// Revoking a link already revoked.
    AlreadyRevoked,
    InvitationNotFound,
    InvitationExpired,
    /// Accepted or cancelled already.
    InvitationUsed,
    /// A claim code that cannot be used, whatever the reason.
    ClaimInvalid,
    /// The person signed in through the mail that this proxy's registration
    /// sent to the address the proxy typed: their word cannot confirm this
    /// proxy (the mailbox may be the proxy's); the network office reviews,
    /// or both confirm at a facility's desk.
    ConfirmationReferred,
}

impl From<crate::domain::proxy::LinkRefused> for ProxyRefusal {
    fn from(r: crate::domain::proxy::LinkRefused) -> Self {
        use crate::domain::proxy::LinkRefused;
        match r {
            LinkRefused::OwnRecord => Self::OwnRecord,
            LinkRefused::AlreadyLinked => Self::AlreadyLinked,
            LinkRefused::Limit => Self::Limit,
        }
    }
}

/// Why a change to a person's consents was refused. Nothing changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentRefusal {
    /// Joining a network whose consent is already in force at this version.
    AlreadyJoined,
    /// Withdrawing from a network never joined.
    NotJoined,
    /// Withdrawing a consent already withdrawn (a second tap, a second device).
    AlreadyWithdrawn,
    /// The consent on the page is no longer the one in force (withdrawn and
    /// given again since): reload and look again.
    ConsentChanged,
    /// Agreeing to a document version that is not the one in force.
    VersionNotCurrent { current: i32 },
    /// Erasing medical data while a consent is still in force.
    StillJoined,
}

/// The person a use case acts on, once `op` is allowed: the signed-in
/// resident themselves, or the person a proxy acts for.
pub(crate) fn resident_of(actor: &Actor, op: Operation) -> Result<uuid::Uuid, ServiceError> {
    require(actor, op)?;
    match actor {
        Actor::Resident { id } => Ok(*id),
        Actor::Proxy { subject, .. } => Ok(*subject),
        _ => Err(ServiceError::NotFound),
    }
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            // A unique constraint that the service did not foresee (a race between
            // two identical requests): report it as the field conflict it is.
            StoreError::Duplicate => Self::Invalid(Invalid::one("code", FieldErrorCode::AlreadyExists)),
            StoreError::Db(e) => e.into(),
        }
    }
}

impl From<sea_orm::DbErr> for ServiceError {
    fn from(e: sea_orm::DbErr) -> Self {
        if crate::store::is_storage_full(&e) {
            // Noted for the health check by the write that found it (store::TxConn).
            Self::StorageFull
        } else if crate::store::is_unreachable(&e) {
            tracing::error!(error = %e, "the database cannot be reached");
            Self::Unavailable
        } else {
            Self::Internal(e.to_string())
        }
    }
}

/// Why reception's request was refused. Nothing changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceptionRefusal {
    /// An enrolment code that cannot be used, whatever the reason.
    EnrolmentInvalid,
    /// This facility entered a form with this serial already.
    FormSerialUsed,
    /// People with the same name (kana) and birth date are registered: look
    /// at them, and confirm it is a different person.
    PossibleDuplicate,
    /// The same person (name, birth date, sex and insurance) is registered already.
    AlreadyRegistered,
    /// The person signs in themselves now: their record and sign-in are
    /// theirs (corrections go through their own correction request).
    SignsInAlready,
}
