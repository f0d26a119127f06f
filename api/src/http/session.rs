//! The session cookie and the caller's address, for the handlers that need
//! them. The cookie is HttpOnly (scripts never see it), SameSite=Strict (no
//! other site's page can send it), scoped to `/api`, and Secure over https.

use std::net::IpAddr;

use poem::http::header;
use poem::{Request, RequestBody};
use poem_openapi::registry::{MetaParamIn, MetaSchema, MetaSchemaRef, MetaSecurityScheme, Registry};
use poem_openapi::{ApiExtractor, ApiExtractorType, ExtractParamOptions};

use super::error::{ApiError, ErrorCode};
use crate::domain::actor::Actor;
use crate::domain::session::{ABSOLUTE, COOKIE, token_hash};
use crate::domain::staff;
use crate::service::account::{self, SignedInSession};
use crate::service::common::sessions::NewSession;
use crate::service::{proxies, reception};
use crate::state::AppState;

/// The session cookie's value, if the request carries one.
pub fn cookie_token(req: &Request) -> Option<String> {
    named_cookie(req, COOKIE)
}

/// Whether the request carries a resident's or a staff member's session
/// cookie: it was sent by a browser on someone's behalf.
pub fn carries_session_cookie(req: &Request) -> bool {
    named_cookie(req, COOKIE).is_some() || named_cookie(req, staff::COOKIE).is_some()
}

fn named_cookie(req: &Request, cookie: &str) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == cookie)
        .map(|(_, value)| value.trim().to_owned())
}

/// The signed-in resident, or 401.
pub async fn require_session(state: &AppState, req: &Request) -> Result<SignedInSession, ApiError> {
    let token = cookie_token(req).ok_or_else(|| ApiError::new(ErrorCode::Unauthorized))?;
    account::authenticate(state, &token).await?.ok_or_else(|| ApiError::new(ErrorCode::Unauthorized))
}

/// Asks `domain::access` before a handler reads its input, for handlers
/// that check their input before the use case would.
pub fn allowed(actor: &Actor, op: crate::domain::access::Operation) -> Result<(), crate::service::ServiceError> {
    Ok(crate::domain::access::require(actor, op)?)
}

/// The request header with which a signed-in person acts for someone else:
/// the id of one of their active proxy links.
pub const ACTING_FOR: &str = "renkei-acting-for";

/// Who a signed-in request acts as: the resident themselves, or, with
/// `Renkei-Acting-For`, a proxy for the person that link names (checked
/// against the database on every request). 401 without a session; 403
/// `proxy_not_active` for a link that is not an active link of theirs.
pub async fn actor(state: &AppState, req: &Request) -> Result<Actor, ApiError> {
    let s = require_session(state, req).await?;
    match req.headers().get(ACTING_FOR) {
        None => Ok(s.actor()),
        Some(v) => {
            let link = v.to_str().map_err(|_| ApiError::new(ErrorCode::ProxyNotActive))?;
            Ok(proxies::acting(state, s.resident_id, link).await?)
        }
    }
}

/// The caller of a `/me…` operation that a proxy may also call: the
/// signed-in resident (cookie `renkei_session`), acting as themselves or,
/// with `Renkei-Acting-For`, for the person that link names. Declared in the
/// spec as the `ResidentSession` security scheme and that header; answers
/// 401 without a session and 403 `proxy_not_active` for a link that is not
/// an active link of theirs, before anything else of the request is read.
/// Handlers take it as `#[oai(name = "Renkei-Acting-For")] who: Resident`.
pub struct Resident(pub Actor);

/// The signed-in staff member (cookie `renkei_staff`): the session's id and
/// the actor. The `StaffSession` scheme.
pub struct Staff(pub uuid::Uuid, pub Actor);

const RESIDENT_SCHEME: &str = "ResidentSession";
const STAFF_SCHEME: &str = "StaffSession";

fn register_schemes(registry: &mut Registry) {
    registry.create_security_scheme(
        RESIDENT_SCHEME,
        MetaSecurityScheme {
            ty: "apiKey",
            description: Some(
                "A resident's session: the HttpOnly cookie set by completing a registration, a passkey \
                 sign-in, a code sign-in or a claim (30 idle minutes, 30 days at most).",
            ),
            name: Some(COOKIE),
            key_in: Some("cookie"),
            scheme: None,
            bearer_format: None,
            flows: None,
            openid_connect_url: None,
        },
    );
    registry.create_security_scheme(
        STAFF_SCHEME,
        MetaSecurityScheme {
            ty: "apiKey",
            description: Some(
                "A facility staff member's session: the HttpOnly cookie set by a staff passkey sign-in or \
                 enrolment (15 idle minutes).",
            ),
            name: Some(staff::COOKIE),
            key_in: Some("cookie"),
            scheme: None,
            bearer_format: None,
            flows: None,
            openid_connect_url: None,
        },
    );
}

fn app_state(req: &Request) -> poem::Result<&AppState> {
    req.data::<AppState>().ok_or_else(|| refused(ApiError::new(ErrorCode::Internal)))
}

fn refused(e: ApiError) -> poem::Error {
    poem::Error::from_response(poem::IntoResponse::into_response(e))
}

