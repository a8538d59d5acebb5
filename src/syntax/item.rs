//! What an entry holds: a record as written or a directive, borrowed
//! ([`Item`]), and the owned form the parser and its batches keep
//! ([`OwnedItem`]).

use std::ops::Range as ByteRange;

use super::generate::{Range, Template};
use crate::dns::name::Form;
use crate::dns::rdata::Rdata;
use crate::dns::{Class, RecordType};
use crate::source::Span;

/// A domain name as written: `@`, or labels in wire form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameText<'p> {
    /// `@`: the current origin.
    Origin,
    /// Wire form ending with the root label.
    Absolute(&'p [u8]),
    /// Wire-form labels without the root label; the origin completes them.
    Relative(&'p [u8]),
}

/// The owner field of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner<'p> {
    /// The line starts with a blank: the previous owner (RFC 1035 §5.1).
    Blank,
    /// A name as written.
    Name(NameText<'p>),
}

/// A resource record as written.
#[derive(Debug, Clone, Copy)]
pub struct RecordItem<'p> {
    /// The owner as written.
    pub owner: Owner<'p>,
    /// The TTL, when written.
    pub ttl: Option<u32>,
    /// The class, when written.
    pub class: Option<Class>,
    /// The type.
    pub rtype: RecordType,
    /// The data.
    pub rdata: Rdata<'p>,
}

/// `$GENERATE range lhs [ttl] [class] type rhs`.
#[derive(Debug, Clone)]
pub struct GenerateItem {
    /// The counter range.
    pub range: Range,
    /// Its token.
    pub range_span: Span,
    /// The owner template.
    pub lhs: Template,
    /// Its token.
    pub lhs_span: Span,
    /// The TTL, when written.
    pub ttl: Option<u32>,
    /// The class, when written.
    pub class: Option<Class>,
    /// The type of the records made.
    pub rtype: RecordType,
    /// The data template.
    pub rhs: Template,
    /// Its token.
    pub rhs_span: Span,
}

/// A `$` directive.
#[derive(Debug, Clone)]
pub enum Directive<'p> {
    /// `$ORIGIN name`.
    Origin {
        /// The new origin.
        name: NameText<'p>,
        /// Its token.
        span: Span,
    },
    /// `$TTL ttl` (RFC 2308 §4).
    Ttl {
        /// The default TTL.
        value: u32,
        /// Its token.
        span: Span,
    },
    /// `$INCLUDE file [origin]`.
    Include {
        /// The file name, unescaped.
        path: &'p [u8],
        /// Its token.
        path_span: Span,
        /// The origin for the included file, and its token.
        origin: Option<(NameText<'p>, Span)>,
    },
    /// BIND's `$GENERATE`.
    Generate(&'p GenerateItem),
    /// BIND's `$DATE` (time of a zone dump): checked, then ignored.
    Date,
}

/// What an entry holds.
#[derive(Debug, Clone)]
pub enum Item<'p> {
    /// A blank line, or a comment only.
    Empty,
    /// A resource record.
    Record(RecordItem<'p>),
    /// A `$` directive.
    Directive(Directive<'p>),
    /// The entry has a syntax error (reported separately).
    Invalid,
}

impl Item<'_> {
    /// Appends a canonical encoding of what the item says: the written
    /// owner, TTL, class, type and record data, or the directive and its
    /// arguments; not where or how it is laid out. Two items with equal
    /// fingerprints load identically.
    pub fn fingerprint(&self, out: &mut Vec<u8>) {
        fn name(n: NameText<'_>, out: &mut Vec<u8>) {
            match n {
                NameText::Origin => out.push(0),
                NameText::Absolute(w) => {
                    out.push(1);
                    out.extend_from_slice(w);
                }
                NameText::Relative(w) => {
                    out.push(2);
                    out.extend_from_slice(&(w.len() as u16).to_be_bytes());
                    out.extend_from_slice(w);
                }
            }
        }
        fn opt<T: Copy>(v: Option<T>, out: &mut Vec<u8>, f: impl Fn(T) -> Vec<u8>) {
            match v {
                None => out.push(0),
                Some(v) => {
                    out.push(1);
                    out.extend(f(v));
                }
            }
        }
        let sized = |bytes: &[u8], out: &mut Vec<u8>| {
            out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
            out.extend_from_slice(bytes);
        };
        match self {
            Item::Empty => out.push(b'E'),
            Item::Invalid => out.push(b'I'),
            Item::Record(r) => {
                out.push(b'R');
                match r.owner {
                    Owner::Blank => out.push(9),
                    Owner::Name(n) => name(n, out),
                }
                opt(r.ttl, out, |t| t.to_be_bytes().to_vec());
                opt(r.class, out, |c| c.0.to_be_bytes().to_vec());
                out.extend_from_slice(&r.rtype.0.to_be_bytes());
                out.push(r.rdata.form as u8);
                out.push(u8::from(r.rdata.out_of_range.is_some()));
                sized(r.rdata.wire, out);
                for rel in r.rdata.relative {
                    out.extend_from_slice(&rel.start.to_be_bytes());
                    out.extend_from_slice(&rel.end.to_be_bytes());
                }
            }
            Item::Directive(Directive::Origin { name: n, .. }) => {
                out.push(b'O');
                name(*n, out);
            }
            Item::Directive(Directive::Ttl { value, .. }) => {
                out.push(b'T');
                out.extend_from_slice(&value.to_be_bytes());
            }
            Item::Directive(Directive::Include { path, origin, .. }) => {
                out.push(b'N');
                sized(path, out);
                match origin {
                    None => out.push(8),
                    Some((n, _)) => name(*n, out),
                }
            }
            Item::Directive(Directive::Generate(g)) => {
                out.push(b'G');
                out.extend(
                    format!(
                        "{:?}{:?}{:?}{:?}{:?}{:?}",
                        g.range, g.lhs, g.ttl, g.class, g.rtype, g.rhs
                    )
                    .bytes(),
                );
            }
            Item::Directive(Directive::Date) => out.push(b'D'),
        }
    }
}

/// A byte range `start..end` of a buffer the item does not own.
pub(crate) type Bytes = (u32, u32);

/// A name as the parser stored it: `@`, or wire-form labels in a range of
/// a byte buffer.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NameAt {
    Origin,
    Absolute(Bytes),
    Relative(Bytes),
}

