//! Family proxies end to end: a child registers an elderly parent and acts
//! for them, the parent claims their own sign-in, sees and revokes the
//! child, invitations with their levels and limits, records hidden from
//! proxies, and who may call what for every kind of person.

use poem::http::StatusCode;
use serde_json::{Value, json};

use crate::support::client::read;
use crate::support::facility::{HANAKO, bundle, issue_key, patient, request, send};
use crate::support::proxy::{ACT, child, get, invite, invite_and_accept, mother_and_son, parent, post_as, someone};
use crate::support::resident::{Phone, demo, mails_to, post, register, session_cookie};
use crate::support::{TestApp, each_backend};

/// The code in a link `…/claim#CODE` or `…/invite#CODE` in a mail.
fn code_in(body: &str, path: &str) -> String {
    let marker = format!("{path}#");
    let at = body.find(&marker).expect("a link in the mail") + marker.len();
    body[at..].split_whitespace().next().unwrap().to_owned()
}

#[tokio::test]
async fn a_child_registers_a_parent_acts_for_her_and_she_takes_over() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (son, _) = register(app, &child(&entry, version, "taro@example.jp")).await;

        // Bad input changes nothing: a relationship outside the list, the son's own details.
        let mut bad = parent(version, Some("hanako@example.jp"));
        bad["relationship"] = json!("neighbour");
        bad["attestation"] = json!("");
        let (status, body) = post_as(app, "/api/me/people", &son, None, &bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let fields = crate::support::resident::field_codes(&body);
        assert!(fields.contains(&("relationship".into(), "unknown_value".into())), "{fields:?}");
        assert!(fields.contains(&("attestation".into(), "required".into())), "{fields:?}");
        let mut himself = parent(version, None);
        for k in ["name", "nameKana", "birthDate", "sex", "number"] {
            himself[k] = child(&entry, version, "x@example.jp")[k].clone();
        }
        let (status, body) = post_as(app, "/api/me/people", &son, None, &himself).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("proxy_self")), "{body}");
        let mut stale = parent(version, None);
        stale["consentVersion"] = json!(version + 1);
        let (status, body) = post_as(app, "/api/me/people", &son, None, &stale).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(crate::support::resident::field_codes(&body), vec![("consentVersion".into(), "expired".into())]);
        // The son's own address cannot be his mother's.
        let (status, body) =
            post_as(app, "/api/me/people", &son, None, &parent(version, Some("taro@example.jp"))).await;
        assert_eq!(
            crate::support::resident::field_codes(&body),
            vec![("email".into(), "already_exists".into())],
            "{status}"
        );
        assert_eq!(crate::support::resident::count(app, "proxy_link").await, 0);
        // Someone else's address is not refused (that would tell which addresses are registered):
        // the person is registered without it, and its owner is told.
        let (neighbour, _) = register(app, &{
            let mut d = child(&entry, version, "neighbour@example.jp");
            d["name"] = json!("鈴木 一");
            d["nameKana"] = json!("すずき はじめ");
            d["number"] = json!("6543");
            d
        })
        .await;
        drop(neighbour);
        let mut aunt = parent(version, Some("neighbour@example.jp"));
        aunt["name"] = json!("山田 梅");
        aunt["nameKana"] = json!("やまだ うめ");
        aunt["number"] = json!("1212");
        aunt["relationship"] = json!("other_relative");
        let (status, body) = post_as(app, "/api/me/people", &son, None, &aunt).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let told = mails_to(app, "neighbour@example.jp").await;
        assert!(told.iter().any(|(s, _)| s.contains("メールアドレスの入力について")), "{told:?}");
        assert!(told.iter().all(|(s, _)| !s.contains("代理登録")), "no claim link to the owner");
        let (_, people) = get(app, "/api/me/people", &son, None).await;
        let aunt_link = people["people"][0]["linkId"].as_str().unwrap().to_owned();
        let (_, aunt_me) = get(app, "/api/me", &son, Some(&aunt_link)).await;
        assert!(aunt_me["emailMasked"].is_null(), "{aunt_me}");
        let (status, _) = post_as(app, &format!("/api/me/proxies/{aunt_link}/revoke"), &son, None, &json!({})).await;
        assert_eq!(status, StatusCode::OK);

        let (status, done) =
            post_as(app, "/api/me/people", &son, None, &parent(version, Some("hanako@example.jp"))).await;
        assert_eq!(status, StatusCode::CREATED, "{done}");
        assert_eq!(done["networkCode"], "demo");
        let (status, people) = get(app, "/api/me/people", &son, None).await;
        assert_eq!(status, StatusCode::OK);
        // Her address is hers: a proxy sees neither it nor whether there is one, so the
        // aunt above (whose address was someone else's, and not kept) looks the same.
        let mother_link = people["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "山田 花子")
            .map(|p| p["linkId"].as_str().unwrap().to_owned())
            .unwrap();
        let (_, mother_me) = get(app, "/api/me", &son, Some(&mother_link)).await;
        assert!(mother_me["emailMasked"].is_null(), "{mother_me}");
        // Nobody but he has said he acts for her: nothing more until she (or a desk, or the
        // office) confirms it.
        let (status, export) = get(app, "/api/me/export", &son, Some(&mother_link)).await;
        assert_eq!((status, export["code"].as_str()), (StatusCode::FORBIDDEN, Some("proxy_unconfirmed")), "{export}");
        let mother = &people["people"][0];
        assert_eq!(mother["standing"], "unconfirmed", "{mother}");
        assert_eq!((mother["name"].as_str(), mother["level"].as_str()), (Some("山田 花子"), Some("manage")));
        assert_eq!(mother["claimed"], false);
        assert_eq!(mother["registrationNumber"], done["registrationNumber"]);
        let link = mother["linkId"].as_str().unwrap().to_owned();

        // Acting for her: her page, her consent given by a proxy.
        let (status, me) = get(app, "/api/me", &son, Some(&link)).await;
        assert_eq!((status, me["name"].as_str()), (StatusCode::OK, Some("山田 花子")));
        let (_, consents) = get(app, "/api/me/consents", &son, Some(&link)).await;
        assert_eq!(consents["history"][0]["by"], "proxy", "{consents}");
        let (_, own) = get(app, "/api/me", &son, None).await;
        assert_eq!(own["name"], "山田 太郎");

        // A clinic sends her medicines; her son sees them on her behalf.
        let key = issue_key(app, crate::support::facility::CLINIC).await;
        let fhir = bundle(
            "transaction",
            vec![
                patient(HANAKO),
                request("rx-1", "2171022F1020", "アムロジピン錠5mg", "2026-11-21", 28),
                request("rx-2", "2149039F1030", "カンデサルタン錠8mg", "2026-11-21", 28),
            ],
        );
        let (status, _, resp) = send(app, &key, &fhir).await;
        assert_eq!(status, StatusCode::OK, "{resp}");
        // Shared among facilities as her consent says, but not shown to him yet.
        for path in ["/api/me/summary", "/api/me/summary/fhir", "/api/me/access", "/api/me/export/fhir"] {
            let (status, body) = get(app, path, &son, Some(&link)).await;
            assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("proxy_unconfirmed")), "{path}");
        }
        let (status, body) = post_as(app, "/api/me/networks/demo/withdraw", &son, Some(&link), &json!({})).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("proxy_unconfirmed")), "{body}");

        // She gets the notice with her claim link; a wrong birth date or code never says which.
        let mails = mails_to(app, "hanako@example.jp").await;
        let (_, notice) = mails.iter().find(|(s, _)| s.contains("代理登録")).expect("the notice to her");
        assert!(notice.contains("山田 太郎"), "{notice}");
        let code = code_in(notice, "/claim");
        for (c, birth) in [(code.as_str(), "1950-04-02"), ("AAAA-AAAA-AAAA-A", "1950-04-01"), (code.as_str(), "")] {
            let (status, _, body) =
                post(app, "/api/claims/passkey-options", &json!({ "code": c, "birthDate": birth })).await;
            if birth.is_empty() {
                assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            } else {
                assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("claim_invalid")));
            }
        }
        let mut phone = Phone::new();
        let claim = json!({ "code": code, "birthDate": "S25.4.1" });
        let (status, _, opts) = post(app, "/api/claims/passkey-options", &claim).await;
        assert_eq!(status, StatusCode::OK, "{opts}");
        let credential = phone.create(&opts["publicKey"]);
        let (status, headers, claimed) = post(
            app,
            "/api/claims/complete",
            &json!({ "code": code, "birthDate": "1950-04-01", "credential": credential }),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{claimed}");
        let mother_cookie = session_cookie(&headers);
        let (_, mine) = get(app, "/api/me", &mother_cookie, None).await;
        assert_eq!((mine["name"].as_str(), mine["passkeys"].as_u64()), (Some("山田 花子"), Some(1)));
        // Spent.
        let (status, _, body) = post(app, "/api/claims/passkey-options", &claim).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("claim_invalid")));
        let son_mail = mails_to(app, "taro@example.jp").await;
        assert!(son_mail.iter().any(|(s, _)| s.contains("ご本人がログイン")), "{son_mail:?}");

        // She sees her son, how he came to act for her, and that he waits for her word.
        let (status, proxies) = get(app, "/api/me/proxies", &mother_cookie, None).await;
        assert_eq!(status, StatusCode::OK, "{proxies}");
        let p = &proxies["proxies"][0];
        assert_eq!(
            (p["name"].as_str(), p["status"].as_str(), p["via"].as_str(), p["standing"].as_str()),
            (Some("山田 太郎"), Some("active"), Some("registration"), Some("unconfirmed"))
        );
        // Only she confirms him from her account; he cannot confirm himself.
        let (status, body) = post_as(app, &format!("/api/me/proxies/{link}/confirm"), &son, None, &json!({})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let (status, body) =
            post_as(app, &format!("/api/me/proxies/{link}/confirm"), &son, Some(&link), &json!({})).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("proxy_not_allowed")));
        // She signed in through the mail his registration sent to the address he typed: that
        // mailbox may be his, so her word here cannot confirm him. The office is asked (once).
        let reviews = crate::support::resident::count(app, "identity_review").await;
        for _ in 0..2 {
            let (status, body) =
                post_as(app, &format!("/api/me/proxies/{link}/confirm"), &mother_cookie, None, &json!({})).await;
            assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("proxy_confirmation_referred")));
        }
        assert_eq!(crate::support::resident::count(app, "identity_review").await, reviews + 1);
        let (status, _) = get(app, "/api/me/summary", &son, Some(&link)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // The office, having asked her, confirms it.
        let out = crate::support::admin(
            app,
            renkei_api::cli::AdminCommand::Proxy(renkei_api::cli::ProxyCommand::Confirm {
                link: link.clone(),
                basis: "person_agreed".into(),
            }),
        )
        .await
        .unwrap();
        assert!(out.contains("2027-11-21"), "{out}");
        let (_, proxies) = get(app, "/api/me/proxies", &mother_cookie, None).await;
        let confirmed = proxies["proxies"][0].clone();
        assert_eq!(
            (confirmed["standing"].as_str(), confirmed["basis"].as_str(), confirmed["reviewOn"].as_str()),
            (Some("confirmed"), Some("person_agreed"), Some("2027-11-21"))
        );
        assert!(mails_to(app, "taro@example.jp").await.iter().any(|(s, _)| s.contains("代理の確認")));
        // Now he sees her medicines, and may act for her.
        let (status, summary) = get(app, "/api/me/summary", &son, Some(&link)).await;
        assert_eq!(status, StatusCode::OK, "{summary}");
        assert_eq!(summary["current"].as_array().unwrap().len(), 2);
        let (status, export) = get(app, "/api/me/export", &son, Some(&mother_link)).await;
        assert_eq!(status, StatusCode::OK, "{export}");
        assert!(export["person"]["email"].is_null() && export["person"]["emailVerifiedAt"].is_null(), "{export}");
        let (_, proxies) = get(app, "/api/me/proxies", &mother_cookie, None).await;
        let p = &proxies["proxies"][0];
        let did: Vec<&str> = p["history"].as_array().unwrap().iter().map(|h| h["action"].as_str().unwrap()).collect();
        for action in ["health_record.viewed", "consent.given", "proxy.registered", "proxy.confirmed"] {
            assert!(did.contains(&action), "{did:?}");
        }
        // Her son may not see her proxies or act on her sign-in.
        let (status, body) = get(app, "/api/me/proxies", &son, Some(&link)).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("proxy_not_allowed")));
        let (status, body) = post_as(app, "/api/me/passkeys/options", &son, Some(&link), &json!({})).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("proxy_not_allowed")));
        let (status, body) = post_as(app, "/api/me/medical-data/erase", &son, Some(&link), &json!({})).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("proxy_not_allowed")));

        // She hides one medicine from him: he no longer sees it, anywhere.
        let (_, hers) = get(app, "/api/me/summary", &mother_cookie, None).await;
        let hidden = hers["current"].as_array().unwrap().iter().find(|m| m["name"] == "カンデサルタン錠8mg").unwrap();
        let hidden_id = hidden["id"].as_str().unwrap().to_owned();
        let (status, _, body) = read(
            app.client
                .put(format!("/api/me/records/{hidden_id}/visibility"))
                .header("cookie", &mother_cookie)
                .body_json(&json!({ "hiddenFromProxies": true }))
                .send()
                .await,
        )
        .await;
        assert_eq!((status, body["hiddenFromProxies"].as_bool()), (StatusCode::OK, Some(true)), "{body}");
        let (_, hers) = get(app, "/api/me/summary", &mother_cookie, None).await;
        assert_eq!(hers["current"].as_array().unwrap().len(), 2);
        assert!(hers["current"].as_array().unwrap().iter().any(|m| m["hiddenFromProxies"] == true));
        let (_, his) = get(app, "/api/me/summary", &son, Some(&link)).await;
        let names: Vec<&str> = his["current"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
        assert_eq!(names, vec!["アムロジピン錠5mg"]);
        // Nor does its facility count it: his list of sources is made of what he sees.
        assert_eq!(his["sources"][0]["items"], 1, "{}", his["sources"]);
        let (_, mine_now) = get(app, "/api/me/summary", &mother_cookie, None).await;
        assert_eq!(mine_now["sources"][0]["items"], 2, "{}", mine_now["sources"]);
        for path in ["/api/me/summary/fhir", "/api/me/export", "/api/me/export/fhir"] {
            let (status, body) = get(app, path, &son, Some(&link)).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert!(!body.to_string().contains("カンデサルタン"), "{path} shows what she hid");
        }
        let (_, body) = get(app, "/api/me/export", &mother_cookie, None).await;
        assert!(body.to_string().contains("カンデサルタン"));
        // Her export names who acts for her; his, made for her, does not show her other proxies.
        assert_eq!(body["proxies"][0]["name"], "山田 太郎", "{}", body["proxies"]);
        assert_eq!(body["proxies"][0]["reason"], "no_phone");
        let (_, his_export) = get(app, "/api/me/export", &son, Some(&link)).await;
        assert!(his_export.get("proxies").is_none());
        // Nor the traces of what she hid: when facilities sent data, who saw what.
        assert!(his_export.get("facilityVisits").is_none() && his_export.get("accessRecord").is_none());
        assert!(body.get("accessRecord").is_some_and(|a| !a.as_array().unwrap().is_empty()));
        let (_, his_fhir) = get(app, "/api/me/export/fhir", &son, Some(&link)).await;
        assert!(!his_fhir.to_string().contains("\"AuditEvent\""));
        let (_, his_own) = get(app, "/api/me/export", &son, None).await;
        assert_eq!(his_own["actingFor"][0]["name"], "山田 花子");

        // She revokes him: his very next request for her is refused; both are told.
        let (status, revoked) =
            post_as(app, &format!("/api/me/proxies/{link}/revoke"), &mother_cookie, None, &json!({})).await;
        assert_eq!((status, revoked["status"].as_str()), (StatusCode::OK, Some("revoked")), "{revoked}");
        let (status, body) = get(app, "/api/me/summary", &son, Some(&link)).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("proxy_not_active")));
        let (_, people) = get(app, "/api/me/people", &son, None).await;
        assert_eq!(people["people"], json!([]));
        assert!(mails_to(app, "taro@example.jp").await.iter().any(|(s, _)| s.contains("代理の終了")));
        assert!(mails_to(app, "hanako@example.jp").await.iter().any(|(s, _)| s.contains("代理の終了")));
        let (status, body) =
            post_as(app, &format!("/api/me/proxies/{link}/revoke"), &mother_cookie, None, &json!({})).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("proxy_already_revoked")));

        // He cannot put himself back by registering her again: told she is
        // registered (nothing made, no link; an invitation from her is the
        // way), and she is told.
        let before = mails_to(app, "hanako@example.jp").await.len();
        let (status, again) = post_as(app, "/api/me/people", &son, None, &parent(version, None)).await;
        assert_eq!((status, again["code"].as_str()), (StatusCode::CONFLICT, Some("person_registered")), "{again}");
        assert!(again["message"].as_str().unwrap().contains("招待"), "{again}");
        let (_, people) = get(app, "/api/me/people", &son, None).await;
        assert_eq!(people["people"], json!([]));
        assert_eq!(
            crate::support::resident::count(app, "resident").await,
            4,
            "the son, the neighbour, the aunt, the mother"
        );
        let after = mails_to(app, "hanako@example.jp").await;
        assert_eq!(after.len(), before + 1);
        let (subject, told) = after.last().unwrap();
        assert!(subject.contains("ご家族による代理登録について"), "{subject}");
        assert!(told.contains("山田 太郎") && told.contains("me/proxies"), "{told}");
    })
    .await;
}

