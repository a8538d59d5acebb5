//! `spf-syntax`

use super::analysis::{report_in, spf_records};
use super::spf::SpfError;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{declare_rule, Context};
use crate::zone::{RecordId, Zone};

/// The break `error` of the SPF record `id` (joined text `text`).
fn broken(zone: &Zone, id: RecordId, text: &[u8], error: &SpfError) -> Diagnostic {
    let (d, written) = report_in(
        &RULE,
        zone,
        id,
        text,
        error.range.clone(),
        error.message.clone(),
    );
    let d = if error.ignored {
        d.with_label("ignored by receivers")
            .with_severity(Severity::Warning)
    } else {
        d.with_label("receivers fail the whole record (permerror)")
    };
    let mut d = d.with_help(error.help.clone());
    if let Some(first) = &error.first {
        d = d.with_secondary(written.site(first.clone()), "first written here");
    }
    let fix = error
        .suggestion
        .as_ref()
        .and_then(|meant| written.replacement(error.range.clone(), meant));
    match fix {
        Some(fix) => d.with_fix(fix),
        None => d,
    }
}

declare_rule! {
    /// ## What it does
    /// Reads every TXT record that starts with `v=spf1` (ASCII case
    /// ignored, then a space or the end: RFC 7208 §4.5) by the grammar of
    /// RFC 7208 §12, the strings of the record joined first (§3.3), and
    /// finds what breaks it: an unknown mechanism (`inclde:`), a bad
    /// `ip4:`/`ip6:` address or prefix length, a bad macro (§7), a
    /// modifier written twice (§6), a domain that is not a domain-spec
    /// (`a:localhost`: one label), a control character or a byte that is
    /// not ASCII. The label is on the offending part of the term, where it
    /// was written (both parts when it was split over two strings).
    ///
    /// An unknown modifier is valid and ignored by receivers; one a single
    /// edit away from `redirect` or `exp` (`redirct=`) is reported as a
    /// warning.
    ///
    /// ## Why is this bad?
    /// A receiver that meets a syntax error stops and returns `permerror`
    /// for the whole record (RFC 7208 §4.6): none of the record's other
    /// terms apply, and receivers that enforce DMARC treat the mail as not
    /// authenticated by SPF. The mail is junked or rejected while the
    /// record looks almost right.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  TXT  "v=spf1 inclde:_spf.example.net ip4:192.0.2.300 -all"
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  TXT  "v=spf1 include:_spf.example.net ip4:192.0.2.30 -all"
    /// ```
    ///
    /// ## Fix
    /// Unsafe: an unknown mechanism or a misspelt modifier within one edit
    /// of exactly one known name (`inclde` → `include`, `ipv4` → `ip4`) is
    /// rewritten, when the term was written in one string without
    /// escapes. Review it: the typo may hide another intent.
    ///
    /// ## Known limits
    /// Only TXT records are read (receivers look only at TXT, §3.1); what
    /// a macro expands to is known only at query time, so a domain-spec
    /// ending with a macro is not judged beyond its syntax.
    ///
    /// ## References
    /// - RFC 7208 §3.1, §4.5, §4.6, §5 (mechanisms), §6 (modifiers),
    ///   §7 (macros), §12 (collected ABNF)
    name: "spf-syntax",
    severity: Error,
    summary: "SPF record does not parse: receivers fail it (permerror)",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for record in spf_records(cx) {
        for error in &record.spf.errors {
            out.push(broken(cx.zone, record.id, &record.text, error));
        }
    }
}
