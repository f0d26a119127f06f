use sea_orm::entity::prelude::*;

/// A member of a facility's staff, with one role.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub facility_id: Uuid,
    pub name: String,
    /// `domain::staff::Role`.
    pub role: String,
    pub created_at: DateTimeUtc,
    /// The operator who invited them.
    pub created_by: String,
    pub disabled_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
