//! Who at a facility may look at a person's shared record, and at which
//! parts of it: the networks' promises to residents, as one table.
//!
//! - **A care relationship** lets a facility look: it sent data for the
//!   person, its reception recorded that the person presented at the desk,
//!   or the person showed their registration QR there. The person may end it
//!   from their phone.
//! - **Emergency access** (救急搬送, or the person cannot consent) opens the
//!   record without a relationship for [`EMERGENCY_FOR`], with a stated
//!   reason; the person is told at once and the network office reviews it.
//! - Either way only with the person's **current consent** in a network the
//!   facility belongs to, and only records kept under that consent (so
//!   nothing from before a withdrawal, or from the gap before a re-join).
//! - **Each profession sees the parts its work needs** ([`default_parts`]);
//!   a network may adjust its own table.
//!
//! Refusals carry their reason for the audit log only: the facility is
//! answered the same whether the person is unknown, has not consented, or
//! has no relationship with it (no oracle).

use chrono::{DateTime, Duration, Utc};

use super::public_id::PublicId;
use super::staff::Role;
use super::{FieldErrorCode, text};

/// How long an emergency access keeps the record open.
pub const EMERGENCY_FOR: Duration = Duration::hours(24);
/// The free text that goes with an emergency access's reason.
pub const REASON_NOTE_MAX_CHARS: usize = 200;

/// A part of a person's shared record, as a facility sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// The medicines dispensed or prescribed within their days of supply.
    CurrentMedicines,
    /// Every medicine recorded under the current consent.
    MedicationHistory,
    /// Drug and other allergies.
    Allergies,
    /// Drugs the person must not be given (禁忌), and adverse reactions.
    Contraindications,
    /// Whom to call.
    EmergencyContact,
}

impl Part {
    pub const ALL: [Part; 5] = [
        Self::CurrentMedicines,
        Self::MedicationHistory,
        Self::Allergies,
        Self::Contraindications,
        Self::EmergencyContact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::CurrentMedicines => "current_medicines",
            Self::MedicationHistory => "medication_history",
            Self::Allergies => "allergies",
            Self::Contraindications => "contraindications",
            Self::EmergencyContact => "emergency_contact",
        }
    }

    pub fn parse(input: &str) -> Result<Self, FieldErrorCode> {
        let s = text::normalize(input);
        let s = s.trim();
        if s.is_empty() {
            return Err(FieldErrorCode::Required);
        }
        Self::ALL.into_iter().find(|p| p.as_str() == s).ok_or(FieldErrorCode::UnknownValue)
    }
}

/// A set of parts (small and copyable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Parts(u8);

impl Parts {
    pub const NONE: Parts = Parts(0);

    pub fn of(parts: &[Part]) -> Self {
        parts.iter().fold(Self::NONE, |s, p| s.with(*p))
    }

    fn bit(part: Part) -> u8 {
        1 << (part as u8)
    }

    #[must_use]
    pub fn with(self, part: Part) -> Self {
        Self(self.0 | Self::bit(part))
    }

    #[must_use]
    pub fn without(self, part: Part) -> Self {
        Self(self.0 & !Self::bit(part))
    }

    /// The parts in both sets.
    #[must_use]
    pub fn and(self, other: Parts) -> Self {
        Self(self.0 & other.0)
    }

    pub fn contains(self, part: Part) -> bool {
        self.0 & Self::bit(part) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Part> {
        Part::ALL.into_iter().filter(move |p| self.contains(*p))
    }
}

/// What each profession sees unless its network has adjusted it.
///
/// Reasoned from the networks' promise that "each profession sees only what
/// its work needs" and the work itself:
/// - **doctors, dentists and pharmacists** prescribe, dispense and check
///   interactions and duplicates: everything, history included;
/// - **nurses** give medicines and watch for reactions, at the bedside and
///   on home visits: everything, history included (a reaction may be to a
///   medicine stopped last month);
/// - **care managers** plan care around today's treatment: current medicines,
///   allergies, contraindications and whom to call, not the prescription
///   history;
/// - **care workers** help with taking medicines and with meals: current
///   medicines, allergies (food allergies too) and whom to call; neither the
///   history nor the contraindications, which are decisions for prescribers;
/// - **reception and facility administrators** do paperwork: nothing.
pub fn default_parts(role: Role) -> Parts {
    use Part::*;
    match role {
        Role::Doctor | Role::Dentist | Role::Pharmacist | Role::Nurse => Parts::of(&Part::ALL),
        Role::CareManager => Parts::of(&[CurrentMedicines, Allergies, Contraindications, EmergencyContact]),
        Role::CareWorker => Parts::of(&[CurrentMedicines, Allergies, EmergencyContact]),
        Role::Reception | Role::FacilityAdmin => Parts::NONE,
    }
}

/// A network's choice of parts for a role, as an operator writes it:
/// comma-separated part names (spaces and width folded; empty: none).
/// Reception and administrators never see records, so they take none.
pub fn parse_role_parts(role: Role, input: &str) -> Result<Parts, FieldErrorCode> {
    let folded = text::normalize(input);
    let mut parts = Parts::NONE;
    for name in folded.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        parts = parts.with(Part::parse(name)?);
    }
    if !clinical(role) && !parts.is_empty() {
        return Err(FieldErrorCode::OutOfRange);
    }
    Ok(parts)
}

