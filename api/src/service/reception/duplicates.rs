//! The duplicate check before a form is saved: people registered with the
//! same name (kana) and birth date, in the facility's own networks only.

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::{facility_of, staff_key};
use crate::context;
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::public_id::PublicId;
use crate::domain::rate;
use crate::domain::staff;
use crate::domain::{Invalid, Validator, person};
use crate::service::ServiceError;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::resident;
use crate::store::residents;

/// A registered person who may be the one on the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Partly hidden.
    pub registration_number: String,
    pub name: String,
    pub name_kana: String,
    pub birth_date: NaiveDate,
    pub registered_on: NaiveDate,
    pub channel: String,
}

/// People with this kana name and birth date who joined (or once joined) a
/// network of the staff member's facility: reception sees no one of other
/// networks.
pub(super) async fn same_name_and_birth(
    db: &impl ConnectionTrait,
    facility: Uuid,
    kana_key: &str,
    birth: NaiveDate,
) -> Result<Vec<resident::Model>, ServiceError> {
    let networks = crate::store::medical::networks_of_facility(db, facility).await?;
    let mut out = Vec::new();
    for (r, _) in residents::candidates(db, kana_key, birth, None).await? {
        if r.kana_key == kana_key
            && r.birth_date == birth
            && crate::store::medical::ever_consented(db, r.id, &networks).await?
        {
            out.push(r);
        }
    }
    Ok(out)
}

pub(super) fn candidate(r: &resident::Model) -> Candidate {
    Candidate {
        registration_number: staff::mask_number(&PublicId::display_of(&r.registration_number)),
        name: r.name.clone(),
        name_kana: r.name_kana.clone(),
        birth_date: r.birth_date,
        registered_on: crate::domain::japan_time::day(r.created_at),
        channel: r.channel.clone(),
    }
}

/// People registered with the same name in kana and birth date: what the
/// entry screen shows before saving. Recorded in the audit log.
pub async fn duplicates(
    state: &AppState,
    actor: &Actor,
    name_kana: &str,
    birth_date: &str,
) -> Result<Vec<Candidate>, ServiceError> {
    let (_, facility) = facility_of(actor)?;
    let now = state.clock.now();
    let mut v = Validator::new();
    let kana = v.check("nameKana", person::parse_kana(name_kana));
    let birth = v.check("birthDate", person::parse_birth_date(birth_date, crate::domain::japan_time::day(now)));
    v.finish()?;
    let (Some(kana), Some(birth)) = (kana, birth) else { return Err(Invalid::default().into()) };
    let key = person::kana_match_key(&kana);
    let tx = state.db.write().await?;
    // A look-up by name and birth date is not a search engine: bounded per staff member.
    crate::service::common::codes::spend(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
    let found = same_name_and_birth(&*tx, facility, &key, birth).await?;
    audit::append(
        &*tx,
        AuditEntry::new(actor, AuditAction::DuplicateCheck, Channel::Paper)
            .facility(facility)
            .request_id(context::request_id())
            .detail(json!({ "found": found.len() })),
        now,
    )
    .await?;
    // Each person shown is told in their own record that reception looked.
    for r in &found {
        let mut e = AuditEntry::new(actor, AuditAction::DuplicateCheck, Channel::Paper)
            .subject(SubjectKind::Resident, r.id)
            .facility(facility)
            .request_id(context::request_id());
        e.on_behalf_of = Some(r.id);
        audit::append(&*tx, e, now).await?;
    }
    tx.commit().await?;
    Ok(found.iter().map(candidate).collect())
}
