//! A person's consents over time: the state of each network they joined,
//! the whole history (given, renewed, withdrawn; when, by whom, through
//! which channel, to which document version), joining and re-joining,
//! re-consent to a newer version, withdrawal with a receipt by mail, and the
//! operators' counts.
//!
//! Every change takes the person's lock first (`store::consents::lock_person`)
//! and re-reads the state inside its transaction, so a withdrawal and a
//! re-join sent at once are applied one after the other, in order, and the
//! second sees the first.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::common::consent::{
    HistoryEvent, Membership, NetworkRef, NewConsent, Record, memberships, network_of, new_consent,
};
use super::{ConsentRefusal, ServiceError, notices, resident_of};
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::consent::{self, Agreement, AgreementRefused};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{consent_renewal, network};
use crate::store::{consent_documents, consents as repo, entry_points, residents};

/// A network the person can join now (none in force there), with the version to agree to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joinable {
    pub network: NetworkRef,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub memberships: Vec<Membership>,
    /// Newest first.
    pub history: Vec<HistoryEvent>,
    pub joinable: Vec<Joinable>,
}

pub async fn overview(state: &AppState, actor: &Actor) -> Result<Overview, ServiceError> {
    let resident = resident_of(actor, Operation::ReadOwnAccount)?;
    super::common::visibility::record_view(state, actor, "consents").await?;
    let db = state.db.reader();
    let now = state.clock.now();
    let record = Record::load(db, resident).await?;
    let memberships = memberships(db, &record, now).await?;
    let mut history = record.history(db).await?;
    history.reverse();
    let mut joinable = Vec::new();
    for n in record.networks.values() {
        if record.in_force(n.id).is_some() {
            continue;
        }
        if let Some(d) = consent_documents::current(db, n.id, now).await? {
            joinable.push(Joinable { network: NetworkRef::from(n), version: d.version });
        }
    }
    joinable.sort_by(|a, b| a.network.code.cmp(&b.network.code));
    Ok(Overview { memberships, history, joinable })
}

/// What agreeing did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreed {
    pub agreement: Agreement,
    pub consent_id: Uuid,
    pub version: i32,
    pub at: DateTime<Utc>,
    pub receipt_mailed: bool,
}

/// Agrees to the version of a network's consent document in force: joins
/// (or re-joins: a new consent, starting now) when none is in force, or
/// renews the consent in force when it was agreed to an older version.
pub async fn agree(
    state: &AppState,
    actor: &Actor,
    channel: Channel,
    network: &str,
    version_shown: i32,
) -> Result<Agreed, ServiceError> {
    let Change { resident, now, tx, net, record } = begin(state, actor, network).await?;
    let doc = consent_documents::current(&*tx, net.id, now).await?.ok_or(ServiceError::NotFound)?;
    let in_force = record.in_force(net.id);
    let agreement = consent::agreement(version_shown, doc.version, in_force.map(|c| record.agreed_version(c)))
        .map_err(|e| {
            ServiceError::Consent(match e {
                AgreementRefused::NotCurrent => ConsentRefusal::VersionNotCurrent { current: doc.version },
                AgreementRefused::AlreadyAgreed => ConsentRefusal::AlreadyJoined,
            })
        })?;
    let (by, by_id) = super::common::consent::consent_by(actor);
    let consent_id = match (agreement, in_force) {
        (Agreement::Renew, Some(c)) => {
            repo::insert_renewal(
                &*tx,
                consent_renewal::Model {
                    id: Uuid::now_v7(),
                    consent_id: c.id,
                    document_id: doc.id,
                    version: doc.version,
                    agreed_at: now,
                    by_kind: by.as_str().to_owned(),
                    by_id,
                    channel: channel.as_str().to_owned(),
                },
            )
            .await?;
            audit_consent(&*tx, actor, AuditAction::ConsentRenewed, channel, resident, c.id, net.id, doc.version, now)
                .await?;
            c.id
        }
        _ => {
            let id = Uuid::now_v7();
            residents::insert_consent(
                &*tx,
                new_consent(NewConsent {
                    id,
                    resident,
                    network_id: net.id,
                    document: &doc,
                    by,
                    by_id,
                    channel,
                    entry_point: None,
                    now,
                }),
            )
            .await
            .map_err(|e| match e {
                // Only reachable if the lock above were bypassed: one consent in force per network.
                crate::store::StoreError::Duplicate => ServiceError::Consent(ConsentRefusal::AlreadyJoined),
                e => e.into(),
            })?;
            audit_consent(&*tx, actor, AuditAction::ConsentGiven, channel, resident, id, net.id, doc.version, now)
                .await?;
            id
        }
    };
    let r = residents::find(&*tx, resident).await?.ok_or(ServiceError::NotFound)?;
    if let Some(to) = &r.email {
        let change = match agreement {
            Agreement::Join => notices::ConsentChange::Joined { version: doc.version },
            Agreement::Renew => notices::ConsentChange::Renewed { version: doc.version },
        };
        let proxy = super::common::consent::proxy_name(&*tx, actor).await?;
        notices::consent_changed(&*tx, state, to, &net, change, now, proxy.as_deref()).await?;
    }
    tx.commit().await?;
    state.mail.wake();
    Ok(Agreed { agreement, consent_id, version: doc.version, at: now, receipt_mailed: r.email.is_some() })
}

