//! `mta-sts-syntax`

use super::analysis::report_in;
use super::policy::{records_of, versioned_by_owner, Kind, PolicyRecord};
use super::tags::Tag;
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};
use std::ops::Range;

/// The findings on a record's grammar, its version and its extension
/// fields (those not in `defined`, which the caller checks).
pub(crate) fn field_findings(
    record: &PolicyRecord,
    what: &str,
    reference: &str,
    defined: &[&str],
    out: &mut Vec<(Range<usize>, String, String)>,
) {
    let tags = &record.tags;
    for (range, message) in &tags.errors {
        out.push((
            range.clone(),
            format!("in the {what} record, {message}"),
            format!("write `field=value` pairs separated by `;` ({reference})"),
        ));
    }
    match tags.tags.first() {
        Some(first) if first.name == "v" && first.value == record.kind.version() => {}
        first => {
            let v = tags.get("v");
            let version = record.kind.version();
            out.push((
                v.or(first).map_or(0..record.text.len(), |t| t.range.clone()),
                match v {
                    Some(v) if first.is_some_and(|f| f.range == v.range) => {
                        format!("version `v={}` of the {what} record: it is `v={version}`", v.value)
                    }
                    Some(_) => format!("`v={version}` is not the first field: senders ignore the record"),
                    None => format!("no `v={version}` in the {what} record: senders ignore it"),
                },
                format!("start the record with `v={version};` ({reference})"),
            ));
        }
    }
    if let Some((second, _)) = tags.repeated() {
        out.push((
            second.range.clone(),
            format!("field `{}` is written twice in the {what} record", second.name),
            format!("keep one ({reference})"),
        ));
    }
    for tag in tags.tags.iter().filter(|t| t.name != "v" && !defined.contains(&t.name.as_str())) {
        if let Some(problem) = extension_problem(tag) {
            out.push((tag.range.clone(), format!("field `{}` of the {what} record: {problem}", tag.name), format!("see {reference}")));
        }
    }
}

/// What breaks the grammar of an extension field (RFC 8461 §3.1, RFC 8460
/// §3: a name of letters, digits, `_`, `-`, `.`, at most 32; a value of
/// visible characters but `;` and `=`).
fn extension_problem(tag: &Tag) -> Option<String> {
    if tag.name.len() > 32 || tag.name.chars().any(|c| !(c.is_ascii_alphanumeric() || "_-.".contains(c))) {
        return Some("the name is not 1–32 letters, digits, `_`, `-`, `.`".to_string());
    }
    if tag.value.is_empty() {
        return Some("the value is empty".to_string());
    }
    tag.value
        .bytes()
        .any(|b| !(0x21..=0x7e).contains(&b) || b == b';' || b == b'=')
        .then(|| "the value holds white space, `=` or a byte that is not visible ASCII".to_string())
}

declare_rule! {
    /// ## What it does
    /// Reads each MTA-STS record (a TXT at `_mta-sts.<domain>` with
    /// `v=STSv1` or an `id=`) by RFC 8461 §3.1: `v=STSv1` first, then
    /// `id=` of 1 to 32 letters and digits, fields separated by `;`; and
    /// finds a name with more than one record starting with `v=STSv1`.
    ///
    /// ## Why is this bad?
    /// Senders that find no valid record, or more than one, assume the
    /// domain has no MTA-STS policy (RFC 8461 §3.1, §3.3): mail to it
    /// goes out without the TLS protection the domain asked for, and a
    /// changed policy is never fetched when the `id` does not change or
    /// does not parse.
    ///
    /// ## Example
    /// ```zone
    /// _mta-sts  IN  TXT  "v=STSv1; id=2024-06-01"
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// _mta-sts  IN  TXT  "v=STSv1; id=20240601T000000"
    /// ```
    ///
    /// ## References
    /// - RFC 8461 §3.1 (the TXT record), §3.3
    name: "mta-sts-syntax",
    severity: Error,
    summary: "MTA-STS record does not parse, or there is more than one",
    fix: Never,
    check: check,
}

const REFERENCE: &str = "RFC 8461 §3.1";

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for record in records_of(cx, Kind::MtaSts) {
        let mut findings = Vec::new();
        field_findings(&record, "MTA-STS", REFERENCE, &["id"], &mut findings);
        match record.tag("id") {
            None => findings.push((
                record.tags.tags.first().map_or(0..record.text.len(), |t| t.range.clone()),
                "no `id=` in the MTA-STS record".to_string(),
                format!("add `id=` and a value that changes with each policy change ({REFERENCE})"),
            )),
            Some(id) => {
                let ok = (1..=32).contains(&id.value.len()) && id.value.bytes().all(|b| b.is_ascii_alphanumeric());
                if !ok {
                    findings.push((
                        if id.value_range.is_empty() { id.range.clone() } else { id.value_range.clone() },
                        format!("`id={}` is not 1 to 32 letters and digits", id.value),
                        format!("write an id of letters and digits only, such as a timestamp `20240601T000000` ({REFERENCE})"),
                    ));
                }
            }
        }
        for (range, message, help) in findings {
            let (d, _) = report_in(&RULE, zone, record.id, &record.text, range, message);
            out.push(d.with_label("senders ignore the policy").with_help(help));
        }
    }
    for (owner, records) in versioned_by_owner(cx, Kind::MtaSts) {
        if records.len() > 1 {
            out.push(more_than_one(&RULE, cx, owner, &records, "MTA-STS", REFERENCE));
        }
    }
}

/// The finding for a name with several records of one kind.
pub(crate) fn more_than_one(
    rule: &'static crate::rules::Rule,
    cx: &Context<'_>,
    owner: crate::zone::NameId,
    records: &[crate::zone::RecordId],
    what: &str,
    reference: &str,
) -> Diagnostic {
    let zone = cx.zone;
    let site = |i: usize| zone.rdata_site(records[i], 0);
    let mut d = rule
        .report(site(1), format!("`{}` has {} {what} records", zone.names().name(owner), records.len()))
        .with_label("another record")
        .with_help(format!("keep one: with more than one, senders assume there is no policy ({reference})"))
        .with_secondary(site(0), "record at the same name");
    for i in 2..records.len() {
        d = d.with_secondary(site(i), "record at the same name");
    }
    d
}
