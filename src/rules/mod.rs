//! Rules: checks over a loaded zone that produce [`Diagnostic`]s.
//!
//! A rule is one file, `rules/<family>/<rule>.rs`, holding in order its
//! documentation, the constructors of its diagnostics, and its
//! `declare_rule!` declaration with the check. Its family's `mod.rs`
//! names it once, in `family!`; [`registry`] gathers the families, and
//! `zonelint rules`, `zonelint explain`, SARIF rule metadata,
//! `docs/rules.md` and the fixture tests all come from there.
//!
//! A check reads the zone through [`Context`]: the zone's index and
//! semantics (`zone/`), the other zones of the run ([`Catalog`]), the
//! shared analysis of host-name targets ([`target`]) and analyses a family
//! shares between its rules ([`Shared`]). It never reads files, prints, or
//! knows about other rules or output.

mod catalog;
mod context;
pub mod registry;
mod selection;
pub(crate) mod suppression;
pub mod target;

mod cname;
mod delegation;
mod dname;
mod mail;
mod meta;
mod mx;
mod ns;
mod owner;
mod provider;
mod ptr;
mod read;
mod rrset;
mod serial;
mod soa;
mod srv;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Site;
use crate::zone::Zone;

pub use catalog::Catalog;
pub use context::{Context, Shared};
pub use provider::table::{ProviderSpec, ProviderTable};
pub use registry::{all, explain, lookup};
pub use selection::{Selection, SelectionError};

/// Whether a rule can offer a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixKind {
    /// Never: the correction is not knowable from the zone.
    Never,
    /// For some findings (the data lets the rule know the correction).
    Sometimes,
    /// For every finding.
    Always,
}

impl FixKind {
    /// As shown by `zonelint rules` and `explain`: `no`, `sometimes`, `yes`.
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::Never => "no",
            FixKind::Sometimes => "sometimes",
            FixKind::Always => "yes",
        }
    }
}

/// How far configuration reaches a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleClass {
    /// Selected, ignored, suppressed and re-graded as configured.
    Configurable,
    /// Refused by servers: named, knotd or nsd will not load a zone with
    /// this finding. Always runs, always an error, never suppressed: a zone
    /// the servers refuse never passes.
    Refused,
    /// Some findings are refused by servers (its docs say which): those
    /// are reported as the refused class's are, whatever the configuration;
    /// the others as configured.
    PartlyRefused,
}

impl RuleClass {
    /// As shown by `zonelint rules`: `configurable` or `refused`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleClass::Configurable => "configurable",
            RuleClass::Refused => "refused",
            RuleClass::PartlyRefused => "partly-refused",
        }
    }
}

/// What the registry knows about a rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// The public code, kebab-case.
    pub name: &'static str,
    /// The severity findings have unless configured otherwise.
    pub severity: Severity,
    /// Whether configuration can switch the rule off or re-grade it.
    pub class: RuleClass,
    /// One line for `zonelint rules`.
    pub summary: &'static str,
    /// The doc comment, for `zonelint explain`.
    pub docs: &'static str,
    /// Whether findings come with a fix.
    pub fix: FixKind,
}

/// Where the published documentation of the rules lives.
pub const DOCS_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md");

impl RuleMeta {
    /// The documentation as Markdown: the doc comment without the space
    /// each of its lines starts with.
    pub fn markdown(&self) -> String {
        self.docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The link to this rule's section of `docs/rules.md`.
    pub fn docs_url(&self) -> String {
        format!("{DOCS_URL}#{}", self.name)
    }

    /// True for a rule that is always on and always an error.
    pub fn is_refused(&self) -> bool {
        self.class == RuleClass::Refused
    }

    /// True for a rule that must run whatever the selection, because some
    /// or all of its findings are refused by servers.
    pub fn always_runs(&self) -> bool {
        self.class != RuleClass::Configurable
    }
}

/// A check over a loaded zone, writing its findings to `out`.
pub type Check = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// A rule: its metadata and its check (`None` for the codes the parser and
/// the loader report while reading a file).
pub struct Rule {
    /// The metadata.
    pub meta: RuleMeta,
    pub(crate) check: Option<Check>,
}

impl Rule {
    /// A finding of this rule at `at`, at the rule's default severity.
    pub fn report(&'static self, at: Site, message: impl Into<String>) -> Diagnostic {
        let d = Diagnostic::at(self.meta.name, self.meta.severity, at, message);
        if self.meta.is_refused() {
            d.refused()
        } else {
            d
        }
    }

