use sea_orm::entity::prelude::*;

/// A medication or allergy record its person has hidden from their proxies.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hidden_record")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub record_id: Uuid,
    pub resident_id: Uuid,
    /// medication or allergy.
    pub record_kind: String,
    pub hidden_at: DateTimeUtc,
    /// The facility it came from (kept when the record is erased).
    pub facility_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
