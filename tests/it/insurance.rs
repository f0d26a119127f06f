//! A person's insurance over time: a new insurance added from `/me` (by the
//! person or a manage-level proxy) and at a facility's desk, data matched by
//! the insurance valid on the day it is dated, the guard that one person's
//! card never lands on another's record, and the 75th-birthday reminder.

use poem::http::StatusCode;
use serde_json::{Value, json};

use crate::support::facility::{HOSPITAL, MEMBER, bundle, issue_key, jahis_outcomes, reasons, request, send, sjis};
use crate::support::proxy::{get, invite_and_accept, post_as};
use crate::support::resident::{
    count, demo, details, field_codes, mails_to, new_key, register, session_cookie, sign_in_by_code,
};
use crate::support::staff::{enrol, staff_post};
use crate::support::{TestApp, each_backend};

/// 鈴木 和子, born 10 December 1951: 75 on 10 December 2026, 19 days after
/// the tests' start; registered with her employer's insurance.
fn kazuko(entry: &str, version: i64) -> Value {
    let mut d = details(&new_key(), entry, version, "kazuko@example.jp");
    d["name"] = json!("鈴木 和子");
    d["nameKana"] = json!("すずき かずこ");
    d["birthDate"] = json!("1951-12-10");
    d["number"] = json!("5151");
    d
}

/// Her employer's card, as a member id.
const OLD_CARD: &str = "33120015:12:5151:01";

/// An insurer number with its check digit.
fn insurer(payload: &str) -> String {
    let digits: Vec<u8> = payload.bytes().map(|b| b - b'0').collect();
    format!("{payload}{}", renkei_api::domain::insurance::check_digit(&digits))
}

/// 神奈川県後期高齢者医療広域連合 (scheme 39, prefecture 14).
fn late_elderly_insurer() -> String {
    insurer("3914001")
}

fn late_elderly_card(starts_on: &str) -> Value {
    json!({
        "documentKind": "late_elderly",
        "insurerNumber": late_elderly_insurer(),
        "symbol": "",
        "number": "00123456",
        "startsOn": starts_on,
    })
}

fn new_member() -> String {
    format!("{}::00123456:", late_elderly_insurer())
}

/// A Bundle naming her by a member id, with one prescription dated `authored`.
fn about_kazuko(member: &str, id: &str, authored: &str) -> Value {
    let patient = json!({"fullUrl": "urn:uuid:0b7e8f0c-0000-4000-8000-000000000001", "resource": {
        "resourceType": "Patient", "id": "kazuko",
        "identifier": [{"system": MEMBER, "value": member}],
        "name": [{"text": "鈴木 和子"}], "gender": "female", "birthDate": "1951-12-10"}});
    bundle("collection", vec![patient, request(id, "2149040F1020", "アムロジピン錠5mg", authored, 28)])
}

/// What became of the one record sent.
async fn outcome(app: &TestApp, key: &str, body: &Value) -> String {
    let (status, _, resp) = send(app, key, body).await;
    assert_eq!(status, StatusCode::OK, "{resp}");
    reasons(&resp)[1].clone()
}

