//! Correcting a paper registration: the fields given replace what was
//! entered; a change of who the person is goes through identity resolution.

use serde_json::json;
use uuid::Uuid;

use super::entries::{EntryDetail, detail, own_entry, shown};
use super::{facility_of, parse_proxy_box, refused, staff_key};
use crate::context;
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::identity::{Identity, InsuranceKey};
use crate::domain::rate;
use crate::domain::registration::{RegistrationDetails, RegistrationInput};
use crate::domain::staff;
use crate::domain::{FieldErrorCode, Invalid, Validator, person};
use crate::service::common::enrolment::{self, Found};
use crate::service::{ReceptionRefusal, ServiceError};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{paper_entry_change, resident};
use crate::store::{residents, staff as repo};

/// A correction of a paper registration: the fields given replace what was entered.
#[derive(Default)]
pub struct Correction<'a> {
    pub name: Option<&'a str>,
    pub name_kana: Option<&'a str>,
    pub sex: Option<&'a str>,
    pub birth_date: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub address: Option<&'a str>,
    pub care_insurance_number: Option<&'a str>,
    pub email: Option<&'a str>,
    pub document_kind: Option<&'a str>,
    pub insurer_number: Option<&'a str>,
    pub symbol: Option<&'a str>,
    pub number: Option<&'a str>,
    pub branch: Option<&'a str>,
    pub proxy_name: Option<&'a str>,
    pub proxy_relationship: Option<&'a str>,
    pub proxy_reason: Option<&'a str>,
    pub signed_on: Option<&'a str>,
}

