use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "entry_point")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `domain::public_id::PublicId`, without separators.
    #[sea_orm(unique)]
    pub code: String,
    pub network_id: Uuid,
    pub facility_id: Option<Uuid>,
    /// For the network office only ("waiting-room poster", "leaflet 2027").
    pub label: String,
    pub created_at: DateTimeUtc,
    pub disabled_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
