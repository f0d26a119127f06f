//! Consent documents: published by operators as numbered versions in
//! Japanese and English, in force from their effective time, read by anyone.

use poem::http::StatusCode;
use renkei_api::cli::{AdminCommand, AdminError, ConsentCommand, EntryPointCommand, NetworkCommand};
use renkei_api::service::demo::seed_demo;

use crate::support::client::{assert_error, read};
use crate::support::{TestApp, admin, each_backend};

const JA: &str = "# さくらネット 参加同意書\n\n情報を共有します。いつでも撤回できます。\n\n## 1. 目的\n本文。\n";
const EN: &str =
    "# Sakura Net consent\n\nWe share your information. You can withdraw at any time.\n\n## 1. Purpose\nText.\n";

fn files(app: &TestApp, ja: &str, en: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = app.db.dir.path();
    let (pja, pen) = (dir.join("ja.txt"), dir.join("en.txt"));
    std::fs::write(&pja, ja).unwrap();
    std::fs::write(&pen, en).unwrap();
    (pja, pen)
}

fn publish(ja: std::path::PathBuf, en: std::path::PathBuf, effective: Option<&str>, again: bool) -> AdminCommand {
    AdminCommand::Consent(ConsentCommand::Publish {
        network: "sakura".into(),
        ja,
        en,
        effective: effective.map(Into::into),
        requires_reconsent: again,
    })
}

#[tokio::test]
async fn versions_take_effect_in_order() {
    each_backend(async |app| {
        let add = NetworkCommand::Add { code: "sakura".into(), name: "さくらネット".into(), name_en: None };
        admin(app, AdminCommand::Network(add)).await.unwrap();
        let (status, _, body) = read(app.client.get("/api/networks/sakura/consent").send().await).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "no document yet: no registrations");
        assert_error(&body, "not_found");

        let (ja, en) = files(app, JA, EN);
        let out = admin(app, publish(ja.clone(), en.clone(), None, false)).await.unwrap();
        assert_eq!(
            out,
            "published sakura consent version 1: さくらネット 参加同意書 (in force from 2026-11-21 09:00 JST)\n"
        );
        let (status, _, body) = read(app.client.get("/api/networks/sakura/consent").send().await).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["version"], 1);
        assert_eq!(body["network"], "sakura");
        assert_eq!(body["ja"]["title"], "さくらネット 参加同意書");
        assert_eq!(body["ja"]["summary"], "情報を共有します。いつでも撤回できます。");
        assert_eq!(body["en"]["summary"], "We share your information. You can withdraw at any time.");
        assert!(body["ja"]["body"].as_str().unwrap().contains("## 1. 目的"));

        // Version 2, effective from a later day and asking for consent again.
        let out = admin(app, publish(ja, en, Some("2026-12-01"), true)).await.unwrap();
        assert!(out.contains("version 2") && out.contains("2026-12-01 00:00 JST") && out.contains("again"), "{out}");
        let (_, _, body) = read(app.client.get("/api/networks/sakura/consent").send().await).await;
        assert_eq!(body["version"], 1, "not in force before its day");
        app.clock.advance(chrono::Duration::days(10));
        let (_, _, body) = read(app.client.get("/api/networks/SAKURA/consent").send().await).await;
        assert_eq!(body["version"], 2);
        assert_eq!(body["requiresReconsent"], true);
        assert_eq!(body["effectiveAt"], "2026-11-30T15:00:00+00:00");

        let list = admin(app, AdminCommand::Consent(ConsentCommand::List { network: "sakura".into() })).await.unwrap();
        assert_eq!(list.lines().count(), 2, "{list}");
        assert!(list.starts_with("v2"), "{list}");
    })
    .await;
}

