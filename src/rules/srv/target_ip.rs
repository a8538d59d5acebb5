//! `srv-target-ip`

use std::net::IpAddr;

use super::analysis::srv_issues;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::target::{address_owner, editable, spell, Issue};
use crate::rules::{declare_rule, Context};
use crate::source::Site;

/// The SRV target (token `at`) is the address `ip`; `named`: the one
/// name of the zone holding it (its address token, name, spelling).
fn address(at: Site, ip: IpAddr, named: Option<(Site, String, String)>) -> Diagnostic {
    let d = RULE
        .report(at, format!("SRV target `{ip}` is an IP address, not a host name"))
        .with_label("an address, not a name");
    let Some((holder, name, spelled)) = named else {
        return d.with_help(
            "give the server a name with an A or AAAA record and use that name (RFC 2782)",
        );
    };
    d.with_help(format!(
        "use `{name}`, the name that owns this address"
    ))
    .with_secondary(holder, format!("`{name}` has this address"))
    .with_fix(Fix::unsafe_(
        format!("replace the address with `{spelled}`"),
        vec![Edit::replace(at, spelled)],
    ))
}

declare_rule! {
    /// ## What it does
    /// Finds SRV records whose target is written as an IPv4 or IPv6
    /// address.
    ///
    /// ## Why is this bad?
    /// The target of an SRV record is a domain name with address records
    /// (RFC 2782); an address written there is read as a name that does not
    /// exist, so clients never find the service.
    ///
    /// ## Example
    /// ```zone
    /// _sip._tcp  IN  SRV  0 5 5060 192.0.2.10
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// _sip._tcp  IN  SRV  0 5 5060 sip
    /// sip        IN  A    192.0.2.10
    /// ```
    ///
    /// ## Fix
    /// Unsafe: when exactly one name of the zone owns that address, use
    /// it; a person should confirm it is the server.
    ///
    /// ## References
    /// - RFC 2782 (the Target field)
    name: "srv-target-ip",
    severity: Error,
    summary: "an SRV target is an IP address instead of a host name",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for srv in srv_issues(cx) {
        let Issue::Ip(ip) = srv.issue else { continue };
        let named = address_owner(zone, ip).map(|(holder, name)| {
            let spelled = spell(zone, name.as_ref(), srv.written);
            (zone.rdata_site(holder, 0), name.to_string(), spelled)
        });
        let mut d = address(zone.rdata_site(srv.id, 3), ip, named);
        if !editable(zone.record(srv.id)) {
            d.fix = None;
        }
        out.push(d);
    }
}
