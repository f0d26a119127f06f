//! What a database error means for the service: storage full, the database
//! out of reach; and the wall clock in milliseconds for the writer's
//! bookkeeping. Apart from the rest of `store` so that its writer and its
//! connection share them without each reaching into the other.

use sea_orm::DbErr;

/// Whether a database error says the disk (or the database's size limit) is
/// full: SQLite's SQLITE_FULL (13), PostgreSQL's `disk_full` (53100). Such a
/// write was not kept; the service answers 503 and recovers by itself.
pub fn is_storage_full(err: &DbErr) -> bool {
    let by_code = sqlx_error(err)
        .and_then(sqlx::Error::as_database_error)
        .is_some_and(|d| matches!(d.code().as_deref(), Some("13" | "53100")));
    by_code || err.to_string().contains("database or disk is full")
}

/// The driver's error inside a sea-orm error, when there is one.
pub(crate) fn sqlx_error(err: &DbErr) -> Option<&sqlx::Error> {
    match err {
        DbErr::Exec(sea_orm::RuntimeErr::SqlxError(e))
        | DbErr::Query(sea_orm::RuntimeErr::SqlxError(e))
        | DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e)) => Some(e.as_ref()),
        _ => None,
    }
}

pub(crate) fn unix_millis() -> i64 {
    let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis());
    i64::try_from(ms).unwrap_or(i64::MAX)
}

pub(crate) fn unix_now() -> i64 {
    unix_millis() / 1000
}

/// Whether a database error says the database cannot be reached (down,
/// restarting, the network to it gone): the request is answered 503 with
/// Retry-After, and the pool reconnects by itself when it is back.
pub fn is_unreachable(err: &DbErr) -> bool {
    if matches!(err, DbErr::ConnectionAcquire(_)) {
        return true;
    }
    match sqlx_error(err) {
        Some(sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) | sqlx::Error::Tls(_)) => true,
        Some(sqlx::Error::Database(d)) => {
            // Connection exceptions (08…), and a server shutting down or starting (57P01–57P03).
            d.code().is_some_and(|c| c.starts_with("08") || matches!(c.as_ref(), "57P01" | "57P02" | "57P03"))
        }
        _ => false,
    }
}