#[tokio::test]
async fn bad_documents_are_refused_and_nothing_is_published() {
    each_backend(async |app| {
        let add = NetworkCommand::Add { code: "sakura".into(), name: "さくらネット".into(), name_en: None };
        admin(app, AdminCommand::Network(add)).await.unwrap();
        let dir = app.db.dir.path().to_owned();
        let (ja, en) = files(app, JA, "Title only, no summary");
        let missing = dir.join("missing.txt");
        let not_utf8 = dir.join("sjis.txt");
        std::fs::write(&not_utf8, [0x82u8, 0xa0, 0x82, 0xa2]).unwrap();
        let cases = [
            (publish(ja.clone(), en.clone(), None, false), "--en:"),
            (publish(missing, ja.clone(), None, false), "--ja:"),
            (publish(ja.clone(), not_utf8, None, false), "--en:"),
            (publish(ja.clone(), ja.clone(), Some("2020-01-01"), false), "--effective:"),
            (publish(ja.clone(), ja.clone(), Some("someday"), false), "--effective:"),
            (
                AdminCommand::Consent(ConsentCommand::Publish {
                    network: "nowhere".into(),
                    ja: ja.clone(),
                    en: ja.clone(),
                    effective: None,
                    requires_reconsent: false,
                }),
                "--network:",
            ),
        ];
        for (cmd, flag) in cases {
            match admin(app, cmd).await {
                Err(AdminError::Invalid(lines)) => assert!(lines[0].starts_with(flag), "{flag}: {lines:?}"),
                other => panic!("{flag}: expected a refusal, got {other:?}"),
            }
        }
        let (status, _, _) = read(app.client.get("/api/networks/sakura/consent").send().await).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn the_demo_network_has_a_consent_document() {
    each_backend(async |app| {
        seed_demo(&app.state).await.unwrap();
        let (status, _, body) = read(app.client.get("/api/networks/demo/consent").send().await).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body["ja"]["summary"].as_str().unwrap().contains("体験用のデモ"));
        assert!(body["en"]["title"].as_str().unwrap().contains("Demo"));
    })
    .await;
}

/// The entry point of `code`, as a poster's page asks for it.
async fn entry_point(app: &TestApp, code: &str) -> serde_json::Value {
    let (status, _, body) = read(app.client.get(format!("/api/entry-points/{code}")).send().await).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

#[tokio::test]
async fn a_posters_entry_point_carries_the_document_in_force() {
    each_backend(async |app| {
        let add = NetworkCommand::Add { code: "sakura".into(), name: "さくらネット".into(), name_en: None };
        admin(app, AdminCommand::Network(add)).await.unwrap();
        let poster = EntryPointCommand::Add { network: "sakura".into(), facility: None, label: "poster".into() };
        let out = admin(app, AdminCommand::EntryPoint(poster)).await.unwrap();
        let code = out.split_whitespace().nth(3).unwrap().to_owned();
        let body = entry_point(app, &code).await;
        assert_eq!(body["active"], true);
        assert!(body.get("consent").is_none(), "no document yet, so no online registration: {body}");

        // Published: the page gets exactly what the network's consent address gives, in one answer.
        let (ja, en) = files(app, JA, EN);
        admin(app, publish(ja.clone(), en.clone(), None, false)).await.unwrap();
        let (_, _, document) = read(app.client.get("/api/networks/sakura/consent").send().await).await;
        let body = entry_point(app, &code).await;
        assert_eq!(body["consent"], document);
        assert_eq!(body["consent"]["version"], 1);
        assert_eq!(body["consent"]["ja"]["title"], "さくらネット 参加同意書");

        // A later version is not shown before it is in force.
        admin(app, publish(ja, en, Some("2026-12-01"), true)).await.unwrap();
        assert_eq!(entry_point(app, &code).await["consent"]["version"], 1);

        // A withdrawn code takes no registrations: it names its network, without a document.
        admin(app, AdminCommand::EntryPoint(EntryPointCommand::Disable { code: code.clone() })).await.unwrap();
        let body = entry_point(app, &code).await;
        assert_eq!(body["active"], false);
        assert!(body.get("consent").is_none(), "{body}");
    })
    .await;
}
