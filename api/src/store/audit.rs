//! The append-only audit log. There is deliberately no update or delete here.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, Statement,
};
use uuid::Uuid;

use super::StoreError;
use super::entity::{audit_chain, audit_log};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};

/// One entry to append. Build it with [`AuditEntry::new`] and the setters.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub actor: Actor,
    pub on_behalf_of: Option<Uuid>,
    pub action: AuditAction,
    pub subject: Option<(SubjectKind, String)>,
    pub network_id: Option<Uuid>,
    pub facility_id: Option<Uuid>,
    pub channel: Channel,
    pub request_id: Option<String>,
    /// Structured facts about the change. Never personal or medical data.
    pub detail: Option<serde_json::Value>,
}

impl AuditEntry {
    pub fn new(actor: &Actor, action: AuditAction, channel: Channel) -> Self {
        Self {
            actor: actor.clone(),
            on_behalf_of: None,
            action,
            subject: None,
            network_id: None,
            facility_id: None,
            channel,
            request_id: None,
            detail: None,
        }
    }

    pub fn subject(mut self, kind: SubjectKind, id: impl ToString) -> Self {
        self.subject = Some((kind, id.to_string()));
        self
    }

    pub fn network(mut self, id: Uuid) -> Self {
        self.network_id = Some(id);
        self
    }

    pub fn facility(mut self, id: Uuid) -> Self {
        self.facility_id = Some(id);
        self
    }

    pub fn request_id(mut self, id: Option<String>) -> Self {
        self.request_id = id;
        self
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = Some(detail);
        self
    }
}

/// A link after the guessed head, if that is still the head (the link at
/// the guessed place has the guessed hash, and nothing follows it). The
/// entry's id comes from `$entry` (read `$from`); the link's values are
/// parameters `$first` on, in the order of [`link_values`].
macro_rules! link_after_guess {
    ($p:literal, $from:literal, $entry:literal, $first:tt) => {
        link_after_guess!(@ $p, $from, $entry, $first)
    };
    (@ $p:literal, $from:literal, $entry:literal, 2) => {
        link_after_guess!(@@ $p, $from, $entry, "2", "3", "4", "5", "6", "7")
    };
    (@ $p:literal, $from:literal, $entry:literal, 14) => {
        link_after_guess!(@@ $p, $from, $entry, "14", "15", "16", "17", "18", "19")
    };
    (@@ $p:literal, $from:literal, $entry:literal, $seq:literal, $prev:literal, $hash:literal, $dd:literal, $rd:literal, $head:literal) => {
        concat!(
            "INSERT INTO audit_chain (entry_id, seq, prev_hash, hash, detail_digest, request_digest) SELECT ",
            $entry, ", ", $p, $seq, ", ", $p, $prev, ", ", $p, $hash, ", ", $p, $dd, ", ", $p, $rd,
            $from,
            " WHERE EXISTS (SELECT 1 FROM audit_chain WHERE seq = ", $p, $head, " AND hash = ", $p, $prev, ")",
            " ON CONFLICT (seq) DO NOTHING"
        )
    };
}

