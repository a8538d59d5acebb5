//! Record types whose presentation format has its own grammar.

use super::fields::{self, parse_ipv4, parse_ipv6, parse_uint};
use super::{show, Encoder, Field, RdataError, Result};
use crate::dns::rdata::{svc_key_from_text, svc_key_name};
use crate::dns::RecordType;

// ---- small helpers ----

fn err(f: &Field<'_>, message: impl Into<std::borrow::Cow<'static, str>>) -> RdataError {
    RdataError::new(f.span, message)
}

/// Splits `value` on commas, honouring `\` escapes (RFC 9460 Appendix A.1).
fn value_list(value: &[u8]) -> Vec<Vec<u8>> {
    let mut items = vec![Vec::new()];
    let mut i = 0;
    while i < value.len() {
        match value[i] {
            b'\\' if i + 1 < value.len() => {
                items.last_mut().expect("never empty").push(value[i + 1]);
                i += 2;
            }
            b',' => {
                items.push(Vec::new());
                i += 1;
            }
            b => {
                items.last_mut().expect("never empty").push(b);
                i += 1;
            }
        }
    }
    items
}

// ---- types ----

/// X25 (RFC 1183 §3.1): a PSDN address of digits.
pub(super) fn x25(e: &mut Encoder<'_, '_>) -> Result<()> {
    let f = e.next("PSDN address")?;
    let at = e.out.wire.len();
    fields::char_string(f, &mut e.out.wire)?;
    if e.out.wire.len() == at + 1 || !e.out.wire[at + 1..].iter().all(u8::is_ascii_digit) {
        return Err(err(
            &f,
            format!("invalid X25 address `{}`: expected digits", show(f.text)),
        ));
    }
    Ok(())
}

/// NAPTR (RFC 3403 §4.1).
pub(super) fn naptr(e: &mut Encoder<'_, '_>) -> Result<()> {
    e.u16("order")?;
    e.u16("preference")?;
    let flags = e.next("flags")?;
    fields::char_string(flags, &mut e.out.wire)?;
    if !flags.text.iter().all(u8::is_ascii_alphanumeric) {
        return Err(err(
            &flags,
            format!(
                "invalid NAPTR flags `{}`: expected letters and digits",
                show(flags.text)
            ),
        ));
    }
    e.string("services")?;
    let regexp = e.next("regexp")?;
    let at = e.out.wire.len();
    fields::char_string(regexp, &mut e.out.wire)?;
    if let Err(why) = naptr_regexp(&e.out.wire[at + 1..]) {
        return Err(err(
            &regexp,
            format!("invalid NAPTR regexp `{}`: {why}", show(regexp.text)),
        ));
    }
    e.name("replacement")
}

/// RFC 3402 §3.2: `delim ere delim substitution delim [i]`, or empty.
fn naptr_regexp(re: &[u8]) -> std::result::Result<(), &'static str> {
    let Some((&delim, rest)) = re.split_first() else {
        return Ok(());
    };
    if delim.is_ascii_digit() || delim == b'\\' || delim == b'i' || delim == 0 {
        return Err("the delimiter cannot be a digit, `\\`, `i` or NUL");
    }
    let mut parts = 0;
    let mut i = 0;
    while i < rest.len() {
        if rest[i] == b'\\' {
            i += 2;
            continue;
        }
        if rest[i] == delim {
            parts += 1;
            if parts == 2 {
                let flags = &rest[i + 1..];
                return if flags.is_empty() || flags == b"i" {
                    Ok(())
                } else {
                    Err("only the flag `i` may follow the last delimiter")
                };
            }
        }
        i += 1;
    }
    Err("expected delimiter, expression, delimiter, replacement, delimiter")
}

/// CAA (RFC 8659 §4.1.1): flags, tag, value.
pub(super) fn caa(e: &mut Encoder<'_, '_>) -> Result<()> {
    e.u8("flags")?;
    let tag = e.next("tag")?;
    if tag.text.is_empty()
        || tag.text.len() > 255
        || !tag.text.iter().all(u8::is_ascii_alphanumeric)
    {
        return Err(err(
            &tag,
            format!(
                "invalid CAA tag `{}`: expected letters and digits",
                show(tag.text)
            ),
        ));
    }
    e.out.wire.push(tag.text.len() as u8);
    e.out.wire.extend_from_slice(tag.text);
    let value = e.next("value")?;
    let bytes = fields::decode_char_string_unbounded(value)?;
    e.out.wire.extend_from_slice(&bytes);
    Ok(())
}

