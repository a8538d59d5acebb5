//! Writing a block out: column widths measured over the block (or the
//! file), each line padded to them, a large block on all cores.

use std::collections::HashMap;

use super::{drain, per_line, Kind, Line, Piece, Printer, BLANK_OWNER_INDENT};
use crate::format::options::{Align, Indent};
use crate::source::char_count;

impl Printer<'_> {
    pub(super) fn render(&mut self) {
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

/// Lines per chunk when a large block is rendered on several cores.
pub(crate) const RENDER_CHUNK: usize = 16 * 1024;

/// The display column after writing `bytes` from column `col`.
pub(super) fn advance_width(col: usize, bytes: &[u8]) -> usize {
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
pub(super) fn is_plain(bytes: &[u8]) -> bool {
    // One pass without early exit (it vectorizes): a byte that is not
    // ASCII, or is a tab, sets 0x80 or 0x01.
    bytes
        .iter()
        .fold(0u8, |acc, &b| acc | (b & 0x80) | u8::from(b == b'\t'))
        == 0
}

/// Pads with blanks from display column `*col` up to `target`.
pub(super) fn pad(out: &mut Vec<u8>, col: &mut usize, target: usize, tabs: bool) {
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
pub(super) fn visual_width(bytes: &[u8]) -> usize {
    advance_width(0, bytes)
}
