//! Entry points: created and disabled by operators, looked up by anyone who
//! scans one.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::ServiceError;
use super::common::networks::{FacilitySummary, NetworkSummary};
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::entry_point::{self, CODE_LEN};
use crate::domain::facility::FacilityCode;
use crate::domain::network::NetworkCode;
use crate::domain::public_id::PublicId;
use crate::domain::{FieldError, FieldErrorCode, Invalid, Validator};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::entry_point as row;
use crate::store::entry_points::{self as repo, NewEntryPoint};
use crate::store::networks;

/// What the network office sees of an entry point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryPointSummary {
    pub code: PublicId,
    pub url: String,
    pub network: String,
    pub facility: Option<String>,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub disabled_at: Option<DateTime<Utc>>,
}

/// What a person who scanned the code sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicEntryPoint {
    pub code: PublicId,
    pub active: bool,
    pub network: NetworkSummary,
    pub facility: Option<FacilitySummary>,
}

/// The address the QR code of `code` opens.
pub fn url_of(state: &AppState, code: &PublicId) -> String {
    state
        .config
        .public_url
        .join(&entry_point::registration_path(code))
        .map(|u| u.to_string())
        .unwrap_or_else(|_| format!("{}{}", state.config.public_url, entry_point::registration_path(code)))
}

fn parse_stored_code(m: &row::Model) -> Result<PublicId, ServiceError> {
    PublicId::parse(&m.code, CODE_LEN)
        .map_err(|_| ServiceError::Internal(format!("entry point {} has a bad code", m.id)))
}

pub async fn add_entry_point(
    state: &AppState,
    actor: &Actor,
    channel: Channel,
    network: &str,
    facility: Option<&str>,
    label: &str,
) -> Result<EntryPointSummary, ServiceError> {
    require(actor, Operation::ManageNetworks)?;
    let mut v = Validator::new();
    let network_code = v.check("network", NetworkCode::parse(network));
    let facility_code = match facility {
        Some(f) => v.check("facility", FacilityCode::parse(f, None)).map(Some),
        None => Some(None),
    };
    let label = v.check("label", entry_point::parse_label(label));
    v.finish()?;
    let (Some(network_code), Some(facility_code), Some(label)) = (network_code, facility_code, label) else {
        return Err(Invalid::default().into());
    };

    let tx = state.db.write().await?;
    let created =
        create_entry_point(&*tx, state, actor, channel, &network_code, facility_code.as_ref(), &label).await?;
    tx.commit().await?;
    Ok(created)
}

/// The work of [`add_entry_point`] inside the caller's transaction.
pub(super) async fn create_entry_point(
    tx: &impl ConnectionTrait,
    state: &AppState,
    actor: &Actor,
    channel: Channel,
    network_code: &NetworkCode,
    facility_code: Option<&FacilityCode>,
    label: &str,
) -> Result<EntryPointSummary, ServiceError> {
    let now = state.clock.now();
    let net = networks::find_network(tx, network_code.as_str())
        .await?
        .ok_or_else(|| Invalid::one("network", FieldErrorCode::NotFound))?;
    let fac = match facility_code {
        None => None,
        Some(code) => {
            let f = networks::find_facility(tx, code.as_str())
                .await?
                .ok_or_else(|| Invalid::one("facility", FieldErrorCode::NotFound))?;
            if !networks::is_member(tx, net.id, f.id).await? {
                return Err(Invalid(vec![FieldError::new("facility", FieldErrorCode::NotFound)]).into());
            }
            Some(f)
        }
    };
    let id = Uuid::now_v7();
    // A fresh random code; a collision (1 in 2^40 per pair) just draws again.
    let mut code = PublicId::generate(CODE_LEN, &mut rand::rng());
    while repo::find_by_code(tx, code.as_str()).await?.is_some() {
        code = PublicId::generate(CODE_LEN, &mut rand::rng());
    }
    repo::insert(
        tx,
        NewEntryPoint { id, code: code.as_str(), network_id: net.id, facility_id: fac.as_ref().map(|f| f.id), label },
        now,
    )
    .await?;
    let mut entry = AuditEntry::new(actor, AuditAction::EntryPointCreated, channel)
        .subject(SubjectKind::EntryPoint, id)
        .network(net.id)
        .request_id(context::request_id())
        .detail(json!({ "code": code.as_str() }));
    if let Some(f) = &fac {
        entry = entry.facility(f.id);
    }
    audit::append(tx, entry, now).await?;
    Ok(EntryPointSummary {
        url: url_of(state, &code),
        code,
        network: net.code,
        facility: fac.map(|f| f.code),
        label: label.to_owned(),
        created_at: now,
        disabled_at: None,
    })
}