async fn count_where(app: &TestApp, condition: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.state.db.reader();
    let sql = format!("SELECT COUNT(*) AS n FROM audit_log WHERE {condition}");
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

async fn fresh_cookie(app: &TestApp, email: &str) -> String {
    let (status, headers, body) = sign_in_by_code(app, email).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    session_cookie(&headers)
}

#[tokio::test]
async fn at_seventy_five_the_new_card_keeps_data_flowing_and_old_data_still_matches_the_old_card() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        register(app, &kazuko(&entry, version)).await;
        let key = issue_key(app, HOSPITAL).await;

        // Before the change: her employer's card names her.
        app.clock.advance(chrono::Duration::days(5));
        assert_eq!(outcome(app, &key, &about_kazuko(OLD_CARD, "rx-1", "2026-11-25")).await, "accepted");

        // Reminded in the app from 30 days before the birthday.
        let cookie = fresh_cookie(app, "kazuko@example.jp").await;
        let (status, mine) = get(app, "/api/me/insurance", &cookie, None).await;
        assert_eq!(status, StatusCode::OK, "{mine}");
        assert_eq!(mine["lateElderlyFrom"], "2026-12-10", "{mine}");
        assert_eq!(mine["items"].as_array().unwrap().len(), 1);
        assert!(mine["items"][0]["validFrom"].is_null() && mine["items"][0]["validTo"].is_null(), "{mine}");

        // The new card arrives before the birthday; she adds it from /me.
        app.clock.advance(chrono::Duration::days(5));
        let cookie = fresh_cookie(app, "kazuko@example.jp").await;
        let (status, added) =
            post_as(app, "/api/me/insurance", &cookie, None, &late_elderly_card("令和8年12月10日")).await;
        assert_eq!(status, StatusCode::CREATED, "{added}");
        let items = added["items"].as_array().unwrap();
        assert_eq!(items.len(), 2, "{added}");
        assert_eq!(
            (items[0]["documentKind"].as_str(), items[0]["validFrom"].as_str()),
            (Some("late_elderly"), Some("2026-12-10"))
        );
        assert!(items[0]["validTo"].is_null());
        assert_eq!(items[0]["addedBy"], "resident");
        assert_eq!(items[1]["validTo"], "2026-12-09", "the old card ends the day before");
        assert!(added["lateElderlyFrom"].is_null(), "no reminder once it is added: {added}");
        let mails = mails_to(app, "kazuko@example.jp").await;
        let (_, body) =
            mails.iter().rev().find(|(s, _)| s.contains("新しい保険")).expect("a mail about the new insurance");
        assert!(body.contains("2026年12月10日") && !body.contains("00123456"), "no numbers in mail: {body}");

        // After the birthday the hospital sends under the new number: it reaches her.
        app.clock.advance(chrono::Duration::days(14));
        assert_eq!(outcome(app, &key, &about_kazuko(&new_member(), "rx-2", "2026-12-12")).await, "accepted");
        // Data dated while the old card was valid still matches the old card…
        assert_eq!(outcome(app, &key, &about_kazuko(OLD_CARD, "rx-3", "2026-12-01")).await, "accepted");
        // …but not what is dated after it ended, nor the new card before it began.
        assert_eq!(outcome(app, &key, &about_kazuko(OLD_CARD, "rx-4", "2026-12-12")).await, "patient_unknown");
        assert_eq!(outcome(app, &key, &about_kazuko(&new_member(), "rx-5", "2026-12-01")).await, "patient_unknown");

        let cookie = fresh_cookie(app, "kazuko@example.jp").await;
        let (_, summary) = get(app, "/api/me/summary", &cookie, None).await;
        assert!(summary.to_string().contains("アムロジピン"), "{summary}");
        assert_eq!(count(app, "medication").await, 3, "rx-1, rx-2 and rx-3 only");

        // In the audit log, with who added it.
        let (_, history) = get(app, "/api/me/export", &cookie, None).await;
        assert!(history.to_string().contains("insurance.added"), "{history}");
    })
    .await;
}

