//! Mail through the outbox: delivered over SMTP to a real SMTP server
//! (maildev, installed by scripts/test into tests/smtp), retried while the
//! server is down, given up after the last attempt, and written as `.eml`
//! files by the default transport.

use std::time::Duration;

use renkei_api::cli::{AdminCommand, MailCommand, run_admin};
use renkei_api::clock::Clock;
use renkei_api::config::MailTransport;
use renkei_api::domain::actor::Actor;
use renkei_api::domain::mail::{LEASE, MAX_ATTEMPTS};
use renkei_api::mail::{MailWorker, Mailer};
use renkei_api::service::ServiceError;
use renkei_api::service::mail::queue_test_mail;
use renkei_api::service::notices;
use renkei_api::store::outbox;

use crate::support::smtp::SmtpServer;
use crate::support::{TestApp, backends, eventually, free_port};

fn ops() -> Actor {
    Actor::Operator { name: "ops".into() }
}

/// An app whose mail goes over SMTP to `smtp`, from no-reply@renkei.example.jp.
async fn app_sending_to(backend: crate::support::Backend, smtp: &SmtpServer) -> TestApp {
    TestApp::spawn_with(
        backend,
        &[("RENKEI_MAIL_URL", &smtp.url()), ("RENKEI_MAIL_FROM", "renkei <no-reply@renkei.example.jp>")],
    )
    .await
}

#[tokio::test]
async fn queued_mail_is_delivered_over_smtp() {
    let smtp = SmtpServer::start().await;
    for backend in backends() {
        let app = app_sending_to(backend, &smtp).await;
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
        // Only the kind of failure is kept, never the server's words.
        assert_eq!(row.last_error.as_deref(), Some("could not talk to the mail server"));

        // Not due yet: nothing is tried before the back-off has passed.
        let smtp = SmtpServer::start_on(port).await;
        assert_eq!(app.state.mail.deliver_due().await.unwrap(), Default::default());
        app.clock.advance(chrono::Duration::minutes(1));
        assert_eq!(app.state.mail.deliver_due().await.unwrap().sent, 1);
        let row = outbox::find(app.state.db.reader(), id).await.unwrap().unwrap();
        assert_eq!((row.status.as_str(), row.attempts), (outbox::SENT, 2));
        assert_eq!(row.body_text, "", "the body is not kept once sent");
        assert_eq!(smtp.emails().await.unwrap().len(), 1);
        drop(smtp);
        app.finish().await;
    }
}

#[tokio::test]
async fn mail_is_given_up_after_the_last_attempt() {
    for backend in backends() {
        let port = free_port();
        let app = TestApp::spawn_with(backend, &[("RENKEI_MAIL_URL", &format!("smtp://127.0.0.1:{port}"))]).await;
        let id = queue_test_mail(&app.state, &ops(), "taro@example.jp").await.unwrap();
        for attempt in 1..=MAX_ATTEMPTS {
            let r = app.state.mail.deliver_due().await.unwrap();
            assert_eq!(r.sent, 0, "attempt {attempt}");
            app.clock.advance(chrono::Duration::hours(7));
        }
        let row = outbox::find(app.state.db.reader(), id).await.unwrap().unwrap();
        assert_eq!((row.status.as_str(), row.attempts), (outbox::FAILED, MAX_ATTEMPTS));
        assert_eq!(app.state.mail.deliver_due().await.unwrap(), Default::default(), "nothing after giving up");
        app.finish().await;
    }
}

/// A pass claims batch after batch while they come back full, and ends at
/// the first one that does not (no claim spent on finding nothing).
#[tokio::test]
async fn one_pass_delivers_more_than_a_batch() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        for i in 0..40 {
            queue_test_mail(&app.state, &ops(), &format!("batch{i}@example.jp")).await.unwrap();
        }
        assert_eq!(app.state.mail.deliver_due().await.unwrap().sent, 40);
        assert_eq!(app.state.mail.mailer().sent().len(), 40);
        assert_eq!(app.state.mail.deliver_due().await.unwrap().sent, 0);
        app.finish().await;
    }
}

