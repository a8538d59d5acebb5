//! SOA serial rules: a zone compared with its earlier version (`check
//! --base REF`, the `zonelint-serial` pre-commit hook). Secondaries poll the
//! serial and transfer the zone only when it increased (RFC 1996, RFC 1982
//! serial arithmetic): a change without a bump never reaches them, and a
//! serial that went backwards stops transfers until it passes the old one.
//!
//! Without an earlier version (a plain `check`), these rules say nothing.

use std::cmp::Ordering;

use crate::rules::{Context, Shared};
use crate::zone::RecordId;

crate::rules::family! {
    not_increased,
    decreased,
    date,
}

/// `a` compared with `b` in RFC 1982 serial arithmetic (32 bits): `None`
/// when the comparison is undefined (they are 2^31 apart).
pub(crate) fn serial_cmp(a: u32, b: u32) -> Option<Ordering> {
    let d = b.wrapping_sub(a);
    match d {
        0 => Some(Ordering::Equal),
        0x8000_0000 => None,
        d if d < 0x8000_0000 => Some(Ordering::Less),
        _ => Some(Ordering::Greater),
    }
}

/// The days of `month` of `year`.
fn days_in(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// The date (`YYYYMMDD`) of a `YYYYMMDDnn` serial, when it is a real date
/// of 1970 to 2099.
pub(crate) fn date_of(serial: u32) -> Option<u32> {
    let date = serial / 100;
    let (y, m, d) = (date / 10_000, date / 100 % 100, date % 100);
    ((1970..=2099).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in(y, m))
        .then_some(date)
}

/// Today's date as `YYYYMMDD` (UTC), or `ZONELINT_TODAY` when set to
/// one (for tests and reproducible runs).
pub(crate) fn today() -> u32 {
    if let Some(t) = std::env::var("ZONELINT_TODAY")
        .ok()
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|&t| date_of(t * 100).is_some())
    {
        return t;
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = crate::dns::rdata::civil_from_days((secs / 86_400) as i64);
    (y * 10_000 + m * 100 + d) as u32
}

/// The next serial after `old` by its scheme: a `YYYYMMDDnn` serial becomes
/// today's date with `00`, or `nn + 1` when today's date is already there
/// (or later); a counter gains 1 (wrapping, as RFC 1982 allows).
pub(crate) fn bump(old: u32, today: u32) -> u32 {
    if date_of(old).is_some() {
        if let Some(first) = today.checked_mul(100) {
            if serial_cmp(old, first) == Some(Ordering::Less) {
                return first;
            }
        }
    }
    old.wrapping_add(1)
}

/// The serials of a zone and its earlier version.
pub(crate) struct Serials {
    /// The apex SOA of this version.
    pub soa: RecordId,
    pub old: u32,
    pub new: u32,
}

static SERIALS: Shared<Option<Serials>> = Shared::new(|cx| {
    let earlier = cx.earlier()?;
    let (_, old) = earlier.apex_soa()?;
    let (soa, new) = cx.zone.apex_soa()?;
    Some(Serials {
        soa,
        old: old.serial,
        new: new.serial,
    })
});

/// The serials, when this run has an earlier version of the zone and both
/// have an SOA at the apex.
pub(crate) fn serials<'c>(cx: &'c Context<'_>) -> Option<&'c Serials> {
    cx.shared(&SERIALS).as_ref()
}

/// Whether the zone serves other records than its earlier version, the SOA
/// serial aside (reformatting and comments change nothing).
pub(crate) fn records_changed(cx: &Context<'_>) -> bool {
    let Some(earlier) = cx.earlier() else {
        return false;
    };
    let apex = cx.zone.names().name(cx.zone.apex()).to_string();
    let changes = crate::diff::compare(Some(earlier), Some(cx.zone));
    // The apex SOA is compared below, its serial aside.
    if changes
        .iter()
        .any(|c| !(c.rtype == "SOA" && c.owner.eq_ignore_ascii_case(&apex)))
    {
        return true;
    }
    match (earlier.apex_soa(), cx.zone.apex_soa()) {
        (Some((a, old)), Some((b, new))) => {
            (
                old.mname,
                old.rname,
                old.refresh,
                old.retry,
                old.expire,
                old.minimum,
            ) != (
                new.mname,
                new.rname,
                new.refresh,
                new.retry,
                new.expire,
                new.minimum,
            ) || earlier.record(a).ttl != cx.zone.record(b).ttl
        }
        _ => !changes.is_empty(),
    }
}

/// The fix that writes `serial` in place of this version's serial token.
pub(crate) fn serial_fix(
    cx: &Context<'_>,
    s: &Serials,
    serial: u32,
) -> Option<crate::diagnostic::Fix> {
    (serial != s.new).then(|| {
        crate::diagnostic::Fix::safe(
            format!("set the serial to {serial}"),
            vec![crate::diagnostic::Edit::replace(
                cx.zone.rdata_site(s.soa, 2),
                serial.to_string(),
            )],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_arithmetic_wraps() {
        assert_eq!(serial_cmp(1, 2), Some(Ordering::Less));
        assert_eq!(serial_cmp(2, 1), Some(Ordering::Greater));
        assert_eq!(serial_cmp(u32::MAX, 0), Some(Ordering::Less));
        assert_eq!(serial_cmp(u32::MAX - 5, 3), Some(Ordering::Less));
        assert_eq!(serial_cmp(0, 0x8000_0000), None);
        assert_eq!(serial_cmp(0, 0x7fff_ffff), Some(Ordering::Less));
        assert_eq!(bump(u32::MAX, 20240101), 0);
    }

    #[test]
    fn date_serials() {
        assert_eq!(date_of(2024022900), Some(20240229));
        assert_eq!(date_of(2023022900), None);
        assert_eq!(date_of(2024013200), None);
        assert_eq!(date_of(42), None);
        // Across a month end: a new day starts at 00.
        assert_eq!(bump(2024013105, 20240201), 2024020100);
        assert_eq!(bump(2024020105, 20240201), 2024020106);
        assert_eq!(bump(2024020199, 20240201), 2024020200);
        // Dated ahead of today: counted on.
        assert_eq!(bump(2030010100, 20240201), 2030010101);
        assert_eq!(bump(7, 20240201), 8);
        let t = today();
        assert!(date_of(t * 100).is_some(), "{t}");
    }
}
