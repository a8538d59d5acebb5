//! `soa-missing`

use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::flags;

/// The zone `apex` has no SOA; `at`: its first record.
fn no_soa(at: Site, apex: &str) -> Diagnostic {
    RULE.report(at, format!("the zone `{apex}` has no SOA record at its apex"))
        .with_label("the zone's first record")
        .with_help(
            "start the zone with its SOA record, for example \
             `@ IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300` \
             (RFC 1035 §5.2)",
        )
}

declare_rule! {
    /// ## What it does
    /// Reports a zone whose apex has no SOA record (a zone without any
    /// record at all is `empty-zone`).
    ///
    /// ## Why is this bad?
    /// The SOA record starts a zone of authority: it names the primary
    /// server, the serial secondaries compare, and the negative caching
    /// TTL (RFC 1035 §5.2, RFC 2308). Without it there is no zone, and the
    /// server answers nothing for the domain.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN example.com.
    /// @   IN  NS  ns1.example.com.
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// $ORIGIN example.com.
    /// @   IN  SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300
    /// @   IN  NS  ns1.example.com.
    /// ```
    ///
    /// ## Refused by servers
    /// BIND: `zone <name>/IN: has 0 SOA records`, then "not loaded due to
    /// errors"; Knot: "missing SOA at the zone apex".
    ///
    /// ## Known limits
    /// A file meant to be `$INCLUDE`d has no SOA either: named on its own,
    /// it is checked as part of the repository's zone file that includes
    /// it, or, when none does, as a fragment, which this rule does not
    /// judge.
    ///
    /// ## References
    /// - RFC 1035 §5.2, RFC 1034 §4.2.1
    name: "soa-missing",
    severity: Error,
    class: Refused,
    summary: "the zone has no SOA record at its apex",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    if zone.is_empty() || zone.is_fragment() || zone.has_flag(zone.apex(), flags::SOA) {
        return;
    }
    let first = crate::zone::RecordId(0);
    out.push(no_soa(zone.owner_site(first), &zone.origin().to_string()));
}
