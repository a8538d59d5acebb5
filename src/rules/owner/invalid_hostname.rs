//! `owner-invalid-hostname`

use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::{NameId, Zone};

/// The owner `owner` (its token `at`) of an `rtype` record has the label
/// `label`, which is not a host name's.
fn not_a_host(at: Site, owner: &str, rtype: RecordType, label: &str) -> Diagnostic {
    RULE.report(
        at,
        format!("`{owner}` owns an {rtype} record but is not a valid host name: label `{label}`"),
    )
    .with_label("not a host name")
    .with_help(
        "host names are letters, digits and hyphens, with no hyphen at the start or end of a \
         label (RFC 952, RFC 1123 §2.1); rename the host",
    )
}

declare_rule! {
    /// ## What it does
    /// Finds names owning A, AAAA or MX records that are not valid host
    /// names: a label with a byte other than a letter, a digit or `-`, or
    /// starting or ending with `-`. A `*` label (a wildcard) and labels
    /// starting with `_` (service labels) are allowed. This is BIND's
    /// `check-names` for these types, on the labels below the zone's apex
    /// (the zone's own name is the parent's to choose; BIND judges it too).
    ///
    /// ## Why is this bad?
    /// Host names follow RFC 952 and RFC 1123 §2.1; mail domains too (RFC
    /// 5321 §2.3.5). Software that validates names (mail servers, TLS
    /// libraries, browsers) rejects `my_host.example.com`, so the address
    /// works for some clients and not for others.
    ///
    /// ## Example
    /// ```zone
    /// print_server  IN  A  192.0.2.9
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// print-server  IN  A  192.0.2.9
    /// ```
    ///
    /// ## References
    /// - RFC 952, RFC 1123 §2.1, RFC 5321 §2.3.5; BIND's `check-names`
    name: "owner-invalid-hostname",
    severity: Warning,
    summary: "a name with an address or MX is not a valid host name",
    fix: Never,
    check: check,
}

/// The first label of `node` that is not a host name's, if any.
fn bad_label(zone: &Zone, node: NameId) -> Option<&[u8]> {
    let names = zone.names();
    // The zone's own name is the parent's to choose: only the labels
    // below the apex are judged.
    let apex = zone.apex();
    names
        .ancestors(node)
        .take_while(|&n| n != NameId::ROOT && n != apex)
        .enumerate()
        .map(|(i, n)| (i, names.label(n)))
        .find(|&(i, l)| {
            let allowed = (i == 0 && l == b"*") || l.starts_with(b"_");
            !allowed
                && (l.is_empty()
                    || l.starts_with(b"-")
                    || l.ends_with(b"-")
                    || !l.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-'))
        })
        .map(|(_, l)| l)
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let mut seen = vec![false; zone.names().len()];
    for rtype in [RecordType::A, RecordType::AAAA, RecordType::MX] {
        for &id in zone.records_of_type(rtype) {
            let node = zone.record(id).owner;
            // One finding per name, on its first record with a written
            // owner; each name judged once.
            if seen[node.0 as usize] {
                continue;
            }
            let Some(label) = bad_label(zone, node) else {
                // A host name: its other records need no look.
                seen[node.0 as usize] = true;
                continue;
            };
            let Some(span) = zone.record_syntax(id).owner else {
                continue;
            };
            seen[node.0 as usize] = true;
            let mut text = String::new();
            crate::dns::name::write_label(&mut text, label);
            out.push(not_a_host(
                Site::new(zone.file_id(zone.record(id)), span),
                &zone.names().name(node).to_string(),
                rtype,
                &text,
            ));
        }
    }
}
