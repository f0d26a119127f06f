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
        public_key: None,
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

/// A statement as someone holding the database's own credentials: on
/// PostgreSQL its owner (the service's role may not do any of this).
async fn sql(app: &TestApp, statement: &str) {
    match app.db.owner_url() {
        Some(owner) => {
            let conn = renkei_api::store::Db::connect_plain(&owner).await.unwrap();
            conn.execute_unprepared(statement).await.unwrap_or_else(|e| panic!("{statement}: {e}"));
            conn.close().await.unwrap();
        }
        None => {
            app.state.db.reader().execute_unprepared(statement).await.unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
    }
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
            sql(app, "ALTER TABLE audit_log DISABLE TRIGGER USER").await;
            sql(app, "ALTER TABLE audit_chain DISABLE TRIGGER USER").await;
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

/// Inserts a copy of the entry `of` under the id `id`, without a link, as
/// someone holding the database would.
async fn copy_entry(app: &TestApp, id: &str, of: &str) {
    let cols = "at, actor_kind, actor_id, on_behalf_of, action, subject_kind, subject_id, network_id, facility_id, channel, request_id, detail";
    sql(
        app,
        &format!(
            "INSERT INTO audit_log (id, {cols}) SELECT {}, {cols} FROM audit_log WHERE id = {}",
            lit(app, id),
            lit(app, of)
        ),
    )
    .await;
}

/// Puts a link for the entry `id` at place `seq` by hand (hashes that fit nothing).
async fn put_link(app: &TestApp, id: &str, seq: i64) {
    let (prev, hash) = ("0".repeat(64), "f".repeat(64));
    sql(
        app,
        &format!(
            "INSERT INTO audit_chain (entry_id, seq, prev_hash, hash) VALUES ({}, {seq}, '{prev}', '{hash}')",
            lit(app, id)
        ),
    )
    .await;
}

/// Appends `batches` × `each` entries through the service's own append, a
/// batch per transaction.
async fn fill(app: &TestApp, batches: usize, each: usize) {
    for batch in 0..batches {
        let tx = app.state.db.write().await.unwrap();
        for j in 0..each {
            let e = renkei_api::store::audit::AuditEntry::new(
                &renkei_api::domain::actor::Actor::System,
                renkei_api::domain::audit::AuditAction::MailQueued,
                renkei_api::domain::audit::Channel::System,
            )
            .detail(json!({ "batch": batch, "n": j }));
            renkei_api::store::audit::append(&*tx, e, app.state.clock.now()).await.unwrap();
        }
        tx.commit().await.unwrap();
    }
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
        sql(app, &format!("UPDATE audit_log SET detail = NULL, request_id = NULL WHERE id = {}", lit(app, &ids[1])))
            .await;
        // Insert one (a copy of an entry under a new id).
        let copy = "01a00000-0000-7000-8000-000000000001";
        copy_entry(app, copy, &ids[4]).await;
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

/// The erasure reduces entries by law, and the chain still checks. Someone
/// with the service's own credentials may append any entry (chained) and
/// null details (as an erasure does), but a made-up erasure covers only
/// entries of the kinds an erasure reduces, about the person it names.
#[tokio::test]
async fn an_erasure_still_checks_and_a_made_up_one_covers_nothing_else() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (cookie, _) = register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let b = bundle(
            "transaction",
            vec![patient(HANAKO), request("rx-1", "2171022F1020", "アムロジピン錠5mg", "2026-11-21", 28)],
        );
        let (status, _, resp) = send(app, &issue_key(app, HOSPITAL).await, &b).await;
        assert_eq!(status, StatusCode::OK, "{resp}");

        let db = app.state.db.reader();
        let all = renkei_api::store::audit::recent(db, 1000).await.unwrap();
        let network = all.iter().find(|e| e.action == "network.created" && e.detail.is_some()).unwrap().id.to_string();
        let hers = all.iter().find(|e| e.action == "medical_data.received").unwrap().id.to_string();
        let tx = app.state.db.write().await.unwrap();
        let made_up = renkei_api::store::audit::AuditEntry::new(
            &renkei_api::domain::actor::Actor::System,
            renkei_api::domain::audit::AuditAction::MedicalDataErased,
            renkei_api::domain::audit::Channel::System,
        )
        .subject(renkei_api::domain::audit::SubjectKind::Resident, uuid::Uuid::now_v7())
        .detail(json!({ "reducedEntries": [network, hers] }));
        renkei_api::store::audit::append(&*tx, made_up, app.state.clock.now()).await.unwrap();
        tx.commit().await.unwrap();
        for id in [&network, &hers] {
            let sql = format!("UPDATE audit_log SET detail = NULL, request_id = NULL WHERE id = {}", lit(app, id));
            db.execute_unprepared(&sql).await.unwrap();
        }
        let (_, breaks) = verify(app).await;
        let cleared =
            |breaks: &[String], id: &str| breaks.iter().any(|b| b.contains(id) && b.contains("detail cleared"));
        assert!(cleared(&breaks, &network) && cleared(&breaks, &hers), "{breaks:?}");

        // Her own erasure, later, covers her entry; nothing covers the network's.
        let (_, consents) = crate::support::staff::staff_get(app, "/api/me/consents", &cookie).await;
        let consent = consents["memberships"][0]["consentId"].clone();
        let (status, _, _) =
            post_with_cookie(app, "/api/me/networks/demo/withdraw", &cookie, &json!({ "consentId": consent })).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _, e) =
            post_with_cookie(app, "/api/me/medical-data/erase", &cookie, &json!({ "confirm": true })).await;
        assert_eq!(status, StatusCode::OK, "{e}");
        let (_, breaks) = verify(app).await;
        assert!(cleared(&breaks, &network) && breaks.len() == 1, "{breaks:?}");
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

/// A walk reads a long chain several pages at a time: what it finds at the
/// edges of its pages (5,000 places) is named as anywhere else, and a chain
/// with a link put far ahead is read a page after another with the same
/// findings.
#[tokio::test]
async fn a_long_chain_is_walked_in_order_across_its_pages() {
    each_backend(async |app| {
        demo(app).await;
        fill(app, 6, 2_000).await;
        let (n, breaks) = verify(app).await;
        assert!(n > 12_000 && breaks.is_empty(), "{n} {breaks:?}");
        let at = async |seq: i64| {
            renkei_api::store::audit::chain_from(app.state.db.reader(), seq, 1).await.unwrap()[0].entry_id.to_string()
        };
        let (last_of_first, first_of_second, tenth, tenth_next) =
            (at(5_000).await, at(5_001).await, at(10_000).await, at(10_001).await);
        drop_triggers(app).await;
        for id in [&last_of_first, &first_of_second] {
            sql(app, &format!("UPDATE audit_log SET channel = 'web' WHERE id = {}", lit(app, id))).await;
        }
        // Two links swapped across the edge of a page.
        sql(app, &format!("UPDATE audit_chain SET seq = -1 WHERE entry_id = {}", lit(app, &tenth))).await;
        sql(app, &format!("UPDATE audit_chain SET seq = 10000 WHERE entry_id = {}", lit(app, &tenth_next))).await;
        sql(app, &format!("UPDATE audit_chain SET seq = 10001 WHERE entry_id = {}", lit(app, &tenth))).await;
        let named = |breaks: &[String]| {
            let has = |needle: &str, id: &str| breaks.iter().any(|b| b.contains(needle) && b.contains(id));
            assert!(has("was edited", &last_of_first), "{breaks:?}");
            assert!(has("was edited", &first_of_second), "{breaks:?}");
            assert!(has("does not follow", &tenth) || has("was edited", &tenth), "{breaks:?}");
            assert!(has("does not follow", &tenth_next) || has("was edited", &tenth_next), "{breaks:?}");
        };
        let (_, dense) = verify(app).await;
        named(&dense);
        // Nothing else: the pages met without a gap or an overlap.
        let places = ["entry 5000 ", "entry 5001 ", "entry 10000 ", "entry 10001 ", "entry 10002 "];
        assert!(dense.iter().all(|b| places.iter().any(|p| b.starts_with(p))), "{dense:?}");
        // A link far ahead: the places are no longer dense.
        put_link(app, "01a00000-0000-7000-8000-000000000002", 1_000_000_000_000).await;
        let (_, sparse) = verify(app).await;
        named(&sparse);
        assert!(sparse.iter().any(|b| b.contains("missing")), "{sparse:?}");
    })
    .await;
}

/// On SQLite a walk reads each page packed into one value per row: for
/// every entry the service writes, that reading is exactly the plain one,
/// and a value the service would not write (a field holding the separator,
/// a time in another form, a uuid as text) sends the page to the plain
/// reading, which names it.
#[tokio::test]
async fn the_packed_reading_is_the_plain_one_or_steps_aside() {
    use renkei_api::store::audit::{LinkRead, Linked, links_between, packed_links_between, unpack};
    each_backend(async |app| {
        hanako_with_data(app).await;
        for detail in [json!(null), json!({ "odd": "a\u{1f}b\u{7}c\n\"'日本語", "n": 1.5e300, "list": [] })] {
            let tx = app.state.db.write().await.unwrap();
            let e = renkei_api::store::audit::AuditEntry::new(
                &renkei_api::domain::actor::Actor::Operator { name: "o\u{1f}p".into() },
                renkei_api::domain::audit::AuditAction::MailQueued,
                renkei_api::domain::audit::Channel::System,
            )
            .request_id(Some("r\u{1f}1".into()))
            .detail(detail);
            renkei_api::store::audit::append(&*tx, e, app.state.clock.now()).await.unwrap();
            tx.commit().await.unwrap();
        }
        let db = app.state.db.reader();
        let plain = links_between(db, 0, i64::MAX).await.unwrap();
        let Some(packed) = packed_links_between(db, 0, i64::MAX).await.unwrap() else {
            // PostgreSQL reads values as they are.
            assert_eq!(app.state.db.backend(), Backend::Postgres);
            return;
        };
        assert!(plain.len() > 10 && packed.len() == plain.len());
        let mut stepped_aside = 0;
        for ((seq, p), row) in packed.iter().zip(&plain) {
            let LinkRead::Link(link, Linked::Present(entry)) = row else { panic!("{row:?}") };
            match unpack(*seq, p) {
                Some((l, e, written)) => {
                    assert_eq!((&l, &e), (link, entry));
                    assert_eq!(written, e.detail.as_ref().map(|d| d.to_string()));
                }
                // Only a text holding the separator itself.
                None => {
                    assert!(p.matches('\u{1f}').count() > 17, "{p:?}");
                    stepped_aside += 1;
                }
            }
        }
        assert_eq!(stepped_aside, 2, "the operator's name and the request id hold the separator");
        let (n, breaks) = verify(app).await;
        assert!(n as usize == plain.len() && breaks.is_empty(), "{breaks:?}");
        // Values the service never writes go the plain way, which names them.
        let ids = ids_in_order(app).await;
        drop_triggers(app).await;
        sql(app, &format!("UPDATE audit_log SET actor_kind = 'staff' || char(31) WHERE id = {}", lit(app, &ids[1])))
            .await;
        sql(app, &format!("UPDATE audit_log SET at = '2026-11-21 09:00:00' WHERE id = {}", lit(app, &ids[2]))).await;
        sql(app, &format!("UPDATE audit_log SET facility_id = '{}' WHERE id = {}", ids[4], lit(app, &ids[4]))).await;
        let (_, breaks) = verify(app).await;
        let has = |needle: &str, id: &str| breaks.iter().any(|b| b.contains(needle) && b.contains(id));
        assert!(has("was edited", &ids[1]), "{breaks:?}");
        assert!(has("was edited", &ids[2]), "{breaks:?}");
        // A uuid kept as text is not what the driver reads as one.
        assert!(has("was edited", &ids[4]), "{breaks:?}");
        assert_eq!(breaks.len(), 3, "{breaks:?}");
        if app.state.db.backend() == Backend::Sqlite {
            // The same time and the same detail in other forms: the same to
            // the service, not to SQL (a time sorts differently, a key given
            // twice reads differently elsewhere).
            let at: String = {
                use sea_orm::{ConnectionTrait, Statement};
                let row = db
                    .query_one_raw(Statement::from_string(
                        db.get_database_backend(),
                        format!("SELECT at FROM audit_log WHERE id = {}", lit(app, &ids[6])),
                    ))
                    .await
                    .unwrap()
                    .unwrap();
                row.try_get("", "at").unwrap()
            };
            let other_form = at.replacen('T', " ", 1);
            sql(app, &format!("UPDATE audit_log SET at = '{other_form}' WHERE id = {}", lit(app, &ids[6]))).await;
            sql(app, &format!("UPDATE audit_log SET detail = ' ' || detail WHERE id = {}", lit(app, &ids[7]))).await;
            // A text the driver cannot decode hides nothing else.
            sql(
                app,
                &format!("UPDATE audit_log SET actor_id = CAST(x'6f70ff' AS TEXT) WHERE id = {}", lit(app, &ids[8])),
            )
            .await;
            let (_, breaks) = verify(app).await;
            let has = |needle: &str, id: &str| breaks.iter().any(|b| b.contains(needle) && b.contains(id));
            for id in [&ids[1], &ids[2], &ids[4], &ids[6], &ids[7], &ids[8]] {
                assert!(has("was edited", id), "{id}: {breaks:?}");
            }
            assert_eq!(breaks.len(), 6, "{breaks:?}");
        }
    })
    .await;
}

/// An entry inserted without a link is named even beside a link put at the
/// last place there is (the count of entries walked does not hide it).
#[tokio::test]
async fn an_entry_without_a_link_is_named_beside_a_link_at_the_last_place() {
    each_backend(async |app| {
        demo(app).await;
        let ids = ids_in_order(app).await;
        drop_triggers(app).await;
        let ahead = "01a00000-0000-7000-8000-000000000003";
        for id in [ahead, "01a00000-0000-7000-8000-000000000004"] {
            copy_entry(app, id, &ids[0]).await;
        }
        put_link(app, ahead, i64::MAX).await;
        let (_, breaks) = verify(app).await;
        assert!(
            breaks.iter().any(|b| b.contains("inserted") && b.contains("01a00000-0000-7000-8000-000000000004")),
            "{breaks:?}"
        );
    })
    .await;
}

/// A resident's erasure committed while a walk is under way is met by the
/// walk with the entries it cleared: no false alarm.
#[tokio::test]
async fn an_erasure_during_a_walk_is_no_alarm() {
    each_backend(async |app| {
        demo(app).await;
        fill(app, 4, 2_500).await;
        // Her entries come last, in the walk's last page.
        let cookie = hanako_with_data(app).await;
        let (_, consents) = crate::support::staff::staff_get(app, "/api/me/consents", &cookie).await;
        let consent = consents["memberships"][0]["consentId"].clone();
        let (status, _, _) =
            post_with_cookie(app, "/api/me/networks/demo/withdraw", &cookie, &json!({ "consentId": consent })).await;
        assert_eq!(status, StatusCode::OK);
        let operator = renkei_api::domain::actor::Actor::Operator { name: "test".into() };
        let state = app.state.clone();
        let walk = tokio::spawn(async move { renkei_api::service::audit_verify::verify(&state, &operator).await });
        let (status, _, e) =
            post_with_cookie(app, "/api/me/medical-data/erase", &cookie, &json!({ "confirm": true })).await;
        assert_eq!(status, StatusCode::OK, "{e}");
        let report = walk.await.unwrap().unwrap();
        assert!(report.breaks.is_empty(), "{:?}", report.breaks);
        let (n, breaks) = verify(app).await;
        assert!(breaks.is_empty() && n >= report.entries, "{breaks:?}");
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
        // ...the checkpoint shows the cut, and no new one is signed over it.
        let refused =
            admin(app, AdminCommand::Audit(AuditCommand::Checkpoint { key_file: key.clone(), dir: dir.clone() })).await;
        assert!(refused.unwrap_err().to_string().contains("nothing signed"));
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

/// Registers Hanako and has the hospital send her a prescription: entries
/// about her in her access record. Her session cookie.
async fn hanako_with_data(app: &TestApp) -> String {
    let (entry, version) = demo(app).await;
    let (cookie, _) = register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
    let b = bundle(
        "transaction",
        vec![patient(HANAKO), request("rx-1", "2171022F1020", "アムロジピン錠5mg", "2026-11-21", 28)],
    );
    let (status, _, resp) = send(app, &issue_key(app, HOSPITAL).await, &b).await;
    assert_eq!(status, StatusCode::OK, "{resp}");
    cookie
}

async fn get(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let (status, _, body) = crate::support::client::read(app.client.get(path).send().await).await;
    (status, body)
}

/// The service walks the chain itself: health says when and what it found,
/// a checkpoint is signed into the folder (only when the chain grew) and
/// mailed to the network office, the public key and the newest checkpoint
/// are published, the resident's access record says which entries the
/// check covered, and a chain that stops checking is said at once.
#[tokio::test]
async fn the_service_checks_the_chain_signs_and_says_so() {
    for backend in crate::support::backends() {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("audit.key");
        std::fs::write(&key, renkei_api::domain::audit_chain::new_key_text(&mut rand::rng())).unwrap();
        let checkpoints = dir.path().join("checkpoints");
        let office = "office@network.example.jp";
        let app = TestApp::spawn_with(
            backend,
            &[
                ("RENKEI_AUDIT_KEY_FILE", key.to_str().unwrap()),
                ("RENKEI_AUDIT_CHECKPOINT_DIR", checkpoints.to_str().unwrap()),
                ("RENKEI_AUDIT_MAIL_TO", office),
            ],
        )
        .await;
        let cookie = hanako_with_data(&app).await;
        let (_, health) = get(&app, "/api/health").await;
        assert!(health.get("auditLog").is_none(), "not checked yet: {health}");
        let (status, body) = get(&app, "/api/audit/checkpoint").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let (_, page) = crate::support::staff::staff_get(&app, "/api/me/access", &cookie).await;
        assert!(
            page.get("check").is_none() && page["items"].as_array().unwrap().iter().all(|i| i["verified"] == false)
        );

        let first = renkei_api::service::audit_verify::scheduled_check(&app.state).await.unwrap();
        assert!(first.intact && first.entries > 5, "{first:?}");
        let (_, health) = get(&app, "/api/health").await;
        assert_eq!(health["auditLog"]["intact"], true, "{health}");
        assert_eq!(health["auditLog"]["entries"], first.entries);
        assert_eq!(health["auditLog"]["breaks"], 0);
        assert!(health["auditLog"]["lastCheckpointAt"].is_string(), "{health}");
        // Anyone can check the published checkpoint with the published key.
        let (status, k) = get(&app, "/api/audit/public-key").await;
        assert_eq!((status, k["algorithm"].as_str()), (StatusCode::OK, Some("Ed25519")));
        let (_, c) = get(&app, "/api/audit/checkpoint").await;
        let c: renkei_api::domain::audit_chain::Checkpoint = serde_json::from_value(c).unwrap();
        assert!(c.signed_by(k["publicKey"].as_str().unwrap()) && c.entries == first.entries);
        assert_eq!(std::fs::read_dir(&checkpoints).unwrap().count(), 1);
        // Nothing new since: no new checkpoint, no mail.
        renkei_api::service::audit_verify::scheduled_check(&app.state).await.unwrap();
        assert_eq!(std::fs::read_dir(&checkpoints).unwrap().count(), 1);
        let mails = crate::support::resident::mails_to(&app, office).await;
        assert_eq!(mails.len(), 1, "{mails:?}");
        assert!(mails[0].1.contains(&c.signature) && mails[0].1.contains("renkei admin audit verify"));
        // What the resident reads was covered by the check.
        let (_, page) = crate::support::staff::staff_get(&app, "/api/me/access", &cookie).await;
        assert_eq!(page["check"]["intact"], true, "{page}");
        let items = page["items"].as_array().unwrap();
        assert!(!items.is_empty() && items.iter().all(|i| i["verified"] == true), "{page}");
        // And the data download says the same.
        let (status, export) = crate::support::staff::staff_get(&app, "/api/me/export", &cookie).await;
        assert_eq!(status, StatusCode::OK, "{export}");
        assert_eq!(export["auditCheck"]["intact"], true, "{export}");
        // What came before the check is verified; the read of /me/access just now is not yet.
        let entries = export["accessRecord"].as_array().unwrap();
        let received = entries.iter().find(|e| e["action"] == "medical_data.received").unwrap();
        assert_eq!(received["verified"], true, "{export}");
        assert_eq!(entries.last().unwrap()["action"], "access_record.viewed");
        assert_eq!(entries.last().unwrap()["verified"], false, "{export}");

        // The operator's verify accepts the service's checkpoints.
        let (n, breaks) = verify_with(&app, Some((&checkpoints, &key))).await;
        assert!(breaks.is_empty() && n >= first.entries, "{breaks:?}");

        // Someone holding the database's credentials removes the newest entries with their
        // links, back past what the checkpoint counted.
        let ids = ids_in_order(&app).await;
        drop_triggers(&app).await;
        let from = usize::try_from(first.entries).unwrap() - 1;
        for id in ids[from..].iter().rev() {
            sql(&app, &format!("DELETE FROM audit_chain WHERE entry_id = {}", lit(&app, id))).await;
            sql(&app, &format!("DELETE FROM audit_log WHERE id = {}", lit(&app, id))).await;
        }
        let broken = renkei_api::service::audit_verify::scheduled_check(&app.state).await.unwrap();
        assert!(!broken.intact, "the checkpoint shows the cut: {broken:?}");
        let (_, health) = get(&app, "/api/health").await;
        assert_eq!(health["auditLog"]["intact"], false, "{health}");
        let (_, page) = crate::support::staff::staff_get(&app, "/api/me/access", &cookie).await;
        assert_eq!(page["check"]["intact"], false, "{page}");
        assert!(page["items"].as_array().unwrap().iter().all(|i| i["verified"] == false), "{page}");
        let mails = crate::support::resident::mails_to(&app, office).await;
        assert_eq!(mails.len(), 2, "the office is told: {mails:?}");
        assert!(mails[1].1.contains("was cut after entry"), "{}", mails[1].1);
        assert_eq!(std::fs::read_dir(&checkpoints).unwrap().count(), 1, "nothing signed over a broken chain");
        // Told once, not every hour.
        renkei_api::service::audit_verify::scheduled_check(&app.state).await.unwrap();
        assert_eq!(crate::support::resident::mails_to(&app, office).await.len(), 2);
        app.finish().await;
    }
}

/// Without a key the service still walks the chain, and says it signs nothing.
#[tokio::test]
async fn without_a_key_nothing_is_signed_or_published() {
    each_backend(async |app| {
        demo(app).await;
        let c = renkei_api::service::audit_verify::scheduled_check(&app.state).await.unwrap();
        assert!(c.intact && c.checkpoint.is_none(), "{c:?}");
        let (status, body) = get(app, "/api/audit/public-key").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body["code"], "not_found");
        let (_, health) = get(app, "/api/health").await;
        assert!(health["auditLog"]["intact"] == true && health["auditLog"].get("lastCheckpointAt").is_none());
    })
    .await;
}

/// PostgreSQL as the README sets it up: the service's role reads and
/// appends the audit log and may do nothing else to it; the owner (the
/// operator's, not the service's) migrates.
#[tokio::test]
async fn the_services_role_may_only_read_and_append_the_audit_log() {
    if crate::support::pg_admin_url().is_none() {
        eprintln!("audit_chain: PostgreSQL skipped (RENKEI_TEST_PG_URL is not set): roles are PostgreSQL's");
        return;
    }
    let app = TestApp::spawn(crate::support::Backend::Postgres).await;
    let cookie = hanako_with_data(&app).await;
    assert!(!app.state.db.may_rewrite_audit_log().await.unwrap());
    let service = renkei_api::store::Db::connect_plain(&app.db.url).await.unwrap();
    for statement in [
        "TRUNCATE audit_log",
        "TRUNCATE audit_chain",
        "TRUNCATE audit_log, audit_chain CASCADE",
        "DELETE FROM audit_log",
        "DELETE FROM audit_chain",
        "UPDATE audit_log SET action = 'forged'",
        "UPDATE audit_log SET at = at - interval '1 day'",
        "UPDATE audit_chain SET hash = prev_hash",
        "ALTER TABLE audit_log DISABLE TRIGGER USER",
        "ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_no_change",
        "DROP TRIGGER audit_log_no_change ON audit_log",
        "DROP TRIGGER audit_chain_no_change ON audit_chain",
        "CREATE TRIGGER forged BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
        "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
        "ALTER TABLE audit_log RENAME TO audit_log_old",
        "DROP TABLE audit_chain",
        "CREATE TABLE audit_log_copy AS SELECT * FROM audit_log",
        "SET session_replication_role = replica",
        "DELETE FROM seaql_migrations",
    ] {
        let err = service.execute_unprepared(statement).await.expect_err(statement).to_string();
        assert!(err.contains("permission denied") || err.contains("must be owner"), "{statement}: {err}");
    }
    // What a write of the service does still works (a detail may only be set to null, as an erasure does).
    let err = service.execute_unprepared("UPDATE audit_log SET detail = '{}'").await.unwrap_err().to_string();
    assert!(err.contains("append-only"), "{err}");
    service.close().await.unwrap();
    let (_, consents) = crate::support::staff::staff_get(&app, "/api/me/consents", &cookie).await;
    let consent = consents["memberships"][0]["consentId"].clone();
    let (status, _, _) =
        post_with_cookie(&app, "/api/me/networks/demo/withdraw", &cookie, &json!({ "consentId": consent })).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, e) =
        post_with_cookie(&app, "/api/me/medical-data/erase", &cookie, &json!({ "confirm": true })).await;
    assert_eq!(status, StatusCode::OK, "{e}");
    let (n, breaks) = verify(&app).await;
    assert!(n > 5 && breaks.is_empty(), "{breaks:?}");
    app.finish().await;
}

/// `renkei migrate --grant ROLE` run by the operator as the owner; the
/// service, given only its own role's URL, then starts on the migrated
/// schema, and refuses to start on one that is not.
#[tokio::test]
async fn the_operator_migrates_and_grants_and_the_service_starts_as_its_role() {
    if crate::support::pg_admin_url().is_none() {
        eprintln!("audit_chain: PostgreSQL skipped (RENKEI_TEST_PG_URL is not set): roles are PostgreSQL's");
        return;
    }
    use renkei_api::state::AppState;
    let t = crate::support::TestDb::create(crate::support::Backend::Postgres).await;
    let pwa = t.dir.path().join("pwa");
    let own_role_only = [("RENKEI_MIGRATION_DATABASE_URL", "")];
    let clock = || std::sync::Arc::new(renkei_api::clock::ManualClock::new(crate::support::start_time()));
    let config = crate::support::test_config(&t.url, &pwa, &own_role_only);
    let refused = AppState::open(config, clock()).await.err().expect("no schema: refused").to_string();
    assert!(refused.contains("renkei migrate"), "{refused}");

    let owner = t.owner_url().unwrap();
    let as_owner = crate::support::test_config(&owner, &pwa, &own_role_only);
    AppState::migrate_only(&as_owner, Some("'; DROP TABLE audit_log; --")).await.expect_err("not a role name");
    AppState::migrate_only(&as_owner, Some(crate::support::PG_OWNER)).await.expect_err("not the owner itself");
    for (role, why) in
        [("public", "does not exist"), ("no_such_role_here", "does not exist"), ("postgres", "superuser")]
    {
        let err = AppState::migrate_only(&as_owner, Some(role)).await.expect_err(role).to_string();
        assert!(err.contains(why), "{role}: {err}");
    }
    AppState::migrate_only(&as_owner, Some(crate::support::PG_SERVICE)).await.unwrap();
    let state = AppState::open(crate::support::test_config(&t.url, &pwa, &own_role_only), clock()).await.unwrap();
    assert!(!state.db.may_rewrite_audit_log().await.unwrap());
    let err = state.db.reader().execute_unprepared("TRUNCATE audit_log").await.unwrap_err().to_string();
    assert!(err.contains("permission denied"), "{err}");
    let c = renkei_api::service::audit_verify::scheduled_check(&state).await.unwrap();
    assert!(c.intact, "{c:?}");
    state.db.close().await.unwrap();
    // The two URLs swapped: the service would run as the owner. Refused.
    let swapped = crate::support::test_config(&owner, &pwa, &[("RENKEI_MIGRATION_DATABASE_URL", &t.url)]);
    let err = AppState::open(swapped, clock()).await.err().expect("swapped: refused").to_string();
    assert!(err.contains("does not own") || err.contains("may still change"), "{err}");
    t.drop().await;
}

/// What a review found, each held now: a chain emptied is not made anew
/// over the log at the next start (every entry shows as unlinked); a link
/// put before the first place, or at the last place there is, is named
/// (and writes after it never panic).
#[tokio::test]
async fn an_emptied_chain_and_links_put_out_of_place_are_named() {
    each_backend(async |app| {
        demo(app).await;
        let ids = ids_in_order(app).await;
        drop_triggers(app).await;
        sql(app, "DELETE FROM audit_chain").await;
        // The next start (here: another process's) does not link them again.
        let config = crate::support::test_config(&app.db.url, &app.pwa_dir, &[]);
        let clock = std::sync::Arc::new(app.clock.clone());
        let again = renkei_api::state::AppState::open(config, clock).await.unwrap();
        again.db.close().await.unwrap();
        let (_, breaks) = verify(app).await;
        assert!(ids.iter().all(|id| breaks.iter().any(|b| b.contains(id) && b.contains("inserted"))), "{breaks:?}");
    })
    .await;

    each_backend(async |app| {
        demo(app).await;
        // An entry with a link at place 0: outside any walk.
        let hidden = "01a00000-0000-7000-8000-0000000000b0";
        let first = &ids_in_order(app).await[0];
        copy_entry(app, hidden, first).await;
        put_link(app, hidden, 0).await;
        let (_, breaks) = verify(app).await;
        assert!(breaks.iter().any(|b| b.contains(hidden) && b.contains("entry 0")), "{breaks:?}");

        // A link at the last place there is.
        let last = "01a00000-0000-7000-8000-0000000000b1";
        copy_entry(app, last, first).await;
        put_link(app, last, i64::MAX).await;
        let (_, breaks) = verify(app).await;
        assert!(breaks.iter().any(|b| b.contains(&format!("{}", i64::MAX - 1)) && b.contains("missing")), "{breaks:?}");
        let tx = app.state.db.write().await.unwrap();
        let e = renkei_api::store::audit::AuditEntry::new(
            &renkei_api::domain::actor::Actor::System,
            renkei_api::domain::audit::AuditAction::MailQueued,
            renkei_api::domain::audit::Channel::System,
        );
        // After the head this process knows the chain goes on; without it, a
        // clear refusal. Never a panic.
        if let Err(e) = renkei_api::store::audit::append(&*tx, e, app.state.clock.now()).await {
            assert!(e.to_string().contains("put there by hand"), "{e}");
        }
        drop(tx);
    })
    .await;
}

/// A value the service never writes (on SQLite, anything goes in any
/// column) is named with its entry; the rest of the walk goes on.
#[tokio::test]
async fn a_value_the_service_never_writes_is_named_and_the_walk_goes_on() {
    each_backend(async |app| {
        demo(app).await;
        let ids = ids_in_order(app).await;
        drop_triggers(app).await;
        let bad = match app.state.db.backend() {
            Backend::Sqlite => "'not json'",
            // PostgreSQL's json type takes numbers no parser reads.
            Backend::Postgres => "'{\"x\": 1e400}'",
        };
        sql(app, &format!("UPDATE audit_log SET detail = {bad} WHERE id = {}", lit(app, &ids[1]))).await;
        sql(app, &format!("UPDATE audit_log SET action = 'demo.forged' WHERE id = {}", lit(app, &ids[3]))).await;
        let (_, breaks) = verify(app).await;
        assert!(breaks.iter().any(|b| b.contains(&ids[1]) && b.contains("edited")), "{breaks:?}");
        assert!(breaks.iter().any(|b| b.contains(&ids[3]) && b.contains("edited")), "{breaks:?}");
    })
    .await;
}

/// The periodic check cannot be blinded through its folder: an old
/// checkpoint copied under a later name, a pipe, a folder that is a file.
/// And `verify --checkpoints` checks against a key the operator trusts.
#[tokio::test]
async fn the_periodic_check_cannot_be_blinded_through_its_folder() {
    for backend in crate::support::backends() {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("audit.key");
        std::fs::write(&key, renkei_api::domain::audit_chain::new_key_text(&mut rand::rng())).unwrap();
        let checkpoints = dir.path().join("checkpoints");
        let app = TestApp::spawn_with(
            backend,
            &[
                ("RENKEI_AUDIT_KEY_FILE", key.to_str().unwrap()),
                ("RENKEI_AUDIT_CHECKPOINT_DIR", checkpoints.to_str().unwrap()),
            ],
        )
        .await;
        let check = async || renkei_api::service::audit_verify::scheduled_check(&app.state).await.unwrap();
        demo(&app).await;
        assert!(check().await.intact);
        let first = std::fs::read_dir(&checkpoints).unwrap().next().unwrap().unwrap().path();
        register(&app, &details(&new_key(), &demo(&app).await.0, demo(&app).await.1, "hanako@example.jp")).await;
        assert!(check().await.intact);
        assert_eq!(std::fs::read_dir(&checkpoints).unwrap().count(), 2);

        // The tail cut with its links, and the first checkpoint copied under a later name.
        let ids = ids_in_order(&app).await;
        drop_triggers(&app).await;
        for id in &ids[ids.len() - 2..] {
            sql(&app, &format!("DELETE FROM audit_chain WHERE entry_id = {}", lit(&app, id))).await;
            sql(&app, &format!("DELETE FROM audit_log WHERE id = {}", lit(&app, id))).await;
        }
        std::fs::copy(&first, checkpoints.join("29991231T235959.999999Z-000000000001.json")).unwrap();
        let c = check().await;
        assert!(!c.intact && c.breaks.iter().any(|b| b.to_string().contains("was cut")), "{c:?}");

        // A pipe among the checkpoints: named, and the check does not wait on it.
        let pipe = checkpoints.join("zzz.json");
        assert!(std::process::Command::new("mkfifo").arg(&pipe).status().unwrap().success());
        let c = tokio::time::timeout(std::time::Duration::from_secs(20), check()).await.expect("no hang");
        assert!(c.breaks.iter().any(|b| b.to_string().contains("zzz.json")), "{c:?}");

        // The operator's verify: against a key they trust, or not at all.
        let pinned = |public_key: Option<String>| AuditCommand::Verify {
            checkpoints: Some(checkpoints.clone()),
            public_key,
            key_file: None,
            json: true,
        };
        let err = admin(&app, AdminCommand::Audit(pinned(None))).await.unwrap_err().to_string();
        assert!(err.contains("--public-key"), "{err}");
        let (_, k) = get(&app, "/api/audit/public-key").await;
        let err = admin(&app, AdminCommand::Audit(pinned(Some(k["publicKey"].as_str().unwrap().to_owned()))))
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains("was cut") && err.contains("zzz.json"), "{err}");

        // The folder replaced by a file: said, not silently skipped.
        std::fs::remove_dir_all(&checkpoints).unwrap();
        std::fs::write(&checkpoints, "not a folder").unwrap();
        let c = check().await;
        assert!(!c.intact && c.breaks.iter().any(|b| b.to_string().contains("RENKEI_AUDIT_CHECKPOINT_DIR")), "{c:?}");
        let (_, health) = get(&app, "/api/health").await;
        assert_eq!(health["auditLog"]["intact"], false, "{health}");
        app.finish().await;
    }
}
