use sea_orm::entity::prelude::*;

/// One link of the audit log's hash chain (`domain::audit_chain`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_chain")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub entry_id: Uuid,
    pub seq: i64,
    pub prev_hash: String,
    pub hash: String,
    pub detail_digest: Option<String>,
    pub request_digest: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
