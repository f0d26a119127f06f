//! Two records of one person combined by the network office: someone who
//! registered on their phone with only a マイナ保険証 (no numbers) and was
//! entered again from a paper form at a clinic, with her card, by a clerk
//! who took her for a namesake. The office reviews, previews and combines;
//! afterwards she is one record: her phone's passkey still signs her in,
//! both numbers and her card find her, her records, consents and audit
//! entries are together, and an erasure of the combined record still checks.

use poem::http::StatusCode;
use renkei_api::cli::{AdminCommand, AuditCommand, PersonCommand, ReviewCommand};
use serde_json::{Value, json};

use crate::support::facility::{
    CLINIC, HOSPITAL, MEMBER, PHARMACY, bundle, issue_key, jahis_outcomes, reasons, request, send, sjis,
};
use crate::support::proxy::{get, post_as};
use crate::support::resident::{
    Phone, count, demo, details, mails_to, new_key, post, post_with_cookie, register, register_with_passkey,
    session_cookie,
};
use crate::support::staff::{enrol, staff_post};
use crate::support::{TestApp, admin, each_backend};

/// 鈴木 和子 registering on her phone without numbers.
fn on_her_phone(entry: &str, version: i64) -> Value {
    let mut d = details(&new_key(), entry, version, "kazuko@example.jp");
    d["name"] = json!("鈴木 和子");
    d["nameKana"] = json!("すずき かずこ");
    d["birthDate"] = json!("1951-12-10");
    for field in ["insurerNumber", "symbol", "number"] {
        d[field] = json!("");
    }
    d["branch"] = Value::Null;
    d["documentKind"] = json!("my_number_card");
    d["numbersLater"] = json!(true);
    d
}

/// Her paper form at the clinic, with the numbers of her card.
fn her_paper_form(version: i64) -> Value {
    json!({
        "name": "鈴木 和子", "nameKana": "スズキ カズコ", "sex": "female", "birthDate": "S26.12.10",
        "phone": "046-822-4300", "address": "横須賀市小川町11", "email": "suzuki.family@example.jp",
        "documentKind": "qualification_certificate",
        "insurerNumber": "33120015", "symbol": "12", "number": "5151", "branch": "01",
        "signedOn": "2026-11-21", "formSerial": "K-0001", "network": "demo", "consentVersion": version,
        "identityChecked": true, "formReceived": true,
    })
}

const HER_CARD: &str = "33120015:12:5151:01";

/// A Bundle naming her by `identifier`, with one prescription.
fn about_her(system: &str, value: &str, id: &str) -> Value {
    let patient = json!({"fullUrl": "urn:uuid:0b7e8f0c-0000-4000-8000-000000000001", "resource": {
        "resourceType": "Patient", "id": "kazuko",
        "identifier": [{"system": system, "value": value}],
        "name": [{"text": "鈴木 和子"}], "gender": "female", "birthDate": "1951-12-10"}});
    bundle("collection", vec![patient, request(id, "2149040F1020", "アムロジピン錠5mg", "2026-11-22", 28)])
}

/// The usage of her first dispensing, and as the pharmacy corrected it.
const USUAL: &str = "1日1回朝食後";
const CORRECTED: &str = "1日2回朝夕食後";

/// 山田 花子's medicine notebook (JAHIS 電子版お薬手帳 format, Shift_JIS): two dispensings,
/// the first with the usage `usage`.
fn hanako_notebook(usage: &str) -> Vec<u8> {
    let usage_line = format!("301,1,{usage},28,日分,1,,,1");
    let text = [
        "JAHISTC08,1",
        "1,山田 花子,2,S250401,,,,,,,ヤマダ ハナコ",
        "5,R081125,1",
        "11,デモ薬局,14,4,0900004,,,,1",
        "51,デモ内科クリニック,14,1,0900002,1",
        "201,1,アムロジピン錠5mg「サワイ」,1,錠,4,2171022F1093,1",
        usage_line.as_str(),
        "5,R081126,1",
        "11,デモ薬局,14,4,0900004,,,,1",
        "51,デモ総合病院,14,1,0900001,1",
        "201,1,ロキソプロフェンNa錠60mg,1,錠,4,1149019F1560,1",
        "301,1,1日3回毎食後,5,日分,1,,,1",
    ]
    .join("\r\n")
        + "\r\n";
    sjis(&text)
}

