//! Entry points: the QR codes on posters and leaflets through which people
//! start a registration. Each has an opaque short code (no meaning, nothing
//! personal), and a label only the network office sees.

use super::public_id::PublicId;
use super::{FieldErrorCode, text};

/// Characters of an entry-point code before its check character.
pub const CODE_LEN: usize = 8;
pub const LABEL_MAX_CHARS: usize = 100;

pub fn parse_code(input: &str) -> Result<PublicId, FieldErrorCode> {
    PublicId::parse(input, CODE_LEN)
}

pub fn parse_label(input: &str) -> Result<String, FieldErrorCode> {
    text::parse_name(input, LABEL_MAX_CHARS)
}

/// The path a QR code opens, below the public URL.
pub fn registration_path(code: &PublicId) -> String {
    format!("r/{}", code.as_str())
}
