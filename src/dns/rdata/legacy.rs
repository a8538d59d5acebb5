//! Addresses of other networks and old experiments: X25, WKS, APL, GPOS,
//! NSAP, A6, EUI48/EUI64, ILNP (L64, NID), ATMA.

use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

use data_encoding::HEXUPPER;

use super::fields::{self, parse_ipv4, parse_ipv6, parse_uint};
use super::text::{err, show, Encoder};
use super::wire::Printer;
use super::{Result, WireResult};

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

/// Service names below port 1024 (IANA; BIND looks them up in the
/// system's services database, so a fixed table keeps results portable).
pub(super) const SERVICES: &[(&str, u16)] = &[
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

pub(super) fn is_float(text: &[u8]) -> bool {
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

/// The presentation of WKS data.
pub(super) fn print_wks(p: &mut Printer<'_, '_>) -> WireResult {
    p.a()?;
    p.u8()?;
    let bits = p.rest();
    for (i, &byte) in bits.iter().enumerate() {
        for bit in 0..8 {
            if byte & (0x80 >> bit) != 0 {
                p.sep();
                let _ = write!(p.out, "{}", i * 8 + bit);
            }
        }
    }
    Ok(())
}

/// The presentation of APL data.
pub(super) fn print_apl(p: &mut Printer<'_, '_>) -> WireResult {
    while !p.wire.is_empty() {
        let afi = p.u16v()?;
        let prefix = p.u8v()?;
        let nlen = p.u8v()?;
        let data = p.take(usize::from(nlen & 0x7f))?;
        p.sep();
        if nlen & 0x80 != 0 {
            p.out.push('!');
        }
        match afi {
            1 if data.len() <= 4 => {
                let mut a = [0u8; 4];
                a[..data.len()].copy_from_slice(data);
                let _ = write!(p.out, "1:{}/{prefix}", Ipv4Addr::from(a));
            }
            2 if data.len() <= 16 => {
                let mut a = [0u8; 16];
                a[..data.len()].copy_from_slice(data);
                let _ = write!(p.out, "2:{}/{prefix}", Ipv6Addr::from(a));
            }
            _ => return Err("unknown APL address family"),
        }
    }
    Ok(())
}

/// The presentation of NSAP data.
pub(super) fn print_nsap(p: &mut Printer<'_, '_>) -> WireResult {
    let data = p.rest();
    if data.is_empty() {
        return Err("empty NSAP");
    }
    p.sep();
    p.out.push_str("0x");
    p.out.push_str(&HEXUPPER.encode(data));
    Ok(())
}

/// The presentation of A6 data.
pub(super) fn print_a6(p: &mut Printer<'_, '_>) -> WireResult {
    let prefix = p.u8()?;
    if prefix > 128 {
        return Err("A6 prefix length above 128");
    }
    if prefix < 128 {
        let n = 16 - usize::from(prefix / 8);
        let suffix = p.take(n)?;
        let mut a = [0u8; 16];
        a[16 - n..].copy_from_slice(suffix);
        p.sep();
        let _ = write!(p.out, "{}", Ipv6Addr::from(a));
    }
    if prefix > 0 {
        p.name()?;
    }
    Ok(())
}

/// The presentation of EUI48/EUI64 data.
pub(super) fn print_eui(p: &mut Printer<'_, '_>, n: usize) -> WireResult {
    let b = p.take(n)?;
    p.sep();
    let hex: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
    p.out.push_str(&hex.join("-"));
    Ok(())
}

/// The presentation of L64/NID data.
pub(super) fn print_ilnp64(p: &mut Printer<'_, '_>) -> WireResult {
    p.u16()?;
    let b = p.take(8)?;
    p.sep();
    let _ = write!(
        p.out,
        "{:02x}{:02x}:{:02x}{:02x}:{:02x}{:02x}:{:02x}{:02x}",
        b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]
    );
    Ok(())
}

/// The presentation of ATMA data.
pub(super) fn print_atma(p: &mut Printer<'_, '_>) -> WireResult {
    let format = p.u8v()?;
    let data = p.rest();
    p.sep();
    match format {
        1 if data.iter().all(u8::is_ascii_digit) => {
            p.out.push('+');
            p.out
                .push_str(std::str::from_utf8(data).map_err(|_| "invalid E.164")?);
        }
        0 if !data.is_empty() => p.out.push_str(&HEXUPPER.encode(data)),
        _ => return Err("invalid ATMA data"),
    }
    Ok(())
}
