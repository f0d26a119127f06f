//! Clinic reception end to end: staff enrolled with a passkey, a paper form
//! entered with its duplicate check and serial, corrected, its claim sheet
//! reissued and claimed on the resident's phone; paper withdrawals; a family
//! member taking the paper form's proxy role; one facility's staff never
//! seeing another's entries; and the 15-minute staff session.

use poem::http::StatusCode;
use renkei_api::cli::{AdminCommand, StaffCommand};
use serde_json::{Value, json};

use crate::support::client::read;
use crate::support::facility::{CLINIC, HANAKO, HOSPITAL, bundle, issue_key, patient, request, send};
use crate::support::resident::{Phone, demo, details, new_key, post, register, session_cookie};
use crate::support::staff::{enrol, staff_get, staff_post};
use crate::support::{TestApp, admin, each_backend};

/// 山田 花子's paper form, as the clinic's reception types it.
fn form(version: i64, serial: &str) -> Value {
    json!({
        "name": "山田 花子", "nameKana": "ヤマダ ハナコ", "sex": "female", "birthDate": "S25.4.1",
        "phone": "046-822-4300", "address": "横須賀市小川町11", "documentKind": "qualification_certificate",
        "insurerNumber": "33120015", "symbol": "12", "number": "3456", "branch": "01",
        "careInsuranceNumber": "0123456789",
        "proxyName": "山田 太郎", "proxyRelationship": "child", "proxyReason": "cannot_operate",
        "signedOn": "2026-11-21", "formSerial": serial, "network": "demo", "consentVersion": version,
        "identityChecked": true, "formReceived": true,
    })
}

fn codes(body: &Value) -> Vec<(String, String)> {
    crate::support::resident::field_codes(body)
}