/// Appends the entry and its link of the hash chain, in the caller's
/// transaction (`domain::audit_chain`).
pub async fn append(db: &impl ConnectionTrait, e: AuditEntry, at: DateTime<Utc>) -> Result<Uuid, StoreError> {
    use chrono::SubsecRound;
    // The time as both databases keep it, so that the chain covers what is stored.
    let at = at.trunc_subsecs(6);
    let id = Uuid::now_v7();
    let (subject_kind, subject_id) = match e.subject {
        Some((k, id)) => (Some(k.as_str().to_owned()), Some(id)),
        None => (None, None),
    };
    // What is stored, as the chain covers it (no read back).
    let stored = audit_log::Model {
        id,
        at,
        actor_kind: e.actor.kind().as_str().to_owned(),
        actor_id: e.actor.audit_id(),
        on_behalf_of: e.on_behalf_of,
        action: e.action.as_str().to_owned(),
        subject_kind,
        subject_id,
        network_id: e.network_id,
        facility_id: e.facility_id,
        channel: e.channel.as_str().to_owned(),
        request_id: e.request_id,
        detail: e.detail,
    };
    let digests = Digests::of(&stored);
    let backend = db.get_database_backend();
    // The usual case, one statement (a round trip is most of what a link
    // costs): the chain locked (PostgreSQL), the entry, and its link after
    // the head this process knows if that is still the head (it is there,
    // and nothing follows it). Without a guess, the link waits for the head.
    let guess = cached_head().filter(|(s, _)| *s < i64::MAX).unwrap_or((0, String::new()));
    let (seq, hash) = (guess.0 + 1, digests.link_hash(&stored, guess.0 + 1, &guess.1));
    let mut values = entry_values(&stored).to_vec();
    values.extend(link_values(&digests, seq, &guess.1, &hash, guess.0));
    let sql = match backend {
        DbBackend::Postgres => ENTRY_AND_LINK_POSTGRES,
        _ => ENTRY_AND_LINK_SQLITE,
    };
    let changed = db.execute_raw(Statement::from_sql_and_values(backend, sql, values)).await?.rows_affected();
    // PostgreSQL counts the link; SQLite the entry and the link.
    if changed == if backend == DbBackend::Postgres { 1 } else { 2 } {
        cache_head(seq, &hash);
        return Ok(id);
    }
    // The chain is locked now. On PostgreSQL the statement may have waited
    // for the lock while another writer committed the link this process
    // then knew as the head, which its snapshot could not see: try that
    // head again, then the head as the database has it.
    if let Some(head) = cached_head().filter(|h| *h != guess && h.0 < i64::MAX)
        && link_after(db, &stored, &digests, head).await?
    {
        return Ok(id);
    }
    link_at_head(db, &stored, &digests).await?;
    Ok(id)
}

/// A link's values after the entry's: place, the hash before, its hash,
/// the digests, and the place of the guessed head.
fn link_values(digests: &Digests, seq: i64, prev: &str, hash: &str, head_seq: i64) -> [sea_orm::Value; 6] {
    [
        seq.into(),
        prev.to_owned().into(),
        hash.to_owned().into(),
        digests.detail.clone().into(),
        digests.request.clone().into(),
        head_seq.into(),
    ]
}

/// Links the entry after `head` if that is still the head (one statement).
async fn link_after(
    db: &impl ConnectionTrait,
    e: &audit_log::Model,
    digests: &Digests,
    head: (i64, String),
) -> Result<bool, StoreError> {
    let backend = db.get_database_backend();
    let (seq, hash) = (head.0 + 1, digests.link_hash(e, head.0 + 1, &head.1));
    let mut values = vec![e.id.into()];
    values.extend(link_values(digests, seq, &head.1, &hash, head.0));
    let sql = match backend {
        DbBackend::Postgres => link_after_guess!("$", "", "$1", 2),
        _ => link_after_guess!("?", "", "?1", 2),
    };
    let linked = db.execute_raw(Statement::from_sql_and_values(backend, sql, values)).await?.rows_affected() == 1;
    if linked {
        cache_head(seq, &hash);
    }
    Ok(linked)
}

/// One chain for every writer: on PostgreSQL a transaction-scoped lock,
/// taken by the statement that writes an entry (held to commit, so that
/// writers link one after another); SQLite has one writer at a time
/// already. The unique place and the check of the guessed head are what
/// keep the chain whole; the lock keeps writers from racing for a place.
macro_rules! chain_lock {
    () => {
        "8243116100513497089" // 0x7265_6e6b_6569_0001
    };
}

/// The entry's columns, in the order of [`entry_values`].
macro_rules! entry_columns {
    () => {
        "id, at, actor_kind, actor_id, on_behalf_of, action, subject_kind, subject_id, \
         network_id, facility_id, channel, request_id, detail"
    };
}

macro_rules! entry_sqlite {
    () => {
        concat!(
            "INSERT INTO audit_log (",
            entry_columns!(),
            ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
        )
    };
}

