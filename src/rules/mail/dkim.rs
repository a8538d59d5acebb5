//! DKIM key records (RFC 6376 §3.6.1): the public key of `p=` read for
//! its type and size.

use super::policy::PolicyRecord;
use super::tags::Tag;

/// What `p=` holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Key {
    /// `p=` empty: the key is revoked (RFC 6376 §3.6.1).
    Revoked,
    /// An RSA key with a modulus of this many bits.
    Rsa { bits: usize },
    /// A 32-byte Ed25519 key (RFC 8463).
    Ed25519,
    /// Not a key of the record's type, with what is wrong.
    Bad(String),
}

/// The key type a record names (`k=`, default `rsa`), lowercased.
pub(crate) fn key_type(record: &PolicyRecord) -> String {
    record
        .tag("k")
        .map_or_else(|| "rsa".to_string(), |k| k.value.to_ascii_lowercase())
}

/// The key of `p` for key type `k` (`rsa` or `ed25519`).
pub(crate) fn read_key(p: &Tag, k: &str) -> Key {
    // Folding white space may sit anywhere in the base64 (RFC 6376 §3.6.1).
    let compact: Vec<u8> = p
        .value
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if compact.is_empty() {
        return Key::Revoked;
    }
    let alphabet = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
    if let Some(at) = compact.iter().position(|b| !alphabet(b)) {
        return Key::Bad(format!(
            "is not base64: `{}` at byte {}",
            char::from(compact[at]).escape_default(),
            at + 1
        ));
    }
    let bytes = match data_encoding::BASE64.decode(&compact) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Key::Bad(match e.kind {
                data_encoding::DecodeKind::Length => {
                    "is not base64: its length is not a multiple of 4 (a string cut or lost?)"
                        .to_string()
                }
                _ => format!(
                    "is not base64: `{}` at byte {}",
                    compact
                        .get(e.position)
                        .map_or('?', |&b| char::from(b))
                        .escape_default(),
                    e.position + 1
                ),
            })
        }
    };
    match k {
        "ed25519" => {
            if bytes.len() == 32 {
                Key::Ed25519
            } else if bytes.len() == 44 && bytes.starts_with(&ED25519_SPKI_PREFIX) {
                Key::Bad(
                    "holds the Ed25519 key wrapped in SubjectPublicKeyInfo: publish the bare 32 bytes (RFC 8463 §4.2)"
                        .to_string(),
                )
            } else {
                Key::Bad(format!(
                    "holds {} bytes; an Ed25519 key is 32 (RFC 8463 §4.2)",
                    bytes.len()
                ))
            }
        }
        _ => rsa_bits(&bytes).map_or_else(
            || {
                Key::Bad(
                    "is not an RSA public key (SubjectPublicKeyInfo or RSAPublicKey in DER)"
                        .to_string(),
                )
            },
            |bits| Key::Rsa { bits },
        ),
    }
}

/// The DER header of an Ed25519 SubjectPublicKeyInfo (RFC 8410).
const ED25519_SPKI_PREFIX: [u8; 12] = [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
];
/// rsaEncryption, 1.2.840.113549.1.1.1.
const RSA_OID: [u8; 9] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// One DER element at the start of `bytes`: its tag, its content and what
/// follows it.
fn element(bytes: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = bytes.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        (len, &rest[n..])
    };
    (rest.len() >= len).then(|| (tag, &rest[..len], &rest[len..]))
}

