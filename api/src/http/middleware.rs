//! What every request passes through, outermost first: a request id and the
//! person's language (in the task-local request context), the body size
//! limit, the one error shape, security headers, and one log line per request
//! (method, path without query, status, time; never bodies).

use std::sync::Arc;
use std::time::Instant;

use poem::http::header::{self, HeaderValue};
use poem::http::{HeaderName, Method, StatusCode};

use poem::{Endpoint, IntoResponse, Request, Response, Result};
use poem_openapi::error::{ContentTypeError, ParseParamError, ParsePathError, ParseRequestPayloadError};
use tracing::Instrument;

use super::admission::{self, Admission};
use super::error::{ErrorCode, body, code_for_status};
use crate::context::{self, RequestContext};
use crate::domain::lang::Lang;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Strict policy for the web app: nothing inline, nothing from elsewhere.
pub const CSP_APP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; frame-ancestors 'none'; \
base-uri 'none'; form-action 'self'; object-src 'none'";
/// The interactive API page is one self-contained HTML file with inline
/// scripts and styles. Its scripts run by their hashes only ([`docs_csp`]):
/// no other inline script may run on the app's origin.
pub fn docs_csp(html: &str) -> String {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else { break };
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</script>") else { break };
        let script = &body[..close];
        if !script.trim().is_empty() {
            use sha2::Digest;
            hashes.push(format!("'sha256-{}'", base64(&sha2::Sha256::digest(script.as_bytes()))));
        }
        rest = &body[close..];
    }
    format!(
        "default-src 'none'; script-src {}; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        if hashes.is_empty() { "'none'".to_owned() } else { hashes.join(" ") }
    )
}

/// Standard base64 with padding (RFC 4648 §4), as CSP hash sources are written.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub max_body_bytes: usize,
    /// The limit for the facilities' intake paths.
    pub max_intake_bytes: usize,
    pub https: bool,
    /// The origin the web app is served from (`https://renkei.example.jp`).
    pub origin: String,
    /// The Content-Security-Policy of the interactive API page ([`docs_csp`]).
    pub docs_csp: String,
    /// The API's paths (templates such as `/api/me/proxies/{link}/revoke`)
    /// with the methods each takes, for the `Allow` header of a 405.
    pub allowed: std::sync::Arc<Vec<(String, String)>>,
    /// Admission control (`admission`), one for the whole server.
    pub admission: Arc<Admission>,
    /// Proxies whose `X-Forwarded-For` names the client (`RENKEI_TRUSTED_PROXIES`).
    pub trusted_proxies: Arc<[std::net::IpAddr]>,
    /// Whether an intake request's key is a facility's, asked before its body is read.
    pub intake_key: KeyCheck,
}

/// Asks whose a facility key is (none when unknown or revoked).
pub type KnownKey = dyn Fn(String) -> futures::future::BoxFuture<'static, KeyAnswer> + Send + Sync;

/// What the key check found.
pub enum KeyAnswer {
    /// A facility's key: its system.
    Known(crate::domain::actor::Actor),
    Unknown,
    /// The look-up failed: the endpoint answers.
    NotChecked,
}

/// The facility system whose key was checked before the body was read, for
/// the endpoint (which would otherwise look the key up again).
#[derive(Clone)]
pub struct KeyChecked(pub crate::domain::actor::Actor);

/// The check of an intake request's key before its body is read; its
/// refusal is the one the endpoint gives (`intake::unknown_key`).
#[derive(Clone)]
pub struct KeyCheck {
    pub known: Arc<KnownKey>,
    pub refusal: fn(&Request) -> Response,
}

impl std::fmt::Debug for KeyCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyCheck")
    }
}

impl KeyCheck {
    /// The refusal of a request without a known key, or None (the
    /// facility found is kept on the request: [`KeyChecked`]).
    async fn refusal(&self, req: &mut Request) -> Option<Response> {
        let token = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' ').filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer")))
            .map(|(_, token)| token.trim().to_owned());
        let Some(token) = token else { return Some((self.refusal)(req)) };
        match (self.known)(token).await {
            KeyAnswer::Known(actor) => {
                req.extensions_mut().insert(KeyChecked(actor));
                None
            }
            KeyAnswer::Unknown => Some((self.refusal)(req)),
            KeyAnswer::NotChecked => None,
        }
    }
}

/// The methods a path takes, as a 405's `Allow` header lists them: those of
/// the API path template it matches, or, outside the API, the web app's.
pub fn allowed_methods(allowed: &[(String, String)], path: &str) -> Option<String> {
    if !path.starts_with("/api/") {
        return Some("GET, HEAD".to_owned());
    }
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    allowed
        .iter()
        .find(|(template, _)| {
            let t: Vec<&str> = template.split('/').collect();
            t.len() == segments.len()
                && t.iter().zip(&segments).all(|(a, b)| a == b || (a.starts_with('{') && a.ends_with('}')))
        })
        .map(|(_, methods)| methods.clone())
}

