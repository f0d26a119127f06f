//! Facilities looking at a resident's record (`domain::looking`), from its
//! first part: the care relationship that a facility's sending data makes.

use poem::http::StatusCode;
use renkei_api::cli::{AdminCommand, NetworkCommand};
use renkei_api::store::{audit, looking, networks, residents};
use serde_json::{Value, json};

use crate::support::facility::{CLINIC, HANAKO, HOSPITAL, bundle, contraindication, issue_key, patient, request, send};
use crate::support::resident::{demo, details, new_key, register};
use crate::support::staff::{enrol, staff_get, staff_post};
use crate::support::{admin, each_backend};

#[tokio::test]
async fn sending_data_makes_one_care_relationship_until_the_person_ends_it() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let key = issue_key(app, CLINIC).await;
        let rx = |id: &str| {
            bundle(
                "transaction",
                vec![patient(HANAKO), request(id, "2171022F1020", "アムロジピン錠5mg", "2026-11-21", 28)],
            )
        };
        for id in ["rx-1", "rx-2"] {
            let (status, _, resp) = send(app, &key, &rx(id)).await;
            assert_eq!(status, StatusCode::OK, "{resp}");
        }
        let db = app.state.db.reader();
        let clinic = networks::find_facility(db, CLINIC).await.unwrap().unwrap().id;
        let hospital = networks::find_facility(db, HOSPITAL).await.unwrap().unwrap().id;
        let person = residents::find_by_email(db, "hanako@example.jp").await.unwrap().unwrap().id;
        // Two sendings, one relationship; none with the hospital, which sent nothing.
        let all = looking::relationships_of(db, person).await.unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(
            (all[0].facility_id, all[0].basis.as_str(), all[0].started_by.as_str()),
            (clinic, "sent_data", "intake")
        );
        assert!(looking::live_relationship(db, person, hospital).await.unwrap().is_none());
        // A record the hospital sends as withdrawn by mistake shows no care: no relationship.
        let mut mistake = rx("h-1");
        mistake["entry"][1]["resource"]["status"] = json!("entered-in-error");
        let (status, _, resp) = send(app, &issue_key(app, HOSPITAL).await, &mistake).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        assert!(resp.to_string().contains("accepted"), "{resp}");
        assert!(looking::live_relationship(db, person, hospital).await.unwrap().is_none());

        // The person ends it; the clinic's next sending (a new visit) starts a new one.
        let now = app.state.clock.now();
        let tx = app.state.db.write().await.unwrap();
        assert!(looking::end_relationship(&*tx, person, clinic, "resident", now).await.unwrap());
        tx.commit().await.unwrap();
        assert!(looking::live_relationship(db, person, clinic).await.unwrap().is_none());
        let (status, _, resp) = send(app, &key, &rx("rx-3")).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        let all = looking::relationships_of(db, person).await.unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all.iter().filter(|r| r.ended_at.is_none()).count(), 1, "one live relationship per facility");
    })
    .await;
}

fn parts(network: &str, role: Option<&str>, parts: Option<&str>, reset: bool) -> AdminCommand {
    AdminCommand::Network(NetworkCommand::Parts {
        network: network.into(),
        role: role.map(Into::into),
        parts: parts.map(Into::into),
        reset,
        json: true,
    })
}

/// A network adjusts which parts of the record a profession sees, with an
/// admin command that the audit log records; the default comes back on reset.
#[tokio::test]
async fn a_network_adjusts_what_a_profession_sees_and_the_audit_log_says_so() {
    each_backend(async |app| {
        demo(app).await;
        let table =
            |out: String| -> Vec<Value> { serde_json::from_str::<Value>(&out).unwrap().as_array().unwrap().clone() };
        let role = |t: &[Value], r: &str| t.iter().find(|x| x["role"] == r).unwrap().clone();
        let shown = table(admin(app, parts("demo", None, None, false)).await.unwrap());
        assert_eq!(shown.len(), 8, "every role");
        assert_eq!(
            role(&shown, "care_worker")["parts"],
            json!(["current_medicines", "allergies", "emergency_contact"])
        );
        assert_eq!(role(&shown, "care_worker")["default"], true);
        assert_eq!(role(&shown, "reception")["parts"], json!([]));

        let changed = table(
            admin(app, parts("demo", Some("care_worker"), Some("allergies, emergency_contact"), false)).await.unwrap(),
        );
        assert_eq!(role(&changed, "care_worker")["parts"], json!(["allergies", "emergency_contact"]));
        assert_eq!(role(&changed, "care_worker")["default"], false);
        assert_eq!(role(&changed, "nurse")["default"], true, "other roles keep theirs");
        let entry = audit::recent(app.state.db.reader(), 5)
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.action == "network.role_parts_changed")
            .expect("audited");
        let detail = entry.detail.expect("a detail");
        assert_eq!(detail["role"], "care_worker");
        assert_eq!(detail["before"], "current_medicines,allergies,emergency_contact");
        assert_eq!(detail["after"], "allergies,emergency_contact");

        // Refused, and nothing changes: reception given parts, a part that does not exist, a network that does not.
        for (net, r, p) in
            [("demo", "reception", "allergies"), ("demo", "nurse", "diagnoses"), ("nowhere", "nurse", "allergies")]
        {
            assert!(admin(app, parts(net, Some(r), Some(p), false)).await.is_err(), "{net} {r} {p}");
        }
        let again = table(admin(app, parts("demo", None, None, false)).await.unwrap());
        assert_eq!(again, changed);

        let reset = table(admin(app, parts("demo", Some("care_worker"), None, true)).await.unwrap());
        assert_eq!(role(&reset, "care_worker"), role(&shown, "care_worker"));
    })
    .await;
}

