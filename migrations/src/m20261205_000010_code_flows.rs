//! A mailed sign-in code belongs to the browser that asked for it: the
//! request answers with a flow token, and only that token's code can be
//! tried with it. A request by someone else makes a code of its own and
//! leaves the owner's code, and its tries, untouched.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmailCode {
    Table,
    FlowHash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(EmailCode::Table).add_column(string_len_null(EmailCode::FlowHash, 64)).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(EmailCode::Table).drop_column(EmailCode::FlowHash).to_owned()).await
    }
}