/// `n` bulk notices (receipts of registration) queued in one transaction,
/// claimed by nobody: a backlog as a surge leaves it.
async fn queue_notices(app: &TestApp, n: usize) {
    let tx = app.state.db.write().await.unwrap();
    for i in 0..n {
        let mail = outbox::NewMail {
            kind: "registered",
            recipient: format!("notice{i}@example.jp"),
            subject: "ご登録ありがとうございます / Thank you for registering".to_owned(),
            body_text: "renkei".to_owned(),
        };
        outbox::enqueue(&*tx, mail, app.clock.now(), None).await.unwrap();
    }
    tx.commit().await.unwrap();
}

/// A code queued after a pile of notices is sent before them.
#[tokio::test]
async fn a_code_goes_before_notices_queued_earlier() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        queue_notices(&app, 40).await;
        let tx = app.state.db.write().await.unwrap();
        notices::code(&*tx, &app.state, "waiting@example.jp", "123456", "ログイン", "signing in").await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(app.state.mail.deliver_due().await.unwrap().sent, 41);
        let sent = app.state.mail.mailer().sent();
        assert_eq!(sent[0].to, "waiting@example.jp", "the code first");
        assert_eq!(sent.len(), 41);
        app.finish().await;
    }
}

/// The running worker: mail written while it runs is written claimed for it
/// and goes out when it is woken, without a claim of its own; a code
/// requested while a thousand notices wait goes out over SMTP long before
/// they are through, and every notice goes out once.
#[tokio::test]
async fn a_running_worker_sends_a_code_before_a_backlog_of_notices() {
    let smtp = SmtpServer::start().await;
    for backend in backends() {
        let app = app_sending_to(backend, &smtp).await;
        assert_eq!(app.state.mail.claim_for_new(), None, "nothing claimed for a worker that does not run");
        queue_notices(&app, 1000).await;
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let worker = tokio::spawn(app.state.mail.clone().run(stopped));
        assert!(eventually(Duration::from_secs(5), async || app.state.mail.claim_for_new().is_some()).await);

        let to = format!("code.{backend:?}@example.jp").to_lowercase();
        let tx = app.state.db.write().await.unwrap();
        let id = notices::code(&*tx, &app.state, &to, "123456", "ログイン", "signing in").await.unwrap();
        tx.commit().await.unwrap();
        let written = outbox::find(app.state.db.reader(), id).await.unwrap().unwrap();
        assert!(written.claim_id.is_some() || written.status == outbox::SENT, "written claimed for the worker");
        app.state.mail.wake();
        let sent = eventually(Duration::from_secs(20), async || {
            outbox::find(app.state.db.reader(), id).await.unwrap().unwrap().status == outbox::SENT
        })
        .await;
        assert!(sent, "the code went out");
        let waiting = pending_count(&app).await;
        assert!(waiting > 0, "the code did not wait for the notices ({waiting} of them still queued)");
        // (maildev answers before it has stored a message.)
        let arrived = eventually(Duration::from_secs(10), async || {
            smtp.emails().await.unwrap_or_default().iter().any(|m| m["to"][0]["address"] == to.as_str())
        })
        .await;
        assert!(arrived);

        assert!(eventually(Duration::from_secs(120), async || pending_count(&app).await == 0).await);
        let _ = stop.send(true);
        worker.await.unwrap();
        assert_eq!(app.state.mail.claim_for_new(), None);
        let notices = async || -> Vec<String> {
            smtp.emails()
                .await
                .unwrap_or_default()
                .iter()
                .filter_map(|m| m["to"][0]["address"].as_str().filter(|a| a.starts_with("notice")).map(str::to_owned))
                .collect()
        };
        let expected = 1000 * (backends().iter().position(|b| *b == backend).unwrap() + 1);
        assert!(eventually(Duration::from_secs(20), async || notices().await.len() >= expected).await);
        let mut to = notices().await;
        assert_eq!(to.len(), expected, "none twice");
        to.sort();
        to.dedup();
        assert_eq!(to.len(), 1000, "each notice once");
        app.finish().await;
    }
}

