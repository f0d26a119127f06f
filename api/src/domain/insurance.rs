//! Health-insurance identifiers (保険者番号, 記号, 番号, 枝番) as printed on a
//! 資格確認書 or an old card, or shown on the 資格情報のお知らせ and in
//! マイナポータル for a マイナ保険証. They help find a person; they are never the
//! person's identity, and they are protected data: never logged, never shown
//! back in full (see [`InsuranceId::masked`]).

use std::fmt;

use super::{FieldErrorCode, Invalid, Validator, text};

/// The MHLW check digit of an insurer number's payload: from the rightmost
/// payload digit leftwards multiply by 2, 1, 2, 1, …, add the products
/// (a two-digit product counts as the sum of its digits), and take
/// (10 − last digit of the sum) mod 10.
pub fn check_digit(payload: &[u8]) -> u8 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let p = u32::from(*d) * if i % 2 == 0 { 2 } else { 1 };
            p / 10 + p % 10
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Which kind of insurer the number belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsurerKind {
    /// 6 digits: 国民健康保険 (prefecture 2 + insurer 3 + check 1).
    NationalHealthInsurance,
    /// 8 digits: scheme code (法別番号) 2 + prefecture 2 + insurer 3 + check 1.
    Employee { scheme: u8 },
}

/// A valid insurer number (保険者番号).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct InsurerNumber(String);

impl InsurerNumber {
    pub fn parse(input: &str) -> Result<Self, FieldErrorCode> {
        let s: String = text::normalize(input).chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if s.is_empty() {
            return Err(FieldErrorCode::Required);
        }
        if !s.bytes().all(|b| b.is_ascii_digit()) || (s.len() != 6 && s.len() != 8) {
            return Err(FieldErrorCode::InvalidFormat);
        }
        // No scheme (法別番号) is 00: eight digits beginning 00 are a 国民健康保険
        // number written to eight places, as JP Core and electronic claims write it.
        let s = match s.strip_prefix("00") {
            Some(nhi) if s.len() == 8 => nhi.to_owned(),
            _ => s,
        };
        let digits: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
        let prefecture_at = if digits.len() == 8 { 2 } else { 0 };
        let prefecture = digits[prefecture_at] * 10 + digits[prefecture_at + 1];
        if !(1..=47).contains(&prefecture) {
            return Err(FieldErrorCode::InvalidFormat);
        }
        let (payload, check) = digits.split_at(digits.len() - 1);
        if check_digit(payload) != check[0] {
            return Err(FieldErrorCode::CheckDigit);
        }
        Ok(Self(s))
    }

    pub fn kind(&self) -> InsurerKind {
        let d = self.0.as_bytes();
        if d.len() == 6 {
            InsurerKind::NationalHealthInsurance
        } else {
            InsurerKind::Employee { scheme: (d[0] - b'0') * 10 + (d[1] - b'0') }
        }
    }

    /// 後期高齢者医療 (scheme 39).
    pub fn is_late_elderly(&self) -> bool {
        self.kind() == InsurerKind::Employee { scheme: 39 }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for InsurerNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("InsurerNumber(<protected>)")
    }
}

/// [`InsuranceId::member_id`] from stored fields.
pub fn member_id(insurer: &str, symbol: &str, number: &str, branch: Option<&str>) -> String {
    format!("{insurer:0>8}:{symbol}:{number}:{}", branch.unwrap_or(""))
}

/// The insurance details of one person, validated and normalised.
#[derive(Clone, PartialEq, Eq)]
pub struct InsuranceId {
    pub insurer: InsurerNumber,
    /// 記号: may be empty (National Health Insurance cards and 後期高齢者 cards often have none).
    pub symbol: String,
    /// 番号
    pub number: String,
    /// 枝番: two digits; absent on documents issued before 2021.
    pub branch: Option<String>,
}

impl fmt::Debug for InsuranceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("InsuranceId(<protected>)")
    }
}

/// 記号 and 番号 as printed: digits, letters, kana or kanji (some insurers use
/// them in the symbol), at most 20 characters, spaces and hyphens dropped.
fn parse_card_field(input: &str, required: bool) -> Result<String, FieldErrorCode> {
    let s: String = text::normalize(input).chars().filter(|c| !matches!(c, ' ' | '-' | '‐' | 'ー' | '・')).collect();
    if s.is_empty() {
        return if required { Err(FieldErrorCode::Required) } else { Ok(s) };
    }
    if s.chars().count() > 20 {
        return Err(FieldErrorCode::TooLong);
    }
    if !s.chars().all(|c| c.is_alphanumeric()) || !s.chars().all(text::is_allowed_in_name) {
        return Err(FieldErrorCode::InvalidCharacters);
    }
    Ok(s.to_uppercase())
}

fn parse_branch(input: Option<&str>) -> Result<Option<String>, FieldErrorCode> {
    let Some(s) = input.map(text::normalize).filter(|s| !s.is_empty()) else { return Ok(None) };
    if s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldErrorCode::InvalidFormat);
    }
    Ok(Some(format!("{s:0>2}")))
}

