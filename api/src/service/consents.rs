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

use super::{ConsentRefusal, ServiceError, notices, resident_of};
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::consent::{self, Agreement, AgreementRefused, ConsentBy, VersionInForce};
use crate::domain::network::NetworkCode;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::{consent as consent_row, consent_document, consent_renewal, network};
use crate::store::{consent_documents, consents as repo, entry_points, medical, networks, residents};

/// One step of a person's consent history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEvent {
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    pub consent_id: Uuid,
    pub network: NetworkRef,
    /// The document version agreed to (given, renewed); none for a withdrawal.
    pub version: Option<i32>,
    pub by: ConsentBy,
    pub channel: String,
    /// The poster or leaflet of a consent given by scanning its QR code.
    pub entry_point: Option<String>,
    /// The facility and form serial of a consent given on paper.
    pub facility: Option<String>,
    pub form_serial: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Given,
    Renewed,
    Withdrawn,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Given => "given",
            Self::Renewed => "renewed",
            Self::Withdrawn => "withdrawn",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkRef {
    pub code: String,
    pub name: String,
    pub name_en: Option<String>,
}

impl From<&network::Model> for NetworkRef {
    fn from(n: &network::Model) -> Self {
        Self { code: n.code.clone(), name: n.name.clone(), name_en: n.name_en.clone() }
    }
}

/// A person's standing in one network: the consent in force, or the last one withdrawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub network: NetworkRef,
    pub consent_id: Uuid,
    pub joined_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    /// The version last agreed to under this consent.
    pub agreed_version: i32,
    /// The version in force, when it asks this person to agree again.
    pub reconsent_version: Option<i32>,
}

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

/// Everything known of a person's consents, read in one place.
pub(super) struct Record {
    pub consents: Vec<consent_row::Model>,
    pub renewals: Vec<consent_renewal::Model>,
    pub networks: HashMap<Uuid, network::Model>,
}

impl Record {
    pub async fn load(db: &impl ConnectionTrait, resident_id: Uuid) -> Result<Self, ServiceError> {
        let consents = repo::all_of(db, resident_id).await?;
        let ids: Vec<Uuid> = consents.iter().map(|c| c.id).collect();
        let renewals = repo::renewals_of(db, &ids).await?;
        let networks = networks::list_networks(db).await?.into_iter().map(|n| (n.id, n)).collect();
        Ok(Self { consents, renewals, networks })
    }

    fn network(&self, id: Uuid) -> NetworkRef {
        self.networks
            .get(&id)
            .map_or_else(|| NetworkRef { code: String::new(), name: String::new(), name_en: None }, NetworkRef::from)
    }

    /// The version last agreed to under a consent.
    pub fn agreed_version(&self, c: &consent_row::Model) -> i32 {
        self.renewals.iter().filter(|r| r.consent_id == c.id).map(|r| r.version).fold(c.version, i32::max)
    }

    pub fn in_force(&self, network_id: Uuid) -> Option<&consent_row::Model> {
        self.consents.iter().find(|c| c.network_id == network_id && c.withdrawn_at.is_none())
    }

