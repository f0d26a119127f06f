//! The audit log's hash chain, measured (see bench/README.md, "audit_chain"):
//!
//! 1. what one audit entry costs to write with its link, against the same
//!    entry written as before the chain (the row alone), each in its own
//!    committed write, interleaved in the same run; one writer at a time,
//!    then 16 at once (on SQLite they share commits);
//! 2. how long `verify` takes to walk 1,000,000 entries, against reading the
//!    same rows without checking them, in the same run.
//!
//! ```sh
//! cargo run --release -p renkei-api --example audit_chain
//! BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres cargo run --release -p renkei-api --example audit_chain
//! ```
//! `BENCH_ENTRIES` (1000000) and `BENCH_WRITES` (2000) set the sizes.

// A measurement: it stops at the first thing that goes wrong.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use renkei_api::clock::SystemClock;
use renkei_api::config::Config;
use renkei_api::domain::actor::Actor;
use renkei_api::domain::audit::{AuditAction, Channel, SubjectKind};
use renkei_api::domain::audit_chain::{self, GENESIS};
use renkei_api::state::AppState;
use renkei_api::store::audit::{self, AuditEntry};
use renkei_api::store::entity::{audit_chain as chain_row, audit_log};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

// As the `renkei` binary allocates.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// An entry like the service's most frequent one: a facility's look.
fn entry(i: usize) -> AuditEntry {
    let staff =
        Actor::Staff { id: Uuid::now_v7(), facility_id: Uuid::now_v7(), role: renkei_api::domain::staff::Role::Nurse };
    AuditEntry::new(&staff, AuditAction::SharedRecordViewed, Channel::Web)
        .subject(SubjectKind::Resident, Uuid::now_v7())
        .facility(Uuid::now_v7())
        .request_id(Some(format!("req-{i:012}")))
        .detail(serde_json::json!({ "parts": "medicines,allergies,contact", "basis": "sent_data", "n": i }))
}

/// The row of `e` as the service wrote it before the chain.
fn plain_row(e: AuditEntry, at: chrono::DateTime<chrono::Utc>) -> audit_log::ActiveModel {
    use chrono::SubsecRound;
    let (subject_kind, subject_id) =
        e.subject.map(|(k, id)| (Some(k.as_str().to_owned()), Some(id))).unwrap_or_default();
    audit_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        at: Set(at.trunc_subsecs(6)),
        actor_kind: Set(e.actor.kind().as_str().to_owned()),
        actor_id: Set(e.actor.audit_id()),
        on_behalf_of: Set(e.on_behalf_of),
        action: Set(e.action.as_str().to_owned()),
        subject_kind: Set(subject_kind),
        subject_id: Set(subject_id),
        network_id: Set(e.network_id),
        facility_id: Set(e.facility_id),
        channel: Set(e.channel.as_str().to_owned()),
        request_id: Set(e.request_id),
        detail: Set(e.detail),
    }
}

async fn open(url: &str, dir: &std::path::Path) -> AppState {
    let vars = [
        ("RENKEI_DATABASE_URL", url.to_owned()),
        ("RENKEI_MAIL_URL", "memory:".to_owned()),
        ("RENKEI_PWA_DIR", dir.join("pwa").display().to_string()),
        ("RENKEI_AUDIT_CHECKPOINT_DIR", dir.join("checkpoints").display().to_string()),
    ];
    let config = Config::from_lookup(|k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone())).unwrap();
    AppState::open(config, Arc::new(SystemClock)).await.unwrap()
}

