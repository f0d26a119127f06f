use sea_orm::entity::prelude::*;

/// A staff member opened a resident's record without a care relationship,
/// for a stated reason, until `until`; the network office reviews it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "emergency_access")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub facility_id: Uuid,
    pub staff_id: Uuid,
    pub resident_id: Uuid,
    pub reason: String,
    pub note: Option<String>,
    pub opened_at: DateTimeUtc,
    pub until: DateTimeUtc,
    pub review_outcome: Option<String>,
    pub review_note: Option<String>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub reviewed_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
