//! The resident's own medication and allergy summary, their emergency
//! contact, and the export of the summary as a JP Core FHIR Bundle.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{Months, NaiveDate};
use serde_json::{Value, json};
use uuid::Uuid;

use super::common::fhir::{clinical_entries, collection, drug_code};
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
use crate::domain::medication::{
    AllergyCategory, AllergyStatus, Criticality, MedicationKind, MedicationStatus, is_contraindication,
};
use crate::domain::summary::{self, AllergyItem, MedicationItem};
use crate::domain::{Validator, registration, text};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{allergy, emergency_contact, facility_visit, medication};
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
    let mut by_id: HashMap<Uuid, medication::Model> = rows.into_iter().map(|m| (m.id, m)).collect();
    // In the summary's order; a record gone since (erased) is left out.
    let page = ids
        .iter()
        .filter_map(|id| by_id.remove(id))
        .map(|m| Medicine {
            facility: m
                .dispenser
                .clone()
                .unwrap_or_else(|| facilities.get(&m.facility_id).map(|f| f.name.clone()).unwrap_or_default()),
            row: m,
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
    let made = Arc::new(make(state, actor, resident, today).await?);
    state.summaries.put((resident, view), version, today, Arc::clone(&made));
    Ok(made)
}

/// Makes a summary from the records.
async fn make(
    state: &AppState,
    actor: &Actor,
    resident: Uuid,
    today: NaiveDate,
) -> Result<HealthSummary, ServiceError> {
    let db = state.db.reader();
    let from = today.checked_sub_months(Months::new(summary::HISTORY_MONTHS)).unwrap_or(today);
    // A proxy sees nothing the person hides from them.
    let hidden = super::common::visibility::hidden_from(db, actor).await?;
    let meds: Vec<medication::Model> = medical::medications_of(db, resident, Some(from))
        .await?
        .into_iter()
        .filter(|m| !hidden.contains(&m.id))
        .collect();
    let allergies: Vec<allergy::Model> =
        medical::allergies_of(db, resident).await?.into_iter().filter(|a| !hidden.contains(&a.id)).collect();
    let visits = medical::visits_of(db, resident).await?;
    let facility_ids = meds.iter().map(|m| m.facility_id).chain(allergies.iter().map(|a| a.facility_id));
    let facilities = medical::facility_names(db, facility_ids.chain(visits.iter().map(|v| v.facility_id))).await?;
    let name_of = |id: Uuid| facilities.get(&id).map(|f| f.name.clone()).unwrap_or_default();
    // What a medicine's source reads: the pharmacy named in JAHIS data, else the sender.
    let source_of = |m: &medication::Model| m.dispenser.clone().unwrap_or_else(|| name_of(m.facility_id));

    let items: Vec<MedicationItem> = meds
        .iter()
        .filter_map(|m| {
            Some(MedicationItem {
                id: m.id,
                kind: MedicationKind::parse(&m.kind)?,
                status: MedicationStatus::parse(&m.status)?,
                code: drug_code(m.code_system.as_deref(), m.code.as_deref()),
                name: m.name.clone(),
                date: m.dated_on,
                days: m.days.and_then(|d| u32::try_from(d).ok()),
                facility: source_of(m),
                prescriber: m.prescriber.clone(),
            })
        })
        .collect();
    // Each stored allergy with what the rules read of it (rows with an unreadable status are left out).
    let allergy_items: Vec<(&allergy::Model, AllergyItem)> = allergies
        .iter()
        .filter_map(|a| {
            let item = AllergyItem {
                id: a.id,
                status: AllergyStatus::parse(&a.status)?,
                contraindication: is_contraindication(
                    a.category.as_deref().and_then(AllergyCategory::parse),
                    a.criticality.as_deref().and_then(Criticality::parse),
                ),
                drug_code: drug_code(a.drug_code_system.as_deref(), a.drug_code.as_deref()),
                text: a.text.clone(),
            };
            Some((a, item))
        })
        .collect();
    let rule_items: Vec<AllergyItem> = allergy_items.iter().map(|(_, i)| i.clone()).collect();
    let s = summary::summarise(&items, &rule_items, today);

    let by_id: HashMap<Uuid, &medication::Model> = meds.iter().map(|m| (m.id, m)).collect();
    let medicine = |id: &Uuid| by_id.get(id).map(|m| Medicine { facility: source_of(m), row: (*m).clone() });
    let current = s
        .current
        .iter()
        .filter_map(|c| {
            Some(CurrentMedicine {
                medicine: medicine(&c.id)?,
                until: c.until,
                duration_unstated: c.duration_unstated,
                prescribed_by: c.prescribed_by.clone(),
            })
        })
        .collect();
    let history = s.history.iter().take(HISTORY_FIRST_PAGE).filter_map(medicine).collect();
    let allergies: Vec<AllergyEntry> = allergy_items
        .iter()
        .filter(|(_, i)| i.status != AllergyStatus::Void)
        .map(|(a, i)| AllergyEntry {
            row: (*a).clone(),
            facility: name_of(a.facility_id),
            contraindication: i.contraindication,
            compared_by: i.compared_by(),
        })
        .collect();
    let last_received_at = meds.iter().map(|m| m.updated_at).chain(allergies.iter().map(|a| a.row.updated_at)).max();
    let consents = residents::current_consents(db, resident).await?;
    // A proxy's list of sources is made from what they may see, so a hidden
    // record leaves no trace of its facility either.
    let sources = if crate::domain::access::sees_access_traces(actor) {
        sources_of(&visits, &name_of)
    } else {
        sources_of_records(&meds, &allergy_items, &name_of)
    };
    let person = residents::find(db, resident).await?.ok_or(ServiceError::NotFound)?;
    let hidden_from_proxies = match actor {
        Actor::Resident { .. } => crate::store::proxies::hidden_of(db, resident).await?,
        _ => HashSet::new(),
    };
    let emergency_contact = medical::emergency_contact(db, resident).await?;
    Ok(HealthSummary {
        name: person.name,
        name_kana: person.name_kana,
        birth_date: person.birth_date,
        last_received_at,
        joined_at: consents.iter().map(|c| c.given_at).min(),
        current,
        history,
        history_ids: s.history.clone(),
        allergies,
        flags: s.flags,
        not_compared: s.not_compared,
        emergency_contact,
        sources,
        hidden_from_proxies,
        rendered: std::sync::OnceLock::new(),
    })
}

/// Which facilities the given records come from, the last day of each, and how many.
fn sources_of_records(
    meds: &[medication::Model],
    allergies: &[(&allergy::Model, AllergyItem)],
    name_of: &dyn Fn(Uuid) -> String,
) -> Vec<Source> {
    let days = meds
        .iter()
        .map(|m| (m.facility_id, m.dated_on))
        .chain(allergies.iter().map(|(a, _)| (a.facility_id, a.dated_on)));
    let mut by: HashMap<Uuid, Source> = HashMap::new();
    for (facility, day) in days {
        let s = by.entry(facility).or_insert_with(|| Source { facility: name_of(facility), last_on: day, items: 0 });
        s.items += 1;
        s.last_on = s.last_on.max(day);
    }
    let mut out: Vec<Source> = by.into_values().collect();
    out.sort_by(|a, b| b.last_on.cmp(&a.last_on).then(a.facility.cmp(&b.facility)));
    out
}

/// Which facilities sent data, the last day each did, and how many records.
fn sources_of(visits: &[facility_visit::Model], name_of: &dyn Fn(Uuid) -> String) -> Vec<Source> {
    let mut by: HashMap<Uuid, Source> = HashMap::new();
    for v in visits {
        let s = by.entry(v.facility_id).or_insert_with(|| Source {
            facility: name_of(v.facility_id),
            last_on: v.visited_on,
            items: 0,
        });
        s.items += v.items;
        s.last_on = s.last_on.max(v.visited_on);
    }
    let mut out: Vec<Source> = by.into_values().collect();
    out.sort_by(|a, b| b.last_on.cmp(&a.last_on).then(a.facility.cmp(&b.facility)));
    out
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
    let c = clinical_entries(state.db.reader(), resident, &hidden, state.config.public_url.as_str()).await?;
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
