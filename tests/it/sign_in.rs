//! Signing in afterwards: mailed codes for residents without a passkey,
//! recovery that enrols a new passkey, session limits, sign-out, cross-site
//! requests, and rate limits that lift by themselves.

use poem::http::StatusCode;
use serde_json::{Value, json};

use crate::support::client::{assert_error, read};
use crate::support::resident::{
    Phone, code_sign_in, count, demo, details, field_codes, last_code, mails_to, me, new_key, post, post_with_cookie,
    register, register_with_passkey, session_cookie,
};
use crate::support::{TestApp, each_backend};

/// The date of birth of everyone `details` registers.
const BORN: &str = "1950-04-01";

async fn ask_code(app: &TestApp, email: &str) -> (StatusCode, Value) {
    crate::support::resident::ask_code(app, email, BORN).await
}

/// Asks for a code for `email` and signs in with it.
async fn sign_in(app: &TestApp, email: &str) -> (StatusCode, poem::http::HeaderMap, Value) {
    let (_, asked) = ask_code(app, email).await;
    let code = last_code(app, email).await;
    code_sign_in(app, email, &code, &asked["flow"]).await
}

fn wrong_of(code: &str) -> &'static str {
    if code == "000000" { "111111" } else { "000000" }
}

#[tokio::test]
async fn a_resident_without_a_passkey_signs_in_with_a_mailed_code() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (cookie, done) = register(app, &details(&new_key(), &entry, version, "code@example.jp")).await;

        // Sign out: the cookie is cleared and stops working at once.
        let (status, headers, _) = post_with_cookie(app, "/api/sign-out", &cookie, &json!({})).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert!(headers.get("set-cookie").unwrap().to_str().unwrap().contains("Max-Age=0"));
        assert_eq!(me(app, &cookie).await.0, StatusCode::UNAUTHORIZED);

        // The same answer for an address with and without a registration.
        let (s1, known) = ask_code(app, "code@example.jp").await;
        let (s2, unknown) = ask_code(app, "nobody@example.jp").await;
        assert_eq!((s1, s2), (StatusCode::ACCEPTED, StatusCode::ACCEPTED));
        assert_eq!(
            known.as_object().unwrap().keys().collect::<Vec<_>>(),
            unknown.as_object().unwrap().keys().collect::<Vec<_>>()
        );
        let nobody = mails_to(app, "nobody@example.jp").await;
        assert!(nobody[0].1.contains("登録された方はいません"), "the mailbox's owner learns it, nobody else");

        let code = last_code(app, "code@example.jp").await;
        let flow = &known["flow"];
        let wrong = wrong_of(&code);
        let (status, _, err) = code_sign_in(app, "code@example.jp", wrong, flow).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(field_codes(&err), [("code".into(), "incorrect".into())]);
        // A wrong code for an unknown address looks the same.
        let (_, _, err2) = code_sign_in(app, "nobody@example.jp", wrong, &unknown["flow"]).await;
        assert_eq!(field_codes(&err2), field_codes(&err));

        let (status, headers, signed) = code_sign_in(app, "code@example.jp", &code, flow).await;
        assert_eq!(status, StatusCode::OK, "{signed}");
        assert_eq!(signed["registrationNumber"], done["registrationNumber"]);
        let cookie = session_cookie(&headers);
        assert_eq!(me(app, &cookie).await.0, StatusCode::OK);

        // A used code does not work again (and says no more than a wrong one).
        let (_, _, err) = code_sign_in(app, "code@example.jp", &code, flow).await;
        assert_eq!(field_codes(&err), [("code".into(), "incorrect".into())]);

        // A second device signs in too; "sign out everywhere" from it ends both sessions.
        app.clock.advance(chrono::Duration::minutes(1));
        let (_, headers, _) = sign_in(app, "code@example.jp").await;
        let other_device = session_cookie(&headers);
        assert_eq!((me(app, &cookie).await.0, me(app, &other_device).await.0), (StatusCode::OK, StatusCode::OK));
        let (status, headers, _) =
            post_with_cookie(app, "/api/me/sign-out-everywhere", &other_device, &json!({})).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert!(headers.get("set-cookie").unwrap().to_str().unwrap().contains("Max-Age=0"));
        assert_eq!(
            (me(app, &cookie).await.0, me(app, &other_device).await.0),
            (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED)
        );
        let (status, _, _) = post_with_cookie(app, "/api/me/sign-out-everywhere", &other_device, &json!({})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "signed out already");
        app.clock.advance(chrono::Duration::minutes(1));
        let (_, headers, _) = sign_in(app, "code@example.jp").await;
        let cookie = session_cookie(&headers);

        // Adding a passkey afterwards; the address is told.
        let mut phone = Phone::new();
        let (status, _, opts) = post_with_cookie(app, "/api/me/passkeys/options", &cookie, &json!({})).await;
        assert_eq!(status, StatusCode::OK, "{opts}");
        let credential = phone.create(&opts["publicKey"]);
        let (status, _, added) =
            post_with_cookie(app, "/api/me/passkeys", &cookie, &json!({ "credential": credential })).await;
        assert_eq!(status, StatusCode::OK, "{added}");
        assert_eq!(added["passkeys"], 1);
        assert!(mails_to(app, "code@example.jp").await.last().unwrap().1.contains("パスキーが追加されました"));

        // From now on a mailed code alone is not enough.
        app.clock.advance(chrono::Duration::minutes(1));
        let (status, _, err) = sign_in(app, "code@example.jp").await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_error(&err, "passkey_required");
    })
    .await;
}

