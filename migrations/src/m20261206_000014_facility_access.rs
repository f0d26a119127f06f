//! Facilities looking at residents' records (`domain::looking`): the care
//! relationships that let a facility look (what made each, and when the
//! person ended it), emergency accesses opened without one (their reason,
//! how long they last, and the network office's review), and each network's
//! own table of which parts of the record each profession sees (absent: the
//! default).

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CareRelationship {
    Table,
    Id,
    FacilityId,
    ResidentId,
    Basis,
    StartedAt,
    StartedBy,
    EndedAt,
    EndedBy,
}

#[derive(DeriveIden)]
enum EmergencyAccess {
    Table,
    Id,
    FacilityId,
    StaffId,
    ResidentId,
    Reason,
    Note,
    OpenedAt,
    Until,
    ReviewOutcome,
    ReviewNote,
    ReviewedAt,
    ReviewedBy,
}

#[derive(DeriveIden)]
enum NetworkRoleParts {
    Table,
    NetworkId,
    Role,
    Parts,
    ChangedAt,
    ChangedBy,
}

#[derive(DeriveIden)]
enum Facility {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Resident {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Staff {
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
        manager
            .create_table(
                Table::create()
                    .table(CareRelationship::Table)
                    .col(uuid(CareRelationship::Id).primary_key())
                    .col(uuid(CareRelationship::FacilityId))
                    .col(uuid(CareRelationship::ResidentId))
                    .col(string_len(CareRelationship::Basis, 32))
                    .col(timestamp_with_time_zone(CareRelationship::StartedAt))
                    .col(string_len(CareRelationship::StartedBy, 200))
                    .col(timestamp_with_time_zone_null(CareRelationship::EndedAt))
                    .col(string_len_null(CareRelationship::EndedBy, 200))
                    .foreign_key(&mut fk(
                        "fk_care_relationship_facility",
                        (CareRelationship::Table, CareRelationship::FacilityId),
                        (Facility::Table, Facility::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_care_relationship_resident",
                        (CareRelationship::Table, CareRelationship::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_care_relationship_person",
                CareRelationship::Table,
                &["resident_id", "facility_id"],
                false,
            ))
            .await?;
        // One live relationship per facility and person (both databases have
        // partial indexes, with the same syntax).
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_care_relationship_live ON care_relationship (resident_id, facility_id) \
                 WHERE ended_at IS NULL",
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EmergencyAccess::Table)
                    .col(uuid(EmergencyAccess::Id).primary_key())
                    .col(uuid(EmergencyAccess::FacilityId))
                    .col(uuid(EmergencyAccess::StaffId))
                    .col(uuid(EmergencyAccess::ResidentId))
                    .col(string_len(EmergencyAccess::Reason, 32))
                    .col(string_len_null(EmergencyAccess::Note, 800))
                    .col(timestamp_with_time_zone(EmergencyAccess::OpenedAt))
                    .col(timestamp_with_time_zone(EmergencyAccess::Until))
                    .col(string_len_null(EmergencyAccess::ReviewOutcome, 32))
                    .col(string_len_null(EmergencyAccess::ReviewNote, 2000))
                    .col(timestamp_with_time_zone_null(EmergencyAccess::ReviewedAt))
                    .col(string_len_null(EmergencyAccess::ReviewedBy, 200))
                    .foreign_key(&mut fk(
                        "fk_emergency_access_facility",
                        (EmergencyAccess::Table, EmergencyAccess::FacilityId),
                        (Facility::Table, Facility::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_emergency_access_staff",
                        (EmergencyAccess::Table, EmergencyAccess::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_emergency_access_resident",
                        (EmergencyAccess::Table, EmergencyAccess::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_emergency_access_person",
                EmergencyAccess::Table,
                &["resident_id", "facility_id", "until"],
                false,
            ))
            .await?;
        manager
            .create_index(index("ix_emergency_access_review", EmergencyAccess::Table, &["reviewed_at"], false))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NetworkRoleParts::Table)
                    .col(uuid(NetworkRoleParts::NetworkId))
                    .col(string_len(NetworkRoleParts::Role, 32))
                    // The parts' names, comma-separated, in `Part::ALL`'s order.
                    .col(string_len(NetworkRoleParts::Parts, 200))
                    .col(timestamp_with_time_zone(NetworkRoleParts::ChangedAt))
                    .col(string_len(NetworkRoleParts::ChangedBy, 200))
                    .primary_key(Index::create().col(NetworkRoleParts::NetworkId).col(NetworkRoleParts::Role))
                    .foreign_key(&mut fk(
                        "fk_network_role_parts_network",
                        (NetworkRoleParts::Table, NetworkRoleParts::NetworkId),
                        (Network::Table, Network::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(NetworkRoleParts::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(EmergencyAccess::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(CareRelationship::Table).to_owned()).await?;
        Ok(())
    }
}
