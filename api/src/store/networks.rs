//! Networks, facilities and which facility belongs to which network.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::StoreError;
use super::entity::{facility, network, network_facility};
use crate::domain::facility::NewFacility;
use crate::domain::network::NewNetwork;

pub async fn insert_network(
    db: &impl ConnectionTrait,
    id: Uuid,
    n: &NewNetwork,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let row = network::ActiveModel {
        id: Set(id),
        code: Set(n.code.as_str().to_owned()),
        name: Set(n.name.clone()),
        name_en: Set(n.name_en.clone()),
        demo: Set(n.demo),
        created_at: Set(now),
    };
    network::Entity::insert(row).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}

pub async fn find_network_by_name(db: &impl ConnectionTrait, name: &str) -> Result<Option<network::Model>, StoreError> {
    Ok(network::Entity::find().filter(network::Column::Name.eq(name)).one(db).await?)
}

pub async fn find_network(db: &impl ConnectionTrait, code: &str) -> Result<Option<network::Model>, StoreError> {
    Ok(network::Entity::find().filter(network::Column::Code.eq(code)).one(db).await?)
}

pub async fn list_networks(db: &impl ConnectionTrait) -> Result<Vec<network::Model>, StoreError> {
    Ok(network::Entity::find().order_by_asc(network::Column::Code).all(db).await?)
}

/// How many facilities each network has, by network id.
pub async fn facility_counts(db: &impl ConnectionTrait) -> Result<HashMap<Uuid, u64>, StoreError> {
    let links = network_facility::Entity::find().all(db).await?;
    let mut counts = HashMap::new();
    for l in links {
        *counts.entry(l.network_id).or_insert(0) += 1;
    }
    Ok(counts)
}

pub async fn insert_facility(
    db: &impl ConnectionTrait,
    id: Uuid,
    f: &NewFacility,
    network_ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let row = facility::ActiveModel {
        id: Set(id),
        code: Set(f.code.as_str().to_owned()),
        name: Set(f.name.clone()),
        name_en: Set(f.name_en.clone()),
        kind: Set(f.kind.as_str().to_owned()),
        demo: Set(f.demo),
        created_at: Set(now),
    };
    facility::Entity::insert(row).exec(db).await.map_err(StoreError::from_insert)?;
    for network_id in network_ids {
        let link =
            network_facility::ActiveModel { network_id: Set(*network_id), facility_id: Set(id), joined_at: Set(now) };
        network_facility::Entity::insert(link).exec(db).await.map_err(StoreError::from_insert)?;
    }
    Ok(())
}

pub async fn network_by_id(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<network::Model>, StoreError> {
    Ok(network::Entity::find_by_id(id).one(db).await?)
}

/// Whether the facility participates in the network.
pub async fn is_member(db: &impl ConnectionTrait, network_id: Uuid, facility_id: Uuid) -> Result<bool, StoreError> {
    Ok(network_facility::Entity::find_by_id((network_id, facility_id)).one(db).await?.is_some())
}

pub async fn find_facility(db: &impl ConnectionTrait, code: &str) -> Result<Option<facility::Model>, StoreError> {
    Ok(facility::Entity::find().filter(facility::Column::Code.eq(code)).one(db).await?)
}

/// Facilities (optionally only those of one network), each with the codes of
/// the networks it belongs to, ordered by facility code.
pub async fn list_facilities(
    db: &impl ConnectionTrait,
    only_network: Option<Uuid>,
) -> Result<Vec<(facility::Model, Vec<String>)>, StoreError> {
    let networks: HashMap<Uuid, String> =
        network::Entity::find().all(db).await?.into_iter().map(|n| (n.id, n.code)).collect();
    let links = network_facility::Entity::find().all(db).await?;
    let mut by_facility: HashMap<Uuid, Vec<(Uuid, String)>> = HashMap::new();
    for l in links {
        if let Some(code) = networks.get(&l.network_id) {
            by_facility.entry(l.facility_id).or_default().push((l.network_id, code.clone()));
        }
    }
    let facilities = facility::Entity::find().order_by_asc(facility::Column::Code).all(db).await?;
    Ok(facilities
        .into_iter()
        .filter_map(|f| {
            let mut nets = by_facility.remove(&f.id).unwrap_or_default();
            if let Some(only) = only_network
                && !nets.iter().any(|(id, _)| *id == only)
            {
                return None;
            }
            nets.sort_by(|a, b| a.1.cmp(&b.1));
            Some((f, nets.into_iter().map(|(_, code)| code).collect()))
        })
        .collect())
}
