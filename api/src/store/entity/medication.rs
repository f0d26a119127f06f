use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "medication")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub resident_id: Uuid,
    /// The consent under which it was accepted.
    pub consent_id: Uuid,
    /// The facility whose system sent it.
    pub facility_id: Uuid,
    /// fhir or jahis.
    pub source: String,
    /// request, dispense or statement.
    pub kind: String,
    /// The sender's identifier (`system|value`); unique per facility and kind.
    pub identifier: String,
    pub status: String,
    pub code_system: Option<String>,
    pub code: Option<String>,
    pub name: String,
    pub dosage: Option<String>,
    pub quantity: Option<String>,
    /// The day in Japan.
    pub dated_on: Date,
    /// The instant, when the sender gave a time.
    pub dated_at: Option<DateTimeUtc>,
    pub days: Option<i32>,
    pub prescriber: Option<String>,
    pub dispenser: Option<String>,
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
