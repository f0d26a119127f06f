//! Storage: the migrations both ways, many writers at once, and the audit
//! log written in the same transaction as the change it records.

use std::sync::Arc;

use renkei_api::domain::actor::Actor;
use renkei_api::domain::audit::{Channel, SubjectKind};
use renkei_api::domain::network::NewNetwork;
use renkei_api::service::networks::{add_network, list_networks};
use renkei_api::state::AppState;
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
        // Migrations are the owner's (on PostgreSQL the service's role may not).
        let db = Db::connect(&t.owner_url().unwrap_or(t.url.clone())).await.unwrap();
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
        // The triggers hold for the owner too (on PostgreSQL the service's
        // role is refused before them: see audit_chain.rs).
        let owner = match app.db.owner_url() {
            Some(url) => Some(Db::connect_plain(&url).await.unwrap()),
            None => None,
        };
        for sql in [
            "UPDATE audit_log SET action = 'forged'",
            "DELETE FROM audit_log",
            "UPDATE audit_log SET detail = NULL, request_id = NULL, actor_id = 'forged'",
            "UPDATE audit_log SET request_id = 'forged'",
        ] {
            let err = match &owner {
                Some(o) => o.execute_unprepared(sql).await.expect_err(sql),
                None => db.execute_unprepared(sql).await.expect_err(sql),
            };
            assert!(err.to_string().contains("append-only"), "{sql}: {err}");
        }
        assert_eq!(audit::recent(db, 10).await.unwrap()[0].action, "network.created");
        db.execute_unprepared("UPDATE audit_log SET detail = NULL, request_id = NULL").await.unwrap();
        let e = &audit::recent(db, 10).await.unwrap()[0];
        assert_eq!((e.action.as_str(), e.detail.as_ref()), ("network.created", None));
    })
    .await;
}

/// A small filesystem of its own, mounted for the test (tmpfs); None where
/// mounting is not allowed (not root).
struct SmallFs {
    dir: tempfile::TempDir,
}

impl SmallFs {
    fn mount(kib: u64) -> Option<SmallFs> {
        // RENKEI_TEST_NO_MOUNT=1 tries the fallback where mounting works.
        if std::env::var_os("RENKEI_TEST_NO_MOUNT").is_some() {
            return None;
        }
        let dir = tempfile::tempdir().ok()?;
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(SmallFs { dir })
    }

    fn available_kib(&self) -> u64 {
        let out =
            std::process::Command::new("df").args(["-k", "--output=avail"]).arg(self.dir.path()).output().unwrap();
        String::from_utf8_lossy(&out.stdout).lines().nth(1).unwrap().trim().parse().unwrap()
    }
}

impl Drop for SmallFs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(self.dir.path()).status();
    }
}

