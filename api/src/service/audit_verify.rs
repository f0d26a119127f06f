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
