//! `mx-target-ip`

use std::net::IpAddr;

use super::analysis::mx_issues;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::target::{address_owner, editable, spell, Issue};
use crate::rules::{declare_rule, Context};
use crate::source::Site;

/// The exchange `ip`, and the one name of the zone holding that address,
/// if there is exactly one: `(its address token, its name, the name
/// spelled as the exchange was)`.
fn address_target(at: Site, ip: IpAddr, named: Option<(Site, String, String)>) -> Diagnostic {
    let d = RULE
        .report(
            at,
            format!("MX exchange `{ip}` is an IP address, not a host name"),
        )
        .with_label("an address, not a name");
    let Some((holder, name, spelled)) = named else {
        return d.with_help(
            "give the mail server a name with an A or AAAA record and point the MX at that name (RFC 5321 §5.1)",
        );
    };
    d.with_help(format!(
        "point the MX at `{name}`, the name that owns this address"
    ))
    .with_secondary(holder, format!("`{name}` has this address"))
    .with_fix(Fix::unsafe_(
        format!("replace the address with `{spelled}`"),
        vec![Edit::replace(at, spelled)],
    ))
}

declare_rule! {
    /// ## What it does
    /// Finds MX records whose exchange is written as an IPv4 or IPv6
    /// address, with or without a final dot.
    ///
    /// ## Why is this bad?
    /// The exchange of an MX record is a domain name (RFC 1035 §3.3.9).
    /// `10 192.0.2.25` is read as the name `192.0.2.25.example.com.` (or
    /// `192.0.2.25.` with a dot), which has no address: senders that follow
    /// RFC 5321 §5.1 find no mail server and bounce or queue the mail.
    ///
    /// ## Example
    /// ```zone
    /// @     IN  MX  10 192.0.2.25.
    /// mail  IN  A   192.0.2.25
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @     IN  MX  10 mail.example.com.
    /// mail  IN  A   192.0.2.25
    /// ```
    ///
    /// ## Fix
    /// Unsafe: when exactly one name in the zone owns that address, replace
    /// the exchange with it. A person should confirm that this host is the
    /// mail server; with no or several candidates the help only explains.
    ///
    /// ## References
    /// - RFC 1035 §3.3.9 (MX RDATA), RFC 5321 §5.1 (locating the target
    ///   host), RFC 7505 §1
    name: "mx-target-ip",
    severity: Error,
    summary: "MX exchange is an IP address instead of a host name",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for mx in mx_issues(cx) {
        let Issue::Ip(ip) = mx.issue else {
            continue;
        };
        let at = zone.rdata_site(mx.id, 1);
        let named = address_owner(zone, ip).map(|(holder, name)| {
            let spelled = spell(zone, name.as_ref(), mx.written);
            (zone.rdata_site(holder, 0), name.to_string(), spelled)
        });
        let mut d = address_target(at, ip, named);
        if !editable(zone.record(mx.id)) {
            d.fix = None;
        }
        out.push(d);
    }
}
