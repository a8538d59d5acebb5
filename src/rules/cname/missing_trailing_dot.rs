//! `cname-missing-trailing-dot`

use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::target::{editable, missing_dot_finding, missing_dot_of, Written};
use crate::rules::{declare_rule, Context};
use crate::zone::Alias;

declare_rule! {
    /// ## What it does
    /// Finds CNAME and DNAME targets written without a final dot that are
    /// surely (or very likely) meant as absolute names: the name already
    /// ends with the zone's origin, or it has two labels or more, ends with
    /// a top-level domain, and the name it expands to owns no records.
    ///
    /// ## Why is this bad?
    /// A name without a final dot is relative (RFC 1035 §5.1): under
    /// `example.com.`, `www CNAME web.example.net` makes `www` an alias for
    /// `web.example.net.example.com.`, which does not exist.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN example.com.
    /// www   IN  CNAME  web.example.net
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// $ORIGIN example.com.
    /// www   IN  CNAME  web.example.net.
    /// ```
    ///
    /// ## Fix
    /// Append the dot: safe when the name already ends with the origin,
    /// unsafe when it only ends with a top-level domain. None for a record
    /// made by `$GENERATE`.
    ///
    /// ## References
    /// - RFC 1035 §5.1 (relative and absolute names), RFC 6672 (DNAME)
    name: "cname-missing-trailing-dot",
    severity: Error,
    summary: "a CNAME or DNAME target is missing its trailing dot",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for (rtype, subject) in [
        (RecordType::CNAME, "CNAME target"),
        (RecordType::DNAME, "DNAME target"),
    ] {
        for &id in zone.records_of_type(rtype) {
            let record = zone.record(id);
            let alias = if rtype == RecordType::CNAME {
                Alias::Cname(id)
            } else {
                Alias::Dname(id)
            };
            let Some(target) = zone.alias_target(alias) else {
                continue;
            };
            let written = Written::of(zone, record, target);
            let Some(repeats_origin) = missing_dot_of(zone, target, written) else {
                continue;
            };
            let Written::Relative { origin, .. } = written else {
                continue;
            };
            out.push(missing_dot_finding(
                zone,
                &RULE,
                zone.rdata_site(id, 0),
                subject,
                "the target",
                &written.text(target),
                &target.to_string(),
                &zone.names().name(origin).to_string(),
                repeats_origin,
                editable(record),
            ));
        }
    }
}