/// A full disk: a real small filesystem (tmpfs) where the test may mount one,
/// else SQLite's own size limit (the same SQLITE_FULL, from a statement rather
/// than from the commit). Every acknowledged registration is kept, through a
/// restart; every refusal is 503 `storage_full` with Retry-After, never
/// "database is locked" nor a 500; health says so; and once there is room
/// again the service takes writes without a restart.
#[tokio::test]
async fn a_full_disk_loses_no_acknowledged_write_and_recovers_by_itself() {
    use crate::support::resident::{details, new_key};
    use poem::endpoint::EndpointExt;
    use poem::http::StatusCode;

    let small = SmallFs::mount(2048);
    let dir = tempfile::tempdir().unwrap();
    let root = small.as_ref().map_or(dir.path(), |s| s.dir.path()).to_path_buf();
    if small.is_none() {
        eprintln!(
            "storage: cannot mount a small filesystem here (not root): the full-disk test uses SQLite's size limit"
        );
    }
    let url = format!("sqlite://{}?mode=rwc", root.join("renkei.db").display());
    let pwa = tempfile::tempdir().unwrap();
    let open = |max: Option<u64>| {
        let url = url.clone();
        let pwa = pwa.path().to_path_buf();
        async move {
            let db = Db::connect_with(&url, max).await.unwrap();
            db.migrate().await.unwrap();
            let clock = renkei_api::clock::ManualClock::new(crate::support::start_time());
            let state = AppState::with_db(test_config(&url, &pwa, &[]), Arc::new(clock), db).unwrap();
            let client = poem::test::TestClient::new(renkei_api::http::app(state.clone()).boxed())
                .default_header("sec-fetch-site", "same-origin");
            (state, client)
        }
    };
    let (state, client) = open(None).await;
    renkei_api::service::demo::seed_demo(&state).await.unwrap();
    let entry =
        renkei_api::service::entry_points::list_entry_points(&state, &Actor::System, Some("demo")).await.unwrap()[0]
            .code
            .as_str()
            .to_owned();
    let (_, _, doc) = crate::support::client::read(client.get("/api/networks/demo/consent").send().await).await;
    let version = doc["version"].as_i64().unwrap();
    // Room for a few dozen registrations, then none.
    let filler = root.join("filler");
    let (state, client, room) = match &small {
        Some(fs) => {
            let keep = 400;
            let fill = fs.available_kib().saturating_sub(keep);
            std::fs::write(&filler, vec![0u8; usize::try_from(fill * 1024).unwrap()]).unwrap();
            (state, client, Room::File(filler.clone()))
        }
        None => {
            state.db.clone().close().await.unwrap();
            let pages = {
                let db = Db::connect(&url).await.unwrap();
                let row = db
                    .reader()
                    .query_one_raw(Statement::from_string(sea_orm::DatabaseBackend::Sqlite, "PRAGMA page_count"))
                    .await
                    .unwrap()
                    .unwrap();
                // A table whose pages go back to the free list when dropped: the room that returns.
                db.reader().execute_unprepared("CREATE TABLE filler (b BLOB)").await.unwrap();
                db.reader().execute_unprepared("INSERT INTO filler VALUES (zeroblob(200000))").await.unwrap();
                db.close().await.unwrap();
                row.try_get_by_index::<i64>(0).unwrap()
            };
            let (state, client) = open(Some((u64::try_from(pages).unwrap() + 60) * 4096)).await;
            let db = state.db.clone();
            (state, client, Room::Table(db))
        }
    };
    let submit = |i: usize| {
        let body = details(&new_key(), &entry, version, &format!("full{i}@example.jp"));
        let client = &client;
        async move {
            let resp = client.post("/api/registrations").body_json(&body).send().await;
            let retry = resp.0.headers().get("retry-after").cloned();
            let (status, _, answer) = crate::support::client::read(resp).await;
            (body["key"].as_str().unwrap().to_owned(), status, retry, answer)
        }
    };
    let mut acknowledged = Vec::new();
    let mut refused = 0;
    let mut i = 0;
    while refused < 20 && i < 2000 {
        let round: Vec<_> = (i..i + 8).map(submit).collect();
        i += 8;
        for (key, status, retry, answer) in futures_join_all(round).await {
            match status {
                StatusCode::OK => acknowledged.push(key),
                StatusCode::SERVICE_UNAVAILABLE => {
                    assert_eq!(answer["code"], "storage_full", "{answer}");
                    assert!(retry.is_some(), "Retry-After");
                    refused += 1;
                }
                other => panic!("a full disk answers 503, not {other}: {answer}"),
            }
        }
    }
    eprintln!("storage: {} acknowledged, {refused} refused", acknowledged.len());
    assert!(refused >= 20 && !acknowledged.is_empty(), "{} acknowledged, {refused} refused", acknowledged.len());
    let (status, _, health) = crate::support::client::read(client.get("/api/health").send().await).await;
    assert_eq!((status, health["code"].as_str()), (StatusCode::SERVICE_UNAVAILABLE, Some("storage_full")));

    // Room again: writes go through, no restart needed.
    match room {
        Room::File(f) => std::fs::remove_file(f).unwrap(),
        Room::Table(db) => {
            db.reader().execute_unprepared("DROP TABLE filler").await.unwrap();
        }
    }
    let (key, status, _, answer) = submit(100_000).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    acknowledged.push(key);

    // Every acknowledged registration is there after a restart, and nothing else.
    state.db.clone().close().await.unwrap();
    let (state, _) = open(None).await;
    let rows: Vec<String> = state
        .db
        .reader()
        .query_all_raw(Statement::from_string(sea_orm::DatabaseBackend::Sqlite, "SELECT key_hash FROM registration"))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.try_get::<String>("", "key_hash").unwrap())
        .collect();
    for key in &acknowledged {
        assert!(rows.contains(&renkei_api::domain::session::token_hash(key)), "acknowledged {key} kept");
    }
    assert_eq!(rows.len(), acknowledged.len(), "and nothing refused was kept");
    state.db.clone().close().await.unwrap();
}

/// What holds the room the full-disk test gives back.
enum Room {
    File(std::path::PathBuf),
    Table(Db),
}

