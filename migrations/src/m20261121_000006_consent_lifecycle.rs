//! Consent for life: who withdrew a consent and through which channel, the
//! facility and form serial of a consent given on paper, at most one consent
//! in force per person and network, re-consents to newer document versions,
//! and residents' correction requests to the network office.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, postgres};

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

/// One consent in force per person and network: a partial unique index, which
/// SQLite and PostgreSQL both write the same way.
const CURRENT_INDEX: &str =
    "CREATE UNIQUE INDEX ux_consent_current ON consent (resident_id, network_id) WHERE withdrawn_at IS NULL";

/// The audit log stays append-only, with one exception: an entry may be
/// reduced (its structured detail and request id set to null, nothing else
/// changed) when the person it concerns has their medical data erased.
const AUDIT_REDUCIBLE_SQLITE: &str = "
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (NEW.detail IS NULL AND NEW.request_id IS NULL
  AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor_kind IS OLD.actor_kind
  AND NEW.actor_id IS OLD.actor_id AND NEW.on_behalf_of IS OLD.on_behalf_of AND NEW.action IS OLD.action
  AND NEW.subject_kind IS OLD.subject_kind AND NEW.subject_id IS OLD.subject_id
  AND NEW.network_id IS OLD.network_id AND NEW.facility_id IS OLD.facility_id AND NEW.channel IS OLD.channel)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;";

const AUDIT_REDUCIBLE_POSTGRES: &str = "
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.detail IS NULL AND NEW.request_id IS NULL
     AND (NEW.id, NEW.at, NEW.actor_kind, NEW.actor_id, NEW.on_behalf_of, NEW.action, NEW.subject_kind,
          NEW.subject_id, NEW.network_id, NEW.facility_id, NEW.channel)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.actor_kind, OLD.actor_id, OLD.on_behalf_of, OLD.action, OLD.subject_kind,
          OLD.subject_id, OLD.network_id, OLD.facility_id, OLD.channel)
  THEN RETURN NEW; END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END $$;";

const AUDIT_APPEND_ONLY_SQLITE: &str = "
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;";

const AUDIT_APPEND_ONLY_POSTGRES: &str = "
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;";

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
        let reducible = if postgres(manager) { AUDIT_REDUCIBLE_POSTGRES } else { AUDIT_REDUCIBLE_SQLITE };
        manager.get_connection().execute_unprepared(reducible).await?;

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
        let strict = if postgres(manager) { AUDIT_APPEND_ONLY_POSTGRES } else { AUDIT_APPEND_ONLY_SQLITE };
        manager.get_connection().execute_unprepared(strict).await?;
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
