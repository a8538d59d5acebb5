//! `ds-misplaced`

use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::flags;

/// A DS (type token `at`) at the zone's apex `apex`.
fn at_apex(at: Site, apex: &str) -> Diagnostic {
    RULE.report(at, format!("DS record at the zone's apex `{apex}`"))
        .with_label("belongs in the parent")
        .with_help(format!(
            "a DS is published by the parent zone (RFC 4035 §2.4): move it to the zone above \
             `{apex}`, next to its delegation"
        ))
}

/// A DS (type token `at`) at `owner`, which is not delegated.
fn not_delegated(at: Site, owner: &str) -> Diagnostic {
    RULE.report(
        at,
        format!("DS record of `{owner}`, which is not a delegation (it has no NS records)"),
    )
    .with_label("no delegation here")
    .with_help(format!(
        "a DS secures a delegation (RFC 4035 §2.4): add the NS records of `{owner}`, or remove \
         the DS"
    ))
}

declare_rule! {
    /// ## What it does
    /// Finds DS records at the zone's apex, or at a name below it that is
    /// not a delegation point (no NS records). DS records below a
    /// delegation are `occluded-data`'s.
    ///
    /// ## Why is this bad?
    /// A DS record is the parent side of a delegation: it names the key
    /// the child zone signs with (RFC 4035 §2.4). At the apex it belongs in
    /// the parent zone; at a name without NS records it secures nothing,
    /// and a validator that meets it expects a delegation that is not
    /// there.
    ///
    /// ## Example
    /// ```zone
    /// @    IN  DS  12345 13 2 0123...
    /// ```
    ///
    /// Use instead: the DS in the parent zone, beside the NS records of
    /// the delegation.
    ///
    /// ## Refused by servers
    /// At the apex: BIND, `DS record at top of zone (<name>)`, then "not
    /// loaded due to errors". A DS at a name that is not a delegation is
    /// an error that servers load.
    ///
    /// ## References
    /// - RFC 4035 §2.4, RFC 4034 §5
    name: "ds-misplaced",
    severity: Error,
    class: PartlyRefused,
    summary: "a DS record at the apex or at a name that is not delegated",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for &id in zone.records_of_type(RecordType::DS) {
        let node = zone.record(id).owner;
        if node == zone.apex() {
            out.push(at_apex(zone.type_site(id), &zone.origin().to_string()).refused());
        } else if !zone.has_flag(node, flags::NS) && zone.delegation_of(node).is_none() {
            out.push(not_delegated(
                zone.type_site(id),
                &zone.names().name(node).to_string(),
            ));
        }
    }
}