/// The stored entry's values, in the order of [`entry_columns`].
fn entry_values(e: &audit_log::Model) -> [sea_orm::Value; 13] {
    [
        e.id.into(),
        e.at.into(),
        e.actor_kind.clone().into(),
        e.actor_id.clone().into(),
        e.on_behalf_of.into(),
        e.action.clone().into(),
        e.subject_kind.clone().into(),
        e.subject_id.clone().into(),
        e.network_id.into(),
        e.facility_id.into(),
        e.channel.clone().into(),
        e.request_id.clone().into(),
        e.detail.clone().into(),
    ]
}

/// The entry, then its link after the guessed head (?19, hash ?15) if that
/// is there and nothing follows it: two statements sent as one (numbered
/// parameters are shared by both).
const ENTRY_AND_LINK_SQLITE: &str = concat!(entry_sqlite!(), "; ", link_after_guess!("?", "", "?1", 14));

/// As [`ENTRY_AND_LINK_SQLITE`], in one statement, which first takes the
/// chain's lock (the entry's insert reads from it, and a data-modifying
/// WITH always runs to its end): the entry is written whether or not the
/// link is, and the chain is locked either way.
const ENTRY_AND_LINK_POSTGRES: &str = concat!(
    "WITH l AS MATERIALIZED (SELECT pg_advisory_xact_lock(",
    chain_lock!(),
    ")), e AS (INSERT INTO audit_log (",
    entry_columns!(),
    ") SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 FROM l RETURNING id) ",
    link_after_guess!("$", " FROM e", "e.id", 14)
);

async fn lock_chain(db: &impl ConnectionTrait) -> Result<(), StoreError> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared(concat!("SELECT pg_advisory_xact_lock(", chain_lock!(), ")")).await?;
    }
    Ok(())
}

/// The head this process last linked to or read: (place, hash). A guess,
/// checked by the statement that uses it (`append`), so that it may be
/// stale or of another database (tests open many) without harm.
static HEAD: std::sync::Mutex<Option<(i64, String)>> = std::sync::Mutex::new(None);

fn cached_head() -> Option<(i64, String)> {
    HEAD.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
}

fn cache_head(seq: i64, hash: &str) {
    *HEAD.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some((seq, hash.to_owned()));
}

/// The digests of a stored entry's detail and request id.
struct Digests {
    detail: Option<String>,
    request: Option<String>,
}

impl Digests {
    fn of(e: &audit_log::Model) -> Self {
        Self {
            detail: crate::domain::audit_chain::detail_digest(e.detail.as_ref()),
            request: crate::domain::audit_chain::request_digest(e.request_id.as_deref()),
        }
    }

    fn link_hash(&self, e: &audit_log::Model, seq: i64, prev: &str) -> String {
        crate::domain::audit_chain::link_hash(seq, prev, &content(e, self.detail.as_deref(), self.request.as_deref()))
    }
}

/// Links an entry already written after the chain's head as the database
/// has it (the chain locked, on PostgreSQL).
async fn link_at_head(db: &impl ConnectionTrait, e: &audit_log::Model, digests: &Digests) -> Result<(), StoreError> {
    use crate::domain::audit_chain::GENESIS;
    let head = audit_chain::Entity::find().order_by_desc(audit_chain::Column::Seq).one(db).await?;
    let (seq, prev) = match head {
        None => (1, GENESIS.to_owned()),
        Some(h) => {
            // Only a link put there by hand is at the last place there is.
            let next = h.seq.checked_add(1).ok_or_else(|| {
                DbErr::Custom(format!(
                    "the audit chain's last link is at place {}: it was put there by hand; \
                     run `renkei admin audit verify`",
                    h.seq
                ))
            })?;
            (next, h.hash)
        }
    };
    let hash = digests.link_hash(e, seq, &prev);
    let row = audit_chain::ActiveModel {
        entry_id: Set(e.id),
        seq: Set(seq),
        prev_hash: Set(prev),
        hash: Set(hash.clone()),
        detail_digest: Set(digests.detail.clone()),
        request_digest: Set(digests.request.clone()),
    };
    audit_chain::Entity::insert(row).exec_without_returning(db).await?;
    cache_head(seq, &hash);
    Ok(())
}

