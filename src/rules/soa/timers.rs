//! `soa-timers`

use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};
use crate::source::Site;

/// A timer of the SOA (its token `at`, written `written`) outside the
/// usual range: `why` says how, `advice` what is usual.
fn unusual(at: Site, what: &str, written: &str, why: &str, advice: &str) -> Diagnostic {
    RULE.report(at, format!("SOA {what} `{written}` {why}"))
        .with_label("unusual")
        .with_help(advice.to_owned())
}

declare_rule! {
    /// ## What it does
    /// Reports the timers of the apex SOA outside the usual ranges:
    /// refresh under 1200 seconds, retry not shorter than refresh, expire
    /// under a week or not longer than refresh and retry together, minimum
    /// (the negative caching TTL) outside 300 to 86400 seconds.
    ///
    /// ## Why is this bad?
    /// Secondaries check the serial every refresh, retry a failed check
    /// every retry, and stop answering after expire without one (RFC 1035
    /// §3.3.13); resolvers cache "no such name" for the minimum (RFC 2308
    /// §5). Values far from RFC 1912 §2.2's advice overload the primary,
    /// make secondaries drop the zone during a short outage, or keep a
    /// deleted name's absence cached for days.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  SOA  ns1 hostmaster 1 300 600 3600 604800
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  SOA  ns1 hostmaster 1 7200 3600 1209600 300
    /// ```
    ///
    /// ## References
    /// - RFC 1912 §2.2, RFC 2308 §5, RFC 1035 §3.3.13
    name: "soa-timers",
    severity: Info,
    summary: "an SOA timer is outside the usual range",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let Some((id, soa)) = zone.apex_soa() else {
        return;
    };
    let record = zone.record(id);
    let text = zone.file_of(record).text();
    let syntax = zone.record_syntax(id);
    // MNAME, RNAME, serial, refresh, retry, expire, minimum.
    let token = |field: usize| {
        let span = syntax.rdata.get(field).copied();
        let written = span.map_or_else(String::new, |s| {
            String::from_utf8_lossy(s.slice(text)).into_owned()
        });
        (zone.rdata_site(id, field), written)
    };
    let mut report = |field: usize, what: &str, why: String, advice: &str| {
        let (at, written) = token(field);
        out.push(unusual(at, what, &written, &why, advice));
    };
    if soa.refresh < 1200 {
        report(
            3,
            "refresh",
            "is shorter than 20 minutes".into(),
            "secondaries check the serial this often: use 1200 to 43200 seconds (RFC 1912 §2.2), or rely on NOTIFY",
        );
    }
    if soa.retry >= soa.refresh {
        report(
            4,
            "retry",
            format!("is not shorter than the refresh ({} s)", soa.refresh),
            "a failed check is retried this often: make it shorter than the refresh (RFC 1912 §2.2)",
        );
    }
    if soa.expire < 604_800 {
        report(
            5,
            "expire",
            "is shorter than a week".into(),
            "secondaries stop answering this long after losing the primary: use 1209600 to 2419200 seconds (RFC 1912 §2.2)",
        );
    } else if u64::from(soa.expire) <= u64::from(soa.refresh) + u64::from(soa.retry) {
        report(
            5,
            "expire",
            "is not longer than refresh and retry together".into(),
            "make expire much longer than refresh + retry (RFC 1912 §2.2)",
        );
    }
    if !(300..=86_400).contains(&soa.minimum) {
        report(
            6,
            "minimum",
            "is outside 300 to 86400 seconds".into(),
            "resolvers cache \"no such name\" this long: use 300 to 86400 seconds (RFC 2308 §5)",
        );
    }
}
