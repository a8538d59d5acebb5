//! `mx-preference-range`

use super::analysis::mx_records;
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};
use crate::source::Site;

/// The preference, written `written`, is not 0 to 65535: a number out of
/// that range, or not a decimal number at all (`0x10`, `ten`, `1.5`).
fn out_of_range(at: Site, written: &str) -> Diagnostic {
    let digits = written.strip_prefix('-').unwrap_or(written);
    let number = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    let (message, label) = if number {
        (
            format!("MX preference `{written}` is out of range"),
            "not 0 to 65535",
        )
    } else {
        (
            format!("MX preference `{written}` is not a decimal number"),
            "not a decimal number",
        )
    };
    RULE.report(at, message).with_label(label).with_help(
        "use a whole number from 0 to 65535, in decimal (RFC 1035 §3.3.9); lower values are tried first",
    )
}

declare_rule! {
    /// ## What it does
    /// Finds MX preferences that are not a decimal integer from 0 to 65535:
    /// `65536`, `-5`, `ten`, `1.5`.
    ///
    /// ## Why is this bad?
    /// The preference is a 16-bit unsigned integer (RFC 1035 §3.3.9). BIND
    /// refuses the zone; some other servers and tools silently wrap 65536
    /// to 0, turning the least preferred server into the most preferred.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  MX  65536 backup.example.com.
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  MX  65535 backup.example.com.
    /// ```
    ///
    /// ## Refused by servers
    /// BIND refuses the zone: `dns_rdata_fromtext: <file>:<line>: near
    /// '65536': out of range`, then "not loaded due to errors".
    ///
    /// ## References
    /// - RFC 1035 §3.3.9 (MX RDATA format)
    name: "mx-preference-range",
    severity: Error,
    class: Refused,
    summary: "MX preference is not a number from 0 to 65535",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for mx in mx_records(zone).filter(|mx| mx.preference.is_none()) {
        let at = mx.preference_site(zone);
        let text = zone.file_of(zone.record(mx.id)).text();
        let written = String::from_utf8_lossy(at.span.slice(text));
        out.push(out_of_range(at, &written));
    }
}
