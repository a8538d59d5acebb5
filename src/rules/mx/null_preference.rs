//! `mx-null-preference`

use super::analysis::mx_records;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::target::editable;
use crate::rules::{declare_rule, Context};
use crate::source::Site;

/// The null MX's preference token says `preference`.
fn not_zero(at: Site, preference: u16) -> Diagnostic {
    RULE.report(
        at,
        format!("null MX has preference `{preference}`; RFC 7505 requires 0"),
    )
    .with_label("should be 0")
    .with_help("set the preference of the null MX to 0")
    .with_fix(Fix::safe(
        "set the preference to 0",
        vec![Edit::replace(at, "0")],
    ))
}

declare_rule! {
    /// ## What it does
    /// Finds a null MX (exchange `.`) whose preference is not 0.
    ///
    /// ## Why is this bad?
    /// RFC 7505 §3 defines the null MX as preference 0 with exchange `.`.
    /// Other values are not a null MX by the letter of the RFC, and some
    /// checkers and senders only recognize the exact form.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  MX  10 .
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  MX  0 .
    /// ```
    ///
    /// ## Fix
    /// Safe: the preference is set to 0. A null MX is the only MX at its
    /// name, so its preference orders nothing and changing it changes no
    /// delivery decision. No fix for a record made by `$GENERATE`: its
    /// template stands for every record of the range.
    ///
    /// ## References
    /// - RFC 7505 §3
    name: "mx-null-preference",
    severity: Warning,
    summary: "null MX has a preference other than 0",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for mx in mx_records(zone).filter(|mx| mx.is_null(zone)) {
        let Some(preference) = mx.preference.filter(|&p| p != 0) else {
            continue;
        };
        let mut d = not_zero(mx.preference_site(zone), preference);
        if !editable(zone.record(mx.id)) {
            d.fix = None;
        }
        out.push(d);
    }
}
