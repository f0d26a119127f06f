//! API keys for facilities' systems: issued and revoked by operators, checked
//! on every intake request.

use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use super::ServiceError;
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::facility::FacilityCode;
use crate::domain::facility_key;
use crate::domain::{FieldErrorCode, Invalid, Validator, text};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::facility_key as row;
use crate::store::{medical, networks};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedKey {
    /// The whole key: shown once, never again.
    pub key: String,
    pub prefix: String,
    pub facility_code: String,
    pub facility_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    pub prefix: String,
    pub facility_code: String,
    pub facility_name: String,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

pub async fn issue(
    state: &AppState,
    actor: &Actor,
    channel: Channel,
    facility: &str,
    label: &str,
) -> Result<IssuedKey, ServiceError> {
    require(actor, Operation::ManageFacilityKeys)?;
    let mut v = Validator::new();
    let code = v.check("facility", FacilityCode::parse(facility, None));
    let label = v.check("label", text::parse_name(label, 200));
    v.finish()?;
    let (Some(code), Some(label)) = (code, label) else { return Err(Invalid::default().into()) };

    let tx = state.db.write().await?;
    let now = state.clock.now();
    let f = networks::find_facility(&*tx, code.as_str())
        .await?
        .ok_or_else(|| Invalid::one("facility", FieldErrorCode::NotFound))?;
    let mut new = facility_key::generate(&mut rand::rng());
    // The prefix is unique; a collision (1 in 2^32 per pair) draws again.
    while medical::find_key_by_prefix(&*tx, &new.prefix).await?.is_some() {
        new = facility_key::generate(&mut rand::rng());
    }
    let id = Uuid::now_v7();
    medical::insert_key(
        &*tx,
        row::Model {
            id,
            facility_id: f.id,
            prefix: new.prefix.clone(),
            key_hash: new.hash,
            label,
            created_at: now,
            created_by: actor.audit_id().unwrap_or_else(|| actor.kind().to_string()),
            revoked_at: None,
            last_used_at: None,
        },
    )
    .await?;
    audit::append(
        &*tx,
        AuditEntry::new(actor, AuditAction::FacilityKeyIssued, channel)
            .subject(SubjectKind::FacilityKey, id)
            .facility(f.id)
            .request_id(context::request_id())
            .detail(json!({ "prefix": new.prefix })),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(IssuedKey { key: new.key, prefix: new.prefix, facility_code: f.code, facility_name: f.name })
}

pub async fn list(state: &AppState, actor: &Actor, facility: Option<&str>) -> Result<Vec<KeyInfo>, ServiceError> {
    require(actor, Operation::ManageFacilityKeys)?;
    let db = state.db.reader();
    let only = match facility {
        None => None,
        Some(f) => {
            let code = FacilityCode::parse(f, None).map_err(|c| Invalid::one("facility", c))?;
            let f = networks::find_facility(db, code.as_str())
                .await?
                .ok_or_else(|| Invalid::one("facility", FieldErrorCode::NotFound))?;
            Some(f.id)
        }
    };
    let keys = medical::list_keys(db, only).await?;
    let facilities = medical::facility_names(db, keys.iter().map(|k| k.facility_id)).await?;
    Ok(keys
        .into_iter()
        .map(|k| {
            let f = facilities.get(&k.facility_id);
            KeyInfo {
                prefix: k.prefix,
                facility_code: f.map(|f| f.code.clone()).unwrap_or_default(),
                facility_name: f.map(|f| f.name.clone()).unwrap_or_default(),
                label: k.label,
                created_at: k.created_at,
                created_by: k.created_by,
                revoked_at: k.revoked_at,
                last_used_at: k.last_used_at,
            }
        })
        .collect())
}

/// Revokes the key with this prefix (or the whole key); false when it was revoked already.
pub async fn revoke(state: &AppState, actor: &Actor, channel: Channel, key: &str) -> Result<bool, ServiceError> {
    require(actor, Operation::ManageFacilityKeys)?;
    let prefix = key.trim().strip_prefix(facility_key::SCHEME).unwrap_or(key.trim());
    let prefix = prefix.split('_').next().unwrap_or_default().to_ascii_lowercase();
    let tx = state.db.write().await?;
    let now = state.clock.now();
    let k = medical::find_key_by_prefix(&*tx, &prefix)
        .await?
        .ok_or_else(|| Invalid::one("key", FieldErrorCode::NotFound))?;
    let changed = medical::revoke_key(&*tx, k.id, now).await?;
    if changed {
        audit::append(
            &*tx,
            AuditEntry::new(actor, AuditAction::FacilityKeyRevoked, channel)
                .subject(SubjectKind::FacilityKey, k.id)
                .facility(k.facility_id)
                .request_id(context::request_id())
                .detail(json!({ "prefix": k.prefix })),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(changed)
}

/// The facility system a presented key belongs to; `None` for an unknown,
/// malformed or revoked key (the caller answers 401 alike).
pub async fn authenticate(state: &AppState, presented: &str) -> Result<Option<Actor>, ServiceError> {
    let Some(hash) = facility_key::lookup_hash(presented.trim()) else { return Ok(None) };
    let Some(k) = medical::find_key_by_hash(state.db.reader(), &hash).await? else { return Ok(None) };
    if k.revoked_at.is_some() {
        return Ok(None);
    }
    Ok(Some(Actor::FacilitySystem { facility_id: k.facility_id, key_id: k.id }))
}
