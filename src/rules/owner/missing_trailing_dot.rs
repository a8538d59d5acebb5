//! `owner-missing-trailing-dot`

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::dns::{is_tld, reads_as_domain};
use crate::dns::rdata::for_each_name;
use crate::rules::target::{looks_absolute, missing_dot_finding, repeats_origin};
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::{record_flags, NameId, Zone};

/// The owner (token `at`), written `written` relative to `origin`, means
/// `expanded`; `fix`: the dot may be added (safe when `repeats_origin`).
fn missing_dot(
    zone: &Zone,
    at: Site,
    written: &str,
    expanded: &str,
    origin: &str,
    repeats_origin: bool,
    fix: bool,
) -> Diagnostic {
    missing_dot_finding(
        zone,
        &RULE,
        at,
        "owner",
        "the record's name",
        written,
        expanded,
        origin,
        repeats_origin,
        fix,
    )
    .with_help(if repeats_origin {
        format!("end the name with a dot: `{written}.`, or write it relative to the origin")
    } else {
        format!("if the record is for `{written}.`, end the name with a dot, and move it to that zone")
    })
}

declare_rule! {
    /// ## What it does
    /// Finds owner names written without a final dot that were meant
    /// absolute: the name as written already ends with the origin
    /// (`example.com IN A ...` under `example.com.` owns
    /// `example.com.example.com.`), or it reads as a whole domain name
    /// (it ends with an original generic top-level domain, `.com`, `.net`,
    /// `.org`, ..., or with a country code after `co`, `com`, `ac`, ...:
    /// `shop.example.co.uk`), it is not a wildcard, and nothing in the zone
    /// refers to the name it expands to.
    ///
    /// ## Why is this bad?
    /// A relative owner gets the origin appended (RFC 1035 §5.1): the
    /// record is published under a name nobody asks for, and the name that
    /// was meant has no such record.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN example.com.
    /// example.com  IN  A  192.0.2.1
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// $ORIGIN example.com.
    /// example.com.  IN  A  192.0.2.1
    /// ```
    ///
    /// ## Fix
    /// Append the dot: safe when the name already ends with the origin,
    /// unsafe when it only ends with a top-level domain (the record then
    /// names another zone, and belongs there). None when later lines with
    /// a blank owner inherit this one, or for `$GENERATE`.
    ///
    /// ## Known limits
    /// Names ending with the newer top-level domains (`.app`, `.dev`,
    /// `.new`, ...) or with a bare country code (`api.eu`, `cdn.us`) are
    /// not judged: those are common labels of hosts and regions.
    /// Response policy zones (RPZ: a CNAME to `.`, `*.` or `rpz-passthru.`)
    /// are not judged either: their triggers are written relative on
    /// purpose.
    ///
    /// ## References
    /// - RFC 1035 §5.1 (relative and absolute names)
    name: "owner-missing-trailing-dot",
    severity: Error,
    summary: "an owner name is missing its trailing dot and expands to the wrong name",
    fix: Sometimes,
    check: check,
}

/// Every name the zone's record data refers to, as lowercase wire form.
fn referenced(zone: &Zone) -> HashSet<Vec<u8>> {
    let mut out = HashSet::new();
    for (_, r) in zone.records() {
        let data = zone.rdata(r);
        for_each_name(r.rtype, data, |range| {
            out.insert(data[range].to_ascii_lowercase());
        });
    }
    out
}

/// The labels of `owner` written relative to `origin`, leftmost first.
fn written_labels(zone: &Zone, owner: NameId, origin: NameId) -> Option<Vec<&[u8]>> {
    let names = zone.names();
    let below = names.depth(owner).checked_sub(names.depth(origin))?;
    let labels: Vec<&[u8]> = names
        .ancestors(owner)
        .take(below)
        .map(|n| names.label(n))
        .collect();
    (!labels.is_empty()).then_some(labels)
}

/// Whether the last label `owner` has below `origin` could end a name
/// meant absolute: a top-level domain, or the origin's own last label.
/// Remembered per node in `tops`.
fn could_end_absolute(zone: &Zone, owner: NameId, origin: NameId, tops: &mut [u8]) -> bool {
    let names = zone.names();
    let Some(below) = names.depth(owner).checked_sub(names.depth(origin)) else {
        return false;
    };
    let Some(top) = below.checked_sub(1).and_then(|up| names.ancestors(owner).nth(up)) else {
        return false;
    };
    let state = &mut tops[top.0 as usize];
    if *state == UNKNOWN {
        let label = names.label(top);
        let origin_tld = names.ancestors(origin).take_while(|&n| n != NameId::ROOT).last();
        let could = is_tld(label)
            || origin_tld.is_some_and(|t| names.label(t).eq_ignore_ascii_case(label));
        *state = if could { COULD } else { CANNOT };
    }
    *state == COULD
}

const UNKNOWN: u8 = 0;
const COULD: u8 = 1;
const CANNOT: u8 = 2;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    if zone.is_response_policy_zone() {
        return;
    }
    let names = zone.names();
    let mut refs: Option<HashSet<Vec<u8>>> = None;
    let mut last: Option<(NameId, NameId, Option<bool>)> = None;
    // Per node just below an origin: whether its label could end a name
    // meant absolute (a top-level domain, or the origin's own last label).
    let mut tops = vec![UNKNOWN; names.len()];
    for (id, record) in zone.records() {
        if !record.has(record_flags::RELATIVE_OWNER) {
            continue;
        }
        let origin = zone.origin_at(record);
        // Records of one owner follow each other: judged once.
        let verdict = match last {
            Some((o, g, v)) if o == record.owner && g == origin => v,
            _ if !could_end_absolute(zone, record.owner, origin, &mut tops) => {
                last = Some((record.owner, origin, None));
                None
            }
            _ => {
                let v = written_labels(zone, record.owner, origin).and_then(|labels| {
                    if repeats_origin(zone, &labels, origin) {
                        Some(true)
                    } else if looks_absolute(zone, &labels, origin)
                        && reads_as_domain(&labels)
                        // A wildcard is meant: nothing refers to it by name.
                        && labels.first() != Some(&&b"*"[..])
                    {
                        let refs = refs.get_or_insert_with(|| referenced(zone));
                        let mut wire = Vec::new();
                        names.write_wire(record.owner, &mut wire);
                        (!refs.contains(&wire.to_ascii_lowercase())).then_some(false)
                    } else {
                        None
                    }
                });
                last = Some((record.owner, origin, v));
                v
            }
        };
        let Some(repeats) = verdict else { continue };
        let Some(at) = zone.record_syntax(id).owner else {
            continue;
        };
        let at = Site::new(zone.file_id(record), at);
        let written = String::from_utf8_lossy(at.span.slice(zone.file_of(record).text()));
        let fix = !record.has(record_flags::GENERATED) && !zone.next_entry_inherits_owner(id);
        out.push(missing_dot(
            zone,
            at,
            &written,
            &names.name(record.owner).to_string(),
            &names.name(origin).to_string(),
            repeats,
            fix,
        ));
    }
}
