//! Stable error codes, and the HTTP status each is answered with.

use poem::http::StatusCode;
use poem_openapi::Enum;

/// Stable error codes.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request is malformed (headers, query, path).
    BadRequest,
    /// The body could not be read: malformed JSON, a wrong type, an unknown enum value.
    InvalidBody,
    /// A query or path parameter has the wrong form.
    InvalidParameter,
    /// The input was read but some fields are not acceptable; see `fields`.
    ValidationFailed,
    /// Sign-in is needed.
    Unauthorized,
    /// Signed in, but not allowed.
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    PayloadTooLarge,
    UnsupportedMediaType,
    RateLimited,
    Internal,
    ServiceUnavailable,
    /// The account signs in with a passkey; a mailed code alone is not enough.
    PasskeyRequired,
    /// Recovery details that do not match the account.
    DetailsMismatch,
    /// Intake: no resident matches the patient identifier.
    PatientUnknown,
    /// Intake: the data's patient (birth date, sex) is not the resident named.
    PatientMismatch,
    /// Intake: the resident has no current consent in a network of this facility.
    NoConsent,
    /// Intake: JAHIS data that cannot be read; `detail` says what and where.
    JahisInvalid,
    /// Consent: already joined this network at the version in force.
    AlreadyJoined,
    /// Consent: withdrawing from a network never joined.
    NotJoined,
    /// Consent: that consent is already withdrawn.
    AlreadyWithdrawn,
    /// Consent: the consent on the page is no longer the one in force; reload.
    ConsentChanged,
    /// Consent: the document version shown is not the one in force (`currentVersion` is).
    ConsentVersionStale,
    /// Data rights: medical data can be erased only after withdrawing from every network.
    StillJoined,
    /// Proxies: `Renkei-Acting-For` names no active proxy link of the signed-in person.
    ProxyNotActive,
    /// Proxies: beyond the proxy's level, or never a proxy's to do.
    ProxyNotAllowed,
    /// Proxies: a person cannot act for themselves.
    ProxySelf,
    /// Proxies: already acting for this person.
    ProxyExists,
    /// Proxies: the person has five proxies (with open invitations) already.
    ProxyLimit,
    /// Proxies: the link is not confirmed yet (or is past its review date):
    /// nothing of the person's but their registration until it is.
    ProxyUnconfirmed,
    /// Proxies: the person signed in through the mail that this proxy's own
    /// registration sent, so their confirmation is referred to the network
    /// office (or a facility's desk).
    ProxyConfirmationReferred,
    /// Proxies: that proxy is revoked already.
    ProxyAlreadyRevoked,
    /// Invitations: no invitation has this code.
    InvitationNotFound,
    /// Invitations: past its 30 days.
    InvitationExpired,
    /// Invitations: accepted or cancelled already.
    InvitationUsed,
    /// Claims: the code cannot be used (never says why: unknown, expired, used, voided, or another birth date).
    ClaimInvalid,
    /// Staff: the enrolment code cannot be used (unknown, used or expired).
    EnrolmentInvalid,
    /// Reception: this facility entered a form with this serial already.
    FormSerialUsed,
    /// Reception: people with the same name (kana) and birth date are registered; check them first.
    PossibleDuplicate,
    /// Reception: this person is registered already.
    AlreadyRegistered,
    /// Reception: the person signs in themselves now; their record is theirs to change.
    SignsInAlready,
    /// Registering someone (oneself with another address, or a family
    /// member) who is registered already: nothing new was made.
    PersonRegistered,
    /// A new insurance names a card that another registered person holds:
    /// nothing was added; the network office reviews it.
    InsuranceHeldByAnother,
    /// The disk is full: nothing was kept; try again after `Retry-After`.
    StorageFull,
    /// The service is at its limit and refused the request before doing
    /// anything with it: send the same request again after `Retry-After`.
    Busy,
    /// The request's body did not arrive in time; nothing was done with it.
    RequestTimeout,
    /// A facility's system named a staff member who is not an enrolled,
    /// active clinical staff member of that facility.
    StaffNotRecognised,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 49] = [
        Self::BadRequest,
        Self::InvalidBody,
        Self::InvalidParameter,
        Self::ValidationFailed,
        Self::Unauthorized,
        Self::Forbidden,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::Conflict,
        Self::PayloadTooLarge,
        Self::UnsupportedMediaType,
        Self::RateLimited,
        Self::Internal,
        Self::ServiceUnavailable,
        Self::PasskeyRequired,
        Self::DetailsMismatch,
        Self::PatientUnknown,
        Self::PatientMismatch,
        Self::NoConsent,
        Self::JahisInvalid,
        Self::AlreadyJoined,
        Self::NotJoined,
        Self::AlreadyWithdrawn,
        Self::ConsentChanged,
        Self::ConsentVersionStale,
        Self::StillJoined,
        Self::ProxyNotActive,
        Self::ProxyNotAllowed,
        Self::ProxyUnconfirmed,
        Self::ProxyConfirmationReferred,
        Self::ProxySelf,
        Self::ProxyExists,
        Self::ProxyLimit,
        Self::ProxyAlreadyRevoked,
        Self::InvitationNotFound,
        Self::InvitationExpired,
        Self::InvitationUsed,
        Self::ClaimInvalid,
        Self::EnrolmentInvalid,
        Self::FormSerialUsed,
        Self::PossibleDuplicate,
        Self::AlreadyRegistered,
        Self::SignsInAlready,
        Self::PersonRegistered,
        Self::InsuranceHeldByAnother,
        Self::StorageFull,
        Self::Busy,
        Self::RequestTimeout,
        Self::StaffNotRecognised,
    ];

    pub fn status(self) -> StatusCode {
        match self {
            Self::BadRequest | Self::InvalidBody | Self::InvalidParameter => StatusCode::BAD_REQUEST,
            Self::ValidationFailed
            | Self::DetailsMismatch
            | Self::NoConsent
            | Self::JahisInvalid
            | Self::ClaimInvalid
            | Self::EnrolmentInvalid => StatusCode::UNPROCESSABLE_ENTITY,
            Self::PatientUnknown => StatusCode::NOT_FOUND,
            Self::PatientMismatch => StatusCode::CONFLICT,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden
            | Self::ProxyNotActive
            | Self::ProxyNotAllowed
            | Self::ProxyUnconfirmed
            | Self::StaffNotRecognised => StatusCode::FORBIDDEN,
            Self::InvitationNotFound => StatusCode::NOT_FOUND,
            Self::InvitationExpired => StatusCode::GONE,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict
            | Self::PasskeyRequired
            | Self::AlreadyJoined
            | Self::NotJoined
            | Self::AlreadyWithdrawn
            | Self::ConsentChanged
            | Self::ConsentVersionStale
            | Self::StillJoined
            | Self::ProxySelf
            | Self::ProxyExists
            | Self::ProxyLimit
            | Self::ProxyConfirmationReferred
            | Self::ProxyAlreadyRevoked
            | Self::InvitationUsed
            | Self::FormSerialUsed
            | Self::PossibleDuplicate
            | Self::AlreadyRegistered
            | Self::SignsInAlready
            | Self::PersonRegistered
            | Self::InsuranceHeldByAnother => StatusCode::CONFLICT,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            Self::ServiceUnavailable | Self::StorageFull | Self::Busy => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}
