//! Residents as tests meet them: the demo network's entry point, a
//! registration's details, the codes residents receive by mail, a soft
//! passkey driven through real WebAuthn ceremonies, and session cookies.

use poem::http::StatusCode;
use renkei_api::domain::actor::Actor;
use renkei_api::service::demo::seed_demo;
use renkei_api::service::entry_points::list_entry_points;
use serde_json::{Value, json};
use url::Url;
use webauthn_authenticator_rs::WebauthnAuthenticator;
use webauthn_authenticator_rs::softpasskey::SoftPasskey;
use webauthn_rs::prelude::{CreationChallengeResponse, RequestChallengeResponse};

use crate::support::TestApp;
use crate::support::client::read;

/// The origin the test app serves (the default public URL).
pub const ORIGIN: &str = "http://localhost:8080";

/// Seeds the demo network; the code of its entry point and the consent version in force.
pub async fn demo(app: &TestApp) -> (String, i64) {
    seed_demo(&app.state).await.unwrap();
    let eps = list_entry_points(&app.state, &Actor::System, Some("demo")).await.unwrap();
    (eps[0].code.as_str().to_owned(), demo_version(app).await)
}

/// The consent version in force for the demo network (already seeded).
pub async fn demo_version(app: &TestApp) -> i64 {
    let (_, _, doc) = read(app.client.get("/api/networks/demo/consent").send().await).await;
    doc["version"].as_i64().unwrap()
}

/// A fresh client key.
pub fn new_key() -> String {
    uuid::Uuid::now_v7().simple().to_string()
}

/// A valid registration for 山田 花子 with the given address.
pub fn details(key: &str, entry: &str, version: i64, email: &str) -> Value {
    json!({
        "key": key,
        "entryPoint": entry,
        "consentVersion": version,
        "documentKind": "qualification_certificate",
        "insurerNumber": "33120015",
        "symbol": "12",
        "number": "3456",
        "branch": "01",
        "name": "山田 花子",
        "nameKana": "やまだ はなこ",
        "birthDate": "S25.4.1",
        "sex": "female",
        "phone": "090-1234-5678",
        "email": email,
    })
}

/// Delivers queued mail and returns the bodies sent to `to`, oldest first.
pub async fn mails_to(app: &TestApp, to: &str) -> Vec<(String, String)> {
    app.state.mail.deliver_due().await.unwrap();
    app.state.mail.mailer().sent().into_iter().filter(|m| m.to == to).map(|m| (m.subject, m.body)).collect()
}

/// The newest six-digit code mailed to `to`.
pub async fn last_code(app: &TestApp, to: &str) -> String {
    let mails = mails_to(app, to).await;
    let (_, body) = mails.iter().rev().find(|(s, _)| s.contains("確認コード")).expect("a code mail");
    body.split_whitespace().find(|w| w.len() == 6 && w.bytes().all(|b| b.is_ascii_digit())).unwrap().to_owned()
}

/// The date of birth on file for the resident with this address.
pub async fn birth_date_of(app: &TestApp, email: &str) -> String {
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.state.db.reader();
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            match db.get_database_backend() {
                sea_orm::DatabaseBackend::Postgres => "SELECT birth_date FROM resident WHERE email = $1",
                _ => "SELECT birth_date FROM resident WHERE email = ?",
            },
            [email.into()],
        ))
        .await
        .unwrap()
        .expect("a resident with this address");
    row.try_get::<chrono::NaiveDate>("", "birth_date").unwrap().to_string()
}

/// Asks for a sign-in code (after the 30 seconds one address waits between
/// codes); the status and the answer, whose `flow` goes with the code.
pub async fn ask_code(app: &TestApp, email: &str, birth_date: &str) -> (StatusCode, Value) {
    app.clock.advance(chrono::Duration::seconds(31));
    let (status, _, body) =
        post(app, "/api/sign-in/email-code", &json!({ "email": email, "birthDate": birth_date })).await;
    (status, body)
}

/// Tries a mailed code with the flow of the request that made it.
pub async fn code_sign_in(
    app: &TestApp,
    email: &str,
    code: &str,
    flow: &Value,
) -> (StatusCode, poem::http::HeaderMap, Value) {
    post(app, "/api/sign-in/email", &json!({ "email": email, "code": code, "flow": flow })).await
}

/// Signs a registered person in again with a mailed code, their birth date
/// as on file: the answer's status, headers and body.
pub async fn sign_in_by_code(app: &TestApp, email: &str) -> (StatusCode, poem::http::HeaderMap, Value) {
    let birth = birth_date_of(app, email).await;
    let (status, asked) = ask_code(app, email, &birth).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{asked}");
    let code = last_code(app, email).await;
    code_sign_in(app, email, &code, &asked["flow"]).await
}

