//! Storage: the connection, the write discipline, and repository functions.
//! Repository functions map rows to and from tables; they decide nothing.

pub mod audit;
pub mod auth;
pub mod consent_documents;
pub mod consents;
pub mod entity;
pub mod entry_points;
mod faults;
mod group;
pub mod looking;
pub mod medical;
pub mod merge;
pub mod networks;
pub mod outbox;
pub mod proxies;
pub mod registrations;
pub mod residents;
pub mod staff;

use std::ops::Deref;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

pub use self::faults::{is_storage_full, is_unreachable};
use self::faults::{unix_millis, unix_now};
use self::group::{Turn, Writer};
use renkei_migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    QueryResult, SqlErr, SqlxPostgresConnector, SqlxSqliteConnector, Statement, TransactionTrait,
};
use sqlx::ConnectOptions as _;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

/// How long a SQLite connection waits for another process's write lock
/// (an admin command while the server runs) before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a request waits for a PostgreSQL connection before answering 503.
const PG_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);

/// A pooled PostgreSQL connection unused for longer is pinged before use.
const PG_PING_AFTER_IDLE: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgresql",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("unsupported database URL scheme (use sqlite:… or postgres://…)")]
    UnsupportedScheme,
    #[error("invalid database URL: {0}")]
    InvalidUrl(String),
    #[error("cannot create the database directory {0}: {1}")]
    CreateDir(String, std::io::Error),
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    /// The database exists but is not renkei's (an empty file, another
    /// program's file or database): starting would build a new, empty
    /// service on it, or change someone else's data.
    #[error(
        "{0} is not a renkei database ({1}); point RENKEI_DATABASE_URL at renkei's database, or move it away to start a new one"
    )]
    NotRenkei(String, &'static str),
}

/// The database. Cheap to clone.
///
/// Writes go through [`Db::write`]. On SQLite, writers in this process take
/// turns on one `BEGIN IMMEDIATE` transaction and share its commit (see
/// [`group`]): they queue in the process instead of spinning on the file
/// lock, a writer in another process (an admin command) waits on the busy
/// timeout instead of failing with "database is locked", and writers that
/// arrive together cost one fsync between them. On PostgreSQL every write is
/// a transaction of its own.
#[derive(Clone)]
pub struct Db {
    conn: DatabaseConnection,
    backend: Backend,
    writer: Option<Arc<Writer>>,
    location: String,
    /// The URL connected to (for a second session: the migration lock).
    url: String,
    /// When a write last found storage full (seconds since the epoch; 0:
    /// never), for the health check.
    full_at: Arc<AtomicI64>,
}

impl Db {
    pub async fn connect(url: &str) -> Result<Self, ConnectError> {
        Self::connect_with(url, None).await
    }

    /// As [`Db::connect`]; on SQLite, `max_bytes` caps the file's size (the
    /// database answers as on a full disk beyond it).
    pub async fn connect_with(url: &str, max_bytes: Option<u64>) -> Result<Self, ConnectError> {
        if url.starts_with("sqlite:") {
            Self::connect_sqlite(url, max_bytes).await
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Self::connect_postgres(url).await
        } else {
            Err(ConnectError::UnsupportedScheme)
        }
    }