#[tokio::test]
async fn recovery_needs_the_code_and_matching_details_and_enrols_a_new_passkey() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let mut old_phone = Phone::new();
        let (lost_phone_session, _, _) =
            register_with_passkey(app, &mut old_phone, &details(&new_key(), &entry, version, "lost@example.jp")).await;
        assert_eq!(count(app, "passkey").await, 1);

        let (_, asked) = ask_code(app, "lost@example.jp").await;
        let code = last_code(app, "lost@example.jp").await;
        let recovery = |birth: &str| {
            json!({
                "email": "lost@example.jp",
                "code": code,
                "flow": asked["flow"],
                "insurerNumber": "３３１２００１５",
                "symbol": "12",
                "number": "3456",
                "branch": "01",
                "birthDate": birth,
            })
        };
        let (status, _, err) = post(app, "/api/recovery", &recovery("1950-04-02")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_error(&err, "details_mismatch");
        assert_eq!(count(app, "session").await, 1, "only the registration's session");

        let (status, headers, signed) = post(app, "/api/recovery", &recovery("昭和25年4月1日")).await;
        assert_eq!(status, StatusCode::OK, "{signed}");
        let cookie = session_cookie(&headers);
        // Recovery takes the account back: the lost phone's session ends.
        assert_eq!(me(app, &lost_phone_session).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(me(app, &cookie).await.0, StatusCode::OK);
        let notice = mails_to(app, "lost@example.jp").await;
        assert!(notice.last().unwrap().1.contains("ログインがありました"), "{:?}", notice.last());

        let mut new_phone = Phone::new();
        let (_, _, opts) = post_with_cookie(app, "/api/me/passkeys/options", &cookie, &json!({})).await;
        assert_eq!(opts["publicKey"]["excludeCredentials"].as_array().unwrap().len(), 1, "{opts}");
        let credential = new_phone.create(&opts["publicKey"]);
        let (status, _, added) =
            post_with_cookie(app, "/api/me/passkeys", &cookie, &json!({ "credential": credential })).await;
        assert_eq!(status, StatusCode::OK, "{added}");
        assert_eq!(added["passkeys"], 2);

        // The code is used up; and a replayed creation finds no ceremony.
        let (_, _, err) = post(app, "/api/recovery", &recovery("1950-04-01")).await;
        assert_eq!(field_codes(&err), [("code".into(), "incorrect".into())]);
        let (_, _, err) =
            post_with_cookie(app, "/api/me/passkeys", &cookie, &json!({ "credential": credential })).await;
        assert_eq!(field_codes(&err), [("credential".into(), "expired".into())]);
    })
    .await;
}

