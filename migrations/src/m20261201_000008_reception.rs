//! Clinic reception: staff accounts per facility with roles, their one-time
//! enrolment codes, passkeys and sessions; the paper forms reception enters
//! (registrations and withdrawals, one serial per form and facility) and the
//! corrections made to them; and the details a paper form carries that the
//! online registration does not ask (address, 介護保険 number).

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Staff {
    Table,
    Id,
    FacilityId,
    Name,
    Role,
    CreatedAt,
    CreatedBy,
    DisabledAt,
}

#[derive(DeriveIden)]
enum StaffEnrolment {
    Table,
    Id,
    StaffId,
    CodeHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum StaffPasskey {
    Table,
    Id,
    StaffId,
    CredId,
    Data,
    CreatedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum StaffSession {
    Table,
    Id,
    TokenHash,
    StaffId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    EndedAt,
}

#[derive(DeriveIden)]
enum PaperEntry {
    Table,
    Id,
    FacilityId,
    StaffId,
    Kind,
    FormSerial,
    SignedOn,
    ResidentId,
    NetworkId,
    ConsentId,
    ProxyName,
    ProxyRelationship,
    ProxyReason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PaperEntryChange {
    Table,
    Id,
    EntryId,
    StaffId,
    At,
    Fields,
}

#[derive(DeriveIden)]
enum Resident {
    Table,
    Id,
    Address,
    CareInsuranceNumber,
}

#[derive(DeriveIden)]
enum Facility {
    Table,
    Id,
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
        for mut col in [string_len_null(Resident::Address, 200), string_len_null(Resident::CareInsuranceNumber, 10)] {
            manager.alter_table(Table::alter().table(Resident::Table).add_column(&mut col).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Staff::Table)
                    .col(uuid(Staff::Id).primary_key())
                    .col(uuid(Staff::FacilityId))
                    .col(string_len(Staff::Name, 100))
                    .col(string_len(Staff::Role, 32))
                    .col(timestamp_with_time_zone(Staff::CreatedAt))
                    .col(string_len(Staff::CreatedBy, 200))
                    .col(timestamp_with_time_zone_null(Staff::DisabledAt))
                    .foreign_key(&mut fk(
                        "fk_staff_facility",
                        (Staff::Table, Staff::FacilityId),
                        (Facility::Table, Facility::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ix_staff_facility", Staff::Table, &["facility_id"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffEnrolment::Table)
                    .col(uuid(StaffEnrolment::Id).primary_key())
                    .col(uuid(StaffEnrolment::StaffId))
                    .col(string_len(StaffEnrolment::CodeHash, 64).unique_key())
                    .col(timestamp_with_time_zone(StaffEnrolment::CreatedAt))
                    .col(timestamp_with_time_zone(StaffEnrolment::ExpiresAt))
                    .col(timestamp_with_time_zone_null(StaffEnrolment::UsedAt))
                    .foreign_key(&mut fk(
                        "fk_staff_enrolment_staff",
                        (StaffEnrolment::Table, StaffEnrolment::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffPasskey::Table)
                    .col(uuid(StaffPasskey::Id).primary_key())
                    .col(uuid(StaffPasskey::StaffId))
                    .col(string_len(StaffPasskey::CredId, 1024).unique_key())
                    .col(text(StaffPasskey::Data))
                    .col(timestamp_with_time_zone(StaffPasskey::CreatedAt))
                    .col(timestamp_with_time_zone_null(StaffPasskey::LastUsedAt))
                    .foreign_key(&mut fk(
                        "fk_staff_passkey_staff",
                        (StaffPasskey::Table, StaffPasskey::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffSession::Table)
                    .col(uuid(StaffSession::Id).primary_key())
                    .col(string_len(StaffSession::TokenHash, 64).unique_key())
                    .col(uuid(StaffSession::StaffId))
                    .col(timestamp_with_time_zone(StaffSession::CreatedAt))
                    .col(timestamp_with_time_zone(StaffSession::LastSeenAt))
                    .col(timestamp_with_time_zone(StaffSession::ExpiresAt))
                    .col(timestamp_with_time_zone_null(StaffSession::EndedAt))
                    .foreign_key(&mut fk(
                        "fk_staff_session_staff",
                        (StaffSession::Table, StaffSession::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PaperEntry::Table)
                    .col(uuid(PaperEntry::Id).primary_key())
                    .col(uuid(PaperEntry::FacilityId))
                    .col(uuid(PaperEntry::StaffId))
                    .col(string_len(PaperEntry::Kind, 16))
                    .col(string_len(PaperEntry::FormSerial, 40))
                    .col(date(PaperEntry::SignedOn))
                    .col(uuid(PaperEntry::ResidentId))
                    .col(uuid(PaperEntry::NetworkId))
                    .col(uuid_null(PaperEntry::ConsentId))
                    .col(string_len_null(PaperEntry::ProxyName, 100))
                    .col(string_len_null(PaperEntry::ProxyRelationship, 32))
                    .col(string_len_null(PaperEntry::ProxyReason, 32))
                    .col(timestamp_with_time_zone(PaperEntry::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_paper_entry_facility",
                        (PaperEntry::Table, PaperEntry::FacilityId),
                        (Facility::Table, Facility::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_paper_entry_staff",
                        (PaperEntry::Table, PaperEntry::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_paper_entry_resident",
                        (PaperEntry::Table, PaperEntry::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_paper_entry_network",
                        (PaperEntry::Table, PaperEntry::NetworkId),
                        (Network::Table, Network::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // A form's serial is used once per facility.
        manager
            .create_index(index("ux_paper_entry_serial", PaperEntry::Table, &["facility_id", "form_serial"], true))
            .await?;
        manager
            .create_index(index("ix_paper_entry_day", PaperEntry::Table, &["facility_id", "created_at"], false))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PaperEntryChange::Table)
                    .col(uuid(PaperEntryChange::Id).primary_key())
                    .col(uuid(PaperEntryChange::EntryId))
                    .col(uuid(PaperEntryChange::StaffId))
                    .col(timestamp_with_time_zone(PaperEntryChange::At))
                    .col(text(PaperEntryChange::Fields))
                    .foreign_key(&mut fk(
                        "fk_paper_entry_change_entry",
                        (PaperEntryChange::Table, PaperEntryChange::EntryId),
                        (PaperEntry::Table, PaperEntry::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_paper_entry_change_staff",
                        (PaperEntryChange::Table, PaperEntryChange::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ix_paper_entry_change_entry", PaperEntryChange::Table, &["entry_id"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            PaperEntryChange::Table.into_iden(),
            PaperEntry::Table.into_iden(),
            StaffSession::Table.into_iden(),
            StaffPasskey::Table.into_iden(),
            StaffEnrolment::Table.into_iden(),
            Staff::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for col in [Resident::CareInsuranceNumber, Resident::Address] {
            manager.alter_table(Table::alter().table(Resident::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
