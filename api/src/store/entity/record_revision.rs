use sea_orm::entity::prelude::*;

/// An earlier version of a medication or allergy record, kept when its
/// facility sent a correction.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "record_revision")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub resident_id: Uuid,
    /// `medication` or `allergy`.
    pub record_type: String,
    pub record_id: Uuid,
    /// The facility whose correction replaced it.
    pub facility_id: Uuid,
    /// The record as it was (JSON).
    pub content: String,
    pub replaced_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
