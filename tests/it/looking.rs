//! Facilities looking at a resident's record (`domain::looking`), from its
//! first part: the care relationship that a facility's sending data makes.

use poem::http::StatusCode;
use renkei_api::cli::{AdminCommand, NetworkCommand};
use renkei_api::store::{audit, looking, networks, residents};
use serde_json::{Value, json};

use crate::support::facility::{
    CLINIC, HANAKO, HOSPITAL, PHARMACY, bundle, contraindication, dispense, issue_key, patient, request, send,
};
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

        // Data naming her by registration number alone (printed on her mails and forms) is filed,
        // but starts no relationship: the facility showed it knows no more than the number.
        let number = residents::find(db, person).await.unwrap().unwrap().registration_number;
        let system = format!("{}fhir/sid/registration-number", app.state.config.public_url);
        let mut by_number = bundle(
            "transaction",
            vec![patient(HANAKO), request("p-1", "2171022F1020", "アムロジピン錠5mg", "2026-11-21", 28)],
        );
        by_number["entry"][0]["resource"]["identifier"] = json!([{ "system": system, "value": number }]);
        by_number["entry"][0]["resource"].as_object_mut().unwrap().remove("birthDate");
        let pharmacy = networks::find_facility(db, PHARMACY).await.unwrap().unwrap().id;
        let (status, _, resp) = send(app, &issue_key(app, PHARMACY).await, &by_number).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        assert!(resp.to_string().contains("accepted"), "{resp}");
        assert!(looking::live_relationship(db, person, pharmacy).await.unwrap().is_none(), "number alone");

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
        // With the profession and what it saw, as on /me/access.
        assert!(
            looked.iter().any(|l| l["role"] == "care_worker"
                && l["parts"] == json!(["current_medicines", "allergies", "emergency_contact"])),
            "{looked:?}"
        );

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
        // The clinic sends its earlier prescription again (the same identifier): it is under the
        // consent in force now, and its nurse sees it.
        let resent = bundle(
            "transaction",
            vec![patient(HANAKO), request("rx-1", "2171022F1020", "アムロジピン錠5mg", "2026-11-21", 56)],
        );
        let (status, _, resp) = send(app, &key, &resent).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        assert!(resp.to_string().contains("updated") || resp.to_string().contains("200"), "{resp}");
        let (status, r) = look(nurse.cookie.clone(), number.clone()).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        let mut names: Vec<&str> =
            r["medicationHistory"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
        names.sort_unstable();
        assert_eq!(names, ["アムロジピン錠5mg", "ロキソプロフェンNa錠60mg"], "{r}");
    })
    .await;
}

async fn look(app: &crate::support::TestApp, cookie: &str, body: Value) -> (StatusCode, Value) {
    staff_post(app, "/api/staff/records/lookup", cookie, &body).await
}

