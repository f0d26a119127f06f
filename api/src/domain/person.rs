//! A person's identifying details as typed on a phone or read off a paper
//! form: name in kanji and in kana, date of birth (Western or Japanese era),
//! sex. Used to match one person to one renkei id (名寄せ).

use chrono::{Datelike, NaiveDate};

use super::{FieldErrorCode, text};

pub const NAME_MAX_CHARS: usize = 50;

/// The name as written (kanji, kana or Latin letters for residents from
/// abroad): letters of any script, spaces, and the marks names carry
/// (・ ' - .). Digits and symbols are refused: they are typing slips, or
/// markup and query fragments that have no place in a name.
pub fn parse_name(input: &str) -> Result<String, FieldErrorCode> {
    let s = text::parse_name(input, NAME_MAX_CHARS)?;
    let ok = s.chars().all(|c| c.is_alphabetic() || c == ' ' || matches!(c, '・' | '\'' | '’' | '-' | '.' | '〆'));
    if ok { Ok(s) } else { Err(FieldErrorCode::InvalidCharacters) }
}

/// The name's reading: in kana, normalised to full-width katakana so that
/// 「やまだ はなこ」, 「ﾔﾏﾀﾞ ﾊﾅｺ」 and 「ヤマダ　ハナコ」 are the same (kana, the
/// long-vowel mark, the middle dot and spaces); or, for a resident whose card
/// gives the name in Latin letters only (a foreign resident's), in those
/// letters, normalised to capitals with single spaces so that "Smith John",
/// "ＳＭＩＴＨ　ＪＯＨＮ" and "SMITH  JOHN" are the same (letters of the Latin
/// script, spaces, and the marks names carry: - ' . ). A reading mixing
/// the two is refused.
pub fn parse_kana(input: &str) -> Result<String, FieldErrorCode> {
    let s = text::normalize(input);
    if s.is_empty() {
        return Err(FieldErrorCode::Required);
    }
    if s.chars().count() > NAME_MAX_CHARS {
        return Err(FieldErrorCode::TooLong);
    }
    if let Some(latin) = latin_reading(&s) {
        return Ok(latin);
    }
    let katakana: String = s
        .chars()
        .map(|c| match c {
            // Hiragana ぁ..ゖ and the iteration marks ゝゞ map onto katakana at +0x60.
            '\u{3041}'..='\u{3096}' | '\u{309D}' | '\u{309E}' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            _ => c,
        })
        .collect();
    let ok = katakana.chars().all(|c| matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '・' | 'ヽ' | 'ヾ' | ' '));
    if !ok {
        return Err(FieldErrorCode::InvalidCharacters);
    }
    Ok(katakana)
}

/// Letters of the Latin script (Basic Latin, Latin-1, Latin Extended A/B
/// and Additional), without the signs those blocks also hold.
fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && matches!(c, 'A'..='Z' | 'a'..='z' | '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
}

/// A reading in Latin letters (NFKC already applied), in capitals: `None`
/// if it is not one.
fn latin_reading(s: &str) -> Option<String> {
    let ok = s.chars().any(is_latin_letter)
        && s.chars().all(|c| is_latin_letter(c) || matches!(c, ' ' | '-' | '\'' | '’' | '.'));
    ok.then(|| s.chars().flat_map(char::to_uppercase).map(|c| if c == '’' { '\'' } else { c }).collect())
}