/// A withdrawal done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawn {
    pub consent_id: Uuid,
    pub network: NetworkRef,
    pub at: DateTime<Utc>,
    /// Whether a receipt was mailed (the account has an address).
    pub receipt_mailed: bool,
}

/// Withdraws the consent in force in a network, as of this moment: from the
/// commit on, no facility's data about the person is accepted in that
/// network and nothing kept under the consent is shared. `consent_shown` is
/// the consent the page showed; when another is in force by now (withdrawn
/// and given again in between) nothing happens and the page must reload.
pub async fn withdraw(
    state: &AppState,
    actor: &Actor,
    channel: Channel,
    network: &str,
    consent_shown: Option<Uuid>,
) -> Result<Withdrawn, ServiceError> {
    let Change { resident, now, tx, net, record } = begin(state, actor, network).await?;
    let Some(current) = record.in_force(net.id) else {
        let ever = record.consents.iter().any(|c| c.network_id == net.id);
        return Err(ServiceError::Consent(if ever {
            ConsentRefusal::AlreadyWithdrawn
        } else {
            ConsentRefusal::NotJoined
        }));
    };
    if consent_shown.is_some_and(|id| id != current.id) {
        return Err(ServiceError::Consent(ConsentRefusal::ConsentChanged));
    }
    let (by, by_id) = super::common::consent::consent_by(actor);
    let w = repo::Withdrawal { at: now, by_kind: by.as_str(), by_id, channel: channel.as_str() };
    if !repo::withdraw(&*tx, current.id, w).await? {
        return Err(ServiceError::Consent(ConsentRefusal::AlreadyWithdrawn));
    }
    audit_consent(&*tx, actor, AuditAction::ConsentWithdrawn, channel, resident, current.id, net.id, 0, now).await?;
    let r = residents::find(&*tx, resident).await?.ok_or(ServiceError::NotFound)?;
    let receipt_mailed = match &r.email {
        Some(to) => {
            let proxy = super::common::consent::proxy_name(&*tx, actor).await?;
            notices::consent_changed(&*tx, state, to, &net, notices::ConsentChange::Withdrawn, now, proxy.as_deref())
                .await?;
            true
        }
        None => false,
    };
    tx.commit().await?;
    state.mail.wake();
    Ok(Withdrawn { consent_id: current.id, network: NetworkRef::from(&net), at: now, receipt_mailed })
}

/// A change to a person's consents under way: their lock taken, their
/// consents read inside the transaction.
struct Change {
    resident: Uuid,
    now: DateTime<Utc>,
    tx: crate::store::WriteTx,
    net: network::Model,
    record: Record,
}

