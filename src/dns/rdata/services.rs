//! Types that name services and keys: NAPTR, CAA, CERT, IPSECKEY,
//! AMTRELAY, HIP, DOA, DSYNC.

use std::fmt::Write as _;

use data_encoding::{BASE64, HEXUPPER};

use super::fields::{self, parse_uint};
use super::text::{err, show, Encoder};
use super::wire::{write_quoted, Printer};
use super::{Result, WireResult};
use crate::dns::RecordType;

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
pub(super) fn naptr_regexp(re: &[u8]) -> std::result::Result<(), &'static str> {
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

pub(super) fn gateway(e: &mut Encoder<'_, '_>, kind: u64) -> Result<()> {
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

pub(super) fn print_gateway(p: &mut Printer<'_, '_>, kind: u8) -> WireResult {
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

/// The presentation of CAA data.
pub(super) fn print_caa(p: &mut Printer<'_, '_>) -> WireResult {
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
    Ok(())
}

/// The presentation of IPSECKEY data.
pub(super) fn print_ipseckey(p: &mut Printer<'_, '_>) -> WireResult {
    p.u8()?;
    let gt = p.u8()?;
    p.u8()?;
    print_gateway(p, gt)?;
    p.base64_rest(false)?;
    Ok(())
}

/// The presentation of AMTRELAY data.
pub(super) fn print_amtrelay(p: &mut Printer<'_, '_>) -> WireResult {
    p.u8()?;
    let db = p.u8v()?;
    p.sep();
    let _ = write!(p.out, "{} {}", db >> 7, db & 0x7f);
    match db & 0x7f {
        0 => {
            p.sep();
            p.out.push('.');
        }
        t @ 1..=3 => print_gateway(p, t)?,
        _ => p.hex_rest(false)?,
    }
    Ok(())
}

/// The presentation of HIP data.
pub(super) fn print_hip(p: &mut Printer<'_, '_>) -> WireResult {
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
    Ok(())
}

/// The presentation of DOA data.
pub(super) fn print_doa(p: &mut Printer<'_, '_>) -> WireResult {
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
    Ok(())
}
