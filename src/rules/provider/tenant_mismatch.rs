//! `mx-provider-tenant-mismatch`

use super::{hosted, provider};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::dns::NameRef;
use crate::rules::{declare_rule, Context};
use crate::source::{Site, Span};
use crate::zone::record_flags;

declare_rule! {
    /// ## What it does
    /// Finds an MX record whose exchange follows a provider's per-domain
    /// pattern (Microsoft 365's `<label>.mail.protection.outlook.com` or
    /// `<label>.<zone>.mx.microsoft`) with a label that is not derived from
    /// the record's own name.
    ///
    /// ## Why is this bad?
    /// Microsoft 365 gives each domain its own exchange: the domain's name
    /// with its dots written as hyphens (`example.com` gives `example-com`).
    /// A record copied from another domain's setup names that domain's
    /// exchange. Mail may still arrive while both domains belong to one
    /// tenant, and stops when they do not; DNSSEC and DANE protect the
    /// other domain's name, not this one's.
    ///
    /// The rule stays quiet when the label is derived from the name or one
    /// of its parents (a subdomain may use its parent's exchange), and when
    /// it starts with the first label of the zone's name (`example-net` in
    /// the zone `example.com`: another domain of the same organisation,
    /// usually of the same tenant). Microsoft's numbered variants of a
    /// label (`example-com01b`) count as the label.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN example.com.
    /// @  IN  MX  0 contoso-com.mail.protection.outlook.com.
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// $ORIGIN example.com.
    /// @  IN  MX  0 example-com.mail.protection.outlook.com.
    /// ```
    ///
    /// ## Fix
    /// Unsafe: the label becomes the one derived from the record's name,
    /// for patterns that name one host per domain (not `mx.microsoft`,
    /// whose middle label only the admin center knows). Take the value the
    /// provider's admin center shows for the domain.
    ///
    /// ## References
    /// - Microsoft 365 DNS records:
    ///   <https://learn.microsoft.com/en-us/microsoft-365/enterprise/external-domain-name-system-records>
    name: "mx-provider-tenant-mismatch",
    severity: Error,
    summary: "MX names a provider's exchange of another domain",
    fix: Sometimes,
    check: check,
}

/// `name` (lowercased, no final dot) with its dots written as hyphens.
fn derived(labels: &[String]) -> String {
    labels.join("-")
}

/// A tenant label without hyphens and without a numbered suffix
/// (`example-com01b` → `examplecom`), for comparisons that ignore how the
/// provider spelt an ambiguous name.
fn skeleton(label: &str) -> String {
    label.chars().filter(|c| *c != '-').collect()
}

/// Whether the tenant label `tenant` stands for the domain `labels`
/// (its own label, or the label with a suffix such as `01b`).
fn stands_for(tenant: &str, labels: &[String]) -> bool {
    let (t, d) = (skeleton(tenant), skeleton(&derived(labels)));
    match t.strip_prefix(d.as_str()) {
        Some("") => true,
        Some(rest) => {
            rest.len() <= 3
                && rest.starts_with(|c: char| c.is_ascii_digit())
                && rest.chars().all(|c| c.is_ascii_alphanumeric())
        }
        None => false,
    }
}

fn lower_labels(name: NameRef<'_>) -> Vec<String> {
    name.labels()
        .filter(|l| !l.is_empty())
        .map(|l| String::from_utf8_lossy(l).to_ascii_lowercase())
        .collect()
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let names = zone.names();
    let apex = names.name(zone.apex());
    let apex_first = apex
        .as_ref()
        .first_label()
        .map(|l| String::from_utf8_lossy(l).to_ascii_lowercase());
    for owner in hosted(cx) {
        let name = names.name(owner.owner);
        if name.as_ref().is_wildcard() {
            continue;
        }
        let labels = lower_labels(name.as_ref());
        if labels.len() < 2 {
            continue;
        }
        for h in &owner.hosted {
            let Some((tenant, pattern)) = &h.at.tenant else {
                continue;
            };
            // The name and each parent with two labels or more.
            let ours = (0..labels.len() - 1).any(|skip| stands_for(tenant, &labels[skip..]));
            let sibling = apex_first.as_deref().is_some_and(|first| {
                tenant.split('-').next() == Some(first)
            });
            if ours || sibling {
                continue;
            }
            let p = provider(cx, h.at.provider);
            let pattern = &p.tenant[*pattern];
            let own = derived(&labels);
            let shown = name.to_string();
            let shown = shown.trim_end_matches('.');
            let expected = pattern
                .host_for(&own)
                .unwrap_or_else(|| pattern.text.replacen("{tenant}", &own, 1).replace('*', "<…>"));
            let at = h.mx.exchange_site(zone);
            let mut d = RULE
                .report(
                    at,
                    format!(
                        "MX `{}` is the {} exchange of another domain (`{tenant}`), not of `{shown}`",
                        h.at.host, p.name
                    ),
                )
                .with_label("another domain's exchange")
                .with_help(format!(
                    "{} gives each domain its own exchange, named after it: for `{shown}` it is `{expected}`; copy the MX the admin center shows for this domain{}",
                    p.name,
                    p.see()
                ));
            if let Some(fix) = fix(cx, h.mx.id, at, tenant, pattern.host_for(&own).is_some(), &own) {
                d = d.with_fix(fix);
            }
            out.push(d);
        }
    }
}

/// The edit of the tenant label as written in the exchange token.
fn fix(
    cx: &Context<'_>,
    id: crate::zone::RecordId,
    at: Site,
    tenant: &str,
    exact: bool,
    own: &str,
) -> Option<Fix> {
    let zone = cx.zone;
    if !exact || own.contains("xn--") || zone.record(id).has(record_flags::GENERATED) {
        return None;
    }
    let token = zone.site_text(at)?;
    let written = token.get(..tenant.len())?;
    // The label as the token starts (`contoso-com.mail…`, or the whole
    // token under `$ORIGIN mail.protection.outlook.com.`).
    if !written.eq_ignore_ascii_case(tenant.as_bytes())
        || !matches!(token.get(tenant.len()), Some(b'.') | None)
    {
        return None;
    }
    let label = Site::new(
        at.file,
        Span::new(at.span.start, at.span.start + tenant.len() as u32),
    );
    Some(Fix::unsafe_(
        format!("use this domain's exchange label `{own}`"),
        vec![Edit::replace(label, own)],
    ))
}
