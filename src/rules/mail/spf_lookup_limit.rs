//! `spf-lookup-limit`

use super::analysis::{report_in, spf_records};
use super::cost::{term_costs, Cost, MAX_MX};
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};

/// Most DNS-querying terms of one evaluation (RFC 7208 §4.6.4).
const MAX_LOOKUPS: usize = 10;
/// Most void lookups of one evaluation (RFC 7208 §4.6.4).
const MAX_VOIDS: usize = 2;

declare_rule! {
    /// ## What it does
    /// Counts the terms of an SPF record that make DNS queries (`include`,
    /// `a`, `mx`, `ptr`, `exists`, `redirect`: RFC 7208 §4.6.4), adding
    /// those of the records that `include:` and `redirect=` lead to when
    /// they are in the zones of the run, and reports a record whose
    /// evaluation can pass 10. A target outside the loaded zones (or
    /// written with a macro) counts 1, and the message then says "at
    /// least". It also reports an include loop, and more than 2 void
    /// lookups: `a`, `mx` and `exists` of names that the loaded zones
    /// answer with nothing, and an `mx` term whose name has more than 10
    /// MX records (receivers look up the addresses of 10 at most).
    ///
    /// The label is on the term at which the count passes the limit.
    ///
    /// ## Why is this bad?
    /// Receivers stop at the eleventh DNS-querying term, or at the third
    /// void lookup, and the result is `permerror`: the domain's mail fails
    /// SPF. Each `include:` of a provider costs its own lookups (Google
    /// Workspace's costs 4, Microsoft 365's 2), so a domain that adds one
    /// more service can pass 10 without a visible change.
    ///
    /// ## Example
    /// ```zone
    /// @     IN  TXT  "v=spf1 a mx include:_spf.example.com ~all"
    /// _spf  IN  TXT  "v=spf1 a:m1.example.com a:m2.example.com a:m3.example.com a:m4.example.com a:m5.example.com a:m6.example.com a:m7.example.com -all"
    /// ```
    ///
    /// Use instead (addresses cost no lookup):
    /// ```zone
    /// _spf  IN  TXT  "v=spf1 ip4:192.0.2.0/28 -all"
    /// ```
    ///
    /// ## Known limits
    /// Evaluation stops at the first matching term; the count is the worst
    /// case, which is what a sender that matches nothing costs. Names
    /// outside the loaded zones are not looked up (zonelint makes no DNS
    /// query).
    ///
    /// ## References
    /// - RFC 7208 §4.6.4 (DNS lookup limits), §5.2, §6.1
    name: "spf-lookup-limit",
    severity: Error,
    summary: "SPF evaluation needs more than 10 DNS lookups or 2 void lookups",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for record in spf_records(cx) {
        let owner = zone.owner_name(zone.record(record.id));
        let costs = term_costs(cx, &owner, &record.spf, &mut Vec::new());
        let mut total = Cost::default();
        let mut over = None;
        let mut voids_over = None;
        let mut looped = None;
        let mut many_mx = None;
        for (i, cost) in costs.iter().enumerate() {
            let before = total;
            total.lookups += cost.lookups;
            total.at_least |= cost.at_least;
            total.voids += cost.voids;
            if before.lookups <= MAX_LOOKUPS && total.lookups > MAX_LOOKUPS {
                over = Some(i);
            }
            if before.voids <= MAX_VOIDS && total.voids > MAX_VOIDS {
                voids_over = Some(i);
            }
            if cost.looped && looped.is_none() {
                looped = Some(i);
            }
            if cost.mx_records > 0 && many_mx.is_none() {
                many_mx = Some((i, cost.mx_records));
            }
        }
        let range = |i: usize| record.spf.terms[i].range.clone();
        if let Some(i) = looped {
            let (d, _) = report_in(&RULE, zone, record.id, &record.text, range(i),
                format!("SPF record of `{owner}` includes itself"));
            out.push(d.with_label("leads back to a record being evaluated")
                .with_help("break the loop: an include loop passes every lookup limit (permerror, RFC 7208 §4.6.4, §5.2)"));
        } else if let Some(i) = over {
            let least = if total.at_least { "at least " } else { "" };
            let (d, _) = report_in(&RULE, zone, record.id, &record.text, range(i),
                format!("SPF record of `{owner}` needs {least}{} DNS lookups, more than {MAX_LOOKUPS}", total.lookups));
            out.push(d.with_label(format!("lookup {} here", MAX_LOOKUPS + 1))
                .with_help("replace `a`, `mx` and nested includes by `ip4:`/`ip6:` networks, or drop unused includes (RFC 7208 §4.6.4: permerror after 10)"));
        }
        if let Some((i, count)) = many_mx {
            let term = &record.spf.terms[i];
            let nested = !matches!(term.mechanism(), Some(super::spf::Mechanism::Mx));
            let (d, _) = report_in(&RULE, zone, record.id, &record.text, range(i),
                if nested {
                    format!("an `mx` term reached through this one finds {count} MX records, more than {MAX_MX}")
                } else {
                    format!("`mx` finds {count} MX records, more than {MAX_MX}")
                });
            out.push(d.with_label("receivers fail the record here (permerror)")
                .with_help("list the mail servers as `ip4:`/`ip6:` networks, or keep at most 10 MX records at the name (RFC 7208 §4.6.4)"));
        }
        if let Some(i) = voids_over {
            let (d, _) = report_in(&RULE, zone, record.id, &record.text, range(i),
                format!("SPF record of `{owner}` makes {} void lookups, more than {MAX_VOIDS}", total.voids));
            out.push(d.with_label("a name with no such records in the loaded zones")
                .with_help("remove the terms whose names have no address or MX (RFC 7208 §4.6.4: permerror after 2 void lookups)"));
        }
    }
}