pub async fn list_entry_points(
    state: &AppState,
    actor: &Actor,
    network: Option<&str>,
) -> Result<Vec<EntryPointSummary>, ServiceError> {
    require(actor, Operation::ManageNetworks)?;
    let db = state.db.reader();
    let only = match network {
        None => None,
        Some(code) => Some(super::common::networks::network_named(db, "network", code).await?.id),
    };
    let nets = networks::list_networks(db).await?;
    let facilities = networks::list_facilities(db, None).await?;
    repo::list(db, only)
        .await?
        .into_iter()
        .map(|m| {
            let code = parse_stored_code(&m)?;
            Ok(EntryPointSummary {
                url: url_of(state, &code),
                code,
                network: nets.iter().find(|n| n.id == m.network_id).map(|n| n.code.clone()).unwrap_or_default(),
                facility: m
                    .facility_id
                    .and_then(|id| facilities.iter().find(|(f, _)| f.id == id).map(|(f, _)| f.code.clone())),
                label: m.label,
                created_at: m.created_at,
                disabled_at: m.disabled_at,
            })
        })
        .collect()
}

/// Disables an entry point: its QR code then opens a page that points to the
/// network instead of the registration. Returns false if it was disabled already.
pub async fn disable_entry_point(
    state: &AppState,
    actor: &Actor,
    channel: Channel,
    code: &str,
) -> Result<bool, ServiceError> {
    require(actor, Operation::ManageNetworks)?;
    let code = entry_point::parse_code(code).map_err(|c| Invalid::one("code", c))?;
    let tx = state.db.write().await?;
    let now = state.clock.now();
    let m =
        repo::find_by_code(&*tx, code.as_str()).await?.ok_or_else(|| Invalid::one("code", FieldErrorCode::NotFound))?;
    let changed = repo::disable(&*tx, m.id, now).await?;
    if changed {
        audit::append(
            &*tx,
            AuditEntry::new(actor, AuditAction::EntryPointDisabled, channel)
                .subject(SubjectKind::EntryPoint, m.id)
                .network(m.network_id)
                .request_id(context::request_id()),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(changed)
}

/// The entry point behind a scanned code, active or not. Unknown and
/// malformed codes are not found.
pub async fn public_entry_point(state: &AppState, actor: &Actor, code: &str) -> Result<PublicEntryPoint, ServiceError> {
    require(actor, Operation::ReadPublicNetworks)?;
    let code = entry_point::parse_code(code).map_err(|_| ServiceError::NotFound)?;
    let db = state.db.reader();
    let m = repo::find_by_code(db, code.as_str()).await?.ok_or(ServiceError::NotFound)?;
    let network = networks::network_by_id(db, m.network_id)
        .await?
        .ok_or_else(|| ServiceError::Internal("entry point without its network".into()))?;
    let (network, facilities) = super::common::networks::detail_of(state, network).await?;
    let facility = m.facility_id.and_then(|id| facilities.into_iter().find(|f| f.id == id));
    Ok(PublicEntryPoint { code, active: m.disabled_at.is_none(), network, facility })
}

/// What the page a poster opens needs, in one answer: the entry point and, when the code is
/// active, its network's consent document in force (a withdrawn code takes no registrations;
/// neither does a network that has published no document).
pub async fn entry_point_page(
    state: &AppState,
    actor: &Actor,
    code: &str,
) -> Result<(PublicEntryPoint, Option<crate::store::entity::consent_document::Model>), ServiceError> {
    let ep = public_entry_point(state, actor, code).await?;
    let consent =
        if ep.active { super::consent_documents::in_force(state, actor, &ep.network.code).await? } else { None };
    Ok((ep, consent))
}

/// The QR code (SVG) of an active entry point.
pub async fn entry_point_qr(state: &AppState, actor: &Actor, code: &str) -> Result<String, ServiceError> {
    let ep = public_entry_point(state, actor, code).await?;
    if !ep.active {
        return Err(ServiceError::NotFound);
    }
    let url = url_of(state, &ep.code);
    let title = format!("{} 登録用QRコード / registration QR code", ep.network.name);
    crate::qr::svg(&url, &title).map_err(|e| ServiceError::Internal(format!("qr: {e}")))
}