/// Wraps the whole app (see the module documentation).
pub async fn frame<E: Endpoint>(ep: Arc<E>, mut req: Request, settings: Settings) -> Result<Response> {
    let started = Instant::now();
    let request_id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_owned);
    let lang = Lang::from_accept_language(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let span = tracing::info_span!("request", request_id = %request_id, method = %method, path = %loggable_path(&path));
    let ctx = RequestContext {
        request_id: request_id.clone(),
        lang,
        origin: settings.origin.clone(),
        from_system: is_intake(&path) || path == "/api/fhir/shared-record",
    };

    let class = admission::class(&method, &path);
    let resp = context::scope(ctx, async {
        if cross_site(&req, &settings.origin) {
            return shaped(StatusCode::FORBIDDEN.into_response(), &path, false, false);
        }
        // The body first, in full and in its own time, holding no place (see
        // `admission`): one trickled in would otherwise hold a place.
        let limit = if is_intake(&path) { settings.max_intake_bytes } else { settings.max_body_bytes };
        if has_body(&req) {
            // A facility's upload may be large: read only once its key is
            // known, so that nobody without one holds intake's budget.
            if class == admission::Class::Intake
                && let Some(refusal) = settings.intake_key.refusal(&mut req).await
            {
                return refusal;
            }
            let client = super::session::client_address(
                req.remote_addr().as_socket_addr().map(|a| a.ip()),
                req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok()),
                &settings.trusted_proxies,
            );
            let mut reading = match settings.admission.reading(class, client) {
                Ok(reading) => reading,
                Err(busy) => return unavailable(&path, ErrorCode::Busy, busy.retry_after),
            };
            let time = settings.admission.body_time(class);
            match tokio::time::timeout(time, limit_body(&mut req, limit, &mut reading)).await {
                Err(_) => return shaped(StatusCode::REQUEST_TIMEOUT.into_response(), &path, false, false),
                Ok(Err(BodyRefused::Status(status))) => return shaped(status.into_response(), &path, false, false),
                Ok(Err(BodyRefused::Busy(busy))) => return unavailable(&path, ErrorCode::Busy, busy.retry_after),
                Ok(Ok(())) => {}
            }
        }
        // Work for a client that has hung up stops, wherever it is (waiting
        // for a place or running): what it had not committed is rolled back.
        let mut gone = super::connections::client_gone(req.local_addr(), req.remote_addr());
        let hung_up = async {
            match gone.as_mut() {
                Some(gone) => {
                    let _ = gone.wait_for(|g| *g).await;
                }
                None => std::future::pending().await,
            }
        };
        tokio::pin!(hung_up);
        let _place = tokio::select! {
            admitted = settings.admission.admit(class) => match admitted {
                Ok(place) => place,
                Err(busy) => return unavailable(&path, ErrorCode::Busy, busy.retry_after),
            },
            () = &mut hung_up => return gone_away(&path),
        };
        let work = tokio::time::timeout(settings.admission.deadline(class), ep.call(req));
        let resp = match tokio::select! { done = work => done, () = &mut hung_up => return gone_away(&path) } {
            Err(_) => {
                // The work is dropped here: what it had not committed is rolled
                // back; what it had stands, as when an answer is lost on the way.
                tracing::warn!("request abandoned at its deadline");
                unavailable(&path, ErrorCode::ServiceUnavailable, 5)
            }
            Ok(Ok(resp)) => resp.into_response(),
            Ok(Err(err)) => {
                let from_body = err.is::<ParseRequestPayloadError>() || err.is::<ContentTypeError>();
                let from_param = err.is::<ParseParamError>() || err.is::<ParsePathError>();
                if err.status().is_server_error() {
                    tracing::error!(error = %err, "request failed");
                }
                let resp = err.into_response();
                if is_json(&resp) { resp } else { shaped(resp, &path, from_body, from_param) }
            }
        };
        // Errors that arrive as plain responses (a static-file 404, a 405 from the router).
        if resp.status().as_u16() >= 400 && !is_json(&resp) { shaped(resp, &path, false, false) } else { resp }
    })
    .instrument(span.clone())
    .await;

    let mut resp = resp;
    if resp.status() == StatusCode::METHOD_NOT_ALLOWED
        && !resp.headers().contains_key(header::ALLOW)
        && let Some(allow) = allowed_methods(&settings.allowed, &path)
        && let Ok(v) = HeaderValue::from_str(&allow)
    {
        resp.headers_mut().insert(header::ALLOW, v);
    }
    secure(&mut resp, &path, settings.https, &settings.docs_csp);
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        resp.headers_mut().insert(REQUEST_ID, v);
    }
    let status = resp.status().as_u16();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if status == 503 && resp.headers().contains_key(header::RETRY_AFTER) {
        // A surge refuses thousands a second: counted, and said at most once
        // every ten seconds, not a line each (review wrote 262 MB of them).
        refused_now();
        return Ok(resp);
    }
    span.in_scope(|| {
        if status >= 500 {
            tracing::warn!(status, ms, "response");
        } else {
            tracing::info!(status, ms, "response");
        }
    });
    Ok(resp)
}

