//! `mx-duplicate`

use std::collections::HashMap;

use super::analysis::{mx_records, same_owner, MxInfo};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::Zone;

/// The exchange (token `at`) of `owner` listed again after `first`.
fn listed_twice(at: Site, first: Site, exchange: &str, owner: &str) -> Diagnostic {
    RULE.report(
        at,
        format!("MX exchange `{exchange}` is listed twice for `{owner}`"),
    )
    .with_label("listed again")
    .with_secondary(first, "first listed here")
    .with_help("delete this record; one MX per exchange is enough")
}

/// Deleting the record of `later`, when that changes no other record:
/// safe when it is identical to `first`.
fn deletion(zone: &Zone, first: &MxInfo, later: &MxInfo) -> Option<Fix> {
    let edit = zone.deletion_edit(later.id)?;
    let identical = first.preference.is_some()
        && first.preference == later.preference
        && first.exchange(zone).wire() == later.exchange(zone).wire()
        && zone.record(first.id).ttl == zone.record(later.id).ttl;
    let applicability = if identical {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    Some(Fix::new(
        applicability,
        "delete the duplicate record",
        vec![edit],
    ))
}

declare_rule! {
    /// ## What it does
    /// Finds two MX records at one name with the same exchange (compared
    /// case-insensitively, after the origin is applied), whatever their
    /// preferences. The later record is reported.
    ///
    /// ## Why is this bad?
    /// A mail server listed twice is tried twice when it is down, and with
    /// two preferences its real priority is unclear. Identical records are
    /// merged by servers (an RRset is a set, RFC 2181 §5), so the second
    /// one only adds confusion; different preferences usually mean a
    /// forgotten edit.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  MX  10 mail.example.com.
    /// @  IN  MX  20 MAIL.example.com.
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  MX  10 mail.example.com.
    /// ```
    ///
    /// ## Fix
    /// Delete the later record (its comments are kept). Safe when the two
    /// records are identical (same preference, TTL and spelling); unsafe
    /// otherwise, because which preference was meant is a choice. No fix
    /// is offered when deleting the line would change other records: when
    /// the next line inherits its owner, or its TTL is the default for the
    /// lines after it (no `$TTL`).
    ///
    /// ## References
    /// - RFC 2181 §5 (RRsets), RFC 5321 §5.1
    name: "mx-duplicate",
    severity: Warning,
    summary: "two MX records at one name point to the same exchange",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    // Each name's MX records once, the first of each exchange remembered
    // (names compare without case): linear however many a name has.
    let mut done = vec![false; zone.names().len()];
    let mut firsts: HashMap<Vec<u8>, MxInfo> = HashMap::new();
    let mut few: Vec<MxInfo> = Vec::new();
    for mx in mx_records(zone) {
        let owner = zone.record(mx.id).owner;
        if std::mem::replace(&mut done[owner.0 as usize], true) {
            continue;
        }
        few.clear();
        few.extend(same_owner(zone, &mx));
        if few.len() < 2 {
            continue;
        }
        // A few exchanges compare pairwise; many through a map.
        let many = few.len() > 16;
        firsts.clear();
        for (i, later) in few.iter().enumerate() {
            let exchange = later.exchange(zone);
            let first = if many {
                let key = exchange.wire().to_ascii_lowercase();
                match firsts.get(&key) {
                    Some(first) => Some(*first),
                    None => {
                        firsts.insert(key, *later);
                        None
                    }
                }
            } else {
                few[..i]
                    .iter()
                    .find(|f| f.exchange(zone).wire().eq_ignore_ascii_case(exchange.wire()))
                    .copied()
            };
            let Some(first) = first else { continue };
            let mut d = listed_twice(
                later.exchange_site(zone),
                first.exchange_site(zone),
                &exchange.to_string(),
                &zone.owner_name(zone.record(later.id)).to_string(),
            );
            if let Some(fix) = deletion(zone, &first, later) {
                d = d.with_fix(fix);
            }
            out.push(d);
        }
    }
}
