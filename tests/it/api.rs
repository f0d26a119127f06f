//! The HTTP API as a client meets it: health, public network listings, and
//! the one error shape for everything that goes wrong.

use poem::http::StatusCode;
use poem::test::TestClient;
use poem::{Body, EndpointExt};
use poem_openapi::payload::Json;
use poem_openapi::{Enum, Object, OpenApi, OpenApiService};
use renkei_api::http::admission::{Admission, Limits};
use renkei_api::http::{self, error::ApiError, middleware::Settings};
use renkei_api::service::demo::seed_demo;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::support::client::{assert_error, read};
use crate::support::each_backend;

#[tokio::test]
async fn health_answers_with_version_and_database() {
    each_backend(async |app| {
        let (status, headers, body) = read(app.client.get("/api/health").send().await).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["status"], "ok");
        assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(body["apiVersion"], http::API_VERSION);
        let expected = match app.backend {
            crate::support::Backend::Sqlite => "sqlite",
            crate::support::Backend::Postgres => "postgresql",
        };
        assert_eq!(body["database"], expected);
        // API answers may carry medical data later: never cached anywhere.
        assert_eq!(headers["cache-control"], "no-store");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
        assert!(headers.get("strict-transport-security").is_none(), "no HSTS over plain http");
        assert!(!headers["x-request-id"].is_empty());
    })
    .await;
}

#[tokio::test]
async fn health_is_503_when_the_database_is_gone() {
    each_backend(async |app| {
        app.state.db.clone().close().await.unwrap();
        let (status, _, body) = read(app.client.get("/api/health").send().await).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_error(&body, "service_unavailable");
    })
    .await;
}

#[tokio::test]
async fn hsts_only_when_served_over_https() {
    for backend in crate::support::backends() {
        let app =
            crate::support::TestApp::spawn_with(backend, &[("RENKEI_PUBLIC_URL", "https://renkei.example.jp")]).await;
        let (_, headers, _) = read(app.client.get("/api/health").send().await).await;
        assert!(headers["strict-transport-security"].to_str().unwrap().starts_with("max-age="));
        app.finish().await;
    }
}

#[tokio::test]
async fn networks_are_listed_publicly_with_their_facilities() {
    each_backend(async |app| {
        let (status, _, body) = read(app.client.get("/api/networks").send().await).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, serde_json::json!([]), "nothing is seeded without --demo");

        assert!(seed_demo(&app.state).await.unwrap());
        assert!(!seed_demo(&app.state).await.unwrap(), "seeding twice does nothing");

        let (_, _, body) = read(app.client.get("/api/networks").send().await).await;
        let list = body.as_array().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0]["code"], "demo");
        assert_eq!(list[0]["demo"], true);
        assert_eq!(list[0]["facilityCount"], 6);
        assert!(list[0]["name"].as_str().unwrap().contains("デモ"));

        let (status, _, body) = read(app.client.get("/api/networks/demo").send().await).await;
        assert_eq!(status, StatusCode::OK);
        let kinds: Vec<_> =
            body["facilities"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap().to_owned()).collect();
        assert_eq!(
            kinds,
            ["hospital", "clinic", "dental_clinic", "pharmacy", "visiting_nursing_station", "care_provider"]
        );
        assert!(body["facilities"][0].get("nameEn").is_some());
    })
    .await;
}

#[tokio::test]
async fn unknown_things_are_404_in_the_persons_language() {
    each_backend(async |app| {
        for path in
            ["/api/networks/nope", "/api/networks/%F0%9F%8C%B8", "/api/nothing-here", "/api/", "/assets/missing.js"]
        {
            let (status, headers, body) = read(app.client.get(path).send().await).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
            assert_error(&body, "not_found");
            assert!(headers["content-type"].to_str().unwrap().starts_with("application/json"));
            assert!(!body["message"].as_str().unwrap().is_ascii(), "Japanese by default: {body}");
        }
        let (_, _, body) =
            read(app.client.get("/api/nothing-here").header("Accept-Language", "en-GB,en;q=0.9").send().await).await;
        assert!(body["message"].as_str().unwrap().starts_with("We could not find"), "{body}");
    })
    .await;
}

