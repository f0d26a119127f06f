//! A family member acting for someone: the bodies a child enters for
//! himself and for his parent, requests sent as a proxy
//! (`Renkei-Acting-For`), and a mother and son registered together.

use poem::http::StatusCode;
use serde_json::{Value, json};

use super::TestApp;
use super::client::read;
use super::resident::{demo, details, new_key, register};

pub const ACT: &str = "renkei-acting-for";

/// 山田 太郎, the child, registered himself: his own insurance and address.
pub fn child(entry: &str, version: i64, email: &str) -> Value {
    let mut d = details(&new_key(), entry, version, email);
    d["name"] = json!("山田 太郎");
    d["nameKana"] = json!("やまだ たろう");
    d["birthDate"] = json!("1978-06-15");
    d["sex"] = json!("male");
    d["number"] = json!("7788");
    d
}

/// Another person, for the matrix and the limit.
pub fn someone(entry: &str, version: i64, n: usize) -> Value {
    let mut d = details(&new_key(), entry, version, &format!("p{n}@example.jp"));
    d["name"] = json!(format!("佐藤 {}", ["一郎", "二郎", "三郎", "四郎", "五郎", "六郎", "七郎"][n]));
    d["nameKana"] =
        json!(format!("さとう {}", ["いちろう", "じろう", "さぶろう", "しろう", "ごろう", "ろくろう", "しちろう"][n]));
    d["birthDate"] = json!(format!("198{n}-01-0{}", n + 1));
    d["sex"] = json!("male");
    d["number"] = json!(format!("90{n}"));
    d
}

/// The parent, 山田 花子 (the HANAKO of the intake tests), as her child enters her.
pub fn parent(version: i64, email: Option<&str>) -> Value {
    let d = details("", "", version, email.unwrap_or(""));
    let mut body = json!({
        "network": "demo",
        "consentVersion": version,
        "relationship": "child",
        "reason": "no_phone",
        "reasonNote": "スマートフォンを持っていない",
        "attestation": "person_agreed",
    });
    for k in
        ["documentKind", "insurerNumber", "symbol", "number", "branch", "name", "nameKana", "birthDate", "sex", "phone"]
    {
        body[k] = d[k].clone();
    }
    if let Some(e) = email {
        body["email"] = json!(e);
    }
    body
}

pub async fn get(app: &TestApp, path: &str, cookie: &str, link: Option<&str>) -> (StatusCode, Value) {
    let mut req = app.client.get(path).header("cookie", cookie);
    if let Some(l) = link {
        req = req.header(ACT, l);
    }
    let (status, _, body) = read(req.send().await).await;
    (status, body)
}

pub async fn post_as(app: &TestApp, path: &str, cookie: &str, link: Option<&str>, body: &Value) -> (StatusCode, Value) {
    let mut req = app.client.post(path).header("cookie", cookie).body_json(body);
    if let Some(l) = link {
        req = req.header(ACT, l);
    }
    let (status, _, body) = read(req.send().await).await;
    (status, body)
}

/// Registers 山田 花子 herself and her son; their cookies.
pub async fn mother_and_son(app: &TestApp) -> (String, String, i64, String) {
    let (entry, version) = demo(app).await;
    let (mother, _) = register(app, &details(&new_key(), &entry, version, "hanako@example.jp")).await;
    let (son, _) = register(app, &child(&entry, version, "taro@example.jp")).await;
    (mother, son, version, entry)
}

pub async fn invite(app: &TestApp, cookie: &str, level: &str) -> (StatusCode, Value) {
    post_as(app, "/api/me/invitations", cookie, None, &json!({ "level": level })).await
}

/// `inviter` invites at `level`; `invitee` accepts as `relationship`. The accepted link's body
/// (`linkId`, `standing`, …) and status.
pub async fn invite_and_accept(
    app: &TestApp,
    inviter: &str,
    invitee: &str,
    level: &str,
    relationship: &str,
) -> (StatusCode, Value) {
    let (status, inv) = invite(app, inviter, level).await;
    assert_eq!(status, StatusCode::CREATED, "{inv}");
    post_as(
        app,
        "/api/invitations/accept",
        invitee,
        None,
        &json!({ "code": inv["code"], "relationship": relationship }),
    )
    .await
}
