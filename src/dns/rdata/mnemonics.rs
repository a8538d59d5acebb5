//! Mnemonic tables shared by the text and wire directions.

/// DNSSEC algorithm mnemonics (RFC 4034 Appendix A.1 and the IANA registry).
const ALGORITHMS: &[(&str, u8)] = &[
    ("RSAMD5", 1),
    ("DH", 2),
    ("DSA", 3),
    ("ECC", 4),
    ("RSASHA1", 5),
    ("DSA-NSEC3-SHA1", 6),
    ("RSASHA1-NSEC3-SHA1", 7),
    ("RSASHA256", 8),
    ("RSASHA512", 10),
    ("ECC-GOST", 12),
    ("ECDSAP256SHA256", 13),
    ("ECDSAP384SHA384", 14),
    ("ED25519", 15),
    ("ED448", 16),
    ("INDIRECT", 252),
    ("PRIVATEDNS", 253),
    ("PRIVATEOID", 254),
];

/// The DNSSEC algorithm number of a mnemonic (`RSASHA256`), in any case.
pub fn algorithm_from_mnemonic(text: &[u8]) -> Option<u8> {
    ALGORITHMS
        .iter()
        .find(|(m, _)| m.as_bytes().eq_ignore_ascii_case(text))
        .map(|a| a.1)
}

/// DS digest type mnemonics as BIND accepts them.
const DIGESTS: &[(&str, u8)] = &[
    ("SHA-1", 1),
    ("SHA1", 1),
    ("SHA-256", 2),
    ("SHA256", 2),
    ("GOST", 3),
    ("SHA-384", 4),
    ("SHA384", 4),
];

/// The DS digest type of a mnemonic (`SHA-256`), in any case.
pub fn digest_from_mnemonic(text: &[u8]) -> Option<u8> {
    DIGESTS
        .iter()
        .find(|(m, _)| m.as_bytes().eq_ignore_ascii_case(text))
        .map(|d| d.1)
}

/// KEY flag mnemonics as BIND accepts them (RFC 2535 §3.1.2).
const KEY_FLAGS: &[(&str, u16)] = &[
    ("NOCONF", 0x4000),
    ("NOAUTH", 0x8000),
    ("NOKEY", 0xC000),
    ("FLAG2", 0x2000),
    ("EXTEND", 0x1000),
    ("FLAG4", 0x0800),
    ("FLAG5", 0x0400),
    ("USER", 0x0000),
    ("ZONE", 0x0100),
    ("HOST", 0x0200),
    ("NTYP3", 0x0300),
    ("FLAG8", 0x0080),
    ("FLAG9", 0x0040),
    ("FLAG10", 0x0020),
    ("FLAG11", 0x0010),
    ("SIG0", 0),
    ("SIG1", 1),
    ("SIG2", 2),
    ("SIG3", 3),
    ("SIG4", 4),
    ("SIG5", 5),
    ("SIG6", 6),
    ("SIG7", 7),
    ("SIG8", 8),
    ("SIG9", 9),
    ("SIG10", 10),
    ("SIG11", 11),
    ("SIG12", 12),
    ("SIG13", 13),
    ("SIG14", 14),
    ("SIG15", 15),
    ("KSK", 0x0001),
];

/// `ZONE|SIG15` style key flags.
pub fn key_flags_from_mnemonics(text: &[u8]) -> Option<u16> {
    text.split(|&b| b == b'|').try_fold(0u16, |acc, name| {
        KEY_FLAGS
            .iter()
            .find(|(m, _)| m.as_bytes().eq_ignore_ascii_case(name))
            .map(|f| acc | f.1)
    })
}

/// CERT type mnemonics (RFC 4398 §2.1).
const CERT_TYPES: &[(&str, u16)] = &[
    ("PKIX", 1),
    ("SPKI", 2),
    ("PGP", 3),
    ("IPKIX", 4),
    ("ISPKI", 5),
    ("IPGP", 6),
    ("ACPKIX", 7),
    ("IACPKIX", 8),
    ("URI", 253),
    ("OID", 254),
];

/// The mnemonic of a CERT type (`3` is `PGP`), as BIND prints it.
pub fn cert_type_mnemonic(value: u16) -> Option<&'static str> {
    CERT_TYPES.iter().find(|c| c.1 == value).map(|c| c.0)
}

/// The CERT type of a mnemonic (`PGP`), in any case.
pub fn cert_type_from_mnemonic(text: &[u8]) -> Option<u16> {
    CERT_TYPES
        .iter()
        .find(|(m, _)| m.as_bytes().eq_ignore_ascii_case(text))
        .map(|c| c.1)
}
