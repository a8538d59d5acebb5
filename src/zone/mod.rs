//! The resolved zone: absolute names, effective TTL and class, every record
//! pointing back to the source it came from, and an index answering what
//! the rules ask (RRsets by name and type, name existence with empty
//! non-terminals, the closest delegation, wildcard coverage per RFC 4592).

mod dump;
mod load;
mod names;
pub mod origin;

use std::sync::Arc;

use crate::dns::{Class, Name, NameRef, RecordType};
use crate::source::{FileId, SourceFile, Span};
use crate::syntax::{Layout, Parser, Token, TokenKind};

pub use dump::DumpRecord;
pub use load::{
    default_include_root, load, FileSystem, LoadOptions, Loaded, StdFileSystem, MAX_GENERATE,
    MAX_GENERATED, MAX_INCLUDES, MAX_INCLUDE_DEPTH, MAX_ZONE_BYTES, OUT_OF_ZONE,
    PIPELINE_MIN_BYTES,
};
pub use names::{flags, NameId, NameTable};
pub use origin::{infer_origin, OriginSource};

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
    /// An MX preference that is not a 16-bit number (stored as 0).
    pub const BAD_PREFERENCE: u8 = 1 << 2;
    /// At least one name in the data was written relative to the origin.
    pub const RELATIVE_DATA: u8 = 1 << 3;
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
}

/// One resource record.
#[derive(Clone, Copy, Debug)]
pub struct Record {
    pub owner: NameId,
    pub ttl: u32,
    rdata_start: u32,
    /// Where the entry it came from starts (for `$GENERATE`, the
    /// directive): the start of its first line. [`Zone::record_span`]
    /// finds the end.
    pub start: u32,
    pub rtype: RecordType,
    rdata_len: u16,
    file: u16,
    pub flags: u8,
}
// 24 bytes a record: a zone of millions of records is mostly these.
const _: () = assert!(std::mem::size_of::<Record>() == 24);

impl Record {
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// The value tokens of a record as written, for precise labels and fixes.
#[derive(Debug, Clone, Default)]
pub struct RecordSyntax {
    pub owner: Option<Span>,
    pub ttl: Option<Span>,
    pub class: Option<Span>,
    pub rtype: Option<Span>,
    /// Value tokens of the data (for `$GENERATE`, the right-hand side).
    pub rdata: Vec<Span>,
    /// Every comment of the entry, in order (the last is usually at the
    /// end of the entry's last line).
    pub comments: Vec<Span>,
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
    /// The zone's origin (its apex name).
    pub fn origin(&self) -> &Name {
        &self.origin
    }

    pub fn apex(&self) -> NameId {
        self.apex
    }

    pub fn class(&self) -> Class {
        self.class
    }

