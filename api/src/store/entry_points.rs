//! Entry points (the QR codes that start a registration).

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::StoreError;
use super::entity::entry_point::{self, Column};

pub struct NewEntryPoint<'a> {
    pub id: Uuid,
    pub code: &'a str,
    pub network_id: Uuid,
    pub facility_id: Option<Uuid>,
    pub label: &'a str,
}

pub async fn insert(db: &impl ConnectionTrait, e: NewEntryPoint<'_>, now: DateTime<Utc>) -> Result<(), StoreError> {
    let row = entry_point::ActiveModel {
        id: Set(e.id),
        code: Set(e.code.to_owned()),
        network_id: Set(e.network_id),
        facility_id: Set(e.facility_id),
        label: Set(e.label.to_owned()),
        created_at: Set(now),
        disabled_at: Set(None),
    };
    entry_point::Entity::insert(row).exec(db).await.map_err(StoreError::from_insert)?;
    Ok(())
}

pub async fn find_by_id(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<entry_point::Model>, StoreError> {
    Ok(entry_point::Entity::find_by_id(id).one(db).await?)
}

pub async fn find_by_code(db: &impl ConnectionTrait, code: &str) -> Result<Option<entry_point::Model>, StoreError> {
    Ok(entry_point::Entity::find().filter(Column::Code.eq(code)).one(db).await?)
}

/// Newest first, optionally only those of one network.
pub async fn list(db: &impl ConnectionTrait, network_id: Option<Uuid>) -> Result<Vec<entry_point::Model>, StoreError> {
    let mut q = entry_point::Entity::find();
    if let Some(n) = network_id {
        q = q.filter(Column::NetworkId.eq(n));
    }
    Ok(q.order_by_desc(Column::CreatedAt).order_by_desc(Column::Id).all(db).await?)
}

/// Returns false when it was disabled already.
pub async fn disable(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let res = entry_point::Entity::update_many()
        .col_expr(Column::DisabledAt, sea_orm::sea_query::Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::DisabledAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
