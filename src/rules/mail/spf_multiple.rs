//! `spf-multiple`

use super::analysis::is_spf_record;
use crate::dns::RecordType;
use crate::zone::RecordId;
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
    for &id in zone.records_of_type(RecordType::TXT) {
        if !is_spf_record(zone, id) {
            continue;
        }
        // Reported once per name, at its second SPF record: the first SPF
        // record of a name looks at the others, which are few.
        let owner = zone.record(id).owner;
        let at_owner: Vec<RecordId> = zone
            .rrset(owner, RecordType::TXT)
            .filter(|&other| is_spf_record(zone, other))
            .collect();
        if at_owner.len() < 2 || at_owner[0] != id {
            continue;
        }
        let site = |id: RecordId| zone.rdata_site(id, 0);
        let others = std::iter::once(at_owner[0]).chain(at_owner[2..].iter().copied());
        let name = zone.names().name(owner).to_string();
        out.push(multiple(
            site(at_owner[1]),
            &name,
            at_owner.len(),
            others.map(site).collect(),
        ));
    }
}
