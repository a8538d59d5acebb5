//! The layout: entries are read one at a time, gathered into blocks (the
//! lines between blank lines), measured, and printed with aligned columns.
//! Token bytes are copied as written (names, TTL spellings, escapes, raw
//! octets); only blanks, line breaks, mnemonic case and parentheses around
//! SOA fields change.
//!
//! A block's text lives in one arena and its lines are small records of
//! offsets, so a file without blank lines (one block of a million lines)
//! costs a few tens of bytes per line and no allocation per line.

use std::collections::HashMap;

use super::options::{Align, FormatOptions, Indent, SoaLayout};
use crate::dns::{Class, RecordType};
use crate::source::char_count;
use crate::syntax::{Entry, Item, Layout, Parser, SyntaxError, Token, TokenKind};

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

/// Where the comparison with the input stands (`fmt --check`).
#[derive(Debug, Clone, Copy)]
struct Compare {
    /// Bytes of output compared (and dropped) so far.
    at: usize,
    differs: bool,
}

impl Compare {
    /// Compares the next `bytes` of output with the input.
    fn feed(&mut self, src: &[u8], bytes: &[u8]) {
        let end = self.at + bytes.len();
        self.differs = self.differs || src.get(self.at..end) != Some(bytes);
        self.at = end;
    }

    /// [`Compare::feed`] with each of `parts` in turn, compared on all cores.
    fn feed_all(&mut self, src: &[u8], parts: &[Vec<u8>]) {
        use rayon::prelude::*;
        if self.differs {
            return;
        }
        let starts: Vec<usize> = parts
            .iter()
            .scan(self.at, |at, p| {
                let start = *at;
                *at += p.len();
                Some(start)
            })
            .collect();
        self.differs = parts
            .par_iter()
            .zip(&starts)
            .any(|(p, &at)| src.get(at..at + p.len()) != Some(p.as_slice()));
        self.at += parts.iter().map(Vec::len).sum::<usize>();
    }
}

