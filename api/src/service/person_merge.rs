//! The network office combines two records it has found to be one person
//! (`domain::merge`): `renkei admin person merge --from N --into M` shows
//! what would happen; with `--confirm` it happens, in one transaction.
//!
//! Everything the retired record holds moves to the kept one: insurance
//! with its history, consents, medication and allergy records with their
//! revisions and hidden marks, visits, facilities' relationships and
//! emergency accesses, proxy links both ways, invitations, paper entries,
//! correction requests, review items, and passkeys (which keep the retired
//! record's id as their user handle, so the phone still signs in). Where
//! both records hold one of a kind, the kept record's goes on (a consent to
//! the same network: the retired one closes and its records move under the
//! kept one, so facilities still see them). The retired record's sessions,
//! codes and QR end, its unused claim sheets are voided, and it leaves an
//! alias: its registration number still finds the person, and the audit
//! log's entries about it (never rewritten) are still in the person's data
//! download and access record. The person is mailed at both addresses.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::ServiceError;
use super::common::people::{self, insurance_key};
use super::notices;
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::merge::{self, Link, Refusal};
use crate::domain::public_id::PublicId;
use crate::domain::registration::NUMBER_LEN;
use crate::domain::{Invalid, Validator};
use crate::domain::{jahis, looking};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{care_relationship, consent, consent_renewal, proxy_link, resident};
use crate::store::{auth, consents, medical, merge as repo, proxies, residents};

/// How a consent closed by a merge shows in the person's consent history.
pub const MERGE_CHANNEL: &str = merge::CONSENT_COMBINED;

/// One of the two records, as the office sees it before combining.
#[derive(Debug, Clone)]
pub struct RecordView {
    pub registration_number: String,
    pub name: String,
    pub name_kana: String,
    pub birth_date: chrono::NaiveDate,
    pub sex: String,
    pub channel: String,
    pub created_at: DateTime<Utc>,
    pub has_email: bool,
    pub passkeys: u64,
    pub insurance: usize,
    pub consents_in_force: usize,
    pub medications: usize,
    pub allergies: usize,
    pub proxy_links: usize,
}

/// What combining would do (or did).
#[derive(Debug, Clone)]
pub struct Plan {
    pub retired: RecordView,
    pub kept: RecordView,
    /// Things the office should know or ask the person about.
    pub notes: Vec<String>,
}

/// Shows what combining `from` into `into` would do, changing nothing.
pub async fn preview(
    state: &AppState,
    actor: &Actor,
    from: &str,
    into: &str,
) -> Result<Result<Plan, Refusal>, ServiceError> {
    require(actor, Operation::MergePeople)?;
    let (from, into) = numbers(from, into)?;
    let tx = state.db.write().await?;
    let (retired, kept) = match pair(&*tx, &from, &into).await? {
        Ok(p) => p,
        Err(r) => return Ok(Err(r)),
    };
    let shown = plan(&*tx, &retired, &kept).await?;
    // The office was shown two people's details: that is recorded too.
    let e = AuditEntry::new(actor, AuditAction::PersonMergePreviewed, Channel::Cli)
        .subject(SubjectKind::Resident, kept.id)
        .request_id(context::request_id())
        .detail(json!({ "retired": retired.id, "retiredNumber": retired.registration_number }));
    audit::append(&*tx, e, state.clock.now()).await?;
    tx.commit().await?;
    Ok(Ok(shown))
}

