//! Walking the audit log's hash chain (`domain::audit_chain`): every link
//! against its entry and the link before it, and every entry for its link.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use super::ServiceError;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit_chain::{self, Break, GENESIS};
use crate::state::AppState;
use crate::store::audit;
use crate::store::entity::{audit_chain as audit_chain_row, audit_log};

/// How many links are read at a time.
const PAGE: u64 = 5_000;

/// What a walk found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Links walked.
    pub entries: i64,
    /// The hash of the last link (what a checkpoint signs).
    pub head: String,
    pub breaks: Vec<Break>,
}

/// What one link and its entry say, on their own (checked in parallel).
struct Checked {
    seq: i64,
    entry_id: Uuid,
    prev_hash: String,
    hash: String,
    verdict: Verdict,
    /// An erasure's entry: the person and the entries it lists.
    erasure: Option<(Vec<String>, Vec<Uuid>)>,
}

enum Verdict {
    Sound,
    Deleted,
    Edited,
    /// Detail or request id gone: the erasure's, or not (judged at the end).
    Cleared(Box<audit_log::Model>),
}

/// `written_detail`: the entry's detail as stored, when it is known to be
/// in the form the service writes (its digest is then that text's).
fn check_link(link: audit_chain_row::Model, entry: audit::Linked, written_detail: Option<&str>) -> Checked {
    let mut erasure = None;
    let verdict = match entry {
        audit::Linked::Gone => Verdict::Deleted,
        audit::Linked::Unreadable => Verdict::Edited,
        audit::Linked::Present(e) => {
            erasure = audit_chain::erasure_listed(
                &e.action,
                e.subject_kind.as_deref(),
                e.subject_id.as_deref(),
                e.detail.as_ref(),
            );
            let detail_now = match written_detail {
                Some(text) => Some(audit_chain::written_detail_digest(text)),
                None => audit_chain::detail_digest(e.detail.as_ref()),
            };
            let request_now = audit_chain::request_digest(e.request_id.as_deref());
            let detail_edited = detail_now.is_some() && detail_now != link.detail_digest;
            let request_edited = request_now.is_some() && request_now != link.request_digest;
            let is_cleared = (detail_now.is_none() && link.detail_digest.is_some())
                || (request_now.is_none() && link.request_digest.is_some());
            let hash = audit_chain::link_hash(
                link.seq,
                &link.prev_hash,
                &audit::content(&e, link.detail_digest.as_deref(), link.request_digest.as_deref()),
            );
            if detail_edited || request_edited || hash != link.hash {
                Verdict::Edited
            } else if is_cleared {
                Verdict::Cleared(Box::new(e))
            } else {
                Verdict::Sound
            }
        }
    };
    Checked { seq: link.seq, entry_id: link.entry_id, prev_hash: link.prev_hash, hash: link.hash, verdict, erasure }
}

/// Pages read at once when the places are dense (each on a connection of
/// its own, hashed on a blocking thread), and pages hashed while the next
/// is read when they are not.
const PAGES_IN_FLIGHT: usize = 3;

/// One page of the walk, checked: its links, and the rows that could not be
/// read at all.
type Page = (Vec<Checked>, Vec<Break>);

fn check_page(rows: Vec<audit::LinkRead>) -> Page {
    let mut unreadable = Vec::new();
    let checked = rows
        .into_iter()
        .filter_map(|row| match row {
            audit::LinkRead::Link(l, e) => Some(check_link(l, e, None)),
            audit::LinkRead::Unreadable(id) => {
                unreadable.push(Break::Unreadable { id });
                None
            }
        })
        .collect();
    (checked, unreadable)
}

async fn checked(rows: Vec<audit::LinkRead>) -> Result<Page, ServiceError> {
    tokio::task::spawn_blocking(move || check_page(rows)).await.map_err(|e| ServiceError::Internal(e.to_string()))
}

