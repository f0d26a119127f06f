use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "identity_review")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// near_match or repeat_registration.
    pub kind: String,
    pub resident_id: Option<Uuid>,
    pub registration_id: Option<Uuid>,
    /// JSON array of the ids of the residents this one resembles.
    #[sea_orm(column_type = "Text")]
    pub candidates: String,
    pub created_at: DateTimeUtc,
    pub resolved_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