#[tokio::test]
async fn invitations_give_a_level_once_within_thirty_days_and_five_proxies() {
    each_backend(async |app| {
        let (mother, son, version, entry) = mother_and_son(app).await;

        let (status, inv) = invite(app, &mother, "view").await;
        assert_eq!(status, StatusCode::CREATED, "{inv}");
        // An invitee without an account registers first through the poster she came by.
        let url = inv["url"].as_str().unwrap();
        assert!(url.contains(&format!("/invite?r={entry}#")), "{url}");
        assert!(inv["qrSvg"].as_str().unwrap().starts_with("<svg") || inv["qrSvg"].as_str().unwrap().contains("<svg"));
        let code = inv["code"].as_str().unwrap().to_owned();
        let (status, body) = invite(app, &mother, "admin").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

        // Her own invitation is no way to act for herself.
        let (status, body) =
            post_as(app, "/api/invitations/accept", &mother, None, &json!({ "code": code, "relationship": "child" }))
                .await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("proxy_self")));
        let (status, view) = post_as(app, "/api/invitations/lookup", &son, None, &json!({ "code": code })).await;
        assert_eq!(status, StatusCode::OK, "{view}");
        assert_eq!((view["inviterName"].as_str(), view["level"].as_str()), (Some("山田 花子"), Some("view")));
        let (status, body) =
            post_as(app, "/api/invitations/accept", &son, None, &json!({ "code": code, "relationship": "neighbour" }))
                .await;
        assert_eq!(
            crate::support::resident::field_codes(&body),
            vec![("relationship".into(), "unknown_value".into())],
            "{status}"
        );
        let (status, accepted) =
            post_as(app, "/api/invitations/accept", &son, None, &json!({ "code": code, "relationship": "child" }))
                .await;
        assert_eq!(status, StatusCode::CREATED, "{accepted}");
        assert_eq!(accepted["level"], "view");
        assert!(mails_to(app, "hanako@example.jp").await.iter().any(|(s, _)| s.contains("代理人が加わりました")));
        let link = accepted["linkId"].as_str().unwrap().to_owned();

        // Used once.
        let (status, body) =
            post_as(app, "/api/invitations/accept", &son, None, &json!({ "code": code, "relationship": "child" }))
                .await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("invitation_used")));
        let (status, body) =
            post_as(app, "/api/invitations/lookup", &son, None, &json!({ "code": "ZZZZ-ZZZZ-ZZZZ-Z" })).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("invitation_not_found")), "{body}");

        // View only: he reads her summary; withdrawing for her is beyond his level.
        let (status, _) = get(app, "/api/me/summary", &son, Some(&link)).await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = post_as(app, "/api/me/networks/demo/withdraw", &son, Some(&link), &json!({})).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("proxy_not_allowed")));
        let (_, mine) = get(app, "/api/me/consents", &mother, None).await;
        assert!(mine["memberships"][0]["withdrawnAt"].is_null());

        // A second invitation to him: he already acts for her.
        let (_, again) = invite(app, &mother, "manage").await;
        let (status, body) = post_as(
            app,
            "/api/invitations/accept",
            &son,
            None,
            &json!({ "code": again["code"], "relationship": "child" }),
        )
        .await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("proxy_exists")));
        // Cancelled invitations are used up.
        let id = again["id"].as_str().unwrap();
        let (status, _) = post_as(app, &format!("/api/me/invitations/{id}/cancel"), &mother, None, &json!({})).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, body) =
            post_as(app, "/api/invitations/lookup", &son, None, &json!({ "code": again["code"] })).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("invitation_used")));
        let (status, body) = post_as(app, &format!("/api/me/invitations/{id}/cancel"), &mother, None, &json!({})).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("invitation_used")), "twice");
        let unknown = uuid::Uuid::now_v7();
        let (status, body) =
            post_as(app, &format!("/api/me/invitations/{unknown}/cancel"), &mother, None, &json!({})).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "no such invitation");
        let (status, _) = post_as(app, &format!("/api/me/invitations/{id}/cancel"), &son, None, &json!({})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "someone else's invitation is none of theirs");

        // Thirty days, and not a second more.
        let (_, late) = invite(app, &mother, "view").await;
        app.clock.advance(chrono::Duration::days(30) + chrono::Duration::seconds(1));
        let (_, _, fresh_son) = sign_in_again(app, "taro@example.jp").await;
        let (status, body) =
            post_as(app, "/api/invitations/lookup", &fresh_son, None, &json!({ "code": late["code"] })).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::GONE, Some("invitation_expired")));

        // Five at most: one proxy and four open invitations, then no sixth.
        let (_, _, mother) = sign_in_again(app, "hanako@example.jp").await;
        let mut codes = Vec::new();
        for _ in 0..4 {
            let (status, inv) = invite(app, &mother, "view").await;
            assert_eq!(status, StatusCode::CREATED, "{inv}");
            codes.push(inv["code"].as_str().unwrap().to_owned());
        }
        let (status, body) = invite(app, &mother, "view").await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("proxy_limit")));
        for (n, code) in codes.iter().enumerate() {
            let (cookie, _) = register(app, &someone(&entry, version, n)).await;
            let (status, body) = post_as(
                app,
                "/api/invitations/accept",
                &cookie,
                None,
                &json!({ "code": code, "relationship": "other_relative" }),
            )
            .await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
        }
        let (_, list) = get(app, "/api/me/proxies", &mother, None).await;
        assert_eq!(list["proxies"].as_array().unwrap().len(), 5);
        assert_eq!(list["limit"], 5);
        let (status, body) = invite(app, &mother, "view").await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("proxy_limit")));

        // A proxy may step down; the person then has room again.
        let (status, body) =
            post_as(app, &format!("/api/me/proxies/{link}/revoke"), &fresh_son, None, &json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _) = invite(app, &mother, "view").await;
        assert_eq!(status, StatusCode::CREATED);
    })
    .await;
}

