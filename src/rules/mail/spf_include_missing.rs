//! `spf-include-missing`

use super::analysis::{mentions, report_in, spf_records_where};
use super::cost::literal_name;
use super::lookup::{query, Answer};
use super::spf::{is_spf, Mechanism, TermKind};
use super::text::joined;
use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Finds an `include:` or `redirect=` whose target is in the zones of
    /// the run and has no SPF record (no TXT record starting with
    /// `v=spf1`, or the name does not exist).
    ///
    /// ## Why is this bad?
    /// An include of a domain without an SPF record is a `permerror`
    /// (RFC 7208 §5.2), as is a redirect to one (§6.1): the whole record
    /// fails, for every sender. The usual cause is `include:` written for
    /// "my mail host" where `a:` was meant.
    ///
    /// ## Example
    /// ```zone
    /// @     IN  TXT  "v=spf1 include:mail.example.com -all"
    /// mail  IN  A    192.0.2.25
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @     IN  TXT  "v=spf1 a:mail.example.com -all"
    /// mail  IN  A    192.0.2.25
    /// ```
    ///
    /// ## Known limits
    /// Targets outside the loaded zones, at or below a delegation, or
    /// written with macros are not judged.
    ///
    /// ## References
    /// - RFC 7208 §5.2 (include), §6.1 (redirect)
    name: "spf-include-missing",
    severity: Error,
    summary: "`include:` or `redirect=` names a domain with no SPF record",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for record in spf_records_where(cx, |t| mentions(t, b"include") || mentions(t, b"redirect")) {
        let has_all = record.spf.first_all().is_some();
        for term in &record.spf.terms {
            let (domain, what) = match &term.kind {
                TermKind::Directive {
                    mechanism: Mechanism::Include,
                    domain: Some(d),
                    ..
                } => (d, "include:"),
                // Beside `all`, a redirect is never followed.
                TermKind::Redirect(d) if !has_all => (d, "redirect="),
                _ => continue,
            };
            let Some(target) = literal_name(domain) else {
                continue;
            };
            let has_spf = match query(cx, target.as_ref(), RecordType::TXT) {
                Answer::Unknown => continue,
                Answer::Void => false,
                Answer::Found(zone, ids) => ids
                    .iter()
                    .filter_map(|&id| joined(zone.rdata(zone.record(id))))
                    .any(|t| is_spf(&t)),
            };
            if has_spf {
                continue;
            }
            let has_address = matches!(query(cx, target.as_ref(), RecordType::A), Answer::Found(..))
                || matches!(query(cx, target.as_ref(), RecordType::AAAA), Answer::Found(..));
            let (d, _) = report_in(
                &RULE,
                cx.zone,
                record.id,
                &record.text,
                term.range.clone(),
                format!(
                    "`{what}{}` names a domain with no SPF record",
                    domain.literal.as_deref().unwrap_or_default()
                ),
            );
            let help = if has_address && what == "include:" {
                format!("to allow that host's addresses write `a:{}`; an include of a domain without SPF fails the record (permerror, RFC 7208 §5.2)", domain.literal.as_deref().unwrap_or_default())
            } else {
                format!("publish an SPF record at `{target}`, or remove the term (permerror, RFC 7208 §5.2, §6.1)")
            };
            out.push(d.with_label("no `v=spf1` record there").with_help(help));
        }
    }
}
