use sea_orm::entity::prelude::*;

/// A paper form entered by reception: a registration or a withdrawal.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "paper_entry")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub facility_id: Uuid,
    pub staff_id: Uuid,
    /// registration or withdrawal.
    pub kind: String,
    pub form_serial: String,
    pub signed_on: Date,
    pub resident_id: Uuid,
    pub network_id: Uuid,
    pub consent_id: Option<Uuid>,
    /// The family member or guardian named on the form, when they signed for the person.
    pub proxy_name: Option<String>,
    pub proxy_relationship: Option<String>,
    pub proxy_reason: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
