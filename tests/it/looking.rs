//! Facilities looking at a resident's record (`domain::looking`), from its
//! first part: the care relationship that a facility's sending data makes.

use poem::http::StatusCode;
use renkei_api::store::{looking, networks, residents};

use crate::support::each_backend;
use crate::support::facility::{CLINIC, HANAKO, HOSPITAL, bundle, issue_key, patient, request, send};
use crate::support::resident::{demo, details, new_key, register};

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
