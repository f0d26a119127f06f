//! Registration from an entry point, over the API, on every backend: the
//! happy paths with and without a passkey, idempotency, identity resolution,
//! and every kind of bad input refused with a field code and nothing stored.

use poem::http::StatusCode;
use serde_json::{Value, json};

use crate::support::client::assert_error;
use crate::support::resident::{
    Phone, count, demo, details, field_codes, last_code, mails_to, me, new_key, post, register, register_with_passkey,
    submit_and_verify,
};
use crate::support::smtp::SmtpServer;
use crate::support::{TestApp, backends, each_backend};

#[tokio::test]
async fn a_resident_registers_confirms_the_address_and_sees_their_account() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let body = details(&new_key(), &entry, version, "hanako@example.jp");
        let (status, _, pending) = post(app, "/api/registrations", &body).await;
        assert_eq!(status, StatusCode::OK, "{pending}");
        assert_eq!(pending["emailMasked"], "h***@example.jp");
        assert_eq!(pending["emailVerified"], false);

        // A wrong code, then the right one.
        let code = last_code(app, "hanako@example.jp").await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let key = body["key"].as_str().unwrap();
        let (status, _, err) =
            post(app, "/api/registrations/verify-email", &json!({ "key": key, "code": wrong })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(field_codes(&err), [("code".into(), "incorrect".into())]);
        // Completing before the address is confirmed is refused.
        let (status, _, err) = post(app, "/api/registrations/complete", &json!({ "key": key })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(field_codes(&err), [("code".into(), "required".into())]);

        let (status, _, ok) = post(app, "/api/registrations/verify-email", &json!({ "key": key, "code": code })).await;
        assert_eq!(status, StatusCode::OK, "{ok}");
        // The code cannot be used twice, and verifying again is harmless.
        let (status, _, _) = post(app, "/api/registrations/verify-email", &json!({ "key": key, "code": code })).await;
        assert_eq!(status, StatusCode::OK);

        let (status, headers, done) = post(app, "/api/registrations/complete", &json!({ "key": key })).await;
        assert_eq!(status, StatusCode::OK, "{done}");
        let set_cookie = headers.get("set-cookie").unwrap().to_str().unwrap();
        assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"), "{set_cookie}");
        assert!(set_cookie.contains("Path=/api"), "{set_cookie}");
        let number = done["registrationNumber"].as_str().unwrap().to_owned();
        assert_eq!(number.replace('-', "").len(), 11, "{number}");
        assert_eq!(done["network"]["code"], "demo");
        assert_eq!(done["consentVersion"], version);
        assert_eq!(done["passkey"], false);

        let cookie = set_cookie.split(';').next().unwrap();
        let (status, account) = me(app, cookie).await;
        assert_eq!(status, StatusCode::OK, "{account}");
        assert_eq!(account["registrationNumber"], number.as_str());
        assert_eq!(account["name"], "山田 花子");
        assert_eq!(account["passkeys"], 0);
        assert_eq!(account["networks"][0]["code"], "demo");
        assert_eq!(account["networks"][0]["consentVersion"], version);

        // The confirmation mail: number, consent version, how to withdraw; no insurance numbers.
        let mails = mails_to(app, "hanako@example.jp").await;
        let (subject, text) = mails.last().unwrap();
        assert!(subject.contains("参加登録が完了しました"), "{subject}");
        assert!(text.contains(&number) && text.contains("第1版") && text.contains("version 1"), "{text}");
        assert!(text.contains("参加をやめたいとき") && text.contains("To withdraw"), "{text}");
        assert!(!text.contains("33120015") && !text.contains("3456"), "no insurance numbers in mail: {text}");

        // What was stored: one resident, their insurance, one consent that
        // remembers the entry point; the registration's copy of the details is gone.
        assert_eq!(count(app, "resident").await, 1);
        assert_eq!(count(app, "resident_insurance").await, 1);
        assert_eq!(count(app, "consent").await, 1);
        assert_eq!(count(app, "registration WHERE details IS NULL AND outcome = 'created'").await, 1);
        assert_eq!(count(app, "consent WHERE entry_point_id IS NOT NULL").await, 1);
    })
    .await;
}