/// One committed write of one entry, with its link or as before.
async fn write_one(state: &AppState, i: usize, linked: bool) -> Duration {
    let started = Instant::now();
    let tx = state.db.write().await.unwrap();
    let now = state.clock.now();
    if linked {
        audit::append(&*tx, entry(i), now).await.unwrap();
    } else {
        audit_log::Entity::insert(plain_row(entry(i), now)).exec(&*tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    started.elapsed()
}

async fn write_cost(state: &AppState, writes: usize) {
    // Warm up both paths.
    for i in 0..50 {
        write_one(state, i, i % 2 == 0).await;
    }
    let (mut plain, mut linked) = (Vec::new(), Vec::new());
    for i in 0..writes {
        // ABBA, so that neither always goes first.
        let first_linked = i % 2 == 0;
        let a = write_one(state, i, first_linked).await;
        let b = write_one(state, i, !first_linked).await;
        let (l, p) = if first_linked { (a, b) } else { (b, a) };
        linked.push(l);
        plain.push(p);
    }
    let (p, l) = (median(plain), median(linked));
    println!(
        "  one writer, {writes} writes each: median {:.3} ms as before, {:.3} ms with the link: x{:.3} ({:+.1} %)",
        ms(p),
        ms(l),
        l.as_secs_f64() / p.as_secs_f64(),
        (l.as_secs_f64() / p.as_secs_f64() - 1.0) * 100.0
    );

    // 16 writers at once, each mode in turn, twice (ABBA).
    let mut rates = [Vec::new(), Vec::new()];
    for linked in [false, true, true, false] {
        let started = Instant::now();
        let per = writes / 4;
        let tasks: Vec<_> = (0..16)
            .map(|t| {
                let state = state.clone();
                tokio::spawn(async move {
                    for j in 0..per {
                        write_one(&state, t * per + j, linked).await;
                    }
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        rates[usize::from(linked)].push((16 * per) as f64 / started.elapsed().as_secs_f64());
    }
    let rate = |v: &Vec<f64>| v.iter().sum::<f64>() / v.len() as f64;
    let (p, l) = (rate(&rates[0]), rate(&rates[1]));
    println!(
        "  16 writers at once: {p:.0} writes/s as before, {l:.0} with the link: x{:.3} the time per write ({:+.1} %)",
        p / l,
        (p / l - 1.0) * 100.0
    );
}

/// Fills the log with `n` entries and their links, written in bulk with the
/// chain's own functions (the service would take hours to log as many).
async fn fill(state: &AppState, n: usize) {
    let started = Instant::now();
    let mut prev = GENESIS.to_owned();
    let mut seq = 0i64;
    let batch = 500;
    let at0 = chrono::Utc::now() - chrono::Duration::days(365);
    while (seq as usize) < n {
        let tx = state.db.write().await.unwrap();
        let mut rows = Vec::with_capacity(batch);
        let mut links = Vec::with_capacity(batch);
        for _ in 0..batch.min(n - seq as usize) {
            seq += 1;
            let at = at0 + chrono::Duration::milliseconds(seq * 30);
            let row = plain_row(entry(seq as usize), at);
            let model = audit_log::Model {
                id: row.id.clone().unwrap(),
                at: row.at.clone().unwrap(),
                actor_kind: row.actor_kind.clone().unwrap(),
                actor_id: row.actor_id.clone().unwrap(),
                on_behalf_of: row.on_behalf_of.clone().unwrap(),
                action: row.action.clone().unwrap(),
                subject_kind: row.subject_kind.clone().unwrap(),
                subject_id: row.subject_id.clone().unwrap(),
                network_id: row.network_id.clone().unwrap(),
                facility_id: row.facility_id.clone().unwrap(),
                channel: row.channel.clone().unwrap(),
                request_id: row.request_id.clone().unwrap(),
                detail: row.detail.clone().unwrap(),
            };
            let detail_digest = audit_chain::detail_digest(model.detail.as_ref());
            let request_digest = audit_chain::request_digest(model.request_id.as_deref());
            let hash = audit_chain::link_hash(
                seq,
                &prev,
                &audit::content(&model, detail_digest.as_deref(), request_digest.as_deref()),
            );
            links.push(chain_row::ActiveModel {
                entry_id: Set(model.id),
                seq: Set(seq),
                prev_hash: Set(prev.clone()),
                hash: Set(hash.clone()),
                detail_digest: Set(detail_digest),
                request_digest: Set(request_digest),
            });
            prev = hash;
            rows.push(row);
        }
        audit_log::Entity::insert_many(rows).exec(&*tx).await.unwrap();
        chain_row::Entity::insert_many(links).exec(&*tx).await.unwrap();
        tx.commit().await.unwrap();
    }
    println!("  filled {n} entries in {:.1} s", started.elapsed().as_secs_f64());
}

/// Reads every link and entry as `verify` does (pages of places, three at
/// a time; on SQLite each row packed into one value), without checking
/// them: the ceiling.
async fn read_all(state: &AppState) -> usize {
    use futures::StreamExt;
    let db = state.db.reader();
    let (first, last, _) = audit::places(db).await.unwrap().unwrap();
    let ranges: Vec<(i64, i64)> =
        (first - 1..last).step_by(5_000).map(|after| (after, (after + 5_000).min(last))).collect();
    futures::stream::iter(ranges)
        .map(|(after, upto)| async move {
            match audit::packed_links_between(db, after, upto).await.unwrap() {
                Some(rows) => rows.len(),
                None => audit::links_between(db, after, upto)
                    .await
                    .unwrap()
                    .iter()
                    .filter(|r| matches!(r, audit::LinkRead::Link(_, audit::Linked::Present(_))))
                    .count(),
            }
        })
        .buffered(3)
        .fold(0, |n, page| async move { n + page })
        .await
}

async fn verify_time(state: &AppState, n: usize) {
    fill(state, n).await;
    let operator = Actor::Operator { name: "bench".into() };
    let (mut walks, mut reads) = (Vec::new(), Vec::new());
    for round in 0..3 {
        let started = Instant::now();
        let seen = read_all(state).await;
        reads.push(started.elapsed());
        assert_eq!(seen, n);
        let started = Instant::now();
        let r = renkei_api::service::audit_verify::verify(state, &operator).await.unwrap();
        walks.push(started.elapsed());
        assert!(
            r.breaks.is_empty() && r.entries == n as i64,
            "round {round}: {:?}",
            &r.breaks[..r.breaks.len().min(3)]
        );
    }
    if std::env::var("BENCH_RAW").is_ok() {
        use sea_orm::{DbBackend, Statement};
        let db = state.db.reader();
        let backend = db.get_database_backend();
        for (what, columns) in [("rows fetched, not decoded", "c.*, a.*"), ("one column fetched", "c.seq")] {
            let range = if backend == DbBackend::Postgres { "$1 AND c.seq < $2" } else { "? AND c.seq < ?" };
            let sql = format!(
                "SELECT {columns} FROM audit_chain c LEFT JOIN audit_log a ON a.id = c.entry_id \
                 WHERE c.seq >= {range} ORDER BY c.seq"
            );
            let started = Instant::now();
            for from in (1..=n as i64).step_by(5_000) {
                let values = [from.into(), (from + 5_000).into()];
                let rows = db.query_all_raw(Statement::from_sql_and_values(backend, &sql, values)).await.unwrap();
                assert!(!rows.is_empty());
            }
            println!("  {what}: {:.2} s", started.elapsed().as_secs_f64());
        }
    }
    let started = Instant::now();
    let unlinked = audit::unlinked(state.db.reader()).await.unwrap();
    assert!(unlinked.is_empty());
    println!(
        "  looking for entries without a link (verify does only when the counts differ): {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let (w, r) = (median(walks), median(reads));
    println!(
        "  verify over {n} entries: median {:.2} s (of 3); reading the same rows unchecked {:.2} s: x{:.2}",
        w.as_secs_f64(),
        r.as_secs_f64(),
        w.as_secs_f64() / r.as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    let entries = env_usize("BENCH_ENTRIES", 1_000_000);
    let writes = env_usize("BENCH_WRITES", 2_000);
    let dir = std::env::temp_dir().join(format!("renkei-bench-audit-{}", Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut targets = vec![
        ("SQLite", format!("sqlite://{}?mode=rwc", dir.join("writes.db").display()), None),
        ("SQLite", format!("sqlite://{}?mode=rwc", dir.join("walk.db").display()), None),
    ];
    let pg_admin = std::env::var("BENCH_PG_URL").ok();
    if let Some(admin) = &pg_admin {
        for what in ["writes", "walk"] {
            let name = format!("renkei_bench_{what}_{}", Uuid::now_v7().simple());
            let conn = renkei_api::store::Db::connect_plain(admin).await.unwrap();
            conn.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
            let mut url = url::Url::parse(admin).unwrap();
            url.set_path(&name);
            targets.push(("PostgreSQL", url.to_string(), Some(name)));
        }
    }
    for pair in targets.chunks(2) {
        let (kind, writes_url, _) = &pair[0];
        println!("{kind}:");
        let state = open(writes_url, &dir).await;
        write_cost(&state, writes).await;
        state.db.close().await.unwrap();
        let state = open(&pair[1].1, &dir).await;
        verify_time(&state, entries).await;
        state.db.close().await.unwrap();
    }
    if let Some(admin) = &pg_admin {
        let conn = renkei_api::store::Db::connect_plain(admin).await.unwrap();
        for (_, _, name) in &targets {
            if let Some(name) = name {
                conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.unwrap();
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
