//! The network office reviews every emergency access (with the outcome
//! recorded, which the person sees on `/me/access`) and is shown unusual use
//! by a staff member or a facility's system, without it being blocked.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use super::ServiceError;
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::looking::{self, ReviewOutcome, Unusual, Use};
use crate::domain::public_id::PublicId;
use crate::domain::{FieldErrorCode, Invalid, text};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::emergency_access;
use crate::store::{looking as repo, medical, residents};

/// An emergency access waiting for review, with what the office needs.
#[derive(Debug, Clone)]
pub struct PendingEmergency {
    pub access: emergency_access::Model,
    pub facility: String,
    pub staff_name: String,
    pub staff_role: String,
    pub registration_number: String,
}

/// A reader whose use in the last day is unusual.
#[derive(Debug, Clone)]
pub struct Flagged {
    /// `staff`, `facility_system`, or `facility` (its staff and systems together).
    pub kind: String,
    /// The staff member's or the facility key's id.
    pub id: String,
    pub name: String,
    pub facility: String,
    pub used: Use,
    pub why: Vec<Unusual>,
}

#[derive(Debug, Clone)]
pub struct Review {
    pub pending: Vec<PendingEmergency>,
    pub flagged: Vec<Flagged>,
}

/// What the office has to review: every emergency access not yet reviewed,
/// oldest first, and unusual use in the last day.
pub async fn pending(state: &AppState, actor: &Actor) -> Result<Review, ServiceError> {
    require(actor, Operation::ReviewAccess)?;
    let db = state.db.reader();
    let now = state.clock.now();
    let accesses = repo::unreviewed_emergencies(db).await?;
    let mut facility_ids: HashSet<Uuid> = accesses.iter().map(|a| a.facility_id).collect();
    let mut pending = Vec::with_capacity(accesses.len());
    let mut staff_cache: HashMap<Uuid, crate::store::entity::staff::Model> = HashMap::new();
    for a in accesses {
        let staff = match staff_cache.get(&a.staff_id) {
            Some(s) => Some(s.clone()),
            None => crate::store::staff::find_staff(db, a.staff_id).await?,
        };
        if let Some(s) = &staff {
            staff_cache.insert(s.id, s.clone());
        }
        let number = residents::find(db, a.resident_id).await?.map(|r| r.registration_number).unwrap_or_default();
        pending.push(PendingEmergency {
            facility: String::new(),
            staff_name: staff.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
            staff_role: staff.as_ref().map(|s| s.role.clone()).unwrap_or_default(),
            registration_number: PublicId::display_of(&number),
            access: a,
        });
    }

    // Use by each reader in the window.
    let since: DateTime<Utc> = now - looking::UNUSUAL_WINDOW;
    // A desk's card or QR that found nobody counts as a refusal too.
    let actions = [
        AuditAction::SharedRecordViewed.as_str(),
        AuditAction::SharedRecordRefused.as_str(),
        AuditAction::PersonNotFound.as_str(),
        AuditAction::EmergencyAccessOpened.as_str(),
    ];
    // By (actor kind, actor id): what they did, whom they looked at, and their facility.
    type Tally = (Use, HashSet<String>, Option<Uuid>);
    let mut by: HashMap<(String, String), Tally> = HashMap::new();
    for e in audit::since(db, &actions, since).await? {
        let Some(id) = e.actor_id.clone() else { continue };
        let entry = by.entry((e.actor_kind.clone(), id)).or_insert_with(|| (Use::default(), HashSet::new(), None));
        entry.2 = entry.2.or(e.facility_id);
        if e.action == AuditAction::SharedRecordViewed.as_str() {
            if let Some(p) = &e.subject_id {
                entry.1.insert(p.clone());
            }
        } else if e.action == AuditAction::SharedRecordRefused.as_str()
            || e.action == AuditAction::PersonNotFound.as_str()
        {
            entry.0.refusals += 1;
        } else {
            entry.0.emergencies += 1;
        }
    }
    let mut flagged = Vec::new();
    // Each facility's refusals, summed over its staff and systems.
    let mut per_facility: HashMap<Uuid, Use> = HashMap::new();
    for (_, (used, _, facility)) in by.iter() {
        if let Some(f) = facility {
            per_facility.entry(*f).or_default().refusals += used.refusals;
        }
    }
    for (f, used) in per_facility {
        let why = looking::unusual_facility(used);
        if !why.is_empty() {
            facility_ids.insert(f);
            flagged.push((
                Some(f),
                Flagged {
                    kind: "facility".into(),
                    id: f.to_string(),
                    name: String::new(),
                    facility: String::new(),
                    used,
                    why,
                },
            ));
        }
    }
    for ((kind, id), (mut used, people, facility)) in by {
        used.people = people.len();
        let why = looking::unusual(used);
        if why.is_empty() {
            continue;
        }
        let name = match (kind.as_str(), Uuid::parse_str(&id)) {
            ("staff", Ok(sid)) => crate::store::staff::find_staff(db, sid).await?.map(|s| s.name).unwrap_or_default(),
            _ => String::new(),
        };
        if let Some(f) = facility {
            facility_ids.insert(f);
        }
        flagged.push((facility, Flagged { kind, id, name, facility: String::new(), used, why }));
    }
    let names = medical::facility_names(db, facility_ids).await?;
    let name_of = |id: Uuid| names.get(&id).map(|f| f.name.clone()).unwrap_or_default();
    for p in &mut pending {
        p.facility = name_of(p.access.facility_id);
    }
    let mut flagged: Vec<Flagged> = flagged
        .into_iter()
        .map(|(f, mut x)| {
            x.facility = f.map(name_of).unwrap_or_default();
            x
        })
        .collect();
    flagged.sort_by(|a, b| b.used.people.cmp(&a.used.people).then(a.id.cmp(&b.id)));
    Ok(Review { pending, flagged })
}

