//! Periodic clean-up, off the request path (`app::serve` runs it every few
//! minutes): the details of registrations left unfinished past their time,
//! the decoy code rows of code requests past theirs, and the mail rows a
//! request wrote as dropped, after a day; and the reminders due (the
//! 75th-birthday reminder to add the new card, `service::insurance`; the
//! notice before a proxy link's review date, `service::proxies`).

use super::ServiceError;
use crate::state::AppState;
use crate::store::{auth, outbox, registrations};

/// How many rows one pass removed or emptied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    pub registrations: u64,
    pub decoy_codes: u64,
    pub dropped_mail: u64,
    pub reminders: u64,
    /// Proxy links whose two people were told their review date is near.
    pub proxy_reviews: u64,
}

pub async fn run(state: &AppState) -> Result<Swept, ServiceError> {
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let registrations = registrations::purge_expired(&*tx, now).await?;
    let decoy_codes = auth::purge_codes(&*tx, super::common::codes::DECOY_PURPOSE, now).await?;
    let dropped_mail = outbox::purge_dropped(&*tx, now - chrono::Duration::days(1)).await?;
    tx.commit().await?;
    let tx = state.db.write().await?;
    let reminders = super::insurance::send_reminders(&*tx, state, now).await?;
    let proxy_reviews = super::proxies::send_review_notices(&*tx, state, now).await?;
    tx.commit().await?;
    if reminders + proxy_reviews > 0 {
        state.mail.wake();
    }
    Ok(Swept { registrations, decoy_codes, dropped_mail, reminders, proxy_reviews })
}
