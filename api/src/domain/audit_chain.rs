//! The audit log's hash chain: each entry's link holds a SHA-256 over a
//! fixed serialisation of the entry and the link before it, so that an
//! entry edited, deleted, inserted or moved shows when the chain is walked.
//!
//! The serialisation (version 1) is the JSON array, as `serde_json` writes
//! it (no spaces), hashed as its UTF-8 bytes; the link's hash is the
//! lowercase hex SHA-256 of that:
//!
//! ```text
//! ["renkei-audit-1", seq, prev_hash, id, at, actor_kind, actor_id, on_behalf_of, action,
//!  subject_kind, subject_id, network_id, facility_id, channel, detail_digest, request_digest]
//! ```
//!
//! - `seq`: the entry's place in the chain, from 1, a JSON integer;
//!   `prev_hash`: the hex hash of the entry before it (64 zeros for the
//!   first; a checkpoint of 0 entries names that as its head);
//! - `at`: UTC, RFC 3339 with exactly six decimals and `Z`, the time cut
//!   (not rounded) to the microsecond, as both databases keep it;
//! - ids as lowercase hyphenated UUIDs; absent values (SQL NULL) as `null`;
//! - strings as JSON strings the way `serde_json` escapes them: `"` and `\`
//!   and the control characters escaped (`\b \f \n \r \t`, the others as
//!   `\u00xx` in lowercase hex), everything else, non-ASCII too, as is;
//! - `detail_digest`: the hex SHA-256 of the UTF-8 bytes of the detail's
//!   JSON as `serde_json` writes a parsed value: no spaces, object keys
//!   sorted by their bytes (a key given twice: the last), strings as above,
//!   integers as written, other numbers in the shortest form that reads
//!   back (`1e20`, `0.5`); `null` (no digest) when the column is SQL NULL,
//!   while a JSON `null` detail is digested as the text `null`;
//! - `request_digest`: the hex SHA-256 of the request id's own UTF-8 bytes
//!   (not a JSON string), `null` without one.
//!
//! A checkpoint signs `renkei-audit-checkpoint-1\n{entries}\n{head}\n{at}\n`
//! ([`Checkpoint`]).
//!
//! The chain covers the digests, not the detail and the request id
//! themselves: the data-rights erasure may set those two to null on the
//! entries about the person (the law keeps who did what, not the detail),
//! and the chain still checks. The erasure's own entry lists the entries it
//! reduced, so a detail cleared by anything else is reported. A listed
//! entry counts as reduced only if it comes before the erasure, is about
//! the person the erasure names and is of a kind erasures reduce: a role
//! that may append entries and null details (the service's own) can clear
//! no more than a real erasure of that person would, and leaves the
//! erasure's entry in the chain for everyone to see.

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
    detail.map(|d| written_detail_digest(&d.to_string()))
}

/// The detail's digest from its text as written (the form
/// [`detail_digest`] hashes: `serde_json`'s compact writing of the value).
pub fn written_detail_digest(written: &str) -> String {
    sha256_hex(written.as_bytes())
}

pub fn request_digest(request_id: Option<&str>) -> Option<String> {
    request_id.map(|r| sha256_hex(r.as_bytes()))
}

/// The entry's link hash, after `prev` at place `seq`.
pub fn link_hash(seq: i64, prev: &str, c: &Content<'_>) -> String {
    // The JSON array of the module's documentation, written as `serde_json`
    // writes it (`link_line` in the tests builds it as a `serde_json` value
    // and compares), without building the value: the walk hashes millions.
    fn text(buf: &mut Vec<u8>, s: Option<&str>) {
        match s {
            // Writing a string into a Vec cannot fail.
            Some(s) => serde_json::to_writer(&mut *buf, s).unwrap_or_default(),
            None => buf.extend_from_slice(b"null"),
        }
    }
    fn id(buf: &mut Vec<u8>, u: Option<Uuid>) {
        let mut b = [0u8; uuid::fmt::Hyphenated::LENGTH];
        text(buf, u.map(|u| &*u.hyphenated().encode_lower(&mut b)));
    }
    let mut buf = Vec::with_capacity(512);
    buf.push(b'[');
    text(&mut buf, Some(VERSION));
    buf.push(b',');
    buf.extend_from_slice(seq.to_string().as_bytes());
    buf.push(b',');
    text(&mut buf, Some(prev));
    buf.push(b',');
    id(&mut buf, Some(c.id));
    buf.push(b',');
    text(&mut buf, Some(&at_text(c.at)));
    for field in [
        Field::Text(Some(c.actor_kind)),
        Field::Text(c.actor_id),
        Field::Id(c.on_behalf_of),
        Field::Text(Some(c.action)),
        Field::Text(c.subject_kind),
        Field::Text(c.subject_id),
        Field::Id(c.network_id),
        Field::Id(c.facility_id),
        Field::Text(Some(c.channel)),
        Field::Text(c.detail_digest),
        Field::Text(c.request_digest),
    ] {
        buf.push(b',');
        match field {
            Field::Text(t) => text(&mut buf, t),
            Field::Id(u) => id(&mut buf, u),
        }
    }
    buf.push(b']');
    sha256_hex(&buf)
}

