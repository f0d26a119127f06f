//! The one error shape of the API: `{ code, message, fields?, requestId? }`.
//! `code` is stable (the web app translates it); `message` is in the person's
//! language and says what to do next. Internal errors are logged, never echoed.

use poem::http::StatusCode;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object};

use super::messages;
use crate::context;
use crate::domain::access::Denied;
use crate::domain::{FieldErrorCode, Invalid};
use crate::service::reception::ReceptionRefusal;
use crate::service::{ConsentRefusal, ProxyRefusal, ServiceError};

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
    /// The disk is full: nothing was kept; try again after `Retry-After`.
    StorageFull,
    /// The service is at its limit and refused the request before doing
    /// anything with it: send the same request again after `Retry-After`.
    Busy,
    /// The request's body did not arrive in time; nothing was done with it.
    RequestTimeout,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 45] = [
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
        Self::StorageFull,
        Self::Busy,
        Self::RequestTimeout,
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
            Self::Forbidden | Self::ProxyNotActive | Self::ProxyNotAllowed => StatusCode::FORBIDDEN,
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
            | Self::ProxyAlreadyRevoked
            | Self::InvitationUsed
            | Self::FormSerialUsed
            | Self::PossibleDuplicate
            | Self::AlreadyRegistered
            | Self::SignsInAlready
            | Self::PersonRegistered => StatusCode::CONFLICT,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            Self::ServiceUnavailable | Self::StorageFull | Self::Busy => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// Why a field was refused (mirrors `domain::FieldErrorCode`).
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum FieldCode {
    Required,
    TooLong,
    InvalidCharacters,
    InvalidFormat,
    UnknownValue,
    AlreadyExists,
    NotFound,
    CheckDigit,
    OutOfRange,
    Incorrect,
    Expired,
}

impl From<FieldErrorCode> for FieldCode {
    fn from(c: FieldErrorCode) -> Self {
        match c {
            FieldErrorCode::Required => Self::Required,
            FieldErrorCode::TooLong => Self::TooLong,
            FieldErrorCode::InvalidCharacters => Self::InvalidCharacters,
            FieldErrorCode::InvalidFormat => Self::InvalidFormat,
            FieldErrorCode::UnknownValue => Self::UnknownValue,
            FieldErrorCode::AlreadyExists => Self::AlreadyExists,
            FieldErrorCode::NotFound => Self::NotFound,
            FieldErrorCode::CheckDigit => Self::CheckDigit,
            FieldErrorCode::OutOfRange => Self::OutOfRange,
            FieldErrorCode::Incorrect => Self::Incorrect,
            FieldErrorCode::Expired => Self::Expired,
        }
    }
}

#[derive(Object, Debug, Clone, PartialEq, Eq)]
#[oai(rename_all = "camelCase")]
pub struct FieldErrorBody {
    /// The field's name as in the request (camelCase).
    pub field: String,
    pub code: FieldCode,
    /// What is wrong and how to fix it, in the person's language.
    pub message: String,
}

#[derive(Object, Debug, Clone, PartialEq, Eq)]
#[oai(rename_all = "camelCase")]
pub struct ErrorBody {
    pub code: ErrorCode,
    /// What happened and what to do next, in the person's language.
    pub message: String,
    /// The refused fields, for `validation_failed`.
    #[oai(skip_serializing_if_is_none)]
    pub fields: Option<Vec<FieldErrorBody>>,
    /// Quote this when asking the network office for help.
    #[oai(skip_serializing_if_is_none)]
    pub request_id: Option<String>,
    /// For `jahis_invalid`: which problem and where (never the data itself).
    #[oai(skip_serializing_if_is_none)]
    pub detail: Option<ErrorDetail>,
    /// For `consent_version_stale`: the version in force now.
    #[oai(skip_serializing_if_is_none)]
    pub current_version: Option<i32>,
}

#[derive(Object, Debug, Clone, PartialEq, Eq)]
#[oai(rename_all = "camelCase")]
pub struct ErrorDetail {
    /// Stable: `encoding`, `missing_header`, `unsupported_version`,
    /// `unknown_record`, `malformed_record`, `invalid_date`, `orphan`,
    /// `missing_split_part`, `inconsistent_split`, `empty`.
    pub reason: String,
    /// The line in the (joined) data, from 1.
    #[oai(skip_serializing_if_is_none)]
    pub line: Option<u32>,
    /// In English, for the sending system's staff.
    pub text: String,
}

#[derive(ApiResponse, Debug)]
pub enum ApiError {
    /// The request could not be read.
    #[oai(status = 400)]
    BadRequest(Json<ErrorBody>),
    /// Sign-in is needed.
    #[oai(status = 401)]
    Unauthorized(Json<ErrorBody>),
    /// Not allowed for this person.
    #[oai(status = 403)]
    Forbidden(Json<ErrorBody>),
    /// Nothing here.
    #[oai(status = 404)]
    NotFound(Json<ErrorBody>),
    /// In conflict with the current state.
    #[oai(status = 409)]
    Conflict(Json<ErrorBody>),
    /// No longer valid (an expired invitation).
    #[oai(status = 410)]
    Gone(Json<ErrorBody>),
    /// The request's body did not arrive in time (a connection too slow or
    /// broken off); nothing was done with it: send it again.
    #[oai(status = 408)]
    RequestTimeout(Json<ErrorBody>),
    /// The request body is too large.
    #[oai(status = 413)]
    PayloadTooLarge(Json<ErrorBody>),
    /// The body is not JSON (`Content-Type: application/json`), or is missing.
    #[oai(status = 415)]
    UnsupportedMediaType(Json<ErrorBody>),
    /// Some fields are not acceptable: beyond the schema, each field's
    /// description gives its rules (required values, formats, check digits,
    /// codes that must be right and unexpired); `fields` names each one.
    #[oai(status = 422)]
    Unprocessable(Json<ErrorBody>),
    /// Too many attempts; wait as long as `Retry-After` says and try again.
    #[oai(status = 429)]
    TooManyRequests(Json<ErrorBody>, #[oai(header = "Retry-After")] u64),
    /// Something went wrong on our side.
    #[oai(status = 500)]
    Internal(Json<ErrorBody>),
    /// The service cannot answer right now; try again after `Retry-After` seconds.
    #[oai(status = 503)]
    Unavailable(Json<ErrorBody>, #[oai(header = "Retry-After")] u64),
}

impl ApiError {
    pub fn new(code: ErrorCode) -> Self {
        Self::with_fields(code, None)
    }

    fn with_fields(code: ErrorCode, fields: Option<Vec<FieldErrorBody>>) -> Self {
        let body = body(code, fields);
        let j = Json(body);
        match code.status().as_u16() {
            401 => Self::Unauthorized(j),
            403 => Self::Forbidden(j),
            404 => Self::NotFound(j),
            409 => Self::Conflict(j),
            410 => Self::Gone(j),
            408 => Self::RequestTimeout(j),
            413 => Self::PayloadTooLarge(j),
            415 => Self::UnsupportedMediaType(j),
            422 => Self::Unprocessable(j),
            429 => Self::TooManyRequests(j, 60),
            500 => Self::Internal(j),
            503 => Self::Unavailable(j, 30),
            // 400, and 405 which only the middleware produces (as a raw response)
            _ => Self::BadRequest(j),
        }
    }

    pub fn invalid(invalid: &Invalid) -> Self {
        let lang = context::lang();
        let fields = invalid
            .0
            .iter()
            .map(|f| FieldErrorBody {
                field: f.field.to_owned(),
                code: f.code.into(),
                message: messages::field(lang, f.field, f.code).to_owned(),
            })
            .collect();
        Self::with_fields(ErrorCode::ValidationFailed, Some(fields))
    }
}

/// The body for a code in the current request's language.
pub fn body(code: ErrorCode, fields: Option<Vec<FieldErrorBody>>) -> ErrorBody {
    ErrorBody {
        code,
        message: messages::error(context::lang(), code).to_owned(),
        fields,
        request_id: context::request_id(),
        detail: None,
        current_version: None,
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Invalid(invalid) => Self::invalid(&invalid),
            ServiceError::Denied(Denied::SignInRequired) => Self::new(ErrorCode::Unauthorized),
            ServiceError::Denied(Denied::Forbidden) => Self::new(ErrorCode::Forbidden),
            ServiceError::Denied(Denied::ProxyNotAllowed) => Self::new(ErrorCode::ProxyNotAllowed),
            ServiceError::Proxy(r) => Self::new(match r {
                ProxyRefusal::NotActive => ErrorCode::ProxyNotActive,
                ProxyRefusal::OwnRecord => ErrorCode::ProxySelf,
                ProxyRefusal::AlreadyLinked => ErrorCode::ProxyExists,
                ProxyRefusal::Limit => ErrorCode::ProxyLimit,
                ProxyRefusal::AlreadyRevoked => ErrorCode::ProxyAlreadyRevoked,
                ProxyRefusal::InvitationNotFound => ErrorCode::InvitationNotFound,
                ProxyRefusal::InvitationExpired => ErrorCode::InvitationExpired,
                ProxyRefusal::InvitationUsed => ErrorCode::InvitationUsed,
                ProxyRefusal::ClaimInvalid => ErrorCode::ClaimInvalid,
            }),
            ServiceError::Reception(r) => Self::new(match r {
                ReceptionRefusal::EnrolmentInvalid => ErrorCode::EnrolmentInvalid,
                ReceptionRefusal::FormSerialUsed => ErrorCode::FormSerialUsed,
                ReceptionRefusal::PossibleDuplicate => ErrorCode::PossibleDuplicate,
                ReceptionRefusal::AlreadyRegistered => ErrorCode::AlreadyRegistered,
                ReceptionRefusal::SignsInAlready => ErrorCode::SignsInAlready,
            }),
            ServiceError::NotFound => Self::new(ErrorCode::NotFound),
            ServiceError::Unavailable => Self::new(ErrorCode::ServiceUnavailable),
            ServiceError::Conflict => Self::new(ErrorCode::Conflict),
            ServiceError::PasskeyRequired => Self::new(ErrorCode::PasskeyRequired),
            ServiceError::PersonRegistered => Self::new(ErrorCode::PersonRegistered),
            ServiceError::StorageFull => Self::new(ErrorCode::StorageFull),
            ServiceError::DetailsMismatch => Self::new(ErrorCode::DetailsMismatch),
            ServiceError::Consent(r) => match r {
                ConsentRefusal::AlreadyJoined => Self::new(ErrorCode::AlreadyJoined),
                ConsentRefusal::NotJoined => Self::new(ErrorCode::NotJoined),
                ConsentRefusal::AlreadyWithdrawn => Self::new(ErrorCode::AlreadyWithdrawn),
                ConsentRefusal::ConsentChanged => Self::new(ErrorCode::ConsentChanged),
                ConsentRefusal::StillJoined => Self::new(ErrorCode::StillJoined),
                ConsentRefusal::VersionNotCurrent { current } => {
                    let mut b = body(ErrorCode::ConsentVersionStale, None);
                    b.current_version = Some(current);
                    Self::Conflict(Json(b))
                }
            },
            ServiceError::RateLimited(wait) => {
                let wait = wait.num_seconds().clamp(1, 24 * 3600);
                Self::TooManyRequests(Json(body(ErrorCode::RateLimited, None)), u64::try_from(wait).unwrap_or(60))
            }
            ServiceError::Internal(detail) => {
                tracing::error!(error = %detail, "internal error");
                Self::new(ErrorCode::Internal)
            }
        }
    }
}

/// The error code for a status that poem or poem-openapi produced itself
/// (unknown route, unparsable body, wrong method, ...).
pub fn code_for_status(status: StatusCode, from_openapi_body: bool, from_openapi_param: bool) -> ErrorCode {
    match status.as_u16() {
        400 if from_openapi_body => ErrorCode::InvalidBody,
        400 if from_openapi_param => ErrorCode::InvalidParameter,
        401 => ErrorCode::Unauthorized,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        405 => ErrorCode::MethodNotAllowed,
        408 => ErrorCode::RequestTimeout,
        409 => ErrorCode::Conflict,
        411 | 413 => ErrorCode::PayloadTooLarge,
        415 => ErrorCode::UnsupportedMediaType,
        422 => ErrorCode::ValidationFailed,
        429 => ErrorCode::RateLimited,
        503 => ErrorCode::ServiceUnavailable,
        s if (400..500).contains(&s) => ErrorCode::BadRequest,
        _ => ErrorCode::Internal,
    }
}
