//! `mta-sts-host-missing`

use super::lookup::{query, Answer};
use super::policy::{versioned_by_owner, Kind};
use crate::diagnostic::Diagnostic;
use crate::dns::{Name, RecordType};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// For each `_mta-sts.<domain>` with an MTA-STS record, looks for an
    /// address of `mta-sts.<domain>` (A or AAAA, through a CNAME or a
    /// wildcard) in the loaded zones.
    ///
    /// ## Why is this bad?
    /// Senders fetch the policy from `https://mta-sts.<domain>/.well-known/mta-sts.txt`
    /// (RFC 8461 §3.2). Without that host, the TXT record announces a
    /// policy nobody can fetch: senders keep delivering without it, and
    /// TLS-RPT reports (if any) fill with fetch failures.
    ///
    /// ## Example
    /// ```zone
    /// _mta-sts  IN  TXT  "v=STSv1; id=20240601T000000"
    /// ; no mta-sts name
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// _mta-sts  IN  TXT    "v=STSv1; id=20240601T000000"
    /// mta-sts   IN  CNAME  policy-host.example.net.
    /// ```
    ///
    /// ## Known limits
    /// A host outside the loaded zones (or below a delegation) is not
    /// judged, and whether it serves the policy over HTTPS is known only
    /// by fetching it.
    ///
    /// ## References
    /// - RFC 8461 §3.2 (the policy), §3.3
    name: "mta-sts-host-missing",
    severity: Info,
    summary: "MTA-STS record without an `mta-sts` host to serve the policy",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for (owner, records) in versioned_by_owner(cx, Kind::MtaSts) {
        let Some(domain) = zone.names().parent(owner) else {
            continue;
        };
        let domain = zone.names().name(domain);
        let Ok(host) = Name::parse(&format!("mta-sts.{domain}"), None) else {
            continue;
        };
        let void = |rtype| matches!(query(cx, host.as_ref(), rtype), Answer::Void);
        if !(void(RecordType::A) && void(RecordType::AAAA)) {
            continue;
        }
        out.push(
            RULE.report(
                zone.rdata_site(records[0], 0),
                format!("`{host}` has no address, but the MTA-STS record announces a policy there"),
            )
            .with_label("senders cannot fetch the policy")
            .with_help(format!("serve the policy at `https://{}/.well-known/mta-sts.txt` and give `{host}` an address (RFC 8461 §3.2)", host.to_string().trim_end_matches('.'))),
        );
    }
}
