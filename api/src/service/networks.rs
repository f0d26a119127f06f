//! Networks and their facilities: public listings, and the operators' use
//! cases behind `renkei admin network|facility` and `serve --demo`.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::ServiceError;
pub use super::common::networks::{FacilitySummary, NetworkSummary, RoleParts};
use super::common::networks::{detail_of, facility_summary, network_named, role_table, summary};
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::facility::NewFacility;
use crate::domain::looking;
use crate::domain::network::{NetworkCode, NewNetwork};
use crate::domain::staff::Role;
use crate::domain::{FieldError, FieldErrorCode, Invalid};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::networks as repo;

pub async fn list_networks(state: &AppState, actor: &Actor) -> Result<Vec<NetworkSummary>, ServiceError> {
    require(actor, Operation::ReadPublicNetworks)?;
    let db = state.db.reader();
    let counts = repo::facility_counts(db).await?;
    Ok(repo::list_networks(db)
        .await?
        .into_iter()
        .map(|n| {
            let count = counts.get(&n.id).copied().unwrap_or(0);
            summary(n, count)
        })
        .collect())
}

/// A network and its facilities. Unknown or malformed codes are simply not found.
pub async fn network_detail(
    state: &AppState,
    actor: &Actor,
    code: &str,
) -> Result<(NetworkSummary, Vec<FacilitySummary>), ServiceError> {
    require(actor, Operation::ReadPublicNetworks)?;
    let code = NetworkCode::parse(code).map_err(|_| ServiceError::NotFound)?;
    let n = repo::find_network(state.db.reader(), code.as_str()).await?.ok_or(ServiceError::NotFound)?;
    detail_of(state, n).await
}

pub async fn list_facilities(
    state: &AppState,
    actor: &Actor,
    network: Option<&str>,
) -> Result<Vec<FacilitySummary>, ServiceError> {
    require(actor, Operation::ReadPublicNetworks)?;
    let db = state.db.reader();
    let only = match network {
        None => None,
        Some(code) => Some(network_named(db, "network", code).await?.id),
    };
    repo::list_facilities(db, only).await?.into_iter().map(|(f, nets)| facility_summary(f, nets)).collect()
}

pub async fn add_network(
    state: &AppState,
    actor: &Actor,
    channel: Channel,
    input: NewNetwork,
) -> Result<NetworkSummary, ServiceError> {
    require(actor, Operation::ManageNetworks)?;
    let tx = state.db.write().await?;
    let created = create_network(&*tx, state.clock.now(), actor, channel, input).await?;
    tx.commit().await?;
    tracing::info!(network = %created.code, "network created");
    Ok(created)
}

/// The work of [`add_network`] inside the caller's transaction.
pub(crate) async fn create_network(
    tx: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    channel: Channel,
    input: NewNetwork,
) -> Result<NetworkSummary, ServiceError> {
    let mut conflicts = Vec::new();
    if repo::find_network(tx, input.code.as_str()).await?.is_some() {
        conflicts.push(FieldError::new("code", FieldErrorCode::AlreadyExists));
    }
    if repo::find_network_by_name(tx, &input.name).await?.is_some() {
        conflicts.push(FieldError::new("name", FieldErrorCode::AlreadyExists));
    }
    if !conflicts.is_empty() {
        return Err(Invalid(conflicts).into());
    }
    let id = Uuid::now_v7();
    repo::insert_network(tx, id, &input, now).await?;
    audit::append(
        tx,
        AuditEntry::new(actor, AuditAction::NetworkCreated, channel)
            .subject(SubjectKind::Network, id)
            .network(id)
            .request_id(context::request_id())
            .detail(json!({ "code": input.code.as_str(), "demo": input.demo })),
        now,
    )
    .await?;
    Ok(NetworkSummary {
        id,
        code: input.code.to_string(),
        name: input.name,
        name_en: input.name_en,
        demo: input.demo,
        facility_count: 0,
    })
}

pub async fn add_facility(
    state: &AppState,
    actor: &Actor,
    channel: Channel,
    input: NewFacility,
) -> Result<FacilitySummary, ServiceError> {
    require(actor, Operation::ManageNetworks)?;
    let tx = state.db.write().await?;
    let created = create_facility(&*tx, state.clock.now(), actor, channel, input).await?;
    tx.commit().await?;
    tracing::info!(facility = %created.code, kind = %created.kind, "facility created");
    Ok(created)
}