/// Sending does not wait for the database's write queue: while another
/// writer holds it (SQLite's one writer; on PostgreSQL the outbox rows),
/// three rounds of codes go out; their deliveries are recorded once it lets go,
/// each message sent once.
#[tokio::test]
async fn codes_go_out_while_the_writers_queue_is_held() {
    use sea_orm::ConnectionTrait;
    let smtp = SmtpServer::start().await;
    for backend in backends() {
        let app = app_sending_to(backend, &smtp).await;
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let worker = tokio::spawn(app.state.mail.clone().run(stopped));
        assert!(eventually(Duration::from_secs(5), async || app.state.mail.claim_for_new().is_some()).await);

        let prefix = format!("busy.{backend:?}.").to_lowercase();
        let tx = app.state.db.write().await.unwrap();
        let mut ids = Vec::new();
        for i in 0..24 {
            let to = format!("{prefix}{i}@example.jp");
            ids.push(notices::code(&*tx, &app.state, &to, "123456", "ログイン", "signing in").await.unwrap());
        }
        tx.commit().await.unwrap();
        // Hold the writers off: at most the first round can have been recorded.
        let blocker = app.state.db.write().await.unwrap();
        if backend == crate::support::Backend::Postgres {
            blocker.execute_unprepared("SELECT id FROM mail_outbox FOR UPDATE").await.unwrap();
        }
        app.state.mail.wake();
        let delivered = async || -> Vec<String> {
            smtp.emails()
                .await
                .unwrap_or_default()
                .iter()
                .filter_map(|m| m["to"][0]["address"].as_str().filter(|a| a.starts_with(&prefix)).map(str::to_owned))
                .collect()
        };
        let all_out = eventually(Duration::from_secs(15), async || delivered().await.len() >= 24).await;
        assert!(all_out, "all 24 codes went out while writes waited ({} did)", delivered().await.len());
        let unrecorded = {
            let mut n = 0;
            for id in &ids {
                if outbox::find(app.state.db.reader(), *id).await.unwrap().unwrap().status == outbox::PENDING {
                    n += 1;
                }
            }
            n
        };
        assert!(unrecorded >= 16, "sent, not yet recorded: {unrecorded}");
        drop(blocker);
        let recorded = eventually(Duration::from_secs(15), async || {
            let mut all = true;
            for id in &ids {
                all &= outbox::find(app.state.db.reader(), *id).await.unwrap().unwrap().status == outbox::SENT;
            }
            all
        })
        .await;
        assert!(recorded, "recorded once the writers' queue moved");
        let _ = stop.send(true);
        worker.await.unwrap();
        let mut to = delivered().await;
        assert_eq!(to.len(), 24, "none twice");
        to.sort();
        to.dedup();
        assert_eq!(to.len(), 24);
        app.finish().await;
    }
}

async fn pending_count(app: &TestApp) -> u64 {
    use renkei_api::store::entity::mail_outbox;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Status.eq(outbox::PENDING))
        .count(app.state.db.reader())
        .await
        .unwrap()
}

/// Two servers on one database: every message goes out exactly once.
#[tokio::test]
async fn two_workers_never_send_the_same_message() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let other = MailWorker::new(
            app.state.db.clone(),
            std::sync::Arc::new(app.clock.clone()),
            Mailer::from_config(&MailTransport::Memory).unwrap(),
            "renkei <no-reply@example.jp>",
        )
        .unwrap();
        for i in 0..20 {
            queue_test_mail(&app.state, &ops(), &format!("person{i}@example.jp")).await.unwrap();
        }
        let (a, b) = tokio::join!(app.state.mail.deliver_due(), other.deliver_due());
        assert_eq!(a.unwrap().sent + b.unwrap().sent, 20);
        let mut to: Vec<String> =
            app.state.mail.mailer().sent().into_iter().chain(other.mailer().sent()).map(|m| m.to).collect();
        assert_eq!(to.len(), 20);
        to.sort();
        to.dedup();
        assert_eq!(to.len(), 20, "each message once");
        app.finish().await;
    }
}

