//! `dname-conflict`

use crate::diagnostic::Diagnostic;
use crate::dns::rdata::single_name;
use crate::dns::RecordType;
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::{flags, NameId};

/// What conflicts with a DNAME.
enum Conflict<'a> {
    /// A CNAME at the DNAME's name.
    Cname,
    /// A second DNAME there, to `to`.
    Second { to: &'a str },
    /// NS records at the DNAME's name (below the apex).
    Ns,
    /// Records of `owner`, below the DNAME.
    Below { owner: &'a str },
}

/// A conflict with the DNAME of `dname` (its type token `record`); `at` is
/// the conflicting record.
fn conflict(at: Site, dname: &str, record: Site, what: Conflict<'_>) -> Diagnostic {
    let (message, help) = match what {
        Conflict::Cname => (
            format!("`{dname}` has a DNAME and a CNAME"),
            "a name is either renamed (DNAME) or an alias (CNAME), not both: keep one".to_owned(),
        ),
        Conflict::Second { to } => (
            format!("`{dname}` has a second DNAME, to `{to}`"),
            "a subtree is renamed to one name only: keep one DNAME".to_owned(),
        ),
        Conflict::Ns => (
            format!("`{dname}` has a DNAME and NS records"),
            "a delegated name cannot also be renamed (RFC 6672 §2.3): keep the delegation or \
             the DNAME"
                .to_owned(),
        ),
        Conflict::Below { owner } => (
            format!("`{owner}` is below the DNAME of `{dname}`, so it is never served"),
            format!(
                "every name below `{dname}` is rewritten by its DNAME (RFC 6672 §2.3): move \
                 these records to the DNAME's target, or remove them"
            ),
        ),
    };
    RULE.report(at, message)
        .with_label("conflicts with the DNAME")
        .with_secondary(record, format!("the DNAME of `{dname}`"))
        .with_help(help)
}

declare_rule! {
    /// ## What it does
    /// Finds what cannot coexist with a DNAME: a CNAME or another DNAME at
    /// its name, NS records beside it below the apex, and records of names
    /// below it.
    ///
    /// ## Why is this bad?
    /// A DNAME renames a whole subtree (RFC 6672): names below it are
    /// answered by rewriting, so records there are never served, a CNAME
    /// beside it makes the name two kinds of alias, and a delegation there
    /// makes it both another zone and a rename (§2.3-2.4).
    ///
    /// ## Example
    /// ```zone
    /// old      IN  DNAME  new.example.com.
    /// www.old  IN  A      192.0.2.80
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// old      IN  DNAME  new.example.com.
    /// www.new  IN  A      192.0.2.80
    /// ```
    ///
    /// ## Refused by servers
    /// A CNAME beside a DNAME: BIND, `CNAME and other data`; two DNAMEs:
    /// BIND, `multiple RRs of singleton type`; records below a DNAME: NSD,
    /// `DNAME at <name> has data below it`. NS beside a DNAME is an error
    /// (Knot: "NS record exists beside DNAME") that servers load.
    ///
    /// ## References
    /// - RFC 6672 §2.3, §2.4
    name: "dname-conflict",
    severity: Error,
    class: PartlyRefused,
    summary: "a DNAME beside a CNAME, another DNAME or NS, or with records below it",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let dnames = zone.records_of_type(RecordType::DNAME);
    if dnames.is_empty() {
        return;
    }
    let names = zone.names();
    for &id in dnames {
        let node = zone.record(id).owner;
        let first = zone.rrset(node, RecordType::DNAME).next();
        if first != Some(id) {
            let to = single_name(zone.rdata(zone.record(id)));
            let first_to = first.and_then(|f| single_name(zone.rdata(zone.record(f))));
            if to != first_to {
                let to = to.map_or_else(String::new, |n| n.to_string());
                out.push(
                    conflict(
                        zone.type_site(id),
                        &names.name(node).to_string(),
                        zone.type_site(first.expect("a first DNAME")),
                        Conflict::Second { to: &to },
                    )
                    .refused(),
                );
            }
            continue;
        }
        let dname = names.name(node).to_string();
        let record = zone.type_site(id);
        if let Some(cname) = zone.rrset(node, RecordType::CNAME).next() {
            out.push(conflict(zone.type_site(cname), &dname, record, Conflict::Cname).refused());
        }
        if node != zone.apex() {
            if let Some(ns) = zone.rrset(node, RecordType::NS).next() {
                out.push(conflict(zone.type_site(ns), &dname, record, Conflict::Ns));
            }
        }
    }
    // Names below a DNAME: one finding per name, on its first record.
    let apex = zone.apex();
    let dname_above = |n: NameId| {
        names
            .ancestors(n)
            .skip(1)
            .take_while(|&a| names.is_at_or_below(a, apex))
            .find(|&a| zone.has_flag(a, flags::DNAME))
    };
    for node in zone.owners() {
        let Some(above) = dname_above(node) else {
            continue;
        };
        let Some(first) = zone.records_at(node).next() else {
            continue;
        };
        // The NSEC3 chain of a signed zone lives at hashed names below the
        // apex, and so below a DNAME at the apex (RFC 5155 §7.1).
        if zone.records_at(node).all(|r| {
            matches!(
                zone.record(r).rtype,
                RecordType::NSEC3 | RecordType::RRSIG
            )
        }) {
            continue;
        }
        let Some(record) = zone.rrset(above, RecordType::DNAME).next() else {
            continue;
        };
        out.push(
            conflict(
                zone.owner_site(first),
                &names.name(above).to_string(),
                zone.type_site(record),
                Conflict::Below {
                    owner: &names.name(node).to_string(),
                },
            )
            .refused(),
        );
    }
}
