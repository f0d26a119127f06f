//! Networks, facilities and their membership; the audit log; the mail outbox.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Network {
    Table,
    Id,
    Code,
    Name,
    NameEn,
    Demo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Facility {
    Table,
    Id,
    Code,
    Name,
    NameEn,
    Kind,
    Demo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum NetworkFacility {
    Table,
    NetworkId,
    FacilityId,
    JoinedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorKind,
    ActorId,
    OnBehalfOf,
    Action,
    SubjectKind,
    SubjectId,
    NetworkId,
    FacilityId,
    Channel,
    RequestId,
    Detail,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
    CreatedAt,
    Kind,
    Recipient,
    Subject,
    BodyText,
    Status,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    ClaimId,
    LastError,
    SentAt,
}

/// Refuses UPDATE and DELETE on the audit log in the database itself, so
/// the promise does not rest on the application's code alone.
const AUDIT_APPEND_ONLY_SQLITE: &str = "
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;";

const AUDIT_APPEND_ONLY_POSTGRES: &str = "
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// All or nothing on SQLite too (sea-orm-migration uses a transaction
    /// only on PostgreSQL by default): a start killed half-way must not leave
    /// tables that the next start then fails to create.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Network::Table)
                    .col(uuid(Network::Id).primary_key())
                    .col(string_len_uniq(Network::Code, 32))
                    .col(string_len(Network::Name, 400))
                    .col(string_len_null(Network::NameEn, 400))
                    .col(boolean(Network::Demo))
                    .col(timestamp_with_time_zone(Network::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(
                Index::create().name("ux_network_name").table(Network::Table).col(Network::Name).unique().to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Facility::Table)
                    .col(uuid(Facility::Id).primary_key())
                    .col(string_len_uniq(Facility::Code, 10))
                    .col(string_len(Facility::Name, 800))
                    .col(string_len_null(Facility::NameEn, 800))
                    .col(string_len(Facility::Kind, 32))
                    .col(boolean(Facility::Demo))
                    .col(timestamp_with_time_zone(Facility::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(NetworkFacility::Table)
                    .col(uuid(NetworkFacility::NetworkId))
                    .col(uuid(NetworkFacility::FacilityId))
                    .col(timestamp_with_time_zone(NetworkFacility::JoinedAt))
                    .primary_key(Index::create().col(NetworkFacility::NetworkId).col(NetworkFacility::FacilityId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_network_facility_network")
                            .from(NetworkFacility::Table, NetworkFacility::NetworkId)
                            .to(Network::Table, Network::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_network_facility_facility")
                            .from(NetworkFacility::Table, NetworkFacility::FacilityId)
                            .to(Facility::Table, Facility::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_network_facility_facility")
                    .table(NetworkFacility::Table)
                    .col(NetworkFacility::FacilityId)
                    .to_owned(),
            )
            .await?;

        // Append-only. Subjects are referenced by id, not by foreign key, so
        // the record of what happened outlives what it happened to.
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(uuid(AuditLog::Id).primary_key())
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(string_len(AuditLog::ActorKind, 32))
                    .col(string_len_null(AuditLog::ActorId, 200))
                    .col(uuid_null(AuditLog::OnBehalfOf))
                    .col(string_len(AuditLog::Action, 64))
                    .col(string_len_null(AuditLog::SubjectKind, 32))
                    .col(string_len_null(AuditLog::SubjectId, 64))
                    .col(uuid_null(AuditLog::NetworkId))
                    .col(uuid_null(AuditLog::FacilityId))
                    .col(string_len(AuditLog::Channel, 16))
                    .col(string_len_null(AuditLog::RequestId, 64))
                    .col(json_null(AuditLog::Detail))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_log_subject")
                    .table(AuditLog::Table)
                    .col(AuditLog::SubjectKind)
                    .col(AuditLog::SubjectId)
                    .col(AuditLog::At)
                    .to_owned(),
            )
            .await?;
        let append_only = match manager.get_database_backend() {
            sea_orm::DbBackend::Postgres => AUDIT_APPEND_ONLY_POSTGRES,
            _ => AUDIT_APPEND_ONLY_SQLITE,
        };
        manager.get_connection().execute_unprepared(append_only).await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_log_on_behalf_of")
                    .table(AuditLog::Table)
                    .col(AuditLog::OnBehalfOf)
                    .col(AuditLog::At)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MailOutbox::Table)
                    .col(uuid(MailOutbox::Id).primary_key())
                    .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                    .col(string_len(MailOutbox::Kind, 64))
                    .col(string_len(MailOutbox::Recipient, 320))
                    .col(string_len(MailOutbox::Subject, 400))
                    .col(text(MailOutbox::BodyText))
                    .col(string_len(MailOutbox::Status, 16))
                    .col(integer(MailOutbox::Attempts))
                    .col(timestamp_with_time_zone(MailOutbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::LockedUntil))
                    .col(uuid_null(MailOutbox::ClaimId))
                    .col(string_len_null(MailOutbox::LastError, 500))
                    .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_mail_outbox_due")
                    .table(MailOutbox::Table)
                    .col(MailOutbox::Status)
                    .col(MailOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(MailOutbox::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(AuditLog::Table).to_owned()).await?;
        if manager.get_database_backend() == sea_orm::DbBackend::Postgres {
            manager.get_connection().execute_unprepared("DROP FUNCTION audit_log_append_only()").await?;
        }
        manager.drop_table(Table::drop().table(NetworkFacility::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Facility::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Network::Table).to_owned()).await?;
        Ok(())
    }
}
