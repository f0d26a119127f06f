//! Rules of mail delivery: which addresses are accepted, how often and how
//! long a message is retried, and what of a failure may be kept.

use chrono::{DateTime, Duration, Utc};

use super::{FieldErrorCode, text};

/// Attempts before a message is given up (about a day and a half of retries).
pub const MAX_ATTEMPTS: i32 = 10;

/// How long a worker holds a claimed message before another may take it:
/// longer than one send may take (the SMTP timeout is 30 s), and renewed
/// right before each send, so that a message a killed worker had claimed goes
/// out within a minute (a code lives ten), not after ten.
pub const LEASE: Duration = Duration::seconds(45);

/// Which queue a message waits in. Someone in front of a screen waiting for
/// a code, or told something about the security of their account, goes
/// before receipts and notices that can take their time; the two are sent by
/// workers of their own, so a backlog of notices never holds up a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lane {
    /// Codes, answers to a code request, and security notices.
    Urgent,
    /// Receipts and notices.
    Bulk,
}

impl Lane {
    pub const ALL: [Lane; 2] = [Lane::Urgent, Lane::Bulk];

    /// The message kinds of `service::notices` (and the operator's test mail)
    /// that go urgent; any other kind is bulk.
    pub fn of(kind: &str) -> Lane {
        match kind {
            // A person waits at a screen for these.
            "code" | "no_account" | "claim_first" | "code_details_mismatch" | "registration_held"
            // Someone may be in the person's account: they should know now.
            | "sign_in_changed" | "registered_again" | "proxy_linked" | "claim_sheet_reissued" | "insurance_added"
            | "records_combined"
            // The network office should know at once that the audit log does not check.
            | "audit_broken"
            // An operator checking that mail works waits for it.
            | "operator_test" => Lane::Urgent,
            _ => Lane::Bulk,
        }
    }

    /// Messages a lane takes at once, and how many of them it sends at the
    /// same time (over as many SMTP connections): codes are few and must not
    /// wait; notices may be many and must not crowd the mail server.
    pub fn batch(self) -> (u64, usize) {
        match self {
            Lane::Urgent => (16, 8),
            Lane::Bulk => (32, 4),
        }
    }

    /// As stored (`mail_outbox.priority`): lower goes first.
    pub fn priority(self) -> i16 {
        match self {
            Lane::Urgent => 0,
            Lane::Bulk => 1,
        }
    }
}

/// Whether a claim must be renewed before its message is sent: less than
/// half its lease is left (a send may take a lease's half: the SMTP timeout).
pub fn needs_renewal(locked_until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    locked_until.is_none_or(|t| t - now < LEASE / 2)
}

/// Checks the shape of a mail address typed by a person.
pub fn parse_address(input: &str) -> Result<String, FieldErrorCode> {
    // Lower case: phone keyboards capitalise the first letter, and nobody
    // has two mailboxes that differ only in case.
    let s = text::normalize(input).to_lowercase();
    if s.is_empty() {
        return Err(FieldErrorCode::Required);
    }
    if s.len() > 254 {
        return Err(FieldErrorCode::TooLong);
    }
    if !deliverable(&s) {
        return Err(FieldErrorCode::InvalidFormat);
    }
    s.parse::<lettre::Address>().map(|_| s.clone()).map_err(|_| FieldErrorCode::InvalidFormat)
}

/// The addresses people are actually given: RFC 5321's dot-atom at a domain
/// name. No quoted local parts, no IP literals, nothing invisible (a
/// zero-width space makes a look-alike of someone's address). (The doubled
/// dots some Japanese carriers allowed before 2009 pass this, but not
/// lettre's own check after it, which mail is built with.)
fn deliverable(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else { return false };
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    let local_ok = !local.is_empty() && local.len() <= 64 && !local.starts_with('.') && local.chars().all(atext);
    // Hangul fillers count as letters but show as nothing.
    let filler = |c: char| matches!(c, '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}');
    let label_ok = |l: &str| {
        let ascii_letters = l.chars().any(|c| c.is_ascii_alphabetic());
        let other = !l.is_ascii();
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c == '-' || c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric()))
            && !l.chars().any(filler)
            // Latin mixed with another script (`exаmple` with a Cyrillic а)
            // is a look-alike; names of one script (例え, 日本) are fine.
            && !(ascii_letters && other)
    };
    let labels: Vec<&str> = domain.split('.').collect();
    // A name, not a number: the last label has a letter.
    let named = labels.last().is_some_and(|l| l.chars().any(char::is_alphabetic));
    local_ok && labels.len() >= 2 && named && labels.iter().all(|l| label_ok(l))
}

/// Wait before attempt `attempts + 1`: 1, 2, 4, … minutes, at most six hours.
pub fn backoff(attempts: i32) -> Duration {
    let exp = u32::try_from(attempts.clamp(1, 16) - 1).unwrap_or(0);
    Duration::minutes(2_i64.pow(exp).min(360))
}

/// Why a send failed, in words that carry no personal data (SMTP servers
/// often quote the recipient in their replies, so replies are never kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendFailure {
    /// The server refused for good (5xx): retrying cannot help.
    Permanent(u16),
    /// The server refused for now (4xx).
    Transient(u16),
    /// No conversation with the server: connection refused, timeout, TLS.
    Connection,
    /// The message could not be built (an address the mail library refuses).
    Message,
    /// Writing the file of the file transport failed.
    Storage,
}

