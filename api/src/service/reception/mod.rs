//! Clinic reception: staff accounts (invited by the network office, enrolled
//! with a passkey on the reception PC, signed in for at most 15 idle
//! minutes), and the paper forms they enter for their own facility —
//! registrations (with the proxy box, a duplicate check before saving and a
//! claim sheet after), withdrawals, corrections and claim-sheet reissues.
//!
//! Reception sees what registering people needs and nothing of their
//! medical data; a facility's staff see their own facility's entries only.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::domain::Validator;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::proxy::{Reason, Relationship};
use crate::domain::public_id::PublicId;
use crate::domain::staff;
use crate::service::common::consent::NetworkRef;
use crate::service::{ReceptionRefusal, ServiceError};
use crate::state::AppState;
use crate::store::entity::paper_entry;
use crate::store::{networks, residents, staff as repo};

mod correction;
mod duplicates;
mod entries;
mod paper_registration;
mod reissue;
mod staff_accounts;
mod withdrawal;

pub use correction::{Correction, correct};
pub use duplicates::{Candidate, duplicates};
pub use entries::{EntryDetail, entries, entry};
pub use paper_registration::{PaperRegistration, register_paper};
pub use reissue::reissue_claim;
pub use staff_accounts::{
    StaffInvited, StaffView, authenticate, disable_staff, enrol_complete, enrol_options, invite_staff, list_staff, me,
    sign_in, sign_in_options, sign_out,
};
pub use withdrawal::{PaperWithdrawal, withdraw_paper};

fn refused(r: ReceptionRefusal) -> ServiceError {
    ServiceError::Reception(r)
}

/// The staff member's facility, once paper entry is allowed.
fn facility_of(actor: &Actor) -> Result<(Uuid, Uuid), ServiceError> {
    require(actor, Operation::EnterPaperForms)?;
    match actor {
        Actor::Staff { id, facility_id, .. } => Ok((*id, *facility_id)),
        _ => Err(ServiceError::NotFound),
    }
}

/// The rate-limit key of a staff member.
fn staff_key(actor: &Actor) -> String {
    format!("staff:{}", actor.audit_id().unwrap_or_default())
}

/// A claim sheet's code, shown once.
#[derive(Debug, Clone)]
pub struct ClaimSheet {
    pub code: PublicId,
    pub url: String,
    pub expires_at: DateTime<Utc>,
}

/// A paper entry as reception sees it.
#[derive(Debug, Clone)]
pub struct EntryView {
    pub id: Uuid,
    pub kind: String,
    pub form_serial: String,
    pub registration_number: String,
    pub name: String,
    pub name_kana: String,
    pub network: NetworkRef,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
    pub corrected: usize,
    pub claim: Option<ClaimSheet>,
}

async fn entry_view(
    db: &impl ConnectionTrait,
    e: &paper_entry::Model,
    corrected: usize,
    claim: Option<ClaimSheet>,
) -> Result<EntryView, ServiceError> {
    let r = residents::find(db, e.resident_id).await?.ok_or(ServiceError::NotFound)?;
    let n = networks::network_by_id(db, e.network_id).await?.ok_or(ServiceError::NotFound)?;
    let by = repo::find_staff(db, e.staff_id).await?.map(|s| s.name).unwrap_or_default();
    Ok(EntryView {
        id: e.id,
        kind: e.kind.clone(),
        form_serial: e.form_serial.clone(),
        registration_number: PublicId::display_of(&r.registration_number),
        name: r.name,
        name_kana: r.name_kana,
        network: NetworkRef::from(&n),
        entered_at: e.created_at,
        entered_by: by,
        corrected,
        claim,
    })
}

async fn issue_sheet(
    db: &impl ConnectionTrait,
    state: &AppState,
    person: Uuid,
    staff_id: Uuid,
    now: DateTime<Utc>,
) -> Result<ClaimSheet, ServiceError> {
    let code = crate::service::common::people::issue_claim(
        db,
        person,
        "staff",
        Some(staff_id.to_string()),
        staff::PAPER_CLAIM_TTL,
        now,
    )
    .await?;
    let mut url = state.config.public_url.clone();
    url.set_path("/claim");
    url.set_fragment(Some(&code.to_string()));
    Ok(ClaimSheet { code, url: url.to_string(), expires_at: now + staff::PAPER_CLAIM_TTL })
}

/// The proxy box of a form: all three together, or none.
type ProxyBox = Option<(String, Relationship, Reason)>;

fn parse_proxy_box(
    v: &mut Validator,
    name: Option<&str>,
    relationship: Option<&str>,
    reason: Option<&str>,
) -> ProxyBox {
    let given = |s: Option<&str>| s.is_some_and(|s| !s.trim().is_empty());
    if !given(name) && !given(relationship) && !given(reason) {
        return None;
    }
    let name = v.check("proxyName", crate::domain::text::parse_name(name.unwrap_or(""), staff::NAME_MAX_CHARS));
    let relationship = v.check("proxyRelationship", Relationship::parse(relationship.unwrap_or("")));
    let reason = v.check("proxyReason", Reason::parse(reason.unwrap_or("")));
    match (name, relationship, reason) {
        (Some(n), Some(r), Some(why)) => Some((n, r, why)),
        _ => None,
    }
}