#[tokio::test]
async fn history_is_added_to_and_a_card_is_never_someone_elses() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (hanako, _) = register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let (kazuko_cookie, _) = register(app, &kazuko(&entry, version)).await;
        let reviews = count(app, "identity_review").await;

        // Hanako's own card, typed as a new one: already on her record.
        let same = json!({"documentKind": "qualification_certificate", "insurerNumber": "33120015", "symbol": "12",
            "number": "3456", "branch": "01", "startsOn": "2026-12-01"});
        let (status, body) = post_as(app, "/api/me/insurance", &hanako, None, &same).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(field_codes(&body), vec![("number".into(), "already_exists".into())]);

        // Kazuko's card on Hanako's record: refused, nothing added, the office told.
        let hers = json!({"documentKind": "qualification_certificate", "insurerNumber": "33120015", "symbol": "12",
            "number": "5151", "branch": "01", "startsOn": "2026-12-01"});
        let (status, body) = post_as(app, "/api/me/insurance", &hanako, None, &hers).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::CONFLICT, Some("insurance_held_by_another")),
            "{body}"
        );
        assert!(body["message"].as_str().unwrap().contains("別の方"), "{body}");
        assert_eq!(count(app, "identity_review").await, reviews + 1);
        let (_, mine) = get(app, "/api/me/insurance", &hanako, None).await;
        assert_eq!(mine["items"].as_array().unwrap().len(), 1, "{mine}");
        // The office sees it, deals with it, and closes it (once).
        use renkei_api::cli::{AdminCommand, ReviewCommand};
        let listed = crate::support::admin(app, AdminCommand::Review(ReviewCommand::List)).await.unwrap();
        let item = listed.lines().find(|l| l.contains("insurance_conflict")).expect("the item").to_owned();
        let id = item.split_whitespace().find(|w| uuid::Uuid::parse_str(w).is_ok()).unwrap().to_owned();
        crate::support::admin(app, AdminCommand::Review(ReviewCommand::Resolve { id: id.clone() })).await.unwrap();
        let listed = crate::support::admin(app, AdminCommand::Review(ReviewCommand::List)).await.unwrap();
        assert!(!listed.contains(&id), "{listed}");
        assert!(crate::support::admin(app, AdminCommand::Review(ReviewCommand::Resolve { id })).await.is_err());

        // Bad input says which field, in the person's words, and changes nothing.
        let bad = json!({"documentKind": "late_elderly", "insurerNumber": "33120015", "symbol": "", "number": "1",
            "branch": "123", "startsOn": "2030-01-01"});
        let (status, body) = post_as(app, "/api/me/insurance", &hanako, None, &bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let mut codes = field_codes(&body);
        codes.sort();
        assert_eq!(
            codes,
            vec![("branch".into(), "invalid_format".into()), ("startsOn".into(), "out_of_range".into()),]
        );

        // A new job: the next insurance starts later than the one before.
        let job = json!({"documentKind": "qualification_certificate", "insurerNumber": "06139927", "symbol": "A1",
            "number": "777", "branch": "00", "startsOn": "2026-12-01"});
        let job = {
            let mut j = job;
            j["insurerNumber"] = json!(insurer("0613992"));
            j
        };
        let (status, body) = post_as(app, "/api/me/insurance", &hanako, None, &job).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let mut earlier = job.clone();
        earlier["number"] = json!("778");
        earlier["startsOn"] = json!("2026-11-30");
        let (status, body) = post_as(app, "/api/me/insurance", &hanako, None, &earlier).await;
        assert_eq!(field_codes(&body), vec![("startsOn".into(), "out_of_range".into())], "{status}");

        // Kazuko may not take Hanako's old card either, while Hanako held it on that day;
        // a card given up before the day may be given again (insurers reuse numbers).
        let hanako_old = json!({"documentKind": "qualification_certificate", "insurerNumber": "33120015",
            "symbol": "12", "number": "3456", "branch": "01", "startsOn": "2026-11-30"});
        let (status, body) = post_as(app, "/api/me/insurance", &kazuko_cookie, None, &hanako_old).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("insurance_held_by_another")));
        let mut later = hanako_old.clone();
        later["startsOn"] = json!("2026-12-05");
        let (status, body) = post_as(app, "/api/me/insurance", &kazuko_cookie, None, &later).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    })
    .await;
}

