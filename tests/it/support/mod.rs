//! The test harness: a fresh database per test (SQLite in a temp dir, and
//! PostgreSQL when RENKEI_TEST_PG_URL is set), always built through the
//! migrations, and the real app on top of it.

pub mod client;
pub mod facility;
pub mod proxy;
pub mod resident;
pub mod smtp;
pub mod staff;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use poem::endpoint::BoxEndpoint;
use poem::test::TestClient;
use poem::{EndpointExt, Response};
use renkei_api::clock::ManualClock;
use renkei_api::config::Config;
use renkei_api::http;
use renkei_api::state::AppState;
use renkei_api::store::Db;
use sea_orm::ConnectionTrait;
use tempfile::TempDir;

pub const PG_ENV: &str = "RENKEI_TEST_PG_URL";
/// The roles of the PostgreSQL test databases (made once per cluster).
pub const PG_OWNER: &str = "renkei_test_owner";
pub const PG_SERVICE: &str = "renkei_test_service";
const PG_PASSWORD: &str = "renkei-test";

/// For a test database's service URL, the same database as its owner.
pub fn owner_url_of(url: &str) -> Option<String> {
    let mut u = url::Url::parse(url).ok()?;
    if u.username() != PG_SERVICE {
        return None;
    }
    u.set_username(PG_OWNER).ok()?;
    Some(u.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// SQLite always; PostgreSQL too when RENKEI_TEST_PG_URL is set.
pub fn backends() -> Vec<Backend> {
    if pg_admin_url().is_some() {
        vec![Backend::Sqlite, Backend::Postgres]
    } else {
        eprintln!("note: {PG_ENV} is not set: PostgreSQL skipped, SQLite only");
        vec![Backend::Sqlite]
    }
}

pub fn pg_admin_url() -> Option<String> {
    std::env::var(PG_ENV).ok().filter(|s| !s.trim().is_empty())
}

/// An empty database of its own; the PostgreSQL one is dropped by [`TestDb::drop`].
pub struct TestDb {
    pub url: String,
    pub dir: TempDir,
    pg_name: Option<String>,
}

impl TestDb {
    pub async fn create(backend: Backend) -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        match backend {
            Backend::Sqlite => {
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("renkei.db").display());
                TestDb { url, dir, pg_name: None }
            }
            Backend::Postgres => {
                let admin = pg_admin_url().expect("RENKEI_TEST_PG_URL");
                let name = format!("renkei_t_{}", uuid::Uuid::now_v7().simple());
                let conn = Db::connect_plain(&admin).await.expect("connect to RENKEI_TEST_PG_URL");
                // As in production: the tables belong to an owner that
                // migrates; the service runs as a role that may not change
                // the audit log (README, "PostgreSQL roles").
                for role in [PG_OWNER, PG_SERVICE] {
                    conn.execute_unprepared(&format!(
                        "DO $$ BEGIN CREATE ROLE {role} LOGIN PASSWORD '{PG_PASSWORD}'; \
                         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
                    ))
                    .await
                    .expect("create test role");
                }
                conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\" OWNER {PG_OWNER}"))
                    .await
                    .expect("create database");
                conn.close().await.ok();
                let mut url = url::Url::parse(&admin).expect("RENKEI_TEST_PG_URL is a URL");
                url.set_path(&name);
                url.set_username(PG_SERVICE).unwrap();
                url.set_password(Some(PG_PASSWORD)).unwrap();
                TestDb { url: url.to_string(), dir, pg_name: Some(name) }
            }
        }
    }

    /// The owner's URL of the PostgreSQL database (which migrates, and may
    /// do anything to it): for tests that play someone holding it.
    pub fn owner_url(&self) -> Option<String> {
        owner_url_of(&self.url)
    }

    pub async fn drop(self) {
        if let (Some(name), Some(admin)) = (self.pg_name, pg_admin_url())
            && let Ok(conn) = Db::connect_plain(&admin).await
        {
            let _ = conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
            let _ = conn.close().await;
        }
    }
}

pub fn start_time() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).single().expect("valid time")
}

