use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registration")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// SHA-256 of the key the client generated; the key authenticates the flow.
    pub key_hash: String,
    pub entry_point_id: Uuid,
    pub network_id: Uuid,
    /// The consent document agreed to.
    pub document_id: Uuid,
    /// The details as entered (JSON); emptied when the registration ends.
    #[sea_orm(column_type = "Text", nullable)]
    pub details: Option<String>,
    /// The id the resident will have (the WebAuthn user handle).
    pub resident_id: Uuid,
    pub registration_number: String,
    pub email_verified_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub completed_at: Option<DateTimeUtc>,
    pub outcome: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
