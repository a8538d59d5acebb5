//! The top-level domains: IANA's list, embedded (no network).

use std::collections::HashSet;
use std::sync::LazyLock;

/// The IANA list version the embedded copy is.
pub const TLD_LIST_VERSION: &str = "2023053000";

static TLDS: LazyLock<HashSet<Vec<u8>>> = LazyLock::new(|| {
    include_str!("tlds.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.to_ascii_lowercase().into_bytes())
        .collect()
});

/// True when `label` is a top-level domain (IANA list, version 2023053000).
pub fn is_tld(label: &[u8]) -> bool {
    // Lower-cased on the stack: called for many names of a large zone.
    let mut buf = [0u8; 63];
    let Some(lower) = buf.get_mut(..label.len()) else {
        return false;
    };
    lower.copy_from_slice(label);
    lower.make_ascii_lowercase();
    TLDS.contains(&*lower)
}

/// True for the top-level domains that read only as such: the country
/// codes (two letters) and the original generic ones (RFC 1591, RFC 920).
/// Many newer ones are words a zone uses as labels (`app`, `dev`, `new`,
/// `mail`...), so a name ending with one is no sign of a forgotten dot.
pub fn is_classic_tld(label: &[u8]) -> bool {
    const GENERIC: &[&[u8]] = &[
        b"com", b"net", b"org", b"edu", b"gov", b"mil", b"int", b"arpa", b"info", b"biz",
    ];
    is_tld(label) && (label.len() == 2 || GENERIC.iter().any(|g| g.eq_ignore_ascii_case(label)))
}

/// True when labels written relative read as a whole domain name: they
/// end with an original generic top-level domain (`shop.example.net`), or
/// with a country code after a usual second-level label
/// (`shop.example.co.uk`). Names ending with a bare country code are not:
/// `api.eu`, `db1.us`, `cdn.de` are how zones name their regions.
pub fn reads_as_domain(labels: &[&[u8]]) -> bool {
    const GENERIC: &[&[u8]] = &[
        b"com", b"net", b"org", b"edu", b"gov", b"mil", b"int", b"arpa", b"info", b"biz",
    ];
    const SECOND_LEVEL: &[&[u8]] = &[
        b"co", b"com", b"net", b"org", b"ac", b"gov", b"edu", b"ne", b"or", b"go", b"gob",
    ];
    let is = |set: &[&[u8]], l: &[u8]| set.iter().any(|g| g.eq_ignore_ascii_case(l));
    match labels {
        [.., _, last] if is(GENERIC, last) => true,
        [.., _, second, last] => last.len() == 2 && is_tld(last) && is(SECOND_LEVEL, second),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown() {
        assert!(is_tld(b"com"));
        assert!(is_tld(b"NET"));
        assert!(is_tld(b"arpa"));
        assert!(is_tld(b"xn--p1ai"));
        assert!(!is_tld(b"mail"));
        assert!(!is_tld(b"localdomain"));
        assert!(!is_tld(b"txt"));
        assert!(include_str!("tlds.txt").contains(TLD_LIST_VERSION));
        assert!(is_classic_tld(b"COM") && is_classic_tld(b"de") && is_classic_tld(b"arpa"));
        assert!(!is_classic_tld(b"new") && !is_classic_tld(b"dev") && !is_classic_tld(b"zz"));
        let reads = |s: &str| reads_as_domain(&s.split('.').map(str::as_bytes).collect::<Vec<_>>());
        assert!(reads("shop.example.net") && reads("example.COM") && reads("www.example.co.uk"));
        assert!(!reads("api.eu") && !reads("db1.prod.us") && !reads("com") && !reads("a.b.app"));
    }
}
