//! Summaries of a person's records as made for reading, and where they are
//! kept between reads ([`SummaryCache`], part of the application state).
//! Made by `health_record`; apart from it so that the state does not depend
//! on a use case.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::summary::{self, Flag};
use crate::store::entity::{allergy, emergency_contact, medication};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Medicine {
    pub row: medication::Model,
    /// The sending facility's name.
    pub facility: String,
    /// Its English name, when it names a participating facility that has one.
    pub facility_en: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentMedicine {
    pub medicine: Medicine,
    pub until: Option<NaiveDate>,
    pub duration_unstated: bool,
    pub prescribed_by: String,
    pub prescribed_by_en: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllergyEntry {
    pub row: allergy::Model,
    pub facility: String,
    pub facility_en: Option<String>,
    pub contraindication: bool,
    /// What medicines are compared with it by.
    pub compared_by: summary::MatchBasis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub facility: String,
    pub facility_en: Option<String>,
    pub last_on: NaiveDate,
    pub items: i32,
}

/// A summary as made from a person's records, for one view (the person's
/// own, or their proxies') on one day; kept and served again while the
/// person's record version stays the same ([`SummaryCache`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthSummary {
    /// Who it is about, for the emergency card: name, kana, birth date.
    pub name: String,
    pub name_kana: String,
    pub birth_date: NaiveDate,
    pub last_received_at: Option<DateTime<Utc>>,
    /// When the resident first joined a network (data before it is never held).
    pub joined_at: Option<DateTime<Utc>>,
    pub current: Vec<CurrentMedicine>,
    /// The first page of the history ([`HISTORY_FIRST_PAGE`] newest).
    pub history: Vec<Medicine>,
    /// The whole history, newest first, as ids: later pages are read by them.
    pub history_ids: Vec<Uuid>,
    pub allergies: Vec<AllergyEntry>,
    pub flags: Vec<Flag>,
    /// Current medicines not checked for duplicates (no ingredient-level code).
    pub not_compared: Vec<Uuid>,
    pub emergency_contact: Option<emergency_contact::Model>,
    pub sources: Vec<Source>,
    /// The records the person hides from their proxies (shown to the person
    /// only; a proxy's summary leaves them out altogether).
    pub hidden_from_proxies: HashSet<Uuid>,
    /// This summary as the HTTP layer writes it, made at its first read and
    /// served as it is after that (every read of one version answers the same).
    pub rendered: std::sync::OnceLock<bytes::Bytes>,
}

/// How many of the history's newest entries come with the summary; the rest
/// are read a page at a time (`health_record::history_page`).
pub const HISTORY_FIRST_PAGE: usize = 20;
/// The longest page of history one read returns.
pub const HISTORY_PAGE_MAX: usize = 100;

/// A summary read: what was made (perhaps for an earlier read) and when it is served.
#[derive(Debug, Clone)]
pub struct SummaryRead {
    pub summary: Arc<HealthSummary>,
    pub as_of: DateTime<Utc>,
}

/// Whose view a summary is made for: the person sees everything and what
/// they hide; their proxies see neither what is hidden nor its traces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum View {
    Own,
    Proxy,
}

struct Kept {
    version: i64,
    day: NaiveDate,
    made_at: Instant,
    last_used: u64,
    bytes: usize,
    summary: Arc<HealthSummary>,
}

/// Summaries made once and served while the person's record version (which
/// the database changes with every change a summary is made from, whichever
/// process writes it) and the day in Japan stay the same: a read is then a
/// look-up of that version instead of a dozen queries and the rules over a
/// year of records. Bounded in memory (least recently used go first) and in
/// age (a facility's renamed name shows within [`KEPT_FOR`]).
#[derive(Default)]
pub struct SummaryCache {
    kept: Mutex<KeptAll>,
}

#[derive(Default)]
struct KeptAll {
    map: HashMap<(Uuid, View), Kept>,
    /// What they take, roughly ([`approximate_size`]).
    bytes: usize,
    /// Counts uses, to find the least recently used.
    tick: u64,
}

/// The memory summaries may take, roughly.
const KEPT_BYTES: usize = 32 * 1024 * 1024;
/// How long a summary is served at most.
const KEPT_FOR: Duration = Duration::from_secs(600);

impl SummaryCache {
    /// The lock, whatever a panic elsewhere left (the map is consistent between statements).
    fn lock(&self) -> std::sync::MutexGuard<'_, KeptAll> {
        self.kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(super) fn get(&self, key: (Uuid, View), version: i64, day: NaiveDate) -> Option<Arc<HealthSummary>> {
        let mut guard = self.lock();
        let KeptAll { map, tick, bytes } = &mut *guard;
        *tick += 1;
        let now_tick = *tick;
        let k = map.get_mut(&key)?;
        if k.version != version || k.day != day || k.made_at.elapsed() > KEPT_FOR {
            // Out of date: gone now, not when memory runs short.
            if let Some(old) = map.remove(&key) {
                *bytes -= old.bytes;
            }
            return None;
        }
        k.last_used = now_tick;
        Some(Arc::clone(&k.summary))
    }

    pub(super) fn put(&self, key: (Uuid, View), version: i64, day: NaiveDate, summary: Arc<HealthSummary>) {
        // Written once more as bytes at its first read ([`HealthSummary::rendered`]).
        let bytes = approximate_size(&summary) * 2;
        if bytes > KEPT_BYTES / 8 {
            return; // Made again at each read rather than pushing out a hundred others.
        }
        let mut guard = self.lock();
        let KeptAll { map, bytes: total, tick } = &mut *guard;
        *tick += 1;
        if let Some(old) = map.remove(&key) {
            *total -= old.bytes;
        }
        while *total + bytes > KEPT_BYTES {
            let Some(oldest) = map.iter().min_by_key(|(_, k)| k.last_used).map(|(key, _)| *key) else { break };
            if let Some(k) = map.remove(&oldest) {
                *total -= k.bytes;
            }
        }
        *total += bytes;
        map.insert(key, Kept { version, day, made_at: Instant::now(), last_used: *tick, bytes, summary });
    }

    /// How many summaries are kept (for tests and benchmarks).
    pub fn len(&self) -> usize {
        self.lock().map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A rough measure of what a summary holds: its records (with their stored
/// details) and the history's ids.
fn approximate_size(s: &HealthSummary) -> usize {
    let record =
        |m: &Medicine| 256 + m.row.detail.as_ref().map_or(0, String::len) + m.row.name.len() + m.facility.len();
    4096 + s.current.iter().map(|c| record(&c.medicine)).sum::<usize>()
        + s.history.iter().map(record).sum::<usize>()
        + s.allergies.iter().map(|a| 512 + a.row.text.len()).sum::<usize>()
        + s.history_ids.len() * 16
        + s.hidden_from_proxies.len() * 48
}
