//! Which rules run and how severe their findings are: `--select`,
//! `--ignore`, `[lint]` and `[lint.severity]`. Rules of the *refused by
//! servers* class always run, at error.

use std::collections::HashMap;

use std::sync::Arc;

use super::provider::table::ProviderTable;
use super::registry;
use crate::diagnostic::Severity;

/// Which rules run and how severe their findings are.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Rules switched off.
    disabled: Vec<&'static str>,
    /// Severity overrides.
    severities: HashMap<&'static str, Severity>,
    /// The provider table the `mx-provider-*` rules read, when
    /// `[providers]` added to the built-in one.
    providers: Option<Arc<ProviderTable>>,
}

/// A `select`/`ignore` value that cannot be honoured.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    /// It names no rule and no family.
    #[error("unknown rule `{0}` (see `zonelint rules`)")]
    Unknown(String),
    /// A selection that names nothing (`--select ""`): it would run no
    /// rule, which is never what is meant.
    #[error("the selection is empty, so no rule would run: name codes or families (`--select mx`), or leave `select` out to run every rule")]
    Empty,
    /// It names a rule of the *refused by servers* class.
    #[error("`{0}` cannot be ignored: named, knotd or nsd refuse a zone with this problem, so it always runs")]
    Refused(String),
}

impl Selection {
    /// All rules at their default severity.
    pub fn all() -> Self {
        Selection::default()
    }

    /// `select` (no list: all) minus `ignore`. A selector is a code, `all`,
    /// or a family prefix such as `mx` (matching `mx-*`). A list of only
    /// blank selectors (`--select ""`) is [`SelectionError::Empty`]. A rule
    /// of the refused class always runs; naming one in `ignore` is an error
    /// (a family or `all` in `ignore` leaves it on).
    pub fn from_lists(select: &[String], ignore: &[String]) -> Result<Self, SelectionError> {
        if !select.is_empty() && select.iter().all(|s| s.trim().is_empty()) {
            return Err(SelectionError::Empty);
        }
        let selected: Vec<&'static str> = if select.is_empty() {
            registry::all().map(|r| r.meta.name).collect()
        } else {
            expand(select)?
        };
        if let Some(refused) = ignore
            .iter()
            .map(|s| s.trim())
            .find(|s| registry::lookup(s).is_some_and(|m| m.is_refused()))
        {
            return Err(SelectionError::Refused(refused.to_owned()));
        }
        let ignored = expand(ignore)?;
        let disabled = registry::all()
            .map(|r| &r.meta)
            .filter(|m| !m.is_refused())
            .map(|m| m.name)
            .filter(|n| !selected.contains(n) || ignored.contains(n))
            .collect();
        Ok(Selection {
            disabled,
            severities: HashMap::new(),
            providers: None,
        })
    }

    /// The same severities with other `select`/`ignore` lists (command-line
    /// flags replace the configuration's lists).
    pub fn with_lists(&self, select: &[String], ignore: &[String]) -> Result<Self, SelectionError> {
        let mut s = Selection::from_lists(select, ignore)?;
        s.severities = self.severities.clone();
        s.providers = self.providers.clone();
        Ok(s)
    }

    /// This selection with the rules `select` names switched on and those
    /// `ignore` names switched off (`--extend-select`, `--extend-ignore`,
    /// `[lint.per-file-ignores]`): lists added to, not replaced. Empty
    /// and refused selectors are refused as by [`Selection::from_lists`].
    pub fn extended(self, select: &[String], ignore: &[String]) -> Result<Self, SelectionError> {
        if select.is_empty() && ignore.is_empty() {
            return Ok(self);
        }
        for list in [select, ignore] {
            if !list.is_empty() && list.iter().all(|s| s.trim().is_empty()) {
                return Err(SelectionError::Empty);
            }
        }
        if let Some(refused) = ignore
            .iter()
            .map(|s| s.trim())
            .find(|s| registry::lookup(s).is_some_and(|m| m.is_refused()))
        {
            return Err(SelectionError::Refused(refused.to_owned()));
        }
        let on = expand(select)?;
        let off = expand(ignore)?;
        let mut s = self;
        s.disabled.retain(|n| !on.contains(n));
        for name in off {
            if !s.disabled.contains(&name)
                && registry::lookup(name).is_some_and(|m| !m.is_refused())
            {
                s.disabled.push(name);
            }
        }
        Ok(s)
    }

    /// Reports `code` at `severity`; a rule of the refused class stays an
    /// error (the configuration refuses such a setting before this).
    pub fn set_severity(&mut self, code: &'static str, severity: Severity) {
        if registry::lookup(code).is_some_and(|m| !m.is_refused()) {
            self.severities.insert(code, severity);
        }
    }

    /// Has the `mx-provider-*` rules read `table` instead of the built-in
    /// provider table.
    pub fn set_providers(&mut self, table: Arc<ProviderTable>) {
        self.providers = Some(table);
    }

    /// The provider table the `mx-provider-*` rules read.
    pub fn providers(&self) -> Arc<ProviderTable> {
        self.providers
            .clone()
            .unwrap_or_else(ProviderTable::builtin)
    }

    /// True when findings of `code` are reported.
    pub fn is_enabled(&self, code: &str) -> bool {
        !self.disabled.contains(&code)
    }

    /// The severity findings of `code` are reported with.
    pub fn severity(&self, code: &str, default: Severity) -> Severity {
        self.severities.get(code).copied().unwrap_or(default)
    }
}

/// The codes `selectors` name.
fn expand(selectors: &[String]) -> Result<Vec<&'static str>, SelectionError> {
    let mut out = Vec::new();
    for s in selectors.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        // A rule's own code names that rule only (`mx-missing` is not the
        // family of `mx-missing-trailing-dot`); anything else is a prefix
        // ending at a `-`: `mx`, `mx-target`.
        if let Some(meta) = registry::lookup(s) {
            out.push(meta.name);
            continue;
        }
        let matches: Vec<&'static str> = registry::all()
            .map(|r| r.meta.name)
            .filter(|n| {
                s == "all" || *n == s || n.strip_prefix(s).is_some_and(|rest| rest.starts_with('-'))
            })
            .collect();
        if matches.is_empty() {
            return Err(SelectionError::Unknown(s.to_owned()));
        }
        out.extend(matches);
    }
    Ok(out)
}
