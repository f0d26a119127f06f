//! A person's consents as read and written by every use case that touches
//! them: the record of consents with its history, the memberships it makes,
//! a new consent row, and who gave it (the person, or a proxy for them).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::domain::actor::Actor;
use crate::domain::audit::Channel;
use crate::domain::consent::{self, ConsentBy, VersionInForce};
use crate::domain::network::NetworkCode;
use crate::service::ServiceError;
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

/// Everything known of a person's consents, read in one place.
pub(crate) struct Record {
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

/// Each network the person ever joined: the consent in force, or the last one.
pub(crate) async fn memberships(
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

/// A consent given now, to the exact document version shown.
pub(crate) struct NewConsent<'a> {
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

pub(crate) fn new_consent(c: NewConsent<'_>) -> consent_row::Model {
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

pub(crate) async fn network_of(db: &impl ConnectionTrait, code: &str) -> Result<network::Model, ServiceError> {
    let code = NetworkCode::parse(code).map_err(|_| ServiceError::NotFound)?;
    networks::find_network(db, code.as_str()).await?.ok_or(ServiceError::NotFound)
}

/// Who gave or withdrew a consent, for the consent's record.
pub(crate) fn consent_by(actor: &Actor) -> (ConsentBy, Option<Uuid>) {
    match actor {
        Actor::Proxy { id, .. } => (ConsentBy::Proxy, Some(*id)),
        Actor::Staff { id, .. } => (ConsentBy::Staff, Some(*id)),
        Actor::Operator { .. } | Actor::System => (ConsentBy::Operator, None),
        other => (ConsentBy::Resident, other.person()),
    }
}

/// The proxy's name, when the actor is one (for the mail the person gets).
pub(crate) async fn proxy_name(db: &impl ConnectionTrait, actor: &Actor) -> Result<Option<String>, ServiceError> {
    match actor {
        Actor::Proxy { id, .. } => Ok(residents::find(db, *id).await?.map(|r| r.name)),
        _ => Ok(None),
    }
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

/// The versions of a network's document in force at `now`, for the re-consent rule.
async fn versions_in_force(
    db: &impl ConnectionTrait,
    network_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<consent_document::Model>, ServiceError> {
    Ok(consent_documents::versions(db, network_id).await?.into_iter().filter(|d| d.effective_at <= now).collect())
}
