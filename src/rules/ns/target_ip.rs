//! `ns-target-ip`

use std::net::IpAddr;

use super::analysis::{ns_issues, refused, target};
use crate::diagnostic::Diagnostic;
use crate::rules::target::Issue;
use crate::rules::{declare_rule, Context};
use crate::source::Site;

/// The NS target (token `at`) is the address `ip`.
fn address(at: Site, ip: IpAddr) -> Diagnostic {
    RULE.report(
        at,
        format!("NS target `{ip}` is an IP address, not a host name"),
    )
    .with_label("an address, not a name")
    .with_help(
        "name the server: give it an A or AAAA record under a name and list that name \
         (RFC 1035 §3.3.11)",
    )
}

declare_rule! {
    /// ## What it does
    /// Finds NS records whose target is written as an IPv4 or IPv6
    /// address.
    ///
    /// ## Why is this bad?
    /// An NS record names a host (RFC 1035 §3.3.11); an address written
    /// there is read as a name (`192.0.2.1.example.com.` when written
    /// relative), which has no address, so the server it means is never
    /// asked.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  NS  192.0.2.53
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @    IN  NS  ns1
    /// ns1  IN  A   192.0.2.53
    /// ```
    ///
    /// ## Refused by servers
    /// At the apex, written relative: BIND, `NS record '192.0.2.53' appears
    /// to be an address`, then `NS '192.0.2.53.<zone>' has no address
    /// records (A or AAAA)` and "not loaded due to errors". Elsewhere the
    /// finding is an error, not refused.
    ///
    /// ## References
    /// - RFC 1035 §3.3.11, RFC 1034 §4.2.1
    name: "ns-target-ip",
    severity: Error,
    class: PartlyRefused,
    summary: "an NS target is an IP address instead of a host name",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for ns in ns_issues(cx) {
        let Issue::Ip(ip) = ns.issue else { continue };
        let mut d = address(zone.rdata_site(ns.id, 0), ip);
        if refused(zone, ns.id, target(zone, ns.id)) {
            d = d.refused();
        }
        out.push(d);
    }
}