impl NameAt {
    pub(super) fn wire(range: ByteRange<usize>, form: Form) -> NameAt {
        let r = (range.start as u32, range.end as u32);
        match form {
            Form::Absolute => NameAt::Absolute(r),
            Form::Relative => NameAt::Relative(r),
        }
    }

    #[inline]
    fn resolve(self, bytes: &[u8]) -> NameText<'_> {
        let at = |(s, e): Bytes| &bytes[s as usize..e as usize];
        match self {
            NameAt::Origin => NameText::Origin,
            NameAt::Absolute(r) => NameText::Absolute(at(r)),
            NameAt::Relative(r) => NameText::Relative(at(r)),
        }
    }

    fn shift(self, by: u32) -> NameAt {
        match self {
            NameAt::Origin => NameAt::Origin,
            NameAt::Absolute((s, e)) => NameAt::Absolute((s + by, e + by)),
            NameAt::Relative((s, e)) => NameAt::Relative((s + by, e + by)),
        }
    }
}

/// What an entry holds, owning nothing borrowed: its names and paths are
/// ranges of a byte buffer and a record's data is in buffers of its own.
/// The parser keeps one per entry over its per-entry buffers; a
/// [`super::batch::Batch`] keeps many over its arenas. [`Item`] is the
/// borrowed view both give out.
#[derive(Debug, Clone)]
pub(crate) enum OwnedItem {
    Empty,
    Invalid,
    Record {
        owner: Option<NameAt>,
        ttl: Option<u32>,
        class: Option<Class>,
        rtype: RecordType,
    },
    Origin(NameAt, Span),
    Ttl(u32, Span),
    Include {
        path: Bytes,
        path_span: Span,
        origin: Option<(NameAt, Span)>,
    },
    Generate(Box<GenerateItem>),
    Date,
}

impl OwnedItem {
    /// The item, with its names in `bytes` and a record's data `rdata`.
    #[inline]
    pub(crate) fn resolve<'p>(&'p self, bytes: &'p [u8], rdata: Rdata<'p>) -> Item<'p> {
        match self {
            OwnedItem::Empty => Item::Empty,
            OwnedItem::Invalid => Item::Invalid,
            OwnedItem::Record {
                owner,
                ttl,
                class,
                rtype,
            } => Item::Record(RecordItem {
                owner: owner.map_or(Owner::Blank, |n| Owner::Name(n.resolve(bytes))),
                ttl: *ttl,
                class: *class,
                rtype: *rtype,
                rdata,
            }),
            OwnedItem::Origin(name, span) => Item::Directive(Directive::Origin {
                name: name.resolve(bytes),
                span: *span,
            }),
            OwnedItem::Ttl(value, span) => Item::Directive(Directive::Ttl {
                value: *value,
                span: *span,
            }),
            OwnedItem::Include {
                path,
                path_span,
                origin,
            } => Item::Directive(Directive::Include {
                path: &bytes[path.0 as usize..path.1 as usize],
                path_span: *path_span,
                origin: origin.map(|(n, s)| (n.resolve(bytes), s)),
            }),
            OwnedItem::Generate(g) => Item::Directive(Directive::Generate(g)),
            OwnedItem::Date => Item::Directive(Directive::Date),
        }
    }

    /// The same item with its byte ranges moved `by` bytes on (its bytes
    /// copied to that offset of another buffer).
    pub(crate) fn shifted(&self, by: u32) -> OwnedItem {
        match self {
            OwnedItem::Record {
                owner,
                ttl,
                class,
                rtype,
            } => OwnedItem::Record {
                owner: owner.map(|n| n.shift(by)),
                ttl: *ttl,
                class: *class,
                rtype: *rtype,
            },
            OwnedItem::Origin(name, span) => OwnedItem::Origin(name.shift(by), *span),
            OwnedItem::Include {
                path,
                path_span,
                origin,
            } => OwnedItem::Include {
                path: (path.0 + by, path.1 + by),
                path_span: *path_span,
                origin: origin.map(|(n, s)| (n.shift(by), s)),
            },
            other => other.clone(),
        }
    }
}