/// Each dispensing's outcome of her notebook, with the usage `usage`, sent for `patient` (a
/// registration number).
async fn jahis(app: &TestApp, key: &str, patient: &str, usage: &str) -> Vec<String> {
    jahis_outcomes(app, key, &patient.replace('-', ""), hanako_notebook(usage)).await
}

const REGISTRATION_NUMBER: &str = "http://localhost:8080/fhir/sid/registration-number";

async fn outcome(app: &TestApp, key: &str, body: &Value) -> String {
    let (status, _, resp) = send(app, key, body).await;
    assert_eq!(status, StatusCode::OK, "{resp}");
    reasons(&resp)[1].clone()
}

async fn resident_id(app: &TestApp, number: &str) -> uuid::Uuid {
    use renkei_api::store::entity::resident;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    resident::Entity::find()
        .filter(resident::Column::RegistrationNumber.eq(number.replace('-', "")))
        .one(app.state.db.reader())
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Her son registers 山田 花子 again, with another card (the office's near match): the second
/// record's number.
async fn register_her_again(app: &TestApp, son: &str, version: i64) -> String {
    let mut again = crate::support::proxy::parent(version, None);
    for (field, value) in [("insurerNumber", "01130012"), ("symbol", "99"), ("number", "1"), ("branch", "00")] {
        again[field] = json!(value);
    }
    let (status, made) = post_as(app, "/api/me/people", son, None, &again).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    made["registrationNumber"].as_str().unwrap().to_owned()
}

fn merge(from: &str, into: &str, confirm: bool) -> AdminCommand {
    AdminCommand::Person(PersonCommand::Merge { from: from.into(), into: into.into(), confirm })
}

/// Signs in with the phone's passkey; the status and the answer.
async fn passkey_sign_in(
    app: &TestApp,
    phone: &mut Phone,
    cred_id: &str,
    handle: uuid::Uuid,
) -> (StatusCode, Value, String) {
    let (status, _, opts) = post(app, "/api/sign-in/passkey-options", &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{opts}");
    let answer = phone.sign_in(&opts["publicKey"], cred_id, handle);
    let (status, headers, signed) =
        post(app, "/api/sign-in/passkey", &json!({ "ceremony": opts["ceremony"], "credential": answer })).await;
    let cookie = if status == StatusCode::OK { session_cookie(&headers) } else { String::new() };
    (status, signed, cookie)
}

#[tokio::test]
async fn the_office_combines_a_registration_without_numbers_and_a_paper_entry_of_the_same_person() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        // On her phone, without numbers, with a passkey.
        let mut phone = Phone::new();
        let (_, done, cred_id) = register_with_passkey(app, &mut phone, &on_her_phone(&entry, version)).await;
        let online_number = done["registrationNumber"].as_str().unwrap().to_owned();
        let online_id = resident_id(app, &online_number).await;
        // Later at the clinic, a clerk takes her for a namesake and enters her paper form.
        app.clock.advance(chrono::Duration::minutes(20));
        let clerk = enrol(app, CLINIC, "reception", "受付 一郎").await;
        let mut form = her_paper_form(version);
        let (status, body) = staff_post(app, "/api/staff/paper-registrations", &clerk.cookie, &form).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("possible_duplicate")));
        form["notDuplicate"] = json!(true);
        let (status, paper) = staff_post(app, "/api/staff/paper-registrations", &clerk.cookie, &form).await;
        assert_eq!(status, StatusCode::CREATED, "{paper}");
        let paper_number = paper["registrationNumber"].as_str().unwrap().to_owned();
        let sheet = paper["claim"]["url"].as_str().unwrap().rsplit('#').next().unwrap().to_owned();
        assert_eq!(count(app, "resident").await, 2);

        // Data reaches each record: by her registration number, and by her card.
        let key = issue_key(app, HOSPITAL).await;
        app.clock.advance(chrono::Duration::days(1));
        let online_plain = online_number.replace('-', "");
        assert_eq!(outcome(app, &key, &about_her(REGISTRATION_NUMBER, &online_plain, "n-1")).await, "accepted");
        assert_eq!(outcome(app, &key, &about_her(MEMBER, HER_CARD, "c-1")).await, "accepted");
        // Adding her numbers on the phone is refused: the card is on the paper record.
        let (status, signed, cookie) = passkey_sign_in(app, &mut phone, &cred_id, online_id).await;
        assert_eq!(status, StatusCode::OK, "{signed}");
        let card = json!({"documentKind": "qualification_certificate", "insurerNumber": "33120015", "symbol": "12",
            "number": "5151", "branch": "01", "startsOn": ""});
        let (_, consents) = get(app, "/api/me/consents", &cookie, None).await;
        let her_own_consent = consents["memberships"][0]["consentId"].clone();
        let (status, refused) = post_as(app, "/api/me/insurance", &cookie, None, &card).await;
        assert_eq!((status, refused["code"].as_str()), (StatusCode::CONFLICT, Some("insurance_held_by_another")));
        let queue = admin(app, AdminCommand::Review(ReviewCommand::List)).await.unwrap();
        assert!(queue.contains("insurance_conflict") && queue.contains("near_match"), "{queue}");

        // The office's preview changes nothing; a mistyped pair is refused.
        let shown = admin(app, merge(&online_number, &paper_number, false)).await.unwrap();
        assert!(shown.contains("nothing changed") && shown.contains("鈴木 和子"), "{shown}");
        assert_eq!(count(app, "resident").await, 2);
        let err = admin(app, merge(&online_number, &online_number, true)).await.unwrap_err();
        assert!(err.to_string().contains("same record"), "{err}");
        let err = admin(app, merge("AAAA-AAAA-A", &paper_number, true)).await.unwrap_err();
        assert!(err.to_string().contains("--from"), "{err}");

        // Combined into the paper record (the office chose it): one record.
        let said = admin(app, merge(&online_number, &paper_number, true)).await.unwrap();
        assert!(said.contains("combined"), "{said}");
        assert_eq!(count(app, "resident").await, 1);
        assert_eq!(count(app, "person_alias").await, 1);
        let (status, _) = get(app, "/api/me", &cookie, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "the retired record's sessions end");

        // Her phone's passkey (its user handle the retired record's id) signs her in.
        let (status, signed, cookie) = passkey_sign_in(app, &mut phone, &cred_id, online_id).await;
        assert_eq!(status, StatusCode::OK, "{signed}");
        assert_eq!(signed["registrationNumber"].as_str(), Some(paper_number.as_str()));
        let (_, me) = get(app, "/api/me", &cookie, None).await;
        // Her confirmed address goes on, not the one reception typed from the form.
        assert_eq!(me["emailMasked"].as_str(), Some("k***@example.jp"), "the address came with her: {me}");
        // Both records' medicines, one consent in force, the merge in the history.
        let summary = crate::support::resident::summary(app, &cookie).await;
        assert_eq!(summary["current"].as_array().map(Vec::len), Some(2), "{summary}");
        // Each facility named with its English name beside the Japanese one, for English readers.
        assert_eq!(summary["current"][0]["facility"], "デモ総合病院", "{summary}");
        assert_eq!(summary["current"][0]["facilityEn"], "Demo General Hospital", "{summary}");
        assert_eq!(summary["sources"][0]["facilityEn"], "Demo General Hospital", "{summary}");
        let (_, consents) = get(app, "/api/me/consents", &cookie, None).await;
        let joined: Vec<&Value> =
            consents["memberships"].as_array().unwrap().iter().filter(|m| m["state"] == "joined").collect();
        assert_eq!(joined.len(), 1, "{consents}");
        assert_eq!(joined[0]["consentId"], her_own_consent, "the consent she gave first goes on: {consents}");
        assert!(consents["history"].as_array().unwrap().iter().any(|h| h["channel"] == "merge"), "{consents}");
        let stats = admin(
            app,
            AdminCommand::Consent(renkei_api::cli::ConsentCommand::Stats { network: "demo".into(), json: false }),
        )
        .await
        .unwrap();
        assert!(stats.contains("0 withdrawn, 1 carried over when two records were combined"), "{stats}");
        let (_, insurance) = get(app, "/api/me/insurance", &cookie, None).await;
        assert_eq!(insurance["items"].as_array().map(Vec::len), Some(1), "{insurance}");

        // The paper record's unused claim sheet no longer opens her record (she signs in by
        // herself): nobody holding it can replace her passkey.
        let (status, _, body) =
            post(app, "/api/claims/passkey-options", &json!({ "code": sheet, "birthDate": "1951-12-10" })).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("claim_invalid")));

        // Both numbers and her card still find her; each record's data reaches the one.
        assert_eq!(outcome(app, &key, &about_her(REGISTRATION_NUMBER, &online_plain, "n-2")).await, "accepted");
        assert_eq!(outcome(app, &key, &about_her(MEMBER, HER_CARD, "c-2")).await, "accepted");
        let summary = crate::support::resident::summary(app, &cookie).await;
        assert_eq!(summary["current"].as_array().map(Vec::len), Some(4), "{summary}");

        // The review items it answered are closed; she was told at her address.
        let queue = admin(app, AdminCommand::Review(ReviewCommand::List)).await.unwrap();
        assert_eq!(queue.trim(), "no registrations to review");
        let mails = mails_to(app, "kazuko@example.jp").await;
        assert!(mails.iter().any(|(subject, _)| subject.contains("まとめました")), "{mails:?}");

        // Her data download holds the audit entries about the retired record too.
        let (status, export) = get(app, "/api/me/export", &cookie, None).await;
        assert_eq!(status, StatusCode::OK);
        let actions: Vec<&str> =
            export["accessRecord"].as_array().unwrap().iter().map(|a| a["action"].as_str().unwrap()).collect();
        for a in ["resident.registered", "person.merged", "insurance.added"] {
            assert!(actions.contains(&a), "{a} in {actions:?}");
        }
        assert_eq!(
            actions.iter().filter(|a| **a == "medical_data.received").count(),
            4,
            "data received under both records: {actions:?}"
        );

        // Combining again is refused: the number is retired.
        let err = admin(app, merge(&online_number, &paper_number, true)).await.unwrap_err();
        assert!(err.to_string().contains("combined into another"), "{err}");

        // Withdrawn and erased, the chain still checks (entries about the retired record included).
        let consent = joined[0]["consentId"].clone();
        let (status, _, _) =
            post_with_cookie(app, "/api/me/networks/demo/withdraw", &cookie, &json!({ "consentId": consent })).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _, erased) =
            post_with_cookie(app, "/api/me/medical-data/erase", &cookie, &json!({ "confirm": true })).await;
        assert_eq!(status, StatusCode::OK, "{erased}");
        let verify = AuditCommand::Verify { checkpoints: None, public_key: None, key_file: None, json: true };
        let report = admin(app, AdminCommand::Audit(verify)).await;
        assert!(report.is_ok(), "{report:?}");
    })
    .await;
}

