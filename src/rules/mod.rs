//! Rules: checks over a loaded zone that produce [`Diagnostic`]s.
//!
//! Every rule lives in its own file (`rules/<family>/<rule>.rs`) with a doc
//! comment in a fixed skeleton, captured by [`declare_rule!`] for
//! `zonelint explain`. [`REGISTRY`] lists them all. A rule reads the zone
//! through [`Context`], queries the index, never reads text or files, and
//! knows nothing of the other rules or of output.

pub mod mx;
mod registry;
pub mod suppression;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::diagnostic::{Diagnostic, Severity};
use crate::dns::NameRef;
use crate::zone::{RecordId, Zone};

pub use registry::{explain, lookup, RuleInfo, CODES, REGISTRY};

/// Whether a rule can offer a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixKind {
    Never,
    /// For some findings (the data lets the rule know the correction).
    Sometimes,
    Always,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::Never => "no",
            FixKind::Sometimes => "sometimes",
            FixKind::Always => "yes",
        }
    }
}

/// What the registry knows about a rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// The public code, kebab-case.
    pub name: &'static str,
    pub severity: Severity,
    /// One line for `zonelint rules`.
    pub summary: &'static str,
    /// The doc comment, for `zonelint explain`.
    pub docs: &'static str,
    pub fix: FixKind,
}

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
}

/// A check over a loaded zone.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

/// Declares a rule struct and its [`RuleMeta`], capturing the doc comment.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub struct MxTargetCname {
///         name: "mx-target-cname",
///         severity: Error,
///         summary: "MX exchange is an alias (CNAME)",
///         fix: Sometimes,
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $rule:ident {
            name: $name:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            fix: $fix:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $rule;

        impl $rule {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                name: $name,
                severity: $crate::diagnostic::Severity::$severity,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
                fix: $crate::rules::FixKind::$fix,
            };
        }
    };
}

/// The zones loaded in one run, for questions about names outside the
/// zone being checked (an MX target in a sibling zone).
#[derive(Default)]
pub struct Catalog<'z> {
    /// Zones by origin, as lowercase wire format.
    by_origin: HashMap<Box<[u8]>, Vec<&'z Zone>>,
}

impl<'z> Catalog<'z> {
    pub fn new(zones: Vec<&'z Zone>) -> Self {
        let mut by_origin: HashMap<Box<[u8]>, Vec<&'z Zone>> = HashMap::new();
        for z in zones {
            by_origin
                .entry(z.origin().wire().to_ascii_lowercase().into())
                .or_default()
                .push(z);
        }
        Catalog { by_origin }
    }

    /// The loaded zone with the deepest origin that contains `name` (the
    /// last one given when several share that origin).
    pub fn zone_for(&self, name: NameRef<'_>) -> Option<&'z Zone> {
        if self.by_origin.is_empty() {
            return None;
        }
        // Each suffix of a name's wire form at a label boundary is the wire
        // form of an ancestor: look them up from the name itself upwards.
        let wire = name.wire().to_ascii_lowercase();
        let mut at = 0;
        loop {
            if let Some(zones) = self.by_origin.get(&wire[at..]) {
                return zones.last().copied();
            }
            match wire.get(at) {
                Some(&len) if len > 0 => at += 1 + usize::from(len),
                _ => return None,
            }
        }
    }
}

/// What a rule sees: the zone, the other zones of the run, and analyses
/// shared by a rule family, computed once on first use.
pub struct Context<'z> {
    pub zone: &'z Zone,
    pub catalog: &'z Catalog<'z>,
    mx: OnceLock<Vec<mx::MxInfo<'z>>>,
    addresses: OnceLock<HashMap<[u8; 16], Vec<RecordId>>>,
}

impl<'z> Context<'z> {
    pub fn new(zone: &'z Zone, catalog: &'z Catalog<'z>) -> Self {
        Context {
            zone,
            catalog,
            mx: OnceLock::new(),
            addresses: OnceLock::new(),
        }
    }

    /// Every MX record with its exchange classified (see [`mx`]).
    pub fn mx_records(&self) -> &[mx::MxInfo<'z>] {
        self.mx.get_or_init(|| mx::analyze(self))
    }

