//! `cname-target-dangling`

use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::target::{missing_dot_of, Written};
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::Alias;

/// The CNAME's target (token `at`) does not exist in `zone`.
fn missing(at: Site, owner: &str, target: &str, zone: &str) -> Diagnostic {
    RULE.report(
        at,
        format!("CNAME target `{target}` of `{owner}` does not exist in the zone `{zone}`"),
    )
    .with_label("no such name")
    .with_help(format!(
        "add records for `{target}`, or point the CNAME at a name that has them"
    ))
}

declare_rule! {
    /// ## What it does
    /// Finds CNAME records whose target is a name of a loaded zone (not
    /// below a delegation) that does not exist: no records, no names below
    /// it, no wildcard to cover it, no DNAME above it.
    ///
    /// ## Why is this bad?
    /// Every query for the alias gets NXDOMAIN: the name is as good as
    /// deleted, usually after its target was renamed or removed.
    ///
    /// ## Example
    /// ```zone
    /// www   IN  CNAME  web
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// www   IN  CNAME  web
    /// web   IN  A      192.0.2.80
    /// ```
    ///
    /// ## Known limits
    /// Targets outside the loaded zones are not judged: zonelint does not
    /// query the DNS. A target that only has names below it (an empty
    /// non-terminal) exists.
    ///
    /// ## References
    /// - RFC 1034 §3.6.2, §4.3.2 (name errors), RFC 4592 (wildcards)
    name: "cname-target-dangling",
    severity: Warning,
    summary: "a CNAME points at a name of the zone that does not exist",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for &id in zone.records_of_type(RecordType::CNAME) {
        let record = zone.record(id);
        let Some(target) = zone.alias_target(Alias::Cname(id)) else {
            continue;
        };
        // A missing dot is the root cause: `cname-missing-trailing-dot`.
        if missing_dot_of(zone, target, Written::of(zone, record, target)).is_some() {
            continue;
        }
        let Some(holder) = cx.zone_for(target) else {
            continue;
        };
        let Some(place) = holder.place(target) else {
            continue;
        };
        if place.missing == 0
            || holder.delegation_at(place).is_some()
            || holder.wildcard_covering_at(place).is_some()
            || holder.dname_above_at(place).is_some()
        {
            continue;
        }
        out.push(missing(
            zone.rdata_site(id, 0),
            &zone.owner_name(record).to_string(),
            &target.to_string(),
            &holder.origin().to_string(),
        ));
    }
}
