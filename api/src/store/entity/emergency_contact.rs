use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "emergency_contact")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub resident_id: Uuid,
    pub name: String,
    pub relationship: Option<String>,
    pub phone: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