#[tokio::test]
async fn combined_records_keep_one_copy_of_a_dispensing_her_hiding_her_stops_and_one_link_per_proxy() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (hanako, _) = register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let (_, me) = get(app, "/api/me", &hanako, None).await;
        let hanako_number = me["registrationNumber"].as_str().unwrap().to_owned();
        // Her son is not her.
        let (son, son_done) = register(app, &crate::support::proxy::child(&entry, version, "taro@example.jp")).await;
        let son_number = son_done["registrationNumber"].as_str().unwrap().to_owned();
        let err = admin(app, merge(&son_number, &hanako_number, true)).await.unwrap_err();
        assert!(err.to_string().contains("birth dates differ"), "{err}");
        assert_eq!(count(app, "resident").await, 2);

        // She invited her son; later he registers her again with another card (the
        // office's near match). Combined, his two links to her become one: hers, confirmed.
        let (status, link) = crate::support::proxy::invite_and_accept(app, &hanako, &son, "manage", "child").await;
        assert_eq!(status, StatusCode::CREATED, "{link}");
        let second = register_her_again(app, &son, version).await;
        assert_eq!(count(app, "resident").await, 3);

        // The pharmacy sends her notebook to her own record; she hides a medicine from her
        // proxies and has her QR. The same notebook reaches the second record, where her son
        // (confirmed there by the office) stops the pharmacy; then a corrected usage reaches
        // the second record only.
        let pharmacy = issue_key(app, PHARMACY).await;
        app.clock.advance(chrono::Duration::days(8));
        let hanako = crate::support::resident::sign_in(app).await;
        let son = {
            let (status, headers, body) = crate::support::resident::sign_in_by_code(app, "taro@example.jp").await;
            assert_eq!(status, StatusCode::OK, "{body}");
            session_cookie(&headers)
        };
        assert_eq!(jahis(app, &pharmacy, &hanako_number, USUAL).await, ["accepted", "accepted"]);
        let summary = crate::support::resident::summary(app, &hanako).await;
        let amlodipine =
            summary["current"].as_array().unwrap().iter().find(|m| m["code"] == "2171022F1093").unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned();
        let (status, _, _) = crate::support::client::read(
            app.client
                .put(format!("/api/me/records/{amlodipine}/visibility"))
                .header("cookie", &hanako)
                .body_json(&json!({ "hiddenFromProxies": true }))
                .send()
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let (status, qr_before) = get(app, "/api/me/registration-qr", &hanako, None).await;
        assert_eq!(status, StatusCode::OK, "{qr_before}");

        assert_eq!(jahis(app, &pharmacy, &second, USUAL).await, ["accepted", "accepted"]);
        let (_, people) = get(app, "/api/me/people", &son, None).await;
        let second_link = people["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["registrationNumber"].as_str() == Some(second.as_str()))
            .unwrap()["linkId"]
            .as_str()
            .unwrap()
            .to_owned();
        admin(
            app,
            AdminCommand::Proxy(renkei_api::cli::ProxyCommand::Confirm {
                link: second_link.clone(),
                basis: "person_agreed".into(),
            }),
        )
        .await
        .unwrap();
        let (_, rel) = get(app, "/api/me/care-relationships", &son, Some(&second_link)).await;
        let stopped = rel["items"].as_array().unwrap()[0]["id"].as_str().unwrap().to_owned();
        let resp = app
            .client
            .delete(format!("/api/me/care-relationships/{stopped}"))
            .header("cookie", &son)
            .header(crate::support::proxy::ACT, &second_link)
            .send()
            .await;
        resp.assert_status(StatusCode::NO_CONTENT);
        app.clock.advance(chrono::Duration::minutes(5));
        assert_eq!(jahis(app, &pharmacy, &second, CORRECTED).await, ["updated", "unchanged"]);

        let shown = admin(app, merge(&second, &hanako_number, false)).await.unwrap();
        assert!(shown.contains("nothing changed"), "{shown}");
        admin(app, merge(&second, &hanako_number, true)).await.unwrap();
        assert_eq!(count(app, "resident").await, 2, "Hanako and her son");
        let (_, people) = get(app, "/api/me/people", &son, None).await;
        let list = people["people"].as_array().unwrap();
        assert_eq!(list.len(), 1, "{people}");
        assert_eq!(list[0]["registrationNumber"].as_str(), Some(hanako_number.as_str()), "{people}");
        assert_eq!(list[0]["linkId"], link["linkId"], "the confirmed link goes on: {people}");
        assert_eq!(list[0]["standing"], "confirmed", "{people}");

        // One copy of each dispensing (the corrected one), the one she hid still hidden from
        // her son, the pharmacy he stopped stopped on her record too, and her QR renewed (the
        // pharmacy may hold the old one).
        let summary = crate::support::resident::summary(app, &hanako).await;
        assert_eq!(summary["current"].as_array().map(Vec::len), Some(2), "{summary}");
        assert_eq!(summary["historyTotal"], 2, "{summary}");
        let kept = summary["current"].as_array().unwrap().iter().find(|m| m["code"] == "2171022F1093").unwrap();
        assert_eq!(kept["dosage"], "1日2回朝夕食後", "the correction goes on: {kept}");
        let link_id = link["linkId"].as_str().unwrap();
        let (status, his) = get(app, "/api/me/summary", &son, Some(link_id)).await;
        assert_eq!(status, StatusCode::OK, "{his}");
        let names: Vec<&str> = his["current"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
        assert_eq!(names.len(), 1, "{his}");
        assert!(!names.iter().any(|n| n.contains("アムロジピン")), "hidden from him: {names:?}");
        let (_, rel) = get(app, "/api/me/care-relationships", &hanako, None).await;
        assert_eq!(rel["items"].as_array().map(Vec::len), Some(0), "{rel}");
        let (_, qr_after) = get(app, "/api/me/registration-qr", &hanako, None).await;
        assert_ne!(qr_after["payload"], qr_before["payload"], "{qr_after}");
        // The notebook sent again finds the copies it made (no third), under either number.
        assert_eq!(jahis(app, &pharmacy, &second, CORRECTED).await, ["unchanged", "unchanged"]);
        assert_eq!(jahis(app, &pharmacy, &hanako_number, CORRECTED).await, ["unchanged", "unchanged"]);
        let summary = crate::support::resident::summary(app, &hanako).await;
        assert_eq!(summary["historyTotal"], 2, "{summary}");

        // Asking the other way round is refused, saying why.
        let err = admin(app, merge(&hanako_number, &second, true)).await.unwrap_err();
        assert!(err.to_string().contains("--into record has been combined"), "{err}");
    })
    .await;
}