    async fn connect_sqlite(url: &str, max_bytes: Option<u64>) -> Result<Self, ConnectError> {
        let mut opts = SqliteConnectOptions::from_str(url)
            .map_err(|e| ConnectError::InvalidUrl(e.to_string()))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(SQLITE_BUSY_TIMEOUT)
            .disable_statement_logging();
        if let Some(bytes) = max_bytes {
            opts = opts.pragma("max_page_count", (bytes / 4096).max(1).to_string());
        }
        if let Some(dir) = opts.get_filename().parent().filter(|d| !d.as_os_str().is_empty()) {
            create_dir(dir)?;
        }
        let file = opts.get_filename();
        // One process at a time looks at and creates the file: a process
        // starting beside another must not take the other's new, still empty
        // file for an empty file of someone else's.
        let _lock = lock_file(std::path::PathBuf::from(format!(
            "{}.migrate-lock",
            std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()).display()
        )))
        .await
        .map_err(ConnectError::Connect)?;
        if check_sqlite_file(file)? {
            // Looked at read-only first: another program's database is left
            // exactly as it was (not even switched to WAL).
            let db = open_read_only(file).await?;
            let verdict = renkei_tables(&db, Backend::Sqlite).await;
            let _ = db.close().await;
            if let Err(why) = verdict {
                return Err(ConnectError::NotRenkei(file.display().to_string(), why));
            }
        }
        let location = format!("sqlite {}", std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()).display());
        let suspect = Arc::new(AtomicI64::new(0));
        let writer = Writer::new(Arc::clone(&suspect));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .min_connections(1)
            // A file's connection does not go stale: no ping before each use.
            .test_before_acquire(false)
            // A connection goes back to the pool only outside any transaction.
            // After a failed COMMIT (a full disk: SQLITE_FULL, or an I/O
            // error) SQLite may or may not have rolled back by itself, and the
            // driver's own count of open transactions can disagree with it; a
            // connection left inside a transaction would hold the write lock
            // (every other writer then sees "database is locked") or let a
            // later request's writes join a transaction that never commits.
            .after_release(move |conn, _| {
                let suspect = Arc::clone(&suspect);
                Box::pin(async move {
                    if sqlx::Connection::is_in_transaction(conn) {
                        tracing::warn!("a database connection was left in a transaction; it is closed");
                        return Ok(false);
                    }
                    // In case SQLite has one the driver does not know of, for
                    // a while after a write failed ("no transaction is
                    // active" is the usual answer; at other times the
                    // statement would only cost every read a round trip).
                    if suspect.load(Ordering::Relaxed) > unix_millis() {
                        let _ = sqlx::Executor::execute(&mut *conn, "ROLLBACK").await;
                    }
                    Ok(true)
                })
            })
            .connect_with(opts)
            .await
            .map_err(|e| ConnectError::Connect(e.to_string()))?;
        Ok(Self {
            conn: SqlxSqliteConnector::from_sqlx_sqlite_pool(pool),
            backend: Backend::Sqlite,
            writer: Some(writer),
            location,
            url: url.to_owned(),
            full_at: Arc::default(),
        })
    }

    async fn connect_postgres(url: &str) -> Result<Self, ConnectError> {
        let opts = PgConnectOptions::from_str(url)
            .map_err(|e| ConnectError::InvalidUrl(redact_error(&e.to_string(), url)))?
            .disable_statement_logging();
        let location =
            format!("postgresql {}:{}/{}", opts.get_host(), opts.get_port(), opts.get_database().unwrap_or(""));
        let pool = PgPoolOptions::new()
            .max_connections(16)
            // No ping before each use of a connection that was just used
            // (one round trip more per statement read outside a transaction,
            // under load nearly every statement); one that has rested is
            // pinged, within the acquire timeout, so that a database gone
            // silent is answered 503 at once. A connection the server has
            // closed fails its statement with an I/O error: answered 503 (see
            // `is_unreachable`), and the pool makes a new one.
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for > PG_PING_AFTER_IDLE {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            })
            // A database that does not answer is said at once (503), not
            // after a long wait; the pool reconnects by itself when it is back.
            .acquire_timeout(PG_ACQUIRE_TIMEOUT)
            // As on SQLite: never back to the pool inside a transaction.
            .after_release(|conn, _| Box::pin(async move { Ok(!sqlx::Connection::is_in_transaction(conn)) }))
            .connect_with(opts)
            .await
            .map_err(|e| ConnectError::Connect(redact_error(&e.to_string(), url)))?;
        Ok(Self {
            conn: SqlxPostgresConnector::from_sqlx_postgres_pool(pool),
            backend: Backend::Postgres,
            writer: None,
            location,
            url: url.to_owned(),
            full_at: Arc::default(),
        })
    }

    /// Connects through sea-orm's own options; used where a plain connection
    /// is enough (tests that create and drop databases).
    pub async fn connect_plain(url: &str) -> Result<DatabaseConnection, DbErr> {
        let mut opts = ConnectOptions::new(url.to_owned());
        opts.sqlx_logging(false).max_connections(2);
        sea_orm::Database::connect(opts).await
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// For reads. Never write through this: use [`Db::write`].
    pub fn reader(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// Starts a write transaction (see the type's documentation). Never call
    /// it while holding another [`WriteTx`] of the same `Db`: on SQLite the
    /// second call waits for the first to finish, forever.
    pub async fn write(&self) -> Result<WriteTx, DbErr> {
        let full_at = Arc::clone(&self.full_at);
        let (tx, turn) = match &self.writer {
            Some(writer) => {
                let (turn, tx, fatal) = writer.join(&self.conn).await.map_err(|e| watch(&full_at, e))?;
                (tx, Some((turn, fatal)))
            }
            None => (Arc::new(self.conn.begin().await.map_err(|e| watch(&full_at, e))?), None),
        };
        let (turn, fatal) = turn.unzip();
        Ok(WriteTx { conn: TxConn { tx, full_at, fatal }, turn })
    }

    /// Whether a write found storage full in the last `within`.
    pub fn full_lately(&self, within: Duration) -> bool {
        let at = self.full_at.load(Ordering::Relaxed);
        at > 0 && unix_now() - at < i64::try_from(within.as_secs()).unwrap_or(i64::MAX)
    }

    /// How many commits this process's SQLite writes have shared (0 on
    /// PostgreSQL): for tests that check that concurrent writes share them.
    pub fn group_commits(&self) -> usize {
        self.writer.as_ref().map_or(0, |w| w.commits())
    }

    /// How many writers of this process wait for their turn (0 on PostgreSQL).
    pub fn queued_writers(&self) -> usize {
        self.writer.as_ref().map_or(0, |w| w.queued())
    }

    /// Refuses a database that has tables but not renkei's migrations (another
    /// program's), before migrations would add renkei's tables to it. (On
    /// SQLite [`Db::connect`] has looked already, read-only.)
    pub async fn check_is_renkei(&self) -> Result<(), ConnectError> {
        renkei_tables(&self.conn, self.backend).await.map_err(|why| ConnectError::NotRenkei(self.location.clone(), why))
    }

    /// Brings the schema up to date, one process at a time: two servers (or
    /// a server and an admin command) started at once on a new database
    /// would otherwise both create the same tables, and one would die. On
    /// SQLite a lock file beside the database, on PostgreSQL an advisory lock.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        match self.check_and_migrate().await {
            Ok(()) => Ok(()),
            Err(MigrateError::NotRenkei(e)) => Err(DbErr::Custom(e.to_string())),
            Err(MigrateError::Db(e)) => Err(e),
        }
    }

    /// [`Db::migrate`], refusing first, under the same lock, a database that
    /// is not renkei's.
    pub async fn check_and_migrate(&self) -> Result<(), MigrateError> {
        self.check_migrate_and_grant(None).await
    }

    /// [`Db::check_and_migrate`], then, under the same lock (two `GRANT`s
    /// at once on one table fail), [`Db::grant_service_role`] to `grant`.
    pub async fn check_migrate_and_grant(&self, grant: Option<&str>) -> Result<(), MigrateError> {
        let _pause = match &self.writer {
            Some(w) => Some(w.pause().await),
            None => None,
        };
        let run = async {
            self.check_is_renkei().await.map_err(MigrateError::NotRenkei)?;
            // Nothing to do is done without writing: a service whose role may
            // not change the schema starts on a schema its owner brought up
            // to date (`renkei migrate`).
            let pending = self.pending_migrations().await.map_err(MigrateError::Db)?;
            if !pending.is_empty() {
                Migrator::up(&self.conn, None).await.map_err(|e| {
                    MigrateError::Db(DbErr::Custom(format!(
                        "{e} (if this role may not change the schema, run `renkei migrate` as the database's owner, \
                         or set RENKEI_MIGRATION_DATABASE_URL to the owner's URL)"
                    )))
                })?;
            }
            // Entries from before the hash chain are linked once, in order,
            // by the run that brings the chain in; never again: a chain
            // emptied later must show as entries without links, not be
            // made anew over whatever the log then holds.
            if pending.iter().any(|m| m == audit::CHAIN_MIGRATION) {
                let tx = sea_orm::TransactionTrait::begin(&self.conn).await.map_err(MigrateError::Db)?;
                audit::link_existing(&tx).await.map_err(|e| MigrateError::Db(DbErr::Custom(e.to_string())))?;
                tx.commit().await.map_err(MigrateError::Db)?;
            }
            if let Some(role) = grant {
                self.grant_service_role(role).await.map_err(MigrateError::Db)?;
            }
            Ok(())
        };
        match self.backend {
            Backend::Sqlite => {
                let file =
                    lock_file(self.migration_lock_file()).await.map_err(|e| MigrateError::Db(DbErr::Custom(e)))?;
                let result = run.await;
                drop(file);
                result
            }
            Backend::Postgres => {
                // A session of its own holds the lock while the pool migrates.
                let mut holder = ConnectOptions::new(self.url.clone());
                holder.sqlx_logging(false).max_connections(1);
                let holder = sea_orm::Database::connect(holder).await.map_err(MigrateError::Db)?;
                holder.execute_unprepared("SELECT pg_advisory_lock(7265316)").await.map_err(MigrateError::Db)?;
                let result = run.await;
                let _ = holder.execute_unprepared("SELECT pg_advisory_unlock(7265316)").await;
                let _ = holder.close().await;
                result
            }
        }
    }

    /// The migrations not yet applied, by name (read only: a new database
    /// has them all).
    pub async fn pending_migrations(&self) -> Result<Vec<String>, DbErr> {
        let has_table = renkei_table_names(&self.conn, self.backend).await?.iter().any(|t| t == "seaql_migrations");
        if !has_table {
            return Ok(Migrator::migrations().iter().map(|m| m.name().to_owned()).collect());
        }
        Ok(Migrator::get_pending_migrations_read_only(&self.conn).await?.iter().map(|m| m.name().to_owned()).collect())
    }

    /// Refuses to serve a schema that is not up to date, for a service
    /// whose migrations its owner runs.
    pub async fn check_migrated(&self) -> Result<(), MigrateError> {
        self.check_is_renkei().await.map_err(MigrateError::NotRenkei)?;
        let pending = self.pending_migrations().await.map_err(MigrateError::Db)?;
        if !pending.is_empty() {
            return Err(MigrateError::Db(DbErr::Custom(format!(
                "{} migrations are not applied ({}): run `renkei migrate` as the database's owner",
                pending.len(),
                pending.join(", ")
            ))));
        }
        Ok(())
    }

    /// The role this connection acts as (PostgreSQL).
    pub async fn current_role(&self) -> Result<String, DbErr> {
        let row = self
            .conn
            .query_one_raw(Statement::from_string(self.conn.get_database_backend(), "SELECT current_user AS r"))
            .await?
            .ok_or_else(|| DbErr::Custom("no current_user".into()))?;
        row.try_get("", "r")
    }

    /// Whether this connection's role may change or empty the audit log
    /// (owns it, is a member of its owner, or is a superuser): always on
    /// SQLite, which has no roles.
    pub async fn may_rewrite_audit_log(&self) -> Result<bool, DbErr> {
        if self.backend == Backend::Sqlite {
            return Ok(true);
        }
        let sql = "SELECT bool_or(pg_has_role(current_user, c.relowner, 'USAGE') \
                   OR has_table_privilege(c.oid, 'TRUNCATE') OR has_table_privilege(c.oid, 'DELETE')) AS may \
                   FROM pg_class c WHERE c.relname IN ('audit_log', 'audit_chain') AND c.relkind = 'r'";
        let row = self.conn.query_one_raw(Statement::from_string(DbBackend::Postgres, sql)).await?;
        Ok(row.and_then(|r| r.try_get::<Option<bool>>("", "may").ok().flatten()).unwrap_or(true))
    }

    /// Gives `role` what the service needs of the schema and no more
    /// (PostgreSQL; run as the owner after migrating): every table's rows,
    /// but the audit log and its chain only to read and append, and of the
    /// audit log's columns only the two an erasure clears (its trigger lets
    /// them be set to null, nothing else). No role but the owner may alter
    /// a table, its triggers or their functions. Tables made by later
    /// migrations are granted the same by default.
    pub async fn grant_service_role(&self, role: &str) -> Result<(), DbErr> {
        if self.backend != Backend::Postgres {
            return Err(DbErr::Custom("roles are PostgreSQL's: SQLite has none".into()));
        }
        let valid = !role.is_empty()
            && role.len() <= 63
            && role.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
            && role.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            return Err(DbErr::Custom(format!(
                "'{role}' is not a role name renkei grants to (lowercase letters, digits and _, up to 63)"
            )));
        }
        if role == self.current_role().await? {
            return Err(DbErr::Custom(format!(
                "'{role}' is the owner running the migrations: the service must run as another role"
            )));
        }
        let check = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT r.rolsuper OR r.rolbypassrls AS mighty, pg_has_role(r.oid, current_user, 'MEMBER') AS member, \
             (SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c \
              WHERE c.relname = 'audit_log' AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace) AS owner \
             FROM pg_roles r WHERE r.rolname = $1",
            [role.into()],
        );
        let Some(row) = self.conn.query_one_raw(check).await? else {
            return Err(DbErr::Custom(format!(
                "role '{role}' does not exist: create it first (createuser {role}), then run this again"
            )));
        };
        if row.try_get::<Option<bool>>("", "owner")? != Some(true) {
            return Err(DbErr::Custom(
                "this role does not own renkei's tables: grant with the owner's URL (RENKEI_MIGRATION_DATABASE_URL)"
                    .into(),
            ));
        }
        if row.try_get::<bool>("", "mighty")? {
            return Err(DbErr::Custom(format!(
                "'{role}' is a superuser (or bypasses row security): it may do anything to the audit log; \
                 run the service as an ordinary role"
            )));
        }
        if row.try_get::<bool>("", "member")? {
            return Err(DbErr::Custom(format!(
                "'{role}' is a member of the owner role: it may do anything the owner may; \
                 run the service as a role of its own"
            )));
        }
        let statements = [
            format!("GRANT USAGE ON SCHEMA public TO \"{role}\""),
            format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \"{role}\""),
            format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO \"{role}\""),
            format!(
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO \"{role}\""
            ),
            format!("REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log, audit_chain FROM \"{role}\""),
            format!("GRANT UPDATE (detail, request_id) ON audit_log TO \"{role}\""),
            format!("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON seaql_migrations FROM \"{role}\""),
        ];
        let tx = self.conn.begin().await?;
        for s in &statements {
            tx.execute_unprepared(s).await?;
        }
        tx.commit().await
    }

    fn migration_lock_file(&self) -> std::path::PathBuf {
        let file = self.location.strip_prefix("sqlite ").unwrap_or(&self.location);
        std::path::PathBuf::from(format!("{file}.migrate-lock"))
    }

    /// Where the data is, for people: the SQLite file, or the PostgreSQL host
    /// and database (never the password).
    pub fn describe(&self) -> String {
        self.location.clone()
    }

    /// A round trip to the database, for the health check.
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.conn.execute_unprepared("SELECT 1").await.map(|_| ())
    }

    pub async fn close(self) -> Result<(), DbErr> {
        self.conn.close().await
    }
}