#[tokio::test]
async fn a_paper_form_entered_checked_corrected_and_claimed_on_the_phone() {
    each_backend(async |app| {
        let (_, version) = demo(app).await;
        let reception = enrol(app, CLINIC, "reception", "受付 一郎").await;
        let (status, me) = staff_get(app, "/api/staff/me", &reception.cookie).await;
        assert_eq!(status, StatusCode::OK, "{me}");
        assert_eq!((me["role"].as_str(), me["facility"]["code"].as_str()), (Some("reception"), Some(CLINIC)));
        assert_eq!(me["networks"][0]["consentVersion"], version);
        assert_eq!(me["idleTimeoutSeconds"], 900);

        // Everything missing or wrong is named at once, and nothing is stored.
        let (status, body) = staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &json!({})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let missing = codes(&body);
        for f in
            ["name", "nameKana", "birthDate", "formSerial", "signedOn", "network", "identityChecked", "formReceived"]
        {
            assert!(missing.contains(&(f.into(), "required".into())), "{f}: {missing:?}");
        }
        let mut bad = form(version, "A-0001");
        bad["insurerNumber"] = json!("33120016");
        bad["careInsuranceNumber"] = json!("123");
        bad["proxyRelationship"] = json!("neighbour");
        bad["signedOn"] = json!("2027-01-01");
        let (_, body) = staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &bad).await;
        let wrong = codes(&body);
        for pair in [
            ("insurerNumber", "check_digit"),
            ("careInsuranceNumber", "invalid_format"),
            ("proxyRelationship", "unknown_value"),
            ("signedOn", "out_of_range"),
        ] {
            assert!(wrong.contains(&(pair.0.into(), pair.1.into())), "{pair:?}: {wrong:?}");
        }
        assert_eq!(crate::support::resident::count(app, "resident").await, 0);

        let (status, entry) =
            staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &form(version, "a-0001")).await;
        assert_eq!(status, StatusCode::CREATED, "{entry}");
        assert_eq!((entry["formSerial"].as_str(), entry["enteredBy"].as_str()), (Some("A-0001"), Some("受付 一郎")));
        let claim = entry["claim"].clone();
        assert!(claim["url"].as_str().unwrap().contains("/claim#"), "{claim}");
        assert!(claim["qrSvg"].as_str().unwrap().contains("<svg"));
        let id = entry["id"].as_str().unwrap().to_owned();

        // One serial per form and facility; the same person twice; a namesake needs a look first.
        let (status, body) =
            staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &form(version, "A-0001")).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("form_serial_used")));
        let (status, body) =
            staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &form(version, "A-0002")).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("already_registered")));
        let mut namesake = form(version, "A-0003");
        namesake["insurerNumber"] = json!("01130012");
        namesake["symbol"] = json!("99");
        namesake["number"] = json!("1");
        namesake["branch"] = json!("00");
        for k in ["proxyName", "proxyRelationship", "proxyReason", "careInsuranceNumber"] {
            namesake.as_object_mut().unwrap().remove(k);
        }
        let (status, body) = staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &namesake).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("possible_duplicate")));
        let (status, found) = staff_post(
            app,
            "/api/staff/duplicates",
            &reception.cookie,
            &json!({ "nameKana": "やまだ はなこ", "birthDate": "1950-04-01" }),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{found}");
        let c = &found["candidates"][0];
        assert_eq!((c["name"].as_str(), c["channel"].as_str()), (Some("山田 花子"), Some("paper")));
        assert!(c["registrationNumber"].as_str().unwrap().contains("****"), "{c}");
        namesake["notDuplicate"] = json!(true);
        let (status, second) = staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &namesake).await;
        assert_eq!(status, StatusCode::CREATED, "{second}");
        assert_eq!(crate::support::resident::count(app, "resident").await, 2);

        // Today's entries, and a correction recorded with who changed what.
        let (_, list) = staff_get(app, "/api/staff/entries", &reception.cookie).await;
        assert_eq!(list["entries"].as_array().unwrap().len(), 2, "{list}");
        let patch = json!({ "phone": "046-822-4301", "address": "横須賀市小川町12", "birthDate": "1950-04-01" });
        let (status, _, fixed) = read(
            app.client
                .patch(format!("/api/staff/entries/{id}"))
                .header("cookie", &reception.cookie)
                .body_json(&patch)
                .send()
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{fixed}");

        // No correction by reception leads to anyone signing in as the person: an address
        // reception writes is no sign-in route until the person's own sign-in begins
        // (claim sheet and birth date), and a change is told to the address it replaces.
        let patch_email = |to: &str| {
            let body = json!({ "email": to, "birthDate": "1950-04-01" });
            let cookie = reception.cookie.clone();
            let path = format!("/api/staff/entries/{id}");
            async move { read(app.client.patch(path).header("cookie", cookie).body_json(&body).send().await).await }
        };
        let (status, _, body) = patch_email("hanako.paper@example.jp").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        app.clock.advance(chrono::Duration::minutes(1));
        // Even with the right date of birth (which reception knows).
        let (status, asked) = crate::support::resident::ask_code(app, "hanako.paper@example.jp", "1950-04-01").await;
        assert_eq!(status, StatusCode::ACCEPTED, "the same answer as for any address");
        let told = crate::support::resident::mails_to(app, "hanako.paper@example.jp").await;
        assert!(told.last().unwrap().1.contains("コードはお送りしていません"), "{:?}", told.last());
        assert!(
            !told.iter().any(|(_, text)| text.contains("確認コード：") || text.contains("Your code")),
            "no code sent"
        );
        for code in ["000000", "123456"] {
            let (status, _, _) =
                crate::support::resident::code_sign_in(app, "hanako.paper@example.jp", code, &asked["flow"]).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        }
        let (status, _, _) = patch_email("reception.takeover@example.jp").await;
        assert_eq!(status, StatusCode::OK);
        let told = crate::support::resident::mails_to(app, "hanako.paper@example.jp").await;
        assert!(told.last().unwrap().1.contains("メールアドレスが変更されました"), "{:?}", told.last());
        // Nor does registering online with the person's details and the address reception
        // wrote: once that mailbox is proved, the answer is "registered already", and no
        // session, no passkey, nothing of hers.
        let (entry, version) = crate::support::resident::demo(app).await;
        let takeover = crate::support::resident::details(
            &crate::support::resident::new_key(),
            &entry,
            version,
            "reception.takeover@example.jp",
        );
        app.clock.advance(chrono::Duration::seconds(31));
        let (status, _, _) = post(app, "/api/registrations", &takeover).await;
        assert_eq!(status, StatusCode::OK);
        let code = crate::support::resident::last_code(app, "reception.takeover@example.jp").await;
        let (status, headers, err) =
            post(app, "/api/registrations/verify-email", &json!({ "key": takeover["key"], "code": code })).await;
        assert_eq!((status, err["code"].as_str()), (StatusCode::CONFLICT, Some("person_registered")), "{err}");
        assert!(headers.get("set-cookie").is_none());
        let (status, headers, err) = post(app, "/api/registrations/complete", &json!({ "key": takeover["key"] })).await;
        assert_eq!(status, StatusCode::CONFLICT, "{err}");
        assert!(headers.get("set-cookie").is_none());
        assert_eq!(crate::support::resident::count(app, "session").await, 0, "nobody signed in as her");
        assert_eq!(
            (fixed["phone"].as_str(), fixed["address"].as_str()),
            (Some("0468224301"), Some("横須賀市小川町12"))
        );
        assert_eq!(fixed["changes"][0]["fields"], json!(["phone", "address"]));
        assert_eq!(fixed["changes"][0]["by"], "受付 一郎");
        assert_eq!(fixed["corrected"], 1);
        let (status, _, body) = read(
            app.client
                .patch(format!("/api/staff/entries/{id}"))
                .header("cookie", &reception.cookie)
                .body_json(&json!({ "nameKana": "Yamada はなこ" }))
                .send()
                .await,
        )
        .await;
        assert_eq!(codes(&body), vec![("nameKana".into(), "invalid_characters".into())], "{status}");
        let (_, unchanged) = staff_get(app, &format!("/api/staff/entries/{id}"), &reception.cookie).await;
        assert_eq!(unchanged["nameKana"], "ヤマダ ハナコ");
        assert_eq!(unchanged["proxyName"], "山田 太郎");
        // A correction cannot turn the namesake into 山田 花子 herself.
        let sid = second["id"].as_str().unwrap();
        let same = json!({ "insurerNumber": "33120015", "symbol": "12", "number": "3456", "branch": "01" });
        let (status, _, body) = read(
            app.client
                .patch(format!("/api/staff/entries/{sid}"))
                .header("cookie", &reception.cookie)
                .body_json(&same)
                .send()
                .await,
        )
        .await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("already_registered")));
        // Numbers are shown back partly hidden (a correction retypes them whole).
        assert_eq!(
            (unchanged["number"].as_str(), unchanged["careInsuranceNumber"].as_str()),
            (Some("**56"), Some("********89"))
        );

        // Another facility's reception sees none of it.
        let other = enrol(app, HOSPITAL, "reception", "受付 二郎").await;
        let (_, theirs) = staff_get(app, "/api/staff/entries", &other.cookie).await;
        assert_eq!(theirs["entries"], json!([]));
        let (status, _) = staff_get(app, &format!("/api/staff/entries/{id}"), &other.cookie).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = staff_post(
            app,
            &format!("/api/staff/entries/{id}/claim"),
            &other.cookie,
            &json!({ "identityChecked": "my_number_card" }),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // The same serial is theirs to use.
        let mut at_hospital = form(version, "A-0001");
        at_hospital["name"] = json!("鈴木 一");
        at_hospital["nameKana"] = json!("すずき はじめ");
        at_hospital["number"] = json!("9999");
        let (status, body) = staff_post(app, "/api/staff/paper-registrations", &other.cookie, &at_hospital).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");

        // Reception of a clinic in an unrelated network sees no one of this network in its duplicate check.
        crate::support::facility::add_outsider(app).await;
        let stranger = enrol(app, crate::support::facility::OUTSIDER, "reception", "受付 三郎").await;
        let probe = json!({ "nameKana": "やまだ はなこ", "birthDate": "1950-04-01" });
        let (status, found) = staff_post(app, "/api/staff/duplicates", &stranger.cookie, &probe).await;
        assert_eq!((status, found["candidates"].clone()), (StatusCode::OK, json!([])), "{found}");
        let (_, found) = staff_post(app, "/api/staff/duplicates", &other.cookie, &probe).await;
        assert_eq!(found["candidates"].as_array().unwrap().len(), 2, "the same network's reception still sees them");

        // A nurse of the clinic signs in but enters no forms; reception's cookie reads no medical data.
        let nurse = enrol(app, CLINIC, "nurse", "看護 花").await;
        let (status, _) = staff_get(app, "/api/staff/me", &nurse.cookie).await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = staff_get(app, "/api/staff/entries", &nurse.cookie).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
        let (status, _) = staff_get(app, "/api/me/summary", &reception.cookie).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        // A reissue needs the person at the desk: without the identity document checked, nothing happens.
        for (body, code) in [
            (json!({ "identityChecked": "" }), "required"),
            (json!({ "identityChecked": "library_card" }), "unknown_value"),
        ] {
            let (status, err) =
                staff_post(app, &format!("/api/staff/entries/{id}/claim"), &reception.cookie, &body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
            assert_eq!(crate::support::resident::field_codes(&err), [("identityChecked".into(), code.into())]);
        }
        let (status, _, _) =
            post(app, "/api/claims/passkey-options", &json!({ "code": claim["code"], "birthDate": "1950-04-02" }))
                .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a wrong date: the first sheet is still the one");
        // The sheet is reissued: the first code stops working, the new one makes her passkey.
        let (status, sheet) = staff_post(
            app,
            &format!("/api/staff/entries/{id}/claim"),
            &reception.cookie,
            &json!({ "identityChecked": "my_number_card" }),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{sheet}");
        let old = claim["code"].as_str().unwrap();
        let new = sheet["code"].as_str().unwrap();
        let (status, _, body) =
            post(app, "/api/claims/passkey-options", &json!({ "code": old, "birthDate": "1950-04-01" })).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("claim_invalid")));
        let mut phone = Phone::new();
        let (status, _, opts) =
            post(app, "/api/claims/passkey-options", &json!({ "code": new, "birthDate": "1950-04-01" })).await;
        assert_eq!(status, StatusCode::OK, "{opts}");
        let credential = phone.create(&opts["publicKey"]);
        let (status, headers, claimed) = post(
            app,
            "/api/claims/complete",
            &json!({ "code": new, "birthDate": "1950-04-01", "credential": credential }),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{claimed}");
        let hanako = session_cookie(&headers);
        // Her passkey makes the address reception wrote no more hers than before: it gets no
        // codes, so whoever wrote it cannot recover her account with it.
        let before = crate::support::resident::mails_to(app, "reception.takeover@example.jp").await.len();
        let (status, asked) =
            crate::support::resident::ask_code(app, "reception.takeover@example.jp", "1950-04-01").await;
        assert_eq!(status, StatusCode::ACCEPTED);
        let after = crate::support::resident::mails_to(app, "reception.takeover@example.jp").await;
        assert_eq!(after.len(), before + 1);
        assert!(after.last().unwrap().1.contains("コードはお送りしていません"), "{:?}", after.last());
        let (status, _, _) =
            crate::support::resident::code_sign_in(app, "reception.takeover@example.jp", "000000", &asked["flow"])
                .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        // From now on her record is hers: reception no longer corrects it.
        let (status, _, body) = read(
            app.client
                .patch(format!("/api/staff/entries/{id}"))
                .header("cookie", &reception.cookie)
                .body_json(&json!({ "email": "clerk@example.jp" }))
                .send()
                .await,
        )
        .await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("signs_in_already")));
        // She can see that reception looked her up by name and birth date.
        let (_, export) = staff_get(app, "/api/me/export", &hanako).await;
        let actions: Vec<&str> =
            export["accessRecord"].as_array().unwrap().iter().map(|a| a["action"].as_str().unwrap()).collect();
        assert!(actions.contains(&"reception.duplicate_check"), "{actions:?}");
        let (_, consents) = staff_get(app, "/api/me/consents", &hanako).await;
        let given = &consents["history"][0];
        assert_eq!((given["by"].as_str(), given["channel"].as_str()), (Some("staff"), Some("paper")), "{given}");
        assert_eq!(given["formSerial"], "A-0001");
        assert!(given["facility"].as_str().is_some_and(|f| !f.is_empty()), "{given}");

        // She loses her phone. Her only sign-in is that passkey (the address on file is the
        // one reception wrote), so the desk is her way back: a new sheet, with her identity
        // document; claiming it replaces the lost passkey and ends every session.
        let (status, desk) = staff_post(
            app,
            &format!("/api/staff/entries/{id}/claim"),
            &reception.cookie,
            &json!({ "identityChecked": "my_number_card" }),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{desk}");
        let mut new_phone = Phone::new();
        let (status, _, opts) =
            post(app, "/api/claims/passkey-options", &json!({ "code": desk["code"], "birthDate": "1950-04-01" })).await;
        assert_eq!(status, StatusCode::OK, "{opts}");
        let replacement = new_phone.create(&opts["publicKey"]);
        let (status, headers, _) = post(
            app,
            "/api/claims/complete",
            &json!({ "code": desk["code"], "birthDate": "1950-04-01", "credential": replacement }),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            crate::support::resident::me(app, &hanako).await.0,
            StatusCode::UNAUTHORIZED,
            "the lost phone's session ended"
        );
        let hanako = session_cookie(&headers);
        assert_eq!(crate::support::resident::count(app, "passkey").await, 1, "the lost passkey replaced");

        // The clinic sends her medicines; she sees them on her phone.
        let key = issue_key(app, CLINIC).await;
        let fhir = bundle(
            "transaction",
            vec![patient(HANAKO), request("rx-9", "2171022F1020", "アムロジピン錠5mg", "2026-11-21", 28)],
        );
        let (status, _, resp) = send(app, &key, &fhir).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        let (status, summary) = staff_get(app, "/api/me/summary", &hanako).await;
        assert_eq!((status, summary["current"].as_array().map(Vec::len)), (StatusCode::OK, Some(1)));

        // Staff passkeys sign staff in; a resident's passkey does not.
        let (_, _, opts) = post(app, "/api/staff/sign-in/passkey-options", &json!({})).await;
        let mut reception = reception;
        let answer = reception.phone.sign_in(&opts["publicKey"], &reception.cred_id, reception.id);
        let (status, headers, me) =
            post(app, "/api/staff/sign-in/passkey", &json!({ "ceremony": opts["ceremony"], "credential": answer }))
                .await;
        assert_eq!(status, StatusCode::OK, "{me}");
        let fresh = session_cookie(&headers);
        let (_, _, opts) = post(app, "/api/staff/sign-in/passkey-options", &json!({})).await;
        let hers = credential["id"].as_str().unwrap().to_owned();
        let wrong = phone.sign_in(&opts["publicKey"], &hers, reception.id);
        let (status, _, _) =
            post(app, "/api/staff/sign-in/passkey", &json!({ "ceremony": opts["ceremony"], "credential": wrong }))
                .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

        // 15 minutes without a request end the staff session.
        app.clock.advance(chrono::Duration::minutes(14));
        let (status, _) = staff_get(app, "/api/staff/me", &fresh).await;
        assert_eq!(status, StatusCode::OK);
        app.clock.advance(chrono::Duration::minutes(15) + chrono::Duration::seconds(1));
        let (status, _) = staff_get(app, "/api/staff/me", &fresh).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    })
    .await;
}

