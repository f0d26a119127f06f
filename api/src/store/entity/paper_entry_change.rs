use sea_orm::entity::prelude::*;

/// A correction of a paper entry: who changed which fields, when.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "paper_entry_change")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub entry_id: Uuid,
    pub staff_id: Uuid,
    pub at: DateTimeUtc,
    /// The API names of the fields changed, as a JSON array.
    #[sea_orm(column_type = "Text")]
    pub fields: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