/// Combines `from` into `into`, as `preview` showed.
pub async fn combine(
    state: &AppState,
    actor: &Actor,
    from: &str,
    into: &str,
) -> Result<Result<Plan, Refusal>, ServiceError> {
    require(actor, Operation::MergePeople)?;
    let (from, into) = numbers(from, into)?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    residents::lock_identity_resolution(&*tx).await?;
    let (retired, kept) = match pair(&*tx, &from, &into).await? {
        Ok(p) => p,
        Err(r) => return Ok(Err(r)),
    };
    let (first, second) = if retired.id < kept.id { (retired.id, kept.id) } else { (kept.id, retired.id) };
    consents::lock_person(&*tx, first).await?;
    consents::lock_person(&*tx, second).await?;
    let shown = plan(&*tx, &retired, &kept).await?;
    let mut done = Done::default();
    settle_clashes(&*tx, &retired, &kept, now, &mut done).await?;
    // Unused claim sheets: the retired record's always end; the kept record's
    // too when either record signs in by itself.
    let kept_signs_in = people::has_own_sign_in(&*tx, &kept).await?;
    let retired_signs_in = people::has_own_sign_in(&*tx, &retired).await?;
    proxies::void_claims_of(&*tx, retired.id, now).await?;
    if merge::void_kept_claim_sheets(kept_signs_in, retired_signs_in) {
        proxies::void_claims_of(&*tx, kept.id, now).await?;
    }
    repo::forget_sign_in(&*tx, retired.id).await?;
    let reviews = answered_reviews(&*tx, retired.id, kept.id).await?;
    repo::resolve_reviews(&*tx, &reviews, now).await?;
    let moved = repo::move_rows(&*tx, retired.id, kept.id).await?;
    // A withdrawal carried over ends the relationships of facilities in no
    // network the person still takes part in.
    if done.withdrawals_carried > 0 {
        crate::store::looking::end_without_consent(&*tx, kept.id, "withdrawal", now).await?;
    }
    repo::insert_alias(&*tx, &retired, kept.id, now).await?;
    repo::delete_person(&*tx, retired.id).await?;
    let mut combined = kept.clone();
    combined.phone = merge::filled(&kept.phone, &retired.phone);
    combined.address = merge::filled(&kept.address, &retired.address);
    combined.care_insurance_number = merge::filled(&kept.care_insurance_number, &retired.care_insurance_number);
    if merge::address_from(address(&kept), address(&retired)) == Some(merge::Side::Retired) {
        combined.email = retired.email.clone();
        combined.email_verified_at = retired.email_verified_at;
    }
    residents::update_person(&*tx, combined.clone()).await?;
    let detail = json!({
        "retired": retired.id, "retiredNumber": retired.registration_number,
        "rowsMoved": moved, "consentsClosed": done.consents_closed, "withdrawalsCarried": done.withdrawals_carried,
        "linksEnded": done.links_ended,
        "relationshipsEnded": done.relationships_ended, "duplicatesDropped": done.duplicates_dropped,
        "reviewsResolved": reviews,
    });
    let mut e = AuditEntry::new(actor, AuditAction::PersonMerged, Channel::Cli)
        .subject(SubjectKind::Resident, kept.id)
        .request_id(context::request_id())
        .detail(detail);
    e.on_behalf_of = Some(kept.id);
    audit::append(&*tx, e, now).await?;
    let mut told: HashSet<String> = HashSet::new();
    // The address kept, and any address the person confirmed (never one only typed in for them).
    fn confirmed(r: &resident::Model) -> Option<&str> {
        r.email.as_deref().filter(|_| r.email_verified_at.is_some())
    }
    for to in [combined.email.as_deref(), confirmed(&retired), confirmed(&kept)].into_iter().flatten() {
        if told.insert(to.to_owned()) {
            notices::records_combined(&*tx, state, to, &kept.registration_number, &retired.registration_number, now)
                .await?;
        }
    }
    tx.commit().await?;
    state.mail.wake();
    Ok(Ok(shown))
}

fn numbers(from: &str, into: &str) -> Result<(String, String), ServiceError> {
    let mut v = Validator::new();
    let from = v.check("from", PublicId::parse(from, NUMBER_LEN));
    let into = v.check("into", PublicId::parse(into, NUMBER_LEN));
    v.finish()?;
    match (from, into) {
        (Some(f), Some(i)) => Ok((f.as_str().to_owned(), i.as_str().to_owned())),
        _ => Err(Invalid::default().into()),
    }
}