#[tokio::test]
async fn paper_withdrawals_and_a_family_member_taking_the_paper_proxy_role() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let reception = enrol(app, CLINIC, "facility_admin", "事務 長").await;
        let (status, e) =
            staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &form(version, "W-1")).await;
        assert_eq!(status, StatusCode::CREATED, "{e}");
        let number = e["registrationNumber"].as_str().unwrap().to_owned();
        let code = e["claim"]["code"].as_str().unwrap().to_owned();

        // Her son, registered himself, takes the proxy role the form gave him.
        let mut son = details(&new_key(), &entry, version, "taro@example.jp");
        son["name"] = json!("山田 太郎");
        son["nameKana"] = json!("やまだ たろう");
        son["birthDate"] = json!("1978-06-15");
        son["sex"] = json!("male");
        son["number"] = json!("7788");
        let (son_cookie, _) = register(app, &son).await;
        // The relationship is the one written on the form, whatever is sent.
        let take = |birth: &str| json!({ "code": code, "birthDate": birth, "relationship": "other" });
        let (status, body) = staff_post(app, "/api/claims/accept-as-proxy", &son_cookie, &take("1978-06-15")).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("claim_invalid")));
        let (status, body) = staff_post(app, "/api/claims/accept-as-proxy", &son_cookie, &take("1950-04-01")).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!((body["name"].as_str(), body["level"].as_str()), (Some("山田 花子"), Some("manage")));
        assert_eq!(body["relationship"], "child");
        // The form's proxy box names him, and reception checked the form: confirmed as it is made.
        assert_eq!(body["standing"], "confirmed", "{body}");
        let (status, _) = staff_post(app, "/api/claims/accept-as-proxy", &son_cookie, &take("1950-04-01")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the sheet is spent");

        // The paper withdrawal: the number and birth date must agree; then effective at once.
        let withdrawal = |serial: &str, birth: &str| {
            json!({ "network": "demo", "formSerial": serial, "signedOn": "2026-11-21", "registrationNumber": number,
                    "birthDate": birth, "identityChecked": true, "formReceived": true })
        };
        let (status, _) =
            staff_post(app, "/api/staff/paper-withdrawals", &reception.cookie, &withdrawal("W-2", "1950-04-02")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) =
            staff_post(app, "/api/staff/paper-withdrawals", &reception.cookie, &withdrawal("W-1", "1950-04-01")).await;
        assert_eq!(status, StatusCode::CONFLICT, "serial W-1 is the registration's");
        let (status, w) =
            staff_post(app, "/api/staff/paper-withdrawals", &reception.cookie, &withdrawal("W-2", "1950-04-01")).await;
        assert_eq!(status, StatusCode::CREATED, "{w}");
        assert_eq!(w["kind"], "withdrawal");
        let (status, body) =
            staff_post(app, "/api/staff/paper-withdrawals", &reception.cookie, &withdrawal("W-3", "1950-04-01")).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("already_withdrawn")));
        let key = issue_key(app, CLINIC).await;
        let fhir = bundle(
            "transaction",
            vec![patient(HANAKO), request("rx-1", "2171022F1020", "アムロジピン錠5mg", "2026-11-21", 28)],
        );
        let (status, _, resp) = send(app, &key, &fhir).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{resp}");
        // Her son sees the withdrawal in her history, on paper, by reception.
        let link = body_link(app, &son_cookie).await;
        let (_, _, consents) = read(
            app.client
                .get("/api/me/consents")
                .header("cookie", &son_cookie)
                .header("renkei-acting-for", &link)
                .send()
                .await,
        )
        .await;
        let last = &consents["history"][0];
        assert_eq!(
            (last["kind"].as_str(), last["by"].as_str(), last["channel"].as_str()),
            (Some("withdrawn"), Some("staff"), Some("paper"))
        );
        let (_, list) = staff_get(app, "/api/staff/entries", &reception.cookie).await;
        let kinds: Vec<&str> =
            list["entries"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, vec!["withdrawal", "registration"]);
        // Reception is shown only who a withdrawal was for.
        let (_, wd) =
            staff_get(app, &format!("/api/staff/entries/{}", w["id"].as_str().unwrap()), &reception.cookie).await;
        assert!(wd.get("phone").is_none() && wd.get("number").is_none() && wd.get("address").is_none(), "{wd}");
        assert_eq!(last["formSerial"], "W-2", "the withdrawal's form, in her history");
        // A form without a proxy box gives nobody the proxy role.
        let mut alone = form(version, "W-5");
        alone["nameKana"] = json!("やまだ ひとり");
        alone["number"] = json!("3333");
        for k in ["proxyName", "proxyRelationship", "proxyReason"] {
            alone.as_object_mut().unwrap().remove(k);
        }
        let (_, e) = staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &alone).await;
        let (status, body) = staff_post(
            app,
            "/api/claims/accept-as-proxy",
            &son_cookie,
            &json!({ "code": e["claim"]["code"], "birthDate": "1950-04-01", "relationship": "child" }),
        )
        .await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("claim_invalid")));
        // A withdrawal is no registration to correct.
        let wid = w["id"].as_str().unwrap();
        let (status, _, _) = read(
            app.client
                .patch(format!("/api/staff/entries/{wid}"))
                .header("cookie", &reception.cookie)
                .body_json(&json!({"phone": "0312345678"}))
                .send()
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT);

        // A claim sheet works for 90 days, and not a minute more.
        let mut late = form(version, "W-4");
        late["nameKana"] = json!("やまだ はるこ");
        late["number"] = json!("4444");
        let (status, e) = staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &late).await;
        assert_eq!(status, StatusCode::CREATED, "{e}");
        app.clock.advance(chrono::Duration::days(90) + chrono::Duration::minutes(1));
        let claim = json!({ "code": e["claim"]["code"], "birthDate": "1950-04-01" });
        let (status, _, body) = post(app, "/api/claims/passkey-options", &claim).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("claim_invalid")));

        // Someone else holding a sheet (and the birth date) is not whom the box names: their
        // link waits for confirmation like one made online.
        let mut other_form = form(version, "W-9");
        other_form["name"] = json!("山田 花代");
        other_form["nameKana"] = json!("やまだ はなよ");
        other_form["number"] = json!("5556");
        let desk = enrol(app, CLINIC, "reception", "受付 三郎").await;
        let (status, e2) = staff_post(app, "/api/staff/paper-registrations", &desk.cookie, &other_form).await;
        assert_eq!(status, StatusCode::CREATED, "{e2}");
        let (stranger, _) = register(app, &crate::support::proxy::someone(&entry, version, 3)).await;
        let took = json!({ "code": e2["claim"]["code"], "birthDate": "1950-04-01", "relationship": "child" });
        let (status, body) = staff_post(app, "/api/claims/accept-as-proxy", &stranger, &took).await;
        assert_eq!((status, body["standing"].as_str()), (StatusCode::CREATED, Some("unconfirmed")), "{body}");
    })
    .await;
}

