//! `mx-null-mixed`

use super::analysis::{mx_records, same_owner};
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};
use crate::source::Site;

/// The null MX of `owner` beside `others` (each exchange token and name).
fn mixed(at: Site, owner: &str, others: Vec<(Site, String)>) -> Diagnostic {
    let mut d = RULE
        .report(
            at,
            format!("null MX (`.`) for `{owner}` is mixed with other MX records"),
        )
        .with_label("null MX")
        .with_help("a null MX says the domain accepts no mail (RFC 7505 §3); remove it, or remove the other MX records");
    for (site, exchange) in others {
        d = d.with_secondary(site, format!("MX `{exchange}` at the same name"));
    }
    d
}

declare_rule! {
    /// ## What it does
    /// Finds a null MX (exchange `.`, RFC 7505) at a name that also has
    /// other MX records.
    ///
    /// ## Why is this bad?
    /// A null MX states that the domain accepts no mail; RFC 7505 §3 says
    /// it must be the only MX record at its name. Mixed with real MX
    /// records the intent is contradictory: senders may bounce mail at once
    /// or try the other servers, depending on their implementation.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  MX  0 .
    /// @  IN  MX  10 mail.example.com.
    /// ```
    ///
    /// Use instead (if the domain takes mail):
    /// ```zone
    /// @  IN  MX  10 mail.example.com.
    /// ```
    ///
    /// ## References
    /// - RFC 7505 §3 (the null MX resource record), §4.2
    name: "mx-null-mixed",
    severity: Error,
    summary: "null MX shares its name with other MX records",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for null in mx_records(zone).filter(|mx| mx.is_null(zone)) {
        let others: Vec<(Site, String)> = same_owner(zone, &null)
            .filter(|mx| !mx.is_null(zone))
            .map(|mx| (mx.exchange_site(zone), mx.exchange(zone).to_string()))
            .collect();
        if others.is_empty() {
            continue;
        }
        let owner = zone.owner_name(zone.record(null.id));
        out.push(mixed(null.exchange_site(zone), &owner.to_string(), others));
    }
}
