//! `occluded-data`


use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::target::target_at;
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::{flags, NameId, RecordId, Zone};

/// The records of `owner` (the first's type token `at`; their types
/// `types`) at or below the delegation `cut` (its NS type token `ns`).
fn occluded(at: Site, owner: &str, types: &str, cut: &str, ns: Site, at_cut: bool) -> Diagnostic {
    let message = if at_cut {
        format!("`{owner}` is delegated: its {types} records are never served")
    } else {
        format!("`{owner}` is below the delegation `{cut}`: its {types} records are never served")
    };
    RULE.report(at, message)
        .with_label("occluded")
        .with_secondary(ns, format!("`{cut}` is delegated here"))
        .with_help(format!(
            "move these records to the zone of `{cut}`, or remove the delegation if this zone \
             should answer for it"
        ))
}

declare_rule! {
    /// ## What it does
    /// Finds records at or below a delegation point other than what a
    /// parent zone holds there: the NS records, DS (and the NSEC and RRSIG
    /// of a signed parent) at the cut, and the A and AAAA glue of names
    /// that NS records of the zone point at. Records below a DNAME are
    /// `dname-conflict`'s.
    ///
    /// ## Why is this bad?
    /// Below a zone cut the parent is not authoritative (RFC 2181 §6):
    /// servers answer with a referral and never serve these records, so an
    /// edit made here changes nothing. It is usually a record meant for the
    /// child zone, or a delegation left behind.
    ///
    /// ## Example
    /// ```zone
    /// sub      IN  NS  ns1.sub
    /// ns1.sub  IN  A   192.0.2.54
    /// www.sub  IN  A   192.0.2.80
    /// ```
    ///
    /// Use instead: `www` in the zone file of `sub.example.com.`.
    ///
    /// ## References
    /// - RFC 2181 §6, RFC 9471 (glue), RFC 4035 §2.4 (DS at the cut)
    name: "occluded-data",
    severity: Warning,
    summary: "records at or below a delegation are never served",
    fix: Never,
    check: check,
}

/// The names NS records of the zone point at: their addresses are glue.
fn glue_names(zone: &Zone) -> Vec<bool> {
    let mut glue = vec![false; zone.names().len()];
    for &id in zone.records_of_type(RecordType::NS) {
        let Some(name) = target_at(zone, id, 0) else {
            continue;
        };
        // A wildcard that answers for an NS target is its glue (RFC 4592
        // §4.2; Knot loads such glue).
        if let Some(node) = zone.lookup(name).or_else(|| zone.wildcard_covering(name)) {
            glue[node.0 as usize] = true;
        }
    }
    glue
}

/// Per node, the delegation it is at or below (`u32::MAX`: none), in one
/// pass over the nodes: a parent is interned before its children, so its
/// answer is known first.
fn cut_per_node(zone: &Zone) -> Vec<u32> {
    let names = zone.names();
    let apex = zone.apex();
    let mut cut = vec![u32::MAX; names.len()];
    for i in 0..names.len() {
        let node = NameId(i as u32);
        let from_parent = match names.parent(node) {
            Some(p) if (p.0 as usize) < i => cut[p.0 as usize],
            // Not in id order (never seen): ask the slow way.
            Some(_) => zone.delegation_of(node).map_or(u32::MAX, |n| n.0),
            None => u32::MAX,
        };
        cut[i] = if from_parent != u32::MAX {
            from_parent
        } else if node != apex
            && zone.has_flag(node, flags::NS)
            && names.is_at_or_below(node, apex)
        {
            node.0
        } else {
            u32::MAX
        };
    }
    cut
}

fn allowed(rtype: RecordType, at_cut: bool, glue: bool) -> bool {
    match rtype {
        RecordType::A | RecordType::AAAA => glue,
        RecordType::NS | RecordType::DS | RecordType::NSEC | RecordType::RRSIG => at_cut,
        _ => false,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let apex = zone.apex();
    let cuts = zone
        .records_of_type(RecordType::NS)
        .iter()
        .any(|&id| zone.record(id).owner != apex);
    if !cuts {
        return;
    }
    let glue = glue_names(zone);
    let cut_of = cut_per_node(zone);
    let has_dname = !zone.records_of_type(RecordType::DNAME).is_empty();
    for node in zone.owners() {
        let cut = match cut_of[node.0 as usize] {
            u32::MAX => continue,
            n => NameId(n),
        };
        // Below a DNAME: `dname-conflict`.
        if has_dname
            && zone
                .names()
                .ancestors(node)
                .skip(1)
                .take_while(|&n| n != apex)
                .any(|n| zone.has_flag(n, flags::DNAME))
        {
            continue;
        }
        let at_cut = node == cut;
        let is_glue = glue[node.0 as usize];
        let bad: Vec<RecordId> = zone
            .records_at(node)
            .filter(|&r| !allowed(zone.record(r).rtype, at_cut, is_glue))
            .collect();
        let Some(&first) = bad.first() else { continue };
        let mut types: Vec<String> = Vec::new();
        for &r in &bad {
            let t = zone.record(r).rtype.to_string();
            if !types.contains(&t) {
                types.push(t);
            }
        }
        let Some(ns) = zone.rrset(cut, RecordType::NS).next() else {
            continue;
        };
        let names = zone.names();
        out.push(occluded(
            zone.type_site(first),
            &names.name(node).to_string(),
            &types.join(", "),
            &names.name(cut).to_string(),
            zone.type_site(ns),
            at_cut,
        ));
    }
}
