//! Record data in wire form: presentation printing (what `dump` shows),
//! validation of RFC 3597 generic data for known types, typed views for the
//! rules, and the mnemonic tables shared with the parser.

use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

use data_encoding::{BASE32HEX_NOPAD, BASE64, HEXUPPER};

use super::name::{write_label, NameRef};
use super::RecordType;

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

pub fn cert_type_from_mnemonic(text: &[u8]) -> Option<u16> {
    CERT_TYPES
        .iter()
        .find(|(m, _)| m.as_bytes().eq_ignore_ascii_case(text))
        .map(|c| c.1)
}

/// SvcParamKey names (RFC 9460 §14.3.2).
const SVC_KEYS: &[(&str, u16)] = &[
    ("mandatory", 0),
    ("alpn", 1),
    ("no-default-alpn", 2),
    ("port", 3),
    ("ipv4hint", 4),
    ("ech", 5),
    ("ipv6hint", 6),
    ("dohpath", 7),
    ("ohttp", 8),
    ("tls-supported-groups", 9),
];

/// The SvcParamKey of `key=...` text: a registered name or `keyNNNNN`.
pub fn svc_key_from_text(text: &[u8]) -> Option<u16> {
    if let Some(n) = text.strip_prefix(b"key") {
        if n.is_empty() || n.len() > 5 || !n.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let v = n
            .iter()
            .fold(0u32, |acc, &d| acc * 10 + u32::from(d - b'0'));
        return u16::try_from(v).ok().filter(|&k| k != u16::MAX);
    }
    SVC_KEYS
        .iter()
        .find(|(n, _)| n.as_bytes() == text)
        .map(|k| k.1)
}

/// The presentation name of a SvcParamKey.
pub fn svc_key_name(key: u16) -> String {
    SVC_KEYS
        .iter()
        .find(|k| k.1 == key)
        .map_or_else(|| format!("key{key}"), |k| k.0.to_owned())
}

/// Why wire data does not fit its type.
pub type WireError = &'static str;

/// Checks that `wire` is well-formed rdata of `rtype` (used for RFC 3597
/// `\#` data of known types, so typed views never see malformed data).
pub fn check_wire(rtype: RecordType, wire: &[u8]) -> Result<(), WireError> {
    let mut sink = String::new();
    match print(rtype, wire, &mut sink) {
        Err(NO_FORMAT) => Ok(()), // any octets are valid data of a type without a grammar
        other => other,
    }
}

/// Appends the presentation form of `wire` as `rtype` rdata. Data that does
/// not parse as its type is shown in RFC 3597 form (`\# len hex`).
pub fn write_presentation(rtype: RecordType, wire: &[u8], out: &mut String) {
    let at = out.len();
    if print(rtype, wire, out).is_err() {
        out.truncate(at);
        write_generic(wire, out);
    }
}

/// RFC 3597 §5 generic form.
pub fn write_generic(wire: &[u8], out: &mut String) {
    let _ = write!(out, "\\# {}", wire.len());
    if !wire.is_empty() {
        out.push(' ');
        out.push_str(&HEXUPPER.encode(wire));
    }
}

/// Cursor over wire data, printing fields separated by spaces.
struct Printer<'w, 'o> {
    wire: &'w [u8],
    out: &'o mut String,
    first: bool,
}

const SHORT: WireError = "data ends early";
const NO_FORMAT: WireError = "no presentation format";