impl InsuranceId {
    /// Field names are those of the API: `insurerNumber`, `symbol`, `number`, `branch`.
    pub fn parse(insurer: &str, symbol: &str, number: &str, branch: Option<&str>) -> Result<Self, Invalid> {
        let mut v = Validator::new();
        let insurer = v.check("insurerNumber", InsurerNumber::parse(insurer));
        let symbol = v.check("symbol", parse_card_field(symbol, false));
        let number = v.check("number", parse_card_field(number, true));
        let branch = v.check("branch", parse_branch(branch));
        v.finish()?;
        match (insurer, symbol, number, branch) {
            (Some(insurer), Some(symbol), Some(number), Some(branch)) => Ok(Self { insurer, symbol, number, branch }),
            _ => Err(Invalid::default()),
        }
    }

    /// The JP Core insurance member id, `insurerNo:symbol:number:branch`
    /// (system `http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID`).
    /// The member id as JP Core writes it (`JP_Insurance_memberID`): the
    /// insurer number as 8 digits (a 6-digit 国民健康保険 number gets two
    /// leading zeros), the symbol, the number and the branch, joined by `:`;
    /// the branch is empty when the document has none (never invented).
    pub fn member_id(&self) -> String {
        member_id(self.insurer.as_str(), &self.symbol, &self.number, self.branch.as_deref())
    }

    /// What may be shown back to a person: the insurer number and the last two
    /// characters of the number, nothing else.
    pub fn masked(&self) -> String {
        let n: Vec<char> = self.number.chars().collect();
        let tail: String = n[n.len().saturating_sub(2)..].iter().collect();
        format!("{} ・・・{}", self.insurer.as_str(), tail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit_examples_from_the_rule() {
        assert_eq!(check_digit(&[3, 3, 1, 2, 0, 0, 1]), 5);
        assert_eq!(check_digit(&[0, 1, 1, 3, 0, 0, 1]), 2);
        assert!(InsurerNumber::parse("33120015").is_ok());
        assert!(InsurerNumber::parse("01130012").is_ok());
    }

    #[test]
    fn national_health_insurance_has_six_digits() {
        // Kanagawa (14), insurer 100, check digit computed by the rule.
        let payload = [1, 4, 1, 0, 0];
        let number = format!("14100{}", check_digit(&payload));
        let n = InsurerNumber::parse(&number).unwrap();
        assert_eq!(n.kind(), InsurerKind::NationalHealthInsurance);
        assert_eq!(InsurerNumber::parse("33120015").unwrap().kind(), InsurerKind::Employee { scheme: 33 });
        // Written to eight places (JP Core's member id, claims): the same insurer.
        assert_eq!(InsurerNumber::parse(&format!("00{number}")).unwrap(), n);
        assert!(InsurerNumber::parse("00141003").is_err(), "the check digit still holds");
    }

    #[test]
    fn every_single_digit_corruption_is_rejected() {
        for valid in ["33120015", "01130012", "39142017"] {
            let valid = if InsurerNumber::parse(valid).is_ok() {
                valid.to_owned()
            } else {
                let d: Vec<u8> = valid.bytes().map(|b| b - b'0').collect();
                format!("{}{}", &valid[..7], check_digit(&d[..7]))
            };
            assert!(InsurerNumber::parse(&valid).is_ok(), "{valid}");
            for pos in 0..valid.len() {
                for digit in b'0'..=b'9' {
                    let mut bytes = valid.clone().into_bytes();
                    if bytes[pos] == digit {
                        continue;
                    }
                    bytes[pos] = digit;
                    let corrupted = String::from_utf8(bytes).unwrap();
                    assert!(InsurerNumber::parse(&corrupted).is_err(), "{corrupted} (from {valid}) was accepted");
                }
            }
        }
    }

    #[test]
    fn forms_people_type() {
        assert!(InsurerNumber::parse("３３１２００１５").is_ok(), "full width");
        assert!(InsurerNumber::parse(" 3312 0015 ").is_ok(), "spaces");
        assert_eq!(InsurerNumber::parse(""), Err(FieldErrorCode::Required));
        assert_eq!(InsurerNumber::parse("3312001"), Err(FieldErrorCode::InvalidFormat), "7 digits");
        assert_eq!(InsurerNumber::parse("331200150"), Err(FieldErrorCode::InvalidFormat), "9 digits");
        assert_eq!(InsurerNumber::parse("3312001a"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(InsurerNumber::parse("33120016"), Err(FieldErrorCode::CheckDigit));
        assert_eq!(InsurerNumber::parse("33990015"), Err(FieldErrorCode::InvalidFormat), "prefecture 99");
    }

    #[test]
    fn insurance_id_normalises_and_masks() {
        let id = InsuranceId::parse("33120015", "ｱｲｳ-12", "１２３４５６", Some("1")).unwrap();
        assert_eq!(id.symbol, "アイウ12");
        assert_eq!(id.number, "123456");
        assert_eq!(id.branch.as_deref(), Some("01"));
        assert_eq!(id.member_id(), "33120015:アイウ12:123456:01");
        assert_eq!(id.masked(), "33120015 ・・・56");
        assert!(!format!("{id:?}").contains("123456"), "Debug never shows the numbers");

        let err = InsuranceId::parse("3312001", "🌸", "", Some("123")).unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|f| (f.field, f.code)).collect();
        assert_eq!(
            fields,
            [
                ("insurerNumber", FieldErrorCode::InvalidFormat),
                ("symbol", FieldErrorCode::InvalidCharacters),
                ("number", FieldErrorCode::Required),
                ("branch", FieldErrorCode::InvalidFormat),
            ]
        );
        assert_eq!(
            InsuranceId::parse("33120015", "", &"1".repeat(21), None).unwrap_err().0[0].code,
            FieldErrorCode::TooLong
        );
    }
}