/// `renkei_session=…` from a response's Set-Cookie, ready for a Cookie header.
pub fn session_cookie(headers: &poem::http::HeaderMap) -> String {
    let set = headers.get("set-cookie").expect("Set-Cookie").to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

pub async fn post(app: &TestApp, path: &str, body: &Value) -> (StatusCode, poem::http::HeaderMap, Value) {
    read(app.client.post(path).body_json(body).send().await).await
}

pub async fn post_with_cookie(
    app: &TestApp,
    path: &str,
    cookie: &str,
    body: &Value,
) -> (StatusCode, poem::http::HeaderMap, Value) {
    read(app.client.post(path).header("cookie", cookie).body_json(body).send().await).await
}

pub async fn me(app: &TestApp, cookie: &str) -> (StatusCode, Value) {
    let (status, _, body) = read(app.client.get("/api/me").header("cookie", cookie).send().await).await;
    (status, body)
}

/// Submits and confirms the address; the key of the open registration.
pub async fn submit_and_verify(app: &TestApp, body: &Value) -> String {
    // Codes go to one address at most every 30 seconds.
    app.clock.advance(chrono::Duration::seconds(31));
    let (status, _, resp) = post(app, "/api/registrations", body).await;
    assert_eq!(status, StatusCode::OK, "{resp}");
    let email = body["email"].as_str().unwrap();
    let code = last_code(app, email).await;
    let key = body["key"].as_str().unwrap().to_owned();
    let (status, _, resp) = post(app, "/api/registrations/verify-email", &json!({ "key": key, "code": code })).await;
    assert_eq!(status, StatusCode::OK, "{resp}");
    assert_eq!(resp["emailVerified"], true);
    assert!(matches!(resp["next"].as_str(), Some("passkey" | "sign_in")), "{resp}");
    key
}

/// Registers without a passkey; the session cookie and the answer.
pub async fn register(app: &TestApp, body: &Value) -> (String, Value) {
    let key = submit_and_verify(app, body).await;
    let (status, headers, done) = post(app, "/api/registrations/complete", &json!({ "key": key })).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    (session_cookie(&headers), done)
}

/// A soft passkey on "this phone", answering as a browser at `origin` would.
pub struct Phone {
    pub authenticator: SoftPasskey,
    pub origin: Url,
}

impl Phone {
    pub fn new() -> Phone {
        // `true` is falsify_uv: the soft passkey claims user verification, as a
        // phone does after its screen lock; passkey ceremonies require it.
        Phone { authenticator: SoftPasskey::new(true), origin: Url::parse(ORIGIN).unwrap() }
    }

    /// Creates a passkey for the options the server gave (`publicKey`).
    pub fn create(&mut self, public_key: &Value) -> Value {
        let mut public_key = public_key.clone();
        // The server asks for a discoverable credential (for autofill); the
        // soft passkey cannot store one, and the server does not require it.
        public_key["authenticatorSelection"]["requireResidentKey"] = json!(false);
        public_key["authenticatorSelection"]["residentKey"] = json!("discouraged");
        let ccr: CreationChallengeResponse = serde_json::from_value(json!({ "publicKey": public_key })).unwrap();
        let cred = self.authenticator.do_registration(self.origin.clone(), ccr).expect("soft passkey registration");
        serde_json::to_value(cred).unwrap()
    }

    /// Answers a discoverable sign-in with the passkey `cred_id` of the user
    /// `user` — the soft passkey cannot discover its own credentials, so the
    /// test names it, and adds the user handle a phone's passkey returns.
    pub fn sign_in(&mut self, public_key: &Value, cred_id: &str, user: uuid::Uuid) -> Value {
        let mut public_key = public_key.clone();
        public_key["allowCredentials"] = json!([{ "type": "public-key", "id": cred_id }]);
        let rcr: RequestChallengeResponse = serde_json::from_value(json!({ "publicKey": public_key })).unwrap();
        let mut answer = self.authenticator.do_authentication(self.origin.clone(), rcr).expect("soft passkey sign-in");
        answer.response.user_handle = Some(user.as_bytes().to_vec());
        serde_json::to_value(answer).unwrap()
    }
}

/// Registers with a passkey created on `phone`; the cookie, the answer and
/// the credential id.
pub async fn register_with_passkey(app: &TestApp, phone: &mut Phone, body: &Value) -> (String, Value, String) {
    let key = submit_and_verify(app, body).await;
    let (status, _, opts) = post(app, "/api/registrations/passkey-options", &json!({ "key": key })).await;
    assert_eq!(status, StatusCode::OK, "{opts}");
    let credential = phone.create(&opts["publicKey"]);
    let cred_id = credential["id"].as_str().unwrap().to_owned();
    let (status, headers, done) =
        post(app, "/api/registrations/complete", &json!({ "key": key, "credential": credential })).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["passkey"], true);
    (session_cookie(&headers), done, cred_id)
}

/// Counts rows of a table.
pub async fn count(app: &TestApp, table: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.state.db.reader();
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), format!("SELECT COUNT(*) AS n FROM {table}")))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

/// The `(field, code)` pairs of a validation error.
pub fn field_codes(body: &Value) -> Vec<(String, String)> {
    body["fields"]
        .as_array()
        .unwrap_or(&vec![])
        .iter()
        .map(|f| (f["field"].as_str().unwrap().to_owned(), f["code"].as_str().unwrap().to_owned()))
        .collect()
}

/// Signs 山田 花子 in again with a mailed code (sessions end after 30 idle
/// minutes, and these tests move the clock by days).
pub async fn sign_in(app: &TestApp) -> String {
    let (status, headers, body) = sign_in_by_code(app, "hanako@example.jp").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    session_cookie(&headers)
}

pub async fn summary(app: &TestApp, cookie: &str) -> Value {
    let (status, _, body) = read(app.client.get("/api/me/summary").header("cookie", cookie).send().await).await;
    if status == StatusCode::UNAUTHORIZED {
        let fresh = sign_in(app).await;
        let (status, _, body) = read(app.client.get("/api/me/summary").header("cookie", &fresh).send().await).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        return body;
    }
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}
