//! Reissuing a claim sheet at the desk, for a person who lost theirs.

use serde_json::json;

use super::entries::own_entry;
use super::{ClaimSheet, facility_of, issue_sheet, refused};
use crate::context;
use crate::domain::Invalid;
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::proxy;
use crate::domain::staff;
use crate::service::{ReceptionRefusal, ServiceError, notices};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::{medical, residents};

/// A new claim sheet for a paper registration; the earlier one stops
/// working. Only with the person at the desk: the staff member names the
/// identity document they checked, which goes into the person's access
/// record with them; the person's address is told.
pub async fn reissue_claim(
    state: &AppState,
    actor: &Actor,
    id: &str,
    identity_checked: &str,
) -> Result<ClaimSheet, ServiceError> {
    let (staff_id, facility) = facility_of(actor)?;
    let checked = staff::parse_identity_document(identity_checked).map_err(|c| Invalid::one("identityChecked", c))?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let e = own_entry(&*tx, facility, id).await?;
    if e.kind != staff::EntryKind::Registration.as_str() {
        return Err(ServiceError::Conflict);
    }
    let person = residents::find(&*tx, e.resident_id).await?.ok_or(ServiceError::NotFound)?;
    // One whose only sign-in is a passkey (lost, say) gets a new sheet here,
    // with their identity document: claiming it replaces the passkeys.
    if !proxy::sheet_reissuable(person.email_verified_at.is_some()) {
        return Err(refused(ReceptionRefusal::SignsInAlready));
    }
    let sheet = issue_sheet(&*tx, state, e.resident_id, staff_id, now).await?;
    if let Some(to) = &person.email {
        let f = medical::facility_by_id(&*tx, facility).await?.map(|f| f.name).unwrap_or_default();
        notices::claim_sheet_reissued(&*tx, state, to, &f, now).await?;
    }
    let mut a = AuditEntry::new(actor, AuditAction::ClaimSheetIssued, Channel::Paper)
        .subject(SubjectKind::PaperEntry, e.id)
        .facility(facility)
        .request_id(context::request_id())
        .detail(json!({ "reissued": true, "identityChecked": checked }));
    a.on_behalf_of = Some(e.resident_id);
    audit::append(&*tx, a, now).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(sheet)
}
