//! The provider table: the built-in profiles of `providers.toml`, with the
//! `[providers.<name>]` entries of `zonelint.toml` (same form) added or
//! replacing a built-in entry of the same name.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use crate::dns::NameRef;

/// One entry as written (in `providers.toml` or under `[providers.<name>]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderSpec {
    /// The provider's name, as findings print it (default: the key).
    pub name: Option<String>,
    /// The provider's own setup page.
    pub docs: Option<String>,
    /// Exchange patterns: names, `*` standing for one label.
    #[serde(default)]
    pub hosts: Vec<String>,
    /// Per-domain exchange patterns: `{tenant}` as the first label.
    #[serde(default)]
    pub tenant: Vec<String>,
    /// The published MX sets: exchange = preference.
    #[serde(default)]
    pub sets: Vec<BTreeMap<String, u16>>,
    /// The `include:` targets the provider publishes.
    #[serde(default)]
    pub spf: Vec<String>,
    /// The provider's own domains.
    #[serde(default)]
    pub domains: Vec<String>,
    /// Whether the provider sends the domain's outbound mail.
    #[serde(default)]
    pub sends: bool,
}

/// One label of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Exact(Vec<u8>),
    /// `*`: any one label.
    Any,
    /// `{tenant}`: any one label, captured.
    Tenant,
}

/// An exchange pattern, labels from the left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    parts: Vec<Part>,
    /// The pattern as written, lowercased.
    pub text: String,
}

impl Pattern {
    fn parse(text: &str, tenant: bool) -> Result<Pattern, String> {
        let text = text.trim().trim_end_matches('.').to_ascii_lowercase();
        if text.is_empty() {
            return Err("an empty pattern".to_owned());
        }
        let mut parts = Vec::new();
        for (i, label) in text.split('.').enumerate() {
            let part = match label {
                "*" => Part::Any,
                "{tenant}" if tenant && i == 0 => Part::Tenant,
                "{tenant}" => {
                    return Err(format!(
                        "`{text}`: `{{tenant}}` may only be the first label of a `tenant` pattern"
                    ))
                }
                l if !l.is_empty()
                    && l.len() <= 63
                    && l.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
                {
                    Part::Exact(l.as_bytes().to_vec())
                }
                _ => {
                    return Err(format!(
                        "`{text}` is not a host name pattern (labels of letters, digits, `-`, `_`, or `*`)"
                    ))
                }
            };
            parts.push(part);
        }
        if tenant && parts.first() != Some(&Part::Tenant) {
            return Err(format!(
                "`{text}`: a `tenant` pattern starts with `{{tenant}}.`"
            ));
        }
        if matches!(parts.last(), Some(Part::Any)) {
            return Err(format!("`{text}`: the last label must be written out"));
        }
        Ok(Pattern { parts, text })
    }

    /// Whether `labels` (the exchange's, root excluded) match: with the
    /// tenant label when the pattern has one.
    fn matches<'a>(&self, labels: &[&'a [u8]]) -> Option<Option<&'a [u8]>> {
        if labels.len() != self.parts.len() {
            return None;
        }
        let mut tenant = None;
        for (part, label) in self.parts.iter().zip(labels) {
            match part {
                Part::Exact(l) if l.eq_ignore_ascii_case(label) => {}
                Part::Exact(_) => return None,
                Part::Any => {}
                Part::Tenant => tenant = Some(*label),
            }
        }
        Some(tenant)
    }

    /// The last label, and the one before it when written out.
    fn suffix(&self) -> Option<(Vec<u8>, Option<Vec<u8>>)> {
        let mut rev = self.parts.iter().rev();
        let Some(Part::Exact(last)) = rev.next() else {
            return None;
        };
        let before = match rev.next() {
            Some(Part::Exact(l)) => Some(l.clone()),
            _ => None,
        };
        Some((last.clone(), before))
    }

    /// Whether the pattern names one host per tenant and nothing else (no
    /// `*`): the exchange of a domain is then known from its name.
    pub fn is_exact_per_tenant(&self) -> bool {
        self.parts.iter().all(|p| !matches!(p, Part::Any))
    }

    /// The exchange the pattern gives for the tenant label `tenant`, when
    /// it has no `*`.
    pub fn host_for(&self, tenant: &str) -> Option<String> {
        if !self.is_exact_per_tenant() {
            return None;
        }
        Some(self.text.replacen("{tenant}", tenant, 1))
    }
}

/// A compiled entry.
#[derive(Debug, Clone)]
pub(crate) struct Provider {
    /// The table key (`google-workspace`).
    pub key: String,
    pub name: String,
    pub docs: Option<String>,
    hosts: Vec<Pattern>,
    pub tenant: Vec<Pattern>,
    /// The published sets: (exchange, lowercased without the final dot;
    /// preference), by preference then name.
    pub sets: Vec<Vec<(String, u16)>>,
    /// Lowercased, without the final dot.
    pub spf: Vec<String>,
    pub domains: Vec<String>,
    pub sends: bool,
}

