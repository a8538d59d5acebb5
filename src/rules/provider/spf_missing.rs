//! `mx-provider-spf-missing`

use super::table::Provider;
use super::{hosted, provider};
use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::mail::analysis::{report_in, SpfRecord};
use crate::rules::mail::cost::literal_name;
use crate::rules::mail::lookup::{query, Answer};
use crate::rules::mail::spf::{Mechanism, Qualifier, TermKind};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Finds a name whose MX records point at a provider that sends the
    /// domain's mail (Google Workspace, Microsoft 365, Zoho, Proton,
    /// Fastmail, iCloud), whose SPF record neither includes the provider's
    /// published SPF record nor redirects to it.
    ///
    /// ## Why is this bad?
    /// The mailbox provider also sends the users' mail, from its own
    /// servers. When the domain's SPF record does not list them, receivers
    /// see SPF fail (or softfail) for every message, and with DMARC the
    /// mail is junked or rejected. This is what happens when a domain moves
    /// to a provider and keeps the SPF record of its old mail server.
    ///
    /// `include:` and `redirect=` targets inside the loaded zones are
    /// followed (a domain's own `_spf` record that includes the provider
    /// counts); a target at or below one of the provider's domains counts
    /// as the provider's. A target with macros, or a `+all`, leaves the
    /// rule quiet, as do a record with syntax errors (`spf-syntax`'s) and
    /// a record that authorises no host at all
    /// (`v=spf1 -all`: a domain that only receives mail). Filtering
    /// gateways (Mimecast, Proofpoint, Barracuda) do not send the domain's
    /// mail, and names without an SPF record are other rules' business.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  MX   1 smtp.google.com.
    /// @  IN  TXT  "v=spf1 mx -all"
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  MX   1 smtp.google.com.
    /// @  IN  TXT  "v=spf1 include:_spf.google.com -all"
    /// ```
    ///
    /// ## References
    /// - RFC 7208 §5.2 (`include`), §6.1 (`redirect`)
    /// - Google Workspace SPF: <https://support.google.com/a/answer/10685031>
    /// - the provider table: `docs/providers.md`
    name: "mx-provider-spf-missing",
    severity: Warning,
    summary: "SPF record does not authorise the mail provider the MX points at",
    fix: Never,
    check: check,
}

/// Most `include:`/`redirect=` levels followed (RFC 7208 §4.6.4 allows 10
/// lookups in all).
const MAX_DEPTH: usize = 10;

/// Whether `spf` authorises `p`'s senders: `None` when the record leaves it
/// open (a macro, a loop or too deep a chain).
fn authorises(cx: &Context<'_>, spf: &SpfRecord, p: &Provider, depth: usize) -> Option<bool> {
    // A record with errors is spf-syntax's: what it authorises is not known.
    if depth > MAX_DEPTH || !spf.spf.errors.is_empty() {
        return None;
    }
    let terms = &spf.spf.terms;
    let first_all = spf.spf.first_all();
    // Terms after `all` are never evaluated; beside it, nor is a redirect.
    let end = first_all.map_or(terms.len(), |i| i + 1);
    let has_all = first_all.is_some();
    let mut open = false;
    for term in &terms[..end] {
        let domain = match &term.kind {
            TermKind::Directive {
                mechanism: Mechanism::All,
                qualifier: Qualifier::Pass,
                ..
            } => return Some(true),
            TermKind::Directive {
                mechanism: Mechanism::Include,
                domain: Some(d),
                ..
            } => d,
            TermKind::Redirect(d) if !has_all => d,
            _ => continue,
        };
        let Some(literal) = domain.literal.as_deref() else {
            open = true;
            continue;
        };
        let literal = literal.trim_end_matches('.').to_ascii_lowercase();
        if p.owns_spf_domain(&literal) {
            return Some(true);
        }
        let Some(target) = literal_name(domain) else {
            continue;
        };
        // A target in the loaded zones is followed; elsewhere it is another
        // organisation's record, which does not list this provider.
        if let Answer::Found(zone, ids) = query(cx, target.as_ref(), RecordType::TXT) {
            let records: Vec<SpfRecord> = ids
                .iter()
                .filter_map(|&id| SpfRecord::of(zone, id))
                .collect();
            if let [record] = records.as_slice() {
                match authorises(cx, record, p, depth + 1) {
                    Some(true) => return Some(true),
                    None => open = true,
                    Some(false) => {}
                }
            }
        }
    }
    (!open).then_some(false)
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for owner in hosted(cx) {
        let senders: Vec<usize> = owner
            .providers()
            .into_iter()
            .filter(|&i| {
                let p = provider(cx, i);
                p.sends && !p.spf.is_empty()
            })
            .collect();
        if senders.is_empty() {
            continue;
        }
        let records: Vec<SpfRecord> = zone
            .rrset(owner.owner, RecordType::TXT)
            .filter_map(|id| SpfRecord::of(zone, id))
            .collect();
        // No SPF record, or several (spf-multiple): nothing to add to.
        let [spf] = records.as_slice() else {
            continue;
        };
        // `v=spf1 -all`: the domain says on purpose that it sends no mail
        // (it only receives at the provider).
        if spf
            .spf
            .terms
            .iter()
            .all(|t| matches!(t.mechanism(), Some(Mechanism::All)))
        {
            continue;
        }
        for i in senders {
            let p = provider(cx, i);
            if authorises(cx, spf, p, 0) != Some(false) {
                continue;
            }
            let Some(mx) = owner.of(i).next() else {
                continue;
            };
            let name = zone.owner_name(zone.record(mx.mx.id)).to_string();
            let name = name.trim_end_matches('.');
            // Labelled at the `all` term, where the include goes, or at
            // `v=spf1` when there is none.
            let range = spf
                .spf
                .first_all()
                .map_or(0..6, |a| spf.spf.terms[a].range.clone());
            let (d, _) = report_in(
                &RULE,
                zone,
                spf.id,
                &spf.text,
                range,
                format!(
                    "SPF record of `{name}` does not authorise {}, where its MX points: mail sent through it fails SPF",
                    p.name
                ),
            );
            out.push(
                d.with_label(format!("no `include:{}`", p.spf[0]))
                    .with_secondary(mx.mx.exchange_site(zone), format!("MX at {}", p.name))
                    .with_help(format!(
                        "add `include:{}` before the `all` term{}",
                        p.spf[0],
                        p.see()
                    )),
            );
        }
    }
}