/// The stored form of a set of parts: names, comma-separated, in
/// [`Part::ALL`]'s order.
pub fn parts_text(parts: Parts) -> String {
    parts.iter().map(Part::as_str).collect::<Vec<_>>().join(",")
}

/// Reads the stored form back (a name no longer known is left out: it
/// shows nothing rather than refusing the whole table).
pub fn parts_from_text(stored: &str) -> Parts {
    stored.split(',').filter_map(|n| Part::parse(n).ok()).fold(Parts::NONE, Parts::with)
}

/// Whether a role may look at residents' records at all (and so may ask for
/// emergency access). Reception and administrators never may, whatever a
/// network's table says.
pub fn clinical(role: Role) -> bool {
    !matches!(role, Role::Reception | Role::FacilityAdmin)
}

/// What made a care relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The facility sent data for the person.
    SentData,
    /// Reception recorded that the person presented at the desk.
    PresentedAtDesk,
    /// The person showed their registration QR to the facility.
    ShowedQr,
}

impl Basis {
    pub const ALL: [Basis; 3] = [Self::SentData, Self::PresentedAtDesk, Self::ShowedQr];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SentData => "sent_data",
            Self::PresentedAtDesk => "presented_at_desk",
            Self::ShowedQr => "showed_qr",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == s)
    }
}

/// The length of the secret in a person's registration QR, without its
/// check character (40 bits: guessing is bounded by the staff member's
/// failed look-ups, [`super::rate::FAILED_LOOKUPS_PER_STAFF`]).
pub const QR_SECRET_LEN: usize = 8;
const QR_PREFIX: &str = "RENKEI";

/// What a person's registration QR holds: their registration number and a
/// secret only they are shown (on `/me` and their emergency card), as
/// `RENKEI:<number>:<secret>` (QR alphanumeric mode: a small code). Showing
/// it to a facility lets that facility look, as showing a network card does;
/// the number alone, which is printed on mails and forms, does not. The
/// person can make a new one, which voids the old.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonQr {
    pub number: PublicId,
    pub secret: PublicId,
}

impl PersonQr {
    pub fn generate(number: PublicId, rng: &mut impl rand::Rng) -> Self {
        Self { number, secret: PublicId::generate(QR_SECRET_LEN, rng) }
    }

    /// What a desk scanner types or a person reads out: the QR's text, or
    /// the number and the secret as shown under the QR, in any case, width
    /// or grouping.
    pub fn parse(input: &str) -> Result<Self, FieldErrorCode> {
        let folded = text::normalize(input).to_ascii_uppercase();
        let folded = folded.trim();
        if folded.is_empty() {
            return Err(FieldErrorCode::Required);
        }
        let body = folded.strip_prefix(QR_PREFIX).unwrap_or(folded);
        let chars: String =
            body.chars().filter(|c| !super::public_id::is_separator(*c) && !matches!(c, ':' | '/')).collect();
        let n = super::registration::NUMBER_LEN + 1;
        if chars.len() != n + QR_SECRET_LEN + 1 || !chars.is_ascii() {
            return Err(FieldErrorCode::InvalidFormat);
        }
        let (number, secret) = chars.split_at(n);
        Ok(Self {
            number: PublicId::parse(number, super::registration::NUMBER_LEN)?,
            secret: PublicId::parse(secret, QR_SECRET_LEN)?,
        })
    }

