use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consent")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub resident_id: Uuid,
    pub network_id: Uuid,
    /// The exact consent document shown.
    pub document_id: Uuid,
    pub version: i32,
    pub given_at: DateTimeUtc,
    /// resident, proxy or staff.
    pub given_by_kind: String,
    pub given_by_id: Option<Uuid>,
    pub channel: String,
    pub entry_point_id: Option<Uuid>,
    pub withdrawn_at: Option<DateTimeUtc>,
    pub withdrawn_by_kind: Option<String>,
    pub withdrawn_by_id: Option<Uuid>,
    pub withdrawn_channel: Option<String>,
    /// Given on a paper form: the facility that took it, and the form's serial.
    pub facility_id: Option<Uuid>,
    pub form_serial: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
