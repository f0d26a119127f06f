//! Acting for someone: the link a request names, checked on every request,
//! and the people one acts for.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::proxy::{Level, Standing};
use crate::domain::public_id::PublicId;
use crate::service::common::people::has_own_sign_in;
use crate::service::{ProxyRefusal, ServiceError};
use crate::state::AppState;
use crate::store::entity::proxy_link;
use crate::store::{proxies as repo, residents};

/// The actor of a signed-in person's request that names a link in
/// `Renkei-Acting-For`: a proxy acting for that link's person, or
/// `proxy_not_active` when the link is not an active link of theirs.
pub async fn acting(state: &AppState, person: Uuid, link: &str) -> Result<Actor, ServiceError> {
    let not_active = ServiceError::Proxy(ProxyRefusal::NotActive);
    let id = Uuid::parse_str(link.trim()).map_err(|_| ServiceError::Proxy(ProxyRefusal::NotActive))?;
    let l = repo::find_link(state.db.reader(), id).await?.ok_or(ServiceError::Proxy(ProxyRefusal::NotActive))?;
    if l.proxy_id != person || l.revoked_at.is_some() {
        return Err(not_active);
    }
    let level = Level::parse(&l.level).map_err(|_| ServiceError::Internal(format!("link {} has a bad level", l.id)))?;
    let today = crate::domain::japan_time::day(state.clock.now());
    let confirmed = Standing::of(l.confirmed_at, l.review_on, today) == Standing::Confirmed;
    Ok(Actor::Proxy { id: person, subject: l.subject_id, link: l.id, level, confirmed })
}

/// A person the signed-in resident acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonActedFor {
    pub link_id: Uuid,
    pub registration_number: String,
    pub name: String,
    pub name_kana: String,
    pub relationship: String,
    pub level: String,
    pub since: DateTime<Utc>,
    pub claimed: bool,
    /// Confirmed (the proxy may act), waiting for confirmation, or paused at its review date.
    pub standing: Standing,
    pub review_on: Option<chrono::NaiveDate>,
}

pub(super) async fn person_acted_for(
    db: &impl ConnectionTrait,
    l: &proxy_link::Model,
    today: chrono::NaiveDate,
) -> Result<PersonActedFor, ServiceError> {
    let r = residents::find(db, l.subject_id).await?.ok_or(ServiceError::NotFound)?;
    Ok(PersonActedFor {
        link_id: l.id,
        registration_number: PublicId::display_of(&r.registration_number),
        claimed: has_own_sign_in(db, &r).await?,
        name: r.name,
        name_kana: r.name_kana,
        relationship: l.relationship.clone(),
        level: l.level.clone(),
        since: l.created_at,
        standing: Standing::of(l.confirmed_at, l.review_on, today),
        review_on: l.review_on,
    })
}

/// The people the signed-in resident acts for now.
pub async fn people(state: &AppState, actor: &Actor) -> Result<Vec<PersonActedFor>, ServiceError> {
    require(actor, Operation::ActForOthers)?;
    let me = actor.person().ok_or(ServiceError::NotFound)?;
    let db = state.db.reader();
    let today = crate::domain::japan_time::day(state.clock.now());
    let mut out = Vec::new();
    for l in repo::active_links_of_proxy(db, me).await? {
        out.push(person_acted_for(db, &l, today).await?);
    }
    Ok(out)
}
