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

#[cfg(test)]
mod tests {
    use super::*;

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
