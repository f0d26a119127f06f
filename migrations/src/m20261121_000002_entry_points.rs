//! Entry points: the QR codes on posters and leaflets that start a registration.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EntryPoint {
    Table,
    Id,
    Code,
    NetworkId,
    FacilityId,
    Label,
    CreatedAt,
    DisabledAt,
}

#[derive(DeriveIden)]
enum Network {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Facility {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EntryPoint::Table)
                    .col(uuid(EntryPoint::Id).primary_key())
                    .col(string_len_uniq(EntryPoint::Code, 16))
                    .col(uuid(EntryPoint::NetworkId))
                    .col(uuid_null(EntryPoint::FacilityId))
                    .col(string_len(EntryPoint::Label, 400))
                    .col(timestamp_with_time_zone(EntryPoint::CreatedAt))
                    .col(timestamp_with_time_zone_null(EntryPoint::DisabledAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_entry_point_network")
                            .from(EntryPoint::Table, EntryPoint::NetworkId)
                            .to(Network::Table, Network::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_entry_point_facility")
                            .from(EntryPoint::Table, EntryPoint::FacilityId)
                            .to(Facility::Table, Facility::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_entry_point_network")
                    .table(EntryPoint::Table)
                    .col(EntryPoint::NetworkId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(EntryPoint::Table).to_owned()).await
    }
}
