//! `mx-missing`

use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::flags;

/// The apex `apex` has an address (its type token `at`) but no MX.
fn implicit_mx(at: Site, apex: &str) -> Diagnostic {
    RULE.report(
        at,
        format!("`{apex}` has an address but no MX record, so mail is delivered to that address"),
    )
    .with_label("the implicit MX")
    .with_help("add MX records for the domain's mail servers, or `@ IN MX 0 .` (a null MX, RFC 7505) if the domain takes no mail")
}

declare_rule! {
    /// ## What it does
    /// Reports a zone apex that has A or AAAA records but no MX record (and
    /// no null MX).
    ///
    /// ## Why is this bad?
    /// Without an MX, senders deliver to the domain's own address (the
    /// "implicit MX" of RFC 5321 §5.1): mail goes to the web server, which
    /// usually refuses it after a long retry, and spammers probe it. A
    /// domain that takes no mail should say so with a null MX.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  A   192.0.2.10
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  A   192.0.2.10
    /// @  IN  MX  0 .
    /// ```
    ///
    /// ## Known limits
    /// Only the apex is checked, and only in files that have the zone's SOA
    /// record (a fragment of a zone is not judged). The zone `localhost.`
    /// (RFC 6761 §6.3, Debian's stock `db.local`) is never judged.
    ///
    /// ## References
    /// - RFC 5321 §5.1 (implicit MX), RFC 7505 (null MX), RFC 6761 §6.3
    name: "mx-missing",
    severity: Info,
    summary: "the apex has an address but no MX",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let apex = zone.apex();
    if !zone.has_flag(apex, flags::SOA) || !zone.has_flag(apex, flags::ADDRESS) {
        return;
    }
    if zone.rrset(apex, RecordType::MX).next().is_some() {
        return;
    }
    // `localhost.` (RFC 6761 §6.3: Debian's stock `db.local`) is the
    // machine itself: no mail is meant for it.
    if zone.origin().to_string().eq_ignore_ascii_case("localhost.") {
        return;
    }
    let Some(first) = zone
        .records_at(apex)
        .filter(|&r| matches!(zone.record(r).rtype, RecordType::A | RecordType::AAAA))
        .min()
    else {
        return;
    };
    out.push(implicit_mx(
        zone.type_site(first),
        &zone.origin().to_string(),
    ));
}
