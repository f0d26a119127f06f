//! The `renkei` binary as an operator runs it: over a real socket, stopped by
//! SIGTERM without dropping a request in flight, refusing bad configuration
//! with one line, and several processes writing one SQLite file at once.

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::{Child, Command};

use crate::support::{TestDb, backends, eventually, free_port, renkei_bin, write_fake_pwa};

fn renkei(db_url: &str, dir: &Path) -> Command {
    let mut c = Command::new(renkei_bin());
    c.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("RENKEI_DATABASE_URL", db_url)
        .env("RENKEI_MAIL_URL", format!("file://{}", dir.join("mail").display()))
        .env("RENKEI_PWA_DIR", dir.join("pwa"))
        .env("RENKEI_LOG_FORMAT", "json")
        .stdin(Stdio::null())
        .kill_on_drop(true);
    c
}

struct Served {
    child: Child,
    port: u16,
}

async fn serve(db_url: &str, dir: &Path, args: &[&str]) -> Served {
    write_fake_pwa(&dir.join("pwa"));
    let port = free_port();
    let child = renkei(db_url, dir)
        .arg("serve")
        .args(args)
        .env("RENKEI_BIND", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let up = eventually(Duration::from_secs(30), async || {
        reqwest::get(format!("http://127.0.0.1:{port}/api/health")).await.is_ok_and(|r| r.status() == 200)
    })
    .await;
    assert!(up, "renkei serve did not answer /api/health within 30 s");
    Served { child, port }
}

fn signal(child: &Child, sig: &str) {
    let pid = child.id().unwrap().to_string();
    let ok = std::process::Command::new("kill").args([sig, &pid]).status().unwrap().success();
    assert!(ok, "kill {sig} {pid}");
}

async fn wait_exit(mut child: Child) -> Output {
    let out = tokio::time::timeout(Duration::from_secs(20), async {
        let status = child.wait().await.unwrap();
        let mut stderr = Vec::new();
        if let Some(mut e) = child.stderr.take() {
            e.read_to_end(&mut stderr).await.unwrap();
        }
        Output { status, stdout: Vec::new(), stderr }
    })
    .await;
    out.expect("renkei exits within 20 s")
}

#[tokio::test]
async fn serves_over_a_real_socket_and_stops_gracefully_on_sigterm() {
    for backend in backends() {
        let db = TestDb::create(backend).await;
        let s = serve(&db.url, db.dir.path(), &["--demo"]).await;
        let base = format!("http://127.0.0.1:{}", s.port);

        let health: serde_json::Value = reqwest::get(format!("{base}/api/health")).await.unwrap().json().await.unwrap();
        assert_eq!(health["status"], "ok");
        let nets: serde_json::Value = reqwest::get(format!("{base}/api/networks")).await.unwrap().json().await.unwrap();
        assert_eq!(nets[0]["code"], "demo", "--demo seeds the demo network");
        let page = reqwest::get(format!("{base}/some/deep/link")).await.unwrap();
        assert_eq!(page.status(), 200);

        // A request in flight when SIGTERM arrives still gets its answer.
        let mut conn = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
        conn.write_all(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n").await.unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
        signal(&s.child, "-TERM");
        tokio::time::sleep(Duration::from_millis(300)).await;
        conn.write_all(b"Connection: close\r\n\r\n").await.unwrap();
        let mut answer = String::new();
        conn.read_to_string(&mut answer).await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "in-flight request answered: {answer:?}");

        let out = wait_exit(s.child).await;
        assert!(out.status.success(), "exit: {:?}", out.status);
        let log = String::from_utf8_lossy(&out.stderr);
        assert!(log.contains("shutting down"), "{log}");
        for line in log.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|_| panic!("JSON log line: {line}"));
            assert!(v.get("level").is_some(), "{line}");
        }
        assert!(reqwest::get(format!("{base}/api/health")).await.is_err(), "no longer listening");
        db.drop().await;
    }
}

#[tokio::test]
async fn bad_configuration_stops_start_up_with_one_line_naming_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("x.db").display());
    for (var, value) in [
        ("RENKEI_BIND", "not-an-address"),
        ("RENKEI_PUBLIC_URL", "renkei.example.jp"),
        ("RENKEI_DATABASE_URL", "mysql://localhost/renkei"),
        ("RENKEI_MAIL_URL", "pigeon://coop"),
    ] {
        let out = renkei(&url, dir.path()).env(var, value).arg("serve").output().await.unwrap();
        assert_eq!(out.status.code(), Some(2), "{var}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(var), "{var}: {err}");
    }
    assert!(!dir.path().join("x.db").exists(), "nothing was created");
}

#[tokio::test]
async fn admin_commands_exit_non_zero_and_explain_refusals() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("r.db").display());
    let out = renkei(&url, dir.path())
        .args(["admin", "network", "add", "--code", "sakura", "--name", "さくらネット", "--operator", "sato"])
        .output()
        .await
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "added network sakura (さくらネット)\n");

    let out = renkei(&url, dir.path())
        .args(["admin", "facility", "add", "--code", "14101", "--name", "x", "--kind", "spa", "--network", "sakura"])
        .output()
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--kind") && err.contains("care_provider") && err.contains("--code"), "{err}");

    let out = renkei(&url, dir.path()).args(["admin", "facility", "add", "--code", "1"]).output().await.unwrap();
    assert_eq!(out.status.code(), Some(2), "missing flags are a usage error");

    let out = renkei(&url, dir.path()).arg("migrate").output().await.unwrap();
    assert!(out.status.success());
    let out = renkei(&url, dir.path()).arg("openapi").output().await.unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), renkei_api::http::spec_json());
}

/// A server and many admin commands write one SQLite file at the same time;
/// then the server is killed hard. Every write that was acknowledged (exit 0)
/// is there after a restart.
#[tokio::test]
async fn many_processes_write_one_sqlite_file_and_a_kill_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("r.db").display());
    let s = serve(&url, dir.path(), &["--demo"]).await;

    let runs: Vec<_> = (0..12)
        .map(|i| {
            let mut c = renkei(&url, dir.path());
            c.args(["admin", "network", "add", "--code", &format!("net-{i:02}"), "--name", &format!("ネット{i:02}")]);
            tokio::spawn(async move { c.output().await.unwrap() })
        })
        .collect();
    let mut acknowledged = 0;
    for r in runs {
        let out = r.await.unwrap();
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(!err.contains("locked"), "{err}");
        assert!(out.status.success(), "{err}");
        acknowledged += 1;
    }
    signal(&s.child, "-KILL");
    let _ = wait_exit(s.child).await;

    let s = serve(&url, dir.path(), &[]).await;
    let nets: serde_json::Value =
        reqwest::get(format!("http://127.0.0.1:{}/api/networks", s.port)).await.unwrap().json().await.unwrap();
    assert_eq!(nets.as_array().unwrap().len(), acknowledged + 1, "the demo network and every acknowledged one");
    signal(&s.child, "-TERM");
    assert!(wait_exit(s.child).await.status.success());
}
