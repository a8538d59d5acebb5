//! The resolved zone: absolute names, effective TTL and class, every record
//! pointing back to the source it came from, and an index answering what
//! the rules ask (RRsets by name and type, name existence with empty
//! non-terminals, the closest delegation, wildcard coverage per RFC 4592).

mod dump;
mod load;
mod names;
pub mod origin;
mod query;
mod suppressions;
mod written;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

use crate::dns::{Class, Name, RecordType};
use crate::source::{FileId, Site, SourceFile};

pub use dump::DumpRecord;
pub use load::{
    default_include_root, load, FileSystem, LoadOptions, Loaded, StdFileSystem, MAX_GENERATE,
    MAX_GENERATED, MAX_INCLUDES, MAX_INCLUDE_DEPTH, MAX_ZONE_BYTES, OUT_OF_ZONE,
    PIPELINE_MIN_BYTES,
};
pub use names::{flags, NameId, NameTable};
pub use origin::{infer_origin, OriginSource};
pub use query::{Alias, NoAddress, Place};
pub use suppressions::Suppression;
pub use written::RecordSyntax;

/// Index of a record in its [`Zone`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct RecordId(pub u32);

/// Facts about how a record was written.
pub mod record_flags {
    /// The data is the tokens as written (a registered type without a
    /// grammar here), not wire format.
    pub const OPAQUE: u8 = 1 << 0;
    /// Made by `$GENERATE`; the span is the directive's.
    pub const GENERATED: u8 = 1 << 1;
    /// A numeric data field out of range, stored as 0 (the first field:
    /// an MX preference that is not 0 to 65535).
    pub const FIELD_OUT_OF_RANGE: u8 = 1 << 2;
    /// At least one name in the data was written relative to the origin.
    pub const RELATIVE_DATA: u8 = 1 << 3;
    /// The owner was written relative to the origin (not blank, not `@`,
    /// not with a final dot).
    pub const RELATIVE_OWNER: u8 = 1 << 5;
    /// A default TTL (`$TTL`, or an SOA MINIMUM acting as one) was in
    /// effect: this record's explicit TTL does not affect later records.
    pub const DEFAULT_TTL: u8 = 1 << 4;
}

/// Where an origin starts to apply: `(file index, byte offset, origin)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct OriginMark {
    pub file: u16,
    pub offset: u32,
    pub origin: NameId,
    /// The origin as written (case kept): an index into
    /// `Zone::origin_spellings`.
    pub spelling: u32,
}

/// One resource record.
#[derive(Clone, Copy, Debug)]
pub struct Record {
    /// The owner's node.
    pub owner: NameId,
    /// The effective TTL.
    pub ttl: u32,
    rdata_start: u32,
    /// Where the entry it came from starts (for `$GENERATE`, the
    /// directive): the start of its first line. [`Zone::record_span`]
    /// finds the end.
    pub start: u32,
    /// The type.
    pub rtype: RecordType,
    rdata_len: u16,
    file: u16,
    /// [`record_flags`] of how it was written.
    pub flags: u8,
}
// 24 bytes a record: a zone of millions of records is mostly these.
const _: () = assert!(std::mem::size_of::<Record>() == 24);

impl Record {
    /// True when the [`record_flags`] bit `flag` is set.
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// A loaded zone.
pub struct Zone {
    origin: Name,
    apex: NameId,
    class: Class,
    names: NameTable,
    records: Vec<Record>,
    rdata: Vec<u8>,
    files: Vec<Arc<SourceFile>>,
    /// Record ids grouped by owner; `owner_start[node]..owner_start[node+1]`.
    by_owner: Vec<u32>,
    owner_start: Vec<u32>,
    /// Origin changes, sorted, to answer "which origin applied here".
    origins: Vec<OriginMark>,
    /// A and AAAA records by address, built on first use.
    addresses: OnceLock<HashMap<[u8; 16], Vec<RecordId>>>,
    /// Records by type, in file order, built on first use: each type's
    /// range of one id array.
    by_type: OnceLock<TypeIndex>,
    /// What kinds of names the zone has, found on first use.
    summary: OnceLock<query::Summary>,
    /// The `zonelint: allow(...)` comments, by file and position.
    suppressions: Vec<Suppression>,
    /// Each origin as written (wire form, case kept), for `dump`.
    origin_spellings: Vec<Box<[u8]>>,
    /// Loaded as a fragment ([`LoadOptions::fragment`]).
    fragment: bool,
    /// An `$INCLUDE` of it could not be read: names it lacks may be in
    /// that file.
    incomplete: bool,
    id: ZoneId,
}

/// Record ids grouped by type: `(type, start)` sorted by type, the ids of
/// type `t` from its start to the next one's.
#[derive(Debug, Default)]
struct TypeIndex {
    starts: Vec<(RecordType, u32)>,
    ids: Vec<RecordId>,
}

/// Identity of a loaded [`Zone`], unique within the process.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct ZoneId(u32);

impl ZoneId {
    pub(crate) fn next() -> Self {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        ZoneId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

impl std::fmt::Debug for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Zone")
            .field("origin", &self.origin)
            .field("records", &self.records.len())
            .field("names", &self.names.len())
            .finish()
    }
}

impl Zone {
    /// The zone's identity.
    pub fn id(&self) -> ZoneId {
        self.id
    }

