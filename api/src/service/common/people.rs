//! People: a new registration number, writing a person with their
//! insurance, a stored person as identity resolution sees them, whether a
//! person has a sign-in of their own, and issuing a claim to take one up.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::domain::audit::Channel;
use crate::domain::identity::{Identity, InsuranceKey, Known, could_name_both};
use crate::domain::proxy;
use crate::domain::public_id::PublicId;
use crate::domain::registration::{NUMBER_LEN, RegistrationDetails};
use crate::domain::session::token_hash;
use crate::service::ServiceError;
use crate::store::entity::{claim_code, resident, resident_insurance};
use crate::store::{auth, proxies as repo, registrations, residents};

/// A registration number nobody has or is about to get.
pub(crate) async fn new_number(db: &impl ConnectionTrait) -> Result<String, ServiceError> {
    loop {
        let n = PublicId::generate(NUMBER_LEN, &mut rand::rng()).as_str().to_owned();
        if residents::find_by_number(db, &n).await?.is_none() && registrations::find_by_number(db, &n).await?.is_none()
        {
            return Ok(n);
        }
    }
}

/// A new person's record, as registration (by themselves or by family) makes it.
pub(crate) struct NewPerson<'a> {
    pub id: Uuid,
    pub registration_number: &'a str,
    pub details: &'a RegistrationDetails,
    pub identity: &'a Identity,
    /// None for a person who will add their insurance numbers later.
    pub insurance: Option<&'a InsuranceKey>,
    /// When the person's own address was confirmed (never, for one entered by family).
    pub email_verified_at: Option<DateTime<Utc>>,
    pub entry_point: Option<Uuid>,
    /// web, or paper (entered by reception).
    pub channel: Channel,
    /// From a paper form.
    pub address: Option<String>,
    pub care_insurance_number: Option<String>,
    pub now: DateTime<Utc>,
}

/// Creates the person and their insurance details, when given (an empty address is none).
pub(crate) async fn insert_person(db: &impl ConnectionTrait, p: NewPerson<'_>) -> Result<(), ServiceError> {
    let d = p.details;
    residents::insert(
        db,
        resident::Model {
            id: p.id,
            registration_number: p.registration_number.to_owned(),
            name: d.name.clone(),
            name_kana: d.name_kana.clone(),
            kana_key: p.identity.kana_key.clone(),
            birth_date: d.birth_date,
            sex: d.sex.as_str().to_owned(),
            phone: Some(d.phone.clone()),
            email: (!d.email.is_empty()).then(|| d.email.clone()),
            email_verified_at: p.email_verified_at,
            entry_point_id: p.entry_point,
            channel: p.channel.as_str().to_owned(),
            created_at: p.now,
            address: p.address,
            care_insurance_number: p.care_insurance_number,
        },
    )
    .await?;
    let Some(insurance) = p.insurance else { return Ok(()) };
    residents::insert_insurance(
        db,
        resident_insurance::Model {
            id: Uuid::now_v7(),
            resident_id: p.id,
            document: d.document.as_str().to_owned(),
            insurer_number: insurance.insurer.clone(),
            symbol: insurance.symbol.clone(),
            number: insurance.number.clone(),
            branch: insurance.branch.clone(),
            created_at: p.now,
            valid_from: None,
            valid_to: None,
            added_by_kind: None,
            added_by_id: None,
            added_at_facility: None,
        },
    )
    .await?;
    Ok(())
}

pub(crate) fn known((r, ins): &(resident::Model, Vec<resident_insurance::Model>)) -> Result<Known<Uuid>, ServiceError> {
    let sex = crate::domain::person::Sex::parse(&r.sex)
        .map_err(|_| ServiceError::Internal(format!("resident {} has a bad sex value", r.id)))?;
    Ok(Known {
        id: r.id,
        identity: Identity { kana_key: r.kana_key.clone(), birth_date: r.birth_date, sex },
        insurance: ins.iter().map(insurance_key).collect(),
    })
}

/// Stored insurance details as matching compares them.
pub(crate) fn insurance_key(i: &resident_insurance::Model) -> InsuranceKey {
    InsuranceKey {
        insurer: i.insurer_number.clone(),
        symbol: i.symbol.clone(),
        number: i.number.clone(),
        branch: i.branch.clone(),
    }
}

/// Whether a person has a sign-in of their own (a passkey or a confirmed address).
pub(crate) async fn has_own_sign_in(db: &impl ConnectionTrait, r: &resident::Model) -> Result<bool, ServiceError> {
    Ok(r.email_verified_at.is_some() || auth::count_passkeys(db, r.id).await? > 0)
}