/// A write transaction; dropping it without [`WriteTx::commit`] undoes its
/// writes (on SQLite, its own writes only: see [`group`]).
pub struct WriteTx {
    // Declared before `turn`: the handle is given back before the turn ends.
    conn: TxConn,
    turn: Option<Turn>,
}

impl WriteTx {
    /// Commits; only then is the write done (a caller acknowledges nothing
    /// before this returns Ok). On SQLite it returns once the commit shared
    /// with the writes of the same moment has succeeded. On an error the
    /// connection is not reused inside a transaction (see the pool's
    /// `after_release`).
    pub async fn commit(self) -> Result<(), DbErr> {
        let TxConn { tx, full_at, fatal: _ } = self.conn;
        let done = match self.turn {
            Some(turn) => turn.commit(tx).await,
            None => match Arc::try_unwrap(tx) {
                Ok(tx) => tx.commit().await,
                Err(_) => Err(DbErr::Custom("the transaction is still in use".into())),
            },
        };
        done.map_err(|e| watch(&full_at, e))
    }
}

impl Deref for WriteTx {
    type Target = TxConn;
    fn deref(&self) -> &TxConn {
        &self.conn
    }
}

/// What a write transaction's statements go through: the transaction,
/// watched for storage found full (for the health check of this database).
pub struct TxConn {
    tx: Arc<DatabaseTransaction>,
    full_at: Arc<AtomicI64>,
    /// SQLite: set by an error after which the transaction may be gone.
    fatal: Option<group::Fatal>,
}

