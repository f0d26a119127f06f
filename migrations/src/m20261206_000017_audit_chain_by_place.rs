//! SQLite: the audit chain's table keyed by place (`seq INTEGER PRIMARY KEY`,
//! the row id itself) instead of by entry id with a separate index on the
//! place. Each link then writes two B-trees instead of three, which is about
//! a third of what a link costs to store (bench/README.md, "audit_chain").
//! The links are copied as they are, in their order; the append-only
//! triggers are made again. PostgreSQL keeps its table (a heap with an index
//! on each key either way).

use sea_orm_migration::prelude::*;

use crate::helpers::postgres;

#[derive(DeriveMigrationName)]
pub struct Migration;

const BY_PLACE_SQLITE: &str = "
CREATE TABLE audit_chain_by_place (
  seq integer PRIMARY KEY NOT NULL,
  entry_id uuid_text NOT NULL UNIQUE,
  prev_hash varchar(64) NOT NULL,
  hash varchar(64) NOT NULL,
  detail_digest varchar(64) NULL,
  request_digest varchar(64) NULL
);
INSERT INTO audit_chain_by_place (seq, entry_id, prev_hash, hash, detail_digest, request_digest)
  SELECT seq, entry_id, prev_hash, hash, detail_digest, request_digest FROM audit_chain ORDER BY seq;
DROP TABLE audit_chain;
ALTER TABLE audit_chain_by_place RENAME TO audit_chain;
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if !postgres(manager) {
            manager.get_connection().execute_unprepared(BY_PLACE_SQLITE).await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Keyed by place, the table holds the same links: nothing to undo.
        Ok(())
    }
}
