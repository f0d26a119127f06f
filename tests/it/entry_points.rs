//! Entry points: operators create and withdraw them; anyone who scans one
//! learns which network it belongs to; the QR code encodes the address.

use poem::http::StatusCode;
use renkei_api::cli::{AdminCommand, AdminError, EntryPointCommand, FacilityCommand, NetworkCommand, run_admin};
use renkei_api::domain::actor::Actor;
use renkei_api::domain::audit::SubjectKind;
use renkei_api::store::audit;

use crate::support::client::{assert_error, read};
use crate::support::{TestApp, admin, each_backend};

async fn setup(app: &TestApp) {
    admin(
        app,
        AdminCommand::Network(NetworkCommand::Add {
            code: "sakura".into(),
            name: "さくらネット".into(),
            name_en: Some("Sakura Net".into()),
        }),
    )
    .await
    .unwrap();
    admin(
        app,
        AdminCommand::Network(NetworkCommand::Add {
            code: "salvia".into(),
            name: "サルビアねっと".into(),
            name_en: None,
        }),
    )
    .await
    .unwrap();
    admin(
        app,
        AdminCommand::Facility(FacilityCommand::Add {
            code: "1410123456".into(),
            name: "横須賀テスト診療所".into(),
            name_en: None,
            kind: "clinic".into(),
            networks: vec!["sakura".into()],
        }),
    )
    .await
    .unwrap();
}

fn add(network: &str, facility: Option<&str>, label: &str) -> AdminCommand {
    AdminCommand::EntryPoint(EntryPointCommand::Add {
        network: network.into(),
        facility: facility.map(Into::into),
        label: label.into(),
    })
}

/// The code from `added entry point XXXX-XXXX-X for …`.
fn code_of(out: &str) -> String {
    out.split_whitespace().nth(3).unwrap().to_owned()
}

#[tokio::test]
async fn an_entry_point_leads_to_its_network_and_facility() {
    each_backend(async |app| {
        setup(app).await;
        let out = admin(app, add("sakura", Some("1410123456"), "待合室ポスター 2027")).await.unwrap();
        let code = code_of(&out);
        assert_eq!(code.len(), 11, "{out}");
        let compact = code.replace('-', "");
        assert!(out.contains(&format!("opens:   http://localhost:8080/r/{compact}")), "{out}");

        for typed in [code.clone(), compact.clone(), compact.to_lowercase()] {
            let (status, _, body) = read(app.client.get(format!("/api/entry-points/{typed}")).send().await).await;
            assert_eq!(status, StatusCode::OK, "{typed}");
            assert_eq!(body["code"], code.as_str());
            assert_eq!(body["active"], true);
            assert_eq!(body["network"]["code"], "sakura");
            assert_eq!(body["network"]["nameEn"], "Sakura Net");
            assert_eq!(body["facility"]["code"], "1410123456");
            assert_eq!(body["url"], format!("http://localhost:8080/r/{compact}"));
            assert!(body.get("label").is_none(), "the office's label is not public");
        }

        // The QR code encodes exactly that address.
        let resp = app.client.get(format!("/api/entry-points/{compact}/qr.svg")).send().await;
        assert_eq!(resp.0.status(), StatusCode::OK);
        assert_eq!(resp.0.headers()["content-type"], "image/svg+xml");
        let svg = resp.0.into_body().into_string().await.unwrap();
        let expected = renkei_api::qr::svg(
            &format!("http://localhost:8080/r/{compact}"),
            "さくらネット 登録用QRコード / registration QR code",
        )
        .unwrap();
        assert_eq!(svg, expected);
        assert!(svg.contains("role=\"img\"") && svg.contains("aria-label=\"さくらネット"));

        // An entry point without a facility, in another network.
        let out = admin(app, add("salvia", None, "leaflet 2027")).await.unwrap();
        let (_, _, body) = read(app.client.get(format!("/api/entry-points/{}", code_of(&out))).send().await).await;
        assert_eq!(body["network"]["code"], "salvia");
        assert!(body.get("facility").is_none());

        let list = admin(
            app,
            AdminCommand::EntryPoint(EntryPointCommand::List { network: Some("sakura".into()), json: true }),
        )
        .await
        .unwrap();
        let list: serde_json::Value = serde_json::from_str(&list).unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1);
        assert_eq!(list[0]["label"], "待合室ポスター 2027");
        assert_eq!(list[0]["facility"], "1410123456");
    })
    .await;
}

