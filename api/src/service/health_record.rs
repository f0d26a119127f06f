//! The resident's own medication and allergy summary, their emergency
//! contact, and the export of the summary as a JP Core FHIR Bundle.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde_json::{Value, json};
use uuid::Uuid;

use super::common::fhir::{clinical_entries, collection};
use super::summaries::View;
pub use super::summaries::{
    AllergyEntry, CurrentMedicine, HISTORY_FIRST_PAGE, HISTORY_PAGE_MAX, HealthSummary, Medicine, Source, SummaryCache,
    SummaryRead,
};
use super::{ServiceError, resident_of};
use crate::context;
use crate::domain::access::Operation;
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::{Validator, registration, text};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{emergency_contact, medication};
use crate::store::{medical, residents};

/// The signed-in person's (or, for a proxy, the person's) summary.
pub async fn summary(state: &AppState, actor: &Actor) -> Result<SummaryRead, ServiceError> {
    let resident = resident_of(actor, Operation::ReadOwnHealthRecord)?;
    let summary = made(state, actor, resident).await?;
    super::common::visibility::record_view(state, actor, "summary").await?;
    Ok(SummaryRead { summary, as_of: state.clock.now() })
}

/// A page of the medicine history.
#[derive(Debug, Clone)]
pub struct HistoryPage {
    pub items: Vec<Medicine>,
    /// How many entries the whole history has.
    pub total: usize,
    /// What the person hides from proxies (shown to the person only).
    pub hidden_from_proxies: HashSet<Uuid>,
}

/// A page of the history: entries `offset..offset + limit` (newest first), and how many there are.
pub async fn history_page(
    state: &AppState,
    actor: &Actor,
    offset: usize,
    limit: usize,
) -> Result<HistoryPage, ServiceError> {
    let resident = resident_of(actor, Operation::ReadOwnHealthRecord)?;
    let summary = made(state, actor, resident).await?;
    let total = summary.history_ids.len();
    let ids = summary
        .history_ids
        .get(offset.min(total)..(offset.saturating_add(limit.min(HISTORY_PAGE_MAX))).min(total))
        .unwrap_or(&[]);
    let db = state.db.reader();
    // What the person hid after this summary was made stays hidden here too.
    let hidden = super::common::visibility::hidden_from(db, actor).await?;
    let rows: Vec<medication::Model> =
        medical::medications_by_ids(db, resident, ids).await?.into_iter().filter(|m| !hidden.contains(&m.id)).collect();
    let facilities = medical::facility_names(db, rows.iter().map(|m| m.facility_id)).await?;
    let english = super::common::summary::english_names(facilities.values());
    let mut by_id: HashMap<Uuid, medication::Model> = rows.into_iter().map(|m| (m.id, m)).collect();
    // In the summary's order; a record gone since (erased) is left out.
    let page = ids
        .iter()
        .filter_map(|id| by_id.remove(id))
        .map(|m| {
            let facility = m
                .dispenser
                .clone()
                .unwrap_or_else(|| facilities.get(&m.facility_id).map(|f| f.name.clone()).unwrap_or_default());
            Medicine { facility_en: english.get(&facility).cloned(), facility, row: m }
        })
        .collect();
    super::common::visibility::record_view(state, actor, "history").await?;
    Ok(HistoryPage { items: page, total, hidden_from_proxies: summary.hidden_from_proxies.clone() })
}

/// The summary for this actor's view of `resident`, made now or kept from
/// an earlier read of the same record version and day.
async fn made(state: &AppState, actor: &Actor, resident: Uuid) -> Result<Arc<HealthSummary>, ServiceError> {
    let view = if matches!(actor, Actor::Resident { .. }) { View::Own } else { View::Proxy };
    let today = crate::domain::japan_time::day(state.clock.now());
    // The version is read before the records: a change landing in between
    // leaves a summary at least as new as its version, made again next time.
    let version = residents::record_version(state.db.reader(), resident).await?.ok_or(ServiceError::NotFound)?;
    if let Some(kept) = state.summaries.get((resident, view), version, today) {
        return Ok(kept);
    }
    let made = Arc::new(super::common::summary::make(state.db.reader(), actor, resident, today, None).await?);
    state.summaries.put((resident, view), version, today, Arc::clone(&made));
    Ok(made)
}

pub struct ContactInput<'a> {
    pub name: &'a str,
    pub relationship: Option<&'a str>,
    pub phone: &'a str,
}

/// Sets (or, with `None`, removes) the emergency contact shown on the emergency card.
pub async fn set_emergency_contact(
    state: &AppState,
    actor: &Actor,
    input: Option<ContactInput<'_>>,
) -> Result<Option<emergency_contact::Model>, ServiceError> {
    let resident = resident_of(actor, Operation::ManageOwnProfile)?;
    let now = state.clock.now();
    let row = match input {
        None => None,
        Some(i) => {
            let mut v = Validator::new();
            let name = v.check("name", text::parse_name(i.name, 100));
            let relationship = match i.relationship.map(str::trim).filter(|r| !r.is_empty()) {
                None => Some(None),
                Some(r) => v.check("relationship", text::parse_name(r, 50)).map(Some),
            };
            let phone = v.check("phone", registration::parse_phone(i.phone));
            v.finish()?;
            let (Some(name), Some(relationship), Some(phone)) = (name, relationship, phone) else {
                return Err(crate::domain::Invalid::default().into());
            };
            Some(emergency_contact::Model { resident_id: resident, name, relationship, phone, updated_at: now })
        }
    };
    let tx = state.db.write().await?;
    match &row {
        Some(r) => medical::put_emergency_contact(&*tx, r.clone()).await?,
        None => medical::delete_emergency_contact(&*tx, resident).await?,
    }
    audit::append(
        &*tx,
        AuditEntry::new(actor, AuditAction::EmergencyContactSet, Channel::Web)
            .subject(SubjectKind::Resident, resident)
            .request_id(context::request_id())
            .detail(json!({ "removed": row.is_none() })),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(row)
}

/// A FHIR R4 `collection` Bundle in the JP Core profiles: the Patient and
/// every medication and allergy record of any date.
pub async fn export_fhir(state: &AppState, actor: &Actor) -> Result<Value, ServiceError> {
    let resident = resident_of(actor, Operation::ReadOwnHealthRecord)?;
    let now = state.clock.now();
    let hidden = super::common::visibility::hidden_from(state.db.reader(), actor).await?;
    let c = clinical_entries(
        state.db.reader(),
        resident,
        super::common::fhir::Shown::AllBut(&hidden),
        state.config.public_url.as_str(),
    )
    .await?;
    let tx = state.db.write().await?;
    audit::append(
        &*tx,
        AuditEntry::new(actor, AuditAction::HealthRecordExported, Channel::Web)
            .subject(SubjectKind::Resident, resident)
            .request_id(context::request_id())
            .detail(json!({ "format": "fhir", "medications": c.medications, "allergies": c.allergies })),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(collection(now, c.entries))
}
