use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "allergy")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub resident_id: Uuid,
    pub consent_id: Uuid,
    pub facility_id: Uuid,
    pub source: String,
    pub identifier: String,
    pub category: Option<String>,
    pub criticality: Option<String>,
    /// active, inactive or void.
    pub status: String,
    pub drug_code_system: Option<String>,
    pub drug_code: Option<String>,
    pub allergen_system: Option<String>,
    pub allergen_code: Option<String>,
    pub text: String,
    pub dated_on: Date,
    pub dated_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// What the sender wrote that the columns above do not keep (identifiers,
    /// every coding, …): JSON of `domain::medication::Detail`.
    pub detail: Option<String>,
    /// `facility` (the sender's own data) or `patient` (handed in from the
    /// patient's own app: JAHIS output kind 2).
    pub origin: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
