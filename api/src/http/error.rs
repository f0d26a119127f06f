//! The one error shape of the API: `{ code, message, fields?, requestId? }`.
//! `code` is stable (the web app translates it); `message` is in the person's
//! language and says what to do next. Internal errors are logged, never echoed.

use poem::http::StatusCode;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object};

use crate::context;
use crate::domain::access::Denied;
use crate::domain::{FieldErrorCode, Invalid};
pub use crate::errors::ErrorCode;
use crate::errors::texts as messages;
use crate::service::{ConsentRefusal, ProxyRefusal, ReceptionRefusal, ServiceError};

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
    /// Stable (`JahisProblem`).
    pub reason: crate::http::closed::OneOf<crate::http::closed::JahisProblem>,
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

    /// The HTTP status this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            Self::BadRequest(_) => 400,
            Self::Unauthorized(_) => 401,
            Self::Forbidden(_) => 403,
            Self::NotFound(_) => 404,
            Self::RequestTimeout(_) => 408,
            Self::Conflict(_) => 409,
            Self::Gone(_) => 410,
            Self::PayloadTooLarge(_) => 413,
            Self::UnsupportedMediaType(_) => 415,
            Self::Unprocessable(_) => 422,
            Self::TooManyRequests(..) => 429,
            Self::Internal(_) => 500,
            Self::Unavailable(..) => 503,
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
        message: messages::for_request(context::lang(), code, context::from_system()).to_owned(),
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
            ServiceError::Denied(Denied::ProxyUnconfirmed) => Self::new(ErrorCode::ProxyUnconfirmed),
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
                ProxyRefusal::ConfirmationReferred => ErrorCode::ProxyConfirmationReferred,
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
            ServiceError::StaffNotRecognised => Self::new(ErrorCode::StaffNotRecognised),
            ServiceError::PersonRegistered => Self::new(ErrorCode::PersonRegistered),
            ServiceError::InsuranceHeldByAnother => Self::new(ErrorCode::InsuranceHeldByAnother),
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

/// The error statuses one operation can answer with, as bits of a set: an
/// operation returns `Refusal<{ can::A | can::B }>`, and the contract lists
/// exactly those statuses for it (with [`can::ANY`], which every operation
/// may answer), not every status the API knows.
pub mod can {
    /// 400: a parameter or body that does not parse.
    pub const BAD_REQUEST: u16 = 1 << 0;
    /// 401: the session is missing or over.
    pub const SIGN_IN: u16 = 1 << 1;
    /// 403: not allowed for this person (or a write from another site).
    pub const FORBIDDEN: u16 = 1 << 2;
    /// 404
    pub const NOT_FOUND: u16 = 1 << 3;
    /// 408: the body did not arrive in time.
    pub const TIMEOUT: u16 = 1 << 4;
    /// 409: in conflict with the current state.
    pub const CONFLICT: u16 = 1 << 5;
    /// 410: no longer valid.
    pub const GONE: u16 = 1 << 6;
    /// 413: the body is too large.
    pub const TOO_LARGE: u16 = 1 << 7;
    /// 415: the body is not JSON.
    pub const MEDIA_TYPE: u16 = 1 << 8;
    /// 422: fields refused by the rules.
    pub const INVALID: u16 = 1 << 9;
    /// 429: too many attempts.
    pub const RATE: u16 = 1 << 10;
    /// 500
    pub const INTERNAL: u16 = 1 << 11;
    /// 503: busy, stopping, or the disk is full.
    pub const UNAVAILABLE: u16 = 1 << 12;

    /// Every operation may fail on our side or be turned away when busy.
    pub const ANY: u16 = INTERNAL | UNAVAILABLE;
    /// An operation with path or query parameters.
    pub const PARAMS: u16 = BAD_REQUEST;
    /// A write (POST, PUT, PATCH, DELETE): refused from another site, and
    /// (with a body it does not need) too large or too slow to arrive.
    pub const WRITE: u16 = FORBIDDEN | TIMEOUT | TOO_LARGE;
    /// A write with a JSON body, which may also not parse or not be JSON.
    pub const BODY: u16 = WRITE | BAD_REQUEST | MEDIA_TYPE;
    /// A resident's session (and `Renkei-Acting-For`, refused when it names
    /// no active link of theirs).
    pub const RESIDENT: u16 = SIGN_IN | FORBIDDEN;
    /// A staff session (and the staff member's role).
    pub const STAFF: u16 = SIGN_IN | FORBIDDEN;

    /// The bit for a status, if it is one of the set's.
    pub const fn bit(status: u16) -> Option<u16> {
        Some(match status {
            400 => BAD_REQUEST,
            401 => SIGN_IN,
            403 => FORBIDDEN,
            404 => NOT_FOUND,
            408 => TIMEOUT,
            409 => CONFLICT,
            410 => GONE,
            413 => TOO_LARGE,
            415 => MEDIA_TYPE,
            422 => INVALID,
            429 => RATE,
            500 => INTERNAL,
            503 => UNAVAILABLE,
            _ => return None,
        })
    }
}

/// An operation's error, of the statuses `S` (bits of [`can`]) and
/// [`can::ANY`]. Returning a status outside them is a bug: debug builds (and
/// so the tests) stop at it, and the contract check (Schemathesis) finds any
/// the tests miss.
#[derive(Debug)]
pub struct Refusal<const S: u16>(pub ApiError);

impl<const S: u16> Refusal<S> {
    fn declares(status: u16) -> bool {
        can::bit(status).is_some_and(|b| (S | can::ANY) & b != 0)
    }
}

impl<const S: u16> From<ApiError> for Refusal<S> {
    fn from(e: ApiError) -> Self {
        let status = e.status();
        debug_assert!(Self::declares(status), "status {status} is not declared for this operation");
        Self(e)
    }
}

impl<const S: u16> From<ServiceError> for Refusal<S> {
    fn from(e: ServiceError) -> Self {
        ApiError::from(e).into()
    }
}

impl<const S: u16> From<Refusal<S>> for poem::Error {
    fn from(r: Refusal<S>) -> Self {
        r.0.into()
    }
}

impl<const S: u16> poem_openapi::ApiResponse for Refusal<S> {
    fn meta() -> poem_openapi::registry::MetaResponses {
        let mut meta = ApiError::meta();
        meta.responses.retain(|r| r.status.is_some_and(Self::declares));
        meta
    }

    fn register(registry: &mut poem_openapi::registry::Registry) {
        ApiError::register(registry);
    }
}