impl SendFailure {
    pub fn is_permanent(self) -> bool {
        matches!(self, Self::Permanent(_) | Self::Message)
    }

    pub fn describe(self) -> String {
        match self {
            Self::Permanent(code) => format!("smtp {code} (permanent)"),
            Self::Transient(code) => format!("smtp {code} (temporary)"),
            Self::Connection => "could not talk to the mail server".to_owned(),
            Self::Message => "message could not be built".to_owned(),
            Self::Storage => "could not write the mail file".to_owned(),
        }
    }
}

/// When to try again after a failed attempt, or `None` to give up.
pub fn retry_after(attempts: i32, failure: SendFailure) -> Option<Duration> {
    (!failure.is_permanent() && attempts < MAX_ATTEMPTS).then(|| backoff(attempts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(parse_address(" ｔａｒｏ@example.jp "), Ok("taro@example.jp".to_owned()));
        assert_eq!(parse_address("Taro@Example.JP"), Ok("taro@example.jp".to_owned()));
        assert_eq!(parse_address(""), Err(FieldErrorCode::Required));
        assert_eq!(parse_address("taro"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(parse_address(&format!("{}@example.jp", "a".repeat(300))), Err(FieldErrorCode::TooLong));
        for bad in [
            "\"a b\"@example.jp",
            "a@[127.0.0.1]",
            "taro\u{200b}@example.jp",
            "taro@exam\u{200b}ple.jp",
            ".taro@example.jp",
            "taro@localhost",
            "taro@-example.jp",
            "taro@example..jp",
            "tarō@example.jp",
            "taro@example\u{3164}.jp",
            "taro@example.\u{1160}jp",
            "taro@\u{115F}.jp",
            "taro@example\u{FFA0}.jp",
            "taro@127.0.0.1",
            "taro@0x7f.1",
            "taro@ex\u{0430}mple.jp",
        ] {
            assert_eq!(parse_address(bad), Err(FieldErrorCode::InvalidFormat), "{bad}");
        }
        // What carriers' customers really have, and what mail can be built for.
        for good in ["taro.yamada@example.jp", "a+b@ezweb.ne.jp", "ｔａｒｏ@例え.jp"] {
            let a = parse_address(good).unwrap_or_else(|e| panic!("{good}: {e:?}"));
            let to: lettre::message::Mailbox = a.parse().unwrap_or_else(|e| panic!("{a}: {e}"));
            lettre::Message::builder()
                .from("renkei <no-reply@example.jp>".parse().unwrap())
                .to(to)
                .subject("x")
                .body(String::from("x"))
                .unwrap_or_else(|e| panic!("{a}: {e}"));
        }
    }

    #[test]
    fn codes_and_security_notices_go_first() {
        for kind in ["code", "no_account", "code_details_mismatch", "sign_in_changed", "registered_again"] {
            assert_eq!(Lane::of(kind), Lane::Urgent, "{kind}");
        }
        for kind in ["registered", "consent", "proxy_revoked", "medical_data_erased", "unheard_of"] {
            assert_eq!(Lane::of(kind), Lane::Bulk, "{kind}");
        }
        assert!(Lane::Urgent.priority() < Lane::Bulk.priority());
    }

    #[test]
    fn a_claim_is_renewed_once_half_its_lease_is_gone() {
        let now = DateTime::parse_from_rfc3339("2026-12-05T09:00:00Z").unwrap().with_timezone(&Utc);
        assert!(!needs_renewal(Some(now + LEASE), now));
        assert!(!needs_renewal(Some(now + LEASE / 2), now));
        assert!(needs_renewal(Some(now + LEASE / 2 - Duration::seconds(1)), now));
        assert!(needs_renewal(Some(now - Duration::seconds(1)), now));
        assert!(needs_renewal(None, now));
    }

    #[test]
    fn backoff_grows_and_caps() {
        assert_eq!(backoff(1), Duration::minutes(1));
        assert_eq!(backoff(2), Duration::minutes(2));
        assert_eq!(backoff(5), Duration::minutes(16));
        assert_eq!(backoff(12), Duration::minutes(360));
    }

    #[test]
    fn permanent_failures_are_not_retried() {
        assert_eq!(retry_after(1, SendFailure::Connection), Some(Duration::minutes(1)));
        assert_eq!(retry_after(1, SendFailure::Transient(451)), Some(Duration::minutes(1)));
        assert_eq!(retry_after(1, SendFailure::Permanent(550)), None);
        assert_eq!(retry_after(MAX_ATTEMPTS, SendFailure::Connection), None);
        assert!(!SendFailure::Permanent(550).describe().contains('@'));
    }
}

/// An address as shown back to a person without spelling it out to whoever
/// looks over their shoulder: `h***@example.jp`.
pub fn mask_address(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_owned(),
    }
}

#[cfg(test)]
mod mask_tests {
    #[test]
    fn masks_the_local_part() {
        assert_eq!(super::mask_address("hanako@example.jp"), "h***@example.jp");
        assert_eq!(super::mask_address("x"), "***");
    }
}
