//! `mx-null-mixed`

use super::{owner, same_owner, spans};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule, RuleMeta};

fn message(owner: &str) -> String {
    format!("null MX (`.`) for `{owner}` is mixed with other MX records")
}

const HELP: &str = "a null MX says the domain accepts no mail (RFC 7505 §3); remove it, or remove the other MX records";

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
    pub struct MxNullMixed {
        name: "mx-null-mixed",
        severity: Error,
        summary: "null MX shares its name with other MX records",
        fix: Never,
    }
}

impl Rule for MxNullMixed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let zone = cx.zone;
        for null in cx.mx_records().iter().filter(|mx| mx.is_null()) {
            let others: Vec<_> = same_owner(cx, null).filter(|mx| !mx.is_null()).collect();
            if others.is_empty() {
                continue;
            }
            let (file, _, exchange) = spans(zone, null.id);
            let mut d = Diagnostic::new(
                Self::META.name,
                Self::META.severity,
                file,
                exchange,
                message(&owner(zone, null.id).to_string()),
            )
            .with_label("null MX")
            .with_help(HELP);
            for other in others {
                let (ofile, _, oexchange) = spans(zone, other.id);
                d = d.with_secondary(
                    ofile,
                    oexchange,
                    format!("MX `{}` at the same name", other.exchange),
                );
            }
            out.push(d);
        }
    }
}