impl<'w> Printer<'w, '_> {
    fn sep(&mut self) {
        if !self.first {
            self.out.push(' ');
        }
        self.first = false;
    }

    fn take(&mut self, n: usize) -> Result<&'w [u8], WireError> {
        if self.wire.len() < n {
            return Err(SHORT);
        }
        let (head, rest) = self.wire.split_at(n);
        self.wire = rest;
        Ok(head)
    }

    fn u8v(&mut self) -> Result<u8, WireError> {
        Ok(self.take(1)?[0])
    }

    fn u16v(&mut self) -> Result<u16, WireError> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    fn u32v(&mut self) -> Result<u32, WireError> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u8(&mut self) -> Result<u8, WireError> {
        let v = self.u8v()?;
        self.sep();
        let _ = write!(self.out, "{v}");
        Ok(v)
    }

    fn u16(&mut self) -> Result<u16, WireError> {
        let v = self.u16v()?;
        self.sep();
        let _ = write!(self.out, "{v}");
        Ok(v)
    }

    fn u32(&mut self) -> Result<u32, WireError> {
        let v = self.u32v()?;
        self.sep();
        let _ = write!(self.out, "{v}");
        Ok(v)
    }

    fn name(&mut self) -> Result<(), WireError> {
        let (name, rest) = NameRef::split_from(self.wire).ok_or("invalid domain name")?;
        self.wire = rest;
        self.sep();
        let _ = write!(self.out, "{name}");
        Ok(())
    }

    fn a(&mut self) -> Result<(), WireError> {
        let b = self.take(4)?;
        self.sep();
        let _ = write!(self.out, "{}", Ipv4Addr::new(b[0], b[1], b[2], b[3]));
        Ok(())
    }

    fn aaaa(&mut self) -> Result<(), WireError> {
        let b: [u8; 16] = self.take(16)?.try_into().map_err(|_| SHORT)?;
        self.sep();
        let _ = write!(self.out, "{}", Ipv6Addr::from(b));
        Ok(())
    }

    fn string(&mut self) -> Result<(), WireError> {
        let len = usize::from(self.u8v()?);
        let s = self.take(len)?;
        self.sep();
        write_quoted(self.out, s);
        Ok(())
    }

    fn strings(&mut self) -> Result<(), WireError> {
        if self.wire.is_empty() {
            return Err("no character-string");
        }
        while !self.wire.is_empty() {
            self.string()?;
        }
        Ok(())
    }

    fn rest(&mut self) -> &'w [u8] {
        std::mem::take(&mut self.wire)
    }

    fn base64_rest(&mut self, required: bool) -> Result<(), WireError> {
        let rest = self.rest();
        if rest.is_empty() {
            return if required {
                Err("missing data")
            } else {
                Ok(())
            };
        }
        self.sep();
        self.out.push_str(&BASE64.encode(rest));
        Ok(())
    }

    fn hex_rest(&mut self, required: bool) -> Result<(), WireError> {
        let rest = self.rest();
        if rest.is_empty() {
            return if required {
                Err("missing data")
            } else {
                Ok(())
            };
        }
        self.sep();
        self.out.push_str(&HEXUPPER.encode(rest));
        Ok(())
    }

    fn rtype(&mut self) -> Result<(), WireError> {
        let t = RecordType(self.u16v()?);
        self.sep();
        let _ = write!(self.out, "{t}");
        Ok(())
    }

    fn bitmap(&mut self) -> Result<(), WireError> {
        let mut last_window = None;
        while !self.wire.is_empty() {
            let window = self.u8v()?;
            let len = usize::from(self.u8v()?);
            if len == 0 || len > 32 || last_window.is_some_and(|w| w >= window) {
                return Err("invalid type bitmap");
            }
            last_window = Some(window);
            let bits = self.take(len)?;
            for (i, &byte) in bits.iter().enumerate() {
                for bit in 0..8 {
                    if byte & (0x80 >> bit) != 0 {
                        let t = RecordType((u16::from(window) << 8) | (i * 8 + bit) as u16);
                        self.sep();
                        let _ = write!(self.out, "{t}");
                    }
                }
            }
        }
        Ok(())
    }

    fn salt(&mut self) -> Result<(), WireError> {
        let len = usize::from(self.u8v()?);
        let salt = self.take(len)?;
        self.sep();
        if salt.is_empty() {
            self.out.push('-');
        } else {
            self.out.push_str(&HEXUPPER.encode(salt));
        }
        Ok(())
    }

    fn time(&mut self) -> Result<(), WireError> {
        let secs = self.u32v()?;
        self.sep();
        write_time(self.out, secs);
        Ok(())
    }

    fn end(&self) -> Result<(), WireError> {
        if self.wire.is_empty() {
            Ok(())
        } else {
            Err("trailing data")
        }
    }
}

