//! `spf-multiple`

use super::analysis::spf_records;
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};
use crate::source::Site;

/// A second (or later) SPF record `at` of `owner`, beside `others`.
fn multiple(at: Site, owner: &str, count: usize, others: Vec<Site>) -> Diagnostic {
    let mut d = RULE
        .report(at, format!("`{owner}` has {count} SPF records"))
        .with_label("another SPF record")
        .with_help(
            "merge them into one `v=spf1` record: with more than one, receivers fail SPF for the domain (permerror, RFC 7208 §4.5)",
        );
    for site in others {
        d = d.with_secondary(site, "SPF record at the same name");
    }
    d
}

declare_rule! {
    /// ## What it does
    /// Finds a name with more than one TXT record starting with `v=spf1`.
    ///
    /// ## Why is this bad?
    /// RFC 7208 §4.5: when a query finds more than one SPF record, the
    /// result is `permerror`, whatever the records say. This happens when
    /// a second service's setup guide says "add this TXT record" and the
    /// domain already has one: the mail of both stops authenticating.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  TXT  "v=spf1 include:_spf.google.com ~all"
    /// @  IN  TXT  "v=spf1 include:mailgun.org ~all"
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  TXT  "v=spf1 include:_spf.google.com include:mailgun.org ~all"
    /// ```
    ///
    /// ## Known limits
    /// Records of the obsolete SPF type (99) are not counted: receivers
    /// look only at TXT (RFC 7208 §3.1).
    ///
    /// ## References
    /// - RFC 7208 §3.2, §4.5
    name: "spf-multiple",
    severity: Error,
    summary: "a name has more than one SPF record (permerror)",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    // The records of each owner, owners in the order of their first record.
    let mut by_owner: std::collections::HashMap<crate::zone::NameId, Vec<Site>> =
        std::collections::HashMap::new();
    let mut order = Vec::new();
    for record in spf_records(cx) {
        let owner = zone.record(record.id).owner;
        let sites = by_owner.entry(owner).or_insert_with(|| {
            order.push(owner);
            Vec::new()
        });
        sites.push(zone.rdata_site(record.id, 0));
    }
    for owner in order {
        let sites = &by_owner[&owner];
        if sites.len() < 2 {
            continue;
        }
        let name = zone.names().name(owner).to_string();
        let others = std::iter::once(sites[0]).chain(sites[2..].iter().copied());
        out.push(multiple(sites[1], &name, sites.len(), others.collect()));
    }
}