/// A configuration for tests: the given database, mail kept in memory, the
/// web app served from `pwa_dir`, everything else default.
pub fn test_config(db_url: &str, pwa_dir: &Path, extra: &[(&str, &str)]) -> Config {
    let mut vars: Vec<(String, String)> = vec![
        ("RENKEI_DATABASE_URL".into(), db_url.into()),
        ("RENKEI_MAIL_URL".into(), "memory:".into()),
        ("RENKEI_PWA_DIR".into(), pwa_dir.display().to_string()),
        // Checkpoints, if a test signs any, stay in the test's own folder.
        ("RENKEI_AUDIT_CHECKPOINT_DIR".into(), pwa_dir.with_file_name("audit-checkpoints").display().to_string()),
    ];
    if let Some(owner) = owner_url_of(db_url) {
        vars.push(("RENKEI_MIGRATION_DATABASE_URL".into(), owner));
    }
    for (k, v) in extra {
        vars.retain(|(key, _)| key != k);
        vars.push(((*k).into(), (*v).into()));
    }
    Config::from_lookup(|k| vars.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone())).expect("test config")
}

/// The app on a fresh database of the given backend.
pub struct TestApp {
    pub backend: Backend,
    pub state: AppState,
    pub client: TestClient<BoxEndpoint<'static, Response>>,
    pub clock: ManualClock,
    pub pwa_dir: PathBuf,
    pub db: TestDb,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, &[]).await
    }

    pub async fn spawn_with(backend: Backend, extra: &[(&str, &str)]) -> TestApp {
        let db = TestDb::create(backend).await;
        let pwa_dir = db.dir.path().join("pwa");
        write_fake_pwa(&pwa_dir);
        let config = test_config(&db.url, &pwa_dir, extra);
        let clock = ManualClock::new(start_time());
        let state = AppState::open(config, Arc::new(clock.clone())).await.expect("app state");
        // As a browser on the app's own pages sends every request (a test of another site's page says so).
        let client = TestClient::new(http::app(state.clone()).boxed()).default_header("sec-fetch-site", "same-origin");
        TestApp { backend, state, client, clock, pwa_dir, db }
    }

    pub async fn finish(self) {
        let _ = self.state.db.clone().close().await;
        self.db.drop().await;
    }
}

/// Runs `test` on every backend in turn, each on a fresh app.
pub async fn each_backend(test: impl AsyncFn(&TestApp)) {
    each_backend_with(&[], test).await;
}

/// [`each_backend`] with these settings.
pub async fn each_backend_with(extra: &[(&str, &str)], test: impl AsyncFn(&TestApp)) {
    for backend in backends() {
        let app = TestApp::spawn_with(backend, extra).await;
        test(&app).await;
        app.finish().await;
    }
}

/// A stand-in for the built web app, with the files the server treats specially.
pub fn write_fake_pwa(dir: &Path) {
    std::fs::create_dir_all(dir.join("assets")).expect("pwa dir");
    std::fs::write(dir.join("index.html"), "<!doctype html><title>renkei</title><div id=app></div>").expect("write");
    std::fs::write(dir.join("sw.js"), "self.addEventListener('install', () => {});").expect("write");
    std::fs::write(dir.join("manifest.webmanifest"), r#"{"name":"renkei"}"#).expect("write");
    std::fs::write(dir.join("assets/app-1a2b3c.js"), "console.log('renkei');".repeat(200)).expect("write");
    std::fs::write(dir.join("icon-192.png"), [0x89u8, b'P', b'N', b'G']).expect("write");
}

/// A free TCP port on the loopback interface.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

/// Waits until `cond` holds, up to `timeout`.
pub async fn eventually(timeout: Duration, mut cond: impl AsyncFnMut() -> bool) -> bool {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if cond().await {
            return true;
        }
        if tokio::time::Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The `renkei` binary next to this test binary (built by `cargo build`).
pub fn renkei_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    let bin = dir.join("renkei");
    assert!(
        bin.is_file(),
        "{} is missing: build it first with `cargo build -p renkei-api` (scripts/test does)",
        bin.display()
    );
    bin
}

/// Runs an admin command as the operator `name`; the output on success.
pub async fn admin_as(
    app: &TestApp,
    name: &str,
    cmd: renkei_api::cli::AdminCommand,
) -> Result<String, renkei_api::cli::AdminError> {
    let mut out = Vec::new();
    let actor = renkei_api::domain::actor::Actor::Operator { name: name.into() };
    renkei_api::cli::run_admin(&app.state, &actor, cmd, &mut out).await.map(|()| String::from_utf8(out).expect("utf-8"))
}

/// Runs an admin command as the operator `ops`.
pub async fn admin(app: &TestApp, cmd: renkei_api::cli::AdminCommand) -> Result<String, renkei_api::cli::AdminError> {
    admin_as(app, "ops", cmd).await
}
