//! Walking the audit log's hash chain (`domain::audit_chain`): every link
//! against its entry and the link before it, and every entry for its link.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use super::ServiceError;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::AuditAction;
use crate::domain::audit_chain::{self, Break, GENESIS};
use crate::state::AppState;
use crate::store::audit;

/// How many links are read at a time.
const PAGE: u64 = 2_000;

/// What a walk found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Links walked.
    pub entries: i64,
    /// The hash of the last link (what a checkpoint signs).
    pub head: String,
    pub breaks: Vec<Break>,
}

/// Walks the whole chain and reports, precisely, what does not check.
pub async fn verify(state: &AppState, actor: &Actor) -> Result<Report, ServiceError> {
    require(actor, Operation::VerifyAudit)?;
    let db = state.db.reader();
    let mut breaks = Vec::new();
    let mut expected_seq = 1i64;
    let mut prev = GENESIS.to_owned();
    let mut walked = 0i64;
    // Entries an erasure reduced (their detail and request id cleared by law).
    let mut reduced: HashSet<Uuid> = HashSet::new();
    loop {
        let links = audit::chain_from(db, expected_seq, PAGE).await?;
        if links.is_empty() {
            break;
        }
        let ids: Vec<Uuid> = links.iter().map(|l| l.entry_id).collect();
        let entries: HashMap<Uuid, _> = audit::entries_by_ids(db, &ids).await?.into_iter().map(|e| (e.id, e)).collect();
        for link in &links {
            if link.seq > expected_seq {
                breaks.push(Break::Missing { from: expected_seq, to: link.seq - 1 });
            }
            if link.prev_hash != prev {
                breaks.push(Break::Reordered { seq: link.seq, id: link.entry_id });
            }
            match entries.get(&link.entry_id) {
                None => breaks.push(Break::Deleted { seq: link.seq, id: link.entry_id }),
                Some(e) => {
                    if e.action == AuditAction::MedicalDataErased.as_str()
                        && let Some(list) =
                            e.detail.as_ref().and_then(|d| d.get("reducedEntries")).and_then(|v| v.as_array())
                    {
                        reduced.extend(list.iter().filter_map(|v| v.as_str()).filter_map(|s| Uuid::parse_str(s).ok()));
                    }
                    let detail_now = audit_chain::detail_digest(e.detail.as_ref());
                    let request_now = audit_chain::request_digest(e.request_id.as_deref());
                    let detail_edited = detail_now.is_some() && detail_now != link.detail_digest;
                    let request_edited = request_now.is_some() && request_now != link.request_digest;
                    let cleared = (detail_now.is_none() && link.detail_digest.is_some())
                        || (request_now.is_none() && link.request_digest.is_some());
                    let hash = audit_chain::link_hash(
                        link.seq,
                        &link.prev_hash,
                        &audit::content(e, link.detail_digest.as_deref(), link.request_digest.as_deref()),
                    );
                    if detail_edited || request_edited || hash != link.hash {
                        breaks.push(Break::Edited { seq: link.seq, id: e.id });
                    } else if cleared && !reduced.contains(&e.id) {
                        // Checked again at the end: the erasure comes after the entries it reduces.
                        breaks.push(Break::Cleared { seq: link.seq, id: e.id });
                    }
                }
            }
            prev = link.hash.clone();
            expected_seq = link.seq + 1;
            walked += 1;
        }
    }
    // An entry cleared before the walk reached the erasure that lists it is no break.
    breaks.retain(|b| !matches!(b, Break::Cleared { id, .. } if reduced.contains(id)));
    for id in audit::unlinked(db).await? {
        breaks.push(Break::Inserted { id });
    }
    Ok(Report { entries: walked, head: prev, breaks })
}

/// Signs the chain's state now and writes the checkpoint into `dir` (made if
/// need be), after a walk that finds nothing wrong: a checkpoint never
/// vouches for a chain that does not check.
pub async fn checkpoint(
    state: &AppState,
    actor: &Actor,
    key: &ed25519_dalek::SigningKey,
    dir: &std::path::Path,
) -> Result<(audit_chain::Checkpoint, std::path::PathBuf), ServiceError> {
    let r = verify(state, actor).await?;
    if !r.breaks.is_empty() {
        return Err(ServiceError::Conflict);
    }
    let now = state.clock.now();
    let c = audit_chain::Checkpoint::sign(key, r.entries, &r.head, now);
    std::fs::create_dir_all(dir).map_err(|e| ServiceError::Internal(format!("{}: {e}", dir.display())))?;
    let path = dir.join(format!("{}-{:012}.json", now.format("%Y%m%dT%H%M%S%.6fZ"), r.entries));
    let text = serde_json::to_string_pretty(&c).map_err(|e| ServiceError::Internal(e.to_string()))?;
    // Written whole or not at all.
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text + "\n").map_err(|e| ServiceError::Internal(format!("{}: {e}", tmp.display())))?;
    std::fs::rename(&tmp, &path).map_err(|e| ServiceError::Internal(format!("{}: {e}", path.display())))?;
    Ok((c, path))
}

/// [`verify`], and each checkpoint in `dir` against the chain: signed by
/// `public_key` (hex; without it, by the key the checkpoint names), and the
/// chain at its place is the one it signed.
pub async fn verify_with_checkpoints(
    state: &AppState,
    actor: &Actor,
    dir: &std::path::Path,
    public_key: Option<&str>,
) -> Result<(Report, usize), ServiceError> {
    let mut r = verify(state, actor).await?;
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| ServiceError::Internal(format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let db = state.db.reader();
    for path in &files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let c: Option<audit_chain::Checkpoint> =
            std::fs::read_to_string(path).ok().and_then(|t| serde_json::from_str(&t).ok());
        let Some(c) = c.filter(|c| c.signed_by(public_key.unwrap_or(&c.public_key))) else {
            r.breaks.push(Break::BadCheckpoint { file: name });
            continue;
        };
        if c.entries > r.entries {
            r.breaks.push(Break::Truncated { had: c.entries, has: r.entries });
            continue;
        }
        if c.entries == 0 {
            continue;
        }
        let at = audit::chain_from(db, c.entries, 1).await?;
        if at.first().is_none_or(|l| l.seq != c.entries || l.hash != c.head) {
            r.breaks.push(Break::Rewritten { seq: c.entries });
        }
    }
    r.breaks.dedup();
    Ok((r, files.len()))
}