    /// The zone that holds authoritative data for `name`: the deepest loaded
    /// zone containing it (this zone when nothing deeper is loaded).
    pub fn zone_for(&self, name: NameRef<'_>) -> Option<&'z Zone> {
        self.catalog
            .zone_for(name)
            .or_else(|| self.zone.contains(name).then_some(self.zone))
    }

    /// A and AAAA records of this zone by address (IPv4 as mapped IPv6).
    pub fn records_with_address(&self, address: [u8; 16]) -> &[RecordId] {
        let index = self.addresses.get_or_init(|| {
            let mut index: HashMap<[u8; 16], Vec<RecordId>> = HashMap::new();
            for (id, r) in self.zone.records() {
                let data = self.zone.rdata(r);
                let key = match (r.rtype, data.len()) {
                    (crate::dns::RecordType::A, 4) => {
                        std::net::Ipv4Addr::new(data[0], data[1], data[2], data[3])
                            .to_ipv6_mapped()
                            .octets()
                    }
                    (crate::dns::RecordType::AAAA, 16) => data.try_into().expect("16 bytes"),
                    _ => continue,
                };
                index.entry(key).or_default().push(id);
            }
            index
        });
        index.get(&address).map_or(&[], Vec::as_slice)
    }
}

/// Which rules run and how severe their findings are.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Rules switched off.
    disabled: Vec<&'static str>,
    /// Severity overrides.
    severities: HashMap<&'static str, Severity>,
}

/// A `--select`/`--ignore` value that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl Selection {
    /// All rules at their default severity.
    pub fn all() -> Self {
        Selection::default()
    }

    /// `select` (empty: all) minus `ignore`. A selector is a code, `all`,
    /// or a family prefix such as `mx` (matching `mx-*`).
    pub fn from_lists(select: &[String], ignore: &[String]) -> Result<Self, UnknownRule> {
        let selected: Vec<&'static str> = if select.is_empty() {
            CODES.iter().map(|c| c.name).collect()
        } else {
            expand(select)?
        };
        let ignored = expand(ignore)?;
        let disabled = CODES
            .iter()
            .map(|c| c.name)
            .filter(|n| !selected.contains(n) || ignored.contains(n))
            .filter(|&n| n != crate::diagnostic::SYNTAX)
            .collect();
        Ok(Selection {
            disabled,
            severities: HashMap::new(),
        })
    }

    /// The same severities with other `select`/`ignore` lists (command-line
    /// flags replace the configuration's lists).
    pub fn with_lists(&self, select: &[String], ignore: &[String]) -> Result<Self, UnknownRule> {
        let mut s = Selection::from_lists(select, ignore)?;
        s.severities = self.severities.clone();
        Ok(s)
    }

    pub fn set_severity(&mut self, code: &'static str, severity: Severity) {
        self.severities.insert(code, severity);
    }

    pub fn is_enabled(&self, code: &str) -> bool {
        !self.disabled.contains(&code)
    }

    /// The severity findings of `code` are reported with.
    pub fn severity(&self, code: &str, default: Severity) -> Severity {
        self.severities.get(code).copied().unwrap_or(default)
    }
}