/// The person's registration QR lets a facility that never treated her look
/// from then on; the number alone does not, a wrong or renewed QR does not,
/// and her insurance card with her birth date finds her as her number does.
/// Reception records that she presented at the desk, which lets its
/// facility's clinicians look; she ends a facility's relationship from her
/// phone and it sees nothing more.
#[tokio::test]
async fn the_qr_the_card_and_the_desk_let_a_facility_look_until_she_ends_it() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (cookie, _) = register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let (status, qr) = staff_get(app, "/api/me/registration-qr", &cookie).await;
        assert_eq!(status, StatusCode::OK, "{qr}");
        let payload = qr["payload"].as_str().unwrap().to_owned();
        assert!(payload.starts_with("RENKEI:"), "{payload}");
        assert!(qr["svg"].as_str().unwrap().contains("<svg"));
        let (_, again) = staff_get(app, "/api/me/registration-qr", &cookie).await;
        assert_eq!(again["payload"], qr["payload"], "the same QR until she asks for a new one");
        let number = qr["registrationNumber"].as_str().unwrap().to_owned();
        let typed = format!("{} {}", number, qr["code"].as_str().unwrap());

        let nurse = enrol(app, HOSPITAL, "nurse", "看護 次郎").await;
        let (status, _) = look(app, &nurse.cookie, json!({ "registrationNumber": number })).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "never treated her");
        // A QR with another secret is nobody's.
        let mut forged = payload.clone();
        let last = forged.pop().unwrap();
        forged.push(if last == '0' { '1' } else { '0' });
        let (status, r) = look(app, &nurse.cookie, json!({ "qrCode": forged })).await;
        assert!(status == StatusCode::NOT_FOUND || status == StatusCode::UNPROCESSABLE_ENTITY, "{status} {r}");
        // Her QR, typed at the desk: the hospital may look from now on.
        let (status, r) = look(app, &nurse.cookie, json!({ "qrCode": typed })).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        assert_eq!(r["registrationNumber"], number.as_str());
        let (status, _) = look(app, &nurse.cookie, json!({ "registrationNumber": number })).await;
        assert_eq!(status, StatusCode::OK, "the relationship holds");
        // Her insurance card and birth date find her too; another birth date finds nobody.
        let card = |born: &str| {
            json!({ "insurerNumber": "33120015", "symbol": "12", "number": "3456", "branch": "01", "birthDate": born })
        };
        let (status, r) = look(app, &nurse.cookie, card("1950-04-01")).await;
        assert_eq!((status, r["name"].as_str()), (StatusCode::OK, Some("山田 花子")), "{r}");
        let (status, _) = look(app, &nurse.cookie, card("1950-04-02")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, r) = look(app, &nurse.cookie, json!({ "insurerNumber": "33120016", "number": "3456" })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a bad check digit and no birth date: {r}");

        // Staff of another network are shown nothing, even with her QR, and start nothing.
        crate::support::facility::add_outsider(app).await;
        let outsider = enrol(app, crate::support::facility::OUTSIDER, "doctor", "他網 医師").await;
        let (status, _) = look(app, &outsider.cookie, json!({ "qrCode": payload })).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another network's facility");
        let (status, _) = look(app, &outsider.cookie, json!({ "registrationNumber": number })).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // She makes a new QR: the old one finds nobody.
        let (status, renewed) = staff_post(app, "/api/me/registration-qr", &cookie, &json!({})).await;
        assert_eq!(status, StatusCode::OK, "{renewed}");
        assert_ne!(renewed["payload"], qr["payload"]);
        let pharmacist = enrol(app, PHARMACY, "pharmacist", "薬剤 三郎").await;
        let (status, _) = look(app, &pharmacist.cookie, json!({ "qrCode": payload })).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "the old QR");

        // Reception at the clinic records that she presented her card: its nurse may look.
        app.clock.advance(chrono::Duration::minutes(1));
        let reception = enrol(app, CLINIC, "reception", "受付 一郎").await;
        let clinic_nurse = enrol(app, CLINIC, "nurse", "看護 花").await;
        let (status, _) = look(app, &clinic_nurse.cookie, json!({ "registrationNumber": number })).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, p) = staff_post(app, "/api/staff/presentations", &reception.cookie, &card("1950-04-01")).await;
        assert_eq!(status, StatusCode::OK, "{p}");
        assert_eq!((p["name"].as_str(), p["started"].as_bool()), (Some("山田 花子"), Some(true)));
        let (status, p) = staff_post(app, "/api/staff/presentations", &reception.cookie, &card("1950-04-02")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{p}");
        let (status, p) =
            staff_post(app, "/api/staff/presentations", &reception.cookie, &json!({ "registrationNumber": number }))
                .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the number alone shows nobody presented: {p}");
        let (status, _) =
            staff_post(app, "/api/staff/presentations", &clinic_nurse.cookie, &card("1950-04-01")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "a nurse does not record the desk's checks");
        let (status, r) = look(app, &clinic_nurse.cookie, json!({ "registrationNumber": number })).await;
        assert_eq!(status, StatusCode::OK, "{r}");

        // She sees both facilities and ends the hospital's relationship.
        let (status, rel) = staff_get(app, "/api/me/care-relationships", &cookie).await;
        assert_eq!(status, StatusCode::OK, "{rel}");
        let items = rel["items"].as_array().unwrap();
        let bases: Vec<&str> = items.iter().map(|r| r["basis"].as_str().unwrap()).collect();
        assert_eq!(bases, ["presented_at_desk", "showed_qr"], "newest first");
        let hospital = items.iter().find(|r| r["basis"] == "showed_qr").unwrap();
        assert_eq!(hospital["facility"]["nameEn"], "Demo General Hospital");
        assert!(hospital.get("firstViewedAt").is_some());
        let id = hospital["id"].as_str().unwrap();
        let resp = app.client.delete(format!("/api/me/care-relationships/{id}")).header("cookie", &cookie).send().await;
        resp.assert_status(StatusCode::NO_CONTENT);
        let resp = app.client.delete(format!("/api/me/care-relationships/{id}")).header("cookie", &cookie).send().await;
        resp.assert_status(StatusCode::NOT_FOUND);
        let (status, _) = look(app, &nurse.cookie, json!({ "registrationNumber": number })).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "ended");
        app.clock.advance(chrono::Duration::minutes(1));
        let (status, _) = look(app, &clinic_nurse.cookie, json!({ "registrationNumber": number })).await;
        assert_eq!(status, StatusCode::OK, "the clinic's stays");

        // Her access record: newest first, by facility and profession, never a staff member's name.
        let (status, access) = staff_get(app, "/api/me/access", &cookie).await;
        assert_eq!(status, StatusCode::OK, "{access}");
        let items = access["items"].as_array().unwrap();
        let first = &items[0];
        assert_eq!(first["action"], "shared_record.viewed");
        assert_eq!(first["facility"]["name"], "デモ内科クリニック");
        assert_eq!(first["role"], "nurse");
        assert!(!access.to_string().contains("看護 花"), "no staff names: {access}");
        assert!(items.iter().any(|i| i["action"] == "care_relationship.started" && i["role"] == "nurse"), "the QR shown");
        assert!(!items.iter().any(|i| i["action"] == "care_relationship.ended"), "her own doings are in her data download");
        assert!(items.iter().any(|i| i["action"] == "shared_record.refused" && i["refused"] == true));
        // Paged.
        let (status, page) = staff_get(app, "/api/me/access?limit=2", &cookie).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["items"].as_array().unwrap().len(), 2);
        let next = page["next"].as_str().unwrap();
        let (_, page2) = staff_get(app, &format!("/api/me/access?limit=2&before={next}"), &cookie).await;
        assert_eq!(page2["items"][0]["id"], items[2]["id"], "{page2}");
    })
    .await;
}

fn review(id: Option<&str>, outcome: Option<&str>, note: Option<&str>) -> AdminCommand {
    AdminCommand::Access(renkei_api::cli::AccessCommand::Review {
        id: id.map(Into::into),
        outcome: outcome.map(Into::into),
        note: note.map(Into::into),
        json: id.is_none(),
    })
}