/// What the chain covers of a stored entry, with the digests given.
pub fn content<'a>(
    e: &'a audit_log::Model,
    detail_digest: Option<&'a str>,
    request_digest: Option<&'a str>,
) -> crate::domain::audit_chain::Content<'a> {
    crate::domain::audit_chain::Content {
        id: e.id,
        at: e.at,
        actor_kind: &e.actor_kind,
        actor_id: e.actor_id.as_deref(),
        on_behalf_of: e.on_behalf_of,
        action: &e.action,
        subject_kind: e.subject_kind.as_deref(),
        subject_id: e.subject_id.as_deref(),
        network_id: e.network_id,
        facility_id: e.facility_id,
        channel: &e.channel,
        detail_digest,
        request_digest,
    }
}

/// The migration that brings the chain in (`Db::check_and_migrate` links
/// the entries already in the log in the same run, and only then).
pub const CHAIN_MIGRATION: &str = "m20261206_000016_audit_chain";

/// Links the entries already in the log when the chain is new (the run
/// that applies [`CHAIN_MIGRATION`]), in their order. An entry without a
/// link is never linked afterwards: `verify` reports it.
pub async fn link_existing(db: &impl ConnectionTrait) -> Result<u64, StoreError> {
    if audit_chain::Entity::find().one(db).await?.is_some() {
        return Ok(0);
    }
    let entries = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::At)
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?;
    lock_chain(db).await?;
    for e in &entries {
        link_at_head(db, e, &Digests::of(e)).await?;
    }
    Ok(entries.len() as u64)
}

/// The chain's links in order, `limit` from place `from`.
pub async fn chain_from(
    db: &impl ConnectionTrait,
    from: i64,
    limit: u64,
) -> Result<Vec<audit_chain::Model>, StoreError> {
    use sea_orm::QuerySelect;
    Ok(audit_chain::Entity::find()
        .filter(audit_chain::Column::Seq.gte(from))
        .order_by_asc(audit_chain::Column::Seq)
        .limit(limit)
        .all(db)
        .await?)
}

/// The hashes of the links at these places, by place (one query).
pub async fn hashes_at(
    db: &impl ConnectionTrait,
    places: &[i64],
) -> Result<std::collections::HashMap<i64, String>, StoreError> {
    if places.is_empty() {
        return Ok(Default::default());
    }
    Ok(audit_chain::Entity::find()
        .filter(audit_chain::Column::Seq.is_in(places.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.seq, l.hash))
        .collect())
}

/// An entry as a walk of the chain reads it. (Nearly every row is the large
/// variant: boxing it would only add an allocation to each.)
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
pub enum Linked {
    Present(audit_log::Model),
    /// No entry has the link's id.
    Gone,
    /// The entry holds a value the service never writes (not a time, not
    /// JSON, ...): it was changed by hand.
    Unreadable,
}

/// One row of a walk: a link with its entry, or a link that cannot be read
/// (with its entry's id, if that much can).
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
pub enum LinkRead {
    Link(audit_chain::Model, Linked),
    Unreadable(Option<Uuid>),
}

/// On SQLite, whether a link's and an entry's values are of the kinds the
/// service writes (uuids as 16-byte blobs, texts as text): another kind
/// may read as the same value here, yet not match it in SQL (a facility's
/// id kept as text is not the id a query looks for).
macro_rules! as_written_sqlite {
    () => {
        "(typeof(c.entry_id) = 'blob' AND typeof(c.prev_hash) = 'text' AND typeof(c.hash) = 'text' \
          AND typeof(c.detail_digest) IN ('text', 'null') AND typeof(c.request_digest) IN ('text', 'null')) \
          AS link_as_written, \
         (typeof(a.id) = 'blob' AND typeof(a.at) = 'text' AND typeof(a.actor_kind) = 'text' \
          AND typeof(a.actor_id) IN ('text', 'null') AND typeof(a.on_behalf_of) IN ('blob', 'null') \
          AND typeof(a.action) = 'text' AND typeof(a.subject_kind) IN ('text', 'null') \
          AND typeof(a.subject_id) IN ('text', 'null') AND typeof(a.network_id) IN ('blob', 'null') \
          AND typeof(a.facility_id) IN ('blob', 'null') AND typeof(a.channel) = 'text' \
          AND typeof(a.request_id) IN ('text', 'null') AND typeof(a.detail) IN ('text', 'null')) \
          AS entry_as_written"
    };
}

