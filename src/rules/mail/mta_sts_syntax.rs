//! `mta-sts-syntax`

use super::analysis::report_in;
use super::policy::{field_findings, records_of, several, versioned_by_owner, Kind};
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};

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
const KEEP_ONE: &str =
    "keep one: with more than one, senders assume there is no policy (RFC 8461 §3.1)";

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
            out.push(several(&RULE, cx, owner, &records, "MTA-STS", KEEP_ONE));
        }
    }
}
