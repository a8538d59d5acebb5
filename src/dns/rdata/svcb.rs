//! SVCB and HTTPS (RFC 9460): text and wire, and the SvcParamKey names.

use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

use data_encoding::BASE64;

use super::fields::{self, parse_ipv4, parse_ipv6, parse_uint};
use super::text::{err, show, Encoder};
use super::wire::{write_quoted, Printer};
use super::{Field, RdataError, Result, WireResult};

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

/// Keys up to this one are RFC 9460's own (`mandatory` to `ipv6hint`):
/// every reader of presentation format knows their names. Later ones
/// (`dohpath`, `ohttp`, `tls-supported-groups`, ...) are printed as
/// `keyNNNNN` with their value as a quoted string, which BIND 9.18 and
/// every RFC 9460 reader take back (zonelint reads both spellings).
const LAST_RFC_9460_KEY: u16 = 6;

/// The presentation of a SvcParamKey: its name for RFC 9460's keys,
/// `keyNNNNN` for the others.
fn svc_key_shown(key: u16) -> String {
    if key <= LAST_RFC_9460_KEY {
        svc_key_name(key)
    } else {
        format!("key{key}")
    }
}

/// The name of a SvcParamKey (registered ones by name), as messages say it.
pub fn svc_key_name(key: u16) -> String {
    SVC_KEYS
        .iter()
        .find(|k| k.1 == key)
        .map_or_else(|| format!("key{key}"), |k| k.0.to_owned())
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
pub(super) fn need<'v>(key: u16, value: Option<&'v [u8]>, f: &Field<'_>) -> Result<&'v [u8]> {
    value.filter(|v| !v.is_empty()).ok_or_else(|| {
        err(
            f,
            format!("SVCB parameter `{}` needs a value", svc_key_name(key)),
        )
    })
}

pub(super) fn svc_param_value(key: u16, value: Option<&[u8]>, f: &Field<'_>) -> Result<Vec<u8>> {
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

pub(super) fn print_svcb(p: &mut Printer<'_, '_>) -> WireResult {
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
        p.out.push_str(&svc_key_shown(key));
        match key {
            0 => {
                let keys: Vec<String> = value
                    .chunks(2)
                    .map(|k| svc_key_shown(u16::from_be_bytes([k[0], *k.get(1).unwrap_or(&0)])))
                    .collect();
                let _ = write!(p.out, "={}", keys.join(","));
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
            2 => {}
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
