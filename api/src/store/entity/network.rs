use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "network")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub name_en: Option<String>,
    pub demo: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::network_facility::Entity")]
    NetworkFacility,
}

impl Related<super::network_facility::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::NetworkFacility.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
