//! Publishing consent documents (operators) and reading the one in force (anyone).

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::ServiceError;
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::consent::parse_text;
use crate::domain::network::NetworkCode;
use crate::domain::{FieldErrorCode, Invalid, Validator, person};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::consent_documents as repo;
use crate::store::entity::consent_document::Model as ConsentDocument;
use crate::store::networks;

/// Parses an effective date as typed by an operator (`2027-01-01`, `R9.1.1`):
/// midnight of that day in Japan.
pub fn parse_effective(input: &str) -> Result<DateTime<Utc>, FieldErrorCode> {
    Ok(crate::domain::japan_time::midnight(person::parse_date(input)?))
}

pub struct Publish<'a> {
    pub network: &'a str,
    pub ja: &'a str,
    pub en: &'a str,
    /// `None`: in force at once.
    pub effective: Option<&'a str>,
    pub requires_reconsent: bool,
}

pub async fn publish(
    state: &AppState,
    actor: &Actor,
    channel: Channel,
    p: Publish<'_>,
) -> Result<ConsentDocument, ServiceError> {
    require(actor, Operation::ManageNetworks)?;
    let now = state.clock.now();
    let mut v = Validator::new();
    let network = v.check("network", NetworkCode::parse(p.network));
    let ja = v.check("ja", parse_text(p.ja));
    let en = v.check("en", parse_text(p.en));
    let effective = match p.effective {
        None => Some(now),
        Some(e) => v.check(
            "effective",
            parse_effective(e).and_then(|t| {
                if t < now - chrono::Duration::days(1) { Err(FieldErrorCode::OutOfRange) } else { Ok(t.max(now)) }
            }),
        ),
    };
    v.finish()?;
    let (Some(network), Some(ja), Some(en), Some(effective_at)) = (network, ja, en, effective) else {
        return Err(Invalid::default().into());
    };
    let tx = state.db.write().await?;
    let doc = create(&*tx, now, actor, channel, &network, ja, en, effective_at, p.requires_reconsent).await?;
    tx.commit().await?;
    Ok(doc)
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn create(
    tx: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    channel: Channel,
    network: &NetworkCode,
    ja: crate::domain::consent::ConsentText,
    en: crate::domain::consent::ConsentText,
    effective_at: DateTime<Utc>,
    requires_reconsent: bool,
) -> Result<ConsentDocument, ServiceError> {
    let net = networks::find_network(tx, network.as_str())
        .await?
        .ok_or_else(|| Invalid::one("network", FieldErrorCode::NotFound))?;
    let version = repo::versions(tx, net.id).await?.first().map_or(1, |d| d.version + 1);
    let doc = ConsentDocument {
        id: Uuid::now_v7(),
        network_id: net.id,
        version,
        title_ja: ja.title,
        title_en: en.title,
        summary_ja: ja.summary,
        summary_en: en.summary,
        body_ja: ja.body,
        body_en: en.body,
        effective_at,
        requires_reconsent,
        published_at: now,
    };
    repo::insert(tx, doc.clone()).await?;
    audit::append(
        tx,
        AuditEntry::new(actor, AuditAction::ConsentDocumentPublished, channel)
            .subject(SubjectKind::ConsentDocument, doc.id)
            .network(net.id)
            .request_id(context::request_id())
            .detail(
                json!({ "version": version, "effectiveAt": effective_at, "requiresReconsent": requires_reconsent }),
            ),
        now,
    )
    .await?;
    Ok(doc)
}

/// The document in force for a network now. Not found when the network is
/// unknown or has not published one yet.
pub async fn current(state: &AppState, actor: &Actor, network: &str) -> Result<ConsentDocument, ServiceError> {
    in_force(state, actor, network).await?.ok_or(ServiceError::NotFound)
}

/// The document in force for a network, or none when it has published none
/// yet. An unknown network is not found.
pub async fn in_force(state: &AppState, actor: &Actor, network: &str) -> Result<Option<ConsentDocument>, ServiceError> {
    require(actor, Operation::ReadPublicNetworks)?;
    let code = NetworkCode::parse(network).map_err(|_| ServiceError::NotFound)?;
    let db = state.db.reader();
    let net = networks::find_network(db, code.as_str()).await?.ok_or(ServiceError::NotFound)?;
    Ok(repo::current(db, net.id, state.clock.now()).await?)
}

/// One version of a network's document, as it was shown (anyone: the text
/// people agreed to is public). Versions not yet in force are not found.
pub async fn version(
    state: &AppState,
    actor: &Actor,
    network: &str,
    version: i32,
) -> Result<ConsentDocument, ServiceError> {
    require(actor, Operation::ReadPublicNetworks)?;
    let code = NetworkCode::parse(network).map_err(|_| ServiceError::NotFound)?;
    let db = state.db.reader();
    let net = networks::find_network(db, code.as_str()).await?.ok_or(ServiceError::NotFound)?;
    let now = state.clock.now();
    repo::versions(db, net.id)
        .await?
        .into_iter()
        .find(|d| d.version == version && d.effective_at <= now)
        .ok_or(ServiceError::NotFound)
}

/// Every version, newest first (operators).
pub async fn versions(state: &AppState, actor: &Actor, network: &str) -> Result<Vec<ConsentDocument>, ServiceError> {
    require(actor, Operation::ManageNetworks)?;
    let db = state.db.reader();
    let net = super::common::networks::network_named(db, "network", network).await?;
    Ok(repo::versions(db, net.id).await?)
}