    /// The zone's origin (its apex name).
    pub fn origin(&self) -> &Name {
        &self.origin
    }

    /// The apex's node.
    pub fn apex(&self) -> NameId {
        self.apex
    }

    /// The class of every record.
    pub fn class(&self) -> Class {
        self.class
    }

    /// True when loaded as a fragment of a zone (records for `$INCLUDE`
    /// checked on their own): what only a whole zone has is not judged.
    pub fn is_fragment(&self) -> bool {
        self.fragment
    }

    /// True when an `$INCLUDE` of the zone could not be read: what it
    /// lacks may be in that file, so absence is not judged
    /// ([`Zone::no_address`] says nothing).
    pub fn is_incomplete(&self) -> bool {
        self.incomplete
    }

    /// The interned names (owners and their ancestors).
    pub fn names(&self) -> &NameTable {
        &self.names
    }

    /// The number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when the zone has no record.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The record `id`.
    pub fn record(&self, id: RecordId) -> &Record {
        &self.records[id.0 as usize]
    }

    /// All records, in file order (includes expanded in place).
    pub fn records(&self) -> impl ExactSizeIterator<Item = (RecordId, &Record)> {
        self.records
            .iter()
            .enumerate()
            .map(|(i, r)| (RecordId(i as u32), r))
    }

    /// The record's data in wire form (names uncompressed).
    pub fn rdata(&self, record: &Record) -> &[u8] {
        &self.rdata[record.rdata_start as usize
            ..record.rdata_start as usize + usize::from(record.rdata_len)]
    }

    /// The files the zone was read from: the top-level file first, then
    /// each `$INCLUDE`d file in the order met.
    pub fn files(&self) -> &[Arc<SourceFile>] {
        &self.files
    }

    /// The bytes of `site`, if it lies in one of the zone's files.
    pub fn site_text(&self, site: Site) -> Option<&[u8]> {
        let file = self.files.iter().find(|f| f.id() == site.file)?;
        file.text()
            .get(site.span.start as usize..site.span.end as usize)
    }

    /// The file the record was read from.
    pub fn file_of(&self, record: &Record) -> &Arc<SourceFile> {
        &self.files[usize::from(record.file)]
    }

    /// The id of the file the record was read from.
    pub fn file_id(&self, record: &Record) -> FileId {
        self.file_of(record).id()
    }

    /// The origin in effect where a record was written, spelled as it was
    /// written (`$ORIGIN Example.COM.`), as a name ending with a dot.
    pub fn origin_spelled_at(&self, record: &Record) -> String {
        let key = (record.file, record.start);
        let i = self.origins.partition_point(|m| (m.file, m.offset) <= key);
        let wire = match i.checked_sub(1).map(|i| self.origins[i]) {
            Some(m) if m.file == record.file => self.origin_spellings.get(m.spelling as usize),
            _ => None,
        };
        wire.and_then(|w| crate::dns::NameRef::split_from(w))
            .map_or_else(
                || self.names().name(self.origin_at(record)).to_string(),
                |(n, _)| n.to_string(),
            )
    }

    /// The origin in effect where a record was written (`$ORIGIN`,
    /// `$INCLUDE`'s origin argument, or the zone's origin).
    pub fn origin_at(&self, record: &Record) -> NameId {
        let key = (record.file, record.start);
        let i = self.origins.partition_point(|m| (m.file, m.offset) <= key);
        match i.checked_sub(1).map(|i| self.origins[i]) {
            Some(m) if m.file == record.file => m.origin,
            _ => self.apex,
        }
    }

    /// The `; zonelint: allow(...)` comments of the zone's files, sorted
    /// by file and position.
    pub fn suppressions(&self) -> &[Suppression] {
        &self.suppressions
    }

    /// The owner name of a record.
    pub fn owner_name(&self, record: &Record) -> Name {
        self.names.name(record.owner)
    }

    /// Approximate heap bytes used by the model (not the source text).
    pub fn heap_size(&self) -> usize {
        self.names.heap_size()
            + self.records.capacity() * std::mem::size_of::<Record>()
            + self.rdata.capacity()
            + (self.by_owner.capacity() + self.owner_start.capacity()) * 4
    }

    // ---- construction ----

    /// Groups records by owner and sets the node flags.
    /// Groups the records by owner. `counts[node + 1]` is the number of
    /// records `node` owns (counted as they were loaded); the node flags
    /// are already set.
    fn build_index(&mut self, mut counts: Vec<u32>) {
        let n = self.names.len();
        counts.resize(n + 1, 0);
        for i in 0..n {
            counts[i + 1] += counts[i];
        }
        let mut next = counts.clone();
        let mut by_owner = vec![0u32; self.records.len()];
        for (i, r) in self.records.iter().enumerate() {
            let slot = &mut next[r.owner.0 as usize];
            by_owner[*slot as usize] = i as u32;
            *slot += 1;
        }
        self.owner_start = counts;
        self.by_owner = by_owner;
    }
}

#[cfg(test)]
mod tests;
