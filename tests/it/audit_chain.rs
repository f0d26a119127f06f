//! The audit log's hash chain (`domain::audit_chain`), on both databases:
//! every kind of tampering by someone holding the database's own
//! credentials is reported by `renkei admin audit verify` with the entry
//! named; an erasure still checks; concurrent writers make one chain.

use poem::http::StatusCode;
use renkei_api::cli::{AdminCommand, AuditCommand};
use renkei_api::store::Backend;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::support::facility::{HANAKO, HOSPITAL, bundle, issue_key, patient, request, send};
use crate::support::resident::{demo, details, new_key, post_with_cookie, register};
use crate::support::{TestApp, admin, each_backend};

/// The walk's report: (entries, breaks as text).
async fn verify(app: &TestApp) -> (i64, Vec<String>) {
    verify_with(app, None).await
}

async fn verify_with(app: &TestApp, checkpoints: Option<(&std::path::Path, &std::path::Path)>) -> (i64, Vec<String>) {
    let cmd = AuditCommand::Verify {
        checkpoints: checkpoints.map(|(d, _)| d.to_owned()),
        key_file: checkpoints.map(|(_, k)| k.to_owned()),
        json: true,
    };
    match admin(app, AdminCommand::Audit(cmd)).await {
        Ok(out) => {
            let v: Value = serde_json::from_str(&out).unwrap();
            (v["entries"].as_i64().unwrap(), vec![])
        }
        Err(e) => {
            let text = e.to_string();
            let lines: Vec<String> = text.lines().skip(1).map(|l| l.trim().to_owned()).collect();
            (-1, lines)
        }
    }
}

async fn sql(app: &TestApp, statement: &str) {
    app.state.db.reader().execute_unprepared(statement).await.unwrap_or_else(|e| panic!("{statement}: {e}"));
}

/// What someone holding the database's credentials does first: take the
/// append-only triggers off.
async fn drop_triggers(app: &TestApp) {
    match app.state.db.backend() {
        Backend::Sqlite => {
            for t in ["audit_log_no_update", "audit_log_no_delete", "audit_chain_no_update", "audit_chain_no_delete"] {
                sql(app, &format!("DROP TRIGGER {t}")).await;
            }
        }
        Backend::Postgres => {
            sql(app, "ALTER TABLE audit_log DISABLE TRIGGER ALL").await;
            sql(app, "ALTER TABLE audit_chain DISABLE TRIGGER ALL").await;
        }
    }
}

/// A uuid as the database's SQL writes it (SQLite keeps them as 16 bytes).
fn lit(app: &TestApp, id: &str) -> String {
    match app.state.db.backend() {
        Backend::Sqlite => format!("X'{}'", id.replace('-', "")),
        Backend::Postgres => format!("'{id}'"),
    }
}

async fn ids_in_order(app: &TestApp) -> Vec<String> {
    let rows = renkei_api::store::audit::chain_from(app.state.db.reader(), 1, 10_000).await.unwrap();
    rows.into_iter().map(|r| r.entry_id.to_string()).collect()
}

#[tokio::test]
async fn every_kind_of_tampering_is_reported_with_the_entry_named() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let (n, breaks) = verify(app).await;
        assert!(n > 5 && breaks.is_empty(), "{n} {breaks:?}");
        let ids = ids_in_order(app).await;
        drop_triggers(app).await;
        // Edit a field.
        sql(app, &format!("UPDATE audit_log SET action = 'demo.seeded' WHERE id = {}", lit(app, &ids[2]))).await;
        // Delete one.
        sql(app, &format!("DELETE FROM audit_log WHERE id = {}", lit(app, &ids[3]))).await;
        // Clear a detail outside an erasure.
        sql(app, &format!("UPDATE audit_log SET detail = NULL, request_id = NULL WHERE id = {}", lit(app, &ids[1]))).await;
        // Insert one (a copy of an entry under a new id).
        let copy = "01a00000-0000-7000-8000-000000000001";
        let cols = "at, actor_kind, actor_id, on_behalf_of, action, subject_kind, subject_id, network_id, facility_id, channel, request_id, detail";
        sql(app, &format!("INSERT INTO audit_log (id, {cols}) SELECT {}, {cols} FROM audit_log WHERE id = {}", lit(app, copy), lit(app, &ids[4]))).await;
        // Swap two links' places.
        sql(app, &format!("UPDATE audit_chain SET seq = -1 WHERE entry_id = {}", lit(app, &ids[5]))).await;
        sql(app, &format!("UPDATE audit_chain SET seq = 6 WHERE entry_id = {}", lit(app, &ids[6]))).await;
        sql(app, &format!("UPDATE audit_chain SET seq = 7 WHERE entry_id = {}", lit(app, &ids[5]))).await;
        let (_, breaks) = verify(app).await;
        let has = |needle: &str, id: &str| breaks.iter().any(|b| b.contains(needle) && b.contains(id));
        assert!(has("was edited", &ids[2]), "{breaks:?}");
        assert!(has("was deleted", &ids[3]), "{breaks:?}");
        assert!(has("detail cleared", &ids[1]), "{breaks:?}");
        assert!(has("inserted", copy), "{breaks:?}");
        assert!(has("does not follow", &ids[6]) || has("was edited", &ids[6]), "{breaks:?}");
        assert!(has("does not follow", &ids[5]) || has("was edited", &ids[5]), "{breaks:?}");
        // Removing a link with its entry leaves a gap.
        sql(app, &format!("DELETE FROM audit_chain WHERE entry_id = {}", lit(app, &ids[8]))).await;
        sql(app, &format!("DELETE FROM audit_log WHERE id = {}", lit(app, &ids[8]))).await;
        let (_, breaks) = verify(app).await;
        assert!(breaks.iter().any(|b| b.contains("entry 9 is missing")), "{breaks:?}");
    })
    .await;
}