/// The work of [`add_facility`] inside the caller's transaction.
pub(crate) async fn create_facility(
    tx: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    channel: Channel,
    input: NewFacility,
) -> Result<FacilitySummary, ServiceError> {
    let mut errors = Vec::new();
    let mut network_ids = Vec::with_capacity(input.networks.len());
    for code in &input.networks {
        match repo::find_network(tx, code.as_str()).await? {
            Some(n) => network_ids.push(n.id),
            None => errors.push(FieldError::new("networks", FieldErrorCode::NotFound)),
        }
    }
    if repo::find_facility(tx, input.code.as_str()).await?.is_some() {
        errors.push(FieldError::new("code", FieldErrorCode::AlreadyExists));
    }
    if !errors.is_empty() {
        return Err(Invalid(errors).into());
    }
    let id = Uuid::now_v7();
    repo::insert_facility(tx, id, &input, &network_ids, now).await?;
    let networks: Vec<String> = input.networks.iter().map(ToString::to_string).collect();
    let mut entry = AuditEntry::new(actor, AuditAction::FacilityCreated, channel)
        .subject(SubjectKind::Facility, id)
        .facility(id)
        .request_id(context::request_id())
        .detail(json!({ "code": input.code.as_str(), "kind": input.kind.as_str(), "networks": networks }));
    if let [only] = network_ids[..] {
        entry = entry.network(only);
    }
    audit::append(tx, entry, now).await?;
    Ok(FacilitySummary {
        id,
        code: input.code.to_string(),
        name: input.name,
        name_en: input.name_en,
        kind: input.kind,
        demo: input.demo,
        networks,
    })
}

/// A network's table: every role, its parts, and whether the network chose them.
pub async fn role_parts(state: &AppState, actor: &Actor, network: &str) -> Result<Vec<RoleParts>, ServiceError> {
    require(actor, Operation::ManageNetworks)?;
    let db = state.db.reader();
    let net = repo::find_network(db, network).await?.ok_or(ServiceError::NotFound)?;
    role_table(db, net.id).await
}

/// Sets the parts one role sees at a network's facilities (`parts`), or
/// puts it back to the default (`None`); recorded in the audit log with what
/// it was before. The network's whole table after the change.
pub async fn set_role_parts(
    state: &AppState,
    actor: &Actor,
    network: &str,
    role: &str,
    parts: Option<&str>,
) -> Result<Vec<RoleParts>, ServiceError> {
    require(actor, Operation::ManageNetworks)?;
    let role = Role::parse(role).map_err(|c| Invalid::one("role", c))?;
    let parts = parts.map(|p| looking::parse_role_parts(role, p).map_err(|c| Invalid::one("parts", c))).transpose()?;
    let now = state.clock.now();
    let tx = state.db.write().await?;
    let net = repo::find_network(&*tx, network).await?.ok_or(ServiceError::NotFound)?;
    let before =
        role_table(&*tx, net.id).await?.into_iter().find(|r| r.role == role).map(|r| r.parts).unwrap_or_default();
    let by = actor.audit_id().unwrap_or_default();
    match parts {
        Some(parts) => {
            let row = crate::store::entity::network_role_parts::Model {
                network_id: net.id,
                role: role.as_str().to_owned(),
                parts: looking::parts_text(parts),
                changed_at: now,
                changed_by: by,
            };
            crate::store::looking::set_role_parts(&*tx, row).await?;
        }
        None => {
            crate::store::looking::reset_role_parts(&*tx, net.id, role.as_str()).await?;
        }
    }
    let after = role_table(&*tx, net.id).await?;
    let now_parts = after.iter().find(|r| r.role == role).map(|r| r.parts).unwrap_or_default();
    audit::append(
        &*tx,
        AuditEntry::new(actor, AuditAction::NetworkRolePartsChanged, Channel::Cli)
            .subject(SubjectKind::Network, net.id)
            .network(net.id)
            .request_id(context::request_id())
            .detail(json!({
                "role": role.as_str(),
                "before": looking::parts_text(before),
                "after": looking::parts_text(now_parts),
                "default": parts.is_none(),
            })),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}
