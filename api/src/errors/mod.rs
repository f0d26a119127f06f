//! The service's errors as its users meet them: the stable codes (the
//! contract's `code` field) with the HTTP status each is answered with, and
//! the words people read for each, in Japanese and English. One home for
//! both, outside the HTTP layer, so that the command line says the same as
//! the API.

pub mod codes;
pub mod texts;

pub use codes::ErrorCode;
