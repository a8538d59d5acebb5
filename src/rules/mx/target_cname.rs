//! `mx-target-cname`

use super::{chain_end, editable, spans, spell, Alias, Issue};
use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::dns::rdata::single_name;
use crate::rules::{Context, Rule, RuleMeta};

fn message(exchange: &str, alias: &Alias<'_>) -> String {
    match alias {
        Alias::Cname(..) => format!("MX exchange `{exchange}` is an alias (CNAME)"),
        Alias::WildcardCname(..) => {
            format!("MX exchange `{exchange}` is an alias (matched by a wildcard CNAME)")
        }
        Alias::Dname(..) => format!("MX exchange `{exchange}` is below a DNAME, so it is an alias"),
    }
}

fn help(end: &str) -> String {
    format!("point the MX at `{end}`, the name the alias leads to")
}

const HELP_LOOP: &str =
    "the alias chain loops; point the MX at a host name that has an A or AAAA record";

declare_rule! {
    /// ## What it does
    /// Finds MX exchanges that own a CNAME, are below a DNAME, or are
    /// matched by a wildcard CNAME in the loaded zones (names compared
    /// case-insensitively).
    ///
    /// ## Why is this bad?
    /// RFC 2181 §10.3 forbids an MX exchange to be an alias, and RFC 5321
    /// §5.1 lets senders treat it as an error. Many mail servers refuse
    /// such MX records or defer mail, and the extra lookup hides where mail
    /// really goes.
    ///
    /// ## Example
    /// ```zone
    /// @     IN  MX     10 smtp.example.com.
    /// smtp  IN  CNAME  mx1.example.com.
    /// mx1   IN  A      192.0.2.25
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @     IN  MX     10 mx1.example.com.
    /// ```
    ///
    /// ## Fix
    /// Unsafe: replace the exchange with the name the alias chain ends at
    /// (CNAMEs and DNAMEs followed through the loaded zones, stopping at
    /// loops). Unsafe because the alias may exist on purpose, to move mail
    /// by editing one record.
    ///
    /// ## References
    /// - RFC 2181 §10.3, RFC 5321 §5.1, RFC 6672 (DNAME), RFC 4592
    ///   (wildcards)
    pub struct MxTargetCname {
        name: "mx-target-cname",
        severity: Error,
        summary: "MX exchange is an alias (CNAME or below a DNAME)",
        fix: Sometimes,
    }
}

impl Rule for MxTargetCname {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let zone = cx.zone;
        for mx in cx.mx_records() {
            let Some(Issue::Alias(alias)) = &mx.issue else {
                continue;
            };
            let (file, _, exchange) = spans(zone, mx.id);
            let exchange_text = mx.exchange.to_string();
            let mut d = Diagnostic::new(
                Self::META.name,
                Self::META.severity,
                file,
                exchange,
                message(&exchange_text, alias),
            )
            .with_label("an alias");
            let (alias_zone, alias_record) = match *alias {
                Alias::Cname(z, r) | Alias::WildcardCname(z, r) | Alias::Dname(z, r) => (z, r),
            };
            let target = single_name(alias_zone.rdata(alias_zone.record(alias_record)))
                .map_or_else(String::new, |n| n.to_string());
            let owner = alias_zone.owner_name(alias_zone.record(alias_record));
            let kind = if matches!(alias, Alias::Dname(..)) {
                "DNAME"
            } else {
                "CNAME"
            };
            let syntax = alias_zone.record_syntax(alias_record);
            let at = syntax
                .rtype
                .unwrap_or_else(|| alias_zone.record_span(alias_zone.record(alias_record)));
            d = d.with_secondary(
                alias_zone.file_id(alias_zone.record(alias_record)),
                at,
                format!("`{owner}` is a {kind} for `{target}`"),
            );
            match chain_end(cx, mx.exchange) {
                Some(end) => {
                    let text = spell(zone, end.as_ref(), mx.written);
                    d = d.with_help(help(&end.to_string()));
                    if editable(zone, mx.id) {
                        d = d.with_fix(Fix {
                            applicability: Applicability::Unsafe,
                            message: format!("point the MX at `{text}`"),
                            edits: vec![Edit {
                                file,
                                span: exchange,
                                content: text,
                            }],
                        });
                    }
                }
                None => d = d.with_help(HELP_LOOP),
            }
            out.push(d);
        }
    }
}
