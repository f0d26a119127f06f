//! Who may do what: the one place where authorisation is decided. Every use
//! case asks [`require`] before it touches anything, and the matrix test below
//! (and the HTTP matrix test in the integration tests) pins the whole table.
//!
//! "Own" operations act on one person's record: the signed-in resident's, or,
//! for a proxy, the record of the person they act for. A proxy at level
//! `view` may read (account, summary, emergency card, consents); at level
//! `manage` also join and withdraw, set the emergency contact, download
//! everything and ask for corrections. No proxy ever touches the person's
//! sign-in, their proxies, what they hide, or erases their data: those stay
//! with the person. A proxy whose link nobody has confirmed yet (made by
//! registering the person online), or whose link is past its review date,
//! may only see where the person's registration stands until the person,
//! reception or the network office confirms it (`domain::proxy::Standing`).

use super::actor::Actor;
use super::proxy::Level;

/// Every operation the service offers, one per use case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Service health: public.
    ReadHealth,
    /// The list of networks and their facilities: public, as on the networks' own sites.
    ReadPublicNetworks,
    /// Create networks and facilities.
    ManageNetworks,
    /// Combine two records found to be one person (the network office).
    MergePeople,
    /// Send operational mail (the test mail of `admin mail test`).
    SendOperatorMail,
    /// Register oneself from an entry point: anyone not signed in (a signed-in
    /// resident registering again goes through identity resolution like anyone).
    Register,
    /// Sign in (passkey, mailed code) or recover an account: anyone.
    SignIn,
    /// See one's own account and its consents: the resident themselves.
    ReadOwnAccount,
    /// Add a passkey to one's own account, sign out: the resident themselves.
    ManageOwnSignIn,
    /// Issue, list and revoke facilities' API keys: operators.
    ManageFacilityKeys,
    /// Send medication and allergy data in (FHIR, JAHIS): a facility's system.
    /// Whose data it may send (current consent in a shared network, dated
    /// since) is decided per record by `domain::medication` and the intake.
    SubmitMedicalData,
    /// See one's own medication and allergy summary, emergency card and
    /// export: the resident themselves.
    ReadOwnHealthRecord,
    /// Set one's own emergency contact: the resident themselves.
    ManageOwnProfile,
    /// Join a network, renew or withdraw one's consent: the resident themselves.
    ManageOwnConsent,
    /// Download everything held about oneself, ask for a correction, erase
    /// one's medical data after withdrawing: the resident themselves.
    ExerciseOwnDataRights,
    /// Answer residents' correction requests and read consent statistics:
    /// the network office (operators).
    HandleDataRightsRequests,
    /// Erase one's medical data after withdrawing everywhere: the person
    /// themselves only.
    EraseOwnMedicalData,
    /// See and revoke one's proxies, invite someone to act for one, hide
    /// records from proxies: the person themselves only.
    ManageOwnProxies,
    /// Register a person to act for, accept an invitation, list the people
    /// one acts for: a resident for themselves (a proxy cannot pass their
    /// standing on).
    ActForOthers,
    /// Claim one's own sign-in with a claim code: anyone holding one.
    ClaimSignIn,
    /// Enter paper forms (registrations, withdrawals, corrections, claim
    /// sheets) for one's facility: reception staff and the facility's
    /// administrator. Which entries they see is their facility's only.
    EnterPaperForms,
    /// See one's own staff account and sign out: any staff member.
    ReadOwnStaffAccount,
    /// Open a resident's shared record: clinical staff only, and then only
    /// as `domain::looking` allows for that person.
    LookAtSharedRecords,
    /// A facility's system reads a resident's shared record on behalf of one
    /// of its enrolled clinical staff, who is named: the same rules as
    /// [`Operation::LookAtSharedRecords`] for that staff member.
    LookOnBehalfOfStaff,
    /// Record that a person presented at the desk (registration QR or
    /// insurance card checked), which lets the facility look: reception and
    /// the facility's administrator.
    RecordPresentations,
    /// See who looked at one's record: the person, and their proxies (who
    /// are not shown what would trace a record hidden from them).
    ReadOwnAccessRecord,
    /// Show one's registration QR, make a new one, and end a facility's care
    /// relationship: the person and a manage-level proxy.
    ManageOwnCareRelationships,
    /// Review emergency accesses and unusual use: the network office (operators).
    ReviewAccess,
    /// Walk the audit log's hash chain: operators.
    VerifyAudit,
    /// The audit log's checkpoint public key and newest checkpoint: public,
    /// so that anyone holding a checkpoint can check it.
    ReadAuditCheckpoints,
    /// Invite staff members and list them: operators.
    ManageStaff,
    /// Copy the whole database to a backup file: operators.
    BackUp,
}