    /// The history, oldest first; events at the same instant in the order they were recorded.
    pub async fn history(&self, db: &impl ConnectionTrait) -> Result<Vec<HistoryEvent>, ServiceError> {
        // Withdrawals entered from a paper form: its facility and serial.
        let ids: Vec<Uuid> = self.consents.iter().map(|c| c.id).collect();
        let paper_withdrawals: HashMap<Uuid, (Uuid, String)> = crate::store::staff::withdrawals_of(db, &ids)
            .await?
            .into_iter()
            .filter_map(|e| e.consent_id.map(|c| (c, (e.facility_id, e.form_serial))))
            .collect();
        let facility_ids = self
            .consents
            .iter()
            .filter_map(|c| c.facility_id)
            .chain(paper_withdrawals.values().map(|(f, _)| *f))
            .collect::<Vec<_>>();
        let facilities = medical::facility_names(db, facility_ids).await?;
        let mut entry_names = HashMap::new();
        for c in &self.consents {
            if let Some(ep) = c.entry_point_id
                && !entry_names.contains_key(&ep)
                && let Some(e) = entry_points::find_by_id(db, ep).await?
            {
                entry_names.insert(ep, e.code);
            }
        }
        let by = |kind: &str| ConsentBy::parse(kind).unwrap_or(ConsentBy::Operator);
        let mut events = Vec::new();
        for c in &self.consents {
            let network = self.network(c.network_id);
            events.push(HistoryEvent {
                at: c.given_at,
                kind: EventKind::Given,
                consent_id: c.id,
                network: network.clone(),
                version: Some(c.version),
                by: by(&c.given_by_kind),
                channel: c.channel.clone(),
                entry_point: c.entry_point_id.and_then(|e| entry_names.get(&e).cloned()),
                facility: c.facility_id.and_then(|f| facilities.get(&f).map(|f| f.name.clone())),
                form_serial: c.form_serial.clone(),
            });
            for r in self.renewals.iter().filter(|r| r.consent_id == c.id) {
                events.push(HistoryEvent {
                    at: r.agreed_at,
                    kind: EventKind::Renewed,
                    consent_id: c.id,
                    network: network.clone(),
                    version: Some(r.version),
                    by: by(&r.by_kind),
                    channel: r.channel.clone(),
                    entry_point: None,
                    facility: None,
                    form_serial: None,
                });
            }
            if let Some(at) = c.withdrawn_at {
                events.push(HistoryEvent {
                    at,
                    kind: EventKind::Withdrawn,
                    consent_id: c.id,
                    network,
                    version: None,
                    by: by(c.withdrawn_by_kind.as_deref().unwrap_or("resident")),
                    channel: c.withdrawn_channel.clone().unwrap_or_default(),
                    entry_point: None,
                    facility: paper_withdrawals.get(&c.id).and_then(|(f, _)| facilities.get(f).map(|f| f.name.clone())),
                    form_serial: paper_withdrawals.get(&c.id).map(|(_, serial)| serial.clone()),
                });
            }
        }
        // Stable: same-instant events keep the order above (given, renewed, withdrawn).
        events.sort_by_key(|e| e.at);
        Ok(events)
    }
}

