//! DNSSEC types with a grammar of their own: RRSIG and SIG (signature
//! times), NSEC3 and NSEC3PARAM (salt, next hashed owner), NXT.

use std::fmt::Write as _;

use data_encoding::BASE32HEX_NOPAD;

use super::fields::{self, parse_uint};
use super::text::{err, show, Encoder};
use super::wire::Printer;
use super::{Result, WireResult};
use crate::dns::RecordType;

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub(super) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// RRSIG time (RFC 4034 §3.2): `YYYYMMDDHHmmSS` or seconds since the epoch.
pub(super) fn signature_time(e: &mut Encoder<'_, '_>, what: &str) -> Result<()> {
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

/// The presentation of NSEC3 data.
pub(super) fn print_nsec3(p: &mut Printer<'_, '_>) -> WireResult {
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
    Ok(())
}

/// The presentation of NXT data.
pub(super) fn print_nxt(p: &mut Printer<'_, '_>) -> WireResult {
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
    Ok(())
}
