//! The `renkei` binary as an operator runs it: over a real socket, stopped by
//! SIGTERM without dropping a request in flight, refusing bad configuration
//! with one line, and several processes writing one SQLite file at once.

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

use nix::sys::signal::Signal;
use nix::unistd::Pid;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::{Child, Command};

use sea_orm::ConnectionTrait;

use crate::support::{TestDb, backends, eventually, free_port, renkei_bin, write_fake_pwa};

fn renkei(db_url: &str, dir: &Path) -> Command {
    let mut c = Command::new(renkei_bin());
    c.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("RENKEI_DATABASE_URL", db_url)
        .envs(crate::support::owner_url_of(db_url).map(|o| ("RENKEI_MIGRATION_DATABASE_URL", o)))
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
    serve_with(db_url, dir, args, &[]).await
}

async fn serve_with(db_url: &str, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Served {
    write_fake_pwa(&dir.join("pwa"));
    let port = free_port();
    let child = renkei(db_url, dir)
        .arg("serve")
        .args(args)
        .envs(env.iter().copied())
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

fn signal(child: &Child, sig: Signal) {
    let pid = Pid::from_raw(i32::try_from(child.id().unwrap()).unwrap());
    nix::sys::signal::kill(pid, sig).unwrap();
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

        // A declared oversize body is refused before it is read.
        let mut conn = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
        conn.write_all(b"POST /api/health HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\nConnection: close\r\n\r\n{").await.unwrap();
        let mut answer = String::new();
        conn.read_to_string(&mut answer).await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 413"), "{answer:?}");
        assert!(answer.contains("\"code\":\"payload_too_large\""), "{answer:?}");

        // A request in flight when SIGTERM arrives still gets its answer.
        let mut conn = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
        conn.write_all(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n").await.unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
        signal(&s.child, Signal::SIGTERM);
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

/// Over a real socket, with one place for API requests: a client whose body
/// has not arrived holds it, so the next request is refused with 503 `busy`
/// and Retry-After; once that client hangs up, the place is free again at
/// once, not when the body's time runs out.
/// A client that hangs up while its request is worked on frees its place at
/// once: here the request waits for the database, whose write lock another
/// program holds, and a second request is refused meanwhile.
#[tokio::test]
async fn a_client_that_hangs_up_frees_its_place_at_once() {
    use sqlx::Connection;
    let db = TestDb::create(crate::support::Backend::Sqlite).await;
    let s = serve_with(&db.url, db.dir.path(), &[], &[("RENKEI_MAX_IN_FLIGHT", "1")]).await;
    let base = format!("http://127.0.0.1:{}", s.port);
    let client = reqwest::Client::new();
    let mut lock = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE").execute(&mut lock).await.unwrap();
    // Asking for a sign-in code counts the attempt: a write, which waits.
    let code = r#"{"email":"a@example.jp","birthDate":"1950-04-01"}"#;
    let mut waiting = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
    let request = format!(
        "POST /api/sign-in/email-code HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{code}",
        code.len()
    );
    waiting.write_all(request.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let refused = client.get(format!("{base}/api/networks")).send().await.unwrap();
    assert_eq!(refused.status(), 503);
    assert!(refused.headers().contains_key("retry-after"));
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "busy");
    assert_eq!(reqwest::get(format!("{base}/api/health")).await.unwrap().status(), 200, "health has places of its own");

    drop(waiting);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = std::time::Instant::now();
    let answered = client.get(format!("{base}/api/networks")).send().await.unwrap();
    assert_eq!(answered.status(), 200, "the place was freed while the database was still locked");
    assert!(started.elapsed() < Duration::from_secs(2), "no wait for the place: {:?}", started.elapsed());
    sqlx::query("ROLLBACK").execute(&mut lock).await.unwrap();
    drop(lock);
    drop(s);
    db.drop().await;
}

/// A client that hangs up while its body is read frees its share of the
/// bodies being read at once.
#[tokio::test]
async fn a_client_that_hangs_up_mid_body_frees_its_share_at_once() {
    let db = TestDb::create(crate::support::Backend::Sqlite).await;
    let s = serve_with(&db.url, db.dir.path(), &[], &[]).await;
    let base = format!("http://127.0.0.1:{}", s.port);
    let promise = b"POST /api/registrations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{";
    let post = || {
        reqwest::Client::new()
            .post(format!("{base}/api/registrations"))
            .header("content-type", "application/json")
            .body("{}")
            .send()
    };
    let mut slow = Vec::new();
    for _ in 0..renkei_api::http::admission::BODIES_PER_CLIENT {
        let mut c = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
        c.write_all(promise).await.unwrap();
        slow.push(c);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let refused = post().await.unwrap();
    assert_eq!(refused.status(), 503);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "busy");
    drop(slow);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = std::time::Instant::now();
    assert_eq!(post().await.unwrap().status(), 400, "worked on (an empty form), not refused");
    assert!(started.elapsed() < Duration::from_secs(1), "no wait: {:?}", started.elapsed());
    drop(s);
    db.drop().await;
}

/// One client address may hold only so many connections: the next is
/// answered 503 `busy` and closed; when one of its own closes, it is served.
#[tokio::test]
async fn one_client_holds_only_its_share_of_the_connections() {
    let db = TestDb::create(crate::support::Backend::Sqlite).await;
    let s = serve_with(&db.url, db.dir.path(), &[], &[]).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut held = Vec::new();
    for _ in 0..renkei_api::http::connections::PER_CLIENT {
        held.push(tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut one_more = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
    one_more.write_all(b"GET /api/networks HTTP/1.1\r\nHost: localhost\r\n\r\n").await.unwrap();
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(5), one_more.read_to_string(&mut answer)).await.unwrap().unwrap();
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer:?}");
    assert!(answer.contains("retry-after"), "{answer:?}");
    // Health and sign-out still pass from that address (phones behind one
    // address), as over the bound: their heads are read to know.
    let ask = |head: &'static [u8]| async move {
        let mut c = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
        c.write_all(head).await.unwrap();
        let mut answer = String::new();
        tokio::time::timeout(Duration::from_secs(5), c.read_to_string(&mut answer)).await.unwrap().unwrap();
        answer
    };
    let health = b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n";
    assert!(ask(health).await.starts_with("HTTP/1.1 200"));
    let sign_out = b"POST /api/sign-out HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n";
    assert!(ask(sign_out).await.starts_with("HTTP/1.1 204"));
    // Only a few of its heads are read at once, and one that has sent nothing
    // gives way to a newcomer: connections that stay silent do not shut out
    // health (review did so with four that reconnected at once).
    let mut silent = Vec::new();
    for _ in 0..renkei_api::http::connections::READERS_PER_CLIENT {
        silent.push(tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(ask(health).await.starts_with("HTTP/1.1 200"));
    let mut refused = String::new();
    tokio::time::timeout(Duration::from_secs(5), silent[0].read_to_string(&mut refused)).await.unwrap().unwrap();
    assert!(refused.starts_with("HTTP/1.1 503"), "the oldest silent one was refused: {refused:?}");
    drop(silent);
    held.pop();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let resp = reqwest::get(format!("http://127.0.0.1:{}/api/networks", s.port)).await.unwrap();
    assert_eq!(resp.status(), 200);
    drop(held);
    drop(s);
    db.drop().await;
}

/// Connections that never read their answer do not each hold a copy of it:
/// the API page (2 MB) asked for by 30 such connections leaves the server's
/// memory about where it was (a copy each would be 60 MB more).
#[tokio::test]
async fn answers_not_read_are_not_copied_per_connection() {
    let db = TestDb::create(crate::support::Backend::Sqlite).await;
    let s = serve_with(&db.url, db.dir.path(), &[], &[]).await;
    let rss = || {
        let status = std::fs::read_to_string(format!("/proc/{}/status", s.child.id().unwrap())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap().to_owned();
        line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() / 1024
    };
    // Written once, before measuring.
    assert_eq!(reqwest::get(format!("http://127.0.0.1:{}/api/docs", s.port)).await.unwrap().status(), 200);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = rss();
    let mut stalled = Vec::new();
    for _ in 0..30 {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(4096).unwrap();
        let mut c = socket.connect(([127, 0, 0, 1], s.port).into()).await.unwrap();
        c.write_all(b"GET /api/docs HTTP/1.1\r\nHost: localhost\r\n\r\n").await.unwrap();
        stalled.push(c);
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let during = rss();
    assert!(during < before + 25, "RSS {before} MiB before, {during} MiB with 30 answers unread");
    drop(stalled);
    drop(s);
    db.drop().await;
}

/// Bodies that are promised and never sent hold no place: with room for one
/// request at once, four such connections leave the API and health
/// answering; one client may have only a few bodies read at once.
#[tokio::test]
async fn bodies_never_sent_hold_no_place() {
    let db = TestDb::create(crate::support::Backend::Sqlite).await;
    let s = serve_with(&db.url, db.dir.path(), &[], &[("RENKEI_MAX_IN_FLIGHT", "1")]).await;
    let base = format!("http://127.0.0.1:{}", s.port);
    let promise = b"POST /api/registrations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{";
    let mut slow = Vec::new();
    for _ in 0..renkei_api::http::admission::BODIES_PER_CLIENT - 1 {
        let mut c = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
        c.write_all(promise).await.unwrap();
        slow.push(c);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = std::time::Instant::now();
    assert_eq!(reqwest::get(format!("{base}/api/networks")).await.unwrap().status(), 200);
    assert_eq!(reqwest::get(format!("{base}/api/health")).await.unwrap().status(), 200);
    let form = reqwest::Client::new()
        .post(format!("{base}/api/registrations"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 400, "a whole body is read and worked on");
    assert!(started.elapsed() < Duration::from_millis(400), "without waiting: {:?}", started.elapsed());
    // One client (all of these come from 127.0.0.1) has only a few read at once.
    {
        let mut c = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
        c.write_all(promise).await.unwrap();
        slow.push(c);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let refused = reqwest::Client::new()
        .post(format!("{base}/api/registrations"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 503);
    assert!(refused.headers().contains_key("retry-after"));
    assert_eq!(reqwest::get(format!("{base}/api/networks")).await.unwrap().status(), 200, "reads are not held up");
    drop(slow);
    drop(s);
    db.drop().await;
}

/// Review held the whole body budget, and so every registration and every
/// facility upload, with a few connections that declared megabytes and sent
/// nothing: a body takes its share of the budget as its bytes come, and an
/// upload is read only once its facility key is known.
#[tokio::test]
async fn declared_bodies_that_do_not_come_hold_no_budget() {
    use tokio::io::AsyncReadExt;
    let db = TestDb::create(crate::support::Backend::Sqlite).await;
    // Bodies of up to 1 MiB, as an operator may allow: 40 of them declare more than the budget.
    let s = serve_with(&db.url, db.dir.path(), &[], &[("RENKEI_MAX_BODY_BYTES", "1048576")]).await;
    let base = format!("http://127.0.0.1:{}", s.port);
    let connect_from = |last: u8| async move {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(std::net::SocketAddr::from(([127, 0, 0, last], 0))).unwrap();
        socket.connect(std::net::SocketAddr::from(([127, 0, 0, 1], s.port))).await.unwrap()
    };
    // 40 MiB declared from 10 addresses, more than the 32 MiB budget.
    let mut promised = Vec::new();
    for i in 0..40u8 {
        let mut c = connect_from(10 + i / 4).await;
        c.write_all(
            b"POST /api/registrations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n{",
        )
        .await
        .unwrap();
        promised.push(c);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let form = reqwest::Client::new()
        .post(format!("{base}/api/registrations"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 400, "read and worked on, not refused for want of budget");

    // Uploads without a facility's key are answered at once, unread.
    for auth in ["", "Authorization: Bearer rkf_nobody_0000000000000000\r\n"] {
        let mut c = connect_from(20).await;
        let head = format!(
            "POST /api/fhir HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/fhir+json\r\n{auth}Content-Length: 8388608\r\n\r\n"
        );
        c.write_all(head.as_bytes()).await.unwrap();
        let mut answer = vec![0u8; 1024];
        let n = tokio::time::timeout(Duration::from_secs(3), c.read(&mut answer))
            .await
            .expect("answered without the body")
            .unwrap();
        let answer = String::from_utf8_lossy(&answer[..n]);
        assert!(answer.starts_with("HTTP/1.1 401"), "{auth:?}: {answer}");
    }
    drop(promised);
    drop(s);
    db.drop().await;
}

/// Over a real socket, with room for two connections: a third is answered
/// 503 `busy` with Retry-After and closed, but one asking for health (or
/// sign-out) is served from the reserve, its request line read again by the
/// server; when one of the two hangs up, a new connection is served.
#[tokio::test]
async fn connections_over_the_bound_are_answered_busy_and_closed() {
    let db = TestDb::create(crate::support::Backend::Sqlite).await;
    let s = serve_with(&db.url, db.dir.path(), &[], &[("RENKEI_MAX_CONNECTIONS", "2")]).await;
    // (The start-up check's connections close with their clients.)
    tokio::time::sleep(Duration::from_millis(300)).await;
    let first = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
    let _second = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;

    let mut third = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
    third.write_all(b"GET /api/networks HTTP/1.1\r\nHost: localhost\r\n\r\n").await.unwrap();
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(5), third.read_to_string(&mut answer)).await.unwrap().unwrap();
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer:?}");
    assert!(answer.contains("retry-after: 5") && answer.contains("\"code\":\"busy\""), "{answer:?}");

    // Health over the bound: served, its request line sent in two pieces.
    let mut health = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
    health.write_all(b"GET /api/hea").await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    health.write_all(b"lth HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").await.unwrap();
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(5), health.read_to_string(&mut answer)).await.unwrap().unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
    assert!(answer.contains("\"status\""), "{answer:?}");
    // Health with another request pipelined behind it: one answer, then closed.
    let mut piped = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
    piped
        .write_all(
            b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\nGET /api/networks HTTP/1.1\r\nHost: localhost\r\n\r\n",
        )
        .await
        .unwrap();
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(5), piped.read_to_string(&mut answer)).await.unwrap().unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
    assert_eq!(answer.matches("HTTP/1.1 ").count(), 1, "only the health request is served: {answer:?}");
    // A health request line whose head never ends holds no place: refused.
    let mut stalled = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
    stalled.write_all(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n").await.unwrap();
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(5), stalled.read_to_string(&mut answer)).await.unwrap().unwrap();
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer:?}");
    // A connection that sends nothing is refused once its second is up.
    let mut silent = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(5), silent.read_to_string(&mut answer)).await.unwrap().unwrap();
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer:?}");

    drop(first);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let ok = reqwest::get(format!("http://127.0.0.1:{}/api/health", s.port)).await.unwrap();
    assert_eq!(ok.status(), 200);
    drop(s);
    db.drop().await;
}

/// A request head that goes on past 32 KiB closes its connection (the
/// server would otherwise hold about 400 KiB of it per connection); a body
/// of 60 KB (more than a head may be) after a normal head is read as before.
#[tokio::test]
async fn a_head_that_never_ends_closes_its_connection_and_bodies_still_pass() {
    let db = TestDb::create(crate::support::Backend::Sqlite).await;
    // Bodies of up to 1 MiB, as an operator may allow.
    let s = serve_with(&db.url, db.dir.path(), &[], &[("RENKEI_MAX_BODY_BYTES", "1048576")]).await;
    let mut long = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
    long.write_all(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Pad: ").await.unwrap();
    let pad = vec![b'a'; 4096];
    let mut closed = false;
    // 300 KB: under the HTTP server's own limit (about 400 KiB), over ours.
    for _ in 0..75 {
        if long.write_all(&pad).await.is_err() {
            closed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    if !closed {
        let mut rest = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(5), long.read_to_end(&mut rest)).await;
        closed = matches!(read, Ok(Ok(_)) | Ok(Err(_)));
    }
    assert!(closed, "a head of 300 KB was not cut off");

    let body = format!("{{\"key\":\"{}\"}}", "k".repeat(60_000));
    let resp = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{}/api/registrations", s.port))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400, "the body was read and refused by the service, not cut off");
    drop(s);
    db.drop().await;
}

#[tokio::test]
async fn http2_in_clear_text_is_closed_unanswered_and_http1_goes_on() {
    let db = TestDb::create(crate::support::Backend::Sqlite).await;
    let s = serve_with(&db.url, db.dir.path(), &[], &[]).await;
    let mut h2 = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
    // The preface and an empty SETTINGS frame, as a client with prior knowledge sends.
    h2.write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\0\x04\0\0\0\0\0").await.unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), h2.read_to_end(&mut answer)).await;
    assert!(matches!(read, Ok(Ok(_)) | Ok(Err(_))), "the connection was closed");
    assert!(answer.is_empty(), "and nothing was answered: {answer:?}");
    let resp = reqwest::get(format!("http://127.0.0.1:{}/api/health", s.port)).await.unwrap();
    assert_eq!(resp.status(), 200);
    drop(s);
    db.drop().await;
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

/// A server runs while many admin commands write one SQLite file at once,
/// and half of those commands are killed hard at random moments. Every write
/// that was acknowledged (exit 0) is there; nothing is half-written (each
/// network has exactly its one audit entry); the file is intact; nobody saw
/// "database is locked".
#[tokio::test]
async fn killed_writers_lose_nothing_acknowledged_and_leave_nothing_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("r.db").display());
    let s = serve(&url, dir.path(), &["--demo"]).await;

    let mut children = Vec::new();
    for i in 0..16 {
        let child = renkei(&url, dir.path())
            .args(["admin", "network", "add", "--code", &format!("net-{i:02}"), "--name", &format!("ネット{i:02}")])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        children.push((format!("net-{i:02}"), child));
    }
    for (i, (_, child)) in children.iter().enumerate() {
        if i % 2 == 1 {
            tokio::time::sleep(Duration::from_millis((i as u64 * 7) % 40)).await;
            let _ =
                nix::sys::signal::kill(Pid::from_raw(i32::try_from(child.id().unwrap_or(0)).unwrap()), Signal::SIGKILL);
        }
    }
    let mut acknowledged = Vec::new();
    for (code, child) in children {
        let out = wait_exit(child).await;
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(!err.contains("locked"), "{err}");
        if out.status.success() {
            acknowledged.push(code);
        }
    }
    assert!(acknowledged.len() >= 8, "the commands that were not killed all succeeded: {acknowledged:?}");

    // The server kept serving throughout; now kill it too, and start again.
    signal(&s.child, Signal::SIGKILL);
    let _ = wait_exit(s.child).await;
    let s = serve(&url, dir.path(), &[]).await;
    let nets: serde_json::Value =
        reqwest::get(format!("http://127.0.0.1:{}/api/networks", s.port)).await.unwrap().json().await.unwrap();
    let present: Vec<String> =
        nets.as_array().unwrap().iter().map(|n| n["code"].as_str().unwrap().to_owned()).collect();
    for code in &acknowledged {
        assert!(present.contains(code), "acknowledged {code} is missing");
    }
    signal(&s.child, Signal::SIGTERM);
    assert!(wait_exit(s.child).await.status.success());

    let db = renkei_api::store::Db::connect(&url).await.unwrap();
    let check = db
        .reader()
        .query_one_raw(sea_orm::Statement::from_string(sea_orm::DbBackend::Sqlite, "PRAGMA integrity_check"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(check.try_get_by_index::<String>(0).unwrap(), "ok");
    for code in present.iter().filter(|c| c.starts_with("net-")) {
        let n = renkei_api::store::networks::find_network(db.reader(), code).await.unwrap().unwrap();
        let entries = renkei_api::store::audit::for_subject(
            db.reader(),
            renkei_api::domain::audit::SubjectKind::Network,
            &n.id.to_string(),
        )
        .await
        .unwrap();
        assert_eq!(entries.len(), 1, "{code} has its audit entry, written in the same transaction");
    }
    db.close().await.unwrap();
}

#[tokio::test]
async fn a_file_that_is_not_a_renkei_database_stops_start_up_and_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "これはデータベースではありません\n").unwrap();
    let other = dir.path().join("other.db");
    {
        let conn =
            renkei_api::store::Db::connect_plain(&format!("sqlite://{}?mode=rwc", other.display())).await.unwrap();
        sea_orm::ConnectionTrait::execute_unprepared(&conn, "CREATE TABLE recipes (name TEXT)").await.unwrap();
        conn.close().await.unwrap();
    }
    let other_before = std::fs::read(&other).unwrap();
    for (file, why) in [(&empty, "an empty file"), (&text, "not an SQLite database"), (&other, "another program")] {
        let url = format!("sqlite://{}?mode=rwc", file.display());
        for args in [vec!["serve"], vec!["admin", "network", "list"]] {
            let out = renkei(&url, dir.path()).args(&args).output().await.unwrap();
            assert!(!out.status.success(), "{file:?} {args:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(err.lines().count(), 1, "one line: {err}");
            assert!(err.contains("not a renkei database") && err.contains(why), "{err}");
        }
    }
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0, "the empty file stays empty");
    assert_eq!(std::fs::read(&other).unwrap(), other_before, "the other program's database is untouched");
    // A database renkei made before starts as always.
    let ours = dir.path().join("ours.db");
    let url = format!("sqlite://{}?mode=rwc", ours.display());
    let out = renkei(&url, dir.path()).args(["admin", "network", "list"]).output().await.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = renkei(&url, dir.path()).args(["admin", "network", "list"]).output().await.unwrap();
    assert!(out.status.success(), "again: {}", String::from_utf8_lossy(&out.stderr));
}

#[tokio::test]
async fn processes_started_at_once_on_a_new_database_all_start() {
    for backend in crate::support::backends() {
        for round in 0..3 {
            let t = crate::support::TestDb::create(backend).await;
            let dir = tempfile::tempdir().unwrap();
            let runs: Vec<_> =
                (0..4).map(|_| renkei(&t.url, dir.path()).args(["admin", "network", "list"]).output()).collect();
            for out in futures::future::join_all(runs).await {
                let out = out.unwrap();
                assert!(out.status.success(), "{backend:?} round {round}: {}", String::from_utf8_lossy(&out.stderr));
            }
            t.drop().await;
        }
    }
}
