//! `srv-target-dangling`

use super::analysis::{srv_issues, target};
use crate::diagnostic::Diagnostic;
use crate::rules::target::Issue;
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::{NoAddress, Zone};

/// The SRV target (token `at`), in `zone`, has no address, for `why`.
fn no_address(at: Site, name: &str, zone: &Zone, why: NoAddress) -> Diagnostic {
    let message = match why {
        NoAddress::NoSuchName => {
            format!("SRV target `{name}` does not exist in the zone `{}`", zone.origin())
        }
        NoAddress::OtherTypesOnly(_) => format!("SRV target `{name}` has no A or AAAA record"),
        NoAddress::EmptyNonTerminal => {
            format!("SRV target `{name}` has no records of its own (only names below it do)")
        }
        NoAddress::WildcardWithoutAddress(w) => format!(
            "SRV target `{name}` only matches the wildcard `{}`, which has no A or AAAA record",
            zone.names().name(w)
        ),
    };
    RULE.report(at, message)
        .with_label("no address")
        .with_help(format!(
            "add an A or AAAA record for `{name}`, or use `.` if the service is not offered \
             here (RFC 2782)"
        ))
}

declare_rule! {
    /// ## What it does
    /// Finds SRV targets in a loaded zone (not below a delegation) without
    /// an A or AAAA record. A target of `.` means the service is not
    /// offered and is fine.
    ///
    /// ## Why is this bad?
    /// Clients look up the target's address to connect (RFC 2782); without
    /// one the service cannot be reached, and clients that try the next
    /// record waste a lookup on every connection.
    ///
    /// ## Example
    /// ```zone
    /// _sip._tcp  IN  SRV  0 5 5060 sip
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// _sip._tcp  IN  SRV  0 5 5060 sip
    /// sip        IN  A    192.0.2.10
    /// ```
    ///
    /// ## References
    /// - RFC 2782
    name: "srv-target-dangling",
    severity: Error,
    summary: "an SRV target of the zone has no A or AAAA record",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for srv in srv_issues(cx) {
        let Issue::Dangling(holder, why) = srv.issue else {
            continue;
        };
        out.push(no_address(
            zone.rdata_site(srv.id, 3),
            &target(zone, srv.id).to_string(),
            cx.zone_by_id(holder),
            why,
        ));
    }
}