impl Printer<'_> {
    // ---- the arena ----

    fn piece(&mut self, bytes: &[u8]) -> Piece {
        let start = self.arena.len() as u32;
        self.arena.extend_from_slice(bytes);
        Piece {
            start,
            end: self.arena.len() as u32,
        }
    }

    fn piece_upper(&mut self, bytes: &[u8]) -> Piece {
        let p = self.piece(bytes);
        self.arena[p.start as usize..p.end as usize].make_ascii_uppercase();
        p
    }

    /// Value and parenthesis tokens joined by one space, except that values
    /// that touched in the source still touch (`alpn="h2,h3"`).
    fn join(&mut self, tokens: &[Token]) -> Piece {
        let start = self.arena.len() as u32;
        let mut prev: Option<Token> = None;
        for &t in tokens
            .iter()
            .filter(|t| !matches!(t.kind, TokenKind::Comment | TokenKind::Newline))
        {
            if let Some(p) = prev {
                if !(p.span.end == t.span.start && p.is_value() && t.is_value()) {
                    self.arena.push(b' ');
                }
            }
            self.arena.extend_from_slice(t.span.slice(self.src));
            prev = Some(t);
        }
        Piece {
            start,
            end: self.arena.len() as u32,
        }
    }

    /// A comment as written, trailing blanks removed.
    fn comment(&mut self, t: Token) -> Piece {
        let text = t.span.slice(self.src).trim_ascii_end();
        self.piece(text)
    }

    fn push(&mut self, kind: Kind, text: Piece, comment: Option<Piece>, group: u32) -> u32 {
        self.block.push(Line {
            kind,
            cols: [Piece::default(); 4],
            text,
            comment,
            group,
        });
        (self.block.len() - 1) as u32
    }

    fn group(&mut self) -> u32 {
        self.next_group += 1;
        self.next_group
    }

    // ---- entries ----

    fn entry(&mut self, entry: &Entry<'_>) {
        let tokens = entry.tokens;
        match entry.item {
            Item::Empty => {
                let has_values = tokens.iter().any(|t| {
                    matches!(
                        t.kind,
                        TokenKind::Open | TokenKind::Close | TokenKind::Word | TokenKind::Quoted
                    )
                });
                let mut comments = tokens.iter().filter(|t| t.kind == TokenKind::Comment);
                if !has_values {
                    match comments.next() {
                        None => self.blank(),
                        Some(&c) => {
                            let c = self.comment(c);
                            self.push(Kind::Comment { parent: None }, c, None, 0);
                        }
                    }
                    return;
                }
                let text = self.join(tokens);
                let comment = comments.next().map(|&c| self.comment(c));
                self.push(Kind::Directive, text, comment, 0);
            }
            Item::Directive(_) => {
                let text = self.join(tokens);
                // The keyword in capitals: `$ORIGIN`, `$TTL`, ...
                let keyword = &mut self.arena[text.start as usize..text.end as usize];
                let len = keyword
                    .iter()
                    .position(|&b| b == b' ')
                    .unwrap_or(keyword.len());
                keyword[..len].make_ascii_uppercase();
                let comment = tokens
                    .iter()
                    .find(|t| t.kind == TokenKind::Comment)
                    .map(|&c| self.comment(c));
                self.push(Kind::Directive, text, comment, 0);
            }
            Item::Record(ref r) => self.record(entry, r.rtype),
            Item::Invalid => {
                // Not reached: formatting stops at the first error. Keep the
                // text so that nothing is lost if it ever is.
                let end = tokens.last().map_or(entry.span.end, |t| t.span.end);
                self.verbatim(&self.src[entry.span.start as usize..end as usize]);
            }
        }
    }

    fn record(&mut self, entry: &Entry<'_>, rtype: RecordType) {
        let src = self.src;
        let tokens = entry.tokens;
        let Layout {
            owner,
            ttl,
            class,
            rtype: type_at,
        } = entry.layout;
        let slice = |i: Option<u32>| i.map_or(&b""[..], |i| tokens[i as usize].span.slice(src));
        let mut cols = [
            self.piece(slice(owner)),
            self.piece(slice(ttl)),
            self.piece_upper(slice(class)),
            self.piece_upper(slice(type_at)),
        ];
        if self.options.explicit_ttl_class {
            if let Some((t, c)) = (self.effective)(entry.span.start) {
                if cols[1].is_empty() {
                    cols[1] = self.piece(t.to_string().as_bytes());
                }
                if cols[2].is_empty() {
                    cols[2] = self.piece(c.to_string().as_bytes());
                }
            }
        }
        // The other tokens, by source line.
        let mut lines = std::mem::take(&mut self.lines);
        lines.iter_mut().for_each(Vec::clear);
        let mut n = 0;
        let skip = [owner, ttl, class, type_at];
        for (i, t) in tokens.iter().enumerate() {
            if skip.contains(&Some(i as u32)) {
                continue;
            }
            if t.kind == TokenKind::Newline {
                if lines.get(n).is_some_and(|l| !l.is_empty()) {
                    n += 1;
                }
                continue;
            }
            if lines.len() <= n {
                lines.push(Vec::new());
            }
            lines[n].push(*t);
        }
        let used = lines.iter().take_while(|l| !l.is_empty()).count();
        let soa = rtype == RecordType::SOA && self.options.soa == SoaLayout::Multiline;
        let values: usize = lines[..used]
            .iter()
            .flatten()
            .filter(|t| t.is_value())
            .count();
        let generic = lines
            .first()
            .and_then(|l| l.iter().find(|t| t.is_value()))
            .is_some_and(|t| t.span.slice(src) == b"\\#");
        if soa && values == 7 && !generic {
            self.soa(cols, &lines[..used]);
        } else {
            self.as_written(cols, &lines[..used]);
        }
        self.lines = lines;
    }

    /// The author's line breaks, continuation lines under the data column.
    fn as_written(&mut self, cols: [Piece; 4], lines: &[Vec<Token>]) {
        let first = self.block.len() as u32;
        let (head, rest) = match lines.split_first() {
            Some((h, r)) => (h.as_slice(), r),
            None => (&[][..], &[][..]),
        };
        let data = self.join(head);
        let comment = head
            .iter()
            .find(|t| t.kind == TokenKind::Comment)
            .map(|&c| self.comment(c));
        let id = self.push(Kind::Record, data, comment, 0);
        self.block[id as usize].cols = cols;
        if rest.is_empty() {
            return;
        }
        let group = self.group();
        for l in rest {
            let data = self.join(l);
            let comment = l
                .iter()
                .find(|t| t.kind == TokenKind::Comment)
                .map(|&c| self.comment(c));
            match comment {
                Some(c) if data.is_empty() => {
                    self.push(
                        Kind::Comment {
                            parent: Some(first),
                        },
                        c,
                        None,
                        group,
                    );
                }
                _ => {
                    self.push(Kind::Continuation { parent: first }, data, comment, group);
                }
            }
        }
    }

    /// `MNAME RNAME (` then one numeric field per line, comments aligned.
    /// Lines are produced in source order: a comment stays with the last
    /// field of its source line, a comment alone on a line stays between
    /// the same fields, and one after the last field is a full-line comment.
    fn soa(&mut self, cols: [Piece; 4], lines: &[Vec<Token>]) {
        let src = self.src;
        let first = self.block.len() as u32;
        let values: Vec<Token> = lines
            .iter()
            .flatten()
            .filter(|t| t.is_value())
            .copied()
            .collect();
        let start = self.arena.len() as u32;
        self.arena.extend_from_slice(values[0].span.slice(src));
        self.arena.push(b' ');
        self.arena.extend_from_slice(values[1].span.slice(src));
        self.arena.extend_from_slice(b" (");
        let head = Piece {
            start,
            end: self.arena.len() as u32,
        };
        let id = self.push(Kind::Record, head, None, 0);
        self.block[id as usize].cols = cols;
        let group = self.group();
        let mut closed = false;
        for source_line in lines {
            let comment = source_line
                .iter()
                .find(|t| t.kind == TokenKind::Comment)
                .copied();
            let fields: Vec<usize> = source_line
                .iter()
                .filter_map(|t| values.iter().position(|v| v.span == t.span))
                .filter(|&i| i >= 2)
                .collect();
            if fields.is_empty() {
                let Some(c) = comment else { continue };
                let c = self.comment(c);
                if self.block.len() as u32 == first + 1
                    && self.block[first as usize].comment.is_none()
                {
                    self.block[first as usize].comment = Some(c);
                } else {
                    // After the `)` the record has ended: a full-line comment.
                    let parent = (!closed).then_some(first);
                    self.push(Kind::Comment { parent }, c, None, group);
                }
                continue;
            }
            for (k, &i) in fields.iter().enumerate() {
                let start = self.arena.len() as u32;
                self.arena.extend_from_slice(values[i].span.slice(src));
                if i == 6 {
                    self.arena.extend_from_slice(b" )");
                    closed = true;
                }
                let text = Piece {
                    start,
                    end: self.arena.len() as u32,
                };
                let c = if k + 1 == fields.len() {
                    comment.map(|c| self.comment(c))
                } else {
                    None
                };
                self.push(Kind::Continuation { parent: first }, text, c, group);
            }
        }
    }

    // ---- blocks ----

    /// A blank line: it ends the block (or, with file-wide alignment, is
    /// kept inside it). Runs collapse to one; none at the start or end.
    fn blank(&mut self) {
        if self.options.align == Align::File && !self.block.is_empty() {
            if self.block.last().is_some_and(|l| l.kind != Kind::Blank) {
                self.push(Kind::Blank, Piece::default(), None, 0);
            }
        } else if !self.block.is_empty() || self.emitted_any() {
            self.flush();
            self.pending_blank = true;
        }
    }

    fn verbatim(&mut self, bytes: &[u8]) {
        self.flush();
        if self.pending_blank && self.emitted_any() {
            self.out.extend_from_slice(self.newline);
        }
        self.pending_blank = false;
        self.out.extend_from_slice(bytes);
        if !bytes.ends_with(b"\n") {
            self.out.extend_from_slice(self.newline);
        }
    }

    /// Prints the block gathered so far.
    fn flush(&mut self) {
        if self.block.last().is_some_and(|l| l.kind == Kind::Blank) {
            // A blank before what comes next, not at the end of the block.
            self.block.pop();
            self.pending_blank = true;
        }
        if self.block.is_empty() {
            return;
        }
        if self.pending_blank && self.emitted_any() {
            self.out.extend_from_slice(self.newline);
        }
        self.pending_blank = false;
        self.render();
        self.block.clear();
        self.arena.clear();
        self.next_group = 0;
        self.drain();
    }

    /// True once anything was written (kept or, comparing, dropped).
    fn emitted_any(&self) -> bool {
        !self.out.is_empty() || self.compare.is_some_and(|c| c.at > 0)
    }

    /// Comparing: compares what was written since the last call with the
    /// input and drops it.
    fn drain(&mut self) {
        drain(self.src, &mut self.out, &mut self.compare);
    }

    fn render(&mut self) {
        use rayon::prelude::*;
        if self.compare.is_some_and(|c| c.differs) {
            return; // `fmt --check` has its answer
        }
        let options = self.options;
        let arena = &self.arena;
        let block = &self.block;
        let text = |p: Piece| &arena[p.start as usize..p.end as usize];
        let tab = options.indent == Indent::Tabs;
        let none = options.align == Align::None;
        // A large block (a generated zone is often one block of a million
        // records) is measured and written on all cores, in chunks of lines.
        // (Small blocks, the usual case, stay on this thread: handing them
        // out would cost more than it gains.)
        let big = block.len() >= 2 * RENDER_CHUNK;
        // When every piece is ASCII without a tab (the usual case), a
        // piece's width is its length: found once for the whole block.
        let plain = if big {
            arena.par_chunks(1 << 20).all(is_plain)
        } else {
            is_plain(arena)
        };
        let width = |p: Piece| {
            if plain {
                (p.end - p.start) as usize
            } else {
                visual_width(text(p))
            }
        };

        // Column widths over the block's records.
        let measure = |lines: &[Line]| {
            let mut widths = [0usize; 4];
            let mut present = [true, false, false, true];
            let mut blank_owner = false;
            for l in lines.iter().filter(|l| l.kind == Kind::Record) {
                for c in 0..4 {
                    widths[c] = widths[c].max(width(l.cols[c]));
                    present[c] |= !l.cols[c].is_empty();
                }
                blank_owner |= l.cols[0].is_empty();
            }
            (widths, present, blank_owner)
        };
        let (widths, present, blank_owner) = if big {
            block.par_chunks(RENDER_CHUNK).map(measure).reduce(
                || ([0; 4], [true, false, false, true], false),
                |a, b| {
                    (
                        std::array::from_fn(|c| a.0[c].max(b.0[c])),
                        std::array::from_fn(|c| a.1[c] | b.1[c]),
                        a.2 | b.2,
                    )
                },
            )
        } else {
            measure(block)
        };
        // Records that continue the previous owner start with a blank; make
        // it visible: the next field starts at column 8 at least.
        let owner_min = if blank_owner { BLANK_OWNER_INDENT } else { 0 };
        let advance = |pos: usize| if tab { (pos / 8 + 1) * 8 } else { pos + 1 };

        // Where each field of a record line starts; the last is the data.
        let starts = |cols: &[Piece; 4]| -> [usize; 5] {
            let mut s = [0usize; 5];
            let mut pos = 0;
            for c in 0..4 {
                s[c] = pos;
                if !present[c] {
                    continue;
                }
                let w = if none { width(cols[c]) } else { widths[c] };
                if none && w == 0 && c > 0 {
                    continue; // no field, no separator
                }
                pos = advance(pos + w);
                if c == 0 && (!none || cols[0].is_empty()) {
                    pos = pos.max(owner_min);
                }
            }
            s[4] = pos.max(1);
            s
        };

        // Pass 1: the width of each line's content, for comment columns.
        let data_col_of = |l: &Line| match l.kind {
            Kind::Record => starts(&l.cols)[4] as u32,
            _ => 0,
        };
        let data_col = per_line(block, big, data_col_of);
        let content_of = |l: &Line| match l.kind {
            Kind::Record => {
                let s = starts(&l.cols);
                if l.text.is_empty() {
                    let last = (0..4)
                        .rev()
                        .find(|&c| present[c] && !l.cols[c].is_empty())
                        .unwrap_or(3);
                    (s[last] + width(l.cols[last])) as u32
                } else {
                    (s[4] + width(l.text)) as u32
                }
            }
            Kind::Continuation { parent } => data_col[parent as usize] + width(l.text) as u32,
            Kind::Comment { parent } => {
                parent.map_or(0, |p| data_col[p as usize]) + width(l.text) as u32
            }
            Kind::Directive | Kind::Blank => width(l.text) as u32,
        };
        let content = per_line(block, big, content_of);
        let mut columns: HashMap<u32, u32> = HashMap::new();
        for (l, &w) in block.iter().zip(&content) {
            if l.comment.is_some() {
                let e = columns.entry(l.group).or_insert(0);
                *e = (*e).max(w);
            }
        }

        // Pass 2: write, tracking the display column.
        let newline = self.newline;
        let write = |first: usize, lines: &[Line], out: &mut Vec<u8>| {
            for (i, l) in (first..).zip(lines) {
                let mut col = 0usize;
                let put = |out: &mut Vec<u8>, col: &mut usize, at: usize, piece: Piece| {
                    pad(out, col, at, tab);
                    let bytes = text(piece);
                    out.extend_from_slice(bytes);
                    *col = if plain {
                        *col + bytes.len()
                    } else {
                        advance_width(*col, bytes)
                    };
                };
                match l.kind {
                    Kind::Record => {
                        let s = starts(&l.cols);
                        for c in 0..4 {
                            if present[c] && !l.cols[c].is_empty() {
                                put(out, &mut col, s[c], l.cols[c]);
                            }
                        }
                        if !l.text.is_empty() {
                            put(out, &mut col, s[4], l.text);
                        }
                    }
                    Kind::Continuation { parent } => {
                        put(out, &mut col, data_col[parent as usize] as usize, l.text)
                    }
                    Kind::Comment { parent } => put(
                        out,
                        &mut col,
                        parent.map_or(0, |p| data_col[p as usize] as usize),
                        l.text,
                    ),
                    Kind::Directive | Kind::Blank => put(out, &mut col, 0, l.text),
                }
                if let Some(comment) = l.comment {
                    let here = content[i] as usize;
                    let longest = columns[&l.group] as usize;
                    let target = match options.comment_column {
                        _ if here == 0 => 0,
                        0 if none => here + 1,
                        0 if tab => (longest / 8 + 1) * 8,
                        0 => longest + 1,
                        at => at.saturating_sub(1).max(here + 1),
                    };
                    pad(out, &mut col, target, tab && options.comment_column == 0);
                    out.extend_from_slice(text(comment));
                }
                out.extend_from_slice(newline);
            }
        };
        if !big {
            write(0, block, &mut self.out);
            return;
        }
        // A few chunks per core at a time, into buffers used again for the
        // next ones (fresh memory for each would cost a page fault per 4 KiB).
        let per_round = 2 * rayon::current_num_threads();
        let mut parts: Vec<Vec<u8>> = vec![Vec::new(); per_round];
        let (src, out, compare) = (self.src, &mut self.out, &mut self.compare);
        drain(src, out, compare);
        for (r, lines) in block.chunks(per_round * RENDER_CHUNK).enumerate() {
            let first = r * per_round * RENDER_CHUNK;
            parts
                .par_iter_mut()
                .zip(lines.par_chunks(RENDER_CHUNK))
                .enumerate()
                .for_each(|(k, (part, lines))| {
                    part.clear();
                    write(first + k * RENDER_CHUNK, lines, part);
                });
            let parts = &parts[..lines.len().div_ceil(RENDER_CHUNK)];
            match compare {
                Some(c) => {
                    c.feed_all(src, parts);
                    // The answer is known: the rest need not be written.
                    if c.differs {
                        return;
                    }
                }
                None => parts.iter().for_each(|p| out.extend_from_slice(p)),
            }
        }
    }
}

