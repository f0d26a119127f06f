//! Storage: the migrations both ways, many writers at once, and the audit
//! log written in the same transaction as the change it records.

use std::sync::Arc;

use renkei_api::app::AppState;
use renkei_api::domain::actor::Actor;
use renkei_api::domain::audit::{Channel, SubjectKind};
use renkei_api::domain::network::NewNetwork;
use renkei_api::service::networks::{add_network, list_networks};
use renkei_api::store::{Db, audit};
use renkei_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Statement};

use crate::support::{TestApp, TestDb, backends, each_backend, test_config};

const TABLES: [&str; 7] =
    ["network", "facility", "network_facility", "audit_log", "mail_outbox", "entry_point", "consent_document"];

async fn table_exists(db: &Db, table: &str) -> bool {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    db.reader().query_one_raw(Statement::from_string(db.reader().get_database_backend(), sql)).await.is_ok()
}

#[tokio::test]
async fn migrations_go_up_down_and_up_again() {
    for backend in backends() {
        let t = TestDb::create(backend).await;
        let db = Db::connect(&t.url).await.unwrap();
        Migrator::up(db.reader(), None).await.unwrap();
        for table in TABLES {
            assert!(table_exists(&db, table).await, "{backend:?}: {table} after up");
        }
        Migrator::down(db.reader(), None).await.unwrap();
        for table in TABLES {
            assert!(!table_exists(&db, table).await, "{backend:?}: {table} after down");
        }
        Migrator::up(db.reader(), None).await.unwrap();
        for table in TABLES {
            assert!(table_exists(&db, table).await, "{backend:?}: {table} after up again");
        }
        // Running them again is a no-op (every start does it).
        db.migrate().await.unwrap();
        db.close().await.unwrap();
        t.drop().await;
    }
}

fn operator() -> Actor {
    Actor::Operator { name: "ops-test".into() }
}

fn network(i: usize) -> NewNetwork {
    NewNetwork::parse(&format!("net-{i:03}"), &format!("ネットワーク{i:03}"), None, false).unwrap()
}

#[tokio::test]
async fn fifty_concurrent_writers_all_succeed() {
    each_backend(async |app| {
        let tasks: Vec<_> = (0..50)
            .map(|i| {
                let state = app.state.clone();
                tokio::spawn(async move { add_network(&state, &operator(), Channel::Cli, network(i)).await })
            })
            .collect();
        for (i, t) in tasks.into_iter().enumerate() {
            let r = t.await.unwrap();
            assert!(r.is_ok(), "writer {i}: {r:?}");
        }
        let listed = list_networks(&app.state, &Actor::Anonymous).await.unwrap();
        assert_eq!(listed.len(), 50);
        let entries = audit::recent(app.state.db.reader(), 100).await.unwrap();
        assert_eq!(entries.iter().filter(|e| e.action == "network.created").count(), 50);
    })
    .await;
}

/// Two servers (or a server and an admin command) on one SQLite file: separate
/// pools, separate in-process gates; only the file lock is shared.
#[tokio::test]
async fn writers_in_two_connections_pools_on_one_sqlite_file_never_see_locked() {
    let app = TestApp::spawn(crate::support::Backend::Sqlite).await;
    let other_db = Db::connect(&app.db.url).await.unwrap();
    let other =
        AppState::with_db(test_config(&app.db.url, &app.pwa_dir, &[]), Arc::new(app.clock.clone()), other_db).unwrap();
    let tasks: Vec<_> = (0..60)
        .map(|i| {
            let state = if i % 2 == 0 { app.state.clone() } else { other.clone() };
            tokio::spawn(async move { add_network(&state, &operator(), Channel::Cli, network(i)).await })
        })
        .collect();
    for (i, t) in tasks.into_iter().enumerate() {
        let r = t.await.unwrap();
        assert!(r.is_ok(), "writer {i}: {r:?}");
    }
    assert_eq!(list_networks(&app.state, &Actor::Anonymous).await.unwrap().len(), 60);
    other.db.close().await.unwrap();
    app.finish().await;
}

#[tokio::test]
async fn the_audit_entry_is_written_with_the_change_and_only_with_it() {
    each_backend(async |app| {
        let n = add_network(&app.state, &operator(), Channel::Cli, network(1)).await.unwrap();
        let entries = audit::for_subject(app.state.db.reader(), SubjectKind::Network, &n.id.to_string()).await.unwrap();
        assert_eq!(entries.len(), 1);
        let e = &entries[0];
        assert_eq!(e.action, "network.created");
        assert_eq!(e.actor_kind, "operator");
        assert_eq!(e.actor_id.as_deref(), Some("ops-test"));
        assert_eq!(e.channel, "cli");
        assert_eq!(e.network_id, Some(n.id));
        assert_eq!(e.at, crate::support::start_time(), "the injected clock is used");

        // A refused change writes nothing, not even an audit entry.
        let before = audit::recent(app.state.db.reader(), 1000).await.unwrap().len();
        assert!(add_network(&app.state, &operator(), Channel::Cli, network(1)).await.is_err());
        assert!(add_network(&app.state, &Actor::Anonymous, Channel::Web, network(2)).await.is_err());
        assert_eq!(audit::recent(app.state.db.reader(), 1000).await.unwrap().len(), before);
        assert_eq!(list_networks(&app.state, &Actor::Anonymous).await.unwrap().len(), 1);
    })
    .await;
}