#[tokio::test]
async fn a_double_tap_or_a_retry_never_makes_two_residents() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let body = details(&new_key(), &entry, version, "retry@example.jp");
        let (s1, _, a) = post(app, "/api/registrations", &body).await;
        let (s2, _, b) = post(app, "/api/registrations", &body).await;
        assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK));
        assert_eq!(a["expiresAt"], b["expiresAt"]);
        assert_eq!(count(app, "registration").await, 1);
        assert_eq!(mails_to(app, "retry@example.jp").await.len(), 1, "one code mail, not two");

        // Going back and correcting the phone number keeps the registration and its code.
        let mut fixed = body.clone();
        fixed["phone"] = json!("045-123-4567");
        let (status, _, _) = post(app, "/api/registrations", &fixed).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(mails_to(app, "retry@example.jp").await.len(), 1);

        let key = submit_and_verify(app, &fixed).await;
        let (first, _, done1) = post(app, "/api/registrations/complete", &json!({ "key": key })).await;
        let (second, headers, done2) = post(app, "/api/registrations/complete", &json!({ "key": key })).await;
        assert_eq!((first, second), (StatusCode::OK, StatusCode::OK), "{done2}");
        assert_eq!(done1["registrationNumber"], done2["registrationNumber"]);
        assert!(headers.get("set-cookie").is_some(), "the retry signs in too");
        assert_eq!(count(app, "resident").await, 1);
        assert_eq!(count(app, "consent").await, 1);
        // Only for a moment: later the key is no way in (after a sign-out everywhere, say).
        app.clock.advance(chrono::Duration::minutes(3));
        let (status, headers, err) = post(app, "/api/registrations/complete", &json!({ "key": key })).await;
        assert_eq!((status, err["code"].as_str()), (StatusCode::CONFLICT, Some("conflict")), "{err}");
        assert!(headers.get("set-cookie").is_none());

        // The key of a completed registration cannot start another.
        let (status, _, err) = post(app, "/api/registrations", &fixed).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_error(&err, "conflict");
    })
    .await;
}

#[tokio::test]
async fn every_wrong_field_gets_its_code_and_nothing_is_stored() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let cases: Vec<(&str, Value, &str)> = vec![
            ("insurerNumber", json!("33120016"), "check_digit"),
            ("insurerNumber", json!("3312001"), "invalid_format"),
            ("insurerNumber", json!("abc"), "invalid_format"),
            ("nameKana", json!("Yamada はなこ"), "invalid_characters"),
            ("nameKana", json!("やまだ<b>"), "invalid_characters"),
            ("birthDate", json!("2027-01-01"), "out_of_range"),
            ("birthDate", json!("1896-11-21"), "out_of_range"),
            ("birthDate", json!("1950-02-30"), "invalid_format"),
            ("name", json!("山田 😀"), "invalid_characters"),
            ("name", json!("山".repeat(10_000)), "too_long"),
            ("name", json!("'; DROP TABLE resident; --"), "invalid_characters"),
            ("name", json!("<script>alert(1)</script>"), "invalid_characters"),
            // Invisible characters that would show the name as another.
            ("name", json!("山田\u{202E}子花"), "invalid_characters"),
            ("name", json!("山\u{200B}田 花子"), "invalid_characters"),
            ("name", json!("\u{FEFF}山田 花子"), "invalid_characters"),
            ("name", json!(""), "required"),
            ("branch", json!("123"), "invalid_format"),
            ("sex", json!("x"), "unknown_value"),
            // Only the documented closed set: `female` or `male`.
            ("sex", json!("F"), "unknown_value"),
            ("sex", json!("女"), "unknown_value"),
            ("sex", json!("Female"), "unknown_value"),
            ("documentKind", json!("passport"), "unknown_value"),
            ("phone", json!("12345"), "invalid_format"),
            ("email", json!("not an address"), "invalid_format"),
            ("entryPoint", json!("0000-0000-1"), "check_digit"),
            ("key", json!("short"), "invalid_format"),
        ];
        for (field, value, code) in cases {
            let mut body = details(&new_key(), &entry, version, "bad@example.jp");
            body[field] = value.clone();
            let (status, _, err) = post(app, "/api/registrations", &body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}={value}: {err}");
            assert_error(&err, "validation_failed");
            assert!(
                field_codes(&err).contains(&(field.to_owned(), code.to_owned())),
                "{field}={value}: expected {code}, got {err}"
            );
            let f = &err["fields"][0];
            assert!(!f["message"].as_str().unwrap().is_empty());
        }
        // Many wrong fields at once: all reported.
        let mut body = details(&new_key(), &entry, version, "x");
        body["insurerNumber"] = json!("33120016");
        body["nameKana"] = json!("Yamada はなこ");
        let (_, _, err) = post(app, "/api/registrations", &body).await;
        assert_eq!(field_codes(&err).len(), 3, "{err}");

        // In English when asked.
        let resp = app.client.post("/api/registrations").header("accept-language", "en").body_json(&body).send().await;
        let (_, _, err) = crate::support::client::read(resp).await;
        assert!(err["fields"][0]["message"].as_str().unwrap().is_ascii(), "{err}");

        assert_eq!(count(app, "registration").await, 0);
        assert_eq!(count(app, "resident").await, 0);
        assert!(app.state.mail.mailer().sent().is_empty());
        assert_eq!(count(app, "mail_outbox").await, 0);
    })
    .await;
}

