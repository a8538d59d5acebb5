//! The layout: entries are read one at a time, gathered into blocks (the
//! lines between blank lines), measured, and printed with aligned columns.
//! Token bytes are copied as written (names, TTL spellings, escapes, raw
//! octets); only blanks, line breaks, mnemonic case and parentheses around
//! SOA fields change.
//!
//! A block's text lives in one arena and its lines are small records of
//! offsets, so a file without blank lines (one block of a million lines)
//! costs a few tens of bytes per line and no allocation per line.

mod compare;
mod layout;
mod lines;
mod render;

#[cfg(test)]
pub(crate) use render::RENDER_CHUNK;

use super::options::FormatOptions;
use crate::dns::Class;
use crate::syntax::{Entry, Parser, SyntaxError, Token, TokenKind};
use compare::Compare;

/// Effective TTL and class of the record whose entry starts at an offset
/// (for `explicit-ttl-class`).
pub type Effective<'a> = &'a dyn Fn(u32) -> Option<(u32, Class)>;

/// The least indentation of a record with a blank owner (one tab stop).
const BLANK_OWNER_INDENT: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A record's first line: columns, then data.
    Record,
    /// More data of the record on line `parent` of the block.
    Continuation { parent: u32 },
    /// A directive (or stray tokens) at column 0.
    Directive,
    /// A line with only a comment: at column 0, or under the data column of
    /// line `parent` when inside a record.
    Comment { parent: Option<u32> },
    /// An empty line inside a file-wide alignment scope.
    Blank,
}

/// A byte range of the block's arena.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Piece {
    start: u32,
    end: u32,
}

impl Piece {
    fn is_empty(self) -> bool {
        self.start == self.end
    }
}

#[derive(Debug, Clone, Copy)]
struct Line {
    kind: Kind,
    /// Owner, TTL, class, type (records only).
    cols: [Piece; 4],
    text: Piece,
    comment: Option<Piece>,
    /// Lines whose comments are aligned together (0: the block's).
    group: u32,
}

/// The text after `;` and blanks of a comment, for fmt off/on markers.
fn marker(comment: &[u8]) -> &[u8] {
    let body = comment.strip_prefix(b";").unwrap_or(comment);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    body[start..].trim_ascii_end()
}

fn is_fmt_off(comment: &[u8]) -> bool {
    marker(comment).eq_ignore_ascii_case(b"zonelint: fmt off")
}

fn is_fmt_on(comment: &[u8]) -> bool {
    marker(comment).eq_ignore_ascii_case(b"zonelint: fmt on")
}

struct Printer<'a> {
    src: &'a [u8],
    options: &'a FormatOptions,
    effective: Effective<'a>,
    newline: &'static [u8],
    out: Vec<u8>,
    arena: Vec<u8>,
    block: Vec<Line>,
    next_group: u32,
    /// A blank line is due before the next output line.
    pending_blank: bool,
    /// `fmt --check`: compare with the input instead of keeping the output.
    compare: Option<Compare>,
    /// Scratch: the tokens of a record by source line.
    lines: Vec<Vec<Token>>,
}

/// Formats a whole file. Returns the syntax errors instead when there are
/// any (a broken file is never reformatted).
pub fn format(
    src: &[u8],
    options: &FormatOptions,
    effective: Effective<'_>,
) -> Result<Vec<u8>, Vec<SyntaxError>> {
    run(src, options, effective, false).map(|(out, _)| out)
}

/// True when formatting would change the file (`fmt --check`): the output
/// is compared with the input block by block as it is made, never kept
/// whole. Syntax errors are returned instead.
pub fn differs(src: &[u8], options: &FormatOptions) -> Result<bool, Vec<SyntaxError>> {
    run(src, options, &|_| None, true).map(|(_, differs)| differs)
}

/// Formats `src`; with `compare`, the output is compared with `src` as it
/// is made and dropped, and only whether they differ is returned.
fn run(
    src: &[u8],
    options: &FormatOptions,
    effective: Effective<'_>,
    compare: bool,
) -> Result<(Vec<u8>, bool), Vec<SyntaxError>> {
    let crlf = memchr::memmem::find_iter(src, b"\r\n").count();
    let lf = memchr::memchr_iter(b'\n', src).count() - crlf;
    let mut p = Printer {
        src,
        options,
        effective,
        newline: if crlf > lf { b"\r\n" } else { b"\n" },
        out: if compare {
            Vec::new()
        } else {
            Vec::with_capacity(src.len() + src.len() / 4)
        },
        compare: compare.then_some(Compare {
            at: 0,
            differs: false,
        }),
        arena: Vec::new(),
        block: Vec::new(),
        next_group: 0,
        pending_blank: false,
        lines: Vec::new(),
    };
    // A byte-order mark is kept (the parser warns about it).
    if src.starts_with(crate::syntax::BOM) {
        p.out.extend_from_slice(crate::syntax::BOM);
    }
    let mut verbatim_from: Option<u32> = None;
    let mut handle = |entry: Entry<'_>| {
        let comments = || entry.tokens.iter().filter(|t| t.kind == TokenKind::Comment);
        // The last marker of the entry decides (an entry of several lines
        // can hold both, in either order).
        let last = comments().rev().find_map(|t| {
            let text = t.span.slice(src);
            if is_fmt_off(text) {
                Some(false)
            } else if is_fmt_on(text) {
                Some(true)
            } else {
                None
            }
        });
        let end = entry.tokens.last().map_or(entry.span.end, |t| t.span.end);
        match (verbatim_from, last) {
            // The region ends with this entry, which is kept as written.
            (Some(start), Some(true)) => {
                p.verbatim(&src[start as usize..end as usize]);
                verbatim_from = None;
            }
            (Some(_), _) => {}
            // A region starts here: this entry is its first.
            (None, Some(false)) => verbatim_from = Some(entry.span.start),
            // A region that opens and closes inside this entry.
            (None, Some(true)) if comments().any(|t| is_fmt_off(t.span.slice(src))) => {
                p.verbatim(&src[entry.span.start as usize..end as usize]);
            }
            (None, _) => p.entry(&entry),
        }
    };
    // A large file is parsed on a second thread while this one prints.
    let errors = if src.len() >= crate::zone::PIPELINE_MIN_BYTES && rayon::current_num_threads() > 1
    {
        crate::syntax::batch::for_each_pipelined(src, handle)
    } else {
        let mut parser = Parser::new(src);
        while let Some(entry) = parser.next_entry() {
            handle(entry);
        }
        parser.take_errors()
    };
    if let Some(start) = verbatim_from {
        p.verbatim(&src[start as usize..]);
    }
    let errors: Vec<SyntaxError> = errors
        .into_iter()
        .filter(|e| e.severity == crate::diagnostic::Severity::Error)
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    p.flush();
    p.drain();
    let differs = p.compare.is_some_and(|c| c.differs || c.at != src.len());
    Ok((p.out, differs))
}

/// `f` of each line, in order; on all cores when `big`.
fn per_line(block: &[Line], big: bool, f: impl Fn(&Line) -> u32 + Sync + Send) -> Vec<u32> {
    use rayon::prelude::*;
    if big {
        block
            .par_iter()
            .with_min_len(render::RENDER_CHUNK)
            .map(f)
            .collect()
    } else {
        block.iter().map(f).collect()
    }
}

/// [`Printer::drain`] on the printer's fields (while others are borrowed).
fn drain(src: &[u8], out: &mut Vec<u8>, compare: &mut Option<Compare>) {
    if let Some(c) = compare {
        c.feed(src, out);
        out.clear();
    }
}
