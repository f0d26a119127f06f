use sea_orm::entity::prelude::*;

/// A record combined into another (`into_id`) by the network office: its
/// registration number still finds the person, and the audit log's entries
/// about it are still theirs.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person_alias")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub retired_id: Uuid,
    pub retired_number: String,
    pub into_id: Uuid,
    pub merged_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
