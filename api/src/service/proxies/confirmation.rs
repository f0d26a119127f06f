//! Confirming a proxy link (and renewing it at its review date): by the
//! person, signed in as themselves; by reception at a facility's desk, both
//! people's identity documents checked; or by the network office after
//! reviewing documents. Until then a proxy who registered the person online
//! sees none of the person's medical data (`domain::access`). Each
//! confirmation records its basis and sets the next review date; both people
//! are mailed. Before a review date both are reminded; at it the link
//! pauses until someone confirms it again.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::my_proxies::{ProxyView, proxy_view};
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::proxy::{self, Basis, ConfirmedBy};
use crate::domain::public_id::PublicId;
use crate::domain::registration::NUMBER_LEN;
use crate::domain::{Invalid, Validator, rate};
use crate::service::common::codes::check_rate;
use crate::service::looking::{self as desk_lookup, Who};
use crate::service::{ProxyRefusal, ServiceError, notices};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::proxy_link;
use crate::store::{consents as consent_repo, medical, proxies as repo, residents};

/// Confirms (or renews) an active link, writes the audit entry and mails
/// both people. `entry` is the audit entry's base; `extra`, facts added to its detail.
#[allow(clippy::too_many_arguments)]
async fn confirm(
    db: &impl ConnectionTrait,
    state: &AppState,
    l: &proxy_link::Model,
    by: ConfirmedBy,
    by_id: Option<String>,
    basis: Basis,
    entry: AuditEntry,
    extra: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<NaiveDate, ServiceError> {
    consent_repo::lock_person(db, l.subject_id).await?;
    let review_on = proxy::review_on(crate::domain::japan_time::day(now));
    let confirmation = repo::Confirmation { at: now, by_kind: by.as_str(), by_id, basis: basis.as_str(), review_on };
    if !repo::confirm_link(db, l.id, confirmation).await? {
        return Err(ServiceError::Proxy(ProxyRefusal::AlreadyRevoked));
    }
    let renewal = l.confirmed_at.is_some();
    let mut detail = json!({
        "by": by.as_str(),
        "basis": basis.as_str(),
        "reviewOn": review_on.to_string(),
        "renewal": renewal,
    });
    if let (Some(d), serde_json::Value::Object(more)) = (detail.as_object_mut(), extra) {
        d.extend(more);
    }
    let e = entry.subject(SubjectKind::ProxyLink, l.id).detail(detail);
    audit::append(db, e, now).await?;
    let person = residents::find(db, l.subject_id).await?.ok_or(ServiceError::NotFound)?;
    let proxy_person = residents::find(db, l.proxy_id).await?.ok_or(ServiceError::NotFound)?;
    if let Some(to) = &person.email {
        let side = notices::LinkSide::Person { proxy_name: &proxy_person.name };
        notices::proxy_confirmed(db, state, to, side, by, review_on, now).await?;
    }
    if let Some(to) = &proxy_person.email {
        let side = notices::LinkSide::Proxy { person_name: &person.name };
        notices::proxy_confirmed(db, state, to, side, by, review_on, now).await?;
    }
    Ok(review_on)
}

/// The person confirms one of their proxies (or renews the link at its
/// review date), signed in as themselves.
pub async fn confirm_by_person(state: &AppState, actor: &Actor, link: &str) -> Result<ProxyView, ServiceError> {
    require(actor, Operation::ManageOwnProxies)?;
    let me = actor.person().ok_or(ServiceError::NotFound)?;
    let id = Uuid::parse_str(link.trim()).map_err(|_| ServiceError::NotFound)?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let l = repo::find_link(&*tx, id).await?.filter(|l| l.subject_id == me).ok_or(ServiceError::NotFound)?;
    if l.revoked_at.is_some() {
        return Err(ServiceError::Proxy(ProxyRefusal::AlreadyRevoked));
    }
    // The person signed in through the claim link this proxy's registration
    // mailed to the address the proxy typed: if that mailbox is the proxy's,
    // this would be the proxy confirming themselves. Referred to the network
    // office (who may ask both), or to a facility's desk.
    if repo::claimed_through_registration_by(&*tx, me, l.proxy_id).await? {
        if !residents::open_review_exists(&*tx, "proxy_confirmation_referred", me).await? {
            residents::add_review(&*tx, "proxy_confirmation_referred", Some(me), None, &[l.proxy_id], now).await?;
        }
        tx.commit().await?;
        return Err(ServiceError::Proxy(ProxyRefusal::ConfirmationReferred));
    }
    let mut e = AuditEntry::new(actor, AuditAction::ProxyConfirmed, Channel::Web).request_id(context::request_id());
    e.on_behalf_of = Some(me);
    confirm(&*tx, state, &l, ConfirmedBy::Person, None, Basis::PersonAgreed, e, json!({}), now).await?;
    let l = repo::find_link(&*tx, id).await?.ok_or(ServiceError::NotFound)?;
    let entries = audit::for_subject(&*tx, SubjectKind::ProxyLink, &l.id.to_string()).await?;
    let view = proxy_view(&*tx, &l, &entries, crate::domain::japan_time::day(now)).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(view)
}

/// What reception confirmed at the desk, to check against the two people.
#[derive(Debug, Clone)]
pub struct DeskConfirmed {
    pub person_name: String,
    pub proxy_name: String,
    pub review_on: NaiveDate,
}

/// The desk's form: the person (their registration QR, their number with
/// their birth date, or their insurance card with their birth date), the
/// proxy (their registration number and birth date), and the identity
/// documents checked for each.
pub struct DeskConfirmation<'a> {
    pub person: Who<'a>,
    pub person_birth_date: &'a str,
    pub person_identity: &'a str,
    pub proxy_number: &'a str,
    pub proxy_birth_date: &'a str,
    pub proxy_identity: &'a str,
}