fn expand(selectors: &[String]) -> Result<Vec<&'static str>, UnknownRule> {
    let mut out = Vec::new();
    for s in selectors.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        // A rule's own code names that rule only (`mx-missing` is not the
        // family of `mx-missing-trailing-dot`); anything else is a prefix
        // ending at a `-`: `mx`, `mx-target`.
        if let Some(meta) = CODES.iter().find(|c| c.name == s) {
            out.push(meta.name);
            continue;
        }
        let matches: Vec<&'static str> = CODES
            .iter()
            .map(|c| c.name)
            .filter(|n| {
                s == "all" || *n == s || n.strip_prefix(s).is_some_and(|rest| rest.starts_with('-'))
            })
            .collect();
        if matches.is_empty() {
            return Err(UnknownRule(s.to_owned()));
        }
        out.extend(matches);
    }
    Ok(out)
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
    let cx = Context::new(zone, catalog);
    let mut found: Vec<Diagnostic> = loaded
        .iter()
        .filter(|d| selection.is_enabled(d.code))
        .cloned()
        .collect();
    // The rules run on all cores (they share the analyses of `cx`, each
    // computed once); their findings are kept in registry order.
    use rayon::prelude::*;
    let per_rule: Vec<Vec<Diagnostic>> = REGISTRY
        .par_iter()
        .filter(|rule| selection.is_enabled(rule.meta().name))
        .map(|rule| {
            let name = rule.meta().name;
            let mut out = Vec::new();
            rule.check(&cx, &mut out);
            for d in &mut out {
                d.severity = selection.severity(name, d.severity);
            }
            out
        })
        .collect();
    found.extend(per_rule.into_iter().flatten());
    let mut out = suppression::apply(zone, found, selection);
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enabled(select: &[&str], ignore: &[&str]) -> Vec<&'static str> {
        let owned = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let s = Selection::from_lists(&owned(select), &owned(ignore)).unwrap();
        CODES
            .iter()
            .map(|c| c.name)
            .filter(|n| *n != crate::diagnostic::SYNTAX && s.is_enabled(n))
            .collect()
    }

    fn zone(origin: &str) -> crate::zone::Loaded {
        let text =
            format!("$ORIGIN {origin}\n$TTL 1h\n@ SOA ns h 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n");
        crate::zone::load(
            crate::source::SourceFile::new("x.zone", text.into_bytes()),
            &crate::zone::LoadOptions::default(),
            &crate::zone::StdFileSystem,
        )
    }

    #[test]
    fn catalog_finds_the_deepest_zone() {
        let (parent, child, other) = (
            zone("Example.COM."),
            zone("sub.example.com."),
            zone("example.net."),
        );
        let catalog = Catalog::new(vec![&parent.zone, &child.zone, &other.zone]);
        let find = |name: &str| {
            let name: crate::dns::Name = name.parse().unwrap();
            catalog
                .zone_for(name.as_ref())
                .map(|z| z.origin().to_string())
        };
        assert_eq!(
            find("www.SUB.example.com.").as_deref(),
            Some("sub.example.com.")
        );
        assert_eq!(
            find("sub.example.com.").as_deref(),
            Some("sub.example.com.")
        );
        assert_eq!(find("mail.example.com.").as_deref(), Some("Example.COM."));
        assert_eq!(find("example.com.").as_deref(), Some("Example.COM."));
        assert_eq!(find("xsub.example.com.").as_deref(), Some("Example.COM."));
        assert_eq!(find("example.org.").as_deref(), None);
        assert_eq!(find("com.").as_deref(), None);
        assert_eq!(find(".").as_deref(), None);
        assert!(Catalog::new(Vec::new())
            .zone_for(crate::dns::Name::root().as_ref())
            .is_none());
    }

    /// A suppression naming a code in bytes that are not UTF-8 is reported
    /// on exactly those bytes (found by fuzzing: the span was measured on
    /// the lossy decoding, which is longer, and ran past the file's end).
    #[test]
    fn unused_suppression_spans_the_bytes_as_written() {
        let text = b"$ORIGIN example.com.\n$TTL 1h\n@ SOA ns h 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1 ; zonelint: allow(m\xff\xffx)".to_vec();
        let len = text.len() as u32;
        let loaded = crate::zone::load(
            crate::source::SourceFile::new("x.zone", text),
            &crate::zone::LoadOptions::default(),
            &crate::zone::StdFileSystem,
        );
        let catalog = Catalog::new(vec![&loaded.zone]);
        let found = lint(
            &loaded.zone,
            &catalog,
            &Selection::all(),
            &loaded.diagnostics,
        );
        let unused: Vec<_> = found
            .iter()
            .filter(|d| d.code == "unused-suppression")
            .collect();
        assert_eq!(unused.len(), 1, "{found:?}");
        assert_eq!(unused[0].span, crate::source::Span::new(len - 5, len - 1));
    }

    #[test]
    fn codes_and_families() {
        // A code that is also the start of another code names itself only.
        let left = enabled(&["mx"], &["mx-missing"]);
        assert!(left.contains(&"mx-missing-trailing-dot"), "{left:?}");
        assert!(!left.contains(&"mx-missing"));
        assert_eq!(enabled(&["mx-missing"], &[]), ["mx-missing"]);
        assert_eq!(
            enabled(&["mx-target"], &["mx-target-ip"]),
            ["mx-target-invalid", "mx-target-cname", "mx-target-dangling"]
        );
        // Prefixes end at a hyphen: `mx-tar` is no family.
        assert!(Selection::from_lists(&["mx-tar".to_owned()], &[]).is_err());
        assert_eq!(enabled(&["all"], &["mx"]).len(), 2);
    }
}
