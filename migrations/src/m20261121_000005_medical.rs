//! Medical data sent in by facilities: the API keys of their systems, the
//! medication and allergy records (from FHIR or JAHIS data), the record of
//! which facility sent data about whom and when, and the resident's emergency
//! contact for the emergency card.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FacilityKey {
    Table,
    Id,
    FacilityId,
    Prefix,
    KeyHash,
    Label,
    CreatedAt,
    CreatedBy,
    RevokedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum Medication {
    Table,
    Id,
    ResidentId,
    ConsentId,
    FacilityId,
    Source,
    Kind,
    Identifier,
    Status,
    CodeSystem,
    Code,
    Name,
    Dosage,
    Quantity,
    DatedOn,
    DatedAt,
    Days,
    Prescriber,
    Dispenser,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Allergy {
    Table,
    Id,
    ResidentId,
    ConsentId,
    FacilityId,
    Source,
    Identifier,
    Category,
    Criticality,
    Status,
    DrugCodeSystem,
    DrugCode,
    AllergenSystem,
    AllergenCode,
    Text,
    DatedOn,
    DatedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum FacilityVisit {
    Table,
    Id,
    ResidentId,
    FacilityId,
    VisitedOn,
    Source,
    Items,
    FirstAt,
    LastAt,
}

#[derive(DeriveIden)]
enum EmergencyContact {
    Table,
    ResidentId,
    Name,
    Relationship,
    Phone,
    UpdatedAt,
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
enum Consent {
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
                    .table(FacilityKey::Table)
                    .col(uuid(FacilityKey::Id).primary_key())
                    .col(uuid(FacilityKey::FacilityId))
                    .col(string_len(FacilityKey::Prefix, 16))
                    .col(string_len(FacilityKey::KeyHash, 64))
                    .col(string_len(FacilityKey::Label, 200))
                    .col(timestamp_with_time_zone(FacilityKey::CreatedAt))
                    .col(string_len(FacilityKey::CreatedBy, 100))
                    .col(timestamp_with_time_zone_null(FacilityKey::RevokedAt))
                    .col(timestamp_with_time_zone_null(FacilityKey::LastUsedAt))
                    .foreign_key(&mut fk(
                        "fk_facility_key_facility",
                        (FacilityKey::Table, FacilityKey::FacilityId),
                        (Facility::Table, Facility::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ux_facility_key_hash", FacilityKey::Table, &["key_hash"], true)).await?;
        manager.create_index(index("ux_facility_key_prefix", FacilityKey::Table, &["prefix"], true)).await?;

        manager
            .create_table(
                Table::create()
                    .table(Medication::Table)
                    .col(uuid(Medication::Id).primary_key())
                    .col(uuid(Medication::ResidentId))
                    .col(uuid(Medication::ConsentId))
                    .col(uuid(Medication::FacilityId))
                    .col(string_len(Medication::Source, 8))
                    .col(string_len(Medication::Kind, 16))
                    .col(string_len(Medication::Identifier, 512))
                    .col(string_len(Medication::Status, 24))
                    .col(string_len_null(Medication::CodeSystem, 16))
                    .col(string_len_null(Medication::Code, 16))
                    .col(string_len(Medication::Name, 200))
                    .col(string_len_null(Medication::Dosage, 500))
                    .col(string_len_null(Medication::Quantity, 100))
                    .col(date(Medication::DatedOn))
                    .col(timestamp_with_time_zone_null(Medication::DatedAt))
                    .col(integer_null(Medication::Days))
                    .col(string_len_null(Medication::Prescriber, 200))
                    .col(string_len_null(Medication::Dispenser, 200))
                    .col(timestamp_with_time_zone(Medication::CreatedAt))
                    .col(timestamp_with_time_zone(Medication::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_medication_resident",
                        (Medication::Table, Medication::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_medication_consent",
                        (Medication::Table, Medication::ConsentId),
                        (Consent::Table, Consent::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_medication_facility",
                        (Medication::Table, Medication::FacilityId),
                        (Facility::Table, Facility::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // Resubmitting a record with the same identifier updates it.
        manager
            .create_index(index(
                "ux_medication_identifier",
                Medication::Table,
                &["facility_id", "kind", "identifier"],
                true,
            ))
            .await?;
        manager
            .create_index(index("ix_medication_resident", Medication::Table, &["resident_id", "dated_on"], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Allergy::Table)
                    .col(uuid(Allergy::Id).primary_key())
                    .col(uuid(Allergy::ResidentId))
                    .col(uuid(Allergy::ConsentId))
                    .col(uuid(Allergy::FacilityId))
                    .col(string_len(Allergy::Source, 8))
                    .col(string_len(Allergy::Identifier, 512))
                    .col(string_len_null(Allergy::Category, 16))
                    .col(string_len_null(Allergy::Criticality, 24))
                    .col(string_len(Allergy::Status, 16))
                    .col(string_len_null(Allergy::DrugCodeSystem, 16))
                    .col(string_len_null(Allergy::DrugCode, 16))
                    .col(string_len_null(Allergy::AllergenSystem, 200))
                    .col(string_len_null(Allergy::AllergenCode, 64))
                    .col(string_len(Allergy::Text, 500))
                    .col(date(Allergy::DatedOn))
                    .col(timestamp_with_time_zone_null(Allergy::DatedAt))
                    .col(timestamp_with_time_zone(Allergy::CreatedAt))
                    .col(timestamp_with_time_zone(Allergy::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_allergy_resident",
                        (Allergy::Table, Allergy::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_allergy_consent",
                        (Allergy::Table, Allergy::ConsentId),
                        (Consent::Table, Consent::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_allergy_facility",
                        (Allergy::Table, Allergy::FacilityId),
                        (Facility::Table, Facility::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ux_allergy_identifier", Allergy::Table, &["facility_id", "identifier"], true))
            .await?;
        manager.create_index(index("ix_allergy_resident", Allergy::Table, &["resident_id"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table(FacilityVisit::Table)
                    .col(uuid(FacilityVisit::Id).primary_key())
                    .col(uuid(FacilityVisit::ResidentId))
                    .col(uuid(FacilityVisit::FacilityId))
                    .col(date(FacilityVisit::VisitedOn))
                    .col(string_len(FacilityVisit::Source, 8))
                    .col(integer(FacilityVisit::Items))
                    .col(timestamp_with_time_zone(FacilityVisit::FirstAt))
                    .col(timestamp_with_time_zone(FacilityVisit::LastAt))
                    .foreign_key(&mut fk(
                        "fk_facility_visit_resident",
                        (FacilityVisit::Table, FacilityVisit::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_facility_visit_facility",
                        (FacilityVisit::Table, FacilityVisit::FacilityId),
                        (Facility::Table, Facility::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ux_facility_visit_day",
                FacilityVisit::Table,
                &["resident_id", "facility_id", "visited_on", "source"],
                true,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EmergencyContact::Table)
                    .col(uuid(EmergencyContact::ResidentId).primary_key())
                    .col(string_len(EmergencyContact::Name, 100))
                    .col(string_len_null(EmergencyContact::Relationship, 50))
                    .col(string_len(EmergencyContact::Phone, 20))
                    .col(timestamp_with_time_zone(EmergencyContact::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_emergency_contact_resident",
                        (EmergencyContact::Table, EmergencyContact::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            EmergencyContact::Table.into_iden(),
            FacilityVisit::Table.into_iden(),
            Allergy::Table.into_iden(),
            Medication::Table.into_iden(),
            FacilityKey::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