#[tokio::test]
async fn reception_adds_insurance_for_a_person_who_signs_in_themselves() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (cookie, _) = register(app, &kazuko(&entry, version)).await;
        let (_, me) = get(app, "/api/me", &cookie, None).await;
        let number = me["registrationNumber"].as_str().unwrap().to_owned();
        let clerk = enrol(app, HOSPITAL, "reception", "受付 花子").await;

        let desk = |who: Value, checked: Option<&str>| {
            let mut b = json!({"person": who, "insurance": late_elderly_card("2026-12-10")});
            if let Some(c) = checked {
                b["identityChecked"] = json!(c);
            }
            b
        };
        // No identity document named, or the number without the birth date: refused.
        let (status, body) =
            staff_post(app, "/api/staff/insurance", &clerk.cookie, &desk(json!({"registrationNumber": number}), None))
                .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let mut codes = field_codes(&body);
        codes.sort();
        assert_eq!(codes, vec![("birthDate".into(), "required".into()), ("identityChecked".into(), "required".into())]);
        // Another birth date: nobody (and a failed look-up).
        let wrong = json!({"registrationNumber": number, "birthDate": "1951-12-11"});
        let (status, _) =
            staff_post(app, "/api/staff/insurance", &clerk.cookie, &desk(wrong, Some("my_number_card"))).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        let right = json!({"registrationNumber": number, "birthDate": "昭和26年12月10日"});
        let (status, added) =
            staff_post(app, "/api/staff/insurance", &clerk.cookie, &desk(right.clone(), Some("my_number_card"))).await;
        assert_eq!(status, StatusCode::CREATED, "{added}");
        assert_eq!((added["name"].as_str(), added["startsOn"].as_str()), (Some("鈴木 和子"), Some("2026-12-10")));
        // Twice is the same card again.
        let (status, body) =
            staff_post(app, "/api/staff/insurance", &clerk.cookie, &desk(right, Some("my_number_card"))).await;
        assert_eq!(field_codes(&body), vec![("number".into(), "already_exists".into())], "{status}");

        // She sees it, added by staff, and was mailed; her access record names the desk.
        let (_, mine) = get(app, "/api/me/insurance", &cookie, None).await;
        assert_eq!(mine["items"][0]["addedBy"], "staff", "{mine}");
        assert!(mails_to(app, "kazuko@example.jp").await.iter().any(|(_, b)| b.contains("参加施設の受付")));
        let (_, export) = get(app, "/api/me/export", &cookie, None).await;
        let text = export.to_string();
        assert!(text.contains(r#""action":"insurance.added","actorKind":"staff""#), "{export}");
        assert!(text.contains("デモ総合病院") && text.contains(r#""validFrom":"2026-12-10""#), "{export}");
        // The audit log names the staff member and the document checked.
        let entries = count_where(app, &format!("actor_id = '{}' AND action = 'insurance.added'", clerk.id)).await;
        assert_eq!(entries, 1);
    })
    .await;
}

#[tokio::test]
async fn a_manage_level_proxy_adds_the_new_card_and_a_view_level_one_cannot() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (mother, _) = register(app, &kazuko(&entry, version)).await;
        let (son, _) = register(app, &crate::support::proxy::child(&entry, version, "taro@example.jp")).await;
        let (status, _) = get(app, "/api/me/insurance", &son, None).await;
        assert_eq!(status, StatusCode::OK, "his own");
        let (status, viewer) = invite_and_accept(app, &mother, &son, "view", "child").await;
        assert_eq!(status, StatusCode::CREATED, "{viewer}");
        let view_link = viewer["linkId"].as_str().unwrap();
        let (status, body) =
            post_as(app, "/api/me/insurance", &son, Some(view_link), &late_elderly_card("2026-12-10")).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("proxy_not_allowed")));
        let (status, _) = get(app, "/api/me/insurance", &son, Some(view_link)).await;
        assert_eq!(status, StatusCode::OK, "a view-level proxy sees it");

        let (daughter, _) = register(app, &crate::support::proxy::someone(&entry, version, 0)).await;
        let (status, manager) = invite_and_accept(app, &mother, &daughter, "manage", "other_relative").await;
        assert_eq!(status, StatusCode::CREATED, "{manager}");
        let link = manager["linkId"].as_str().unwrap();
        let (status, body) =
            post_as(app, "/api/me/insurance", &daughter, Some(link), &late_elderly_card("2026-12-10")).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(body["items"][0]["addedBy"], "proxy");
        let mails = mails_to(app, "kazuko@example.jp").await;
        assert!(mails.iter().any(|(_, b)| b.contains("代理人の佐藤 一郎さん")), "{mails:?}");
    })
    .await;
}