/// Links with their entries, value by value (the walk's plain reading).
macro_rules! links_postgres {
    () => {
        "SELECT c.*, a.* FROM audit_chain c LEFT JOIN audit_log a ON a.id = c.entry_id "
    };
}

/// As [`links_postgres`], with whether the values are of the kinds written.
macro_rules! links_sqlite {
    () => {
        concat!(
            "SELECT c.*, a.*, ",
            as_written_sqlite!(),
            " FROM audit_chain c LEFT JOIN audit_log a ON a.id = c.entry_id "
        )
    };
}

/// Up to `limit` links after place `after`, in order, each with its entry,
/// in one query. A value that cannot be read is said, not an error: the
/// walk goes on and names it.
pub async fn links_after(db: &impl ConnectionTrait, after: i64, limit: u64) -> Result<Vec<LinkRead>, StoreError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => concat!(links_postgres!(), "WHERE c.seq > $1 ORDER BY c.seq LIMIT $2"),
        _ => concat!(links_sqlite!(), "WHERE c.seq > ? ORDER BY c.seq LIMIT ?"),
    };
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, [after.into(), limit.into()])).await?;
    Ok(rows.iter().map(|row| link_read(row, backend)).collect())
}

/// The links at places after `after` up to `upto`, in order, each with its
/// entry, in one query (as [`links_after`]).
pub async fn links_between(db: &impl ConnectionTrait, after: i64, upto: i64) -> Result<Vec<LinkRead>, StoreError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => concat!(links_postgres!(), "WHERE c.seq > $1 AND c.seq <= $2 ORDER BY c.seq"),
        _ => concat!(links_sqlite!(), "WHERE c.seq > ? AND c.seq <= ? ORDER BY c.seq"),
    };
    let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, [after.into(), upto.into()])).await?;
    Ok(rows.iter().map(|row| link_read(row, backend)).collect())
}

/// The stored form of a time, as the driver writes it on SQLite.
fn time_as_written(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
}

fn link_read(row: &sea_orm::QueryResult, backend: DbBackend) -> LinkRead {
    use sea_orm::FromQueryResult;
    // PostgreSQL's columns hold one kind and one form each; SQLite's are
    // checked (`as_written_sqlite`).
    let sqlite = backend == DbBackend::Sqlite;
    let as_written = |column: &str| !sqlite || row.try_get::<bool>("", column).unwrap_or(false);
    match audit_chain::Model::from_query_result(row, "") {
        Ok(link) if as_written("link_as_written") => {
            let entry = match row.try_get::<Option<Uuid>>("", "id") {
                Ok(None) => Linked::Gone,
                Ok(Some(_)) => match audit_log::Model::from_query_result(row, "") {
                    Ok(e) if as_written("entry_as_written") && (!sqlite || stored_as_written(row, &e)) => {
                        Linked::Present(e)
                    }
                    _ => Linked::Unreadable,
                },
                Err(_) => Linked::Unreadable,
            };
            LinkRead::Link(link, entry)
        }
        _ => LinkRead::Unreadable(row.try_get::<Uuid>("", "entry_id").ok()),
    }
}

/// On SQLite, whether the entry's time and detail are stored in the forms
/// the service writes (another form of the same time sorts differently in
/// SQL; another form of the same detail, with a key twice, reads
/// differently elsewhere).
fn stored_as_written(row: &sea_orm::QueryResult, e: &audit_log::Model) -> bool {
    let at = row.try_get::<String>("", "at").ok();
    let detail = row.try_get::<Option<String>>("", "detail").ok();
    at.as_deref() == Some(time_as_written(&e.at).as_str()) && detail == Some(e.detail.as_ref().map(|d| d.to_string()))
}

