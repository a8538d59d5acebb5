//! `mx-duplicate`

use super::analysis::{mx_records, same_owner, MxInfo};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::rules::target::editable;
use crate::rules::{declare_rule, Context};
use crate::source::{Site, Span};
use crate::zone::{record_flags, Zone};

/// The exchange (token `at`) of `owner` listed again after `first`.
fn listed_twice(at: Site, first: Site, exchange: &str, owner: &str) -> Diagnostic {
    RULE.report(
        at,
        format!("MX exchange `{exchange}` is listed twice for `{owner}`"),
    )
    .with_label("listed again")
    .with_secondary(first, "first listed here")
    .with_help("delete this record; one MX per exchange is enough")
}

/// Deleting the record of `later`, when that changes no other record:
/// safe when it is identical to `first`.
fn deletion(zone: &Zone, first: &MxInfo, later: &MxInfo) -> Option<Fix> {
    let record = zone.record(later.id);
    if !editable(record) {
        return None;
    }
    let syntax = zone.record_syntax(later.id);
    // The next line would take this line's owner instead of the one before.
    if syntax.owner.is_some() && zone.next_entry_inherits_owner(later.id) {
        return None;
    }
    // Without a default TTL, an explicit TTL here is the default for later lines.
    if syntax.ttl.is_some() && !record.has(record_flags::DEFAULT_TTL) {
        return None;
    }
    let lines = zone.entry_lines(later.id);
    let text = zone.file_of(record).text();
    // Keep the entry's comments, each on its own line.
    let newline = if lines.slice(text).ends_with(b"\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let ends_with_newline = lines.slice(text).ends_with(b"\n");
    let mut content = String::new();
    for (i, c) in syntax.comments.iter().enumerate() {
        if i > 0 {
            content.push_str(newline);
        }
        content.push_str(&String::from_utf8_lossy(c.slice(text)));
    }
    if !content.is_empty() && ends_with_newline {
        content.push_str(newline);
    }
    let identical = first.preference.is_some()
        && first.preference == later.preference
        && first.exchange(zone).wire() == later.exchange(zone).wire()
        && zone.record(first.id).ttl == record.ttl;
    let applicability = if identical {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    let entry = Site::new(zone.file_id(record), Span::new(lines.start, lines.end));
    Some(Fix::new(
        applicability,
        "delete the duplicate record",
        vec![Edit::replace(entry, content)],
    ))
}

declare_rule! {
    /// ## What it does
    /// Finds two MX records at one name with the same exchange (compared
    /// case-insensitively, after the origin is applied), whatever their
    /// preferences. The later record is reported.
    ///
    /// ## Why is this bad?
    /// A mail server listed twice is tried twice when it is down, and with
    /// two preferences its real priority is unclear. Identical records are
    /// merged by servers (an RRset is a set, RFC 2181 §5), so the second
    /// one only adds confusion; different preferences usually mean a
    /// forgotten edit.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  MX  10 mail.example.com.
    /// @  IN  MX  20 MAIL.example.com.
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  MX  10 mail.example.com.
    /// ```
    ///
    /// ## Fix
    /// Delete the later record (its comments are kept). Safe when the two
    /// records are identical (same preference, TTL and spelling); unsafe
    /// otherwise, because which preference was meant is a choice. No fix
    /// is offered when deleting the line would change other records: when
    /// the next line inherits its owner, or its TTL is the default for the
    /// lines after it (no `$TTL`).
    ///
    /// ## References
    /// - RFC 2181 §5 (RRsets), RFC 5321 §5.1
    name: "mx-duplicate",
    severity: Warning,
    summary: "two MX records at one name point to the same exchange",
    fix: Sometimes,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for later in mx_records(zone) {
        let exchange = later.exchange(zone);
        let Some(first) = same_owner(zone, &later)
            .take_while(|mx| mx.id != later.id)
            .find(|mx| mx.exchange(zone) == exchange)
        else {
            continue;
        };
        let mut d = listed_twice(
            later.exchange_site(zone),
            first.exchange_site(zone),
            &exchange.to_string(),
            &zone.owner_name(zone.record(later.id)).to_string(),
        );
        if let Some(fix) = deletion(zone, &first, &later) {
            d = d.with_fix(fix);
        }
        out.push(d);
    }
}