#[tokio::test]
async fn a_withdrawal_made_after_the_other_records_consent_carries_over() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (hanako, _) = register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let (_, me) = get(app, "/api/me", &hanako, None).await;
        let hanako_number = me["registrationNumber"].as_str().unwrap().to_owned();
        let (son, _) = register(app, &crate::support::proxy::child(&entry, version, "taro@example.jp")).await;
        // Her son registers her again with another card: a second record, joined.
        app.clock.advance(chrono::Duration::minutes(1));
        let second = register_her_again(app, &son, version).await;
        // Then she withdraws on her own record: her latest wish for the network.
        app.clock.advance(chrono::Duration::minutes(1));
        let (_, consents) = get(app, "/api/me/consents", &hanako, None).await;
        let consent = consents["memberships"][0]["consentId"].clone();
        let (status, _, _) =
            post_with_cookie(app, "/api/me/networks/demo/withdraw", &hanako, &json!({ "consentId": consent })).await;
        assert_eq!(status, StatusCode::OK);

        admin(app, merge(&second, &hanako_number, true)).await.unwrap();
        let (_, consents) = get(app, "/api/me/consents", &hanako, None).await;
        let states: Vec<&str> =
            consents["memberships"].as_array().unwrap().iter().map(|m| m["state"].as_str().unwrap()).collect();
        assert_eq!(states, ["withdrawn"], "{consents}");
        assert!(
            consents["history"].as_array().unwrap().iter().any(|h| h["channel"] == "merge_withdrawal"),
            "{consents}"
        );
        // Data under the second record's card is no longer shared with her record.
        let key = issue_key(app, HOSPITAL).await;
        app.clock.advance(chrono::Duration::days(1));
        let patient = json!({"fullUrl": "urn:uuid:0b7e8f0c-0000-4000-8000-000000000002", "resource": {
            "resourceType": "Patient", "id": "hanako",
            "identifier": [{"system": MEMBER, "value": "01130012:99:1:00"}],
            "name": [{"text": "山田 花子"}], "gender": "female", "birthDate": "1950-04-01"}});
        let b =
            bundle("collection", vec![patient, request("w-1", "2149040F1020", "アムロジピン錠5mg", "2026-11-22", 28)]);
        assert_ne!(outcome(app, &key, &b).await, "accepted");
        let stats = admin(
            app,
            AdminCommand::Consent(renkei_api::cli::ConsentCommand::Stats { network: "demo".into(), json: false }),
        )
        .await
        .unwrap();
        assert!(stats.contains("2 withdrawn"), "{stats}");
    })
    .await;
}