enum Field<'a> {
    Text(Option<&'a str>),
    Id(Option<Uuid>),
}

/// A signed statement of the chain's state: how many entries, the last
/// link's hash, and when. Kept outside the database (a folder of files,
/// by default), so that a log cut at its end together with its links,
/// which still chains, shows against it.
///
/// The signed text (version 1) is
/// `renkei-audit-checkpoint-1\n{entries}\n{head}\n{at}\n`, `at` as in
/// the chain; the signature is Ed25519 over its UTF-8 bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Checkpoint {
    pub version: u32,
    pub entries: i64,
    pub head: String,
    pub at: String,
    /// Hex, 32 bytes.
    pub public_key: String,
    /// Hex, 64 bytes.
    pub signature: String,
}

fn signed_text(entries: i64, head: &str, at: &str) -> String {
    format!("renkei-audit-checkpoint-1\n{entries}\n{head}\n{at}\n")
}

/// A public key as an auditor gives it (hex, as `GET /api/audit/public-key`
/// publishes it; any case, spaces around), in the form [`Checkpoint::signed_by`]
/// takes; `None` if it is not an Ed25519 public key.
pub fn public_key_text(input: &str) -> Option<String> {
    let hex = input.trim().to_ascii_lowercase();
    let bytes = <[u8; 32]>::try_from(unhex(&hex)?).ok()?;
    ed25519_dalek::VerifyingKey::from_bytes(&bytes).ok().map(|_| hex)
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

/// A signing key as kept in its file: 64 hex digits (the 32-byte seed).
pub fn parse_key(text: &str) -> Option<ed25519_dalek::SigningKey> {
    let bytes: [u8; 32] = unhex(text.trim())?.try_into().ok()?;
    Some(ed25519_dalek::SigningKey::from_bytes(&bytes))
}

/// A new signing key, as its file holds it.
pub fn new_key_text(rng: &mut impl rand::Rng) -> String {
    let mut seed = [0u8; 32];
    rng.fill(&mut seed);
    super::session::hex(&seed)
}

pub fn public_key_hex(key: &ed25519_dalek::SigningKey) -> String {
    super::session::hex(key.verifying_key().as_bytes())
}

impl Checkpoint {
    pub fn sign(key: &ed25519_dalek::SigningKey, entries: i64, head: &str, at: DateTime<Utc>) -> Self {
        use ed25519_dalek::Signer;
        let at = at_text(at);
        let signature = key.sign(signed_text(entries, head, &at).as_bytes());
        Self {
            version: 1,
            entries,
            head: head.to_owned(),
            at,
            public_key: public_key_hex(key),
            signature: super::session::hex(&signature.to_bytes()),
        }
    }

    /// Whether the signature is good for the public key `expected` (hex).
    pub fn signed_by(&self, expected: &str) -> bool {
        use ed25519_dalek::Verifier;
        let Some(key) = unhex(expected).and_then(|b| <[u8; 32]>::try_from(b).ok()) else { return false };
        let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&key) else { return false };
        let Some(sig) = unhex(&self.signature).and_then(|b| <[u8; 64]>::try_from(b).ok()) else { return false };
        let sig = ed25519_dalek::Signature::from_bytes(&sig);
        self.version == 1 && key.verify(signed_text(self.entries, &self.head, &self.at).as_bytes(), &sig).is_ok()
    }
}

/// An entry found with its detail or request id cleared, as far as the rule
/// for erasures needs it.
#[derive(Debug, Clone, Copy)]
pub struct ClearedEntry<'a> {
    pub seq: i64,
    pub action: &'a str,
    pub subject_kind: Option<&'a str>,
    pub subject_id: Option<&'a str>,
    pub on_behalf_of: Option<Uuid>,
    /// For an entry about a consent: whose consent it is.
    pub consent_of: Option<Uuid>,
}

/// Where an erasure's entry lists the entries it reduced (by id), so that
/// a walk tells that reduction from tampering.
pub const ERASURE_LIST: &str = "reducedEntries";

/// Where an erasure's entry names the records combined into the person's
/// before it (`domain::merge`): entries about those are the person's too.
pub const ERASURE_FORMER_RECORDS: &str = "formerRecords";

