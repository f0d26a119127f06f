//! Facilities sending data in: API keys, FHIR JP Core Bundles, JAHIS data in
//! Shift_JIS, the consent and date rules, idempotent resubmission, and the
//! resident's summary with its safety flags, emergency contact and export.

use chrono::Duration;
use poem::http::StatusCode;
use renkei_api::cli::{AdminCommand, FacilityCommand, FacilityKeyCommand};
use renkei_api::clock::Clock;
use serde_json::{Value, json};

use crate::support::client::read;
use crate::support::facility::{
    CLINIC, HANAKO, HOSPITAL, INSTANCE, MEMBER, OUTSIDER, PHARMACY, add_outsider, bundle, contraindication, dispense,
    issue_key, outcome_issues, patient, reasons, request, send, send_jahis, sjis, statuses,
};
use crate::support::resident::{demo, details, new_key, register};
use crate::support::resident::{sign_in, summary};
use crate::support::{TestApp, admin, each_backend};

struct World {
    cookie: String,
    hospital: String,
    clinic: String,
    pharmacy: String,
    outsider: String,
}

/// The demo network with 山田 花子 registered (at 09:00 on 2026-11-21, Japan
/// time), keys for three of its facilities and for a clinic of another network.
async fn world(app: &TestApp) -> World {
    let (entry, version) = demo(app).await;
    let (cookie, _) = register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
    add_outsider(app).await;
    World {
        cookie,
        hospital: issue_key(app, HOSPITAL).await,
        clinic: issue_key(app, CLINIC).await,
        pharmacy: issue_key(app, PHARMACY).await,
        outsider: issue_key(app, OUTSIDER).await,
    }
}

async fn count(app: &TestApp, table: &str) -> i64 {
    crate::support::resident::count(app, table).await
}

