//! A person's summary made from their records, for whoever may read it: the
//! person, their proxies (without what the person hides from them), and
//! later a facility (only what the person shares with it). Kept between
//! reads by `summaries::SummaryCache`, by the use cases that read it.

use std::collections::{HashMap, HashSet};

use chrono::{Months, NaiveDate};
use uuid::Uuid;

use super::fhir::drug_code;
use crate::domain::actor::Actor;
use crate::domain::medication::{
    AllergyCategory, AllergyStatus, Criticality, MedicationKind, MedicationStatus, is_contraindication,
};
use crate::domain::summary::{self, AllergyItem, MedicationItem};
use crate::service::ServiceError;
use crate::service::summaries::{AllergyEntry, CurrentMedicine, HISTORY_FIRST_PAGE, HealthSummary, Medicine, Source};
use crate::store::entity::{allergy, facility_visit, medication};
use crate::store::{medical, residents};

/// Makes a summary of `resident`'s records as `actor` may see them: a
/// proxy sees nothing the person hides from them; with `shared`, only the
/// records kept under those consents (a facility's view: what the person
/// shares with it now, never what came before a withdrawal).
pub(crate) async fn make(
    db: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    resident: Uuid,
    today: NaiveDate,
    shared: Option<&HashSet<Uuid>>,
) -> Result<HealthSummary, ServiceError> {
    let kept = |consent: &Uuid| shared.is_none_or(|s| s.contains(consent));
    let from = today.checked_sub_months(Months::new(summary::HISTORY_MONTHS)).unwrap_or(today);
    // A proxy sees nothing the person hides from them.
    let hidden = super::visibility::hidden_from(db, actor).await?;
    let meds: Vec<medication::Model> = medical::medications_of(db, resident, Some(from))
        .await?
        .into_iter()
        .filter(|m| !hidden.contains(&m.id) && kept(&m.consent_id))
        .collect();
    let allergies: Vec<allergy::Model> = medical::allergies_of(db, resident)
        .await?
        .into_iter()
        .filter(|a| !hidden.contains(&a.id) && kept(&a.consent_id))
        .collect();
    let visits = medical::visits_of(db, resident).await?;
    let facility_ids = meds.iter().map(|m| m.facility_id).chain(allergies.iter().map(|a| a.facility_id));
    let facilities = medical::facility_names(db, facility_ids.chain(visits.iter().map(|v| v.facility_id))).await?;
    let name_of = |id: Uuid| facilities.get(&id).map(|f| f.name.clone()).unwrap_or_default();
    // A participating facility's English name, for a name that is its Japanese one (a sender, a
    // prescriber, or a pharmacy named in JAHIS data).
    let english = english_names(facilities.values());
    let en = |name: &str| english.get(name).cloned();
    let en_of = |id: Uuid| facilities.get(&id).and_then(|f| f.name_en.clone());
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
    let medicine = |id: &Uuid| {
        by_id.get(id).map(|m| {
            let facility = source_of(m);
            Medicine { facility_en: en(&facility), facility, row: (*m).clone() }
        })
    };
    let current = s
        .current
        .iter()
        .filter_map(|c| {
            Some(CurrentMedicine {
                medicine: medicine(&c.id)?,
                until: c.until,
                duration_unstated: c.duration_unstated,
                prescribed_by: c.prescribed_by.clone(),
                prescribed_by_en: en(&c.prescribed_by),
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
            facility_en: en(&name_of(a.facility_id)),
            contraindication: i.contraindication,
            compared_by: i.compared_by(),
        })
        .collect();
    let last_received_at = meds.iter().map(|m| m.updated_at).chain(allergies.iter().map(|a| a.row.updated_at)).max();
    let consents = residents::current_consents(db, resident).await?;
    // A proxy's list of sources is made from what they may see, so a hidden
    // record leaves no trace of its facility either.
    let sources = if crate::domain::access::sees_access_traces(actor) {
        sources_of(&visits, &name_of, &en_of)
    } else {
        sources_of_records(&meds, &allergy_items, &name_of, &en_of)
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
    en_of: &dyn Fn(Uuid) -> Option<String>,
) -> Vec<Source> {
    let days = meds
        .iter()
        .map(|m| (m.facility_id, m.dated_on))
        .chain(allergies.iter().map(|(a, _)| (a.facility_id, a.dated_on)));
    let mut by: HashMap<Uuid, Source> = HashMap::new();
    for (facility, day) in days {
        let s = by.entry(facility).or_insert_with(|| Source {
            facility: name_of(facility),
            facility_en: en_of(facility),
            last_on: day,
            items: 0,
        });
        s.items += 1;
        s.last_on = s.last_on.max(day);
    }
    let mut out: Vec<Source> = by.into_values().collect();
    out.sort_by(|a, b| b.last_on.cmp(&a.last_on).then(a.facility.cmp(&b.facility)));
    out
}

/// Which facilities sent data, the last day each did, and how many records.
fn sources_of(
    visits: &[facility_visit::Model],
    name_of: &dyn Fn(Uuid) -> String,
    en_of: &dyn Fn(Uuid) -> Option<String>,
) -> Vec<Source> {
    let mut by: HashMap<Uuid, Source> = HashMap::new();
    for v in visits {
        let s = by.entry(v.facility_id).or_insert_with(|| Source {
            facility: name_of(v.facility_id),
            facility_en: en_of(v.facility_id),
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

/// Participating facilities' English names by their Japanese ones.
pub(crate) fn english_names<'a>(
    facilities: impl IntoIterator<Item = &'a crate::store::entity::facility::Model>,
) -> HashMap<String, String> {
    facilities.into_iter().filter_map(|f| Some((f.name.clone(), f.name_en.clone()?))).collect()
}