/// A character-string in double quotes, escaping `"` and `\` and showing
/// non-printable octets as `\DDD`, as BIND does.
pub fn write_quoted(out: &mut String, s: &[u8]) {
    out.push('"');
    for &b in s {
        match b {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(char::from(b));
            }
            0x20..=0x7e => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "\\{b:03}");
            }
        }
    }
    out.push('"');
}

/// `YYYYMMDDHHmmSS` for an RRSIG time (RFC 4034 §3.2), in UTC.
fn write_time(out: &mut String, secs: u32) {
    let days = i64::from(secs / 86_400);
    let rem = secs % 86_400;
    // Civil from days (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let _ = write!(
        out,
        "{y:04}{m:02}{d:02}{:02}{:02}{:02}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    );
}

fn print(rtype: RecordType, wire: &[u8], out: &mut String) -> Result<(), WireError> {
    use RecordType as T;
    let mut p = Printer {
        wire,
        out,
        first: true,
    };
    match rtype {
        T::A => p.a()?,
        T::AAAA => p.aaaa()?,
        T::NS
        | T::CNAME
        | T::DNAME
        | T::PTR
        | T::MB
        | T::MG
        | T::MR
        | T::NSAP_PTR
        | T::MD
        | T::MF => p.name()?,
        T::MX | T::AFSDB | T::RT | T::KX | T::LP => {
            p.u16()?;
            p.name()?;
        }
        T::SOA => {
            p.name()?;
            p.name()?;
            for _ in 0..5 {
                p.u32()?;
            }
        }
        T::TXT | T::SPF | T::AVC | T::NINFO | T::RESINFO | T::WALLET => p.strings()?,
        T::HINFO => {
            p.string()?;
            p.string()?;
        }
        T::MINFO | T::RP | T::TALINK => {
            p.name()?;
            p.name()?;
        }
        T::X25 | T::UINFO => p.string()?,
        T::ISDN => {
            p.string()?;
            if !p.wire.is_empty() {
                p.string()?;
            }
        }
        T::GPOS => {
            p.string()?;
            p.string()?;
            p.string()?;
        }
        T::PX => {
            p.u16()?;
            p.name()?;
            p.name()?;
        }
        T::SRV => {
            p.u16()?;
            p.u16()?;
            p.u16()?;
            p.name()?;
        }
        T::NAPTR => {
            p.u16()?;
            p.u16()?;
            p.string()?;
            p.string()?;
            p.string()?;
            p.name()?;
        }
        T::URI => {
            p.u16()?;
            p.u16()?;
            let target = p.rest();
            if target.is_empty() {
                return Err("empty URI target");
            }
            p.sep();
            write_quoted(p.out, target);
        }
        T::CAA => {
            p.u8()?;
            let len = usize::from(p.u8v()?);
            let tag = p.take(len)?;
            if tag.is_empty() || !tag.iter().all(u8::is_ascii_alphanumeric) {
                return Err("invalid CAA tag");
            }
            p.sep();
            p.out
                .push_str(std::str::from_utf8(tag).map_err(|_| "invalid CAA tag")?);
            let value = p.rest();
            p.sep();
            write_quoted(p.out, value);
        }
        T::WKS => {
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
        }
        T::LOC => print_loc(&mut p)?,
        T::APL => {
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
        }
        T::NSAP => {
            let data = p.rest();
            if data.is_empty() {
                return Err("empty NSAP");
            }
            p.sep();
            p.out.push_str("0x");
            p.out.push_str(&HEXUPPER.encode(data));
        }
        T::A6 => {
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
        }
        T::EUI48 | T::EUI64 => {
            let n = if rtype == T::EUI48 { 6 } else { 8 };
            let b = p.take(n)?;
            p.sep();
            let hex: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
            p.out.push_str(&hex.join("-"));
        }
        T::L32 => {
            p.u16()?;
            p.a()?;
        }
        T::L64 | T::NID => {
            p.u16()?;
            let b = p.take(8)?;
            p.sep();
            let _ = write!(
                p.out,
                "{:02x}{:02x}:{:02x}{:02x}:{:02x}{:02x}:{:02x}{:02x}",
                b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]
            );
        }
        T::ATMA => {
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
        }
        T::DS | T::CDS | T::TA | T::DLV => {
            p.u16()?;
            p.u8()?;
            p.u8()?;
            p.hex_rest(true)?;
        }
        T::SSHFP => {
            p.u8()?;
            p.u8()?;
            p.hex_rest(true)?;
        }
        T::TLSA | T::SMIMEA => {
            p.u8()?;
            p.u8()?;
            p.u8()?;
            p.hex_rest(true)?;
        }
        T::DNSKEY | T::CDNSKEY | T::RKEY | T::KEY => {
            let flags = p.u16()?;
            p.u8()?;
            p.u8()?;
            p.base64_rest(rtype != T::KEY || flags & 0xC000 != 0xC000)?;
        }
        T::RRSIG | T::SIG => {
            p.rtype()?;
            p.u8()?;
            p.u8()?;
            p.u32()?;
            p.time()?;
            p.time()?;
            p.u16()?;
            p.name()?;
            p.base64_rest(rtype == T::RRSIG)?;
        }
        T::NSEC => {
            p.name()?;
            p.bitmap()?;
        }
        T::NSEC3 => {
            p.u8()?;
            p.u8()?;
            p.u16()?;
            p.salt()?;
            let len = usize::from(p.u8v()?);
            let next = p.take(len)?;
            if next.is_empty() {
                return Err("empty next hashed owner");
            }
            p.sep();
            p.out.push_str(&BASE32HEX_NOPAD.encode(next));
            p.bitmap()?;
        }
        T::NSEC3PARAM => {
            p.u8()?;
            p.u8()?;
            p.u16()?;
            p.salt()?;
        }
        T::NXT => {
            p.name()?;
            let bits = p.rest();
            if bits.len() > 16 {
                return Err("NXT bitmap longer than 16 octets");
            }
            for (i, &byte) in bits.iter().enumerate() {
                for bit in 0..8 {
                    if byte & (0x80 >> bit) != 0 {
                        p.sep();
                        let _ = write!(p.out, "{}", RecordType((i * 8 + bit) as u16));
                    }
                }
            }
        }
        T::CSYNC => {
            p.u32()?;
            p.u16()?;
            p.bitmap()?;
        }
        T::ZONEMD => {
            p.u32()?;
            p.u8()?;
            p.u8()?;
            p.hex_rest(true)?;
        }
        T::DHCID | T::OPENPGPKEY | T::HHIT | T::BRID => p.base64_rest(true)?,
        T::EID | T::NIMLOC => p.hex_rest(true)?,
        T::CERT => {
            p.u16()?;
            p.u16()?;
            p.u8()?;
            p.base64_rest(true)?;
        }
        T::IPSECKEY => {
            p.u8()?;
            let gt = p.u8()?;
            p.u8()?;
            print_gateway(&mut p, gt)?;
            p.base64_rest(false)?;
        }
        T::AMTRELAY => {
            p.u8()?;
            let db = p.u8v()?;
            p.sep();
            let _ = write!(p.out, "{} {}", db >> 7, db & 0x7f);
            match db & 0x7f {
                0 => {
                    p.sep();
                    p.out.push('.');
                }
                t @ 1..=3 => print_gateway(&mut p, t)?,
                _ => p.hex_rest(false)?,
            }
        }
        T::HIP => {
            let hit_len = usize::from(p.u8v()?);
            let alg = p.u8v()?;
            let pk_len = usize::from(p.u16v()?);
            let hit = p.take(hit_len)?;
            let pk = p.take(pk_len)?;
            p.sep();
            let _ = write!(
                p.out,
                "{alg} {} {}",
                HEXUPPER.encode(hit),
                BASE64.encode(pk)
            );
            while !p.wire.is_empty() {
                p.name()?;
            }
        }
        T::SVCB | T::HTTPS => print_svcb(&mut p)?,
        T::SINK => {
            p.u8()?;
            p.u8()?;
            p.u8()?;
            p.base64_rest(false)?;
        }
        T::DOA => {
            p.u32()?;
            p.u32()?;
            p.u8()?;
            p.string()?;
            if p.wire.is_empty() {
                p.sep();
                p.out.push('-');
            } else {
                p.base64_rest(true)?;
            }
        }
        T::DSYNC => {
            p.rtype()?;
            p.u8()?;
            p.u16()?;
            p.name()?;
        }
        T::UID | T::GID => {
            p.u32()?;
        }
        _ => {
            // No grammar: only the generic form is shown (opaque data is
            // printed by the caller from its tokens).
            return Err(NO_FORMAT);
        }
    }
    p.end()
}