/// A page read packed (`audit::unpack`), checked as [`check_page`] would,
/// or `None` if a row is not as the service writes it.
async fn checked_packed(rows: Vec<(i64, String)>) -> Result<Option<Page>, ServiceError> {
    tokio::task::spawn_blocking(move || {
        let mut page = Vec::with_capacity(rows.len());
        for (seq, packed) in rows {
            let (link, entry, detail) = audit::unpack(seq, &packed)?;
            page.push(check_link(link, audit::Linked::Present(entry), detail.as_deref()));
        }
        Some((page, Vec::new()))
    })
    .await
    .map_err(|e| ServiceError::Internal(e.to_string()))
}

/// The chain's pages from place 1 on, in order, checked. Places are nearly
/// always 1, 2, 3, ...: then pages of fixed ranges up to the last place
/// there was are read several at a time, and after them the links written
/// since, page after page (so that an erasure committed during the walk is
/// met with the entries it cleared). A chain with wide gaps (a link put far
/// ahead by hand) is read page after page from the start.
fn pages<'a>(
    db: &'a sea_orm::DatabaseConnection,
    places: Option<(i64, i64, i64)>,
) -> std::pin::Pin<Box<dyn futures::Stream<Item = Result<Page, ServiceError>> + Send + 'a>> {
    use futures::StreamExt;
    let page = i64::try_from(PAGE).unwrap_or(i64::MAX);
    match places {
        Some((first, last, n)) if i128::from(last) - i128::from(first) < 2 * i128::from(n) => {
            let ranges = (0..)
                .map(move |k: i64| (first - 1).saturating_add(k.saturating_mul(page)))
                .take_while(move |after| *after < last)
                .map(move |after| (after, after.saturating_add(page).min(last)));
            Box::pin(
                futures::stream::iter(ranges)
                    .map(move |(after, upto)| async move {
                        // Anything the packed reading cannot take (even a
                        // text the driver cannot decode) is read the plain way.
                        if let Ok(Some(rows)) = audit::packed_links_between(db, after, upto).await
                            && let Some(page) = checked_packed(rows).await?
                        {
                            return Ok(page);
                        }
                        checked(audit::links_between(db, after, upto).await?).await
                    })
                    .buffered(PAGES_IN_FLIGHT)
                    .chain(page_after_page(db, last)),
            )
        }
        _ => Box::pin(page_after_page(db, 0)),
    }
}

/// The links after place `after`, page after page (each page starting after
/// the last place read), until there are no more.
fn page_after_page<'a>(
    db: &'a sea_orm::DatabaseConnection,
    after: i64,
) -> impl futures::Stream<Item = Result<Page, ServiceError>> + Send + 'a {
    use futures::StreamExt;
    futures::stream::unfold(Some(after), move |after| async move {
        let after = after?;
        let rows = match audit::links_after(db, after, PAGE).await {
            Ok(rows) if rows.is_empty() => return None,
            Ok(rows) => rows,
            Err(e) => return Some((futures::future::Either::Left(async { Err(e.into()) }), None)),
        };
        // Rows that cannot be ordered end the walk after this page.
        let next = rows.iter().rev().find_map(|r| match r {
            audit::LinkRead::Link(l, _) => Some(l.seq),
            audit::LinkRead::Unreadable(_) => None,
        });
        Some((futures::future::Either::Right(checked(rows)), next))
    })
    .buffered(PAGES_IN_FLIGHT)
}