#[tokio::test]
async fn stale_consent_and_withdrawn_or_unknown_entry_points_are_refused() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let stale = details(&new_key(), &entry, version + 1, "a@example.jp");
        let (status, _, err) = post(app, "/api/registrations", &stale).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(field_codes(&err), [("consentVersion".into(), "expired".into())]);

        let unknown = renkei_api::domain::public_id::PublicId::generate(8, &mut rand::rng());
        let body = details(&new_key(), unknown.as_str(), version, "a@example.jp");
        let (_, _, err) = post(app, "/api/registrations", &body).await;
        assert_eq!(field_codes(&err), [("entryPoint".into(), "not_found".into())]);

        crate::support::admin(
            app,
            renkei_api::cli::AdminCommand::EntryPoint(renkei_api::cli::EntryPointCommand::Disable {
                code: entry.clone(),
            }),
        )
        .await
        .unwrap();
        let body = details(&new_key(), &entry, version, "a@example.jp");
        let (_, _, err) = post(app, "/api/registrations", &body).await;
        assert_eq!(field_codes(&err), [("entryPoint".into(), "expired".into())]);
        assert_eq!(count(app, "registration").await, 0);
    })
    .await;
}

#[tokio::test]
async fn registering_with_a_passkey_then_signing_in_with_it() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let mut phone = Phone::new();
        let body = details(&new_key(), &entry, version, "pk@example.jp");
        let (cookie, done, cred_id) = register_with_passkey(app, &mut phone, &body).await;
        let (_, account) = me(app, &cookie).await;
        assert_eq!(account["passkeys"], 1);
        assert_eq!(account["registrationNumber"], done["registrationNumber"]);
        assert_eq!(count(app, "passkey").await, 1);
        assert_eq!(count(app, "webauthn_ceremony").await, 0, "the ceremony was used up");

        let resident: uuid::Uuid = {
            use sea_orm::EntityTrait;
            renkei_api::store::entity::resident::Entity::find().one(app.state.db.reader()).await.unwrap().unwrap().id
        };
        let (status, _, opts) = post(app, "/api/sign-in/passkey-options", &json!({})).await;
        assert_eq!(status, StatusCode::OK, "{opts}");
        assert_eq!(opts["publicKey"]["userVerification"], "required");
        let answer = phone.sign_in(&opts["publicKey"], &cred_id, resident);
        let req = json!({ "ceremony": opts["ceremony"], "credential": answer });
        let (status, headers, signed) = post(app, "/api/sign-in/passkey", &req).await;
        assert_eq!(status, StatusCode::OK, "{signed}");
        assert_eq!(signed["registrationNumber"], done["registrationNumber"]);
        let cookie = crate::support::resident::session_cookie(&headers);
        assert_eq!(me(app, &cookie).await.0, StatusCode::OK);

        // The same answer again (a replay) finds no ceremony.
        let (status, _, err) = post(app, "/api/sign-in/passkey", &req).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(field_codes(&err), [("credential".into(), "expired".into())]);

        // An expired ceremony is refused.
        let (_, _, opts) = post(app, "/api/sign-in/passkey-options", &json!({})).await;
        let answer = phone.sign_in(&opts["publicKey"], &cred_id, resident);
        app.clock.advance(chrono::Duration::minutes(6));
        let (_, _, err) =
            post(app, "/api/sign-in/passkey", &json!({ "ceremony": opts["ceremony"], "credential": answer })).await;
        assert_eq!(field_codes(&err), [("credential".into(), "expired".into())]);

        // A real answer signed for another origin (a look-alike site on
        // another port) is refused, at sign-in and at registration.
        let real_origin = phone.origin.clone();
        phone.origin = url::Url::parse("http://localhost:9999").unwrap();
        let (_, _, opts) = post(app, "/api/sign-in/passkey-options", &json!({})).await;
        let answer = phone.sign_in(&opts["publicKey"], &cred_id, resident);
        let (status, _, err) =
            post(app, "/api/sign-in/passkey", &json!({ "ceremony": opts["ceremony"], "credential": answer })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
        assert_eq!(field_codes(&err), [("credential".into(), "incorrect".into())]);
        phone.origin = real_origin;

        let mut elsewhere = Phone::new();
        elsewhere.origin = url::Url::parse("http://localhost:9999").unwrap();
        let mut other = details(&new_key(), &entry, version, "other@example.jp");
        other["name"] = json!("山田 次郎");
        other["nameKana"] = json!("やまだ じろう");
        other["sex"] = json!("male");
        let key = submit_and_verify(app, &other).await;
        let (_, _, opts) = post(app, "/api/registrations/passkey-options", &json!({ "key": key })).await;
        let credential = elsewhere.create(&opts["publicKey"]);
        let (status, _, err) =
            post(app, "/api/registrations/complete", &json!({ "key": key, "credential": credential })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
        assert_eq!(field_codes(&err), [("credential".into(), "incorrect".into())]);
        // Nothing was created; without a passkey the registration still completes.
        assert_eq!(count(app, "resident").await, 1);
        let (status, _, done) = post(app, "/api/registrations/complete", &json!({ "key": key })).await;
        assert_eq!(status, StatusCode::OK, "{done}");
        assert_eq!(done["passkey"], false);
    })
    .await;
}

