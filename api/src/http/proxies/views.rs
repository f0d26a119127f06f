//! What more than one of the proxies' operations answers with: a person
//! acted for, a proxy, an accepted link.

use crate::http::closed::{self, OneOf};
use crate::service::proxies;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object};

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct ProxyEvent {
    pub at: chrono::DateTime<chrono::Utc>,
    /// The audit action, e.g. `health_record.viewed`, `consent.withdrawn`.
    pub action: String,
}

/// One of the person's proxies, as the person sees them.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct ProxyItem {
    pub link_id: String,
    pub name: String,
    pub relationship: OneOf<closed::Relationship>,
    pub level: OneOf<closed::ProxyLevel>,
    /// `active` or `revoked`.
    pub status: OneOf<closed::LinkStatus>,
    /// `registration` (they registered the person) or `invitation`.
    pub via: OneOf<closed::LinkVia>,
    pub since: chrono::DateTime<chrono::Utc>,
    #[oai(skip_serializing_if_is_none)]
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
    /// What they did for the person, newest first.
    pub history: Vec<ProxyEvent>,
}

impl From<proxies::ProxyView> for ProxyItem {
    fn from(p: proxies::ProxyView) -> Self {
        Self {
            link_id: p.link_id.to_string(),
            name: p.name,
            relationship: p.relationship.into(),
            level: p.level.into(),
            status: p.status.as_str().into(),
            via: p.via.into(),
            since: p.since,
            revoked_at: p.revoked_at,
            history: p.history.into_iter().map(|(at, action)| ProxyEvent { at, action }).collect(),
        }
    }
}

/// A person the signed-in resident acts for.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct PersonActedFor {
    /// Send as `Renkei-Acting-For` to act for this person.
    pub link_id: String,
    pub registration_number: String,
    pub name: String,
    pub name_kana: String,
    /// The proxy's relationship to the person: `child`, `spouse`, `sibling`,
    /// `grandchild`, `other_relative`, `legal_guardian` or `other`.
    pub relationship: OneOf<closed::Relationship>,
    /// `view` or `manage`.
    pub level: OneOf<closed::ProxyLevel>,
    pub since: chrono::DateTime<chrono::Utc>,
    /// The person has a sign-in of their own.
    pub claimed: bool,
}

impl From<proxies::PersonActedFor> for PersonActedFor {
    fn from(p: proxies::PersonActedFor) -> Self {
        Self {
            link_id: p.link_id.to_string(),
            registration_number: p.registration_number,
            name: p.name,
            name_kana: p.name_kana,
            relationship: p.relationship.into(),
            level: p.level.into(),
            since: p.since,
            claimed: p.claimed,
        }
    }
}

#[derive(ApiResponse)]
pub enum AcceptedResponse {
    /// You now act for them.
    #[oai(status = 201)]
    Created(Json<PersonActedFor>),
}
