//! Limits on attempts that could be used to guess: codes mailed, codes and
//! passkeys tried, recoveries. Counted per account (or address) and per
//! client address in fixed windows, so a limit lifts by itself: nobody is
//! ever locked out for good.

use chrono::Duration;

/// One limit: at most `max` events per `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub name: &'static str,
    pub max: i32,
    pub window: Duration,
}

/// Codes mailed to one address or account.
pub const CODES_PER_ADDRESS: Limit = Limit { name: "code_mail", max: 5, window: Duration::hours(1) };
/// Failed sign-in, code and recovery attempts against one account.
pub const FAILURES_PER_ACCOUNT: Limit = Limit { name: "fail_account", max: 10, window: Duration::minutes(15) };
/// Failed attempts from one client address (many accounts).
pub const FAILURES_PER_CLIENT: Limit = Limit { name: "fail_client", max: 30, window: Duration::minutes(15) };
/// Registrations started from one client address. Generous: a community
/// hall's Wi-Fi or a mobile carrier's shared address carries many people.
pub const REGISTRATIONS_PER_CLIENT: Limit = Limit { name: "registration", max: 60, window: Duration::hours(1) };
/// The shortest time between two codes for the same purpose.
pub const RESEND_AFTER: Duration = Duration::seconds(30);

impl Limit {
    /// The counter's key for a subject (an address hash, an account id).
    pub fn key(&self, subject: &str) -> String {
        format!("{}:{subject}", self.name)
    }
}
