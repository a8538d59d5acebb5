//! `soa-missing-trailing-dot`

use crate::diagnostic::Diagnostic;
use crate::dns::name::{parse_presentation, Form};
use crate::dns::NameRef;
use crate::dns::RecordType;
use crate::rules::target::{editable, missing_dot_finding, repeats_origin};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Finds the SOA's primary server (MNAME) and responsible mailbox
    /// (RNAME) written without a final dot while ending with the zone's
    /// origin: `ns1.example.com` under `example.com.`.
    ///
    /// ## Why is this bad?
    /// Relative names get the origin appended (RFC 1035 §5.1): the MNAME
    /// becomes `ns1.example.com.example.com.`, which NOTIFY and dynamic
    /// updates are sent to, and the RNAME a mailbox nobody reads.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN example.com.
    /// @  IN  SOA  ns1.example.com hostmaster.example.com 1 7200 3600 1209600 300
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// $ORIGIN example.com.
    /// @  IN  SOA  ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300
    /// ```
    ///
    /// ## Fix
    /// Safe: append the dot (nobody means the origin twice).
    ///
    /// ## References
    /// - RFC 1035 §3.3.13 (SOA RDATA), §5.1 (relative names)
    name: "soa-missing-trailing-dot",
    severity: Error,
    summary: "the SOA's MNAME or RNAME is missing its trailing dot",
    fix: Always,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for &id in zone.records_of_type(RecordType::SOA) {
        let record = zone.record(id);
        if !editable(record) {
            continue;
        }
        let origin = zone.origin_at(record);
        let text = zone.file_of(record).text();
        let syntax = zone.record_syntax(id);
        for (field, subject, meant) in [
            (0, "SOA primary server", "the primary server"),
            (1, "SOA mailbox", "the mailbox"),
        ] {
            let Some(&span) = syntax.rdata.get(field) else {
                continue;
            };
            let written = span.slice(text);
            let mut wire = Vec::new();
            if written == b"@" || parse_presentation(written, &mut wire) != Ok(Form::Relative) {
                continue;
            }
            wire.push(0);
            let labels: Vec<&[u8]> = NameRef::from_wire(&wire).labels().collect();
            if !repeats_origin(zone, &labels, origin) {
                continue;
            }
            let origin_name = zone.names().name(origin);
            let shown = String::from_utf8_lossy(written);
            let expanded = format!("{shown}.{origin_name}");
            out.push(missing_dot_finding(
                zone,
                &RULE,
                crate::source::Site::new(zone.file_id(record), span),
                subject,
                meant,
                &shown,
                &expanded,
                &origin_name.to_string(),
                true,
                true,
            ));
        }
    }
}