/// A hospital that never treated her opens her record in an emergency with a
/// reason: it is open for a day, she and her son (a manage-level proxy) are
/// mailed at once, the network office reviews it, and she reads all of it
/// on `/me/access`. A facility's first look is mailed once; she can keep her
/// son out of those mails; her son's view of her access record leaves out a
/// facility whose record she hides from him; a withdrawn person cannot be
/// opened even in an emergency; and guessing is flagged to the office.
#[tokio::test]
async fn an_emergency_access_is_mailed_reviewed_and_shown_and_first_looks_are_mailed_once() {
    each_backend(async |app| {
        let (mut mother, mut son, _, _) = crate::support::proxy::mother_and_son(app).await;
        let fresh = async |email: &str| {
            let (status, headers, body) = crate::support::resident::sign_in_by_code(app, email).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            crate::support::resident::session_cookie(&headers)
        };
        let (_, inv) = crate::support::proxy::invite(app, &mother, "manage").await;
        let (status, accepted) = crate::support::proxy::post_as(
            app,
            "/api/invitations/accept",
            &son,
            None,
            &json!({ "code": inv["code"], "relationship": "child" }),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{accepted}");
        let link = accepted["linkId"].as_str().unwrap().to_owned();
        let (_, me) = crate::support::resident::me(app, &mother).await;
        let number = me["registrationNumber"].as_str().unwrap().to_owned();
        let by_number = json!({ "registrationNumber": number });
        let looked_mails = async |to: &str| -> Vec<(String, String)> {
            crate::support::resident::mails_to(app, to)
                .await
                .into_iter()
                .filter(|(s, _)| s.contains("緊急時の閲覧") || s.contains("施設が情報を見ました"))
                .collect()
        };

        let doctor = enrol(app, HOSPITAL, "doctor", "救急 医師").await;
        let (status, _) = look(app, &doctor.cookie, by_number.clone()).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let emergency = |reason: &str, note: Option<&str>| {
            let mut b = by_number.clone();
            b["reason"] = json!(reason);
            if let Some(n) = note {
                b["note"] = json!(n);
            }
            b
        };
        let (status, r) =
            staff_post(app, "/api/staff/records/emergency", &doctor.cookie, &emergency("other", None)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{r}");
        assert_eq!(r["fields"][0]["field"], "note", "{r}");
        let (status, r) =
            staff_post(app, "/api/staff/records/emergency", &doctor.cookie, &emergency("a hunch", None)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{r}");
        assert!(looked_mails("hanako@example.jp").await.is_empty(), "nothing opened, nobody mailed");

        let (status, r) = staff_post(
            app,
            "/api/staff/records/emergency",
            &doctor.cookie,
            &emergency("emergency_transport", Some("意識レベル低下で救急搬送")),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{r}");
        let until: chrono::DateTime<chrono::Utc> = serde_json::from_value(r["emergencyUntil"].clone()).unwrap();
        assert_eq!(until, app.state.clock.now() + chrono::Duration::hours(24));
        let hers = looked_mails("hanako@example.jp").await;
        assert_eq!(hers.len(), 1, "{hers:?}");
        assert!(hers[0].1.contains("救急搬送") && hers[0].1.contains("医師"), "{}", hers[0].1);
        assert!(!hers[0].1.contains("デモ総合病院"), "the mail does not name the facility");
        assert!(!hers[0].1.contains("意識レベル"), "nor carry the note");
        let his = looked_mails("taro@example.jp").await;
        assert_eq!(his.len(), 1, "her manage-level proxy too");
        assert!(his[0].1.contains("山田 花子さんの"), "{}", his[0].1);
        // Within the day: the same access, no new mail.
        let (status, _) =
            staff_post(app, "/api/staff/records/emergency", &doctor.cookie, &emergency("emergency_transport", None))
                .await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = look(app, &doctor.cookie, by_number.clone()).await;
        assert_eq!(status, StatusCode::OK, "open for the day");
        assert_eq!(looked_mails("hanako@example.jp").await.len(), 1);

        // The office reviews it; she sees the reason and the outcome.
        let listed: Value = serde_json::from_str(&admin(app, review(None, None, None)).await.unwrap()).unwrap();
        let pending = listed["pending"].as_array().unwrap();
        assert_eq!(pending.len(), 1, "{listed}");
        assert_eq!(
            (pending[0]["staff"].as_str(), pending[0]["reason"].as_str(), pending[0]["note"].as_str()),
            (Some("救急 医師"), Some("emergency_transport"), Some("意識レベル低下で救急搬送"))
        );
        let id = pending[0]["id"].as_str().unwrap().to_owned();
        assert!(admin(app, review(Some(&id), Some("inappropriate"), None)).await.is_err(), "say why");
        admin(app, review(Some(&id), Some("appropriate"), Some("救急外来の記録と一致"))).await.unwrap();
        assert!(admin(app, review(Some(&id), Some("appropriate"), None)).await.is_err(), "once");
        let (_, access) = staff_get(app, "/api/me/access", &mother).await;
        let opened = access["items"].as_array().unwrap().iter().find(|i| i["action"] == "emergency_access.opened");
        let opened = opened.unwrap_or_else(|| panic!("{access}"));
        assert_eq!(opened["emergency"]["reason"], "emergency_transport");
        assert_eq!(opened["emergency"]["reviewOutcome"], "appropriate");
        assert_eq!(
            (opened["facility"]["name"].as_str(), opened["role"].as_str()),
            (Some("デモ総合病院"), Some("doctor"))
        );
        // A day later it is closed.
        app.clock.advance(chrono::Duration::hours(25));
        let doctor = enrol(app, HOSPITAL, "doctor", "救急 医師二").await;
        let (status, _) = look(app, &doctor.cookie, by_number.clone()).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "expired");
        mother = fresh("hanako@example.jp").await;
        son = fresh("taro@example.jp").await;

        // The clinic sends data; its first look is mailed to both, once.
        let key = issue_key(app, CLINIC).await;
        let data = bundle(
            "transaction",
            vec![
                patient(HANAKO),
                request("rx-1", "2171022F1020", "アムロジピン錠5mg", "2026-11-21", 28),
                request("rx-2", "1149019F1560", "ロキソプロフェンNa錠60mg", "2026-11-21", 7),
            ],
        );
        let (status, _, resp) = send(app, &key, &data).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        let nurse = enrol(app, CLINIC, "nurse", "看護 花").await;
        for _ in 0..2 {
            let (status, _) = look(app, &nurse.cookie, by_number.clone()).await;
            assert_eq!(status, StatusCode::OK);
        }
        assert_eq!(looked_mails("hanako@example.jp").await.len(), 2);
        assert_eq!(looked_mails("taro@example.jp").await.len(), 2);
        // She keeps her son out of those mails: the pharmacy's first look reaches her only.
        let resp = app
            .client
            .put("/api/me/access-alerts")
            .header("cookie", &mother)
            .body_json(&json!({ "toProxies": false }))
            .send()
            .await;
        resp.assert_status_is_ok();
        let resp = app
            .client
            .put("/api/me/access-alerts")
            .header("cookie", &son)
            .header(crate::support::proxy::ACT, &link)
            .body_json(&json!({ "toProxies": true }))
            .send()
            .await;
        resp.assert_status(StatusCode::FORBIDDEN);
        let (_, qr) = staff_get(app, "/api/me/registration-qr", &mother).await;
        let pharmacist = enrol(app, PHARMACY, "pharmacist", "薬剤 三郎").await;
        let (status, _) = look(app, &pharmacist.cookie, json!({ "qrCode": qr["payload"] })).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(looked_mails("hanako@example.jp").await.len(), 3);
        assert_eq!(looked_mails("taro@example.jp").await.len(), 2);

        // She hides the clinic's medicine from him: his view of her access record leaves the clinic out.
        let (_, summary) = staff_get(app, "/api/me/summary", &mother).await;
        let hidden = summary["current"][0]["id"].as_str().unwrap_or_else(|| panic!("{summary}")).to_owned();
        let resp = app
            .client
            .put(format!("/api/me/records/{hidden}/visibility"))
            .header("cookie", &mother)
            .body_json(&json!({ "hiddenFromProxies": true }))
            .send()
            .await;
        resp.assert_status_is_ok();
        let (status, his_view) = crate::support::proxy::get(app, "/api/me/access", &son, Some(&link)).await;
        assert_eq!(status, StatusCode::OK, "{his_view}");
        let text = his_view.to_string();
        assert!(!text.contains("デモ内科クリニック") && !text.contains("Demo Internal"), "{his_view}");
        assert!(text.contains("デモ薬局") && text.contains("デモ総合病院"), "{his_view}");
        assert!(!text.contains("medical_data.received"), "{his_view}");
        let (_, her_view) = staff_get(app, "/api/me/access", &mother).await;
        assert!(her_view.to_string().contains("デモ内科クリニック"));
        assert!(
            her_view.to_string().contains("山田 太郎")
                || her_view["items"].as_array().unwrap().iter().any(|i| i["actorKind"] == "proxy"),
            "his read is in hers: {her_view}"
        );
        let (status, his_list) = crate::support::proxy::get(app, "/api/me/care-relationships", &son, Some(&link)).await;
        assert_eq!(status, StatusCode::OK, "a manage-level proxy handles them");
        let text = his_list.to_string();
        assert!(
            text.contains("デモ薬局") && !text.contains("デモ内科クリニック"),
            "no trace of the hidden record: {his_list}"
        );
        let (_, her_list) = staff_get(app, "/api/me/care-relationships", &mother).await;
        assert!(her_list.to_string().contains("デモ内科クリニック"));
        // He stops the pharmacy for her: she is mailed (her QR was renewed).
        let pharmacy =
            his_list["items"].as_array().unwrap().iter().find(|r| r["facility"]["name"] == "デモ薬局").unwrap();
        let resp = app
            .client
            .delete(format!("/api/me/care-relationships/{}", pharmacy["id"].as_str().unwrap()))
            .header("cookie", &son)
            .header(crate::support::proxy::ACT, &link)
            .send()
            .await;
        resp.assert_status(StatusCode::NO_CONTENT);
        let told = crate::support::resident::mails_to(app, "hanako@example.jp").await;
        let (_, body) = told.iter().rev().find(|(s, _)| s.contains("見せるのをやめました")).expect("she is told");
        assert!(body.contains("山田 太郎") && body.contains("新しくなり"), "{body}");

        // Guessing numbers is refused, bounded, and flagged to the office.
        let guesser = enrol(app, HOSPITAL, "nurse", "看護 推測").await;
        let mut refused = 0;
        for round in 0..2 {
            for i in 0..12 {
                let n = renkei_api::domain::public_id::PublicId::generate(10, &mut rand::rng()).to_string();
                let (status, _) = look(app, &guesser.cookie, json!({ "registrationNumber": n })).await;
                if status == StatusCode::NOT_FOUND {
                    refused += 1;
                } else {
                    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "round {round}, try {i}");
                }
            }
            // Past the quarter hour, keeping the session alive.
            app.clock.advance(chrono::Duration::minutes(8));
            assert_eq!(staff_get(app, "/api/staff/me", &guesser.cookie).await.0, StatusCode::OK);
            app.clock.advance(chrono::Duration::minutes(8));
        }
        assert_eq!(refused, 20, "ten in each quarter hour");
        let listed: Value = serde_json::from_str(&admin(app, review(None, None, None)).await.unwrap()).unwrap();
        let flagged = listed["flagged"].as_array().unwrap();
        assert_eq!(flagged.len(), 1, "{listed}");
        assert_eq!(
            (flagged[0]["name"].as_str(), flagged[0]["why"][0].as_str()),
            (Some("看護 推測"), Some("many_refusals"))
        );

        // She withdraws: not even an emergency opens her record.
        mother = fresh("hanako@example.jp").await;
        let doctor = enrol(app, HOSPITAL, "doctor", "救急 医師三").await;
        let (_, consents) = staff_get(app, "/api/me/consents", &mother).await;
        let consent = consents["memberships"][0]["consentId"].clone();
        let (status, _) =
            staff_post(app, "/api/me/networks/demo/withdraw", &mother, &json!({ "consentId": consent })).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) =
            staff_post(app, "/api/staff/records/emergency", &doctor.cookie, &emergency("cannot_consent", None)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    })
    .await;
}

async fn read_fhir(app: &crate::support::TestApp, key: &str, staff: &str, body: &Value) -> (StatusCode, Value) {
    let (status, headers, body) = crate::support::client::read(
        app.client
            .post("/api/fhir/shared-record")
            .header("authorization", format!("Bearer {key}"))
            .header("renkei-staff", staff)
            .body_json(body)
            .send()
            .await,
    )
    .await;
    if status == StatusCode::OK {
        assert!(
            headers.get("content-type").unwrap().to_str().unwrap().starts_with("application/fhir+json"),
            "{headers:?}"
        );
    }
    (status, body)
}

/// An electronic chart's "network" button: the facility's key names one of
/// its enrolled clinical staff, and reads what that staff member would see,
/// as JP Core resources; a key naming anyone else, a disabled staff member
/// or a revoked key is refused with its own code, and each look is audited.
#[tokio::test]
async fn a_facility_system_reads_what_its_staff_member_may_see_as_fhir() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (cookie, _) = register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let (_, me) = crate::support::resident::me(app, &cookie).await;
        let who = json!({ "registrationNumber": me["registrationNumber"] });
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
        let (unenrolled, _) = crate::support::staff::invite(app, CLINIC, "doctor", "未登録 医師").await;
        let elsewhere = enrol(app, HOSPITAL, "nurse", "看護 次郎").await;

        let (status, b) = read_fhir(app, &key, &nurse.id.to_string(), &who).await;
        assert_eq!(status, StatusCode::OK, "{b}");
        assert_eq!((b["resourceType"].as_str(), b["type"].as_str()), (Some("Bundle"), Some("collection")));
        let kinds: Vec<&str> =
            b["entry"].as_array().unwrap().iter().map(|e| e["resource"]["resourceType"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["Patient", "MedicationRequest", "AllergyIntolerance"], "{b}");
        assert!(!b.to_string().contains("Coverage"), "the insurance is not sent");
        assert_eq!(
            b["entry"][0]["resource"]["meta"]["profile"][0],
            "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient"
        );
        // A care worker sees neither the history nor the contraindication: today's medicine only.
        let (status, b) = read_fhir(app, &key, &carer.id.to_string(), &who).await;
        assert_eq!(status, StatusCode::OK, "{b}");
        let kinds: Vec<&str> =
            b["entry"].as_array().unwrap().iter().map(|e| e["resource"]["resourceType"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["Patient", "MedicationRequest"], "{b}");
        let tags: Vec<&str> =
            b["meta"]["tag"].as_array().unwrap().iter().map(|t| t["code"].as_str().unwrap()).collect();
        assert_eq!(tags, ["current_medicines", "allergies", "emergency_contact"]);

        // Refused, each with its code: someone else's staff, reception, someone not enrolled, no id at all.
        for (staff, what) in [
            (elsewhere.id.to_string(), "another facility's nurse"),
            (reception.id.to_string(), "reception"),
            (unenrolled.to_string(), "not enrolled"),
            ("not-an-id".to_owned(), "not an id"),
        ] {
            let (status, b) = read_fhir(app, &key, &staff, &who).await;
            assert_eq!(
                (status, b["code"].as_str()),
                (StatusCode::FORBIDDEN, Some("staff_not_recognised")),
                "{what}: {b}"
            );
        }
        let refused = audit::recent(app.state.db.reader(), 20)
            .await
            .unwrap()
            .into_iter()
            .filter(|a| a.action == "shared_record.refused" && a.actor_kind == "facility_system")
            .count();
        assert_eq!(refused, 4, "each attempt is in the audit log");
        // A person the nurse may not see: the same 404 as in the console.
        let (status, _) =
            read_fhir(app, &key, &nurse.id.to_string(), &json!({ "registrationNumber": "0000-0000-00" })).await;
        assert!(status == StatusCode::NOT_FOUND || status == StatusCode::UNPROCESSABLE_ENTITY);
        // The look is hers to read: the clinic's nurse, through the clinic's system.
        let (_, access) = staff_get(app, "/api/me/access", &cookie).await;
        let viewed = access["items"].as_array().unwrap().iter().find(|i| i["actorKind"] == "facility_system").cloned();
        let viewed = viewed.unwrap_or_else(|| panic!("{access}"));
        assert_eq!((viewed["role"].as_str(), viewed["channel"].as_str()), (Some("care_worker"), Some("api")));
        // A disabled staff member, and a revoked key.
        admin(app, AdminCommand::Staff(renkei_api::cli::StaffCommand::Disable { id: nurse.id.to_string() }))
            .await
            .unwrap();
        let (status, b) = read_fhir(app, &key, &nurse.id.to_string(), &who).await;
        assert_eq!((status, b["code"].as_str()), (StatusCode::FORBIDDEN, Some("staff_not_recognised")), "{b}");
        let (status, _) = read_fhir(app, "rkf_nothing_here", &carer.id.to_string(), &who).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        admin(
            app,
            AdminCommand::Facility(renkei_api::cli::FacilityCommand::Key(
                renkei_api::cli::FacilityKeyCommand::Revoke { key: key.clone() },
            )),
        )
        .await
        .unwrap();
        let (status, b) = read_fhir(app, &key, &carer.id.to_string(), &who).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "a revoked key: {b}");
    })
    .await;
}