/// Signs a registered person in again with a mailed code; status, body, cookie.
async fn sign_in_again(app: &TestApp, email: &str) -> (StatusCode, Value, String) {
    let (status, headers, body) = crate::support::resident::sign_in_by_code(app, email).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    (status, body, session_cookie(&headers))
}

/// What a resident endpoint needs of a proxy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Any proxy (view or manage).
    View,
    /// A proxy at level manage.
    Manage,
    /// Never a proxy: the person only.
    Person,
}

/// Every endpoint a signed-in person calls, with a body that parses, and what a proxy needs for it.
fn resident_endpoints(link: &str) -> Vec<(&'static str, String, Value, Need)> {
    let any = "0193a000-0000-7000-8000-000000000000";
    vec![
        ("get", "/api/me".into(), json!(null), Need::View),
        ("get", "/api/me/summary".into(), json!(null), Need::View),
        ("get", "/api/me/summary/history".into(), json!(null), Need::View),
        ("get", "/api/me/summary/fhir".into(), json!(null), Need::View),
        ("get", "/api/me/consents".into(), json!(null), Need::View),
        ("put", "/api/me/emergency-contact".into(), json!({"name": "山田 太郎", "phone": "0312345678"}), Need::Manage),
        ("delete", "/api/me/emergency-contact".into(), json!(null), Need::Manage),
        ("get", "/api/me/insurance".into(), json!(null), Need::View),
        (
            "post",
            "/api/me/insurance".into(),
            json!({"documentKind": "late_elderly", "insurerNumber": "", "symbol": "", "number": "", "startsOn": ""}),
            Need::Manage,
        ),
        ("post", "/api/me/networks/demo/consent".into(), json!({"version": 1}), Need::Manage),
        ("post", "/api/me/networks/demo/withdraw".into(), json!({}), Need::Manage),
        ("get", "/api/me/export".into(), json!(null), Need::Manage),
        ("get", "/api/me/export/fhir".into(), json!(null), Need::Manage),
        ("get", "/api/me/corrections".into(), json!(null), Need::Manage),
        ("post", "/api/me/corrections".into(), json!({"text": "電話番号が古いです"}), Need::Manage),
        ("post", "/api/me/medical-data/erase".into(), json!({}), Need::Person),
        ("post", "/api/me/passkeys/options".into(), json!({}), Need::Person),
        ("post", "/api/me/passkeys".into(), json!({"credential": {}}), Need::Person),
        ("post", "/api/me/sign-out-everywhere".into(), json!({}), Need::Person),
        ("get", "/api/me/proxies".into(), json!(null), Need::Person),
        ("post", format!("/api/me/proxies/{any}/revoke"), json!({}), Need::Person),
        ("post", format!("/api/me/proxies/{any}/confirm"), json!({}), Need::Person),
        ("post", "/api/me/invitations".into(), json!({"level": "view"}), Need::Person),
        ("post", format!("/api/me/invitations/{any}/cancel"), json!({}), Need::Person),
        ("put", format!("/api/me/records/{any}/visibility"), json!({"hiddenFromProxies": true}), Need::Person),
        ("get", "/api/me/people".into(), json!(null), Need::Person),
        ("post", "/api/me/people".into(), json!({}), Need::Person),
        ("get", "/api/me/access".into(), json!(null), Need::View),
        ("get", "/api/me/care-relationships".into(), json!(null), Need::Manage),
        ("delete", format!("/api/me/care-relationships/{any}"), json!(null), Need::Manage),
        ("get", "/api/me/registration-qr".into(), json!(null), Need::Manage),
        ("post", "/api/me/registration-qr".into(), json!({}), Need::Manage),
        ("get", "/api/me/access-alerts".into(), json!(null), Need::Person),
        ("put", "/api/me/access-alerts".into(), json!({"toProxies": true}), Need::Person),
        ("post", "/api/invitations/lookup".into(), json!({"code": "ZZZZ-ZZZZ-ZZZZ-Z"}), Need::Person),
        (
            "post",
            "/api/invitations/accept".into(),
            json!({"code": "ZZZZ-ZZZZ-ZZZZ-Z", "relationship": "child"}),
            Need::Person,
        ),
    ]
    .into_iter()
    .map(|(m, p, b, n)| (m, p.replace("{link}", link), b, n))
    .collect()
}

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    body: &Value,
    cookie: &str,
    link: Option<&str>,
) -> (StatusCode, Value) {
    let mut req = match method {
        "get" => app.client.get(path),
        "post" => app.client.post(path).body_json(body),
        "put" => app.client.put(path).body_json(body),
        "delete" => app.client.delete(path),
        other => panic!("no request for {other}"),
    };
    req = req.header("cookie", cookie);
    if let Some(l) = link {
        req = req.header(ACT, l);
    }
    let (status, _, body) = read(req.send().await).await;
    (status, body)
}

