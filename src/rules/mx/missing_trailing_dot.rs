//! `mx-missing-trailing-dot`

use super::analysis::mx_issues;
use crate::diagnostic::Diagnostic;
use crate::rules::target::{editable, missing_dot_finding, target_at, Issue, Written};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Finds MX exchanges written without a final dot that are surely (or
    /// very likely) meant as absolute names: the name already ends with the
    /// zone's origin, or it ends with a top-level domain and the name it
    /// expands to does not exist in the zone.
    ///
    /// ## Why is this bad?
    /// A name without a final dot is relative: the origin is appended
    /// (RFC 1035 §5.1). Under `example.com.`, `mail.example.com` means
    /// `mail.example.com.example.com.`, which has no address, so mail for
    /// the domain cannot be delivered. This is the most common way a zone
    /// edit silently stops a domain's mail.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN example.com.
    /// @  IN  MX  10 mail.example.com
    /// @  IN  MX  20 mx.provider.net
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// $ORIGIN example.com.
    /// @  IN  MX  10 mail.example.com.
    /// @  IN  MX  20 mx.provider.net.
    /// ```
    ///
    /// ## Fix
    /// Append the dot. Safe when the name already ends with the origin
    /// (nobody means `mail.example.com.example.com.`); unsafe when it only
    /// ends with a top-level domain, since `mx.provider.net.example.com.`
    /// could in theory be intended. No fix for a record made by
    /// `$GENERATE`: its template stands for every record of the range.
    ///
    /// ## Known limits
    /// The top-level domain list is IANA's of 2023-05-30. A relative name
    /// that expands to a name owning records in the zone is left alone, and
    /// so is a single label (`mx`, `host`): that is how in-zone hosts are
    /// named, even when the label is also a top-level domain; if it has no
    /// address, `mx-target-dangling` reports it.
    ///
    /// ## References
    /// - RFC 1035 §5.1 (relative and absolute names), RFC 5321 §5.1
    name: "mx-missing-trailing-dot",
    severity: Error,
    summary: "MX exchange is missing its trailing dot and expands to the wrong name",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for mx in mx_issues(cx) {
        let Issue::MissingTrailingDot { repeats_origin } = mx.issue else {
            continue;
        };
        let Written::Relative { origin, .. } = mx.written else {
            continue;
        };
        let exchange = target_at(zone, mx.id, 2).expect("classified");
        out.push(missing_dot_finding(
            zone,
            &RULE,
            zone.rdata_site(mx.id, 1),
            "MX exchange",
            "the mail server",
            &mx.written.text(exchange),
            &exchange.to_string(),
            &zone.names().name(origin).to_string(),
            repeats_origin,
            editable(zone.record(mx.id)),
        ));
    }
}
