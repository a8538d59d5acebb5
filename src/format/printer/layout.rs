//! Laying out one record: its columns (owner, TTL, class, type, data),
//! data as written or across lines inside parentheses, and the SOA one
//! field per line.

use super::{Kind, Piece, Printer};
use crate::dns::RecordType;
use crate::format::options::SoaLayout;
use crate::syntax::{Entry, Layout, Token, TokenKind};

impl Printer<'_> {
    pub(super) fn record(&mut self, entry: &Entry<'_>, rtype: RecordType) {
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
    pub(super) fn as_written(&mut self, cols: [Piece; 4], lines: &[Vec<Token>]) {
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
    pub(super) fn soa(&mut self, cols: [Piece; 4], lines: &[Vec<Token>]) {
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
}
