//! Entries in owned batches, so that one thread can parse while another
//! loads (see `zone::load`). A [`Batch`] holds a few thousand entries in
//! flat arenas — tokens, name and path bytes, record data — and gives each
//! back as the same [`Entry`] the streaming [`Parser`] yields.

use super::entry::{Directive, GenerateItem, Item, NameText, Owner, RecordItem};
use super::rdata::{Rdata, RdataForm, RelativeName};
use super::{Entry, Layout, Parser, SyntaxError, Token};
use crate::dns::{Class, RecordType};
use crate::source::Span;

type Range = (u32, u32);

#[derive(Debug, Clone, Copy)]
enum StoredName {
    Origin,
    Absolute(Range),
    Relative(Range),
}

#[derive(Debug, Clone)]
enum StoredItem {
    Empty,
    Invalid,
    Record {
        owner: Option<StoredName>,
        ttl: Option<u32>,
        class: Option<Class>,
        rtype: RecordType,
        wire: Range,
        relative: Range,
        form: RdataForm,
        out_of_range: Option<Span>,
    },
    Origin {
        name: StoredName,
        span: Span,
    },
    Ttl {
        value: u32,
        span: Span,
    },
    Include {
        path: Range,
        path_span: Span,
        origin: Option<(StoredName, Span)>,
    },
    Generate(Box<GenerateItem>),
    Date,
}

#[derive(Debug, Clone)]
struct StoredEntry {
    tokens: Range,
    span: Span,
    layout: Layout,
    ok: bool,
    item: StoredItem,
}

/// Parsed entries, owned; cleared and reused.
#[derive(Debug, Default)]
pub struct Batch {
    entries: Vec<StoredEntry>,
    tokens: Vec<Token>,
    bytes: Vec<u8>,
    wire: Vec<u8>,
    relative: Vec<RelativeName>,
    /// The errors (and warnings) the parser reported for these entries.
    pub errors: Vec<SyntaxError>,
}

fn range(start: usize, end: usize) -> Range {
    (start as u32, end as u32)
}

fn slice<T>(items: &[T], (start, end): Range) -> &[T] {
    &items[start as usize..end as usize]
}

impl Batch {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.tokens.clear();
        self.bytes.clear();
        self.wire.clear();
        self.relative.clear();
        self.errors.clear();
    }

    /// Fills the batch with up to `limit` entries (fewer if they hold more
    /// than [`Batch::MAX_TOKENS`] tokens: hostile entries are huge); false
    /// at the end of the file. The parser's errors so far move into the
    /// batch.
    pub fn fill(&mut self, parser: &mut Parser<'_>, limit: usize) -> bool {
        let mut more = true;
        while self.entries.len() < limit && self.tokens.len() < Self::MAX_TOKENS {
            match parser.next_entry() {
                Some(entry) => self.push(&entry),
                None => {
                    more = false;
                    break;
                }
            }
        }
        self.errors.append(&mut parser.take_errors());
        more
    }

    /// Tokens after which a batch is full whatever its number of entries.
    pub const MAX_TOKENS: usize = 1 << 18;

    fn name(&mut self, name: NameText<'_>) -> StoredName {
        let mut store = |bytes: &[u8]| {
            let start = self.bytes.len();
            self.bytes.extend_from_slice(bytes);
            range(start, self.bytes.len())
        };
        match name {
            NameText::Origin => StoredName::Origin,
            NameText::Absolute(w) => StoredName::Absolute(store(w)),
            NameText::Relative(w) => StoredName::Relative(store(w)),
        }
    }

    fn push(&mut self, entry: &Entry<'_>) {
        let start = self.tokens.len();
        self.tokens.extend_from_slice(entry.tokens);
        let tokens = range(start, self.tokens.len());
        let item = match &entry.item {
            Item::Empty => StoredItem::Empty,
            Item::Invalid => StoredItem::Invalid,
            Item::Record(r) => {
                let owner = match r.owner {
                    Owner::Blank => None,
                    Owner::Name(n) => Some(self.name(n)),
                };
                let w = self.wire.len();
                self.wire.extend_from_slice(r.rdata.wire);
                let rel = self.relative.len();
                self.relative.extend_from_slice(r.rdata.relative);
                StoredItem::Record {
                    owner,
                    ttl: r.ttl,
                    class: r.class,
                    rtype: r.rtype,
                    wire: range(w, self.wire.len()),
                    relative: range(rel, self.relative.len()),
                    form: r.rdata.form,
                    out_of_range: r.rdata.out_of_range,
                }
            }
            Item::Directive(Directive::Origin { name, span }) => StoredItem::Origin {
                name: self.name(*name),
                span: *span,
            },
            Item::Directive(Directive::Ttl { value, span }) => StoredItem::Ttl {
                value: *value,
                span: *span,
            },
            Item::Directive(Directive::Include {
                path,
                path_span,
                origin,
            }) => {
                let p = self.bytes.len();
                self.bytes.extend_from_slice(path);
                let path = range(p, self.bytes.len());
                let origin = origin.map(|(n, s)| (self.name(n), s));
                StoredItem::Include {
                    path,
                    path_span: *path_span,
                    origin,
                }
            }
            Item::Directive(Directive::Generate(g)) => StoredItem::Generate(Box::new(g.clone())),
            Item::Directive(Directive::Date) => StoredItem::Date,
        };
        self.entries.push(StoredEntry {
            tokens,
            span: entry.span,
            layout: entry.layout,
            ok: entry.ok,
            item,
        });
    }

    fn name_text(&self, name: StoredName) -> NameText<'_> {
        match name {
            StoredName::Origin => NameText::Origin,
            StoredName::Absolute(r) => NameText::Absolute(slice(&self.bytes, r)),
            StoredName::Relative(r) => NameText::Relative(slice(&self.bytes, r)),
        }
    }

    /// Entry `i` as the parser gave it.
    pub fn entry(&self, i: usize) -> Entry<'_> {
        let e = &self.entries[i];
        let item = match &e.item {
            StoredItem::Empty => Item::Empty,
            StoredItem::Invalid => Item::Invalid,
            StoredItem::Record {
                owner,
                ttl,
                class,
                rtype,
                wire,
                relative,
                form,
                out_of_range,
            } => Item::Record(RecordItem {
                owner: owner.map_or(Owner::Blank, |n| Owner::Name(self.name_text(n))),
                ttl: *ttl,
                class: *class,
                rtype: *rtype,
                rdata: Rdata {
                    wire: slice(&self.wire, *wire),
                    relative: slice(&self.relative, *relative),
                    form: *form,
                    out_of_range: *out_of_range,
                },
            }),
            StoredItem::Origin { name, span } => Item::Directive(Directive::Origin {
                name: self.name_text(*name),
                span: *span,
            }),
            StoredItem::Ttl { value, span } => Item::Directive(Directive::Ttl {
                value: *value,
                span: *span,
            }),
            StoredItem::Include {
                path,
                path_span,
                origin,
            } => Item::Directive(Directive::Include {
                path: slice(&self.bytes, *path),
                path_span: *path_span,
                origin: origin.map(|(n, s)| (self.name_text(n), s)),
            }),
            StoredItem::Generate(g) => Item::Directive(Directive::Generate((**g).clone())),
            StoredItem::Date => Item::Directive(Directive::Date),
        };
        Entry {
            tokens: slice(&self.tokens, e.tokens),
            span: e.span,
            layout: e.layout,
            item,
            ok: e.ok,
        }
    }
}