#[tokio::test]
async fn the_same_person_never_gets_a_second_record() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (_, first) = register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
        let before = mails_to(app, "hanako@example.jp").await.len();

        // The same person (typed differently) from another address: once the
        // new address is proved, the truth, on the screen and in its mail; no
        // second record, no passkey, no session; the account's address told,
        // review queued.
        let mut again = details(&new_key(), &entry, version, "someone@example.jp");
        again["nameKana"] = json!("ﾔﾏﾀﾞ ﾊﾅｺ");
        again["birthDate"] = json!("1950-04-01");
        app.clock.advance(chrono::Duration::seconds(31));
        let (status, _, pending) = post(app, "/api/registrations", &again).await;
        assert_eq!(status, StatusCode::OK, "{pending}");
        assert!(pending.get("next").is_none(), "nothing is told before the mailbox is proved: {pending}");
        let key = again["key"].as_str().unwrap();
        let code = crate::support::resident::last_code(app, "someone@example.jp").await;
        let (status, headers, err) =
            post(app, "/api/registrations/verify-email", &json!({ "key": key, "code": code })).await;
        assert_eq!(status, StatusCode::CONFLICT, "{err}");
        assert_error(&err, "person_registered");
        assert!(headers.get("set-cookie").is_none());
        let truth = mails_to(app, "someone@example.jp").await;
        assert!(truth.last().unwrap().1.contains("すでに登録されている方がいます"), "{:?}", truth.last());
        assert!(
            !truth.last().unwrap().1.contains(first["registrationNumber"].as_str().unwrap()),
            "the number is not given away"
        );
        // No passkey can be made for it, and it cannot be completed (a retry answers alike).
        let (status, _, err) = post(app, "/api/registrations/passkey-options", &json!({ "key": key })).await;
        assert_eq!((status, err["code"].as_str()), (StatusCode::CONFLICT, Some("person_registered")));
        let (status, headers, err) = post(app, "/api/registrations/complete", &json!({ "key": key })).await;
        assert_eq!((status, err["code"].as_str()), (StatusCode::CONFLICT, Some("person_registered")));
        assert!(headers.get("set-cookie").is_none());
        assert_eq!(count(app, "resident").await, 1);
        assert_eq!(count(app, "passkey").await, 0);
        assert_eq!(count(app, "identity_review WHERE kind = 'repeat_registration'").await, 1);
        let notices = mails_to(app, "hanako@example.jp").await;
        assert_eq!(notices.len(), before + 1);
        assert!(notices.last().unwrap().1.contains("新しい登録は作られていません"), "{:?}", notices.last());

        // The same person from the account's own address is signed in to it,
        // and is offered no passkey in this flow (it could never sign in).
        let same = details(&new_key(), &entry, version, "hanako@example.jp");
        let key = crate::support::resident::submit_and_verify(app, &same).await;
        let (status, _, err) = post(app, "/api/registrations/passkey-options", &json!({ "key": key })).await;
        assert_eq!(status, StatusCode::CONFLICT, "{err}");
        let (status, headers, done) = post(app, "/api/registrations/complete", &json!({ "key": key })).await;
        assert_eq!(status, StatusCode::OK, "{done}");
        let cookie = crate::support::resident::session_cookie(&headers);
        assert_eq!(done["registrationNumber"], first["registrationNumber"]);
        let (status, account) = me(app, &cookie).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(account["networks"].as_array().unwrap().len(), 1, "no second consent");
        assert_eq!(count(app, "resident").await, 1);

        // Same identity, other insurance (a new job): a new record, queued for review.
        let mut near = details(&new_key(), &entry, version, "hanako.new@example.jp");
        near["number"] = json!("9999");
        register(app, &near).await;
        assert_eq!(count(app, "resident").await, 2);
        assert_eq!(count(app, "identity_review WHERE kind = 'near_match'").await, 1);
        // The network office sees both in its queue, by registration number.
        let out =
            crate::support::admin(app, renkei_api::cli::AdminCommand::Review(renkei_api::cli::ReviewCommand::List))
                .await
                .unwrap();
        let first_number = first["registrationNumber"].as_str().unwrap();
        assert_eq!(out.lines().count(), 2, "{out}");
        assert!(out.lines().all(|l| l.ends_with(&format!("resembles {first_number}"))), "{out}");
        assert!(out.contains("repeat_registration") && out.contains("near_match"), "{out}");

        // A different person sharing the address (a couple with one mailbox) is told, after proving the mailbox.
        let mut spouse = details(&new_key(), &entry, version, "hanako@example.jp");
        spouse["name"] = json!("山田 太郎");
        spouse["nameKana"] = json!("やまだ たろう");
        spouse["sex"] = json!("male");
        spouse["number"] = json!("7777");
        let key = submit_and_verify(app, &spouse).await;
        let (status, _, err) = post(app, "/api/registrations/complete", &json!({ "key": key })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(field_codes(&err), [("email".into(), "already_exists".into())]);
    })
    .await;
}