/// Clinical staff open a person's record by registration number: a nurse of
/// the clinic that treated her sees every part, a care worker there sees
/// less, a hospital that never did sees nothing (answered as an unknown
/// number), reception may not ask, every look is in her record, and her
/// withdrawal ends it on the next request.
#[tokio::test]
async fn each_profession_sees_its_parts_and_a_stranger_facility_sees_nothing() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (cookie, _) = register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let (_, me) = crate::support::resident::me(app, &cookie).await;
        let number = me["registrationNumber"].as_str().unwrap().to_owned();
        let key = issue_key(app, CLINIC).await;
        let data = bundle(
            "transaction",
            vec![
                patient(HANAKO),
                request("rx-1", "2171022F1020", "アムロジピン錠5mg", "2026-11-21", 28),
                contraindication("al-1", "2026-11-21"),
            ],
        );
        let (status, _, resp) = send(app, &key, &data).await;
        assert_eq!(status, StatusCode::OK, "{resp}");

        let nurse = enrol(app, CLINIC, "nurse", "看護 花").await;
        let carer = enrol(app, CLINIC, "care_worker", "介護 太郎").await;
        let reception = enrol(app, CLINIC, "reception", "受付 一郎").await;
        let stranger = enrol(app, HOSPITAL, "nurse", "看護 次郎").await;
        let look = |cookie: String, number: String| async move {
            staff_post(app, "/api/staff/records/lookup", &cookie, &json!({ "registrationNumber": number })).await
        };

        let (status, r) = look(nurse.cookie.clone(), number.clone()).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        assert_eq!(r["name"], "山田 花子");
        assert_eq!(
            r["parts"],
            json!(["current_medicines", "medication_history", "allergies", "contraindications", "emergency_contact"])
        );
        assert_eq!(r["currentMedicines"][0]["name"], "アムロジピン錠5mg");
        assert_eq!(r["medicationHistory"].as_array().unwrap().len(), 1);
        assert_eq!(r["contraindications"][0]["text"], "ロキソプロフェン(薬剤禁忌)", "as stored (NFKC)");
        assert_eq!(r["allergies"], json!([]), "the contraindication is not counted twice");
        assert!(r.get("emergencyUntil").is_none());

        let (status, r) = look(carer.cookie.clone(), number.clone()).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        assert_eq!(r["parts"], json!(["current_medicines", "allergies", "emergency_contact"]));
        assert_eq!(r["currentMedicines"][0]["name"], "アムロジピン錠5mg");
        for hidden in ["medicationHistory", "contraindications"] {
            assert!(r.get(hidden).is_none(), "a care worker does not see {hidden}: {r}");
        }

        // The hospital never treated her: the same answer as a number nobody has.
        let (status, stranger_sees) = look(stranger.cookie.clone(), number.clone()).await;
        assert_eq!((status, stranger_sees["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
        let mut other = number.clone();
        other.replace_range(0..1, if other.starts_with('2') { "3" } else { "2" });
        let (status, unknown) = look(stranger.cookie.clone(), other).await;
        assert!(status == StatusCode::NOT_FOUND || status == StatusCode::UNPROCESSABLE_ENTITY, "{unknown}");
        let (status, _) = look(reception.cookie.clone(), number.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "reception does not open records");

        // Every look, shown or not, is in her record.
        let person = residents::find_by_email(app.state.db.reader(), "hanako@example.jp").await.unwrap().unwrap().id;
        let mine: Vec<String> = audit::recent(app.state.db.reader(), 50)
            .await
            .unwrap()
            .into_iter()
            .filter(|a| a.on_behalf_of == Some(person) && a.action.starts_with("shared_record."))
            .map(|a| a.action)
            .collect();
        assert_eq!(mine, ["shared_record.refused", "shared_record.viewed", "shared_record.viewed"], "newest first");
        // She finds them in her data download: which facility looked, and when.
        let (status, export) = staff_get(app, "/api/me/export", &cookie).await;
        assert_eq!(status, StatusCode::OK);
        let looked: Vec<&Value> = export["accessRecord"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["action"] == "shared_record.viewed")
            .collect();
        assert_eq!(looked.len(), 2, "{export}");
        assert_eq!(looked[0]["facility"], "デモ内科クリニック");
        assert_eq!(looked[0]["actorKind"], "staff");

        // She withdraws: the next look shows nothing.
        let (_, consents) = staff_get(app, "/api/me/consents", &cookie).await;
        let consent = consents["memberships"][0]["consentId"].clone();
        let (status, w) =
            staff_post(app, "/api/me/networks/demo/withdraw", &cookie, &json!({ "consentId": consent })).await;
        assert_eq!(status, StatusCode::OK, "{w}");
        let (status, r) = look(nurse.cookie.clone(), number.clone()).await;
        assert_eq!((status, r["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "{r}");

        // She joins again: the clinic's relationship from before does not reopen her record...
        app.clock.advance(chrono::Duration::minutes(10));
        let (status, j) =
            staff_post(app, "/api/me/networks/demo/consent", &cookie, &json!({ "version": version })).await;
        assert_eq!(status, StatusCode::OK, "{j}");
        let (status, _) = look(nurse.cookie.clone(), number.clone()).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "a relationship from before the withdrawal");
        // ...until the clinic sends for her again, and then only what came after.
        let again = bundle(
            "transaction",
            vec![patient(HANAKO), request("rx-2", "1149019F1560", "ロキソプロフェンNa錠60mg", "2026-11-21", 7)],
        );
        let (status, _, resp) = send(app, &key, &again).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        let (status, r) = look(nurse.cookie.clone(), number.clone()).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        let names: Vec<&str> =
            r["medicationHistory"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["ロキソプロフェンNa錠60mg"], "nothing from before the withdrawal");
        assert_eq!(r["contraindications"], json!([]));
    })
    .await;
}
