//! Signed-in sessions: a random token in an HttpOnly cookie, only its hash
//! stored; ended after 30 minutes without use or 12 hours after sign-in,
//! whichever comes first.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sha2::{Digest, Sha256};

/// A session ends after this long without a request.
pub const IDLE: Duration = Duration::minutes(30);
/// A session ends this long after sign-in, however busy.
pub const ABSOLUTE: Duration = Duration::hours(12);
/// `last_seen_at` is written at most this often, so reading pages does not
/// turn every request into a write.
pub const TOUCH_EVERY: Duration = Duration::minutes(1);
/// The cookie's name.
pub const COOKIE: &str = "renkei_session";

/// How a person signed in (stored; shown in their account history later).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInMethod {
    Passkey,
    EmailCode,
    Registration,
    Recovery,
    /// With a claim code, creating one's own passkey.
    Claim,
}

impl SignInMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Passkey => "passkey",
            Self::EmailCode => "email_code",
            Self::Registration => "registration",
            Self::Recovery => "recovery",
            Self::Claim => "claim",
        }
    }
}

/// A new secret token: 32 random bytes as hex.
pub fn new_token(rng: &mut impl Rng) -> String {
    let bytes: [u8; 32] = rng.random();
    hex(&bytes)
}

/// The stored form of a secret token (session cookie, registration key).
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// When a session last used at `last_seen` and created at `created` ends.
pub fn ends_at(created: DateTime<Utc>, last_seen: DateTime<Utc>) -> DateTime<Utc> {
    (last_seen + IDLE).min(created + ABSOLUTE)
}

pub fn is_live(created: DateTime<Utc>, last_seen: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now < ends_at(created, last_seen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn idle_and_absolute_limits() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap();
        assert!(is_live(t0, t0, t0 + Duration::minutes(29)));
        assert!(!is_live(t0, t0, t0 + Duration::minutes(30)));
        // Used every 20 minutes, it still ends at 12 hours.
        let last = t0 + Duration::hours(11) + Duration::minutes(50);
        assert!(is_live(t0, last, t0 + Duration::hours(11) + Duration::minutes(59)));
        assert!(!is_live(t0, last, t0 + Duration::hours(12)));
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let mut rng = rand::rng();
        let a = new_token(&mut rng);
        let b = new_token(&mut rng);
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
