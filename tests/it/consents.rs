//! Consent for life: the state and history a person sees, withdrawal that
//! takes effect at the moment of the request (facility data one second later
//! is refused), re-joining as a new consent (nothing from the gap is
//! accepted or shared), re-consent after a new document version, withdraw
//! and re-join at once, the data rights (export, correction, erasure) and
//! the operators' counts.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use poem::http::StatusCode;
use renkei_api::cli::{AdminCommand, ConsentCommand, CorrectionCommand, NetworkCommand};
use serde_json::{Value, json};

use crate::support::client::{assert_error, read};
use crate::support::facility::{HANAKO, HOSPITAL, bundle, issue_key, patient, reasons, request, send};
use crate::support::resident::{count, demo, details, mails_to, new_key, post_with_cookie, register};
use renkei_api::clock::Clock;

use crate::support::{TestApp, admin, each_backend};

const EMAIL: &str = "hanako@example.jp";

/// An instant as a facility's system writes it, in Japan time.
fn jst(t: DateTime<Utc>) -> String {
    t.with_timezone(&FixedOffset::east_opt(9 * 3600).unwrap()).to_rfc3339()
}

async fn get(app: &TestApp, path: &str, cookie: &str) -> (StatusCode, Value) {
    let (status, _, body) = read(app.client.get(path).header("cookie", cookie).send().await).await;
    (status, body)
}

async fn consents(app: &TestApp, cookie: &str) -> Value {
    let (status, body) = get(app, "/api/me/consents", cookie).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// The history's kinds, oldest first.
fn history(overview: &Value) -> Vec<String> {
    let mut kinds: Vec<String> =
        overview["history"].as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap().to_owned()).collect();
    kinds.reverse();
    kinds
}

async fn withdraw(app: &TestApp, cookie: &str, network: &str, consent: &Value) -> (StatusCode, Value) {
    let (status, _, body) = post_with_cookie(
        app,
        &format!("/api/me/networks/{network}/withdraw"),
        cookie,
        &json!({ "consentId": consent }),
    )
    .await;
    (status, body)
}

async fn agree(app: &TestApp, cookie: &str, network: &str, version: i64) -> (StatusCode, Value) {
    let (status, _, body) =
        post_with_cookie(app, &format!("/api/me/networks/{network}/consent"), cookie, &json!({ "version": version }))
            .await;
    (status, body)
}

/// 山田 花子 registered from the demo network's poster; her session cookie,
/// the consent version and the poster's entry point.
async fn hanako(app: &TestApp) -> (String, i64, String) {
    let (entry, version) = demo(app).await;
    let (cookie, _) = register(app, &details(&new_key(), &entry, version, EMAIL)).await;
    (cookie, version, entry)
}

/// Sessions end after 30 idle minutes: a fresh one for 山田 花子.
async fn fresh(app: &TestApp) -> String {
    crate::support::resident::sign_in(app).await
}