/// Service names below port 1024 (IANA; BIND looks them up in the
/// system's services database, so a fixed table keeps results portable).
const SERVICES: &[(&str, u16)] = &[
    ("acr-nema", 104),
    ("afpovertcp", 548),
    ("asf-rmcp", 623),
    ("auth", 113),
    ("bgp", 179),
    ("biff", 512),
    ("bootpc", 68),
    ("bootps", 67),
    ("chargen", 19),
    ("clearcase", 371),
    ("cmip-agent", 164),
    ("cmip-man", 163),
    ("codaauth2", 370),
    ("daytime", 13),
    ("dhcpv6-client", 546),
    ("dhcpv6-server", 547),
    ("discard", 9),
    ("domain", 53),
    ("domain-s", 853),
    ("echo", 7),
    ("epmap", 135),
    ("exec", 512),
    ("finger", 79),
    ("fsp", 21),
    ("ftp", 21),
    ("ftp-data", 20),
    ("ftps", 990),
    ("ftps-data", 989),
    ("gdomap", 538),
    ("gopher", 70),
    ("http", 80),
    ("https", 443),
    ("imap2", 143),
    ("imaps", 993),
    ("ipp", 631),
    ("ipx", 213),
    ("isakmp", 500),
    ("iso-tsap", 102),
    ("kerberos", 88),
    ("kerberos-adm", 749),
    ("kerberos-master", 751),
    ("kerberos4", 750),
    ("klogin", 543),
    ("kpasswd", 464),
    ("krb-prop", 754),
    ("kshell", 544),
    ("ldap", 389),
    ("ldaps", 636),
    ("ldp", 646),
    ("login", 513),
    ("mailq", 174),
    ("microsoft-ds", 445),
    ("moira-db", 775),
    ("moira-update", 777),
    ("moira-ureg", 779),
    ("nbp", 2),
    ("netbios-dgm", 138),
    ("netbios-ns", 137),
    ("netbios-ssn", 139),
    ("netstat", 15),
    ("nntp", 119),
    ("nntps", 563),
    ("nqs", 607),
    ("ntalk", 518),
    ("ntp", 123),
    ("passwd-server", 752),
    ("pawserv", 345),
    ("pop3", 110),
    ("pop3s", 995),
    ("poppassd", 106),
    ("printer", 515),
    ("ptp-event", 319),
    ("ptp-general", 320),
    ("qmqp", 628),
    ("qmtp", 209),
    ("qotd", 17),
    ("route", 520),
    ("rpc2portmap", 369),
    ("rsync", 873),
    ("rtmp", 1),
    ("rtsp", 554),
    ("saft", 487),
    ("shell", 514),
    ("silc", 706),
    ("smtp", 25),
    ("smux", 199),
    ("snmp", 161),
    ("snmp-trap", 162),
    ("snpp", 444),
    ("spamd", 783),
    ("ssh", 22),
    ("submission", 587),
    ("submissions", 465),
    ("sunrpc", 111),
    ("supfilesrv", 871),
    ("svrloc", 427),
    ("syslog", 514),
    ("systat", 11),
    ("tacacs", 49),
    ("talk", 517),
    ("tcpmux", 1),
    ("telnet", 23),
    ("telnets", 992),
    ("tftp", 69),
    ("time", 37),
    ("tinc", 655),
    ("uucp", 540),
    ("who", 513),
    ("whois", 43),
    ("xdmcp", 177),
    ("z3950", 210),
    ("zip", 6),
    ("zserv", 346),
];

/// WKS (RFC 1035 §3.4.2): address, protocol, services.
pub(super) fn wks(e: &mut Encoder<'_, '_>) -> Result<()> {
    e.ipv4("address")?;
    let proto = e.next("protocol")?;
    let number = parse_uint(proto.text, 255).or_else(|| {
        if proto.text.eq_ignore_ascii_case(b"tcp") {
            Some(6)
        } else if proto.text.eq_ignore_ascii_case(b"udp") {
            Some(17)
        } else {
            None
        }
    });
    let number =
        number.ok_or_else(|| err(&proto, format!("unknown protocol `{}`", show(proto.text))))?;
    e.out.wire.push(number as u8);
    let mut bitmap = Vec::new();
    for f in e.rest() {
        let port = parse_uint(f.text, 65535)
            .map(|p| p as u16)
            .or_else(|| {
                SERVICES
                    .iter()
                    .find(|(n, _)| n.as_bytes().eq_ignore_ascii_case(f.text))
                    .map(|s| s.1)
            })
            .ok_or_else(|| {
                err(
                    f,
                    format!("unknown service `{}`: use a port number", show(f.text)),
                )
            })?;
        let byte = usize::from(port / 8);
        if bitmap.len() <= byte {
            bitmap.resize(byte + 1, 0);
        }
        bitmap[byte] |= 0x80 >> (port % 8);
    }
    e.out.wire.extend_from_slice(&bitmap);
    Ok(())
}