/// Walks the whole chain and reports, precisely, what does not check. Pages
/// are read while others are hashed on other threads; their order is kept
/// for the links' succession.
pub async fn verify(state: &AppState, actor: &Actor) -> Result<Report, ServiceError> {
    require(actor, Operation::VerifyAudit)?;
    let db = state.db.reader();
    let mut breaks = Vec::new();
    // Links put before the first place (seq 0 or less) are outside any walk.
    let before_start = audit::links_before_start(db).await?;
    let anything_before = !before_start.is_empty();
    for (seq, id) in before_start {
        breaks.push(Break::Reordered { seq, id });
    }
    let mut expected_seq = 1i64;
    let mut prev = GENESIS.to_owned();
    let mut walked = 0i64;
    let mut last_walked = 0i64;
    // Links walked whose entry is there: if the log holds no more entries
    // than these, none is without a link.
    let mut with_entry = 0i64;
    // Erasures by the entries they list: (the erasure's place, the person).
    let mut erasures: HashMap<Uuid, (i64, std::sync::Arc<Vec<String>>)> = HashMap::new();
    // Entries whose detail or request id is gone: judged at the end, when
    // every erasure has been seen.
    let mut cleared: Vec<(i64, audit_log::Model)> = Vec::new();
    let mut pages = pages(db, audit::places(db).await?);
    while let Some(page) = futures::StreamExt::next(&mut pages).await {
        let (page, unreadable) = page?;
        breaks.extend(unreadable);
        for c in page {
            if c.seq > expected_seq {
                breaks.push(Break::Missing { from: expected_seq, to: c.seq - 1 });
            }
            if c.prev_hash != prev {
                breaks.push(Break::Reordered { seq: c.seq, id: c.entry_id });
            }
            match c.verdict {
                Verdict::Sound => {}
                Verdict::Deleted => {
                    with_entry -= 1;
                    breaks.push(Break::Deleted { seq: c.seq, id: c.entry_id });
                }
                Verdict::Edited => breaks.push(Break::Edited { seq: c.seq, id: c.entry_id }),
                Verdict::Cleared(e) => cleared.push((c.seq, *e)),
            }
            if let Some((people, ids)) = c.erasure {
                let people = std::sync::Arc::new(people);
                for id in ids {
                    erasures.insert(id, (c.seq, people.clone()));
                }
            }
            prev = c.hash;
            last_walked = c.seq;
            expected_seq = c.seq.saturating_add(1);
            walked += 1;
            with_entry += 1;
        }
    }
    // A cleared entry is an erasure's only if a later erasure of the person
    // it is about lists it, and it is of a kind an erasure reduces: what
    // the service's own role could clear is an erasure's entries, no more.
    let consents: HashSet<Uuid> = cleared
        .iter()
        .filter(|(_, e)| e.subject_kind.as_deref() == Some("consent"))
        .filter_map(|(_, e)| e.subject_id.as_deref().and_then(|s| Uuid::parse_str(s).ok()))
        .collect();
    let owners = audit::consent_owners(db, &consents).await?;
    for (seq, e) in cleared {
        let consent_of = (e.subject_kind.as_deref() == Some("consent"))
            .then(|| e.subject_id.as_deref().and_then(|s| Uuid::parse_str(s).ok()))
            .flatten()
            .and_then(|c| owners.get(&c).copied());
        let cleared = audit_chain::ClearedEntry {
            seq,
            action: &e.action,
            subject_kind: e.subject_kind.as_deref(),
            subject_id: e.subject_id.as_deref(),
            on_behalf_of: e.on_behalf_of,
            consent_of,
        };
        let by_erasure =
            erasures.get(&e.id).is_some_and(|(at, people)| audit_chain::erasure_covers(&cleared, *at, people));
        if !by_erasure {
            breaks.push(Break::Cleared { seq, id: e.id });
        }
    }
    breaks.sort_by_key(Break::place);
    breaks.dedup();
    if anything_before || audit::count_entries_upto(db, last_walked).await? != with_entry {
        for id in audit::unlinked(db).await? {
            breaks.push(Break::Inserted { id });
        }
    }
    Ok(Report { entries: walked, head: prev, breaks })
}