async fn body_link(app: &TestApp, cookie: &str) -> String {
    let (_, _, people) = read(app.client.get("/api/me/people").header("cookie", cookie).send().await).await;
    people["people"][0]["linkId"].as_str().unwrap().to_owned()
}

/// Every staff endpoint × reception, a facility administrator, a nurse, a
/// resident and another facility's reception; and a staff cookie on every
/// resident endpoint.
#[tokio::test]
async fn every_staff_endpoint_for_every_kind_of_person() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let reception = enrol(app, CLINIC, "reception", "受付 一郎").await;
        let admin_staff = enrol(app, CLINIC, "facility_admin", "事務 長").await;
        let nurse = enrol(app, CLINIC, "nurse", "看護 花").await;
        let elsewhere = enrol(app, HOSPITAL, "reception", "受付 二郎").await;
        let (resident, _) = register(app, &details(&new_key(), &entry, version, "someone@example.jp")).await;
        let mut f = form(version, "M-1");
        f["number"] = json!("5555");
        f["nameKana"] = json!("やまだ はなえ");
        let (status, e) = staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &f).await;
        assert_eq!(status, StatusCode::CREATED, "{e}");
        let id = e["id"].as_str().unwrap().to_owned();

        // (method, path, body, for reception of the entry's facility only)
        let endpoints: Vec<(&str, String, Value, bool)> = vec![
            ("get", "/api/staff/me".into(), json!(null), false),
            ("post", "/api/staff/duplicates".into(), json!({"nameKana": "やまだ", "birthDate": "1950-04-01"}), false),
            ("post", "/api/staff/paper-registrations".into(), json!({}), false),
            ("post", "/api/staff/paper-withdrawals".into(), json!({}), false),
            ("get", "/api/staff/entries".into(), json!(null), false),
            ("get", format!("/api/staff/entries/{id}"), json!(null), true),
            ("patch", format!("/api/staff/entries/{id}"), json!({}), true),
            ("post", format!("/api/staff/entries/{id}/claim"), json!({ "identityChecked": "my_number_card" }), true),
            ("post", "/api/staff/records/lookup".into(), json!({}), false),
            ("post", "/api/staff/records/emergency".into(), json!({}), false),
            ("post", "/api/staff/presentations".into(), json!({}), false),
            (
                "post",
                "/api/staff/proxy-confirmations".into(),
                json!({"person": {}, "proxyRegistrationNumber": "", "proxyBirthDate": ""}),
                false,
            ),
            (
                "post",
                "/api/staff/insurance".into(),
                json!({"person": {}, "insurance": {"documentKind": "late_elderly", "insurerNumber": "", "symbol": "",
                    "number": "", "startsOn": ""}}),
                false,
            ),
        ];
        let people: [(&str, &str); 5] = [
            ("reception", &reception.cookie),
            ("facility administrator", &admin_staff.cookie),
            ("nurse", &nurse.cookie),
            ("another facility's reception", &elsewhere.cookie),
            ("resident", &resident),
        ];
        for (who, cookie) in people {
            for (method, path, body, own_entry) in &endpoints {
                let req = match *method {
                    "get" => app.client.get(path),
                    "post" => app.client.post(path).body_json(body),
                    "patch" => app.client.patch(path).body_json(body),
                    other => panic!("{other}"),
                };
                let (status, _, resp) = read(req.header("cookie", cookie).send().await).await;
                let what = format!("{who}: {method} {path} -> {status} {resp}");
                // Records are for clinical staff; paper forms for reception.
                let clinical = path.contains("/staff/records/");
                let expected_denial = match who {
                    "resident" => Some(StatusCode::UNAUTHORIZED),
                    "nurse"
                        if path.ends_with("/staff/presentations")
                            || path.ends_with("/staff/insurance")
                            || path.ends_with("/staff/proxy-confirmations") =>
                    {
                        Some(StatusCode::FORBIDDEN)
                    }
                    "nurse" if clinical => None,
                    _ if clinical => Some(StatusCode::FORBIDDEN),
                    "nurse" if !path.ends_with("/staff/me") => Some(StatusCode::FORBIDDEN),
                    "another facility's reception" if *own_entry => Some(StatusCode::NOT_FOUND),
                    _ => None,
                };
                match expected_denial {
                    Some(s) => assert_eq!(status, s, "{what}"),
                    None => {
                        assert!(
                            ![StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&status),
                            "{what}"
                        )
                    }
                }
            }
        }
        // A staff cookie is no resident's session.
        for path in [
            "/api/me",
            "/api/me/summary",
            "/api/me/consents",
            "/api/me/export",
            "/api/me/people",
            "/api/me/proxies",
            "/api/me/access",
        ] {
            let (status, _) = staff_get(app, path, &reception.cookie).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        }
        // Signing out ends the session.
        let (status, _) = staff_post(app, "/api/staff/sign-out", &reception.cookie, &json!({})).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = staff_get(app, "/api/staff/me", &reception.cookie).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        // Disabled staff are out at once.
        admin(app, AdminCommand::Staff(StaffCommand::Disable { id: admin_staff.id.to_string() })).await.unwrap();
        let (status, _) = staff_get(app, "/api/staff/me", &admin_staff.cookie).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    })
    .await;
}