/// A decimal with at most `frac` fractional digits, scaled by 10^frac.
/// Accepts an optional leading `-` when `signed`.
fn scaled_decimal(text: &[u8], frac: u32, signed: bool) -> Option<i64> {
    let (neg, text) = match text.split_first() {
        Some((b'-', rest)) if signed => (true, rest),
        _ => (false, text),
    };
    let (int, fraction) = match memchr::memchr(b'.', text) {
        Some(dot) => (&text[..dot], &text[dot + 1..]),
        None => (text, &b""[..]),
    };
    if (int.is_empty() && fraction.is_empty()) || fraction.len() > frac as usize || int.len() > 12 {
        return None;
    }
    if !int.iter().chain(fraction).all(u8::is_ascii_digit) {
        return None;
    }
    let mut v: i64 = 0;
    for &b in int {
        v = v * 10 + i64::from(b - b'0');
    }
    for i in 0..frac as usize {
        v = v * 10 + fraction.get(i).map_or(0, |&b| i64::from(b - b'0'));
    }
    Some(if neg { -v } else { v })
}

/// LOC size/precision: meters (optional `m`, up to 2 decimals) to the
/// RFC 1876 §2 mantissa/exponent octet.
fn loc_precision(f: &Field<'_>, what: &str) -> Result<u8> {
    let text = f.text.strip_suffix(b"m").unwrap_or(f.text);
    let cm = scaled_decimal(text, 2, false)
        .filter(|&cm| cm <= 9_000_000_000)
        .ok_or_else(|| {
            err(
                f,
                format!(
                    "invalid LOC {what} `{}`: expected meters from 0 to 90000000",
                    show(f.text)
                ),
            )
        })?;
    let mut exp = 0u32;
    while exp < 9 && cm >= 10i64.pow(exp + 1) {
        exp += 1;
    }
    let mantissa = cm / 10i64.pow(exp);
    Ok(((mantissa as u8) << 4) | exp as u8)
}

/// LOC (RFC 1876 §3).
pub(super) fn loc(e: &mut Encoder<'_, '_>) -> Result<()> {
    let lat = loc_coordinate(e, 90, (b'N', b'S'), "latitude")?;
    let lon = loc_coordinate(e, 180, (b'E', b'W'), "longitude")?;
    let alt_f = e.next("altitude")?;
    let alt_text = alt_f.text.strip_suffix(b"m").unwrap_or(alt_f.text);
    let alt = scaled_decimal(alt_text, 2, true)
        .map(|cm| cm + 10_000_000)
        .filter(|v| (0..=i64::from(u32::MAX)).contains(v))
        .ok_or_else(|| {
            err(
                &alt_f,
                format!("invalid LOC altitude `{}`", show(alt_f.text)),
            )
        })?;
    // Defaults (RFC 1876 §3): size 1m, horizontal 10000m, vertical 10m.
    let mut precision = [0x12u8, 0x16, 0x13];
    for (i, what) in ["size", "horizontal precision", "vertical precision"]
        .iter()
        .enumerate()
    {
        match e.peek().copied() {
            Some(f) => {
                e.pos += 1;
                precision[i] = loc_precision(&f, what)?;
            }
            None => break,
        }
    }
    let w = &mut e.out.wire;
    w.push(0); // version
    w.extend_from_slice(&precision);
    w.extend_from_slice(&lat.to_be_bytes());
    w.extend_from_slice(&lon.to_be_bytes());
    w.extend_from_slice(&(alt as u32).to_be_bytes());
    Ok(())
}

/// `d [m [s]] H` as 2^31 ± thousandths of an arc second.
fn loc_coordinate(
    e: &mut Encoder<'_, '_>,
    max_deg: i64,
    hemis: (u8, u8),
    what: &str,
) -> Result<u32> {
    let deg_f = e.next(what)?;
    let bad = |f: &Field<'_>| err(f, format!("invalid LOC {what} `{}`", show(f.text)));
    let deg = scaled_decimal(deg_f.text, 0, false)
        .filter(|&d| d <= max_deg)
        .ok_or_else(|| bad(&deg_f))?;
    let mut total = deg * 3_600_000;
    let mut parts = 0;
    let hemi = loop {
        let f = e.next(what)?;
        if f.text.len() == 1
            && (f.text[0].eq_ignore_ascii_case(&hemis.0)
                || f.text[0].eq_ignore_ascii_case(&hemis.1))
        {
            break f.text[0].to_ascii_uppercase();
        }
        parts += 1;
        match parts {
            1 => {
                let m = scaled_decimal(f.text, 0, false)
                    .filter(|&m| m < 60)
                    .ok_or_else(|| bad(&f))?;
                total += m * 60_000;
            }
            2 => {
                let s = scaled_decimal(f.text, 3, false)
                    .filter(|&s| s < 60_000)
                    .ok_or_else(|| bad(&f))?;
                total += s;
            }
            _ => {
                return Err(err(
                    &f,
                    format!(
                        "expected `{}` or `{}` after the LOC {what}",
                        char::from(hemis.0),
                        char::from(hemis.1)
                    ),
                ))
            }
        }
    };
    if total > max_deg * 3_600_000 {
        return Err(bad(&deg_f));
    }
    let signed = if hemi == hemis.0 { total } else { -total };
    Ok((i64::from(1u32 << 31) + signed) as u32)
}

