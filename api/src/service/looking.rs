//! A facility's clinical staff open a resident's shared record, as
//! `domain::looking` allows: every look, shown or refused, is in the audit
//! log with the person as its subject, and a refusal answers exactly as an
//! unknown number does (no oracle), counted against the staff member.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use uuid::Uuid;

use super::ServiceError;
use super::common::codes::check_rate;
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::looking::{self, Part, Parts, Situation};
use crate::domain::public_id::PublicId;
use crate::domain::registration::NUMBER_LEN;
use crate::domain::{Invalid, rate};
use crate::service::summaries::{AllergyEntry, CurrentMedicine, Medicine};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::emergency_contact;
use crate::store::{looking as repo, medical, residents};

/// What a staff member sees of a person: who it is, and the parts their
/// profession sees (a part not shown is `None`, never an empty list).
#[derive(Debug, Clone)]
pub struct RecordView {
    pub name: String,
    pub name_kana: String,
    pub birth_date: NaiveDate,
    pub sex: String,
    pub parts: Parts,
    /// Shown only because of an emergency access, until then.
    pub emergency_until: Option<DateTime<Utc>>,
    /// Data from this day on is shared (the earliest consent in force that
    /// this facility's networks share).
    pub shared_since: DateTime<Utc>,
    pub current: Option<Vec<CurrentMedicine>>,
    /// The newest entries of the history.
    pub history: Option<Vec<Medicine>>,
    pub allergies: Option<Vec<AllergyEntry>>,
    pub contraindications: Option<Vec<AllergyEntry>>,
    pub emergency_contact: Option<Option<emergency_contact::Model>>,
    pub as_of: DateTime<Utc>,
}

/// Opens the record of the person with this registration number, for a
/// clinical staff member of a facility that may look at it now.
pub async fn look_by_number(state: &AppState, actor: &Actor, number: &str) -> Result<RecordView, ServiceError> {
    require(actor, Operation::LookAtSharedRecords)?;
    let Actor::Staff { id: staff_id, facility_id, role } = *actor else { return Err(ServiceError::NotFound) };
    let number = PublicId::parse(number, NUMBER_LEN).map_err(|c| Invalid::one("registrationNumber", c))?;
    let now = state.clock.now();
    let key = format!("staff:{staff_id}");
    let tx = state.db.write().await?;
    check_rate(&*tx, rate::FAILED_LOOKUPS_PER_STAFF, &key, now).await?;
    let person = residents::find_by_number(&*tx, number.as_str()).await?;
    // The same reads whether or not the number is someone's, so that the
    // time of the answer does not tell either (a nil id finds nothing).
    let id = person.as_ref().map_or(Uuid::nil(), |p| p.id);
    let networks = medical::networks_of_facility(&*tx, facility_id).await?;
    let shared = medical::current_consents(&*tx, id, &networks).await?;
    let given: Vec<DateTime<Utc>> = shared.iter().map(|c| c.given_at).collect();
    let relationship = repo::live_relationship(&*tx, id, facility_id)
        .await?
        .is_some_and(|r| looking::began_under_consent(r.started_at, &given));
    let emergency = repo::live_emergency(&*tx, id, facility_id, now)
        .await?
        .filter(|e| looking::began_under_consent(e.opened_at, &given))
        .map(|e| e.until);
    let mut tables = Vec::with_capacity(shared.len());
    for c in &shared {
        tables.push(super::common::networks::role_parts(&*tx, c.network_id, role).await?);
    }
    let parts = looking::parts_of_all(&tables);
    let decision = looking::decide(&Situation {
        role,
        consent_shared: !shared.is_empty(),
        relationship,
        emergency_until: emergency,
        parts,
        now,
    });
    let (person, allowed) = match (person, decision) {
        (Some(p), Ok(allowed)) => (p, allowed),
        (person, refused) => {
            crate::store::auth::count_event(&*tx, rate::FAILED_LOOKUPS_PER_STAFF, &key, now).await?;
            let mut e = AuditEntry::new(actor, AuditAction::SharedRecordRefused, Channel::Web)
                .facility(facility_id)
                .request_id(context::request_id())
                .detail(json!({ "reason": refused.err().map_or("unknown_number", |r| r.as_str()) }));
            if let Some(p) = &person {
                e = e.subject(SubjectKind::Resident, p.id);
                e.on_behalf_of = Some(p.id);
            }
            audit::append(&*tx, e, now).await?;
            tx.commit().await?;
            return Err(ServiceError::NotFound);
        }
    };
    let mut e = AuditEntry::new(actor, AuditAction::SharedRecordViewed, Channel::Web)
        .subject(SubjectKind::Resident, person.id)
        .facility(facility_id)
        .request_id(context::request_id())
        .detail(json!({
            "role": role.as_str(),
            "parts": looking::parts_text(allowed.parts),
            "emergency": allowed.emergency_until.is_some(),
        }));
    e.on_behalf_of = Some(person.id);
    audit::append(&*tx, e, now).await?;
    tx.commit().await?;

    let consents: HashSet<Uuid> = shared.iter().map(|c| c.id).collect();
    let today = crate::domain::japan_time::day(now);
    let s = super::common::summary::make(state, actor, person.id, today, Some(&consents)).await?;
    let sees = |part| allowed.parts.contains(part).then_some(());
    let (contra, allergies): (Vec<AllergyEntry>, Vec<AllergyEntry>) =
        s.allergies.iter().cloned().partition(|a| a.contraindication);
    Ok(RecordView {
        name: person.name,
        name_kana: person.name_kana,
        birth_date: person.birth_date,
        sex: person.sex,
        parts: allowed.parts,
        emergency_until: allowed.emergency_until,
        shared_since: shared.iter().map(|c| c.given_at).min().unwrap_or(now),
        current: sees(Part::CurrentMedicines).map(|()| s.current.clone()),
        history: sees(Part::MedicationHistory).map(|()| s.history.clone()),
        allergies: sees(Part::Allergies).map(|()| allergies),
        contraindications: sees(Part::Contraindications).map(|()| contra),
        emergency_contact: sees(Part::EmergencyContact).map(|()| s.emergency_contact.clone()),
        as_of: now,
    })
}
