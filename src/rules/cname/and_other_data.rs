//! `cname-and-other-data`

use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::flags;

/// The types that may share a name with a CNAME: DNSSEC data about the
/// alias itself (RFC 4035 §2.5, RFC 2535 §2.3.5 for KEY). A DNAME beside
/// a CNAME is `dname-conflict`'s.
const ALLOWED: &[RecordType] = &[
    RecordType::CNAME,
    RecordType::RRSIG,
    RecordType::NSEC,
    RecordType::NSEC3,
    RecordType::KEY,
    RecordType::SIG,
    RecordType::NXT,
    RecordType::DNAME,
];

/// The CNAME of `owner` (its type token `at`) beside `others` (their type
/// tokens and types); `apex`: the name is the zone's apex.
fn beside(at: Site, owner: &str, target: &str, others: &[(Site, RecordType)], apex: bool) -> Diagnostic {
    let mut types: Vec<String> = Vec::new();
    for (_, t) in others {
        let t = t.to_string();
        if !types.contains(&t) {
            types.push(t);
        }
    }
    let listed = types.join(", ");
    let d = if apex {
        RULE.report(
            at,
            format!("a CNAME at the zone's apex `{owner}`, which also has {listed} records"),
        )
        .with_label("an alias at the apex")
        .with_help(
            "the apex must keep its SOA and NS records, and an alias owns nothing else: \
             replace the CNAME by the A and AAAA records it stands for",
        )
    } else {
        RULE.report(at, format!("`{owner}` has a CNAME and other data ({listed})"))
            .with_label("an alias")
            .with_help(format!(
                "an alias owns nothing else (RFC 1034 §3.6.2): move the other records to \
                 `{target}`, the name the alias leads to, or replace the CNAME by the records \
                 of `{target}`"
            ))
    };
    // A few are shown; a name may own thousands.
    others.iter().take(8).fold(d, |d, &(site, t)| {
        d.with_secondary(site, format!("{t} beside the CNAME"))
    })
}

declare_rule! {
    /// ## What it does
    /// Finds names that own a CNAME and records of other types (DNSSEC
    /// data about the alias itself aside: RRSIG, NSEC, NSEC3, KEY), a CNAME
    /// at the apex included (which has SOA and NS records).
    ///
    /// ## Why is this bad?
    /// A CNAME says the name is an alias for another: a resolver that gets
    /// it restarts at the target, so nothing else at that name can be
    /// found (RFC 1034 §3.6.2, RFC 2181 §10.1). Mail for a domain whose
    /// apex is a CNAME, or an MX beside a CNAME, is lost.
    ///
    /// ## Example
    /// ```zone
    /// www   IN  CNAME  web.example.net.
    /// www   IN  MX     10 mail.example.com.
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// www   IN  A      192.0.2.80
    /// www   IN  MX     10 mail.example.com.
    /// ```
    ///
    /// ## Refused by servers
    /// BIND: `<name>: CNAME and other data`, then "not loaded due to
    /// errors"; Knot: "another record exists beside CNAME"; NSD: "CNAME and
    /// other data at the same name".
    ///
    /// ## References
    /// - RFC 1034 §3.6.2, RFC 2181 §10.1, RFC 4035 §2.5 (DNSSEC data beside
    ///   a CNAME)
    name: "cname-and-other-data",
    severity: Error,
    class: Refused,
    summary: "a name owns a CNAME and other records",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for &id in zone.records_of_type(RecordType::CNAME) {
        let node = zone.record(id).owner;
        // One finding per name, on its first CNAME.
        if zone.rrset(node, RecordType::CNAME).next() != Some(id) {
            continue;
        }
        // The types, each once; the sites of the first few records.
        let mut others: Vec<(Site, RecordType)> = Vec::new();
        for r in zone.records_at(node) {
            let t = zone.record(r).rtype;
            if !ALLOWED.contains(&t) && !others.iter().any(|&(_, o)| o == t) && others.len() < 16 {
                others.push((zone.type_site(r), t));
            }
        }
        if others.is_empty() {
            continue;
        }
        let apex = node == zone.apex()
            && (zone.has_flag(node, flags::SOA) || zone.has_flag(node, flags::NS));
        let target = zone
            .alias_target(crate::zone::Alias::Cname(id))
            .map_or_else(String::new, |n| n.to_string());
        out.push(beside(
            zone.type_site(id),
            &zone.names().name(node).to_string(),
            &target,
            &others,
            apex,
        ));
    }
}
