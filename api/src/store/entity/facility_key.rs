use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "facility_key")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub facility_id: Uuid,
    /// The key's first characters, shown in lists to tell keys apart.
    pub prefix: String,
    /// SHA-256 of the whole key (hex); the key itself is shown once and never stored.
    pub key_hash: String,
    pub label: String,
    pub created_at: DateTimeUtc,
    pub created_by: String,
    pub revoked_at: Option<DateTimeUtc>,
    pub last_used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
