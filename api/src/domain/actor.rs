//! Who is doing something. Every use case takes the actor explicitly, and
//! every audit entry records it.

use std::fmt;

/// The kinds of actor the audit log distinguishes. Stored as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    Anonymous,
    Resident,
    Proxy,
    Staff,
    FacilitySystem,
    Operator,
    System,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Anonymous => "anonymous",
            Self::Resident => "resident",
            Self::Proxy => "proxy",
            Self::Staff => "staff",
            Self::FacilitySystem => "facility_system",
            Self::Operator => "operator",
            Self::System => "system",
        }
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// Someone not signed in: may read public information only.
    Anonymous,
    /// A person running `renkei admin` on the server, named by `--operator`
    /// or the login name.
    Operator { name: String },
    /// A signed-in resident acting for themselves.
    Resident { id: uuid::Uuid },
    /// A signed-in resident (`id`) acting for another person (`subject`)
    /// through an active proxy link, at that link's level; `confirmed` while
    /// the link is confirmed and before its review date
    /// (`proxy::Standing::Confirmed`), without which the proxy sees only
    /// where the person's registration stands.
    Proxy { id: uuid::Uuid, subject: uuid::Uuid, link: uuid::Uuid, level: super::proxy::Level, confirmed: bool },
    /// A member of a facility's staff, signed in with their passkey.
    Staff { id: uuid::Uuid, facility_id: uuid::Uuid, role: super::staff::Role },
    /// A facility's system, authenticated by one of the facility's API keys.
    FacilitySystem { facility_id: uuid::Uuid, key_id: uuid::Uuid },
    /// renkei itself (the mail worker, the demo seed at start-up).
    System,
}

impl Actor {
    pub fn kind(&self) -> ActorKind {
        match self {
            Self::Anonymous => ActorKind::Anonymous,
            Self::Operator { .. } => ActorKind::Operator,
            Self::Resident { .. } => ActorKind::Resident,
            Self::Proxy { .. } => ActorKind::Proxy,
            Self::Staff { .. } => ActorKind::Staff,
            Self::FacilitySystem { .. } => ActorKind::FacilitySystem,
            Self::System => ActorKind::System,
        }
    }

    /// The identifier recorded in the audit log next to the kind.
    pub fn audit_id(&self) -> Option<String> {
        match self {
            Self::Anonymous | Self::System => None,
            Self::Operator { name } => Some(name.clone()),
            Self::Resident { id } | Self::Proxy { id, .. } | Self::Staff { id, .. } => Some(id.to_string()),
            // The key, not only the facility: a leaked key's use can be traced.
            Self::FacilitySystem { key_id, .. } => Some(key_id.to_string()),
        }
    }
}

impl Actor {
    /// The signed-in person behind the actor (the proxy themselves when
    /// acting for someone), if any.
    pub fn person(&self) -> Option<uuid::Uuid> {
        match self {
            Self::Resident { id } | Self::Proxy { id, .. } => Some(*id),
            _ => None,
        }
    }
}