impl Operation {
    pub const ALL: [Operation; 32] = [
        Self::ReadHealth,
        Self::ReadPublicNetworks,
        Self::ManageNetworks,
        Self::MergePeople,
        Self::SendOperatorMail,
        Self::Register,
        Self::SignIn,
        Self::ReadOwnAccount,
        Self::ManageOwnSignIn,
        Self::ManageFacilityKeys,
        Self::SubmitMedicalData,
        Self::ReadOwnHealthRecord,
        Self::ManageOwnProfile,
        Self::ManageOwnConsent,
        Self::ExerciseOwnDataRights,
        Self::HandleDataRightsRequests,
        Self::EraseOwnMedicalData,
        Self::ManageOwnProxies,
        Self::ActForOthers,
        Self::ClaimSignIn,
        Self::EnterPaperForms,
        Self::ReadOwnStaffAccount,
        Self::LookAtSharedRecords,
        Self::LookOnBehalfOfStaff,
        Self::RecordPresentations,
        Self::ReadOwnAccessRecord,
        Self::ManageOwnCareRelationships,
        Self::ReviewAccess,
        Self::VerifyAudit,
        Self::ReadAuditCheckpoints,
        Self::ManageStaff,
        Self::BackUp,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// Signing in would help.
    #[error("sign-in required")]
    SignInRequired,
    /// Signed in, but this actor may not do this.
    #[error("not allowed")]
    Forbidden,
    /// Acting for someone, and this is beyond the proxy's level or never a
    /// proxy's to do.
    #[error("not allowed for a proxy")]
    ProxyNotAllowed,
    /// Acting for someone through a link not confirmed yet, or past its
    /// review date: allowed once it is confirmed (again).
    #[error("the proxy link is not confirmed")]
    ProxyUnconfirmed,
}

pub fn permits(actor: &Actor, op: Operation) -> bool {
    use Operation::*;
    match op {
        ReadHealth | ReadPublicNetworks | Register | SignIn | ClaimSignIn | ReadAuditCheckpoints => true,
        ManageNetworks
        | MergePeople
        | SendOperatorMail
        | ManageFacilityKeys
        | HandleDataRightsRequests
        | ManageStaff
        | BackUp
        | ReviewAccess
        | VerifyAudit => {
            matches!(actor, Actor::Operator { .. } | Actor::System)
        }
        // "Own": the use case acts on the record of the person the actor is
        // (or acts for), so the kind of actor and the proxy's level are the
        // whole rule.
        // A proxy whose link is not confirmed (or is past its review date)
        // sees only where the person's registration stands: nothing
        // medical, and acts for them in nothing.
        ReadOwnAccount => matches!(actor, Actor::Resident { .. } | Actor::Proxy { .. }),
        ReadOwnHealthRecord | ReadOwnAccessRecord => {
            matches!(actor, Actor::Resident { .. } | Actor::Proxy { confirmed: true, .. })
        }
        ManageOwnProfile | ManageOwnConsent | ExerciseOwnDataRights | ManageOwnCareRelationships => {
            matches!(actor, Actor::Resident { .. } | Actor::Proxy { level: Level::Manage, confirmed: true, .. })
        }
        ManageOwnSignIn | EraseOwnMedicalData | ManageOwnProxies | ActForOthers => {
            matches!(actor, Actor::Resident { .. })
        }
        SubmitMedicalData | LookOnBehalfOfStaff => matches!(actor, Actor::FacilitySystem { .. }),
        EnterPaperForms | RecordPresentations => {
            matches!(actor, Actor::Staff { role, .. } if role.enters_paper_forms())
        }
        ReadOwnStaffAccount => matches!(actor, Actor::Staff { .. }),
        LookAtSharedRecords => matches!(actor, Actor::Staff { role, .. } if super::looking::clinical(*role)),
    }
}

/// Whether the actor sees the traces around a person's records — which
/// facilities sent data on which days, and the record of who did what.
/// The person does; a proxy does not, since those traces would show what the
/// person hides from proxies (their summary lists sources made of the
/// records they may see instead).
pub fn sees_access_traces(actor: &Actor) -> bool {
    matches!(actor, Actor::Resident { .. })
}

pub fn require(actor: &Actor, op: Operation) -> Result<(), Denied> {
    if permits(actor, op) {
        Ok(())
    } else if matches!(actor, Actor::Anonymous) {
        Err(Denied::SignInRequired)
    } else if let Actor::Proxy { id, subject, link, level, confirmed: false } = *actor
        && permits(&Actor::Proxy { id, subject, link, level, confirmed: true }, op)
    {
        Err(Denied::ProxyUnconfirmed)
    } else if matches!(actor, Actor::Proxy { .. }) {
        Err(Denied::ProxyNotAllowed)
    } else {
        Err(Denied::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::staff::Role;

    /// The whole table, written out: a change to who may do what must change this test.
    #[test]
    fn matrix() {
        let actors = [
            ("anonymous", Actor::Anonymous),
            ("operator", Actor::Operator { name: "ops".into() }),
            ("system", Actor::System),
            ("resident", Actor::Resident { id: uuid::Uuid::nil() }),
            ("facility system", Actor::FacilitySystem { facility_id: uuid::Uuid::nil(), key_id: uuid::Uuid::nil() }),
            ("proxy (view)", proxy(Level::View)),
            ("proxy (manage)", proxy(Level::Manage)),
            ("proxy (manage, unconfirmed)", unconfirmed(Level::Manage)),
            ("reception", staff(Role::Reception)),
            ("nurse", staff(Role::Nurse)),
        ];
        // anonymous, operator, system, resident, facility system, proxy view, proxy manage,
        // proxy manage unconfirmed, reception, nurse
        let expected: [(Operation, [bool; 10]); 32] = [
            (Operation::ReadHealth, [true, true, true, true, true, true, true, true, true, true]),
            (Operation::ReadPublicNetworks, [true, true, true, true, true, true, true, true, true, true]),
            (Operation::ManageNetworks, [false, true, true, false, false, false, false, false, false, false]),
            (Operation::MergePeople, [false, true, true, false, false, false, false, false, false, false]),
            (Operation::BackUp, [false, true, true, false, false, false, false, false, false, false]),
            (Operation::SendOperatorMail, [false, true, true, false, false, false, false, false, false, false]),
            (Operation::Register, [true, true, true, true, true, true, true, true, true, true]),
            (Operation::SignIn, [true, true, true, true, true, true, true, true, true, true]),
            (Operation::ReadOwnAccount, [false, false, false, true, false, true, true, true, false, false]),
            (Operation::ManageOwnSignIn, [false, false, false, true, false, false, false, false, false, false]),
            (Operation::ManageFacilityKeys, [false, true, true, false, false, false, false, false, false, false]),
            (Operation::SubmitMedicalData, [false, false, false, false, true, false, false, false, false, false]),
            (Operation::ReadOwnHealthRecord, [false, false, false, true, false, true, true, false, false, false]),
            (Operation::ManageOwnProfile, [false, false, false, true, false, false, true, false, false, false]),
            (Operation::ManageOwnConsent, [false, false, false, true, false, false, true, false, false, false]),
            (Operation::ExerciseOwnDataRights, [false, false, false, true, false, false, true, false, false, false]),
            (Operation::HandleDataRightsRequests, [false, true, true, false, false, false, false, false, false, false]),
            (Operation::EraseOwnMedicalData, [false, false, false, true, false, false, false, false, false, false]),
            (Operation::ManageOwnProxies, [false, false, false, true, false, false, false, false, false, false]),
            (Operation::ActForOthers, [false, false, false, true, false, false, false, false, false, false]),
            (Operation::ClaimSignIn, [true, true, true, true, true, true, true, true, true, true]),
            (Operation::EnterPaperForms, [false, false, false, false, false, false, false, false, true, false]),
            (Operation::ReadOwnStaffAccount, [false, false, false, false, false, false, false, false, true, true]),
            (Operation::LookAtSharedRecords, [false, false, false, false, false, false, false, false, false, true]),
            (Operation::LookOnBehalfOfStaff, [false, false, false, false, true, false, false, false, false, false]),
            (Operation::RecordPresentations, [false, false, false, false, false, false, false, false, true, false]),
            (Operation::ReadOwnAccessRecord, [false, false, false, true, false, true, true, false, false, false]),
            (
                Operation::ManageOwnCareRelationships,
                [false, false, false, true, false, false, true, false, false, false],
            ),
            (Operation::ReviewAccess, [false, true, true, false, false, false, false, false, false, false]),
            (Operation::VerifyAudit, [false, true, true, false, false, false, false, false, false, false]),
            (Operation::ReadAuditCheckpoints, [true, true, true, true, true, true, true, true, true, true]),
            (Operation::ManageStaff, [false, true, true, false, false, false, false, false, false, false]),
        ];
        assert_eq!(expected.len(), Operation::ALL.len());
        for (op, row) in expected {
            for ((name, actor), allowed) in actors.iter().zip(row) {
                assert_eq!(permits(actor, op), allowed, "{name} × {op:?}");
            }
        }
        assert_eq!(require(&Actor::Anonymous, Operation::ManageNetworks), Err(Denied::SignInRequired));
        assert_eq!(require(&Actor::Anonymous, Operation::ReadOwnAccount), Err(Denied::SignInRequired));
        let resident = Actor::Resident { id: uuid::Uuid::nil() };
        assert_eq!(require(&resident, Operation::ManageNetworks), Err(Denied::Forbidden));
        assert_eq!(require(&resident, Operation::SubmitMedicalData), Err(Denied::Forbidden));
        assert_eq!(require(&Actor::Anonymous, Operation::SubmitMedicalData), Err(Denied::SignInRequired));
        assert_eq!(require(&proxy(Level::View), Operation::ManageOwnConsent), Err(Denied::ProxyNotAllowed));
        assert_eq!(require(&proxy(Level::Manage), Operation::EraseOwnMedicalData), Err(Denied::ProxyNotAllowed));
        // Unconfirmed: what the link would allow waits for its confirmation; what it never allows stays refused.
        assert_eq!(require(&unconfirmed(Level::Manage), Operation::ReadOwnHealthRecord), Err(Denied::ProxyUnconfirmed));
        assert_eq!(require(&unconfirmed(Level::View), Operation::ManageOwnConsent), Err(Denied::ProxyNotAllowed));
        assert_eq!(require(&unconfirmed(Level::Manage), Operation::ManageOwnProxies), Err(Denied::ProxyNotAllowed));
        assert!(sees_access_traces(&resident));
        assert!(!sees_access_traces(&proxy(Level::Manage)));
    }

    fn staff(role: Role) -> Actor {
        Actor::Staff { id: uuid::Uuid::nil(), facility_id: uuid::Uuid::nil(), role }
    }

    fn proxy(level: Level) -> Actor {
        let id = uuid::Uuid::nil();
        Actor::Proxy { id, subject: uuid::Uuid::max(), link: id, level, confirmed: true }
    }

    fn unconfirmed(level: Level) -> Actor {
        let id = uuid::Uuid::nil();
        Actor::Proxy { id, subject: uuid::Uuid::max(), link: id, level, confirmed: false }
    }
}
