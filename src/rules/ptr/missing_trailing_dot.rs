//! `ptr-missing-trailing-dot`

use crate::diagnostic::{Applicability, Diagnostic};
use crate::dns::rdata::single_name;
use crate::dns::RecordType;
use crate::rules::target::{editable, missing_dot_finding, missing_dot_of, Written};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Finds PTR targets written without a final dot that are meant as
    /// absolute names: the name ends with the zone's origin, or it has two
    /// labels or more, ends with a top-level domain and expands to a name
    /// with no records. The mistake is common in reverse zones, whose
    /// origin (`2.0.192.in-addr.arpa.`) is unlike the host names.
    ///
    /// ## Why is this bad?
    /// A relative name gets the origin appended (RFC 1035 §5.1): `1 PTR
    /// mail.example.com` means `mail.example.com.2.0.192.in-addr.arpa.`, so
    /// reverse lookups of the address (which mail servers make of their
    /// peers) give a name that does not resolve back.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN 2.0.192.in-addr.arpa.
    /// 25  IN  PTR  mail.example.com
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// $ORIGIN 2.0.192.in-addr.arpa.
    /// 25  IN  PTR  mail.example.com.
    /// ```
    ///
    /// ## Fix
    /// Unsafe: append the dot (a person should check the name). None for a
    /// record made by `$GENERATE`.
    ///
    /// ## References
    /// - RFC 1035 §3.5 (IN-ADDR.ARPA), §5.1, RFC 3596 §2.5 (IP6.ARPA)
    name: "ptr-missing-trailing-dot",
    severity: Error,
    summary: "a PTR target is missing its trailing dot and expands to the wrong name",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for &id in zone.records_of_type(RecordType::PTR) {
        let record = zone.record(id);
        let Some(name) = single_name(zone.rdata(record)) else {
            continue;
        };
        let written = Written::of(zone, record, name);
        let Some(repeats_origin) = missing_dot_of(zone, name, written) else {
            continue;
        };
        let Written::Relative { origin, .. } = written else {
            continue;
        };
        let mut d = missing_dot_finding(
            zone,
            &RULE,
            zone.rdata_site(id, 0),
            "PTR target",
            "the host",
            &written.text(name),
            &name.to_string(),
            &zone.names().name(origin).to_string(),
            repeats_origin,
            editable(record),
        );
        if let Some(fix) = &mut d.fix {
            fix.applicability = Applicability::Unsafe;
        }
        out.push(d);
    }
}