/// Notes a full disk in `full_at` when `err` says so; returns `err`.
fn watch(full_at: &AtomicI64, err: DbErr) -> DbErr {
    if is_storage_full(&err) {
        full_at.store(unix_now(), Ordering::Relaxed);
    }
    err
}

impl TxConn {
    /// Refuses a statement after an error that may have ended the
    /// transaction (see [`group::Fatal`]).
    fn refused(&self) -> Result<(), DbErr> {
        match self.fatal.as_ref().and_then(group::fatal_of) {
            Some(why) => Err(DbErr::Custom(why)),
            None => Ok(()),
        }
    }

    fn seen<T>(&self, r: Result<T, DbErr>) -> Result<T, DbErr> {
        r.map_err(|e| {
            if let Some(fatal) = &self.fatal
                && group::ends_transaction(&e)
                && let Ok(mut f) = fatal.lock()
            {
                f.get_or_insert_with(|| e.to_string());
            }
            watch(&self.full_at, e)
        })
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for TxConn {
    fn get_database_backend(&self) -> DbBackend {
        self.tx.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.refused()?;
        self.seen(self.tx.execute_raw(stmt).await)
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.refused()?;
        self.seen(self.tx.execute_unprepared(sql).await)
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.refused()?;
        self.seen(self.tx.query_one_raw(stmt).await)
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.refused()?;
        self.seen(self.tx.query_all_raw(stmt).await)
    }

    fn support_returning(&self) -> bool {
        self.tx.support_returning()
    }
}

/// Why the schema could not be brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error(transparent)]
    NotRenkei(ConnectError),
    #[error(transparent)]
    Db(DbErr),
}

/// Storage failures the service layer tells apart.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the row (a code already taken, ...).
    #[error("already exists")]
    Duplicate,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl StoreError {
    pub fn from_insert(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => Self::Duplicate,
            _ => Self::Db(err),
        }
    }
}