impl<'a> ApiExtractor<'a> for Resident {
    const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::SecurityScheme, ApiExtractorType::Parameter];
    const PARAM_IS_REQUIRED: bool = false;
    type ParamType = ();
    type ParamRawType = ();

    fn register(registry: &mut Registry) {
        register_schemes(registry);
    }

    fn security_schemes() -> Vec<&'static str> {
        vec![RESIDENT_SCHEME]
    }

    fn param_in() -> Option<MetaParamIn> {
        Some(MetaParamIn::Header)
    }

    fn param_schema_ref() -> Option<MetaSchemaRef> {
        Some(MetaSchemaRef::Inline(Box::new(MetaSchema {
            description: Some(
                "To act for someone one is a proxy of: the id of one's active proxy link to them \
                 (`linkId` in `GET /me/people`). Without it, one acts as oneself.",
            ),
            format: Some("uuid"),
            ..MetaSchema::new("string")
        })))
    }

    async fn from_request(req: &'a Request, _body: &mut RequestBody, _: ExtractParamOptions<()>) -> poem::Result<Self> {
        actor(app_state(req)?, req).await.map(Resident).map_err(refused)
    }
}

impl<'a> ApiExtractor<'a> for Staff {
    const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::SecurityScheme];
    type ParamType = ();
    type ParamRawType = ();

    fn register(registry: &mut Registry) {
        register_schemes(registry);
    }

    fn security_schemes() -> Vec<&'static str> {
        vec![STAFF_SCHEME]
    }

    async fn from_request(req: &'a Request, _body: &mut RequestBody, _: ExtractParamOptions<()>) -> poem::Result<Self> {
        require_staff(app_state(req)?, req).await.map(|(id, actor)| Staff(id, actor)).map_err(refused)
    }
}

fn attributes(state: &AppState) -> &'static str {
    if state.config.is_https() {
        "; Path=/api; HttpOnly; SameSite=Strict; Secure"
    } else {
        "; Path=/api; HttpOnly; SameSite=Strict"
    }
}

pub fn set_cookie(state: &AppState, s: &NewSession) -> String {
    format!("{COOKIE}={}; Max-Age={}{}", s.token, ABSOLUTE.num_seconds(), attributes(state))
}

pub fn clear_cookie(state: &AppState) -> String {
    format!("{COOKIE}=; Max-Age=0{}", attributes(state))
}

/// The signed-in staff member (their own cookie, `renkei_staff`): the
/// session id and the actor, or 401 (also after 15 idle minutes).
pub async fn require_staff(state: &AppState, req: &Request) -> Result<(uuid::Uuid, Actor), ApiError> {
    let token = named_cookie(req, staff::COOKIE).ok_or_else(|| ApiError::new(ErrorCode::Unauthorized))?;
    reception::authenticate(state, &token).await?.ok_or_else(|| ApiError::new(ErrorCode::Unauthorized))
}

pub fn set_staff_cookie(state: &AppState, s: &NewSession) -> String {
    format!("{}={}; Max-Age={}{}", staff::COOKIE, s.token, staff::ABSOLUTE.num_seconds(), attributes(state))
}

pub fn clear_staff_cookie(state: &AppState) -> String {
    format!("{}=; Max-Age=0{}", staff::COOKIE, attributes(state))
}

/// Who is calling, for rate limits: a hash of the caller's address, an IPv6
/// one's /64 (`per_client::client_of`; the address itself is neither logged
/// nor stored).
pub fn client(state: &AppState, req: &Request) -> String {
    let forwarded = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
    let remote = req.remote_addr().as_socket_addr().map(|a| a.ip());
    let ip = client_address(remote, forwarded, &state.config.trusted_proxies)
        .map(super::per_client::client_of)
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    token_hash(&ip)[..32].to_owned()
}

/// The client's address: the connection's, or, when that is a trusted
/// proxy, the nearest address in `X-Forwarded-For` that is not one (the
/// entries further left are whatever the client claimed).
pub fn client_address(remote: Option<IpAddr>, forwarded: Option<&str>, trusted: &[IpAddr]) -> Option<IpAddr> {
    let remote = remote?;
    if !trusted.contains(&remote) {
        return Some(remote);
    }
    let hops = forwarded.unwrap_or("").split(',').rev().map(|h| h.trim().parse::<IpAddr>());
    for hop in hops {
        match hop {
            Ok(ip) if trusted.contains(&ip) => continue,
            Ok(ip) => return Some(ip),
            Err(_) => return Some(remote),
        }
    }
    Some(remote)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let phone: IpAddr = "203.0.113.7".parse().unwrap();
        let direct: IpAddr = "198.51.100.2".parse().unwrap();
        // Without trusted proxies the header is ignored (anyone could send it).
        assert_eq!(client_address(Some(direct), Some("1.2.3.4"), &[]), Some(direct));
        // Behind the proxy: the nearest untrusted hop, not what the client claimed further left.
        assert_eq!(client_address(Some(proxy), Some("1.2.3.4, 203.0.113.7"), &[proxy]), Some(phone));
        assert_eq!(client_address(Some(proxy), Some("203.0.113.7, 10.0.0.1"), &[proxy]), Some(phone));
        assert_eq!(client_address(Some(proxy), None, &[proxy]), Some(proxy));
        assert_eq!(client_address(Some(proxy), Some("garbage"), &[proxy]), Some(proxy));
    }
}
