//! `ns-missing`

use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::{flags, RecordId};

/// The zone `apex` has no NS at its apex; `at`: its SOA (or first record).
fn no_ns(at: Site, apex: &str) -> Diagnostic {
    RULE.report(at, format!("the zone `{apex}` has no NS records at its apex"))
        .with_label("the apex")
        .with_help(
            "list the zone's name servers at the apex, for example `@ IN NS ns1.example.com.` \
             (RFC 1034 §4.2.1; two or more, RFC 2182 §5)",
        )
}

declare_rule! {
    /// ## What it does
    /// Reports a zone whose apex has no NS record.
    ///
    /// ## Why is this bad?
    /// The apex NS RRset names the zone's authoritative servers (RFC 1034
    /// §4.2.1): it must match the delegation in the parent, and servers
    /// refuse a zone without it.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  SOA  ns1 hostmaster 1 7200 3600 1209600 300
    /// ns1  IN  A  192.0.2.53
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  SOA  ns1 hostmaster 1 7200 3600 1209600 300
    /// @  IN  NS   ns1
    /// ns1  IN  A  192.0.2.53
    /// ```
    ///
    /// ## Refused by servers
    /// BIND: `zone <name>/IN: has no NS records`, then "not loaded due to
    /// errors"; Knot: "missing NS at the zone apex".
    ///
    /// ## Known limits
    /// A fragment (a file for `$INCLUDE` that no zone file of the
    /// repository includes, checked on its own) is not judged.
    ///
    /// ## References
    /// - RFC 1034 §4.2.1, RFC 1035 §5.2, RFC 2182 §5
    name: "ns-missing",
    severity: Error,
    class: Refused,
    summary: "the zone has no NS records at its apex",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    if zone.is_empty() || zone.is_fragment() || zone.has_flag(zone.apex(), flags::NS) {
        return;
    }
    let at = match zone.rrset(zone.apex(), RecordType::SOA).next() {
        Some(soa) => zone.type_site(soa),
        None => zone.owner_site(RecordId(0)),
    };
    out.push(no_ns(at, &zone.origin().to_string()));
}
