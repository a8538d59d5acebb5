//! `soa-serial-date`

use super::{bump, date_of, serial_fix, serials, today};
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// With an earlier version of the zone whose serial is a date
    /// (`YYYYMMDDnn`, RFC 1912 §2.2), finds a new serial that is no real
    /// date, or one dated after today.
    ///
    /// ## Why is this bad?
    /// A date serial is a promise to the people who edit the zone: the
    /// next change takes today's date. A serial dated next month (a typo in
    /// the month) is larger than every serial until then, so every edit
    /// until that day must count on from it; a serial that is no date
    /// (`2024023100`, a counter written over a date) breaks the scheme for
    /// good. Servers accept both, so this is a warning.
    ///
    /// The rule stays quiet when the earlier serial is not a date (the
    /// zone counts), or is itself dated after today (the scheme was
    /// already broken; only a decrease could mend it).
    ///
    /// ## Example
    /// ```zone
    /// ; base: 2024061001, today 2024-06-12
    /// @  IN  SOA ns1 hostmaster 2024071200 7200 3600 1209600 300
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  SOA ns1 hostmaster 2024061200 7200 3600 1209600 300
    /// ```
    ///
    /// ## Fix
    /// Safe: the earlier serial bumped by its scheme, when that is not
    /// dated after today; only the serial's token is edited.
    ///
    /// ## References
    /// - RFC 1912 §2.2 (the `YYYYMMDDnn` convention), RFC 1982
    name: "soa-serial-date",
    severity: Warning,
    summary: "a date serial (`YYYYMMDDnn`) that is no date, or is dated in the future",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(s) = serials(cx) else { return };
    let today = today();
    let Some(old_date) = date_of(s.old) else { return };
    if s.new == s.old || old_date > today {
        return;
    }
    let (message, label) = match date_of(s.new) {
        None => (
            format!(
                "SOA serial {} is not a date (`YYYYMMDDnn`), as this zone's serials are",
                s.new
            ),
            "not a date",
        ),
        Some(d) if d > today => (
            format!(
                "SOA serial {} is dated {}, after today ({})",
                s.new,
                d,
                today
            ),
            "dated in the future",
        ),
        Some(_) => return,
    };
    let next = bump(s.old, today);
    let mut d = RULE
        .report(cx.zone.rdata_site(s.soa, 2), message)
        .with_label(label)
        .with_help(format!(
            "write today's date and a two-digit counter: {next} (RFC 1912 §2.2)"
        ));
    if date_of(next).is_some_and(|d| d <= today) {
        if let Some(fix) = serial_fix(cx, s, next) {
            d = d.with_fix(fix);
        }
    }
    out.push(d);
}
