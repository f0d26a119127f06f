//! What a person holds and chooses about facilities looking at their record:
//! the secret in their registration QR (shown on `/me` and their emergency
//! card; showing it to a facility starts a care relationship), whether
//! their manage-level proxies are mailed when a facility looks, and when a
//! facility first looked under a relationship (the first look is mailed);
//! the facility a hidden record came from (kept past erasure); and an index
//! for counting looks by kind over time (unusual use).

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RegistrationQr {
    Table,
    ResidentId,
    Secret,
    IssuedAt,
}

#[derive(DeriveIden)]
enum AccessAlertSetting {
    Table,
    ResidentId,
    ToProxies,
    ChangedAt,
}

#[derive(DeriveIden)]
enum CareRelationship {
    Table,
    FirstViewedAt,
}

#[derive(DeriveIden)]
enum HiddenRecord {
    Table,
    FacilityId,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
}

#[derive(DeriveIden)]
enum Resident {
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
                    .table(RegistrationQr::Table)
                    .col(uuid(RegistrationQr::ResidentId).primary_key())
                    .col(string_len(RegistrationQr::Secret, 32))
                    .col(timestamp_with_time_zone(RegistrationQr::IssuedAt))
                    .foreign_key(&mut fk(
                        "fk_registration_qr_resident",
                        (RegistrationQr::Table, RegistrationQr::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AccessAlertSetting::Table)
                    .col(uuid(AccessAlertSetting::ResidentId).primary_key())
                    .col(boolean(AccessAlertSetting::ToProxies))
                    .col(timestamp_with_time_zone(AccessAlertSetting::ChangedAt))
                    .foreign_key(&mut fk(
                        "fk_access_alert_setting_resident",
                        (AccessAlertSetting::Table, AccessAlertSetting::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(CareRelationship::Table)
                    .add_column(timestamp_with_time_zone_null(CareRelationship::FirstViewedAt))
                    .to_owned(),
            )
            .await?;
        // The facility a hidden record came from, kept when the record is
        // erased: a proxy is never shown a trace of it (its looks, its
        // relationship), even after the person's medical data is gone.
        manager
            .alter_table(
                Table::alter().table(HiddenRecord::Table).add_column(uuid_null(HiddenRecord::FacilityId)).to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE hidden_record SET facility_id = COALESCE(\
                 (SELECT facility_id FROM medication WHERE medication.id = hidden_record.record_id), \
                 (SELECT facility_id FROM allergy WHERE allergy.id = hidden_record.record_id))",
            )
            .await?;
        // The network office's review counts looks by kind over the last days.
        manager.create_index(index("ix_audit_log_action_at", AuditLog::Table, &["action", "at"], false)).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(HiddenRecord::Table).drop_column(HiddenRecord::FacilityId).to_owned())
            .await?;
        manager.drop_index(Index::drop().name("ix_audit_log_action_at").table(AuditLog::Table).to_owned()).await?;
        manager
            .alter_table(
                Table::alter().table(CareRelationship::Table).drop_column(CareRelationship::FirstViewedAt).to_owned(),
            )
            .await?;
        manager.drop_table(Table::drop().table(AccessAlertSetting::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(RegistrationQr::Table).to_owned()).await?;
        Ok(())
    }
}