/// Signs the chain's state now and writes the checkpoint into `dir` (made if
/// need be), after a walk that finds nothing wrong, against the checkpoints
/// `key` signed there too: a checkpoint never vouches for a chain that does
/// not check, nor for one cut since the last.
pub async fn checkpoint(
    state: &AppState,
    actor: &Actor,
    key: &ed25519_dalek::SigningKey,
    dir: &std::path::Path,
) -> Result<(audit_chain::Checkpoint, std::path::PathBuf), ServiceError> {
    let mut r = verify(state, actor).await?;
    check_folder(state.db.reader(), &mut r, dir, &audit_chain::public_key_hex(key)).await?;
    if !r.breaks.is_empty() {
        return Err(ServiceError::Conflict);
    }
    write_checkpoint(key, &r, state.clock.now(), dir)
}

fn write_checkpoint(
    key: &ed25519_dalek::SigningKey,
    r: &Report,
    now: chrono::DateTime<chrono::Utc>,
    dir: &std::path::Path,
) -> Result<(audit_chain::Checkpoint, std::path::PathBuf), ServiceError> {
    let c = audit_chain::Checkpoint::sign(key, r.entries, &r.head, now);
    std::fs::create_dir_all(dir).map_err(|e| ServiceError::Internal(format!("{}: {e}", dir.display())))?;
    let path = dir.join(format!("{}-{:012}.json", now.format("%Y%m%dT%H%M%S%.6fZ"), r.entries));
    let text = serde_json::to_string_pretty(&c).map_err(|e| ServiceError::Internal(e.to_string()))?;
    // Written whole or not at all, and on the disk before it is relied on.
    let tmp = path.with_extension("tmp");
    let write = || -> std::io::Result<()> {
        use std::io::Write as _;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all((text + "\n").as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)?;
        std::fs::File::open(dir)?.sync_all()
    };
    write().map_err(|e| ServiceError::Internal(format!("{}: {e}", path.display())))?;
    Ok((c, path))
}

/// The largest checkpoint file read (they are a few hundred bytes).
const CHECKPOINT_MAX_BYTES: u64 = 64 * 1024;

/// The checkpoint files in `dir` (`*.json`), by name. A missing folder has
/// none; one that cannot be read is an error.
fn checkpoint_files(dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>, String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", dir.display())),
    };
    let mut files: Vec<std::path::PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// A checkpoint file's checkpoint, if it is one signed by `public_key`:
/// only a regular file of a sensible size is read (a pipe would wait forever).
fn read_checkpoint(path: &std::path::Path, public_key: &str) -> Option<audit_chain::Checkpoint> {
    use std::io::Read as _;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > CHECKPOINT_MAX_BYTES {
        return None;
    }
    let mut text = String::new();
    std::fs::File::open(path).ok()?.take(CHECKPOINT_MAX_BYTES).read_to_string(&mut text).ok()?;
    let c: audit_chain::Checkpoint = serde_json::from_str(&text).ok()?;
    (c.entries >= 0 && c.signed_by(public_key)).then_some(c)
}

/// Checks every checkpoint in `dir` against the chain `r` walked, signed by
/// `public_key` (hex), adding what does not check to `r`; the files read,
/// and the good checkpoint that counts the most entries.
async fn check_folder(
    db: &impl sea_orm::ConnectionTrait,
    r: &mut Report,
    dir: &std::path::Path,
    public_key: &str,
) -> Result<(usize, Option<audit_chain::Checkpoint>), ServiceError> {
    let files = match checkpoint_files(dir) {
        Ok(f) => f,
        Err(problem) => {
            r.breaks.push(Break::CheckpointFolder { problem });
            return Ok((0, None));
        }
    };
    let mut good = Vec::new();
    for path in &files {
        match read_checkpoint(path, public_key) {
            Some(c) => good.push(c),
            None => {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                r.breaks.push(Break::BadCheckpoint { file: name });
            }
        }
    }
    // The chain at every place a checkpoint names, in one query.
    let places: Vec<i64> = good.iter().map(|c| c.entries).filter(|n| (1..=r.entries).contains(n)).collect();
    let hashes = audit::hashes_at(db, &places).await?;
    for c in &good {
        if c.entries > r.entries {
            r.breaks.push(Break::Truncated { had: c.entries, has: r.entries });
        } else if c.entries > 0 && hashes.get(&c.entries) != Some(&c.head) {
            r.breaks.push(Break::Rewritten { seq: c.entries });
        }
    }
    let newest = good.into_iter().max_by(|a, b| (a.entries, &a.at).cmp(&(b.entries, &b.at)));
    r.breaks.sort_by_key(Break::place);
    r.breaks.dedup();
    Ok((files.len(), newest))
}

