//! What a person enters to register, checked as a whole so every problem is
//! reported at once, next to its field.

/// Registration numbers: 10 symbols and a check character, `XXXX-XXXX-XX-C`.
pub const NUMBER_LEN: usize = 10;

use chrono::NaiveDate;

use super::insurance::InsuranceId;
use super::mail::parse_address;
use super::person::{self, Sex};
use super::{FieldErrorCode, Invalid, Validator, text};

/// Which document the person reads their insurance numbers from. Since
/// December 2025 most people hold a マイナ保険証 (numbers on the 資格情報のお知らせ
/// or in マイナポータル) or a 資格確認書; older cards may still be around.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsuranceDocument {
    MyNumberCard,
    QualificationCertificate,
    OldCard,
    LateElderly,
}

impl InsuranceDocument {
    pub const ALL: [InsuranceDocument; 4] =
        [Self::MyNumberCard, Self::QualificationCertificate, Self::OldCard, Self::LateElderly];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::MyNumberCard => "my_number_card",
            Self::QualificationCertificate => "qualification_certificate",
            Self::OldCard => "old_card",
            Self::LateElderly => "late_elderly",
        }
    }

    pub fn parse(s: &str) -> Result<Self, FieldErrorCode> {
        let s = text::normalize(s);
        if s.is_empty() {
            return Err(FieldErrorCode::Required);
        }
        Self::ALL.into_iter().find(|d| d.as_str() == s).ok_or(FieldErrorCode::UnknownValue)
    }
}

/// A Japanese phone number as typed: 10 or 11 digits beginning with 0,
/// hyphens, spaces and brackets allowed; stored as digits only.
pub fn parse_phone(input: &str) -> Result<String, FieldErrorCode> {
    // Separators as Japanese keyboards type them: hyphens and dashes of every
    // kind (U+2010–2015, the minus sign U+2212, the long-vowel mark ー that
    // kana input often gives), spaces and brackets.
    let separator = |c: char| matches!(c, '-' | ' ' | '(' | ')' | 'ー' | '\u{2010}'..='\u{2015}' | '\u{2212}');
    let s: String = text::normalize(input).chars().filter(|c| !separator(*c)).collect();
    if s.is_empty() {
        return Err(FieldErrorCode::Required);
    }
    let digits = s.strip_prefix("+81").map(|r| format!("0{r}")).unwrap_or(s);
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !digits.starts_with('0') || !(10..=11).contains(&digits.len()) {
        return Err(FieldErrorCode::InvalidFormat);
    }
    Ok(digits)
}

/// Raw input, as received.
#[derive(Debug, Clone, Default)]
pub struct RegistrationInput<'a> {
    pub document: &'a str,
    pub insurer_number: &'a str,
    pub symbol: &'a str,
    pub number: &'a str,
    pub branch: Option<&'a str>,
    pub name: &'a str,
    pub name_kana: &'a str,
    pub birth_date: &'a str,
    pub sex: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
    /// The person holds only a マイナ保険証 and does not have its numbers to
    /// hand (they are on the 資格情報のお知らせ or in マイナポータル): they
    /// register without them, and add them later (`insurance` is none).
    pub numbers_later: bool,
}

/// Valid registration details.
#[derive(Clone, PartialEq, Eq)]
pub struct RegistrationDetails {
    pub document: InsuranceDocument,
    /// None for a person registering with a マイナ保険証 whose numbers they
    /// will add later: joined with consent, but not found by facilities by
    /// insurance until then.
    pub insurance: Option<InsuranceId>,
    pub name: String,
    pub name_kana: String,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    pub phone: String,
    pub email: String,
}

impl std::fmt::Debug for RegistrationDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RegistrationDetails(<personal data>)")
    }
}

impl RegistrationDetails {
    /// The insurance numbers, where a way of registering requires them (family,
    /// reception): `insurerNumber` required when none were given.
    pub fn numbers(&self) -> Result<&InsuranceId, Invalid> {
        self.insurance.as_ref().ok_or_else(|| Invalid::one("insurerNumber", FieldErrorCode::Required))
    }

    pub fn parse(input: &RegistrationInput<'_>, today: NaiveDate) -> Result<Self, Invalid> {
        Self::parse_with(input, today, true)
    }

    /// The details of a person registered by a family member: the same
    /// rules, except that the person may have no address of their own
    /// (then `email` is empty).
    pub fn parse_for_proxy(input: &RegistrationInput<'_>, today: NaiveDate) -> Result<Self, Invalid> {
        Self::parse_with(input, today, !text::normalize(input.email).trim().is_empty())
    }

