//! The contract: `/api/openapi.json` is byte-identical to the committed
//! `openapi/openapi.json`, from which the web app's types are generated.
//! After an API change run `scripts/update-openapi` and commit the result.

use poem::http::StatusCode;
use renkei_api::http;

use crate::support::each_backend;

fn committed() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
    std::fs::read_to_string(path).expect("openapi/openapi.json is committed")
}

#[test]
fn committed_spec_matches_the_code() {
    assert!(
        committed() == http::spec_json(),
        "openapi/openapi.json is stale: run scripts/update-openapi, then regenerate the web app's types (npm --prefix pwa run gen:api)"
    );
}

/// The web app shows the API's own words for each error code: its copy is
/// written from `errors::texts` (one source), never edited by hand.
#[test]
fn the_web_apps_error_texts_are_the_apis() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../pwa/src/i18n/error-texts.json");
    let committed = std::fs::read_to_string(path).expect("pwa/src/i18n/error-texts.json is committed");
    assert!(
        committed == renkei_api::errors::texts::web_app_table(),
        "pwa/src/i18n/error-texts.json is stale: run scripts/update-openapi"
    );
}

#[tokio::test]
async fn served_spec_is_the_committed_one() {
    each_backend(async |app| {
        let resp = app.client.get("/api/openapi.json").send().await;
        assert_eq!(resp.0.status(), StatusCode::OK);
        let body = resp.0.into_body().into_string().await.unwrap();
        assert_eq!(body, committed());
        let spec: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(spec["openapi"], "3.0.0");
        assert_eq!(spec["info"]["version"], http::API_VERSION);
        assert_eq!(spec["servers"][0]["url"], "/api");
        // Every documented error response uses the one error schema, except
        // FHIR's, which are OperationOutcomes as FHIR clients expect.
        for (path, item) in spec["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                for (status, resp) in op["responses"].as_object().unwrap() {
                    if path == "/fhir" {
                        assert!(resp["content"]["application/fhir+json"].is_object(), "{method} {path} {status}");
                    } else if status.starts_with('4') || status.starts_with('5') {
                        let schema = &resp["content"]["application/json; charset=utf-8"]["schema"]["$ref"];
                        assert_eq!(schema, "#/components/schemas/ErrorBody", "{method} {path} {status}");
                    }
                }
            }
        }
    })
    .await;
}

#[tokio::test]
async fn the_interactive_api_page_works_offline() {
    each_backend(async |app| {
        let resp = app.client.get("/api/docs").send().await;
        assert_eq!(resp.0.status(), StatusCode::OK);
        let csp = resp.0.headers()["content-security-policy"].to_str().unwrap().to_owned();
        assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), "{csp}");
        // Its inline scripts run by their hashes; no other inline script may run on the app's origin.
        assert!(csp.contains("script-src 'sha256-") && !csp.contains("script-src 'unsafe-inline'"), "{csp}");
        let html = resp.0.into_body().into_string().await.unwrap();
        assert!(html.contains("SwaggerUIBundle"));
        assert!(html.contains("\"renkei API\""), "the spec is embedded");
        // The bundled library mentions URLs in strings; nothing is loaded from elsewhere.
        for attr in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "@import"] {
            assert!(!html.contains(attr), "{attr} would load from outside");
        }
    })
    .await;
}
