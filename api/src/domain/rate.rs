//! Limits on attempts that could be used to guess: codes mailed, codes and
//! passkeys tried, recoveries. Counted per account (or address) and per
//! client address in fixed windows, so a limit lifts by itself: nobody is
//! ever locked out for good.

use chrono::{DateTime, Duration, Utc};

/// One limit: at most `max` events per `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub name: &'static str,
    pub max: i32,
    pub window: Duration,
}

/// Codes mailed to one address. With five tries a code, this bounds guessing
/// against one account to 25 tries an hour, and nobody can flood a mailbox.
/// There is no separate per-account failure limit: it would let anyone who
/// knows an address keep its owner out.
pub const CODES_PER_ADDRESS: Limit = Limit { name: "code_mail", max: 5, window: Duration::hours(1) };
/// The shortest time between two codes to one address.
pub const CODE_RESEND: Limit = Limit { name: "code_resend", max: 1, window: Duration::seconds(30) };
/// Codes asked for from one client address (for any addresses).
pub const CODE_REQUESTS_PER_CLIENT: Limit = Limit { name: "code_client", max: 60, window: Duration::hours(1) };
/// Failed code and recovery attempts from one client address (many
/// accounts). Passkey sign-in is not limited: a passkey cannot be guessed,
/// and many phones share one carrier address.
pub const FAILURES_PER_CLIENT: Limit = Limit { name: "fail_client", max: 30, window: Duration::minutes(15) };
/// Passkey ceremonies started from one client address.
pub const CEREMONIES_PER_CLIENT: Limit = Limit { name: "ceremony", max: 120, window: Duration::minutes(15) };
/// Registrations started from one client address. Generous: a community
/// hall's Wi-Fi or a mobile carrier's shared address carries many people.
pub const REGISTRATIONS_PER_CLIENT: Limit = Limit { name: "registration", max: 60, window: Duration::hours(1) };
/// The shortest time between two codes for the same purpose.
/// Duplicate checks by one staff member (a busy reception enters a form every few minutes).
/// New insurance added from one account (the person's or a proxy's): each
/// is also a look-up of whether a card is someone else's, and a person's
/// insurance changes a few times in a life.
pub const INSURANCE_ADDITIONS_PER_ACCOUNT: Limit = Limit { name: "insurance_add", max: 10, window: Duration::days(1) };
pub const DUPLICATE_CHECKS_PER_STAFF: Limit = Limit { name: "duplicate_check", max: 120, window: Duration::hours(1) };
/// Look-ups by one staff member (a registration number and a birth date)
/// that found nobody: a clerk mistypes now and then; guessing birth dates
/// for a number stops here (10 × 15 minutes ≈ a year of dates takes weeks).
pub const FAILED_LOOKUPS_PER_STAFF: Limit =
    Limit { name: "staff_lookup_failed", max: 10, window: Duration::minutes(15) };
pub const RESEND_AFTER: Duration = CODE_RESEND.window;

impl Limit {
    /// The counter's key for a subject (an address hash, an account id).
    pub fn key(&self, subject: &str) -> String {
        format!("{}:{subject}", self.name)
    }

    /// When a counter whose window began at `start` and holds `count`
    /// events stops refusing, if it refuses at `now`.
    pub fn blocked_until(&self, start: DateTime<Utc>, count: i32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let lifts = start + self.window;
        (lifts > now && count >= self.max).then_some(lifts)
    }

    /// When a counter that now holds `count` events, this one counted,
    /// refuses this event: decided on the counter as it stood before it.
    pub fn refuses_counted(&self, start: DateTime<Utc>, count: i32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.blocked_until(start, count - 1, now)
    }

    /// A counter whose window began at or before this has ended it at
    /// `now`: the next event begins a new window, counted from one.
    pub fn ended_window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - self.window
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counter_refuses_at_its_maximum_until_its_window_ends() {
        let start = DateTime::parse_from_rfc3339("2026-12-05T09:00:00Z").unwrap().with_timezone(&Utc);
        let lifts = start + CODES_PER_ADDRESS.window;
        let at = |minutes| start + Duration::minutes(minutes);
        assert_eq!(CODES_PER_ADDRESS.blocked_until(start, 4, at(1)), None, "under the maximum");
        assert_eq!(CODES_PER_ADDRESS.blocked_until(start, 5, at(1)), Some(lifts));
        assert_eq!(CODES_PER_ADDRESS.blocked_until(start, 5, at(59)), Some(lifts));
        assert_eq!(CODES_PER_ADDRESS.blocked_until(start, 5, at(60)), None, "the window has ended");
        // The window that began at `start` has ended by start + window, not before.
        assert_eq!(CODES_PER_ADDRESS.ended_window_start(lifts), start);
        assert!(CODES_PER_ADDRESS.ended_window_start(at(59)) < start);
    }

    #[test]
    fn an_event_counted_first_is_refused_as_the_counter_stood_before_it() {
        let start = DateTime::parse_from_rfc3339("2026-12-05T09:00:00Z").unwrap().with_timezone(&Utc);
        let at = start + Duration::minutes(1);
        // The fifth mail of the hour goes; the sixth, counted to six, is refused.
        assert_eq!(CODES_PER_ADDRESS.refuses_counted(start, 5, at), None);
        assert_eq!(CODES_PER_ADDRESS.refuses_counted(start, 6, at), Some(start + CODES_PER_ADDRESS.window));
        // A new window counts from one: never refused.
        assert_eq!(CODES_PER_ADDRESS.refuses_counted(at, 1, at), None);
    }
}