    fn parse_with(input: &RegistrationInput<'_>, today: NaiveDate, email_required: bool) -> Result<Self, Invalid> {
        let mut v = Validator::new();
        let document = v.check("documentKind", InsuranceDocument::parse(input.document));
        let insurance = if input.numbers_later {
            // Only a マイナ保険証 leaves a person without numbers on a card in hand,
            // and numbers given with "later" are a contradiction, not a guess to make.
            if document.is_some_and(|d| d != InsuranceDocument::MyNumberCard) {
                v.push("numbersLater", FieldErrorCode::UnknownValue);
            }
            let typed = [input.insurer_number, input.symbol, input.number, input.branch.unwrap_or("")];
            if typed.iter().any(|t| !text::normalize(t).trim().is_empty()) {
                v.push("numbersLater", FieldErrorCode::InvalidFormat);
            }
            Some(None)
        } else {
            v.merge(InsuranceId::parse(input.insurer_number, input.symbol, input.number, input.branch)).map(Some)
        };
        let name = v.check("name", person::parse_name(input.name));
        let name_kana = v.check("nameKana", person::parse_kana(input.name_kana));
        let birth_date = v.check("birthDate", person::parse_birth_date(input.birth_date, today));
        let sex = v.check("sex", Sex::parse(input.sex));
        let phone = v.check("phone", parse_phone(input.phone));
        let email = if email_required { v.check("email", parse_address(input.email)) } else { Some(String::new()) };
        // A 後期高齢者 document carries a scheme-39 insurer number.
        if let (Some(InsuranceDocument::LateElderly), Some(Some(ins))) = (document, &insurance)
            && !ins.insurer.is_late_elderly()
        {
            v.push("insurerNumber", FieldErrorCode::InvalidFormat);
        }
        v.finish()?;
        match (document, insurance, name, name_kana, birth_date, sex, phone, email) {
            (
                Some(document),
                Some(insurance),
                Some(name),
                Some(name_kana),
                Some(birth_date),
                Some(sex),
                Some(phone),
                Some(email),
            ) => Ok(Self { document, insurance, name, name_kana, birth_date, sex, phone, email }),
            _ => Err(Invalid::default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn good() -> RegistrationInput<'static> {
        RegistrationInput {
            document: "qualification_certificate",
            insurer_number: "３３１２００１５",
            symbol: "12",
            number: "3456",
            branch: Some("01"),
            name: "山田 花子",
            name_kana: "やまだ はなこ",
            birth_date: "S25.4.1",
            sex: "female",
            phone: "090-1234-5678",
            email: "hanako@example.jp",
            numbers_later: false,
        }
    }

    #[test]
    fn a_typical_entry() {
        let d = RegistrationDetails::parse(&good(), today()).unwrap();
        assert_eq!(d.name_kana, "ヤマダ ハナコ");
        assert_eq!(d.birth_date, NaiveDate::from_ymd_opt(1950, 4, 1).unwrap());
        assert_eq!(d.phone, "09012345678");
        assert_eq!(d.insurance.as_ref().map(|i| i.member_id()).as_deref(), Some("33120015:12:3456:01"));
        assert!(!format!("{d:?}").contains("山田"), "Debug shows no personal data");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = RegistrationInput {
            document: "passport",
            insurer_number: "33120016",
            symbol: "",
            number: "",
            branch: Some("123"),
            name: "",
            name_kana: "Yamada はなこ",
            birth_date: "2030-01-01",
            sex: "x",
            phone: "12345",
            email: "nope",
            numbers_later: false,
        };
        let err = RegistrationDetails::parse(&bad, today()).unwrap_err();
        let fields: Vec<(&str, FieldErrorCode)> = err.0.iter().map(|f| (f.field, f.code)).collect();
        assert_eq!(
            fields,
            [
                ("documentKind", FieldErrorCode::UnknownValue),
                ("insurerNumber", FieldErrorCode::CheckDigit),
                ("number", FieldErrorCode::Required),
                ("branch", FieldErrorCode::InvalidFormat),
                ("name", FieldErrorCode::Required),
                ("nameKana", FieldErrorCode::InvalidCharacters),
                ("birthDate", FieldErrorCode::OutOfRange),
                ("sex", FieldErrorCode::UnknownValue),
                ("phone", FieldErrorCode::InvalidFormat),
                ("email", FieldErrorCode::InvalidFormat),
            ]
        );
    }

    #[test]
    fn a_my_number_card_holder_may_give_the_numbers_later() {
        let later = RegistrationInput {
            document: "my_number_card",
            insurer_number: "",
            symbol: "",
            number: "",
            branch: None,
            numbers_later: true,
            ..good()
        };
        let d = RegistrationDetails::parse(&later, today()).unwrap();
        assert!(d.insurance.is_none());
        // Not with another document, and not with numbers typed as well.
        let other = RegistrationInput { document: "qualification_certificate", ..later.clone() };
        let err = RegistrationDetails::parse(&other, today()).unwrap_err();
        assert_eq!(err.0[0].field, "numbersLater");
        let both = RegistrationInput { number: "3456", ..later };
        let err = RegistrationDetails::parse(&both, today()).unwrap_err();
        assert_eq!((err.0[0].field, err.0[0].code), ("numbersLater", FieldErrorCode::InvalidFormat));
    }

    #[test]
    fn late_elderly_documents_need_a_scheme_39_insurer() {
        let input = RegistrationInput { document: "late_elderly", ..good() };
        let err = RegistrationDetails::parse(&input, today()).unwrap_err();
        assert_eq!(err.0[0].field, "insurerNumber");
        let digits: Vec<u8> = b"3914201".iter().map(|b| b - b'0').collect();
        let number = format!("3914201{}", super::super::insurance::check_digit(&digits));
        let input = RegistrationInput { insurer_number: &number, ..input };
        assert!(RegistrationDetails::parse(&input, today()).is_ok());
    }

    #[test]
    fn phones() {
        assert_eq!(parse_phone("０９０ー１２３４ー５６７８"), Ok("09012345678".into()));
        assert_eq!(parse_phone("(045) 123-4567"), Ok("0451234567".into()));
        assert_eq!(parse_phone("０４６−８２２−１２３４"), Ok("0468221234".into()), "U+2212, the minus sign");
        assert_eq!(parse_phone("046‐822–1234"), Ok("0468221234".into()), "U+2010 and U+2013");
        assert_eq!(parse_phone("+81 90 1234 5678"), Ok("09012345678".into()));
        assert_eq!(parse_phone("1234567890"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(parse_phone("090-1234-56789"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(parse_phone(""), Err(FieldErrorCode::Required));
    }
}
