//! `dmarc-misplaced`

use super::policy::policies;
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Finds a TXT record starting with `v=DMARC1` at a name that is not
    /// `_dmarc.<domain>`: at the domain itself, or at a misspelt label
    /// (`_dmark`, `dmarc`, `_dmarc1`). Report authorisations
    /// (`<domain>._report._dmarc.<reporter>`, RFC 7489 §7.1) are where
    /// they belong and are left alone.
    ///
    /// ## Why is this bad?
    /// Receivers look for a domain's DMARC policy only at `_dmarc.<domain>`
    /// (RFC 7489 §6.1): a record anywhere else is never read, and the
    /// domain has no DMARC policy while its owner believes it has one.
    ///
    /// ## Example
    /// ```zone
    /// @       IN  TXT  "v=DMARC1; p=reject"
    /// _dmark  IN  TXT  "v=DMARC1; p=reject"
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// _dmarc  IN  TXT  "v=DMARC1; p=reject"
    /// ```
    ///
    /// ## References
    /// - RFC 7489 §6.1 (DMARC policy record), §7.1 (report authorisation)
    name: "dmarc-misplaced",
    severity: Warning,
    summary: "DMARC record at a name receivers never query",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let names = zone.names();
    for &id in &policies(cx).dmarc_elsewhere {
        let owner = zone.record(id).owner;
        let label = String::from_utf8_lossy(names.label(owner)).to_ascii_lowercase();
        let near = label.starts_with('_') && strsim::levenshtein(&label, "_dmarc") <= 2
            || strsim::levenshtein(&label, "_dmarc") == 1;
        let (domain, why) = match names.parent(owner) {
            Some(parent) if near => (parent, format!("`{label}` is not `_dmarc`")),
            _ => (owner, "receivers look only under `_dmarc`".to_string()),
        };
        let expected = format!("_dmarc.{}", names.name(domain));
        let at = names.name(owner);
        out.push(
            RULE.report(
                zone.rdata_site(id, 0),
                format!("DMARC record at `{at}`: receivers look for it at `{expected}`"),
            )
            .with_label(format!("never read: {why}"))
            .with_help(format!("move the record to `{expected}` (RFC 7489 §6.1)")),
        );
    }
}