/// Readings compared for matching. Kana: without spaces and middle dots,
/// small kana folded to large (ァ→ア), so typing differences do not split a
/// person. Latin letters: without spaces and marks (- ' .), in capitals,
/// accents taken off (NGUYỄN and NGUYEN are how one name is typed with and
/// without them).
pub fn kana_match_key(kana: &str) -> String {
    if kana.chars().any(is_latin_letter) {
        use unicode_normalization::UnicodeNormalization;
        return kana
            .chars()
            .filter(|c| !matches!(c, ' ' | '・' | '-' | '\'' | '’' | '.'))
            // Accents off Latin letters only (kana keep their voicing marks).
            .flat_map(|c| -> Vec<char> {
                if is_latin_letter(c) {
                    c.nfd().filter(|m| !unicode_normalization::char::is_combining_mark(*m)).collect()
                } else {
                    vec![c]
                }
            })
            .flat_map(char::to_uppercase)
            .collect();
    }
    kana.chars()
        .filter(|c| !matches!(c, ' ' | '・'))
        .map(|c| match c {
            'ヵ' => 'カ',
            'ヶ' => 'ケ',
            // Each small kana sits just before its large form.
            'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ' => {
                char::from_u32(c as u32 + 1).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// Whether the name a facility's data gives for its patient is the
/// resident's, after normalisation: NFKC, no spaces or middle dots, hiragana
/// as katakana, small kana as large, Latin letters in one case.
///
/// Every name the data gives must agree. A kana reading on both sides must
/// match; the written name must then be the resident's or differ from it in
/// one character at most (kanji have variant forms, 髙/高, that systems write
/// differently). Without a kana reading, the written name must agree, or be
/// the resident's kana written as the name. `None` when the data gives no
/// name at all.
pub fn names_agree(resident_name: &str, resident_kana: &str, names: &[String], kana: &[String]) -> Option<bool> {
    let key = |s: &str| -> String {
        let folded: String = super::text::normalize(s)
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '・' | '･' | ',' | '、'))
            .map(|c| match c {
                '\u{3041}'..='\u{3096}' | '\u{309D}' | '\u{309E}' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
                _ => c.to_lowercase().next().unwrap_or(c),
            })
            .collect();
        kana_match_key(&folded)
    };
    let own_kana = key(resident_kana);
    let own_name = key(resident_name);
    let kana: Vec<String> = kana.iter().map(|k| key(k)).filter(|k| !k.is_empty()).collect();
    let names: Vec<String> = names.iter().map(|n| key(n)).filter(|n| !n.is_empty()).collect();
    if kana.is_empty() && names.is_empty() {
        return None;
    }
    let reading_checked = !kana.is_empty() && !own_kana.is_empty();
    if reading_checked && kana.iter().any(|k| *k != own_kana) {
        return Some(false);
    }
    let variant_of_own = |n: &str| {
        let (a, b): (Vec<char>, Vec<char>) = (n.chars().collect(), own_name.chars().collect());
        a.len() == b.len() && a.iter().zip(&b).filter(|(x, y)| x != y).count() <= 1
    };
    Some(
        names.iter().all(|n| {
            *n == own_name || (!own_kana.is_empty() && *n == own_kana) || (reading_checked && variant_of_own(n))
        }),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
        }
    }

    pub fn parse(input: &str) -> Result<Self, FieldErrorCode> {
        // Exactly the closed set the API documents: the screens offer the
        // choice, so another spelling is a client's mistake, not a person's.
        match input {
            "" => Err(FieldErrorCode::Required),
            "male" => Ok(Self::Male),
            "female" => Ok(Self::Female),
            _ => Err(FieldErrorCode::UnknownValue),
        }
    }
}

const DATE_SEPARATORS: [char; 7] = ['年', '月', '日', '.', '/', '-', ' '];

/// The Japanese eras of living people, with the day each began.
const ERAS: [(char, &str, (i32, u32, u32)); 5] = [
    ('M', "明治", (1868, 10, 23)),
    ('T', "大正", (1912, 7, 30)),
    ('S', "昭和", (1926, 12, 25)),
    ('H', "平成", (1989, 1, 8)),
    ('R', "令和", (2019, 5, 1)),
];

fn era_start(i: usize) -> Option<NaiveDate> {
    let (_, _, (y, m, d)) = ERAS[i];
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A date written in a Japanese era: 「昭和25年4月1日」, 「S25.4.1」, 「S250401」,
/// 「平成元年1月8日」. The day must fall inside the era.
fn parse_era_date(s: &str) -> Option<NaiveDate> {
    let (idx, rest) = ERAS.iter().enumerate().find_map(|(i, (letter, name, _))| {
        if let Some(rest) = s.strip_prefix(name) {
            Some((i, rest))
        } else {
            let mut chars = s.chars();
            let first = chars.next()?.to_ascii_uppercase();
            (first == *letter).then_some((i, chars.as_str()))
        }
    })?;
    let rest = rest.replace("元", "1");
    let parts: Vec<u32> = if rest.chars().all(|c| c.is_ascii_digit()) && rest.len() == 6 {
        vec![rest[0..2].parse().ok()?, rest[2..4].parse().ok()?, rest[4..6].parse().ok()?]
    } else {
        let parts: Vec<&str> = rest.split(DATE_SEPARATORS).filter(|p| !p.is_empty()).collect();
        parts.iter().map(|p| p.parse().ok()).collect::<Option<Vec<u32>>>()?
    };
    let [year, month, day] = parts[..] else { return None };
    if year == 0 {
        return None;
    }
    let start = era_start(idx)?;
    // An era year past any real one is no date (and no overflow).
    let year = i32::try_from(year).ok().filter(|y| *y <= 200)?;
    let date = NaiveDate::from_ymd_opt(start.year() + year - 1, month, day)?;
    let end = if idx + 1 < ERAS.len() { era_start(idx + 1) } else { None };
    (date >= start && end.is_none_or(|e| date < e)).then_some(date)
}

/// A Western date: 「1950-04-01」, 「1950/4/1」, 「19500401」, 「1950年4月1日」.
fn parse_western_date(s: &str) -> Option<NaiveDate> {
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::from_ymd_opt(s[0..4].parse().ok()?, s[4..6].parse().ok()?, s[6..8].parse().ok()?);
    }
    let parts: Vec<&str> = s.split(DATE_SEPARATORS).filter(|p| !p.is_empty()).collect();
    let [y, m, d] = parts[..] else { return None };
    if y.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Parses any date a person might type. Does not judge plausibility.
pub fn parse_date(input: &str) -> Result<NaiveDate, FieldErrorCode> {
    let s = text::normalize(input);
    if s.is_empty() {
        return Err(FieldErrorCode::Required);
    }
    parse_western_date(&s).or_else(|| parse_era_date(&s)).ok_or(FieldErrorCode::InvalidFormat)
}

/// The oldest age accepted for a date of birth.
pub const MAX_AGE_YEARS: i32 = 125;

/// A date of birth: a real date, not after `today`, not more than
/// [`MAX_AGE_YEARS`] years before it.
pub fn parse_birth_date(input: &str, today: NaiveDate) -> Result<NaiveDate, FieldErrorCode> {
    let d = parse_date(input)?;
    if d > today {
        return Err(FieldErrorCode::OutOfRange);
    }
    let oldest = NaiveDate::from_ymd_opt(today.year() - MAX_AGE_YEARS, today.month(), 1).unwrap_or(today);
    if d < oldest {
        return Err(FieldErrorCode::OutOfRange);
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_era_year_past_any_real_one_is_refused_not_a_crash() {
        for huge in ["R2147483647.1.1", "S2147483647.1.1", "R2147481630.12.31", "令和4294967295年1月1日", "R201.1.1"]
        {
            assert_eq!(parse_date(huge), Err(FieldErrorCode::InvalidFormat), "{huge}");
        }
    }

    #[test]
    fn names_are_letters_not_markup() {
        for good in
            ["山田 花子", "髙橋 一郎", "佐々木 ヶ子", "O'Brien Mary", "Jean-Luc Picard", "ｻﾄｳ ﾀﾛｳ", "やまだ はなこ"]
        {
            assert!(parse_name(good).is_ok(), "{good}");
        }
        for bad in ["<script>alert(1)</script>", "'; DROP TABLE resident; --", "山田 花子1", "山田😀"] {
            assert_eq!(parse_name(bad), Err(FieldErrorCode::InvalidCharacters), "{bad}");
        }
        assert_eq!(parse_name(&"山".repeat(10_000)), Err(FieldErrorCode::TooLong));
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_reading_in_latin_letters_is_kept_in_capitals_and_matched_without_spaces_marks_or_accents() {
        for typed in ["Smith John", "ＳＭＩＴＨ　ＪＯＨＮ", " smith   john ", "SMITH JOHN"] {
            assert_eq!(parse_kana(typed).as_deref(), Ok("SMITH JOHN"), "{typed}");
        }
        assert_eq!(parse_kana("O’Brien-Walsh Mary Ann").as_deref(), Ok("O'BRIEN-WALSH MARY ANN"));
        assert_eq!(parse_kana("Nguyễn Văn An").as_deref(), Ok("NGUYỄN VĂN AN"));
        assert_eq!(kana_match_key("NGUYỄN VĂN AN"), kana_match_key("NGUYEN VAN AN"));
        assert_eq!(kana_match_key("O'BRIEN-WALSH MARY"), "OBRIENWALSHMARY");
        assert_eq!(kana_match_key(&parse_kana("smith john").unwrap()), kana_match_key("SMITH JOHN"));
        // Not the same person as another order of the names, nor as kana.
        assert_ne!(kana_match_key("JOHN SMITH"), kana_match_key("SMITH JOHN"));
        // Mixed scripts, digits, symbols and other alphabets are refused.
        for bad in ["SMITH ジョン", "SMITH J0HN", "SMITH_JOHN", "СМИТ", "史密斯", "-", "."] {
            assert_eq!(parse_kana(bad), Err(FieldErrorCode::InvalidCharacters), "{bad}");
        }
        assert_eq!(parse_kana("A".repeat(51).as_str()), Err(FieldErrorCode::TooLong));
    }

    #[test]
    fn kana_in_any_form_becomes_katakana() {
        assert_eq!(parse_kana("やまだ　はなこ"), Ok("ヤマダ ハナコ".into()));
        assert_eq!(parse_kana("ﾔﾏﾀﾞ ﾊﾅｺ"), Ok("ヤマダ ハナコ".into()));
        assert_eq!(parse_kana("スミス・ジョン"), Ok("スミス・ジョン".into()));
        assert_eq!(parse_kana("ゆうこ"), Ok("ユウコ".into()));
        assert_eq!(parse_kana("ヴァレリー"), Ok("ヴァレリー".into()));
        // Latin letters are a reading of their own (see the test above).
        assert_eq!(parse_kana("Yamada"), Ok("YAMADA".into()));
        assert_eq!(parse_kana("山田"), Err(FieldErrorCode::InvalidCharacters));
        assert_eq!(parse_kana("やまだ🌸"), Err(FieldErrorCode::InvalidCharacters));
        assert_eq!(parse_kana(" "), Err(FieldErrorCode::Required));
        assert_eq!(parse_kana(&"ア".repeat(51)), Err(FieldErrorCode::TooLong));
    }

    #[test]
    fn kana_match_keys_ignore_spacing_and_small_kana() {
        assert_eq!(kana_match_key("ヤマダ ハナコ"), kana_match_key("ヤマダハナコ"));
        assert_eq!(kana_match_key("キョウコ"), kana_match_key("キヨウコ"));
        assert_ne!(kana_match_key("ヤマダ ハナコ"), kana_match_key("ヤマダ ハナエ"));
    }

    #[test]
    fn western_and_era_dates() {
        for s in ["1950-04-01", "1950/4/1", "19500401", "1950年4月1日", "１９５０／０４／０１"] {
            assert_eq!(parse_date(s), Ok(ymd(1950, 4, 1)), "{s}");
        }
        for s in ["昭和25年4月1日", "S25.4.1", "s25/04/01", "S250401", "昭和25.4.1"] {
            assert_eq!(parse_date(s), Ok(ymd(1950, 4, 1)), "{s}");
        }
        assert_eq!(parse_date("平成元年1月8日"), Ok(ymd(1989, 1, 8)));
        assert_eq!(parse_date("令和2年2月29日"), Ok(ymd(2020, 2, 29)));
        assert_eq!(parse_date("R7.11.21"), Ok(ymd(2025, 11, 21)));
        assert_eq!(parse_date("大正15年12月24日"), Ok(ymd(1926, 12, 24)));
        assert_eq!(parse_date("昭和64年1月7日"), Ok(ymd(1989, 1, 7)));
        // Outside its era, or not a day at all.
        assert_eq!(parse_date("昭和64年1月8日"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(parse_date("平成1年1月7日"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(parse_date("令和1年4月30日"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(parse_date("2023-02-29"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(parse_date("S0.1.1"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(parse_date("50-4-1"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(parse_date("yesterday"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(parse_date(""), Err(FieldErrorCode::Required));
    }

    #[test]
    fn birth_dates_must_be_plausible() {
        let today = ymd(2026, 11, 21);
        assert_eq!(parse_birth_date("S25.4.1", today), Ok(ymd(1950, 4, 1)));
        assert_eq!(parse_birth_date("2026-11-21", today), Ok(today));
        assert_eq!(parse_birth_date("2026-11-22", today), Err(FieldErrorCode::OutOfRange));
        assert_eq!(parse_birth_date("1896-01-01", today), Err(FieldErrorCode::OutOfRange), "130 years ago");
        assert_eq!(parse_birth_date("明治35年1月1日", today), Ok(ymd(1902, 1, 1)));
    }

    #[test]
    fn sex() {
        assert_eq!(Sex::parse("female"), Ok(Sex::Female));
        assert_eq!(Sex::parse("male"), Ok(Sex::Male));
        for other in ["女", "F", "f", " Male ", "Female", "x", "other"] {
            assert_eq!(Sex::parse(other), Err(FieldErrorCode::UnknownValue), "{other}");
        }
        assert_eq!(Sex::parse(""), Err(FieldErrorCode::Required));
    }

    #[test]
    fn names_agree_after_normalisation() {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // Spaces, widths and hiragana do not matter; small kana fold to large.
        assert_eq!(names_agree("山田 花子", "ヤマダ ハナコ", &v(&["山田　花子"]), &[]), Some(true));
        assert_eq!(names_agree("山田 花子", "ヤマダ ハナコ", &[], &v(&["やまだ はなこ"])), Some(true));
        assert_eq!(names_agree("山田 花子", "ヤマダ ハナコ", &[], &v(&["ﾔﾏﾀﾞ ﾊﾅｺ"])), Some(true));
        assert_eq!(names_agree("佐藤 ジョン", "サトウ ジョン", &[], &v(&["サトウ ヂョン"])), Some(false));
        // The kana decides over a variant kanji form.
        assert_eq!(
            names_agree("髙橋 一郎", "タカハシ イチロウ", &v(&["高橋 一郎"]), &v(&["タカハシ イチロウ"])),
            Some(true)
        );
        // Another person, even under the resident's reading; every name given must agree.
        assert_eq!(names_agree("山田 花子", "ヤマダ ハナコ", &v(&["山田 太郎"]), &[]), Some(false));
        assert_eq!(names_agree("山田 花子", "ヤマダ ハナコ", &v(&["田中 一郎"]), &v(&["ヤマダ ハナコ"])), Some(false));
        assert_eq!(
            names_agree("山田 花子", "ヤマダ ハナコ", &[], &v(&["ヤマダ タロウ", "ヤマダ ハナコ"])),
            Some(false)
        );
        assert_eq!(names_agree("山田 花子", "ヤマダ ハナコ", &v(&["山田 花子"]), &v(&["ヤマダ タロウ"])), Some(false));
        // The kana written where the name goes; Latin names in any case.
        assert_eq!(names_agree("山田 花子", "ヤマダ ハナコ", &v(&["ヤマダ ハナコ"]), &[]), Some(true));
        assert_eq!(names_agree("SMITH John", "スミス ジョン", &v(&["Smith JOHN"]), &[]), Some(true));
        assert_eq!(names_agree("山田 花子", "ヤマダ ハナコ", &[], &[]), None);
    }
}
