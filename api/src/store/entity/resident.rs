use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resident")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub registration_number: String,
    pub name: String,
    pub name_kana: String,
    /// The kana name reduced for matching (see `domain::person::kana_match_key`).
    pub kana_key: String,
    pub birth_date: Date,
    pub sex: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub email_verified_at: Option<DateTimeUtc>,
    pub entry_point_id: Option<Uuid>,
    pub channel: String,
    pub created_at: DateTimeUtc,
    /// From a paper form (online registration does not ask).
    pub address: Option<String>,
    /// 介護保険 被保険者番号, from a paper form.
    pub care_insurance_number: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
