//! `soa-serial-decreased`

use std::cmp::Ordering;

use super::{bump, serial_cmp, serial_fix, serials, today};
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// With an earlier version of the zone (`check --base REF`, the
    /// `zonelint-serial` pre-commit hook), finds an SOA serial smaller than
    /// the earlier one in RFC 1982 serial arithmetic.
    ///
    /// ## Why is this bad?
    /// Secondaries that hold the earlier serial see no newer zone: they
    /// keep serving the old records, and keep doing so until the serial
    /// passes the old value again, which for a date serial set back by a
    /// year means a year of stale answers (RFC 1982 §7 describes the only
    /// way back: two steps of less than 2^31).
    ///
    /// ## Example
    /// ```zone
    /// ; base: 2024061001
    /// @  IN  SOA ns1 hostmaster 2023061001 7200 3600 1209600 300
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  SOA ns1 hostmaster 2024061002 7200 3600 1209600 300
    /// ```
    ///
    /// ## Fix
    /// Safe: the serial becomes the earlier one bumped by its scheme (see
    /// `soa-serial-not-increased`); only the serial's token is edited.
    ///
    /// ## References
    /// - RFC 1982 §3.2, §7; RFC 1996 §3
    name: "soa-serial-decreased",
    severity: Error,
    summary: "the SOA serial is smaller than the earlier version's",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(s) = serials(cx) else { return };
    if serial_cmp(s.old, s.new) != Some(Ordering::Greater) {
        return;
    }
    let next = bump(s.old, today());
    let mut d = RULE
        .report(
            cx.zone.rdata_site(s.soa, 2),
            format!(
                "the SOA serial went back from {} to {}: secondaries holding {} never transfer this version",
                s.old, s.new, s.old
            ),
        )
        .with_label("smaller than the earlier serial")
        .with_help(format!(
            "set a serial greater than {} (such as {next}) (RFC 1982)",
            s.old
        ));
    if let Some(fix) = serial_fix(cx, s, next) {
        d = d.with_fix(fix);
    }
    out.push(d);
}
