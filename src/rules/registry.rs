//! The one list of every rule and every public code, gathered from the
//! families' `RULES` (each family lists its rules once, in `family!`).
//! `zonelint rules`, `zonelint explain`, SARIF rule metadata,
//! `docs/rules.md` and the fixture tests all read it.

use std::sync::OnceLock;

use super::{
    cname, delegation, dname, mail, meta, mx, ns, owner, provider, ptr, read, rrset, serial, soa,
    srv, Check, Rule, RuleClass, RuleMeta,
};

/// The families, in documentation order.
static FAMILIES: &[&[&Rule]] = &[
    read::RULES,
    meta::RULES,
    soa::RULES,
    serial::RULES,
    ns::RULES,
    delegation::RULES,
    cname::RULES,
    dname::RULES,
    mx::RULES,
    srv::RULES,
    ptr::RULES,
    mail::RULES,
    provider::RULES,
    owner::RULES,
    rrset::RULES,
];

/// Every rule and public code, in documentation order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    FAMILIES.iter().flat_map(|f| f.iter().copied())
}

/// The rules that have a check, with it (those the linter runs).
pub(crate) fn checks() -> &'static [(&'static Rule, Check)] {
    static CHECKS: OnceLock<Vec<(&'static Rule, Check)>> = OnceLock::new();
    CHECKS.get_or_init(|| all().filter_map(|r| r.check.map(|c| (r, c))).collect())
}

/// The entry of a code.
pub fn lookup(code: &str) -> Option<&'static RuleMeta> {
    all().map(|r| &r.meta).find(|m| m.name == code)
}

/// The position of a code in the registry (SARIF's `ruleIndex`).
pub fn index_of(code: &str) -> Option<usize> {
    all().position(|r| r.meta.name == code)
}

/// The headline `explain` and `docs/rules.md` give a rule: its severity,
/// class and fixability.
fn headline(meta: &RuleMeta) -> String {
    let class = match meta.class {
        RuleClass::Refused => " Refused by servers: always on, always an error, never suppressed.",
        RuleClass::PartlyRefused => {
            " Partly refused by servers: the findings the servers refuse (see below) are always \
             reported, as errors, and never suppressed; the others as configured."
        }
        RuleClass::Configurable => "",
    };
    format!(
        "Default severity: {}. Fix: {}.{class}",
        meta.severity,
        meta.fix.as_str()
    )
}

/// The documentation of a code, as Markdown.
pub fn explain(code: &str) -> Option<String> {
    let meta = lookup(code)?;
    let docs = meta.markdown();
    Some(format!(
        "# {}\n\n{}\n\n{}\n",
        meta.name,
        headline(meta),
        docs.trim_end()
    ))
}

/// `docs/rules.md`: every rule's documentation, generated from the
/// registry (a test fails when the file is stale).
pub fn markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n\
         <!-- Generated from the rule registry by `zonelint rules --format markdown`; \
         do not edit by hand. -->\n\n\
         Every code zonelint reports, with its default severity, its class and whether it \
         can fix. Rules of the *refused* class find what makes `named`, `knotd` or `nsd` \
         refuse to load the zone: they always run, are always errors and cannot be \
         suppressed, so a zone the servers refuse never passes. A *partly-refused* rule's \
         findings are so when its section says the servers refuse them (an NS target of the \
         apex, not of a delegation, say). The others can be selected, ignored, suppressed \
         and re-graded (see [configuration](configuration.md)).\n\n\
         Each MX record gets at most one finding about its exchange, by precedence: \
         `mx-target-ip` > `mx-missing-trailing-dot` > `mx-target-invalid` > \
         `mx-target-cname` > `mx-target-dangling` (one root cause, one message). Names \
         outside the loaded zones are never judged by existence (zonelint does not query \
         the DNS), nor are names at or below a delegation.\n\n\
         | code | severity | class | fix | summary |\n|---|---|---|---|---|\n",
    );
    for r in all() {
        let m = &r.meta;
        out.push_str(&format!(
            "| [`{0}`](#{0}) | {1} | {2} | {3} | {4} |\n",
            m.name,
            m.severity,
            m.class.as_str(),
            m.fix.as_str(),
            m.summary
        ));
    }
    for r in all() {
        let m = &r.meta;
        // Headings inside a rule's docs go one level down.
        let docs = m
            .markdown()
            .lines()
            .map(|l| {
                if l.starts_with("## ") {
                    format!("#{l}")
                } else {
                    l.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        out.push_str(&format!(
            "\n## {}\n\n{}\n\n{}\n",
            m.name,
            headline(m),
            docs.trim()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::FixKind;

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for rule in all() {
            let meta = &rule.meta;
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
            if meta.fix != FixKind::Never {
                assert!(
                    meta.docs.contains("## Fix"),
                    "{} can fix but has no ## Fix",
                    meta.name
                );
            }
            if meta.always_runs() {
                assert!(
                    meta.docs.contains("## Refused by servers"),
                    "{}: a refused rule says which server refuses and how",
                    meta.name
                );
            }
            if meta.is_refused() {
                assert_eq!(
                    meta.severity,
                    crate::diagnostic::Severity::Error,
                    "{}: a refused rule is an error",
                    meta.name
                );
            }
            assert!(
                !meta.summary.ends_with('.'),
                "{}: summary ends with a period",
                meta.name
            );
        }
    }

    #[test]
    fn explain_prints_the_docs() {
        let text = explain("mx-target-cname").unwrap();
        assert!(text.starts_with("# mx-target-cname\n"));
        assert!(text.contains("## Why is this bad?"));
        assert!(explain("mx-preference-range")
            .unwrap()
            .contains("Refused by servers"));
        assert!(explain("no-such-rule").is_none());
    }
}