#[tokio::test]
async fn sessions_end_after_30_idle_minutes_or_12_hours() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (cookie, _) = register(app, &details(&new_key(), &entry, version, "idle@example.jp")).await;
        app.clock.advance(chrono::Duration::minutes(29));
        assert_eq!(me(app, &cookie).await.0, StatusCode::OK);
        app.clock.advance(chrono::Duration::minutes(29));
        assert_eq!(me(app, &cookie).await.0, StatusCode::OK, "used within 30 minutes: still signed in");
        app.clock.advance(chrono::Duration::minutes(31));
        let (status, body) = me(app, &cookie).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_error(&body, "unauthorized");

        let (_, headers, _) = sign_in(app, "idle@example.jp").await;
        let cookie = session_cookie(&headers);
        // Used every 25 minutes it stays signed in... (28 × 25 min = 11 h 40 min)
        for i in 0..28 {
            app.clock.advance(chrono::Duration::minutes(25));
            assert_eq!(me(app, &cookie).await.0, StatusCode::OK, "after {} minutes", (i + 1) * 25);
        }
        // ...until 12 hours after sign-in.
        app.clock.advance(chrono::Duration::minutes(25));
        assert_eq!(me(app, &cookie).await.0, StatusCode::UNAUTHORIZED, "12 hours after sign-in");

        // Garbage and missing cookies are simply not signed in.
        assert_eq!(me(app, "renkei_session=nonsense").await.0, StatusCode::UNAUTHORIZED);
        let (status, _, _) = read(app.client.get("/api/me").send().await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    })
    .await;
}

