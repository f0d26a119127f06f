//! The two languages of renkei: Japanese first, English second.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ja => "ja",
            Self::En => "en",
        }
    }

    /// Chooses from an `Accept-Language` header: English only when the person
    /// prefers English to Japanese; Japanese otherwise, and when in doubt.
    pub fn from_accept_language(header: Option<&str>) -> Self {
        let Some(header) = header else { return Self::Ja };
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            let lang = if tag == "ja" || tag.starts_with("ja-") {
                Lang::Ja
            } else if tag == "en" || tag.starts_with("en-") {
                Lang::En
            } else {
                continue;
            };
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn accept_language() {
        assert_eq!(Lang::from_accept_language(None), Lang::Ja);
        assert_eq!(Lang::from_accept_language(Some("en-US,en;q=0.9")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("ja,en-US;q=0.9,en;q=0.8")), Lang::Ja);
        assert_eq!(Lang::from_accept_language(Some("en;q=0.5,ja;q=0.8")), Lang::Ja);
        assert_eq!(Lang::from_accept_language(Some("fr-FR,en;q=0.7")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("fr-FR,de")), Lang::Ja);
        assert_eq!(Lang::from_accept_language(Some("en;q=0")), Lang::Ja);
    }
}