/// Corrects a paper registration of the facility; records who changed
/// which fields (the values are in the record itself, not the audit log).
pub async fn correct(
    state: &AppState,
    actor: &Actor,
    id: &str,
    c: Correction<'_>,
) -> Result<EntryDetail, ServiceError> {
    let (staff_id, facility) = facility_of(actor)?;
    let now = state.clock.now();
    let today = crate::domain::japan_time::day(now);
    let tx = state.db.write().await?;
    let e = own_entry(&*tx, facility, id).await?;
    if e.kind != staff::EntryKind::Registration.as_str() {
        return Err(ServiceError::Conflict);
    }
    let before = detail(&*tx, &e).await?;
    let p = &before.person;
    if crate::service::common::people::has_own_sign_in(&*tx, p).await? {
        return Err(refused(ReceptionRefusal::SignsInAlready));
    }
    // The form's insurance; none when it was left off the record (another
    // person holds that card): the correction gives it the right numbers.
    let held = before.insurance.clone();
    let ins = held.clone().unwrap_or_else(|| crate::store::entity::resident_insurance::Model {
        id: Uuid::now_v7(),
        resident_id: p.id,
        document: String::new(),
        insurer_number: String::new(),
        symbol: String::new(),
        number: String::new(),
        branch: None,
        created_at: now,
        valid_from: None,
        valid_to: None,
        added_by_kind: None,
        added_by_id: None,
        added_at_facility: None,
    });
    let birth_text = p.birth_date.format("%Y-%m-%d").to_string();
    let signed_text = e.signed_on.format("%Y-%m-%d").to_string();
    let input = RegistrationInput {
        document: c.document_kind.unwrap_or(&ins.document),
        insurer_number: c.insurer_number.unwrap_or(&ins.insurer_number),
        symbol: c.symbol.unwrap_or(&ins.symbol),
        number: c.number.unwrap_or(&ins.number),
        branch: c.branch.or(ins.branch.as_deref()),
        name: c.name.unwrap_or(&p.name),
        name_kana: c.name_kana.unwrap_or(&p.name_kana),
        birth_date: c.birth_date.unwrap_or(&birth_text),
        sex: c.sex.unwrap_or(&p.sex),
        phone: c.phone.unwrap_or(p.phone.as_deref().unwrap_or("")),
        email: c.email.unwrap_or(p.email.as_deref().unwrap_or("")),
        numbers_later: false,
    };
    let mut v = Validator::new();
    let details = v.merge(RegistrationDetails::parse_for_proxy(&input, today));
    let address = v.check("address", staff::parse_address(c.address.or(p.address.as_deref())));
    let care = v.check(
        "careInsuranceNumber",
        staff::parse_care_insurance_number(c.care_insurance_number.or(p.care_insurance_number.as_deref())),
    );
    let proxy_box = parse_proxy_box(
        &mut v,
        c.proxy_name.or(e.proxy_name.as_deref()),
        c.proxy_relationship.or(e.proxy_relationship.as_deref()),
        c.proxy_reason.or(e.proxy_reason.as_deref()),
    );
    let signed_on = v.check("signedOn", staff::parse_signed_on(c.signed_on.unwrap_or(&signed_text), today));
    v.finish()?;
    let (Some(d), Some(address), Some(care), Some(signed_on)) = (details, address, care, signed_on) else {
        return Err(Invalid::default().into());
    };
    let email = (!d.email.is_empty()).then(|| d.email.clone());
    if email.is_some() && email != p.email {
        // Whether an address is someone's is a look-up, like a duplicate check:
        // bounded per staff member, a refusal counted (and kept) as one.
        crate::service::common::codes::check_rate(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now)
            .await?;
        if residents::find_by_email(&*tx, &d.email).await?.is_some() {
            crate::store::auth::count_event(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
            tx.commit().await?;
            return Err(Invalid::one("email", FieldErrorCode::AlreadyExists).into());
        }
    }
    let insurance = InsuranceKey::from(d.numbers()?);
    let proxy = (
        proxy_box.as_ref().map(|(n, _, _)| n.clone()),
        proxy_box.as_ref().map(|(_, r, _)| r.as_str().to_owned()),
        proxy_box.as_ref().map(|(_, _, why)| why.as_str().to_owned()),
    );
    let mut changed: Vec<&str> = Vec::new();
    let mut note = |field: &'static str, differs: bool| {
        if differs {
            changed.push(field);
        }
    };
    note("name", d.name != p.name);
    note("nameKana", d.name_kana != p.name_kana);
    note("sex", d.sex.as_str() != p.sex);
    note("birthDate", d.birth_date != p.birth_date);
    note("phone", Some(&d.phone) != p.phone.as_ref());
    note("email", email != p.email);
    note("address", address != p.address);
    note("careInsuranceNumber", care != p.care_insurance_number);
    note("documentKind", d.document.as_str() != ins.document);
    note("insurerNumber", insurance.insurer != ins.insurer_number);
    note("symbol", insurance.symbol != ins.symbol);
    note("number", insurance.number != ins.number);
    note("branch", insurance.branch != ins.branch);
    note("proxyName", proxy.0 != e.proxy_name);
    note("proxyRelationship", proxy.1 != e.proxy_relationship);
    note("proxyReason", proxy.2 != e.proxy_reason);
    note("signedOn", signed_on != e.signed_on);
    if changed.is_empty() {
        return Ok(shown(before));
    }
    // A correction of who the person is goes through identity resolution
    // again: it must not make them someone already registered, and a near
    // match goes to the network office as for a new registration.
    let identifying = ["name", "nameKana", "sex", "birthDate", "insurerNumber", "symbol", "number", "branch"];
    if changed.iter().any(|f| identifying.contains(f)) {
        crate::service::common::codes::check_rate(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now)
            .await?;
        let identity = Identity::new(&d.name_kana, d.birth_date, d.sex);
        let found = enrolment::find(&*tx, &identity, Some(&insurance), Some(p.id)).await?;
        if let Found::Same(_) = found {
            // A look-up of who is registered: counted like a duplicate check.
            crate::store::auth::count_event(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
            tx.commit().await?;
            return Err(refused(ReceptionRefusal::AlreadyRegistered));
        }
        // Nor give the record a card that one member id could name together
        // with a card someone else holds (their data would stop, or be filed
        // here): refused, as for a new insurance, and the office reviews.
        let others =
            crate::service::common::people::card_conflicts(&*tx, &insurance, d.birth_date, Some(p.id), None).await?;
        if !others.is_empty() {
            crate::store::auth::count_event(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
            if !residents::open_review_exists(&*tx, "insurance_conflict", p.id).await? {
                residents::add_review(&*tx, "insurance_conflict", Some(p.id), None, &others, now).await?;
            }
            tx.commit().await?;
            return Err(ServiceError::InsuranceHeldByAnother);
        }
        enrolment::review_if_near(&*tx, &found, p.id, None, now).await?;
    }
    let email_verified_at = if email == p.email { p.email_verified_at } else { None };
    residents::update_person(
        &*tx,
        resident::Model {
            name: d.name.clone(),
            name_kana: d.name_kana.clone(),
            kana_key: person::kana_match_key(&d.name_kana),
            birth_date: d.birth_date,
            sex: d.sex.as_str().to_owned(),
            phone: Some(d.phone.clone()),
            email,
            email_verified_at,
            address,
            care_insurance_number: care,
            ..p.clone()
        },
    )
    .await?;
    let corrected = crate::store::entity::resident_insurance::Model {
        document: d.document.as_str().to_owned(),
        insurer_number: insurance.insurer.clone(),
        symbol: insurance.symbol.clone(),
        number: insurance.number.clone(),
        branch: insurance.branch.clone(),
        ..ins
    };
    if held.is_some() {
        residents::update_insurance(&*tx, corrected).await?;
    } else {
        residents::insert_insurance(&*tx, corrected).await?;
    }
    repo::update_entry_proxy(&*tx, e.id, proxy.0, proxy.1, proxy.2, signed_on).await?;
    let fields = serde_json::to_string(&changed).map_err(|err| ServiceError::Internal(err.to_string()))?;
    repo::insert_change(
        &*tx,
        paper_entry_change::Model { id: Uuid::now_v7(), entry_id: e.id, staff_id, at: now, fields },
    )
    .await?;
    let mut a = AuditEntry::new(actor, AuditAction::PaperEntryCorrected, Channel::Paper)
        .subject(SubjectKind::PaperEntry, e.id)
        .facility(facility)
        .request_id(context::request_id())
        .detail(json!({ "fields": changed }));
    a.on_behalf_of = Some(e.resident_id);
    audit::append(&*tx, a, now).await?;
    // An address changed by reception is told to the address it replaces.
    if changed.contains(&"email")
        && let Some(old) = &p.email
    {
        crate::service::notices::sign_in_changed(
            &*tx,
            state,
            old,
            now,
            "登録の受付で、この登録のメールアドレスが変更されました",
            "reception changed the address on this registration",
        )
        .await?;
    }
    let e = repo::entry_of(&*tx, facility, e.id).await?.ok_or(ServiceError::NotFound)?;
    let after = detail(&*tx, &e).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(shown(after))
}