/// Every resident endpoint × the person themselves, a view-only proxy, a
/// managing proxy, a revoked proxy, and an unrelated person naming
/// someone else's link.
#[tokio::test]
async fn every_resident_endpoint_for_every_kind_of_person() {
    each_backend(async |app| {
        let (mother, son, version, entry) = mother_and_son(app).await;
        let (daughter, _) = register(app, &someone(&entry, version, 0)).await;
        let (nephew, _) = register(app, &someone(&entry, version, 1)).await;
        let (stranger, _) = register(app, &someone(&entry, version, 2)).await;
        let mut links = Vec::new();
        for (cookie, level) in [(&son, "view"), (&daughter, "manage"), (&nephew, "manage")] {
            let (_, inv) = invite(app, &mother, level).await;
            let (status, p) = post_as(
                app,
                "/api/invitations/accept",
                cookie,
                None,
                &json!({ "code": inv["code"], "relationship": "child" }),
            )
            .await;
            assert_eq!(status, StatusCode::CREATED, "{p}");
            links.push(p["linkId"].as_str().unwrap().to_owned());
        }
        let (view_link, manage_link, revoked_link) = (&links[0], &links[1], &links[2]);
        let (status, _) =
            post_as(app, &format!("/api/me/proxies/{revoked_link}/revoke"), &mother, None, &json!({})).await;
        assert_eq!(status, StatusCode::OK);

        let callers: [(&str, &str, Option<&str>); 5] = [
            ("the person", &mother, None),
            ("view-only proxy", &son, Some(view_link)),
            ("managing proxy", &daughter, Some(manage_link)),
            ("revoked proxy", &nephew, Some(revoked_link)),
            ("unrelated person", &stranger, Some(manage_link)),
        ];
        for (name, cookie, link) in callers {
            for (method, path, body, need) in resident_endpoints(manage_link) {
                // Withdrawing, or signing out everywhere, would change what the calls after it see:
                // the person withdraws last, below; signing out everywhere is tested in sign_in.
                if name == "the person" && (path.ends_with("/withdraw") || path.ends_with("/sign-out-everywhere")) {
                    continue;
                }
                let (status, resp) = call(app, method, &path, &body, cookie, link).await;
                let what = format!("{name}: {method} {path} -> {status} {resp}");
                let allowed = match (name, need) {
                    ("the person", _) => true,
                    ("view-only proxy", n) => n == Need::View,
                    ("managing proxy", n) => n != Need::Person,
                    _ => false,
                };
                if allowed {
                    assert!(status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN, "{what}");
                    if method == "get" {
                        assert_eq!(status, StatusCode::OK, "{what}");
                    }
                } else {
                    let code = if matches!(name, "revoked proxy" | "unrelated person") {
                        "proxy_not_active"
                    } else {
                        "proxy_not_allowed"
                    };
                    assert_eq!((status, resp["code"].as_str()), (StatusCode::FORBIDDEN, Some(code)), "{what}");
                }
            }
        }
        // A managing proxy's withdrawal for her is hers, recorded with both people.
        let (status, body) = get(app, "/api/me/consents", &daughter, Some(manage_link)).await;
        assert_eq!(status, StatusCode::OK);
        let consent = body["memberships"][0]["consentId"].clone();
        let (status, body) = post_as(
            app,
            "/api/me/networks/demo/withdraw",
            &daughter,
            Some(manage_link),
            &json!({ "consentId": consent }),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, mine) = get(app, "/api/me/consents", &mother, None).await;
        assert_eq!(mine["history"][0]["kind"], "withdrawn");
        assert_eq!(mine["history"][0]["by"], "proxy");
        let receipt = mails_to(app, "hanako@example.jp").await;
        let (_, last) = receipt.iter().rev().find(|(s, _)| s.contains("撤回")).expect("a receipt");
        assert!(last.contains("代理人の佐藤 一郎さん"), "{last}");
        // Without a session nothing answers, header or not.
        let (status, _, _) =
            read(app.client.get("/api/me/summary").header(ACT, manage_link.as_str()).send().await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, body) = get(app, "/api/me/summary", &daughter, Some("not-a-link")).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("proxy_not_active")));
    })
    .await;
}