/// A file that exists must be an SQLite database (a new one is created
/// where there is no file at all). An empty file is not: SQLite would take it
/// for a new database, and a healthy, empty service would start where data
/// was expected (a failed copy, a restore gone wrong).
fn check_sqlite_file(file: &Path) -> Result<bool, ConnectError> {
    use std::io::Read;
    let name = || file.display().to_string();
    let mut f = match std::fs::File::open(file) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(ConnectError::Connect(format!("{}: {e}", name()))),
    };
    let mut head = [0u8; 16];
    let n = f.read(&mut head).map_err(|e| ConnectError::Connect(format!("{}: {e}", name())))?;
    if n == 0 {
        return Err(ConnectError::NotRenkei(name(), "an empty file"));
    }
    if n < 16 || &head != b"SQLite format 3\0" {
        return Err(ConnectError::NotRenkei(name(), "not an SQLite database"));
    }
    Ok(true)
}

/// Whether a database's tables are renkei's (or it has none yet); else why not.
/// The tables of the schema in use.
async fn renkei_table_names(conn: &DatabaseConnection, backend: Backend) -> Result<Vec<String>, DbErr> {
    let sql = match backend {
        Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        Backend::Postgres => "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()",
    };
    let rows = conn.query_all_raw(sea_orm::Statement::from_string(conn.get_database_backend(), sql)).await?;
    Ok(rows.iter().filter_map(|r| r.try_get::<String>("", "name").ok()).collect())
}