/// [`verify`], and each checkpoint in `dir` against the chain: signed by
/// `public_key` (hex), and the chain at its place is the one it signed.
pub async fn verify_with_checkpoints(
    state: &AppState,
    actor: &Actor,
    dir: &std::path::Path,
    public_key: &str,
) -> Result<(Report, usize), ServiceError> {
    let mut r = verify(state, actor).await?;
    let (files, _) = check_folder(state.db.reader(), &mut r, dir, public_key).await?;
    Ok((r, files))
}

/// What the service's last walk of the chain found (kept in memory: health
/// and the residents' access record say it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastCheck {
    pub at: chrono::DateTime<chrono::Utc>,
    /// Entries walked: the entries up to this place are the ones checked.
    pub entries: i64,
    pub intact: bool,
    pub breaks: Vec<Break>,
    /// The newest good checkpoint, made by this walk or found in the folder.
    pub checkpoint: Option<audit_chain::Checkpoint>,
}

/// Why a signing key file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
    #[error("{0}")]
    Unreadable(String),
    #[error("{0}: not a key made by `renkei admin audit keygen`")]
    NotAKey(String),
}

/// A signing key from its file (`renkei admin audit keygen`).
pub fn read_key_file(path: &std::path::Path) -> Result<ed25519_dalek::SigningKey, KeyFileError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| KeyFileError::Unreadable(format!("{}: {e}", path.display())))?;
    audit_chain::parse_key(&text).ok_or_else(|| KeyFileError::NotAKey(path.display().to_string()))
}

/// Which of these entries the last walk covered and found intact (none
/// when there was no walk yet, or it found the log broken).
pub async fn verified_entries(
    db: &impl sea_orm::ConnectionTrait,
    last: Option<&LastCheck>,
    ids: &[Uuid],
) -> Result<HashSet<Uuid>, ServiceError> {
    let Some(l) = last.filter(|l| l.intact) else { return Ok(HashSet::new()) };
    let seqs = audit::seqs_of(db, ids).await?;
    Ok(ids.iter().copied().filter(|id| seqs.get(id).is_some_and(|seq| *seq <= l.entries)).collect())
}

/// The service's own watch over the audit log: the signing key (read once
/// at start, from a file the database does not hold) and the last walk.
#[derive(Default)]
pub struct AuditWatch {
    key: Option<ed25519_dalek::SigningKey>,
    /// Shared, not copied: health reads it on every call.
    last: std::sync::RwLock<Option<std::sync::Arc<LastCheck>>>,
}

impl std::fmt::Debug for AuditWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditWatch").field("signs", &self.key.is_some()).finish_non_exhaustive()
    }
}

impl AuditWatch {
    /// Reads the signing key from `key_file`, if one is set.
    pub fn open(key_file: Option<&std::path::Path>) -> Result<Self, String> {
        let key = key_file.map(read_key_file).transpose().map_err(|e| e.to_string())?;
        Ok(Self { key, last: Default::default() })
    }

    /// The public key checkpoints are signed with (hex), if the service signs.
    pub fn public_key(&self) -> Option<String> {
        self.key.as_ref().map(audit_chain::public_key_hex)
    }

