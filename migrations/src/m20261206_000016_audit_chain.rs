//! The audit log's hash chain (`domain::audit_chain`): one link per entry,
//! written in the same transaction, with its place, the hash before it and
//! its own, and the digests of the detail and the request id (which an
//! erasure may clear from the entry). Links are never changed or removed.
//! Entries already in the log are linked, in their order, at the next start.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{index, postgres};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditChain {
    Table,
    EntryId,
    Seq,
    PrevHash,
    Hash,
    DetailDigest,
    RequestDigest,
}

const APPEND_ONLY_SQLITE: &str = "
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;";

const APPEND_ONLY_POSTGRES: &str = "
CREATE TRIGGER audit_chain_no_change BEFORE UPDATE OR DELETE ON audit_chain
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditChain::Table)
                    .col(uuid(AuditChain::EntryId).primary_key())
                    .col(big_integer(AuditChain::Seq))
                    .col(string_len(AuditChain::PrevHash, 64))
                    .col(string_len(AuditChain::Hash, 64))
                    .col(string_len_null(AuditChain::DetailDigest, 64))
                    .col(string_len_null(AuditChain::RequestDigest, 64))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ux_audit_chain_seq", AuditChain::Table, &["seq"], true)).await?;
        let sql = if postgres(manager) { APPEND_ONLY_POSTGRES } else { APPEND_ONLY_SQLITE };
        manager.get_connection().execute_unprepared(sql).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(AuditChain::Table).to_owned()).await?;
        Ok(())
    }
}
