//! Mail through the outbox: delivered over SMTP to a real SMTP server
//! (maildev, installed by scripts/test into tests/smtp), retried while the
//! server is down, given up after the last attempt, and written as `.eml`
//! files by the default transport.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use renkei_api::domain::actor::Actor;
use renkei_api::mail::MAX_ATTEMPTS;
use renkei_api::service::ServiceError;
use renkei_api::service::mail::queue_test_mail;
use renkei_api::store::outbox;
use tokio::process::{Child, Command};

use crate::support::{TestApp, backends, eventually, free_port};

/// A maildev process on free ports, stopped when dropped.
pub struct SmtpServer {
    pub smtp_port: u16,
    web_port: u16,
    _child: Child,
}

impl SmtpServer {
    pub async fn start_on(smtp_port: u16) -> SmtpServer {
        let bin = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/smtp/node_modules/maildev/bin/maildev"));
        assert!(
            bin.is_file(),
            "the test SMTP server is not installed: run `npm ci --prefix tests/smtp` (scripts/test does)"
        );
        let web_port = free_port();
        let child = Command::new("node")
            .arg(&bin)
            .args([
                "--ip",
                "127.0.0.1",
                "--web-ip",
                "127.0.0.1",
                "-s",
                &smtp_port.to_string(),
                "-w",
                &web_port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start maildev");
        let server = SmtpServer { smtp_port, web_port, _child: child };
        let up = eventually(Duration::from_secs(20), async || server.emails().await.is_some()).await;
        assert!(up, "maildev did not start");
        let smtp_up = eventually(Duration::from_secs(10), async || {
            tokio::net::TcpStream::connect(("127.0.0.1", smtp_port)).await.is_ok()
        })
        .await;
        assert!(smtp_up, "maildev's SMTP port did not open");
        server
    }

    pub async fn start() -> SmtpServer {
        Self::start_on(free_port()).await
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.smtp_port)
    }

    /// Every message the server received, as maildev parsed it.
    pub async fn emails(&self) -> Option<Vec<serde_json::Value>> {
        let resp = reqwest::get(format!("http://127.0.0.1:{}/email", self.web_port)).await.ok()?;
        resp.json::<Vec<serde_json::Value>>().await.ok()
    }
}

fn ops() -> Actor {
    Actor::Operator { name: "ops".into() }
}

#[tokio::test]
async fn queued_mail_is_delivered_over_smtp() {
    let smtp = SmtpServer::start().await;
    for backend in backends() {
        let app = TestApp::spawn_with(
            backend,
            &[("RENKEI_MAIL_URL", &smtp.url()), ("RENKEI_MAIL_FROM", "renkei <no-reply@renkei.example.jp>")],
        )
        .await;
        let to = format!("hanako.{:?}@example.jp", backend).to_lowercase();
        let id = queue_test_mail(&app.state, &ops(), &to).await.unwrap();
        let report = app.state.mail.deliver_due().await.unwrap();
        assert_eq!((report.sent, report.retrying, report.failed), (1, 0, 0));

        let row = outbox::find(app.state.db.reader(), id).await.unwrap().unwrap();
        assert_eq!(row.status, outbox::SENT);
        assert_eq!(row.attempts, 1);
        assert_eq!(row.sent_at, Some(crate::support::start_time()));

        let mails = smtp.emails().await.unwrap();
        let m = mails.iter().find(|m| m["to"][0]["address"] == to.as_str()).expect("delivered to the SMTP server");
        assert_eq!(m["subject"], "renkei テストメール / test message");
        assert_eq!(m["from"][0]["address"], "no-reply@renkei.example.jp");
        let text = m["text"].as_str().unwrap();
        assert!(text.contains("テストメールです") && text.contains("This is a test message"), "{text}");
        assert!(text.contains("2026-11-21 09:00"), "Japan time in the text: {text}");

        // Delivered once: a second pass sends nothing.
        assert_eq!(app.state.mail.deliver_due().await.unwrap().sent, 0);
        assert_eq!(smtp.emails().await.unwrap().iter().filter(|m| m["to"][0]["address"] == to.as_str()).count(), 1);
        app.finish().await;
    }
}

#[tokio::test]
async fn mail_waits_for_a_server_that_is_down_and_goes_when_it_is_back() {
    for backend in backends() {
        let port = free_port();
        let url = format!("smtp://127.0.0.1:{port}");
        let app = TestApp::spawn_with(backend, &[("RENKEI_MAIL_URL", &url)]).await;
        let id = queue_test_mail(&app.state, &ops(), "taro@example.jp").await.unwrap();

        let report = app.state.mail.deliver_due().await.unwrap();
        assert_eq!((report.sent, report.retrying), (0, 1));
        let row = outbox::find(app.state.db.reader(), id).await.unwrap().unwrap();
        assert_eq!((row.status.as_str(), row.attempts), (outbox::PENDING, 1));
        assert!(row.last_error.is_some());
        assert!(!row.last_error.unwrap().contains("taro"), "no address in the stored error");

        // Not due yet: nothing is tried before the back-off has passed.
        let smtp = SmtpServer::start_on(port).await;
        assert_eq!(app.state.mail.deliver_due().await.unwrap(), Default::default());
        app.clock.advance(chrono::Duration::minutes(1));
        assert_eq!(app.state.mail.deliver_due().await.unwrap().sent, 1);
        let row = outbox::find(app.state.db.reader(), id).await.unwrap().unwrap();
        assert_eq!((row.status.as_str(), row.attempts), (outbox::SENT, 2));
        assert_eq!(smtp.emails().await.unwrap().len(), 1);
        drop(smtp);
        app.finish().await;
    }
}

#[tokio::test]
async fn mail_is_given_up_after_the_last_attempt() {
    let port = free_port();
    let app = TestApp::spawn_with(
        crate::support::Backend::Sqlite,
        &[("RENKEI_MAIL_URL", &format!("smtp://127.0.0.1:{port}"))],
    )
    .await;
    let id = queue_test_mail(&app.state, &ops(), "taro@example.jp").await.unwrap();
    for attempt in 1..=MAX_ATTEMPTS {
        let r = app.state.mail.deliver_due().await.unwrap();
        assert_eq!(r.sent, 0, "attempt {attempt}");
        app.clock.advance(chrono::Duration::hours(7));
    }
    let row = outbox::find(app.state.db.reader(), id).await.unwrap().unwrap();
    assert_eq!((row.status.as_str(), row.attempts), (outbox::FAILED, MAX_ATTEMPTS));
    app.finish().await;
}

#[tokio::test]
async fn the_default_transport_writes_eml_files() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("file://{}", dir.path().join("mail").display());
    let app = TestApp::spawn_with(crate::support::Backend::Sqlite, &[("RENKEI_MAIL_URL", &url)]).await;
    queue_test_mail(&app.state, &ops(), "taro@example.jp").await.unwrap();
    assert_eq!(app.state.mail.deliver_due().await.unwrap().sent, 1);
    let files: Vec<_> = std::fs::read_dir(dir.path().join("mail")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].extension().unwrap(), "eml");
    let eml = std::fs::read_to_string(&files[0]).unwrap();
    assert!(eml.contains("To: taro@example.jp"), "{eml}");
    app.finish().await;
}

#[tokio::test]
async fn a_bad_address_is_refused_and_nothing_is_queued() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        for bad in ["", "taro", "taro@", "<script>@x"] {
            let err = queue_test_mail(&app.state, &ops(), bad).await.unwrap_err();
            assert!(matches!(err, ServiceError::Invalid(ref i) if i.0[0].field == "to"), "{bad}: {err:?}");
        }
        let err = queue_test_mail(&app.state, &Actor::Anonymous, "taro@example.jp").await.unwrap_err();
        assert!(matches!(err, ServiceError::Denied(_)));
        assert_eq!(app.state.mail.deliver_due().await.unwrap(), Default::default());
        assert!(app.state.mail.mailer().sent().is_empty());
        app.finish().await;
    }
}