/// Issues a new claim code for a person, voiding any earlier one. Only its
/// hash is kept; the code goes to the person (by mail, or on paper).
pub(crate) async fn issue_claim(
    db: &impl ConnectionTrait,
    person: Uuid,
    issued_by_kind: &str,
    issued_by_id: Option<String>,
    ttl: chrono::Duration,
    now: DateTime<Utc>,
) -> Result<PublicId, ServiceError> {
    repo::void_claims_of(db, person, now).await?;
    let code = PublicId::generate(proxy::CODE_LEN, &mut rand::rng());
    repo::insert_claim(
        db,
        claim_code::Model {
            id: Uuid::now_v7(),
            resident_id: person,
            code_hash: token_hash(code.as_str()),
            issued_by_kind: issued_by_kind.to_owned(),
            issued_by_id,
            created_at: now,
            expires_at: now + ttl,
            used_at: None,
            voided_at: None,
        },
    )
    .await?;
    Ok(code)
}

/// Two people (or more) agree with one insurance card (family members on one
/// number without branches, and no birth date to tell them apart; or a
/// member id without a branch and twins): never guess. They are given, for
/// a caller that holds more of the data's details (the name) to tell them
/// apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TwoPeople(pub Vec<resident::Model>);

/// Whether a stored insurance was the person's on `day` (its first and last
/// days included; an insurance given at registration has no first day).
pub(crate) fn valid_on(i: &resident_insurance::Model, day: NaiveDate) -> bool {
    i.valid_from.is_none_or(|from| from <= day) && i.valid_to.is_none_or(|to| day <= to)
}

/// The person an insurance card names on `on` (any day it was valid, for
/// `None`).
///
/// Family members of an employee's insurance share insurer, symbol and
/// number and differ only by branch (枝番). The card names a person only
/// when the branches agree; when either side has no branch (documents
/// before 2021), only together with the person's birth date.
///
/// A person's insurance changes (a new job, 後期高齢者医療 at 75), and an
/// insurer may give a number given up to someone else later: data is
/// matched by the insurance valid on the day it is dated, so what was
/// dated while the old card was valid still finds its holder then, and
/// what is dated later finds the holder of the new one.
pub(crate) async fn by_insurance(
    db: &impl ConnectionTrait,
    key: &InsuranceKey,
    birth_date: Option<NaiveDate>,
    on: Option<NaiveDate>,
) -> Result<Result<Option<resident::Model>, TwoPeople>, crate::store::StoreError> {
    let rows = crate::store::medical::insurance_by_number(db, &key.insurer, &key.number).await?;
    if rows.is_empty() {
        // The same reads as for a card someone holds, so that the time of
        // the answer does not tell whether anyone does.
        residents::find(db, Uuid::nil()).await?;
    }
    let mut people: std::collections::HashMap<Uuid, resident::Model> = std::collections::HashMap::new();
    for row in rows {
        if !insurance_key(&row).agrees_with(key)
            || people.contains_key(&row.resident_id)
            || on.is_some_and(|day| !valid_on(&row, day))
        {
            continue;
        }
        let Some(person) = residents::find(db, row.resident_id).await? else { continue };
        let branch_confirmed = row.branch.is_some() && key.branch.is_some();
        if branch_confirmed || birth_date == Some(person.birth_date) {
            people.insert(person.id, person);
        }
    }
    match people.len() {
        0 | 1 => Ok(Ok(people.into_values().next())),
        _ => Ok(Err(TwoPeople(people.into_values().collect()))),
    }
}

/// Everyone who holds or held an insurance agreeing with `key`, on any day.
pub(crate) async fn holders(
    db: &impl ConnectionTrait,
    key: &InsuranceKey,
) -> Result<Vec<Uuid>, crate::store::StoreError> {
    let mut out: Vec<Uuid> = crate::store::medical::insurance_by_number(db, &key.insurer, &key.number)
        .await?
        .iter()
        .filter(|row| insurance_key(row).agrees_with(key))
        .map(|row| row.resident_id)
        .collect();
    out.sort();
    out.dedup();
    Ok(out)
}

/// The people other than `except` whose insurance valid on `from` or later
/// (on any day, for `None`) could be named by the same member id as `key`,
/// the card of a person born `birth`.
pub(crate) async fn card_conflicts(
    db: &impl ConnectionTrait,
    key: &InsuranceKey,
    birth: NaiveDate,
    except: Option<Uuid>,
    from: Option<NaiveDate>,
) -> Result<Vec<Uuid>, crate::store::StoreError> {
    let mut out: Vec<Uuid> = Vec::new();
    for row in crate::store::medical::insurance_by_number(db, &key.insurer, &key.number).await? {
        let ended_before = from.is_some_and(|from| row.valid_to.is_some_and(|to| to < from));
        if Some(row.resident_id) == except || ended_before || out.contains(&row.resident_id) {
            continue;
        }
        let Some(holder) = residents::find(db, row.resident_id).await? else { continue };
        if could_name_both(&insurance_key(&row), holder.birth_date, key, birth) {
            out.push(holder.id);
        }
    }
    Ok(out)
}
