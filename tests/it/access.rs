//! Who may call what, over HTTP: every operation in the API × every kind of
//! caller. The rules live in `domain::access`; this pins what a client sees.
//! An operation added to the API fails this test until it is added here.

use poem::http::StatusCode;
use renkei_api::domain::actor::Actor;
use renkei_api::service::entry_points::list_entry_points;
use renkei_api::service::networks::seed_demo;

use crate::support::each_backend;

/// What a caller may expect of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Anyone, signed in or not.
    Public,
}

/// Every operation: method, path as in the spec, and access for each kind of
/// caller. Kinds of caller join as sign-in arrives (resident, proxy, staff,
/// facility system); today every caller of the HTTP API is anonymous.
const MATRIX: &[(&str, &str, Access)] = &[
    ("get", "/health", Access::Public),
    ("get", "/networks", Access::Public),
    ("get", "/networks/{code}", Access::Public),
    ("get", "/networks/{code}/consent", Access::Public),
    ("get", "/entry-points/{code}", Access::Public),
    ("get", "/entry-points/{code}/qr.svg", Access::Public),
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

#[tokio::test]
async fn anonymous_callers_reach_public_operations() {
    each_backend(async |app| {
        seed_demo(&app.state).await.unwrap();
        let ep = list_entry_points(&app.state, &Actor::System, Some("demo")).await.unwrap();
        let entry = ep[0].code.as_str().to_owned();
        for (method, path, access) in MATRIX {
            let code = if path.starts_with("/entry-points") { entry.as_str() } else { "demo" };
            let url = format!("/api{}", path.replace("{code}", code));
            let resp = match *method {
                "get" => app.client.get(&url).send().await,
                other => panic!("no request for method {other}"),
            };
            let status = resp.0.status();
            match access {
                Access::Public => assert_eq!(status, StatusCode::OK, "anonymous {method} {url}"),
            }
        }
    })
    .await;
}
