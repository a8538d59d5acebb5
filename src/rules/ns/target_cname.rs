//! `ns-target-cname`

use super::analysis::{ns_issues, refused, target};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::target::{alias_facts, editable, AliasFacts};
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::Alias;

/// The NS target `name` (token `at`) is an alias: `facts` say which record
/// makes it one and where its chain leads.
fn alias_target(at: Site, name: &str, facts: AliasFacts) -> Diagnostic {
    let AliasFacts {
        alias,
        record,
        owner,
        to,
        end,
    } = facts;
    let message = match alias {
        Alias::Dname(_) => format!("NS target `{name}` is below a DNAME, so it is an alias"),
        _ => format!("NS target `{name}` is an alias (CNAME)"),
    };
    let d = RULE
        .report(at, message)
        .with_label("an alias")
        .with_secondary(record, format!("`{owner}` is a {} for `{to}`", alias.kind()));
    match end {
        Ok((end, spelled)) => d
            .with_help(format!(
                "list `{end}`, the name the alias leads to (RFC 2181 §10.3)"
            ))
            .with_fix(Fix::unsafe_(
                format!("point the NS at `{spelled}`"),
                vec![Edit::replace(at, spelled)],
            )),
        Err(blocked) => d.with_help(blocked.help("list a host name that has an A or AAAA record")),
    }
}

declare_rule! {
    /// ## What it does
    /// Finds NS targets that own a CNAME, are below a DNAME, or are matched
    /// by a wildcard CNAME in the loaded zones.
    ///
    /// ## Why is this bad?
    /// RFC 2181 §10.3 forbids an NS target to be an alias: resolvers look
    /// up its address directly (as glue and in the additional section), and
    /// many do not follow a CNAME there, so the server is unreachable.
    ///
    /// ## Example
    /// ```zone
    /// @    IN  NS     dns
    /// dns  IN  CNAME  ns1
    /// ns1  IN  A      192.0.2.53
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @    IN  NS     ns1
    /// ns1  IN  A      192.0.2.53
    /// ```
    ///
    /// ## Fix
    /// Unsafe: the name the alias chain ends at; none when it loops or ends
    /// at a name of the loaded zones without an address.
    ///
    /// ## Refused by servers
    /// For an apex NS naming an alias of the zone itself: BIND, `NS
    /// '<name>' is a CNAME (illegal)`, then "not loaded due to errors".
    /// A delegation's NS, or an alias in another zone, is an error.
    ///
    /// ## References
    /// - RFC 2181 §10.3, RFC 1034 §4.2.1
    name: "ns-target-cname",
    severity: Error,
    class: PartlyRefused,
    summary: "an NS target is an alias (CNAME or below a DNAME)",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for ns in ns_issues(cx) {
        let name = target(zone, ns.id);
        let Some(facts) = alias_facts(cx, ns, name) else {
            continue;
        };
        let mut d = alias_target(zone.rdata_site(ns.id, 0), &name.to_string(), facts);
        if !editable(zone.record(ns.id)) {
            d.fix = None;
        }
        if refused(zone, ns.id, name) {
            d = d.refused();
        }
        out.push(d);
    }
}
