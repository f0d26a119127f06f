//! The HTTP API under `/api` (one `#[OpenApi]` impl per tag and file; DTOs
//! converted to and from domain types, nothing decided here), the spec and
//! the interactive API page, and the web app at `/`.

pub mod account;
pub mod admission;
pub mod closed;
pub mod connections;
pub mod consents;
pub mod day;
pub mod entry_points;
pub mod error;
pub mod health_record;
pub mod insurance;
pub mod intake;
pub mod looking;
pub mod middleware;
pub mod my_access;
pub mod networks;
pub mod per_client;
pub mod prepared;
pub mod proxies;
pub mod pwa;
pub mod reception;
pub mod registration;
pub mod server;
pub mod session;
pub mod status;
pub mod strict;

pub use tags::API_VERSION;
pub mod tags;

use std::sync::Arc;

use poem::endpoint::make_sync;
use poem::middleware::{CatchPanic, Compression};
use poem::web::{CompressionAlgo, CompressionLevel};
use poem::{Endpoint, EndpointExt, Response, Route};
use poem_openapi::OpenApiService;

use crate::state::AppState;

pub type Apis = (
    status::StatusApi,
    networks::NetworksApi,
    entry_points::EntryPointsApi,
    registration::RegistrationApi,
    account::AccountApi,
    health_record::HealthRecordApi,
    consents::ConsentsApi,
    intake::IntakeApi,
    proxies::ProxiesApi,
    reception::ReceptionApi,
    looking::LookingApi,
    my_access::MyAccessApi,
    insurance::InsuranceApi,
);

/// The OpenAPI service. Pure: the API structs hold no state.
pub fn openapi() -> OpenApiService<Apis, ()> {
    OpenApiService::new(
        (
            status::StatusApi,
            networks::NetworksApi,
            entry_points::EntryPointsApi,
            registration::RegistrationApi,
            account::AccountApi,
            health_record::HealthRecordApi,
            consents::ConsentsApi,
            intake::IntakeApi,
            proxies::API,
            reception::API,
            looking::LookingApi,
            my_access::MyAccessApi,
            insurance::InsuranceApi,
        ),
        "renkei API",
        API_VERSION,
    )
    .description(
        "The resident side of a regional medical and care information-sharing network \
             (地域医療介護連携ネットワーク). Every error has the body `{code, message}`; `code` is stable, \
             `message` follows Accept-Language (Japanese by default, English). A signed-in person acts for \
             someone they are a proxy of by sending `Renkei-Acting-For: {linkId}` with any `/me…` call.",
    )
    .server("/api")
}

/// The spec exactly as served at `/api/openapi.json` and committed as `openapi/openapi.json`.
pub fn spec_json() -> String {
    let mut s = openapi().spec();
    s.push('\n');
    s
}

/// Each path of the API (`/api/…` templates) with the methods it takes,
/// read from the spec itself, so that a 405 names exactly what it allows.
fn allowed_methods(spec: &str) -> Vec<(String, String)> {
    let doc: serde_json::Value = serde_json::from_str(spec).unwrap_or_default();
    let mut out = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(serde_json::Value::as_object) {
        for (path, item) in paths {
            let mut methods: Vec<String> = item
                .as_object()
                .into_iter()
                .flat_map(|o| o.keys())
                .filter(|m| matches!(m.as_str(), "get" | "put" | "post" | "delete" | "patch"))
                .map(|m| m.to_ascii_uppercase())
                .collect();
            if methods.iter().any(|m| m == "GET") {
                methods.push("HEAD".to_owned());
            }
            out.push((format!("/api{path}"), methods.join(", ")));
        }
    }
    out
}

/// Admission's bounds for this server. On SQLite, whose writes take turns,
/// two intake requests at once are enough: more would only wait for the
/// turn, holding their (large) bodies and places meanwhile.
fn limits(state: &AppState) -> admission::Limits {
    let mut limits = admission::Limits::new(state.config.max_in_flight);
    if state.db.backend() == crate::store::Backend::Sqlite {
        limits.intake_in_flight = 2;
    }
    limits
}

