//! `dmarc-syntax`

use super::analysis::report_in;
use super::policy::{list_items, meant_keyword, records_of, uri_problem, Kind, PolicyRecord};
use super::tags::Tag;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{declare_rule, Context};
use crate::zone::Zone;
use std::ops::Range;

const POLICIES: &[&str] = &["none", "quarantine", "reject"];
const ALIGNMENT: &[&str] = &["r", "s"];
/// The tags of RFC 7489 §6.3 and those DMARCbis adds (`np`, `psd`, `t`).
const KNOWN: &[&str] = &[
    "v", "p", "sp", "np", "adkim", "aspf", "pct", "fo", "rf", "ri", "rua", "ruf", "psd", "t",
];
/// Tags that DMARCbis removes, with the value that changes nothing (the
/// RFC 7489 default): only another value is worth a note.
const REMOVED: &[(&str, &str)] = &[("pct", "100"), ("rf", "afrf"), ("ri", "86400")];

/// One finding on a record: where, what, and what to do.
struct Finding {
    range: Range<usize>,
    message: String,
    help: String,
    severity: Severity,
    /// The value to write instead, for an unsafe fix.
    meant: Option<&'static str>,
}

fn error(range: Range<usize>, message: String, help: &str) -> Finding {
    Finding {
        range,
        message,
        help: help.to_string(),
        severity: Severity::Error,
        meant: None,
    }
}

