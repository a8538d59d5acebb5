//! What the rules ask of one zone: RRsets by name and type, whether a name
//! exists (empty non-terminals included), the closest delegation, wildcard
//! synthesis (RFC 4592), aliases (CNAME, DNAME, wildcard CNAME) and where
//! an alias leads, and whether a name has an address.

use std::collections::HashMap;

use super::names::flags;
use super::{NameId, RecordId, Zone};
use crate::dns::rdata::single_name;
use crate::dns::{Name, NameRef, RecordType};

/// An alias that applies to a name of the zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alias {
    /// The name owns this CNAME.
    Cname(RecordId),
    /// The name does not exist, and the wildcard that covers it owns this CNAME.
    WildcardCname(RecordId),
    /// The name is below the owner of this DNAME (RFC 6672 §2.3).
    Dname(RecordId),
}

impl Alias {
    /// The CNAME or DNAME record.
    pub fn record(self) -> RecordId {
        match self {
            Alias::Cname(r) | Alias::WildcardCname(r) | Alias::Dname(r) => r,
        }
    }

    /// The record type's mnemonic.
    pub fn kind(self) -> &'static str {
        match self {
            Alias::Dname(_) => "DNAME",
            _ => "CNAME",
        }
    }
}

/// Why a name of the zone has no address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoAddress {
    /// The name does not exist and no wildcard covers it.
    NoSuchName,
    /// The name owns records, none of them A or AAAA.
    OtherTypesOnly(NameId),
    /// The name exists only as an ancestor of other names.
    EmptyNonTerminal,
    /// A wildcard without A or AAAA covers the name.
    WildcardWithoutAddress(NameId),
}

/// Where a name meets a zone's name table: the deepest interned
/// ancestor-or-self, and how many of the name's labels are below it (0:
/// the name is interned). See [`Zone::place`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The deepest interned ancestor-or-self.
    pub closest: NameId,
    /// The name's labels below `closest`.
    pub missing: usize,
}

/// Kinds of names a zone has, so that lookups for what it lacks cost
/// nothing.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Summary {
    /// NS records below the apex: delegations.
    cuts: bool,
    /// DNAME records.
    dname: bool,
    /// Wildcards.
    wildcard: bool,
}

/// Zones of fewer records build their type index by sorting.
const SORTED_TYPE_INDEX_BELOW: usize = 1 << 14;