/// Runs the futures at once and collects their outputs in order.
async fn futures_join_all<F: std::future::Future>(fs: Vec<F>) -> Vec<F::Output> {
    futures::future::join_all(fs).await
}

/// The restore drill: a backup taken while writers are writing, put in place
/// of the database as the README says, is whole (SQLite's integrity check),
/// holds every write acknowledged before it began and each with its audit
/// entry, keeps the audit log append-only, and a server runs on it. On
/// PostgreSQL the command points to pg_dump.
#[tokio::test]
async fn a_backup_taken_under_writes_restores_whole() {
    each_backend(async |app| {
        use renkei_api::cli::AdminCommand;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("backup.db");
        if app.backend == crate::support::Backend::Postgres {
            let err = crate::support::admin(app, AdminCommand::Backup { file: file.clone(), check: false })
                .await
                .unwrap_err();
            assert!(err.to_string().contains("pg_dump"), "{err}");
            return;
        }
        for i in 0..20 {
            add_network(&app.state, &operator(), Channel::Cli, network(i)).await.unwrap();
        }
        // Writers keep writing while the backup is taken.
        let writers: Vec<_> = (20..80)
            .map(|i| {
                let state = app.state.clone();
                tokio::spawn(async move { add_network(&state, &operator(), Channel::Cli, network(i)).await })
            })
            .collect();
        let out = crate::support::admin(app, AdminCommand::Backup { file: file.clone(), check: false }).await.unwrap();
        assert!(out.starts_with("backed up to") && out.contains("integrity ok"), "{out}");
        for w in writers {
            w.await.unwrap().unwrap();
        }
        // Once there, a backup is not overwritten.
        let err = crate::support::admin(app, AdminCommand::Backup { file: file.clone(), check: false }).await;
        assert!(err.is_err(), "an existing file is refused");
        let checked =
            crate::support::admin(app, AdminCommand::Backup { file: file.clone(), check: true }).await.unwrap();
        assert!(checked.starts_with("checked"), "{checked}");

        // Restore as the README says: with renkei stopped, the backup becomes the database file.
        let restored = dir.path().join("restored").join("renkei.db");
        std::fs::create_dir_all(restored.parent().unwrap()).unwrap();
        std::fs::copy(&file, &restored).unwrap();
        let url = format!("sqlite://{}?mode=rwc", restored.display());
        let pwa = tempfile::tempdir().unwrap();
        let state = AppState::open(
            test_config(&url, pwa.path(), &[]),
            Arc::new(renkei_api::clock::ManualClock::new(crate::support::start_time())),
        )
        .await
        .unwrap();
        let networks = list_networks(&state, &Actor::Anonymous).await.unwrap();
        assert!(networks.len() >= 20 && networks.len() <= 80, "{}", networks.len());
        for i in 0..20 {
            assert!(networks.iter().any(|n| n.code == format!("net-{i:03}")), "written before the backup: net-{i:03}");
        }
        let entries = audit::recent(state.db.reader(), 1000).await.unwrap();
        let created = entries.iter().filter(|e| e.action == "network.created").count();
        assert_eq!(created, networks.len(), "each network with its audit entry, and no entry without one");
        // The audit log is as append-only in the copy as in the original.
        let deleted = state.db.reader().execute_unprepared("DELETE FROM audit_log").await;
        assert!(deleted.is_err(), "the audit log refuses deletes in the restored database");
        // And a server runs on it.
        let client = poem::test::TestClient::new(renkei_api::http::app(state.clone()));
        let (status, _, _) = crate::support::client::read(client.get("/api/health").send().await).await;
        assert_eq!(status, poem::http::StatusCode::OK);
        state.db.clone().close().await.unwrap();
    })
    .await;
}

/// A TCP relay to PostgreSQL that the test can cut (every connection dropped,
/// new ones refused) and restore on the same port: a database lost and back.
struct Relay {
    port: u16,
    up: tokio::sync::watch::Sender<bool>,
}

impl Relay {
    async fn start(target: String) -> Relay {
        let port = crate::support::free_port();
        let (up, _) = tokio::sync::watch::channel(true);
        let watch = up.subscribe();
        let for_connections = up.subscribe();
        tokio::spawn(async move {
            let mut watch = watch;
            loop {
                // Listen while up; while cut, nothing listens (connection refused).
                let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
                loop {
                    tokio::select! {
                        accepted = listener.accept() => {
                            let Ok((mut inbound, _)) = accepted else { continue };
                            let target = target.clone();
                            let mut cut = for_connections.clone();
                            tokio::spawn(async move {
                                let Ok(mut outbound) = tokio::net::TcpStream::connect(&target).await else { return };
                                tokio::select! {
                                    _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                                    _ = cut.wait_for(|up| !up) => {}
                                }
                            });
                        }
                        _ = watch.wait_for(|up| !up) => break,
                    }
                }
                drop(listener);
                if watch.wait_for(|up| *up).await.is_err() {
                    return;
                }
            }
        });
        Relay { port, up }
    }
}

