//! Family proxies: a person (often an elderly parent) and the family members
//! or guardian who act for them. The rules a reader looks for live here:
//! the relationships and levels there are, what each level may do (see
//! `access` for the table), how many proxies a person may have, how long an
//! invitation and a claim code last, and which links would be loops.

use chrono::Duration;

use super::{FieldErrorCode, text};

/// At most this many active proxies per person (open invitations count too,
/// so a person cannot be promised a sixth).
pub const MAX_ACTIVE: usize = 5;
/// An invitation to act for someone works this long.
pub const INVITATION_TTL: Duration = Duration::days(30);
/// A claim code (a person's way to their own sign-in) works this long.
pub const CLAIM_TTL: Duration = Duration::days(30);
/// Invitation and claim codes: 12 symbols and a check character.
pub const CODE_LEN: usize = 12;
/// The free-text note on why the person does not register themselves.
pub const REASON_NOTE_MAX_CHARS: usize = 200;

/// Defines a closed list of values stored as text, with `parse` that
/// normalises (NFKC) and refuses anything outside the list.
macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$(Self::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $s),+ }
            }

            pub fn parse(input: &str) -> Result<Self, FieldErrorCode> {
                let s = text::normalize(input);
                if s.is_empty() {
                    return Err(FieldErrorCode::Required);
                }
                Self::ALL.iter().copied().find(|v| v.as_str() == s).ok_or(FieldErrorCode::UnknownValue)
            }
        }
    };
}

text_enum! {
    /// The proxy's relationship to the person they act for.
    Relationship {
        /// The proxy is the person's child.
        Child => "child",
        Spouse => "spouse",
        Sibling => "sibling",
        /// The proxy is the person's grandchild.
        Grandchild => "grandchild",
        OtherRelative => "other_relative",
        /// A court-appointed guardian (成年後見人 and the like).
        LegalGuardian => "legal_guardian",
        Other => "other",
    }
}

text_enum! {
    /// Where a proxy link stands.
    LinkState {
        /// The proxy acts for the person.
        Active => "active",
        /// Ended, by the person or by the proxy stepping down.
        Revoked => "revoked",
    }
}

impl LinkState {
    /// A link ended at `revoked_at`, or not.
    pub fn of(revoked_at: Option<chrono::DateTime<chrono::Utc>>) -> Self {
        if revoked_at.is_some() { Self::Revoked } else { Self::Active }
    }
}

text_enum! {
    /// What a proxy may do for the person.
    Level {
        /// See the summary, the emergency card and the consents.
        View => "view",
        /// Also join and withdraw networks, set the emergency contact,
        /// download everything and ask for corrections.
        Manage => "manage",
    }
}

text_enum! {
    /// Why the person does not register themselves.
    Reason {
        NoPhone => "no_phone",
        CannotOperate => "cannot_operate",
        Illness => "illness",
        Cognitive => "cognitive",
        Other => "other",
    }
}

text_enum! {
    /// What the proxy attests when registering someone.
    Attestation {
        /// The person agreed to join and to be registered by this proxy.
        PersonAgreed => "person_agreed",
        /// The proxy is the person's legal representative.
        LegalRepresentative => "legal_representative",
    }
}

text_enum! {
    /// How a link came about.
    Via {
        /// The proxy registered the person.
        Registration => "registration",
        /// The person invited the proxy.
        Invitation => "invitation",
        /// The proxy named on a paper form, with the claim sheet reception printed.
        ClaimSheet => "claim_sheet",
    }
}

text_enum! {
    /// Why a proxy may act for the person: what confirmed the link.
    Basis {
        /// The person themselves agreed: they invited the proxy, or
        /// confirmed the link signed in as themselves.
        PersonAgreed => "person_agreed",
        /// The proxy is the person's legal representative (成年後見人 and
        /// the like), which the network office confirmed from documents.
        LegalRepresentative => "legal_representative",
        /// Reception at a participating facility checked both people's
        /// identity documents (or the paper form's proxy box).
        ReceptionVerified => "reception_verified",
    }
}

text_enum! {
    /// Who confirmed a link.
    ConfirmedBy {
        Person => "person",
        Staff => "staff",
        Operator => "operator",
    }
}

/// A confirmed link is reviewed this many months after its confirmation.
pub const REVIEW_AFTER_MONTHS: u32 = 12;
/// Both people are mailed this many days before a link's review date.
pub const REVIEW_NOTICE_DAYS: i64 = 30;