/// The person an erasure's entry is of (their id first, then any records
/// combined into theirs it names) and the entries it lists, if the entry is
/// an erasure's (its action, a resident as its subject, the list).
pub fn erasure_listed(
    action: &str,
    subject_kind: Option<&str>,
    subject_id: Option<&str>,
    detail: Option<&serde_json::Value>,
) -> Option<(Vec<String>, Vec<Uuid>)> {
    if action != super::audit::AuditAction::MedicalDataErased.as_str() || subject_kind != Some("resident") {
        return None;
    }
    let detail = detail?;
    let list = detail.get(ERASURE_LIST)?.as_array()?;
    let ids = list.iter().filter_map(|v| v.as_str()).filter_map(|s| Uuid::parse_str(s).ok()).collect();
    let mut people = vec![subject_id?.to_owned()];
    if let Some(former) = detail.get(ERASURE_FORMER_RECORDS).and_then(|v| v.as_array()) {
        people.extend(
            former.iter().filter_map(|v| v.as_str()).filter_map(|s| Uuid::parse_str(s).ok()).map(|u| u.to_string()),
        );
    }
    Some((people, ids))
}

/// Whether an erasure at place `erasure_seq`, of a person (`people`: their
/// id and the records combined into theirs), that lists the entry covers
/// its clearing: the erasure comes after it, the entry is about that person
/// (as its subject, through their consent, or acted on their behalf) and is
/// of a kind erasures reduce (module documentation).
pub fn erasure_covers(e: &ClearedEntry<'_>, erasure_seq: i64, people: &[String]) -> bool {
    let is_person = |id: Uuid| people.contains(&id.to_string());
    let about = match e.subject_kind {
        Some("resident") => e.subject_id.is_some_and(|s| people.iter().any(|p| p == s)),
        Some("consent") => e.consent_of.is_some_and(is_person),
        _ => false,
    } || e.on_behalf_of.is_some_and(is_person);
    erasure_seq > e.seq && about && super::audit::reduced_on_erasure(e.action)
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
    /// The chain at a checkpoint's place is not the one it signed
    /// (rewritten from there on).
    Rewritten { seq: i64 },
    /// A checkpoint whose signature does not check (forged or altered).
    BadCheckpoint { file: String },
    /// A link holding a value the service never writes (its entry's id,
    /// if that much can be read).
    Unreadable { id: Option<Uuid> },
    /// The checkpoints cannot be read or written: none is checked or made.
    CheckpointFolder { problem: String },
    /// The walk could not finish (the database did not answer, ...).
    NotFinished { problem: String },
}

impl Break {
    /// The chain place it is at, for reporting in order (none: after).
    pub fn place(&self) -> i64 {
        match self {
            Self::Edited { seq, .. }
            | Self::Cleared { seq, .. }
            | Self::Reordered { seq, .. }
            | Self::Deleted { seq, .. }
            | Self::Rewritten { seq } => *seq,
            Self::Missing { from, .. } => *from,
            Self::Inserted { .. }
            | Self::Truncated { .. }
            | Self::BadCheckpoint { .. }
            | Self::Unreadable { .. }
            | Self::CheckpointFolder { .. }
            | Self::NotFinished { .. } => i64::MAX,
        }
    }
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
            Self::Rewritten { seq } => write!(f, "the chain up to entry {seq} is not the one a checkpoint signed"),
            Self::BadCheckpoint { file } => write!(f, "checkpoint {file} is not signed by this deployment's key"),
            Self::Unreadable { id: Some(id) } => {
                write!(f, "the link of entry {id} holds values the service never writes")
            }
            Self::Unreadable { id: None } => write!(f, "a link holds values the service never writes"),
            Self::CheckpointFolder { problem } => write!(
                f,
                "the checkpoint folder cannot be used ({problem}): make RENKEI_AUDIT_CHECKPOINT_DIR a folder renkei can read and write"
            ),
            Self::NotFinished { problem } => write!(f, "the walk could not finish ({problem}); it runs again later"),
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_public_key_is_read_as_published_or_refused() {
        let key = parse_key(&new_key_text(&mut rand::rng())).unwrap();
        let published = public_key_hex(&key);
        assert_eq!(public_key_text(&format!("  {}\n", published.to_uppercase())), Some(published.clone()));
        assert_eq!(public_key_text(&published[..62]), None);
        assert_eq!(public_key_text(&"zz".repeat(32)), None);
    }

