use sea_orm::entity::prelude::*;

/// One person acting for another: who (`proxy_id`), for whom (`subject_id`),
/// at which level, and since when; revoked links are kept as history.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proxy_link")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub proxy_id: Uuid,
    pub subject_id: Uuid,
    /// The proxy's relationship to the person (`domain::proxy::Relationship`).
    pub relationship: String,
    /// view or manage.
    pub level: String,
    /// registration (the proxy registered the person) or invitation.
    pub via: String,
    pub reason: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason_note: Option<String>,
    pub attestation: Option<String>,
    pub created_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    /// person, proxy or operator.
    pub revoked_by_kind: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