/// A lost database (PostgreSQL unreachable): requests are answered 503 with
/// Retry-After within seconds, health says 503, and when the database is back
/// the service answers again by itself, without a restart.
#[tokio::test]
async fn a_lost_database_answers_503_at_once_and_recovers_by_itself() {
    use poem::endpoint::EndpointExt;
    use poem::http::StatusCode;
    let Some(admin) = crate::support::pg_admin_url() else {
        eprintln!("storage: PostgreSQL skipped (RENKEI_TEST_PG_URL is not set): the lost-database test needs it");
        return;
    };
    let t = TestDb::create(crate::support::Backend::Postgres).await;
    let pg = url::Url::parse(&admin).unwrap();
    let relay = Relay::start(format!("{}:{}", pg.host_str().unwrap(), pg.port().unwrap_or(5432))).await;
    let mut url = url::Url::parse(&t.url).unwrap();
    url.set_host(Some("127.0.0.1")).unwrap();
    url.set_port(Some(relay.port)).unwrap();
    let pwa = tempfile::tempdir().unwrap();
    let state = AppState::open(
        test_config(url.as_str(), pwa.path(), &[]),
        Arc::new(renkei_api::clock::ManualClock::new(crate::support::start_time())),
    )
    .await
    .unwrap();
    let client = poem::test::TestClient::new(renkei_api::http::app(state.clone()).boxed());
    add_network(&state, &operator(), Channel::Cli, network(1)).await.unwrap();
    let (status, _, _) = crate::support::client::read(client.get("/api/networks").send().await).await;
    assert_eq!(status, StatusCode::OK);

    relay.up.send_replace(false);
    for path in ["/api/networks", "/api/health"] {
        let started = std::time::Instant::now();
        let resp = client.get(path).send().await;
        let retry = resp.0.headers().get("retry-after").cloned();
        let (status, _, body) = crate::support::client::read(resp).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{path}: {body}");
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{path}: at once ({:?})", started.elapsed());
        if path != "/api/health" {
            assert!(retry.is_some(), "{path}: Retry-After");
        }
    }

    relay.up.send_replace(true);
    let started = std::time::Instant::now();
    loop {
        let (status, _, _) = crate::support::client::read(client.get("/api/networks").send().await).await;
        if status == StatusCode::OK {
            break;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "back by itself");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    add_network(&state, &operator(), Channel::Cli, network(2)).await.unwrap();
    state.db.clone().close().await.ok();
    t.drop().await;
}

/// Group commit (SQLite): writers that arrive together share one commit, and
/// each is still its own: one that gives up or fails is undone alone.
async fn probe_rows(db: &Db) -> Vec<String> {
    let rows = db
        .reader()
        .query_all_raw(Statement::from_string(db.reader().get_database_backend(), "SELECT v FROM gc_probe ORDER BY v"))
        .await
        .unwrap();
    rows.iter().map(|r| r.try_get::<String>("", "v").unwrap()).collect()
}

async fn probe_table(db: &Db) {
    db.reader().execute_unprepared("CREATE TABLE gc_probe (v TEXT PRIMARY KEY)").await.unwrap();
}

/// Waits until `n` writers are queued for their turn.
async fn until_queued(db: &Db, n: usize) {
    for _ in 0..500 {
        if db.queued_writers() >= n {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    panic!("{n} writers never queued (now {})", db.queued_writers());
}

#[tokio::test]
async fn writers_that_arrive_together_share_one_commit_and_are_each_undone_alone() {
    let app = TestApp::spawn(crate::support::Backend::Sqlite).await;
    let db = app.state.db.clone();
    probe_table(&db).await;
    let insert = |v: &'static str| format!("INSERT INTO gc_probe (v) VALUES ('{v}')");

    // A turn held open while three writers queue behind it, in this order.
    let first = db.write().await.unwrap();
    first.execute_unprepared(&insert("0-first")).await.unwrap();
    let commits_before = db.group_commits();
    let spawn = |v: &'static str, keep: bool| {
        let db = db.clone();
        tokio::spawn(async move {
            let tx = db.write().await.unwrap();
            tx.execute_unprepared(&insert(v)).await.unwrap();
            if keep { tx.commit().await } else { Ok(()) }
        })
    };
    let a = spawn("a-kept", true);
    until_queued(&db, 1).await;
    let b = spawn("b-given-up", false);
    until_queued(&db, 2).await;
    // A writer whose statement fails (a duplicate key) and who gives up.
    let c = {
        let db = db.clone();
        tokio::spawn(async move {
            let tx = db.write().await.unwrap();
            tx.execute_unprepared(&insert("c-kept-not")).await.unwrap();
            assert!(tx.execute_unprepared(&insert("a-kept")).await.is_err(), "a duplicate is refused");
            Ok::<(), sea_orm::DbErr>(())
        })
    };
    until_queued(&db, 3).await;
    let (go, wait) = tokio::sync::oneshot::channel::<()>();
    let (inside, in_turn) = tokio::sync::oneshot::channel::<()>();
    let d = {
        let db = db.clone();
        tokio::spawn(async move {
            let tx = db.write().await.unwrap();
            tx.execute_unprepared(&insert("d-kept")).await.unwrap();
            let _ = inside.send(());
            wait.await.unwrap();
            tx.commit().await
        })
    };
    until_queued(&db, 4).await;

    // Nothing is visible to others before the shared commit, which comes
    // when the last of them has finished.
    let first = tokio::spawn(first.commit());
    in_turn.await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    if db.group_commits() == commits_before {
        // (Unless the machine was so slow that the first waited past the bound.)
        assert!(!first.is_finished() && !a.is_finished(), "acknowledged before the shared commit");
        assert!(probe_rows(&db).await.is_empty(), "seen before the shared commit");
    }
    go.send(()).unwrap();
    first.await.unwrap().unwrap();
    a.await.unwrap().unwrap();
    b.await.unwrap().unwrap();
    c.await.unwrap().unwrap();
    d.await.unwrap().unwrap();
    assert_eq!(probe_rows(&db).await, ["0-first", "a-kept", "d-kept"]);
    // One commit for the five, or two if the machine is so slow that the
    // first waited past the bound on waiting.
    let shared = db.group_commits() - commits_before;
    assert!((1..=2).contains(&shared), "five writers, {shared} commits");

    // Many at once: all kept, far fewer commits than writers.
    let before = db.group_commits();
    let tasks: Vec<_> = (0..64)
        .map(|i| {
            let db = db.clone();
            tokio::spawn(async move {
                let tx = db.write().await?;
                tx.execute_unprepared(&format!("INSERT INTO gc_probe (v) VALUES ('many-{i:02}')")).await?;
                tx.commit().await
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(probe_rows(&db).await.len(), 3 + 64);
    let commits = db.group_commits() - before;
    assert!(commits < 32, "64 concurrent writers took {commits} commits");
    app.finish().await;
}

#[tokio::test]
async fn a_writer_cancelled_in_its_turn_is_undone_and_the_others_are_kept() {
    let app = TestApp::spawn(crate::support::Backend::Sqlite).await;
    let db = app.state.db.clone();
    probe_table(&db).await;
    let first = db.write().await.unwrap();
    first.execute_unprepared("INSERT INTO gc_probe (v) VALUES ('first')").await.unwrap();
    // The request whose client goes away in the middle of its write.
    let (held, hold) = tokio::sync::oneshot::channel::<()>();
    let cancelled = {
        let db = db.clone();
        tokio::spawn(async move {
            let tx = db.write().await.unwrap();
            tx.execute_unprepared("INSERT INTO gc_probe (v) VALUES ('cancelled')").await.unwrap();
            let _ = held.send(());
            std::future::pending::<()>().await;
        })
    };
    until_queued(&db, 1).await;
    let after = {
        let db = db.clone();
        tokio::spawn(async move {
            let tx = db.write().await?;
            tx.execute_unprepared("INSERT INTO gc_probe (v) VALUES ('later')").await?;
            tx.commit().await
        })
    };
    until_queued(&db, 2).await;
    // The first writer's commit waits for the queued ones.
    let first = tokio::spawn(first.commit());
    hold.await.unwrap();
    cancelled.abort();
    first.await.unwrap().unwrap();
    after.await.unwrap().unwrap();
    assert_eq!(probe_rows(&db).await, ["first", "later"]);

    // A writer given up while still waiting for its turn leaves nobody hanging.
    let first = db.write().await.unwrap();
    first.execute_unprepared("INSERT INTO gc_probe (v) VALUES ('second')").await.unwrap();
    let waiting = {
        let db = db.clone();
        tokio::spawn(async move { db.write().await.map(|_| ()) })
    };
    until_queued(&db, 1).await;
    let committed = tokio::spawn(first.commit());
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    waiting.abort();
    tokio::time::timeout(std::time::Duration::from_secs(5), committed).await.expect("acknowledged").unwrap().unwrap();
    assert_eq!(probe_rows(&db).await, ["first", "later", "second"]);
    app.finish().await;
}

/// A rate-limit counter (one upsert per event): concurrent events are each
/// counted once, the limit holds at its maximum, and a new window starts
/// when the last one has ended.
#[tokio::test]
async fn a_rate_counter_counts_each_event_once_and_starts_again_after_its_window() {
    each_backend(async |app| {
        use renkei_api::domain::rate::Limit;
        use renkei_api::store::auth::{blocked_until, count_event};
        let limit = Limit { name: "test_limit", max: 40, window: chrono::Duration::minutes(10) };
        let start = crate::support::start_time();
        let tasks: Vec<_> = (0..40)
            .map(|_| {
                let db = app.state.db.clone();
                tokio::spawn(async move {
                    let tx = db.write().await.unwrap();
                    count_event(&*tx, limit, "someone", start).await.unwrap();
                    tx.commit().await.unwrap();
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        let db = app.state.db.reader();
        let lifts = start + limit.window;
        assert_eq!(blocked_until(db, limit, "someone", start).await.unwrap(), Some(lifts), "40 of 40 counted");
        assert_eq!(blocked_until(db, limit, "someone else", start).await.unwrap(), None);
        let later = start + chrono::Duration::minutes(9);
        assert_eq!(blocked_until(db, limit, "someone", later).await.unwrap(), Some(lifts), "in the window");
        // The window has ended: the next event starts a new one, counted from 1.
        let after = lifts + chrono::Duration::seconds(1);
        assert_eq!(blocked_until(db, limit, "someone", after).await.unwrap(), None);
        let tx = app.state.db.write().await.unwrap();
        count_event(&*tx, limit, "someone", after).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(blocked_until(db, limit, "someone", after).await.unwrap(), None, "1 of 40");
        let one = Limit { max: 1, ..limit };
        assert_eq!(blocked_until(db, one, "someone", after).await.unwrap(), Some(after + limit.window), "from then");
    })
    .await;
}

/// A writer whose statement finds the disk full (SQLite may then end the
/// whole shared transaction by itself): its later statements are refused
/// without running, and every writer of its group is told, as storage full,
/// that nothing of theirs was kept.
#[tokio::test]
async fn a_full_disk_in_one_writer_fails_its_whole_group_and_keeps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("small.db").display());
    let db = Db::connect_with(&url, Some(256 * 1024)).await.unwrap();
    probe_table(&db).await;
    let first = db.write().await.unwrap();
    first.execute_unprepared("INSERT INTO gc_probe (v) VALUES ('first')").await.unwrap();
    let big = {
        let db = db.clone();
        tokio::spawn(async move {
            let tx = db.write().await?;
            let full = tx.execute_unprepared("INSERT INTO gc_probe (v) VALUES (hex(zeroblob(400000)))").await;
            assert!(renkei_api::store::is_storage_full(full.as_ref().unwrap_err()), "{full:?}");
            // Carrying on regardless: refused without running.
            let after = tx.execute_unprepared("INSERT INTO gc_probe (v) VALUES ('after')").await;
            assert!(after.is_err(), "a statement after a full disk is refused");
            tx.commit().await
        })
    };
    until_queued(&db, 1).await;
    let first = first.commit().await;
    let big = big.await.unwrap();
    for (who, r) in [("the first writer", &first), ("the writer that found it full", &big)] {
        let e = r.as_ref().expect_err(who);
        assert!(renkei_api::store::is_storage_full(e), "{who}: storage full, not {e}");
    }
    assert!(db.full_lately(std::time::Duration::from_secs(60)), "noted for the health check");
    assert!(probe_rows(&db).await.is_empty(), "nothing kept");
    // And the next writer starts afresh.
    let tx = db.write().await.unwrap();
    tx.execute_unprepared("INSERT INTO gc_probe (v) VALUES ('next')").await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(probe_rows(&db).await, ["next"]);
    db.close().await.unwrap();
}