/// APL (RFC 3123 §5): `[!]afi:address/prefix` items.
pub(super) fn apl(e: &mut Encoder<'_, '_>) -> Result<()> {
    for f in e.rest().to_vec() {
        let bad = || {
            err(
                &f,
                format!(
                    "invalid APL item `{}`: expected [!]afi:address/prefix",
                    show(f.text)
                ),
            )
        };
        let (negate, text) = match f.text.split_first() {
            Some((b'!', rest)) => (true, rest),
            _ => (false, f.text),
        };
        let colon = memchr::memchr(b':', text).ok_or_else(bad)?;
        let slash = memchr::memrchr(b'/', text).ok_or_else(bad)?;
        if slash < colon {
            return Err(bad());
        }
        let afi = parse_uint(&text[..colon], 65535).ok_or_else(bad)? as u16;
        let addr = &text[colon + 1..slash];
        let prefix = parse_uint(&text[slash + 1..], 255).ok_or_else(bad)? as u8;
        let bytes: Vec<u8> = match afi {
            1 if prefix <= 32 => parse_ipv4(addr).ok_or_else(bad)?.to_vec(),
            2 if prefix <= 128 => parse_ipv6(addr).ok_or_else(bad)?.to_vec(),
            _ => return Err(bad()),
        };
        let len = bytes.iter().rposition(|&b| b != 0).map_or(0, |p| p + 1);
        let w = &mut e.out.wire;
        w.extend_from_slice(&afi.to_be_bytes());
        w.push(prefix);
        w.push(if negate { 0x80 } else { 0 } | len as u8);
        w.extend_from_slice(&bytes[..len]);
    }
    Ok(())
}

fn is_float(text: &[u8]) -> bool {
    let text = text
        .strip_prefix(b"-")
        .or_else(|| text.strip_prefix(b"+"))
        .unwrap_or(text);
    let mut parts = text.splitn(2, |&b| b == b'.');
    let int = parts.next().unwrap_or_default();
    let frac = parts.next().unwrap_or_default();
    (!int.is_empty() || !frac.is_empty()) && int.iter().chain(frac).all(u8::is_ascii_digit)
}

/// GPOS (RFC 1712 §3): longitude, latitude, altitude as decimal strings.
pub(super) fn gpos(e: &mut Encoder<'_, '_>) -> Result<()> {
    for what in ["longitude", "latitude", "altitude"] {
        let f = e.next(what)?;
        let at = e.out.wire.len();
        fields::char_string(f, &mut e.out.wire)?;
        let value = &e.out.wire[at + 1..];
        // BIND accepts empty strings; anything else must be a number.
        if !value.is_empty() && !is_float(value) {
            return Err(err(
                &f,
                format!(
                    "invalid GPOS {what} `{}`: expected a decimal number",
                    show(f.text)
                ),
            ));
        }
    }
    Ok(())
}

/// NSAP (RFC 1706 §6): `0x` then hex digits, dots allowed.
pub(super) fn nsap(e: &mut Encoder<'_, '_>) -> Result<()> {
    let f = e.next("NSAP address")?;
    let bad = || {
        err(
            &f,
            format!(
                "invalid NSAP address `{}`: expected 0x and an even number of hex digits",
                show(f.text)
            ),
        )
    };
    let body = match f.text {
        [b'0', b'x' | b'X', rest @ ..] => rest,
        _ => return Err(bad()),
    };
    let digits: Vec<u8> = body.iter().copied().filter(|&b| b != b'.').collect();
    if digits.is_empty() || digits.len() % 2 != 0 || !digits.iter().all(u8::is_ascii_hexdigit) {
        return Err(bad());
    }
    let at = e.out.wire.len();
    e.out.wire.resize(at + digits.len() / 2, 0);
    data_encoding::HEXLOWER_PERMISSIVE
        .decode_mut(&digits, &mut e.out.wire[at..])
        .map_err(|_| bad())?;
    Ok(())
}

/// A6 (RFC 2874 §3.1): prefix length, address suffix, prefix name.
pub(super) fn a6(e: &mut Encoder<'_, '_>) -> Result<()> {
    let prefix = e.uint("prefix length", 128)? as u8;
    e.out.wire.push(prefix);
    if prefix < 128 {
        let f = e.next("address suffix")?;
        let mut addr = parse_ipv6(f.text).ok_or_else(|| {
            err(
                &f,
                format!("invalid IPv6 address suffix `{}`", show(f.text)),
            )
        })?;
        let skip = usize::from(prefix / 8);
        if prefix % 8 != 0 {
            addr[skip] &= 0xff >> (prefix % 8);
        }
        e.out.wire.extend_from_slice(&addr[skip..]);
    }
    if prefix > 0 {
        e.name("prefix name")?;
    }
    Ok(())
}

