//! Consent documents: per network, versioned, in Japanese with an English
//! translation. Every consent a person gives points to the exact version shown.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ConsentDocument {
    Table,
    Id,
    NetworkId,
    Version,
    TitleJa,
    TitleEn,
    SummaryJa,
    SummaryEn,
    BodyJa,
    BodyEn,
    EffectiveAt,
    RequiresReconsent,
    PublishedAt,
}

#[derive(DeriveIden)]
enum Network {
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
                    .table(ConsentDocument::Table)
                    .col(uuid(ConsentDocument::Id).primary_key())
                    .col(uuid(ConsentDocument::NetworkId))
                    .col(integer(ConsentDocument::Version))
                    .col(string_len(ConsentDocument::TitleJa, 400))
                    .col(string_len(ConsentDocument::TitleEn, 400))
                    .col(text(ConsentDocument::SummaryJa))
                    .col(text(ConsentDocument::SummaryEn))
                    .col(text(ConsentDocument::BodyJa))
                    .col(text(ConsentDocument::BodyEn))
                    .col(timestamp_with_time_zone(ConsentDocument::EffectiveAt))
                    .col(boolean(ConsentDocument::RequiresReconsent))
                    .col(timestamp_with_time_zone(ConsentDocument::PublishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_consent_document_network")
                            .from(ConsentDocument::Table, ConsentDocument::NetworkId)
                            .to(Network::Table, Network::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_consent_document_version")
                    .table(ConsentDocument::Table)
                    .col(ConsentDocument::NetworkId)
                    .col(ConsentDocument::Version)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ConsentDocument::Table).to_owned()).await
    }
}