/// A son registers his mother online (she has no address): an unconfirmed link.
/// His cookie, the link, and the mother's registration number.
async fn son_registers_mother(app: &TestApp) -> (String, String, String) {
    let (entry, version) = demo(app).await;
    let (son, _) = register(app, &child(&entry, version, "taro@example.jp")).await;
    let (status, done) = post_as(app, "/api/me/people", &son, None, &parent(version, None)).await;
    assert_eq!(status, StatusCode::CREATED, "{done}");
    let (_, people) = get(app, "/api/me/people", &son, None).await;
    let link = people["people"][0]["linkId"].as_str().unwrap().to_owned();
    (son, link, done["registrationNumber"].as_str().unwrap().to_owned())
}

/// What an unconfirmed (or paused) proxy may call: where her registration stands, nothing else.
async fn only_the_registration_shows(app: &TestApp, son: &str, link: &str) {
    for (method, path, body, need) in resident_endpoints(link) {
        let (status, resp) = call(app, method, &path, &body, son, Some(link)).await;
        let what = format!("{method} {path} -> {status} {resp}");
        if method == "get" && matches!(path.as_str(), "/api/me" | "/api/me/consents" | "/api/me/insurance") {
            assert_eq!(status, StatusCode::OK, "{what}");
        } else {
            let code = if need == Need::Person { "proxy_not_allowed" } else { "proxy_unconfirmed" };
            assert_eq!((status, resp["code"].as_str()), (StatusCode::FORBIDDEN, Some(code)), "{what}");
        }
    }
}