#[tokio::test]
async fn the_seventy_fifth_birthday_reminder_goes_once_to_the_person_and_their_proxies() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (mother, _) = register(app, &kazuko(&entry, version)).await;
        let (son, _) = register(app, &crate::support::proxy::child(&entry, version, "taro@example.jp")).await;
        let (status, _) = invite_and_accept(app, &mother, &son, "manage", "child").await;
        assert_eq!(status, StatusCode::CREATED);
        // Hanako (75 long ago) is never reminded.
        register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;

        let reminded = |mails: Vec<(String, String)>| mails.iter().filter(|(s, _)| s.contains("75歳")).count();
        let swept = renkei_api::service::housekeeping::run(&app.state).await.unwrap();
        assert_eq!(swept.reminders, 1);
        assert_eq!(reminded(mails_to(app, "kazuko@example.jp").await), 1);
        let to_son = mails_to(app, "taro@example.jp").await;
        assert_eq!(reminded(to_son.clone()), 1);
        assert!(to_son.iter().any(|(_, b)| b.contains("鈴木 和子さんは2026年12月10日に75歳")), "{to_son:?}");
        assert_eq!(reminded(mails_to(app, "hanako@example.jp").await), 0);

        // Once.
        app.clock.advance(chrono::Duration::days(1));
        assert_eq!(renkei_api::service::housekeeping::run(&app.state).await.unwrap().reminders, 0);
        assert_eq!(reminded(mails_to(app, "kazuko@example.jp").await), 1);
    })
    .await;
}

/// JAHIS data for 山田 花子 (two dispensings: 25 and 28 November 2026).
fn hanako_notebook() -> Vec<u8> {
    let text = [
        "JAHISTC08,1",
        "1,山田 花子,2,S250401,,,,,,,ヤマダ ハナコ",
        "5,R081125,1",
        "11,デモ薬局,14,4,0900004,,,,1",
        "51,デモ内科クリニック,14,1,0900002,1",
        "201,1,アムロジピン錠5mg「サワイ」,1,錠,4,2171022F1093,1",
        "301,1,1日1回朝食後,28,日分,1,,,1",
        "5,20261128,1",
        "11,デモ薬局,14,4,0900004,,,,1",
        "51,デモ総合病院,14,1,0900001,1",
        "201,1,ロキソプロフェンNa錠60mg,1,錠,4,1149019F1560,1",
        "301,1,1日3回毎食後,5,日分,1,,,1",
    ]
    .join("\r\n")
        + "\r\n";
    sjis(&text)
}

#[tokio::test]
async fn jahis_data_is_matched_by_the_card_valid_on_each_dispensing_day() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let pharmacy = issue_key(app, crate::support::facility::PHARMACY).await;
        // On 29 November she adds her new employer's card, valid from the 27th.
        app.clock.advance(chrono::Duration::days(8));
        let cookie = fresh_cookie(app, "hanako@example.jp").await;
        let new_job = json!({"documentKind": "qualification_certificate", "insurerNumber": insurer("0613992"),
            "symbol": "A1", "number": "777", "branch": "00", "startsOn": "2026-11-27"});
        let (status, body) = post_as(app, "/api/me/insurance", &cookie, None, &new_job).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let new_member = format!("{}:A1:777:00", insurer("0613992"));
        // Under the old card: the 25th is hers, the 28th (after it ended) nobody's.
        assert_eq!(
            jahis_outcomes(app, &pharmacy, crate::support::facility::HANAKO, hanako_notebook()).await,
            ["accepted", "patient_unknown"]
        );
        // Under the new card: the other way round.
        assert_eq!(
            jahis_outcomes(app, &pharmacy, &new_member, hanako_notebook()).await,
            ["patient_unknown", "accepted"]
        );
        assert_eq!(count(app, "medication").await, 2);
    })
    .await;
}