/// The answer to a request whose client hung up before it was done: nobody
/// reads it; its work was dropped, and what it had not committed rolled back.
fn gone_away(path: &str) -> Response {
    tracing::info!("the client hung up: the request was stopped");
    unavailable(path, ErrorCode::ServiceUnavailable, 5)
}

static REFUSED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
static REFUSED_SAID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Counts a refusal (503 with `Retry-After`), and says how many there were
/// when ten seconds have passed since it last said.
fn refused_now() {
    use std::sync::atomic::Ordering;
    REFUSED.fetch_add(1, Ordering::Relaxed);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let said = REFUSED_SAID.load(Ordering::Relaxed);
    if now >= said + 10 && REFUSED_SAID.compare_exchange(said, now, Ordering::Relaxed, Ordering::Relaxed).is_ok() {
        let count = REFUSED.swap(0, Ordering::Relaxed);
        tracing::warn!(
            count,
            "requests refused as busy or unavailable (503 with Retry-After) since this was last said"
        );
    }
}

/// A request that changes something and comes from another site's page: a
/// cross-site request forgery, refused before it reaches a handler. The
/// session cookie is `SameSite=Strict` as well; this is the second lock.
/// Requests without `Origin` (command-line clients, other servers, facility
/// systems with their keys) are not browsers acting on someone's behalf and
/// pass, unless they carry a session cookie: a browser's write always names
/// its origin (`Origin` or `Sec-Fetch-Site`), so one that names neither is refused.
pub fn cross_site(req: &Request, origin: &str) -> bool {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) || !req.uri().path().starts_with("/api/") {
        return false;
    }
    let fetch_site = req.headers().get("sec-fetch-site").and_then(|v| v.to_str().ok()).filter(|v| !v.is_empty());
    if fetch_site == Some("cross-site") {
        return true;
    }
    match req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some(o) => o != origin,
        None => fetch_site.is_none() && super::session::carries_session_cookie(req),
    }
}

fn is_json(resp: &Response) -> bool {
    resp.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|ct| {
        let essence = ct.split(';').next().unwrap_or("");
        essence == "application/json" || essence.ends_with("+json")
    })
}

/// The facilities' intake paths, with their own body limit and, for FHIR,
/// errors as OperationOutcome.
fn is_intake(path: &str) -> bool {
    path == "/api/fhir" || path == "/api/jahis"
}

/// Gives an error produced outside our handlers the error shape: the status
/// and headers (`Allow`, `Content-Range`, …) stay, the body is replaced. On
/// the FHIR path the shape is an OperationOutcome, as FHIR clients expect.
fn shaped(resp: Response, path: &str, from_body: bool, from_param: bool) -> Response {
    let code = code_for_status(resp.status(), from_body, from_param);
    shaped_as(resp, path, code)
}

/// 503 with `code` and `Retry-After` (seconds), in the error shape.
fn unavailable(path: &str, code: ErrorCode, retry_after: u64) -> Response {
    let mut resp = shaped_as(StatusCode::SERVICE_UNAVAILABLE.into_response(), path, code);
    resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    resp
}

fn shaped_as(resp: Response, path: &str, code: ErrorCode) -> Response {
    let error = body(code, None);
    let (json, content_type) = if path == "/api/fhir" {
        let code_name = poem_openapi::types::ToJSON::to_json(&error.code)
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let issue_type = match resp.status().as_u16() {
            _ if code == ErrorCode::Busy => "throttled",
            401 | 403 => "security",
            413 => "too-costly",
            415 => "not-supported",
            s if s >= 500 => "exception",
            _ => "structure",
        };
        let outcome = super::intake::error_outcome(&code_name, issue_type, &error.message);
        (poem_openapi::types::ToJSON::to_json(&outcome).unwrap_or_default(), "application/fhir+json; charset=utf-8")
    } else {
        (poem_openapi::types::ToJSON::to_json(&error).unwrap_or_default(), "application/json; charset=utf-8")
    };
    let (mut parts, _) = resp.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_ENCODING);
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    Response::from_parts(parts, json.to_string().into())
}