#[tokio::test]
async fn requests_from_other_sites_are_refused() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let body = details(&new_key(), &entry, version, "csrf@example.jp");
        let (status, _, err) = read(
            app.client
                .post("/api/registrations")
                .header("origin", "https://evil.example")
                .body_json(&body)
                .send()
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_error(&err, "forbidden");
        let (status, _, _) =
            read(app.client.post("/api/sign-out").header("sec-fetch-site", "cross-site").send().await).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(count(app, "registration").await, 0);
        // A write that carries a session cookie but names no origin at all is refused too;
        // without a cookie (a command-line client) it is no browser's and passes.
        let (cookie, _) =
            crate::support::resident::register(app, &details(&new_key(), &entry, version, "quiet@example.jp")).await;
        let (status, _, _) = read(
            app.client
                .post("/api/me/sign-out-everywhere")
                .header("sec-fetch-site", "")
                .header("cookie", &cookie)
                .send()
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(me(app, &cookie).await.0, StatusCode::OK, "nothing happened");
        // The app's own origin passes.
        let (status, _, _) = read(
            app.client
                .post("/api/registrations")
                .header("origin", crate::support::resident::ORIGIN)
                .body_json(&body)
                .send()
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn guessing_is_slowed_down_but_nobody_is_locked_out_for_good() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        register(app, &details(&new_key(), &entry, version, "target@example.jp")).await;
        // A code allows five tries; then even the right one is refused.
        let (_, asked) = ask_code(app, "target@example.jp").await;
        let code = last_code(app, "target@example.jp").await;
        let wrong = wrong_of(&code);
        for _ in 0..5 {
            code_sign_in(app, "target@example.jp", wrong, &asked["flow"]).await;
        }
        let (status, _, err) = code_sign_in(app, "target@example.jp", &code, &asked["flow"]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(field_codes(&err), [("code".into(), "incorrect".into())]);

        // One client guessing across many addresses is stopped after 30 failures in 15 minutes.
        let mut limited = None;
        for i in 6..40 {
            let email = format!("guess{i}@example.jp");
            let (status, headers, _) = code_sign_in(app, &email, wrong, &asked["flow"]).await;
            if status == StatusCode::TOO_MANY_REQUESTS {
                let retry = headers.get("retry-after").unwrap().to_str().unwrap().parse::<i64>().unwrap();
                limited = Some((i, retry));
                break;
            }
        }
        let (after, retry) = limited.expect("rate limited after repeated failures");
        assert_eq!(after, 30, "thirty failures per client in 15 minutes");
        assert!((1..=900).contains(&retry), "{retry}");

        // Mail per address is limited too, without ever refusing the request
        // (a refusal would tell whether the address is registered).
        let mut statuses = Vec::new();
        for _ in 0..7 {
            statuses.push(ask_code(app, "flood@example.jp").await.0);
        }
        assert!(statuses.iter().all(|s| *s == StatusCode::ACCEPTED), "{statuses:?}");
        assert_eq!(mails_to(app, "flood@example.jp").await.len(), 5, "five mails an hour at most");

        // The window passes; the right code (a fresh one) works.
        app.clock.advance(chrono::Duration::hours(1));
        let (status, _, body) = sign_in(app, "target@example.jp").await;
        assert_eq!(status, StatusCode::OK, "{body}");
    })
    .await;
}

#[tokio::test]
async fn a_stranger_who_knows_the_address_can_neither_lock_the_owner_out_nor_sign_in() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        register(app, &details(&new_key(), &entry, version, "owner@example.jp")).await;
        let mails_before = mails_to(app, "owner@example.jp").await.len();

        // The owner asks for a code on their phone.
        let (status, owners) = ask_code(app, "owner@example.jp").await;
        assert_eq!(status, StatusCode::ACCEPTED);
        let code = last_code(app, "owner@example.jp").await;

        // A stranger knows the address, not the date of birth: twenty
        // requests, all answered alike, none mails a code, none voids the
        // owner's, none uses up the owner's quota.
        let mut strangers = Vec::new();
        for day in 2..22 {
            let asked = json!({ "email": "owner@example.jp", "birthDate": format!("1950-04-{day:02}") });
            let (status, _, answer) = post(app, "/api/sign-in/email-code", &asked).await;
            assert_eq!(status, StatusCode::ACCEPTED, "{answer}");
            assert_eq!(
                answer.as_object().unwrap().keys().collect::<Vec<_>>(),
                owners.as_object().unwrap().keys().collect::<Vec<_>>()
            );
            strangers.push(answer["flow"].clone());
        }
        let mails = mails_to(app, "owner@example.jp").await;
        let since: Vec<_> = mails[mails_before..].iter().collect();
        assert_eq!(since.iter().filter(|(s, _)| s.contains("確認コード")).count(), 1, "only the owner's code");
        let told = since.iter().filter(|(_, b)| b.contains("生年月日が登録と一致しなかった")).count();
        assert!((1..=5).contains(&told), "the owner hears of it, a few times at most: {told}");

        // The stranger guesses, from many places, with their own flows and
        // with a made-up one: the owner's code keeps all its tries. (Eight
        // flows: the 30 failures a client may have in 15 minutes are the
        // limit on guessing from one place.)
        let forged = json!("0".repeat(64));
        for flow in strangers.iter().take(7).chain([&forged]) {
            for guess in ["000000", "123456", &code] {
                let (status, _, _) = code_sign_in(app, "owner@example.jp", guess, flow).await;
                assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a code works only with its own flow");
            }
        }
        // Someone with the date of birth, on another device, asks too: the
        // owner's pending code still works.
        let (_, _, other) =
            post(app, "/api/sign-in/email-code", &json!({ "email": "owner@example.jp", "birthDate": BORN })).await;
        assert_ne!(other["flow"], owners["flow"]);
        let (status, headers, body) = code_sign_in(app, "owner@example.jp", &code, &owners["flow"]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(me(app, &session_cookie(&headers)).await.0, StatusCode::OK);

        // And the owner can still get fresh codes within the hour.
        let (status, _, body) = sign_in(app, "owner@example.jp").await;
        assert_eq!(status, StatusCode::OK, "{body}");
    })
    .await;
}

