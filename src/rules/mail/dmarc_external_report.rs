//! `dmarc-external-report`

use super::analysis::report_in;
use super::lookup::{query, Answer};
use super::policy::{list_items, mailto_domain, records_of, Kind};
use super::text::{joined, starts_with_ignore_case};
use crate::diagnostic::Diagnostic;
use crate::dns::{Name, RecordType};
use crate::rules::{declare_rule, Context};

/// Whether two domains are (as far as zonelint can tell without the
/// public suffix list) of one organisation: their last two labels match.
fn same_organisation(a: &str, b: &str) -> bool {
    let tail = |s: &str| {
        let labels: Vec<&str> = s.trim_end_matches('.').rsplit('.').take(2).collect();
        labels.join(".").to_ascii_lowercase()
    };
    tail(a) == tail(b)
}

declare_rule! {
    /// ## What it does
    /// Follows each `mailto:` address of a DMARC record's `rua=` and
    /// `ruf=` to its domain, and when that domain is of another
    /// organisation and its zone is in the run, looks for the report
    /// authorisation `<this domain>._report._dmarc.<that domain>` (a TXT
    /// record starting with `v=DMARC1`; a wildcard
    /// `*._report._dmarc.<that domain>` counts).
    ///
    /// ## Why is this bad?
    /// RFC 7489 §7.1: a receiver sends reports to another organisation's
    /// domain only if that domain publishes the authorisation; without it
    /// the reports are dropped, and the domain owner sees no reports for a
    /// reason nothing tells them.
    ///
    /// ## Example
    /// ```zone
    /// ; in example.com
    /// _dmarc  IN  TXT  "v=DMARC1; p=reject; rua=mailto:dmarc@example.net"
    /// ; in example.net: nothing for example.com
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// ; in example.net
    /// example.com._report._dmarc  IN  TXT  "v=DMARC1"
    /// ```
    ///
    /// ## Known limits
    /// Only report domains whose zone is loaded are judged (zonelint makes
    /// no DNS query). Without the public suffix list, two domains count as
    /// one organisation when their last two labels match: `a.example.com`
    /// and `b.example.com` are one, but so are `x.co.uk` and `y.co.uk`,
    /// which are never judged (a miss rather than a false alarm).
    ///
    /// ## References
    /// - RFC 7489 §7.1 (verifying external destinations)
    name: "dmarc-external-report",
    severity: Info,
    summary: "DMARC reports go to a domain that does not authorise them",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for record in records_of(cx, Kind::Dmarc).filter(|r| r.is_versioned()) {
        let Some(domain) = zone.names().parent(zone.record(record.id).owner) else {
            continue;
        };
        let domain = zone.names().name(domain).to_string();
        for tag in record.tags.tags.iter().filter(|t| t.name == "rua" || t.name == "ruf") {
            for (item, range) in list_items(&record.text, tag, b',') {
                let uri = item.split('!').next().unwrap_or("");
                let Some(target) = mailto_domain(uri) else {
                    continue;
                };
                if target.is_empty() || same_organisation(&domain, &target) {
                    continue;
                }
                let auth = format!("{}._report._dmarc.{target}.", domain.trim_end_matches('.'));
                let Ok(auth_name) = Name::parse(&auth, None) else {
                    continue;
                };
                let authorised = match query(cx, auth_name.as_ref(), RecordType::TXT) {
                    Answer::Unknown => continue,
                    Answer::Void => false,
                    Answer::Found(z, ids) => ids.iter().any(|&id| {
                        let data = z.rdata(z.record(id));
                        starts_with_ignore_case(data, b"v=DMARC1")
                            && joined(data).is_some()
                    }),
                };
                if authorised {
                    continue;
                }
                let (d, _) = report_in(
                    &RULE,
                    zone,
                    record.id,
                    &record.text,
                    range,
                    format!("DMARC reports for `{domain}` go to `{target}`, which does not authorise them"),
                );
                out.push(
                    d.with_label(format!("no `{auth}` TXT \"v=DMARC1\""))
                        .with_help(format!("publish `{auth} TXT \"v=DMARC1\"` in the zone of `{target}`, or send reports within the domain (RFC 7489 §7.1)")),
                );
            }
        }
    }
}
