//! Field-level productions shared by the record types: numbers, addresses,
//! character-strings, base64 / hex / base32hex, type bitmaps.

use std::sync::LazyLock;

use data_encoding::{Encoding, BASE32HEX_NOPAD, BASE64, HEXLOWER_PERMISSIVE};

use super::{show, Field, RdataError, Result};
use crate::dns::name::unescape;
use crate::source::Span;

/// Decimal digits only (no sign), at most `max`. Leading zeros are allowed.
pub fn parse_uint(text: &[u8], max: u64) -> Option<u64> {
    if text.is_empty() || text.len() > 20 {
        return None;
    }
    let mut v: u64 = 0;
    for &b in text {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    (v <= max).then_some(v)
}

/// Dotted-quad IPv4 (four decimal octets, no leading zeros, as inet_pton).
pub fn parse_ipv4(text: &[u8]) -> Option<[u8; 4]> {
    // What `std::net::Ipv4Addr` accepts (four decimal octets, no leading
    // zero), without the detour through `str`: a zone has millions of them.
    let mut out = [0u8; 4];
    let mut i = 0;
    for (n, octet) in out.iter_mut().enumerate() {
        if n > 0 {
            if text.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
        let start = i;
        let mut value = 0u16;
        while let Some(&d) = text.get(i).filter(|d| d.is_ascii_digit()) {
            if i - start == 3 {
                return None;
            }
            value = value * 10 + u16::from(d - b'0');
            i += 1;
        }
        if i == start || (i - start > 1 && text[start] == b'0') {
            return None;
        }
        *octet = u8::try_from(value).ok()?;
    }
    (i == text.len()).then_some(out)
}

/// IPv6 in RFC 4291 §2.2 text form (embedded IPv4 allowed).
pub fn parse_ipv6(text: &[u8]) -> Option<[u8; 16]> {
    // What `std::net::Ipv6Addr` accepts, without the detour through `str`.
    // Groups before and after `::` are kept apart; an IPv4 tail is two.
    let mut groups = [[0u16; 8]; 2];
    let mut counts = [0usize; 2];
    let mut gap = usize::from(text.starts_with(b"::"));
    let mut i = 2 * gap;
    if gap == 0 && text.first() == Some(&b':') {
        return None;
    }
    while i < text.len() {
        let start = i;
        let mut value = 0u32;
        while let Some(d) = text.get(i).and_then(|&b| char::from(b).to_digit(16)) {
            if i - start == 4 {
                return None;
            }
            value = value * 16 + d;
            i += 1;
        }
        if text.get(i) == Some(&b'.') {
            let [a, b, c, d] = parse_ipv4(&text[start..])?;
            if counts[gap] + 2 > 8 {
                return None;
            }
            groups[gap][counts[gap]] = u16::from_be_bytes([a, b]);
            groups[gap][counts[gap] + 1] = u16::from_be_bytes([c, d]);
            counts[gap] += 2;
            break;
        }
        if i == start || counts[gap] == 8 {
            return None;
        }
        groups[gap][counts[gap]] = value as u16;
        counts[gap] += 1;
        match &text[i..] {
            [] => break,
            [b':', b':', ..] if gap == 0 => {
                gap = 1;
                i += 2;
            }
            [b':', _, ..] => i += 1,
            _ => return None,
        }
    }
    let total = counts[0] + counts[1];
    if (gap == 1 && total > 7) || (gap == 0 && total != 8) {
        return None;
    }
    let mut all = [0u16; 8];
    all[..counts[0]].copy_from_slice(&groups[0][..counts[0]]);
    all[8 - counts[1]..].copy_from_slice(&groups[1][..counts[1]]);
    let mut out = [0u8; 16];
    for (pair, g) in out.chunks_exact_mut(2).zip(all) {
        pair.copy_from_slice(&g.to_be_bytes());
    }
    Some(out)
}

/// Decodes `\X` and `\DDD` escapes of a character-string into `out`.
/// Returns the span-relative error position on a bad escape.
fn unescape_into(text: &[u8], out: &mut Vec<u8>) -> std::result::Result<(), ()> {
    // Fast path: no escapes.
    let Some(first) = memchr::memchr(b'\\', text) else {
        out.extend_from_slice(text);
        return Ok(());
    };
    out.extend_from_slice(&text[..first]);
    let mut i = first;
    while i < text.len() {
        let b = text[i];
        i += 1;
        if b == b'\\' {
            out.push(unescape(text, &mut i).ok_or(())?);
        } else {
            out.push(b);
        }
    }
    Ok(())
}

/// A `<character-string>` (RFC 1035 §3.3, at most 255 octets) with its
/// length octet.
pub fn char_string(f: Field<'_>, out: &mut Vec<u8>) -> Result<()> {
    let len_at = out.len();
    out.push(0);
    unescape_into(f.text, out).map_err(|()| bad_escape(f))?;
    let len = out.len() - len_at - 1;
    if len > 255 {
        return Err(RdataError::new(
            f.span,
            format!("character string of {len} octets: at most 255 are allowed; split it into several quoted strings"),
        ));
    }
    out[len_at] = len as u8;
    Ok(())
}

fn bad_escape(f: Field<'_>) -> RdataError {
    RdataError::new(
        f.span,
        format!(
            "invalid escape in `{}`: use `\\X` or `\\DDD` with DDD at most 255",
            show(f.text)
        ),
    )
}

/// Decodes escapes of a character-string of any length (CAA value, URI
/// target), without a length octet.
pub fn decode_char_string_unbounded(f: Field<'_>) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(f.text.len());
    unescape_into(f.text, &mut out).map_err(|()| bad_escape(f))?;
    Ok(out)
}

/// Decodes the escapes of a character-string token; `None` on a bad escape.
pub fn decode_char_string(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    unescape_into(text, &mut out).ok()?;
    Some(out)
}

/// BIND-compatible base64: padding required, trailing bits not checked.
static B64: LazyLock<Encoding> = LazyLock::new(|| {
    let mut spec = BASE64.specification();
    spec.check_trailing_bits = false;
    spec.encoding().expect("valid base64 specification")
});

/// Case-insensitive base32hex without padding (RFC 4648 §7, RFC 5155 §3.3).
static B32HEX: LazyLock<Encoding> = LazyLock::new(|| {
    let mut spec = BASE32HEX_NOPAD.specification();
    spec.translate.from.push_str("abcdefghijklmnopqrstuv");
    spec.translate.to.push_str("ABCDEFGHIJKLMNOPQRSTUV");
    spec.check_trailing_bits = false;
    spec.encoding().expect("valid base32hex specification")
});

fn concat<'f>(fields: &'f [Field<'_>], buf: &'f mut Vec<u8>) -> &'f [u8] {
    if let [one] = fields {
        return one.text;
    }
    for f in fields {
        buf.extend_from_slice(f.text);
    }
    buf
}

/// Base64 of the concatenated tokens, appended to `out`.
pub fn base64(fields: &[Field<'_>], out: &mut Vec<u8>) -> std::result::Result<(), ()> {
    let mut buf = Vec::new();
    let text = concat(fields, &mut buf);
    let len = B64.decode_len(text.len()).map_err(drop)?;
    let at = out.len();
    out.resize(at + len, 0);
    let written = B64.decode_mut(text, &mut out[at..]).map_err(drop)?;
    out.truncate(at + written);
    Ok(())
}

/// Hexadecimal of the concatenated tokens, appended to `out`. On error,
/// returns the span of the token holding the first bad character.
pub fn hex(fields: &[Field<'_>], out: &mut Vec<u8>) -> std::result::Result<(), Span> {
    if let Some(bad) = fields
        .iter()
        .find(|f| !f.text.iter().all(u8::is_ascii_hexdigit))
    {
        return Err(bad.span);
    }
    let mut buf = Vec::new();
    let text = concat(fields, &mut buf);
    let whole = fields[0].span.cover(fields[fields.len() - 1].span);
    if text.len() % 2 != 0 {
        return Err(whole);
    }
    let at = out.len();
    out.resize(at + text.len() / 2, 0);
    HEXLOWER_PERMISSIVE
        .decode_mut(text, &mut out[at..])
        .map_err(|_| whole)?;
    Ok(())
}

/// One hex token into `out` (no length octet).
pub fn hex_token(f: Field<'_>, out: &mut Vec<u8>) -> Result<()> {
    hex(std::slice::from_ref(&f), out)
        .map_err(|span| RdataError::new(span, format!("invalid hexadecimal `{}`", show(f.text))))
}

/// One base32hex token into `out` (no length octet).
pub fn base32hex_token(f: Field<'_>, out: &mut Vec<u8>) -> Result<()> {
    let err = || RdataError::new(f.span, format!("invalid base32hex `{}`", show(f.text)));
    let len = B32HEX.decode_len(f.text.len()).map_err(|_| err())?;
    let at = out.len();
    out.resize(at + len, 0);
    let written = B32HEX
        .decode_mut(f.text, &mut out[at..])
        .map_err(|_| err())?;
    out.truncate(at + written);
    Ok(())
}

/// Writes a type bitmap (RFC 4034 §4.1.2) for sorted, unique type codes.
pub fn write_type_bitmap(types: &[u16], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < types.len() {
        let window = (types[i] >> 8) as u8;
        let mut bits = [0u8; 32];
        let mut last = 0usize;
        while i < types.len() && (types[i] >> 8) as u8 == window {
            let low = (types[i] & 0xff) as usize;
            bits[low / 8] |= 0x80 >> (low % 8);
            last = low / 8;
            i += 1;
        }
        out.push(window);
        out.push(last as u8 + 1);
        out.extend_from_slice(&bits[..=last]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn std_ipv4(text: &[u8]) -> Option<[u8; 4]> {
        let s = std::str::from_utf8(text).ok()?;
        s.parse::<std::net::Ipv4Addr>().ok().map(|a| a.octets())
    }

    #[test]
    fn ipv4_as_std_parses_it() {
        for text in [
            "0.0.0.0",
            "255.255.255.255",
            "192.0.2.1",
            "256.0.0.1",
            "01.2.3.4",
            "0.2.3.4",
            "1.2.3",
            "1.2.3.4.",
            "1.2.3.4.5",
            ".1.2.3",
            "1..2.3",
            "1.2.3.4 ",
            "+1.2.3.4",
            "1.2.3.0400",
            "1.2.3.-1",
            "",
            "1.2.3.x",
            "١.2.3.4",
        ] {
            assert_eq!(
                parse_ipv4(text.as_bytes()),
                std_ipv4(text.as_bytes()),
                "{text}"
            );
        }
    }

    fn std_ipv6(text: &[u8]) -> Option<[u8; 16]> {
        let s = std::str::from_utf8(text).ok()?;
        s.parse::<std::net::Ipv6Addr>().ok().map(|a| a.octets())
    }

    #[test]
    fn ipv6_as_std_parses_it() {
        for text in [
            "::",
            "::1",
            "1::",
            "1::2",
            "2001:db8::1",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7",
            ":1::2",
            "1::2::3",
            "1:::2",
            "::ffff:192.0.2.1",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "::1.2.3.4",
            "1.2.3.4::",
            "::01.2.3.4",
            "12345::",
            "abcd:EF01::",
            "1:",
            ":",
            "",
            "g::",
            "::1 ",
            "1::2:",
            "fe80::1%eth0",
            "::ffff:1.2.3",
        ] {
            assert_eq!(
                parse_ipv6(text.as_bytes()),
                std_ipv6(text.as_bytes()),
                "{text}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn ipv6_agrees_with_std(text in "[0-9a-fA-G:.]{0,42}") {
            proptest::prop_assert_eq!(parse_ipv6(text.as_bytes()), std_ipv6(text.as_bytes()));
        }

        #[test]
        fn ipv6_agrees_with_std_on_near_addresses(
            groups in proptest::collection::vec(0u32..0x1_0010, 0..10),
            gap in 0usize..12,
            v4 in proptest::option::of((0u16..300, 0u16..256, 0u16..256, 0u16..256)),
        ) {
            let mut parts: Vec<String> = groups.iter().map(|g| format!("{g:x}")).collect();
            if let Some((a, b, c, d)) = v4 {
                parts.push(format!("{a}.{b}.{c}.{d}"));
            }
            let mut text = parts.join(":");
            if gap <= parts.len() {
                let at: usize = parts[..gap].iter().map(|p| p.len() + 1).sum();
                let at = at.saturating_sub(usize::from(gap > 0));
                text.insert_str(at, "::");
            }
            proptest::prop_assert_eq!(parse_ipv6(text.as_bytes()), std_ipv6(text.as_bytes()), "{}", text);
        }

        #[test]
        fn ipv4_agrees_with_std(text in "[0-9.a+ -]{0,20}") {
            proptest::prop_assert_eq!(parse_ipv4(text.as_bytes()), std_ipv4(text.as_bytes()));
        }

        #[test]
        fn ipv4_agrees_with_std_on_near_addresses(a in 0u16..400, b in 0u16..300, c in 0u16..1000, d in 0u16..256, zero in proptest::bool::ANY) {
            let text = format!("{}{a}.{b}.{c}.{d}", if zero { "0" } else { "" });
            proptest::prop_assert_eq!(parse_ipv4(text.as_bytes()), std_ipv4(text.as_bytes()));
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_uint(b"0", 255), Some(0));
        assert_eq!(parse_uint(b"0010", 255), Some(10));
        assert_eq!(parse_uint(b"256", 255), None);
        assert_eq!(parse_uint(b"-1", 255), None);
        assert_eq!(parse_uint(b"+1", 255), None);
        assert_eq!(parse_uint(b"", 255), None);
        assert_eq!(parse_uint(b"99999999999999999999999", u64::MAX), None);
    }

    #[test]
    fn addresses() {
        assert_eq!(parse_ipv4(b"192.0.2.1"), Some([192, 0, 2, 1]));
        assert_eq!(parse_ipv4(b"203.0.113.300"), None);
        assert_eq!(parse_ipv4(b"1.1.1"), None);
        assert_eq!(parse_ipv4(b"01.1.1.1"), None);
        assert!(parse_ipv6(b"2001:db8::1").is_some());
        assert!(parse_ipv6(b"::ffff:192.0.2.1").is_some());
        assert_eq!(parse_ipv6(b"2001:db8::zz"), None);
    }

    #[test]
    fn bitmap_windows() {
        let mut out = Vec::new();
        // A(1) NS(2) in window 0, CAA(257) in window 1.
        write_type_bitmap(&[1, 2, 257], &mut out);
        assert_eq!(out, vec![0, 1, 0b0110_0000, 1, 1, 0b0100_0000]);
    }
}
