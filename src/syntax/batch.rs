//! Entries in owned batches, so that one thread can parse while another
//! loads (see `zone::load`). A [`Batch`] holds a few thousand entries in
//! flat arenas — tokens, name and path bytes, record data — and gives each
//! back as the same [`Entry`] the streaming [`Parser`] yields. An entry is
//! kept as the parser keeps it, an [`OwnedItem`], its ranges moved into the
//! arenas.

use super::item::{Bytes as Range, OwnedItem};
use super::{Entry, Item, Layout, Parser, SyntaxError, Token};
use crate::dns::rdata::{Rdata, RdataForm, RelativeName};
use crate::source::Span;

#[derive(Debug, Clone)]
struct StoredEntry {
    tokens: Range,
    span: Span,
    layout: Layout,
    ok: bool,
    has_comments: bool,
    item: OwnedItem,
    /// A record's data in the arenas: wire bytes, relative names.
    wire: Range,
    relative: Range,
    form: RdataForm,
    out_of_range: Option<Span>,
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
    /// Entries held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Forgets every entry, keeping the arenas' memory.
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
            if parser.next_entry().is_none() {
                more = false;
                break;
            }
            self.push(parser);
        }
        self.errors.append(&mut parser.take_errors());
        more
    }

    /// Tokens after which a batch is full whatever its number of entries.
    pub const MAX_TOKENS: usize = 1 << 18;

    /// Copies the parser's current entry.
    fn push(&mut self, parser: &Parser<'_>) {
        let start = self.tokens.len();
        self.tokens.extend_from_slice(&parser.tokens);
        let tokens = range(start, self.tokens.len());
        let base = self.bytes.len() as u32;
        self.bytes.extend_from_slice(&parser.names);
        let (wire, relative) = if matches!(parser.item, OwnedItem::Record { .. }) {
            let w = self.wire.len();
            self.wire.extend_from_slice(&parser.rdata.wire);
            let r = self.relative.len();
            self.relative.extend_from_slice(&parser.rdata.relative);
            (range(w, self.wire.len()), range(r, self.relative.len()))
        } else {
            ((0, 0), (0, 0))
        };
        self.entries.push(StoredEntry {
            tokens,
            span: parser.entry_span,
            layout: parser.entry_layout,
            ok: parser.entry_ok,
            has_comments: parser.entry_comments,
            item: parser.item.shifted(base),
            wire,
            relative,
            form: parser.rdata.form,
            out_of_range: parser.rdata.out_of_range,
        });
    }

    /// Entry `i` as the parser gave it.
    pub fn entry(&self, i: usize) -> Entry<'_> {
        let e = &self.entries[i];
        let rdata = Rdata {
            wire: slice(&self.wire, e.wire),
            relative: slice(&self.relative, e.relative),
            form: e.form,
            out_of_range: e.out_of_range,
        };
        let item: Item<'_> = e.item.resolve(&self.bytes, rdata);
        Entry {
            tokens: slice(&self.tokens, e.tokens),
            span: e.span,
            layout: e.layout,
            item,
            ok: e.ok,
            has_comments: e.has_comments,
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