#[tokio::test]
async fn a_card_with_a_branch_beside_the_same_card_without_one_is_refused_and_never_misfiles() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        // 山田 花子's card is from before 2021: no branch.
        let mut hanako = details(&new_key(), &entry, version, "hanako@example.jp");
        hanako["number"] = json!("9001");
        hanako["branch"] = serde_json::Value::Null;
        register(app, &hanako).await;
        let (kazuko_cookie, _) = register(app, &kazuko(&entry, version)).await;
        // Kazuko (another birth date) types Hanako's card with a branch: one member id with the
        // branch would name both (Hanako by birth date, Kazuko by branch). Refused.
        let with_branch = json!({"documentKind": "qualification_certificate", "insurerNumber": "33120015",
            "symbol": "12", "number": "9001", "branch": "01", "startsOn": "2026-11-21"});
        let (status, body) = post_as(app, "/api/me/insurance", &kazuko_cookie, None, &with_branch).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::CONFLICT, Some("insurance_held_by_another")),
            "{body}"
        );
        // Hanako's data still reaches her, with the branch or without, with or without her birth date.
        let key = issue_key(app, HOSPITAL).await;
        app.clock.advance(chrono::Duration::days(1));
        for (i, member) in ["33120015:12:9001:01", "33120015:12:9001:"].iter().enumerate() {
            let b = bundle(
                "collection",
                vec![
                    crate::support::facility::patient(member),
                    request(&format!("h-{i}"), "2149040F1020", "アムロジピン錠5mg", "2026-11-22", 28),
                ],
            );
            let (status, _, resp) = send(app, &key, &b).await;
            assert_eq!((status, reasons(&resp)[1].as_str()), (StatusCode::OK, "accepted"), "{member}: {resp}");
        }
    })
    .await;
}

#[tokio::test]
async fn registering_someone_with_a_card_another_person_holds_leaves_the_card_off_the_new_record() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let (son, _) = register(app, &crate::support::proxy::child(&entry, version, "taro@example.jp")).await;
        // He registers a made-up person with Hanako's card (another name and birth date).
        let mut fake = crate::support::proxy::parent(version, None);
        fake["name"] = json!("架空 太郎");
        fake["nameKana"] = json!("かくう たろう");
        fake["birthDate"] = json!("1940-01-01");
        fake["sex"] = json!("male");
        let reviews = count(app, "identity_review").await;
        let (status, done) = post_as(app, "/api/me/people", &son, None, &fake).await;
        assert_eq!(status, StatusCode::CREATED, "{done}");
        assert!(count(app, "identity_review").await > reviews, "the office reviews it");
        let (_, people) = get(app, "/api/me/people", &son, None).await;
        let link = people["people"][0]["linkId"].as_str().unwrap().to_owned();
        let (_, theirs) = get(app, "/api/me/insurance", &son, Some(&link)).await;
        assert_eq!(theirs["items"], json!([]), "the card is not on the new record: {theirs}");
        // Hanako's data still reaches her.
        let key = issue_key(app, HOSPITAL).await;
        app.clock.advance(chrono::Duration::days(1));
        let b = bundle(
            "collection",
            vec![
                crate::support::facility::patient(crate::support::facility::HANAKO),
                request("h-1", "2149040F1020", "アムロジピン錠5mg", "2026-11-22", 28),
            ],
        );
        let (_, _, resp) = send(app, &key, &b).await;
        assert_eq!(reasons(&resp)[1], "accepted", "{resp}");
    })
    .await;
}