#[tokio::test]
async fn wrong_method_is_405_in_the_error_shape() {
    each_backend(async |app| {
        let (status, headers, body) = read(app.client.post("/api/health").send().await).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
        assert_error(&body, "method_not_allowed");
        // A 405 says what the path takes (RFC 9110 §15.5.6).
        assert_eq!(headers["allow"], "GET, HEAD");
        let (status, headers, _) =
            read(app.client.get("/api/me/proxies/0193a000-0000-7000-8000-000000000000/revoke").send().await).await;
        assert_eq!((status, headers["allow"].to_str().unwrap()), (StatusCode::METHOD_NOT_ALLOWED, "POST"));
        let (status, headers, body) = read(app.client.delete("/").send().await).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
        assert_error(&body, "method_not_allowed");
        assert_eq!(headers["allow"], "GET, HEAD");
    })
    .await;
}

#[tokio::test]
async fn request_ids_are_echoed_when_sane_and_replaced_when_not() {
    each_backend(async |app| {
        let (_, h, _) = read(app.client.get("/api/health").header("X-Request-Id", "abc-123").send().await).await;
        assert_eq!(h["x-request-id"], "abc-123");
        let (_, h, _) = read(app.client.get("/api/health").header("X-Request-Id", "<script>").send().await).await;
        assert_ne!(h["x-request-id"], "<script>");
        assert_eq!(h["x-request-id"].len(), 36);
    })
    .await;
}

// ---- The error shape for bodies, with a small API of the same make as ours ----

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
enum Colour {
    Red,
    Green,
}

#[derive(Object, Debug)]
#[oai(rename_all = "camelCase")]
struct Input {
    name: String,
    count: u32,
    colour: Colour,
}

struct ProbeApi {
    writes: Arc<AtomicUsize>,
    /// `/hold` waits for a permit here (none until the test adds some).
    gate: Arc<tokio::sync::Semaphore>,
}

#[OpenApi]
impl ProbeApi {
    #[oai(path = "/probe", method = "post")]
    async fn probe(&self, input: Json<Input>) -> Result<Json<u32>, ApiError> {
        self.writes.fetch_add(1, Ordering::SeqCst);
        Ok(Json(input.count))
    }

    /// Work that takes as long as the test says: waits at the gate.
    #[oai(path = "/hold", method = "post")]
    async fn hold(&self) -> Result<Json<u32>, ApiError> {
        self.gate.acquire().await.expect("gate open").forget();
        self.writes.fetch_add(1, Ordering::SeqCst);
        Ok(Json(1))
    }

    #[oai(path = "/health", method = "get")]
    async fn health(&self) -> Result<Json<u32>, ApiError> {
        Ok(Json(0))
    }

    #[oai(path = "/panic", method = "get")]
    async fn panics(&self) -> Result<Json<u32>, ApiError> {
        panic!("secret detail that must not reach the client")
    }
}

fn probe_client(limit: usize) -> (TestClient<impl poem::Endpoint>, Arc<AtomicUsize>) {
    let (client, writes, _) = probe_client_with(limit, Limits::new(64));
    (client, writes)
}

fn probe_client_with(
    limit: usize,
    limits: Limits,
) -> (TestClient<impl poem::Endpoint>, Arc<AtomicUsize>, Arc<tokio::sync::Semaphore>) {
    let writes = Arc::new(AtomicUsize::new(0));
    let gate = Arc::new(tokio::sync::Semaphore::new(0));
    let api = OpenApiService::new(ProbeApi { writes: writes.clone(), gate: gate.clone() }, "probe", "1");
    let ep = http::wrap(
        poem::Route::new().nest("/api", api),
        Settings {
            max_body_bytes: limit,
            max_intake_bytes: limit,
            https: false,
            origin: "http://localhost".into(),
            docs_csp: "default-src 'none'".into(),
            allowed: Default::default(),
            admission: Arc::new(Admission::new(limits)),
            trusted_proxies: Arc::new([]),
            intake_key: http::middleware::KeyCheck {
                known: Arc::new(|token: String| {
                    Box::pin(async move {
                        if token == "probe-key" {
                            http::middleware::KeyAnswer::NotChecked
                        } else {
                            http::middleware::KeyAnswer::Unknown
                        }
                    })
                }),
                refusal: |_| poem::IntoResponse::into_response(poem::http::StatusCode::UNAUTHORIZED),
            },
        },
    );
    (TestClient::new(ep.boxed()), writes, gate)
}