/// A link and its entry as SQLite holds them, read as two values instead
/// of nineteen (most of a walk's time is the driver copying each value): the
/// fields joined by U+001F, each led by its kind (`n` null, `t` text, `b` a
/// blob in hex, `i` an integer, `r` anything else).
macro_rules! packed {
    ($($col:literal),* $(,)?) => {
        concat!("SELECT c.seq AS seq, ", packed!(@join $($col),*), " AS packed ",
                "FROM audit_chain c LEFT JOIN audit_log a ON a.id = c.entry_id ")
    };
    (@join $first:literal $(, $col:literal)*) => {
        concat!(packed!(@field $first) $(, " || char(31) || ", packed!(@field $col))*)
    };
    (@field $col:literal) => {
        concat!("(CASE typeof(", $col, ") WHEN 'null' THEN 'n' WHEN 'text' THEN 't' || ", $col,
                " WHEN 'blob' THEN 'b' || hex(", $col, ") WHEN 'integer' THEN 'i' || ", $col,
                " ELSE 'r' END)")
    };
}

const PACKED_BETWEEN_SQLITE: &str = concat!(
    packed!(
        "c.entry_id",
        "c.prev_hash",
        "c.hash",
        "c.detail_digest",
        "c.request_digest",
        "a.id",
        "a.at",
        "a.actor_kind",
        "a.actor_id",
        "a.on_behalf_of",
        "a.action",
        "a.subject_kind",
        "a.subject_id",
        "a.network_id",
        "a.facility_id",
        "a.channel",
        "a.request_id",
        "a.detail",
    ),
    "WHERE c.seq > ? AND c.seq <= ? ORDER BY c.seq"
);

/// The links after place `after` up to `upto` with their entries, as
/// [`links_between`] reads them, on SQLite, packed (see [`unpack`]).
/// `None` elsewhere.
pub async fn packed_links_between(
    db: &impl ConnectionTrait,
    after: i64,
    upto: i64,
) -> Result<Option<Vec<(i64, String)>>, StoreError> {
    use sea_orm::FromQueryResult;
    #[derive(FromQueryResult)]
    struct Row {
        seq: i64,
        packed: String,
    }
    let backend = db.get_database_backend();
    if backend != DbBackend::Sqlite {
        return Ok(None);
    }
    let rows = Row::find_by_statement(Statement::from_sql_and_values(
        backend,
        PACKED_BETWEEN_SQLITE,
        [after.into(), upto.into()],
    ))
    .all(db)
    .await?;
    Ok(Some(rows.into_iter().map(|r| (r.seq, r.packed)).collect()))
}

