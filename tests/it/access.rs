//! Who may call what, over HTTP: every operation in the API × every kind of
//! caller. The rules live in `domain::access`; this pins what a client sees.
//! An operation added to the API fails this test until it is added here.

use poem::http::StatusCode;

use crate::support::each_backend_with;

/// What a caller may expect of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Anyone, signed in or not.
    Public,
    /// A signed-in resident, acting on their own account.
    Resident,
    /// A facility's system, with its API key.
    Facility,
    /// A facility's staff member, with their own session (the matrix of `reception.rs`).
    Staff,
}

/// Every operation, in the order the test calls them: method, path as in the spec, and access for each kind of
/// caller. Proxies (a resident with `Renkei-Acting-For`) are the matrix of `proxies.rs`; staff join with their sign-in.
const MATRIX: &[(&str, &str, Access)] = &[
    ("get", "/health", Access::Public),
    ("get", "/audit/public-key", Access::Public),
    ("get", "/audit/checkpoint", Access::Public),
    ("get", "/networks", Access::Public),
    ("get", "/networks/{code}", Access::Public),
    ("get", "/networks/{code}/consent", Access::Public),
    ("get", "/entry-points/{code}", Access::Public),
    ("get", "/entry-points/{code}/qr.svg", Access::Public),
    ("post", "/registrations", Access::Public),
    ("post", "/registrations/verify-email", Access::Public),
    ("post", "/registrations/resend-code", Access::Public),
    ("post", "/registrations/passkey-options", Access::Public),
    ("post", "/registrations/complete", Access::Public),
    ("post", "/sign-in/passkey-options", Access::Public),
    ("post", "/sign-in/passkey", Access::Public),
    ("post", "/sign-in/email-code", Access::Public),
    ("post", "/sign-in/email", Access::Public),
    ("post", "/recovery", Access::Public),
    ("get", "/me", Access::Resident),
    ("post", "/me/passkeys/options", Access::Resident),
    ("post", "/me/passkeys", Access::Resident),
    ("get", "/me/summary", Access::Resident),
    ("get", "/me/summary/history", Access::Resident),
    ("get", "/me/summary/fhir", Access::Resident),
    ("put", "/me/emergency-contact", Access::Resident),
    ("delete", "/me/emergency-contact", Access::Resident),
    ("get", "/me/insurance", Access::Resident),
    ("post", "/me/insurance", Access::Resident),
    ("get", "/networks/{code}/consent/versions/{version}", Access::Public),
    ("get", "/me/consents", Access::Resident),
    ("post", "/me/networks/{code}/consent", Access::Resident),
    ("get", "/me/export", Access::Resident),
    ("get", "/me/export/fhir", Access::Resident),
    ("get", "/me/corrections", Access::Resident),
    ("post", "/me/corrections", Access::Resident),
    // An empty body names no consent (422); the erasure after it finds the consent in force (409).
    ("post", "/me/networks/{code}/withdraw", Access::Resident),
    ("post", "/me/medical-data/erase", Access::Resident),
    ("get", "/me/people", Access::Resident),
    ("post", "/me/people", Access::Resident),
    ("get", "/me/proxies", Access::Resident),
    ("post", "/me/proxies/{link}/revoke", Access::Resident),
    ("post", "/me/proxies/{link}/confirm", Access::Resident),
    ("post", "/me/invitations", Access::Resident),
    ("post", "/me/invitations/{id}/cancel", Access::Resident),
    ("put", "/me/records/{id}/visibility", Access::Resident),
    ("get", "/me/access", Access::Resident),
    ("get", "/me/care-relationships", Access::Resident),
    ("delete", "/me/care-relationships/{id}", Access::Resident),
    ("get", "/me/registration-qr", Access::Resident),
    ("post", "/me/registration-qr", Access::Resident),
    ("get", "/me/access-alerts", Access::Resident),
    ("put", "/me/access-alerts", Access::Resident),
    ("post", "/invitations/lookup", Access::Resident),
    ("post", "/invitations/accept", Access::Resident),
    ("post", "/claims/passkey-options", Access::Public),
    ("post", "/claims/complete", Access::Public),
    ("post", "/claims/accept-as-proxy", Access::Resident),
    ("post", "/staff/enrolment/passkey-options", Access::Public),
    ("post", "/staff/enrolment/complete", Access::Public),
    ("post", "/staff/sign-in/passkey-options", Access::Public),
    ("post", "/staff/sign-in/passkey", Access::Public),
    ("get", "/staff/me", Access::Staff),
    ("post", "/staff/records/lookup", Access::Staff),
    ("post", "/staff/records/emergency", Access::Staff),
    ("post", "/staff/presentations", Access::Staff),
    ("post", "/staff/insurance", Access::Staff),
    ("post", "/staff/proxy-confirmations", Access::Staff),
    ("post", "/staff/duplicates", Access::Staff),
    ("post", "/staff/paper-registrations", Access::Staff),
    ("post", "/staff/paper-withdrawals", Access::Staff),
    ("get", "/staff/entries", Access::Staff),
    ("get", "/staff/entries/{id}", Access::Staff),
    ("patch", "/staff/entries/{id}", Access::Staff),
    ("post", "/staff/entries/{id}/claim", Access::Staff),
    ("post", "/staff/sign-out", Access::Public),
    ("post", "/fhir", Access::Facility),
    ("post", "/jahis", Access::Facility),
    ("post", "/fhir/shared-record", Access::Facility),
    // Last: they end the session the calls above use.
    ("post", "/me/sign-out-everywhere", Access::Resident),
    ("post", "/sign-out", Access::Public),
];

