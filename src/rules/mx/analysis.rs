//! The MX records of a zone, each exchange classified once (see
//! [`host_targets`]), shared by the MX rules.

use crate::dns::{NameRef, RecordType};
use crate::rules::target::{host_targets, HostTarget};
use crate::rules::{Context, Shared};
use crate::source::Site;
use crate::zone::{record_flags, Zone};

/// An MX record and what is known about its exchange (its
/// [`HostTarget`]: `id`, `written`, `issue`).
#[derive(Debug, Clone)]
pub(crate) struct MxInfo {
    target: HostTarget,
    /// `None` when the preference as written is not 0..=65535.
    pub preference: Option<u16>,
}

impl std::ops::Deref for MxInfo {
    type Target = HostTarget;
    fn deref(&self) -> &HostTarget {
        &self.target
    }
}

impl MxInfo {
    /// The exchange.
    pub fn exchange<'z>(&self, zone: &'z Zone) -> NameRef<'z> {
        self.target.name(zone)
    }

    /// A null MX (RFC 7505): the exchange is the root.
    pub fn is_null(&self, zone: &Zone) -> bool {
        self.target.is_root(zone)
    }

    /// The preference token.
    pub fn preference_site(&self, zone: &Zone) -> Site {
        zone.rdata_site(self.id, 0)
    }

    /// The exchange token.
    pub fn exchange_site(&self, zone: &Zone) -> Site {
        zone.rdata_site(self.id, 1)
    }
}

/// Every MX record of the zone, in file order.
pub(crate) struct MxRecords(Vec<MxInfo>);

static MX: Shared<MxRecords> = Shared::new(MxRecords::build);

/// The zone's MX records, classified.
pub(crate) fn mx_records<'c>(cx: &'c Context<'_>) -> &'c [MxInfo] {
    &cx.shared(&MX).0
}

impl MxRecords {
    fn build(cx: &Context<'_>) -> MxRecords {
        let zone = cx.zone;
        let all = host_targets(cx, RecordType::MX, 2, true)
            .into_iter()
            .map(|target| {
                let record = zone.record(target.id);
                let data = zone.rdata(record);
                let preference = (!record.has(record_flags::FIELD_OUT_OF_RANGE))
                    .then(|| u16::from_be_bytes([data[0], data[1]]));
                MxInfo { target, preference }
            })
            .collect();
        MxRecords(all)
    }
}

/// The MX records at the same owner as `mx` (itself included), in file
/// order, from the index: no scan of the zone.
pub(crate) fn same_owner<'a>(
    cx: &'a Context<'_>,
    mx: &MxInfo,
) -> impl Iterator<Item = &'a MxInfo> + 'a {
    let zone = cx.zone;
    let all = mx_records(cx);
    zone.rrset(zone.record(mx.id).owner, RecordType::MX)
        .filter_map(move |id| {
            all.binary_search_by_key(&id, |m| m.id)
                .ok()
                .map(|i| &all[i])
        })
}
