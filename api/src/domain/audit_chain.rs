//! The audit log's hash chain: each entry's link holds a SHA-256 over a
//! fixed serialisation of the entry and the link before it, so that an
//! entry edited, deleted, inserted or moved shows when the chain is walked.
//!
//! The serialisation (version 1) is the JSON array, as `serde_json` writes
//! it (no spaces):
//!
//! ```text
//! ["renkei-audit-1", seq, prev_hash, id, at, actor_kind, actor_id, on_behalf_of, action,
//!  subject_kind, subject_id, network_id, facility_id, channel, detail_digest, request_digest]
//! ```
//!
//! - `seq`: the entry's place in the chain, from 1; `prev_hash`: the hex
//!   hash of the entry before it (64 zeros for the first);
//! - `at`: UTC, RFC 3339 with exactly six decimals and `Z` (what both
//!   databases keep);
//! - ids as lowercase hyphenated UUIDs; absent values as `null`;
//! - `detail_digest`: the hex SHA-256 of the detail's JSON (`serde_json`,
//!   keys sorted), `null` without detail; `request_digest` likewise of the
//!   request id.
//!
//! The chain covers the digests, not the detail and the request id
//! themselves: the data-rights erasure may set those two to null on the
//! entries about the person (the law keeps who did what, not the detail),
//! and the chain still checks. The erasure's own entry lists the entries it
//! reduced, so a detail cleared by anything else is reported as an edit.

use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const VERSION: &str = "renkei-audit-1";

/// What the chain covers of one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content<'a> {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor_kind: &'a str,
    pub actor_id: Option<&'a str>,
    pub on_behalf_of: Option<Uuid>,
    pub action: &'a str,
    pub subject_kind: Option<&'a str>,
    pub subject_id: Option<&'a str>,
    pub network_id: Option<Uuid>,
    pub facility_id: Option<Uuid>,
    pub channel: &'a str,
    pub detail_digest: Option<&'a str>,
    pub request_digest: Option<&'a str>,
}

fn sha256_hex(bytes: &[u8]) -> String {
    super::session::hex(&Sha256::digest(bytes))
}

/// The time as the chain writes it (microseconds, as both databases keep).
pub fn at_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// The detail's digest (keys sorted, as `serde_json` orders a map).
pub fn detail_digest(detail: Option<&serde_json::Value>) -> Option<String> {
    detail.map(|d| sha256_hex(d.to_string().as_bytes()))
}

pub fn request_digest(request_id: Option<&str>) -> Option<String> {
    request_id.map(|r| sha256_hex(r.as_bytes()))
}

/// The entry's link hash, after `prev` at place `seq`.
pub fn link_hash(seq: i64, prev: &str, c: &Content<'_>) -> String {
    let id = |u: Option<Uuid>| u.map(|u| u.to_string());
    let line = serde_json::json!([
        VERSION,
        seq,
        prev,
        c.id.to_string(),
        at_text(c.at),
        c.actor_kind,
        c.actor_id,
        id(c.on_behalf_of),
        c.action,
        c.subject_kind,
        c.subject_id,
        id(c.network_id),
        id(c.facility_id),
        c.channel,
        c.detail_digest,
        c.request_digest,
    ]);
    sha256_hex(line.to_string().as_bytes())
}

/// What a walk of the chain found wrong, naming the entry or the range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// The entry's content is not what its link covers (edited).
    Edited { seq: i64, id: Uuid },
    /// The entry's detail or request id was cleared, and no erasure says so.
    Cleared { seq: i64, id: Uuid },
    /// The link does not follow the one before it (moved, or links removed
    /// before it).
    Reordered { seq: i64, id: Uuid },
    /// Places missing from the chain: entries and their links removed.
    Missing { from: i64, to: i64 },
    /// A link whose entry is gone.
    Deleted { seq: i64, id: Uuid },
    /// An entry with no link: inserted outside the service.
    Inserted { id: Uuid },
    /// Fewer entries than a signed checkpoint counted: the tail was cut.
    Truncated { had: i64, has: i64 },
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Edited { seq, id } => write!(f, "entry {seq} ({id}) was edited"),
            Self::Cleared { seq, id } => write!(f, "entry {seq} ({id}) had its detail cleared outside an erasure"),
            Self::Reordered { seq, id } => write!(f, "entry {seq} ({id}) does not follow the entry before it"),
            Self::Missing { from, to } if from == to => write!(f, "entry {from} is missing"),
            Self::Missing { from, to } => write!(f, "entries {from} to {to} are missing"),
            Self::Deleted { seq, id } => write!(f, "entry {seq} ({id}) was deleted"),
            Self::Inserted { id } => write!(f, "entry {id} was inserted outside the chain"),
            Self::Truncated { had, has } => write!(f, "the log was cut after entry {has} (a checkpoint counted {had})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn content(id: Uuid) -> Content<'static> {
        Content {
            id,
            at: Utc.with_ymd_and_hms(2026, 12, 6, 1, 2, 3).unwrap() + chrono::Duration::nanoseconds(123_456_789),
            actor_kind: "staff",
            actor_id: Some("s-1"),
            on_behalf_of: None,
            action: "shared_record.viewed",
            subject_kind: Some("resident"),
            subject_id: Some("r-1"),
            network_id: None,
            facility_id: None,
            channel: "web",
            detail_digest: None,
            request_digest: None,
        }
    }

    #[test]
    fn the_link_covers_every_field_its_place_and_the_link_before() {
        let id = Uuid::nil();
        let base = link_hash(1, GENESIS, &content(id));
        assert_eq!(base.len(), 64);
        assert_eq!(base, link_hash(1, GENESIS, &content(id)), "deterministic");
        assert_ne!(base, link_hash(2, GENESIS, &content(id)));
        assert_ne!(base, link_hash(1, &"1".repeat(64), &content(id)));
        let mut c = content(id);
        c.action = "shared_record.refused";
        assert_ne!(base, link_hash(1, GENESIS, &c));
        let mut c = content(id);
        c.detail_digest = Some("ab");
        assert_ne!(base, link_hash(1, GENESIS, &c));
        // Nanoseconds beyond the microsecond are not kept by the databases, nor covered.
        let mut c = content(id);
        c.at += chrono::Duration::nanoseconds(1);
        assert_eq!(base, link_hash(1, GENESIS, &c));
        assert_eq!(at_text(content(id).at), "2026-12-06T01:02:03.123456Z");
    }

    #[test]
    fn a_detail_digest_does_not_depend_on_key_order() {
        let a: serde_json::Value = serde_json::from_str(r#"{"b":1,"a":"x"}"#).unwrap();
        let b: serde_json::Value = serde_json::from_str(r#"{"a":"x","b":1}"#).unwrap();
        assert_eq!(detail_digest(Some(&a)), detail_digest(Some(&b)));
        assert_eq!(detail_digest(None), None);
    }
}