/// The day a link confirmed on `day` is next reviewed.
pub fn review_on(day: chrono::NaiveDate) -> chrono::NaiveDate {
    day.checked_add_months(chrono::Months::new(REVIEW_AFTER_MONTHS)).unwrap_or(day)
}

/// Whether a proxy may act for the person now: only a confirmed link before
/// its review date lets the proxy see the person's medical data or act for
/// them; an unconfirmed link, or one past its review date, shows the proxy
/// only where the person's registration stands until it is confirmed (again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Confirmed,
    /// Made online by the proxy registering the person: waits for the
    /// person, reception or the network office to confirm it.
    Unconfirmed,
    /// Its review date has come: paused until renewed.
    ReviewDue,
}

impl Standing {
    pub const ALL: [Standing; 3] = [Self::Confirmed, Self::Unconfirmed, Self::ReviewDue];

    pub fn of(
        confirmed_at: Option<chrono::DateTime<chrono::Utc>>,
        review_on: Option<chrono::NaiveDate>,
        today: chrono::NaiveDate,
    ) -> Self {
        match (confirmed_at, review_on) {
            (None, _) => Self::Unconfirmed,
            (Some(_), Some(r)) if today >= r => Self::ReviewDue,
            (Some(_), _) => Self::Confirmed,
        }
    }

    /// Whether a link, active or not, lets its proxy act for the person on
    /// `today` (and so be told what the person is told about their record).
    pub fn acts(
        revoked_at: Option<chrono::DateTime<chrono::Utc>>,
        confirmed_at: Option<chrono::DateTime<chrono::Utc>>,
        review_on: Option<chrono::NaiveDate>,
        today: chrono::NaiveDate,
    ) -> bool {
        revoked_at.is_none() && Self::of(confirmed_at, review_on, today) == Self::Confirmed
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Unconfirmed => "unconfirmed",
            Self::ReviewDue => "review_due",
        }
    }
}

/// The optional note on the reason: trimmed, at most 200 characters, no
/// control characters; empty means none.
pub fn parse_reason_note(input: Option<&str>) -> Result<Option<String>, FieldErrorCode> {
    let Some(s) = input.map(text::normalize) else {
        return Ok(None);
    };
    let s = s.trim().to_owned();
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().count() > REASON_NOTE_MAX_CHARS {
        return Err(FieldErrorCode::TooLong);
    }
    if !s.chars().all(text::is_allowed_in_name) {
        return Err(FieldErrorCode::InvalidCharacters);
    }
    Ok(Some(s))
}

/// Why a new link between a proxy and a person is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRefused {
    /// A person cannot act for themselves (their own invitation, or
    /// registering themselves as someone they act for).
    OwnRecord,
    /// The proxy already acts for this person.
    AlreadyLinked,
    /// The person has the most proxies allowed.
    Limit,
}

