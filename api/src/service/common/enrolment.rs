//! One person, one record: the step every way of joining takes (a
//! resident's own registration, a family member's, reception's paper form)
//! and the check a correction of who someone is goes through.
//!
//! [`find`] says who some details are among the people registered: the same
//! person (no second record), a new person who resembles others (recorded,
//! and the network office reviews), or a new person. [`enrol`] writes a new
//! person with the review and the consent they join with; [`give_consent`]
//! is its consent half, for a person who already has a record.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use uuid::Uuid;

use super::consent::{NewConsent, new_consent};
use super::people::{NewPerson, insert_person, known};
use crate::domain::audit::{AuditAction, SubjectKind};
use crate::domain::consent::ConsentBy;
use crate::domain::identity::{Identity, InsuranceKey, Resolution, resolve};
use crate::service::ServiceError;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{consent_document, resident};
use crate::store::residents;

/// Who some details are among the people registered.
pub(crate) enum Found {
    /// A registered person is this person.
    Same(Box<resident::Model>),
    /// Nobody registered is, but these people resemble the details.
    Near(Vec<Uuid>),
    /// Nobody registered is or resembles them.
    New,
}

/// Who the details are, leaving out `except` (the person whose details are
/// being corrected). Takes the identity-resolution lock first and holds it
/// until the transaction ends: two enrolments of one person at one moment
/// cannot both find nobody.
pub(crate) async fn find(
    db: &impl ConnectionTrait,
    identity: &Identity,
    insurance: Option<&InsuranceKey>,
    except: Option<Uuid>,
) -> Result<Found, ServiceError> {
    residents::lock_identity_resolution(db).await?;
    let by_card = insurance.map(|i| (i.insurer.as_str(), i.number.as_str()));
    let candidates: Vec<_> = residents::candidates(db, &identity.kana_key, identity.birth_date, by_card)
        .await?
        .into_iter()
        .filter(|(r, _)| Some(r.id) != except)
        .collect();
    let known = candidates.iter().map(known).collect::<Result<Vec<_>, _>>()?;
    Ok(match resolve(identity, insurance, &known) {
        Resolution::Same(id) => Found::Same(Box::new(
            candidates.into_iter().map(|(r, _)| r).find(|r| r.id == id).ok_or(ServiceError::NotFound)?,
        )),
        Resolution::Near(ids) => Found::Near(ids),
        Resolution::New => Found::New,
    })
}

/// Puts a person who resembles others (`found` is [`Found::Near`]) in the
/// network office's review queue; says whether it did.
pub(crate) async fn review_if_near(
    db: &impl ConnectionTrait,
    found: &Found,
    person: Uuid,
    registration: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let Found::Near(ids) = found else {
        return Ok(false);
    };
    residents::add_review(db, "near_match", Some(person), registration, ids, now).await?;
    Ok(true)
}

/// The consent a person joins a network with.
pub(crate) struct Joining<'a> {
    pub network: Uuid,
    pub document: &'a consent_document::Model,
    pub by: ConsentBy,
    pub by_id: Option<Uuid>,
    /// The poster or leaflet scanned.
    pub entry_point: Option<Uuid>,
    /// The facility and form serial of a consent given on paper.
    pub paper: Option<(Uuid, String)>,
    /// Facts for the consent's audit entry besides the version.
    pub detail: Value,
}

/// Records a consent and its audit entry; `audit` gives the entry's base
/// (who acted, through which channel, for whom).
pub(crate) async fn give_consent(
    db: &impl ConnectionTrait,
    person: Uuid,
    j: Joining<'_>,
    audit: &(dyn Fn(AuditAction) -> AuditEntry + Sync),
    now: DateTime<Utc>,
) -> Result<Uuid, ServiceError> {
    let id = Uuid::now_v7();
    let base = audit(AuditAction::ConsentGiven);
    let mut row = new_consent(NewConsent {
        id,
        resident: person,
        network_id: j.network,
        document: j.document,
        by: j.by,
        by_id: j.by_id,
        channel: base.channel,
        entry_point: j.entry_point,
        now,
    });
    if let Some((facility, serial)) = j.paper {
        row.facility_id = Some(facility);
        row.form_serial = Some(serial);
    }
    residents::insert_consent(db, row).await?;
    let detail = merged(json!({ "version": j.document.version }), j.detail);
    audit::append(db, base.subject(SubjectKind::Consent, id).network(j.network).detail(detail), now).await?;
    Ok(id)
}

/// A new person joining: their record, the resemblance found, and the
/// consent they join with.
pub(crate) struct Enrolment<'a> {
    pub person: NewPerson<'a>,
    /// [`Found::New`] or [`Found::Near`] for these details.
    pub found: &'a Found,
    /// The registration (by the person themselves) this comes from.
    pub registration: Option<Uuid>,
    pub joining: Joining<'a>,
    /// Facts for the registration's audit entry besides whether it is reviewed.
    pub detail: Value,
}

/// What [`enrol`] wrote.
pub(crate) struct Enrolled {
    pub consent: Uuid,
    /// Whether the network office reviews the new record.
    pub review: bool,
}

/// Writes a new person, their review if they resemble others, the
/// registration's audit entry and their consent. Refuses details that are
/// someone registered: a second record of one person is never made.
pub(crate) async fn enrol(
    db: &impl ConnectionTrait,
    e: Enrolment<'_>,
    audit: &(dyn Fn(AuditAction) -> AuditEntry + Sync),
) -> Result<Enrolled, ServiceError> {
    if let Found::Same(r) = e.found {
        return Err(ServiceError::Internal(format!("enrolment of {} as a second record", r.id)));
    }
    let (person, network, now) = (e.person.id, e.joining.network, e.person.now);
    // A card that one member id could name together with a card someone
    // else holds is not put on the new record: facilities' data for either
    // would stop (or be filed under a guess). The person joins without it,
    // as someone giving the numbers later, and the network office reviews.
    let mut new_person = e.person;
    let conflicts = match new_person.insurance {
        Some(key) => super::people::card_conflicts(db, key, new_person.details.birth_date, None, None).await?,
        None => Vec::new(),
    };
    if !conflicts.is_empty() {
        new_person.insurance = None;
    }
    insert_person(db, new_person).await?;
    if !conflicts.is_empty() {
        residents::add_review(db, "insurance_conflict", Some(person), e.registration, &conflicts, now).await?;
    }
    let review = review_if_near(db, e.found, person, e.registration, now).await? || !conflicts.is_empty();
    let detail = merged(e.detail, json!({ "review": review }));
    audit::append(
        db,
        audit(AuditAction::ResidentRegistered).subject(SubjectKind::Resident, person).network(network).detail(detail),
        now,
    )
    .await?;
    let consent = give_consent(db, person, e.joining, audit, now).await?;
    Ok(Enrolled { consent, review })
}

/// `extra`'s fields added to `base` (both objects; anything else adds nothing).
fn merged(mut base: Value, extra: Value) -> Value {
    if let (Some(b), Value::Object(x)) = (base.as_object_mut(), extra) {
        b.extend(x);
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_facts_join_the_base_ones() {
        assert_eq!(
            merged(json!({ "version": 3 }), json!({ "formSerial": "A1" })),
            json!({ "version": 3, "formSerial": "A1" })
        );
        assert_eq!(merged(json!({ "review": true }), Value::Null), json!({ "review": true }));
    }
}
