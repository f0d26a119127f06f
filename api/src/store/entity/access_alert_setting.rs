use sea_orm::entity::prelude::*;

/// Whether a person's manage-level proxies are mailed when a facility looks
/// at the person's record (absent: they are).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "access_alert_setting")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub resident_id: Uuid,
    pub to_proxies: bool,
    pub changed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