impl Zone {
    /// Records owned by `name`.
    pub fn records_at(&self, name: NameId) -> impl ExactSizeIterator<Item = RecordId> + '_ {
        let i = name.0 as usize;
        let (start, end) = match (self.owner_start.get(i), self.owner_start.get(i + 1)) {
            (Some(&s), Some(&e)) => (s as usize, e as usize),
            _ => (0, 0),
        };
        self.by_owner[start..end].iter().map(|&r| RecordId(r))
    }

    /// The zone's SOA record at its apex (the first, when there are
    /// several) and its data, when it is well formed.
    pub fn apex_soa(&self) -> Option<(RecordId, crate::dns::rdata::Soa<'_>)> {
        let id = self.rrset(self.apex(), RecordType::SOA).next()?;
        let soa = crate::dns::rdata::Soa::from_wire(self.rdata(self.record(id)))?;
        Some((id, soa))
    }

    /// The records of `rtype`, in file order, from an index built on first
    /// use (one pass over the zone for every type).
    pub fn records_of_type(&self, rtype: RecordType) -> &[RecordId] {
        let index = self.by_type.get_or_init(|| {
            // A small zone (most of a repository's) is sorted by type: a
            // count per possible type is 256 KiB to clear and walk, which
            // costs more than the zone's records.
            if self.records.len() < SORTED_TYPE_INDEX_BELOW {
                let mut ids: Vec<RecordId> = (0..self.records.len() as u32).map(RecordId).collect();
                ids.sort_by_key(|&id| self.records[id.0 as usize].rtype);
                let mut starts: Vec<(RecordType, u32)> = Vec::new();
                for (at, &id) in ids.iter().enumerate() {
                    let t = self.records[id.0 as usize].rtype;
                    if starts.last().is_none_or(|&(last, _)| last != t) {
                        starts.push((t, at as u32));
                    }
                }
                return super::TypeIndex { starts, ids };
            }
            // Counted first, then placed: one array, no growth (and no
            // hashing).
            let mut next = vec![0u32; 1 << 16];
            for r in &self.records {
                next[usize::from(r.rtype.0)] += 1;
            }
            let mut starts = Vec::new();
            let mut at = 0u32;
            for (t, slot) in next.iter_mut().enumerate() {
                if *slot > 0 {
                    starts.push((RecordType(t as u16), at));
                    let count = *slot;
                    *slot = at;
                    at += count;
                }
            }
            let mut ids = vec![RecordId(0); self.records.len()];
            for (i, r) in self.records.iter().enumerate() {
                let slot = &mut next[usize::from(r.rtype.0)];
                ids[*slot as usize] = RecordId(i as u32);
                *slot += 1;
            }
            super::TypeIndex { starts, ids }
        });
        let Ok(i) = index.starts.binary_search_by_key(&rtype, |&(t, _)| t) else {
            return &[];
        };
        let start = index.starts[i].1 as usize;
        let end = index
            .starts
            .get(i + 1)
            .map_or(index.ids.len(), |&(_, s)| s as usize);
        &index.ids[start..end]
    }

    /// The nodes that own records, in node order.
    pub fn owners(&self) -> impl Iterator<Item = NameId> + '_ {
        self.owner_start
            .windows(2)
            .enumerate()
            .filter(|(_, w)| w[0] < w[1])
            .map(|(i, _)| NameId(i as u32))
    }

    /// The delegation a node is at or below (see [`Zone::delegation`]).
    pub fn delegation_of(&self, node: NameId) -> Option<NameId> {
        if !self.summary().cuts || !self.names.is_at_or_below(node, self.apex) {
            return None;
        }
        self.names
            .ancestors(node)
            .take_while(|&n| n != self.apex)
            .filter(|&n| self.has_flag(n, flags::NS))
            .last()
    }

    /// The RRset of `rtype` at `name`.
    pub fn rrset(&self, name: NameId, rtype: RecordType) -> impl Iterator<Item = RecordId> + '_ {
        self.records_at(name)
            .filter(move |&r| self.record(r).rtype == rtype)
    }

    /// True when the node has the [`flags`] bit `flag`.
    pub fn has_flag(&self, name: NameId, flag: u8) -> bool {
        self.names.flags(name) & flag != 0
    }

    /// The node of an absolute name, if the zone knows it.
    pub fn lookup(&self, name: NameRef<'_>) -> Option<NameId> {
        self.names.find(name)
    }

    /// True if `name` is at or below the apex.
    pub fn contains(&self, name: NameRef<'_>) -> bool {
        name.is_subdomain_of(self.origin.as_ref())
    }

    /// True if the name exists in the zone (RFC 4592 §2.2.2): it owns
    /// records or is an empty non-terminal above names that do.
    pub fn exists(&self, name: NameRef<'_>) -> bool {
        self.contains(name) && self.lookup(name).is_some()
    }

    /// The delegation `name` is at or below: the highest ancestor-or-self
    /// strictly below the apex that owns NS records (the zone cut; NS
    /// records deeper than it are themselves below the cut).
    pub fn delegation(&self, name: NameRef<'_>) -> Option<NameId> {
        self.delegation_at(self.place(name)?)
    }

    /// [`Zone::delegation`] of a name already placed.
    pub fn delegation_at(&self, place: Place) -> Option<NameId> {
        if !self.summary().cuts {
            return None;
        }
        self.names
            .ancestors(place.closest)
            .take_while(|&n| n != self.apex)
            .filter(|&n| self.has_flag(n, flags::NS))
            .last()
    }

    /// Where `name` meets the zone's names, from one walk of the name
    /// table; `None` when it is not at or below the apex.
    pub fn place(&self, name: NameRef<'_>) -> Option<Place> {
        if !self.contains(name) {
            return None;
        }
        let (closest, missing) = self.names.closest(name);
        Some(Place { closest, missing })
    }

    /// True when the zone delegates names (NS records below the apex).
    pub fn has_delegations(&self) -> bool {
        self.summary().cuts
    }

    /// True when the zone has a wildcard name (RFC 4592).
    pub fn has_wildcards(&self) -> bool {
        self.summary().wildcard
    }

    /// What kinds of names the zone has, found once.
    fn summary(&self) -> Summary {
        *self.summary.get_or_init(|| {
            let mut s = Summary::default();
            for i in 0..self.names.len() {
                let id = NameId(i as u32);
                let f = self.names.flags(id);
                s.cuts |= f & flags::NS != 0 && id != self.apex;
                s.dname |= f & flags::DNAME != 0;
                s.wildcard |= f & flags::WILDCARD_CHILD != 0;
            }
            s
        })
    }

    /// A DNAME at a strict ancestor of `name` (RFC 6672 §2.3): its node.
    pub fn dname_above(&self, name: NameRef<'_>) -> Option<NameId> {
        self.dname_above_at(self.place(name)?)
    }

    /// [`Zone::dname_above`] of a name already placed.
    pub fn dname_above_at(&self, place: Place) -> Option<NameId> {
        if !self.summary().dname {
            return None;
        }
        let Place { closest, missing } = place;
        let start = if missing == 0 {
            self.names.parent(closest)
        } else {
            Some(closest)
        };
        let start = start?;
        self.names
            .ancestors(start)
            .take_while(|&n| self.names.is_at_or_below(n, self.apex))
            .find(|&n| self.has_flag(n, flags::DNAME))
    }

    /// The wildcard (`*.closest-encloser`) that synthesizes answers for a
    /// name that does not exist (RFC 4592 §3.3.1), if any.
    pub fn wildcard_covering(&self, name: NameRef<'_>) -> Option<NameId> {
        self.wildcard_covering_at(self.place(name)?)
    }

    /// [`Zone::wildcard_covering`] of a name already placed.
    pub fn wildcard_covering_at(&self, place: Place) -> Option<NameId> {
        let Place { closest, missing } = place;
        if missing == 0 || !self.summary().wildcard {
            return None; // the name exists: no synthesis
        }
        if !self.has_flag(closest, flags::WILDCARD_CHILD) {
            return None;
        }
        self.names.find_child(closest, b"*")
    }

    /// The alias that applies to `name`: a CNAME at the name, a DNAME
    /// above it, or a wildcard CNAME covering it (in that order).
    pub fn alias_of(&self, name: NameRef<'_>) -> Option<Alias> {
        match self.place(name) {
            Some(place) => self.alias_at(place),
            // Out of the zone: only a CNAME owned by the name itself.
            None => self
                .lookup(name)
                .filter(|&n| self.has_flag(n, flags::CNAME))
                .and_then(|n| self.rrset(n, RecordType::CNAME).next())
                .map(Alias::Cname),
        }
    }

    /// [`Zone::alias_of`] of a name already placed.
    pub fn alias_at(&self, place: Place) -> Option<Alias> {
        if place.missing == 0 && self.has_flag(place.closest, flags::CNAME) {
            return self
                .rrset(place.closest, RecordType::CNAME)
                .next()
                .map(Alias::Cname);
        }
        if let Some(dname) = self.dname_above_at(place) {
            return self
                .rrset(dname, RecordType::DNAME)
                .next()
                .map(Alias::Dname);
        }
        let wildcard = self.wildcard_covering_at(place)?;
        self.rrset(wildcard, RecordType::CNAME)
            .next()
            .map(Alias::WildcardCname)
    }

    /// The target of a CNAME or DNAME record.
    pub fn alias_target(&self, alias: Alias) -> Option<NameRef<'_>> {
        single_name(self.rdata(self.record(alias.record())))
    }

    /// The name `alias` (which applies to `name`) leads to: the CNAME's
    /// target, or `name` with the DNAME owner replaced by its target (RFC
    /// 6672 §2.2). `None` when the result would be longer than 255 octets.
    pub fn alias_next(&self, alias: Alias, name: NameRef<'_>) -> Option<Name> {
        let target = self.alias_target(alias)?;
        let Alias::Dname(dname) = alias else {
            return Some(target.to_owned());
        };
        let owner_depth = self.names.depth(self.record(dname).owner);
        let keep = name.label_count().checked_sub(owner_depth)?;
        let mut wire = Vec::new();
        for label in name.labels().take(keep) {
            wire.push(label.len() as u8);
            wire.extend_from_slice(label);
        }
        wire.extend_from_slice(target.wire());
        Name::from_wire(&wire)
    }

    /// Why `name` (in the zone) has no A or AAAA record, or `None` when it
    /// has one, directly or through a wildcard (RFC 4592).
    pub fn no_address(&self, name: NameRef<'_>) -> Option<NoAddress> {
        if self.is_incomplete() {
            return None;
        }
        match self.place(name) {
            Some(place) => self.no_address_at(place),
            None => match self.lookup(name) {
                Some(node) if self.has_flag(node, flags::BROKEN | flags::ADDRESS) => None,
                Some(node) if self.has_flag(node, flags::RECORDS) => {
                    Some(NoAddress::OtherTypesOnly(node))
                }
                Some(_) => Some(NoAddress::EmptyNonTerminal),
                None => Some(NoAddress::NoSuchName),
            },
        }
    }

    /// [`Zone::no_address`] of a name already placed.
    pub fn no_address_at(&self, place: Place) -> Option<NoAddress> {
        if self.is_incomplete() {
            return None;
        }
        let node = (place.missing == 0).then_some(place.closest);
        match node {
            // A record of it did not load: perhaps its address.
            Some(node) if self.has_flag(node, flags::BROKEN) => None,
            Some(node) if self.has_flag(node, flags::ADDRESS) => None,
            Some(node) if self.has_flag(node, flags::RECORDS) => {
                Some(NoAddress::OtherTypesOnly(node))
            }
            Some(_) => Some(NoAddress::EmptyNonTerminal),
            None => match self.wildcard_covering_at(place) {
                Some(w) if self.has_flag(w, flags::ADDRESS) => None,
                Some(w) => Some(NoAddress::WildcardWithoutAddress(w)),
                None => Some(NoAddress::NoSuchName),
            },
        }
    }

    /// Whether the zone is a response policy zone (RPZ, BIND's and
    /// Knot's firewall zones): one of its CNAMEs is a policy action (`.`
    /// for NXDOMAIN, `*.` for NODATA, `rpz-passthru.`, `rpz-drop.`,
    /// `rpz-tcp-only.`). Its owners are written relative on purpose: a
    /// trigger `example.com` under the policy zone is the domain
    /// `example.com.`'s policy.
    pub fn is_response_policy_zone(&self) -> bool {
        self.records_of_type(RecordType::CNAME).iter().any(|&id| {
            let Some(target) = single_name(self.rdata(self.record(id))) else {
                return false;
            };
            let mut labels = target.labels();
            match (labels.next(), labels.next()) {
                (None, _) => true,
                (Some(b"*"), None) => true,
                (Some(label), None) => label.len() > 4 && label[..4].eq_ignore_ascii_case(b"rpz-"),
                _ => false,
            }
        })
    }

    /// The A and AAAA records holding `address` (IPv4 as mapped IPv6), from
    /// an index built on first use.
    pub fn records_with_address(&self, address: [u8; 16]) -> &[RecordId] {
        let index = self.addresses.get_or_init(|| {
            let mut index: HashMap<[u8; 16], Vec<RecordId>> = HashMap::new();
            for (id, r) in self.records() {
                let data = self.rdata(r);
                let key = match (r.rtype, data.len()) {
                    (RecordType::A, 4) => {
                        std::net::Ipv4Addr::new(data[0], data[1], data[2], data[3])
                            .to_ipv6_mapped()
                            .octets()
                    }
                    (RecordType::AAAA, 16) => data.try_into().expect("16 bytes"),
                    _ => continue,
                };
                index.entry(key).or_default().push(id);
            }
            index
        });
        index.get(&address).map_or(&[], Vec::as_slice)
    }
}