#[tokio::test]
async fn whether_an_address_is_someone_s_is_a_bounded_look_up_for_staff() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        register(app, &details(&new_key(), &entry, version, "known@example.jp")).await;
        let reception = enrol(app, CLINIC, "reception", "受付 一郎").await;
        let mut paper = form(version, "P-0001");
        paper["name"] = json!("佐藤 トメ");
        paper["nameKana"] = json!("サトウ トメ");
        paper["number"] = json!("7777");
        let (status, entered) = staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &paper).await;
        assert_eq!(status, StatusCode::CREATED, "{entered}");
        let id = entered["entry"]["id"].as_str().or(entered["id"].as_str()).unwrap().to_owned();
        // Trying address after address: each refusal counts like a duplicate check, and the
        // 121st look-up in an hour is refused.
        let mut refused_after = None;
        for i in 1..=125 {
            let (status, _, body) = read(
                app.client
                    .patch(format!("/api/staff/entries/{id}"))
                    .header("cookie", &reception.cookie)
                    .body_json(&json!({ "email": "known@example.jp" }))
                    .send()
                    .await,
            )
            .await;
            if status == StatusCode::TOO_MANY_REQUESTS {
                refused_after = Some(i);
                break;
            }
            assert_eq!(crate::support::resident::field_codes(&body), [("email".into(), "already_exists".into())]);
        }
        assert_eq!(refused_after, Some(121));
        // Nor can the same be learnt by entering forms: "already registered" and "possible
        // duplicate" are look-ups too, under the same bound.
        let mut known_person = form(version, "P-0002");
        known_person["notDuplicate"] = json!(false);
        let (status, body) = staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &known_person).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
        // Another member of staff starts with a bound of their own; each refusal counts.
        let other = enrol(app, CLINIC, "reception", "受付 二郎").await;
        let (status, body) = staff_post(app, "/api/staff/paper-registrations", &other.cookie, &known_person).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("already_registered")), "{body}");
    })
    .await;
}