/// `f` of each line, in order; on all cores when `big`.
fn per_line(block: &[Line], big: bool, f: impl Fn(&Line) -> u32 + Sync + Send) -> Vec<u32> {
    use rayon::prelude::*;
    if big {
        block.par_iter().with_min_len(RENDER_CHUNK).map(f).collect()
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

/// Lines per chunk when a large block is rendered on several cores.
pub(super) const RENDER_CHUNK: usize = 16 * 1024;

/// The display column after writing `bytes` from column `col`.
fn advance_width(col: usize, bytes: &[u8]) -> usize {
    if is_plain(bytes) {
        return col + bytes.len();
    }
    let mut col = col;
    for (i, chunk) in bytes.split(|&b| b == b'\t').enumerate() {
        if i > 0 {
            col = (col / 8 + 1) * 8;
        }
        col += char_count(chunk);
    }
    col
}

/// True when every byte is ASCII and none is a tab: one column each.
fn is_plain(bytes: &[u8]) -> bool {
    // One pass without early exit (it vectorizes): a byte that is not
    // ASCII, or is a tab, sets 0x80 or 0x01.
    bytes
        .iter()
        .fold(0u8, |acc, &b| acc | (b & 0x80) | u8::from(b == b'\t'))
        == 0
}

/// Pads with blanks from display column `*col` up to `target`.
fn pad(out: &mut Vec<u8>, col: &mut usize, target: usize, tabs: bool) {
    if tabs {
        while *col < target && (*col / 8 + 1) * 8 <= target {
            out.push(b'\t');
            *col = (*col / 8 + 1) * 8;
        }
    }
    if *col < target {
        out.resize(out.len() + (target - *col), b' ');
        *col = target;
    }
}

/// Display width: characters, with tab stops every 8 columns.
fn visual_width(bytes: &[u8]) -> usize {
    advance_width(0, bytes)
}
