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
    }
}
