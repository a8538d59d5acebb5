//! The one list of every rule and every public code.

use super::mx;
use super::{Rule, RuleMeta};
use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports text that is not a valid zone file: a malformed address,
    /// name, TTL or record data, an unknown record type or directive,
    /// unbalanced parentheses or quotes, a missing `$INCLUDE` file, a
    /// relative name with no known origin.
    ///
    /// ## Why is this bad?
    /// A DNS server refuses to load a zone with a syntax error (BIND,
    /// Knot and NSD reject the whole zone), so one bad line takes the
    /// whole domain down at the next reload.
    ///
    /// ## Example
    /// ```zone
    /// mail  IN  A  203.0.113.300
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// mail  IN  A  203.0.113.30
    /// ```
    ///
    /// ## Known limits
    /// `syntax` cannot be switched off or suppressed: nothing else can be
    /// trusted in a file that does not parse.
    ///
    /// ## References
    /// - RFC 1035 §5 (master files), RFC 2308 §4 (`$TTL`), RFC 3597 §5
    ///   (unknown types)
    pub struct Syntax {
        name: "syntax",
        severity: Error,
        summary: "the file is not a valid zone file",
        fix: Never,
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a record whose owner is not at or below the zone's origin.
    ///
    /// ## Why is this bad?
    /// Servers ignore such records ("out-of-zone data"): they are not
    /// published, which usually means the origin is wrong or the record
    /// belongs in another zone.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN example.com.
    /// www.example.org.  IN  A  192.0.2.1
    /// ```
    ///
    /// Use instead: move the record to the `example.org.` zone.
    ///
    /// ## References
    /// - RFC 1034 §4.2.1 (authoritative data of a zone)
    pub struct OutOfZoneData {
        name: "out-of-zone-data",
        severity: Warning,
        summary: "a record outside the zone is ignored",
        fix: Never,
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a `; zonelint: allow(...)` comment that silences nothing.
    ///
    /// ## Why is this bad?
    /// A stale suppression hides the next real problem on that line and
    /// misleads readers about what is wrong there.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  MX  10 mail.example.com.  ; zonelint: allow(mx-target-cname)
    /// ```
    ///
    /// Use instead: remove the comment once the problem is fixed.
    ///
    /// ## References
    /// - zonelint documentation, "Inline suppression"
    pub struct UnusedSuppression {
        name: "unused-suppression",
        severity: Warning,
        summary: "a suppression comment that silences nothing",
        fix: Never,
    }
}

/// Every rule that runs over a zone, in documentation order.
pub static REGISTRY: &[&dyn Rule] = &[
    &mx::MxMissingTrailingDot,
    &mx::MxTargetIp,
    &mx::MxTargetInvalid,
    &mx::MxTargetCname,
    &mx::MxTargetDangling,
    &mx::MxPreferenceRange,
    &mx::MxNullMixed,
    &mx::MxNullPreference,
    &mx::MxDuplicate,
    &mx::MxBackupPreferred,
    &mx::MxMissing,
];

/// A public code's registry entry.
pub type RuleInfo = RuleMeta;

/// Every public code: the rules and the codes given by the parser, the
/// loader and suppression handling.
pub static CODES: &[&RuleMeta] = &[
    &Syntax::META,
    &OutOfZoneData::META,
    &UnusedSuppression::META,
    &mx::MxMissingTrailingDot::META,
    &mx::MxTargetIp::META,
    &mx::MxTargetInvalid::META,
    &mx::MxTargetCname::META,
    &mx::MxTargetDangling::META,
    &mx::MxPreferenceRange::META,
    &mx::MxNullMixed::META,
    &mx::MxNullPreference::META,
    &mx::MxDuplicate::META,
    &mx::MxBackupPreferred::META,
    &mx::MxMissing::META,
];

/// The entry of a code.
pub fn lookup(code: &str) -> Option<&'static RuleMeta> {
    CODES.iter().copied().find(|m| m.name == code)
}

/// The documentation of a code, as Markdown.
pub fn explain(code: &str) -> Option<String> {
    let meta = lookup(code)?;
    let docs = meta.markdown();
    Some(format!(
        "# {}\n\nDefault severity: {}. Fix: {}.\n\n{}\n",
        meta.name,
        meta.severity,
        meta.fix.as_str(),
        docs.trim_end()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for meta in CODES {
            assert!(seen.insert(meta.name), "duplicate code {}", meta.name);
            assert!(
                meta.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{} is not kebab-case",
                meta.name
            );
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## References",
            ] {
                assert!(meta.docs.contains(section), "{} lacks {section}", meta.name);
            }
            if meta.fix != super::super::FixKind::Never {
                assert!(
                    meta.docs.contains("## Fix"),
                    "{} can fix but has no ## Fix",
                    meta.name
                );
            }
            assert!(
                !meta.summary.ends_with('.'),
                "{}: summary ends with a period",
                meta.name
            );
        }
        for rule in REGISTRY {
            assert!(
                lookup(rule.meta().name).is_some(),
                "{} missing from CODES",
                rule.meta().name
            );
        }
    }

    #[test]
    fn explain_prints_the_docs() {
        let text = explain("mx-target-cname").unwrap();
        assert!(text.starts_with("# mx-target-cname\n"));
        assert!(text.contains("## Why is this bad?"));
        assert!(explain("no-such-rule").is_none());
    }
}