/// Entries per batch handed from the parsing thread to the consumer.
pub const BATCH_ENTRIES: usize = 4096;

/// Parses `src` on a second thread and calls `f` with each entry, in file
/// order, on this one, so that parsing overlaps what `f` does (loading,
/// printing). The entries, the order and the errors returned are the ones
/// the streaming [`Parser`] gives. Full batches wait in a channel of two;
/// emptied ones go back to the parser for reuse.
pub fn for_each_pipelined(src: &[u8], f: impl FnMut(Entry<'_>)) -> Vec<SyntaxError> {
    for_each_pipelined_then(src, f, || {})
}

/// [`for_each_pipelined`], and once the parsing thread has parsed the
/// whole file, it runs `then` (work for the idle core while the consumer
/// finishes, such as indexing the file's lines).
pub fn for_each_pipelined_then(
    src: &[u8],
    mut f: impl FnMut(Entry<'_>),
    then: impl FnOnce() + Send,
) -> Vec<SyntaxError> {
    use std::sync::mpsc;
    let (full_tx, full_rx) = mpsc::sync_channel::<Batch>(2);
    let (empty_tx, empty_rx) = mpsc::channel::<Batch>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut parser = Parser::new(src);
            loop {
                let mut batch = empty_rx.try_recv().unwrap_or_default();
                batch.clear();
                let more = batch.fill(&mut parser, BATCH_ENTRIES);
                // The consumer stops listening only if it panicked.
                if full_tx.send(batch).is_err() || !more {
                    break;
                }
            }
            drop(full_tx);
            then();
        });
        let mut errors = Vec::new();
        for mut batch in full_rx {
            for i in 0..batch.len() {
                f(batch.entry(i));
            }
            errors.append(&mut batch.errors);
            let _ = empty_tx.send(batch);
        }
        errors
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry through a batch is the entry the parser gave.
    #[test]
    fn entries_come_back_unchanged() {
        let text = b"$ORIGIN example.com.\n$TTL 1h\n@ SOA ns h 1 2 3 4 5\n  NS ns\n\
            ns 300 IN A 192.0.2.1 ; c\nwww CNAME @\nmx MX 10 mail\n\
            $INCLUDE \"sub.inc\" sub\n$GENERATE 1-3 h$ A 10.0.0.$\nbad A 300.1.1.1\n\
            ( broken\nx TXT \"a\" \"b\"\n";
        let mut expected = Vec::new();
        let mut parser = Parser::new(text);
        while let Some(e) = parser.next_entry() {
            expected.push(format!("{e:?}"));
        }
        let expected_errors = parser.take_errors();

        let mut parser = Parser::new(text);
        let mut got = Vec::new();
        let mut errors = Vec::new();
        let mut batch = Batch::default();
        loop {
            batch.clear();
            let more = batch.fill(&mut parser, 3);
            for i in 0..batch.len() {
                got.push(format!("{:?}", batch.entry(i)));
            }
            errors.append(&mut batch.errors);
            if !more {
                break;
            }
        }
        assert_eq!(got, expected);
        assert_eq!(errors, expected_errors);
        assert!(expected.len() > 10);
    }
}
