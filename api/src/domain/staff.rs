//! Facilities' staff and the paper forms reception enters: the roles there
//! are and which may enter forms, how long an enrolment code and a staff
//! session last, and the shape of what a paper form carries beyond the
//! online registration (form serial, address, 介護保険 number, the proxy box).

use chrono::{Duration, NaiveDate};

use super::{FieldErrorCode, text};

/// An enrolment link works this long.
pub const ENROLMENT_TTL: Duration = Duration::days(7);
/// Enrolment codes: 12 symbols and a check character.
pub const ENROLMENT_CODE_LEN: usize = 12;
/// A staff session ends after this long without a request (the reception PC
/// is shared and stands in a public place).
pub const IDLE: Duration = Duration::minutes(15);
/// And this long after sign-in, however busy.
pub const ABSOLUTE: Duration = Duration::hours(12);
/// The staff session cookie (residents' is `renkei_session`).
pub const COOKIE: &str = "renkei_staff";
/// A claim sheet printed at reception works this long.
pub const PAPER_CLAIM_TTL: Duration = Duration::days(90);
pub const NAME_MAX_CHARS: usize = 100;
pub const ADDRESS_MAX_CHARS: usize = 200;
pub const SERIAL_MAX_CHARS: usize = 40;

/// A staff member's role at their facility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Reception,
    FacilityAdmin,
    Doctor,
    Dentist,
    Pharmacist,
    Nurse,
    CareManager,
    CareWorker,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Self::Reception,
        Self::FacilityAdmin,
        Self::Doctor,
        Self::Dentist,
        Self::Pharmacist,
        Self::Nurse,
        Self::CareManager,
        Self::CareWorker,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reception => "reception",
            Self::FacilityAdmin => "facility_admin",
            Self::Doctor => "doctor",
            Self::Dentist => "dentist",
            Self::Pharmacist => "pharmacist",
            Self::Nurse => "nurse",
            Self::CareManager => "care_manager",
            Self::CareWorker => "care_worker",
        }
    }

    pub fn parse(input: &str) -> Result<Self, FieldErrorCode> {
        let s = text::normalize(input);
        if s.trim().is_empty() {
            return Err(FieldErrorCode::Required);
        }
        Self::ALL.into_iter().find(|r| r.as_str() == s.trim()).ok_or(FieldErrorCode::UnknownValue)
    }

    /// Reception work (entering paper forms) is for reception and the
    /// facility's administrator; the clinical roles see residents' data
    /// later, under the network's rules, and enter no forms.
    pub fn enters_paper_forms(self) -> bool {
        matches!(self, Self::Reception | Self::FacilityAdmin)
    }
}

/// What a paper form entered at reception is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Registration,
    Withdrawal,
}

impl EntryKind {
    pub const ALL: [EntryKind; 2] = [Self::Registration, Self::Withdrawal];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Registration => "registration",
            Self::Withdrawal => "withdrawal",
        }
    }
}

/// A form's serial number as printed in the facility box: 1 to 40 letters,
/// digits or hyphens (full width accepted), upper-cased.
pub fn parse_form_serial(input: &str) -> Result<String, FieldErrorCode> {
    let s = text::normalize(input).trim().to_uppercase();
    if s.is_empty() {
        return Err(FieldErrorCode::Required);
    }
    if s.chars().count() > SERIAL_MAX_CHARS {
        return Err(FieldErrorCode::TooLong);
    }
    if !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(FieldErrorCode::InvalidCharacters);
    }
    Ok(s)
}

/// A 介護保険 被保険者番号: 10 digits; empty means none.
pub fn parse_care_insurance_number(input: Option<&str>) -> Result<Option<String>, FieldErrorCode> {
    let Some(s) = input else { return Ok(None) };
    let s: String = text::normalize(s).chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    if s.is_empty() {
        return Ok(None);
    }
    if s.len() != 10 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldErrorCode::InvalidFormat);
    }
    Ok(Some(s))
}

