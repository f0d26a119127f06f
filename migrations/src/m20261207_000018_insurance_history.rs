//! A person's insurance over time. Numbers change (a new job, retirement to
//! 国民健康保険, and for everyone at 75 a move to 後期高齢者医療): each
//! insurance is kept with the days it was valid, so data dated while an
//! insurance was valid still matches it and data dated later matches the
//! next. An insurance given at registration has no start (valid from before
//! it was registered); one added later has the day it starts, and who added
//! it (the person, a proxy, or a named staff member at a facility's desk).
//!
//! Also the reminders sent to a person once (the 75th-birthday reminder to
//! add the new card): one row per person and kind, so a reminder already
//! sent is not sent again.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ResidentInsurance {
    Table,
    ValidFrom,
    ValidTo,
    AddedByKind,
    AddedById,
    AddedAtFacility,
}

#[derive(DeriveIden)]
enum PersonReminder {
    Table,
    ResidentId,
    Kind,
    DueOn,
    SentAt,
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
        for col in [
            date_null(ResidentInsurance::ValidFrom),
            date_null(ResidentInsurance::ValidTo),
            string_len_null(ResidentInsurance::AddedByKind, 16),
            string_len_null(ResidentInsurance::AddedById, 64),
            uuid_null(ResidentInsurance::AddedAtFacility),
        ] {
            let mut col = col;
            manager.alter_table(Table::alter().table(ResidentInsurance::Table).add_column(&mut col).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(PersonReminder::Table)
                    .col(uuid(PersonReminder::ResidentId))
                    .col(string_len(PersonReminder::Kind, 32))
                    .col(date(PersonReminder::DueOn))
                    .col(timestamp_with_time_zone(PersonReminder::SentAt))
                    .primary_key(Index::create().col(PersonReminder::ResidentId).col(PersonReminder::Kind))
                    .foreign_key(&mut fk(
                        "fk_person_reminder_resident",
                        (PersonReminder::Table, PersonReminder::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PersonReminder::Table).to_owned()).await?;
        for col in [
            ResidentInsurance::AddedAtFacility,
            ResidentInsurance::AddedById,
            ResidentInsurance::AddedByKind,
            ResidentInsurance::ValidTo,
            ResidentInsurance::ValidFrom,
        ] {
            manager.alter_table(Table::alter().table(ResidentInsurance::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
