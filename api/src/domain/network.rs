//! A regional network (サルビアねっと, さくらネット, ...). One deployment serves
//! several; each has its own facilities, consent documents and entry points.

use std::fmt;

use super::{FieldErrorCode, Invalid, Validator, text};

pub const NAME_MAX_CHARS: usize = 100;

/// The short, stable code operators use for a network: 2 to 32 lowercase ASCII
/// letters, digits and inner hyphens (`salvia`, `sakura-net`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NetworkCode(String);

impl NetworkCode {
    pub fn parse(input: &str) -> Result<Self, FieldErrorCode> {
        let s = text::normalize(input).to_ascii_lowercase();
        if s.is_empty() {
            return Err(FieldErrorCode::Required);
        }
        if s.len() > 32 {
            return Err(FieldErrorCode::TooLong);
        }
        let ok_chars = s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !ok_chars || s.len() < 2 || s.starts_with('-') || s.ends_with('-') || s.contains("--") {
            return Err(FieldErrorCode::InvalidFormat);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for NetworkCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A network to be created, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNetwork {
    pub code: NetworkCode,
    /// Japanese name, shown first everywhere.
    pub name: String,
    /// English name, shown to people who chose English.
    pub name_en: Option<String>,
    /// A demo network is labelled as such on every screen.
    pub demo: bool,
}

impl NewNetwork {
    pub fn parse(code: &str, name: &str, name_en: Option<&str>, demo: bool) -> Result<Self, Invalid> {
        let mut v = Validator::new();
        let code = v.check("code", NetworkCode::parse(code));
        let name = v.check("name", text::parse_name(name, NAME_MAX_CHARS));
        let name_en = v.check("nameEn", text::parse_optional_name(name_en, NAME_MAX_CHARS));
        v.finish()?;
        match (code, name, name_en) {
            (Some(code), Some(name), Some(name_en)) => Ok(Self { code, name, name_en, demo }),
            _ => Err(Invalid::default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(NetworkCode::parse("salvia").map(|c| c.0), Ok("salvia".into()));
        assert_eq!(NetworkCode::parse(" Sakura-Net ").map(|c| c.0), Ok("sakura-net".into()));
        assert_eq!(NetworkCode::parse("ｓａｋｕｒａ").map(|c| c.0), Ok("sakura".into()));
        for bad in ["a", "-ab", "ab-", "a--b", "さくら", "a b", "a_b"] {
            assert_eq!(NetworkCode::parse(bad), Err(FieldErrorCode::InvalidFormat), "{bad}");
        }
        assert_eq!(NetworkCode::parse(""), Err(FieldErrorCode::Required));
        assert_eq!(NetworkCode::parse(&"a".repeat(33)), Err(FieldErrorCode::TooLong));
    }

    #[test]
    fn new_network_reports_every_bad_field() {
        let err = NewNetwork::parse("x", "", Some("🌸"), false).err().map(|e| e.0.len());
        assert_eq!(err, Some(3));
        let ok = NewNetwork::parse("sakura", "さくらネット", Some(" Sakura Net "), false);
        assert_eq!(ok.map(|n| n.name_en), Ok(Some("Sakura Net".to_owned())));
    }
}
