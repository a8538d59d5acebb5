//! `srv-missing-trailing-dot`

use super::analysis::{srv_issues, target};
use crate::diagnostic::Diagnostic;
use crate::rules::target::{editable, missing_dot_finding, Issue, Written};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Finds SRV targets written without a final dot that are surely (or
    /// very likely) meant as absolute names: the name already ends with the
    /// zone's origin, or it has two labels or more, ends with a top-level
    /// domain and expands to a name with no records.
    ///
    /// ## Why is this bad?
    /// A relative name gets the origin appended (RFC 1035 §5.1):
    /// `sip.provider.net` under `example.com.` names
    /// `sip.provider.net.example.com.`, which does not exist, so clients
    /// never reach the service.
    ///
    /// ## Example
    /// ```zone
    /// _sip._tcp  IN  SRV  0 5 5060 sip.provider.net
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// _sip._tcp  IN  SRV  0 5 5060 sip.provider.net.
    /// ```
    ///
    /// ## Fix
    /// Append the dot: safe when the name already ends with the origin,
    /// unsafe when it only ends with a top-level domain. None for a record
    /// made by `$GENERATE`.
    ///
    /// ## References
    /// - RFC 1035 §5.1, RFC 2782
    name: "srv-missing-trailing-dot",
    severity: Error,
    summary: "an SRV target is missing its trailing dot and expands to the wrong name",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for srv in srv_issues(cx) {
        let Issue::MissingTrailingDot { repeats_origin } = srv.issue else {
            continue;
        };
        let Written::Relative { origin, .. } = srv.written else {
            continue;
        };
        let name = target(zone, srv.id);
        out.push(missing_dot_finding(
            zone,
            &RULE,
            zone.rdata_site(srv.id, 3),
            "SRV target",
            "the server",
            &srv.written.text(name),
            &name.to_string(),
            &zone.names().name(origin).to_string(),
            repeats_origin,
            editable(zone.record(srv.id)),
        ));
    }
}