#[tokio::test]
async fn codes_expire_and_run_out_of_tries_and_can_be_sent_again() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let body = details(&new_key(), &entry, version, "slow@example.jp");
        post(app, "/api/registrations", &body).await;
        let key = body["key"].as_str().unwrap();
        let code = last_code(app, "slow@example.jp").await;

        // Resending at once is refused with Retry-After.
        let (status, headers, err) = post(app, "/api/registrations/resend-code", &json!({ "key": key })).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert_error(&err, "rate_limited");
        assert!(headers.get("retry-after").is_some());

        app.clock.advance(chrono::Duration::minutes(11));
        let (_, _, err) = post(app, "/api/registrations/verify-email", &json!({ "key": key, "code": code })).await;
        assert_eq!(field_codes(&err), [("code".into(), "expired".into())]);

        let (status, _, _) = post(app, "/api/registrations/resend-code", &json!({ "key": key })).await;
        assert_eq!(status, StatusCode::OK);
        let code = last_code(app, "slow@example.jp").await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for _ in 0..5 {
            let (_, _, err) = post(app, "/api/registrations/verify-email", &json!({ "key": key, "code": wrong })).await;
            assert_eq!(field_codes(&err), [("code".into(), "incorrect".into())]);
        }
        // Five wrong tries use the code up, even the right one now fails.
        let (_, _, err) = post(app, "/api/registrations/verify-email", &json!({ "key": key, "code": code })).await;
        assert_eq!(field_codes(&err), [("code".into(), "expired".into())]);

        // After two hours the registration is gone, and what was typed into it
        // is dropped by the housekeeping job (not by the next registration).
        app.clock.advance(chrono::Duration::hours(2));
        let (status, _, _) = post(app, "/api/registrations/resend-code", &json!({ "key": key })).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        post(app, "/api/registrations", &details(&new_key(), &entry, version, "next@example.jp")).await;
        assert_eq!(count(app, "registration WHERE details IS NULL AND outcome = 'expired'").await, 0);
        let dropped = renkei_api::service::housekeeping::run(&app.state).await.unwrap().registrations;
        assert_eq!(dropped, 1, "only the expired one; the new one keeps its details");
        assert_eq!(count(app, "registration WHERE details IS NULL AND outcome = 'expired'").await, 1);
        assert_eq!(count(app, "registration WHERE details IS NOT NULL").await, 1);
    })
    .await;
}

