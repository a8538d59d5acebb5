//! The lossless syntax tree of one file, for the formatter.
//!
//! Every byte of the source is either inside a token or in the blanks
//! between two tokens of the same line, so the file can be reprinted from
//! the tokens alone. Entries refer to ranges of one flat token vector.

use super::{Entry, Item, Layout, Token};
use crate::source::Span;

/// What an entry is, without its decoded data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A blank line or a line with only a comment.
    Empty,
    /// A record.
    Record,
    /// A `$` directive.
    Directive,
    /// An entry with a syntax error.
    Invalid,
}

/// One logical entry: its kind, its tokens and the roles of some of them.
#[derive(Debug, Clone, Copy)]
pub struct EntryNode {
    /// What the entry is.
    pub kind: EntryKind,
    /// From the start of its first line to its last token.
    pub span: Span,
    /// Range into [`File::tokens`].
    pub start: u32,
    /// End of its range of [`File::tokens`].
    pub end: u32,
    /// Token indices relative to `start`.
    pub layout: Layout,
}

/// A parsed file.
#[derive(Debug, Default)]
pub struct File {
    /// Every token of the file, in order.
    pub tokens: Vec<Token>,
    /// The entries, in order.
    pub entries: Vec<EntryNode>,
}

impl File {
    /// Appends a streamed entry.
    pub fn push(&mut self, entry: &Entry<'_>) {
        let start = self.tokens.len() as u32;
        self.tokens.extend_from_slice(entry.tokens);
        let kind = match entry.item {
            Item::Empty => EntryKind::Empty,
            Item::Record(_) => EntryKind::Record,
            Item::Directive(_) => EntryKind::Directive,
            Item::Invalid => EntryKind::Invalid,
        };
        self.entries.push(EntryNode {
            kind,
            span: entry.span,
            start,
            end: self.tokens.len() as u32,
            layout: entry.layout,
        });
    }
}
