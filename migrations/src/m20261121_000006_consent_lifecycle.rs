//! Consent for life: who withdrew a consent and through which channel, the
//! facility and form serial of a consent given on paper, at most one consent
//! in force per person and network, re-consents to newer document versions,
//! and residents' correction requests to the network office.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Consent {
    Table,
    Id,
    WithdrawnByKind,
    WithdrawnById,
    WithdrawnChannel,
    FacilityId,
    FormSerial,
}

#[derive(DeriveIden)]
enum ConsentRenewal {
    Table,
    Id,
    ConsentId,
    DocumentId,
    Version,
    AgreedAt,
    ByKind,
    ById,
    Channel,
}

#[derive(DeriveIden)]
enum CorrectionRequest {
    Table,
    Id,
    ResidentId,
    Text,
    CreatedAt,
    Status,
    Answer,
    AnsweredAt,
    AnsweredBy,
}

#[derive(DeriveIden)]
enum Resident {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ConsentDocument {
    Table,
    Id,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Restrict).to_owned()
}

/// One consent in force per person and network: a partial unique index, which
/// SQLite and PostgreSQL both write the same way.
const CURRENT_INDEX: &str =
    "CREATE UNIQUE INDEX ux_consent_current ON consent (resident_id, network_id) WHERE withdrawn_at IS NULL";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let added = [
            string_len_null(Consent::WithdrawnByKind, 32),
            uuid_null(Consent::WithdrawnById),
            string_len_null(Consent::WithdrawnChannel, 16),
            uuid_null(Consent::FacilityId),
            string_len_null(Consent::FormSerial, 40),
        ];
        for mut col in added {
            manager.alter_table(Table::alter().table(Consent::Table).add_column(&mut col).to_owned()).await?;
        }
        manager.get_connection().execute_unprepared(CURRENT_INDEX).await?;

        manager
            .create_table(
                Table::create()
                    .table(ConsentRenewal::Table)
                    .col(uuid(ConsentRenewal::Id).primary_key())
                    .col(uuid(ConsentRenewal::ConsentId))
                    .col(uuid(ConsentRenewal::DocumentId))
                    .col(integer(ConsentRenewal::Version))
                    .col(timestamp_with_time_zone(ConsentRenewal::AgreedAt))
                    .col(string_len(ConsentRenewal::ByKind, 32))
                    .col(uuid_null(ConsentRenewal::ById))
                    .col(string_len(ConsentRenewal::Channel, 16))
                    .foreign_key(&mut fk(
                        "fk_consent_renewal_consent",
                        (ConsentRenewal::Table, ConsentRenewal::ConsentId),
                        (Consent::Table, Consent::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_consent_renewal_document",
                        (ConsentRenewal::Table, ConsentRenewal::DocumentId),
                        (ConsentDocument::Table, ConsentDocument::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_consent_renewal_version")
                    .table(ConsentRenewal::Table)
                    .col(ConsentRenewal::ConsentId)
                    .col(ConsentRenewal::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CorrectionRequest::Table)
                    .col(uuid(CorrectionRequest::Id).primary_key())
                    .col(uuid(CorrectionRequest::ResidentId))
                    .col(text(CorrectionRequest::Text))
                    .col(timestamp_with_time_zone(CorrectionRequest::CreatedAt))
                    .col(string_len(CorrectionRequest::Status, 16))
                    .col(text_null(CorrectionRequest::Answer))
                    .col(timestamp_with_time_zone_null(CorrectionRequest::AnsweredAt))
                    .col(string_len_null(CorrectionRequest::AnsweredBy, 200))
                    .foreign_key(&mut fk(
                        "fk_correction_request_resident",
                        (CorrectionRequest::Table, CorrectionRequest::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_correction_request_resident")
                    .table(CorrectionRequest::Table)
                    .col(CorrectionRequest::ResidentId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CorrectionRequest::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ConsentRenewal::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name("ux_consent_current").table(Consent::Table).to_owned()).await?;
        for col in [
            Consent::FormSerial,
            Consent::FacilityId,
            Consent::WithdrawnChannel,
            Consent::WithdrawnById,
            Consent::WithdrawnByKind,
        ] {
            manager.alter_table(Table::alter().table(Consent::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
