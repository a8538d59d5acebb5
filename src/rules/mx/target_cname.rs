//! `mx-target-cname`

use super::analysis::mx_issues;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::target::{alias_facts, editable, target_at, AliasFacts};
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::Alias;

/// The MX exchange `exchange` (token `at`) is an alias: `facts` say which
/// record makes it one and where its chain leads.
fn alias_target(at: Site, exchange: &str, facts: AliasFacts) -> Diagnostic {
    let AliasFacts {
        alias,
        record,
        owner,
        to,
        end,
    } = facts;
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
            format!("`{owner}` is a {} for `{to}`", alias.kind()),
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
        let name = target_at(zone, mx.id, 2).expect("classified");
        let Some(facts) = alias_facts(cx, mx, name) else {
            continue;
        };
        let mut d = alias_target(zone.rdata_site(mx.id, 1), &name.to_string(), facts);
        if !editable(zone.record(mx.id)) {
            d.fix = None;
        }
        out.push(d);
    }
}