#[tokio::test]
async fn withdrawal_takes_effect_at_once_and_rejoining_starts_a_new_consent() {
    each_backend(async |app| {
        let (cookie, version, _) = hanako(app).await;
        admin(
            app,
            AdminCommand::Network(NetworkCommand::Add {
                code: "other".into(),
                name: "よそネット".into(),
                name_en: None,
            }),
        )
        .await
        .unwrap();
        let key = issue_key(app, HOSPITAL).await;

        // What the person sees right after registering.
        let o = consents(app, &cookie).await;
        assert_eq!(o["memberships"].as_array().unwrap().len(), 1, "{o}");
        let m = &o["memberships"][0];
        assert_eq!((m["network"]["code"].as_str(), m["state"].as_str()), (Some("demo"), Some("joined")));
        assert_eq!(m["agreedVersion"], version);
        assert!(m.get("reconsentVersion").is_none());
        let first = m["consentId"].clone();
        let h = &o["history"][0];
        assert_eq!(
            (h["kind"].as_str(), h["by"].as_str(), h["channel"].as_str()),
            (Some("given"), Some("resident"), Some("web"))
        );
        assert_eq!(h["version"], version);
        assert!(h["entryPoint"].as_str().is_some_and(|e| !e.is_empty()), "{h}");
        assert_eq!(o["joinable"], json!([]), "the other network has no consent document");

        // One second before the withdrawal a facility's data is accepted...
        app.clock.advance(Duration::hours(1));
        let cookie = fresh(app).await;
        let before = app.clock.now();
        let b = bundle(
            "collection",
            vec![patient(HANAKO), request("w-1", "2171022F1093", "アムロジピン", &jst(before), 30)],
        );
        let (_, _, resp) = send(app, &key, &b).await;
        assert_eq!(reasons(&resp), ["ignored", "accepted"]);

        // A stale page (another consent id) changes nothing.
        app.clock.advance(Duration::seconds(1));
        let (status, body) = withdraw(app, &cookie, "demo", &json!(uuid::Uuid::now_v7())).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_error(&body, "consent_changed");
        assert_eq!(consents(app, &cookie).await["memberships"][0]["state"], "joined");

        let (status, w) = withdraw(app, &cookie, "demo", &first).await;
        assert_eq!(status, StatusCode::OK, "{w}");
        assert_eq!(w["consentId"], first);
        assert_eq!(w["receiptMailed"], true);
        let withdrawn_at: DateTime<Utc> = w["at"].as_str().unwrap().parse().unwrap();
        assert_eq!(withdrawn_at, app.clock.now());
        let receipt = mails_to(app, EMAIL).await.into_iter().find(|(s, _)| s.contains("撤回")).expect("a receipt");
        assert!(receipt.1.contains("Withdrawal") || receipt.1.contains("withdrew"), "{}", receipt.1);
        assert!(receipt.1.contains("保存"), "says what stays: {}", receipt.1);

        // ...and one second after it, refused, though dated before it.
        app.clock.advance(Duration::seconds(1));
        let b = bundle(
            "collection",
            vec![patient(HANAKO), request("w-2", "2171022F1093", "アムロジピン", &jst(before), 30)],
        );
        let (_, _, resp) = send(app, &key, &b).await;
        assert_eq!(reasons(&resp), ["ignored", "no_consent"]);
        let (status, _, o) = send(app, &key, &bundle("transaction", b["entry"].as_array().unwrap().clone())).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{o}");
        assert_eq!(count(app, "medication").await, 1);

        // Withdrawing twice, a network never joined, a network that does not exist.
        let (status, body) = withdraw(app, &cookie, "demo", &first).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_error(&body, "already_withdrawn");
        let (status, body) = withdraw(app, &cookie, "other", &json!(uuid::Uuid::now_v7())).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_error(&body, "not_joined");
        let (status, body) = withdraw(app, &cookie, "demo", &json!(null)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the page must say which consent it shows");
        assert_eq!(crate::support::resident::field_codes(&body), [("consentId".into(), "required".into())]);
        let (status, _) = withdraw(app, &cookie, "nowhere", &json!(uuid::Uuid::now_v7())).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, me) = crate::support::resident::me(app, &cookie).await;
        assert_eq!(me["networks"], json!([]));
        // The person still sees what arrived before; it is theirs.
        let (_, s) = get(app, "/api/me/summary", &cookie).await;
        assert_eq!(s["current"].as_array().unwrap().len(), 1, "{s}");
        let o = consents(app, &cookie).await;
        assert_eq!(o["memberships"][0]["state"], "withdrawn");
        assert_eq!(o["joinable"][0]["network"]["code"], "demo");

        // Re-joining: a stale version is refused with the current one named; then a new consent.
        app.clock.advance(Duration::hours(2));
        let cookie = fresh(app).await;
        let gap = app.clock.now() - Duration::hours(1);
        let (status, body) = agree(app, &cookie, "demo", version + 1).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_error(&body, "consent_version_stale");
        assert_eq!(body["currentVersion"], version);
        let (status, a) = agree(app, &cookie, "demo", version).await;
        assert_eq!(status, StatusCode::OK, "{a}");
        assert_eq!(a["outcome"], "joined");
        assert_eq!(a["receiptMailed"], true);
        assert_ne!(a["consentId"], first);
        let (status, body) = agree(app, &cookie, "demo", version).await;
        assert_eq!(status, StatusCode::CONFLICT, "joining twice");
        assert_error(&body, "already_joined");
        assert!(mails_to(app, EMAIL).await.iter().any(|(s, _)| s.contains("参加の同意を受け付けました")));

        // Data from the gap, or from the first consent, is never attached to the new one.
        app.clock.advance(Duration::seconds(1));
        let now = app.clock.now();
        let b = bundle(
            "collection",
            vec![
                patient(HANAKO),
                request("g-1", "2171022F1093", "アムロジピン", &jst(gap), 30),
                request("g-2", "2171022F1093", "アムロジピン", &jst(before), 30),
                request("g-3", "2171022F1093", "アムロジピン", &jst(now), 30),
            ],
        );
        let (_, _, resp) = send(app, &key, &b).await;
        assert_eq!(reasons(&resp), ["ignored", "before_consent", "before_consent", "accepted"]);
        let o = consents(app, &cookie).await;
        assert_eq!(history(&o), ["given", "withdrawn", "given"]);
        assert_eq!(o["memberships"][0]["consentId"], a["consentId"]);
        let by_consent = crate::support::resident::count(app, "consent").await;
        assert_eq!(by_consent, 2);
    })
    .await;
}

