//! LOC (RFC 1876): text and wire.

use std::fmt::Write as _;

use super::text::{err, show, Encoder};
use super::wire::Printer;
use super::{Field, Result, WireResult};

/// A decimal with at most `frac` fractional digits, scaled by 10^frac.
/// Accepts an optional leading `-` when `signed`.
pub(super) fn scaled_decimal(text: &[u8], frac: u32, signed: bool) -> Option<i64> {
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
pub(super) fn loc_precision(f: &Field<'_>, what: &str) -> Result<u8> {
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
pub(super) fn loc_coordinate(
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

pub(super) fn print_loc(p: &mut Printer<'_, '_>) -> WireResult {
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
    // As BIND writes them: `0.00m`, `1m`, `10000m`, `0.50m`.
    let meters = |cm: i64| {
        if cm != 0 && cm % 100 == 0 {
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