/// Reception confirms (or renews) the link between a person and their proxy,
/// both at the desk with identity documents. Only for a person consenting in
/// one of the facility's networks and a proxy with an active link to them;
/// anything else is `404` and a failed look-up.
pub async fn confirm_at_desk(
    state: &AppState,
    actor: &Actor,
    f: DeskConfirmation<'_>,
) -> Result<DeskConfirmed, ServiceError> {
    require(actor, Operation::EnterPaperForms)?;
    let Actor::Staff { id: staff_id, facility_id, .. } = *actor else { return Err(ServiceError::NotFound) };
    let now = state.clock.now();
    let today = crate::domain::japan_time::day(now);
    let mut v = Validator::new();
    let person_doc = v.check("identityChecked", crate::domain::staff::parse_identity_document(f.person_identity));
    let proxy_doc = v.check("proxyIdentityChecked", crate::domain::staff::parse_identity_document(f.proxy_identity));
    let person_born = match f.person {
        Who::Number(_) => {
            v.check("birthDate", crate::domain::person::parse_birth_date(f.person_birth_date, today)).map(Some)
        }
        _ => Some(None),
    };
    let proxy_number = v.check("proxyRegistrationNumber", PublicId::parse(f.proxy_number, NUMBER_LEN));
    let proxy_born = v.check("proxyBirthDate", crate::domain::person::parse_birth_date(f.proxy_birth_date, today));
    v.finish()?;
    let (Some(person_doc), Some(proxy_doc), Some(person_born), Some(proxy_number), Some(proxy_born)) =
        (person_doc, proxy_doc, person_born, proxy_number, proxy_born)
    else {
        return Err(Invalid::default().into());
    };
    let key = format!("staff:{staff_id}");
    let tx = state.db.write().await?;
    check_rate(&*tx, rate::FAILED_LOOKUPS_PER_STAFF, &key, now).await?;
    let by = f.person.as_str();
    let found = desk_lookup::find(&*tx, f.person, today).await?;
    let person = found.person.filter(|p| person_born.is_none_or(|b| b == p.birth_date));
    let networks = medical::networks_of_facility(&*tx, facility_id).await?;
    let shared = medical::current_consents(&*tx, person.as_ref().map_or(Uuid::nil(), |p| p.id), &networks).await?;
    let proxy_person =
        residents::find_by_number(&*tx, proxy_number.as_str()).await?.filter(|p| p.birth_date == proxy_born);
    let link = match (&person, &proxy_person) {
        (Some(p), Some(x)) if !shared.is_empty() => {
            repo::links_of_subject(&*tx, p.id).await?.into_iter().find(|l| l.proxy_id == x.id && l.revoked_at.is_none())
        }
        _ => None,
    };
    let (Some(person), Some(proxy_person), Some(link)) = (person, proxy_person, link) else {
        crate::store::auth::count_event(&*tx, rate::FAILED_LOOKUPS_PER_STAFF, &key, now).await?;
        let e = AuditEntry::new(actor, AuditAction::PersonNotFound, Channel::Web)
            .facility(facility_id)
            .request_id(context::request_id())
            .detail(json!({ "for": "proxy_confirmation", "by": by }));
        audit::append(&*tx, e, now).await?;
        tx.commit().await?;
        return Err(ServiceError::NotFound);
    };
    let mut e = AuditEntry::new(actor, AuditAction::ProxyConfirmed, Channel::Web)
        .facility(facility_id)
        .request_id(context::request_id());
    e.on_behalf_of = Some(person.id);
    // Which documents were seen, kept with the confirmation's own facts.
    let seen = json!({ "identityChecked": person_doc, "proxyIdentityChecked": proxy_doc, "foundBy": by });
    let review_on = confirm(
        &*tx,
        state,
        &link,
        ConfirmedBy::Staff,
        Some(staff_id.to_string()),
        Basis::ReceptionVerified,
        e,
        seen,
        now,
    )
    .await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(DeskConfirmed { person_name: person.name, proxy_name: proxy_person.name, review_on })
}