    pub fn names(&self) -> &NameTable {
        &self.names
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

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

    pub fn rdata(&self, record: &Record) -> &[u8] {
        &self.rdata[record.rdata_start as usize
            ..record.rdata_start as usize + usize::from(record.rdata_len)]
    }

    /// The files the zone was read from: the top-level file first, then
    /// each `$INCLUDE`d file in the order met.
    pub fn files(&self) -> &[Arc<SourceFile>] {
        &self.files
    }

    pub fn file_of(&self, record: &Record) -> &Arc<SourceFile> {
        &self.files[usize::from(record.file)]
    }

    pub fn file_id(&self, record: &Record) -> FileId {
        self.file_of(record).id()
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

    /// True when a later entry may inherit this record's owner: the next
    /// record (comment and blank lines and directives that keep the owner
    /// skipped) has a blank owner, or a broken entry or an `$INCLUDE` comes
    /// first (which owner they leave is not worth guessing: a fix that
    /// deletes the record is withheld).
    pub fn next_entry_inherits_owner(&self, id: RecordId) -> bool {
        let record = self.record(id);
        let text = self.file_of(record).text();
        let (_, after) = crate::syntax::entry_extent(text, record.start as usize);
        if after >= text.len() {
            return false;
        }
        let mut parser = Parser::fragment(&text[after..]);
        while let Some(entry) = parser.next_entry() {
            use crate::syntax::{Directive, Item, Owner};
            match entry.item {
                Item::Empty => continue,
                Item::Record(r) => return r.owner == Owner::Blank,
                Item::Directive(Directive::Include { .. }) | Item::Invalid => return true,
                // $ORIGIN, $TTL, $GENERATE, $DATE keep the current owner.
                Item::Directive(_) => continue,
            }
        }
        false
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

    // ---- index ----

    /// Records owned by `name`.
    pub fn records_at(&self, name: NameId) -> impl ExactSizeIterator<Item = RecordId> + '_ {
        let i = name.0 as usize;
        let (start, end) = match (self.owner_start.get(i), self.owner_start.get(i + 1)) {
            (Some(&s), Some(&e)) => (s as usize, e as usize),
            _ => (0, 0),
        };
        self.by_owner[start..end].iter().map(|&r| RecordId(r))
    }

    /// The RRset of `rtype` at `name`.
    pub fn rrset(&self, name: NameId, rtype: RecordType) -> impl Iterator<Item = RecordId> + '_ {
        self.records_at(name)
            .filter(move |&r| self.record(r).rtype == rtype)
    }

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

    /// The closest enclosing delegation point of `name`: the deepest
    /// ancestor-or-self strictly below the apex that owns NS records.
    pub fn delegation(&self, name: NameRef<'_>) -> Option<NameId> {
        if !self.contains(name) {
            return None;
        }
        let (closest, _) = self.names.closest(name);
        self.names
            .ancestors(closest)
            .take_while(|&n| n != self.apex)
            .filter(|&n| self.has_flag(n, flags::NS))
            .last()
    }

    /// A DNAME at a strict ancestor of `name` (RFC 6672 §2.3): its node.
    pub fn dname_above(&self, name: NameRef<'_>) -> Option<NameId> {
        if !self.contains(name) {
            return None;
        }
        let (closest, missing) = self.names.closest(name);
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
        if !self.contains(name) {
            return None;
        }
        let (closest, missing) = self.names.closest(name);
        if missing == 0 {
            return None; // the name exists: no synthesis
        }
        if !self.has_flag(closest, flags::WILDCARD_CHILD) {
            return None;
        }
        self.names.find_child(closest, b"*")
    }

    // ---- back to the source ----

    /// The byte range of a record's whole entry: from the start of its
    /// first line to the end of its last line, line end included.
    pub fn entry_lines(&self, id: RecordId) -> Span {
        let record = self.record(id);
        let text = self.file_of(record).text();
        let (_, end) = crate::syntax::entry_extent(text, record.start as usize);
        Span::new(record.start, end as u32)
    }

    /// The span of a record's entry: from the start of its first line to
    /// the end of its last token (for `$GENERATE`, the directive's).
    pub fn record_span(&self, record: &Record) -> Span {
        let text = self.file_of(record).text();
        let (end, _) = crate::syntax::entry_extent(text, record.start as usize);
        Span::new(record.start, end as u32)
    }

    /// The tokens of a record as written. Re-reads only this record's entry.
    pub fn record_syntax(&self, id: RecordId) -> RecordSyntax {
        let record = self.record(id);
        let text = self.file_of(record).text();
        let start = record.start as usize;
        let (_, end) = crate::syntax::entry_extent(text, start);
        let mut parser = Parser::fragment(&text[start..end]);
        let Some(entry) = parser.next_entry() else {
            return RecordSyntax::default();
        };
        let shift = |s: Span| Span::new(s.start + record.start, s.end + record.start);
        let tokens: &[Token] = entry.tokens;
        let Layout {
            owner,
            ttl,
            class,
            rtype,
        } = entry.layout;
        let at = |i: Option<u32>| i.map(|i| shift(tokens[i as usize].span));
        let values: Vec<Span> = match rtype {
            Some(t) => tokens[t as usize + 1..]
                .iter()
                .filter(|t| t.is_value())
                .map(|t| shift(t.span))
                .collect(),
            None => Vec::new(),
        };
        let comments = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Comment)
            .map(|t| shift(t.span))
            .collect();
        let (owner, rdata) = if record.has(record_flags::GENERATED) {
            // $GENERATE range lhs ... type rhs: the lhs is the owner template,
            // the rhs carries every data field.
            let vals: Vec<&Token> = tokens.iter().filter(|t| t.is_value()).collect();
            (
                vals.get(2).map(|t| shift(t.span)),
                values.last().copied().into_iter().collect(),
            )
        } else {
            (at(owner), values)
        };
        RecordSyntax {
            owner,
            ttl: at(ttl),
            class: at(class),
            rtype: at(rtype),
            rdata,
            comments,
        }
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