#[test]
fn the_matrix_covers_every_operation_in_the_spec() {
    let spec: serde_json::Value = serde_json::from_str(&renkei_api::http::spec_json()).unwrap();
    let mut in_spec: Vec<(String, String)> = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            in_spec.push((method.clone(), path.clone()));
        }
    }
    in_spec.sort();
    let mut in_matrix: Vec<(String, String)> =
        MATRIX.iter().map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned())).collect();
    in_matrix.sort();
    assert_eq!(in_spec, in_matrix, "add new operations to MATRIX with who may call them");
}

/// The contract says who may call each operation, as the matrix does: a
/// client generated from the spec sends the right credentials, and a resident
/// operation takes `Renkei-Acting-For`.
#[test]
fn the_spec_declares_who_may_call_each_operation() {
    let spec: serde_json::Value = serde_json::from_str(&renkei_api::http::spec_json()).unwrap();
    for (method, path, access) in MATRIX {
        let op = &spec["paths"][path][method];
        let schemes: Vec<&str> = op["security"]
            .as_array()
            .map(|a| a.iter().flat_map(|r| r.as_object().unwrap().keys().map(String::as_str)).collect())
            .unwrap_or_default();
        let expected: &[&str] = match access {
            Access::Public => &[],
            Access::Resident => &["ResidentSession"],
            Access::Staff => &["StaffSession"],
            Access::Facility => &["FacilityKey"],
        };
        assert_eq!(schemes, expected, "{method} {path}");
        let acting_for = op["parameters"]
            .as_array()
            .is_some_and(|ps| ps.iter().any(|p| p["name"] == "Renkei-Acting-For" && p["in"] == "header"));
        assert_eq!(acting_for, matches!(access, Access::Resident), "{method} {path}: Renkei-Acting-For");
    }
    for (name, kind) in [("ResidentSession", "renkei_session"), ("StaffSession", "renkei_staff")] {
        let scheme = &spec["components"]["securitySchemes"][name];
        assert_eq!((scheme["type"].as_str(), scheme["in"].as_str()), (Some("apiKey"), Some("cookie")), "{name}");
        assert_eq!(scheme["name"], kind, "{name}");
    }
}