/// A link waiting for confirmation (or renewal), for the network office.
#[derive(Debug, Clone)]
pub struct Awaiting {
    pub link_id: Uuid,
    pub person_number: String,
    pub proxy_number: String,
    pub relationship: String,
    pub attestation: Option<String>,
    pub via: String,
    pub standing: proxy::Standing,
    pub created_at: DateTime<Utc>,
}

/// The links not confirmed, or past their review date: the network
/// office's list (no names: the numbers find the people).
pub async fn awaiting(state: &AppState, actor: &Actor) -> Result<Vec<Awaiting>, ServiceError> {
    require(actor, Operation::HandleDataRightsRequests)?;
    let db = state.db.reader();
    let today = crate::domain::japan_time::day(state.clock.now());
    let mut out = Vec::new();
    for l in repo::links_awaiting_confirmation(db, today).await? {
        let number = |id| async move {
            Ok::<_, ServiceError>(residents::find(db, id).await?.map(|r| r.registration_number).unwrap_or_default())
        };
        out.push(Awaiting {
            link_id: l.id,
            person_number: PublicId::display_of(&number(l.subject_id).await?),
            proxy_number: PublicId::display_of(&number(l.proxy_id).await?),
            relationship: l.relationship.clone(),
            attestation: l.attestation.clone(),
            via: l.via.clone(),
            standing: proxy::Standing::of(l.confirmed_at, l.review_on, today),
            created_at: l.created_at,
        });
    }
    Ok(out)
}

/// The network office confirms (or renews) a link after reviewing
/// documents: `basis` is what they show (the person's agreement in writing,
/// or a legal representative's appointment).
pub async fn confirm_by_office(
    state: &AppState,
    actor: &Actor,
    link: &str,
    basis: &str,
) -> Result<NaiveDate, ServiceError> {
    require(actor, Operation::HandleDataRightsRequests)?;
    let basis = Basis::parse(basis).map_err(|c| Invalid::one("basis", c))?;
    if basis == Basis::ReceptionVerified {
        return Err(Invalid::one("basis", crate::domain::FieldErrorCode::UnknownValue).into());
    }
    let id = Uuid::parse_str(link.trim()).map_err(|_| ServiceError::NotFound)?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let l = repo::find_link(&*tx, id).await?.ok_or(ServiceError::NotFound)?;
    if l.revoked_at.is_some() {
        return Err(ServiceError::Proxy(ProxyRefusal::AlreadyRevoked));
    }
    let mut e = AuditEntry::new(actor, AuditAction::ProxyConfirmed, Channel::Cli).request_id(context::request_id());
    e.on_behalf_of = Some(l.subject_id);
    let review_on = confirm(&*tx, state, &l, ConfirmedBy::Operator, actor.audit_id(), basis, e, json!({}), now).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(review_on)
}

/// Mails both people of each link whose review date is near (once per
/// date). Returns how many links.
pub async fn send_review_notices(
    db: &impl ConnectionTrait,
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<u64, ServiceError> {
    let today = crate::domain::japan_time::day(now);
    let until = today + chrono::Duration::days(proxy::REVIEW_NOTICE_DAYS);
    let mut sent = 0;
    for l in repo::links_due_for_review_notice(db, today, until).await? {
        let Some(review_on) = l.review_on else { continue };
        let person = residents::find(db, l.subject_id).await?.ok_or(ServiceError::NotFound)?;
        let proxy_person = residents::find(db, l.proxy_id).await?.ok_or(ServiceError::NotFound)?;
        if let Some(to) = &person.email {
            let side = notices::LinkSide::Person { proxy_name: &proxy_person.name };
            notices::proxy_review_due(db, state, to, side, review_on).await?;
        }
        if let Some(to) = &proxy_person.email {
            let side = notices::LinkSide::Proxy { person_name: &person.name };
            notices::proxy_review_due(db, state, to, side, review_on).await?;
        }
        repo::set_review_notice(db, l.id, review_on).await?;
        sent += 1;
    }
    Ok(sent)
}