    /// The QR's text.
    pub fn payload(&self) -> String {
        format!("{QR_PREFIX}:{}:{}", self.number.as_str(), self.secret.as_str())
    }

    /// Whether `stored` is this QR's secret (in constant time).
    pub fn secret_is(&self, stored: &str) -> bool {
        use subtle::ConstantTimeEq;
        self.secret.as_str().as_bytes().ct_eq(stored.as_bytes()).into()
    }
}

/// How an ended relationship records that the person (rather than a
/// withdrawal or the office) ended it: `person`, or `proxy:<id>`.
pub const ENDED_BY_PERSON: &str = "person";

pub fn ended_by_proxy(proxy: impl std::fmt::Display) -> String {
    format!("proxy:{proxy}")
}

/// Whether an ended relationship was ended by the person or their proxy.
pub fn ended_by_person(ended_by: Option<&str>) -> bool {
    ended_by.is_some_and(|b| b == ENDED_BY_PERSON || b.starts_with("proxy:"))
}

/// What asking to start a relationship does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// A new relationship.
    Started,
    /// The facility has a live one (its first basis stays).
    AlreadyLive,
    /// The person ended this facility's last relationship: only their
    /// registration QR, shown again, starts a new one (not its sending data,
    /// nor its desk entering their card).
    EndedByPerson,
}

/// The facility's last relationship with the person, as the rule reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Last {
    pub live: bool,
    pub ended_by_person: bool,
}

/// Whether a relationship on `basis` starts, after the facility's `last`.
pub fn start(last: Option<Last>, basis: Basis) -> Start {
    match last {
        Some(l) if l.live => Start::AlreadyLive,
        Some(l) if l.ended_by_person && basis != Basis::ShowedQr => Start::EndedByPerson,
        _ => Start::Started,
    }
}

/// Why a staff member opens a record without a care relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmergencyReason {
    /// 救急搬送: brought in by ambulance.
    EmergencyTransport,
    /// The person cannot consent (unconscious, confused) and cannot show their QR.
    CannotConsent,
    /// Something else, said in the note (required).
    Other,
}

impl EmergencyReason {
    pub const ALL: [EmergencyReason; 3] = [Self::EmergencyTransport, Self::CannotConsent, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::EmergencyTransport => "emergency_transport",
            Self::CannotConsent => "cannot_consent",
            Self::Other => "other",
        }
    }

    pub fn parse(input: &str) -> Result<Self, FieldErrorCode> {
        let s = text::normalize(input);
        let s = s.trim();
        if s.is_empty() {
            return Err(FieldErrorCode::Required);
        }
        Self::ALL.into_iter().find(|r| r.as_str() == s).ok_or(FieldErrorCode::UnknownValue)
    }
}

/// The network office's finding on an emergency access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewOutcome {
    /// The access was justified.
    Appropriate,
    /// It was not: the office takes it up with the facility.
    Inappropriate,
}

impl ReviewOutcome {
    pub const ALL: [ReviewOutcome; 2] = [Self::Appropriate, Self::Inappropriate];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Appropriate => "appropriate",
            Self::Inappropriate => "inappropriate",
        }
    }

    pub fn parse(input: &str) -> Result<Self, FieldErrorCode> {
        let s = text::normalize(input);
        let s = s.trim();
        if s.is_empty() {
            return Err(FieldErrorCode::Required);
        }
        Self::ALL.into_iter().find(|r| r.as_str() == s).ok_or(FieldErrorCode::UnknownValue)
    }
}

/// The note with an emergency reason: required for `other`, at most
/// [`REASON_NOTE_MAX_CHARS`], no control characters.
pub fn parse_reason_note(reason: EmergencyReason, note: Option<&str>) -> Result<Option<String>, FieldErrorCode> {
    let note = note.map(|n| text::normalize(n).trim().to_owned()).filter(|n| !n.is_empty());
    match &note {
        None if reason == EmergencyReason::Other => Err(FieldErrorCode::Required),
        Some(n) if n.chars().count() > REASON_NOTE_MAX_CHARS => Err(FieldErrorCode::TooLong),
        Some(n) if n.chars().any(char::is_control) => Err(FieldErrorCode::InvalidCharacters),
        _ => Ok(note),
    }
}