/// The two records, if they may be combined.
async fn pair(
    db: &impl ConnectionTrait,
    from: &str,
    into: &str,
) -> Result<Result<(resident::Model, resident::Model), Refusal>, ServiceError> {
    let retired = residents::find_by_number(db, from).await?.ok_or(ServiceError::NotFound)?;
    let kept = residents::find_by_number(db, into).await?.ok_or(ServiceError::NotFound)?;
    if retired.id == kept.id {
        return Ok(Err(match (retired.registration_number == from, kept.registration_number == into) {
            (true, true) => Refusal::SameRecord,
            (true, false) => Refusal::IntoAlreadyCombined,
            (false, _) => Refusal::AlreadyCombined,
        }));
    }
    if retired.registration_number != from {
        return Ok(Err(Refusal::AlreadyCombined));
    }
    fn person(r: &resident::Model) -> merge::Person<'_> {
        merge::Person { birth_date: r.birth_date, sex: r.sex.as_str() }
    }
    Ok(merge::may_combine(person(&retired), person(&kept)).map(|()| (retired, kept)))
}

async fn view(db: &impl ConnectionTrait, r: &resident::Model) -> Result<RecordView, ServiceError> {
    Ok(RecordView {
        registration_number: PublicId::display_of(&r.registration_number),
        name: r.name.clone(),
        name_kana: r.name_kana.clone(),
        birth_date: r.birth_date,
        sex: r.sex.clone(),
        channel: r.channel.clone(),
        created_at: r.created_at,
        has_email: r.email.is_some(),
        passkeys: auth::count_passkeys(db, r.id).await?,
        insurance: residents::insurance_of(db, r.id).await?.len(),
        consents_in_force: residents::current_consents(db, r.id).await?.len(),
        medications: medical::medications_of(db, r.id, None).await?.len(),
        allergies: medical::allergies_of(db, r.id).await?.len(),
        proxy_links: repo::active_links_of(db, r.id).await?.len(),
    })
}

async fn plan(
    db: &impl ConnectionTrait,
    retired: &resident::Model,
    kept: &resident::Model,
) -> Result<Plan, ServiceError> {
    let mut notes = Vec::new();
    if retired.name != kept.name || retired.kana_key != kept.kana_key {
        notes.push("the names differ: the kept record's name goes on (reception can correct it)".to_owned());
    }
    if let (Some(_), Some(_)) = (&retired.email, &kept.email)
        && retired.email != kept.email
    {
        let whose = match merge::address_from(address(kept), address(retired)) {
            Some(merge::Side::Retired) => "the retired record's (confirmed by the person)",
            _ => "the kept record's",
        };
        notes.push(format!("both records have a mail address: {whose} goes on; the other no longer signs in"));
    }
    if merge::void_kept_claim_sheets(
        people::has_own_sign_in(db, kept).await?,
        people::has_own_sign_in(db, retired).await?,
    ) {
        notes.push(
            "unused claim sheets of both records are voided (one record signs in by itself); \
             reception can reissue one if the person needs it"
                .to_owned(),
        );
    }
    let kept_in_force: HashSet<Uuid> =
        residents::current_consents(db, kept.id).await?.iter().map(|c| c.network_id).collect();
    let retired_in_force: HashSet<Uuid> =
        residents::current_consents(db, retired.id).await?.iter().map(|c| c.network_id).collect();
    let only_retired: HashSet<Uuid> = retired_in_force.difference(&kept_in_force).copied().collect();
    let only_kept: HashSet<Uuid> = kept_in_force.difference(&retired_in_force).copied().collect();
    if withdrew_from(db, kept.id, &only_retired).await? || withdrew_from(db, retired.id, &only_kept).await? {
        notes.push(
            "one record withdrew from a network the other is still joined to: the consent in force goes on; \
             ask the person whether they want to withdraw"
                .to_owned(),
        );
    }
    let mut held: Vec<_> = residents::insurance_of(db, kept.id).await?;
    held.extend(residents::insurance_of(db, retired.id).await?);
    if held.iter().filter(|i| i.valid_to.is_none()).map(insurance_key).collect::<HashSet<_>>().len() > 1 {
        notes.push(
            "both records have an insurance in force: both stay in force (data under either reaches the person) \
             until a new insurance is added"
                .to_owned(),
        );
    }
    Ok(Plan { retired: view(db, retired).await?, kept: view(db, kept).await?, notes })
}

