//! `duplicate-record`

use std::borrow::Cow;
use std::collections::HashMap;

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::dns::rdata::canonical;
use crate::dns::RecordType;
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::{RecordId, Zone};

/// The record (its type token `at`) repeats `first` (its type token),
/// `times` times in all.
fn repeated(
    at: Site,
    owner: &str,
    rtype: RecordType,
    first: Site,
    times: usize,
    fix: Option<Fix>,
) -> Diagnostic {
    let how_often = if times == 2 {
        "twice".to_owned()
    } else {
        format!("{times} times")
    };
    let d = RULE
        .report(at, format!("this {rtype} record of `{owner}` is listed {how_often}"))
        .with_label("listed again")
        .with_secondary(first, "first listed here")
        .with_help("delete the repeats: a record is in its RRset once (RFC 2181 §5)");
    match fix {
        Some(fix) => d.with_fix(fix),
        None => d,
    }
}

declare_rule! {
    /// ## What it does
    /// Finds records identical to an earlier one: the same owner, type and
    /// data (names in the data compared without case), MX records aside
    /// (`mx-duplicate`). An SOA written twice, as an
    /// AXFR dump begins and ends, is not one.
    ///
    /// ## Why is this bad?
    /// An RRset is a set (RFC 2181 §5): servers keep one of the two and
    /// drop the other silently, so an edit to either one may not be the
    /// one published. It usually comes from a merge or a copied block.
    ///
    /// ## Example
    /// ```zone
    /// www  IN  A  192.0.2.1
    /// www  IN  A  192.0.2.1
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// www  IN  A  192.0.2.1
    /// ```
    ///
    /// ## Fix
    /// Delete the repeats: safe when each is written exactly as the first
    /// (the same tokens, the same TTL), unsafe otherwise. A repeat whose
    /// deletion would change another record (an owner or TTL later lines
    /// inherit), or made by `$GENERATE`, is kept; no fix past 256 repeats.
    ///
    /// ## References
    /// - RFC 2181 §5
    name: "duplicate-record",
    severity: Warning,
    summary: "a record is listed twice",
    fix: Sometimes,
    check: check,
}

/// The tokens of a record after its owner, as written.
fn written(zone: &Zone, id: RecordId) -> Vec<Vec<u8>> {
    let text = zone.file_of(zone.record(id)).text();
    let syntax = zone.record_syntax(id);
    [syntax.ttl, syntax.class, syntax.rtype]
        .into_iter()
        .flatten()
        .chain(syntax.rdata)
        .map(|s| s.slice(text).to_ascii_lowercase())
        .collect()
}

/// Whether two records' data of type `rtype` are the same, names compared
/// without case, allocating nothing for the types whose data is one name.
fn same_data(rtype: RecordType, a: &[u8], b: &[u8]) -> bool {
    match rtype {
        // The length bytes of a name's labels are below b'A': comparing the
        // whole wire form without ASCII case compares the names.
        RecordType::NS | RecordType::CNAME | RecordType::PTR | RecordType::DNAME => {
            a.eq_ignore_ascii_case(b)
        }
        _ => a.len() == b.len() && canonical(rtype, a) == canonical(rtype, b),
    }
}

/// Records of one name, grouped by type and data: the first of each
/// group with its repeats. A hash map past a few records: a hostile name
/// may own millions.
fn groups(zone: &Zone, node: crate::zone::NameId) -> Vec<(RecordId, Vec<RecordId>)> {
    let mut out: Vec<(RecordId, Vec<RecordId>)> = Vec::new();
    let count = zone.records_at(node).len();
    let types = || zone.records_at(node).map(|r| zone.record(r).rtype);
    // Most names own one record, or records of different types.
    if count < 2
        || (count <= 16
            && types()
                .enumerate()
                .all(|(i, t)| t == RecordType::MX || types().take(i).all(|u| u != t)))
    {
        return out;
    }
    if count <= 16 {
        for id in zone.records_at(node) {
            let record = zone.record(id);
            if record.rtype == RecordType::MX {
                continue;
            }
            let data = zone.rdata(record);
            let found = out.iter().position(|(first, _)| {
                let f = zone.record(*first);
                f.rtype == record.rtype && same_data(f.rtype, zone.rdata(f), data)
            });
            match found {
                Some(g) => out[g].1.push(id),
                None => out.push((id, Vec::new())),
            }
        }
        return out;
    }
    let mut index: HashMap<(RecordType, Cow<'_, [u8]>), usize> = HashMap::new();
    for id in zone.records_at(node) {
        let record = zone.record(id);
        if record.rtype == RecordType::MX {
            continue;
        }
        let key = (record.rtype, canonical(record.rtype, zone.rdata(record)));
        match index.get(&key) {
            Some(&g) => out[g].1.push(id),
            None => {
                index.insert(key, out.len());
                out.push((id, Vec::new()));
            }
        }
    }
    out
}

/// Most repeats of one record a fix deletes.
const MAX_FIXED: usize = 256;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for node in zone.owners() {
        for (first, mut repeats) in groups(zone, node) {
            let rtype = zone.record(first).rtype;
            // The SOA that closes an AXFR dump (RFC 5936 §2.2), even when
            // records were appended after the dump (a ZONEMD, RFC 8976).
            if rtype == RecordType::SOA && repeats.len() == 1 {
                repeats.clear();
            }
            let Some(&second) = repeats.first() else {
                continue;
            };
            // One fix deletes every repeat it can; safe when each is
            // written exactly as the first (the same tokens and TTL).
            // (Past a few hundred repeats the file is not one to fix.)
            let edits: Vec<_> = repeats
                .iter()
                .take_while(|_| repeats.len() <= MAX_FIXED)
                .filter_map(|&r| zone.deletion_edit(r).map(|e| (r, e)))
                .collect();
            let fix = (!edits.is_empty()).then(|| {
                let first_text = written(zone, first);
                let same = edits.iter().all(|&(r, _)| {
                    zone.record(r).ttl == zone.record(first).ttl && written(zone, r) == first_text
                });
                let applicability = if same {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                };
                let message = if edits.len() == 1 {
                    "delete the duplicate record".to_owned()
                } else {
                    format!("delete the {} duplicate records", edits.len())
                };
                Fix::new(applicability, message, edits.into_iter().map(|(_, e)| e).collect())
            });
            out.push(repeated(
                zone.type_site(second),
                &zone.names().name(node).to_string(),
                rtype,
                zone.type_site(first),
                repeats.len() + 1,
                fix,
            ));
        }
    }
}
