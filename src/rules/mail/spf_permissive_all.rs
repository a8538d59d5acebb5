//! `spf-permissive-all`

use super::analysis::{mentions, report_in, spf_records_where};
use super::spf::{Qualifier, TermKind};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Finds an SPF record that ends in `+all` or a bare `all` (which is
    /// `+all`), and, as info, in `?all`.
    ///
    /// ## Why is this bad?
    /// `all` matches every sender, and its qualifier is the result for any
    /// host the terms before it did not match (RFC 7208 §5.1). With `+`,
    /// every host on the Internet passes SPF for the domain: spammers can
    /// send as it and pass DMARC's SPF alignment. `?all` (neutral) says
    /// nothing about other hosts; receivers treat it as no policy.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  TXT  "v=spf1 mx include:_spf.google.com +all"
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  TXT  "v=spf1 mx include:_spf.google.com ~all"
    /// ```
    ///
    /// ## Known limits
    /// Only the first `all` of a record counts (terms after it are never
    /// reached; `spf-unreachable-terms` reports them).
    ///
    /// ## References
    /// - RFC 7208 §4.6.2 (qualifiers), §5.1 (all), §8 (results)
    name: "spf-permissive-all",
    severity: Warning,
    summary: "SPF record lets every host send as the domain (`+all`)",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // Only `+all`, `?all` and a bare `all` can be reported.
    let worth = |t: &[u8]| mentions(t, b"+all") || mentions(t, b"?all") || mentions(t, b" all");
    for record in spf_records_where(cx, worth) {
        let first_all = record.spf.first_all().map(|i| &record.spf.terms[i]);
        let Some(term) = first_all else {
            continue;
        };
        let TermKind::Directive {
            qualifier,
            explicit,
            ..
        } = term.kind
        else {
            continue;
        };
        let written = String::from_utf8_lossy(&record.text[term.range.clone()]).into_owned();
        let (d, _) = match qualifier {
            Qualifier::Pass => report_in(
                &RULE,
                cx.zone,
                record.id,
                &record.text,
                term.range.clone(),
                format!("SPF `{written}` lets every host on the Internet send as this domain"),
            ),
            Qualifier::Neutral => report_in(
                &RULE,
                cx.zone,
                record.id,
                &record.text,
                term.range.clone(),
                "SPF `?all` gives no policy for other hosts".to_string(),
            ),
            Qualifier::Fail | Qualifier::SoftFail => continue,
        };
        let d = if qualifier == Qualifier::Pass {
            let what = if explicit { "`+all`" } else { "a bare `all` (it means `+all`)" };
            d.with_label(format!("{what} passes every sender"))
                .with_help("end the record with `~all` (soft fail) or `-all` (fail) once every real sender is listed (RFC 7208 §5.1)")
        } else {
            d.with_label("neutral for every other host")
                .with_help("end the record with `~all` or `-all` to say that other hosts are not the domain's senders (RFC 7208 §8.2)")
                .with_severity(Severity::Info)
        };
        out.push(d);
    }
}
