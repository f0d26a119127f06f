//! Facilities looking at a resident's record (`domain::looking`), from its
//! first part: the care relationship that a facility's sending data makes.

use poem::http::StatusCode;
use renkei_api::cli::{AdminCommand, NetworkCommand};
use renkei_api::store::{audit, looking, networks, residents};
use serde_json::{Value, json};

use crate::support::facility::{CLINIC, HANAKO, HOSPITAL, bundle, issue_key, patient, request, send};
use crate::support::resident::{demo, details, new_key, register};
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