/// The path as logged: its first two segments only, since later segments may
/// carry codes people were given (claim codes, entry-point codes).
fn loggable_path(path: &str) -> String {
    let mut segments = path.split('/').skip(1);
    let first = segments.next().unwrap_or("");
    let second = segments.next();
    let rest = segments.next().is_some();
    match (first, second) {
        (f, None) => format!("/{f}"),
        (f, Some(s)) if f == "api" || f == "assets" => format!("/{f}/{s}{}", if rest { "/…" } else { "" }),
        (f, Some(_)) => format!("/{f}/…"),
    }
}

/// Whether a request has a body to read.
fn has_body(req: &Request) -> bool {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let length = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    length != Some(0) || req.headers().contains_key(header::TRANSFER_ENCODING)
}

/// Why a body was not read in full.
enum BodyRefused {
    /// 413 (over the limit) or 400 (a body that cannot be read as sent).
    Status(StatusCode),
    /// The bytes bodies may take at once are taken.
    Busy(admission::Busy),
}

/// Reads the body in full before the handler (so that its time to arrive is
/// bounded on its own), refusing bodies over the limit with 413: a declared
/// length is checked at once; a chunked body is read up to the limit. A compressed body (`Content-Encoding`, decoded as it streams in by
/// the compression layer outside this one) is limited by its decoded size:
/// its declared length says nothing of that, so it is read, decoding, up to
/// the limit and no further, and memory stays at the limit whatever the ratio.
/// The bytes that have come take their share of the budget as they come.
async fn limit_body(req: &mut Request, limit: usize, reading: &mut admission::Reading) -> Result<(), BodyRefused> {
    use futures::StreamExt;
    let encoded = req.headers().contains_key(header::CONTENT_ENCODING);
    let declared =
        req.headers().get(header::CONTENT_LENGTH).map(|v| v.to_str().ok().and_then(|s| s.parse::<u64>().ok()));
    match declared {
        Some(Some(n)) if n > limit as u64 => return Err(BodyRefused::Status(StatusCode::PAYLOAD_TOO_LARGE)),
        Some(None) => return Err(BodyRefused::Status(StatusCode::BAD_REQUEST)),
        _ => {}
    }
    let mut stream = req.take_body().into_bytes_stream();
    let mut chunks: Vec<bytes::Bytes> = Vec::new();
    let mut len = 0usize;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| BodyRefused::Status(StatusCode::BAD_REQUEST))?;
        len += chunk.len();
        if len > limit {
            return Err(BodyRefused::Status(StatusCode::PAYLOAD_TOO_LARGE));
        }
        reading.grow(len).map_err(BodyRefused::Busy)?;
        chunks.push(chunk);
    }
    let bytes = match chunks.len() {
        1 => chunks.pop().unwrap_or_default(),
        _ => chunks.concat().into(),
    };
    if encoded {
        // What follows reads the decoded body: say so.
        req.headers_mut().remove(header::CONTENT_ENCODING);
        req.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    }
    req.set_body(bytes);
    Ok(())
}

fn secure(resp: &mut Response, path: &str, https: bool, docs_csp: &str) {
    let h = resp.headers_mut();
    let csp = if path == "/api/docs" || path.starts_with("/api/docs/") {
        HeaderValue::from_str(docs_csp).unwrap_or(HeaderValue::from_static("default-src 'none'"))
    } else {
        HeaderValue::from_static(CSP_APP)
    };
    h.insert(header::CONTENT_SECURITY_POLICY, csp);
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    );
    h.insert(HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin"));
    h.insert(HeaderName::from_static("cross-origin-resource-policy"), HeaderValue::from_static("same-origin"));
    if https {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    }
    // Answers of the API may carry personal and medical data: no cache may keep them.
    if path.starts_with("/api/") && !path.starts_with("/api/docs") {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

#[cfg(test)]
mod tests {
    use super::{base64, docs_csp, loggable_path};

    #[test]
    fn base64_as_rfc_4648_writes_it() {
        // RFC 4648 §10's test vectors.
        for (input, out) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64(input.as_bytes()), out);
        }
    }

    #[test]
    fn the_docs_page_runs_its_own_scripts_by_hash_only() {
        let csp = docs_csp("<html><script>alert(1)</script><script src=x></script></html>");
        // sha256("alert(1)"), base64: the hash CSP checks the inline script against.
        assert!(csp.contains("script-src 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"), "{csp}");
        assert!(!csp.contains("script-src 'unsafe-inline'"), "{csp}");
    }

    #[test]
    fn logged_paths_drop_what_may_be_a_code() {
        assert_eq!(loggable_path("/"), "/");
        assert_eq!(loggable_path("/api/health"), "/api/health");
        assert_eq!(loggable_path("/api/networks/sakura"), "/api/networks/…");
        assert_eq!(loggable_path("/r/7K3MQX9PR"), "/r/…");
        assert_eq!(loggable_path("/assets/app-1a2b.js"), "/assets/app-1a2b.js");
    }
}
