//! What the MX rules share: a view of each MX record, and the findings
//! about exchanges, each classified once (see [`host_target_issues`]).

use crate::dns::{NameRef, RecordType};
use crate::rules::target::{host_target_issues, Classified};
use crate::rules::{Context, Shared};
use crate::source::Site;
use crate::zone::{record_flags, RecordId, Zone};

/// An MX record, read from the zone.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MxInfo {
    pub id: RecordId,
    /// `None` when the preference as written is not 0..=65535.
    pub preference: Option<u16>,
    /// The exchange's length in wire form (after the 2-byte preference).
    exchange_len: u8,
}

impl MxInfo {
    /// The MX record `id`, if its data is well formed.
    pub fn of(zone: &Zone, id: RecordId) -> Option<MxInfo> {
        let record = zone.record(id);
        let data = zone.rdata(record);
        let (exchange, _) = NameRef::split_from(data.get(2..)?)?;
        let preference = (!record.has(record_flags::FIELD_OUT_OF_RANGE))
            .then(|| u16::from_be_bytes([data[0], data[1]]));
        Some(MxInfo {
            id,
            preference,
            exchange_len: exchange.wire().len() as u8,
        })
    }

    /// The exchange.
    pub fn exchange<'z>(&self, zone: &'z Zone) -> NameRef<'z> {
        let data = zone.rdata(zone.record(self.id));
        NameRef::from_wire(&data[2..2 + usize::from(self.exchange_len)])
    }

    /// A null MX (RFC 7505): the exchange is the root.
    pub fn is_null(&self, zone: &Zone) -> bool {
        self.exchange(zone).is_root()
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
pub(crate) fn mx_records<'z>(zone: &'z Zone) -> impl Iterator<Item = MxInfo> + 'z {
    zone.records_of_type(RecordType::MX)
        .iter()
        .filter_map(move |&id| MxInfo::of(zone, id))
}

/// The MX records whose exchange has something wrong with it.
pub(crate) struct MxIssues(Vec<Classified>);

static MX: Shared<MxIssues> =
    Shared::new(|cx| MxIssues(host_target_issues(cx, RecordType::MX, 2, true)));

/// The exchanges with a finding, in file order.
pub(crate) fn mx_issues<'c>(cx: &'c Context<'_>) -> &'c [Classified] {
    &cx.shared(&MX).0
}

/// The MX records at the same owner as `mx` (itself included), in file
/// order, from the index: no scan of the zone.
pub(crate) fn same_owner<'z>(zone: &'z Zone, mx: &MxInfo) -> impl Iterator<Item = MxInfo> + 'z {
    zone.rrset(zone.record(mx.id).owner, RecordType::MX)
        .filter_map(move |id| MxInfo::of(zone, id))
}
