//! A person's insurance over time (`domain::insurance_history`): the person
//! or a manage-level proxy adds a new insurance from `/me`, reception adds
//! one at the desk after checking an identity document. The insurance it
//! replaces ends the day before the new one starts and is kept. A change is
//! mailed to the person and written to the audit log, and it never makes one
//! person another: a card another registered person holds is refused and
//! put before the network office.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::ServiceError;
use super::common::codes::{check_rate, spend};
use super::common::people::{self, insurance_key};
use super::looking::{self as desk_lookup, Who};
use super::notices;
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::identity::InsuranceKey;
use crate::domain::insurance_history::{self, Held, NewInsurance, NewInsuranceInput, OnRecord, late_elderly_due, plan};
use crate::domain::{Invalid, Validator, rate};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{resident, resident_insurance};
use crate::store::{medical, residents};

/// One insurance on a person's record.
#[derive(Debug, Clone)]
pub struct InsuranceItem {
    pub id: Uuid,
    pub document: String,
    pub insurer_number: String,
    pub symbol: String,
    pub number: String,
    pub branch: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    /// `resident`, `proxy` or `staff`; none for the insurance given at registration.
    pub added_by: Option<String>,
    pub added_at: DateTime<Utc>,
}

/// A person's insurance, newest first, and the 75th birthday they should
/// add their 後期高齢者 card for, when that is near.
#[derive(Debug, Clone)]
pub struct MyInsurance {
    pub items: Vec<InsuranceItem>,
    pub late_elderly_from: Option<NaiveDate>,
}

fn item(i: resident_insurance::Model) -> InsuranceItem {
    InsuranceItem {
        id: i.id,
        document: i.document,
        insurer_number: i.insurer_number,
        symbol: i.symbol,
        number: i.number,
        branch: i.branch,
        valid_from: i.valid_from,
        valid_to: i.valid_to,
        added_by: i.added_by_kind,
        added_at: i.created_at,
    }
}

/// The 75th-birthday rule's view of the insurance on record.
fn holds_late_elderly(held: &[resident_insurance::Model], day: NaiveDate) -> bool {
    let on_record: Vec<OnRecord<'_>> = held
        .iter()
        .map(|i| OnRecord { document: &i.document, insurer_number: &i.insurer_number, valid_to: i.valid_to })
        .collect();
    insurance_history::holds_late_elderly(&on_record, day)
}

async fn overview(
    db: &impl ConnectionTrait,
    person: &resident::Model,
    today: NaiveDate,
) -> Result<MyInsurance, ServiceError> {
    let held = residents::insurance_of(db, person.id).await?;
    let late_elderly_from = late_elderly_due(person.birth_date, today, holds_late_elderly(&held, today));
    let mut items: Vec<InsuranceItem> = held.into_iter().map(item).collect();
    items.reverse();
    Ok(MyInsurance { items, late_elderly_from })
}

/// The insurance on the record of the signed-in person (or of the person a
/// proxy acts for).
pub async fn mine(state: &AppState, actor: &Actor) -> Result<MyInsurance, ServiceError> {
    let id = super::resident_of(actor, Operation::ReadOwnAccount)?;
    let db = state.db.reader();
    let person = residents::find(db, id).await?.ok_or(ServiceError::NotFound)?;
    overview(db, &person, crate::domain::japan_time::day(state.clock.now())).await
}

/// Adds a new insurance to the signed-in person's record (or, for a
/// manage-level proxy, to the record of the person they act for).
pub async fn add_mine(
    state: &AppState,
    actor: &Actor,
    input: &NewInsuranceInput<'_>,
) -> Result<MyInsurance, ServiceError> {
    let id = super::resident_of(actor, Operation::ManageOwnProfile)?;
    let now = state.clock.now();
    let today = crate::domain::japan_time::day(now);
    let tx = state.db.write().await?;
    let person = residents::find(&*tx, id).await?.ok_or(ServiceError::NotFound)?;
    let held = held_under_lock(&*tx, &person).await?;
    let new = NewInsurance::parse(input, person.birth_date, today, held.is_empty())?;
    // Every addition is also a look-up of whether a card is someone else's:
    // a few a day are plenty for one account.
    let rate_key = format!("account:{}", actor.audit_id().unwrap_or_default());
    spend(&*tx, rate::INSURANCE_ADDITIONS_PER_ACCOUNT, &rate_key, now).await?;
    let by = match actor {
        Actor::Proxy { id, .. } => AddedBy::Proxy(*id),
        _ => AddedBy::Person,
    };
    match add(&*tx, state, actor, &person, &held, &new, &by, now).await? {
        Ok(()) => {
            let shown = overview(&*tx, &person, today).await?;
            tx.commit().await?;
            state.mail.wake();
            Ok(shown)
        }
        Err(refusal) => {
            tx.commit().await?;
            Err(refusal)
        }
    }
}

/// What reception added at the desk, for the person to check on the screen.
#[derive(Debug, Clone)]
pub struct DeskAdded {
    pub name: String,
    pub registration_number: String,
    /// None for a first insurance given without a first day.
    pub starts_on: Option<NaiveDate>,
}