/// The modulus size of an RSA key in DER: a SubjectPublicKeyInfo (what
/// everyone publishes and verifiers read) or a bare RSAPublicKey (what
/// RFC 6376 §3.6.1 names).
fn rsa_bits(der: &[u8]) -> Option<usize> {
    let (tag, body, rest) = element(der)?;
    if tag != 0x30 || !rest.is_empty() {
        return None;
    }
    let (first_tag, first, after) = element(body)?;
    let public_key = if first_tag == 0x30 {
        // SubjectPublicKeyInfo: the algorithm, then the key as a BIT STRING.
        let (oid_tag, oid, _) = element(first)?;
        if oid_tag != 0x06 || oid != RSA_OID {
            return None;
        }
        let (bits_tag, bits, _) = element(after)?;
        let (&unused, key) = bits.split_first()?;
        if bits_tag != 0x03 || unused != 0 {
            return None;
        }
        let (tag, key, _) = element(key)?;
        if tag != 0x30 {
            return None;
        }
        key
    } else {
        body
    };
    let (tag, modulus, rest) = element(public_key)?;
    let (exponent_tag, exponent, _) = element(rest)?;
    if tag != 0x02 || exponent_tag != 0x02 || exponent.is_empty() {
        return None;
    }
    let modulus: &[u8] = {
        let zeros = modulus.iter().take_while(|&&b| b == 0).count();
        &modulus[zeros..]
    };
    let top = *modulus.first()?;
    Some(modulus.len() * 8 - top.leading_zeros() as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::mail::tags::TagList;

    /// A DER RSAPublicKey with a modulus of `bits` bits and exponent 65537.
    fn rsa_public_key(bits: usize) -> Vec<u8> {
        let mut modulus = vec![0u8];
        modulus.push(0x80 | 0x40);
        modulus.extend(std::iter::repeat_n(0x5a, bits / 8 - 1));
        let mut seq = der(0x02, &modulus);
        seq.extend(der(0x02, &[1, 0, 1]));
        der(0x30, &seq)
    }

    fn der(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        let len = content.len();
        if len < 0x80 {
            out.push(len as u8);
        } else {
            out.extend([0x82, (len >> 8) as u8, len as u8]);
        }
        out.extend_from_slice(content);
        out
    }

    fn spki(key: &[u8]) -> Vec<u8> {
        let mut algorithm = der(0x06, &RSA_OID);
        algorithm.extend([0x05, 0x00]);
        let mut bits = vec![0];
        bits.extend_from_slice(key);
        let mut body = der(0x30, &algorithm);
        body.extend(der(0x03, &bits));
        der(0x30, &body)
    }

    fn key_of(p: &str, k: &str) -> Key {
        let text = format!("p={p}");
        let list = TagList::parse(text.as_bytes());
        read_key(list.get("p").unwrap(), k)
    }

    #[test]
    fn measures_rsa_keys_in_both_forms() {
        for bits in [512, 1024, 2048, 4096] {
            let bare = rsa_public_key(bits);
            assert_eq!(rsa_bits(&bare), Some(bits));
            assert_eq!(rsa_bits(&spki(&bare)), Some(bits));
            let text = data_encoding::BASE64.encode(&spki(&bare));
            // Split with white space, as folded in a record.
            let folded = format!("{} {}", &text[..40], &text[40..]);
            assert_eq!(key_of(&folded, "rsa"), Key::Rsa { bits });
        }
    }

    #[test]
    fn rejects_what_is_not_a_key() {
        assert_eq!(key_of("", "rsa"), Key::Revoked);
        assert!(
            matches!(key_of("MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ", "rsa"), Key::Bad(m) if m.contains("multiple of 4"))
        );
        assert!(matches!(key_of("bm90IGEga2V5", "rsa"), Key::Bad(m) if m.contains("not an RSA")));
        assert!(matches!(key_of("ab!d", "rsa"), Key::Bad(m) if m.contains("`!`")));
        let ed = [7u8; 32];
        assert_eq!(
            key_of(&data_encoding::BASE64.encode(&ed), "ed25519"),
            Key::Ed25519
        );
        let mut wrapped = ED25519_SPKI_PREFIX.to_vec();
        wrapped.extend_from_slice(&ed);
        assert!(
            matches!(key_of(&data_encoding::BASE64.encode(&wrapped), "ed25519"), Key::Bad(m) if m.contains("SubjectPublicKeyInfo"))
        );
        // An RSA key under k=ed25519.
        let rsa = data_encoding::BASE64.encode(&spki(&rsa_public_key(1024)));
        assert!(matches!(key_of(&rsa, "ed25519"), Key::Bad(_)));
    }
}
