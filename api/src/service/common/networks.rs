//! Networks and their facilities as use cases show them, and a network
//! named by an operator.

use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::domain::facility::FacilityKind;
use crate::domain::network::NetworkCode;
use crate::domain::{FieldErrorCode, Invalid};
use crate::service::ServiceError;
use crate::state::AppState;
use crate::store::entity::{facility, network};
use crate::store::networks as repo;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkSummary {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub name_en: Option<String>,
    pub demo: bool,
    pub facility_count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacilitySummary {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub name_en: Option<String>,
    pub kind: FacilityKind,
    pub demo: bool,
    pub networks: Vec<String>,
}

pub(crate) fn summary(n: network::Model, facility_count: u64) -> NetworkSummary {
    NetworkSummary { id: n.id, code: n.code, name: n.name, name_en: n.name_en, demo: n.demo, facility_count }
}

pub(crate) fn facility_summary(f: facility::Model, networks: Vec<String>) -> Result<FacilitySummary, ServiceError> {
    let kind = f
        .kind
        .parse::<FacilityKind>()
        .map_err(|_| ServiceError::Internal(format!("facility {} has an unknown kind in storage", f.id)))?;
    Ok(FacilitySummary { id: f.id, code: f.code, name: f.name, name_en: f.name_en, kind, demo: f.demo, networks })
}

/// A network found already, with its facilities.
pub(crate) async fn detail_of(
    state: &AppState,
    n: crate::store::entity::network::Model,
) -> Result<(NetworkSummary, Vec<FacilitySummary>), ServiceError> {
    let facilities = repo::list_facilities(state.db.reader(), Some(n.id))
        .await?
        .into_iter()
        .map(|(f, nets)| facility_summary(f, nets))
        .collect::<Result<Vec<_>, _>>()?;
    let count = facilities.len() as u64;
    Ok((summary(n, count), facilities))
}

/// The network an operator named in `field`, or a field error saying why not.
pub async fn network_named(
    db: &impl ConnectionTrait,
    field: &'static str,
    code: &str,
) -> Result<crate::store::entity::network::Model, ServiceError> {
    let code = NetworkCode::parse(code).map_err(|c| Invalid::one(field, c))?;
    Ok(repo::find_network(db, code.as_str()).await?.ok_or_else(|| Invalid::one(field, FieldErrorCode::NotFound))?)
}

/// One profession's parts of the record at a network's facilities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleParts {
    pub role: crate::domain::staff::Role,
    pub parts: crate::domain::looking::Parts,
    /// Who set it and when; `None`: the default (`domain::looking::default_parts`).
    pub set: Option<(String, chrono::DateTime<chrono::Utc>)>,
}

/// A network's table: every role, its parts, and whether the network chose them.
pub(crate) async fn role_table(
    db: &impl sea_orm::ConnectionTrait,
    network_id: uuid::Uuid,
) -> Result<Vec<RoleParts>, crate::service::ServiceError> {
    use crate::domain::looking;
    let chosen = crate::store::looking::role_parts_of(db, network_id).await?;
    Ok(crate::domain::staff::Role::ALL
        .into_iter()
        .map(|role| match chosen.iter().find(|c| c.role == role.as_str()) {
            Some(c) => RoleParts {
                role,
                parts: looking::parts_from_text(&c.parts),
                set: Some((c.changed_by.clone(), c.changed_at)),
            },
            None => RoleParts { role, parts: looking::default_parts(role), set: None },
        })
        .collect())
}

/// The parts of a person's record `role` sees at a network's facilities:
/// the network's own choice, else the default.
pub(crate) async fn role_parts(
    db: &impl sea_orm::ConnectionTrait,
    network_id: uuid::Uuid,
    role: crate::domain::staff::Role,
) -> Result<crate::domain::looking::Parts, crate::service::ServiceError> {
    let table = role_table(db, network_id).await?;
    Ok(table.into_iter().find(|r| r.role == role).map_or(crate::domain::looking::Parts::NONE, |r| r.parts))
}