#[tokio::test]
async fn a_my_number_card_holder_registers_without_numbers_and_reception_completes_them_later() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let mut later = kazuko(&entry, version);
        for field in ["insurerNumber", "symbol", "number"] {
            later[field] = json!("");
        }
        later["branch"] = serde_json::Value::Null;
        later["documentKind"] = json!("my_number_card");
        // Numbers with "later" are a contradiction, and only a マイナ保険証 leaves them out.
        let mut both = later.clone();
        both["number"] = json!("5151");
        both["numbersLater"] = json!(true);
        app.clock.advance(chrono::Duration::seconds(31));
        let (status, _, body) = crate::support::resident::post(app, "/api/registrations", &both).await;
        assert_eq!(field_codes(&body), vec![("numbersLater".into(), "invalid_format".into())], "{status}");
        later["numbersLater"] = json!(true);
        let (cookie, _) = register(app, &later).await;
        let (_, me) = get(app, "/api/me", &cookie, None).await;
        let number = me["registrationNumber"].as_str().unwrap().to_owned();
        let (_, mine) = get(app, "/api/me/insurance", &cookie, None).await;
        assert_eq!(mine["items"], json!([]), "{mine}");

        // Joined: a facility reaches her by her registration number at once, not by a card.
        let key = issue_key(app, HOSPITAL).await;
        app.clock.advance(chrono::Duration::days(1));
        let by_number = |id: &str| {
            let mut p = crate::support::facility::patient("x");
            p["resource"]["identifier"] =
                json!([{"system": "http://localhost:8080/fhir/sid/registration-number", "value": number}]);
            p["resource"]["name"] = json!([{"text": "鈴木 和子"}]);
            p["resource"]["birthDate"] = json!("1951-12-10");
            bundle("collection", vec![p, request(id, "2149040F1020", "アムロジピン錠5mg", "2026-11-22", 28)])
        };
        assert_eq!(outcome(app, &key, &by_number("n-1")).await, "accepted");
        assert_eq!(outcome(app, &key, &about_kazuko(OLD_CARD, "c-1", "2026-11-22")).await, "patient_unknown");

        // At the desk, reception reads her numbers from the online eligibility check.
        let clerk = enrol(app, HOSPITAL, "reception", "受付 花子").await;
        let desk = json!({
            "person": {"registrationNumber": number, "birthDate": "1951-12-10"},
            "identityChecked": "my_number_card",
            "insurance": {"documentKind": "my_number_card", "insurerNumber": "33120015", "symbol": "12",
                "number": "5151", "branch": "01", "startsOn": ""},
        });
        let (status, added) = staff_post(app, "/api/staff/insurance", &clerk.cookie, &desk).await;
        assert_eq!(status, StatusCode::CREATED, "{added}");
        assert!(added.get("startsOn").is_none(), "{added}");
        // One record, now found by her card for data of any day since she joined.
        assert_eq!(count(app, "resident").await, 1);
        assert_eq!(outcome(app, &key, &about_kazuko(OLD_CARD, "c-2", "2026-11-21")).await, "accepted");
        // A second insurance needs its first day.
        let cookie = fresh_cookie(app, "kazuko@example.jp").await;
        let (status, body) = post_as(app, "/api/me/insurance", &cookie, None, &late_elderly_card("")).await;
        assert_eq!(field_codes(&body), vec![("startsOn".into(), "required".into())], "{status}");
    })
    .await;
}

#[tokio::test]
async fn a_member_id_without_a_branch_that_names_two_people_is_told_apart_by_the_name() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        // Someone with her birth date puts a sibling branch of her card on their record.
        let mut other = details(&new_key(), &entry, version, "kato@example.jp");
        other["name"] = json!("加藤 一");
        other["nameKana"] = json!("かとう はじめ");
        other["sex"] = json!("male");
        other["branch"] = json!("09");
        register(app, &other).await;
        let key = issue_key(app, HOSPITAL).await;
        app.clock.advance(chrono::Duration::days(1));
        // Data from before 2021's documents (no branch), with her birth date: both hold the
        // card and the birth date; her name tells them apart.
        let b = bundle(
            "collection",
            vec![
                crate::support::facility::patient("33120015:12:3456:"),
                request("t-1", "2149040F1020", "アムロジピン錠5mg", "2026-11-22", 28),
            ],
        );
        let (_, _, resp) = send(app, &key, &b).await;
        assert_eq!(reasons(&resp)[1], "accepted", "{resp}");
        let cookie = fresh_cookie(app, "hanako@example.jp").await;
        let (_, summary) = get(app, "/api/me/summary", &cookie, None).await;
        assert!(summary.to_string().contains("アムロジピン"), "{summary}");
    })
    .await;
}