/// Records the office's finding on one emergency access; the person sees it
/// on `/me/access`.
pub async fn record(
    state: &AppState,
    actor: &Actor,
    id: &str,
    outcome: &str,
    note: Option<&str>,
) -> Result<(), ServiceError> {
    require(actor, Operation::ReviewAccess)?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| Invalid::one("id", FieldErrorCode::InvalidFormat))?;
    let outcome = ReviewOutcome::parse(outcome).map_err(|c| Invalid::one("outcome", c))?;
    let note = note.map(|n| text::normalize(n).trim().to_owned()).filter(|n| !n.is_empty());
    if outcome == ReviewOutcome::Inappropriate && note.is_none() {
        return Err(Invalid::one("note", FieldErrorCode::Required).into());
    }
    if note.as_ref().is_some_and(|n| n.chars().count() > 2000) {
        return Err(Invalid::one("note", FieldErrorCode::TooLong).into());
    }
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let access = repo::find_emergency(&*tx, id).await?.ok_or(ServiceError::NotFound)?;
    if !repo::review_emergency(&*tx, id, outcome.as_str(), note.as_deref(), &actor.audit_id().unwrap_or_default(), now)
        .await?
    {
        return Err(ServiceError::Conflict);
    }
    // Found inappropriate: closed now, for every clinician of the facility,
    // with any relationship it started during the access (by sending data,
    // say), which the access must not leave behind.
    if outcome == ReviewOutcome::Inappropriate {
        repo::close_emergencies(&*tx, access.resident_id, access.facility_id, now).await?;
        let started_during = repo::relationships_of(&*tx, access.resident_id)
            .await?
            .into_iter()
            .any(|r| r.facility_id == access.facility_id && r.ended_at.is_none() && r.started_at >= access.opened_at);
        if started_during {
            repo::end_relationship(&*tx, access.resident_id, access.facility_id, "office", now).await?;
        }
    }
    let mut e = AuditEntry::new(actor, AuditAction::EmergencyAccessReviewed, Channel::Cli)
        .subject(SubjectKind::Resident, access.resident_id)
        .facility(access.facility_id)
        .request_id(context::request_id())
        .detail(json!({ "emergencyAccess": access.id, "outcome": outcome.as_str() }));
    e.on_behalf_of = Some(access.resident_id);
    audit::append(&*tx, e, now).await?;
    tx.commit().await?;
    Ok(())
}
