use sea_orm::entity::prelude::*;

/// A person agreeing to a newer version of a network's consent document
/// while their consent stays in force.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consent_renewal")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub consent_id: Uuid,
    pub document_id: Uuid,
    pub version: i32,
    pub agreed_at: DateTimeUtc,
    pub by_kind: String,
    pub by_id: Option<Uuid>,
    pub channel: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