#[tokio::test]
async fn a_withdrawn_entry_point_still_names_its_network_but_has_no_qr_code() {
    each_backend(async |app| {
        setup(app).await;
        let code = code_of(&admin(app, add("sakura", None, "old poster")).await.unwrap());
        let cmd = || AdminCommand::EntryPoint(EntryPointCommand::Disable { code: code.to_lowercase() });
        assert_eq!(admin(app, cmd()).await.unwrap(), "entry point disabled\n");
        assert_eq!(admin(app, cmd()).await.unwrap(), "entry point was already disabled\n");

        let (status, _, body) = read(app.client.get(format!("/api/entry-points/{code}")).send().await).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["active"], false);
        assert_eq!(body["network"]["name"], "さくらネット");
        let (status, _, body) = read(app.client.get(format!("/api/entry-points/{code}/qr.svg")).send().await).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_error(&body, "not_found");

        let list =
            admin(app, AdminCommand::EntryPoint(EntryPointCommand::List { network: None, json: false })).await.unwrap();
        assert!(list.contains("disabled"), "{list}");

        let (_, id) = {
            let all = audit::recent(app.state.db.reader(), 50).await.unwrap();
            let e = all.iter().find(|e| e.action == "entry_point.disabled").expect("audited").clone();
            (e.clone(), e.subject_id.unwrap())
        };
        let history = audit::for_subject(app.state.db.reader(), SubjectKind::EntryPoint, &id).await.unwrap();
        let actions: Vec<_> = history.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["entry_point.created", "entry_point.disabled"], "disabling twice is recorded once");
    })
    .await;
}

#[tokio::test]
async fn unknown_and_malformed_codes_are_simply_not_found() {
    each_backend(async |app| {
        setup(app).await;
        let code = code_of(&admin(app, add("sakura", None, "poster")).await.unwrap());
        // Same characters with the check character changed: a typo, not another code.
        let mut typo = code.clone().into_bytes();
        let last = typo.len() - 1;
        typo[last] = if typo[last] == b'0' { b'1' } else { b'0' };
        let typo = String::from_utf8(typo).unwrap();
        for bad in [typo.as_str(), "ABCD-EFGH-J", "x", "%F0%9F%8C%B8", "%27%3B%20DROP%20TABLE%20entry_point%3B--"] {
            let (status, _, body) = read(app.client.get(format!("/api/entry-points/{bad}")).send().await).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{bad}");
            assert_error(&body, "not_found");
        }
    })
    .await;
}

#[tokio::test]
async fn bad_entry_point_arguments_are_refused_and_change_nothing() {
    each_backend(async |app| {
        setup(app).await;
        let cases = [
            (add("nowhere", None, "x"), "--network:"),
            (add("salvia", Some("1410123456"), "x"), "--facility:"),
            (add("sakura", Some("1410999999"), "x"), "--facility:"),
            (add("sakura", Some("12"), "x"), "--facility:"),
            (add("sakura", None, ""), "--label:"),
            (add("sakura", None, &"長".repeat(101)), "--label:"),
            (AdminCommand::EntryPoint(EntryPointCommand::Disable { code: "nope".into() }), "--code:"),
        ];
        for (cmd, flag) in cases {
            match admin(app, cmd).await {
                Err(AdminError::Invalid(lines)) => assert!(lines[0].starts_with(flag), "{flag}: {lines:?}"),
                other => panic!("{flag}: expected a refusal, got {other:?}"),
            }
        }
        let list =
            admin(app, AdminCommand::EntryPoint(EntryPointCommand::List { network: None, json: true })).await.unwrap();
        assert_eq!(list.trim(), "[]");
        let refused = AdminCommand::EntryPoint(EntryPointCommand::Add {
            network: "sakura".into(),
            facility: None,
            label: "x".into(),
        });
        let anonymous = run_admin(&app.state, &Actor::Anonymous, refused, &mut Vec::new()).await;
        assert!(matches!(anonymous, Err(AdminError::Failed(_))), "{anonymous:?}");
    })
    .await;
}
