//! What a receiver's DNS queries would find, answered from the zones of the
//! run: only where the loaded data decides it (the name's zone is loaded,
//! complete, and the name is not at or below a delegation); anything else
//! is [`Answer::Unknown`].

use crate::dns::{Name, NameRef, RecordType};
use crate::rules::Context;
use crate::zone::{RecordId, Zone};

/// The answer to a query for one type at a name.
pub(crate) enum Answer<'z> {
    /// Records of the type, in the zone that holds them.
    Found(&'z Zone, Vec<RecordId>),
    /// No record of the type: the name does not exist, or has other types
    /// only (a "void lookup", RFC 7208 §4.6.4).
    Void,
    /// The loaded zones do not decide it.
    Unknown,
}

/// Most aliases followed (a CNAME chain, DNAME substitutions).
const MAX_ALIASES: usize = 8;

/// The records of `rtype` a query for `name` would find, aliases followed.
pub(crate) fn query<'z>(cx: &Context<'z>, name: NameRef<'_>, rtype: RecordType) -> Answer<'z> {
    let mut name: Name = name.to_owned();
    for _ in 0..=MAX_ALIASES {
        let Some(zone) = cx.zone_for(name.as_ref()) else {
            return Answer::Unknown;
        };
        if zone.is_incomplete() || zone.is_fragment() {
            return Answer::Unknown;
        }
        let Some(place) = zone.place(name.as_ref()) else {
            return Answer::Unknown;
        };
        if zone.delegation_at(place).is_some() {
            return Answer::Unknown;
        }
        if rtype != RecordType::CNAME {
            if let Some(alias) = zone.alias_at(place) {
                match zone.alias_next(alias, name.as_ref()) {
                    Some(next) => {
                        name = next;
                        continue;
                    }
                    None => return Answer::Unknown,
                }
            }
        }
        let node = if place.missing == 0 {
            Some(place.closest)
        } else {
            zone.wildcard_covering_at(place)
        };
        let Some(node) = node else {
            return Answer::Void;
        };
        if zone.has_flag(node, crate::zone::flags::BROKEN) {
            return Answer::Unknown;
        }
        let found: Vec<RecordId> = zone.rrset(node, rtype).collect();
        return if found.is_empty() {
            Answer::Void
        } else {
            Answer::Found(zone, found)
        };
    }
    Answer::Unknown
}