#[tokio::test]
async fn the_code_and_the_confirmation_arrive_over_smtp() {
    let smtp = SmtpServer::start().await;
    for backend in backends() {
        let app = TestApp::spawn_with(backend, &[("RENKEI_MAIL_URL", &smtp.url())]).await;
        let (entry, version) = demo(&app).await;
        let to = format!("smtp.{backend:?}@example.jp").to_lowercase();
        let body = details(&new_key(), &entry, version, &to);
        post(&app, "/api/registrations", &body).await;
        app.state.mail.deliver_due().await.unwrap();
        let mails = smtp.emails().await.unwrap();
        let m = mails.iter().rev().find(|m| m["to"][0]["address"] == to.as_str()).expect("code mail over SMTP");
        let text = m["text"].as_str().unwrap();
        let code: String =
            text.split_whitespace().find(|w| w.len() == 6 && w.bytes().all(|b| b.is_ascii_digit())).unwrap().into();
        let key = body["key"].as_str().unwrap();
        let (status, _, _) = post(&app, "/api/registrations/verify-email", &json!({ "key": key, "code": code })).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _, done) = post(&app, "/api/registrations/complete", &json!({ "key": key })).await;
        assert_eq!(status, StatusCode::OK);
        app.state.mail.deliver_due().await.unwrap();
        let mails = smtp.emails().await.unwrap();
        let m = mails
            .iter()
            .find(|m| {
                m["to"][0]["address"] == to.as_str() && m["subject"].as_str().unwrap().contains("Registration complete")
            })
            .expect("confirmation over SMTP");
        assert!(m["text"].as_str().unwrap().contains(done["registrationNumber"].as_str().unwrap()));
        app.finish().await;
    }
}

/// A foreign resident whose card gives the name in Latin letters only: the
/// reading is those letters (in any case, width or spacing), the same person
/// typed otherwise is found, and a facility's data naming him in Latin
/// letters is filed under him.
#[tokio::test]
async fn a_name_read_in_latin_letters_registers_and_is_resolved() {
    use crate::support::facility::{HOSPITAL, bundle, issue_key, patient, request, send};
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let mut john = details(&new_key(), &entry, version, "john@example.jp");
        john["name"] = json!("SMITH JOHN");
        john["nameKana"] = json!("Smith  John");
        john["birthDate"] = json!("1985-07-14");
        john["sex"] = json!("male");
        john["number"] = json!("8888");
        let (_, first) = register(app, &john).await;
        assert_eq!(count(app, "resident WHERE name_kana = 'SMITH JOHN'").await, 1);

        // The same man, typed in full-width lower case with the date in an era, from another address.
        let mut again = john.clone();
        again["key"] = json!(new_key());
        again["email"] = json!("j.smith@example.jp");
        again["nameKana"] = json!("ｓｍｉｔｈ　ｊｏｈｎ");
        again["birthDate"] = json!("S60.7.14");
        app.clock.advance(chrono::Duration::seconds(31));
        let (status, _, pending) = post(app, "/api/registrations", &again).await;
        assert_eq!(status, StatusCode::OK, "{pending}");
        let code = last_code(app, "j.smith@example.jp").await;
        let (status, _, err) =
            post(app, "/api/registrations/verify-email", &json!({ "key": again["key"], "code": code })).await;
        assert_eq!((status, err["code"].as_str()), (StatusCode::CONFLICT, Some("person_registered")), "{err}");
        assert_eq!(count(app, "resident").await, 1);

        // Another order of the names is another reading: not him.
        let mut other = john.clone();
        other["key"] = json!(new_key());
        other["email"] = json!("js@example.jp");
        other["nameKana"] = json!("JOHN SMITH");
        other["number"] = json!("8889");
        register(app, &other).await;
        assert_eq!(count(app, "resident").await, 2);

        // A hospital sends his prescription, naming him as his card does.
        let mut p = patient("33120015:12:8888:01");
        p["resource"]["name"] = json!([{ "text": "Smith John" }]);
        p["resource"]["gender"] = json!("male");
        p["resource"]["birthDate"] = json!("1985-07-14");
        let b = bundle("transaction", vec![p, request("rx-j", "2171022F1020", "アムロジピン錠5mg", "2026-11-21", 28)]);
        let (status, _, resp) = send(app, &issue_key(app, HOSPITAL).await, &b).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        assert!(first["registrationNumber"].is_string());
        let his = "medication m JOIN resident r ON r.id = m.resident_id WHERE r.name_kana = 'SMITH JOHN'";
        assert_eq!(count(app, his).await, 1);
    })
    .await;
}
