//! `mx-missing-trailing-dot`

use super::{editable, spans, Issue};
use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::rules::{Context, Rule, RuleMeta};

fn message(written: &str, expanded: &str) -> String {
    format!("MX exchange `{written}` has no trailing dot, so it means `{expanded}`")
}

fn label(origin: &str) -> String {
    format!("relative to `{origin}`")
}

fn help(written: &str) -> String {
    format!("end the name with a dot: `{written}.`")
}

fn help_likely(written: &str) -> String {
    format!("if the mail server is `{written}.`, end the name with a dot")
}

declare_rule! {
    /// ## What it does
    /// Finds MX exchanges written without a final dot that are surely (or
    /// very likely) meant as absolute names: the name already ends with the
    /// zone's origin, or it ends with a top-level domain and the name it
    /// expands to does not exist in the zone.
    ///
    /// ## Why is this bad?
    /// A name without a final dot is relative: the origin is appended
    /// (RFC 1035 §5.1). Under `example.com.`, `mail.example.com` means
    /// `mail.example.com.example.com.`, which has no address, so mail for
    /// the domain cannot be delivered. This is the most common way a zone
    /// edit silently stops a domain's mail.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN example.com.
    /// @  IN  MX  10 mail.example.com
    /// @  IN  MX  20 mx.provider.net
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// $ORIGIN example.com.
    /// @  IN  MX  10 mail.example.com.
    /// @  IN  MX  20 mx.provider.net.
    /// ```
    ///
    /// ## Fix
    /// Append the dot. Safe when the name already ends with the origin
    /// (nobody means `mail.example.com.example.com.`); unsafe when it only
    /// ends with a top-level domain, since `mx.provider.net.example.com.`
    /// could in theory be intended.
    ///
    /// ## Known limits
    /// The top-level domain list is IANA's of 2023-05-30. A relative name
    /// that expands to a name owning records in the zone is left alone, and
    /// so is a single label (`mx`, `host`): that is how in-zone hosts are
    /// named, even when the label is also a top-level domain; if it has no
    /// address, `mx-target-dangling` reports it.
    ///
    /// ## References
    /// - RFC 1035 §5.1 (relative and absolute names), RFC 5321 §5.1
    pub struct MxMissingTrailingDot {
        name: "mx-missing-trailing-dot",
        severity: Error,
        summary: "MX exchange is missing its trailing dot and expands to the wrong name",
        fix: Always,
    }
}

impl Rule for MxMissingTrailingDot {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let zone = cx.zone;
        for mx in cx.mx_records() {
            let Some(Issue::MissingTrailingDot { repeats_origin }) = mx.issue else {
                continue;
            };
            let super::Written::Relative { labels, origin } = mx.written else {
                continue;
            };
            let (file, _, exchange) = spans(zone, mx.id);
            let mut written = String::new();
            for (i, l) in mx.exchange.labels().take(labels).enumerate() {
                if i > 0 {
                    written.push('.');
                }
                crate::dns::name::write_label(&mut written, l);
            }
            let origin = zone.names().name(origin).to_string();
            let mut d = Diagnostic::new(
                Self::META.name,
                Self::META.severity,
                file,
                exchange,
                message(&written, &mx.exchange.to_string()),
            )
            .with_label(label(&origin))
            .with_help(if repeats_origin {
                help(&written)
            } else {
                help_likely(&written)
            });
            if editable(zone, mx.id) {
                let applicability = if repeats_origin {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                };
                d = d.with_fix(Fix {
                    applicability,
                    message: format!("add the trailing dot: `{written}.`"),
                    edits: vec![Edit {
                        file,
                        span: crate::source::Span::new(exchange.end, exchange.end),
                        content: ".".into(),
                    }],
                });
            }
            out.push(d);
        }
    }
}
