//! Passkeys (WebAuthn) with webauthn-rs: the relying party built from
//! `RENKEI_PUBLIC_URL`, and the conversions between its types and what the
//! API and the database carry. Ceremony state never leaves the server; the
//! service layer stores it with its own expiry and consumes it once
//! (see docs/passkeys.md).

use chrono::Duration;
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;
use webauthn_rs::prelude::{CredentialID, WebauthnError};
use webauthn_rs::{Webauthn, WebauthnBuilder};

use crate::domain::session::hex;

/// How long a ceremony (options given, answer expected) stays valid.
pub const CEREMONY_TTL: Duration = Duration::minutes(5);

/// The kinds of ceremony, stored with their state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CeremonyKind {
    /// Creating a passkey during registration (subject: the registration).
    Register,
    /// Creating another passkey for a signed-in resident (subject: the resident).
    AddPasskey,
    /// Signing in with a discoverable passkey (no subject).
    SignIn,
    /// A person registered by someone else creating their own passkey with
    /// a claim code (subject: the claim code).
    Claim,
    /// A staff member creating their passkey with an enrolment code (subject: the enrolment).
    StaffEnrol,
    /// A staff member signing in (no subject).
    StaffSignIn,
}

impl CeremonyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Register => "register",
            Self::AddPasskey => "add_passkey",
            Self::SignIn => "sign_in",
            Self::Claim => "claim",
            Self::StaffEnrol => "staff_enrol",
            Self::StaffSignIn => "staff_sign_in",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PasskeyConfigError {
    #[error("passkeys need a host name in RENKEI_PUBLIC_URL (not an IP address): {0}")]
    NoHost(String),
    #[error("passkeys cannot be set up for {0}: {1}")]
    Builder(String, WebauthnError),
}

/// The relying party: rp id is the public URL's host, the origin is the
/// public URL (port-exact). Browsers accept plain http only for `localhost`.
pub fn relying_party(public_url: &Url) -> Result<Webauthn, PasskeyConfigError> {
    let host = public_url.domain().ok_or_else(|| PasskeyConfigError::NoHost(public_url.to_string()))?;
    WebauthnBuilder::new(host, public_url)
        .and_then(|b| b.rp_name("renkei").build())
        .map_err(|e| PasskeyConfigError::Builder(public_url.to_string(), e))
}

/// How a credential id is stored and looked up.
pub fn cred_key(id: &CredentialID) -> String {
    hex(id.as_ref())
}

/// Ceremony state and stored passkeys as JSON text.
pub fn to_json<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    serde_json::to_string(value)
}

pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(text)
}

/// The `publicKey` member of creation options, as the browser's
/// `PublicKeyCredential.parseCreationOptionsFromJSON` takes it. webauthn-rs
/// asks for a non-discoverable credential; renkei asks for a discoverable
/// one so that the browser's passkey autofill can offer it at sign-in
/// (phones' passkey providers make discoverable credentials anyway).
pub fn creation_options_json(ccr: &impl Serialize) -> Result<serde_json::Value, serde_json::Error> {
    let mut v = serde_json::to_value(ccr)?;
    let mut public_key = v.get_mut("publicKey").map(serde_json::Value::take).unwrap_or(serde_json::Value::Null);
    if let Some(sel) = public_key.get_mut("authenticatorSelection").and_then(|s| s.as_object_mut()) {
        sel.insert("residentKey".into(), "required".into());
        sel.insert("requireResidentKey".into(), true.into());
    }
    Ok(public_key)
}

/// The `publicKey` member of request options (`parseRequestOptionsFromJSON`).
pub fn request_options_json(rcr: &impl Serialize) -> Result<serde_json::Value, serde_json::Error> {
    let mut v = serde_json::to_value(rcr)?;
    Ok(v.get_mut("publicKey").map(serde_json::Value::take).unwrap_or(serde_json::Value::Null))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localhost_and_real_hosts_work_ip_addresses_do_not() {
        assert!(relying_party(&Url::parse("http://localhost:8080").unwrap()).is_ok());
        assert!(relying_party(&Url::parse("https://renkei.example.jp").unwrap()).is_ok());
        assert!(matches!(
            relying_party(&Url::parse("http://127.0.0.1:8080").unwrap()),
            Err(PasskeyConfigError::NoHost(_))
        ));
    }
}