pub async fn renkei_tables(conn: &DatabaseConnection, backend: Backend) -> Result<(), &'static str> {
    let unreadable = "it cannot be read";
    let tables = renkei_table_names(conn, backend).await.map_err(|_| unreadable)?;
    if tables.is_empty() {
        return Ok(());
    }
    if !tables.iter().any(|t| t == "seaql_migrations") {
        return Err("it has tables of another program");
    }
    let first = sea_orm::Statement::from_string(
        conn.get_database_backend(),
        "SELECT COUNT(*) AS n FROM seaql_migrations WHERE version = 'm20261121_000001_foundation'",
    );
    let ours = conn
        .query_one_raw(first)
        .await
        .map_err(|_| unreadable)?
        .and_then(|r| r.try_get::<i64>("", "n").ok())
        .unwrap_or(0);
    if ours == 0 {
        return Err("its migrations are another program's");
    }
    Ok(())
}

/// Waits for an exclusive lock on `path` (created if need be); held until the
/// file returned is dropped.
async fn lock_file(path: std::path::PathBuf) -> Result<std::fs::File, String> {
    tokio::task::spawn_blocking(move || -> std::io::Result<std::fs::File> {
        let f = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
        f.lock()?;
        Ok(f)
    })
    .await
    .map_err(|e| format!("lock: {e}"))?
    .map_err(|e| format!("lock: {e}"))
}

/// An SQLite file opened read-only, one connection: for looking at a file
/// (a backup, a database not yet known to be renkei's) without changing it.
pub async fn open_read_only(file: &Path) -> Result<DatabaseConnection, ConnectError> {
    let look = SqliteConnectOptions::new().filename(file).read_only(true).disable_statement_logging();
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(look)
        .await
        .map_err(|e| ConnectError::Connect(e.to_string()))?;
    Ok(SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
}

fn create_dir(dir: &Path) -> Result<(), ConnectError> {
    std::fs::create_dir_all(dir).map_err(|e| ConnectError::CreateDir(dir.display().to_string(), e))
}

/// Error texts from the driver may quote the URL, password included.
fn redact_error(message: &str, url: &str) -> String {
    match url::Url::parse(url).ok().and_then(|u| u.password().map(str::to_owned)) {
        Some(pw) if !pw.is_empty() => message.replace(&pw, "***"),
        _ => message.to_owned(),
    }
}
