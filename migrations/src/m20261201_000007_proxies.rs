//! Family proxies: who acts for whom and at which level, invitations to act
//! for someone, one-time codes with which a person registered by family
//! claims their own sign-in, and the records a person hides from proxies.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProxyLink {
    Table,
    Id,
    ProxyId,
    SubjectId,
    Relationship,
    Level,
    Via,
    Reason,
    ReasonNote,
    Attestation,
    CreatedAt,
    RevokedAt,
    RevokedByKind,
}

#[derive(DeriveIden)]
enum ProxyInvitation {
    Table,
    Id,
    SubjectId,
    CodeHash,
    Level,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
    LinkId,
    CancelledAt,
}

#[derive(DeriveIden)]
enum ClaimCode {
    Table,
    Id,
    ResidentId,
    CodeHash,
    IssuedByKind,
    IssuedById,
    CreatedAt,
    ExpiresAt,
    UsedAt,
    VoidedAt,
}

#[derive(DeriveIden)]
enum HiddenRecord {
    Table,
    RecordId,
    ResidentId,
    RecordKind,
    HiddenAt,
}

#[derive(DeriveIden)]
enum Resident {
    Table,
    Id,
}

/// One active link per proxy and person: a partial unique index, written the
/// same way on SQLite and PostgreSQL.
const ACTIVE_INDEX: &str =
    "CREATE UNIQUE INDEX ux_proxy_link_active ON proxy_link (proxy_id, subject_id) WHERE revoked_at IS NULL";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProxyLink::Table)
                    .col(uuid(ProxyLink::Id).primary_key())
                    .col(uuid(ProxyLink::ProxyId))
                    .col(uuid(ProxyLink::SubjectId))
                    .col(string_len(ProxyLink::Relationship, 32))
                    .col(string_len(ProxyLink::Level, 16))
                    .col(string_len(ProxyLink::Via, 16))
                    .col(string_len_null(ProxyLink::Reason, 32))
                    .col(text_null(ProxyLink::ReasonNote))
                    .col(string_len_null(ProxyLink::Attestation, 32))
                    .col(timestamp_with_time_zone(ProxyLink::CreatedAt))
                    .col(timestamp_with_time_zone_null(ProxyLink::RevokedAt))
                    .col(string_len_null(ProxyLink::RevokedByKind, 16))
                    .foreign_key(&mut fk(
                        "fk_proxy_link_proxy",
                        (ProxyLink::Table, ProxyLink::ProxyId),
                        (Resident::Table, Resident::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_proxy_link_subject",
                        (ProxyLink::Table, ProxyLink::SubjectId),
                        (Resident::Table, Resident::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.get_connection().execute_unprepared(ACTIVE_INDEX).await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_proxy_link_subject")
                    .table(ProxyLink::Table)
                    .col(ProxyLink::SubjectId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProxyInvitation::Table)
                    .col(uuid(ProxyInvitation::Id).primary_key())
                    .col(uuid(ProxyInvitation::SubjectId))
                    .col(string_len(ProxyInvitation::CodeHash, 64).unique_key())
                    .col(string_len(ProxyInvitation::Level, 16))
                    .col(timestamp_with_time_zone(ProxyInvitation::CreatedAt))
                    .col(timestamp_with_time_zone(ProxyInvitation::ExpiresAt))
                    .col(timestamp_with_time_zone_null(ProxyInvitation::AcceptedAt))
                    .col(uuid_null(ProxyInvitation::LinkId))
                    .col(timestamp_with_time_zone_null(ProxyInvitation::CancelledAt))
                    .foreign_key(&mut fk(
                        "fk_proxy_invitation_subject",
                        (ProxyInvitation::Table, ProxyInvitation::SubjectId),
                        (Resident::Table, Resident::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_proxy_invitation_link",
                        (ProxyInvitation::Table, ProxyInvitation::LinkId),
                        (ProxyLink::Table, ProxyLink::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_proxy_invitation_subject")
                    .table(ProxyInvitation::Table)
                    .col(ProxyInvitation::SubjectId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ClaimCode::Table)
                    .col(uuid(ClaimCode::Id).primary_key())
                    .col(uuid(ClaimCode::ResidentId))
                    .col(string_len(ClaimCode::CodeHash, 64).unique_key())
                    .col(string_len(ClaimCode::IssuedByKind, 32))
                    .col(string_len_null(ClaimCode::IssuedById, 200))
                    .col(timestamp_with_time_zone(ClaimCode::CreatedAt))
                    .col(timestamp_with_time_zone(ClaimCode::ExpiresAt))
                    .col(timestamp_with_time_zone_null(ClaimCode::UsedAt))
                    .col(timestamp_with_time_zone_null(ClaimCode::VoidedAt))
                    .foreign_key(&mut fk(
                        "fk_claim_code_resident",
                        (ClaimCode::Table, ClaimCode::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_claim_code_resident")
                    .table(ClaimCode::Table)
                    .col(ClaimCode::ResidentId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(HiddenRecord::Table)
                    .col(uuid(HiddenRecord::RecordId).primary_key())
                    .col(uuid(HiddenRecord::ResidentId))
                    .col(string_len(HiddenRecord::RecordKind, 16))
                    .col(timestamp_with_time_zone(HiddenRecord::HiddenAt))
                    .foreign_key(&mut fk(
                        "fk_hidden_record_resident",
                        (HiddenRecord::Table, HiddenRecord::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_hidden_record_resident")
                    .table(HiddenRecord::Table)
                    .col(HiddenRecord::ResidentId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(HiddenRecord::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ClaimCode::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ProxyInvitation::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name("ux_proxy_link_active").table(ProxyLink::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ProxyLink::Table).to_owned()).await
    }
}