/// Reception adds a new insurance for a person in front of them, after
/// checking an identity document: found by their registration QR, their
/// registration number with their birth date, or their insurance card (the
/// one on record) with their birth date. Only for a person consenting in
/// one of the facility's networks; anyone else is `404` and a failed look-up.
pub async fn add_at_desk(
    state: &AppState,
    actor: &Actor,
    who: Who<'_>,
    birth_date: &str,
    identity_document: &str,
    input: &NewInsuranceInput<'_>,
) -> Result<DeskAdded, ServiceError> {
    require(actor, Operation::EnterPaperForms)?;
    let Actor::Staff { id: staff_id, facility_id, .. } = *actor else { return Err(ServiceError::NotFound) };
    let now = state.clock.now();
    let today = crate::domain::japan_time::day(now);
    let mut v = Validator::new();
    let document = v.check("identityChecked", crate::domain::staff::parse_identity_document(identity_document));
    let born = match who {
        Who::Number(_) => v.check("birthDate", crate::domain::person::parse_birth_date(birth_date, today)).map(Some),
        _ => Some(None),
    };
    v.finish()?;
    let (Some(document), Some(born)) = (document, born) else { return Err(Invalid::default().into()) };
    let key = format!("staff:{staff_id}");
    let tx = state.db.write().await?;
    check_rate(&*tx, rate::FAILED_LOOKUPS_PER_STAFF, &key, now).await?;
    let by = who.as_str();
    let found = desk_lookup::find(&*tx, who, today).await?;
    let person = found.person.filter(|p| born.is_none_or(|b| b == p.birth_date));
    let networks = medical::networks_of_facility(&*tx, facility_id).await?;
    let shared = medical::current_consents(&*tx, person.as_ref().map_or(Uuid::nil(), |p| p.id), &networks).await?;
    let Some(person) = person.filter(|_| !shared.is_empty()) else {
        crate::store::auth::count_event(&*tx, rate::FAILED_LOOKUPS_PER_STAFF, &key, now).await?;
        let e = AuditEntry::new(actor, AuditAction::PersonNotFound, Channel::Web)
            .facility(facility_id)
            .request_id(context::request_id())
            .detail(json!({ "for": "insurance", "by": by }));
        audit::append(&*tx, e, now).await?;
        tx.commit().await?;
        return Err(ServiceError::NotFound);
    };
    let held = held_under_lock(&*tx, &person).await?;
    let new = NewInsurance::parse(input, person.birth_date, today, held.is_empty())?;
    spend(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &key, now).await?;
    let added = AddedBy::Desk { staff: staff_id, facility: facility_id, document, found_by: by };
    match add(&*tx, state, actor, &person, &held, &new, &added, now).await? {
        Ok(()) => {
            tx.commit().await?;
            state.mail.wake();
            Ok(DeskAdded {
                name: person.name,
                registration_number: person.registration_number,
                starts_on: new.starts_on,
            })
        }
        Err(refusal) => {
            tx.commit().await?;
            Err(refusal)
        }
    }
}

/// Who adds an insurance.
enum AddedBy {
    Person,
    Proxy(Uuid),
    Desk { staff: Uuid, facility: Uuid, document: &'static str, found_by: &'static str },
}

impl AddedBy {
    fn kind(&self) -> &'static str {
        match self {
            Self::Person => "resident",
            Self::Proxy(_) => "proxy",
            Self::Desk { .. } => "staff",
        }
    }
}

/// The person's insurance on record, read under the identity-resolution
/// lock (held until the transaction ends): one change of who holds which
/// card at a time, as for registrations.
async fn held_under_lock(
    db: &impl ConnectionTrait,
    person: &resident::Model,
) -> Result<Vec<resident_insurance::Model>, ServiceError> {
    residents::lock_identity_resolution(db).await?;
    Ok(residents::insurance_of(db, person.id).await?)
}