    pub fn last(&self) -> Option<std::sync::Arc<LastCheck>> {
        self.last.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    fn set_last(&self, c: LastCheck) {
        *self.last.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(std::sync::Arc::new(c));
    }
}

/// The service's periodic check: walks the chain, checks it against every
/// checkpoint in the folder (with a key) and, when it checks and has grown
/// since the checkpoint counting the most entries, signs a new one there
/// and mails it to the network office (with an address). A chain that does
/// not check, or a check that cannot finish, is logged (places and ids
/// only), said by health, and mailed to the office once, when first found.
pub async fn scheduled_check(state: &AppState) -> Result<LastCheck, ServiceError> {
    let now = state.clock.now();
    let watch = &state.audit;
    let was_intact = watch.last().is_none_or(|l| l.intact);
    let (mut last, made) = match walk_and_sign(state).await {
        Ok(done) => done,
        Err(e) => {
            let problem = e.to_string();
            let entries = watch.last().map_or(0, |l| l.entries);
            (
                LastCheck {
                    at: now,
                    entries,
                    intact: false,
                    breaks: vec![Break::NotFinished { problem }],
                    checkpoint: None,
                },
                None,
            )
        }
    };
    if last.checkpoint.is_none() {
        last.checkpoint = watch.last().and_then(|l| l.checkpoint.clone());
    }
    watch.set_last(last.clone());
    if !last.intact {
        let first = last.breaks.first().map(ToString::to_string).unwrap_or_default();
        tracing::error!(
            breaks = last.breaks.len(),
            first = %first,
            "the audit log does not check: run `renkei admin audit verify` to see every break"
        );
    }
    if let Some(to) = state.config.audit_mail_to.as_deref() {
        if let Some(c) = &made {
            let tx = state.db.write().await?;
            super::notices::audit_checkpoint(&*tx, state, to, c).await?;
            tx.commit().await?;
        } else if !last.intact && was_intact {
            let tx = state.db.write().await?;
            super::notices::audit_broken(&*tx, state, to, &last.breaks).await?;
            tx.commit().await?;
        }
    }
    Ok(last)
}

async fn walk_and_sign(state: &AppState) -> Result<(LastCheck, Option<audit_chain::Checkpoint>), ServiceError> {
    let watch = &state.audit;
    let mut r = verify(state, &Actor::System).await?;
    let dir = &state.config.audit_checkpoint_dir;
    let mut newest = None;
    if let Some(public_key) = watch.public_key() {
        newest = check_folder(state.db.reader(), &mut r, dir, &public_key).await?.1;
    }
    let now = state.clock.now();
    let mut made = None;
    if r.breaks.is_empty()
        && let Some(key) = &watch.key
        && newest.as_ref().is_none_or(|c| c.entries != r.entries || c.head != r.head)
    {
        match write_checkpoint(key, &r, now, dir) {
            Ok((c, _)) => made = Some(c),
            Err(e) => r.breaks.push(Break::CheckpointFolder { problem: e.to_string() }),
        }
    }
    let intact = r.breaks.is_empty();
    let checkpoint = made.clone().or(newest);
    Ok((LastCheck { at: now, entries: r.entries, intact, breaks: r.breaks, checkpoint }, made))
}

/// The public key the service signs checkpoints with (hex); `NotFound` when
/// it does not sign.
pub fn public_key(state: &AppState, actor: &Actor) -> Result<String, ServiceError> {
    require(actor, Operation::ReadAuditCheckpoints)?;
    state.audit.public_key().ok_or(ServiceError::NotFound)
}

/// The newest good checkpoint the service knows (made or found at its last
/// check); `NotFound` before there is one.
pub fn newest_checkpoint(state: &AppState, actor: &Actor) -> Result<audit_chain::Checkpoint, ServiceError> {
    require(actor, Operation::ReadAuditCheckpoints)?;
    state.audit.last().and_then(|l| l.checkpoint.clone()).ok_or(ServiceError::NotFound)
}