fn print_gateway(p: &mut Printer<'_, '_>, kind: u8) -> Result<(), WireError> {
    match kind {
        0 => {
            p.sep();
            p.out.push('.');
            Ok(())
        }
        1 => p.a(),
        2 => p.aaaa(),
        3 => p.name(),
        _ => Err("unknown gateway type"),
    }
}

fn print_loc(p: &mut Printer<'_, '_>) -> Result<(), WireError> {
    if p.u8v()? != 0 {
        return Err("unknown LOC version");
    }
    let precisions = [p.u8v()?, p.u8v()?, p.u8v()?];
    let lat = i64::from(p.u32v()?) - (1i64 << 31);
    let lon = i64::from(p.u32v()?) - (1i64 << 31);
    let alt = i64::from(p.u32v()?) - 10_000_000;
    let coord = |v: i64, hemis: (char, char)| {
        let h = if v >= 0 { hemis.0 } else { hemis.1 };
        let v = v.abs();
        format!(
            "{} {} {}.{:03} {h}",
            v / 3_600_000,
            v / 60_000 % 60,
            v / 1000 % 60,
            v % 1000
        )
    };
    let meters = |cm: i64| {
        if cm % 100 == 0 {
            format!("{}m", cm / 100)
        } else {
            format!("{}.{:02}m", cm / 100, cm % 100)
        }
    };
    let mut precision_text = Vec::new();
    for pr in precisions {
        let (mantissa, exp) = (i64::from(pr >> 4), u32::from(pr & 0x0f));
        if mantissa > 9 || exp > 9 {
            return Err("invalid LOC precision");
        }
        precision_text.push(meters(mantissa * 10i64.pow(exp)));
    }
    p.sep();
    let alt_text = if alt < 0 {
        format!("-{}.{:02}m", -alt / 100, -alt % 100)
    } else {
        format!("{}.{:02}m", alt / 100, alt % 100)
    };
    let _ = write!(
        p.out,
        "{} {} {alt_text} {}",
        coord(lat, ('N', 'S')),
        coord(lon, ('E', 'W')),
        precision_text.join(" ")
    );
    Ok(())
}

