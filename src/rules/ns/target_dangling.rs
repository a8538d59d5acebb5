//! `ns-target-dangling`

use super::analysis::{ns_issues, refused, target};
use crate::diagnostic::Diagnostic;
use crate::rules::target::Issue;
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::{NoAddress, Zone};

/// The NS target (token `at`), in `zone`, has no address, for `why`.
fn no_address(at: Site, name: &str, zone: &Zone, why: NoAddress) -> Diagnostic {
    let message = match why {
        NoAddress::NoSuchName => {
            format!("NS target `{name}` does not exist in the zone `{}`", zone.origin())
        }
        NoAddress::OtherTypesOnly(_) => format!("NS target `{name}` has no A or AAAA record"),
        NoAddress::EmptyNonTerminal => {
            format!("NS target `{name}` has no records of its own (only names below it do)")
        }
        NoAddress::WildcardWithoutAddress(w) => format!(
            "NS target `{name}` only matches the wildcard `{}`, which has no A or AAAA record",
            zone.names().name(w)
        ),
    };
    RULE.report(at, message)
        .with_label("no address")
        .with_help(format!(
            "add an A or AAAA record for `{name}`, or list a name server that has one"
        ))
}

declare_rule! {
    /// ## What it does
    /// Finds NS targets in a loaded zone (at or below its apex, not below a
    /// delegation: those are the glue rules') without an A or AAAA record.
    ///
    /// ## Why is this bad?
    /// Resolvers need the server's address to ask it anything; a name of
    /// the zone itself without one can only be resolved through the server
    /// it names.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  NS  ns1
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @    IN  NS  ns1
    /// ns1  IN  A   192.0.2.53
    /// ```
    ///
    /// ## Refused by servers
    /// For an apex NS naming a host of the zone itself: BIND, `NS '<name>'
    /// has no address records (A or AAAA)`, then "not loaded due to
    /// errors". A delegation's NS, or a host in another zone, is an error.
    ///
    /// ## References
    /// - RFC 1034 §4.2.1, RFC 1035 §3.3.11
    name: "ns-target-dangling",
    severity: Error,
    class: PartlyRefused,
    summary: "an NS target of the zone has no A or AAAA record",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for ns in ns_issues(cx) {
        let Issue::Dangling(holder, why) = ns.issue else {
            continue;
        };
        let name = target(zone, ns.id);
        let mut d = no_address(
            zone.rdata_site(ns.id, 0),
            &name.to_string(),
            cx.zone_by_id(holder),
            why,
        );
        if refused(zone, ns.id, name) {
            d = d.refused();
        }
        out.push(d);
    }
}
