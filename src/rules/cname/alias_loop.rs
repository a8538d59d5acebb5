//! `cname-loop`


use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::target::{chain_end, Chain};
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::{flags, Alias, NameId, Zone};

/// The CNAME of `owner` (its target token `at`) starts a chain of aliases
/// that never ends in a name.
fn cname_loops(at: Site, owner: &str) -> Diagnostic {
    RULE.report(
        at,
        format!("the alias chain from `{owner}` loops: it comes back to a name it passed"),
    )
    .with_label("part of a loop")
    .with_help("point one of the aliases of the loop at a name with records of its own")
}

/// The DNAME of `owner` (its target token `at`) rewrites the names below
/// it without end (its target is below it, or DNAMEs lead back to it).
fn dname_loops(at: Site, owner: &str, target: &str) -> Diagnostic {
    RULE.report(
        at,
        format!(
            "the DNAME of `{owner}` to `{target}` rewrites the names below it without end"
        ),
    )
    .with_label("a rewriting loop")
    .with_help("point the DNAME at a name that is not below its owner and does not lead back to it (RFC 6672 §2.4)")
}

declare_rule! {
    /// ## What it does
    /// Finds CNAME records whose alias chain, followed through the loaded
    /// zones (CNAMEs, DNAMEs and wildcard CNAMEs), comes back to a name it
    /// passed, and DNAME records that rewrite the names below them without
    /// end (a target below the DNAME's own owner, or DNAMEs that lead back).
    ///
    /// ## Why is this bad?
    /// A resolver follows an alias chain until it reaches data; a loop
    /// never does, and every name in it fails (SERVFAIL). RFC 1034 §3.6.2
    /// asks servers to detect such loops and RFC 6672 §2.4 forbids DNAME
    /// loops.
    ///
    /// ## Example
    /// ```zone
    /// www   IN  CNAME  web
    /// web   IN  CNAME  www
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// www   IN  CNAME  web
    /// web   IN  A      192.0.2.80
    /// ```
    ///
    /// ## Known limits
    /// Chains through names outside the loaded zones end there: zonelint
    /// does not query the DNS.
    ///
    /// ## References
    /// - RFC 1034 §3.6.2, RFC 6672 §2.4 (DNAME loops)
    name: "cname-loop",
    severity: Error,
    summary: "an alias chain loops back on itself",
    fix: Never,
    check: check,
}

/// Whether the chains from the zone's CNAME names loop, each name looked at
/// once: chains that stay on this zone's CNAME names are walked here, the
/// others (through DNAMEs, wildcards or other zones, which are rare) by
/// [`chain_end`].
fn looping(cx: &Context<'_>) -> Vec<u8> {
    let zone = cx.zone;
    let has_dname = !zone.records_of_type(RecordType::DNAME).is_empty();
    let alone = cx.is_only_zone();
    // Per node: UNSEEN, ON_PATH (of the walk under way), LOOPS or ENDS.
    let mut state = vec![UNSEEN; zone.names().len()];
    let mut path: Vec<NameId> = Vec::new();
    for &id in zone.records_of_type(RecordType::CNAME) {
        let mut node = zone.record(id).owner;
        path.clear();
        let result = loop {
            match state[node.0 as usize] {
                LOOPS => break true,
                ENDS => break false,
                ON_PATH => break true, // back on this walk's path
                _ => {}
            }
            state[node.0 as usize] = ON_PATH;
            path.push(node);
            let Some(next) = next_cname(zone, node, has_dname, alone) else {
                // Not a plain in-zone CNAME to CNAME step: follow it fully.
                let name = zone.names().name(node);
                break chain_end(cx, name.as_ref()) == Chain::Loop;
            };
            match next {
                Step::To(n) => node = n,
                Step::End => break false,
            }
        };
        for &n in &path {
            state[n.0 as usize] = if result { LOOPS } else { ENDS };
        }
    }
    state
}

const UNSEEN: u8 = 0;
const ON_PATH: u8 = 1;
const LOOPS: u8 = 2;
const ENDS: u8 = 3;

enum Step {
    /// The target is another CNAME name of this zone.
    To(NameId),
    /// The target is data of this zone: the chain ends.
    End,
}

/// Where the CNAME of `node` leads, when this zone alone decides it.
fn next_cname(zone: &Zone, node: NameId, has_dname: bool, alone: bool) -> Option<Step> {
    let cname = zone.rrset(node, RecordType::CNAME).next()?;
    let target = zone.alias_target(Alias::Cname(cname))?;
    if has_dname {
        return None;
    }
    if !zone.contains(target) {
        // Outside the loaded zones a chain ends; another loaded zone may
        // continue it.
        return alone.then_some(Step::End);
    }
    let Some(found) = zone.lookup(target) else {
        // No such name: only a wildcard CNAME could go on.
        return (!zone.has_wildcards()).then_some(Step::End);
    };
    if zone.delegation_of(found).is_some() {
        return Some(Step::End);
    }
    Some(if zone.has_flag(found, flags::CNAME) {
        Step::To(found)
    } else {
        Step::End
    })
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let cnames = zone.records_of_type(RecordType::CNAME);
    if !cnames.is_empty() {
        let loops = looping(cx);
        for &id in cnames {
            let node = zone.record(id).owner;
            // One finding per name, on its first CNAME.
            if zone.rrset(node, RecordType::CNAME).next() != Some(id) {
                continue;
            }
            if loops[node.0 as usize] == LOOPS {
                out.push(cname_loops(
                    zone.rdata_site(id, 0),
                    &zone.names().name(node).to_string(),
                ));
            }
        }
    }
    for &id in zone.records_of_type(RecordType::DNAME) {
        let owner = zone.names().name(zone.record(id).owner);
        let Some(target) = zone.alias_target(Alias::Dname(id)) else {
            continue;
        };
        // Any name below the DNAME shows where the rewriting leads.
        let Some(probe) = owner.prepend(b"dname-loop-probe") else {
            continue;
        };
        if target.is_subdomain_of(owner.as_ref()) || chain_end(cx, probe.as_ref()) == Chain::Loop {
            out.push(dname_loops(
                zone.rdata_site(id, 0),
                &owner.to_string(),
                &target.to_string(),
            ));
        }
    }
}
