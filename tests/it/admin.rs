//! `renkei admin`: what operators type, what they read back, and that a
//! refused command changes nothing.

use renkei_api::cli::{AdminCommand, AdminError, FacilityCommand, NetworkCommand};
use renkei_api::store::audit;

use crate::support::{TestApp, admin_as, each_backend};

async fn admin(app: &TestApp, cmd: AdminCommand) -> Result<String, AdminError> {
    admin_as(app, "sato", cmd).await
}

fn add_network(code: &str, name: &str) -> AdminCommand {
    AdminCommand::Network(NetworkCommand::Add { code: code.into(), name: name.into(), name_en: None })
}

fn add_facility(code: &str, kind: &str, networks: &[&str]) -> AdminCommand {
    AdminCommand::Facility(FacilityCommand::Add {
        code: code.into(),
        name: "横須賀テスト診療所".into(),
        name_en: Some("Yokosuka Test Clinic".into()),
        kind: kind.into(),
        networks: networks.iter().map(|s| (*s).to_owned()).collect(),
    })
}

fn invalid_lines(r: Result<String, AdminError>) -> Vec<String> {
    match r {
        Err(e @ AdminError::Invalid(_)) => {
            assert_eq!(e.exit_code(), 2);
            let AdminError::Invalid(lines) = e else { unreachable!() };
            lines
        }
        other => panic!("expected refused arguments, got {other:?}"),
    }
}

#[tokio::test]
async fn networks_are_added_listed_and_audited() {
    each_backend(async |app| {
        let out = admin(app, add_network("Sakura", "さくらネット")).await.unwrap();
        assert_eq!(out, "added network sakura (さくらネット)\n");
        admin(
            app,
            AdminCommand::Network(NetworkCommand::Add {
                code: "salvia".into(),
                name: "サルビアねっと".into(),
                name_en: Some("Salvia Net".into()),
            }),
        )
        .await
        .unwrap();

        let out = admin(app, AdminCommand::Network(NetworkCommand::List { json: false })).await.unwrap();
        assert!(out.contains("sakura") && out.contains("サルビアねっと / Salvia Net"), "{out}");
        let out = admin(app, AdminCommand::Network(NetworkCommand::List { json: true })).await.unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 2);
        assert_eq!(v[1]["nameEn"], "Salvia Net");

        let entries = audit::recent(app.state.db.reader(), 10).await.unwrap();
        assert_eq!(entries.len(), 2);
        assert!(entries.iter().all(|e| e.actor_id.as_deref() == Some("sato") && e.channel == "cli"));
    })
    .await;
}

#[tokio::test]
async fn bad_network_arguments_say_what_is_wrong_and_change_nothing() {
    each_backend(async |app| {
        admin(app, add_network("sakura", "さくらネット")).await.unwrap();
        let lines = invalid_lines(admin(app, add_network("sakura", "さくらネット")).await);
        assert!(lines.iter().any(|l| l.starts_with("--code:") && l.contains("already_exists")), "{lines:?}");
        assert!(lines.iter().any(|l| l.starts_with("--name:") && l.contains("already_exists")), "{lines:?}");

        let lines = invalid_lines(admin(app, add_network("さくら", "")).await);
        assert!(lines.iter().any(|l| l.starts_with("--code:") && l.contains("invalid_format")), "{lines:?}");
        assert!(lines.iter().any(|l| l.starts_with("--name:") && l.contains("required")), "{lines:?}");

        let lines = invalid_lines(admin(app, add_network("ok-code", &"長".repeat(10_000))).await);
        assert!(lines.iter().any(|l| l.starts_with("--name:") && l.contains("too_long")), "{lines:?}");

        let out = admin(app, AdminCommand::Network(NetworkCommand::List { json: true })).await.unwrap();
        assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap().as_array().unwrap().len(), 1);
        assert_eq!(audit::recent(app.state.db.reader(), 10).await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn facilities_join_networks_and_bad_ones_are_refused() {
    each_backend(async |app| {
        admin(app, add_network("sakura", "さくらネット")).await.unwrap();
        admin(app, add_network("salvia", "サルビアねっと")).await.unwrap();

        let out = admin(app, add_facility("１４１０１２３４５６", "clinic", &["sakura", "salvia"])).await.unwrap();
        assert_eq!(out, "added facility 1410123456 (横須賀テスト診療所, clinic) to sakura, salvia\n");
        admin(app, add_facility("1440123456", "pharmacy", &["sakura"])).await.unwrap();

        // Refusals, each naming the flag to fix.
        let lines = invalid_lines(admin(app, add_facility("1410123456", "clinic", &["sakura"])).await);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].starts_with("--code:") && lines[0].contains("already_exists"), "{lines:?}");
        let lines = invalid_lines(admin(app, add_facility("1440999999", "clinic", &["sakura"])).await);
        assert!(
            lines[0].starts_with("--code:") && lines[0].contains("invalid_format"),
            "pharmacy code for a clinic: {lines:?}"
        );
        let lines = invalid_lines(admin(app, add_facility("1410999999", "surgery", &["sakura"])).await);
        assert!(lines.iter().any(|l| l.starts_with("--kind:") && l.contains("unknown_value")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("visiting_nursing_station")), "lists the kinds: {lines:?}");
        let lines = invalid_lines(admin(app, add_facility("1410999999", "clinic", &["nowhere"])).await);
        assert!(lines[0].starts_with("--network:") && lines[0].contains("not_found"), "{lines:?}");
        let lines = invalid_lines(admin(app, add_facility("12345", "clinic", &[])).await);
        assert!(lines.iter().any(|l| l.starts_with("--network:") && l.contains("required")), "{lines:?}");

        let all =
            admin(app, AdminCommand::Facility(FacilityCommand::List { network: None, json: true })).await.unwrap();
        let all: serde_json::Value = serde_json::from_str(&all).unwrap();
        assert_eq!(all.as_array().unwrap().len(), 2, "refused facilities were not stored");
        assert_eq!(all[0]["networks"], serde_json::json!(["sakura", "salvia"]));

        let salvia =
            admin(app, AdminCommand::Facility(FacilityCommand::List { network: Some("salvia".into()), json: false }))
                .await
                .unwrap();
        assert_eq!(salvia.lines().count(), 1, "{salvia}");
        assert!(salvia.contains("1410123456") && salvia.contains("clinic"), "{salvia}");

        let lines = invalid_lines(
            admin(app, AdminCommand::Facility(FacilityCommand::List { network: Some("nowhere".into()), json: false }))
                .await,
        );
        assert!(lines[0].starts_with("--network:"), "{lines:?}");
    })
    .await;
}
