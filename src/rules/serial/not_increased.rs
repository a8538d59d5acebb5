//! `soa-serial-not-increased`

use std::cmp::Ordering;

use super::{bump, records_changed, serial_cmp, serial_fix, serials, today};
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// With an earlier version of the zone (`check --base REF`, the
    /// `zonelint-serial` pre-commit hook), finds a change to the zone's
    /// records that leaves the SOA serial where it was.
    ///
    /// ## Why is this bad?
    /// Secondary servers poll the primary's serial and transfer the zone
    /// only when it increased (RFC 1996 §3, RFC 1034 §4.3.5): the change is
    /// served by the primary alone, and the secondaries answer with the
    /// old records until some later change bumps the serial.
    ///
    /// Only the records count: reformatting, comments and `$ORIGIN`
    /// rewrites ask for no bump. A serial 2^31 away from the old one is
    /// neither greater nor smaller (RFC 1982 §3.2) and is reported too.
    ///
    /// ## Example
    /// ```zone
    /// ; base: @ SOA ns1 hostmaster 2024061001 ...   www A 192.0.2.80
    /// @    IN  SOA ns1 hostmaster 2024061001 7200 3600 1209600 300
    /// www  IN  A   192.0.2.81
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @    IN  SOA ns1 hostmaster 2024061002 7200 3600 1209600 300
    /// www  IN  A   192.0.2.81
    /// ```
    ///
    /// ## Fix
    /// Safe: the serial is bumped by its scheme (a `YYYYMMDDnn` serial to
    /// today's date and `00`, or `nn + 1` when today's date is already
    /// there; a counter by 1); only the serial's token is edited.
    ///
    /// ## References
    /// - RFC 1982 (serial number arithmetic), RFC 1996 §3, RFC 1034 §4.3.5
    name: "soa-serial-not-increased",
    severity: Error,
    summary: "the records changed but the SOA serial did not increase",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(s) = serials(cx) else { return };
    let cmp = serial_cmp(s.old, s.new);
    if cmp != Some(Ordering::Equal) && cmp.is_some() {
        return;
    }
    if !records_changed(cx) {
        return;
    }
    let message = match cmp {
        None => format!(
            "the records changed and the SOA serial went from {} to {}, 2^31 away: neither greater nor smaller (RFC 1982)",
            s.old, s.new
        ),
        _ => format!(
            "the records changed but the SOA serial is still {}, as in the earlier version",
            s.new
        ),
    };
    let next = bump(s.old, today());
    let mut d = RULE
        .report(cx.zone.rdata_site(s.soa, 2), message)
        .with_label("not increased")
        .with_help(format!(
            "increase the serial (to {next}): secondaries transfer the zone only when it grows (RFC 1996 §3)"
        ));
    if let Some(fix) = serial_fix(cx, s, next) {
        d = d.with_fix(fix);
    }
    out.push(d);
}
