//! `mx-target-dangling`

use super::analysis::mx_issues;
use crate::diagnostic::Diagnostic;
use crate::rules::target::{target_at, Issue};
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::{NoAddress, Zone};

/// The exchange, in `zone`, has no address, for the reason `why`.
fn no_address(at: Site, exchange: &str, zone: &Zone, why: NoAddress) -> Diagnostic {
    let message = match why {
        NoAddress::NoSuchName => format!(
            "MX exchange `{exchange}` does not exist in the zone `{}`",
            zone.origin()
        ),
        NoAddress::OtherTypesOnly(_) => {
            format!("MX exchange `{exchange}` has no A or AAAA record")
        }
        NoAddress::EmptyNonTerminal => {
            format!("MX exchange `{exchange}` has no records of its own (only names below it do)")
        }
        NoAddress::WildcardWithoutAddress(w) => format!(
            "MX exchange `{exchange}` only matches the wildcard `{}`, which has no A or AAAA record",
            zone.names().name(w)
        ),
    };
    RULE.report(at, message)
        .with_label("no address")
        .with_help(format!(
            "add an A or AAAA record for `{exchange}`, or point the MX at a host that has one"
        ))
}

declare_rule! {
    /// ## What it does
    /// Finds MX exchanges inside the zone (at or below its origin, not at
    /// or below a delegation) that have no A or AAAA record: the name does
    /// not exist and no wildcard covers it (RFC 4592), it exists with other
    /// types only, or it is an empty non-terminal.
    ///
    /// ## Why is this bad?
    /// A sender looks up the exchange's addresses (RFC 5321 §5.1); with none
    /// it cannot deliver. Usually the host was renamed or removed and the
    /// MX was forgotten, or the address record has a typo.
    ///
    /// ## Example
    /// ```zone
    /// @     IN  MX  10 mail.example.com.
    /// mial  IN  A   192.0.2.25
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @     IN  MX  10 mail.example.com.
    /// mail  IN  A   192.0.2.25
    /// ```
    ///
    /// ## Known limits
    /// Names outside the loaded zones are never judged (zonelint does not
    /// send queries), nor are names at or below a delegation point, whose
    /// addresses live in the child zone.
    ///
    /// ## References
    /// - RFC 5321 §5.1, RFC 1034 §4.3.2, RFC 4592 §2.2 (existence and
    ///   wildcards)
    name: "mx-target-dangling",
    severity: Error,
    summary: "MX exchange in the zone has no A or AAAA record",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for mx in mx_issues(cx) {
        let Issue::Dangling(target_zone, why) = mx.issue else {
            continue;
        };
        out.push(no_address(
            zone.rdata_site(mx.id, 1),
            &target_at(zone, mx.id, 2).expect("classified").to_string(),
            cx.zone_by_id(target_zone),
            why,
        ));
    }
}