/// The versions of a network's document in force at `now`, for the re-consent rule.
async fn versions_in_force(
    db: &impl ConnectionTrait,
    network_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<consent_document::Model>, ServiceError> {
    Ok(consent_documents::versions(db, network_id).await?.into_iter().filter(|d| d.effective_at <= now).collect())
}

/// The version a person holding `agreed` must be asked to agree to now, if any.
async fn reconsent_version(
    db: &impl ConnectionTrait,
    network_id: Uuid,
    agreed: i32,
    now: DateTime<Utc>,
) -> Result<Option<i32>, ServiceError> {
    let docs = versions_in_force(db, network_id, now).await?;
    let rule: Vec<VersionInForce> =
        docs.iter().map(|d| VersionInForce { version: d.version, requires_reconsent: d.requires_reconsent }).collect();
    Ok(if consent::reconsent_due(agreed, &rule) { docs.first().map(|d| d.version) } else { None })
}

/// Each network the person ever joined: the consent in force, or the last one.
pub(super) async fn memberships(
    db: &impl ConnectionTrait,
    record: &Record,
    now: DateTime<Utc>,
) -> Result<Vec<Membership>, ServiceError> {
    let mut networks: Vec<Uuid> = Vec::new();
    for c in &record.consents {
        if !networks.contains(&c.network_id) {
            networks.push(c.network_id);
        }
    }
    // Per network: the consent in force, else the newest withdrawn one.
    let latest = networks
        .into_iter()
        .filter_map(|n| record.in_force(n).or_else(|| record.consents.iter().rev().find(|c| c.network_id == n)));
    let mut out = Vec::new();
    for c in latest {
        let agreed = record.agreed_version(c);
        let reconsent = match c.withdrawn_at {
            None => reconsent_version(db, c.network_id, agreed, now).await?,
            Some(_) => None,
        };
        out.push(Membership {
            network: record.network(c.network_id),
            consent_id: c.id,
            joined_at: c.given_at,
            withdrawn_at: c.withdrawn_at,
            agreed_version: agreed,
            reconsent_version: reconsent,
        });
    }
    Ok(out)
}

pub async fn overview(state: &AppState, actor: &Actor) -> Result<Overview, ServiceError> {
    let resident = resident_of(actor, Operation::ReadOwnAccount)?;
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
    let (by, by_id) = super::proxies::consent_by(actor);
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
        let proxy = super::proxies::proxy_name(&*tx, actor).await?;
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
    let (by, by_id) = super::proxies::consent_by(actor);
    let w = repo::Withdrawal { at: now, by_kind: by.as_str(), by_id, channel: channel.as_str() };
    if !repo::withdraw(&*tx, current.id, w).await? {
        return Err(ServiceError::Consent(ConsentRefusal::AlreadyWithdrawn));
    }
    audit_consent(&*tx, actor, AuditAction::ConsentWithdrawn, channel, resident, current.id, net.id, 0, now).await?;
    let r = residents::find(&*tx, resident).await?.ok_or(ServiceError::NotFound)?;
    let receipt_mailed = match &r.email {
        Some(to) => {
            let proxy = super::proxies::proxy_name(&*tx, actor).await?;
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

/// A consent given now, to the exact document version shown.
pub(super) struct NewConsent<'a> {
    pub id: Uuid,
    pub resident: Uuid,
    pub network_id: Uuid,
    pub document: &'a consent_document::Model,
    pub by: ConsentBy,
    pub by_id: Option<Uuid>,
    pub channel: Channel,
    pub entry_point: Option<Uuid>,
    pub now: DateTime<Utc>,
}

pub(super) fn new_consent(c: NewConsent<'_>) -> consent_row::Model {
    consent_row::Model {
        id: c.id,
        resident_id: c.resident,
        network_id: c.network_id,
        document_id: c.document.id,
        version: c.document.version,
        given_at: c.now,
        given_by_kind: c.by.as_str().to_owned(),
        given_by_id: c.by_id,
        channel: c.channel.as_str().to_owned(),
        entry_point_id: c.entry_point,
        withdrawn_at: None,
        withdrawn_by_kind: None,
        withdrawn_by_id: None,
        withdrawn_channel: None,
        facility_id: None,
        form_serial: None,
    }
}

pub(super) async fn network_of(db: &impl ConnectionTrait, code: &str) -> Result<network::Model, ServiceError> {
    let code = NetworkCode::parse(code).map_err(|_| ServiceError::NotFound)?;
    networks::find_network(db, code.as_str()).await?.ok_or(ServiceError::NotFound)
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

fn month(t: DateTime<Utc>) -> String {
    t.with_timezone(&chrono_tz::Asia::Tokyo).format("%Y-%m").to_string()
}

pub async fn stats(state: &AppState, actor: &Actor, network: &str) -> Result<Stats, ServiceError> {
    require(actor, Operation::HandleDataRightsRequests)?;
    let db = state.db.reader();
    let net = super::networks::network_named(db, "network", network).await?;
    let all = repo::all_in_network(db, net.id).await?;
    let ids: Vec<Uuid> = all.iter().map(|c| c.id).collect();
    let renewals = repo::renewals_of(db, &ids).await?.len() as u64;
    let entry_codes: HashMap<Uuid, String> =
        entry_points::list(db, Some(net.id)).await?.into_iter().map(|e| (e.id, e.code)).collect();
    let mut s = Stats {
        network: net.code.clone(),
        joined: all.len() as u64,
        withdrawn: 0,
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
        s.by_month.entry(month(c.given_at)).or_default().joined += 1;
        match c.withdrawn_at {
            Some(at) => {
                s.withdrawn += 1;
                s.by_month.entry(month(at)).or_default().withdrawn += 1;
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
