//! What a check sees: the zone, the other zones of the run, and analyses
//! shared by the rules of a family, each built once on first use.

use std::any::Any;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use super::provider::table::ProviderTable;
use super::Catalog;
use crate::dns::NameRef;
use crate::zone::{Zone, ZoneId};

/// Most [`Shared`] analyses the program declares (each takes one slot of
/// every [`Context`]).
const MAX_SHARED: usize = 32;

static NEXT_SLOT: AtomicUsize = AtomicUsize::new(0);

/// An analysis several rules share, declared as a `static` where it is
/// computed (the family's module) and built once per zone by
/// [`Context::shared`]. It holds no borrow of the zone: records, names and
/// zones are referred to by id.
///
/// ```ignore
/// static MX: Shared<MxRecords> = Shared::new(MxRecords::build);
/// let records: &MxRecords = cx.shared(&MX);
/// ```
pub struct Shared<T> {
    slot: OnceLock<usize>,
    build: fn(&Context<'_>) -> T,
}

impl<T> Shared<T> {
    /// An analysis computed by `build`.
    pub const fn new(build: fn(&Context<'_>) -> T) -> Self {
        Shared {
            slot: OnceLock::new(),
            build,
        }
    }

    fn slot(&self) -> usize {
        *self.slot.get_or_init(|| {
            let slot = NEXT_SLOT.fetch_add(1, Ordering::Relaxed);
            assert!(slot < MAX_SHARED, "more than {MAX_SHARED} shared analyses");
            slot
        })
    }
}

/// What a rule sees.
pub struct Context<'z> {
    /// The zone being checked.
    pub zone: &'z Zone,
    /// The zones of the run, for names outside this one.
    pub catalog: &'z Catalog<'z>,
    providers: Arc<ProviderTable>,
    shared: Vec<OnceLock<Box<dyn Any + Send + Sync>>>,
}

impl<'z> Context<'z> {
    /// The context of checking `zone` among `catalog`'s zones.
    pub fn new(zone: &'z Zone, catalog: &'z Catalog<'z>) -> Self {
        Context {
            zone,
            catalog,
            providers: ProviderTable::builtin(),
            shared: (0..MAX_SHARED).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The same context, with `table` as the provider table.
    pub fn with_providers(mut self, table: Arc<ProviderTable>) -> Self {
        self.providers = table;
        self
    }

    /// The provider table (`providers.toml` and `[providers]`).
    pub fn providers(&self) -> &ProviderTable {
        &self.providers
    }

    /// The shared analysis `key`, built on first use (once, however many
    /// rules ask at the same time).
    pub fn shared<T: Any + Send + Sync>(&self, key: &'static Shared<T>) -> &T {
        self.shared[key.slot()]
            .get_or_init(|| Box::new((key.build)(self)))
            .downcast_ref::<T>()
            .expect("a shared analysis's slot holds its own type")
    }

    /// The zone that holds authoritative data for `name`: the deepest loaded
    /// zone containing it (this zone when nothing deeper is loaded).
    ///
    /// With several versions of that zone loaded (views, old copies), a
    /// version judges names by its own data, and the other zones do not
    /// judge them at all (`None`: as if outside every loaded zone).
    pub fn zone_for(&self, name: NameRef<'_>) -> Option<&'z Zone> {
        match self.catalog.versions_for(name) {
            [] => self.zone.contains(name).then_some(self.zone),
            [one] => Some(*one),
            several => (several[0].origin() == self.zone.origin()).then_some(self.zone),
        }
    }

    /// The earlier version of this zone (`check --base REF`), if any.
    pub fn earlier(&self) -> Option<&'z Zone> {
        self.catalog.earlier_of(self.zone)
    }

    /// True when no other zone is loaded beside this one: names outside it
    /// are outside every loaded zone.
    pub fn is_only_zone(&self) -> bool {
        self.catalog.is_empty()
            || (self.catalog.len() == 1 && self.catalog.get(self.zone.id()).is_some())
    }

    /// The zone `id`: this one, or one of the catalog.
    pub fn zone_by_id(&self, id: ZoneId) -> &'z Zone {
        if id == self.zone.id() {
            return self.zone;
        }
        self.catalog
            .get(id)
            .expect("zone ids come from this context's zones")
    }
}