fn print_svcb(p: &mut Printer<'_, '_>) -> Result<(), WireError> {
    p.u16()?;
    p.name()?;
    let mut last: Option<u16> = None;
    while !p.wire.is_empty() {
        let key = p.u16v()?;
        if last.is_some_and(|l| l >= key) {
            return Err("SVCB parameters out of order");
        }
        last = Some(key);
        let len = usize::from(p.u16v()?);
        let value = p.take(len)?;
        p.sep();
        p.out.push_str(&svc_key_name(key));
        match key {
            0 => {
                let keys: Vec<String> = value
                    .chunks(2)
                    .map(|k| svc_key_name(u16::from_be_bytes([k[0], *k.get(1).unwrap_or(&0)])))
                    .collect();
                let _ = write!(p.out, "=\"{}\"", keys.join(","));
            }
            1 => {
                let mut items = Vec::new();
                let mut v = value;
                while let Some((&n, rest)) = v.split_first() {
                    let n = usize::from(n);
                    if rest.len() < n {
                        return Err("truncated alpn");
                    }
                    let mut item = String::new();
                    for &b in &rest[..n] {
                        match b {
                            b',' | b'\\' => {
                                item.push_str("\\\\");
                                item.push(char::from(b));
                            }
                            b'"' => item.push_str("\\\""),
                            0x20..=0x7e => item.push(char::from(b)),
                            _ => {
                                let _ = write!(item, "\\{b:03}");
                            }
                        }
                    }
                    items.push(item);
                    v = &rest[n..];
                }
                let _ = write!(p.out, "=\"{}\"", items.join(","));
            }
            2 | 8 => {}
            3 if value.len() == 2 => {
                let _ = write!(p.out, "={}", u16::from_be_bytes([value[0], value[1]]));
            }
            4 if !value.is_empty() && value.len() % 4 == 0 => {
                let addrs: Vec<String> = value
                    .chunks(4)
                    .map(|a| Ipv4Addr::new(a[0], a[1], a[2], a[3]).to_string())
                    .collect();
                let _ = write!(p.out, "={}", addrs.join(","));
            }
            6 if !value.is_empty() && value.len() % 16 == 0 => {
                let addrs: Vec<String> = value
                    .chunks(16)
                    .map(|a| {
                        Ipv6Addr::from(<[u8; 16]>::try_from(a).unwrap_or_default()).to_string()
                    })
                    .collect();
                let _ = write!(p.out, "={}", addrs.join(","));
            }
            5 => {
                let _ = write!(p.out, "={}", BASE64.encode(value));
            }
            _ => {
                if !value.is_empty() {
                    p.out.push('=');
                    write_quoted(p.out, value);
                }
            }
        }
    }
    Ok(())
}