/// Whether the person of record `of` ever withdrew from one of `networks`
/// (which are not in force on it).
async fn withdrew_from(db: &impl ConnectionTrait, of: Uuid, networks: &HashSet<Uuid>) -> Result<bool, ServiceError> {
    if networks.is_empty() {
        return Ok(false);
    }
    Ok(consents::all_of(db, of).await?.iter().any(|c| c.withdrawn_at.is_some() && networks.contains(&c.network_id)))
}

/// A record's mail address as `domain::merge::address_from` weighs it:
/// whether it is confirmed, or none.
fn address(r: &resident::Model) -> Option<bool> {
    r.email.as_ref().map(|_| r.email_verified_at.is_some())
}

/// What dealing with the clashes did, for the audit entry.
#[derive(Debug, Default)]
struct Done {
    consents_closed: u64,
    withdrawals_carried: u64,
    links_ended: u64,
    relationships_ended: u64,
    duplicates_dropped: u64,
}

/// Deals with whatever both records hold one of, so that the rows can move.
async fn settle_clashes(
    db: &impl ConnectionTrait,
    retired: &resident::Model,
    kept: &resident::Model,
    now: DateTime<Utc>,
    done: &mut Done,
) -> Result<(), ServiceError> {
    let (from, into) = (retired.id, kept.id);
    // A consent in force to the same network on both: the one given first
    // goes on, the records received under the other move under it, and a
    // later version agreed to on the other is carried over.
    let kept_consents: HashMap<Uuid, consent::Model> =
        residents::current_consents(db, into).await?.into_iter().map(|c| (c.network_id, c)).collect();
    for c in residents::current_consents(db, from).await? {
        let Some(k) = kept_consents.get(&c.network_id) else { continue };
        let (going_on, closed) = match merge::consent_goes_on(k.given_at, c.given_at) {
            merge::Side::Kept => (k, &c),
            merge::Side::Retired => (&c, k),
        };
        carry_version(db, going_on, closed).await?;
        repo::close_consent_into(db, closed.id, going_on.id, now, MERGE_CHANNEL).await?;
        done.consents_closed += 1;
    }
    // A network joined on one record and withdrawn from on the other after
    // that: the withdrawal, the person's latest act, carries over.
    for (joined_on, withdrew_on) in [(into, from), (from, into)] {
        let theirs = consents::all_of(db, withdrew_on).await?;
        for c in residents::current_consents(db, joined_on).await? {
            let same_network = theirs.iter().filter(|o| o.network_id == c.network_id);
            if same_network.clone().any(|o| o.withdrawn_at.is_none()) {
                continue;
            }
            let last = same_network
                .filter(|o| o.withdrawn_channel.as_deref() != Some(merge::CONSENT_COMBINED))
                .filter_map(|o| o.withdrawn_at.map(|at| (at, o)))
                .max_by_key(|(at, _)| *at);
            let Some((withdrawn_at, o)) = last else { continue };
            if merge::withdrawal_carries_over(withdrawn_at, c.given_at) {
                let by = o.withdrawn_by_kind.as_deref().unwrap_or("resident");
                repo::carry_withdrawal(db, c.id, now, by, o.withdrawn_by_id, merge::WITHDRAWAL_CARRIED).await?;
                done.withdrawals_carried += 1;
            }
        }
    }
    // JAHIS records are keyed per person: the retired record's take the kept
    // record's keys (data sent again then finds them), and one delivered to
    // both is kept once, hidden from proxies if either copy was.
    let hidden: HashSet<Uuid> =
        proxies::hidden_of(db, from).await?.into_iter().chain(proxies::hidden_of(db, into).await?).collect();
    let kept_meds: HashMap<(String, String), (Uuid, DateTime<Utc>)> = medical::medications_of(db, into, None)
        .await?
        .into_iter()
        .filter(|m| m.source == "jahis")
        .map(|m| ((m.kind, m.identifier), (m.id, m.updated_at)))
        .collect();
    let mut copies: Vec<Copy> = Vec::new();
    for m in medical::medications_of(db, from, None).await?.into_iter().filter(|m| m.source == "jahis") {
        let Some(key) = jahis::rekeyed(&m.identifier, from, into) else { continue };
        let same = kept_meds.get(&(m.kind.clone(), key.clone())).copied();
        copies.push(Copy { kind: "medication", id: m.id, facility: m.facility_id, updated: m.updated_at, key, same });
    }
    let kept_allergies: HashMap<String, (Uuid, DateTime<Utc>)> = medical::allergies_of(db, into)
        .await?
        .into_iter()
        .filter(|a| a.source == "jahis")
        .map(|a| (a.identifier, (a.id, a.updated_at)))
        .collect();
    for a in medical::allergies_of(db, from).await?.into_iter().filter(|a| a.source == "jahis") {
        let Some(key) = jahis::rekeyed(&a.identifier, from, into) else { continue };
        let same = kept_allergies.get(&key).copied();
        copies.push(Copy { kind: "allergy", id: a.id, facility: a.facility_id, updated: a.updated_at, key, same });
    }
    let (mut dup_meds, mut dup_allergies) = (Vec::new(), Vec::new());
    for c in copies {
        // The copy changed last goes on (a correction sent to one record
        // only), with both copies' revisions, hidden if either was.
        let (on, dropped) = match c.same {
            None => (c.id, None),
            Some((kept_id, kept_updated)) => match merge::copy_goes_on(kept_updated, c.updated) {
                merge::Side::Kept => (kept_id, Some(c.id)),
                merge::Side::Retired => (c.id, Some(kept_id)),
            },
        };
        if let Some(dropped) = dropped {
            repo::move_revisions(db, dropped, on).await?;
            if hidden.contains(&dropped) {
                let owner = if on == c.id { from } else { into };
                proxies::hide(db, on, owner, c.kind, c.facility, now).await?;
            }
            if c.kind == "medication" { dup_meds.push(dropped) } else { dup_allergies.push(dropped) }
        }
        if on == c.id {
            // Deleted first: the kept record's copy holds the key.
            if let Some(dropped) = dropped {
                if c.kind == "medication" {
                    repo::delete_medications(db, &[dropped]).await?;
                } else {
                    repo::delete_allergies(db, &[dropped]).await?;
                }
            }
            if c.kind == "medication" {
                repo::rekey_medication(db, c.id, &c.key).await?;
            } else {
                repo::rekey_allergy(db, c.id, &c.key).await?;
            }
        }
    }
    let kept_days: HashSet<_> =
        medical::visits_of(db, into).await?.into_iter().map(|v| (v.facility_id, v.visited_on, v.source)).collect();
    let dup_visits: Vec<Uuid> = medical::visits_of(db, from)
        .await?
        .into_iter()
        .filter(|v| kept_days.contains(&(v.facility_id, v.visited_on, v.source.clone())))
        .map(|v| v.id)
        .collect();
    done.duplicates_dropped += (dup_meds.len() + dup_allergies.len() + dup_visits.len()) as u64;
    repo::delete_medications(db, &dup_meds).await?;
    repo::delete_allergies(db, &dup_allergies).await?;
    repo::delete_visits(db, &dup_visits).await?;
    // A card on both: one row, over both rows' days.
    let kept_cards = residents::insurance_of(db, into).await?;
    for card in residents::insurance_of(db, from).await? {
        if let Some(same) = kept_cards.iter().find(|k| insurance_key(k) == insurance_key(&card)) {
            let (valid_from, valid_to) =
                merge::widened((same.valid_from, same.valid_to), (card.valid_from, card.valid_to));
            residents::update_insurance(
                db,
                crate::store::entity::resident_insurance::Model { valid_from, valid_to, ..same.clone() },
            )
            .await?;
            repo::delete_insurance(db, card.id).await?;
            done.duplicates_dropped += 1;
        }
    }
    // One of each per person: the kept record's goes on.
    let kept_kinds: HashSet<String> = repo::reminders_of(db, into).await?.into_iter().map(|r| r.kind).collect();
    let dup_kinds: Vec<String> =
        repo::reminders_of(db, from).await?.into_iter().map(|r| r.kind).filter(|k| kept_kinds.contains(k)).collect();
    repo::delete_reminders(db, from, &dup_kinds).await?;
    let contact =
        medical::emergency_contact(db, into).await?.is_some() && medical::emergency_contact(db, from).await?.is_some();
    let alerts = repo::alert_setting_of(db, into).await?.is_some() && repo::alert_setting_of(db, from).await?.is_some();
    repo::delete_one_per_person(db, from, contact, alerts).await?;
    // Facilities: where the person (or a proxy) stopped a facility on one
    // record, the stop carries over to the other record's live relationship
    // with it (unless the person showed that facility their QR since); a
    // live relationship on both is one, the kept record's.
    let retired_rels = repo::relationships_of(db, from).await?;
    let kept_rels = repo::relationships_of(db, into).await?;
    let (retired_stops, kept_stops) = (stops(&retired_rels), stops(&kept_rels));
    let mut ended: HashSet<Uuid> = HashSet::new();
    for (rels, other_stops) in [(&kept_rels, &retired_stops), (&retired_rels, &kept_stops)] {
        for r in rels.iter().filter(|r| r.ended_at.is_none()) {
            let Some((stopped_at, by)) = other_stops.get(&r.facility_id) else { continue };
            let by_qr = r.basis == looking::Basis::ShowedQr.as_str();
            if merge::stop_carries_over(*stopped_at, r.started_at, by_qr) {
                repo::end_relationship_by_id(db, r.id, by, now).await?;
                crate::store::looking::close_emergencies(db, r.resident_id, r.facility_id, now).await?;
                ended.insert(r.id);
                done.relationships_ended += 1;
            }
        }
    }
    // A stop carried over to the kept record: the facility may hold the kept
    // record's QR from before, which would let it look again. It is renewed
    // (as when the person stops a facility), the old one no longer works.
    if kept_rels.iter().any(|r| ended.contains(&r.id)) && crate::store::looking::qr_of(db, into).await?.is_some() {
        let number = PublicId::parse(&kept.registration_number, NUMBER_LEN)
            .map_err(|_| ServiceError::Internal("a stored registration number does not read".into()))?;
        let qr = looking::PersonQr::generate(number, &mut rand::rng());
        let row = crate::store::entity::registration_qr::Model {
            resident_id: into,
            secret: qr.secret.as_str().to_owned(),
            issued_at: now,
        };
        crate::store::looking::put_qr(db, row).await?;
    }
    let kept_facilities: HashSet<Uuid> =
        kept_rels.iter().filter(|r| r.ended_at.is_none() && !ended.contains(&r.id)).map(|r| r.facility_id).collect();
    for r in retired_rels.iter().filter(|r| r.ended_at.is_none() && !ended.contains(&r.id)) {
        if kept_facilities.contains(&r.facility_id) {
            repo::end_relationship_by_id(db, r.id, MERGE_CHANNEL, now).await?;
            done.relationships_ended += 1;
        }
    }
    // Proxy links: one between the two records ends (nobody acts for
    // themselves); two between the same people become one.
    let moved = |id: Uuid| if id == from { into } else { id };
    let kept_links: HashMap<(Uuid, Uuid), proxy_link::Model> = repo::active_links_of(db, into)
        .await?
        .into_iter()
        .filter(|l| l.proxy_id != from && l.subject_id != from)
        .map(|l| ((l.proxy_id, l.subject_id), l))
        .collect();
    let strength = |l: &proxy_link::Model| Link { confirmed: l.confirmed_at.is_some(), manage: l.level == "manage" };
    for l in repo::active_links_of(db, from).await? {
        let pair = (moved(l.proxy_id), moved(l.subject_id));
        let end = if pair.0 == pair.1 {
            Some(l.id)
        } else if let Some(other) = kept_links.get(&pair) {
            Some(if merge::retired_link_goes_on(strength(&l), strength(other)) { other.id } else { l.id })
        } else {
            None
        };
        if let Some(id) = end
            && proxies::revoke_link(db, id, now, "operator").await?
        {
            done.links_ended += 1;
        }
    }
    Ok(())
}

