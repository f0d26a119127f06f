use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "network_facility")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub network_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub facility_id: Uuid,
    pub joined_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::network::Entity", from = "Column::NetworkId", to = "super::network::Column::Id")]
    Network,
    #[sea_orm(belongs_to = "super::facility::Entity", from = "Column::FacilityId", to = "super::facility::Column::Id")]
    Facility,
}

impl Related<super::network::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Network.def()
    }
}

impl Related<super::facility::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Facility.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
