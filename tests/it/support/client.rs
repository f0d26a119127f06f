//! Reading the service's answers as a client does.

use poem::http::StatusCode;
use poem::test::TestResponse;
use serde_json::Value;

pub async fn read(resp: TestResponse) -> (StatusCode, poem::http::HeaderMap, Value) {
    let status = resp.0.status();
    let headers = resp.0.headers().clone();
    let body = resp.0.into_body().into_bytes().await.unwrap();
    let value = if body.is_empty() { Value::Null } else { serde_json::from_slice(&body).unwrap_or(Value::Null) };
    (status, headers, value)
}

/// The error shape: a known code, a message, a request id; nothing else leaks.
pub fn assert_error(body: &Value, code: &str) {
    assert_eq!(body["code"], code, "{body}");
    let msg = body["message"].as_str().unwrap_or_default();
    assert!(!msg.is_empty(), "{body}");
    assert!(body["requestId"].as_str().is_some_and(|s| !s.is_empty()), "{body}");
    let keys: Vec<_> = body.as_object().unwrap().keys().cloned().collect();
    for k in &keys {
        assert!(
            ["code", "message", "requestId", "fields", "currentVersion"].contains(&k.as_str()),
            "unexpected key {k} in {body}"
        );
    }
}