#[tokio::test]
async fn a_code_request_needs_the_date_of_birth_and_a_resend_replaces_only_its_own_code() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        register(app, &details(&new_key(), &entry, version, "pair@example.jp")).await;
        let (status, _, err) = post(app, "/api/sign-in/email-code", &json!({ "email": "pair@example.jp" })).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
        let (status, _, err) =
            post(app, "/api/sign-in/email-code", &json!({ "email": "pair@example.jp", "birthDate": "" })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(field_codes(&err), [("birthDate".into(), "required".into())]);
        // The schema says string: a number is not taken for one.
        let (status, _, err) =
            post(app, "/api/sign-in/email-code", &json!({ "email": "pair@example.jp", "birthDate": 19500401 })).await;
        assert_eq!((status, err["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_body")), "{err}");

        // A resend from the same browser keeps its flow and voids its earlier code.
        let (_, first) = ask_code(app, "pair@example.jp").await;
        let old = last_code(app, "pair@example.jp").await;
        app.clock.advance(chrono::Duration::seconds(31));
        let (status, _, again) = post(
            app,
            "/api/sign-in/email-code",
            &json!({ "email": "pair@example.jp", "birthDate": "昭和25年4月1日", "flow": first["flow"] }),
        )
        .await;
        assert_eq!(status, StatusCode::ACCEPTED);
        assert_eq!(again["flow"], first["flow"]);
        let new = last_code(app, "pair@example.jp").await;
        if new != old {
            let (status, _, _) = code_sign_in(app, "pair@example.jp", &old, &first["flow"]).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the earlier code of this flow is void");
        }
        let (status, _, body) = code_sign_in(app, "pair@example.jp", &new, &first["flow"]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    })
    .await;
}

#[tokio::test]
async fn registering_with_someone_s_address_uses_up_none_of_their_sign_in_codes() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        register(app, &details(&new_key(), &entry, version, "victim@example.jp")).await;
        // A stranger starts registrations of made-up people with her address, until refused.
        let mut refused = false;
        for given in ["一郎", "二郎", "三郎", "四郎", "五郎", "六郎", "七郎", "八郎"] {
            let mut made_up = details(&new_key(), &entry, version, "victim@example.jp");
            made_up["name"] = json!(format!("偽名 {given}"));
            made_up["nameKana"] = json!("ぎめい たろう");
            app.clock.advance(chrono::Duration::seconds(31));
            let (status, _, _) = post(app, "/api/registrations", &made_up).await;
            refused |= status == StatusCode::TOO_MANY_REQUESTS;
        }
        assert!(refused, "registration mail to one address is limited");
        // Her own code still comes, and works.
        let (status, _, body) = sign_in(app, "victim@example.jp").await;
        assert_eq!(status, StatusCode::OK, "{body}");
    })
    .await;
}

#[tokio::test]
async fn a_mailed_code_request_makes_the_same_writes_within_and_over_the_limits() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        register(app, &details(&new_key(), &entry, version, "same@example.jp")).await;
        // Over the limit, a request still writes its mail row (dropped, never sent) and its code row.
        for _ in 0..7 {
            post(app, "/api/sign-in/email-code", &json!({ "email": "same@example.jp", "birthDate": "1961-07-15" }))
                .await;
        }
        assert_eq!(count(app, "mail_outbox WHERE status = 'dropped'").await, 6, "one in 30 s is sent");
        assert_eq!(count(app, "email_code WHERE purpose = 'decoy'").await, 7);
        let told = mails_to(app, "same@example.jp").await;
        assert_eq!(told.iter().filter(|(_, b)| b.contains("一致しなかった")).count(), 1);
        // A day later the housekeeping job removes the dropped rows and spent decoys.
        app.clock.advance(chrono::Duration::days(1) + chrono::Duration::minutes(1));
        post(app, "/api/sign-in/email-code", &json!({ "email": "other@example.jp", "birthDate": BORN })).await;
        let swept = renkei_api::service::housekeeping::run(&app.state).await.unwrap();
        assert_eq!((swept.decoy_codes, swept.dropped_mail), (7, 6));
        assert_eq!(count(app, "mail_outbox WHERE status = 'dropped'").await, 0);
        assert_eq!(count(app, "email_code WHERE purpose = 'decoy'").await, 1, "the fresh one stays");
    })
    .await;
}