/// A withdrawal form names a person by registration number and birth date:
/// a clerk who tries birth dates for a number is stopped after ten misses in
/// fifteen minutes, each miss in the audit log, and the right date then
/// answers nothing more than a wrong one did.
#[tokio::test]
async fn guessing_birth_dates_on_a_withdrawal_form_is_bounded_and_audited() {
    each_backend(async |app| {
        let (_, version) = demo(app).await;
        let reception = enrol(app, CLINIC, "facility_admin", "事務 長").await;
        let (status, e) =
            staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &form(version, "G-1")).await;
        assert_eq!(status, StatusCode::CREATED, "{e}");
        let number = e["registrationNumber"].as_str().unwrap().to_owned();
        let clerk = enrol(app, CLINIC, "reception", "受付 二郎").await;
        let withdrawal = |serial: String, birth: String| {
            json!({ "network": "demo", "formSerial": serial, "signedOn": "2026-11-21", "registrationNumber": number,
                    "birthDate": birth, "identityChecked": true, "formReceived": true })
        };
        for day in 2..=11 {
            let (status, body) = staff_post(
                app,
                "/api/staff/paper-withdrawals",
                &clerk.cookie,
                &withdrawal(format!("G-{day}"), format!("1950-04-{day:02}")),
            )
            .await;
            assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "{day}");
        }
        let right = withdrawal("G-20".into(), "1950-04-01".into());
        let (status, body) = staff_post(app, "/api/staff/paper-withdrawals", &clerk.cookie, &right).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("rate_limited")), "{body}");
        let missed = renkei_api::store::audit::recent(app.state.db.reader(), 50)
            .await
            .unwrap()
            .into_iter()
            .filter(|a| a.action == "reception.person_not_found")
            .count();
        assert_eq!(missed, 10);
        // Her consent stands; another clerk, who has not guessed, may enter the real form.
        let (status, body) = staff_post(app, "/api/staff/paper-withdrawals", &reception.cookie, &right).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    })
    .await;
}

