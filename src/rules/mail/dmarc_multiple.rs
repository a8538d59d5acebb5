//! `dmarc-multiple`

use super::policy::{several, versioned_by_owner, Kind};
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Finds a `_dmarc` name with more than one TXT record starting with
    /// `v=DMARC1`.
    ///
    /// ## Why is this bad?
    /// RFC 7489 §6.6.3: when the query finds more than one DMARC record,
    /// receivers apply none ("the domain has no DMARC policy"). This
    /// happens when a reporting service's setup guide says "add this
    /// record" and the domain already has one: `p=reject` stops protecting
    /// the domain.
    ///
    /// ## Example
    /// ```zone
    /// _dmarc  IN  TXT  "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
    /// _dmarc  IN  TXT  "v=DMARC1; p=none; rua=mailto:a1b2@reports.example.net"
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// _dmarc  IN  TXT  "v=DMARC1; p=reject; rua=mailto:dmarc@example.com,mailto:a1b2@reports.example.net"
    /// ```
    ///
    /// ## References
    /// - RFC 7489 §6.6.3 (policy discovery, step 5)
    name: "dmarc-multiple",
    severity: Error,
    summary: "a `_dmarc` name has more than one DMARC record (none applies)",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (owner, records) in versioned_by_owner(cx, Kind::Dmarc) {
        if records.len() > 1 {
            out.push(several(&RULE, cx, owner, &records, "DMARC", "merge them into one `v=DMARC1` record: with more than one, receivers apply no DMARC policy (RFC 7489 §6.6.3)"));
        }
    }
}