/// The audit log is append-only in the database itself, not only by convention.
/// The one change allowed is a reduction (detail and request id to null,
/// nothing else), made when a person's medical data is erased.
#[tokio::test]
async fn the_audit_log_refuses_updates_and_deletes() {
    each_backend(async |app| {
        add_network(&app.state, &operator(), Channel::Cli, network(1)).await.unwrap();
        let db = app.state.db.reader();
        for sql in [
            "UPDATE audit_log SET action = 'forged'",
            "DELETE FROM audit_log",
            "UPDATE audit_log SET detail = NULL, request_id = NULL, actor_id = 'forged'",
            "UPDATE audit_log SET request_id = 'forged'",
        ] {
            let err = db.execute_unprepared(sql).await.expect_err(sql);
            assert!(err.to_string().contains("append-only"), "{sql}: {err}");
        }
        assert_eq!(audit::recent(db, 10).await.unwrap()[0].action, "network.created");
        db.execute_unprepared("UPDATE audit_log SET detail = NULL, request_id = NULL").await.unwrap();
        let e = &audit::recent(db, 10).await.unwrap()[0];
        assert_eq!((e.action.as_str(), e.detail.as_ref()), ("network.created", None));
    })
    .await;
}

/// A full disk (SQLite's own size limit standing in for it: the same
/// SQLITE_FULL a full filesystem gives): every acknowledged write is kept,
/// the refusals say so, and writing works again once there is room.
#[tokio::test]
async fn a_full_disk_loses_no_acknowledged_write_and_recovers_by_itself() {
    let t = TestDb::create(crate::support::Backend::Sqlite).await;
    let db = Db::connect(&t.url).await.unwrap();
    db.migrate().await.unwrap();
    let pages = |db: Db| async move {
        let row = db
            .reader()
            .query_one_raw(Statement::from_string(sea_orm::DatabaseBackend::Sqlite, "PRAGMA page_count"))
            .await
            .unwrap()
            .unwrap();
        row.try_get_by_index::<i64>(0).unwrap()
    };
    let used = pages(db.clone()).await;
    db.close().await.unwrap();
    let limit = (used as u64 + 6) * 4096;
    let db = Db::connect_with(&t.url, Some(limit)).await.unwrap();
    let pwa = tempfile::tempdir().unwrap();
    let config = test_config(&t.url, pwa.path(), &[]);
    let clock = renkei_api::clock::ManualClock::new(crate::support::start_time());
    let state = AppState::with_db(config, Arc::new(clock), db.clone()).unwrap();
    let mut acknowledged = Vec::new();
    let mut refused = Vec::new();
    for round in 0..6 {
        let tasks: Vec<_> = (0..16)
            .map(|i| {
                let state = state.clone();
                let n = round * 16 + i;
                tokio::spawn(async move { (n, add_network(&state, &operator(), Channel::Cli, network(n)).await) })
            })
            .collect();
        for t in tasks {
            let (n, r) = t.await.unwrap();
            match r {
                Ok(_) => acknowledged.push(n),
                Err(e) => refused.push((n, format!("{e:?}"))),
            }
        }
    }
    assert!(!refused.is_empty(), "the limit was reached");
    eprintln!("acknowledged {} refused {} e.g. {:?}", acknowledged.len(), refused.len(), refused.first());
    let listed: Vec<String> =
        list_networks(&state, &Actor::Anonymous).await.unwrap().into_iter().map(|n| n.code).collect();
    for n in &acknowledged {
        assert!(listed.contains(&format!("net-{n:03}")), "acknowledged net-{n:03} is there");
    }
    db.close().await.unwrap();
    // After a restart too.
    let db = Db::connect(&t.url).await.unwrap();
    let state = AppState::with_db(
        test_config(&t.url, pwa.path(), &[]),
        Arc::new(renkei_api::clock::ManualClock::new(crate::support::start_time())),
        db.clone(),
    )
    .unwrap();
    let listed: Vec<String> =
        list_networks(&state, &Actor::Anonymous).await.unwrap().into_iter().map(|n| n.code).collect();
    for n in &acknowledged {
        assert!(listed.contains(&format!("net-{n:03}")), "acknowledged net-{n:03} is there after a restart");
    }
    assert_eq!(listed.len(), acknowledged.len(), "and nothing refused is");
    db.close().await.unwrap();
    t.drop().await;
}
