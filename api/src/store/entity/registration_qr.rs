use sea_orm::entity::prelude::*;

/// The secret in a person's registration QR (`domain::looking::PersonQr`):
/// showing it to a facility lets that facility look. A new one replaces it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registration_qr")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub resident_id: Uuid,
    pub secret: String,
    pub issued_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
