//! Participating facilities: hospitals, clinics, dental clinics, pharmacies,
//! visiting-nursing stations and care providers.

use std::fmt;
use std::str::FromStr;

use super::network::NetworkCode;
use super::{FieldErrorCode, Invalid, Validator, text};

pub const NAME_MAX_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FacilityKind {
    Hospital,
    Clinic,
    DentalClinic,
    Pharmacy,
    VisitingNursingStation,
    CareProvider,
}

impl FacilityKind {
    pub const ALL: [FacilityKind; 6] = [
        Self::Hospital,
        Self::Clinic,
        Self::DentalClinic,
        Self::Pharmacy,
        Self::VisitingNursingStation,
        Self::CareProvider,
    ];

    /// The stable name used in storage, the API and the admin commands.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hospital => "hospital",
            Self::Clinic => "clinic",
            Self::DentalClinic => "dental_clinic",
            Self::Pharmacy => "pharmacy",
            Self::VisitingNursingStation => "visiting_nursing_station",
            Self::CareProvider => "care_provider",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Hospital => "病院",
            Self::Clinic => "診療所",
            Self::DentalClinic => "歯科診療所",
            Self::Pharmacy => "薬局",
            Self::VisitingNursingStation => "訪問看護ステーション",
            Self::CareProvider => "介護事業所",
        }
    }

    /// The third digit of a 医療機関コード names the fee schedule (点数表):
    /// 1 medical, 3 dental, 4 dispensing. Visiting-nursing stations and care
    /// providers are numbered by other schemes, so they are not checked here.
    fn fee_schedule_digit(self) -> Option<u8> {
        match self {
            Self::Hospital | Self::Clinic => Some(1),
            Self::DentalClinic => Some(3),
            Self::Pharmacy => Some(4),
            Self::VisitingNursingStation | Self::CareProvider => None,
        }
    }
}

impl fmt::Display for FacilityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FacilityKind {
    type Err = FieldErrorCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = text::normalize(s).to_ascii_lowercase().replace('-', "_");
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or(FieldErrorCode::UnknownValue)
    }
}

/// A facility's 10-digit code: the 医療機関コード (prefecture 2, fee schedule 1,
/// number 7) for hospitals, clinics, dental clinics and pharmacies, and the
/// 10-digit 事業所番号 for visiting-nursing stations and care providers. Both
/// begin with the JIS X 0401 prefecture number (01-47).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FacilityCode(String);

impl FacilityCode {
    pub fn parse(input: &str, kind: Option<FacilityKind>) -> Result<Self, FieldErrorCode> {
        let s: String = text::normalize(input).chars().filter(|c| *c != '-' && *c != ' ').collect();
        if s.is_empty() {
            return Err(FieldErrorCode::Required);
        }
        if s.len() != 10 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldErrorCode::InvalidFormat);
        }
        let digits = s.as_bytes();
        let prefecture = (digits[0] - b'0') * 10 + (digits[1] - b'0');
        if !(1..=47).contains(&prefecture) {
            return Err(FieldErrorCode::InvalidFormat);
        }
        if let Some(expected) = kind.and_then(FacilityKind::fee_schedule_digit)
            && digits[2] - b'0' != expected
        {
            return Err(FieldErrorCode::InvalidFormat);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FacilityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A facility to be created, validated. Network codes are checked for
/// existence by the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFacility {
    pub code: FacilityCode,
    pub name: String,
    pub name_en: Option<String>,
    pub kind: FacilityKind,
    pub networks: Vec<NetworkCode>,
    pub demo: bool,
}

impl NewFacility {
    pub fn parse(
        code: &str,
        name: &str,
        name_en: Option<&str>,
        kind: &str,
        networks: &[String],
        demo: bool,
    ) -> Result<Self, Invalid> {
        let mut v = Validator::new();
        let kind = v.check("kind", kind.parse::<FacilityKind>());
        let code = v.check("code", FacilityCode::parse(code, kind));
        let name = v.check("name", text::parse_name(name, NAME_MAX_CHARS));
        let name_en = v.check("nameEn", text::parse_optional_name(name_en, NAME_MAX_CHARS));
        let mut codes = Vec::with_capacity(networks.len());
        for n in networks {
            if let Some(c) = v.check("networks", NetworkCode::parse(n))
                && !codes.contains(&c)
            {
                codes.push(c);
            }
        }
        if networks.is_empty() {
            v.push("networks", FieldErrorCode::Required);
        }
        v.finish()?;
        match (code, name, name_en, kind) {
            (Some(code), Some(name), Some(name_en), Some(kind)) => {
                Ok(Self { code, name, name_en, kind, networks: codes, demo })
            }
            _ => Err(Invalid::default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_accept_hyphens() {
        for k in FacilityKind::ALL {
            assert_eq!(k.as_str().parse::<FacilityKind>(), Ok(k));
        }
        assert_eq!("Dental-Clinic".parse::<FacilityKind>(), Ok(FacilityKind::DentalClinic));
        assert_eq!("surgery".parse::<FacilityKind>(), Err(FieldErrorCode::UnknownValue));
    }

    #[test]
    fn facility_codes() {
        let clinic = Some(FacilityKind::Clinic);
        assert_eq!(FacilityCode::parse("1410123456", clinic).map(|c| c.0), Ok("1410123456".into()));
        assert_eq!(FacilityCode::parse("１４１０１２３４５６", clinic).map(|c| c.0), Ok("1410123456".into()));
        assert_eq!(FacilityCode::parse("14-1-0123456", clinic).map(|c| c.0), Ok("1410123456".into()));
        assert_eq!(FacilityCode::parse("", clinic), Err(FieldErrorCode::Required));
        assert_eq!(FacilityCode::parse("141012345", clinic), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(FacilityCode::parse("14101234567", clinic), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(FacilityCode::parse("14101234a6", clinic), Err(FieldErrorCode::InvalidFormat));
        // prefecture 00 and 48 do not exist
        assert_eq!(FacilityCode::parse("0010123456", clinic), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(FacilityCode::parse("4810123456", clinic), Err(FieldErrorCode::InvalidFormat));
        // a pharmacy code (fee schedule 4) is not a clinic's
        assert_eq!(FacilityCode::parse("1440123456", clinic), Err(FieldErrorCode::InvalidFormat));
        assert!(FacilityCode::parse("1440123456", Some(FacilityKind::Pharmacy)).is_ok());
        assert!(FacilityCode::parse("1430123456", Some(FacilityKind::DentalClinic)).is_ok());
        assert!(FacilityCode::parse("1470123456", Some(FacilityKind::CareProvider)).is_ok());
    }

    #[test]
    fn new_facility_needs_a_network() {
        let err = NewFacility::parse("1410123456", "テスト診療所", None, "clinic", &[], false);
        assert_eq!(err, Err(Invalid::one("networks", FieldErrorCode::Required)));
        let ok = NewFacility::parse(
            "1410123456",
            "テスト診療所",
            None,
            "clinic",
            &["sakura".into(), "SAKURA".into(), "salvia".into()],
            false,
        );
        assert_eq!(ok.map(|f| f.networks.len()), Ok(2));
    }
}
