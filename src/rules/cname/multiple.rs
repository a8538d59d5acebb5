//! `cname-multiple`

use crate::diagnostic::Diagnostic;
use crate::dns::rdata::single_name;
use crate::dns::RecordType;
use crate::rules::{declare_rule, Context};
use crate::source::Site;

/// A second CNAME of `owner` (its target token `at`), to `target`, after
/// the first (its target token `first`), to `first_target`.
fn second(at: Site, owner: &str, target: &str, first: Site, first_target: &str) -> Diagnostic {
    RULE.report(
        at,
        format!("`{owner}` has a second CNAME, to `{target}`; the first is to `{first_target}`"),
    )
    .with_label("a second alias")
    .with_secondary(first, "the first CNAME")
    .with_help("a name is an alias for one name only: keep one of the CNAME records")
}

declare_rule! {
    /// ## What it does
    /// Finds names that own two or more CNAME records with different
    /// targets (identical ones are `duplicate-record`).
    ///
    /// ## Why is this bad?
    /// A CNAME RRset holds one record (RFC 2181 §10.1): an alias for two
    /// names means nothing, and servers refuse the zone rather than pick.
    ///
    /// ## Example
    /// ```zone
    /// www   IN  CNAME  web1.example.com.
    /// www   IN  CNAME  web2.example.com.
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// www   IN  CNAME  web1.example.com.
    /// ```
    ///
    /// ## Refused by servers
    /// BIND: `<name>: multiple RRs of singleton type`, then "not loaded due
    /// to errors"; Knot: "multiple CNAME records".
    ///
    /// ## References
    /// - RFC 2181 §10.1, RFC 1034 §3.6.2
    name: "cname-multiple",
    severity: Error,
    class: Refused,
    summary: "a name owns two CNAME records with different targets",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let target = |id| single_name(zone.rdata(zone.record(id)));
    for &id in zone.records_of_type(RecordType::CNAME) {
        let node = zone.record(id).owner;
        let Some(first) = zone.rrset(node, RecordType::CNAME).next() else {
            continue;
        };
        if first == id {
            continue;
        }
        let (Some(mine), Some(theirs)) = (target(id), target(first)) else {
            continue;
        };
        if mine == theirs {
            continue;
        }
        out.push(second(
            zone.rdata_site(id, 0),
            &zone.names().name(node).to_string(),
            &mine.to_string(),
            zone.rdata_site(first, 0),
            &theirs.to_string(),
        ));
    }
}
