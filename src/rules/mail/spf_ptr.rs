//! `spf-ptr`

use super::analysis::{mentions, report_in, spf_records_where};
use super::spf::Mechanism;
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Finds the `ptr` mechanism in an SPF record.
    ///
    /// ## Why is this bad?
    /// RFC 7208 §5.5: "This mechanism SHOULD NOT be published." It is slow
    /// (a reverse lookup, then a forward lookup of every name found),
    /// unreliable (reverse zones are often missing or wrong), and it puts
    /// load on the reverse DNS of every sender. Several large receivers
    /// ignore it, so mail it alone authorises fails SPF.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  TXT  "v=spf1 ptr -all"
    /// ```
    ///
    /// Use instead (the sending hosts' addresses):
    /// ```zone
    /// @  IN  TXT  "v=spf1 ip4:192.0.2.0/24 -all"
    /// ```
    ///
    /// ## References
    /// - RFC 7208 §5.5
    name: "spf-ptr",
    severity: Warning,
    summary: "SPF record uses the `ptr` mechanism (RFC 7208: SHOULD NOT)",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for record in spf_records_where(cx, |t| mentions(t, b"ptr")) {
        for term in &record.spf.terms {
            if term.mechanism() != Some(Mechanism::Ptr) {
                continue;
            }
            let (d, _) = report_in(
                &RULE,
                cx.zone,
                record.id,
                &record.text,
                term.range.clone(),
                "SPF record uses the `ptr` mechanism".to_string(),
            );
            out.push(
                d.with_label("slow, unreliable, ignored by some receivers")
                    .with_help("list the sending hosts with `ip4:`, `ip6:`, `a` or `mx` instead (RFC 7208 §5.5: SHOULD NOT be published)"),
            );
        }
    }
}
