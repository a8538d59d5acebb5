//! `ttl-mismatch`

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::dns::RecordType;
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::{record_flags, RecordId, Zone};

/// The record (its TTL token, or its type token, `at`) has TTL `ttl` where
/// the first record of its RRset (`first`) has `first_ttl`.
#[allow(clippy::too_many_arguments)]
fn differs(
    at: Site,
    owner: &str,
    rtype: RecordType,
    ttl: u32,
    first: Site,
    first_ttl: u32,
    fix: Option<Edit>,
) -> Diagnostic {
    let d = RULE
        .report(
            at,
            format!(
                "TTL {ttl} differs from {first_ttl}, the TTL of the first {rtype} record of `{owner}`"
            ),
        )
        .with_label("another TTL in the same RRset")
        .with_secondary(first, format!("the first {rtype} record, TTL {first_ttl}"))
        .with_help(format!(
            "give every {rtype} record of `{owner}` the same TTL: servers serve the RRset with \
             one TTL (RFC 2181 §5.2), and BIND uses the first"
        ));
    match fix {
        Some(edit) => d.with_fix(Fix::unsafe_(format!("set the TTL to {first_ttl}"), vec![edit])),
        None => d,
    }
}

declare_rule! {
    /// ## What it does
    /// Finds records whose TTL differs from that of the first record of
    /// their RRset (the same owner and type; RRSIG records grouped by the
    /// type they cover).
    ///
    /// ## Why is this bad?
    /// An RRset has one TTL (RFC 2181 §5.2): servers serve it with one of
    /// them (BIND the first, with a warning) and the others are dead
    /// letters, often a TTL lowered for a migration on only some records.
    ///
    /// ## Example
    /// ```zone
    /// www  300  IN  A  192.0.2.1
    /// www  3600 IN  A  192.0.2.2
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// www  300  IN  A  192.0.2.1
    /// www  300  IN  A  192.0.2.2
    /// ```
    ///
    /// ## Fix
    /// Unsafe: the first record's TTL, which BIND serves (the intent may
    /// have been the other). None where an explicit TTL would change the
    /// TTL later records default to (no `$TTL`), or for `$GENERATE`.
    ///
    /// ## References
    /// - RFC 2181 §5.2
    name: "ttl-mismatch",
    severity: Warning,
    summary: "the records of one RRset have different TTLs",
    fix: Sometimes,
    check: check,
}

/// What RRset a record is in: its type, and for RRSIG the type covered.
fn set_key(zone: &Zone, id: RecordId) -> (RecordType, u16) {
    let r = zone.record(id);
    let covered = match (r.rtype, zone.rdata(r)) {
        (RecordType::RRSIG, [a, b, ..]) => u16::from_be_bytes([*a, *b]),
        _ => 0,
    };
    (r.rtype, covered)
}

/// The edit giving record `id` the TTL `ttl`: its TTL token replaced, or
/// one written before its class or type; `None` where that would change
/// the TTL later records default to, or for `$GENERATE`.
fn set_ttl(zone: &Zone, id: RecordId, ttl: u32) -> Option<Edit> {
    let record = zone.record(id);
    if record.has(record_flags::GENERATED) || !record.has(record_flags::DEFAULT_TTL) {
        return None;
    }
    let file = zone.file_id(record);
    let syntax = zone.record_syntax(id);
    Some(match syntax.ttl {
        Some(span) => Edit::replace(Site::new(file, span), ttl.to_string()),
        None => {
            let before = syntax.class.or(syntax.rtype)?;
            Edit::replace(Site::new(file, crate::source::Span::new(before.start, before.start)), format!("{ttl} "))
        }
    })
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let mut firsts: Vec<((RecordType, u16), RecordId)> = Vec::new();
    for node in zone.owners() {
        firsts.clear();
        for id in zone.records_at(node) {
            let key = set_key(zone, id);
            let Some(&(_, first)) = firsts.iter().find(|(k, _)| *k == key) else {
                firsts.push((key, id));
                continue;
            };
            let (ttl, first_ttl) = (zone.record(id).ttl, zone.record(first).ttl);
            if ttl == first_ttl {
                continue;
            }
            let syntax_ttl = zone.record_syntax(id).ttl;
            let at = match syntax_ttl {
                Some(span) => Site::new(zone.file_id(zone.record(id)), span),
                None => zone.type_site(id),
            };
            out.push(differs(
                at,
                &zone.names().name(node).to_string(),
                key.0,
                ttl,
                zone.type_site(first),
                first_ttl,
                set_ttl(zone, id, first_ttl),
            ));
        }
    }
}
