//! `ns-missing-glue`

use super::analysis::target;
use crate::diagnostic::{Diagnostic, Severity};
use crate::dns::RecordType;
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::flags;

/// The NS (target token `at`) of the delegation `cut` names `name`, at or
/// below the cut, which has no address in the zone.
fn required(at: Site, cut: &str, name: &str) -> Diagnostic {
    RULE.report(
        at,
        format!("delegation `{cut}` names `{name}` below itself, with no glue address"),
    )
    .with_label("no glue")
    .with_help(format!(
        "add the A or AAAA record of `{name}` to this zone: resolvers cannot find the server \
         of `{cut}` without it (RFC 9471 §3)"
    ))
}

/// The NS of `cut` names `name`, below another delegation `sibling`,
/// which has no address in the zone.
fn sibling(at: Site, cut: &str, name: &str, sibling: &str) -> Diagnostic {
    RULE.report(
        at,
        format!(
            "delegation `{cut}` names `{name}`, below the delegation `{sibling}`, with no glue \
             address"
        ),
    )
    .with_label("no sibling glue")
    .with_help(format!(
        "add the A or AAAA record of `{name}` here as glue, or check that `{sibling}` resolves \
         it (RFC 9471 §2)"
    ))
    .with_severity(Severity::Warning)
}

declare_rule! {
    /// ## What it does
    /// Finds delegations (NS records below the apex) whose name server is
    /// at or below the delegated name and has no A or AAAA record in the
    /// zone (required glue, an error), or is below another delegation of
    /// the zone with no address here (sibling glue, a warning).
    ///
    /// ## Why is this bad?
    /// To reach `ns1.sub.example.com.`, a resolver must ask the servers of
    /// `sub.example.com.`, which it finds through `ns1.sub.example.com.`:
    /// without glue the delegation cannot be followed (RFC 9471 §3 makes
    /// such glue mandatory in referrals).
    ///
    /// ## Example
    /// ```zone
    /// sub       IN  NS  ns1.sub
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// sub       IN  NS  ns1.sub
    /// ns1.sub   IN  A   192.0.2.54
    /// ```
    ///
    /// ## References
    /// - RFC 9471 §2-3 (glue), RFC 1034 §4.2.1
    name: "ns-missing-glue",
    severity: Error,
    summary: "a delegation's name server has no glue address",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let names = zone.names();
    for &id in zone.records_of_type(RecordType::NS) {
        let owner = zone.record(id).owner;
        // A delegation: NS below the apex, at the zone cut itself.
        if owner == zone.apex() || zone.delegation_of(owner) != Some(owner) {
            continue;
        }
        let Some(name) = crate::rules::target::target_at(zone, id, 0) else {
            continue;
        };
        // The glue may come from a wildcard (RFC 4592 §4.2).
        let has_address = zone
            .lookup(name)
            .or_else(|| zone.wildcard_covering(name))
            .is_some_and(|n| zone.has_flag(n, flags::ADDRESS));
        if has_address || !zone.contains(name) {
            continue;
        }
        let cut = names.name(owner);
        let name_text = target(zone, id).to_string();
        if name.is_subdomain_of(cut.as_ref()) {
            out.push(required(zone.rdata_site(id, 0), &cut.to_string(), &name_text));
        } else if let Some(other) = zone.delegation(name) {
            out.push(sibling(
                zone.rdata_site(id, 0),
                &cut.to_string(),
                &name_text,
                &names.name(other).to_string(),
            ));
        }
    }
}