    #[test]
    fn an_erasure_lists_its_entries_only_as_an_erasure_of_a_resident() {
        let a = Uuid::now_v7();
        let detail = serde_json::json!({ ERASURE_LIST: [a.to_string(), "not an id", 7] });
        let erased = super::super::audit::AuditAction::MedicalDataErased.as_str();
        let person = Uuid::now_v7().to_string();
        assert_eq!(
            erasure_listed(erased, Some("resident"), Some(&person), Some(&detail)),
            Some((vec![person.clone()], vec![a]))
        );
        let former = Uuid::now_v7();
        let with_former =
            serde_json::json!({ ERASURE_LIST: [a.to_string()], ERASURE_FORMER_RECORDS: [former.to_string(), 3] });
        assert_eq!(
            erasure_listed(erased, Some("resident"), Some(&person), Some(&with_former)),
            Some((vec![person.clone(), former.to_string()], vec![a]))
        );
        assert_eq!(erasure_listed("mail.queued", Some("resident"), Some(&person), Some(&detail)), None);
        assert_eq!(erasure_listed(erased, Some("consent"), Some(&person), Some(&detail)), None);
        assert_eq!(erasure_listed(erased, Some("resident"), Some(&person), None), None);
    }
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

    /// The documented line, built as a `serde_json` value.
    fn link_line(seq: i64, prev: &str, c: &Content<'_>) -> String {
        let id = |u: Option<Uuid>| u.map(|u| u.to_string());
        serde_json::json!([
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
        ])
        .to_string()
    }

    #[test]
    fn the_hash_is_over_the_documented_line() {
        let mut c = content(Uuid::now_v7());
        assert_eq!(link_hash(7, GENESIS, &c), sha256_hex(link_line(7, GENESIS, &c).as_bytes()));
        c.on_behalf_of = Some(Uuid::now_v7());
        c.facility_id = Some(Uuid::now_v7());
        c.actor_id = Some("名前 \"quoted\" \\ \u{1} \u{7f} é");
        c.detail_digest = Some("ab");
        assert_eq!(link_hash(-3, "x", &c), sha256_hex(link_line(-3, "x", &c).as_bytes()));
        assert!(link_line(1, GENESIS, &content(Uuid::nil())).starts_with(
            r#"["renkei-audit-1",1,"0000000000000000000000000000000000000000000000000000000000000000","00000000-0000-0000-0000-000000000000","2026-12-06T01:02:03.123456Z","staff","s-1",null,"#
        ));
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
    fn a_checkpoint_checks_only_with_its_key_and_unaltered() {
        let key = parse_key(&new_key_text(&mut rand::rng())).unwrap();
        let other = parse_key(&new_key_text(&mut rand::rng())).unwrap();
        let c = Checkpoint::sign(&key, 42, &"a".repeat(64), Utc::now());
        assert!(c.signed_by(&public_key_hex(&key)));
        assert!(!c.signed_by(&public_key_hex(&other)));
        let mut cut = c.clone();
        cut.entries = 41;
        assert!(!cut.signed_by(&public_key_hex(&key)));
        assert!(parse_key("nothex").is_none());
    }

    #[test]
    fn an_erasure_covers_only_its_persons_reducible_entries_before_it() {
        let person = Uuid::now_v7();
        let p = vec![person.to_string()];
        let e = ClearedEntry {
            seq: 5,
            action: "medical_data.received",
            subject_kind: Some("resident"),
            subject_id: Some(&p[0]),
            on_behalf_of: None,
            consent_of: None,
        };
        assert!(erasure_covers(&e, 9, &p));
        assert!(!erasure_covers(&e, 5, &p), "not an entry at or after the erasure");
        assert!(!erasure_covers(&e, 9, &[Uuid::now_v7().to_string()]), "not another person's");
        let former = Uuid::now_v7().to_string();
        let of_former = ClearedEntry { subject_id: Some(&former), ..e };
        assert!(!erasure_covers(&of_former, 9, &p), "not a record the erasure does not name");
        assert!(erasure_covers(&of_former, 9, &[p[0].clone(), former.clone()]), "a record combined into the person's");
        assert!(!erasure_covers(&ClearedEntry { action: "network.created", ..e }, 9, &p), "not a kind erasures keep");
        let consent =
            ClearedEntry { subject_kind: Some("consent"), subject_id: Some("c"), consent_of: Some(person), ..e };
        assert!(erasure_covers(&consent, 9, &p));
        assert!(!erasure_covers(&ClearedEntry { consent_of: None, ..consent }, 9, &p));
        let acted = ClearedEntry { subject_kind: None, subject_id: None, on_behalf_of: Some(person), ..e };
        assert!(erasure_covers(&acted, 9, &p));
    }

    #[test]
    fn a_detail_digest_does_not_depend_on_key_order() {
        let a: serde_json::Value = serde_json::from_str(r#"{"b":1,"a":"x"}"#).unwrap();
        let b: serde_json::Value = serde_json::from_str(r#"{"a":"x","b":1}"#).unwrap();
        assert_eq!(detail_digest(Some(&a)), detail_digest(Some(&b)));
        assert_eq!(detail_digest(None), None);
    }
}