/// Formats a label sequence for messages (used by views).
pub fn label_text(label: &[u8]) -> String {
    let mut s = String::new();
    write_label(&mut s, label);
    s
}

// ---- names inside data ----

/// Calls `f` with the byte range of every domain name inside `wire`
/// (for the types that carry names). Malformed data yields what was found
/// before the error.
pub fn for_each_name(rtype: RecordType, wire: &[u8], mut f: impl FnMut(std::ops::Range<usize>)) {
    use RecordType as T;
    let name_at = |at: usize| -> Option<usize> {
        super::name::name_wire_len(wire.get(at..)?).map(|l| at + l)
    };
    let names_from =
        |mut at: usize, count: usize, f: &mut dyn FnMut(std::ops::Range<usize>)| -> Option<usize> {
            for _ in 0..count {
                let end = name_at(at)?;
                f(at..end);
                at = end;
            }
            Some(at)
        };
    let _ = match rtype {
        T::NS
        | T::MD
        | T::MF
        | T::CNAME
        | T::MB
        | T::MG
        | T::MR
        | T::PTR
        | T::DNAME
        | T::NSAP_PTR
        | T::NSEC
        | T::NXT => names_from(0, 1, &mut f),
        T::MX | T::AFSDB | T::RT | T::KX | T::LP => names_from(2, 1, &mut f),
        T::SOA | T::MINFO | T::RP | T::TALINK => names_from(0, 2, &mut f),
        T::PX => names_from(2, 2, &mut f),
        T::SRV => names_from(6, 1, &mut f),
        T::SVCB | T::HTTPS => names_from(2, 1, &mut f),
        T::DSYNC => names_from(5, 1, &mut f),
        T::RRSIG | T::SIG => names_from(18, 1, &mut f),
        T::NAPTR => {
            // order, preference, then three character-strings.
            let mut at = 4;
            for _ in 0..3 {
                at += 1 + usize::from(*wire.get(at).unwrap_or(&255));
            }
            names_from(at, 1, &mut f)
        }
        T::A6 => {
            let prefix = usize::from(*wire.first().unwrap_or(&0));
            if prefix > 0 && prefix <= 128 {
                names_from(1 + 16 - prefix / 8, 1, &mut f)
            } else {
                None
            }
        }
        _ => None,
    };
}

/// The data with its embedded names lower-cased, so that two records that
/// differ only in the case of names compare equal (RFC 4343; BIND keeps one
/// of them).
pub fn canonical(rtype: RecordType, wire: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let mut out: Option<Vec<u8>> = None;
    for_each_name(rtype, wire, |range| {
        if wire[range.clone()].iter().any(u8::is_ascii_uppercase) {
            let buf = out.get_or_insert_with(|| wire.to_vec());
            buf[range].make_ascii_lowercase();
        }
    });
    match out {
        Some(v) => std::borrow::Cow::Owned(v),
        None => std::borrow::Cow::Borrowed(wire),
    }
}

// ---- typed views ----