/// EUI48 / EUI64 (RFC 7043 §3.2, §4.2): hex pairs joined by `-`.
pub(super) fn eui(e: &mut Encoder<'_, '_>, octets: usize) -> Result<()> {
    let f = e.next("address")?;
    let groups: Vec<&[u8]> = f.text.split(|&b| b == b'-').collect();
    if groups.len() != octets
        || !groups
            .iter()
            .all(|g| g.len() == 2 && g.iter().all(u8::is_ascii_hexdigit))
    {
        let shape = if octets == 6 {
            "xx-xx-xx-xx-xx-xx"
        } else {
            "xx-xx-xx-xx-xx-xx-xx-xx"
        };
        return Err(err(
            &f,
            format!(
                "invalid EUI{} address `{}`: expected {shape}",
                octets * 8,
                show(f.text)
            ),
        ));
    }
    for g in groups {
        let mut b = [0u8];
        data_encoding::HEXLOWER_PERMISSIVE
            .decode_mut(g, &mut b)
            .map_err(|_| err(&f, "invalid hex"))?;
        e.out.wire.push(b[0]);
    }
    Ok(())
}

/// L64 / NID (RFC 6742 §2.3): four groups of up to 4 hex digits.
pub(super) fn ilnp64(e: &mut Encoder<'_, '_>) -> Result<()> {
    let f = e.next("locator")?;
    let groups: Vec<&[u8]> = f.text.split(|&b| b == b':').collect();
    if groups.len() != 4
        || !groups
            .iter()
            .all(|g| (1..=4).contains(&g.len()) && g.iter().all(u8::is_ascii_hexdigit))
    {
        return Err(err(
            &f,
            format!(
                "invalid 64-bit locator `{}`: expected xxxx:xxxx:xxxx:xxxx",
                show(f.text)
            ),
        ));
    }
    for g in groups {
        let v = g.iter().fold(0u16, |acc, &b| {
            acc * 16 + (char::from(b).to_digit(16).unwrap_or(0) as u16)
        });
        e.out.wire.extend_from_slice(&v.to_be_bytes());
    }
    Ok(())
}