/// Calls every operation as `cookie` or `key` (neither: anonymous) and returns the statuses.
async fn call_all(
    app: &crate::support::TestApp,
    entry: &str,
    cookie: Option<&str>,
    key: Option<&str>,
) -> Vec<(String, StatusCode)> {
    let mut out = Vec::new();
    for (method, path, _) in MATRIX {
        let code = if path.starts_with("/entry-points") { entry } else { "demo" };
        let any = "0193a000-0000-7000-8000-000000000000";
        let url = format!(
            "/api{}",
            path.replace("{code}", code).replace("{version}", "1").replace("{link}", any).replace("{id}", any)
        );
        let req = match *method {
            "get" => app.client.get(&url),
            // An empty object: enough to pass the gate and be judged on its content.
            "post" => app.client.post(&url).body_json(&serde_json::json!({})),
            // A body that parses, so the answer is about who is asking.
            "put" => app.client.put(&url).body_json(&serde_json::json!({"name": "x", "phone": "0312345678"})),
            "delete" => app.client.delete(&url),
            "patch" => app.client.patch(&url).body_json(&serde_json::json!({})),
            other => panic!("no request for method {other}"),
        };
        let req = match cookie {
            Some(c) => req.header("cookie", c),
            None => req,
        };
        let req = match key {
            Some(k) => req.header("authorization", format!("Bearer {k}")),
            None => req,
        };
        out.push((format!("{method} {url}"), req.send().await.0.status()));
    }
    out
}

#[tokio::test]
async fn every_operation_for_every_kind_of_caller() {
    // A deployment that signs the audit log's checkpoints, checked once.
    let keys = tempfile::tempdir().unwrap();
    let key = keys.path().join("audit.key");
    std::fs::write(&key, renkei_api::domain::audit_chain::new_key_text(&mut rand::rng())).unwrap();
    each_backend_with(&[("RENKEI_AUDIT_KEY_FILE", key.to_str().unwrap())], async |app| {
        renkei_api::service::audit_verify::scheduled_check(&app.state).await.unwrap();
        let (entry, version) = crate::support::resident::demo(app).await;
        let body = crate::support::resident::details(
            &crate::support::resident::new_key(),
            &entry,
            version,
            "matrix@example.jp",
        );
        let (cookie, _) = crate::support::resident::register(app, &body).await;

        let key = crate::support::facility::issue_key(app, "1440900004").await;

        let anonymous = call_all(app, &entry, None, None).await;
        let facility = call_all(app, &entry, None, Some(&key)).await;
        let resident = call_all(app, &entry, Some(&cookie), None).await;
        let rows = anonymous.iter().zip(&resident).zip(&facility).zip(MATRIX);
        for ((((what, anon), (_, res)), (_, fac)), (_, _, access)) in rows {
            let denied = |s: &StatusCode| *s == StatusCode::UNAUTHORIZED || *s == StatusCode::FORBIDDEN;
            match access {
                Access::Public => {
                    assert!(!denied(anon), "anonymous {what}: {anon}");
                    assert!(!denied(res), "resident {what}: {res}");
                    assert!(!denied(fac), "facility {what}: {fac}");
                }
                Access::Resident => {
                    assert_eq!(*anon, StatusCode::UNAUTHORIZED, "anonymous {what}");
                    assert_eq!(*fac, StatusCode::UNAUTHORIZED, "facility {what}");
                    assert!(!denied(res), "resident {what}: {res}");
                }
                Access::Staff => {
                    assert_eq!(*anon, StatusCode::UNAUTHORIZED, "anonymous {what}");
                    assert_eq!(*res, StatusCode::UNAUTHORIZED, "resident {what}");
                    assert_eq!(*fac, StatusCode::UNAUTHORIZED, "facility {what}");
                }
                Access::Facility => {
                    assert_eq!(*anon, StatusCode::UNAUTHORIZED, "anonymous {what}");
                    assert_eq!(*res, StatusCode::UNAUTHORIZED, "resident {what}");
                    assert!(!denied(fac), "facility {what}: {fac}");
                }
            }
            if what.starts_with("get") && !matches!(access, Access::Facility | Access::Staff) {
                assert_eq!(*res, StatusCode::OK, "resident {what}");
            }
        }
    })
    .await;
}
