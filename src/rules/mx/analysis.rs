//! The MX records of a zone, each exchange classified once, shared by the
//! MX rules.

use std::collections::HashMap;

use crate::dns::rdata::Mx;
use crate::dns::{NameRef, RecordType};
use crate::rules::target::{self, Issue, Written};
use crate::rules::{Context, Shared};
use crate::source::Site;
use crate::zone::{record_flags, RecordId, Zone};

/// An MX record and what is known about its exchange.
#[derive(Debug, Clone)]
pub(crate) struct MxInfo {
    pub id: RecordId,
    /// `None` when the preference as written is not 0..=65535.
    pub preference: Option<u16>,
    pub written: Written,
    /// The one finding the exchange gets, if any (never for a null MX).
    pub issue: Option<Issue>,
    /// The exchange's length in wire form (it follows the 2-byte preference).
    exchange_len: u8,
}

impl MxInfo {
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
pub(crate) struct MxRecords(Vec<MxInfo>);

static MX: Shared<MxRecords> = Shared::new(MxRecords::build);

/// The zone's MX records, classified.
pub(crate) fn mx_records<'c>(cx: &'c Context<'_>) -> &'c [MxInfo] {
    &cx.shared(&MX).0
}

impl MxRecords {
    fn build(cx: &Context<'_>) -> MxRecords {
        let zone = cx.zone;
        let mut out = Vec::new();
        // Zones point many MX records at a few exchanges: the class depends
        // only on the exchange as written, so each is classified once.
        let mut classes: HashMap<(&[u8], Written), Option<Issue>> = HashMap::new();
        for (id, record) in zone.records() {
            if record.rtype != RecordType::MX {
                continue;
            }
            let Some(mx) = Mx::from_wire(zone.rdata(record)) else {
                continue;
            };
            let written = Written::of(zone, record, mx.exchange);
            let issue = if mx.exchange.is_root() {
                None
            } else {
                classes
                    .entry((mx.exchange.wire(), written))
                    .or_insert_with(|| target::classify(cx, mx.exchange, written))
                    .clone()
            };
            out.push(MxInfo {
                id,
                preference: (!record.has(record_flags::FIELD_OUT_OF_RANGE))
                    .then_some(mx.preference),
                written,
                issue,
                exchange_len: mx.exchange.wire().len() as u8,
            });
        }
        MxRecords(out)
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
