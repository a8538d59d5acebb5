//! `srv-target-cname`

use super::analysis::{srv_issues, target};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::target::{alias_facts, editable, AliasFacts};
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::Alias;

/// The SRV target `name` (token `at`) is an alias: `facts` say which
/// record makes it one and where its chain leads.
fn alias_target(at: Site, name: &str, facts: AliasFacts) -> Diagnostic {
    let AliasFacts {
        alias,
        record,
        owner,
        to,
        end,
    } = facts;
    let message = match alias {
        Alias::Dname(_) => format!("SRV target `{name}` is below a DNAME, so it is an alias"),
        _ => format!("SRV target `{name}` is an alias (CNAME)"),
    };
    let d = RULE
        .report(at, message)
        .with_label("an alias")
        .with_secondary(record, format!("`{owner}` is a {} for `{to}`", alias.kind()));
    match end {
        Ok((end, spelled)) => d
            .with_help(format!("use `{end}`, the name the alias leads to (RFC 2782)"))
            .with_fix(Fix::unsafe_(
                format!("point the SRV at `{spelled}`"),
                vec![Edit::replace(at, spelled)],
            )),
        Err(blocked) => d.with_help(blocked.help("use a host name with an A or AAAA record")),
    }
}

declare_rule! {
    /// ## What it does
    /// Finds SRV targets that own a CNAME, are below a DNAME, or are
    /// matched by a wildcard CNAME in the loaded zones.
    ///
    /// ## Why is this bad?
    /// RFC 2782 says the target "must not be an alias": clients look up
    /// its address directly and some do not follow the alias, so the
    /// service is unreachable for them.
    ///
    /// ## Example
    /// ```zone
    /// _sip._tcp  IN  SRV    0 5 5060 voice
    /// voice      IN  CNAME  sip1
    /// sip1       IN  A      192.0.2.10
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// _sip._tcp  IN  SRV    0 5 5060 sip1
    /// ```
    ///
    /// ## Fix
    /// Unsafe: the name the alias chain ends at; none when it loops or ends
    /// at a name of the loaded zones without an address.
    ///
    /// ## References
    /// - RFC 2782, RFC 2181 §10.3
    name: "srv-target-cname",
    severity: Warning,
    summary: "an SRV target is an alias (CNAME or below a DNAME)",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for srv in srv_issues(cx) {
        let name = target(zone, srv.id);
        let Some(facts) = alias_facts(cx, srv, name) else {
            continue;
        };
        let mut d = alias_target(zone.rdata_site(srv.id, 3), &name.to_string(), facts);
        if !editable(zone.record(srv.id)) {
            d.fix = None;
        }
        out.push(d);
    }
}
