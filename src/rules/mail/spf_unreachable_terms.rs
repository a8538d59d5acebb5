//! `spf-unreachable-terms`

use super::analysis::{report_in, spf_records_where};
use super::spf::TermKind;
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Finds SPF terms receivers never use: mechanisms after `all`, and a
    /// `redirect=` in a record that has `all`.
    ///
    /// ## Why is this bad?
    /// `all` always matches, so the mechanisms after it are never tested
    /// (RFC 7208 §5.1: "MUST be ignored"), and `redirect=` applies only
    /// when no mechanism matched, which `all` makes impossible (§6.1).
    /// Whoever added them believed those senders were authorised: their
    /// mail fails SPF.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  TXT  "v=spf1 mx -all include:_spf.example.net"
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  TXT  "v=spf1 mx include:_spf.example.net -all"
    /// ```
    ///
    /// ## References
    /// - RFC 7208 §5.1, §6.1
    name: "spf-unreachable-terms",
    severity: Warning,
    summary: "SPF terms after `all`, or `redirect=` beside `all`, are ignored",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // Only a record with something after its first `all` can be reported.
    let worth = |t: &[u8]| {
        let Some(at) = t.windows(3).position(|w| w.eq_ignore_ascii_case(b"all")) else {
            return false;
        };
        t[at + 3..].iter().any(|b| !b.is_ascii_whitespace())
    };
    for record in spf_records_where(cx, worth) {
        let terms = &record.spf.terms;
        let Some(all) = record.spf.first_all() else {
            continue;
        };
        let after: Vec<_> = terms[all + 1..]
            .iter()
            .filter(|t| matches!(t.kind, TermKind::Directive { .. }))
            .collect();
        if let (Some(first), Some(last)) = (after.first(), after.last()) {
            let n = after.len();
            let (what, them) = if n == 1 {
                ("1 mechanism after `all` is".to_string(), "it")
            } else {
                (format!("{n} mechanisms after `all` are"), "them")
            };
            let (d, _) = report_in(
                &RULE,
                cx.zone,
                record.id,
                &record.text,
                first.range.start..last.range.end,
                format!("{what} never tested"),
            );
            out.push(d.with_label("after `all`").with_help(format!(
                "move {them} before `all` (RFC 7208 §5.1: mechanisms after `all` are ignored)"
            )));
        }
        for term in terms {
            if !matches!(term.kind, TermKind::Redirect(_)) {
                continue;
            }
            let (d, written) = report_in(
                &RULE,
                cx.zone,
                record.id,
                &record.text,
                term.range.clone(),
                "`redirect=` is ignored in a record with `all`".to_string(),
            );
            out.push(
                d.with_label("ignored")
                    .with_secondary(
                        written.site(terms[all].range.clone()),
                        "`all` always matches first",
                    )
                    .with_help("remove `all` to use the redirect, or remove the redirect (RFC 7208 §6.1)"),
            );
        }
    }
}
