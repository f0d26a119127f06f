use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consent_document")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub network_id: Uuid,
    /// 1, 2, 3, … per network.
    pub version: i32,
    pub title_ja: String,
    pub title_en: String,
    #[sea_orm(column_type = "Text")]
    pub summary_ja: String,
    #[sea_orm(column_type = "Text")]
    pub summary_en: String,
    #[sea_orm(column_type = "Text")]
    pub body_ja: String,
    #[sea_orm(column_type = "Text")]
    pub body_en: String,
    pub effective_at: DateTimeUtc,
    pub requires_reconsent: bool,
    pub published_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
