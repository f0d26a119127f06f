//! Two records found to be one person (someone who registered without their
//! insurance numbers and later at a desk with them, say) are combined by the
//! network office into one. The record that is retired leaves an alias: its
//! registration number still finds the person (a facility or a paper form
//! may hold it), and the audit log's entries about it, which are never
//! rewritten, are still the person's in their access record and erasure.
//!
//! A passkey made for the retired record keeps that record's id as its
//! WebAuthn user handle (the phone stores it and sends it back at every
//! sign-in), so each passkey now records its handle.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PersonAlias {
    Table,
    RetiredId,
    RetiredNumber,
    IntoId,
    MergedAt,
}

#[derive(DeriveIden)]
enum Passkey {
    Table,
    UserHandle,
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
                    .table(PersonAlias::Table)
                    .col(uuid(PersonAlias::RetiredId).primary_key())
                    .col(string_len(PersonAlias::RetiredNumber, 16))
                    .col(uuid(PersonAlias::IntoId))
                    .col(timestamp_with_time_zone(PersonAlias::MergedAt))
                    .foreign_key(&mut fk(
                        "fk_person_alias_into",
                        (PersonAlias::Table, PersonAlias::IntoId),
                        (Resident::Table, Resident::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ux_person_alias_number", PersonAlias::Table, &["retired_number"], true)).await?;
        manager.create_index(index("ix_person_alias_into", PersonAlias::Table, &["into_id"], false)).await?;
        let mut col = uuid_null(Passkey::UserHandle);
        manager.alter_table(Table::alter().table(Passkey::Table).add_column(&mut col).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Passkey::Table).drop_column(Passkey::UserHandle).to_owned()).await?;
        manager.drop_table(Table::drop().table(PersonAlias::Table).to_owned()).await?;
        Ok(())
    }
}