/// A worker that died holding a claim releases it when the lease runs out.
#[tokio::test]
async fn an_abandoned_claim_is_taken_over_after_the_lease() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let id = queue_test_mail(&app.state, &ops(), "taro@example.jp").await.unwrap();
        let tx = app.state.db.write().await.unwrap();
        let claimed =
            outbox::claim_due(&*tx, uuid::Uuid::now_v7(), None, app.clock.now(), LEASE, 5, None).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(claimed.len(), 1);
        // ...and that worker dies here, never recording a result.
        assert_eq!(app.state.mail.deliver_due().await.unwrap().sent, 0, "claimed by someone else");
        app.clock.advance(LEASE + chrono::Duration::seconds(1));
        assert_eq!(app.state.mail.deliver_due().await.unwrap().sent, 1);
        // A code in such a mail is still good when it arrives: the lease is a small part of its life.
        assert!(LEASE <= chrono::Duration::minutes(1) && LEASE * 5 < renkei_api::domain::otp::TTL);
        // The dead worker's late result no longer counts, and, were it only slow, it would not
        // send the message a second time: its claim cannot be renewed.
        let tx = app.state.db.write().await.unwrap();
        assert!(!outbox::mark_attempt_failed(&*tx, &claimed[0], "late", None).await.unwrap());
        let dead = claimed[0].claim_id.unwrap();
        assert!(outbox::renew_all(&*tx, dead, vec![id], app.clock.now(), LEASE).await.unwrap().is_empty());
        tx.commit().await.unwrap();
        assert_eq!(outbox::find(app.state.db.reader(), id).await.unwrap().unwrap().status, outbox::SENT);
        app.finish().await;
    }
}

/// A worker that sent a message and died before recording it: after the
/// lease the message goes again, with the same Message-ID, so the receiving
/// side can tell it is one message sent twice, not two.
#[tokio::test]
async fn a_message_resent_after_a_crash_carries_the_same_message_id() {
    let smtp = SmtpServer::start().await;
    for backend in backends() {
        let app = app_sending_to(backend, &smtp).await;
        let to = format!("crash.{backend:?}@example.jp").to_lowercase();
        let id = queue_test_mail(&app.state, &ops(), &to).await.unwrap();
        // The worker that dies: it claims, sends, and records nothing.
        let tx = app.state.db.write().await.unwrap();
        let claimed =
            outbox::claim_due(&*tx, uuid::Uuid::now_v7(), None, app.clock.now(), LEASE, 5, Some(id)).await.unwrap();
        tx.commit().await.unwrap();
        app.state.mail.mailer().send(app.state.mail.sender(), &claimed[0]).await.unwrap();
        assert_eq!(app.state.mail.deliver_due().await.unwrap().sent, 0, "held by the dead worker's claim");
        app.clock.advance(LEASE + chrono::Duration::seconds(1));
        assert_eq!(app.state.mail.deliver_due().await.unwrap().sent, 1);
        let ids: Vec<String> = smtp
            .emails()
            .await
            .unwrap()
            .iter()
            .filter(|m| m["to"][0]["address"] == to.as_str())
            .map(|m| m["messageId"].as_str().unwrap_or_default().trim_matches(['<', '>']).to_owned())
            .collect();
        assert_eq!(ids, [format!("{id}@renkei.example.jp"), format!("{id}@renkei.example.jp")]);
        app.finish().await;
    }
}

/// `renkei admin mail test` delivers its own message and leaves the rest of
/// the outbox to the server's worker.
#[tokio::test]
async fn the_admin_test_mail_goes_out_alone() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let waiting = queue_test_mail(&app.state, &ops(), "waiting@example.jp").await.unwrap();
        let mut out = Vec::new();
        let cmd = AdminCommand::Mail(MailCommand::Test { to: "ops@example.jp".into() });
        run_admin(&app.state, &ops(), cmd, &mut out).await.unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("test mail ") && out.contains("sent via memory"), "{out}");
        let sent = app.state.mail.mailer().sent();
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].to, "ops@example.jp");
        assert_eq!(outbox::find(app.state.db.reader(), waiting).await.unwrap().unwrap().status, outbox::PENDING);
        app.finish().await;
    }
}

#[tokio::test]
async fn the_file_transport_writes_eml_files() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("file://{}", dir.path().join("mail").display());
    let app = TestApp::spawn_with(crate::support::Backend::Sqlite, &[("RENKEI_MAIL_URL", &url)]).await;
    queue_test_mail(&app.state, &ops(), "taro@example.jp").await.unwrap();
    assert_eq!(app.state.mail.deliver_due().await.unwrap().sent, 1);
    let files: Vec<_> = std::fs::read_dir(dir.path().join("mail"))
        .expect("the directory is made at the first mail")
        .map(|e| e.unwrap().path())
        .collect();
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
