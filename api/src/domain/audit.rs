//! What the audit log records. Every state-changing operation appends one
//! entry in the same transaction as the change: who (actor), on whose behalf,
//! what (action and subject), through which channel, and when.

use std::fmt;

/// The action names are stable: they are stored and shown to residents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    NetworkCreated,
    /// A network changed which parts of the record a profession sees.
    NetworkRolePartsChanged,
    FacilityCreated,
    DemoSeeded,
    MailQueued,
    EntryPointCreated,
    EntryPointDisabled,
    ConsentDocumentPublished,
    RegistrationStarted,
    ResidentRegistered,
    RegistrationHeld,
    ConsentGiven,
    PasskeyAdded,
    SignedIn,
    SignedOut,
    FacilityKeyIssued,
    FacilityKeyRevoked,
    /// A facility's system sent records about a resident (one entry per
    /// resident per submission; the detail says how many and in which format).
    MedicalDataReceived,
    /// The resident downloaded their summary as FHIR.
    HealthRecordExported,
    EmergencyContactSet,
    /// A consent in force agreed again, to a newer document version.
    ConsentRenewed,
    ConsentWithdrawn,
    /// The person downloaded everything held about them.
    DataExported,
    CorrectionRequested,
    CorrectionAnswered,
    /// The person's medical data erased at their request.
    MedicalDataErased,
    /// A family member registered a person to act for them.
    ProxyRegistered,
    /// A family member became a proxy by accepting the person's invitation.
    ProxyLinked,
    /// A proxy link ended (by the person or the proxy).
    ProxyRevoked,
    /// The person invited someone to act for them.
    ProxyInvited,
    ProxyInvitationCancelled,
    /// A person registered by someone else created their own sign-in.
    SignInClaimed,
    /// A proxy looked at the person's summary or emergency card.
    HealthRecordViewed,
    /// The person hid a record from their proxies, or showed it again.
    RecordVisibilityChanged,
    /// The network office invited a staff member (with a one-time enrolment link).
    StaffInvited,
    StaffDisabled,
    /// A staff member created their passkey with their enrolment code.
    StaffEnrolled,
    /// Reception looked for people registered with the same name and birth date.
    DuplicateCheck,
    /// A claim sheet printed at reception (a reissue voids the one before).
    ClaimSheetIssued,
    /// Reception corrected a paper entry (the detail names the fields, never their values).
    PaperEntryCorrected,
    /// A staff member's look-up (number and birth date) that found nobody.
    PersonNotFound,
    /// Reception read its facility's paper entries (a day's list, or one
    /// entry with the person's details).
    PaperEntriesViewed,
    /// A facility's staff member opened a person's shared record.
    SharedRecordViewed,
    /// A facility's staff member asked for a record and was shown nothing.
    SharedRecordRefused,
    /// A staff member opened a person's record without a care relationship,
    /// stating an emergency reason.
    EmergencyAccessOpened,
    /// The network office reviewed an emergency access.
    EmergencyAccessReviewed,
    /// A facility may now look: reception recorded that the person presented
    /// at the desk, or the person showed their registration QR.
    CareRelationshipStarted,
    /// The person (or their proxy) ended a facility's care relationship.
    CareRelationshipEnded,
    /// The person made a new registration QR (the old one no longer works).
    RegistrationQrIssued,
    /// The person chose whether their proxies are mailed about looks.
    AccessAlertsChanged,
    /// The person (or a proxy) read the record of who looked.
    AccessRecordViewed,
    /// An operator made a backup of the whole database.
    BackupMade,
    /// A proxy link was confirmed or renewed (by the person, reception or
    /// the network office), with its basis and next review date.
    ProxyConfirmed,
    /// The network office closed a review item it had dealt with.
    ReviewResolved,
    /// A new insurance was added to a person's record (by them, a proxy, or
    /// reception at the desk), or refused as another person's card.
    InsuranceAdded,
    /// The network office combined two records of one person: the retired
    /// record's id and number are in the detail.
    PersonMerged,
    /// The network office was shown what combining two records would do
    /// (both people's details).
    PersonMergePreviewed,
}