/// A packed link and entry, if each value is as the service writes it (a
/// present entry; uuids as 16 bytes; the time as the driver writes it;
/// JSON that parses). Anything else is `None`: read such a page as
/// [`links_between`] does, which names every oddity.
/// The detail's text comes back too: it is the form the service writes.
pub fn unpack(seq: i64, packed: &str) -> Option<(audit_chain::Model, audit_log::Model, Option<String>)> {
    let mut f = packed.split('\u{1f}');
    let mut next = || f.next();
    fn text(v: Option<&str>) -> Option<String> {
        v?.strip_prefix('t').map(str::to_owned)
    }
    fn text_or_null(v: Option<&str>) -> Option<Option<String>> {
        match v? {
            "n" => Some(None),
            v => v.strip_prefix('t').map(|t| Some(t.to_owned())),
        }
    }
    fn uuid(v: Option<&str>) -> Option<Uuid> {
        let hex = v?.strip_prefix('b').filter(|h| h.len() == 32)?;
        Uuid::try_parse(hex).ok()
    }
    fn uuid_or_null(v: Option<&str>) -> Option<Option<Uuid>> {
        match v? {
            "n" => Some(None),
            v => uuid(Some(v)).map(Some),
        }
    }
    let link = audit_chain::Model {
        entry_id: uuid(next())?,
        seq,
        prev_hash: text(next())?,
        hash: text(next())?,
        detail_digest: text_or_null(next())?,
        request_digest: text_or_null(next())?,
    };
    let id = uuid(next())?;
    let at_text = text(next())?;
    let at = chrono::DateTime::parse_from_rfc3339(&at_text).ok()?.with_timezone(&Utc);
    // Only the driver's own form: another one is read the slow way.
    if time_as_written(&at) != at_text {
        return None;
    }
    let mut entry = audit_log::Model {
        id,
        at,
        actor_kind: text(next())?,
        actor_id: text_or_null(next())?,
        on_behalf_of: uuid_or_null(next())?,
        action: text(next())?,
        subject_kind: text_or_null(next())?,
        subject_id: text_or_null(next())?,
        network_id: uuid_or_null(next())?,
        facility_id: uuid_or_null(next())?,
        channel: text(next())?,
        request_id: text_or_null(next())?,
        detail: None,
    };
    let written_detail = text_or_null(next())?;
    if let Some(t) = &written_detail {
        let d: serde_json::Value = serde_json::from_str(t).ok()?;
        // Only the form the service writes (the plain reading names others).
        if !serde_json::to_string(&d).is_ok_and(|w| w == *t) {
            return None;
        }
        entry.detail = Some(d);
    }
    // Exactly the fields written: a text holding U+001F shows as one more.
    if next().is_some() {
        return None;
    }
    Some((link, entry, written_detail))
}

/// The places the chain's links from place 1 on take: the first, the last,
/// and how many links there are (`None` if there are none).
pub async fn places(db: &impl ConnectionTrait) -> Result<Option<(i64, i64, i64)>, StoreError> {
    use sea_orm::FromQueryResult;
    #[derive(FromQueryResult)]
    struct Row {
        first: Option<i64>,
        last: Option<i64>,
        n: i64,
    }
    let backend = db.get_database_backend();
    let sql = "SELECT min(seq) AS first, max(seq) AS last, count(*) AS n FROM audit_chain WHERE seq > 0";
    let row = Row::find_by_statement(Statement::from_string(backend, sql)).one(db).await?;
    Ok(row.and_then(|r| Some((r.first?, r.last?, r.n))))
}

/// Links put at places before the first (0 or less): no walk reaches them.
pub async fn links_before_start(db: &impl ConnectionTrait) -> Result<Vec<(i64, Uuid)>, StoreError> {
    Ok(audit_chain::Entity::find()
        .filter(audit_chain::Column::Seq.lt(1))
        .order_by_asc(audit_chain::Column::Seq)
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.seq, l.entry_id))
        .collect())
}

/// The chain places of these entries (an entry without a link has none).
pub async fn seqs_of(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, i64>, StoreError> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(audit_chain::Entity::find()
        .filter(audit_chain::Column::EntryId.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.entry_id, l.seq))
        .collect())
}

/// The person each of these consents is of.
pub async fn consent_owners(
    db: &impl ConnectionTrait,
    ids: &std::collections::HashSet<Uuid>,
) -> Result<std::collections::HashMap<Uuid, Uuid>, StoreError> {
    use super::entity::consent;
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(consent::Entity::find()
        .filter(consent::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.resident_id))
        .collect())
}

/// How many entries the log holds, less the links after place `upto` (the
/// entries a walk up to there should have met, if each has its link), in
/// one statement so that entries written meanwhile are counted both ways.
pub async fn count_entries_upto(db: &impl ConnectionTrait, upto: i64) -> Result<i64, StoreError> {
    use sea_orm::FromQueryResult;
    #[derive(FromQueryResult)]
    struct Row {
        n: i64,
    }
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT ((SELECT count(*) FROM audit_log) - (SELECT count(*) FROM audit_chain WHERE seq > $1))::bigint AS n"
        }
        _ => "SELECT (SELECT count(*) FROM audit_log) - (SELECT count(*) FROM audit_chain WHERE seq > ?) AS n",
    };
    let row = Row::find_by_statement(Statement::from_sql_and_values(backend, sql, [upto.into()])).one(db).await?;
    Ok(row.map_or(0, |r| r.n))
}

