//! Provider profiles: MX records at hosted-mail providers checked against
//! what each provider publishes ([`table`], from `providers.toml` and the
//! `[providers.<name>]` entries of `zonelint.toml`).
//!
//! Only exchanges the table knows are judged: an exchange that no entry
//! matches is never the subject of a finding.

pub mod table;

use std::collections::HashMap;

use crate::rules::mx::analysis::{mx_records, MxInfo};
use crate::rules::{Context, Shared};
use crate::zone::NameId;
use table::{Match, Provider};

crate::rules::family! {
    tenant_mismatch,
    mixed,
    incomplete,
    spf_missing,
}

/// An MX record whose exchange the table knows.
pub(crate) struct Hosted {
    pub mx: MxInfo,
    pub at: Match,
}

/// The MX records of one name whose exchanges the table knows, in file
/// order.
pub(crate) struct Owner {
    pub owner: NameId,
    pub hosted: Vec<Hosted>,
}

impl Owner {
    /// The providers present, each once, in order of first appearance.
    pub fn providers(&self) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for h in &self.hosted {
            if !out.contains(&h.at.provider) {
                out.push(h.at.provider);
            }
        }
        out
    }

    /// The records at `provider`.
    pub fn of(&self, provider: usize) -> impl Iterator<Item = &Hosted> {
        self.hosted
            .iter()
            .filter(move |h| h.at.provider == provider)
    }
}

/// The names with MX records at known providers, in file order of their
/// first such record.
static HOSTED: Shared<Vec<Owner>> = Shared::new(|cx| {
    let zone = cx.zone;
    let table = cx.providers();
    let mut owners: Vec<Owner> = Vec::new();
    let mut index: HashMap<NameId, usize> = HashMap::new();
    for mx in mx_records(zone) {
        let Some(at) = table.identify(mx.exchange(zone)) else {
            continue;
        };
        let owner = zone.record(mx.id).owner;
        let i = *index.entry(owner).or_insert_with(|| {
            owners.push(Owner {
                owner,
                hosted: Vec::new(),
            });
            owners.len() - 1
        });
        owners[i].hosted.push(Hosted { mx, at });
    }
    owners
});

/// The zone's names with MX records at known providers.
pub(crate) fn hosted<'c>(cx: &'c Context<'_>) -> &'c [Owner] {
    cx.shared(&HOSTED).as_slice()
}

/// The provider of index `i`.
pub(crate) fn provider<'c>(cx: &'c Context<'_>, i: usize) -> &'c Provider {
    &cx.providers().providers[i]
}

#[cfg(test)]
mod tests;