#[tokio::test]
async fn an_unconfirmed_proxy_sees_her_medicines_only_after_the_person_the_desk_or_the_office_confirms() {
    // Each way of confirming, on a fresh pair.
    for way in ["desk", "office"] {
        each_backend(async |app| {
            let (son, link, number) = son_registers_mother(app).await;
            let key = issue_key(app, crate::support::facility::CLINIC).await;
            let fhir = bundle(
                "collection",
                vec![patient(HANAKO), request("rx-1", "2171022F1020", "アムロジピン錠5mg", "2026-11-21", 28)],
            );
            let (status, _, resp) = send(app, &key, &fhir).await;
            assert_eq!(status, StatusCode::OK, "{resp}");
            only_the_registration_shows(app, &son, &link).await;

            match way {
                "desk" => {
                    let clerk =
                        crate::support::staff::enrol(app, crate::support::facility::HOSPITAL, "reception", "受付 花子")
                            .await;
                    let (_, son_me) = get(app, "/api/me", &son, None).await;
                    let son_number = son_me["registrationNumber"].as_str().unwrap().to_owned();
                    let body = |proxy_birth: &str, checked: Option<&str>| {
                        let mut b = json!({
                            "person": {"registrationNumber": number, "birthDate": "1950-04-01"},
                            "identityChecked": "my_number_card",
                            "proxyRegistrationNumber": son_number,
                            "proxyBirthDate": proxy_birth,
                        });
                        if let Some(c) = checked {
                            b["proxyIdentityChecked"] = json!(c);
                        }
                        b
                    };
                    let (status, resp) = crate::support::staff::staff_post(
                        app,
                        "/api/staff/proxy-confirmations",
                        &clerk.cookie,
                        &body("1978-06-15", None),
                    )
                    .await;
                    assert_eq!(
                        crate::support::resident::field_codes(&resp),
                        vec![("proxyIdentityChecked".into(), "required".into())],
                        "{status}"
                    );
                    // Another birth date for him: nobody (a failed look-up), nothing confirmed.
                    let (status, _) = crate::support::staff::staff_post(
                        app,
                        "/api/staff/proxy-confirmations",
                        &clerk.cookie,
                        &body("1978-06-16", Some("driver_licence")),
                    )
                    .await;
                    assert_eq!(status, StatusCode::NOT_FOUND);
                    only_the_registration_shows(app, &son, &link).await;
                    let (status, done) = crate::support::staff::staff_post(
                        app,
                        "/api/staff/proxy-confirmations",
                        &clerk.cookie,
                        &body("S53.6.15", Some("driver_licence")),
                    )
                    .await;
                    assert_eq!(status, StatusCode::CREATED, "{done}");
                    assert_eq!(
                        (done["personName"].as_str(), done["proxyName"].as_str(), done["reviewOn"].as_str()),
                        (Some("山田 花子"), Some("山田 太郎"), Some("2027-11-21"))
                    );
                }
                _ => {
                    let out = crate::support::admin(
                        app,
                        renkei_api::cli::AdminCommand::Proxy(renkei_api::cli::ProxyCommand::Pending),
                    )
                    .await
                    .unwrap();
                    assert!(
                        out.contains(&link) && out.contains("unconfirmed") && out.contains("person_agreed"),
                        "{out}"
                    );
                    let bad = crate::support::admin(
                        app,
                        renkei_api::cli::AdminCommand::Proxy(renkei_api::cli::ProxyCommand::Confirm {
                            link: link.clone(),
                            basis: "reception_verified".into(),
                        }),
                    )
                    .await;
                    assert!(bad.is_err(), "the office does not claim reception checked anyone");
                    let out = crate::support::admin(
                        app,
                        renkei_api::cli::AdminCommand::Proxy(renkei_api::cli::ProxyCommand::Confirm {
                            link: link.clone(),
                            basis: "legal_representative".into(),
                        }),
                    )
                    .await
                    .unwrap();
                    assert!(out.contains("2027-11-21"), "{out}");
                    let out = crate::support::admin(
                        app,
                        renkei_api::cli::AdminCommand::Proxy(renkei_api::cli::ProxyCommand::Pending),
                    )
                    .await
                    .unwrap();
                    assert!(!out.contains(&link), "{out}");
                }
            }
            let (status, summary) = get(app, "/api/me/summary", &son, Some(&link)).await;
            assert_eq!(status, StatusCode::OK, "{summary}");
            assert_eq!(summary["current"][0]["name"], "アムロジピン錠5mg");
            let (_, people) = get(app, "/api/me/people", &son, None).await;
            assert_eq!(
                (people["people"][0]["standing"].as_str(), people["people"][0]["reviewOn"].as_str()),
                (Some("confirmed"), Some("2027-11-21"))
            );
            assert!(mails_to(app, "taro@example.jp").await.iter().any(|(s, _)| s.contains("代理の確認")));
        })
        .await;
    }
}

