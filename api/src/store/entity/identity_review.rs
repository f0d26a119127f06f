use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "identity_review")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// What the network office is asked to look at: `near_match` (a new
    /// record resembling others), `repeat_registration` and the like (someone
    /// registering a person registered already), `insurance_conflict` (a new
    /// insurance naming a card another person holds; `candidates` are the
    /// holders), `proxy_confirmation_referred` (a person who signed in through
    /// the mail their proxy's registration sent asked to confirm that proxy;
    /// `candidates` is the proxy).
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