/// A JAHIS record of the retired record: its kind, id, sender, when it last
/// changed, its key for the kept record, and the kept record's copy of it
/// (id, when it last changed), if it has one.
struct Copy {
    kind: &'static str,
    id: Uuid,
    facility: Uuid,
    updated: DateTime<Utc>,
    key: String,
    same: Option<(Uuid, DateTime<Utc>)>,
}

/// Per facility, when and by whom the person (or a proxy) stopped it, if
/// the record's latest relationship with it ended so.
fn stops(rels: &[care_relationship::Model]) -> HashMap<Uuid, (DateTime<Utc>, String)> {
    let mut latest: HashMap<Uuid, &care_relationship::Model> = HashMap::new();
    for r in rels {
        if latest.get(&r.facility_id).is_none_or(|l| (r.started_at, r.id) > (l.started_at, l.id)) {
            latest.insert(r.facility_id, r);
        }
    }
    latest
        .into_values()
        .filter(|r| looking::ended_by_person(r.ended_by.as_deref()))
        .filter_map(|r| Some((r.facility_id, (r.ended_at?, r.ended_by.clone()?))))
        .collect()
}

/// Carries over to the consent that goes on the other's agreement to a
/// later version of the document, as a renewal with its time, who and how.
async fn carry_version(
    db: &impl ConnectionTrait,
    going_on: &consent::Model,
    closed: &consent::Model,
) -> Result<(), ServiceError> {
    struct Agreed {
        version: i32,
        document_id: Uuid,
        at: DateTime<Utc>,
        by_kind: String,
        by_id: Option<Uuid>,
        channel: String,
    }
    let renewals = consents::renewals_of(db, &[going_on.id, closed.id]).await?;
    let latest = |c: &consent::Model| {
        let given = Agreed {
            version: c.version,
            document_id: c.document_id,
            at: c.given_at,
            by_kind: c.given_by_kind.clone(),
            by_id: c.given_by_id,
            channel: c.channel.clone(),
        };
        renewals
            .iter()
            .filter(|r| r.consent_id == c.id)
            .map(|r| Agreed {
                version: r.version,
                document_id: r.document_id,
                at: r.agreed_at,
                by_kind: r.by_kind.clone(),
                by_id: r.by_id,
                channel: r.channel.clone(),
            })
            .chain(std::iter::once(given))
            .max_by_key(|a| a.version)
    };
    let (Some(on), Some(other)) = (latest(going_on), latest(closed)) else { return Ok(()) };
    if other.version <= on.version {
        return Ok(());
    }
    let renewal = consent_renewal::Model {
        id: Uuid::now_v7(),
        consent_id: going_on.id,
        document_id: other.document_id,
        version: other.version,
        agreed_at: other.at,
        by_kind: other.by_kind,
        by_id: other.by_id,
        channel: other.channel,
    };
    consents::insert_renewal(db, renewal).await?;
    Ok(())
}

/// The open review items that asked whether these two are one person.
async fn answered_reviews(db: &impl ConnectionTrait, a: Uuid, b: Uuid) -> Result<Vec<Uuid>, ServiceError> {
    Ok(residents::open_reviews(db)
        .await?
        .into_iter()
        .filter(|r| {
            let others: Vec<Uuid> = serde_json::from_str(&r.candidates).unwrap_or_default();
            matches!(r.resident_id, Some(id) if (id == a && others.contains(&b)) || (id == b && others.contains(&a)))
                && r.kind != "proxy_confirmation_referred"
        })
        .map(|r| r.id)
        .collect())
}
