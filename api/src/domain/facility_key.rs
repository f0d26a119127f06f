//! API keys of facilities' systems: `rkf_<prefix>_<secret>`, shown once when
//! issued, stored only as a SHA-256 hash (the key has 192 random bits, so a
//! fast hash is enough), scoped to one facility, revocable.

use rand::Rng;

use super::session::{hex, token_hash};

/// The part every key starts with, so a leaked key is recognisable in logs and scanners.
pub const SCHEME: &str = "rkf_";
/// Characters of the public prefix (shown in lists) and of the secret.
const PREFIX_BYTES: usize = 4;
const SECRET_BYTES: usize = 24;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewKey {
    /// The whole key, to show once.
    pub key: String,
    /// The public prefix (8 hex characters).
    pub prefix: String,
    pub hash: String,
}

pub fn generate(rng: &mut impl Rng) -> NewKey {
    let prefix: [u8; PREFIX_BYTES] = rng.random();
    let secret: [u8; SECRET_BYTES] = rng.random();
    let prefix = hex(&prefix);
    let key = format!("{SCHEME}{prefix}_{}", hex(&secret));
    NewKey { hash: token_hash(&key), key, prefix }
}

/// The hash to look a presented key up by, if it has the shape of a key.
pub fn lookup_hash(presented: &str) -> Option<String> {
    let rest = presented.strip_prefix(SCHEME)?;
    let (prefix, secret) = rest.split_once('_')?;
    let hexish = |s: &str, n: usize| s.len() == n * 2 && s.bytes().all(|b| b.is_ascii_hexdigit());
    (hexish(prefix, PREFIX_BYTES) && hexish(secret, SECRET_BYTES)).then(|| token_hash(presented))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_and_found_by_hash() {
        let mut rng = rand::rng();
        let a = generate(&mut rng);
        let b = generate(&mut rng);
        assert_ne!(a.key, b.key);
        assert!(a.key.starts_with(&format!("rkf_{}_", a.prefix)));
        assert_eq!(a.key.len(), 4 + 8 + 1 + 48);
        assert_eq!(lookup_hash(&a.key), Some(a.hash.clone()));
        assert_ne!(a.hash, a.key);
        assert_eq!(lookup_hash("rkf_short_abc"), None);
        assert_eq!(lookup_hash(&a.key.replace("rkf_", "xyz_")), None);
        assert_eq!(lookup_hash(""), None);
    }
}
