use sea_orm::entity::prelude::*;

/// A facility may look at a resident's shared record because of this
/// (`domain::looking::Basis`), until the person ends it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "care_relationship")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub facility_id: Uuid,
    pub resident_id: Uuid,
    pub basis: String,
    pub started_at: DateTimeUtc,
    /// Who made it: the intake, a staff member, or the person.
    pub started_by: String,
    pub ended_at: Option<DateTimeUtc>,
    pub ended_by: Option<String>,
    /// When a staff member of the facility first looked under it (the
    /// person is mailed then).
    pub first_viewed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
