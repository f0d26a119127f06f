//! Consent documents, versioned per network.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::StoreError;
use super::entity::consent_document::{self, Column, Model};

pub async fn insert(db: &impl ConnectionTrait, m: Model) -> Result<(), StoreError> {
    let row = consent_document::ActiveModel {
        id: Set(m.id),
        network_id: Set(m.network_id),
        version: Set(m.version),
        title_ja: Set(m.title_ja),
        title_en: Set(m.title_en),
        summary_ja: Set(m.summary_ja),
        summary_en: Set(m.summary_en),
        body_ja: Set(m.body_ja),
        body_en: Set(m.body_en),
        effective_at: Set(m.effective_at),
        requires_reconsent: Set(m.requires_reconsent),
        published_at: Set(m.published_at),
    };
    consent_document::Entity::insert(row).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}

/// Every version of a network's document, newest first.
pub async fn versions(db: &impl ConnectionTrait, network_id: Uuid) -> Result<Vec<Model>, StoreError> {
    Ok(consent_document::Entity::find()
        .filter(Column::NetworkId.eq(network_id))
        .order_by_desc(Column::Version)
        .all(db)
        .await?)
}

/// The version in force at `now`: the newest one whose effective time has come.
pub async fn current(
    db: &impl ConnectionTrait,
    network_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<Model>, StoreError> {
    Ok(consent_document::Entity::find()
        .filter(Column::NetworkId.eq(network_id))
        .filter(Column::EffectiveAt.lte(now))
        .order_by_desc(Column::Version)
        .one(db)
        .await?)
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Model>, StoreError> {
    Ok(consent_document::Entity::find_by_id(id).one(db).await?)
}
