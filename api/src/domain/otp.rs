//! One-time codes sent by mail (to confirm an address, to sign in without a
//! passkey, to recover an account): six digits, short-lived, a few tries.
//! Only a hash is stored, and codes are compared in constant time.

use chrono::Duration;
use rand::Rng;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::{FieldErrorCode, text};

pub const DIGITS: usize = 6;
/// How long a code works.
pub const TTL: Duration = Duration::minutes(10);
/// Wrong tries before a code stops working (a new one can be asked for).
pub const MAX_ATTEMPTS: i32 = 5;

pub fn generate(rng: &mut impl Rng) -> String {
    (0..DIGITS).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect()
}

/// The stored form: SHA-256 over the code and the id of what it belongs to,
/// so equal codes for different purposes hash differently.
pub fn hash(code: &str, bound_to: &str) -> String {
    let mut h = Sha256::new();
    h.update(bound_to.as_bytes());
    h.update([0u8]);
    h.update(code.as_bytes());
    super::session::hex(&h.finalize())
}

/// Whether a stored code can still be tried: not used, not past its time,
/// tries left.
pub fn usable(
    used: bool,
    expires_at: chrono::DateTime<chrono::Utc>,
    attempts: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    !used && now < expires_at && attempts < MAX_ATTEMPTS
}

/// What a person typed, as a code: digits only, any width, spaces ignored.
pub fn parse(input: &str) -> Result<String, FieldErrorCode> {
    let s: String = text::normalize(input).chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if s.is_empty() {
        return Err(FieldErrorCode::Required);
    }
    if s.len() != DIGITS || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldErrorCode::InvalidFormat);
    }
    Ok(s)
}

/// Whether `typed` is the code whose hash is `stored`.
pub fn matches(stored: &str, typed: &str, bound_to: &str) -> bool {
    hash(typed, bound_to).as_bytes().ct_eq(stored.as_bytes()).into()
}

/// What a request for a mailed sign-in code leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInCode {
    /// The date of birth is the registration's and the address is one the
    /// person confirmed themselves: a code.
    Send,
    /// The right date, but the address was written down by reception or
    /// family and never confirmed by the person (even if they have a passkey
    /// since): no code, or whoever wrote it could sign in or recover with
    /// it; the person's way in is their claim sheet or link.
    ClaimFirst,
    /// A registered address with another date of birth: no code.
    Mismatch,
    /// No registration has the address.
    NoAccount,
}

/// The rule for a code request, given the date of birth and whether the
/// address on file was confirmed by the person, if a registration has it.
pub fn sign_in_code(on_file: Option<(chrono::NaiveDate, bool)>, typed_birth: chrono::NaiveDate) -> SignInCode {
    match on_file {
        None => SignInCode::NoAccount,
        Some((birth, _)) if birth != typed_birth => SignInCode::Mismatch,
        Some((_, false)) => SignInCode::ClaimFirst,
        Some((_, true)) => SignInCode::Send,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_their_hash() {
        let mut rng = rand::rng();
        for _ in 0..100 {
            let code = generate(&mut rng);
            assert_eq!(code.len(), 6);
            let stored = hash(&code, "registration-1");
            assert!(!stored.contains(&code));
            assert!(matches(&stored, &code, "registration-1"));
            assert!(!matches(&stored, &code, "registration-2"), "bound to its purpose");
        }
        let stored = hash("123456", "x");
        assert!(!matches(&stored, "123457", "x"));
    }

    #[test]
    fn codes_stop_working_when_used_late_or_tried_too_often() {
        use chrono::TimeZone;
        let t0 = chrono::Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap();
        let end = t0 + TTL;
        assert!(usable(false, end, 0, t0));
        assert!(usable(false, end, MAX_ATTEMPTS - 1, end - Duration::seconds(1)));
        assert!(!usable(true, end, 0, t0), "used");
        assert!(!usable(false, end, 0, end), "expired");
        assert!(!usable(false, end, MAX_ATTEMPTS, t0), "no tries left");
    }

    #[test]
    fn typed_codes() {
        assert_eq!(parse(" １２３ ４５６ "), Ok("123456".to_owned()));
        assert_eq!(parse("123-456"), Ok("123456".to_owned()));
        assert_eq!(parse(""), Err(FieldErrorCode::Required));
        assert_eq!(parse("12345"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(parse("12345a"), Err(FieldErrorCode::InvalidFormat));
    }

    #[test]
    fn a_code_goes_only_with_the_right_birth_date_to_a_confirmed_address() {
        let born = chrono::NaiveDate::from_ymd_opt(1950, 4, 1).unwrap();
        let other = chrono::NaiveDate::from_ymd_opt(1950, 4, 2).unwrap();
        assert_eq!(sign_in_code(Some((born, true)), born), SignInCode::Send);
        assert_eq!(sign_in_code(Some((born, false)), born), SignInCode::ClaimFirst);
        assert_eq!(sign_in_code(Some((born, true)), other), SignInCode::Mismatch);
        assert_eq!(sign_in_code(Some((born, false)), other), SignInCode::Mismatch);
        assert_eq!(sign_in_code(None, born), SignInCode::NoAccount);
    }
}
