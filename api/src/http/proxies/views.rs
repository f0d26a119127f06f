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
    /// For an active link: `confirmed` (they may act), `unconfirmed` (they
    /// registered the person online; the person may confirm it with
    /// `confirmProxy`), or `review_due` (paused at its review date until
    /// confirmed again).
    pub standing: OneOf<closed::LinkStanding>,
    /// What confirmed it, once confirmed.
    #[oai(skip_serializing_if_is_none)]
    pub basis: Option<OneOf<closed::LinkBasis>>,
    /// From this day the link pauses until it is confirmed again.
    #[oai(skip_serializing_if_is_none)]
    pub review_on: Option<crate::http::day::Day>,
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
            standing: p.standing.as_str().into(),
            basis: p.basis.map(Into::into),
            review_on: p.review_on.map(crate::http::day::Day),
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
    /// `confirmed`: you may act for them. `unconfirmed` or `review_due`: you
    /// see only where their registration stands (any other call for them
    /// answers `403 proxy_unconfirmed`) until the person, a facility's
    /// reception or the network office confirms the link.
    pub standing: OneOf<closed::LinkStanding>,
    #[oai(skip_serializing_if_is_none)]
    pub review_on: Option<crate::http::day::Day>,
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
            standing: p.standing.as_str().into(),
            review_on: p.review_on.map(crate::http::day::Day),
        }
    }
}

#[derive(ApiResponse)]
pub enum AcceptedResponse {
    /// You now act for them.
    #[oai(status = 201)]
    Created(Json<PersonActedFor>),
}