/// An address as written on the form; empty means none.
pub fn parse_address(input: Option<&str>) -> Result<Option<String>, FieldErrorCode> {
    let Some(s) = input else { return Ok(None) };
    let s = text::normalize(s).trim().to_owned();
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().count() > ADDRESS_MAX_CHARS {
        return Err(FieldErrorCode::TooLong);
    }
    if !s.chars().all(text::is_allowed_in_name) {
        return Err(FieldErrorCode::InvalidCharacters);
    }
    Ok(Some(s))
}

/// The day the form was signed: a date, not after today.
pub fn parse_signed_on(input: &str, today: NaiveDate) -> Result<NaiveDate, FieldErrorCode> {
    let d = super::person::parse_date(input)?;
    if d > today {
        return Err(FieldErrorCode::OutOfRange);
    }
    Ok(d)
}

/// A staff member's name as the network office enters it.
pub fn parse_staff_name(input: &str) -> Result<String, FieldErrorCode> {
    text::parse_name(input, NAME_MAX_CHARS)
}

/// A registration number shown to reception in a duplicate check: the
/// middle hidden, enough to tell two apart with the person in front of them.
pub fn mask_number(display: &str) -> String {
    let parts: Vec<&str> = display.split('-').collect();
    match parts.as_slice() {
        [first, middle @ .., last] if !middle.is_empty() => {
            let hidden: Vec<String> = middle.iter().map(|p| "*".repeat(p.chars().count())).collect();
            format!("{first}-{}-{last}", hidden.join("-"))
        }
        _ => "*".repeat(display.chars().count()),
    }
}

/// A number shown back with all but its last `keep` characters hidden.
pub fn mask_tail(s: &str, keep: usize) -> String {
    let n = s.chars().count();
    s.chars().enumerate().map(|(i, c)| if i + keep < n { '*' } else { c }).collect()
}

/// The identity documents reception may check before handing a person a
/// new claim sheet (photo documents, or the insurance qualification
/// certificate with a second look at the person's details).
pub const IDENTITY_DOCUMENTS: [&str; 4] =
    ["my_number_card", "driver_licence", "qualification_certificate", "other_photo_id"];

/// The identity document named by reception for a reissue.
pub fn parse_identity_document(input: &str) -> Result<&'static str, FieldErrorCode> {
    match input.trim() {
        "" => Err(FieldErrorCode::Required),
        d => IDENTITY_DOCUMENTS.iter().copied().find(|known| *known == d).ok_or(FieldErrorCode::UnknownValue),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_reception_and_administrators_enter_forms() {
        let entering: Vec<Role> = Role::ALL.into_iter().filter(|r| r.enters_paper_forms()).collect();
        assert_eq!(entering, vec![Role::Reception, Role::FacilityAdmin]);
        assert_eq!(Role::parse("nurse"), Ok(Role::Nurse));
        assert_eq!(Role::parse("janitor"), Err(FieldErrorCode::UnknownValue));
        assert_eq!(Role::parse(""), Err(FieldErrorCode::Required));
    }

    #[test]
    fn serials_numbers_and_dates_as_written_on_paper() {
        assert_eq!(parse_form_serial(" ｓｎ-０１２ "), Ok("SN-012".into()));
        assert_eq!(parse_form_serial("A/1"), Err(FieldErrorCode::InvalidCharacters));
        assert_eq!(parse_form_serial(&"1".repeat(41)), Err(FieldErrorCode::TooLong));
        assert_eq!(parse_care_insurance_number(Some("０１２３４５６７８９")), Ok(Some("0123456789".into())));
        assert_eq!(parse_care_insurance_number(Some("12345")), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(parse_care_insurance_number(Some(" ")), Ok(None));
        assert_eq!(parse_address(Some(" 横須賀市小川町11 ")), Ok(Some("横須賀市小川町11".into())));
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(parse_signed_on("2026-12-01", today), Ok(today));
        assert_eq!(parse_signed_on("2026-12-02", today), Err(FieldErrorCode::OutOfRange));
        assert_eq!(mask_number("7K3M-QX9P-R2"), "7K3M-****-R2");
        assert_eq!(mask_tail("3456", 2), "**56");
        assert_eq!(mask_tail("5", 2), "5");
    }
}
