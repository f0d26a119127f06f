//! Backups of the embedded database: a consistent copy taken while renkei
//! serves (SQLite's `VACUUM INTO`, one read transaction: every write
//! acknowledged before it began is in the copy, none is half in it), checked
//! before it is reported. PostgreSQL is backed up with its own tools
//! (`pg_dump`, README).

use std::path::Path;

use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use serde_json::json;

use super::ServiceError;
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel};
use crate::domain::{FieldErrorCode, Invalid};
use crate::state::AppState;
use crate::store::Backend;
use crate::store::audit::{self, AuditEntry};

/// What a backup holds, as checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    pub bytes: u64,
    pub residents: i64,
    pub consents: i64,
    pub medication_records: i64,
    pub audit_entries: i64,
}

/// Copies the database to `to` (which must not exist), checks the copy and
/// records the backup in the audit log.
pub async fn back_up(state: &AppState, actor: &Actor, to: &Path) -> Result<Contents, ServiceError> {
    require(actor, Operation::BackUp)?;
    if state.db.backend() != Backend::Sqlite {
        return Err(ServiceError::Invalid(Invalid::one("file", FieldErrorCode::UnknownValue)));
    }
    if to.exists() {
        return Err(Invalid::one("file", FieldErrorCode::AlreadyExists).into());
    }
    let path = to.to_str().ok_or_else(|| Invalid::one("file", FieldErrorCode::InvalidCharacters))?;
    let sql = format!("VACUUM INTO '{}'", path.replace('\'', "''"));
    state.db.reader().execute_unprepared(&sql).await?;
    let contents = check(to).await?;
    let tx = state.db.write().await?;
    audit::append(
        &*tx,
        AuditEntry::new(actor, AuditAction::BackupMade, Channel::Cli).request_id(context::request_id()).detail(json!({
            "bytes": contents.bytes,
            "residents": contents.residents,
            "auditEntries": contents.audit_entries,
        })),
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(contents)
}

/// Checks a backup file: SQLite's integrity check, renkei's schema, and
/// what it holds. Opened read-only: checking changes nothing.
pub async fn check(file: &Path) -> Result<Contents, ServiceError> {
    let bytes = std::fs::metadata(file).map_err(|_| Invalid::one("file", FieldErrorCode::NotFound))?.len();
    let db = crate::store::open_read_only(file).await.map_err(|e| ServiceError::Internal(e.to_string()))?;
    let result = async {
        let conn = &db;
        let ok = conn
            .query_one_raw(Statement::from_string(DatabaseBackend::Sqlite, "PRAGMA integrity_check"))
            .await?
            .and_then(|r| r.try_get_by_index::<String>(0).ok());
        if ok.as_deref() != Some("ok") {
            return Err(ServiceError::Internal(format!("the backup fails SQLite's integrity check: {ok:?}")));
        }
        crate::store::renkei_tables(conn, Backend::Sqlite)
            .await
            .map_err(|why| ServiceError::Internal(format!("the backup is not a renkei database: {why}")))?;
        let count = |table: &'static str| async move {
            let sql = format!("SELECT COUNT(*) AS n FROM {table}");
            let row = conn.query_one_raw(Statement::from_string(DatabaseBackend::Sqlite, sql)).await?;
            Ok::<i64, ServiceError>(row.and_then(|r| r.try_get::<i64>("", "n").ok()).unwrap_or(0))
        };
        Ok(Contents {
            bytes,
            residents: count("resident").await?,
            consents: count("consent").await?,
            medication_records: count("medication").await?,
            audit_entries: count("audit_log").await?,
        })
    }
    .await;
    let _ = db.close().await;
    result
}