#[tokio::test]
async fn a_correction_never_puts_another_persons_card_on_a_paper_record() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        // 山田 花子 registered online with her card 33120015:12:3456:01.
        register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let reception = enrol(app, CLINIC, "reception", "受付 花子").await;
        let mut f = form(version, "C-1");
        f["name"] = json!("佐藤 一郎");
        f["nameKana"] = json!("サトウ イチロウ");
        f["sex"] = json!("male");
        f["birthDate"] = json!("1945-01-01");
        f["number"] = json!("8888");
        let (status, e) = staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &f).await;
        assert_eq!(status, StatusCode::CREATED, "{e}");
        let id = e["id"].as_str().unwrap().to_owned();
        // Corrected to her number (a slip, or worse): refused, nothing changed, the office told.
        for (number, branch) in [("3456", json!("01")), ("3456", json!(""))] {
            let (status, _, body) = read(
                app.client
                    .patch(format!("/api/staff/entries/{id}"))
                    .header("cookie", &reception.cookie)
                    .body_json(&json!({ "number": number, "branch": branch }))
                    .send()
                    .await,
            )
            .await;
            assert_eq!(
                (status, body["code"].as_str()),
                (StatusCode::CONFLICT, Some("insurance_held_by_another")),
                "{branch}: {body}"
            );
        }
        let (_, entry_now) = staff_get(app, &format!("/api/staff/entries/{id}"), &reception.cookie).await;
        assert!(entry_now.to_string().contains("88") && !entry_now.to_string().contains("3456"), "{entry_now}");

        // A form entered with her card is saved without it (reviewed); reception corrects the
        // mistyped number (the whole card: none is on the record), and the record gets it.
        let mut slip = form(version, "C-2");
        slip["name"] = json!("佐藤 二郎");
        slip["nameKana"] = json!("サトウ ジロウ");
        slip["sex"] = json!("male");
        slip["birthDate"] = json!("1946-02-02");
        let (status, e) = staff_post(app, "/api/staff/paper-registrations", &reception.cookie, &slip).await;
        assert_eq!(status, StatusCode::CREATED, "{e}");
        let id = e["id"].as_str().unwrap().to_owned();
        let (status, _, body) = read(
            app.client
                .patch(format!("/api/staff/entries/{id}"))
                .header("cookie", &reception.cookie)
                .body_json(&json!({ "documentKind": "qualification_certificate", "insurerNumber": "33120015",
                    "symbol": "12", "number": "8899", "branch": "01" }))
                .send()
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.to_string().contains("99"), "{body}");
    })
    .await;
}
