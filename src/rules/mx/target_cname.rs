//! `mx-target-cname`

use super::analysis::mx_issues;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::target::{host_at_chain_end, Blocked, editable, spell, target_at, Issue};
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::Alias;

/// The exchange is `alias`, whose record (its type token `record`) is
/// `owner` → `target`; the chain ends at `end` (spelled as the exchange
/// was), or why it offers no name to point at.
fn alias_target(
    at: Site,
    exchange: &str,
    alias: Alias,
    record: Site,
    owner: &str,
    target: &str,
    end: Result<(String, String), Blocked>,
) -> Diagnostic {
    let message = match alias {
        Alias::Cname(_) => format!("MX exchange `{exchange}` is an alias (CNAME)"),
        Alias::WildcardCname(_) => {
            format!("MX exchange `{exchange}` is an alias (matched by a wildcard CNAME)")
        }
        Alias::Dname(_) => format!("MX exchange `{exchange}` is below a DNAME, so it is an alias"),
    };
    let d = RULE
        .report(at, message)
        .with_label("an alias")
        .with_secondary(
            record,
            format!("`{owner}` is a {} for `{target}`", alias.kind()),
        );
    match end {
        Ok((end, spelled)) => d
            .with_help(format!(
                "point the MX at `{end}`, the name the alias leads to"
            ))
            .with_fix(Fix::unsafe_(
                format!("point the MX at `{spelled}`"),
                vec![Edit::replace(at, spelled)],
            )),
        Err(blocked) => d.with_help(blocked.help("point the MX at a host name that has an A or AAAA record")),
    }
}

declare_rule! {
    /// ## What it does
    /// Finds MX exchanges that own a CNAME, are below a DNAME, or are
    /// matched by a wildcard CNAME in the loaded zones (names compared
    /// case-insensitively).
    ///
    /// ## Why is this bad?
    /// RFC 2181 §10.3 forbids an MX exchange to be an alias, and RFC 5321
    /// §5.1 lets senders treat it as an error. Many mail servers refuse
    /// such MX records or defer mail, and the extra lookup hides where mail
    /// really goes.
    ///
    /// ## Example
    /// ```zone
    /// @     IN  MX     10 smtp.example.com.
    /// smtp  IN  CNAME  mx1.example.com.
    /// mx1   IN  A      192.0.2.25
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @     IN  MX     10 mx1.example.com.
    /// ```
    ///
    /// ## Fix
    /// Unsafe: replace the exchange with the name the alias chain ends at
    /// (CNAMEs and DNAMEs followed through the loaded zones). None when the
    /// chain loops or ends at a name of the loaded zones without an
    /// address. Unsafe because the alias may exist on purpose, to move mail
    /// by editing one record.
    ///
    /// ## References
    /// - RFC 2181 §10.3, RFC 5321 §5.1, RFC 6672 (DNAME), RFC 4592
    ///   (wildcards)
    name: "mx-target-cname",
    severity: Error,
    summary: "MX exchange is an alias (CNAME or below a DNAME)",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for mx in mx_issues(cx) {
        let Issue::Alias(alias_zone, alias) = mx.issue else {
            continue;
        };
        let alias_zone = cx.zone_by_id(alias_zone);
        let exchange = target_at(zone, mx.id, 2).expect("classified");
        let target = alias_zone
            .alias_target(alias)
            .map_or_else(String::new, |n| n.to_string());
        let owner = alias_zone.owner_name(alias_zone.record(alias.record()));
        let end = host_at_chain_end(cx, exchange).map(|end| (end.to_string(), spell(zone, end.as_ref(), mx.written)));
        let mut d = alias_target(
            zone.rdata_site(mx.id, 1),
            &exchange.to_string(),
            alias,
            alias_zone.type_site(alias.record()),
            &owner.to_string(),
            &target,
            end,
        );
        if !editable(zone.record(mx.id)) {
            d.fix = None;
        }
        out.push(d);
    }
}
