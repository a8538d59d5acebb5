//! `tlsrpt-syntax`

use super::analysis::report_in;
use super::policy::{
    field_findings, list_items, records_of, several, uri_problem, versioned_by_owner, Kind,
};
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};

const REFERENCE: &str = "RFC 8460 §3";
const KEEP_ONE: &str =
    "keep one: with more than one, senders assume there is no policy (RFC 8460 §3)";

declare_rule! {
    /// ## What it does
    /// Reads each TLS-RPT record (a TXT at `_smtp._tls.<domain>` with
    /// `v=TLSRPTv1` or a `rua=`) by RFC 8460 §3: `v=TLSRPTv1` first, then
    /// `rua=` with one or more `mailto:` or `https:` URIs separated by
    /// `,`; and finds a name with more than one record starting with
    /// `v=TLSRPTv1`.
    ///
    /// ## Why is this bad?
    /// Senders that find no valid record, or more than one, send no TLS
    /// reports (RFC 8460 §3): the domain does not learn that senders
    /// cannot deliver to it over TLS (an expired certificate, a broken
    /// MTA-STS policy) until mail is lost.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN  TXT  "v=TLSRPTv1; rua=tls-reports@example.com"
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// _smtp._tls  IN  TXT  "v=TLSRPTv1; rua=mailto:tls-reports@example.com"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §3 (reporting policy)
    name: "tlsrpt-syntax",
    severity: Error,
    summary: "TLS-RPT record does not parse, or there is more than one",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for record in records_of(cx, Kind::TlsRpt) {
        let mut findings = Vec::new();
        field_findings(&record, "TLS-RPT", REFERENCE, &["rua"], &mut findings);
        match record.tag("rua") {
            None => findings.push((
                record.tags.tags.first().map_or(0..record.text.len(), |t| t.range.clone()),
                "no `rua=` in the TLS-RPT record".to_string(),
                format!("add `rua=mailto:<address>` or `rua=https://<host>/<path>` ({REFERENCE})"),
            )),
            Some(rua) => {
                for (item, range) in list_items(&record.text, rua, b',') {
                    if let Some(problem) = uri_problem(&item, &["mailto", "https"]) {
                        findings.push((
                            if range.is_empty() { rua.range.clone() } else { range },
                            format!("`rua=` of the TLS-RPT record: {problem}"),
                            format!("write `mailto:` or `https:` URIs separated by `,` ({REFERENCE})"),
                        ));
                    }
                }
            }
        }
        for (range, message, help) in findings {
            let (d, _) = report_in(&RULE, zone, record.id, &record.text, range, message);
            out.push(d.with_label("senders send no reports").with_help(help));
        }
    }
    for (owner, records) in versioned_by_owner(cx, Kind::TlsRpt) {
        if records.len() > 1 {
            out.push(several(&RULE, cx, owner, &records, "TLS-RPT", KEEP_ONE));
        }
    }
}