/// The whole application as one endpoint.
pub fn app(state: AppState) -> impl Endpoint<Output = Response> {
    let api = openapi();
    // The interactive API page, one self-contained file; it names the app's
    // icon, so that browsers do not ask for a `/favicon.ico` there is none of.
    let docs = api.swagger_ui_html().replacen(
        "<head>",
        "<head>\n<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">",
        1,
    );
    let spec = spec_json();
    let settings = middleware::Settings {
        max_body_bytes: state.config.max_body_bytes,
        max_intake_bytes: crate::config::INTAKE_MAX_BODY_BYTES.max(state.config.max_body_bytes),
        https: state.config.is_https(),
        origin: state.config.public_url.origin().ascii_serialization(),
        docs_csp: middleware::docs_csp(&docs),
        allowed: std::sync::Arc::new(allowed_methods(&spec)),
        admission: std::sync::Arc::new(admission::Admission::new(limits(&state))),
        trusted_proxies: state.config.trusted_proxies.clone().into(),
        intake_key: middleware::KeyCheck { known: intake::known_key(state.clone()), refusal: intake::unknown_key },
    };
    let spec = Arc::new(Written::new(spec, "application/json; charset=utf-8"));
    let docs = Arc::new(Written::new(docs, "text/html; charset=utf-8"));
    let routes = Route::new()
        .at("/api/openapi.json", make_sync(move |req| spec.answer(&req)))
        .at("/api/docs", make_sync(move |req| docs.answer(&req)))
        .nest("/api", api)
        .nest("/", pwa::Pwa::new(state.config.pwa_dir.clone()))
        .data(state);
    wrap(routes, settings)
}

/// A file written once and served as it is (the spec, the API page): its
/// bytes shared by every answer, and gzipped once, the first time a client
/// asks for gzip. Compressed per answer, the API page (2 MB) took 70-80 ms
/// of CPU each time, and every answer not yet read by its client held a
/// copy of its own: review held 2 GB with 1,000 connections that never read.
struct Written {
    plain: bytes::Bytes,
    gzip: std::sync::OnceLock<bytes::Bytes>,
    content_type: &'static str,
}

impl Written {
    fn new(text: String, content_type: &'static str) -> Self {
        Written { plain: text.into(), gzip: std::sync::OnceLock::new(), content_type }
    }

    /// The answer to `req`, whose `Accept-Encoding` [`wrap`] has reduced to
    /// `gzip` or nothing.
    fn answer(&self, req: &poem::Request) -> Response {
        let builder = Response::builder().content_type(self.content_type);
        if req.headers().contains_key(poem::http::header::ACCEPT_ENCODING) {
            let gzip = self.gzip.get_or_init(|| gzip_best(&self.plain));
            builder.header(poem::http::header::CONTENT_ENCODING, "gzip").body(gzip.clone())
        } else {
            builder.body(self.plain.clone())
        }
    }
}

pub(crate) fn gzip_best(bytes: &[u8]) -> bytes::Bytes {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 4), flate2::Compression::best());
    // Writing to memory cannot fail.
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default().into()
}