/// The reads and looks a person's access record (`/me/access`) lists; the
/// data download holds every entry about them. A proxy is not shown what
/// facilities sent (`medical_data.received`), which would trace records
/// hidden from them.
pub const ACCESS_RECORD: [AuditAction; 13] = [
    AuditAction::SharedRecordViewed,
    AuditAction::SharedRecordRefused,
    AuditAction::EmergencyAccessOpened,
    AuditAction::EmergencyAccessReviewed,
    AuditAction::CareRelationshipStarted,
    AuditAction::CareRelationshipEnded,
    AuditAction::HealthRecordViewed,
    AuditAction::HealthRecordExported,
    AuditAction::DataExported,
    AuditAction::AccessRecordViewed,
    AuditAction::DuplicateCheck,
    AuditAction::PaperEntriesViewed,
    AuditAction::MedicalDataReceived,
];

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NetworkCreated => "network.created",
            Self::NetworkRolePartsChanged => "network.role_parts_changed",
            Self::FacilityCreated => "facility.created",
            Self::DemoSeeded => "demo.seeded",
            Self::MailQueued => "mail.queued",
            Self::EntryPointCreated => "entry_point.created",
            Self::EntryPointDisabled => "entry_point.disabled",
            Self::ConsentDocumentPublished => "consent_document.published",
            Self::RegistrationStarted => "registration.started",
            Self::ResidentRegistered => "resident.registered",
            Self::RegistrationHeld => "registration.held",
            Self::ConsentGiven => "consent.given",
            Self::PasskeyAdded => "passkey.added",
            Self::SignedIn => "session.signed_in",
            Self::SignedOut => "session.signed_out",
            Self::FacilityKeyIssued => "facility_key.issued",
            Self::FacilityKeyRevoked => "facility_key.revoked",
            Self::MedicalDataReceived => "medical_data.received",
            Self::HealthRecordExported => "health_record.exported",
            Self::EmergencyContactSet => "emergency_contact.set",
            Self::ConsentRenewed => "consent.renewed",
            Self::ConsentWithdrawn => "consent.withdrawn",
            Self::DataExported => "data.exported",
            Self::CorrectionRequested => "correction.requested",
            Self::CorrectionAnswered => "correction.answered",
            Self::MedicalDataErased => "medical_data.erased",
            Self::ProxyRegistered => "proxy.registered",
            Self::ProxyLinked => "proxy.linked",
            Self::ProxyRevoked => "proxy.revoked",
            Self::ProxyInvited => "proxy.invited",
            Self::ProxyInvitationCancelled => "proxy.invitation_cancelled",
            Self::SignInClaimed => "sign_in.claimed",
            Self::HealthRecordViewed => "health_record.viewed",
            Self::RecordVisibilityChanged => "record.visibility_changed",
            Self::StaffInvited => "staff.invited",
            Self::BackupMade => "backup.made",
            Self::StaffDisabled => "staff.disabled",
            Self::StaffEnrolled => "staff.enrolled",
            Self::DuplicateCheck => "reception.duplicate_check",
            Self::ClaimSheetIssued => "reception.claim_sheet_issued",
            Self::PaperEntryCorrected => "reception.entry_corrected",
            Self::PersonNotFound => "reception.person_not_found",
            Self::PaperEntriesViewed => "reception.entries_viewed",
            Self::SharedRecordViewed => "shared_record.viewed",
            Self::SharedRecordRefused => "shared_record.refused",
            Self::EmergencyAccessOpened => "emergency_access.opened",
            Self::EmergencyAccessReviewed => "emergency_access.reviewed",
            Self::CareRelationshipStarted => "care_relationship.started",
            Self::CareRelationshipEnded => "care_relationship.ended",
            Self::RegistrationQrIssued => "registration_qr.issued",
            Self::AccessAlertsChanged => "access_alerts.changed",
            Self::AccessRecordViewed => "access_record.viewed",
            Self::InsuranceAdded => "insurance.added",
            Self::ProxyConfirmed => "proxy.confirmed",
            Self::ReviewResolved => "review.resolved",
            Self::PersonMerged => "person.merged",
            Self::PersonMergePreviewed => "person.merge_previewed",
        }
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The channel through which a change arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// The web app or API.
    Web,
    /// A paper form entered by reception staff.
    Paper,
    /// The `renkei admin` command line.
    Cli,
    /// renkei itself.
    System,
    /// A facility's system over the intake API.
    Api,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Web => "web",
            Self::Paper => "paper",
            Self::Cli => "cli",
            Self::System => "system",
            Self::Api => "api",
        }
    }
}

/// The kind of thing an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    Network,
    Facility,
    Mail,
    EntryPoint,
    ConsentDocument,
    Registration,
    Resident,
    Consent,
    FacilityKey,
    CorrectionRequest,
    ProxyLink,
    ProxyInvitation,
    Staff,
    PaperEntry,
}

impl SubjectKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Network => "network",
            Self::Facility => "facility",
            Self::Mail => "mail",
            Self::EntryPoint => "entry_point",
            Self::ConsentDocument => "consent_document",
            Self::Registration => "registration",
            Self::Resident => "resident",
            Self::Consent => "consent",
            Self::FacilityKey => "facility_key",
            Self::CorrectionRequest => "correction_request",
            Self::ProxyLink => "proxy_link",
            Self::ProxyInvitation => "proxy_invitation",
            Self::Staff => "staff",
            Self::PaperEntry => "paper_entry",
        }
    }
}

/// Audit actions whose detail is dropped when medical data is erased.
pub const REDUCED_ON_ERASURE: [AuditAction; 4] = [
    AuditAction::MedicalDataReceived,
    AuditAction::HealthRecordExported,
    AuditAction::DataExported,
    AuditAction::EmergencyContactSet,
];

/// Whether an entry of this action (as stored) is one an erasure reduces.
pub fn reduced_on_erasure(action: &str) -> bool {
    REDUCED_ON_ERASURE.iter().any(|a| a.as_str() == action)
}