/// Whether what a facility sent shows that it cared for the person: a
/// record it withdrew as a mistake (a medicine `entered-in-error`, an
/// allergy refuted or entered in error) does not, and starts no relationship.
pub fn shows_care(record: &super::fhir::Record) -> bool {
    use super::medication::{AllergyStatus, MedicationStatus};
    match record {
        super::fhir::Record::Medication(m) => m.status != MedicationStatus::EnteredInError,
        super::fhir::Record::Allergy(a) => a.status != AllergyStatus::Void,
    }
}

/// Whether a relationship or an emergency access begun at `began` counts:
/// only under a consent in force now (given at one of `consents_given`), so
/// one from before a withdrawal does not reopen the record after a re-join.
pub fn began_under_consent(began: DateTime<Utc>, consents_given: &[DateTime<Utc>]) -> bool {
    consents_given.iter().any(|given| began >= *given)
}

/// The parts shown when the person consents in several of the facility's
/// networks: only what every one of their tables allows (the view does not
/// tell records apart by network, so no network's rule is exceeded).
pub fn parts_of_all(tables: &[Parts]) -> Parts {
    match tables.split_first() {
        None => Parts::NONE,
        Some((first, rest)) => rest.iter().fold(*first, |all, t| all.and(*t)),
    }
}

/// What the rules are asked about one look.
#[derive(Debug, Clone, Copy)]
pub struct Situation {
    pub role: Role,
    /// The person has a consent in force in a network the facility belongs to.
    pub consent_shared: bool,
    /// The facility has a care relationship with the person that the person
    /// has not ended.
    pub relationship: bool,
    /// The end of an emergency access this staff member's facility opened,
    /// if any.
    pub emergency_until: Option<DateTime<Utc>>,
    /// The parts the network's table gives this role.
    pub parts: Parts,
    pub now: DateTime<Utc>,
}

/// Why nothing is shown (for the audit log; the facility is told only
/// "nothing to show").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Reception and administrators do not look at records.
    NotClinical,
    /// No consent in force in a network of this facility.
    NoConsent,
    /// Neither a care relationship nor a live emergency access.
    NoRelationship,
    /// The role's table gives it no part.
    NothingForRole,
}

impl Refused {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotClinical => "not_clinical",
            Self::NoConsent => "no_consent",
            Self::NoRelationship => "no_relationship",
            Self::NothingForRole => "nothing_for_role",
        }
    }
}

/// What a look may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowed {
    pub parts: Parts,
    /// Open only because of an emergency access (until then).
    pub emergency_until: Option<DateTime<Utc>>,
}

/// The rule: whether this look shows anything, and what.
pub fn decide(s: &Situation) -> Result<Allowed, Refused> {
    if !clinical(s.role) {
        return Err(Refused::NotClinical);
    }
    if !s.consent_shared {
        return Err(Refused::NoConsent);
    }
    let emergency = s.emergency_until.filter(|until| *until > s.now);
    if !s.relationship && emergency.is_none() {
        return Err(Refused::NoRelationship);
    }
    if s.parts.is_empty() {
        return Err(Refused::NothingForRole);
    }
    Ok(Allowed { parts: s.parts, emergency_until: if s.relationship { None } else { emergency } })
}

/// Whether a staff member may open an emergency access for a person: a
/// clinical role that its network's table gives some part, and the person's
/// consent in force in a network of the facility (emergency access widens
/// who may look, never what consent allows; a role that would be shown
/// nothing opens nothing for its colleagues).
pub fn may_open_emergency(role: Role, consent_shared: bool, parts: Parts) -> Result<(), Refused> {
    if !clinical(role) {
        return Err(Refused::NotClinical);
    }
    if !consent_shared {
        return Err(Refused::NoConsent);
    }
    if parts.is_empty() {
        return Err(Refused::NothingForRole);
    }
    Ok(())
}

/// Use the network office is shown, never blocked (care must not wait):
/// a staff member or a facility's system that, in [`UNUSUAL_WINDOW`],
/// - looked at more than [`UNUSUAL_PEOPLE`] different people (a ward nurse
///   sees perhaps twenty a day; a hundred is a search, not care),
/// - opened more than [`UNUSUAL_EMERGENCIES`] emergency accesses (an
///   emergency department's doctor may open a few a day), or
/// - was refused more than [`UNUSUAL_REFUSALS`] times (guessing numbers;
///   the failed look-up limit slows it, this names it).
pub const UNUSUAL_WINDOW: Duration = Duration::hours(24);
pub const UNUSUAL_PEOPLE: usize = 50;
pub const UNUSUAL_EMERGENCIES: usize = 5;
pub const UNUSUAL_REFUSALS: usize = 10;
/// Refusals summed over a facility's staff and systems in [`UNUSUAL_WINDOW`]
/// above which the facility is shown (guessing spread over many accounts
/// stays under each one's bound).
pub const UNUSUAL_FACILITY_REFUSALS: usize = 30;