#[tokio::test]
async fn a_link_pauses_at_its_review_date_after_both_are_told_until_it_is_renewed() {
    each_backend(async |app| {
        let (mother, son, _, _) = mother_and_son(app).await;
        let (status, accepted) = invite_and_accept(app, &mother, &son, "manage", "child").await;
        assert_eq!(status, StatusCode::CREATED, "{accepted}");
        let link = accepted["linkId"].as_str().unwrap().to_owned();
        // Her own invitation is her agreement: confirmed, reviewed in a year.
        assert_eq!(
            (accepted["standing"].as_str(), accepted["reviewOn"].as_str()),
            (Some("confirmed"), Some("2027-11-21"))
        );

        // A month before, both are told; once.
        app.clock.advance(chrono::Duration::days(335));
        let swept = renkei_api::service::housekeeping::run(&app.state).await.unwrap();
        assert_eq!(swept.proxy_reviews, 1);
        let told = |mails: Vec<(String, String)>| mails.iter().filter(|(s, _)| s.contains("代理の見直し")).count();
        assert_eq!(told(mails_to(app, "hanako@example.jp").await), 1);
        assert_eq!(told(mails_to(app, "taro@example.jp").await), 1);
        assert_eq!(renkei_api::service::housekeeping::run(&app.state).await.unwrap().proxy_reviews, 0);

        // At the date, the link pauses.
        app.clock.advance(chrono::Duration::days(30));
        let son = session_cookie(&crate::support::resident::sign_in_by_code(app, "taro@example.jp").await.1);
        let (status, body) = get(app, "/api/me/summary", &son, Some(&link)).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("proxy_unconfirmed")), "{body}");
        let (_, people) = get(app, "/api/me/people", &son, None).await;
        assert_eq!(people["people"][0]["standing"], "review_due");

        // She renews it: another year.
        let mother = session_cookie(&crate::support::resident::sign_in_by_code(app, "hanako@example.jp").await.1);
        let (_, proxies) = get(app, "/api/me/proxies", &mother, None).await;
        assert_eq!(proxies["proxies"][0]["standing"], "review_due");
        let (status, renewed) =
            post_as(app, &format!("/api/me/proxies/{link}/confirm"), &mother, None, &json!({})).await;
        assert_eq!((status, renewed["reviewOn"].as_str()), (StatusCode::OK, Some("2028-11-21")), "{renewed}");
        let (status, _) = get(app, "/api/me/summary", &son, Some(&link)).await;
        assert_eq!(status, StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn a_proxy_holding_the_persons_mailbox_cannot_confirm_themselves_by_inviting_themselves_either() {
    each_backend(async |app| {
        let (entry, version) = demo(app).await;
        let (son, _) = register(app, &child(&entry, version, "taro@example.jp")).await;
        // He types a second mailbox of his own as hers, and takes up her sign-in from it.
        let (status, done) =
            post_as(app, "/api/me/people", &son, None, &parent(version, Some("taro+mum@example.jp"))).await;
        assert_eq!(status, StatusCode::CREATED, "{done}");
        let mails = mails_to(app, "taro+mum@example.jp").await;
        let (_, notice) = mails.iter().find(|(s, _)| s.contains("代理登録")).expect("the notice");
        let code = code_in(notice, "/claim");
        let mut phone = Phone::new();
        let (_, _, opts) =
            post(app, "/api/claims/passkey-options", &json!({ "code": code, "birthDate": "1950-04-01" })).await;
        let credential = phone.create(&opts["publicKey"]);
        let (status, headers, _) = post(
            app,
            "/api/claims/complete",
            &json!({ "code": code, "birthDate": "1950-04-01", "credential": credential }),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let as_her = session_cookie(&headers);
        let (_, people) = get(app, "/api/me/people", &son, None).await;
        let link = people["people"][0]["linkId"].as_str().unwrap().to_owned();
        let (status, body) = post_as(app, &format!("/api/me/proxies/{link}/confirm"), &as_her, None, &json!({})).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("proxy_confirmation_referred")));
        // Ending the link and inviting himself from her account makes a link that waits too.
        let (status, _) = post_as(app, &format!("/api/me/proxies/{link}/revoke"), &as_her, None, &json!({})).await;
        assert_eq!(status, StatusCode::OK);
        let (status, accepted) = invite_and_accept(app, &as_her, &son, "manage", "child").await;
        assert_eq!((status, accepted["standing"].as_str()), (StatusCode::CREATED, Some("unconfirmed")), "{accepted}");
        let new_link = accepted["linkId"].as_str().unwrap();
        let (status, body) = get(app, "/api/me/summary", &son, Some(new_link)).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("proxy_unconfirmed")));
    })
    .await;
}