/// A full server refuses at once with 503 `busy` and Retry-After instead of
/// queueing without end; one may wait for a place; health is never refused;
/// a request whose client went away frees its place; a body that does not
/// arrive in time is 408 and frees its place; work past its deadline is
/// abandoned with 503.
#[tokio::test]
async fn a_full_server_refuses_with_503_busy_rather_than_queueing() {
    let limits = Limits { in_flight: 2, queue: 1, wait: std::time::Duration::from_secs(20), ..Limits::new(2) };
    let (client, writes, gate) = probe_client_with(1024, limits);
    let hold = || client.post("/api/hold").header("Accept-Language", "ja").send();
    let check = async {
        // Let the two holds take the places, and the third start waiting.
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let started = std::time::Instant::now();
        let (status, headers, body) = read(hold().await).await;
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "refused at once, not after a wait");
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(body["code"], "busy");
        assert!(body["message"].as_str().unwrap().contains("混み合っている"), "{body}");
        let retry: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=5).contains(&retry), "{retry}");
        // Health passes a full server.
        let (status, _, _) = read(client.get("/api/health").send().await).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(writes.load(Ordering::SeqCst), 0, "a refused request did nothing");
        // The two in flight finish, and the one waiting gets a place.
        gate.add_permits(3);
    };
    let (first, second, waited, ()) = tokio::join!(hold(), hold(), hold(), check);
    for r in [first, second, waited] {
        assert_eq!(r.0.status(), StatusCode::OK);
    }
    assert_eq!(writes.load(Ordering::SeqCst), 3);

    // A client that goes away while its request is worked on frees the place.
    for _ in 0..2 {
        assert!(tokio::time::timeout(std::time::Duration::from_millis(50), hold()).await.is_err());
    }
    gate.add_permits(1);
    assert_eq!(hold().await.0.status(), StatusCode::OK);

    // A body that never arrives: 408 once its time is up, and the place is free again.
    let limits = Limits { body_time: std::time::Duration::from_millis(200), ..Limits::new(1) };
    let (client, writes, gate) = probe_client_with(1024, limits);
    let stalled = poem::Body::from_bytes_stream(futures::stream::pending::<Result<Vec<u8>, std::io::Error>>());
    let (status, _, body) =
        read(client.post("/api/probe").content_type("application/json").body(stalled).send().await).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::REQUEST_TIMEOUT, Some("request_timeout")));
    gate.add_permits(1);
    assert_eq!(client.post("/api/hold").send().await.0.status(), StatusCode::OK);
    assert_eq!(writes.load(Ordering::SeqCst), 1);

    // Work past its deadline is abandoned: 503 with Retry-After, and nothing done.
    let limits = Limits { deadline: std::time::Duration::from_millis(200), ..Limits::new(2) };
    let (client, writes, _gate) = probe_client_with(1024, limits);
    let (status, headers, body) = read(client.post("/api/hold").send().await).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::SERVICE_UNAVAILABLE, Some("service_unavailable")));
    assert!(headers.contains_key("retry-after"));
    assert_eq!(writes.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn unreadable_bodies_get_a_stable_code_and_reach_no_handler() {
    let (client, writes) = probe_client(1024);
    let cases: [(&str, &str, StatusCode, &str); 6] = [
        ("application/json", "{not json", StatusCode::BAD_REQUEST, "invalid_body"),
        ("application/json", r#"{"name":"x","count":"three","colour":"red"}"#, StatusCode::BAD_REQUEST, "invalid_body"),
        ("application/json", r#"{"name":"x","count":-1,"colour":"red"}"#, StatusCode::BAD_REQUEST, "invalid_body"),
        ("application/json", r#"{"name":"x","count":1,"colour":"purple"}"#, StatusCode::BAD_REQUEST, "invalid_body"),
        ("application/json", r#"{"name":"x","colour":"red"}"#, StatusCode::BAD_REQUEST, "invalid_body"),
        (
            "text/plain",
            r#"{"name":"x","count":1,"colour":"red"}"#,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
    ];
    for (ct, body, status, code) in cases {
        let (s, _, b) = read(client.post("/api/probe").content_type(ct).body(body).send().await).await;
        assert_eq!(s, status, "{body}");
        assert_error(&b, code);
    }
    assert_eq!(writes.load(Ordering::SeqCst), 0, "no handler ran");
    let (s, _, b) = read(
        client
            .post("/api/probe")
            .content_type("application/json")
            .body(r#"{"name":"x","count":7,"colour":"green"}"#)
            .send()
            .await,
    )
    .await;
    assert_eq!((s, b), (StatusCode::OK, serde_json::json!(7)));
}

#[tokio::test]
async fn oversize_bodies_are_413_whether_declared_or_streamed() {
    let (client, writes) = probe_client(1024);
    let big = format!(r#"{{"name":"{}","count":1,"colour":"red"}}"#, "x".repeat(4096));
    let (s, _, b) =
        read(client.post("/api/probe").content_type("application/json").body(big.clone()).send().await).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert_error(&b, "payload_too_large");

    // No Content-Length: a chunked body is read only up to the limit.
    let chunks = futures::stream::iter((0..64).map(|_| Ok::<_, std::io::Error>(bytes_of(&"y".repeat(256)))));
    let (s, _, b) = read(
        client.post("/api/probe").content_type("application/json").body(Body::from_bytes_stream(chunks)).send().await,
    )
    .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert_error(&b, "payload_too_large");
    assert_eq!(writes.load(Ordering::SeqCst), 0);
}

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// The API's answers are gzip-compressed for a client that accepts it (at
/// the fastest level), and decode to the same JSON; one that refuses gzip
/// gets it plain.
#[tokio::test]
async fn api_answers_are_compressed_and_decode_to_the_same_json() {
    use std::io::Read;
    each_backend(async |app| {
        let plain = app.client.get("/api/networks").send().await;
        assert!(plain.0.headers().get("content-encoding").is_none());
        let plain = plain.0.into_body().into_bytes().await.unwrap();
        let zipped = app.client.get("/api/networks").header("Accept-Encoding", "gzip, deflate, br").send().await;
        assert_eq!(zipped.0.headers()["content-encoding"], "gzip");
        let zipped = zipped.0.into_body().into_bytes().await.unwrap();
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(&zipped[..]).read_to_end(&mut decoded).unwrap();
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&decoded).unwrap(),
            serde_json::from_slice::<serde_json::Value>(&plain).unwrap()
        );
        let refused = app.client.get("/api/networks").header("Accept-Encoding", "gzip;q=0").send().await;
        assert!(refused.0.headers().get("content-encoding").is_none());
        // Only gzip is offered, whatever `*` would allow.
        for any in ["*", "br, *", "deflate, *;q=0.5"] {
            let r = app.client.get("/api/networks").header("Accept-Encoding", any).send().await;
            assert_eq!(r.0.headers()["content-encoding"], "gzip", "{any}");
        }
    })
    .await;
}

/// A compressed body is limited by what it decodes to, not by its declared
/// length: a 256 MiB gzip bomb of about 250 KiB is refused with 413 after
/// reading no more than the limit, and reaches no handler.
#[tokio::test]
async fn a_gzip_bomb_is_413_by_its_decoded_size() {
    // The default limit (1 MiB) is well above the bomb's own size: only its decoded size refuses it.
    let (client, writes) = probe_client(1024 * 1024);
    let bomb = gzip(&vec![b' '; 256 * 1024 * 1024]);
    assert!(bomb.len() < 300 * 1024, "{}", bomb.len());
    let (s, _, b) = read(
        client
            .post("/api/probe")
            .content_type("application/json")
            .header("content-encoding", "gzip")
            // As a real client sends it: with the compressed length declared.
            .header("content-length", bomb.len())
            .body(bomb)
            .send()
            .await,
    )
    .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert_error(&b, "payload_too_large");
    assert_eq!(writes.load(Ordering::SeqCst), 0);

    // A small compressed body is read as its decoded self.
    let ok = gzip(br#"{"name":"x","count":7,"colour":"green"}"#);
    let (s, _, b) = read(
        client
            .post("/api/probe")
            .content_type("application/json")
            .header("content-encoding", "gzip")
            .header("content-length", ok.len())
            .body(ok)
            .send()
            .await,
    )
    .await;
    assert_eq!((s, b), (StatusCode::OK, serde_json::json!(7)));
    // A body that does not decode is unreadable, not a crash.
    let (s, _, _) = read(
        client
            .post("/api/probe")
            .content_type("application/json")
            .header("content-encoding", "gzip")
            .body(b"not gzip at all".to_vec())
            .send()
            .await,
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

fn bytes_of(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

#[tokio::test]
async fn a_panic_is_a_500_that_reveals_nothing() {
    let (client, _) = probe_client(1024);
    let (s, _, b) = read(client.get("/api/panic").send().await).await;
    assert_eq!(s, StatusCode::INTERNAL_SERVER_ERROR);
    assert_error(&b, "internal");
    assert!(!b.to_string().contains("secret"), "{b}");
}