/// Ids of the entries that have no link (inserted outside the service).
pub async fn unlinked(db: &impl ConnectionTrait) -> Result<Vec<Uuid>, StoreError> {
    use sea_orm::FromQueryResult;
    #[derive(FromQueryResult)]
    struct Row {
        id: Uuid,
    }
    let backend = db.get_database_backend();
    let sql = "SELECT a.id FROM audit_log a LEFT JOIN audit_chain c ON c.entry_id = a.id WHERE c.entry_id IS NULL";
    Ok(Row::find_by_statement(Statement::from_string(backend, sql)).all(db).await?.into_iter().map(|r| r.id).collect())
}

/// Entries about one subject, oldest first.
pub async fn for_subject(
    db: &impl ConnectionTrait,
    kind: SubjectKind,
    id: &str,
) -> Result<Vec<audit_log::Model>, StoreError> {
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::SubjectKind.eq(kind.as_str()))
        .filter(audit_log::Column::SubjectId.eq(id))
        .order_by_asc(audit_log::Column::At)
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?)
}

/// The newest entries, newest first (operators' view).
pub async fn recent(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<audit_log::Model>, StoreError> {
    use sea_orm::QuerySelect;
    Ok(audit_log::Entity::find()
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// A page of the entries about a person (`people`: their id and those of
/// records combined into theirs) with one of `actions`, newest first,
/// before the entry `before`: not the person's own doings, and none at the
/// facilities in `leave_out`.
pub async fn about_person_page(
    db: &impl ConnectionTrait,
    people: &[Uuid],
    actions: &[&str],
    leave_out: &std::collections::HashSet<Uuid>,
    before: Option<Uuid>,
    limit: u64,
) -> Result<Vec<audit_log::Model>, StoreError> {
    use sea_orm::{Condition, QuerySelect};
    let me: Vec<String> = people.iter().map(Uuid::to_string).collect();
    let about = Condition::any()
        .add(
            Condition::all()
                .add(audit_log::Column::SubjectKind.eq("resident"))
                .add(audit_log::Column::SubjectId.is_in(me.clone())),
        )
        .add(audit_log::Column::OnBehalfOf.is_in(people.iter().copied()));
    let not_self = Condition::any()
        .add(audit_log::Column::ActorKind.ne("resident"))
        .add(audit_log::Column::ActorId.is_null())
        .add(audit_log::Column::ActorId.is_not_in(me));
    let mut q = audit_log::Entity::find()
        .filter(about)
        .filter(not_self)
        .filter(audit_log::Column::Action.is_in(actions.iter().copied()));
    if !leave_out.is_empty() {
        q = q.filter(
            Condition::any()
                .add(audit_log::Column::FacilityId.is_null())
                .add(audit_log::Column::FacilityId.is_not_in(leave_out.iter().copied())),
        );
    }
    if let Some(before) = before
        && let Some(b) = audit_log::Entity::find_by_id(before).one(db).await?
    {
        q = q.filter(
            Condition::any()
                .add(audit_log::Column::At.lt(b.at))
                .add(Condition::all().add(audit_log::Column::At.eq(b.at)).add(audit_log::Column::Id.lt(b.id))),
        );
    }
    Ok(q.order_by_desc(audit_log::Column::At).order_by_desc(audit_log::Column::Id).limit(limit).all(db).await?)
}

/// The entries with one of `actions` since `since`, oldest first.
pub async fn since(
    db: &impl ConnectionTrait,
    actions: &[&str],
    since: DateTime<Utc>,
) -> Result<Vec<audit_log::Model>, StoreError> {
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::Action.is_in(actions.iter().copied()))
        .filter(audit_log::Column::At.gte(since))
        .order_by_asc(audit_log::Column::At)
        .all(db)
        .await?)
}
