//! Consent documents: what a person agrees to when joining a network.
//!
//! A document is published per network as a new version, in Japanese with
//! an English translation. Its text file's first line is the title, the first
//! paragraph after it is the plain summary shown before agreeing, and the
//! whole text is one tap away.

use super::{FieldErrorCode, text};

pub const BODY_MAX_CHARS: usize = 100_000;
pub const TITLE_MAX_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentText {
    pub title: String,
    pub summary: String,
    pub body: String,
}

/// Parses one language's text file (see the module documentation).
pub fn parse_text(input: &str) -> Result<ConsentText, FieldErrorCode> {
    // Keep line structure: normalise each line, not the whole text.
    let lines: Vec<String> = input.replace("\r\n", "\n").lines().map(text::normalize).collect();
    let body = lines.join("\n").trim().to_owned();
    if body.is_empty() {
        return Err(FieldErrorCode::Required);
    }
    if body.chars().count() > BODY_MAX_CHARS {
        return Err(FieldErrorCode::TooLong);
    }
    if !body.chars().all(|c| c == '\n' || text::is_allowed_in_name(c)) {
        return Err(FieldErrorCode::InvalidCharacters);
    }
    let mut rest = lines.iter().skip_while(|l| l.is_empty());
    let title = rest.next().map(|t| t.trim_start_matches('#').trim().to_owned()).unwrap_or_default();
    let summary: Vec<&str> =
        rest.skip_while(|l| l.is_empty()).take_while(|l| !l.is_empty()).map(String::as_str).collect();
    if title.is_empty() || summary.is_empty() {
        return Err(FieldErrorCode::InvalidFormat);
    }
    if title.chars().count() > TITLE_MAX_CHARS {
        return Err(FieldErrorCode::TooLong);
    }
    Ok(ConsentText { title, summary: summary.join("\n"), body })
}

/// Who gave, renewed or withdrew a consent. Stored as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentBy {
    /// The person themselves.
    Resident,
    /// A family member or guardian acting for them.
    Proxy,
    /// Reception staff, from a signed paper form.
    Staff,
    /// The network office (`renkei admin`).
    Operator,
}

impl ConsentBy {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Resident => "resident",
            Self::Proxy => "proxy",
            Self::Staff => "staff",
            Self::Operator => "operator",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Resident, Self::Proxy, Self::Staff, Self::Operator].into_iter().find(|k| k.as_str() == s)
    }
}

/// A version of a network's consent document, as the re-consent rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionInForce {
    pub version: i32,
    pub requires_reconsent: bool,
}

/// Whether a person who last agreed to `agreed` must be asked again: some
/// version published since, and already in force, says so. Until they agree
/// to the current version their consent stands as given; versions that do
/// not require re-consent never ask.
pub fn reconsent_due(agreed: i32, in_force: &[VersionInForce]) -> bool {
    in_force.iter().any(|d| d.version > agreed && d.requires_reconsent)
}

/// What agreeing to a network's document means for a person now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// No consent in force: a new consent starts now (joining, or re-joining
    /// after a withdrawal; nothing from the gap is ever shared).
    Join,
    /// A consent in force, agreed to an older version: it is renewed.
    Renew,
}

/// Why agreeing is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreementRefused {
    /// The version shown is not the one in force (a stale page).
    NotCurrent,
    /// Already in force at this version.
    AlreadyAgreed,
}

/// Decides what agreeing to `shown` does, given the version in force and the
/// version last agreed under the consent in force (if any).
pub fn agreement(shown: i32, current: i32, agreed_in_force: Option<i32>) -> Result<Agreement, AgreementRefused> {
    if shown != current {
        return Err(AgreementRefused::NotCurrent);
    }
    match agreed_in_force {
        None => Ok(Agreement::Join),
        Some(v) if v < current => Ok(Agreement::Renew),
        Some(_) => Err(AgreementRefused::AlreadyAgreed),
    }
}

/// Whether a record kept under `record_consent` may be shown to facilities:
/// only while that very consent is in force. A withdrawal stops sharing at
/// once; a re-join is a new consent, under which only what arrives from then
/// on is shared (what was kept before stays the person's own, and nothing
/// dated in the gap is ever accepted).
pub fn shared(record_consent: uuid::Uuid, in_force: &[uuid::Uuid]) -> bool {
    in_force.contains(&record_consent)
}

pub const CORRECTION_MAX_CHARS: usize = 2_000;

