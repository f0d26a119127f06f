//! Starting a resident's session (the cookie's value) with its audit entry.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use crate::context;
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::session::{self, SignInMethod, new_token, token_hash};
use crate::service::ServiceError;
use crate::state::AppState;
use crate::store::audit::AuditEntry;
use crate::store::{audit, auth};

/// A session just started: the cookie's value and when it ends at the latest.
#[derive(Clone)]
pub struct NewSession {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

impl std::fmt::Debug for NewSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewSession(<secret>)")
    }
}

pub(crate) async fn start_session(
    db: &impl ConnectionTrait,
    state: &AppState,
    resident_id: Uuid,
    method: SignInMethod,
) -> Result<NewSession, ServiceError> {
    let now = state.clock.now();
    let token = new_token(&mut rand::rng());
    let expires_at = now + session::ABSOLUTE;
    let id = auth::insert_session(db, token_hash(&token), resident_id, method.as_str(), now, expires_at).await?;
    audit::append(
        db,
        AuditEntry::new(&Actor::Resident { id: resident_id }, AuditAction::SignedIn, Channel::Web)
            .subject(SubjectKind::Resident, resident_id)
            .request_id(context::request_id())
            .detail(json!({ "method": method.as_str(), "session": id })),
        now,
    )
    .await?;
    Ok(NewSession { token, expires_at })
}
