//! The session cookie and the caller's address, for the handlers that need
//! them. The cookie is HttpOnly (scripts never see it), SameSite=Strict (no
//! other site's page can send it), scoped to `/api`, and Secure over https.

use poem::Request;
use poem::http::header;

use super::error::{ApiError, ErrorCode};
use crate::app::AppState;
use crate::domain::session::{ABSOLUTE, COOKIE, token_hash};
use crate::service::account::{self, NewSession, SignedInSession};

/// The session cookie's value, if the request carries one.
pub fn cookie_token(req: &Request) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim().to_owned())
}

/// The signed-in resident, or 401.
pub async fn require_session(state: &AppState, req: &Request) -> Result<SignedInSession, ApiError> {
    let token = cookie_token(req).ok_or_else(|| ApiError::new(ErrorCode::Unauthorized))?;
    account::authenticate(state, &token).await?.ok_or_else(|| ApiError::new(ErrorCode::Unauthorized))
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

/// Who is calling, for rate limits: a hash of the caller's address (the
/// address itself is neither logged nor stored).
pub fn client(req: &Request) -> String {
    let ip = req.remote_addr().as_socket_addr().map_or_else(|| "unknown".to_owned(), |a| a.ip().to_string());
    token_hash(&ip)[..32].to_owned()
}
