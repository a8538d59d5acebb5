//! `mx-target-dangling`

use super::{spans, Dangling, Issue};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule, RuleMeta};

fn message(exchange: &str, why: &Dangling<'_>) -> String {
    match why {
        Dangling::NoSuchName(zone) => format!(
            "MX exchange `{exchange}` does not exist in the zone `{}`",
            zone.origin()
        ),
        Dangling::NoAddress(..) => format!("MX exchange `{exchange}` has no A or AAAA record"),
        Dangling::EmptyNonTerminal(_) => {
            format!("MX exchange `{exchange}` has no records of its own (only names below it do)")
        }
        Dangling::WildcardNoAddress(zone, w) => format!(
            "MX exchange `{exchange}` only matches the wildcard `{}`, which has no A or AAAA record",
            zone.names().name(*w)
        ),
    }
}

fn help(exchange: &str) -> String {
    format!("add an A or AAAA record for `{exchange}`, or point the MX at a host that has one")
}

declare_rule! {
    /// ## What it does
    /// Finds MX exchanges inside the zone (at or below its origin, not at
    /// or below a delegation) that have no A or AAAA record: the name does
    /// not exist and no wildcard covers it (RFC 4592), it exists with other
    /// types only, or it is an empty non-terminal.
    ///
    /// ## Why is this bad?
    /// A sender looks up the exchange's addresses (RFC 5321 §5.1); with none
    /// it cannot deliver. Usually the host was renamed or removed and the
    /// MX was forgotten, or the address record has a typo.
    ///
    /// ## Example
    /// ```zone
    /// @     IN  MX  10 mail.example.com.
    /// mial  IN  A   192.0.2.25
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @     IN  MX  10 mail.example.com.
    /// mail  IN  A   192.0.2.25
    /// ```
    ///
    /// ## Known limits
    /// Names outside the loaded zones are never judged (zonelint does not
    /// send queries), nor are names at or below a delegation point, whose
    /// addresses live in the child zone.
    ///
    /// ## References
    /// - RFC 5321 §5.1, RFC 1034 §4.3.2, RFC 4592 §2.2 (existence and
    ///   wildcards)
    pub struct MxTargetDangling {
        name: "mx-target-dangling",
        severity: Error,
        summary: "MX exchange in the zone has no A or AAAA record",
        fix: Never,
    }
}

impl Rule for MxTargetDangling {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for mx in cx.mx_records() {
            let Some(Issue::Dangling(why)) = &mx.issue else {
                continue;
            };
            let (file, _, exchange) = spans(cx.zone, mx.id);
            let name = mx.exchange.to_string();
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    Self::META.severity,
                    file,
                    exchange,
                    message(&name, why),
                )
                .with_label("no address")
                .with_help(help(&name)),
            );
        }
    }
}
