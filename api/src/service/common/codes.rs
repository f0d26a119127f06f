//! Mailed codes and the limits on trying: sending a code, checking one,
//! and the per-client and per-account counters that lift by themselves.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::domain::session::token_hash;
use crate::domain::{otp, rate};
use crate::service::{ServiceError, notices};
use crate::state::AppState;
use crate::store::auth;

/// Code rows written where no code goes out (see request_sign_in_code);
/// the housekeeping job deletes them once past their time.
pub(crate) const DECOY_PURPOSE: &str = "decoy";

pub(crate) enum CodeCheck {
    Right(Uuid),
    Wrong,
    Expired,
}

pub(crate) fn code_binding(purpose: &str, subject: Uuid) -> String {
    format!("{purpose}:{subject}")
}

/// Mails a fresh code for `(purpose, subject)`; earlier ones stop working.
/// Over the per-address limits it answers 429: for codes to an address the
/// asker has just typed as their own (registration), which tells nothing
/// about anyone else.
pub(crate) async fn send_code(
    db: &impl ConnectionTrait,
    state: &AppState,
    purpose: &str,
    subject: Uuid,
    to: &str,
    what: (&str, &str),
) -> Result<(), ServiceError> {
    let now = state.clock.now();
    allow_code_mail(db, purpose, to, now).await?;
    issue_code(db, state, purpose, subject, None, to, what).await?;
    Ok(())
}

/// Counts a mail of codes to `to`, or refuses it: at most one in 30 seconds
/// for one purpose, and five an hour in all, per address, whatever asked.
pub(crate) async fn allow_code_mail(
    db: &impl ConnectionTrait,
    purpose: &str,
    to: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    // Counted apart from sign-in codes: registering with someone's address
    // must not use up that person's sign-in codes.
    let limits = [
        (rate::CODE_RESEND, token_hash(&format!("{purpose}:{to}"))),
        (rate::CODES_PER_ADDRESS, token_hash(&format!("mail:{purpose}:{to}"))),
    ];
    // Each counter as it stood before this mail decides; a refusal rolls
    // back the caller's transaction, counts and all.
    for (limit, key) in &limits {
        let (start, count) = auth::count_event_returning(db, *limit, key, now).await?;
        if let Some(until) = limit.refuses_counted(start, count, now) {
            return Err(ServiceError::RateLimited(until - now));
        }
    }
    Ok(())
}

/// Checks a typed code against the newest one of its flow; a wrong one
/// counts a try.
pub(crate) async fn check_code(
    db: &impl ConnectionTrait,
    purpose: &str,
    subject: Uuid,
    flow_hash: Option<&str>,
    typed: &str,
    now: DateTime<Utc>,
) -> Result<CodeCheck, ServiceError> {
    let Some(c) = auth::latest_code(db, purpose, subject, flow_hash).await? else {
        return Ok(CodeCheck::Expired);
    };
    if !otp::usable(c.used_at.is_some(), c.expires_at, c.attempts, now) {
        return Ok(CodeCheck::Expired);
    }
    if otp::matches(&c.code_hash, typed, &code_binding(purpose, subject)) {
        Ok(CodeCheck::Right(c.id))
    } else {
        auth::count_wrong_code(db, c.id).await?;
        Ok(CodeCheck::Wrong)
    }
}

/// Refuses when this client is over `limit`.
pub(crate) async fn check_rate(
    db: &impl ConnectionTrait,
    limit: rate::Limit,
    client: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    match auth::blocked_until(db, limit, client, now).await? {
        Some(until) => Err(ServiceError::RateLimited(until - now)),
        None => Ok(()),
    }
}

/// Counts one event against `limit` for `client`, or refuses it when the
/// limit is used up: one statement, the counter as it stood before this
/// event deciding. (A refused event's count goes with the caller's
/// transaction, which the refusal rolls back.)
pub(crate) async fn spend(
    db: &impl ConnectionTrait,
    limit: rate::Limit,
    client: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let (start, count) = auth::count_event_returning(db, limit, client, now).await?;
    match limit.refuses_counted(start, count, now) {
        Some(until) => Err(ServiceError::RateLimited(until - now)),
        None => Ok(()),
    }
}

pub(crate) async fn count_failure(
    db: &impl ConnectionTrait,
    client: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    auth::count_event(db, rate::FAILURES_PER_CLIENT, client, now).await?;
    Ok(())
}

/// Stores a new code for `(purpose, subject, flow)` and mails it; the mail's id.
pub(crate) async fn issue_code(
    db: &impl ConnectionTrait,
    state: &AppState,
    purpose: &str,
    subject: Uuid,
    flow_hash: Option<&str>,
    to: &str,
    (what_ja, what_en): (&str, &str),
) -> Result<Uuid, ServiceError> {
    let now = state.clock.now();
    let code = otp::generate(&mut rand::rng());
    let hash = otp::hash(&code, &code_binding(purpose, subject));
    auth::replace_code(db, purpose, subject, flow_hash, hash, now, now + otp::TTL).await?;
    Ok(notices::code(db, state, to, &code, what_ja, what_en).await?)
}
