//! Text as people type it on phones and reception PCs: any width, stray
//! spaces, sometimes emoji. Everything a person types passes through here.

use unicode_normalization::UnicodeNormalization;

use super::FieldErrorCode;

/// NFKC-normalises (full-width digits and letters become ASCII, half-width
/// katakana becomes full-width), turns every kind of space into one ASCII
/// space and trims the ends.
pub fn normalize(input: &str) -> String {
    let nfkc: String = input.nfkc().collect();
    let mut out = String::with_capacity(nfkc.len());
    let mut pending_space = false;
    for c in nfkc.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// A characters a person may use in a name or a label: letters, digits,
/// punctuation and symbols of Japanese and Western writing, but no control
/// characters, no private-use code points, no emoji, and no invisible
/// formatting characters (bidi overrides and isolates, zero-width spaces and
/// joiners, the BOM, the soft hyphen) with which a name could be shown as
/// another one.
pub fn is_allowed_in_name(c: char) -> bool {
    if c.is_control() {
        return false;
    }
    let cp = u32::from(c);
    let emoji_or_pictograph = matches!(cp,
        0x1F000..=0x1FAFF // mahjong, cards, emoticons, pictographs, transport, symbols
        | 0x2600..=0x27BF // miscellaneous symbols and dingbats
        | 0xFE00..=0xFE0F // variation selectors
        | 0x200B..=0x200F // zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
        | 0x202A..=0x202E // bidi embeddings and overrides
        | 0x2060..=0x2069 // word joiner, invisible operators, bidi isolates
        | 0xFEFF          // byte order mark, zero-width no-break space
        | 0x00AD | 0x061C | 0x180E // soft hyphen, Arabic letter mark, Mongolian vowel separator
        | 0xE000..=0xF8FF // private use
        | 0xF0000..=0x10FFFF
        | 0xE0000..=0xE007F // tags
    );
    !emoji_or_pictograph
}

/// A required single-line name of at most `max_chars` characters, normalised.
pub fn parse_name(input: &str, max_chars: usize) -> Result<String, FieldErrorCode> {
    let s = normalize(input);
    if s.is_empty() {
        return Err(FieldErrorCode::Required);
    }
    if s.chars().count() > max_chars {
        return Err(FieldErrorCode::TooLong);
    }
    if !s.chars().all(is_allowed_in_name) {
        return Err(FieldErrorCode::InvalidCharacters);
    }
    Ok(s)
}

/// Like [`parse_name`] but an empty input means "not given".
pub fn parse_optional_name(input: Option<&str>, max_chars: usize) -> Result<Option<String>, FieldErrorCode> {
    match input.map(normalize) {
        None => Ok(None),
        Some(s) if s.is_empty() => Ok(None),
        Some(s) => parse_name(&s, max_chars).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_widths_and_spaces() {
        assert_eq!(normalize("　ｻﾙﾋﾞｱ　ねっと "), "サルビア ねっと");
        assert_eq!(normalize("１４１０"), "1410");
        assert_eq!(normalize("Ａｂｃ\t\n d"), "Abc d");
        assert_eq!(normalize("   "), "");
    }

    #[test]
    fn names_refuse_emoji_control_and_overlong() {
        assert_eq!(parse_name("さくらネット", 10), Ok("さくらネット".to_owned()));
        assert_eq!(parse_name("", 10), Err(FieldErrorCode::Required));
        assert_eq!(parse_name("　", 10), Err(FieldErrorCode::Required));
        assert_eq!(parse_name("さくら🌸", 10), Err(FieldErrorCode::InvalidCharacters));
        assert_eq!(parse_name("a\u{0007}b", 10), Err(FieldErrorCode::InvalidCharacters));
        // Invisible characters that make a name display as another.
        for spoof in [
            "山田\u{202E}子花",
            "山\u{200B}田",
            "\u{FEFF}山田",
            "山田\u{2066}花子\u{2069}",
            "山\u{200D}田",
            "Ya\u{00AD}mada",
        ] {
            assert_eq!(parse_name(spoof, 20), Err(FieldErrorCode::InvalidCharacters), "{spoof:?}");
        }
        assert_eq!(parse_name(&"あ".repeat(10_000), 100), Err(FieldErrorCode::TooLong));
        // SQL and HTML are just characters: stored as typed, escaped wherever shown.
        assert_eq!(parse_name("<b>'; DROP TABLE x;--", 100).map(|s| s.len()), Ok(21));
    }

    #[test]
    fn optional_names() {
        assert_eq!(parse_optional_name(None, 5), Ok(None));
        assert_eq!(parse_optional_name(Some("  "), 5), Ok(None));
        assert_eq!(parse_optional_name(Some("Sakura"), 10), Ok(Some("Sakura".to_owned())));
        assert_eq!(parse_optional_name(Some("Sakura Net"), 5), Err(FieldErrorCode::TooLong));
    }
}
