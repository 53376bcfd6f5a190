//! Secrets: password hashes, random tokens and their digests. Nothing here touches HTTP or the
//! database; callers run the password functions on blocking threads, as they are slow on purpose.

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use sha2::Sha256;

use crate::domain::accounts::NewPassword;

/// Argon2id with one of the cost settings OWASP recommends as equivalent: 7 MiB and five
/// passes. Of those, it needs the least memory, which matters when several people sign in at
/// once on a small server; the extra passes keep the cost to an attacker the same.
fn hasher() -> Argon2<'static> {
    let params = Params::new(7 * 1024, 5, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string of a new password: algorithm, parameters, salt and hash.
pub fn hash_password(password: &NewPassword) -> String {
    hash(password.expose())
}

fn hash(password: &str) -> String {
    let salt = SaltString::encode_b64(&random_bytes::<16>()).expect("a 16-byte salt encodes");
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .expect("Argon2 hashes any password of accepted length")
        .to_string()
}

/// Whether `password` matches `stored`. Without a stored hash (no such account, or one that
/// cannot sign in) a dummy hash is checked all the same, so that the time taken does not tell
/// an attacker which e-mail addresses have accounts.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: LazyLock<String> = LazyLock::new(|| {
        let salt = SaltString::encode_b64(&[0u8; 16]).expect("a salt");
        hasher()
            .hash_password(b"no account has this password", &salt)
            .expect("a dummy hash")
            .to_string()
    });
    let (hash, real) = match stored {
        Some(hash) => (hash, true),
        None => (DUMMY.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        tracing::error!("a stored password hash cannot be read");
        return false;
    };
    // Parameters come from the stored hash, so raising the costs later keeps old hashes valid.
    let matches = Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    matches && real
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    bytes
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 256 random bits as hex: session ids and CSRF tokens.
pub fn random_token() -> String {
    hex(&random_bytes::<32>())
}

/// The prefix of API tokens, so that secret scanners and people recognise one when it leaks.
pub const API_TOKEN_PREFIX: &str = "irt_";

pub fn new_api_token() -> String {
    format!("{API_TOKEN_PREFIX}{}", random_token())
}

/// What is stored in place of a session id or API token. These secrets are random and long,
/// so a fast hash suffices: nobody can guess their way back from it.
pub fn digest(secret: &str) -> String {
    crate::domain::text::sha256_hex(secret)
}

/// A password for one use, given to a new account's holder (or one whose password was reset)
/// and replaced at first sign-in: four groups of five characters from an alphabet without
/// look-alikes (about 100 bits).
#[derive(Clone)]
pub struct OneTimePassword(String);

impl OneTimePassword {
    pub fn generate() -> Self {
        const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
        // Bytes from 248 up would make the first letters likelier than the rest: drawn again.
        let fair_limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
        let mut characters = Vec::with_capacity(20);
        while characters.len() < 20 {
            let byte = random_bytes::<1>()[0];
            if byte < fair_limit {
                characters.push(ALPHABET[byte as usize % ALPHABET.len()] as char);
            }
        }
        let groups: Vec<String> = characters.chunks(5).map(|g| g.iter().collect()).collect();
        Self(groups.join("-"))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> String {
        hash(&self.0)
    }
}

/// The signature of `message` with `key` (HMAC-SHA-256, as hex): links that act without
/// signing in, such as an e-mail's unsubscribe link, carry one, and only the server can make it.
pub fn sign(key: &str, message: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac =
        Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(message.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// Whether `signature` is `message`'s, with `key`.
pub fn signed(key: &str, message: &str, signature: &str) -> bool {
    same_secret(&sign(key, message), signature)
}

/// Compares two secrets in time that depends only on their length.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_holds_for_its_message_and_key_only() {
        let signature = sign("key one", "unsubscribe:abc:assigned");
        assert!(signed("key one", "unsubscribe:abc:assigned", &signature));
        assert!(!signed("key two", "unsubscribe:abc:assigned", &signature));
        assert!(!signed("key one", "unsubscribe:abc:mentioned", &signature));
    }

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let password = NewPassword::parse("harbour kettle violet 42", &[]).unwrap();
        let hash = hash_password(&password);
        assert!(hash.starts_with("$argon2id$v=19$m=7168,t=5,p=1$"));
        assert!(verify_password("harbour kettle violet 42", Some(&hash)));
        assert!(!verify_password("harbour kettle violet 43", Some(&hash)));
        assert!(!verify_password("no account has this password", None));
    }

    #[test]
    fn tokens_are_random_and_stored_as_digests() {
        let (a, b) = (new_api_token(), new_api_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), API_TOKEN_PREFIX.len() + 64);
        assert_eq!(digest(&a).len(), 64);
        assert_ne!(digest(&a), digest(&b));
        assert!(same_secret(&a, &a.clone()) && !same_secret(&a, &b));
        let otp = OneTimePassword::generate();
        assert_eq!(otp.expose().len(), 23);
        assert_ne!(otp.expose(), OneTimePassword::generate().expose());
        assert!(verify_password(otp.expose(), Some(&otp.hash())));
    }
}
