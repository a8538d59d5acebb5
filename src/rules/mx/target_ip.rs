//! `mx-target-ip`

use std::net::IpAddr;

use super::{editable, spans, spell, Issue};
use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::rules::{Context, Rule, RuleMeta};
use crate::zone::RecordId;

fn message(ip: IpAddr) -> String {
    format!("MX exchange `{ip}` is an IP address, not a host name")
}

fn help_named(name: &str) -> String {
    format!("point the MX at `{name}`, the name that owns this address")
}

const HELP_UNNAMED: &str =
    "give the mail server a name with an A or AAAA record and point the MX at that name (RFC 5321 §5.1)";

declare_rule! {
    /// ## What it does
    /// Finds MX records whose exchange is written as an IPv4 or IPv6
    /// address, with or without a final dot.
    ///
    /// ## Why is this bad?
    /// The exchange of an MX record is a domain name (RFC 1035 §3.3.9).
    /// `10 192.0.2.25` is read as the name `192.0.2.25.example.com.` (or
    /// `192.0.2.25.` with a dot), which has no address: senders that follow
    /// RFC 5321 §5.1 find no mail server and bounce or queue the mail.
    ///
    /// ## Example
    /// ```zone
    /// @     IN  MX  10 192.0.2.25.
    /// mail  IN  A   192.0.2.25
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @     IN  MX  10 mail.example.com.
    /// mail  IN  A   192.0.2.25
    /// ```
    ///
    /// ## Fix
    /// Unsafe: when exactly one name in the zone owns that address, replace
    /// the exchange with it. A person should confirm that this host is the
    /// mail server; with no or several candidates the help only explains.
    ///
    /// ## References
    /// - RFC 1035 §3.3.9 (MX RDATA), RFC 5321 §5.1 (locating the target
    ///   host), RFC 7505 §1
    pub struct MxTargetIp {
        name: "mx-target-ip",
        severity: Error,
        summary: "MX exchange is an IP address instead of a host name",
        fix: Sometimes,
    }
}

impl Rule for MxTargetIp {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for mx in cx.mx_records() {
            let Some(Issue::Ip(ip)) = mx.issue else {
                continue;
            };
            let zone = cx.zone;
            let (file, _, exchange) = spans(zone, mx.id);
            let key = match ip {
                IpAddr::V4(v4) => v4.to_ipv6_mapped().octets(),
                IpAddr::V6(v6) => v6.octets(),
            };
            let holders = cx.records_with_address(key);
            let mut owners: Vec<_> = holders.iter().map(|&r| zone.record(r).owner).collect();
            owners.sort_unstable();
            owners.dedup();
            let mut d = Diagnostic::new(
                Self::META.name,
                Self::META.severity,
                file,
                exchange,
                message(ip),
            )
            .with_label("an address, not a name");
            match owners.as_slice() {
                [owner] => {
                    let name = zone.names().name(*owner);
                    let holder: RecordId = holders[0];
                    let (hfile, haddr) = address_span(cx, holder);
                    d = d.with_help(help_named(&name.to_string())).with_secondary(
                        hfile,
                        haddr,
                        format!("`{name}` has this address"),
                    );
                    if editable(zone, mx.id) {
                        let text = spell(zone, name.as_ref(), mx.written);
                        d = d.with_fix(Fix {
                            applicability: Applicability::Unsafe,
                            message: format!("replace the address with `{text}`"),
                            edits: vec![Edit {
                                file,
                                span: exchange,
                                content: text,
                            }],
                        });
                    }
                }
                _ => d = d.with_help(HELP_UNNAMED),
            }
            out.push(d);
        }
    }
}

/// The address token of an A/AAAA record.
fn address_span(cx: &Context<'_>, id: RecordId) -> (crate::source::FileId, crate::source::Span) {
    let zone = cx.zone;
    let record = zone.record(id);
    let syntax = zone.record_syntax(id);
    (
        zone.file_id(record),
        syntax
            .rdata
            .first()
            .copied()
            .unwrap_or_else(|| zone.record_span(record)),
    )
}
