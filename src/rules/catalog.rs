//! The zones of one run, for questions about names outside the zone being
//! checked (an MX target in a sibling zone).

use std::collections::HashMap;

use crate::dns::NameRef;
use crate::zone::{Zone, ZoneId};

/// The zones loaded in one run.
#[derive(Default)]
pub struct Catalog<'z> {
    /// Zones by origin, as lowercase wire format.
    by_origin: HashMap<Box<[u8]>, Vec<&'z Zone>>,
    by_id: HashMap<ZoneId, &'z Zone>,
    /// Earlier versions of the zones (`check --base`), by top-level path.
    earlier: HashMap<std::path::PathBuf, &'z Zone>,
}

impl<'z> Catalog<'z> {
    /// A catalog of `zones`.
    pub fn new(zones: Vec<&'z Zone>) -> Self {
        let mut catalog = Catalog::default();
        for z in zones {
            catalog
                .by_origin
                .entry(z.origin().wire().to_ascii_lowercase().into())
                .or_default()
                .push(z);
            catalog.by_id.insert(z.id(), z);
        }
        catalog
    }

    /// The same catalog, with the earlier versions of its zones (another
    /// git revision's), each matched to the zone of the same top-level
    /// file; the `soa-serial-*` rules compare with them.
    pub fn with_earlier(mut self, earlier: Vec<&'z Zone>) -> Self {
        for z in earlier {
            if let Some(top) = z.files().first() {
                self.earlier.insert(top.path().to_path_buf(), z);
            }
        }
        self
    }

    /// The earlier version of `zone`, if the run has one.
    pub fn earlier_of(&self, zone: &Zone) -> Option<&'z Zone> {
        let top = zone.files().first()?;
        self.earlier.get(top.path()).copied()
    }

    /// How many zones the catalog holds.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// True when the catalog holds no zone.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The zone `id`, if it is in the catalog.
    pub fn get(&self, id: ZoneId) -> Option<&'z Zone> {
        self.by_id.get(&id).copied()
    }

    /// The zone that holds authoritative data for `name`: the deepest
    /// loaded zone containing it, when only one version of it is loaded.
    pub fn zone_for(&self, name: NameRef<'_>) -> Option<&'z Zone> {
        match self.versions_for(name) {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Every loaded version of the deepest zone containing `name` (files
    /// with the same apex: views, old copies), in load order; empty when
    /// no loaded zone contains it.
    pub fn versions_for(&self, name: NameRef<'_>) -> &[&'z Zone] {
        if self.by_id.len() == 1 {
            let (_, zones) = self.by_origin.iter().next().expect("one zone");
            return if zones[0].contains(name) { zones } else { &[] };
        }
        if self.by_origin.is_empty() {
            return &[];
        }
        let wire = name.wire().to_ascii_lowercase();
        let mut at = 0;
        loop {
            if let Some(zones) = self.by_origin.get(&wire[at..]) {
                return zones;
            }
            match wire.get(at) {
                Some(&len) if len > 0 => at += 1 + usize::from(len),
                _ => return &[],
            }
        }
    }
}
