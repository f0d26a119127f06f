//! Pure rules and value types of the network. No HTTP, no database, no I/O:
//! every rule a reader might look for ("which facility codes are valid?",
//! "who may add a facility?") lives here, with its tests beside it.

pub mod access;
pub mod actor;
pub mod audit;
pub mod audit_chain;
pub mod consent;
pub mod entry_point;
pub mod facility;
pub mod facility_key;
pub mod fhir;
pub mod identity;
pub mod insurance;
pub mod insurance_history;
pub mod jahis;
pub mod japan_time;
pub mod lang;
pub mod looking;
pub mod mail;
pub mod medication;
pub mod merge;
pub mod network;
pub mod otp;
pub mod person;
pub mod proxy;
pub mod public_id;
pub mod rate;
pub mod registration;
pub mod session;
pub mod staff;
pub mod summary;
pub mod text;

use std::fmt;

/// Why one input field was refused. The code is stable and part of the API;
/// the words a person reads are chosen from it by the HTTP layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldErrorCode {
    /// Nothing was given where something is needed.
    Required,
    /// Longer than the field allows.
    TooLong,
    /// Characters the field does not accept (control characters, emoji, ...).
    InvalidCharacters,
    /// The right characters in the wrong shape (e.g. a facility code that is not 10 digits).
    InvalidFormat,
    /// A value outside the list of allowed values.
    UnknownValue,
    /// The value is already taken by another record.
    AlreadyExists,
    /// The value refers to something that does not exist.
    NotFound,
    /// The check digit does not match: a digit was mistyped or swapped.
    CheckDigit,
    /// A real value, but outside what is plausible (a birth date in the future).
    OutOfRange,
    /// A one-time code that does not match.
    Incorrect,
    /// No longer valid: a code past its time or its tries, a document version replaced.
    Expired,
}

impl FieldErrorCode {
    pub const ALL: [FieldErrorCode; 11] = [
        Self::Required,
        Self::TooLong,
        Self::InvalidCharacters,
        Self::InvalidFormat,
        Self::UnknownValue,
        Self::AlreadyExists,
        Self::NotFound,
        Self::CheckDigit,
        Self::OutOfRange,
        Self::Incorrect,
        Self::Expired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::TooLong => "too_long",
            Self::InvalidCharacters => "invalid_characters",
            Self::InvalidFormat => "invalid_format",
            Self::UnknownValue => "unknown_value",
            Self::AlreadyExists => "already_exists",
            Self::NotFound => "not_found",
            Self::CheckDigit => "check_digit",
            Self::OutOfRange => "out_of_range",
            Self::Incorrect => "incorrect",
            Self::Expired => "expired",
        }
    }
}

impl fmt::Display for FieldErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One refused field: which one (the API field name, camelCase) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub code: FieldErrorCode,
}

impl FieldError {
    pub fn new(field: &'static str, code: FieldErrorCode) -> Self {
        Self { field, code }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.code)
    }
}

/// All refused fields of one input, so a person can fix them in one go.
#[derive(Debug, Clone, PartialEq, Eq, Default, thiserror::Error)]
#[error("invalid input: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    pub fn one(field: &'static str, code: FieldErrorCode) -> Self {
        Self(vec![FieldError::new(field, code)])
    }
}

/// Collects field errors while parsing an input with several fields.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the value when it parsed, remembers the error otherwise.
    pub fn check<T>(&mut self, field: &'static str, parsed: Result<T, FieldErrorCode>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(code) => {
                self.errors.push(FieldError::new(field, code));
                None
            }
        }
    }

    /// Like [`Validator::check`] for a part that reports several fields.
    pub fn merge<T>(&mut self, parsed: Result<T, Invalid>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(e) => {
                self.errors.extend(e.0);
                None
            }
        }
    }

    pub fn push(&mut self, field: &'static str, code: FieldErrorCode) {
        self.errors.push(FieldError::new(field, code));
    }

    /// `Ok(())` when every field was valid.
    pub fn finish(self) -> Result<(), Invalid> {
        if self.errors.is_empty() { Ok(()) } else { Err(Invalid(self.errors)) }
    }
}
