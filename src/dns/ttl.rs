//! TTL values: plain seconds or BIND's unit form (`1h30m`, `2w`),
//! case-insensitive (RFC 2308 §4 for `$TTL`; units as BIND accepts them).

use std::fmt;

use nom::bytes::complete::take_while1;
use nom::character::complete::one_of;
use nom::combinator::{all_consuming, map_res};
use nom::multi::fold_many1;
use nom::sequence::pair;
use nom::{IResult, Parser};

/// Why a TTL token is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TtlError {
    /// Not a number or number-with-unit sequence.
    Syntax,
    /// A unit other than `w d h m s`.
    BadUnit(u8),
    /// Larger than 4294967295 seconds.
    Overflow,
}

impl fmt::Display for TtlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TtlError::Syntax => {
                f.write_str("expected seconds or a duration such as `1h30m` (units w, d, h, m, s)")
            }
            TtlError::BadUnit(u) => write!(
                f,
                "unknown time unit `{}` (use w, d, h, m or s)",
                char::from(*u).escape_default()
            ),
            TtlError::Overflow => f.write_str("larger than 4294967295 seconds"),
        }
    }
}

fn digits(input: &[u8]) -> IResult<&[u8], u64> {
    map_res(take_while1(|b: u8| b.is_ascii_digit()), |d: &[u8]| {
        // At most 20 digits fit u64; anything longer overflows a TTL anyway.
        if d.len() > 19 {
            return Err(());
        }
        Ok(d.iter()
            .fold(0u64, |acc, &b| acc * 10 + u64::from(b - b'0')))
    })
    .parse(input)
}

fn unit_seconds(unit: char) -> u64 {
    match unit.to_ascii_lowercase() {
        'w' => 7 * 24 * 3600,
        'd' => 24 * 3600,
        'h' => 3600,
        'm' => 60,
        _ => 1,
    }
}

/// One `<number><unit>` component, in seconds (saturating, checked later).
fn component(input: &[u8]) -> IResult<&[u8], u64> {
    pair(digits, one_of("wWdDhHmMsS"))
        .map(|(n, unit)| n.saturating_mul(unit_seconds(unit)))
        .parse(input)
}

/// Parses a TTL: decimal seconds, or one or more `<number><unit>`.
pub fn parse_ttl(text: &[u8]) -> Result<u32, TtlError> {
    if text.is_empty() {
        return Err(TtlError::Syntax);
    }
    if text.iter().all(u8::is_ascii_digit) {
        let (_, n) = digits(text).map_err(|_| TtlError::Overflow)?;
        return u32::try_from(n).map_err(|_| TtlError::Overflow);
    }
    let units = fold_many1(component, || 0u64, |acc, secs| acc.saturating_add(secs));
    match all_consuming(units).parse(text) {
        Ok((_, total)) => u32::try_from(total).map_err(|_| TtlError::Overflow),
        Err(_) => Err(diagnose(text)),
    }
}

/// Names the first offending byte of an invalid unit-form TTL.
fn diagnose(text: &[u8]) -> TtlError {
    let mut rest = text;
    while let Ok((after, _)) = component(rest) {
        rest = after;
    }
    let after_digits = rest
        .iter()
        .position(|b| !b.is_ascii_digit())
        .map(|p| &rest[p..]);
    match after_digits {
        Some([unit, ..]) if rest[0].is_ascii_digit() && unit.is_ascii_alphabetic() => {
            TtlError::BadUnit(*unit)
        }
        _ => TtlError::Syntax,
    }
}

/// True when the token looks like a TTL (starts with a digit): used to tell
/// a mistyped TTL from a type mnemonic when reporting errors.
pub fn looks_like_ttl(text: &[u8]) -> bool {
    text.first().is_some_and(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_unit_forms() {
        let cases: &[(&str, Result<u32, TtlError>)] = &[
            ("0", Ok(0)),
            ("3600", Ok(3600)),
            ("4294967295", Ok(u32::MAX)),
            ("4294967296", Err(TtlError::Overflow)),
            ("99999999999999999999999", Err(TtlError::Overflow)),
            ("1S", Ok(1)),
            ("1m", Ok(60)),
            ("1H", Ok(3600)),
            ("1d", Ok(86400)),
            ("2w", Ok(1_209_600)),
            ("1h30m", Ok(5400)),
            ("1w1d1h1m1s", Ok(694_861)),
            ("1s1m1m", Ok(121)),
            ("100000000W", Err(TtlError::Overflow)),
            ("4294967295s1w", Err(TtlError::Overflow)),
            ("1x", Err(TtlError::BadUnit(b'x'))),
            ("1h30", Err(TtlError::Syntax)),
            ("-1", Err(TtlError::Syntax)),
            ("h", Err(TtlError::Syntax)),
            ("", Err(TtlError::Syntax)),
        ];
        for (text, want) in cases {
            assert_eq!(parse_ttl(text.as_bytes()), *want, "{text}");
        }
    }
}
