//! `mx-preference-range`

use super::spans;
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule, RuleMeta};

fn message(written: &str) -> String {
    format!("MX preference `{written}` is out of range")
}

const HELP: &str =
    "use a whole number from 0 to 65535 (RFC 1035 §3.3.9); lower values are tried first";

declare_rule! {
    /// ## What it does
    /// Finds MX preferences that are not a decimal integer from 0 to 65535:
    /// `65536`, `-5`, `ten`, `1.5`.
    ///
    /// ## Why is this bad?
    /// The preference is a 16-bit unsigned integer (RFC 1035 §3.3.9). BIND
    /// refuses the zone; some other servers and tools silently wrap 65536
    /// to 0, turning the least preferred server into the most preferred.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  MX  65536 backup.example.com.
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  MX  65535 backup.example.com.
    /// ```
    ///
    /// ## References
    /// - RFC 1035 §3.3.9 (MX RDATA format)
    pub struct MxPreferenceRange {
        name: "mx-preference-range",
        severity: Error,
        summary: "MX preference is not a number from 0 to 65535",
        fix: Never,
    }
}

impl Rule for MxPreferenceRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let zone = cx.zone;
        for mx in cx.mx_records().iter().filter(|mx| mx.preference.is_none()) {
            let (file, preference, _) = spans(zone, mx.id);
            let text = zone.file_of(zone.record(mx.id)).text();
            let written = String::from_utf8_lossy(preference.slice(text)).into_owned();
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    Self::META.severity,
                    file,
                    preference,
                    message(&written),
                )
                .with_label("not 0 to 65535")
                .with_help(HELP),
            );
        }
    }
}
