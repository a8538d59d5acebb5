//! `mx-duplicate`

use super::{editable, owner, same_owner, spans, MxInfo};
use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;
use crate::zone::{record_flags, Zone};

fn message(exchange: &str, owner: &str) -> String {
    format!("MX exchange `{exchange}` is listed twice for `{owner}`")
}

const HELP: &str = "delete this record; one MX per exchange is enough";

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
    pub struct MxDuplicate {
        name: "mx-duplicate",
        severity: Warning,
        summary: "two MX records at one name point to the same exchange",
        fix: Sometimes,
    }
}

impl Rule for MxDuplicate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let zone = cx.zone;
        for later in cx.mx_records() {
            let Some(first) = same_owner(cx, later)
                .take_while(|mx| mx.id != later.id)
                .find(|mx| mx.exchange == later.exchange)
            else {
                continue;
            };
            let (file, _, exchange) = spans(zone, later.id);
            let (ffile, _, fexchange) = spans(zone, first.id);
            let mut d = Diagnostic::new(
                Self::META.name,
                Self::META.severity,
                file,
                exchange,
                message(
                    &later.exchange.to_string(),
                    &owner(zone, later.id).to_string(),
                ),
            )
            .with_label("listed again")
            .with_secondary(ffile, fexchange, "first listed here")
            .with_help(HELP);
            if let Some(fix) = deletion(zone, first, later) {
                d = d.with_fix(fix);
            }
            out.push(d);
        }
    }
}

/// Deleting `later`, when that changes no other record.
fn deletion(zone: &Zone, first: &MxInfo<'_>, later: &MxInfo<'_>) -> Option<Fix> {
    let record = zone.record(later.id);
    if !editable(zone, later.id) {
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
        && first.exchange.wire() == later.exchange.wire()
        && zone.record(first.id).ttl == record.ttl;
    Some(Fix {
        applicability: if identical {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        },
        message: "delete the duplicate record".into(),
        edits: vec![Edit {
            file: zone.file_id(record),
            span: Span::new(lines.start, lines.end),
            content,
        }],
    })
}
