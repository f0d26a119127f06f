//! Intake integrity: what a facility sent is kept as it was sent (its
//! identifiers, every coding, the structured quantity, the generic name of a
//! JAHIS drug, which date a record is dated by), whether the data came from a
//! facility's own system or was handed in from the patient's own app (JAHIS
//! output kind 2), and every earlier version of a record a facility corrected.
//! A JAHIS dispensing has no identifier of its own: its identity comes from
//! its content, and is unique per person whichever facility sends it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Medication {
    Table,
    Detail,
    Origin,
}

#[derive(DeriveIden)]
enum Allergy {
    Table,
    Detail,
    Origin,
}

#[derive(DeriveIden)]
enum RecordRevision {
    Table,
    Id,
    ResidentId,
    RecordType,
    RecordId,
    FacilityId,
    Content,
    ReplacedAt,
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
        // One change per ALTER TABLE (SQLite).
        manager
            .alter_table(Table::alter().table(Medication::Table).add_column(text_null(Medication::Detail)).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Medication::Table)
                    .add_column(string_len(Medication::Origin, 16).default("facility"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table(Allergy::Table).add_column(text_null(Allergy::Detail)).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Allergy::Table)
                    .add_column(string_len(Allergy::Origin, 16).default("facility"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RecordRevision::Table)
                    .col(uuid(RecordRevision::Id).primary_key())
                    .col(uuid(RecordRevision::ResidentId))
                    .col(string_len(RecordRevision::RecordType, 16))
                    .col(uuid(RecordRevision::RecordId))
                    .col(uuid(RecordRevision::FacilityId))
                    .col(text(RecordRevision::Content))
                    .col(timestamp_with_time_zone(RecordRevision::ReplacedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_record_revision_resident")
                            .from(RecordRevision::Table, RecordRevision::ResidentId)
                            .to(Resident::Table, Resident::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_record_revision_record")
                    .table(RecordRevision::Table)
                    .col(RecordRevision::RecordId)
                    .col(RecordRevision::ReplacedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_record_revision_resident")
                    .table(RecordRevision::Table)
                    .col(RecordRevision::ResidentId)
                    .to_owned(),
            )
            .await?;

        // A JAHIS record's identity is its content for the person, whichever
        // facility sent it (the same dispensing from the pharmacy and from the
        // patient's app is one dispensing). Partial indexes (both databases
        // have them, with the same syntax) over the content-derived keys
        // (`jahis:…`); keys of the earlier, position-based form stay as they were.
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_medication_jahis ON medication (resident_id, kind, identifier) WHERE source = 'jahis' AND identifier LIKE 'jahis:%'",
        )
        .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_allergy_jahis ON allergy (resident_id, identifier) WHERE source = 'jahis' AND identifier LIKE 'jahis:%'",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX ux_allergy_jahis").await?;
        db.execute_unprepared("DROP INDEX ux_medication_jahis").await?;
        manager.drop_table(Table::drop().table(RecordRevision::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(Allergy::Table).drop_column(Allergy::Origin).to_owned()).await?;
        manager.alter_table(Table::alter().table(Allergy::Table).drop_column(Allergy::Detail).to_owned()).await?;
        manager.alter_table(Table::alter().table(Medication::Table).drop_column(Medication::Origin).to_owned()).await?;
        manager.alter_table(Table::alter().table(Medication::Table).drop_column(Medication::Detail).to_owned()).await?;
        Ok(())
    }
}