/// The text of a correction request: what is wrong and what it should say.
/// Kept in the person's own wording (no width folding): only line endings
/// and the ends are tidied, and control characters and emoji refused.
pub fn parse_correction(input: &str) -> Result<String, FieldErrorCode> {
    let lines: Vec<&str> = input.lines().map(str::trim_end).collect();
    let body = lines.join("\n").trim().to_owned();
    if body.is_empty() {
        return Err(FieldErrorCode::Required);
    }
    if body.chars().count() > CORRECTION_MAX_CHARS {
        return Err(FieldErrorCode::TooLong);
    }
    if !body.chars().all(|c| c == '\n' || text::is_allowed_in_name(c)) {
        return Err(FieldErrorCode::InvalidCharacters);
    }
    Ok(body)
}

/// How the network office answered a correction request. Stored as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorrectionStatus {
    Open,
    /// Corrected as asked (or as far as the office could).
    Corrected,
    /// Not corrected; the answer says why.
    Declined,
}

impl CorrectionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Corrected => "corrected",
            Self::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Result<Self, FieldErrorCode> {
        match s {
            "open" => Ok(Self::Open),
            "corrected" => Ok(Self::Corrected),
            "declined" => Ok(Self::Declined),
            _ => Err(FieldErrorCode::UnknownValue),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reconsent_only_when_a_newer_version_in_force_asks() {
        let v = |version, requires_reconsent| VersionInForce { version, requires_reconsent };
        assert!(!reconsent_due(1, &[v(1, false)]));
        assert!(!reconsent_due(1, &[v(1, false), v(2, false)]), "a wording fix does not ask");
        assert!(reconsent_due(1, &[v(1, false), v(2, true)]));
        assert!(reconsent_due(1, &[v(1, false), v(2, true), v(3, false)]), "v2 asked; v3 does not undo it");
        assert!(!reconsent_due(2, &[v(1, false), v(2, true)]), "agreed already");
        assert!(!reconsent_due(3, &[v(2, true), v(3, false)]));
    }

    #[test]
    fn agreeing() {
        assert_eq!(agreement(2, 2, None), Ok(Agreement::Join));
        assert_eq!(agreement(2, 2, Some(1)), Ok(Agreement::Renew));
        assert_eq!(agreement(2, 2, Some(2)), Err(AgreementRefused::AlreadyAgreed));
        assert_eq!(agreement(1, 2, None), Err(AgreementRefused::NotCurrent), "a stale page");
        assert_eq!(agreement(1, 2, Some(1)), Err(AgreementRefused::NotCurrent));
        assert_eq!(agreement(3, 2, None), Err(AgreementRefused::NotCurrent));
    }

    #[test]
    fn shared_only_under_the_consent_in_force() {
        let (first, second) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
        assert!(shared(first, &[first]));
        assert!(!shared(first, &[]), "withdrawn");
        assert!(!shared(first, &[second]), "re-joined: the earlier period is not shared again");
        assert!(shared(second, &[second]));
    }

    #[test]
    fn corrections() {
        assert_eq!(
            parse_correction("  生年月日が違います（昭和25年）。\r\n正しくは…  ").unwrap(),
            "生年月日が違います（昭和25年）。\n正しくは…",
            "the person's own wording, full-width brackets and all"
        );
        assert_eq!(parse_correction(" \n "), Err(FieldErrorCode::Required));
        assert_eq!(parse_correction(&"あ".repeat(CORRECTION_MAX_CHARS + 1)), Err(FieldErrorCode::TooLong));
        assert_eq!(parse_correction("bell\u{0007}"), Err(FieldErrorCode::InvalidCharacters));
        assert_eq!(CorrectionStatus::parse("declined"), Ok(CorrectionStatus::Declined));
        assert_eq!(CorrectionStatus::parse("done"), Err(FieldErrorCode::UnknownValue));
        assert_eq!(ConsentBy::parse("proxy"), Some(ConsentBy::Proxy));
    }

    #[test]
    fn title_summary_and_body() {
        let t = parse_text("# さくらネット 参加同意書\r\n\r\n医療機関や薬局があなたの情報を共有します。\nいつでも撤回できます。\n\n## 1. 目的\n…\n").unwrap();
        assert_eq!(t.title, "さくらネット 参加同意書");
        assert_eq!(t.summary, "医療機関や薬局があなたの情報を共有します。\nいつでも撤回できます。");
        assert!(t.body.starts_with("# さくらネット") && t.body.ends_with("..."), "NFKC folds the ellipsis");
    }

    #[test]
    fn refusals() {
        assert_eq!(parse_text("  \n "), Err(FieldErrorCode::Required));
        assert_eq!(parse_text("Title only"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(parse_text("T\n\nsum\u{0007}"), Err(FieldErrorCode::InvalidCharacters));
        assert_eq!(parse_text(&format!("T\n\n{}", "あ".repeat(BODY_MAX_CHARS))), Err(FieldErrorCode::TooLong));
    }
}