/// What one reader did in [`UNUSUAL_WINDOW`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Use {
    pub people: usize,
    pub emergencies: usize,
    pub refusals: usize,
}

/// Why a reader's use is shown to the network office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusual {
    ManyPeople,
    ManyEmergencies,
    ManyRefusals,
}

impl Unusual {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ManyPeople => "many_people",
            Self::ManyEmergencies => "many_emergencies",
            Self::ManyRefusals => "many_refusals",
        }
    }
}

/// A facility's use, summed over its staff and systems: only refusals
/// (a hospital looks at many people a day).
pub fn unusual_facility(u: Use) -> Vec<Unusual> {
    if u.refusals > UNUSUAL_FACILITY_REFUSALS { vec![Unusual::ManyRefusals] } else { Vec::new() }
}

pub fn unusual(u: Use) -> Vec<Unusual> {
    let mut out = Vec::new();
    if u.people > UNUSUAL_PEOPLE {
        out.push(Unusual::ManyPeople);
    }
    if u.emergencies > UNUSUAL_EMERGENCIES {
        out.push(Unusual::ManyEmergencies);
    }
    if u.refusals > UNUSUAL_REFUSALS {
        out.push(Unusual::ManyRefusals);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn after_the_person_stops_a_facility_only_their_qr_starts_a_relationship() {
        let stopped = Some(Last { live: false, ended_by_person: true });
        let withdrawn = Some(Last { live: false, ended_by_person: false });
        let live = Some(Last { live: true, ended_by_person: false });
        for basis in Basis::ALL {
            assert_eq!(start(None, basis), Start::Started);
            assert_eq!(start(withdrawn, basis), Start::Started, "a withdrawal is no stop");
            assert_eq!(start(live, basis), Start::AlreadyLive);
            let expected = if basis == Basis::ShowedQr { Start::Started } else { Start::EndedByPerson };
            assert_eq!(start(stopped, basis), expected, "{basis:?}");
        }
        assert!(ended_by_person(Some(ENDED_BY_PERSON)));
        assert!(ended_by_person(Some(&ended_by_proxy(uuid::Uuid::nil()))));
        assert!(!ended_by_person(Some("withdrawal")) && !ended_by_person(Some("office")) && !ended_by_person(None));
    }

    #[test]
    fn unusual_use_is_named_above_each_bound_only() {
        assert!(unusual(Use::default()).is_empty());
        let at = Use { people: UNUSUAL_PEOPLE, emergencies: UNUSUAL_EMERGENCIES, refusals: UNUSUAL_REFUSALS };
        assert!(unusual(at).is_empty());
        assert_eq!(unusual(Use { people: UNUSUAL_PEOPLE + 1, ..at }), vec![Unusual::ManyPeople]);
        assert_eq!(unusual(Use { emergencies: UNUSUAL_EMERGENCIES + 1, ..at }), vec![Unusual::ManyEmergencies]);
        assert_eq!(unusual(Use { refusals: UNUSUAL_REFUSALS + 1, ..at }), vec![Unusual::ManyRefusals]);
        let many = Use { people: 10_000, emergencies: 100, refusals: UNUSUAL_FACILITY_REFUSALS };
        assert!(unusual_facility(many).is_empty(), "a busy hospital");
        assert_eq!(
            unusual_facility(Use { refusals: UNUSUAL_FACILITY_REFUSALS + 1, ..many }),
            vec![Unusual::ManyRefusals]
        );
    }

    #[test]
    fn a_persons_qr_reads_back_as_scanned_or_typed() {
        let mut rng = rand::rng();
        for _ in 0..100 {
            let number = PublicId::generate(crate::domain::registration::NUMBER_LEN, &mut rng);
            let qr = PersonQr::generate(number.clone(), &mut rng);
            assert_eq!(PersonQr::parse(&qr.payload()), Ok(qr.clone()));
            assert_eq!(PersonQr::parse(&qr.payload().to_lowercase()), Ok(qr.clone()));
            let typed = format!("{} {}", qr.number, qr.secret);
            assert_eq!(PersonQr::parse(&typed), Ok(qr.clone()));
            assert!(qr.secret_is(qr.secret.as_str()));
            assert!(!qr.secret_is(number.as_str()));
        }
        assert_eq!(PersonQr::parse(" "), Err(FieldErrorCode::Required));
        assert_eq!(PersonQr::parse("RENKEI:123"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(PersonQr::parse("https://example.com/r/ABCDEFGHJKMNPQRS"), Err(FieldErrorCode::InvalidFormat));
        // The registration number alone is not a QR.
        let number = PublicId::generate(crate::domain::registration::NUMBER_LEN, &mut rng);
        assert_eq!(PersonQr::parse(number.as_str()), Err(FieldErrorCode::InvalidFormat));
        // A mistyped secret is caught by its check character (or, rarely, a
        // remainder that codes never carry).
        let qr = PersonQr::generate(number, &mut rng);
        let mut typo = qr.payload();
        let last = typo.pop().unwrap();
        typo.push(if last == '0' { '1' } else { '0' });
        assert!(matches!(PersonQr::parse(&typo), Err(FieldErrorCode::CheckDigit)));
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 6, 3, 0, 0).unwrap()
    }

    /// Every role × relationship × consent × emergency (none, live, over):
    /// what is shown, against the rule written out plainly.
    #[test]
    fn the_matrix() {
        let emergencies = [None, Some(now() + Duration::hours(1)), Some(now() - Duration::seconds(1))];
        let mut allowed = 0;
        for role in Role::ALL {
            for relationship in [false, true] {
                for consent_shared in [false, true] {
                    for emergency_until in emergencies {
                        let s = Situation {
                            role,
                            consent_shared,
                            relationship,
                            emergency_until,
                            parts: default_parts(role),
                            now: now(),
                        };
                        let live = emergency_until.is_some_and(|u| u > now());
                        let expected = if !clinical(role) {
                            Err(Refused::NotClinical)
                        } else if !consent_shared {
                            Err(Refused::NoConsent)
                        } else if !relationship && !live {
                            Err(Refused::NoRelationship)
                        } else {
                            Ok(Allowed {
                                parts: default_parts(role),
                                emergency_until: if relationship { None } else { emergency_until },
                            })
                        };
                        assert_eq!(
                            decide(&s),
                            expected,
                            "{role:?} rel={relationship} consent={consent_shared} {emergency_until:?}"
                        );
                        allowed += usize::from(expected.is_ok());
                    }
                }
            }
        }
        // 6 clinical roles × (relationship: 3 emergency states + no relationship: 1 live).
        assert_eq!(allowed, 6 * 4);
    }

    #[test]
    fn each_profession_sees_what_its_work_needs() {
        use Part::*;
        let sees = |role| default_parts(role).iter().collect::<Vec<_>>();
        for role in [Role::Doctor, Role::Dentist, Role::Pharmacist, Role::Nurse] {
            assert_eq!(sees(role), Part::ALL.to_vec(), "{role:?}");
        }
        assert_eq!(sees(Role::CareManager), vec![CurrentMedicines, Allergies, Contraindications, EmergencyContact]);
        assert_eq!(sees(Role::CareWorker), vec![CurrentMedicines, Allergies, EmergencyContact]);
        assert!(default_parts(Role::Reception).is_empty());
        assert!(default_parts(Role::FacilityAdmin).is_empty());
    }

    #[test]
    fn a_network_that_takes_every_part_from_a_role_shows_it_nothing() {
        let s = Situation {
            role: Role::CareWorker,
            consent_shared: true,
            relationship: true,
            emergency_until: None,
            parts: Parts::NONE,
            now: now(),
        };
        assert_eq!(decide(&s), Err(Refused::NothingForRole));
    }

    #[test]
    fn a_table_cannot_open_records_to_reception() {
        let s = Situation {
            role: Role::Reception,
            consent_shared: true,
            relationship: true,
            emergency_until: None,
            parts: Parts::of(&Part::ALL),
            now: now(),
        };
        assert_eq!(decide(&s), Err(Refused::NotClinical));
        let all = Parts::of(&Part::ALL);
        assert_eq!(may_open_emergency(Role::FacilityAdmin, true, all), Err(Refused::NotClinical));
        assert_eq!(may_open_emergency(Role::Nurse, false, all), Err(Refused::NoConsent));
        assert_eq!(may_open_emergency(Role::Nurse, true, all), Ok(()));
        assert_eq!(may_open_emergency(Role::CareWorker, true, Parts::NONE), Err(Refused::NothingForRole));
    }

    #[test]
    fn parts_and_reasons_read_back_what_they_write() {
        for p in Part::ALL {
            assert_eq!(Part::parse(p.as_str()), Ok(p));
        }
        assert_eq!(Part::parse("ｃｕｒｒｅｎｔ_medicines"), Ok(Part::CurrentMedicines), "full width folded");
        assert_eq!(Part::parse("diagnoses"), Err(FieldErrorCode::UnknownValue));
        for r in EmergencyReason::ALL {
            assert_eq!(EmergencyReason::parse(r.as_str()), Ok(r));
        }
        for b in Basis::ALL {
            assert_eq!(Basis::parse(b.as_str()), Some(b));
        }
        let both = Parts::of(&[Part::Allergies, Part::CurrentMedicines]).and(Parts::of(&[Part::Allergies]));
        assert_eq!(both, Parts::of(&[Part::Allergies]));
        let set = Parts::of(&[Part::Allergies]).with(Part::EmergencyContact).without(Part::Allergies);
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![Part::EmergencyContact]);
    }

    #[test]
    fn a_network_writes_its_table_in_part_names() {
        use Part::*;
        assert_eq!(
            parse_role_parts(Role::CareWorker, "current_medicines, allergies"),
            Ok(Parts::of(&[CurrentMedicines, Allergies]))
        );
        assert_eq!(
            parse_role_parts(Role::CareWorker, "ａｌｌｅｒｇｉｅｓ,,"),
            Ok(Parts::of(&[Allergies])),
            "width folded"
        );
        assert_eq!(parse_role_parts(Role::CareWorker, ""), Ok(Parts::NONE), "none at all");
        assert_eq!(parse_role_parts(Role::Nurse, "diagnoses"), Err(FieldErrorCode::UnknownValue));
        assert_eq!(parse_role_parts(Role::Reception, "allergies"), Err(FieldErrorCode::OutOfRange));
        assert_eq!(parse_role_parts(Role::Reception, ""), Ok(Parts::NONE));
        let all = Parts::of(&Part::ALL);
        assert_eq!(parts_from_text(&parts_text(all)), all);
        assert_eq!(parts_text(Parts::of(&[EmergencyContact, CurrentMedicines])), "current_medicines,emergency_contact");
        assert_eq!(parts_from_text("allergies,retired_part"), Parts::of(&[Allergies]));
    }

    #[test]
    fn only_what_began_under_a_consent_in_force_counts_and_every_network_must_allow_a_part() {
        let given = [now() - Duration::days(3), now() - Duration::days(1)];
        assert!(began_under_consent(now() - Duration::days(2), &given));
        assert!(!began_under_consent(now() - Duration::days(4), &given), "before the consents");
        assert!(!began_under_consent(now(), &[]), "no consent in force");
        use Part::*;
        let wide = Parts::of(&Part::ALL);
        let narrow = Parts::of(&[CurrentMedicines, Allergies]);
        assert_eq!(parts_of_all(&[wide, narrow]), narrow);
        assert_eq!(parts_of_all(&[narrow, Parts::NONE]), Parts::NONE);
        assert_eq!(parts_of_all(&[]), Parts::NONE);
    }

    #[test]
    fn an_emergency_says_why() {
        use EmergencyReason::*;
        assert_eq!(parse_reason_note(Other, None), Err(FieldErrorCode::Required));
        assert_eq!(parse_reason_note(Other, Some("  ")), Err(FieldErrorCode::Required));
        assert_eq!(parse_reason_note(EmergencyTransport, None), Ok(None));
        assert_eq!(parse_reason_note(CannotConsent, Some(" 意識なし ")), Ok(Some("意識なし".into())));
        assert_eq!(parse_reason_note(Other, Some(&"あ".repeat(201))), Err(FieldErrorCode::TooLong));
        assert_eq!(parse_reason_note(Other, Some("a\u{0007}b")), Err(FieldErrorCode::InvalidCharacters));
    }
}