/// A keyword value (`p=`, `adkim=` …) that is not one of `valid`.
fn keyword(tag: &Tag, valid: &[&'static str], help: &str, out: &mut Vec<Finding>) {
    if valid.iter().any(|k| k.eq_ignore_ascii_case(&tag.value)) {
        return;
    }
    let meant = meant_keyword(&tag.value, valid);
    let list: Vec<String> = valid.iter().map(|k| format!("`{k}`")).collect();
    let mut f = error(
        if tag.value_range.is_empty() { tag.range.clone() } else { tag.value_range.clone() },
        format!("DMARC `{}={}` is not one of {}", tag.name, tag.value, list.join(", ")),
        help,
    );
    f.meant = meant;
    out.push(f);
}

fn number(tag: &Tag, max: u64, help: &str, out: &mut Vec<Finding>) {
    let ok = !tag.value.is_empty()
        && tag.value.bytes().all(|b| b.is_ascii_digit())
        && tag.value.parse::<u64>().is_ok_and(|n| n <= max);
    if !ok {
        out.push(error(
            tag.value_range.clone(),
            format!("DMARC `{}={}` is not a number from 0 to {max}", tag.name, tag.value),
            help,
        ));
    }
}

/// The findings on one DMARC record.
fn findings(record: &PolicyRecord) -> Vec<Finding> {
    let mut out = Vec::new();
    let tags = &record.tags;
    for (range, message) in &tags.errors {
        out.push(error(
            range.clone(),
            format!("DMARC record: {message}"),
            "write the record as `tag=value` pairs separated by `;` (RFC 7489 §6.4)",
        ));
    }
    match tags.tags.first() {
        Some(first) if first.name == "v" && first.value == "DMARC1" => {}
        Some(first) if first.name == "v" => out.push(error(
            first.value_range.clone(),
            format!("DMARC version `v={}`: it is `v=DMARC1`, in capitals", first.value),
            "write `v=DMARC1` (RFC 7489 §6.4)",
        )),
        Some(first) => {
            let v = tags.get("v");
            out.push(error(
                v.map_or(first.range.clone(), |v| v.range.clone()),
                if v.is_some() {
                    "`v=DMARC1` is not the first tag: receivers discard the record".to_string()
                } else {
                    "DMARC record without `v=DMARC1`: receivers discard it".to_string()
                },
                "start the record with `v=DMARC1;` (RFC 7489 §6.4, §6.6.3)",
            ));
        }
        None => {}
    }
    if let Some((second, first)) = tags.repeated() {
        let mut f = error(
            second.range.clone(),
            format!("DMARC tag `{}` is written twice", second.name),
            "keep one of them: a tag list with a repeated tag is invalid (RFC 6376 §3.2, RFC 7489 §6.3)",
        );
        f.help = format!("{} (the first is `{}`)", f.help, first.value);
        out.push(f);
    }
    if tags.get("p").is_none() {
        out.push(error(
            tags.tags.first().map_or(0..record.text.len(), |t| t.range.clone()),
            "DMARC record without a `p=` policy".to_string(),
            "add `p=none`, `p=quarantine` or `p=reject` after `v=DMARC1` (RFC 7489 §6.3: p is required)",
        ));
    }
    for tag in &tags.tags {
        let policy_help = "write `none`, `quarantine` or `reject` (RFC 7489 §6.3)";
        match tag.name.as_str() {
            "v" => {}
            "p" | "sp" | "np" => keyword(tag, POLICIES, policy_help, &mut out),
            "adkim" | "aspf" => keyword(
                tag,
                ALIGNMENT,
                "write `r` (relaxed) or `s` (strict) (RFC 7489 §6.3)",
                &mut out,
            ),
            "psd" => keyword(tag, &["y", "n", "u"], "write `y`, `n` or `u` (DMARCbis)", &mut out),
            "t" => keyword(tag, &["y", "n"], "write `y` or `n` (DMARCbis)", &mut out),
            "pct" => number(tag, 100, "write a percentage from 0 to 100 (RFC 7489 §6.3)", &mut out),
            "ri" => number(tag, u64::from(u32::MAX), "write the report interval in seconds (RFC 7489 §6.3)", &mut out),
            "fo" => {
                for (item, range) in list_items(&record.text, tag, b':') {
                    if !["0", "1", "d", "s"].contains(&item.to_ascii_lowercase().as_str()) {
                        out.push(error(
                            range,
                            format!("DMARC `fo=` option `{item}` is not `0`, `1`, `d` or `s`"),
                            "write failure options from `0`, `1`, `d`, `s`, separated by `:` (RFC 7489 §6.3)",
                        ));
                    }
                }
            }
            "rf" => {
                for (item, range) in list_items(&record.text, tag, b':') {
                    let keyword = item.starts_with(|c: char| c.is_ascii_alphabetic())
                        && item.chars().all(|c| c.is_ascii_alphanumeric());
                    if !keyword {
                        out.push(error(
                            range,
                            format!("DMARC `rf=` format `{item}` is not a keyword"),
                            "write `rf=afrf` (RFC 7489 §6.3)",
                        ));
                    }
                }
            }
            "rua" | "ruf" => {
                for (item, range) in list_items(&record.text, tag, b',') {
                    // A size limit may follow: `!10m` (RFC 7489 §6.4).
                    let uri = match item.rsplit_once('!') {
                        Some((uri, size))
                            if size.trim_end_matches(['k', 'm', 'g', 't', 'K', 'M', 'G', 'T'])
                                .bytes()
                                .all(|b| b.is_ascii_digit())
                                && !size.is_empty() =>
                        {
                            uri
                        }
                        _ => item.as_str(),
                    };
                    if let Some(problem) = uri_problem(uri, &["mailto", "https"]) {
                        out.push(error(
                            if range.is_empty() { tag.range.clone() } else { range },
                            format!("DMARC `{}=`: {problem}", tag.name),
                            "write report addresses as `mailto:` URIs separated by `,` (RFC 7489 §6.4)",
                        ));
                    }
                }
            }
            name => {
                if let Some(meant) = super::spf::nearest(name, KNOWN.iter().copied()) {
                    out.push(Finding {
                        range: tag.name_range.clone(),
                        message: format!("unknown DMARC tag `{name}`: receivers ignore it"),
                        help: format!("write `{meant}` (RFC 7489 §6.3 lists the tags)"),
                        severity: Severity::Warning,
                        meant: None,
                    });
                }
            }
        }
        let judged = out.iter().any(|f| f.range.start >= tag.range.start && f.range.end <= tag.range.end);
        let removed = REMOVED
            .iter()
            .any(|(name, default)| tag.name == *name && !tag.value.eq_ignore_ascii_case(default));
        if removed && !judged {
            out.push(Finding {
                range: tag.range.clone(),
                message: format!("DMARC tag `{}` is removed by DMARCbis", tag.name),
                help: "receivers that follow DMARCbis ignore it; `pct` gives way to `t=y` (testing)".to_string(),
                severity: Severity::Info,
                meant: None,
            });
        }
    }
    out
}

fn report(zone: &Zone, record: &PolicyRecord, f: Finding) -> Diagnostic {
    let (d, written) = report_in(&RULE, zone, record.id, &record.text, f.range.clone(), f.message);
    let label = match f.severity {
        Severity::Error => "receivers do not apply the policy as written",
        Severity::Warning => "ignored by receivers",
        _ => "removed by DMARCbis",
    };
    let d = d.with_label(label).with_help(f.help).with_severity(f.severity);
    let fix = f.meant.and_then(|meant| written.replacement(f.range, meant));
    match fix {
        Some(fix) => d.with_fix(fix),
        None => d,
    }
}

declare_rule! {
    /// ## What it does
    /// Reads each TXT record at a `_dmarc` name that is a DMARC record
    /// (it names `v=DMARC1`, or has a `p=` tag) by RFC 7489 §6.4, the
    /// strings joined first, and finds: `v=DMARC1` missing, misspelt or not
    /// first; `p=` missing; a policy (`p`, `sp`, `np`) that is not `none`,
    /// `quarantine` or `reject`; `adkim`/`aspf` not `r` or `s`; `pct` not
    /// 0–100; `fo`, `rf`, `ri` out of their grammar; a report address
    /// (`rua`, `ruf`) that is not a `mailto:` or `https:` URI (the common
    /// `rua=dmarc@example.com`); a tag written twice. An unknown tag one
    /// edit from a known one is a warning (receivers ignore unknown tags);
    /// `pct`, `rf` and `ri`, which DMARCbis removes, are noted as info when
    /// they say something else than the default (`pct=100`, `rf=afrf`,
    /// `ri=86400` change nothing, under either).
    ///
    /// ## Why is this bad?
    /// Receivers discard a record whose version is not first, and one
    /// without a valid `p` (unless it has a valid `rua`, when they act as
    /// if it said `p=none`): the domain that meant `p=reject` gets no
    /// protection from spoofing, and the reports it expects never come.
    ///
    /// ## Example
    /// ```zone
    /// _dmarc  IN  TXT  "v=DMARC1; p=rejected; rua=dmarc@example.com"
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// _dmarc  IN  TXT  "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
    /// ```
    ///
    /// ## Fix
    /// Unsafe: a keyword value one edit away from exactly one valid value,
    /// or a valid value with an ending added (`rejected` → `reject`), is
    /// rewritten, when it was written in one string without escapes.
    ///
    /// ## Known limits
    /// Only records at `_dmarc` names are read (`dmarc-misplaced` reports
    /// the others); a report URI is checked for its form, not whether its
    /// mailbox exists.
    ///
    /// ## References
    /// - RFC 7489 §6.3 (tags), §6.4 (formal definition), §6.6.3 (policy
    ///   discovery); DMARCbis (draft-ietf-dmarc-dmarcbis) for `np`, `psd`, `t`
    name: "dmarc-syntax",
    severity: Error,
    summary: "DMARC record does not parse, or a tag has a bad value",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for record in records_of(cx, Kind::Dmarc) {
        for f in findings(&record) {
            out.push(report(cx.zone, &record, f));
        }
    }
}
