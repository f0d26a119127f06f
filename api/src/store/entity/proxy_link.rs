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
    /// When the link was confirmed (last renewed); none until it is
    /// (`domain::proxy::Standing`).
    pub confirmed_at: Option<DateTimeUtc>,
    /// person, staff or operator.
    pub confirmed_by_kind: Option<String>,
    /// The staff member's id, or the operator's name.
    pub confirmed_by_id: Option<String>,
    /// `domain::proxy::Basis`.
    pub basis: Option<String>,
    /// From this day the link pauses until it is renewed.
    pub review_on: Option<Date>,
    /// The review date both people were last mailed about.
    pub review_notice_for: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