impl Provider {
    /// Compiles the entry `key`.
    pub fn compile(key: &str, spec: &ProviderSpec) -> Result<Provider, String> {
        let hosts = spec
            .hosts
            .iter()
            .map(|h| Pattern::parse(h, false))
            .collect::<Result<Vec<_>, _>>()?;
        let tenant = spec
            .tenant
            .iter()
            .map(|h| Pattern::parse(h, true))
            .collect::<Result<Vec<_>, _>>()?;
        if hosts.is_empty() && tenant.is_empty() {
            return Err(
                "the entry has neither `hosts` nor `tenant`: it would match no exchange".to_owned(),
            );
        }
        let name_of = |s: &str| s.trim().trim_end_matches('.').to_ascii_lowercase();
        let mut sets = Vec::new();
        for set in &spec.sets {
            if set.is_empty() {
                return Err("an empty set in `sets`".to_owned());
            }
            let mut members: Vec<(String, u16)> =
                set.iter().map(|(h, &p)| (name_of(h), p)).collect();
            for (host, _) in &members {
                let labels: Vec<&[u8]> = host.split('.').map(str::as_bytes).collect();
                if !hosts.iter().any(|p| p.matches(&labels).is_some()) {
                    return Err(format!(
                        "`{host}` in `sets` matches none of the entry's `hosts`"
                    ));
                }
            }
            members.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
            sets.push(members);
        }
        Ok(Provider {
            key: key.to_owned(),
            name: spec.name.clone().unwrap_or_else(|| key.to_owned()),
            docs: spec.docs.clone(),
            hosts,
            tenant,
            sets,
            spf: spec.spf.iter().map(|s| name_of(s)).collect(),
            domains: spec.domains.iter().map(|s| name_of(s)).collect(),
            sends: spec.sends,
        })
    }

    /// Where its documentation is, for a help text: ` (see URL)` or nothing.
    pub fn see(&self) -> String {
        self.docs
            .as_deref()
            .map(|d| format!(" (see {d})"))
            .unwrap_or_default()
    }

    /// Whether the SPF domain `domain` (lowercased, no final dot) is the
    /// provider's: a published `include:`, or at or below its domains.
    pub fn owns_spf_domain(&self, domain: &str) -> bool {
        self.spf.iter().any(|s| s == domain)
            || self.domains.iter().any(|d| {
                domain == d
                    || domain
                        .strip_suffix(d.as_str())
                        .is_some_and(|rest| rest.ends_with('.'))
            })
    }
}

/// Which provider an exchange belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Match {
    /// The provider's index in the table.
    pub provider: usize,
    /// The exchange, lowercased, without the final dot.
    pub host: String,
    /// For a per-tenant pattern: the tenant label and the pattern's index.
    pub tenant: Option<(String, usize)>,
}

/// The providers a run knows.
#[derive(Debug, Clone)]
pub struct ProviderTable {
    pub(crate) providers: Vec<Provider>,
    /// The last two labels of every pattern (one, when the one before is
    /// `*`), lowercased: an exchange ending otherwise is passed over
    /// without a look at the patterns.
    suffixes: HashSet<(Vec<u8>, Option<Vec<u8>>)>,
}

impl ProviderTable {
    fn new(providers: Vec<Provider>) -> ProviderTable {
        let suffixes = providers
            .iter()
            .flat_map(|p| p.hosts.iter().chain(&p.tenant))
            .filter_map(Pattern::suffix)
            .collect();
        ProviderTable {
            providers,
            suffixes,
        }
    }

    /// The built-in table.
    pub fn builtin() -> Arc<ProviderTable> {
        static BUILTIN: OnceLock<Arc<ProviderTable>> = OnceLock::new();
        Arc::clone(BUILTIN.get_or_init(|| {
            let providers = builtin_specs()
                .iter()
                .map(|(key, spec)| {
                    Provider::compile(key, spec).expect("the built-in table is valid")
                })
                .collect();
            Arc::new(ProviderTable::new(providers))
        }))
    }

