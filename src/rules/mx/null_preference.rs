//! `mx-null-preference`

use super::{editable, spans};
use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::rules::{Context, Rule, RuleMeta};

fn message(preference: u16) -> String {
    format!("null MX has preference `{preference}`; RFC 7505 requires 0")
}

const HELP: &str = "set the preference of the null MX to 0";

declare_rule! {
    /// ## What it does
    /// Finds a null MX (exchange `.`) whose preference is not 0.
    ///
    /// ## Why is this bad?
    /// RFC 7505 §3 defines the null MX as preference 0 with exchange `.`.
    /// Other values are not a null MX by the letter of the RFC, and some
    /// checkers and senders only recognize the exact form.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  MX  10 .
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  MX  0 .
    /// ```
    ///
    /// ## Fix
    /// Safe: the preference is set to 0. A null MX is the only MX at its
    /// name, so its preference orders nothing and changing it changes no
    /// delivery decision.
    ///
    /// ## References
    /// - RFC 7505 §3
    pub struct MxNullPreference {
        name: "mx-null-preference",
        severity: Warning,
        summary: "null MX has a preference other than 0",
        fix: Always,
    }
}

impl Rule for MxNullPreference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let zone = cx.zone;
        for mx in cx.mx_records().iter().filter(|mx| mx.is_null()) {
            let Some(preference) = mx.preference.filter(|&p| p != 0) else {
                continue;
            };
            let (file, span, _) = spans(zone, mx.id);
            let mut d = Diagnostic::new(
                Self::META.name,
                Self::META.severity,
                file,
                span,
                message(preference),
            )
            .with_label("should be 0")
            .with_help(HELP);
            if editable(zone, mx.id) {
                d = d.with_fix(Fix {
                    applicability: Applicability::Safe,
                    message: "set the preference to 0".into(),
                    edits: vec![Edit {
                        file,
                        span,
                        content: "0".into(),
                    }],
                });
            }
            out.push(d);
        }
    }
}