/// The middleware every request passes through (see `middleware`), around any endpoint.
pub fn wrap<E: Endpoint + 'static>(ep: E, settings: middleware::Settings) -> impl Endpoint<Output = Response> {
    // gzip only: on the web app's bundle poem's streaming brotli (at its default
    // quality) came out about 40% larger than gzip (bench/README.md).
    let framed = Arc::new(
        ep.with(CatchPanic::new())
            .around(move |ep, req| middleware::frame(ep, req, settings.clone()))
            .map_to_response()
            .boxed(),
    );
    let gzip = || Compression::new().algorithms([CompressionAlgo::GZIP]);
    // The API's answers are compressed as they are sent, at gzip's fastest
    // level: at the default level a summary took about a millisecond of CPU
    // to compress, several times what it took to serve it (bench/README.md,
    // surge.py with BENCH_GZIP=1). The web app's files and the spec, the same
    // for everyone and fetched once by a new visitor on what may be a slow
    // network, are gzipped once at the best level and kept.
    let fast = Arc::new(Arc::clone(&framed).with(gzip().with_quality(CompressionLevel::Fastest)));
    poem::endpoint::make(move |mut req: poem::Request| {
        let path = req.uri().path();
        let api = compress_fast(path);
        // The coding is decided here, over every Accept-Encoding line, and
        // poem is told only "gzip" or nothing: its own negotiation took
        // `gzip;q=0` for yes (RFC 9110 12.5.3: no) and `*` for zstd.
        let accepted = req
            .headers()
            .get_all(poem::http::header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        // A range is of the file as it is: not compressed (poem would
        // compress the range and keep its plain offsets).
        let ranged = req.headers().contains_key(poem::http::header::RANGE);
        let gzip = !accepted.is_empty() && accepts_gzip(&accepted) && !ranged;
        req.headers_mut().remove(poem::http::header::ACCEPT_ENCODING);
        if gzip {
            req.headers_mut().insert(poem::http::header::ACCEPT_ENCODING, poem::http::HeaderValue::from_static("gzip"));
        }
        let (fast, framed) = (fast.clone(), framed.clone());
        async move {
            let mut resp = if api {
                fast.call(req).await?
            } else {
                // The spec, the API page and the web app's files: gzipped
                // once (`Written`, `pwa`), not again as each is sent.
                framed.call(req).await?
            };
            // The same address answers compressed or not by Accept-Encoding:
            // a shared cache must keep the two apart.
            resp.headers_mut()
                .append(poem::http::header::VARY, poem::http::HeaderValue::from_static("accept-encoding"));
            Ok::<_, poem::Error>(resp)
        }
    })
}

/// Whether an `Accept-Encoding` value accepts gzip (RFC 9110 12.5.3): named
/// (`gzip`, `x-gzip`) or by `*`, with a weight above zero; a named weight
/// counts before the `*` one.
fn accepts_gzip(value: &str) -> bool {
    let mut named = None;
    let mut any = None;
    for item in value.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let weight = parts
            .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        match coding.as_str() {
            "gzip" | "x-gzip" => named = Some(weight),
            "*" => any = Some(weight),
            _ => {}
        }
    }
    named.or(any).is_some_and(|q| q > 0.0)
}

/// Whether an answer is the API's (compressed at the fastest level).
fn compress_fast(path: &str) -> bool {
    path.starts_with("/api/") && !matches!(path, "/api/openapi.json" | "/api/docs")
}

#[cfg(test)]
mod tests {
    use super::{accepts_gzip, compress_fast};

    #[test]
    fn gzip_is_accepted_as_rfc_9110_says() {
        for yes in
            ["gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "*", "deflate, *;q=0.5", "X-GZIP", "gzip;q=0.001"]
        {
            assert!(accepts_gzip(yes), "{yes}");
        }
        for no in ["", "identity", "br", "gzip;q=0", "gzip; q=0.0, *", "*;q=0", "deflate, br;q=1"] {
            assert!(!accepts_gzip(no), "{no}");
        }
    }

    #[test]
    fn the_api_is_compressed_fast_and_the_app_and_spec_small() {
        assert!(compress_fast("/api/me/summary"));
        assert!(compress_fast("/api/health"));
        assert!(!compress_fast("/api/openapi.json"));
        assert!(!compress_fast("/api/docs"));
        assert!(!compress_fast("/assets/index-1a2b.js"));
        assert!(!compress_fast("/"));
    }

    /// poem-openapi writes a path once per `#[OpenApi]` impl that declares
    /// it: two impls sharing a path would give the contract two entries of
    /// one key (a client reads only the last). A path's operations live in
    /// one file.
    #[test]
    fn each_path_belongs_to_one_api() {
        use poem_openapi::OpenApi;
        let mut owner = std::collections::HashMap::new();
        for (i, api) in super::Apis::meta().iter().enumerate() {
            for path in &api.paths {
                let first = *owner.entry(path.path.clone()).or_insert(i);
                assert_eq!(first, i, "{} is declared by two APIs", path.path);
            }
        }
        assert!(owner.len() > 40, "the APIs' paths were read");
    }
}