async fn begin(state: &AppState, actor: &Actor, network: &str) -> Result<Change, ServiceError> {
    let resident = resident_of(actor, Operation::ManageOwnConsent)?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let net = network_of(&*tx, network).await?;
    repo::lock_person(&*tx, resident).await?;
    let record = Record::load(&*tx, resident).await?;
    Ok(Change { resident, now, tx, net, record })
}

#[allow(clippy::too_many_arguments)]
async fn audit_consent(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: AuditAction,
    channel: Channel,
    resident: Uuid,
    consent_id: Uuid,
    network_id: Uuid,
    version: i32,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let mut entry = AuditEntry::new(actor, action, channel)
        .subject(SubjectKind::Consent, consent_id)
        .network(network_id)
        .request_id(context::request_id());
    if version > 0 {
        entry = entry.detail(json!({ "version": version }));
    }
    entry.on_behalf_of = Some(resident);
    audit::append(db, entry, now).await?;
    Ok(())
}

/// The operators' counts for one network.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub network: String,
    /// Consents given (a re-join counts again).
    pub joined: u64,
    /// Of those, withdrawn since.
    pub withdrawn: u64,
    /// Of those, closed when the network office combined two records of
    /// one person (the other record's consent goes on): not withdrawals.
    pub combined: u64,
    /// Consents in force now.
    pub in_force: u64,
    /// People with a consent in force now.
    pub people: u64,
    pub renewals: u64,
    /// Consents given, by channel (web, paper, ...).
    pub by_channel: BTreeMap<String, u64>,
    /// Consents given, by the poster or leaflet scanned ("-" for none).
    pub by_entry_point: BTreeMap<String, u64>,
    /// By month in Japan time (`2026-11`): consents given and withdrawn.
    pub by_month: BTreeMap<String, MonthCounts>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct MonthCounts {
    pub joined: u64,
    pub withdrawn: u64,
}

pub async fn stats(state: &AppState, actor: &Actor, network: &str) -> Result<Stats, ServiceError> {
    require(actor, Operation::HandleDataRightsRequests)?;
    let db = state.db.reader();
    let net = super::common::networks::network_named(db, "network", network).await?;
    let all = repo::all_in_network(db, net.id).await?;
    let ids: Vec<Uuid> = all.iter().map(|c| c.id).collect();
    let renewals = repo::renewals_of(db, &ids).await?.len() as u64;
    let entry_codes: HashMap<Uuid, String> =
        entry_points::list(db, Some(net.id)).await?.into_iter().map(|e| (e.id, e.code)).collect();
    let mut s = Stats {
        network: net.code.clone(),
        joined: all.len() as u64,
        withdrawn: 0,
        combined: 0,
        in_force: 0,
        people: 0,
        renewals,
        by_channel: BTreeMap::new(),
        by_entry_point: BTreeMap::new(),
        by_month: BTreeMap::new(),
    };
    let mut people = std::collections::HashSet::new();
    for c in &all {
        *s.by_channel.entry(c.channel.clone()).or_default() += 1;
        let ep = c.entry_point_id.and_then(|e| entry_codes.get(&e).cloned()).unwrap_or_else(|| "-".into());
        *s.by_entry_point.entry(ep).or_default() += 1;
        s.by_month.entry(crate::domain::japan_time::month(c.given_at)).or_default().joined += 1;
        match c.withdrawn_at {
            Some(_) if c.withdrawn_channel.as_deref() == Some(crate::domain::merge::CONSENT_COMBINED) => {
                s.combined += 1;
            }
            Some(at) => {
                s.withdrawn += 1;
                s.by_month.entry(crate::domain::japan_time::month(at)).or_default().withdrawn += 1;
            }
            None => {
                s.in_force += 1;
                people.insert(c.resident_id);
            }
        }
    }
    s.people = people.len() as u64;
    Ok(s)
}