/// The erasure reduces entries by law, and the chain still checks; with
/// the triggers taken off, the same reduction by hand is reported.
#[tokio::test]
async fn an_erasure_still_checks() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (cookie, _) = register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let b = bundle(
            "transaction",
            vec![patient(HANAKO), request("rx-1", "2171022F1020", "アムロジピン錠5mg", "2026-11-21", 28)],
        );
        let (status, _, resp) = send(app, &issue_key(app, HOSPITAL).await, &b).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        let (_, consents) = crate::support::staff::staff_get(app, "/api/me/consents", &cookie).await;
        let consent = consents["memberships"][0]["consentId"].clone();
        let (status, _, _) =
            post_with_cookie(app, "/api/me/networks/demo/withdraw", &cookie, &json!({ "consentId": consent })).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _, e) =
            post_with_cookie(app, "/api/me/medical-data/erase", &cookie, &json!({ "confirm": true })).await;
        assert_eq!(status, StatusCode::OK, "{e}");
        let (n, breaks) = verify(app).await;
        assert!(n > 0 && breaks.is_empty(), "{breaks:?}");
    })
    .await;
}

/// Many writers at once, each in its own transaction: one chain, no fork,
/// no gap.
#[tokio::test]
async fn concurrent_writers_make_one_chain() {
    each_backend(async |app| {
        demo(app).await;
        let mut tasks = Vec::new();
        for i in 0..16 {
            let state = app.state.clone();
            tasks.push(tokio::spawn(async move {
                for j in 0..10 {
                    let tx = state.db.write().await.unwrap();
                    let e = renkei_api::store::audit::AuditEntry::new(
                        &renkei_api::domain::actor::Actor::System,
                        renkei_api::domain::audit::AuditAction::MailQueued,
                        renkei_api::domain::audit::Channel::System,
                    )
                    .detail(json!({ "writer": i, "n": j }));
                    renkei_api::store::audit::append(&*tx, e, state.clock.now()).await.unwrap();
                    tx.commit().await.unwrap();
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let (n, breaks) = verify(app).await;
        assert!(breaks.is_empty(), "{breaks:?}");
        let links = renkei_api::store::audit::chain_from(app.state.db.reader(), 1, 100_000).await.unwrap();
        assert_eq!(links.len() as i64, n);
        assert!(links.iter().enumerate().all(|(i, l)| l.seq == i as i64 + 1), "no gap, no fork");
        assert!(n >= 160);
    })
    .await;
}

/// Signed checkpoints kept outside the database: a log cut at its end with
/// its links, which still chains, shows against them; an altered checkpoint
/// is refused; nothing is signed over a chain that does not check.
#[tokio::test]
async fn checkpoints_show_a_cut_tail_and_refuse_to_vouch_for_a_broken_chain() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let dir = app.db.dir.path().join("checkpoints");
        let key = app.db.dir.path().join("audit.key");
        let out = admin(app, AdminCommand::Audit(AuditCommand::Keygen { out: key.clone() })).await.unwrap();
        assert!(out.starts_with("public key "), "{out}");
        assert!(
            admin(app, AdminCommand::Audit(AuditCommand::Keygen { out: key.clone() })).await.is_err(),
            "never overwrites"
        );
        let signed =
            admin(app, AdminCommand::Audit(AuditCommand::Checkpoint { key_file: key.clone(), dir: dir.clone() }))
                .await
                .unwrap();
        assert!(signed.starts_with("checkpoint "), "{signed}");
        let (n, breaks) = verify_with(app, Some((&dir, &key))).await;
        assert!(n > 0 && breaks.is_empty(), "{breaks:?}");

        // Cut the last two entries with their links: the chain alone still checks...
        let ids = ids_in_order(app).await;
        drop_triggers(app).await;
        for id in &ids[ids.len() - 2..] {
            sql(app, &format!("DELETE FROM audit_chain WHERE entry_id = {}", lit(app, id))).await;
            sql(app, &format!("DELETE FROM audit_log WHERE id = {}", lit(app, id))).await;
        }
        let (_, breaks) = verify(app).await;
        assert!(breaks.is_empty(), "{breaks:?}");
        // ...the checkpoint shows the cut.
        let (_, breaks) = verify_with(app, Some((&dir, &key))).await;
        let had = ids.len();
        assert!(
            breaks
                .iter()
                .any(|b| b.contains(&format!("cut after entry {}", had - 2)) && b.contains(&format!("counted {had}"))),
            "{breaks:?}"
        );
        // An altered checkpoint is refused.
        let file = std::fs::read_dir(&dir).unwrap().next().unwrap().unwrap().path();
        let mut c: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        c["entries"] = json!(had - 2);
        std::fs::write(&file, c.to_string()).unwrap();
        let (_, breaks) = verify_with(app, Some((&dir, &key))).await;
        assert!(breaks.iter().any(|b| b.contains("not signed by this deployment")), "{breaks:?}");
        // Nothing is signed over a chain that does not check.
        sql(app, &format!("UPDATE audit_log SET action = 'demo.seeded' WHERE id = {}", lit(app, &ids[1]))).await;
        let refused =
            admin(app, AdminCommand::Audit(AuditCommand::Checkpoint { key_file: key.clone(), dir: dir.clone() })).await;
        assert!(refused.unwrap_err().to_string().contains("nothing signed"));
    })
    .await;
}
