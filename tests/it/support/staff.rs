//! A facility's staff member: invited by the operator, enrolled with a soft
//! passkey through the real ceremony, and their requests with the staff
//! cookie.

use poem::http::StatusCode;
use renkei_api::cli::{AdminCommand, StaffCommand};
use serde_json::{Value, json};

use super::client::read;
use super::resident::{Phone, post, session_cookie};
use super::{TestApp, admin};

/// A staff member invited and enrolled with a soft passkey: their cookie, id and passkey.
pub struct Staff {
    pub cookie: String,
    pub id: uuid::Uuid,
    pub phone: Phone,
    pub cred_id: String,
}

pub async fn invite(app: &TestApp, facility: &str, role: &str, name: &str) -> (uuid::Uuid, String) {
    let out = admin(
        app,
        AdminCommand::Staff(StaffCommand::Invite { facility: facility.into(), role: role.into(), name: name.into() }),
    )
    .await
    .unwrap();
    let id = out.split_whitespace().nth(2).and_then(|w| uuid::Uuid::parse_str(w).ok()).expect("the staff id");
    let url = out.lines().last().unwrap().trim();
    let code = url.split_once("/staff/enrol#").expect("an enrolment link").1.to_owned();
    (id, code)
}

pub async fn enrol(app: &TestApp, facility: &str, role: &str, name: &str) -> Staff {
    let (id, code) = invite(app, facility, role, name).await;
    let mut phone = Phone::new();
    let (status, _, opts) = post(app, "/api/staff/enrolment/passkey-options", &json!({ "code": code })).await;
    assert_eq!(status, StatusCode::OK, "{opts}");
    assert_eq!(opts["staff"]["name"], name);
    let credential = phone.create(&opts["publicKey"]);
    let cred_id = credential["id"].as_str().unwrap().to_owned();
    let (status, headers, me) =
        post(app, "/api/staff/enrolment/complete", &json!({ "code": code, "credential": credential })).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    let cookie = session_cookie(&headers);
    assert!(cookie.starts_with("renkei_staff="), "{cookie}");
    // The link is spent.
    let (status, _, body) = post(app, "/api/staff/enrolment/passkey-options", &json!({ "code": code })).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("enrolment_invalid")));
    Staff { cookie, id, phone, cred_id }
}

pub async fn staff_get(app: &TestApp, path: &str, cookie: &str) -> (StatusCode, Value) {
    let (status, _, body) = read(app.client.get(path).header("cookie", cookie).send().await).await;
    (status, body)
}

pub async fn staff_post(app: &TestApp, path: &str, cookie: &str, body: &Value) -> (StatusCode, Value) {
    let (status, _, body) = read(app.client.post(path).header("cookie", cookie).body_json(body).send().await).await;
    (status, body)
}
