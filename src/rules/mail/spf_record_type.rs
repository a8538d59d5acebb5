//! `spf-record-type`

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::dns::RecordType;
use crate::rules::{declare_rule, Context};
use crate::source::Site;

declare_rule! {
    /// ## What it does
    /// Finds records of the SPF type (99).
    ///
    /// ## Why is this bad?
    /// RFC 7208 §3.1 retired the SPF type: receivers look only at TXT
    /// records, so an SPF-type record is never read. A domain whose policy
    /// exists only as type 99 has no SPF policy at all; one with both
    /// keeps two copies that drift apart.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  SPF  "v=spf1 mx -all"
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  TXT  "v=spf1 mx -all"
    /// ```
    ///
    /// ## Fix
    /// Unsafe: the type becomes TXT, when the name has no TXT record with
    /// the same data (then the SPF-type record is a redundant copy to
    /// delete by hand). Review it: with another SPF record in TXT at the
    /// name, the change makes two (`spf-multiple`).
    ///
    /// ## References
    /// - RFC 7208 §3.1, §14.1 (the SPF type deprecated)
    name: "spf-record-type",
    severity: Warning,
    summary: "record of the obsolete SPF type (99), which receivers never read",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for &id in zone.records_of_type(RecordType::SPF) {
        let record = zone.record(id);
        let syntax = zone.record_syntax(id);
        let site = syntax
            .rtype
            .map_or_else(|| zone.record_site(id), |span| Site::new(zone.file_id(record), span));
        let data = zone.rdata(record);
        let twin = zone
            .rrset(record.owner, RecordType::TXT)
            .find(|&txt| zone.rdata(zone.record(txt)) == data);
        let d = RULE
            .report(site, "record of the obsolete SPF type: receivers look only at TXT".to_string())
            .with_label("record type 99, obsolete since RFC 7208");
        out.push(match twin {
            Some(txt) => d
                .with_secondary(zone.rdata_site(txt, 0), "the same data as TXT")
                .with_help("delete the SPF-type record: the TXT record says the same (RFC 7208 §3.1)"),
            None => {
                let d = d.with_help("publish the policy as a TXT record (RFC 7208 §3.1)");
                let spelled = zone.site_text(site).is_some_and(|t| t.eq_ignore_ascii_case(b"SPF"));
                if spelled {
                    d.with_fix(Fix::unsafe_("make it a TXT record", vec![Edit::replace(site, "TXT")]))
                } else {
                    d
                }
            }
        });
    }
}
