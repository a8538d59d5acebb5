//! Wire to text: the cursor over wire data, the fields every type shares,
//! and the dispatch from type to printer (RFC 1035 §5.1 presentation, as
//! BIND writes it).

use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

use data_encoding::{BASE64, HEXUPPER};

use super::{dnssec, legacy, loc, services, svcb, WireError};
use crate::dns::name::NameRef;
use crate::dns::RecordType;

/// Cursor over wire data, printing fields separated by spaces.
pub(super) struct Printer<'w, 'o> {
    pub(super) wire: &'w [u8],
    pub(super) out: &'o mut String,
    pub(super) first: bool,
}

pub(super) const SHORT: WireError = "data ends early";
pub(super) const NO_FORMAT: WireError = "no presentation format";

impl<'w> Printer<'w, '_> {
    pub(super) fn sep(&mut self) {
        if !self.first {
            self.out.push(' ');
        }
        self.first = false;
    }

    pub(super) fn take(&mut self, n: usize) -> Result<&'w [u8], WireError> {
        if self.wire.len() < n {
            return Err(SHORT);
        }
        let (head, rest) = self.wire.split_at(n);
        self.wire = rest;
        Ok(head)
    }

    pub(super) fn u8v(&mut self) -> Result<u8, WireError> {
        Ok(self.take(1)?[0])
    }

    pub(super) fn u16v(&mut self) -> Result<u16, WireError> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    pub(super) fn u32v(&mut self) -> Result<u32, WireError> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(super) fn u8(&mut self) -> Result<u8, WireError> {
        let v = self.u8v()?;
        self.sep();
        let _ = write!(self.out, "{v}");
        Ok(v)
    }

    pub(super) fn u16(&mut self) -> Result<u16, WireError> {
        let v = self.u16v()?;
        self.sep();
        let _ = write!(self.out, "{v}");
        Ok(v)
    }

    pub(super) fn u32(&mut self) -> Result<u32, WireError> {
        let v = self.u32v()?;
        self.sep();
        let _ = write!(self.out, "{v}");
        Ok(v)
    }

    pub(super) fn name(&mut self) -> Result<(), WireError> {
        let (name, rest) = NameRef::split_from(self.wire).ok_or("invalid domain name")?;
        self.wire = rest;
        self.sep();
        let _ = write!(self.out, "{name}");
        Ok(())
    }

    pub(super) fn a(&mut self) -> Result<(), WireError> {
        let b = self.take(4)?;
        self.sep();
        let _ = write!(self.out, "{}", Ipv4Addr::new(b[0], b[1], b[2], b[3]));
        Ok(())
    }

    pub(super) fn aaaa(&mut self) -> Result<(), WireError> {
        let b: [u8; 16] = self.take(16)?.try_into().map_err(|_| SHORT)?;
        self.sep();
        let _ = write!(self.out, "{}", Ipv6Addr::from(b));
        Ok(())
    }

    pub(super) fn string(&mut self) -> Result<(), WireError> {
        let len = usize::from(self.u8v()?);
        let s = self.take(len)?;
        self.sep();
        write_quoted(self.out, s);
        Ok(())
    }

    pub(super) fn strings(&mut self) -> Result<(), WireError> {
        if self.wire.is_empty() {
            return Err("no character-string");
        }
        while !self.wire.is_empty() {
            self.string()?;
        }
        Ok(())
    }

    pub(super) fn rest(&mut self) -> &'w [u8] {
        std::mem::take(&mut self.wire)
    }

    pub(super) fn base64_rest(&mut self, required: bool) -> Result<(), WireError> {
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

    pub(super) fn hex_rest(&mut self, required: bool) -> Result<(), WireError> {
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

    pub(super) fn rtype(&mut self) -> Result<(), WireError> {
        let t = RecordType(self.u16v()?);
        self.sep();
        let _ = write!(self.out, "{t}");
        Ok(())
    }

    pub(super) fn bitmap(&mut self) -> Result<(), WireError> {
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

    pub(super) fn salt(&mut self) -> Result<(), WireError> {
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

    pub(super) fn time(&mut self) -> Result<(), WireError> {
        let secs = self.u32v()?;
        self.sep();
        write_time(self.out, secs);
        Ok(())
    }

    pub(super) fn end(&self) -> Result<(), WireError> {
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

/// The date (year, month, day; proleptic Gregorian) `days` after
/// 1970-01-01 (H. Hinnant's algorithm).
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `YYYYMMDDHHmmSS` for an RRSIG time (RFC 4034 §3.2), in UTC.
pub(super) fn write_time(out: &mut String, secs: u32) {
    let (y, m, d) = civil_from_days(i64::from(secs / 86_400));
    let rem = secs % 86_400;
    let _ = write!(
        out,
        "{y:04}{m:02}{d:02}{:02}{:02}{:02}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    );
}

pub(super) fn print(rtype: RecordType, wire: &[u8], out: &mut String) -> Result<(), WireError> {
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
        T::CAA => services::print_caa(&mut p)?,
        T::WKS => legacy::print_wks(&mut p)?,
        T::LOC => loc::print_loc(&mut p)?,
        T::APL => legacy::print_apl(&mut p)?,
        T::NSAP => legacy::print_nsap(&mut p)?,
        T::A6 => legacy::print_a6(&mut p)?,
        T::EUI48 | T::EUI64 => legacy::print_eui(&mut p, if rtype == T::EUI48 { 6 } else { 8 })?,
        T::L32 => {
            p.u16()?;
            p.a()?;
        }
        T::L64 | T::NID => legacy::print_ilnp64(&mut p)?,
        T::ATMA => legacy::print_atma(&mut p)?,
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
        T::NSEC3 => dnssec::print_nsec3(&mut p)?,
        T::NSEC3PARAM => {
            p.u8()?;
            p.u8()?;
            p.u16()?;
            p.salt()?;
        }
        T::NXT => dnssec::print_nxt(&mut p)?,
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
            let t = p.u16v()?;
            p.sep();
            match super::mnemonics::cert_type_mnemonic(t) {
                Some(m) => p.out.push_str(m),
                None => {
                    let _ = write!(p.out, "{t}");
                }
            }
            p.u16()?;
            p.u8()?;
            p.base64_rest(true)?;
        }
        T::IPSECKEY => services::print_ipseckey(&mut p)?,
        T::AMTRELAY => services::print_amtrelay(&mut p)?,
        T::HIP => services::print_hip(&mut p)?,
        T::SVCB | T::HTTPS => svcb::print_svcb(&mut p)?,
        T::SINK => {
            p.u8()?;
            p.u8()?;
            p.u8()?;
            p.base64_rest(false)?;
        }
        T::DOA => services::print_doa(&mut p)?,
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

#[cfg(test)]
mod tests {
    use super::super::{canonical, check_wire, for_each_name, write_presentation, Mx};
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