/// Migration 19 on links the app wrote before it: an invitation's and a paper sheet's count as
/// confirmed when they were made, reviewed a year on (in Japan); an online registration's waits.
#[tokio::test]
async fn migration_19_confirms_the_links_made_before_it_that_the_person_or_reception_made() {
    use renkei_migrations::{Migrator, MigratorTrait};
    use sea_orm::{ConnectionTrait, Statement};
    each_backend(async |app| {
        let (_, _, version, _) = mother_and_son(app).await;
        // 15:30 UTC: already the next day (22 November) in Japan.
        app.clock.advance(chrono::Duration::hours(15) + chrono::Duration::minutes(30));
        let mother = sign_in_again(app, "hanako@example.jp").await.2;
        let son = sign_in_again(app, "taro@example.jp").await.2;
        let (status, _) = invite_and_accept(app, &mother, &son, "view", "child").await;
        assert_eq!(status, StatusCode::CREATED);
        let mut other = parent(version, None);
        other["name"] = json!("山田 松");
        other["nameKana"] = json!("やまだ まつ");
        other["birthDate"] = json!("1930-01-01");
        other["number"] = json!("6060");
        let (status, _) = post_as(app, "/api/me/people", &son, None, &other).await;
        assert_eq!(status, StatusCode::CREATED);

        let owner = sea_orm::Database::connect(app.db.owner_url().unwrap_or(app.db.url.clone())).await.unwrap();
        Migrator::down(&owner, Some(1)).await.unwrap();
        Migrator::up(&owner, None).await.unwrap();
        let rows = owner
            .query_all_raw(Statement::from_string(
                owner.get_database_backend(),
                "SELECT via, basis, confirmed_by_kind, review_on FROM proxy_link ORDER BY via",
            ))
            .await
            .unwrap();
        /// via, basis, confirmed by, review date.
        type Row = (String, Option<String>, Option<String>, Option<chrono::NaiveDate>);
        let got: Vec<Row> = rows
            .iter()
            .map(|r| {
                (
                    r.try_get("", "via").unwrap(),
                    r.try_get("", "basis").unwrap(),
                    r.try_get("", "confirmed_by_kind").unwrap(),
                    r.try_get("", "review_on").unwrap(),
                )
            })
            .collect();
        let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2027, 11, d);
        assert_eq!(
            got,
            vec![
                ("invitation".into(), Some("person_agreed".into()), Some("person".into()), day(22)),
                ("registration".into(), None, None, None),
            ]
        );
        owner.close().await.unwrap();
    })
    .await;
}