#[tokio::test]
async fn several_facilities_build_one_summary_with_the_flags_none_of_them_sees() {
    each_backend(async |app| {
        let w = world(app).await;
        // Nothing yet: said plainly, with the day of joining.
        let s = summary(app, &w.cookie).await;
        assert_eq!(s["current"], json!([]));
        assert!(s.get("lastReceivedAt").is_none());
        assert!(s["joinedAt"].as_str().unwrap().starts_with("2026-11-21"));

        app.clock.advance(Duration::days(10)); // 2026-12-01
        // The hospital: amlodipine for 30 days and a contraindication to loxoprofen.
        let (status, headers, resp) = send(
            app,
            &w.hospital,
            &bundle(
                "transaction",
                vec![
                    patient(HANAKO),
                    request("h-rx-1", "2171022F1093", "アムロジピン錠5mg「サワイ」", "2026-11-25T10:00:00+09:00", 30),
                    contraindication("h-al-1", "2026-11-25"),
                ],
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        assert!(headers["content-type"].to_str().unwrap().starts_with("application/fhir+json"));
        assert_eq!(resp["type"], "transaction-response");
        assert_eq!(statuses(&resp), ["200 OK", "201 Created", "201 Created"]);
        // No location: the records have no FHIR address of their own; every outcome is a resource of its own.
        assert!(resp["entry"][1]["response"].get("location").is_none(), "{resp}");
        assert_ne!(resp["entry"][1]["response"]["outcome"]["id"], resp["entry"][2]["response"]["outcome"]["id"]);

        // The clinic: another brand of amlodipine (a duplicate) and loxoprofen (contraindicated).
        let (status, _, resp) = send(
            app,
            &w.clinic,
            &bundle(
                "collection",
                vec![
                    patient(HANAKO),
                    request("c-rx-1", "2171022F2022", "ノルバスク錠5mg", "2026-11-28", 28),
                    request("c-rx-2", "1149019F1560", "ロキソプロフェンNa錠60mg「サワイ」", "2026-11-28", 7),
                ],
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        assert_eq!(resp["type"], "batch-response");
        assert_eq!(reasons(&resp), ["ignored", "accepted", "accepted"]);

        // The pharmacy dispenses the clinic's loxoprofen the next day: the same course, not a third prescriber.
        let (status, _, resp) = send(
            app,
            &w.pharmacy,
            &bundle(
                "collection",
                vec![
                    patient(HANAKO),
                    dispense("p-1", "1149019F1560", "ロキソプロフェンNa錠60mg「サワイ」", "2026-11-29", 7),
                ],
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{resp}");

        let s = summary(app, &w.cookie).await;
        let current: Vec<(&str, &str)> = s["current"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["name"].as_str().unwrap(), c["prescribedBy"].as_str().unwrap()))
            .collect();
        assert_eq!(
            current,
            [
                ("ロキソプロフェンNa錠60mg「サワイ」", "デモ内科クリニック"),
                ("ノルバスク錠5mg", "デモ内科クリニック"),
                ("アムロジピン錠5mg「サワイ」", "デモ総合病院"),
            ]
        );
        assert_eq!(s["current"][0]["facility"], "デモ薬局", "the dispense, from the pharmacy");
        assert_eq!(s["current"][0]["until"], "2026-12-05");
        assert_eq!(s["history"].as_array().unwrap().len(), 4);
        assert_eq!(s["allergies"][0]["contraindication"], true);
        assert_eq!(s["allergies"][0]["facility"], "デモ総合病院");
        assert_eq!(s["allergies"][0]["comparedBy"], "code", "a contraindication with its YJ code");

        let flags = s["flags"].as_array().unwrap();
        assert_eq!(flags.len(), 2, "{flags:?}");
        let dup = flags.iter().find(|f| f["kind"] == "duplicate").unwrap();
        assert_eq!(dup["facilities"], json!(["デモ内科クリニック", "デモ総合病院"]));
        assert_eq!(dup["medicines"].as_array().unwrap().len(), 2);
        let allergy = flags.iter().find(|f| f["kind"] == "allergy").unwrap();
        assert_eq!(allergy["contraindication"], true);
        assert_eq!(allergy["medicines"][0], s["current"][0]["id"]);
        assert_eq!(allergy["allergy"], s["allergies"][0]["id"]);

        // Who sent data is visible to the resident.
        let sources: Vec<&str> =
            s["sources"].as_array().unwrap().iter().map(|x| x["facility"].as_str().unwrap()).collect();
        assert_eq!(sources.len(), 3, "{sources:?}");
        assert_eq!(count(app, "facility_visit").await, 3);

        // Two weeks on, the short courses have ended and so have their flags.
        app.clock.advance(Duration::days(14));
        let s = summary(app, &w.cookie).await;
        assert_eq!(s["current"].as_array().unwrap().len(), 2);
        assert_eq!(s["flags"].as_array().unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn resubmission_updates_and_never_duplicates() {
    each_backend(async |app| {
        let w = world(app).await;
        app.clock.advance(Duration::days(2));
        let b = bundle(
            "transaction",
            vec![patient(HANAKO), request("rx-9", "2171022F1093", "アムロジピン錠5mg", "2026-11-22", 30)],
        );
        let (_, _, first) = send(app, &w.hospital, &b).await;
        assert_eq!(reasons(&first), ["ignored", "accepted"]);
        let (status, _, again) = send(app, &w.hospital, &b).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(reasons(&again), ["ignored", "unchanged"]);
        assert!(again["entry"][1]["response"].get("location").is_none());

        let mut changed = b.clone();
        changed["entry"][1]["resource"]["dosageInstruction"][0]["text"] = json!("1日1回夕食後");
        let (_, _, resp) = send(app, &w.hospital, &changed).await;
        assert_eq!(reasons(&resp), ["ignored", "updated"]);
        assert_eq!(count(app, "medication").await, 1);
        let s = summary(app, &w.cookie).await;
        assert_eq!(s["current"][0]["dosage"], "1日1回夕食後");

        // The same identifier from another facility is that facility's own record.
        send(app, &w.clinic, &b).await;
        assert_eq!(count(app, "medication").await, 2);

        // Entered in error: kept for the record, gone from the summary.
        let mut wrong = b.clone();
        wrong["entry"][1]["resource"]["status"] = json!("entered-in-error");
        let (_, _, resp) = send(app, &w.hospital, &wrong).await;
        assert_eq!(reasons(&resp), ["ignored", "updated"]);
        let s = summary(app, &w.cookie).await;
        assert_eq!(s["history"].as_array().unwrap().len(), 1);

        // Retries of one new record at the same moment, through the hospital's
        // two keys (two of its systems): stored once.
        let second = issue_key(app, HOSPITAL).await;
        let burst =
            bundle("collection", vec![patient(HANAKO), request("rx-burst", "2171022F1093", "x", "2026-11-22", 1)]);
        let keys = [&w.hospital, &second];
        let answers = futures::future::join_all((0..8).map(|i| send(app, keys[i % 2], &burst))).await;
        let mut outcomes: Vec<String> = answers
            .iter()
            .map(|(status, _, r)| {
                assert_eq!(*status, StatusCode::OK, "{r}");
                reasons(r)[1].clone()
            })
            .collect();
        outcomes.sort();
        assert_eq!(
            outcomes,
            ["accepted", "unchanged", "unchanged", "unchanged", "unchanged", "unchanged", "unchanged", "unchanged"]
        );
        assert_eq!(count(app, "medication").await, 3);

        // The same identifier twice in one Bundle.
        let twice = bundle(
            "collection",
            vec![
                patient(HANAKO),
                request("rx-x", "2171022F1093", "a", "2026-11-22", 1),
                request("rx-x", "2171022F1093", "b", "2026-11-22", 1),
            ],
        );
        let (_, _, resp) = send(app, &w.hospital, &twice).await;
        assert_eq!(reasons(&resp), ["ignored", "accepted", "duplicate_in_bundle"]);
    })
    .await;
}

#[tokio::test]
async fn consent_and_date_rules_decide_what_is_accepted() {
    each_backend(async |app| {
        let w = world(app).await;
        app.clock.advance(Duration::days(3)); // 2026-11-24
        let entries = vec![
            patient(HANAKO),
            // The day of joining counts; the day before does not.
            request("d-1", "2171022F1093", "アムロジピン", "2026-11-21", 30),
            request("d-2", "2171022F1093", "アムロジピン", "2026-11-20", 30),
            // A time before the moment of joining (09:00:31 Japan time) does not either.
            request("d-3", "2171022F1093", "アムロジピン", "2026-11-21T08:59:00+09:00", 30),
            request("d-4", "2171022F1093", "アムロジピン", "2026-12-24", 30),
        ];
        // A transaction with refused entries stores nothing and names each refusal.
        let (status, headers, o) = send(app, &w.hospital, &bundle("transaction", entries.clone())).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{o}");
        assert!(headers["content-type"].to_str().unwrap().starts_with("application/fhir+json"));
        assert_eq!(
            outcome_issues(&o),
            [
                ("before_consent".into(), vec!["Bundle.entry[2]".into(), "MedicationRequest.authoredOn".into()]),
                ("before_consent".into(), vec!["Bundle.entry[3]".into(), "MedicationRequest.authoredOn".into()]),
                ("future_date".into(), vec!["Bundle.entry[4]".into(), "MedicationRequest.authoredOn".into()]),
            ]
        );
        assert_eq!(count(app, "medication").await, 0);
        assert_eq!(count(app, "facility_visit").await, 0);

        // A collection stores what it may.
        let (status, _, resp) = send(app, &w.hospital, &bundle("collection", entries)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(reasons(&resp), ["ignored", "accepted", "before_consent", "before_consent", "future_date"]);
        assert_eq!(statuses(&resp)[2], "422 Unprocessable Entity");
        assert_eq!(count(app, "medication").await, 1);

        // A facility outside the resident's networks learns nothing of whether she is registered:
        // the same answer as for someone unknown, whatever name it gives.
        let b = bundle("collection", vec![patient(HANAKO), request("o-1", "2171022F1093", "x", "2026-11-22", 1)]);
        let (_, _, resp) = send(app, &w.outsider, &b).await;
        assert_eq!(reasons(&resp), ["ignored", "patient_unknown"]);
        let b = bundle(
            "collection",
            vec![patient("33120015:12:9999:01"), request("o-2", "2171022F1093", "x", "2026-11-22", 1)],
        );
        let (_, _, resp) = send(app, &w.outsider, &b).await;
        assert_eq!(reasons(&resp), ["ignored", "patient_unknown"]);

        // A family member on the same insurance (another branch) is not this resident.
        let b = bundle(
            "collection",
            vec![patient("33120015:12:3456:02"), request("f-1", "2171022F1093", "x", "2026-11-22", 1)],
        );
        let (_, _, resp) = send(app, &w.hospital, &b).await;
        assert_eq!(reasons(&resp), ["ignored", "patient_unknown"]);
        // A subject given by an identifier alone cannot be checked against the person.
        let mut b = bundle("collection", vec![request("f-2", "2171022F1093", "x", "2026-11-22", 1)]);
        b["entry"][0]["resource"]["subject"] = json!({"identifier": {"system": MEMBER, "value": HANAKO}});
        let (_, _, resp) = send(app, &w.hospital, &b).await;
        assert_eq!(reasons(&resp), ["patient_not_in_bundle"]);

        // Unknown patient; the right number with another birth date.
        let b = bundle(
            "collection",
            vec![patient("33120015:12:9999:01"), request("u-1", "2171022F1093", "x", "2026-11-22", 1)],
        );
        let (_, _, resp) = send(app, &w.hospital, &b).await;
        assert_eq!(reasons(&resp), ["ignored", "patient_unknown"]);
        assert_eq!(statuses(&resp)[1], "404 Not Found");
        let mut other = patient(HANAKO);
        other["resource"]["birthDate"] = json!("1950-04-02");
        let b = bundle("collection", vec![other, request("u-2", "2171022F1093", "x", "2026-11-22", 1)]);
        let (_, _, resp) = send(app, &w.hospital, &b).await;
        assert_eq!(reasons(&resp), ["ignored", "patient_mismatch"]);
        // A reference to nothing in the Bundle.
        let b = bundle("collection", vec![request("u-3", "2171022F1093", "x", "2026-11-22", 1)]);
        let (_, _, resp) = send(app, &w.hospital, &b).await;
        assert_eq!(reasons(&resp), ["patient_reference"]);
        assert_eq!(count(app, "medication").await, 1);
    })
    .await;
}

#[tokio::test]
async fn bad_bundles_and_bad_keys_get_operation_outcomes_and_change_nothing() {
    each_backend(async |app| {
        let w = world(app).await;
        app.clock.advance(Duration::days(1));
        let good = bundle("collection", vec![patient(HANAKO), request("k-1", "2171022F1093", "x", "2026-11-22", 1)]);

        let raw = async |key: Option<&str>, ct: &str, body: Vec<u8>| {
            let mut req = app.client.post("/api/fhir").content_type(ct).body(body);
            if let Some(k) = key {
                req = req.header("authorization", format!("Bearer {k}"));
            }
            read(req.send().await).await
        };

        // Keys: none, made up, revoked.
        let (status, _, o) = raw(None, "application/fhir+json", good.to_string().into_bytes()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(outcome_issues(&o)[0].0, "unauthorized");
        // Worded for the staff who configure the system, not "sign in again".
        assert!(o.to_string().contains("施設キー"), "{o}");
        let fake = format!("rkf_{}_{}", "0".repeat(8), "0".repeat(48));
        let (status, _, o) = raw(Some(&fake), "application/fhir+json", good.to_string().into_bytes()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{o}");
        let prefix = w.clinic.split('_').nth(1).unwrap().to_owned();
        let out = admin(app, AdminCommand::Facility(FacilityCommand::Key(FacilityKeyCommand::Revoke { key: prefix })))
            .await
            .unwrap();
        assert_eq!(out.trim(), "key revoked");
        let (status, _, o) = raw(Some(&w.clinic), "application/fhir+json", good.to_string().into_bytes()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{o}");
        assert_eq!(o["resourceType"], "OperationOutcome");

        // Not JSON; nested ten thousand deep; not a Bundle; a document Bundle.
        let (status, _, o) = raw(Some(&w.hospital), "application/fhir+json", b"{\"resourceType\": ".to_vec()).await;
        assert_eq!((status, outcome_issues(&o)[0].0.as_str()), (StatusCode::BAD_REQUEST, "invalid_json"));
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let (status, _, o) = raw(Some(&w.hospital), "application/fhir+json", deep.into_bytes()).await;
        assert_eq!((status, outcome_issues(&o)[0].0.as_str()), (StatusCode::BAD_REQUEST, "invalid_json"));
        let (status, _, o) = send(app, &w.hospital, &json!({"resourceType": "Patient"})).await;
        assert_eq!((status, outcome_issues(&o)[0].0.as_str()), (StatusCode::BAD_REQUEST, "not_a_bundle"));
        let (status, _, o) = send(app, &w.hospital, &bundle("batch", vec![patient(HANAKO)])).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(outcome_issues(&o), [("bundle_type".into(), vec!["Bundle.type".into()])]);
        // A document is identified by its Bundle.identifier (bdl-9).
        let (status, _, o) = send(app, &w.hospital, &bundle("document", vec![patient(HANAKO)])).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(outcome_issues(&o), [("missing_identifier".into(), vec!["Bundle.identifier".into()])]);

        // 50 MB.
        let big = vec![b' '; 50 * 1024 * 1024];
        let (status, _, o) = raw(Some(&w.hospital), "application/fhir+json", big).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(o["issue"][0]["code"], "too-costly");

        // Another content type.
        let (status, _, o) = raw(Some(&w.hospital), "text/plain", good.to_string().into_bytes()).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(o["resourceType"], "OperationOutcome");

        // Entries: unknown code system, missing element, wrong resource type; in Japanese by default, English on request.
        let mut unknown = request("k-2", "2171022F1093", "x", "2026-11-22", 1);
        unknown["resource"]["medicationCodeableConcept"]["coding"][0]["system"] = json!("http://example.org/drugs");
        let mut missing = request("k-3", "2171022F1093", "x", "2026-11-22", 1);
        missing["resource"].as_object_mut().unwrap().remove("medicationCodeableConcept");
        let b = bundle(
            "collection",
            vec![
                patient(HANAKO),
                unknown,
                missing,
                json!({"resource": {"resourceType": "Observation", "status": "final"}}),
            ],
        );
        let (_, _, resp) = send(app, &w.hospital, &b).await;
        // A code of an unknown system is kept as sent, the medicine by its name, not compared.
        assert_eq!(reasons(&resp), ["ignored", "accepted", "missing_element", "unsupported_resource_type"]);
        let kept = resp["entry"][1]["response"]["outcome"]["issue"].to_string();
        assert!(kept.contains("not_comparable"), "{kept}");
        let issue = &resp["entry"][2]["response"]["outcome"]["issue"][0];
        assert_eq!(issue["expression"], json!(["MedicationRequest.medicationCodeableConcept"]));
        assert!(issue["details"]["text"].as_str().unwrap().contains("必須"));
        let (_, _, en) = read(
            app.client
                .post("/api/fhir")
                .header("authorization", format!("Bearer {}", w.hospital))
                .header("accept-language", "en")
                .content_type("application/fhir+json")
                .body(b.to_string())
                .send()
                .await,
        )
        .await;
        assert!(
            en["entry"][2]["response"]["outcome"]["issue"][0]["details"]["text"].as_str().unwrap().contains("required")
        );
        // Only the medicine kept by its name (sent twice, stored once); nothing refused was stored.
        assert_eq!(count(app, "medication").await, 1);
    })
    .await;
}

#[tokio::test]
async fn facility_keys_are_shown_once_listed_without_secrets_and_revoked() {
    each_backend(async |app| {
        demo(app).await;
        let key = issue_key(app, PHARMACY).await;
        assert!(key.starts_with("rkf_"));
        let out = admin(
            app,
            AdminCommand::Facility(FacilityCommand::Key(FacilityKeyCommand::List { facility: None, json: true })),
        )
        .await
        .unwrap();
        assert!(!out.contains(&key), "the key is never shown again");
        let list: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(list[0]["facility"], PHARMACY);
        assert_eq!(list[0]["prefix"], key.split('_').nth(1).unwrap());
        assert!(list[0]["revokedAt"].is_null());
        // Unknown facility, unknown key.
        let err = admin(
            app,
            AdminCommand::Facility(FacilityCommand::Key(FacilityKeyCommand::Create {
                facility: "1410999999".into(),
                label: "x".into(),
            })),
        )
        .await
        .unwrap_err();
        assert!(err.to_string().contains("--facility"), "{err}");
        assert!(
            admin(
                app,
                AdminCommand::Facility(FacilityCommand::Key(FacilityKeyCommand::Revoke { key: "deadbeef".into() }))
            )
            .await
            .is_err()
        );
        // Revoking with the whole key works, and a second time says so.
        let revoke = || AdminCommand::Facility(FacilityCommand::Key(FacilityKeyCommand::Revoke { key: key.clone() }));
        assert_eq!(admin(app, revoke()).await.unwrap().trim(), "key revoked");
        assert_eq!(admin(app, revoke()).await.unwrap().trim(), "key was already revoked");
        let audit: Vec<String> = renkei_api::store::audit::recent(app.state.db.reader(), 20)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert!(
            audit.contains(&"facility_key.issued".to_owned()) && audit.contains(&"facility_key.revoked".to_owned())
        );
    })
    .await;
}

/// A JAHIS notebook (version 2.5/2.6) for 山田 花子: two dispensings at two
/// pharmacies, one with an era date, and an allergy note.
fn notebook() -> String {
    [
        "JAHISTC08,1",
        "1,山田 花子,2,S250401,,,,,,,ヤマダ ハナコ",
        "2,1,ペニシリン系抗生物質でじんましん,1",
        "5,R081125,1",
        "11,デモ薬局,14,4,0900004,,,,1",
        "15,薬剤師 一郎,,1",
        "51,デモ内科クリニック,14,1,0900002,1",
        "55,医師 太郎,内科,1",
        "201,1,アムロジピン錠5mg「サワイ」,1,錠,4,2171022F1093,1",
        "301,1,1日1回朝食後,28,日分,1,,,1",
        "201,2,ニトログリセリン舌下錠0.3mg,1,錠,4,2171010K1030,1",
        "301,2,胸痛時,5,回分,3,,,1",
        "5,20261128,1",
        "11,さくら薬局,14,4,0999999,,,,1",
        "51,デモ総合病院,14,1,0900001,1",
        "201,1,ロキソプロフェンNa錠60mg,1,錠,4,1149019F1560,1",
        "301,1,1日3回毎食後,5,日分,1,,,1",
    ]
    .join("\r\n")
        + "\r\n"
}

/// Split QR data for 山田 花子, one `part` file per QR code, as `multipart/form-data`.
async fn send_parts(app: &TestApp, key: &str, parts: &[Vec<u8>]) -> (StatusCode, Value) {
    let (ct, body) = multipart(parts);
    let req = app.client.post("/api/jahis").header("renkei-patient", HANAKO);
    let (status, _, v) =
        read(req.header("authorization", format!("Bearer {key}")).content_type(ct).body(body).send().await).await;
    (status, v)
}

fn multipart(parts: &[Vec<u8>]) -> (String, Vec<u8>) {
    let boundary = "renkei-test-boundary";
    let mut body = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"part\"; filename=\"qr{i}.csv\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        body.extend_from_slice(p);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn jahis_data_in_shift_jis_with_era_dates_and_split_parts() {
    each_backend(async |app| {
        let w = world(app).await;
        app.clock.advance(Duration::days(9)); // 2026-11-30
        let data = sjis(&notebook());
        // Without the header that names the person: what the system must send.
        let (status, _, r) = read(
            app.client
                .post("/api/jahis")
                .header("authorization", format!("Bearer {}", w.pharmacy))
                .header("accept-language", "en")
                .content_type("text/csv; charset=Shift_JIS")
                .body(data.clone())
                .send()
                .await,
        )
        .await;
        assert_eq!((status, r["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_parameter")), "{r}");
        assert!(r["message"].as_str().unwrap().contains("Renkei-Patient"), "{r}");
        let (status, r) = send_jahis(app, &w.pharmacy, HANAKO, data.clone()).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        assert_eq!(r["version"], "2.5/2.6");
        assert_eq!((r["accepted"].as_u64(), r["refused"].as_u64()), (Some(4), Some(0)), "{r}");

        let s = summary(app, &w.cookie).await;
        let names: Vec<&str> = s["current"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["ロキソプロフェンNa錠60mg", "アムロジピン錠5mg「サワイ」", "ニトログリセリン舌下錠0.3mg"]);
        let nitro = &s["current"][2];
        assert_eq!(nitro["durationUnstated"], true, "頓服 has no days");
        assert_eq!(nitro["date"], "2026-11-25", "R081125 is Reiwa 8");
        let loxo = &s["current"][0];
        assert_eq!(
            (loxo["facility"].as_str(), loxo["prescribedBy"].as_str()),
            (Some("さくら薬局"), Some("デモ総合病院"))
        );
        assert_eq!(s["allergies"][0]["text"], "ペニシリン系抗生物質でじんましん");

        // The same data split over two QR codes as the specification lays it out (the
        // version record first, the split-control record 911 last), sent in reverse order.
        let header = b"JAHISTC08,1\r\n".to_vec();
        let payload = &data[header.len()..];
        let cut = payload.windows(5).position(|w| w == b"\r\n301").unwrap() + 2; // inside a dispensing, before an Rp's usage
        let part = |n: usize, chunk: &[u8]| {
            [header.clone(), chunk.to_vec(), format!("911,20261130120000,2,{n}\r\n").into_bytes()].concat()
        };
        let (status, r) = send_parts(app, &w.pharmacy, &[part(2, &payload[cut..]), part(1, &payload[..cut])]).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        assert_eq!(
            (r["unchanged"].as_u64(), r["accepted"].as_u64()),
            (Some(4), Some(0)),
            "resending changes nothing: {r}"
        );
        assert_eq!(count(app, "medication").await, 3);
        assert_eq!(count(app, "allergy").await, 1);

        // One part only.
        let (status, r) = send_parts(app, &w.pharmacy, &[part(1, &payload[..cut])]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{r}");
        assert_eq!(
            (r["code"].as_str(), r["detail"]["reason"].as_str()),
            (Some("jahis_invalid"), Some("missing_split_part"))
        );

        // Broken Shift_JIS, an unknown record, a version 1 file: refused whole, with the line.
        let mut broken = data.clone();
        let at = broken.len() - 10;
        broken[at] = 0x81;
        broken[at + 1] = 0x20;
        let (status, r) = send_jahis(app, &w.pharmacy, HANAKO, broken).await;
        assert_eq!(
            (status, r["detail"]["reason"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("encoding")),
            "{r}"
        );
        let unknown = notebook().replace("5,20261128,1", "777,20261128,1");
        let (_, r) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&unknown)).await;
        assert_eq!((r["detail"]["reason"].as_str(), r["detail"]["line"].as_u64()), (Some("unknown_record"), Some(13)));
        assert!(!r.to_string().contains("ロキソ"), "no data in errors");
        let (_, r) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&notebook().replace("JAHISTC08", "JAHISTC01"))).await;
        assert_eq!(r["detail"]["reason"], "unsupported_version");

        // The data's own patient is someone else; an unknown member id; a malformed one.
        let (status, r) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&notebook().replace("S250401", "S250402"))).await;
        assert_eq!((status, r["code"].as_str()), (StatusCode::CONFLICT, Some("patient_mismatch")));
        let (status, r) = send_jahis(app, &w.pharmacy, "33120015:12:9999:01", data.clone()).await;
        assert_eq!((status, r["code"].as_str()), (StatusCode::NOT_FOUND, Some("patient_unknown")));
        let (status, r) = send_jahis(app, &w.pharmacy, "nonsense", data.clone()).await;
        assert_eq!((status, r["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("validation_failed")));
        // Another network's pharmacy: answered as for someone unknown.
        let (status, r) = send_jahis(app, &w.outsider, HANAKO, data.clone()).await;
        assert_eq!((status, r["code"].as_str()), (StatusCode::NOT_FOUND, Some("patient_unknown")));

        // Another resident's notebook from the same pharmacy on the same days: their own records.
        let version = crate::support::resident::demo_version(app).await;
        let eps = renkei_api::service::entry_points::list_entry_points(&app.state, &renkei_api::domain::actor::Actor::System, Some("demo"))
            .await
            .unwrap();
        let mut taro = details(&new_key(), eps[0].code.as_str(), version, "taro@example.jp");
        taro["name"] = json!("佐藤 太郎");
        taro["nameKana"] = json!("さとう たろう");
        taro["birthDate"] = json!("S30.6.15");
        taro["sex"] = json!("male");
        taro["number"] = json!("8888");
        register(app, &taro).await;
        // (He joined today, so both notebooks hold today's dispensings.)
        let today = notebook().replace("R081125", "R081130").replace("20261128", "20261130");
        let (_, r) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&today)).await;
        assert_eq!(r["accepted"], 3, "three new dispensings, the note unchanged: {r}");
        let his = today.replace("1,山田 花子,2,S250401", "1,佐藤 太郎,1,S300615").replace("ヤマダ ハナコ", "サトウ タロウ");
        let (status, r) = send_jahis(app, &w.pharmacy, "33120015:12:8888:01", sjis(&his)).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        assert_eq!(r["accepted"], 4, "{r}");
        assert_eq!(count(app, "medication").await, 9);

        // A dispensing from before joining is refused on its own; the rest is taken.
        let older = notebook().replace("R081125", "R081101");
        let (status, r) = send_jahis(app, &w.hospital, HANAKO, sjis(&older)).await;
        assert_eq!(status, StatusCode::OK);
        let outcomes: Vec<&str> =
            r["items"].as_array().unwrap().iter().map(|i| i["outcome"].as_str().unwrap()).collect();
        // The rest is the pharmacy's dispensing the hospital passes on: the same dispensing, held once.
        assert_eq!(outcomes, ["before_consent", "before_consent", "held_from_elsewhere", "held_from_elsewhere"]);
        assert_eq!(count(app, "medication").await, 9);

        // Two dispensings on one day at one pharmacy are two sets of records, not one overwriting the other.
        let twice = notebook() + "5,20261128,1\r\n11,さくら薬局,14,4,0999999,,,,1\r\n201,1,ロキソプロフェンNa錠60mg,1,錠,4,1149019F1560,1\r\n301,1,1日3回毎食後,99999999,日分,1,,,1\r\n";
        let (status, r) = send_jahis(app, &w.clinic, HANAKO, sjis(&twice)).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        assert_eq!((r["accepted"].as_u64(), r["unchanged"].as_u64()), (Some(1), Some(4)), "{r}");
        // An absurd number of days is not a course of treatment; the summary still works.
        summary(app, &w.cookie).await;
    })
    .await;
}

#[tokio::test]
async fn the_export_is_a_jp_core_bundle_and_the_emergency_contact_is_the_residents() {
    each_backend(async |app| {
        let w = world(app).await;
        app.clock.advance(Duration::days(5));
        send(
            app,
            &w.hospital,
            &bundle(
                "transaction",
                vec![
                    patient(HANAKO),
                    request("e-1", "2171022F1093", "アムロジピン錠5mg", "2026-11-22", 30),
                    contraindication("e-2", "2026-11-22"),
                ],
            ),
        )
        .await;
        let cookie = sign_in(app).await;
        let resp = app.client.get("/api/me/summary/fhir").header("cookie", &cookie).send().await;
        let (status, headers, b) = read(resp).await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers["content-type"].to_str().unwrap().starts_with("application/fhir+json"));
        assert!(headers["content-disposition"].to_str().unwrap().starts_with("attachment"));
        assert_eq!((b["resourceType"].as_str(), b["type"].as_str()), (Some("Bundle"), Some("collection")));
        let types: Vec<&str> =
            b["entry"].as_array().unwrap().iter().map(|e| e["resource"]["resourceType"].as_str().unwrap()).collect();
        assert_eq!(types, ["Patient", "Coverage", "MedicationRequest", "AllergyIntolerance"]);
        // The insurance as JP Core puts it: a Coverage naming the Patient.
        assert_eq!(b["entry"][1]["resource"]["identifier"][0]["value"], HANAKO);
        assert_eq!(b["entry"][1]["resource"]["beneficiary"]["reference"], b["entry"][0]["fullUrl"]);
        let request = &b["entry"][2]["resource"];
        assert_eq!(request["medicationCodeableConcept"]["coding"][0]["code"], "2171022F1093");
        assert_eq!(request["requester"]["display"], "デモ総合病院");
        // The identifiers and the quantity as sent.
        assert_eq!(request["identifier"][2]["value"], "e-1");
        assert_eq!(request["dispenseRequest"]["quantity"]["code"], "TAB");
        let allergy = &b["entry"][3]["resource"];
        assert_eq!(allergy["criticality"], "high");
        assert_eq!(allergy["contained"][0]["resourceType"], "PractitionerRole", "a recorder is no Organization");
        let text = b.to_string();
        assert!(!text.contains("urn:renkei"), "only registered or documented systems: {text}");
        // What the export holds reads back in as FHIR (the intake's own reader accepts it).
        assert!(renkei_api::domain::fhir::read_bundle(&b, "http://localhost/fhir/sid/registration-number").is_ok());

        // The emergency contact: checked, saved, shown on the summary, removable.
        let put = async |body: Value| {
            read(app.client.put("/api/me/emergency-contact").header("cookie", &cookie).body_json(&body).send().await)
                .await
        };
        let (status, _, e) = put(json!({"name": "山田 太郎", "relationship": "長男", "phone": "12"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(crate::support::resident::field_codes(&e), [("phone".to_owned(), "invalid_format".to_owned())]);
        let (status, _, e) = put(json!({"name": "山田 太郎", "relationship": "長男", "phone": "090-9876-5432"})).await;
        assert_eq!(status, StatusCode::OK, "{e}");
        let s = summary(app, &cookie).await;
        assert_eq!(s["emergencyContact"], json!({"name": "山田 太郎", "relationship": "長男", "phone": "09098765432"}));
        let (status, _, _) =
            read(app.client.delete("/api/me/emergency-contact").header("cookie", &cookie).send().await).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert!(summary(app, &cookie).await.get("emergencyContact").is_none());
    })
    .await;
}

/// A JP-CLINS-style MedicationRequest: Rp 1, order 1, and the instance id
/// that identifies it; a Patient contained as JP-CLINS sends it.
fn clins_request(instance: &str, yj: Option<&str>, name: &str, authored: &str) -> Value {
    let coding = match yj {
        Some(c) => json!([{"system": "urn:oid:1.2.392.100495.20.1.73", "code": c, "display": name}]),
        None => {
            json!([{"system": "http://jpfhir.jp/fhir/eCS/CodeSystem/MedicationCodeNocoded_CS", "code": "NOCODED", "display": "標準コードなし"}])
        }
    };
    json!({"fullUrl": format!("urn:uuid:{}", uuid::Uuid::now_v7()), "resource": {
        "resourceType": "MedicationRequest",
        "identifier": [
            {"system": "http://jpfhir.jp/fhir/core/mhlw/IdSystem/Medication-RPGroupNumber", "value": "1"},
            {"system": "http://jpfhir.jp/fhir/core/mhlw/IdSystem/MedicationAdministrationIndex", "value": "1"},
            {"system": INSTANCE, "value": instance}],
        "status": "completed", "intent": "order",
        "medicationCodeableConcept": {"text": name, "coding": coding},
        "subject": {"reference": "urn:uuid:0b7e8f0c-0000-4000-8000-000000000001"},
        "authoredOn": authored,
        "dosageInstruction": [{"text": "1日1回朝食後"}],
        "dispenseRequest": {"quantity": {"value": 28, "unit": "錠", "system": "urn:oid:1.2.392.100495.20.2.101", "code": "TAB"},
            "expectedSupplyDuration": {"value": 28, "unit": "日", "system": "http://unitsofmeasure.org", "code": "d"}}}})
}

/// A JP-CLINS Patient (kanji and kana names) whose member id is on a Coverage naming it.
fn covered_patient(member: &str, name: &str, kana: &str) -> Vec<Value> {
    let rep = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";
    vec![
        json!({"fullUrl": "urn:uuid:0b7e8f0c-0000-4000-8000-000000000001", "resource": {"resourceType": "Patient",
            "name": [{"extension": [{"url": rep, "valueCode": "IDE"}], "text": name},
                     {"extension": [{"url": rep, "valueCode": "SYL"}], "text": kana}],
            "gender": "female", "birthDate": "1950-04-01"}}),
        json!({"fullUrl": "urn:uuid:0b7e8f0c-0000-4000-8000-0000000000c1", "resource": {"resourceType": "Coverage",
            "status": "active", "identifier": [{"system": MEMBER, "value": member}],
            "beneficiary": {"reference": "urn:uuid:0b7e8f0c-0000-4000-8000-000000000001"}}}),
    ]
}

#[tokio::test]
async fn records_are_identified_as_the_profiles_define_and_never_overwrite_another() {
    each_backend(async |app| {
        let w = world(app).await;
        app.clock.advance(Duration::days(9)); // 2026-11-30

        // Thirteen prescriptions of one person, each "Rp 1, order 1": thirteen medicines.
        let mut entries = covered_patient(HANAKO, "山田 花子", "ヤマダ ハナコ");
        for n in 1..=13 {
            let yj = if n == 13 { None } else { Some("2171022F1093") };
            entries.push(clins_request(&format!("1410900001-2026-{n:08}"), yj, &format!("薬{n}"), "2026-11-22"));
        }
        let (status, _, resp) = send(app, &w.hospital, &bundle("collection", entries.clone())).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        assert_eq!(reasons(&resp)[2..].iter().filter(|r| *r == "accepted").count(), 13, "{resp}");
        assert_eq!(count(app, "medication").await, 13);
        // The medicine without a standard code is kept by name, marked as not comparable.
        let last = &resp["entry"][14]["response"]["outcome"]["issue"];
        assert!(
            last.as_array().unwrap().iter().any(|i| i["details"]["coding"][0]["code"] == "not_comparable"),
            "{last}"
        );
        let s = summary(app, &w.cookie).await;
        // The medicine without a standard code is shown, and named as not compared: never "no duplicate".
        let nocoded = s["current"].as_array().unwrap().iter().find(|c| c["name"] == "薬13").expect("薬13 shown");
        assert_eq!(s["notCompared"], json!([nocoded["id"]]), "{}", s["notCompared"]);

        // A client generated from the spec may ask for plain JSON: the same body.
        let (status, headers, plain) = read(
            app.client
                .post("/api/fhir")
                .header("authorization", format!("Bearer {}", w.hospital))
                .header("accept", "application/json")
                .content_type("application/fhir+json")
                .body(bundle("collection", entries.clone()).to_string())
                .send()
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers["content-type"].to_str().unwrap().starts_with("application/json"), "{headers:?}");
        assert_eq!(plain["type"], "batch-response");

        // Sent again: unchanged, nothing duplicated.
        let (_, _, again) = send(app, &w.hospital, &bundle("collection", entries.clone())).await;
        assert!(reasons(&again)[2..].iter().all(|r| r == "unchanged"), "{again}");
        assert_eq!(count(app, "medication").await, 13);

        // A correction of one prescription updates it and keeps what it said before.
        let mut corrected = covered_patient(HANAKO, "山田 花子", "ヤマダ ハナコ");
        let mut fix = clins_request("1410900001-2026-00000001", Some("2171022F1093"), "薬1", "2026-11-22");
        fix["resource"]["dosageInstruction"] = json!([{"text": "1日2回朝夕食後"}]);
        corrected.push(fix);
        let (_, _, resp) = send(app, &w.hospital, &bundle("collection", corrected)).await;
        assert_eq!(reasons(&resp)[2], "updated");
        assert_eq!(count(app, "medication").await, 13);
        assert_eq!(count(app, "record_revision").await, 1);
        let cookie = sign_in(app).await;
        let (_, _, export) = read(app.client.get("/api/me/export").header("cookie", &cookie).send().await).await;
        let earlier = &export["earlierVersions"];
        assert_eq!(earlier.as_array().unwrap().len(), 1, "{earlier}");
        assert_eq!(earlier[0]["content"]["dosage"], "1日1回朝食後");

        // The name in the data must be the resident's: another name is refused, nothing stored.
        let mut other = covered_patient(HANAKO, "山田 太郎", "ヤマダ タロウ");
        other.push(clins_request("1410900001-2026-00000099", Some("2171022F1093"), "薬X", "2026-11-22"));
        let (_, _, resp) = send(app, &w.hospital, &bundle("collection", other)).await;
        assert_eq!(reasons(&resp)[2], "patient_mismatch", "{resp}");
        assert_eq!(count(app, "medication").await, 13);

        // The FHIR export sent as intake to a fresh server gives the same records.
        let (_, _, fhir) = read(app.client.get("/api/me/export/fhir").header("cookie", &cookie).send().await).await;
        let fresh = TestApp::spawn(app.backend).await;
        let w2 = world(&fresh).await;
        let _ = w2.cookie;
        fresh.clock.advance(Duration::days(9));
        let mut intake = fhir.clone();
        let kept: Vec<Value> = fhir["entry"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| {
                matches!(
                    e["resource"]["resourceType"].as_str(),
                    Some(
                        "Patient"
                            | "Coverage"
                            | "MedicationRequest"
                            | "MedicationDispense"
                            | "MedicationStatement"
                            | "AllergyIntolerance"
                    )
                )
            })
            .cloned()
            .map(|mut e| {
                // The registration number is this server's; the fresh one knows her by her insurance.
                if e["resource"]["resourceType"] == "Patient" {
                    e["resource"].as_object_mut().unwrap().remove("identifier");
                }
                e
            })
            .collect();
        intake["entry"] = json!(kept);
        let (status, _, resp) = send(&fresh, &w2.hospital, &intake).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        assert_eq!(count(&fresh, "medication").await, 13, "{resp}");
        let (_, _, resp) = send(&fresh, &w2.hospital, &intake).await;
        assert!(reasons(&resp).iter().all(|r| r == "ignored" || r == "unchanged"), "{resp}");
        assert_eq!(count(&fresh, "medication").await, 13);
        fresh.finish().await;
    })
    .await;
}

#[tokio::test]
async fn jahis_dispensings_are_identified_by_what_they_say() {
    each_backend(async |app| {
        let w = world(app).await;
        app.clock.advance(Duration::days(9)); // 2026-11-30
        let head = "JAHISTC08,1\r\n1,山田 花子,2,S250401,,,,,,,ヤマダ ハナコ\r\n";
        // Two clinics' prescriptions filled at the same pharmacy on the same day, exported separately.
        let first = format!("{head}5,20261128,1\r\n11,デモ薬局,14,4,0900004,,,,1\r\n51,デモ内科クリニック,14,1,0900002,1\r\n201,1,アムロジピン錠5mg,1,錠,4,2171022F1093,1\r\n301,1,1日1回朝食後,28,日分,1,1,,1\r\n");
        let second = format!("{head}5,20261128,1\r\n11,デモ薬局,14,4,0900004,,,,1\r\n51,デモ総合病院,14,1,0900001,1\r\n201,1,ロキソプロフェンNa錠60mg,3,錠,4,1149019F1560,1,【般】ロキソプロフェンＮａ錠６０ｍｇ,2,1149019F1ZZZ\r\n301,1,1日3回毎食後,5,日分,1,1,,1\r\n");
        let (status, a) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&first)).await;
        assert_eq!((status, a["accepted"].as_u64()), (StatusCode::OK, Some(1)), "{a}");
        let (_, b) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&second)).await;
        assert_eq!(b["accepted"], 1, "a second dispensing never replaces the first: {b}");
        assert_eq!(count(app, "medication").await, 2);
        // An exact resend changes nothing.
        let (_, again) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&first)).await;
        assert_eq!((again["unchanged"].as_u64(), again["accepted"].as_u64()), (Some(1), Some(0)), "{again}");

        // The same dispensing handed in from the patient's app (output kind 2) at the clinic is one dispensing.
        let from_app = "JAHISTC08,2\r\n1,山田 花子,2,S250401,,,,,,,ヤマダ ハナコ\r\n5,20261128,2\r\n11,デモ薬局,,,,,,,2\r\n51,デモ内科クリニック,,,,2\r\n201,1,アムロジピン錠5mg,,,,,2\r\n301,1,1日1回朝食後,,,,,,2\r\n".to_owned();
        let (_, c) = send_jahis(app, &w.clinic, HANAKO, sjis(&from_app)).await;
        assert_eq!(c["unchanged"], 1, "{c}");
        assert_eq!(count(app, "medication").await, 2);
        // A new dispensing only the patient's app brought is kept, marked as provided by the patient.
        let new_from_app = from_app.replace("20261128", "20261129");
        let (_, d) = send_jahis(app, &w.clinic, HANAKO, sjis(&new_from_app)).await;
        assert_eq!(d["accepted"], 1, "{d}");
        let origins: Vec<String> = sqlx_origins(app).await;
        assert_eq!(origins.iter().filter(|o| *o == "patient").count(), 1, "{origins:?}");
        let s = summary(app, &w.cookie).await;
        let from_app: Vec<&Value> =
            s["history"].as_array().unwrap().iter().filter(|m| m["providedByPatient"] == true).collect();
        assert_eq!(from_app.len(), 1, "{s}");
        assert_eq!(from_app[0]["date"], "2026-11-29");
        // The generic name's code takes part in the duplicate check.
        let s = summary(app, &w.cookie).await;
        assert!(s.to_string().contains("1149019"), "{s}");

        // Truncated data (a partial read cut inside a dose) is refused, and the stored record stays.
        let cut = &second[..second.find("60mg,3").unwrap() + 6];
        let cut = format!("{}.", &cut[..cut.len() - 1]);
        let (status, e) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&cut)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        let lost_usage = second.split("301,").next().unwrap().to_owned();
        let (status, e) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&lost_usage)).await;
        assert_eq!((status, e["detail"]["reason"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("incomplete")), "{e}");
        assert_eq!(count(app, "medication").await, 3);

        // Split as the specification lays it out: the version record first, 911 last, in any order.
        let third = format!("{head}5,20261130,1\r\n11,デモ薬局,14,4,0900004,,,,1\r\n201,1,ムコスタ錠100mg,3,錠,4,2329021F1021,1\r\n201,1,Material,1,枚,1,,1\r\n301,1,,1,調剤,9,1,,1\r\n").into_bytes();
        let mut sj = sjis(&String::from_utf8(third).unwrap());
        let split_at = sj.windows(4).position(|w| w == b"201,").unwrap();
        let (p1, p2) = sj.split_at_mut(split_at);
        let part1 = [&p1[..], b"911,20261130100000,2,1\r\n".as_slice()].concat();
        let part2 = [b"JAHISTC08,1\r\n".as_slice(), &p2[..], b"911,20261130100000,2,2\r\n\x1a".as_slice()].concat();
        let (status, alone) = send_parts(app, &w.pharmacy, std::slice::from_ref(&part2)).await;
        assert_eq!((status, alone["detail"]["reason"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("missing_split_part")), "{alone}");
        let (status, joined) = send_parts(app, &w.pharmacy, &[part2, part1]).await;
        assert_eq!((status, joined["accepted"].as_u64()), (StatusCode::OK, Some(2)), "{joined}");
        sj.clear();

        // Another person's name under her member id: refused, nothing filed.
        let other = first.replace("山田 花子", "山田 太郎").replace("ヤマダ ハナコ", "ヤマダ タロウ").replace("20261128", "20261127");
        let (status, e) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&other)).await;
        assert_eq!((status, e["code"].as_str()), (StatusCode::CONFLICT, Some("patient_mismatch")), "{e}");
        assert_eq!(count(app, "medication").await, 5);

        // The export gives the amount handed over as a Quantity (1 a day × 28 days), and the
        // generic name's coding beside the drug's own.
        let cookie = sign_in(app).await;
        let (_, _, fhir) = read(app.client.get("/api/me/summary/fhir").header("cookie", &cookie).send().await).await;
        let dispenses: Vec<&Value> = fhir["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["resource"])
            .filter(|r| r["resourceType"] == "MedicationDispense")
            .collect();
        let amlodipine = dispenses
            .iter()
            .find(|r| r["medicationCodeableConcept"]["text"] == "アムロジピン錠5mg" && r["whenHandedOver"] == "2026-11-28")
            .unwrap();
        assert_eq!((amlodipine["quantity"]["value"].as_u64(), amlodipine["quantity"]["unit"].as_str()), (Some(28), Some("錠")));
        let loxo = dispenses.iter().find(|r| r["medicationCodeableConcept"]["text"] == "ロキソプロフェンNa錠60mg").unwrap();
        let codes: Vec<&str> =
            loxo["medicationCodeableConcept"]["coding"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["1149019F1560", "1149019F1ZZZ"]);
    })
    .await;
}

async fn sqlx_origins(app: &TestApp) -> Vec<String> {
    use sea_orm::{EntityTrait, QueryOrder};
    renkei_api::store::entity::medication::Entity::find()
        .order_by_asc(renkei_api::store::entity::medication::Column::Id)
        .all(app.state.db.reader())
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.origin)
        .collect()
}

/// What a review tried as a stranger would: another medicine under an old
/// identity, identifiers that name no record, a dispensing cut at a record's
/// end, two identical dispensings in one file, an allergy dated by its
/// onset, and patients named ambiguously.
#[tokio::test]
async fn what_a_review_tried_changes_nothing_it_should_not() {
    each_backend(async |app| {
        let w = world(app).await;
        app.clock.advance(Duration::days(9)); // 2026-11-30
        let who = || covered_patient(HANAKO, "山田 花子", "ヤマダ ハナコ");

        // Another medicine under the identity of one held: refused, the first one intact.
        let mut first = who();
        first.push(clins_request("1410900001-2026-R1", Some("1149019F1560"), "ロキソプロフェン錠60mg", "2026-11-22"));
        let (_, _, resp) = send(app, &w.hospital, &bundle("collection", first)).await;
        assert_eq!(reasons(&resp)[2], "accepted");
        let mut other = who();
        other.push(clins_request("1410900001-2026-R1", Some("2329021F1021"), "ムコスタ錠100mg", "2026-11-22"));
        let (_, _, resp) = send(app, &w.hospital, &bundle("collection", other)).await;
        assert_eq!(reasons(&resp)[2], "identifier_reused", "{resp}");
        let s = summary(app, &w.cookie).await;
        assert!(s.to_string().contains("ロキソプロフェン錠60mg") && !s.to_string().contains("ムコスタ"), "{s}");

        // Identifiers that name no record: the Rp number with JP Core's unexpanded order
        // system, or a facility's patient id.
        for ids in [
            json!([{"system": "http://jpfhir.jp/fhir/core/mhlw/IdSystem/Medication-RPGroupNumber", "value": "1"},
                   {"system": "$JP_MedicationAdministrationIndex ", "value": "1"}]),
            json!([{"system": "urn:oid:1.2.392.100495.20.3.81", "value": "1"},
                   {"system": "urn:oid:1.2.392.100495.20.3.51.11410900001", "value": "000123"}]),
        ] {
            let mut e = who();
            let mut r = clins_request("x", Some("2329021F1021"), "ムコスタ錠100mg", "2026-11-22");
            r["resource"]["identifier"] = ids;
            e.push(r);
            let (_, _, resp) = send(app, &w.hospital, &bundle("collection", e)).await;
            assert_eq!(reasons(&resp)[2], "missing_identifier", "{resp}");
        }

        // An allergy dated by when the record was made, not by its onset in 1990.
        let mut e = who();
        e.push(json!({"fullUrl": "urn:uuid:a1", "resource": {"resourceType": "AllergyIntolerance",
            "meta": {"lastUpdated": "2026-11-29T10:00:00+09:00"},
            "identifier": [{"system": INSTANCE, "value": "1410900001-2026-A1"}],
            "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "code": "active"}]},
            "category": ["medication"], "criticality": "high",
            "code": {"text": "ペニシリン系抗菌薬"},
            "patient": {"reference": "urn:uuid:0b7e8f0c-0000-4000-8000-000000000001"}, "onsetDateTime": "1990"}}));
        let (_, _, resp) = send(app, &w.hospital, &bundle("collection", e)).await;
        assert_eq!(reasons(&resp)[2], "accepted", "{resp}");
        // It has no drug code: the summary says it is compared with medicines by name only.
        let s = summary(app, &w.cookie).await;
        let penicillin = s["allergies"].as_array().unwrap().iter().find(|a| a["text"] == "ペニシリン系抗菌薬").unwrap();
        assert_eq!(penicillin["comparedBy"], "name");

        // Patients named ambiguously are never guessed at.
        let mut twice = who();
        let mut taro = twice[0].clone();
        taro["resource"]["name"][0]["text"] = json!("山田 太郎");
        twice.push(taro);
        twice.push(clins_request("1410900001-2026-P1", Some("2329021F1021"), "ムコスタ錠100mg", "2026-11-22"));
        let (_, _, resp) = send(app, &w.hospital, &bundle("collection", twice)).await;
        assert_eq!(reasons(&resp)[3], "patient_reference", "two Patients with one fullUrl: {resp}");
        let mut e = who();
        e[0]["resource"]["gender"] = json!("male");
        e.push(clins_request("1410900001-2026-P2", Some("2329021F1021"), "ムコスタ錠100mg", "2026-11-22"));
        let (_, _, resp) = send(app, &w.hospital, &bundle("collection", e)).await;
        assert_eq!(reasons(&resp)[2], "patient_mismatch", "gender: {resp}");
        let mut e = who();
        e.push(clins_request("1410900001-2026-P3", Some("2329021F1021"), "ムコスタ錠100mg", "2026-11-22"));
        e[2]["resource"]["subject"]["identifier"] = json!({"system": MEMBER, "value": "33120015:12:9999:01"});
        let (_, _, resp) = send(app, &w.hospital, &bundle("collection", e)).await;
        assert_ne!(reasons(&resp)[2], "accepted", "a reference and an identifier naming others: {resp}");
        let mut e = who();
        e[0]["resource"]["name"].as_array_mut().unwrap().insert(0, json!({"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation", "valueCode": "SYL"}], "text": "ヤマダ タロウ"}));
        e.push(clins_request("1410900001-2026-P4", Some("2329021F1021"), "ムコスタ錠100mg", "2026-11-22"));
        let (_, _, resp) = send(app, &w.hospital, &bundle("collection", e)).await;
        assert_eq!(reasons(&resp)[2], "patient_mismatch", "two readings, one another's: {resp}");
        let held = count(app, "medication").await;
        assert_eq!(held, 1);

        // JAHIS: a dispensing cut at a record's end is refused when the whole one is held,
        // and replaces nothing; a whole one sent after a cut one takes its place.
        let head = "JAHISTC08,1\r\n1,山田 花子,2,S250401,,,,,,,ヤマダ ハナコ\r\n";
        let group = |day: &str| format!("5,{day},1\r\n11,デモ薬局,14,4,0900004,,,,1\r\n51,デモ内科クリニック,14,1,0900002,1\r\n201,1,アムロジピン錠5mg,1,錠,4,2171022F1093,1\r\n301,1,1日1回朝食後,28,日分,1,1,,1\r\n201,2,ワーファリン錠1mg,2,錠,4,3332001F1060,1\r\n301,2,1日1回夕食後,28,日分,1,1,,1\r\n");
        let whole = format!("{head}{}", group("20261128"));
        let cut = whole[..whole.find("201,2,").unwrap()].to_owned();
        let (_, r) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&whole)).await;
        assert_eq!(r["accepted"], 2, "{r}");
        let (status, r) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&cut)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(r["items"][0]["outcome"], "partial_dispensing", "{r}");
        assert_eq!(count(app, "medication").await, held + 2);
        let later = |t: &str| t.replace("20261128", "20261129");
        let (_, r) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&later(&cut))).await;
        assert_eq!(r["accepted"], 1, "{r}");
        let (_, r) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&later(&whole))).await;
        assert_eq!(r["accepted"], 2, "{r}");
        let s = summary(app, &w.cookie).await;
        let on_29th: Vec<&str> = s["history"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["date"] == "2026-11-29")
            .map(|m| m["name"].as_str().unwrap())
            .collect();
        assert_eq!(on_29th.len(), 2, "the cut dispensing gave way to the whole one: {on_29th:?}");

        // Two dispensings of one file that say the same are two dispensings.
        let two = format!("{head}{}{}", group("20261130"), group("20261130"));
        let (_, r) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&two)).await;
        assert_eq!(r["accepted"], 4, "{r}");
        let (_, r) = send_jahis(app, &w.pharmacy, HANAKO, sjis(&two)).await;
        assert_eq!(r["unchanged"], 4, "{r}");
    })
    .await;
}