/// MX data (RFC 1035 §3.3.9).
#[derive(Clone, Copy, Debug)]
pub struct Mx<'a> {
    pub preference: u16,
    pub exchange: NameRef<'a>,
}

impl<'a> Mx<'a> {
    pub fn from_wire(wire: &'a [u8]) -> Option<Self> {
        let (pref, rest) = wire.split_first_chunk::<2>()?;
        let (exchange, rest) = NameRef::split_from(rest)?;
        rest.is_empty().then_some(Mx {
            preference: u16::from_be_bytes(*pref),
            exchange,
        })
    }
}

/// The single domain name of NS, CNAME, DNAME and PTR data.
pub fn single_name(wire: &[u8]) -> Option<NameRef<'_>> {
    let (name, rest) = NameRef::split_from(wire)?;
    rest.is_empty().then_some(name)
}

/// SOA data (RFC 1035 §3.3.13).
#[derive(Clone, Copy, Debug)]
pub struct Soa<'a> {
    pub mname: NameRef<'a>,
    pub rname: NameRef<'a>,
    pub serial: u32,
    pub refresh: u32,
    pub retry: u32,
    pub expire: u32,
    pub minimum: u32,
}

impl<'a> Soa<'a> {
    pub fn from_wire(wire: &'a [u8]) -> Option<Self> {
        let (mname, rest) = NameRef::split_from(wire)?;
        let (rname, rest) = NameRef::split_from(rest)?;
        let n: &[u8; 20] = rest.try_into().ok()?;
        let at = |i: usize| u32::from_be_bytes([n[i], n[i + 1], n[i + 2], n[i + 3]]);
        Some(Soa {
            mname,
            rname,
            serial: at(0),
            refresh: at(4),
            retry: at(8),
            expire: at(12),
            minimum: at(16),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(rtype: RecordType, wire: &[u8]) -> String {
        let mut s = String::new();
        write_presentation(rtype, wire, &mut s);
        s
    }

    #[test]
    fn prints_common_types() {
        assert_eq!(show(RecordType::A, &[192, 0, 2, 1]), "192.0.2.1");
        assert_eq!(
            show(RecordType::MX, b"\x00\x0a\x04mail\x07example\x00"),
            "10 mail.example."
        );
        assert_eq!(show(RecordType::TXT, b"\x02a\"\x01\\"), r#""a\"" "\\""#);
        assert_eq!(show(RecordType::TXT, b"\x01\xff"), r#""\255""#);
    }

    #[test]
    fn malformed_data_falls_back_to_generic() {
        assert_eq!(show(RecordType::A, &[1, 2, 3]), r"\# 3 010203");
        assert_eq!(
            show(RecordType::MX, b"\x00\x0a\x04mail"),
            r"\# 7 000A046D61696C"
        );
        assert!(check_wire(RecordType::TXT, b"").is_err());
        assert!(check_wire(RecordType(65280), b"\x01").is_ok());
    }

    #[test]
    fn rrsig_time_round_trip() {
        let mut s = String::new();
        write_time(&mut s, 1_129_852_800); // 2005-10-21 00:00:00 UTC
        assert_eq!(s, "20051021000000");
        s.clear();
        write_time(&mut s, 0);
        assert_eq!(s, "19700101000000");
    }

    #[test]
    fn canonical_folds_names_only() {
        let mx = b"\x00\x0a\x04MAIL\x07Example\x00";
        assert_eq!(
            &*canonical(RecordType::MX, mx),
            b"\x00\x0a\x04mail\x07example\x00"
        );
        let txt = b"\x02AB";
        assert_eq!(&*canonical(RecordType::TXT, txt), txt);
        let mut names = Vec::new();
        for_each_name(RecordType::SOA, b"\x01a\x00\x01b\x00", |r| names.push(r));
        assert_eq!(names, [0..3, 3..6]);
    }

    #[test]
    fn mx_view() {
        let mx = Mx::from_wire(b"\x00\x05\x00").unwrap();
        assert_eq!(mx.preference, 5);
        assert!(mx.exchange.is_root());
        assert!(Mx::from_wire(b"\x00").is_none());
    }
}