/// Adds the insurance to `held` (from [`held_under_lock`]), or says why not
/// (`Ok(Err(..))`: a refusal whose counted look-up and review item the
/// caller commits).
#[allow(clippy::too_many_arguments)]
async fn add(
    db: &impl ConnectionTrait,
    state: &AppState,
    actor: &Actor,
    person: &resident::Model,
    held: &[resident_insurance::Model],
    new: &NewInsurance,
    by: &AddedBy,
    now: DateTime<Utc>,
) -> Result<Result<(), ServiceError>, ServiceError> {
    let key = InsuranceKey::from(&new.insurance);
    let history: Vec<Held<Uuid>> = held
        .iter()
        .map(|h| Held {
            id: h.id,
            valid_from: h.valid_from,
            valid_to: h.valid_to,
            same_card: insurance_key(h).agrees_with(&key),
        })
        .collect();
    let to_end = match plan(&history, new.starts_on) {
        Ok(ids) => ids,
        Err(misfit) => {
            let (field, code) = misfit.field_error();
            return Ok(Err(Invalid::one(field, code).into()));
        }
    };
    // Never one person's card on another's record: a card that one member id
    // could name together with a card another person holds from the new
    // first day on is refused and put before the office (a mistyped number,
    // or two records of one person). A card whose holder gave it up before
    // then may be given again (insurers reuse numbers).
    let others = people::card_conflicts(db, &key, person.birth_date, Some(person.id), new.starts_on).await?;
    if !others.is_empty() {
        if !residents::open_review_exists(db, "insurance_conflict", person.id).await? {
            residents::add_review(db, "insurance_conflict", Some(person.id), None, &others, now).await?;
        }
        let e = base_entry(actor, by, person.id)
            .detail(json!({ "refused": "held_by_another", "document": new.document.as_str() }));
        audit::append(db, e, now).await?;
        return Ok(Err(ServiceError::InsuranceHeldByAnother));
    }
    if let Some(start) = new.starts_on {
        let last_day = start.pred_opt().unwrap_or(start);
        for id in &to_end {
            residents::end_insurance(db, *id, last_day).await?;
        }
    }
    let (added_by_id, facility) = match by {
        AddedBy::Person => (None, None),
        AddedBy::Proxy(id) => (Some(id.to_string()), None),
        AddedBy::Desk { staff, facility, .. } => (Some(staff.to_string()), Some(*facility)),
    };
    residents::insert_insurance(
        db,
        resident_insurance::Model {
            id: Uuid::now_v7(),
            resident_id: person.id,
            document: new.document.as_str().to_owned(),
            insurer_number: key.insurer.clone(),
            symbol: key.symbol.clone(),
            number: key.number.clone(),
            branch: key.branch.clone(),
            created_at: now,
            valid_from: new.starts_on,
            valid_to: None,
            added_by_kind: Some(by.kind().to_owned()),
            added_by_id,
            added_at_facility: facility,
        },
    )
    .await?;
    let mut detail = json!({
        "document": new.document.as_str(),
        "startsOn": new.starts_on.map(|d| d.to_string()),
        "ended": to_end.len(),
    });
    if let AddedBy::Desk { document, found_by, .. } = by {
        detail["identityChecked"] = json!(document);
        detail["foundBy"] = json!(found_by);
    }
    audit::append(db, base_entry(actor, by, person.id).detail(detail), now).await?;
    if let Some(to) = &person.email {
        let who = match by {
            AddedBy::Person => notices::AddedBy::Person,
            AddedBy::Proxy(id) => {
                let name = residents::find(db, *id).await?.map(|p| p.name).unwrap_or_default();
                notices::AddedBy::Proxy(name)
            }
            AddedBy::Desk { .. } => notices::AddedBy::Desk,
        };
        notices::insurance_added(db, state, to, &who, new.starts_on, now).await?;
    }
    Ok(Ok(()))
}

fn base_entry(actor: &Actor, by: &AddedBy, person: Uuid) -> AuditEntry {
    let mut e = AuditEntry::new(actor, AuditAction::InsuranceAdded, Channel::Web)
        .subject(SubjectKind::Resident, person)
        .request_id(context::request_id());
    if let AddedBy::Desk { facility, .. } = by {
        e = e.facility(*facility);
        e.on_behalf_of = Some(person);
    }
    e
}

/// The reminder's kind, once per person.
const LATE_ELDERLY_REMINDER: &str = "late_elderly_card";

/// Mails the 75th-birthday reminder to each consenting person whose
/// birthday is near and who holds no 後期高齢者 insurance yet, and to their
/// proxies: once. Returns how many people were reminded.
pub async fn send_reminders(
    db: &impl ConnectionTrait,
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<u64, ServiceError> {
    use crate::domain::insurance_history::REMINDER_DAYS_BEFORE;
    let today = crate::domain::japan_time::day(now);
    // Everyone whose 75th birthday is within the reminder's days (a day
    // either side for 29 February), narrowed below by the rule itself.
    let born = |d: NaiveDate| d.checked_sub_months(chrono::Months::new(75 * 12)).unwrap_or(d);
    let from = born(today - chrono::Duration::days(91));
    let to = born(today + chrono::Duration::days(REMINDER_DAYS_BEFORE + 1));
    let mut reminded = 0;
    for person in residents::born_between_unreminded(db, from, to, LATE_ELDERLY_REMINDER).await? {
        let held = residents::insurance_of(db, person.id).await?;
        let Some(birthday) = late_elderly_due(person.birth_date, today, holds_late_elderly(&held, today)) else {
            continue;
        };
        if residents::current_consents(db, person.id).await?.is_empty() {
            continue;
        }
        if let Some(to) = &person.email {
            notices::late_elderly_reminder(db, state, to, None, birthday).await?;
        }
        for link in crate::store::proxies::links_of_subject(db, person.id).await? {
            // A proxy who may not act for the person yet could not add the card.
            if !crate::domain::proxy::Standing::acts(link.revoked_at, link.confirmed_at, link.review_on, today) {
                continue;
            }
            if let Some(proxy) = residents::find(db, link.proxy_id).await?
                && let Some(to) = &proxy.email
            {
                notices::late_elderly_reminder(db, state, to, Some(&person.name), birthday).await?;
            }
        }
        residents::insert_reminder(db, person.id, LATE_ELDERLY_REMINDER, birthday, now).await?;
        reminded += 1;
    }
    Ok(reminded)
}