/// The summary is made once per version of the person's records and served
/// again while nothing changes; a change shows at once, whichever server on
/// the database wrote it. The history comes with its 20 newest entries and
/// the rest a page at a time, in the same order.
#[tokio::test]
async fn the_summary_pages_its_history_and_shows_each_change_at_once() {
    each_backend(async |app| {
        let w = world(app).await;
        app.clock.advance(Duration::days(130)); // 2026-03-31 plus: well after joining
        let today = (app.clock.now() + Duration::hours(9)).date_naive();
        let mut entries = vec![patient(HANAKO)];
        for i in 0..120 {
            let day = today - Duration::days(i);
            entries.push(request(
                &format!("page-{i}"),
                "2171022F1093",
                &format!("薬{i:03}"),
                &format!("{day}T10:00:00+09:00"),
                1,
            ));
        }
        let (status, _, resp) = send(app, &w.hospital, &bundle("transaction", entries)).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        let cookie = sign_in(app).await;
        let s = summary(app, &cookie).await;
        assert_eq!(s["historyTotal"], 120);
        let first: Vec<&str> = s["history"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
        assert_eq!(first.len(), 20);
        assert_eq!(first[0], "薬000", "newest first");
        assert!(!app.state.summaries.is_empty(), "kept for the next read");

        let page = async |query: &str| {
            let (status, _, body) =
                read(app.client.get(format!("/api/me/summary/history{query}")).header("cookie", &cookie).send().await)
                    .await;
            (status, body)
        };
        let mut names: Vec<String> = first.iter().map(|n| (*n).to_owned()).collect();
        for offset in [20, 70] {
            let (status, body) = page(&format!("?offset={offset}&limit=50")).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            assert_eq!((body["offset"].as_u64(), body["total"].as_u64()), (Some(offset), Some(120)));
            names.extend(body["items"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap().to_owned()));
        }
        let expected: Vec<String> = (0..120).map(|i| format!("薬{i:03}")).collect();
        assert_eq!(names, expected, "the pages continue the first one, newest first");
        let (_, body) = page("?offset=120").await;
        assert_eq!(body["items"], json!([]));
        let (_, body) = page("").await;
        assert_eq!(body["items"].as_array().unwrap().len(), 50, "50 by default");
        for bad in ["?limit=0", "?limit=101", "?offset=-1", "?limit=x"] {
            let (status, body) = page(bad).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        }

        // Another server on the same database takes in a new record: this one shows it at once.
        let config = crate::support::test_config(&app.db.url, &app.pwa_dir, &[]);
        let other = renkei_api::state::AppState::open(config, std::sync::Arc::new(app.clock.clone())).await.unwrap();
        let other = poem::test::TestClient::new(poem::EndpointExt::boxed(renkei_api::http::app(other)));
        let body = bundle(
            "transaction",
            vec![
                patient(HANAKO),
                request("page-new", "2171022F1093", "新しい薬", &format!("{today}T11:00:00+09:00"), 1),
            ],
        );
        let resp = other
            .post("/api/fhir")
            .header("authorization", format!("Bearer {}", w.hospital))
            .content_type("application/fhir+json")
            .body(body.to_string())
            .send()
            .await;
        assert_eq!(resp.0.status(), StatusCode::OK);
        let s = summary(app, &cookie).await;
        assert_eq!(s["historyTotal"], 121);
        assert!(s["history"].as_array().unwrap().iter().any(|m| m["name"] == "新しい薬"), "{s}");

        // And the emergency contact, set through this server, shows at once too.
        let resp = app
            .client
            .put("/api/me/emergency-contact")
            .header("cookie", &cookie)
            .body_json(&json!({"name": "山田 太郎", "relationship": "夫", "phone": "090-1111-2222"}))
            .send()
            .await;
        assert!(resp.0.status().is_success(), "{:?}", resp.0.status());
        assert_eq!(summary(app, &cookie).await["emergencyContact"]["name"], "山田 太郎");
    })
    .await;
}

/// Two facilities sending Bundles about the same two people at once, in
/// opposite orders: every one goes through (each Bundle takes its people's
/// locks in one order, not in the order of its entries).
#[tokio::test]
async fn bundles_about_the_same_people_in_opposite_orders_all_go_through() {
    each_backend(async |app| {
        let w = world(app).await;
        let entry = renkei_api::service::entry_points::list_entry_points(
            &app.state,
            &renkei_api::domain::actor::Actor::System,
            Some("demo"),
        )
        .await
        .unwrap()[0]
            .code
            .as_str()
            .to_owned();
        let version = crate::support::resident::demo_version(app).await;
        let mut taro = details(&new_key(), &entry, version, "taro@example.jp");
        taro["name"] = json!("山田 太郎");
        taro["nameKana"] = json!("やまだ たろう");
        taro["sex"] = json!("male");
        taro["number"] = json!("7890");
        register(app, &taro).await;
        app.clock.advance(Duration::days(1));
        let day = (app.clock.now() + Duration::hours(9)).date_naive();
        let taro_patient = json!({"fullUrl": "urn:uuid:0b7e8f0c-0000-4000-8000-000000000002", "resource": {
            "resourceType": "Patient", "identifier": [{"system": MEMBER, "value": "33120015:12:7890:01"}],
            "name": [{"text": "山田 太郎"}], "gender": "male", "birthDate": "1950-04-01"}});
        let for_taro = |id: &str| {
            let mut r = request(id, "2171022F1093", "アムロジピン", &format!("{day}T10:00:00+09:00"), 30);
            r["resource"]["subject"]["reference"] = json!("urn:uuid:0b7e8f0c-0000-4000-8000-000000000002");
            r
        };
        for round in 0..8 {
            let a = bundle(
                "collection",
                vec![
                    patient(HANAKO),
                    taro_patient.clone(),
                    request(
                        &format!("h-{round}"),
                        "2171022F1093",
                        "アムロジピン",
                        &format!("{day}T10:00:00+09:00"),
                        30,
                    ),
                    for_taro(&format!("t-{round}")),
                ],
            );
            let b = bundle(
                "collection",
                vec![
                    patient(HANAKO),
                    taro_patient.clone(),
                    for_taro(&format!("t2-{round}")),
                    request(
                        &format!("h2-{round}"),
                        "2171022F1093",
                        "アムロジピン",
                        &format!("{day}T10:00:00+09:00"),
                        30,
                    ),
                ],
            );
            let (x, y) = tokio::join!(send(app, &w.hospital, &a), send(app, &w.clinic, &b));
            assert_eq!(x.0, StatusCode::OK, "round {round}: {}", x.2);
            assert_eq!(y.0, StatusCode::OK, "round {round}: {}", y.2);
            assert_eq!(reasons(&x.2)[2..], ["accepted", "accepted"], "{}", x.2);
            assert_eq!(reasons(&y.2)[2..], ["accepted", "accepted"], "{}", y.2);
        }
    })
    .await;
}