/// ATMA (ATM Forum): `+digits` (E.164) or hex (AESA, dots allowed).
pub(super) fn atma(e: &mut Encoder<'_, '_>) -> Result<()> {
    let f = e.next("ATM address")?;
    if let Some(digits) = f.text.strip_prefix(b"+") {
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return Err(err(
                &f,
                format!("invalid E.164 ATM address `{}`", show(f.text)),
            ));
        }
        e.out.wire.push(1);
        e.out.wire.extend_from_slice(digits);
    } else {
        let digits: Vec<u8> = f.text.iter().copied().filter(|&b| b != b'.').collect();
        if digits.is_empty() || digits.len() % 2 != 0 || !digits.iter().all(u8::is_ascii_hexdigit) {
            return Err(err(
                &f,
                format!("invalid AESA ATM address `{}`", show(f.text)),
            ));
        }
        e.out.wire.push(0);
        let at = e.out.wire.len();
        e.out.wire.resize(at + digits.len() / 2, 0);
        data_encoding::HEXLOWER_PERMISSIVE
            .decode_mut(&digits, &mut e.out.wire[at..])
            .map_err(|_| err(&f, "invalid hex"))?;
    }
    Ok(())
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// RRSIG time (RFC 4034 §3.2): `YYYYMMDDHHmmSS` or seconds since the epoch.
fn signature_time(e: &mut Encoder<'_, '_>, what: &str) -> Result<()> {
    let f = e.next(what)?;
    let bad = || {
        err(
            &f,
            format!(
                "invalid signature {what} `{}`: expected YYYYMMDDHHmmSS",
                show(f.text)
            ),
        )
    };
    let value = if f.text.len() == 14 {
        let n = |r: std::ops::Range<usize>| parse_uint(&f.text[r], 9999).map(|v| v as i64);
        let (y, mo, d) = (
            n(0..4).ok_or_else(bad)?,
            n(4..6).ok_or_else(bad)?,
            n(6..8).ok_or_else(bad)?,
        );
        let (h, mi, s) = (
            n(8..10).ok_or_else(bad)?,
            n(10..12).ok_or_else(bad)?,
            n(12..14).ok_or_else(bad)?,
        );
        let days_in_month = match mo {
            2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if !(1..=12).contains(&mo) || d < 1 || d > days_in_month || h > 23 || mi > 59 || s > 60 {
            return Err(bad());
        }
        let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s;
        // Serial number arithmetic (RFC 4034 §3.1.5): modulo 2^32.
        secs.rem_euclid(1 << 32) as u32
    } else {
        parse_uint(f.text, u64::from(u32::MAX)).ok_or_else(bad)? as u32
    };
    e.out.wire.extend_from_slice(&value.to_be_bytes());
    Ok(())
}

/// RRSIG (RFC 4034 §3.2) and SIG (RFC 2535 §4.1).
pub(super) fn rrsig(e: &mut Encoder<'_, '_>) -> Result<()> {
    let covered = e.next("type covered")?;
    let t = RecordType::from_text(covered.text).ok_or_else(|| {
        err(
            &covered,
            format!("unknown record type `{}`", show(covered.text)),
        )
    })?;
    e.out.wire.extend_from_slice(&t.0.to_be_bytes());
    e.algorithm()?;
    e.u8("labels")?;
    e.ttl_field("original TTL")?;
    signature_time(e, "expiration")?;
    signature_time(e, "inception")?;
    e.u16("key tag")?;
    e.name("signer's name")?;
    e.base64_rest("signature", e.rtype == RecordType::RRSIG)
}

/// NSEC3 / NSEC3PARAM salt: `-` for none, else hex, with a length octet.
pub(super) fn salt(e: &mut Encoder<'_, '_>) -> Result<()> {
    let f = e.next("salt")?;
    if f.text == b"-" {
        e.out.wire.push(0);
        return Ok(());
    }
    let at = e.out.wire.len();
    e.out.wire.push(0);
    fields::hex_token(f, &mut e.out.wire)?;
    let len = e.out.wire.len() - at - 1;
    if len > 255 {
        return Err(err(&f, "salt longer than 255 octets"));
    }
    e.out.wire[at] = len as u8;
    Ok(())
}

/// NSEC3 (RFC 5155 §3.3).
pub(super) fn nsec3(e: &mut Encoder<'_, '_>) -> Result<()> {
    let algorithm = e.u8("hash algorithm")?;
    e.u8("flags")?;
    e.u16("iterations")?;
    salt(e)?;
    let f = e.next("next hashed owner name")?;
    let at = e.out.wire.len();
    e.out.wire.push(0);
    fields::base32hex_token(f, &mut e.out.wire)?;
    let len = e.out.wire.len() - at - 1;
    if len == 0 || len > 255 {
        return Err(err(&f, "invalid next hashed owner name length"));
    }
    // RFC 5155 §3.1.7: the hash is as long as the algorithm's output.
    if algorithm == 1 && len != 20 {
        return Err(err(
            &f,
            format!(
                "next hashed owner name of {len} octets: SHA-1 (algorithm 1) hashes are 20 octets"
            ),
        ));
    }
    e.out.wire[at] = len as u8;
    e.type_bitmap()
}

/// NXT (RFC 2535 §5.2): next name and a bitmap of types 0..=127.
pub(super) fn nxt(e: &mut Encoder<'_, '_>) -> Result<()> {
    e.name("next domain name")?;
    let mut bits = [0u8; 16];
    let mut last = None;
    for f in e.rest() {
        let t = RecordType::from_text(f.text)
            .filter(|t| t.0 <= 127)
            .ok_or_else(|| {
                err(
                    f,
                    format!(
                        "invalid NXT type `{}`: types above 127 cannot be listed",
                        show(f.text)
                    ),
                )
            })?;
        let i = usize::from(t.0);
        bits[i / 8] |= 0x80 >> (i % 8);
        last = last.max(Some(i / 8));
    }
    if let Some(last) = last {
        e.out.wire.extend_from_slice(&bits[..=last]);
    }
    Ok(())
}

/// CERT (RFC 4398 §2.2): type, key tag, algorithm, certificate.
pub(super) fn cert(e: &mut Encoder<'_, '_>) -> Result<()> {
    let f = e.next("certificate type")?;
    let t = parse_uint(f.text, 65535)
        .map(|v| v as u16)
        .or_else(|| crate::dns::rdata::cert_type_from_mnemonic(f.text))
        .ok_or_else(|| err(&f, format!("unknown certificate type `{}`", show(f.text))))?;
    e.out.wire.extend_from_slice(&t.to_be_bytes());
    e.u16("key tag")?;
    e.algorithm()?;
    e.base64_rest("certificate", true)
}

/// IPSECKEY (RFC 4025 §3.1).
pub(super) fn ipseckey(e: &mut Encoder<'_, '_>) -> Result<()> {
    e.u8("precedence")?;
    let gateway_type = e.next("gateway type")?;
    let gt = parse_uint(gateway_type.text, 3)
        .ok_or_else(|| err(&gateway_type, "invalid gateway type: expected 0, 1, 2 or 3"))?;
    e.out.wire.push(gt as u8);
    e.u8("algorithm")?;
    gateway(e, gt)?;
    e.base64_rest("public key", false)
}

fn gateway(e: &mut Encoder<'_, '_>, kind: u64) -> Result<()> {
    match kind {
        0 => {
            let f = e.next("gateway")?;
            if f.text != b"." {
                return Err(err(&f, "gateway type 0 needs `.` as gateway"));
            }
            Ok(())
        }
        1 => e.ipv4("gateway"),
        2 => e.ipv6("gateway"),
        _ => e.name("gateway"),
    }
}

/// AMTRELAY (RFC 8777 §4.3): precedence, discovery bit, type, relay.
pub(super) fn amtrelay(e: &mut Encoder<'_, '_>) -> Result<()> {
    e.u8("precedence")?;
    let d = e.next("discovery optional flag")?;
    let d = parse_uint(d.text, 1)
        .ok_or_else(|| err(&d, "invalid discovery optional flag: expected 0 or 1"))?;
    let t = e.next("relay type")?;
    let kind = parse_uint(t.text, 127).ok_or_else(|| err(&t, "invalid relay type"))?;
    e.out.wire.push(((d as u8) << 7) | kind as u8);
    match kind {
        0 => {
            if e.peek().is_some_and(|f| f.text == b".") {
                e.pos += 1;
            }
            Ok(())
        }
        1..=3 => gateway(e, kind),
        _ => {
            // Unknown relay types carry opaque data (RFC 8777 §4.2.3).
            e.hex_rest("relay", false)
        }
    }
}

/// HIP (RFC 8005 §5): algorithm, HIT, public key, rendezvous servers.
pub(super) fn hip(e: &mut Encoder<'_, '_>) -> Result<()> {
    let alg = e.uint("public key algorithm", 255)? as u8;
    let hit_f = e.next("HIT")?;
    let mut hit = Vec::new();
    fields::hex_token(hit_f, &mut hit)?;
    if hit.is_empty() || hit.len() > 255 {
        return Err(err(&hit_f, "invalid HIT length"));
    }
    let key_f = e.next("public key")?;
    let mut key = Vec::new();
    fields::base64(std::slice::from_ref(&key_f), &mut key)
        .map_err(|()| err(&key_f, "invalid base64 in public key"))?;
    let w = &mut e.out.wire;
    w.push(hit.len() as u8);
    w.push(alg);
    w.extend_from_slice(&(key.len() as u16).to_be_bytes());
    w.extend_from_slice(&hit);
    w.extend_from_slice(&key);
    while e.has_more() {
        e.name("rendezvous server")?;
    }
    Ok(())
}

/// DOA (draft-durand-doa-over-dns): enterprise, type, location, media type, data.
pub(super) fn doa(e: &mut Encoder<'_, '_>) -> Result<()> {
    e.u32("enterprise")?;
    e.u32("type")?;
    e.u8("location")?;
    e.string("media type")?;
    if e.peek().is_some_and(|f| f.text == b"-" && !f.quoted) {
        e.pos += 1;
        return Ok(());
    }
    e.base64_rest("data", true)
}

/// DSYNC (RFC 9859): type, scheme, port, target.
pub(super) fn dsync(e: &mut Encoder<'_, '_>) -> Result<()> {
    let f = e.next("record type")?;
    let t = RecordType::from_text(f.text)
        .ok_or_else(|| err(&f, format!("unknown record type `{}`", show(f.text))))?;
    e.out.wire.extend_from_slice(&t.0.to_be_bytes());
    let s = e.next("scheme")?;
    let scheme = parse_uint(s.text, 255)
        .or_else(|| s.text.eq_ignore_ascii_case(b"NOTIFY").then_some(1))
        .ok_or_else(|| err(&s, format!("unknown scheme `{}`", show(s.text))))?;
    e.out.wire.push(scheme as u8);
    e.u16("port")?;
    e.name("target")
}

/// SVCB / HTTPS (RFC 9460 §2.1): priority, target, parameters.
pub(super) fn svcb(e: &mut Encoder<'_, '_>) -> Result<()> {
    let priority = e.u16("priority")?;
    e.name("target name")?;
    let mut params: Vec<(u16, Vec<u8>, crate::source::Span)> = Vec::new();
    while let Some(f) = e.peek().copied() {
        e.pos += 1;
        let (key_text, mut value, mut span) = match memchr::memchr(b'=', f.text) {
            Some(eq) if !f.quoted => (&f.text[..eq], Some(f.text[eq + 1..].to_vec()), f.span),
            _ => (f.text, None, f.span),
        };
        // `key="quoted value"`: the lexer splits the quoted part off.
        if value.as_deref() == Some(b"") {
            if let Some(q) = e
                .peek()
                .copied()
                .filter(|q| q.quoted && q.span.start == f.span.end)
            {
                e.pos += 1;
                value = Some(q.text.to_vec());
                span = f.span.cover(q.span);
            }
        }
        let key = svc_key_from_text(key_text)
            .ok_or_else(|| err(&f, format!("unknown SVCB parameter `{}`", show(key_text))))?;
        // `keyNNNNN=value` is the generic form: the value is taken as is.
        let generic = key_text.starts_with(b"key");
        let value = match value {
            Some(v) => Some(
                super::decode_char_string(&v)
                    .ok_or_else(|| err(&f, format!("invalid escape in `{}`", show(f.text))))?,
            ),
            None => None,
        };
        let field = Field {
            text: f.text,
            span,
            quoted: false,
        };
        let wire = if generic {
            value.unwrap_or_default()
        } else {
            svc_param_value(key, value.as_deref(), &field)?
        };
        if params.iter().any(|p| p.0 == key) {
            return Err(err(
                &field,
                format!("duplicate SVCB parameter `{}`", show(key_text)),
            ));
        }
        params.push((key, wire, span));
    }
    if priority == 0 && !params.is_empty() {
        return Err(RdataError::new(
            params[0].2,
            "SVCB AliasMode (priority 0) record has parameters; they are ignored (RFC 9460 §2.4.2)",
        ));
    }
    params.sort_by_key(|p| p.0);
    let has = |k: u16| params.iter().any(|p| p.0 == k);
    if let Some(mandatory) = params.iter().find(|p| p.0 == 0) {
        for key in mandatory.1.chunks(2) {
            let key = u16::from_be_bytes([key[0], key[1]]);
            if !has(key) {
                return Err(RdataError::new(
                    mandatory.2,
                    format!(
                        "mandatory SVCB parameter `{}` is missing",
                        svc_key_name(key)
                    ),
                ));
            }
        }
    }
    if has(2) && !has(1) {
        let span = params
            .iter()
            .find(|p| p.0 == 2)
            .map(|p| p.2)
            .unwrap_or(e.end);
        return Err(RdataError::new(
            span,
            "`no-default-alpn` requires `alpn` (RFC 9460 §7.1.1)",
        ));
    }
    for (key, wire, span) in &params {
        if wire.len() > usize::from(u16::MAX) {
            return Err(RdataError::new(*span, "SVCB parameter value too long"));
        }
        e.out.wire.extend_from_slice(&key.to_be_bytes());
        e.out
            .wire
            .extend_from_slice(&(wire.len() as u16).to_be_bytes());
        e.out.wire.extend_from_slice(wire);
    }
    Ok(())
}

/// The value of a parameter that must have one.
fn need<'v>(key: u16, value: Option<&'v [u8]>, f: &Field<'_>) -> Result<&'v [u8]> {
    value.filter(|v| !v.is_empty()).ok_or_else(|| {
        err(
            f,
            format!("SVCB parameter `{}` needs a value", svc_key_name(key)),
        )
    })
}

fn svc_param_value(key: u16, value: Option<&[u8]>, f: &Field<'_>) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    match key {
        0 => {
            let mut keys = Vec::new();
            for item in value_list(need(key, value, f)?) {
                let k = svc_key_from_text(&item)
                    .ok_or_else(|| err(f, format!("unknown key `{}` in mandatory", show(&item))))?;
                if k == 0 {
                    return Err(err(f, "`mandatory` cannot list itself"));
                }
                if keys.contains(&k) {
                    return Err(err(
                        f,
                        format!("duplicate key `{}` in mandatory", show(&item)),
                    ));
                }
                keys.push(k);
            }
            keys.sort_unstable();
            for k in keys {
                out.extend_from_slice(&k.to_be_bytes());
            }
        }
        1 => {
            for item in value_list(need(key, value, f)?) {
                if item.is_empty() || item.len() > 255 {
                    return Err(err(
                        f,
                        "empty or over-long ALPN identifier (escape a literal comma as `\\\\,`)",
                    ));
                }
                out.push(item.len() as u8);
                out.extend_from_slice(&item);
            }
        }
        2 | 8 => {
            if value.is_some_and(|v| !v.is_empty()) {
                return Err(err(
                    f,
                    format!("SVCB parameter `{}` takes no value", svc_key_name(key)),
                ));
            }
        }
        3 => {
            let v = need(key, value, f)?;
            let port =
                parse_uint(v, 65535).ok_or_else(|| err(f, "invalid port: expected 0..=65535"))?;
            out.extend_from_slice(&(port as u16).to_be_bytes());
        }
        4 | 6 => {
            for item in value_list(need(key, value, f)?) {
                if key == 4 {
                    out.extend_from_slice(&parse_ipv4(&item).ok_or_else(|| {
                        err(f, format!("invalid IPv4 address `{}`", show(&item)))
                    })?);
                } else {
                    out.extend_from_slice(&parse_ipv6(&item).ok_or_else(|| {
                        err(f, format!("invalid IPv6 address `{}`", show(&item)))
                    })?);
                }
            }
        }
        5 => {
            let v = need(key, value, f)?;
            let field = Field {
                text: v,
                span: f.span,
                quoted: false,
            };
            fields::base64(std::slice::from_ref(&field), &mut out)
                .map_err(|()| err(f, "invalid base64 in ech"))?;
        }
        7 => out.extend_from_slice(need(key, value, f)?),
        9 => {
            let mut groups = Vec::new();
            for item in value_list(need(key, value, f)?) {
                let g = parse_uint(&item, 65535)
                    .ok_or_else(|| err(f, "invalid group: expected 0..=65535"))?
                    as u16;
                if groups.contains(&g) {
                    return Err(err(
                        f,
                        format!("duplicate group {g} in tls-supported-groups"),
                    ));
                }
                groups.push(g);
                out.extend_from_slice(&g.to_be_bytes());
            }
        }
        _ => {
            if let Some(v) = value {
                out.extend_from_slice(v);
            }
        }
    }
    Ok(out)
}