/// The emergency-access and first-look mails travel over SMTP to a real
/// SMTP server, each in its own words.
#[tokio::test]
async fn the_look_alerts_arrive_over_smtp() {
    let smtp = crate::support::smtp::SmtpServer::start().await;
    for backend in crate::support::backends() {
        let owned = crate::support::TestApp::spawn_with(backend, &[("RENKEI_MAIL_URL", &smtp.url())]).await;
        let app = &owned;
        let (entry, version) = demo(app).await;
        let to = format!("looked.{backend:?}@example.jp").to_lowercase();
        let body = details(&new_key(), &entry, version, &to);
        crate::support::resident::post(app, "/api/registrations", &body).await;
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
        crate::support::resident::post(app, "/api/registrations/verify-email", &json!({ "key": key, "code": code }))
            .await;
        let (status, headers, _) =
            crate::support::resident::post(app, "/api/registrations/complete", &json!({ "key": key })).await;
        assert_eq!(status, StatusCode::OK);
        let cookie = crate::support::resident::session_cookie(&headers);
        let (_, qr) = staff_get(app, "/api/me/registration-qr", &cookie).await;

        let doctor = enrol(app, HOSPITAL, "doctor", "救急 医師").await;
        let asked = json!({ "qrCode": "", "registrationNumber": qr["registrationNumber"], "reason": "cannot_consent" });
        let (status, r) = staff_post(app, "/api/staff/records/emergency", &doctor.cookie, &asked).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        let nurse = enrol(app, PHARMACY, "pharmacist", "薬剤 三郎").await;
        let (status, r) = look(app, &nurse.cookie, json!({ "qrCode": qr["payload"] })).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        app.state.mail.deliver_due().await.unwrap();
        let mails = smtp.emails().await.unwrap();
        let find = |subject: &str| {
            mails
                .iter()
                .find(|m| m["to"][0]["address"] == to.as_str() && m["subject"].as_str().unwrap().contains(subject))
                .unwrap_or_else(|| panic!("{subject} over SMTP"))["text"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let emergency = find("Emergency access");
        assert!(emergency.contains("同意できない") && emergency.contains("/me/access"), "{emergency}");
        let first = find("A facility looked");
        assert!(first.contains("薬剤師") && first.contains("first look since"), "{first}");
        owned.finish().await;
    }
}

/// The rules over HTTP, on both databases: facility with and without a care
/// relationship × every role × every part × consent in force or withdrawn ×
/// emergency access or none. What each look shows is exactly the role's
/// default parts, and a part not shown is absent from the answer.
#[tokio::test]
async fn the_matrix_of_facility_role_part_consent_and_emergency() {
    use renkei_api::domain::looking::{Part, clinical, default_parts};
    use renkei_api::domain::staff::Role;
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (cookie, _) = register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let (_, me) = crate::support::resident::me(app, &cookie).await;
        let by_number = json!({ "registrationNumber": me["registrationNumber"] });
        let contact = json!({ "name": "山田 太郎", "relationship": "長男", "phone": "090-1111-2222" });
        let resp =
            app.client.put("/api/me/emergency-contact").header("cookie", &cookie).body_json(&contact).send().await;
        resp.assert_status_is_ok();
        let data = bundle(
            "transaction",
            vec![
                patient(HANAKO),
                request("rx-1", "2171022F1020", "アムロジピン錠5mg", "2026-11-21", 28),
                contraindication("al-1", "2026-11-21"),
            ],
        );
        let (status, _, resp) = send(app, &issue_key(app, CLINIC).await, &data).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        let field = |p: Part| match p {
            Part::CurrentMedicines => "currentMedicines",
            Part::MedicationHistory => "medicationHistory",
            Part::Allergies => "allergies",
            Part::Contraindications => "contraindications",
            Part::EmergencyContact => "emergencyContact",
        };
        let mut staff = Vec::new();
        for role in Role::ALL {
            for (facility, related) in [(CLINIC, true), (HOSPITAL, false)] {
                let s = enrol(app, facility, role.as_str(), &format!("職員 {}{}", role.as_str(), facility)).await;
                staff.push((role, related, s));
            }
        }
        let check = |role: Role, r: &Value, emergency: bool| {
            let parts = default_parts(role);
            let listed: Vec<&str> = r["parts"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
            let expected: Vec<&str> = parts.iter().map(Part::as_str).collect();
            assert_eq!(listed, expected, "{role:?}");
            for p in Part::ALL {
                assert_eq!(r.get(field(p)).is_some(), parts.contains(p), "{role:?} {p:?}: {r}");
            }
            assert_eq!(r.get("emergencyUntil").is_some(), emergency, "{role:?}: {r}");
        };
        // Consent in force, no emergency.
        for (role, related, s) in &staff {
            let (status, r) = look(app, &s.cookie, by_number.clone()).await;
            match (clinical(*role), related) {
                (false, _) => assert_eq!(status, StatusCode::FORBIDDEN, "{role:?}"),
                (true, true) => {
                    assert_eq!(status, StatusCode::OK, "{role:?}: {r}");
                    check(*role, &r, false);
                }
                (true, false) => assert_eq!(status, StatusCode::NOT_FOUND, "{role:?} without a relationship"),
            }
        }
        // Reception's and administrators' attempts are in the audit log too.
        let not_clinical = audit::recent(app.state.db.reader(), 100)
            .await
            .unwrap()
            .into_iter()
            .filter(|a| a.action == "shared_record.refused")
            .filter(|a| a.detail.as_ref().is_some_and(|d| d["reason"] == "not_clinical"))
            .count();
        assert_eq!(not_clinical, 4, "reception and administrators of both facilities");
        // Emergency access: the unrelated facility's clinical staff see their parts, for a day.
        for (role, related, s) in &staff {
            let mut asked = by_number.clone();
            asked["reason"] = json!("emergency_transport");
            let (status, r) = staff_post(app, "/api/staff/records/emergency", &s.cookie, &asked).await;
            match (clinical(*role), related) {
                (false, _) => assert_eq!(status, StatusCode::FORBIDDEN, "{role:?}"),
                (true, related) => {
                    assert_eq!(status, StatusCode::OK, "{role:?}: {r}");
                    // A facility with a relationship is shown the record as such.
                    check(*role, &r, !related);
                }
            }
        }
        // Only the facility without a relationship opened an emergency access, once: its other
        // clinicians looked under the same one.
        let listed: Value = serde_json::from_str(&admin(app, review(None, None, None)).await.unwrap()).unwrap();
        assert_eq!(listed["pending"].as_array().unwrap().len(), 1, "{listed}");
        assert!(listed["pending"].as_array().unwrap().iter().all(|p| p["facility"] == "デモ総合病院"));
        // Withdrawn: nobody sees anything, emergency or not.
        let (_, consents) = staff_get(app, "/api/me/consents", &cookie).await;
        let consent = consents["memberships"][0]["consentId"].clone();
        let (status, _) =
            staff_post(app, "/api/me/networks/demo/withdraw", &cookie, &json!({ "consentId": consent })).await;
        assert_eq!(status, StatusCode::OK);
        for (role, _, s) in &staff {
            let (status, _) = look(app, &s.cookie, by_number.clone()).await;
            let expected = if clinical(*role) { StatusCode::NOT_FOUND } else { StatusCode::FORBIDDEN };
            assert_eq!(status, expected, "{role:?} after withdrawal");
            let mut asked = by_number.clone();
            asked["reason"] = json!("cannot_consent");
            let (status, _) = staff_post(app, "/api/staff/records/emergency", &s.cookie, &asked).await;
            assert_eq!(status, expected, "{role:?} emergency after withdrawal");
        }
    })
    .await;
}

/// What the person stops stays stopped: after she ends a facility's
/// access, its kept copy of her QR, its reception entering her card and its
/// sending data start nothing; only her new QR does. Ending an emergency
/// access closes it for every clinician there, as the office finding one
/// inappropriate does; she sees emergency accesses among the facilities
/// that can look. Withdrawing from one network leaves the facilities of
/// another she stays in.
#[tokio::test]
async fn what_the_person_stops_stays_stopped() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (cookie, _) = register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let (_, qr) = staff_get(app, "/api/me/registration-qr", &cookie).await;
        let old_qr = qr["payload"].as_str().unwrap().to_owned();
        let by_number = json!({ "registrationNumber": qr["registrationNumber"] });
        let card = json!({ "insurerNumber": "33120015", "symbol": "12", "number": "3456", "branch": "01", "birthDate": "1950-04-01" });

        let pharmacist = enrol(app, PHARMACY, "pharmacist", "薬剤 三郎").await;
        let (status, _) = look(app, &pharmacist.cookie, json!({ "qrCode": old_qr })).await;
        assert_eq!(status, StatusCode::OK);
        let nursing = "1460900005";
        let nurse = enrol(app, nursing, "nurse", "訪問 看護").await;
        let carer = enrol(app, nursing, "care_worker", "訪問 介護").await;
        let mut asked = by_number.clone();
        asked["reason"] = json!("cannot_consent");
        let (status, _) = staff_post(app, "/api/staff/records/emergency", &nurse.cookie, &asked).await;
        assert_eq!(status, StatusCode::OK);

        app.clock.advance(chrono::Duration::minutes(1));
        let (_, rel) = staff_get(app, "/api/me/care-relationships", &cookie).await;
        let items = rel["items"].as_array().unwrap();
        let bases: Vec<&str> = items.iter().map(|r| r["basis"].as_str().unwrap()).collect();
        assert_eq!(bases, ["emergency_access", "showed_qr"], "{rel}");
        assert!(items[0].get("until").is_some());
        let end = async |id: &str| {
            let resp = app.client.delete(format!("/api/me/care-relationships/{id}")).header("cookie", &cookie).send().await;
            resp.assert_status(StatusCode::NO_CONTENT);
        };
        // She stops the nursing station's emergency access: closed for all its clinicians.
        end(items[0]["id"].as_str().unwrap()).await;
        for s in [&nurse, &carer] {
            let (status, _) = look(app, &s.cookie, by_number.clone()).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "closed");
        }
        // She stops the pharmacy.
        end(items[1]["id"].as_str().unwrap()).await;
        let (status, _) = look(app, &pharmacist.cookie, json!({ "qrCode": old_qr })).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "the QR text it kept no longer works");
        let reception = enrol(app, PHARMACY, "reception", "受付 薬局").await;
        let (status, p) = staff_post(app, "/api/staff/presentations", &reception.cookie, &card).await;
        assert_eq!(status, StatusCode::OK, "{p}");
        assert_eq!((p["started"].as_bool(), p["endedByPerson"].as_bool()), (Some(false), Some(true)), "{p}");
        let data = bundle(
            "transaction",
            vec![patient(HANAKO), dispense("d-1", "2171022F1020", "アムロジピン錠5mg", "2026-11-21", 28)],
        );
        let (status, _, resp) = send(app, &issue_key(app, PHARMACY).await, &data).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        let (status, _) = look(app, &pharmacist.cookie, by_number.clone()).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "neither the desk nor its sending data reopen it");
        // Her new QR, shown there: it may look again.
        let (_, qr) = staff_get(app, "/api/me/registration-qr", &cookie).await;
        assert_ne!(qr["payload"].as_str().unwrap(), old_qr);
        let (status, _) = look(app, &pharmacist.cookie, json!({ "qrCode": qr["payload"] })).await;
        assert_eq!(status, StatusCode::OK, "her new QR");

        // The office finds an emergency access inappropriate: closed at once.
        let doctor = enrol(app, HOSPITAL, "doctor", "救急 医師").await;
        let (status, _) = staff_post(app, "/api/staff/records/emergency", &doctor.cookie, &asked).await;
        assert_eq!(status, StatusCode::OK);
        // It sends data during the access: a relationship the review must not leave behind.
        let during = bundle(
            "transaction",
            vec![patient(HANAKO), request("h-9", "1149019F1560", "ロキソプロフェンNa錠60mg", "2026-11-21", 7)],
        );
        let (status, _, resp) = send(app, &issue_key(app, HOSPITAL).await, &during).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        let listed: Value = serde_json::from_str(&admin(app, review(None, None, None)).await.unwrap()).unwrap();
        let id = listed["pending"].as_array().unwrap().iter().find(|p| p["facility"] == "デモ総合病院").unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        admin(app, review(Some(&id), Some("inappropriate"), Some("救急外来の受診記録なし"))).await.unwrap();
        let (status, _) = look(app, &doctor.cookie, by_number.clone()).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "closed by the review");

        // A care worker whose network shows her profession nothing opens no emergency access.
        admin(app, parts("demo", Some("care_worker"), Some(""), false)).await.unwrap();
        let dental = enrol(app, "1430900003", "care_worker", "歯科 介護").await;
        let (status, _) = staff_post(app, "/api/staff/records/emergency", &dental.cookie, &asked).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let listed: Value = serde_json::from_str(&admin(app, review(None, None, None)).await.unwrap()).unwrap();
        assert!(listed["pending"].as_array().unwrap().iter().all(|p| p["facility"] != "デモ歯科医院"), "{listed}");

        // Withdrawing from one network leaves the facilities of the other she stays in.
        let dir = app.db.dir.path();
        let doc = dir.join("other.txt");
        std::fs::write(&doc, "よそネット 参加同意書\n\n要約 summary.\n\n## 1\n本文 body.\n").unwrap();
        admin(app, AdminCommand::Network(NetworkCommand::Add { code: "other".into(), name: "よそネット".into(), name_en: None }))
            .await
            .unwrap();
        admin(
            app,
            AdminCommand::Consent(renkei_api::cli::ConsentCommand::Publish {
                network: "other".into(),
                ja: doc.clone(),
                en: doc.clone(),
                effective: None,
                requires_reconsent: false,
            }),
        )
        .await
        .unwrap();
        let (status, j) = staff_post(app, "/api/me/networks/other/consent", &cookie, &json!({ "version": 1 })).await;
        assert_eq!(status, StatusCode::OK, "{j}");
        let (_, consents) = staff_get(app, "/api/me/consents", &cookie).await;
        let other = consents["memberships"].as_array().unwrap().iter().find(|m| m["network"]["code"] == "other").cloned();
        let other = other.unwrap_or_else(|| panic!("{consents}"));
        let (status, w) =
            staff_post(app, "/api/me/networks/other/withdraw", &cookie, &json!({ "consentId": other["consentId"] })).await;
        assert_eq!(status, StatusCode::OK, "{w}");
        let (status, _) = look(app, &pharmacist.cookie, by_number.clone()).await;
        assert_eq!(status, StatusCode::OK, "the pharmacy is in the network she stays in");
    })
    .await;
}
