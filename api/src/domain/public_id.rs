//! Numbers people read, type and say aloud: registration numbers and claim
//! codes. Crockford base32 (no I, L, O, U; case-insensitive; I/L read as 1 and
//! O as 0), random — never derived from personal data — with a check
//! character (mod 37) that catches a mistyped or swapped character.
//!
//! Crockford's check symbols for the remainders 32-36 are `*~$=U`: hard to
//! type on a phone and to read aloud at reception. Codes are therefore drawn
//! again until their remainder is below 32, so the check character is always
//! an ordinary one, and a remainder of 32 or more marks a typo.

use std::fmt;

use rand::Rng;

use super::FieldErrorCode;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn value_of(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    };
    ALPHABET.iter().position(|&a| a as char == c).map(|p| p as u8)
}

/// The check character, or `None` for the remainders 32-36 that codes avoid.
fn check_char(values: &[u8]) -> Option<char> {
    let rem = values.iter().fold(0u32, |acc, &v| (acc * 32 + u32::from(v)) % 37);
    ALPHABET.get(rem as usize).map(|&c| c as char)
}

/// What people put between the groups of a code: spaces, and the hyphens,
/// dashes and long-vowel marks a Japanese keyboard offers for `-`.
pub fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | 'ー' | 'ｰ')
}

/// A random code of `len` characters plus its check character, shown in
/// groups of four: `7K3M-QX9P-R`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PublicId(String);

impl PublicId {
    pub fn generate(len: usize, rng: &mut impl Rng) -> Self {
        loop {
            let values: Vec<u8> = (0..len).map(|_| rng.random_range(0..32u8)).collect();
            if let Some(check) = check_char(&values) {
                let mut s: String = values.iter().map(|&v| ALPHABET[v as usize] as char).collect();
                s.push(check);
                return Self(s);
            }
        }
    }

    /// Accepts what a person types: any case, hyphens and spaces, full width,
    /// O for 0 and I or L for 1. `len` is the length without the check character.
    pub fn parse(input: &str, len: usize) -> Result<Self, FieldErrorCode> {
        let s: String = super::text::normalize(input).chars().filter(|c| !is_separator(*c)).collect();
        if s.is_empty() {
            return Err(FieldErrorCode::Required);
        }
        let chars: Vec<char> = s.chars().collect();
        if chars.len() != len + 1 {
            return Err(FieldErrorCode::InvalidFormat);
        }
        let (body, check) = chars.split_at(len);
        let values =
            body.iter().map(|&c| value_of(c)).collect::<Option<Vec<u8>>>().ok_or(FieldErrorCode::InvalidFormat)?;
        let expected = check_char(&values).ok_or(FieldErrorCode::CheckDigit)?;
        let given = value_of(check[0]).map(|v| ALPHABET[v as usize] as char);
        if given != Some(expected) {
            return Err(FieldErrorCode::CheckDigit);
        }
        let mut canonical: String = values.iter().map(|&v| ALPHABET[v as usize] as char).collect();
        canonical.push(expected);
        Ok(Self(canonical))
    }

    /// A stored id (no separators) as people see it, in groups of four.
    pub fn display_of(stored: &str) -> String {
        Self(stored.to_owned()).to_string()
    }

    /// Without separators, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PublicId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let chars: Vec<char> = self.0.chars().collect();
        let groups: Vec<String> = chars.chunks(4).map(|c| c.iter().collect()).collect();
        f.write_str(&groups.join("-"))
    }
}

impl fmt::Debug for PublicId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicId({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_parse_back_in_any_typed_form() {
        let mut rng = rand::rng();
        for _ in 0..200 {
            let id = PublicId::generate(8, &mut rng);
            assert_eq!(id.as_str().len(), 9);
            let shown = id.to_string();
            assert_eq!(PublicId::parse(&shown, 8).as_ref(), Ok(&id));
            assert_eq!(PublicId::parse(&shown.to_lowercase(), 8).as_ref(), Ok(&id));
            let full_width: String = shown
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { char::from_u32(c as u32 + 0xFEE0).unwrap() } else { c })
                .collect();
            assert_eq!(PublicId::parse(&full_width, 8).as_ref(), Ok(&id));
            for dash in ['ー', '−', '‐', '―'] {
                assert_eq!(PublicId::parse(&shown.replace('-', &dash.to_string()), 8).as_ref(), Ok(&id), "{dash}");
            }
        }
    }

    #[test]
    fn typos_are_caught() {
        let mut rng = rand::rng();
        for _ in 0..100 {
            let id = PublicId::generate(8, &mut rng);
            let chars: Vec<char> = id.as_str().chars().collect();
            // Every single-character substitution in the body.
            for pos in 0..8 {
                for &a in ALPHABET {
                    let mut c = chars.clone();
                    if c[pos] == a as char {
                        continue;
                    }
                    c[pos] = a as char;
                    let typed: String = c.into_iter().collect();
                    assert!(PublicId::parse(&typed, 8).is_err(), "{typed} from {id}");
                }
            }
            // Every transposition of two neighbouring different characters.
            for pos in 0..8 {
                let mut c = chars.clone();
                if c[pos] == c[pos + 1] {
                    continue;
                }
                c.swap(pos, pos + 1);
                let typed: String = c.into_iter().collect();
                assert!(PublicId::parse(&typed, 8).is_err(), "{typed} from {id}");
            }
        }
    }

    #[test]
    fn check_characters_are_ordinary_ones() {
        let mut rng = rand::rng();
        for _ in 0..2000 {
            let id = PublicId::generate(8, &mut rng);
            assert!(id.as_str().chars().all(|c| ALPHABET.contains(&(c as u8))), "{id}");
        }
    }

    #[test]
    fn ambiguous_letters_read_as_digits() {
        let id = PublicId::parse("0000-0001-1", 8).unwrap();
        assert_eq!(PublicId::parse("OOOO-OOOI-1", 8), Ok(id.clone()));
        assert_eq!(PublicId::parse("oooo ooo l 1", 8), Ok(id));
        assert_eq!(PublicId::parse("", 8), Err(FieldErrorCode::Required));
        assert_eq!(PublicId::parse("ABC", 8), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(
            PublicId::parse("UUUU-UUUU-0", 8),
            Err(FieldErrorCode::InvalidFormat),
            "U is not in the body alphabet"
        );
    }
}