fn write_doc(dir: &std::path::Path, name: &str, title: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("{title}\n\n要約 summary of {title}.\n\n## 1\n本文 body.\n")).unwrap();
    path
}

async fn publish(app: &TestApp, title: &str, effective: Option<&str>, requires_reconsent: bool) {
    let dir = app.db.dir.path();
    admin(
        app,
        AdminCommand::Consent(ConsentCommand::Publish {
            network: "demo".into(),
            ja: write_doc(dir, &format!("{title}.ja.txt"), title),
            en: write_doc(dir, &format!("{title}.en.txt"), title),
            effective: effective.map(str::to_owned),
            requires_reconsent,
        }),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_new_version_asks_again_at_sign_in_and_the_earlier_consent_stands_until_then() {
    each_backend(async |app| {
        let (cookie, v1, _) = hanako(app).await;
        let key = issue_key(app, HOSPITAL).await;

        // A wording fix that does not ask for consent again.
        publish(app, "第2版", None, false).await;
        let (_, me) = crate::support::resident::me(app, &cookie).await;
        assert!(me["networks"][0].get("reconsentVersion").is_none(), "{me}");
        assert_eq!(me["networks"][0]["consentVersion"], v1);

        // One that does, in force from tomorrow (Japan time): not asked before then.
        publish(app, "第3版", Some("2026-11-22"), true).await;
        let (_, me) = crate::support::resident::me(app, &cookie).await;
        assert!(me["networks"][0].get("reconsentVersion").is_none(), "not in force yet: {me}");
        app.clock.advance(Duration::days(1));
        let cookie = fresh(app).await;
        let (_, me) = crate::support::resident::me(app, &cookie).await;
        assert_eq!(me["networks"][0]["reconsentVersion"], v1 + 2, "{me}");

        // Until the person agrees, the consent they gave stands: data is still accepted.
        let now = app.clock.now();
        let b =
            bundle("collection", vec![patient(HANAKO), request("r-1", "2171022F1093", "アムロジピン", &jst(now), 30)]);
        let (_, _, resp) = send(app, &key, &b).await;
        assert_eq!(reasons(&resp), ["ignored", "accepted"]);

        // A page still showing version 2 is refused; the version in force renews the consent.
        let (status, body) = agree(app, &cookie, "demo", v1 + 1).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_error(&body, "consent_version_stale");
        assert_eq!(body["currentVersion"], v1 + 2);
        let (status, a) = agree(app, &cookie, "demo", v1 + 2).await;
        assert_eq!(status, StatusCode::OK, "{a}");
        assert_eq!(a["outcome"], "renewed");
        let o = consents(app, &cookie).await;
        assert_eq!(history(&o), ["given", "renewed"]);
        assert_eq!(o["history"][0]["version"], v1 + 2);
        assert_eq!(o["memberships"][0]["agreedVersion"], v1 + 2);
        assert_eq!(o["memberships"][0]["joinedAt"], o["history"][1]["at"], "the same consent continues");
        let (_, me) = crate::support::resident::me(app, &cookie).await;
        assert!(me["networks"][0].get("reconsentVersion").is_none(), "{me}");
        assert_eq!(me["networks"][0]["consentVersion"], v1 + 2);
        assert!(mails_to(app, EMAIL).await.iter().any(|(s, _)| s.contains("新しい同意書")));
        let (status, body) = agree(app, &cookie, "demo", v1 + 2).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_error(&body, "already_joined");

        // The text agreed to, by version; one not (yet) in force is not found.
        let (status, d) = get(app, &format!("/api/networks/demo/consent/versions/{}", v1 + 2), &cookie).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(d["ja"]["title"], "第3版");
        let (status, _) = get(app, &format!("/api/networks/demo/consent/versions/{}", v1 + 3), &cookie).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn withdrawals_and_rejoins_sent_at_once_end_in_one_state_recorded_in_order() {
    each_backend(async |app| {
        let (cookie, version, _) = hanako(app).await;
        for round in 0..12 {
            app.clock.advance(Duration::seconds(1));
            let o = consents(app, &cookie).await;
            let shown = o["memberships"][0]["consentId"].clone();
            // Two withdrawals and two joins from four devices at once.
            let (w1, a1, w2, a2) = tokio::join!(
                withdraw(app, &cookie, "demo", &shown),
                agree(app, &cookie, "demo", version),
                withdraw(app, &cookie, "demo", &shown),
                agree(app, &cookie, "demo", version),
            );
            let ok = |r: &(StatusCode, Value)| r.0 == StatusCode::OK;
            for r in [&w1, &a1, &w2, &a2] {
                assert!(r.0 == StatusCode::OK || r.0 == StatusCode::CONFLICT, "round {round}: {r:?}");
            }
            assert!([&w1, &w2].into_iter().filter(|r| ok(r)).count() <= 1, "one withdrawal of one consent");

            // One consistent state: at most one consent in force, and the
            // history alternates, each step at or after the one before.
            let o = consents(app, &cookie).await;
            let kinds = history(&o);
            for pair in kinds.windows(2) {
                assert_ne!(pair[0], pair[1], "round {round}: {kinds:?}");
            }
            let state = o["memberships"][0]["state"].as_str().unwrap();
            assert_eq!(state == "joined", kinds.last().unwrap() == "given", "{o}");
            let mut times: Vec<String> =
                o["history"].as_array().unwrap().iter().map(|h| h["at"].as_str().unwrap().to_owned()).collect();
            times.reverse();
            let parsed: Vec<DateTime<Utc>> = times.iter().map(|t| t.parse().unwrap()).collect();
            assert!(parsed.windows(2).all(|p| p[0] <= p[1]), "{times:?}");
            if state == "withdrawn" {
                let (status, _) = agree(app, &cookie, "demo", version).await;
                assert_eq!(status, StatusCode::OK);
            }
        }
        let in_force = renkei_api::store::consents::all_of(app.state.db.reader(), resident_id(app).await)
            .await
            .unwrap()
            .into_iter()
            .filter(|c| c.withdrawn_at.is_none())
            .count();
        assert_eq!(in_force, 1);
    })
    .await;
}

async fn resident_id(app: &TestApp) -> uuid::Uuid {
    renkei_api::store::residents::find_by_email(app.state.db.reader(), EMAIL).await.unwrap().unwrap().id
}

#[tokio::test]
async fn everything_held_can_be_downloaded_corrected_and_after_withdrawal_erased() {
    each_backend(async |app| {
        hanako(app).await;
        let key = issue_key(app, HOSPITAL).await;
        app.clock.advance(Duration::hours(1));
        let cookie = fresh(app).await;
        let now = app.clock.now();
        let b = bundle(
            "collection",
            vec![
                patient(HANAKO),
                request("e-1", "2171022F1093", "アムロジピン錠5mg", &jst(now), 30),
                request("e-2", "1149019F1560", "ロキソプロフェン錠60mg", &jst(now), 7),
            ],
        );
        let (_, _, resp) = send(app, &key, &b).await;
        assert_eq!(reasons(&resp), ["ignored", "accepted", "accepted"]);

        // JSON: the person, insurance, consents and their history, records, and who did what.
        let (status, headers, doc) =
            read(app.client.get("/api/me/export").header("cookie", &cookie).send().await).await;
        assert_eq!(status, StatusCode::OK, "{doc}");
        assert!(headers["content-disposition"].to_str().unwrap().starts_with("attachment"));
        assert_eq!(doc["format"], "renkei-personal-data");
        assert_eq!(doc["person"]["name"], "山田 花子");
        assert_eq!(doc["insurance"][0]["insurerNumber"], "33120015");
        assert_eq!(doc["networks"][0]["state"], "joined");
        assert_eq!(doc["consentHistory"][0]["event"], "given");
        assert_eq!(doc["medications"].as_array().unwrap().len(), 2);
        assert_eq!(doc["medications"][0]["facility"]["code"], HOSPITAL);
        assert_eq!(doc["facilityVisits"].as_array().unwrap().len(), 1);
        let actions: Vec<&str> =
            doc["accessRecord"].as_array().unwrap().iter().map(|a| a["action"].as_str().unwrap()).collect();
        for a in ["resident.registered", "consent.given", "medical_data.received"] {
            assert!(actions.contains(&a), "{a} in {actions:?}");
        }
        let received =
            doc["accessRecord"].as_array().unwrap().iter().find(|a| a["action"] == "medical_data.received").unwrap();
        assert_eq!(received["actorKind"], "facility_system");
        assert_eq!(received["bySelf"], false);
        assert!(received["facility"].as_str().is_some_and(|f| !f.is_empty()));

        // FHIR: the clinical records plus a Consent and the access record as AuditEvents.
        let (status, headers, fhir) =
            read(app.client.get("/api/me/export/fhir").header("cookie", &cookie).send().await).await;
        assert_eq!(status, StatusCode::OK, "{fhir}");
        assert!(headers["content-type"].to_str().unwrap().starts_with("application/fhir+json"));
        assert_eq!((fhir["resourceType"].as_str(), fhir["type"].as_str()), (Some("Bundle"), Some("collection")));
        let of = |t: &str| -> Vec<Value> {
            fhir["entry"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["resource"]["resourceType"] == t)
                .map(|e| e["resource"].clone())
                .collect()
        };
        assert_eq!(of("Patient").len(), 1);
        assert_eq!(of("MedicationRequest").len(), 2);
        let consent = &of("Consent")[0];
        assert_eq!(consent["status"], "active");
        assert_eq!(consent["scope"]["coding"][0]["code"], "patient-privacy");
        assert!(consent["provision"]["period"]["start"].is_string());
        assert!(consent["provision"]["period"].get("end").is_none());
        assert!(consent["policy"][0]["uri"].as_str().unwrap().ends_with("/api/networks/demo/consent/versions/1"));
        let audit = of("AuditEvent");
        assert!(audit.iter().any(|a| a["type"]["code"] == "medical_data.received" && a["action"] == "C"));
        assert!(audit.iter().all(|a| a["agent"][0]["requestor"] == true && a["source"]["observer"].is_object()));
        // Every fullUrl is unique, as a Bundle requires.
        let mut urls: Vec<&str> =
            fhir["entry"].as_array().unwrap().iter().map(|e| e["fullUrl"].as_str().unwrap()).collect();
        let n = urls.len();
        urls.sort_unstable();
        urls.dedup();
        assert_eq!(urls.len(), n);

        // A correction request, seen and answered by the network office.
        let (status, _, body) = post_with_cookie(app, "/api/me/corrections", &cookie, &json!({ "text": "  " })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(crate::support::resident::field_codes(&body), [("text".into(), "required".into())]);
        let text = "電話番号が古いです（自宅）。\n新しい番号は 090-0000-1111 です。";
        let (status, _, c) = post_with_cookie(app, "/api/me/corrections", &cookie, &json!({ "text": text })).await;
        assert_eq!(status, StatusCode::CREATED, "{c}");
        assert_eq!(c["status"], "open");
        assert_eq!(c["text"], text, "kept as written");
        let id = c["id"].as_str().unwrap().to_owned();
        let listed =
            admin(app, AdminCommand::Correction(CorrectionCommand::List { open: true, json: true })).await.unwrap();
        let rows: Value = serde_json::from_str(&listed).unwrap();
        let row = &rows[0];
        assert_eq!(row["id"], id);
        assert!(row["registrationNumber"].as_str().unwrap().len() >= 8);
        let bad = admin(
            app,
            AdminCommand::Correction(CorrectionCommand::Answer {
                id: id.clone(),
                status: "open".into(),
                answer: "x".into(),
            }),
        )
        .await;
        assert!(bad.is_err());
        admin(
            app,
            AdminCommand::Correction(CorrectionCommand::Answer {
                id: id.clone(),
                status: "corrected".into(),
                answer: "電話番号を訂正しました。".into(),
            }),
        )
        .await
        .unwrap();
        let again = admin(
            app,
            AdminCommand::Correction(CorrectionCommand::Answer {
                id: id.clone(),
                status: "declined".into(),
                answer: "x".into(),
            }),
        )
        .await;
        assert!(again.unwrap_err().to_string().contains("already been answered"));
        let (_, list) = get(app, "/api/me/corrections", &cookie).await;
        assert_eq!(
            (list[0]["status"].as_str(), list[0]["answer"].as_str()),
            (Some("corrected"), Some("電話番号を訂正しました。"))
        );
        let answered = mails_to(app, EMAIL).await.into_iter().find(|(s, _)| s.contains("訂正")).expect("a mail");
        assert!(
            !answered.1.contains("090-0000-1111") && !answered.1.contains("訂正しました。"),
            "the answer stays in the app"
        );

        // Erasure: refused while joined, then done after the withdrawal.
        let (status, _, body) =
            post_with_cookie(app, "/api/me/medical-data/erase", &cookie, &json!({ "confirm": true })).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_error(&body, "still_joined");
        assert_eq!(count(app, "medication").await, 2);
        let shown = consents(app, &cookie).await["memberships"][0]["consentId"].clone();
        assert_eq!(withdraw(app, &cookie, "demo", &shown).await.0, StatusCode::OK);
        let (status, _, _) =
            post_with_cookie(app, "/api/me/medical-data/erase", &cookie, &json!({ "confirm": false })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, _, e) =
            post_with_cookie(app, "/api/me/medical-data/erase", &cookie, &json!({ "confirm": true })).await;
        assert_eq!(status, StatusCode::OK, "{e}");
        assert_eq!(e, json!({ "medications": 2, "allergies": 0, "visits": 1 }));
        assert_eq!(count(app, "medication").await, 0);
        assert_eq!(count(app, "facility_visit").await, 0);
        let (_, s) = get(app, "/api/me/summary", &cookie).await;
        assert_eq!(s["history"], json!([]));
        // The access record stays, reduced: when, who, what, which facility.
        let (_, doc) = get(app, "/api/me/export", &cookie).await;
        let received = doc["accessRecord"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["action"] == "medical_data.received")
            .unwrap()
            .clone();
        assert!(received["facility"].is_string());
        let rows = renkei_api::store::consents::audit_about(app.state.db.reader(), &[resident_id(app).await], &[])
            .await
            .unwrap();
        let kept = rows.iter().find(|r| r.action == "medical_data.received").unwrap();
        assert_eq!((kept.detail.as_ref(), kept.request_id.as_ref()), (None, None));
        assert!(kept.facility_id.is_some());
        assert!(rows.iter().any(|r| r.action == "medical_data.erased"));
        assert!(mails_to(app, EMAIL).await.iter().any(|(s, _)| s.contains("削除")));
    })
    .await;
}

#[tokio::test]
async fn operators_count_joins_and_withdrawals_by_channel_entry_point_and_month() {
    each_backend(async |app| {
        let (_, version, entry) = hanako(app).await;
        let mut taro = details(&new_key(), &entry, version, "taro@example.jp");
        taro["name"] = json!("佐藤 太郎");
        taro["nameKana"] = json!("さとう たろう");
        taro["sex"] = json!("male");
        taro["birthDate"] = json!("1955-01-01");
        taro["number"] = json!("7777");
        register(app, &taro).await;

        app.clock.advance(Duration::days(12)); // 2026-12-03
        let cookie = fresh(app).await;
        let shown = consents(app, &cookie).await["memberships"][0]["consentId"].clone();
        assert_eq!(withdraw(app, &cookie, "demo", &shown).await.0, StatusCode::OK);
        app.clock.advance(Duration::seconds(1));
        assert_eq!(agree(app, &cookie, "demo", version).await.0, StatusCode::OK);

        let out = admin(app, AdminCommand::Consent(ConsentCommand::Stats { network: "demo".into(), json: true }))
            .await
            .unwrap();
        let s: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(s["joined"], 3);
        assert_eq!(s["withdrawn"], 1);
        assert_eq!(s["inForce"], 2);
        assert_eq!(s["people"], 2);
        assert_eq!(s["byChannel"], json!({ "web": 3 }));
        assert_eq!(s["byEntryPoint"], json!({ entry.clone(): 2, "-": 1 }));
        assert_eq!(
            s["byMonth"],
            json!({ "2026-11": { "joined": 2, "withdrawn": 0 }, "2026-12": { "joined": 1, "withdrawn": 1 } })
        );
        let text = admin(app, AdminCommand::Consent(ConsentCommand::Stats { network: "demo".into(), json: false }))
            .await
            .unwrap();
        assert!(text.starts_with("demo: 3 consents given (2 in force, 1 withdrawn), 2 people"), "{text}");
        assert!(
            admin(app, AdminCommand::Consent(ConsentCommand::Stats { network: "nowhere".into(), json: false }))
                .await
                .is_err()
        );
    })
    .await;
}

/// The withdrawal receipt reaches a real SMTP server.
#[tokio::test]
async fn the_withdrawal_receipt_arrives_over_smtp() {
    let smtp = crate::support::smtp::SmtpServer::start().await;
    for backend in crate::support::backends() {
        let app = TestApp::spawn_with(backend, &[("RENKEI_MAIL_URL", &smtp.url())]).await;
        let (entry, version) = demo(&app).await;
        let to = format!("withdraw.{backend:?}@example.jp").to_lowercase();
        // Registration, with the code read from the SMTP server.
        let body = details(&new_key(), &entry, version, &to);
        crate::support::resident::post(&app, "/api/registrations", &body).await;
        app.state.mail.deliver_due().await.unwrap();
        let mails = smtp.emails().await.unwrap();
        let m = mails.iter().rev().find(|m| m["to"][0]["address"] == to.as_str()).expect("code mail over SMTP");
        let code: String = m["text"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .find(|w| w.len() == 6 && w.bytes().all(|b| b.is_ascii_digit()))
            .unwrap()
            .into();
        let key = body["key"].as_str().unwrap();
        crate::support::resident::post(&app, "/api/registrations/verify-email", &json!({ "key": key, "code": code }))
            .await;
        let (status, headers, _) =
            crate::support::resident::post(&app, "/api/registrations/complete", &json!({ "key": key })).await;
        assert_eq!(status, StatusCode::OK);
        let cookie = crate::support::resident::session_cookie(&headers);
        let o = consents(&app, &cookie).await;
        let (status, w) = withdraw(&app, &cookie, "demo", &o["memberships"][0]["consentId"]).await;
        assert_eq!(status, StatusCode::OK, "{w}");
        app.state.mail.deliver_due().await.unwrap();
        let mails = smtp.emails().await.unwrap();
        let m = mails
            .iter()
            .find(|m| {
                m["to"][0]["address"] == to.as_str() && m["subject"].as_str().unwrap().contains("Withdrawal received")
            })
            .expect("the receipt over SMTP");
        let text = m["text"].as_str().unwrap();
        assert!(text.contains("撤回") && text.contains("/me/consents"), "{text}");
        app.finish().await;
    }
}

/// A facility's submission and the person's withdrawal at the same moment:
/// neither fails, the submission lands wholly before the withdrawal or is
/// refused, and the next one is refused.
#[tokio::test]
async fn a_submission_and_a_withdrawal_at_once_are_ordered_and_never_fail() {
    each_backend(async |app| {
        let (cookie, version, _) = hanako(app).await;
        let key = issue_key(app, HOSPITAL).await;
        let mut accepted = 0;
        for round in 0..10 {
            app.clock.advance(Duration::seconds(1));
            let now = app.clock.now();
            let shown = consents(app, &cookie).await["memberships"][0]["consentId"].clone();
            let b = bundle(
                "collection",
                vec![patient(HANAKO), request(&format!("c-{round}"), "2171022F1093", "アムロジピン", &jst(now), 30)],
            );
            let (sent, w) = tokio::join!(send(app, &key, &b), withdraw(app, &cookie, "demo", &shown));
            assert_eq!(sent.0, StatusCode::OK, "round {round}: {}", sent.2);
            assert_eq!(w.0, StatusCode::OK, "round {round}: {}", w.1);
            match reasons(&sent.2)[1].as_str() {
                "accepted" => accepted += 1,
                "no_consent" => {}
                other => panic!("round {round}: {other}"),
            }
            let b = bundle(
                "collection",
                vec![patient(HANAKO), request(&format!("c-{round}-after"), "2171022F1093", "x", &jst(now), 30)],
            );
            assert_eq!(reasons(&send(app, &key, &b).await.2), ["ignored", "no_consent"]);
            assert_eq!(agree(app, &cookie, "demo", version).await.0, StatusCode::OK);
        }
        assert_eq!(count(app, "medication").await, accepted);
    })
    .await;
}
