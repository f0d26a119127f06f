use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resident_insurance")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub resident_id: Uuid,
    pub document: String,
    pub insurer_number: String,
    pub symbol: String,
    pub number: String,
    pub branch: Option<String>,
    pub created_at: DateTimeUtc,
    /// The first day it is valid; none for an insurance given at registration
    /// (valid from before then).
    pub valid_from: Option<Date>,
    /// The last day it was valid; none while it is the person's insurance.
    pub valid_to: Option<Date>,
    /// Who added it after registration: `resident`, `proxy` or `staff`.
    pub added_by_kind: Option<String>,
    /// The proxy's resident id or the staff member's id.
    pub added_by_id: Option<String>,
    /// The facility whose desk added it.
    pub added_at_facility: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