/// Whether `proxy` may become a proxy of `subject` now, given the person's
/// active links (their proxies' ids) and how many open invitations besides
/// the one being used (`other_open_invitations`).
pub fn may_link(
    proxy: uuid::Uuid,
    subject: uuid::Uuid,
    active_proxies: &[uuid::Uuid],
    other_open_invitations: usize,
) -> Result<(), LinkRefused> {
    if proxy == subject {
        return Err(LinkRefused::OwnRecord);
    }
    if active_proxies.contains(&proxy) {
        return Err(LinkRefused::AlreadyLinked);
    }
    if active_proxies.len() + other_open_invitations >= MAX_ACTIVE {
        return Err(LinkRefused::Limit);
    }
    Ok(())
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationState {
    Open,
    Accepted,
    Cancelled,
    Expired,
}

impl InvitationState {
    pub fn of(
        accepted: bool,
        cancelled: bool,
        expires_at: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Self {
        if accepted {
            Self::Accepted
        } else if cancelled {
            Self::Cancelled
        } else if expires_at <= now {
            Self::Expired
        } else {
            Self::Open
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Accepted => "accepted",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
        }
    }
}

/// Whether a claim code (from family's registration mail or reception's
/// sheet) can still be used: not spent, not replaced (claiming voids every
/// other code of the person), within its time, the birth date given is the
/// person's, and the person has no address of their own confirmed — such a
/// person recovers by mail, and no sheet or link speaks for them.
pub fn claim_usable(
    spent_or_voided: bool,
    expires_at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
    birth_date_matches: bool,
    address_confirmed: bool,
) -> bool {
    !spent_or_voided && expires_at > now && birth_date_matches && !address_confirmed
}

/// Whether reception may print a person a new claim sheet: only while the
/// person has no address of their own confirmed (until then their way in,
/// or back in after losing a passkey, is a sheet handed over at the desk).
pub fn sheet_reissuable(address_confirmed: bool) -> bool {
    !address_confirmed
}

/// Whether a claim code may make the one using it a proxy: only a sheet
/// reception printed for a paper form whose proxy box names someone (the
/// person's own link, mailed to them, is no way in for whoever reads it).
pub fn claim_gives_proxy_role(issued_by_staff: bool, form_names_a_proxy: bool) -> bool {
    issued_by_staff && form_names_a_proxy
}

/// Whether a person may issue one more invitation.
pub fn may_invite(active_proxies: usize, open_invitations: usize) -> bool {
    active_proxies + open_invitations < MAX_ACTIVE
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn values_outside_the_lists_are_refused() {
        assert_eq!(Relationship::parse("child"), Ok(Relationship::Child));
        assert_eq!(Relationship::parse("ｃｈｉｌｄ"), Ok(Relationship::Child));
        assert_eq!(Relationship::parse("neighbour"), Err(FieldErrorCode::UnknownValue));
        assert_eq!(Relationship::parse(" "), Err(FieldErrorCode::Required));
        assert_eq!(Level::parse("manage"), Ok(Level::Manage));
        assert_eq!(Level::parse("admin"), Err(FieldErrorCode::UnknownValue));
        assert_eq!(Reason::parse("no_phone"), Ok(Reason::NoPhone));
        assert_eq!(Attestation::parse("legal_representative"), Ok(Attestation::LegalRepresentative));
        assert_eq!(Attestation::parse(""), Err(FieldErrorCode::Required));
        for r in Relationship::ALL {
            assert_eq!(Relationship::parse(r.as_str()), Ok(*r));
        }
    }

    #[test]
    fn reason_notes_are_short_plain_text() {
        assert_eq!(parse_reason_note(None), Ok(None));
        assert_eq!(parse_reason_note(Some("  ")), Ok(None));
        assert_eq!(parse_reason_note(Some(" 目が不自由 ")), Ok(Some("目が不自由".into())));
        assert_eq!(parse_reason_note(Some(&"あ".repeat(201))), Err(FieldErrorCode::TooLong));
        assert_eq!(parse_reason_note(Some("a\u{7}b")), Err(FieldErrorCode::InvalidCharacters));
    }

    #[test]
    fn links_refuse_loops_repeats_and_a_sixth() {
        let (me, parent) = (Uuid::now_v7(), Uuid::now_v7());
        assert_eq!(may_link(me, me, &[], 0), Err(LinkRefused::OwnRecord));
        assert_eq!(may_link(me, parent, &[me], 0), Err(LinkRefused::AlreadyLinked));
        let four: Vec<Uuid> = (0..4).map(|_| Uuid::now_v7()).collect();
        assert_eq!(may_link(me, parent, &four, 0), Ok(()));
        assert_eq!(may_link(me, parent, &four, 1), Err(LinkRefused::Limit));
        let five: Vec<Uuid> = (0..5).map(|_| Uuid::now_v7()).collect();
        assert_eq!(may_link(me, parent, &five, 0), Err(LinkRefused::Limit));
        assert!(may_invite(4, 0));
        assert!(!may_invite(3, 2));
    }

    #[test]
    fn invitations_and_claims_end() {
        let now = chrono::Utc::now();
        let later = now + INVITATION_TTL;
        assert_eq!(InvitationState::of(false, false, later, now), InvitationState::Open);
        assert_eq!(InvitationState::of(false, false, now, now), InvitationState::Expired);
        assert_eq!(InvitationState::of(true, false, now, now), InvitationState::Accepted);
        assert_eq!(InvitationState::of(false, true, later, now), InvitationState::Cancelled);
        assert!(claim_usable(false, later, now, true, false));
        assert!(!claim_usable(true, later, now, true, false));
        assert!(!claim_usable(false, now, now, true, false));
        assert!(!claim_usable(false, later, now, false, false));
        assert!(!claim_usable(false, later, now, true, true), "the person recovers by mail");
        assert!(claim_gives_proxy_role(true, true));
        assert!(!claim_gives_proxy_role(false, true) && !claim_gives_proxy_role(true, false));
    }
}