    /// True for the codes reported while reading (no check of their own).
    pub fn is_reported_while_reading(&self) -> bool {
        self.check.is_none()
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Rule").field(&self.meta.name).finish()
    }
}

/// Declares the rule of the file it is in: `pub(crate) static RULE`, with
/// the doc comment captured for `zonelint explain`.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     name: "mx-target-cname",
///     severity: Error,
///     summary: "MX exchange is an alias (CNAME or below a DNAME)",
///     fix: Sometimes,
///     check: check,
/// }
/// ```
///
/// `class: Refused,` after the severity puts the rule in the *refused by
/// servers* class; without `check`, the code is one the parser or the
/// loader reports (its `name` is then a constant of
/// [`crate::diagnostic::codes`]).
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        name: $name:expr,
        severity: $severity:ident,
        $(class: $class:ident,)?
        summary: $summary:literal,
        fix: $fix:ident,
        $(check: $check:path,)?
    ) => {
        $(#[doc = $doc])*
        pub(crate) static RULE: $crate::rules::Rule = $crate::rules::Rule {
            meta: $crate::rules::RuleMeta {
                name: $name,
                severity: $crate::diagnostic::Severity::$severity,
                class: $crate::rules::declare_rule!(@class $($class)?),
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
                fix: $crate::rules::FixKind::$fix,
            },
            check: $crate::rules::declare_rule!(@check $($check)?),
        };
    };
    (@class) => { $crate::rules::RuleClass::Configurable };
    (@class $class:ident) => { $crate::rules::RuleClass::$class };
    (@check) => { None };
    (@check $check:path) => { Some($check) };
}
pub(crate) use declare_rule;

/// Declares a family's rule modules and `RULES`, the family's list in
/// documentation order: one line per rule.
macro_rules! family {
    ($($rule:ident,)*) => {
        $(pub(crate) mod $rule;)*

        /// The family's rules, in documentation order.
        pub(crate) static RULES: &[&$crate::rules::Rule] = &[$(&$rule::RULE,)*];
    };
}
pub(crate) use family;

/// A developer's aid: with `ZONELINT_TIME_PHASES` set, prints how long a
/// phase took since `since` (the benchmarks read it).
pub fn time_phase(phase: &str, since: std::time::Instant) {
    if std::env::var_os("ZONELINT_TIME_PHASES").is_some() {
        eprintln!(
            "{:>8.1} ms phase {phase}",
            since.elapsed().as_secs_f64() * 1e3
        );
    }
}

/// Runs the selected rules over `zone` and applies inline suppressions.
/// `loaded` are the diagnostics of loading (syntax and load warnings); they
/// go through the same selection and suppression.
pub fn lint(
    zone: &Zone,
    catalog: &Catalog<'_>,
    selection: &Selection,
    loaded: &[Diagnostic],
) -> Vec<Diagnostic> {
    let cx = Context::new(zone, catalog).with_providers(selection.providers());
    // Findings of a rule switched off are dropped, unless the servers
    // refuse them; the severity of a refused finding stays error.
    let graded = |mut d: Diagnostic| -> Option<Diagnostic> {
        if d.refused {
            return Some(d);
        }
        if !selection.is_enabled(d.code) {
            return None;
        }
        d.severity = selection.severity(d.code, d.severity);
        Some(d)
    };
    let mut found: Vec<Diagnostic> = loaded.iter().cloned().filter_map(graded).collect();
    // The rules run on all cores (they share the analyses of `cx`, each
    // computed once); their findings are kept in registry order.
    use rayon::prelude::*;
    // A developer's aid: ZONELINT_TIME_RULES prints each rule's time.
    let timed = std::env::var_os("ZONELINT_TIME_RULES").is_some();
    let per_rule: Vec<Vec<Diagnostic>> = registry::checks()
        .par_iter()
        .filter(|(rule, _)| rule.meta.always_runs() || selection.is_enabled(rule.meta.name))
        .map(|(rule, check)| {
            let mut out = Vec::new();
            // (The clock is read only when timing: a run over thousands
            // of small zones would read it a hundred thousand times.)
            let t = timed.then(std::time::Instant::now);
            check(&cx, &mut out);
            if let Some(t) = t {
                eprintln!(
                    "{:>8.1} ms {}",
                    t.elapsed().as_secs_f64() * 1e3,
                    rule.meta.name
                );
            }
            out.into_iter().filter_map(graded).collect()
        })
        .collect();
    found.extend(per_rule.into_iter().flatten());
    let mut out = suppression::apply(zone, found, selection);
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    merge_generated(out)
}

/// The records of one `$GENERATE` share its text: findings of one rule on
/// the same token are reported once, the first saying how many records
/// of the range it stands for when their messages differ.
fn merge_generated(found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::with_capacity(found.len());
    let mut more = 0usize;
    let mut differ = false;
    let finish = |d: &mut Diagnostic, more: usize, differ: bool| {
        if more > 0 && differ {
            let s = if more == 1 { "" } else { "s" };
            d.message = format!(
                "{} (and {more} more record{s} of this `$GENERATE`)",
                d.message
            );
        }
    };
    for d in found {
        match out.last_mut() {
            Some(last) if last.site() == d.site() && last.code == d.code => {
                more += 1;
                differ |= last.message != d.message;
            }
            last => {
                if let Some(last) = last {
                    finish(last, more, differ);
                }
                more = 0;
                differ = false;
                out.push(d);
            }
        }
    }
    if let Some(last) = out.last_mut() {
        finish(last, more, differ);
    }
    out
}

#[cfg(test)]
mod tests;
