//! `soa-misplaced`

use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::{declare_rule, Context};
use crate::source::Site;

/// An SOA of `owner` (its type token `at`), below the apex `apex`.
fn below_apex(at: Site, owner: &str, apex: &str) -> Diagnostic {
    RULE.report(
        at,
        format!("SOA record of `{owner}` is not at the zone's apex `{apex}`"),
    )
    .with_label("not the apex")
    .with_help(format!(
        "a zone has one SOA, at its apex: delete this one, or make `{owner}` a zone of its \
         own, delegated with NS records (a subdomain's SOA goes in its own zone file)"
    ))
}

/// A second SOA at the apex (its type token `at`) that differs from the
/// first (its type token `first`).
fn second(at: Site, first: Site, apex: &str) -> Diagnostic {
    RULE.report(at, format!("a second, different SOA record for `{apex}`"))
        .with_label("a second SOA")
        .with_secondary(first, "the first SOA")
        .with_help("a zone has exactly one SOA record: keep one")
}

declare_rule! {
    /// ## What it does
    /// Reports SOA records anywhere but at the zone's apex, and a second
    /// SOA at the apex that differs from the first. A repeated identical
    /// SOA, as an AXFR dump ends, is only a duplicate.
    ///
    /// ## Why is this bad?
    /// The SOA marks the top of a zone (RFC 1035 §5.2): one below the apex
    /// is a zone cut written the wrong way, usually a subdomain's file
    /// pasted into its parent, and two different SOAs leave the serial and
    /// the timers undefined.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN example.com.
    /// @       IN  SOA ns1 hostmaster 1 7200 3600 1209600 300
    /// office  IN  SOA ns1 hostmaster 1 7200 3600 1209600 300
    /// ```
    ///
    /// Use instead: a zone file of its own for `office.example.com.`,
    /// delegated from `example.com.` with NS records.
    ///
    /// ## Refused by servers
    /// BIND: `loading from master file <file> failed: not at top of zone`
    /// for an SOA below the apex, and `<name>: multiple RRs of singleton
    /// type` for two, then "not loaded due to errors".
    ///
    /// ## References
    /// - RFC 1035 §5.2, RFC 1034 §4.2.1
    name: "soa-misplaced",
    severity: Error,
    class: Refused,
    summary: "an SOA record below the apex, or two different ones at it",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let apex = zone.apex();
    let first = zone.rrset(apex, RecordType::SOA).next();
    for &id in zone.records_of_type(RecordType::SOA) {
        let record = zone.record(id);
        if record.owner != apex {
            out.push(below_apex(
                zone.type_site(id),
                &zone.owner_name(record).to_string(),
                &zone.origin().to_string(),
            ));
            continue;
        }
        let Some(first) = first.filter(|&f| f != id) else {
            continue;
        };
        let same = crate::dns::rdata::canonical(RecordType::SOA, zone.rdata(record))
            == crate::dns::rdata::canonical(RecordType::SOA, zone.rdata(zone.record(first)));
        if !same {
            out.push(second(
                zone.type_site(id),
                zone.type_site(first),
                &zone.origin().to_string(),
            ));
        }
    }
}