    /// The built-in table with `extra` entries added (an entry of a
    /// built-in key replaces it). Entries were checked with
    /// [`Provider::compile`].
    pub fn with(extra: &BTreeMap<String, ProviderSpec>) -> Result<ProviderTable, String> {
        let mut specs = builtin_specs().clone();
        specs.extend(extra.iter().map(|(k, v)| (k.clone(), v.clone())));
        let providers = specs
            .iter()
            .map(|(key, spec)| {
                Provider::compile(key, spec).map_err(|e| format!("[providers.{key}]: {e}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ProviderTable::new(providers))
    }

    /// The entries' keys, in table order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.providers.iter().map(|p| p.key.as_str())
    }

    /// The key of the entry `exchange` belongs to, if any.
    pub fn provider_of(&self, exchange: &crate::dns::Name) -> Option<&str> {
        self.identify(exchange.as_ref())
            .map(|m| self.providers[m.provider].key.as_str())
    }

    /// The provider an exchange belongs to, if any entry matches it.
    pub(crate) fn identify(&self, exchange: NameRef<'_>) -> Option<Match> {
        let (mut before, mut last): (&[u8], &[u8]) = (&[], &[]);
        for label in exchange.labels().filter(|l| !l.is_empty()) {
            (before, last) = (last, label);
        }
        let wanted = |l: &[u8], b: Option<&[u8]>| {
            self.suffixes.iter().any(|(sl, sb)| {
                sl.eq_ignore_ascii_case(l)
                    && match (sb, b) {
                        (None, _) => true,
                        (Some(sb), Some(b)) => sb.eq_ignore_ascii_case(b),
                        (Some(_), None) => false,
                    }
            })
        };
        if last.is_empty() || !wanted(last, (!before.is_empty()).then_some(before)) {
            return None;
        }
        let labels: Vec<&[u8]> = exchange.labels().filter(|l| !l.is_empty()).collect();
        // Escaped dots or bytes outside host names match no pattern.
        if labels.iter().any(|l| {
            !l.iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
        }) {
            return None;
        }
        let host = || {
            labels
                .iter()
                .map(|l| String::from_utf8_lossy(l).to_ascii_lowercase())
                .collect::<Vec<_>>()
                .join(".")
        };
        for (i, p) in self.providers.iter().enumerate() {
            for (t, pattern) in p.tenant.iter().enumerate() {
                if let Some(Some(tenant)) = pattern.matches(&labels) {
                    return Some(Match {
                        provider: i,
                        host: host(),
                        tenant: Some((String::from_utf8_lossy(tenant).to_ascii_lowercase(), t)),
                    });
                }
            }
            if p.hosts
                .iter()
                .any(|pattern| pattern.matches(&labels).is_some())
            {
                return Some(Match {
                    provider: i,
                    host: host(),
                    tenant: None,
                });
            }
        }
        None
    }
}

/// The entries of `providers.toml`.
fn builtin_specs() -> &'static BTreeMap<String, ProviderSpec> {
    static SPECS: OnceLock<BTreeMap<String, ProviderSpec>> = OnceLock::new();
    SPECS.get_or_init(|| {
        toml::from_str(include_str!("providers.toml")).expect("providers.toml is valid")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::Name;

    fn identify(table: &ProviderTable, host: &str) -> Option<(String, Option<String>)> {
        let name: Name = host.parse().unwrap();
        table.identify(name.as_ref()).map(|m| {
            (
                table.providers[m.provider].key.clone(),
                m.tenant.map(|(t, _)| t),
            )
        })
    }

    #[test]
    fn the_builtin_table_compiles_and_identifies() {
        let table = ProviderTable::builtin();
        assert_eq!(
            identify(&table, "ALT1.aspmx.l.google.com."),
            Some(("google-workspace".into(), None))
        );
        assert_eq!(
            identify(&table, "contoso-com.mail.protection.outlook.com."),
            Some(("microsoft-365".into(), Some("contoso-com".into())))
        );
        assert_eq!(
            identify(&table, "contoso-com.o-v1.mx.microsoft."),
            Some(("microsoft-365".into(), Some("contoso-com".into())))
        );
        // One label for `*`: neither fewer nor more.
        assert_eq!(identify(&table, "mail.protection.outlook.com."), None);
        assert_eq!(identify(&table, "a.b.mail.protection.outlook.com."), None);
        assert_eq!(identify(&table, "mx.example.com."), None);
        assert_eq!(identify(&table, "google.com."), None);
        assert_eq!(
            identify(&table, "eu-smtp-inbound-1.mimecast.com."),
            Some(("mimecast".into(), None))
        );
    }

    #[test]
    fn entries_are_checked() {
        let spec = |hosts: &[&str], tenant: &[&str]| ProviderSpec {
            name: None,
            docs: None,
            hosts: hosts.iter().map(|s| s.to_string()).collect(),
            tenant: tenant.iter().map(|s| s.to_string()).collect(),
            sets: Vec::new(),
            spf: Vec::new(),
            domains: Vec::new(),
            sends: false,
        };
        assert!(Provider::compile("x", &spec(&[], &[])).is_err());
        assert!(Provider::compile("x", &spec(&["mx.*"], &[])).is_err());
        assert!(Provider::compile("x", &spec(&["m x.example"], &[])).is_err());
        assert!(Provider::compile("x", &spec(&["{tenant}.example"], &[])).is_err());
        assert!(Provider::compile("x", &spec(&[], &["mx.{tenant}.example"])).is_err());
        assert!(
            Provider::compile("x", &spec(&["*.mx.example."], &["{tenant}.mx.example"])).is_ok()
        );
        let mut with_set = spec(&["mx1.example"], &[]);
        with_set.sets = vec![BTreeMap::from([("mx2.example".to_owned(), 10)])];
        assert!(Provider::compile("x", &with_set)
            .unwrap_err()
            .contains("matches none"));
    }

    #[test]
    fn spf_domains_are_owned_at_and_below() {
        let table = ProviderTable::builtin();
        let google = table
            .providers
            .iter()
            .find(|p| p.key == "google-workspace")
            .unwrap();
        assert!(google.owns_spf_domain("_spf.google.com"));
        assert!(google.owns_spf_domain("google.com"));
        assert!(!google.owns_spf_domain("notgoogle.com"));
        assert!(!google.owns_spf_domain("spf.protection.outlook.com"));
    }
}
