//! `ns-missing-trailing-dot`

use super::analysis::{ns_issues, refused, target};
use crate::diagnostic::Diagnostic;
use crate::rules::target::{editable, missing_dot_finding, Issue, Written};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Finds NS targets written without a final dot that are surely (or
    /// very likely) meant as absolute names: the name already ends with the
    /// zone's origin, or it has two labels or more, ends with a top-level
    /// domain and expands to a name with no records.
    ///
    /// ## Why is this bad?
    /// A relative name gets the origin appended (RFC 1035 §5.1): `@ NS
    /// ns1.provider.net` under `example.com.` names
    /// `ns1.provider.net.example.com.`, which does not exist, so resolvers
    /// cannot reach the zone through it.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN example.com.
    /// @  IN  NS  ns1.provider.net
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// $ORIGIN example.com.
    /// @  IN  NS  ns1.provider.net.
    /// ```
    ///
    /// ## Fix
    /// Append the dot: safe when the name already ends with the origin,
    /// unsafe when it only ends with a top-level domain. None for a record
    /// made by `$GENERATE`.
    ///
    /// ## Refused by servers
    /// At the apex, when the name it expands to is in the zone and has no
    /// address (it always has none when it repeats the origin): BIND, `NS
    /// '<name>.<zone>' has no address records (A or AAAA)`, then "not
    /// loaded due to errors".
    ///
    /// ## References
    /// - RFC 1035 §5.1, §3.3.11
    name: "ns-missing-trailing-dot",
    severity: Error,
    class: PartlyRefused,
    summary: "an NS target is missing its trailing dot and expands to the wrong name",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for ns in ns_issues(cx) {
        let Issue::MissingTrailingDot { repeats_origin } = ns.issue else {
            continue;
        };
        let Written::Relative { origin, .. } = ns.written else {
            continue;
        };
        let name = target(zone, ns.id);
        let mut d = missing_dot_finding(
            zone,
            &RULE,
            zone.rdata_site(ns.id, 0),
            "NS target",
            "the name server",
            &ns.written.text(name),
            &name.to_string(),
            &zone.names().name(origin).to_string(),
            repeats_origin,
            editable(zone.record(ns.id)),
        );
        if refused(zone, ns.id, name) {
            d = d.refused();
        }
        out.push(d);
    }
}
